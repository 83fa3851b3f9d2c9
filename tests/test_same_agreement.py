"""Two reports of one agreement under different ids are one agreement, as visits are."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef

from diplokg.cli import app
from test_decisions import BASE, DK, OWL, RDF, WORLD, build, runner, write


def agreement(source: str, published: str, fact_id: str, kind: str, signed: str | None,
              status: str = "signed", parties: str = "[land-a, land-b]") -> str:
    return f"""diplokg: 1
sources:
  - {{id: {source}, title: Report by {source}, publisher: {source.title()},
     published: {published}}}
agreements:
  - id: {fact_id}
    source: {source}
    kind: {kind}
    title: Treaty between Land A and Land B
    parties: {parties}
    status: {status}
{f"    signed: {signed}" if signed else ""}
    evidence: ["the treaty"]
"""


def agreements(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, DK.Agreement))


def test_same_parties_compatible_kinds_and_signing_dates_are_one_agreement(tmp_path):
    paths = write(tmp_path, world=WORLD,
                  a=agreement("paper-a", "2024-06-19", "a-b-treaty", "agreement", "2024-06"),
                  b=agreement("paper-b", "2024-06-20", "land-a-land-b-2024", "treaty",
                              "2024-06-19"))
    report = tmp_path / "merge.json"
    result = runner.invoke(app, ["build", *map(str, paths), "-o", str(tmp_path / "out.ttl"),
                                 "--strict", "--merge-report", str(report)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "out.ttl")
    node = URIRef(BASE + "agreement/a-b-treaty")  # the earlier report's id names it
    assert agreements(graph) == {node}
    assert (node, OWL.sameAs, URIRef(BASE + "agreement/land-a-land-b-2024")) in graph
    assert str(graph.value(node, DK.signingDate)) == "2024-06-19"
    assert str(graph.value(node, DK.agreementKind)).endswith("/treaty")
    merged = json.loads(report.read_text())["merged"]
    assert [m["merged_ids"] for m in merged if m["kind"] == "agreement"] == [
        ["land-a-land-b-2024"]]


@pytest.mark.parametrize("other", [
    {"signed": "2023-06-19"},  # signed on another day
    {"signed": None, "status": "expected"},  # not signed yet: only same_as joins it
    {"kind": "declaration"},  # a kind that neither refines
    {"parties": "[land-a]"},  # other parties
    {"source": "paper-a"},  # one source listing two agreements means two
])
def test_agreements_that_differ_in_one_thing_stay_two(tmp_path, other):
    second = {"source": "paper-b", "published": "2024-06-20", "fact_id": "other-treaty",
              "kind": "treaty", "signed": "2024-06-19", **other}
    if second["source"] == "paper-a":
        second["published"] = "2024-06-19"
    paths = write(tmp_path, world=WORLD,
                  a=agreement("paper-a", "2024-06-19", "a-b-treaty", "agreement", "2024-06"))
    text = agreement(**second)
    if second["source"] == "paper-a":  # the same source, declared once: only its agreement
        text = text.split("agreements:\n", 1)[1]
        paths[-1].write_text(paths[-1].read_text() + text)
    else:
        paths += write(tmp_path, b=text)
    graph = build(*paths, strict=False)
    assert len(agreements(graph)) == 2


def test_a_year_alone_is_asked_about_not_merged(tmp_path):
    """States sign several agreements in a year: dated to the year only, two reports'
    agreements are probably one, and a person says so."""
    paths = write(tmp_path, world=WORLD,
                  a=agreement("paper-a", "2024-06-19", "a-b-treaty", "agreement", "2024"),
                  b=agreement("paper-b", "2024-06-20", "other-treaty", "treaty", "2024-06-19"))
    result = runner.invoke(app, ["validate", *map(str, paths), "--format", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["fact"]) for p in problems] == [("probably-same", "agreement a-b-treaty")]
    assert "signing dates that may be one day (a-b-treaty 2024 and other-treaty 2024-06-19)" \
        in problems[0]["message"]


def test_one_report_s_agreement_matching_two_of_another_is_asked_about(tmp_path):
    """A report names the treaty; another names it and a second agreement signed the same
    day between the same states: which one the first means is a guess."""
    two = agreement("paper-b", "2024-06-20", "treaty-b", "agreement", "2024-06-19")
    two += two.split("agreements:\n", 1)[1].replace("treaty-b", "health-agreement-b")
    paths = write(tmp_path, world=WORLD,
                  a=agreement("paper-a", "2024-06-19", "treaty-a", "treaty", "2024-06-19"),
                  b=two)
    result = runner.invoke(app, ["validate", *map(str, paths), "--format", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert sorted((p["code"], p["fact"]) for p in problems) == [
        ("probably-same", "agreement health-agreement-b"),
        ("probably-same", "agreement treaty-a")]
    assert "each match more than one agreement of the other's source" in problems[0]["message"]
    graph = build(*paths, strict=False)
    assert len(agreements(graph)) == 3


def test_an_agreement_that_supersedes_another_is_not_the_same(tmp_path):
    newer = agreement("paper-b", "2024-06-20", "newer", "treaty", "2024-06-19").replace(
        "    evidence:", "    supersedes: [older]\n    evidence:")
    paths = write(tmp_path, world=WORLD,
                  a=agreement("paper-a", "2024-06-19", "older", "agreement", "2024-06"),
                  b=newer)
    assert len(agreements(build(*paths, strict=False))) == 2
