"""The vocabulary travels with the data: a built graph describes the concepts it uses."""

from __future__ import annotations

import subprocess
import sys
from functools import partial

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from conftest import REPO, SEEDS, SMALL, replace_in
from diplokg.build import pipeline
from diplokg.build.cache import Cache
from diplokg.cli import app
from diplokg.namespaces import DK, RDF, RDFS, SKOS, VOCAB
from diplokg.query import store

VOCAB_TTL = REPO / "ontology" / "vocab.ttl"
ONTOLOGY_TTLS = sorted((REPO / "ontology").glob("*.ttl"))
FORMATS = {"turtle": ("ttl", "turtle"), "nt": ("nt", "nt"), "nquads": ("nq", "nquads"),
           "trig": ("trig", "trig"), "jsonld": ("jsonld", "json-ld")}
STATE = URIRef(VOCAB + "visit-kind/state")
LABEL_QUERY = "SELECT ?label WHERE { visitkind:state skos:prefLabel ?label }"
# What the vocabulary gives of each concept used, and of each scheme of those.
CONCEPT_PROPERTIES = {RDF.type, SKOS.prefLabel, RDFS.label, SKOS.definition, SKOS.notation,
                      SKOS.inScheme, SKOS.broader}
SCHEME_PROPERTIES = {RDF.type, RDFS.label}

runner = CliRunner()


def cli(*args) -> list[str]:
    """The lines the command writes to stdout."""
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(VOCAB_TTL, format="turtle")


def read(path, fmt: str) -> Graph:
    """Every triple of a file, in any graph of it (N-Quads and TriG name graphs)."""
    dataset = Dataset(default_union=True)
    dataset.parse(path, format=FORMATS[fmt][1])
    graph = Graph()
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def built(tmp_path, paths, fmt="turtle", **options) -> Graph:
    out = tmp_path / f"out.{FORMATS[fmt][0]}"
    pipeline.build(paths, out, fmt=fmt, **options)
    return read(out, fmt)


def used_by_facts(graph: Graph) -> set[URIRef]:
    """Vocabulary IRIs that the facts' own nodes use as objects: an independent SPARQL."""
    rows = graph.query(f"""
        SELECT DISTINCT ?concept WHERE {{
          ?node ?p ?concept .
          FILTER(isIRI(?concept) && STRSTARTS(STR(?concept), "{VOCAB}")
                 && !STRSTARTS(STR(?node), "{VOCAB}"))
        }}""")
    return {row.concept for row in rows}


def with_broader(concepts: set[URIRef], vocab: Graph) -> set[URIRef]:
    found, todo = set(), list(concepts)
    while todo:
        concept = todo.pop()
        if concept not in found:
            found.add(concept)
            todo += vocab.objects(concept, SKOS.broader)
    return found


@pytest.mark.parametrize("case", [SEEDS, SMALL], ids=["seeds", "small"])
def test_a_built_graph_describes_exactly_the_concepts_it_uses(case, tmp_path, vocab):
    graph = built(tmp_path, [case])
    used = used_by_facts(graph)
    assert len(used) >= 5
    concepts = with_broader(used, vocab)
    schemes = {s for c in concepts for s in vocab.objects(c, SKOS.inScheme)}
    assert set(graph.subjects(SKOS.prefLabel, None)) == concepts
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == schemes
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == concepts
    for concept in concepts:  # what vocab.ttl says, and nothing more
        assert set(graph.predicate_objects(concept)) == {
            (p, o) for p, o in vocab.predicate_objects(concept) if p in CONCEPT_PROPERTIES}
        assert graph.value(concept, SKOS.prefLabel) is not None
    for scheme in schemes:
        assert set(graph.predicate_objects(scheme)) == {
            (p, o) for p, o in vocab.predicate_objects(scheme) if p in SCHEME_PROPERTIES}
    unused = set(vocab.subjects(RDF.type, SKOS.Concept)) - concepts
    assert unused and all((c, None, None) not in graph for c in unused)
    # every vocabulary IRI in the output is described
    rows = graph.query(f"""
        SELECT ?iri WHERE {{ ?s ?p ?iri . FILTER(isIRI(?iri) && STRSTARTS(STR(?iri), "{VOCAB}"))
                             FILTER NOT EXISTS {{ ?iri rdfs:label ?label }} }}""",
                       initNs={"rdfs": RDFS})
    assert list(rows) == []


def test_a_refining_kind_brings_its_broader_concept(tmp_path, vocab):
    graph = built(tmp_path, [SMALL])
    treaty = URIRef(VOCAB + "agreement-kind/treaty")
    broader = set(vocab.objects(treaty, SKOS.broader))
    assert broader and set(graph.objects(treaty, SKOS.broader)) == broader
    assert all(graph.value(b, SKOS.prefLabel) == vocab.value(b, SKOS.prefLabel) for b in broader)


def test_a_concept_the_facts_stop_using_leaves_the_output(small, tmp_path, vocab):
    official = URIRef(VOCAB + "visit-kind/official")
    replace_in(small, "    kind: state", "    kind: official")
    graph = built(tmp_path, [small])
    assert graph.value(official, SKOS.prefLabel) == vocab.value(official, SKOS.prefLabel)
    assert graph.value(STATE, SKOS.prefLabel) is None


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_reads_back_in_oxigraph_with_the_labels(fmt, tmp_path, vocab):
    suffix = FORMATS[fmt][0]
    out = tmp_path / f"small.{suffix}"
    result = pipeline.build([SMALL], out, fmt=fmt)
    store = pyoxigraph.Store()
    store.load(path=str(out), format=pyoxigraph.RdfFormat.from_extension(suffix))
    labels = [row["label"] for row in store.query(
        f"SELECT ?label WHERE {{ <{STATE}> <{SKOS.prefLabel}> ?label }}")]
    expected = vocab.value(STATE, SKOS.prefLabel)
    assert [(label.value, label.language) for label in labels] == [
        (str(expected), expected.language)]
    rdflib_graph = read(out, fmt)
    triples = {quad.triple for quad in store}
    assert len(triples) == len(rdflib_graph) == len(result) == len(result.graph)
    assert isomorphic(rdflib_graph, result.graph)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_whole_ontology_with_the_graph(fmt, tmp_path):
    ontology = Graph()
    for path in ONTOLOGY_TTLS:
        ontology.parse(path, format="turtle")
    plain = built(tmp_path / "plain", [SMALL], fmt)
    whole = built(tmp_path / "whole", [SMALL], fmt, ontology=True)
    assert len(whole) > len(plain) + 500
    assert isomorphic(whole, plain + ontology)


def test_the_whole_ontology_gives_the_same_bytes_from_the_cli(tmp_path):
    """Its blank nodes (owl:oneOf lists) are labelled the same in another process."""
    here, there = tmp_path / "here.ttl", tmp_path / "there.ttl"
    pipeline.build([SMALL], here, ontology=True)
    subprocess.run([sys.executable, "-m", "diplokg.cli", "build", str(SMALL), "-o", str(there),
                    "--with-ontology"], check=True, capture_output=True)
    assert here.read_bytes() == there.read_bytes()
    assert b"_:" in here.read_bytes()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("ontology", [False, True], ids=["used", "whole"])
def test_the_cache_gives_the_same_bytes(fmt, ontology, small, tmp_path):
    def build(name, cache=None):
        out = tmp_path / f"{name}.out"
        pipeline.build([small], out, fmt=fmt, cache=cache, ontology=ontology)
        return out.read_bytes()

    plain = build("plain")
    cache = tmp_path / "cache"
    assert build("cold", Cache(cache)) == plain
    warm = Cache(cache)
    assert build("warm", warm) == plain and warm.misses == 0
    replace_in(small, "    kind: state", "    kind: official")  # a concept in, another out
    changed = build("changed")
    assert changed != plain and build("rebuilt", Cache(cache)) == changed


def test_validating_a_built_file_flags_nothing_of_the_vocabulary(tmp_path):
    plain, whole = tmp_path / "plain.ttl", tmp_path / "whole.ttl"
    pipeline.build([SMALL], plain)
    pipeline.build([SMALL], whole, ontology=True)
    expected = [(p.code, p.fact) for p in pipeline.validate_rdf(plain).problems]
    assert not any("skos" in fact or "owl" in fact for _, fact in expected)
    assert [(p.code, p.fact) for p in pipeline.validate_rdf(whole).problems] == expected


def test_query_over_built_file_fact_files_and_stores_agree(tmp_path, vocab):
    out, from_facts, from_file = tmp_path / "small.ttl", tmp_path / "facts", tmp_path / "file"
    cli("build", SMALL, "-o", out)
    cli("load", SMALL, "--store", from_facts)
    cli("load", out, "--store", from_file)
    answers = {
        "built file": cli("query", LABEL_QUERY, out, "-f", "csv"),
        "fact files": cli("query", LABEL_QUERY, SMALL, "-f", "csv"),
        "store of fact files": cli("query", LABEL_QUERY, "--store", from_facts, "-f", "csv"),
        "store of the built file": cli("query", LABEL_QUERY, "--store", from_file, "-f", "csv"),
    }
    expected = ["label", str(vocab.value(STATE, SKOS.prefLabel))]
    assert answers == dict.fromkeys(answers, expected)


def test_load_with_the_whole_ontology(tmp_path):
    visit = URIRef(DK.Visit)
    label = Graph().parse(REPO / "ontology" / "diplokg.ttl").value(visit, RDFS.label)
    query = f"SELECT ?label WHERE {{ <{visit}> <{RDFS.label}> ?label }}"
    used, whole = tmp_path / "used", tmp_path / "whole"
    cli("load", SMALL, "--store", used, "--per-source")
    cli("load", SMALL, "--store", whole, "--with-ontology")
    assert cli("query", query, "--store", used, "-f", "csv") == ["label"]
    assert cli("query", query, "--store", whole, "-f", "csv") == ["label", str(label)]
    # per source, the vocabulary (which has no source) is in the default graph
    assert len(cli("query", LABEL_QUERY, "--store", used, "-f", "csv")) == 2
    # the same from Python, through the function that builds fact files for stores
    whole_facts = partial(pipeline.fact_quads, ontology=True)
    for facts, found in ((pipeline.fact_quads, []), (whole_facts, [str(label)])):
        data = store.memory_store([SMALL], facts=facts)
        assert [row["label"].value for row in data.query(query)] == found
