"""Conflicts a person settles, life cycles and nested entries, end to end through the CLI.

Each test writes a few small fact files (one source each) into a temporary folder
and builds or validates them as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from diplokg import namespaces as ns
from diplokg.cli import app
from diplokg.model import registry

BASE = ns.DEFAULT_BASE
DK, RDF, OWL = ns.DK, ns.RDF, ns.OWL
VISIT = URIRef(BASE + "visit/a-to-b")
runner = CliRunner()

WORLD = """diplokg: 1
sources:
  - {id: registry, title: Registry, publisher: The Registry, published: 2024-01-01}
states:
  - {id: land-a, source: registry, name: Land A, iso: LA, evidence: ["Land A"]}
  - {id: land-b, source: registry, name: Land B, iso: LB, evidence: ["Land B"]}
places:
  - {id: capital-b, source: registry, name: Capital B, kind: city, located_in: land-b,
     evidence: ["Capital B"]}
  - {id: airport-b, source: registry, name: Airport B, kind: airport, located_in: land-b,
     evidence: ["Airport B"]}
persons:
  - id: leader-a
    source: registry
    name: Leader A
    evidence: ["Leader A"]
    offices: [{title: President of Land A, state: land-a, start: 2020}]
  - id: leader-b
    source: registry
    name: Leader B
    evidence: ["Leader B"]
    offices: [{title: President of Land B, state: land-b, start: 2019}]
  - id: minister-c
    source: registry
    name: Minister C
    evidence: ["Minister C"]
    offices: [{title: Foreign Minister of Land A, state: land-a, start: 2021}]
  - id: minister-d
    source: registry
    name: Minister D
    evidence: ["Minister D"]
    offices: [{title: Foreign Minister of Land B, state: land-b, start: 2022}]
"""


def report(source: str, published: str, start: str, status: str = "took-place",
           extra: str = "") -> str:
    """A report of the visit of Leader A to Land B, by a source of its own."""
    return f"""diplokg: 1
sources:
  - {{id: {source}, title: Report by {source}, publisher: {source.title()},
     published: {published}}}
visits:
  - id: a-to-b
    source: {source}
    visitors: [leader-a]
    hosts: [leader-b]
    destination: land-b
    start: {start}
    status: {status}
    evidence: ["Leader A visits Land B"]
{extra}"""


def decisions(*entries: str) -> str:
    return "diplokg: 1\ndecisions:\n" + "".join(f"  - {e}\n" for e in entries)


PREFER_19TH = ("{id: a-to-b-start, fact: a-to-b, field: start, prefer: '2024-06-19', "
               "over: ['2024-06-18'], by: A. Editor, why: the later report corrects the "
               "earlier, decided: 2024-07-01}")


def write(folder: Path, **files: str) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def two_reports(tmp_path) -> list[Path]:
    """Two sources, one visit each with the same id, different `start:` and `status:`."""
    return write(tmp_path, world=WORLD,
                 a=report("paper-a", "2024-06-18", "2024-06-18", status="planned"),
                 b=report("paper-b", "2024-06-20", "2024-06-19"))


def validate(*paths: Path, strict: bool = False) -> tuple[int, list[dict]]:
    args = ["validate", *map(str, paths), "--format", "json", *(["--strict"] if strict else [])]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["problems"]


def build(*paths: Path, strict: bool = True, ids: Path | None = None) -> Graph:
    out = paths[0].parent / "out.ttl"
    result = runner.invoke(app, ["build", *map(str, paths), "-o", str(out),
                                 *(["--strict"] if strict else []),
                                 *(["--ids", str(ids)] if ids else [])])
    assert result.exit_code == 0, result.output
    return Graph().parse(out)


def codes(problems: list[dict]) -> list[str]:
    return sorted(p["code"] for p in problems)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# -- a conflict, and the decision that settles it --------------------------------


def test_a_conflict_warns_with_every_value_source_and_line(two_reports):
    world, a, b = two_reports
    status, problems = validate(*two_reports)
    assert status == 0
    assert codes(problems) == ["conflict"]  # planned, then took place: no conflict
    warning = problems[0]
    assert (warning["fact"], warning["field"], warning["severity"]) == (
        "visit a-to-b", "start", "warning")
    message = warning["message"]
    assert f"2024-06-18 (paper-a {a}:{line_of(a, 'start:')})" in message
    assert f"2024-06-19 (paper-b {b}:{line_of(b, 'start:')})" in message
    assert "prefer:" in warning["hint"] and "accept:" in warning["hint"]
    assert validate(*two_reports, strict=True)[0] == 1


def test_a_decision_settles_the_conflict_and_is_in_the_graph(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(PREFER_19TH))
    status, problems = validate(*paths, strict=True)
    assert (status, problems) == (0, [])
    graph = build(*paths)
    decision = URIRef(BASE + "decision/a-to-b-start")
    assert (decision, RDF.type, DK.Decision) in graph
    assert graph.value(decision, DK.decisionAbout) == VISIT
    assert graph.value(decision, DK.decidedBy) == Literal("A. Editor")
    assert graph.value(decision, DK.reason) == Literal("the later report corrects the earlier")
    assert str(graph.value(decision, DK.decisionField)) == "start"
    assert set(graph.objects(VISIT, DK.startDate)) == {Literal("2024-06-19",
                                                               datatype=ns.XSD.date)}
    ranks = {str(graph.value(c, DK.claimedValue)): graph.value(c, DK.rank)
             for c in graph.objects(VISIT, DK.claim)
             if str(graph.value(c, DK.claimField)) == "start"}
    assert ranks == {"2024-06-19": DK.PreferredRank, "2024-06-18": DK.NormalRank}


def test_without_the_decision_the_policy_picks_and_the_date_stays(two_reports):
    graph = build(*two_reports, strict=False)
    # never no date: the tie of one source each goes to the earlier date
    assert set(graph.objects(VISIT, DK.startDate)) == {Literal("2024-06-18",
                                                               datatype=ns.XSD.date)}
    # planned on the 18th, took place by the 20th: the later claim is current
    assert set(graph.objects(VISIT, DK.visitStatus)) == {registry.concept_iri(
        "visit-status", "took-place")}


def test_a_new_value_after_the_decision_warns_again(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(PREFER_19TH),
                                c=report("paper-c", "2024-06-21", "2024-06-20"))
    status, problems = validate(*paths)
    assert status == 0 and codes(problems) == ["conflict"]
    message = problems[0]["message"]
    assert "new since decision a-to-b-start: 2024-06-20" in message
    assert validate(*paths, strict=True)[0] == 1


# -- decisions that cannot apply -------------------------------------------------


def test_preferring_a_value_no_source_claims_is_a_violation(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(
        "{id: d, fact: a-to-b, field: start, prefer: '2024-06-25', by: A. Editor, why: guess}"))
    status, problems = validate(*paths)
    assert status == 1
    found = [p for p in problems if p["code"] == "decision-value"]
    assert len(found) == 1 and found[0]["severity"] == "violation"
    assert "2024-06-18" in found[0]["message"] and "2024-06-19" in found[0]["message"]
    assert found[0]["file"].endswith("decisions.yaml")


def test_a_decision_about_a_field_that_does_not_exist(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(
        "{id: d, fact: a-to-b, field: strat, prefer: '2024-06-19', by: A. Editor, why: x}"))
    status, problems = validate(*paths)
    assert status == 1
    found = [p for p in problems if p["code"] == "decision-field"]
    assert len(found) == 1 and found[0]["severity"] == "violation"
    assert "'start'" in found[0]["hint"]


@pytest.mark.parametrize("form", [
    "prefer: '2024-06-19', accept: ['2024-06-18', '2024-06-19']",
    "over: ['2024-06-18']",
])
def test_a_decision_prefers_or_accepts(two_reports, tmp_path, form):
    paths = two_reports + write(tmp_path, decisions=decisions(
        f"{{id: d, fact: a-to-b, field: start, {form}, by: A. Editor, why: x}}"))
    status, problems = validate(*paths)
    assert status == 1
    assert "decision-form" in codes(problems)
    assert "conflict" in codes(problems)  # a decision that does not apply settles nothing


def test_two_decisions_on_one_field(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(
        PREFER_19TH,
        "{id: again, fact: a-to-b, field: start, accept: ['2024-06-18', '2024-06-19'], "
        "by: B. Editor, why: y}"))
    status, problems = validate(*paths)
    assert status == 1
    found = [p for p in problems if p["code"] == "decision-twice"]
    assert len(found) == 1 and "a-to-b-start" in found[0]["message"]


def test_a_decision_where_the_sources_agree_is_stale(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(
        PREFER_19TH,
        "{id: dest, fact: a-to-b, field: destination, prefer: land-b, by: A. Editor, why: z}"))
    status, problems = validate(*paths)
    assert status == 0 and codes(problems) == ["decision-stale"]
    assert problems[0]["severity"] == "warning" and problems[0]["fact"] == "decision dest"
    assert validate(*paths, strict=True)[0] == 1


def test_a_decision_about_an_unknown_fact(two_reports, tmp_path):
    paths = two_reports + write(tmp_path, decisions=decisions(
        "{id: d, fact: a-to-c, field: start, prefer: '2024-06-19', by: A. Editor, why: x}"))
    status, problems = validate(*paths)
    assert status == 1
    assert codes(problems) == ["unknown-id"]
    assert "a-to-b" in problems[0]["hint"]


ARRIVAL = """    events:
      - id: arrival
        kind: arrival
        place: airport-b
        start: {start}
        evidence: ["Leader A landed"]
"""


def test_a_decision_on_a_field_of_a_nested_entry(tmp_path):
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06",
                           extra=ARRIVAL.format(start="2024-06-18")),
                  b=report("paper-b", "2024-06-20", "2024-06",
                           extra=ARRIVAL.format(start="2024-06-19")))
    status, problems = validate(*paths)
    assert status == 0 and codes(problems) == ["conflict"]
    assert problems[0]["field"] == "events[arrival].start"
    paths += write(tmp_path, decisions=decisions(
        "{id: landing, fact: a-to-b, field: 'events[arrival].start', prefer: '2024-06-19', "
        "over: ['2024-06-18'], by: A. Editor, why: local time}"))
    assert validate(*paths, strict=True) == (0, [])
    graph = build(*paths)
    arrival = URIRef(f"{VISIT}/event/arrival")
    assert set(graph.objects(arrival, DK.startDate)) == {Literal("2024-06-19",
                                                                 datatype=ns.XSD.date)}


# -- a life cycle ----------------------------------------------------------------


def agreement(source: str, published: str, status: str, extra: str = "") -> str:
    return f"""diplokg: 1
sources:
  - {{id: {source}, title: Report by {source}, publisher: {source.title()},
     published: {published}}}
agreements:
  - id: pact
    source: {source}
    kind: treaty
    title: Pact of Land A and Land B
    parties: [land-a, land-b]
    status: {status}
    evidence: ["the pact"]
{extra}"""


SIGNED = registry.concept_iri("agreement-status", "signed")


def status_claims(graph: Graph) -> dict[str, str]:
    pact = URIRef(BASE + "agreement/pact")
    return {str(graph.value(c, DK.claimedValue)).rsplit("/", 1)[-1]: str(graph.value(c, DK.asOf))
            for c in graph.objects(pact, DK.claim)
            if str(graph.value(c, DK.claimField)) == "status"}


def test_a_status_moving_forward_builds_strictly(tmp_path):
    paths = write(tmp_path, world=WORLD, x=agreement("paper-x", "2024-06-17", "expected"),
                  y=agreement("paper-y", "2024-06-19", "signed", "    signed: 2024-06-19\n"))
    graph = build(*paths)
    pact = URIRef(BASE + "agreement/pact")
    assert set(graph.objects(pact, DK.agreementStatus)) == {SIGNED}
    assert status_claims(graph) == {"expected": "2024-06-17", "signed": "2024-06-19"}


def test_as_of_dates_a_claim_instead_of_its_source(tmp_path):
    # published after the signing, but speaking of the day before it
    late = agreement("paper-x", "2024-06-20", "expected")
    signed = agreement("paper-y", "2024-06-19", "signed", "    signed: 2024-06-19\n")
    paths = write(tmp_path, world=WORLD, x=late, y=signed)
    status, problems = validate(*paths)
    assert status == 0 and codes(problems) == ["backward"]
    assert "signed (paper-y, 2024-06-19) then expected (paper-x, 2024-06-20" in \
        problems[0]["message"]
    accepted = write(tmp_path, decisions=decisions(
        "{id: late, fact: pact, field: status, accept: [expected, signed], by: A. Editor, "
        "why: the report was written before the signing}"))
    assert validate(*paths, *accepted, strict=True) == (0, [])
    (tmp_path / "decisions.yaml").unlink()
    paths = write(tmp_path, x=late + "    as_of: 2024-06-17\n")
    graph = build(tmp_path / "world.yaml", *paths, tmp_path / "y.yaml")
    pact = URIRef(BASE + "agreement/pact")
    assert set(graph.objects(pact, DK.agreementStatus)) == {SIGNED}
    assert status_claims(graph) == {"expected": "2024-06-17", "signed": "2024-06-19"}


# -- nested entries --------------------------------------------------------------


def events(*entries: str) -> str:
    return "    events:\n" + "".join(f"      - {e}\n" for e in entries)


def event_nodes(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, DK.VisitEvent))


def test_arrivals_of_two_reports_are_one_event_with_both_claims(tmp_path):
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-18", extra=events(
                      "{kind: arrival, place: airport-b, start: 2024-06, evidence: [landed]}")),
                  b=report("paper-b", "2024-06-20", "2024-06-18", extra=events(
                      "{kind: arrival, place: airport-b, start: 2024-06-18, "
                      "participants: [leader-a, leader-b], evidence: [greeted]}")))
    graph = build(*paths)
    arrival = URIRef(f"{VISIT}/event/arrival")
    assert event_nodes(graph) == {arrival}
    assert str(graph.value(arrival, DK.startDate)) == "2024-06-18"
    claims = {(str(graph.value(c, DK.claimField)), str(graph.value(c, DK.source)))
              for c in graph.objects(arrival, DK.claim)}
    sources = {BASE + "source/paper-a", BASE + "source/paper-b"}
    assert {s for f, s in claims if f == "start"} == sources
    assert {s for f, s in claims if f == "place"} == sources
    assert set(map(str, graph.objects(arrival, DK.source))) == sources


def test_meetings_with_different_participants_stay_two(tmp_path):
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-18", extra=events(
                      "{kind: meeting, participants: [leader-a, minister-d], start: 2024-06-18, "
                      "evidence: [met the minister]}")),
                  b=report("paper-b", "2024-06-20", "2024-06-18", extra=events(
                      "{kind: meeting, participants: [leader-b, minister-c], start: 2024-06-18, "
                      "evidence: [met the president]}")))
    graph = build(*paths)
    meetings = event_nodes(graph)
    assert len(meetings) == 2
    assert {frozenset(map(str, graph.objects(m, DK.participant))) for m in meetings} == {
        frozenset({BASE + "person/leader-a", BASE + "person/minister-d"}),
        frozenset({BASE + "person/leader-b", BASE + "person/minister-c"})}


FIRST_EVENTS = events(
    "{kind: arrival, place: airport-b, start: 2024-06-19, evidence: [landed]}",
    "{kind: meeting, participants: [leader-a, leader-b], start: 2024-06-19, evidence: [met]}",
    "{kind: meeting, participants: [minister-c, minister-d], start: 2024-06-19, "
    "evidence: [ministers met]}")
# an earlier report, added later: a meeting of its own, and the same arrival
EARLIER_EVENTS = events(
    "{kind: meeting, participants: [leader-a, minister-d], start: 2024-06-19, "
    "evidence: [met the minister]}",
    "{kind: arrival, place: airport-b, start: 2024-06, evidence: [arrived]}")


def first_and_both(tmp_path, ids: Path | None = None) -> tuple[Graph, Graph]:
    alone = tmp_path / "alone"
    alone.mkdir()
    paths = write(alone, world=WORLD, a=report("paper-a", "2024-06-20", "2024-06-19",
                                               extra=FIRST_EVENTS))
    first = build(*paths, ids=ids)
    paths += write(alone, b=report("paper-b", "2024-06-18", "2024-06", extra=EARLIER_EVENTS))
    return first, build(*paths, ids=ids)


def test_event_iris_of_a_first_build_stay_valid(tmp_path):
    first, both = first_and_both(tmp_path)
    assert len(event_nodes(first)) == 3
    assert len(event_nodes(both)) == 4
    still = event_nodes(both) | set(both.objects(None, OWL.sameAs))
    assert event_nodes(first) <= still


def people(graph: Graph, node: URIRef) -> frozenset[str]:
    """Who took part in an event, whether its IRI is the node's own or an owl:sameAs alias."""
    nodes = {node} | set(graph.subjects(OWL.sameAs, node))
    return frozenset(str(p) for n in nodes for p in graph.objects(n, DK.participant))


def test_without_an_identity_file_an_earlier_report_added_later_takes_a_segment(tmp_path):
    """The control of the test below: the earliest declaration names an entry."""
    first, both = first_and_both(tmp_path)
    assert any(people(both, node) != people(first, node) for node in event_nodes(first))


def test_with_the_identity_file_a_first_build_s_event_iris_name_the_same_events(tmp_path):
    first, both = first_and_both(tmp_path, ids=tmp_path / "ids.yaml")
    for node in event_nodes(first):
        assert people(both, node) == people(first, node), node


MOTORCADES = events("{kind: motorcade, start: 2024-06-19, evidence: [to the palace]}",
                    "{kind: motorcade, start: 2024-06-19, evidence: [to the palace]}")


def test_two_entries_of_one_kind_in_one_declaration_stay_apart(tmp_path):
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-19", extra=MOTORCADES),
                  b=report("paper-b", "2024-06-20", "2024-06-19", extra=events(
                      "{kind: arrival, start: 2024-06-19, evidence: [landed]}")))
    graph = build(*paths)
    assert {str(n).rsplit("/", 1)[-1] for n in event_nodes(graph)} == {
        "motorcade", "motorcade-2", "arrival"}


def test_an_entry_matching_two_others_is_kept_apart_and_reported(tmp_path):
    paths = write(tmp_path, world=WORLD,
                  a=report("paper-a", "2024-06-18", "2024-06-19", extra=MOTORCADES),
                  b=report("paper-b", "2024-06-20", "2024-06-19", extra=events(
                      "{kind: motorcade, start: 2024-06-19, evidence: [drove]}")))
    out, report_file = tmp_path / "out.ttl", tmp_path / "merge.json"
    result = runner.invoke(app, ["build", *map(str, paths), "-o", str(out), "--strict",
                                 "--merge-report", str(report_file)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    segments = {str(n).rsplit("/", 1)[-1] for n in event_nodes(graph)}
    assert len(segments) == 3 and {"motorcade", "motorcade-2"} < segments
    (apart,) = [e for e in json.loads(report_file.read_text())["entries"]
                if e.get("kept_apart_from")]
    assert apart["field"] == "events" and apart["kept_apart_from"] == ["motorcade",
                                                                       "motorcade-2"]
    assert apart["declarations"][0]["source"] == "paper-b"
