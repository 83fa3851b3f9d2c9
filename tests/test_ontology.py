"""The ontology, vocabularies and shapes agree with each other and with the fact format."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection

from conftest import SEEDS
from diplokg import mapping, pipeline, resources
from diplokg import namespaces as ns
from diplokg.facts import schema

ONTOLOGY = URIRef(ns.ONTOLOGY_IRI)


@cache
def ontology() -> Graph:
    graph = Graph()
    for path in resources.ontology_files():
        graph.parse(path, format="turtle")
    return graph


@cache
def shapes() -> Graph:
    graph = Graph()
    for path in resources.shapes_files():
        graph.parse(path, format="turtle")
    return graph


def test_shipped_files_exist_and_parse():
    assert [p.name for p in resources.ontology_files()] == ["diplokg.ttl", "vocab.ttl"]
    assert [p.name for p in resources.shapes_files()] == ["diplokg-recommended.shapes.ttl",
                                                          "diplokg.shapes.ttl"]
    assert len(ontology()) > 500 and len(shapes()) > 500


def test_ontology_header():
    graph = ontology()
    assert (ONTOLOGY, ns.RDF.type, ns.OWL.Ontology) in graph
    for prop in (ns.DCTERMS.title, ns.DCTERMS.created, ns.DCTERMS.license, ns.OWL.versionInfo):
        assert graph.value(ONTOLOGY, prop) is not None, prop


def declared_terms() -> set[URIRef]:
    graph = ontology()
    kinds = (ns.OWL.Class, ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty, ns.SKOS.Concept,
             ns.SKOS.ConceptScheme)
    return {s for kind in kinds for s in graph.subjects(ns.RDF.type, kind)}


@pytest.mark.parametrize("term", sorted(declared_terms()), ids=str)
def test_every_term_is_documented(term):
    graph = ontology()
    assert graph.value(term, ns.RDFS.label) is not None
    assert graph.value(term, ns.SKOS.definition) is not None
    assert graph.value(term, ns.RDFS.isDefinedBy) == ONTOLOGY


def test_every_dk_term_used_is_declared():
    graph = pipeline.graph_from_facts([SEEDS]).graph
    used = {p for p in graph.predicates()} | {o for o in graph.objects(None, ns.RDF.type)}
    used |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(ns.VOCAB)}
    used |= {t for table in (*mapping.FIELDS.values(), mapping.COMMON_FIELDS)
             for t, _ in table.values()}
    used |= set(mapping.CLASSES.values()) | set(mapping.RELATIONS.values())
    used |= {t for pair in mapping.DATE_BOUNDS.values() for t in pair}
    in_shapes = {t for t in shapes().objects() if isinstance(t, URIRef)}
    ours = {t for t in used | in_shapes if str(t).startswith((str(ns.DK), ns.VOCAB))}
    assert ours - declared_terms() == set()
    assert {t for t in used if t not in ours} <= {ns.RDF.type, ns.RDFS.label, ns.SKOS.altLabel}


def enum_values(field: str) -> set[str]:
    defs = schema()["$defs"]
    places = {"place_kind": defs["place"]["properties"]["kind"],
              "visit_kind": defs["visit"]["properties"]["kind"],
              "visit_status": defs["visit"]["properties"]["status"],
              "travel_mode": defs["visit"]["properties"]["travel_mode"],
              "event_kind": defs["event"]["properties"]["kind"],
              "agreement_kind": defs["agreement"]["properties"]["kind"],
              "agreement_status": defs["agreement"]["properties"]["status"]}
    return set(places[field]["enum"])


@pytest.mark.parametrize("field", sorted(ns.SCHEMES))
def test_controlled_values_match_schema_vocabulary_and_shapes(field):
    scheme = URIRef(ns.VOCABS[ns.SCHEMES[field]])
    in_vocab = {str(c).removeprefix(str(scheme))
                for c in ontology().subjects(ns.SKOS.inScheme, scheme)}
    assert in_vocab == enum_values(field)
    lists = [set(map(str, Collection(shapes(), node)))
             for node in shapes().objects(None, ns.SH["in"])]
    expected = {str(ns.concept(field, value)) for value in enum_values(field)}
    assert expected in lists, f"no sh:in list in the shapes matches the {field} values"


def test_shapes_use_no_sparql_constraints():
    assert not list(shapes().subjects(ns.SH.sparql, None))


def test_every_property_shape_names_its_field_and_explains_itself():
    graph = shapes()
    for shape in graph.subjects(ns.RDF.type, ns.SH.PropertyShape):
        assert graph.value(shape, ns.SH.name) is not None, shape
        assert graph.value(shape, ns.SH.message) is not None, shape
        assert graph.value(shape, ns.SH.description) is not None, shape
