"""N-Quads, TriG and JSON-LD for bulk loaders: they read back the same in rdflib and in
Oxigraph, put each source's facts in its own named graph, and are byte-for-byte stable."""

from __future__ import annotations

import json
import re

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from conftest import SEEDS
from diplokg import iris
from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.model import registry
from diplokg.query import store
from diplokg.rdf import serialize

# rdflib's own N-Quads and TriG parsers use an API rdflib has deprecated.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning")

SOURCE = URIRef(ns.DEFAULT_BASE + "source/cnn-2024-06-putin-pyongyang")
DATASETS = {"nquads": ("nquads", pyoxigraph.RdfFormat.N_QUADS),
            "trig": ("trig", pyoxigraph.RdfFormat.TRIG)}


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return pipeline.graph_from_facts([SEEDS]).graph


def build(fmt: str, folder) -> tuple:
    out = folder / f"seeds{serialize.GRAPH_FORMATS[fmt]}"
    pipeline.build([SEEDS], out, fmt=fmt)
    return out


def rdflib_quads(path, fmt: str) -> list[tuple]:
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    return [(s, p, o, None if g == dataset.default_graph.identifier or g is None else g)
            for s, p, o, g in dataset.quads((None, None, None, None))]


@pytest.mark.parametrize("fmt", sorted(DATASETS))
def test_one_named_graph_per_source(fmt, tmp_path, seed_graph):
    rdflib_format, oxformat = DATASETS[fmt]
    out = build(fmt, tmp_path)
    quads = rdflib_quads(out, rdflib_format)
    oxigraph_quads = list(pyoxigraph.parse(path=str(out), format=oxformat))
    assert len(quads) == len(oxigraph_quads) == len(seed_graph)
    union = Graph()
    for s, p, o, _ in quads:
        union.add((s, p, o))
    assert isomorphic(union, seed_graph)
    for s, _, _, g in quads:  # sources and the vocabulary stay in the default graph, the
        # rest go in their source's
        in_default = (s, ns.RDF.type, ns.DK.Source) in seed_graph or s.startswith(ns.VOCAB)
        assert g == (None if in_default else SOURCE)
    names = {q.graph_name for q in oxigraph_quads}
    assert names == {pyoxigraph.DefaultGraph(), pyoxigraph.NamedNode(str(SOURCE))}


def test_jsonld_reads_back_the_same_in_rdflib_and_oxigraph(tmp_path, seed_graph):
    out = build("jsonld", tmp_path)
    parsed = Graph().parse(out, format="json-ld")
    oxigraph_triples = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.JSON_LD))
    assert len(parsed) == len(oxigraph_triples) == len(seed_graph)
    assert isomorphic(parsed, seed_graph)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["@context"] == serialize.context()
    first = document["@graph"][0]
    assert first["@id"] == "agreement:russia-north-korea-2000-agreement"
    assert first["dk:signingDate"] == {"@value": "2000", "@type": "xsd:gYear"}


def test_published_context_matches_the_namespaces():
    assert serialize.context() == serialize.context_for(ns.DEFAULT_BASE)
    assert set(registry.project_prefixes().items()) <= set(serialize.context().items())


def test_jsonld_with_another_base_carries_that_base(tmp_path, seed_graph):
    base = "https://example.org/kg/"
    graph = pipeline.graph_from_facts([SEEDS], base).graph
    text = "\n".join(serialize.serialize(graph, "jsonld", base))
    assert json.loads(text)["@context"]["person"] == base + "person/"
    assert isomorphic(Graph().parse(data=text, format="json-ld"), graph)


@pytest.fixture(scope="module")
def another_seed_graph() -> Graph:
    """The seed graph mapped a second time, in the same process."""
    return pipeline.graph_from_facts([SEEDS]).graph


@pytest.mark.parametrize("fmt", sorted(serialize.GRAPH_FORMATS))
def test_two_builds_give_identical_bytes(fmt, seed_graph, another_seed_graph):
    first = list(serialize.serialize(seed_graph, fmt))
    assert first == list(serialize.serialize(another_seed_graph, fmt))
    assert len(first) > 100


def test_writers_and_loader_split_by_source_alike(seed_graph):
    by_writer = {None if name is None else str(name): len(part)
                 for name, part in serialize.split_by_source(seed_graph).items()}
    quads = [pyoxigraph.Quad(store.to_ox(s), store.to_ox(p), store.to_ox(o))
             for s, p, o in seed_graph]
    by_loader = {name: len(part) for name, part in store.plan(quads, per_source=True).items()}
    assert by_writer == by_loader == {None: by_writer[None], str(SOURCE): by_writer[str(SOURCE)]}
    assert sum(by_writer.values()) == len(seed_graph)


def test_a_node_with_two_sources_goes_to_both_graphs():
    node, other, first, second = (URIRef(f"urn:x:{n}") for n in ("node", "other", "s1", "s2"))
    triples = [(node, ns.DK.source, first), (node, ns.DK.source, second),
               (node, ns.RDFS.label, Literal("a")), (other, ns.RDFS.label, Literal("b")),
               (other, ns.DK.source, Literal("not an IRI"))]
    parts = serialize.split_by_source(triples + triples[:1])  # a repeat counts once
    assert {name: sorted(part) for name, part in parts.items()} == {
        first: sorted(triples[:3]), second: sorted(triples[:3]), None: sorted(triples[3:])}
    on_oxigraph = serialize.split_by_source(
        [pyoxigraph.Triple(*map(store.to_ox, t)) for t in triples], pyoxigraph.NamedNode)
    assert {name and name.value: len(part) for name, part in on_oxigraph.items()} == {
        str(first): 3, str(second): 3, None: 2}


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_build_command_offers_every_format(fmt, tmp_path):
    out = tmp_path / f"seeds{serialize.GRAPH_FORMATS[fmt]}"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000


# -- the per-entity writer that build uses ----------------------------------------------

ADA = URIRef(ns.DEFAULT_BASE + "person/ada")
QUOTE = URIRef(f"{ADA}/evidence/0e4a")  # a nested node: its IRI has no Turtle local name
# one entity's triples in no order, another node's among them, with every kind of term
ENTITY = [
    (ADA, ns.RDFS.label, Literal('Ada "the" \\ one')),
    (QUOTE, ns.DK.quote, Literal("tab\there ##[cmd] \u2028 é")),
    (ADA, ns.RDFS.label, Literal("Ada", lang="en")),
    (ADA, ns.OWL.sameAs, URIRef(f"{ADA}/alias")),
    (ADA, ns.RDFS.label, Literal("Ada")),
    (ADA, ns.DK.evidence, QUOTE),
    (ADA, ns.RDF.type, ns.DK.Person),
    (QUOTE, ns.RDF.type, ns.DK.Evidence),
    (ADA, ns.OWL.sameAs, ns.WD.Q7259),
    (ADA, ns.DK.born, Literal("1815", datatype=ns.XSD.gYear)),
    (ADA, ns.RDFS.label, Literal("Ada", datatype=ns.XSD.string)),
    (ADA, ns.RDFS.seeAlso, URIRef(ns.DEFAULT_BASE + "place/x.")),  # a local name ends in "."
]
# subjects, then predicates (rdf:type first) and objects (IRIs, then literals by text,
# datatype and language) in the order of their IRIs and texts, not of their short names
ENTITY_TURTLE = [
    "",
    "person:ada a dk:Person ;",
    '    rdfs:label "Ada" , "Ada"@en , "Ada" , "Ada \\"the\\" \\\\ one" ;',
    "    rdfs:seeAlso <https://w3id.org/diplokg/id/place/x.> ;",
    "    owl:sameAs wd:Q7259 , <https://w3id.org/diplokg/id/person/ada/alias> ;",
    '    dk:born "1815"^^xsd:gYear ;',
    "    dk:evidence <https://w3id.org/diplokg/id/person/ada/evidence/0e4a> .",
    "",
    "<https://w3id.org/diplokg/id/person/ada/evidence/0e4a> a dk:Evidence ;",
    '    dk:quote "tab\\there ##\\u005bcmd] \\u2028 é" .',
]


def entity_terms(blank_nodes: bool = False) -> serialize.Terms:
    return serialize.Terms(registry.prefixes(ns.DEFAULT_BASE), blank_nodes)


def test_an_entity_is_written_in_a_fixed_order_with_its_escapes():
    assert serialize.entity_lines(ENTITY, "turtle", entity_terms()) == ENTITY_TURTLE
    assert serialize.entity_lines(ENTITY + ENTITY[:3], "turtle", entity_terms()) == \
        ENTITY_TURTLE  # a repeated triple is written once
    lines = serialize.entity_lines(ENTITY, "nt", entity_terms())
    assert lines == sorted(lines) and len(lines) == len(ENTITY)
    assert '<https://w3id.org/diplokg/id/person/ada/evidence/0e4a> <https://w3id.org/diplokg/' \
        'ontology#quote> "tab\\there ##\\u005bcmd] \\u2028 é" .' in lines


@pytest.mark.parametrize("fmt,oxformat", [("turtle", pyoxigraph.RdfFormat.TURTLE),
                                          ("nt", pyoxigraph.RdfFormat.N_TRIPLES)])
def test_an_entity_reads_back_as_its_triples(fmt, oxformat):
    lines = [*serialize.header_lines(fmt, ns.DEFAULT_BASE),
             *serialize.entity_lines(ENTITY, fmt, entity_terms())]
    parsed = pyoxigraph.parse(input="\n".join(lines).encode("utf-8"), format=oxformat)
    assert sorted(map(str, parsed)) == sorted(
        str(pyoxigraph.Triple(*map(store.to_ox, triple))) for triple in ENTITY)


def test_entities_write_the_same_whether_the_terms_are_remembered_or_not(monkeypatch):
    written = {fmt: serialize.entity_lines(ENTITY, fmt, entity_terms()) for fmt in ("turtle", "nt")}
    monkeypatch.setattr(serialize, "_CACHED_IRIS", 1)  # forget every term after the first
    for fmt, lines in written.items():
        terms = entity_terms()
        assert serialize.entity_lines(ENTITY, fmt, terms) == lines
        assert serialize.entity_lines(ENTITY, fmt, terms) == lines


@pytest.mark.parametrize("term", [URIRef("https://example.org/a b"), BNode("b1"),
                                  Literal("a\ud800b")], ids=["space", "blank node", "surrogate"])
def test_an_entity_that_cannot_be_written_is_refused(term):
    for fmt in serialize.BLOCK_FORMATS:
        with pytest.raises(serialize.SerializationError):
            serialize.entity_lines([(ADA, ns.RDFS.seeAlso, term)], fmt, entity_terms())
    assert serialize.entity_lines([(ADA, ns.RDFS.seeAlso, BNode("b1"))], "nt",
                                  entity_terms(blank_nodes=True))[0].endswith(" _:b1 .")


TEST_PREFIXES = iris.by_length({"x": "http://x/", "xa": "http://x/a", "xs": "http://x/a/",
                                "xh": "http://x/a#", "again": "http://x/a/"})
TEST_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


@given(st.text(alphabet="aZ9_.-/#:é ", max_size=8))
def test_turtle_names_use_the_longest_namespace_that_leaves_a_local_name(rest):
    iri = "http://x/" + rest
    expected = next((f"{name}:{iri[len(namespace):]}" for name, namespace in TEST_PREFIXES
                     if iri.startswith(namespace) and TEST_LOCAL.fullmatch(iri[len(namespace):])),
                    None)
    assert iris.compact(iri, TEST_PREFIXES) == expected
