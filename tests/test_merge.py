"""Many sources, one graph: merged declarations, names that resolve, conflicts kept."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from conftest import SEEDS, SMALL, replace_in
from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.errors import FactProblems
from diplokg.merge.entities import merge, normalise_name
from diplokg.read.facts import read_facts

SECOND = SEEDS.parent / "tests" / "cases" / "merge"
BASE = ns.DEFAULT_BASE


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


@pytest.fixture(scope="module")
def both():
    return pipeline.graph_from_facts([SEEDS, SECOND])


def test_names_compare_without_case_accents_or_punctuation():
    assert normalise_name("Kim Jong-il") == normalise_name("kim jong il")
    assert normalise_name("Juan Guaidó") == normalise_name("Juan Guaido")
    assert normalise_name("Benjamin Netanyahu") != normalise_name("Binyamin Netanyahu")


def test_two_sources_on_one_visit_make_one_node(both):
    graph = both.graph
    visit = iri("visit/putin-2024-north-korea")
    assert set(graph.objects(visit, ns.DK.source)) == {
        iri("source/cnn-2024-06-putin-pyongyang"), iri("source/second-report")}
    quotes = {str(graph.value(e, ns.DK.quote)): graph.value(e, ns.DK.source)
              for e in graph.objects(visit, ns.DK.evidence)}
    assert quotes["On 19 June 2024 Putin returned to Pyongyang"] == iri("source/second-report")
    assert (visit, ns.OWL.sameAs, iri("visit/putin-2024-return")) in graph
    assert not list(graph.triples((iri("visit/putin-2024-return"), ns.RDF.type, None)))
    # the more precise date wins over a compatible coarser one (2024-06)
    assert (visit, ns.DK.startDate, Literal("2024-06-19", datatype=ns.XSD.date)) in graph
    visits_by_putin = set(graph.subjects(ns.DK.visitor, iri("person/vladimir-putin")))
    assert len(visits_by_putin) == 2


def test_same_person_declared_twice_is_one_person_with_both_spellings(both):
    graph = both.graph
    putin = iri("person/vladimir-putin")
    assert list(graph.subjects(ns.RDFS.label, Literal("Vladimir Putin"))) == [putin]
    assert (putin, ns.SKOS.altLabel, Literal("Vladimir Vladimirovich Putin")) in graph
    assert len(set(graph.objects(putin, ns.DK.source))) == 2


def test_names_and_aliases_resolve_to_ids(both):
    resolved = {(name, target) for _, _, name, target in both.merged.resolved_names}
    assert resolved == {("Vladimir Putin", "vladimir-putin"), ("Kim Jong-il", "kim-jong-il"),
                        ("North Korea", "north-korea")}
    visit = iri("visit/putin-2000-north-korea")
    assert set(both.graph.objects(visit, ns.DK.host)) == {iri("person/kim-jong-il")}


def test_conflicting_dates_are_kept_with_their_sources_and_reported(both):
    graph = both.graph
    visit = iri("visit/putin-2000-north-korea")
    # one origin each, both to the day: the tie goes to the earlier date, and queries on
    # the plain property still answer
    assert graph.value(visit, ns.DK.startDate) == Literal("2000-06-19", datatype=ns.XSD.date)
    claims = {(str(graph.value(c, ns.DK.claimedValue)), graph.value(c, ns.DK.source),
               graph.value(c, ns.DK.rank)) for c in graph.objects(visit, ns.DK.claim)
              if str(graph.value(c, ns.DK.claimField)) == "start"}
    assert claims == {("2000-06-19", iri("source/cnn-2024-06-putin-pyongyang"),
                       ns.DK.PreferredRank),
                      ("2000-07-19", iri("source/second-report"), ns.DK.NormalRank)}
    assert str(graph.value(visit, ns.DK.startEarliest)) == "2000-06-19"
    assert str(graph.value(visit, ns.DK.startLatest)) == "2000-06-19"
    conflicts = [p for p in both.problems if p.code == "conflict"]
    assert [(p.fact, p.field, p.severity) for p in conflicts] == [
        ("visit putin-2000-north-korea", "start", "warning")]
    assert "2000-06-19 (cnn-2024-06-putin-pyongyang" in conflicts[0].message
    assert "2000-07-19 (second-report" in conflicts[0].message
    assert both.conforms


def test_disagreements_can_be_listed_with_a_query(both):
    rows = list(both.graph.query("""
        PREFIX dk: <https://w3id.org/diplokg/ontology#>
        SELECT ?fact ?field ?value ?source WHERE {
            ?fact dk:disputed ?property ; dk:claim ?claim .
            ?claim dk:claimProperty ?property ; dk:claimField ?field ;
                dk:claimedValue ?value ; dk:source ?source .
        }
        ORDER BY ?value"""))
    assert [(str(r.field), str(r.value)) for r in rows] == [("start", "2000-06-19"),
                                                            ("start", "2000-07-19")]


def test_merge_report(tmp_path):
    out, report = tmp_path / "out.ttl", tmp_path / "merge.json"
    result = CliRunner().invoke(app, ["build", str(SEEDS), str(SECOND), "-o", str(out),
                                      "--merge-report", str(report)])
    assert result.exit_code == 0, result.output
    assert "merged 3 fact(s) declared more than once, resolved 3 name(s), kept 1 conflict(s)" \
        in result.output
    document = json.loads(report.read_text())
    assert sorted(m["id"] for m in document["merged"]) == [
        "putin-2000-north-korea", "putin-2024-north-korea", "vladimir-putin"]
    assert document["conflicts"][0]["field"] == "start"
    assert {c["source"] for c in document["conflicts"][0]["claims"]} == {
        "cnn-2024-06-putin-pyongyang", "second-report"}


def test_unresolved_name_gets_suggestions_not_a_guess(small):
    replace_in(small, "    visitors: [leader-a]", "    visitors: [Leader Aa]")
    with pytest.raises(FactProblems) as caught:
        merge(read_facts([small]))
    problem = caught.value.problems[0]
    assert problem.code == "unknown-id" and "'leader-a'" in problem.hint


def test_ambiguous_name_is_an_error(small):
    replace_in(small, "    name: King B", "    name: Leader A")
    replace_in(small, "    visitors: [leader-a]", "    visitors: [Leader A]")
    with pytest.raises(FactProblems) as caught:
        merge(read_facts([small]))
    assert caught.value.problems[0].code == "ambiguous-name"


def test_visits_from_one_source_are_never_merged_by_dates(small):
    text = small.read_text()
    visit = text[text.index("  - id: a-to-zenda"):text.index("agreements:")]
    replace_in(small, "agreements:", visit.replace("a-to-zenda", "a-to-zenda-again")
               + "agreements:")
    merged = merge(read_facts([small]))
    assert {"a-to-zenda", "a-to-zenda-again"} <= set(merged.entities)


def test_visits_with_different_visitors_are_not_merged(tmp_path):
    for name in ("article.txt", "facts.yaml"):
        (tmp_path / name).write_text((SMALL / name).read_text())
    (tmp_path / "other.yaml").write_text("""diplokg: 1
sources:
  - {id: other, title: Other, publisher: Other}
visits:
  - id: b-to-zenda
    source: other
    visitors: [king-b]
    destination: zenda-state
    start: 2024-05-06
    status: took-place
    evidence: ["King B visited"]
""")
    merged = merge(read_facts([tmp_path]))
    assert {"a-to-zenda", "b-to-zenda"} <= set(merged.entities)


def test_same_as_must_join_facts_of_one_kind(small):
    replace_in(small, "    hosts: [king-b]", "    hosts: [king-b]\n    same_as: [ruritania]")
    with pytest.raises(FactProblems) as caught:
        merge(read_facts([small]))
    assert caught.value.problems[0].code == "same-as-kinds"


@pytest.mark.parametrize("dates, claims, preferred", [
    (["1990", "1990", "1991"], ["1990", "1990", "1991"], "1990"),  # agreeing claims kept too
    (["1990", "1990-06", "1991"], ["1990", "1990-06", "1991"], "1990-06"),  # and coarser ones
])
def test_every_declaration_keeps_its_claim_once_sources_disagree(tmp_path, dates, claims,
                                                                 preferred):
    for name in ("article.txt", "facts.yaml"):
        (tmp_path / name).write_text((SMALL / name).read_text())
    for number, signed in enumerate(dates):
        (tmp_path / f"report-{number}.yaml").write_text(f"""diplokg: 1
sources:
  - {{id: report-{number}, title: Report {number}, publisher: Paper {number}}}
agreements:
  - id: accord-1990
    source: report-{number}
    kind: agreement
    title: 1990 accord
    signed: {signed}
    status: superseded
    evidence: ["the 1990 accord"]
""")
    merged = merge(read_facts([tmp_path]))
    entity = merged.entities["accord-1990"]
    # the first declaration (facts.yaml) says 1990 too
    assert sorted(c.value for c in entity.conflicts["signed"]) == sorted(["1990", *claims])
    # the preferred value is the one most independent sources allow
    assert entity.data["signed"] == preferred
