"""Fact files to Turtle: golden graphs, independent parsers, determinism, exact triples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conftest import SEEDS, SMALL, replace_in
from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.errors import FactProblems

GOLDEN = Path(__file__).parent / "golden"
CASES = {"seeds": SEEDS, "small": SMALL}


def node(path: str) -> URIRef:
    return URIRef(ns.DEFAULT_BASE + path)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, tmp_path, update_golden):
    out = tmp_path / "out.ttl"
    pipeline.build([CASES[name]], out)
    expected_path = GOLDEN / f"{name}.ttl"
    if update_golden:
        expected_path.write_bytes(out.read_bytes())
        pytest.skip(f"rewrote {expected_path}")
    got = Graph().parse(out, format="turtle")
    expected = Graph().parse(expected_path, format="turtle")
    if not isomorphic(got, expected):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail("output differs from the golden file (rerun with --update-golden if the "
                    f"change is intended)\nmissing:\n{only_expected.serialize(format='nt')}"
                    f"\nunexpected:\n{only_got.serialize(format='nt')}")


@pytest.mark.parametrize("fmt,oxformat", [("turtle", pyoxigraph.RdfFormat.TURTLE),
                                          ("nt", pyoxigraph.RdfFormat.N_TRIPLES)])
def test_output_parses_the_same_in_rdflib_and_oxigraph(fmt, oxformat, tmp_path):
    out = tmp_path / "seeds.out"
    result = pipeline.build([SEEDS], out, fmt=fmt)
    rdflib_graph = Graph().parse(out, format=fmt)
    oxigraph_triples = list(pyoxigraph.parse(path=str(out), format=oxformat))
    assert len(rdflib_graph) == len(oxigraph_triples) == len(result.graph) > 500
    assert isomorphic(rdflib_graph, result.graph)


def test_two_builds_give_identical_bytes(tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    pipeline.build([SEEDS], first)
    pipeline.build([SEEDS], second)
    assert first.read_bytes() == second.read_bytes()


def test_base_iri_is_configurable(tmp_path):
    out = tmp_path / "out.ttl"
    pipeline.build([SMALL], out, base="https://example.org/kg/")
    graph = Graph().parse(out)
    assert (URIRef("https://example.org/kg/person/leader-a"), ns.RDFS.label,
            Literal("Leader A")) in graph
    assert not any(str(s).startswith(ns.DEFAULT_BASE) for s in graph.subjects())


def test_bad_base_iri_is_refused(tmp_path):
    with pytest.raises(Exception, match="must be an http:// or https:// IRI"):
        pipeline.build([SMALL], tmp_path / "out.ttl", base="example.org")


def test_partial_dates_keep_their_precision():
    graph = pipeline.graph_from_facts([SMALL]).graph
    treaty, accord = node("agreement/friendship-treaty"), node("agreement/accord-1990")
    assert (treaty, ns.DK.signingDate, Literal("2024-05", datatype=ns.XSD.gYearMonth)) in graph
    assert (treaty, ns.DK.signingDate, Literal("2024-05", datatype=ns.XSD.string)) not in graph
    assert (treaty, ns.DK.signingLatest, Literal("2024-05-31", datatype=ns.XSD.date)) in graph
    assert (accord, ns.DK.signingDate, Literal("1990", datatype=ns.XSD.gYear)) in graph
    assert (accord, ns.DK.signingEarliest, Literal("1990-01-01", datatype=ns.XSD.date)) in graph
    visit = node("visit/a-to-zenda")
    assert (visit, ns.DK.startDate, Literal("2024-05-06", datatype=ns.XSD.date)) in graph


def test_every_fact_is_linked_to_its_source_and_evidence():
    graph = pipeline.graph_from_facts([SEEDS]).graph
    source = node("source/cnn-2024-06-putin-pyongyang")
    facts = [s for s in graph.subjects(ns.DK.source, None)]
    assert len(facts) > 30
    for fact in facts:
        assert (fact, ns.DK.source, source) in graph
    for kind in (ns.DK.Person, ns.DK.State, ns.DK.Place, ns.DK.Visit, ns.DK.Agreement):
        for fact in graph.subjects(None, kind):
            quotes = [graph.value(e, ns.DK.quote) for e in graph.objects(fact, ns.DK.evidence)]
            assert quotes and all(quotes), fact


def test_seed_visits_and_agreements():
    graph = pipeline.graph_from_facts([SEEDS]).graph
    putin = node("person/vladimir-putin")
    visits = set(graph.subjects(ns.DK.visitor, putin))
    assert node("visit/putin-2024-north-korea") in visits
    assert node("visit/putin-2000-north-korea") in visits
    chain = node("agreement/russia-north-korea-2024-agreement")
    assert set(graph.objects(chain, ns.DK.supersedes)) >= {
        node("agreement/russia-north-korea-2000-agreement")}
    assert (node("agreement/russia-north-korea-2000-agreement"), ns.DK.supersedes,
            node("agreement/ussr-north-korea-1961-treaty")) in graph


def test_no_blank_nodes():
    graph = pipeline.graph_from_facts([SEEDS]).graph
    assert all(isinstance(term, (URIRef, Literal)) for triple in graph for term in triple)


def test_violation_writes_nothing_and_keeps_the_old_file(small, tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("previous build\n")
    replace_in(small, "    destination: zenda-state", "    destination: leader-a")
    with pytest.raises(FactProblems) as caught:
        pipeline.build([small], out)
    problem = caught.value.problems[0]
    assert (problem.file, problem.fact, problem.field, problem.value) == (
        str(small), "visit a-to-zenda", "destination", "leader-a (person)")
    assert out.read_text() == "previous build\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_strict_fails_on_warnings(small, tmp_path):
    replace_in(small, "    iso: ZD\n", "")
    result = pipeline.build([small], tmp_path / "out.ttl")
    assert [p.field for p in result.problems] == ["iso"]
    with pytest.raises(FactProblems):
        pipeline.build([small], tmp_path / "strict.ttl", strict=True)
    assert not (tmp_path / "strict.ttl").exists()
