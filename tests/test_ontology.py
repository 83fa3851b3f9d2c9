"""The ontology, vocabularies and shapes agree with each other and with the fact format."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection

from conftest import SEEDS
from diplokg import namespaces as ns
from diplokg import resources
from diplokg.build import pipeline
from diplokg.model import registry
from diplokg.rdf import vocabulary

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
    assert [p.name for p in resources.shapes_files()] == [
        "diplokg-fields.shapes.ttl", "diplokg-recommended.shapes.ttl", "diplokg.shapes.ttl"]
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


def definition_terms() -> set[URIRef]:
    """Every class and property the kind definitions name."""
    terms = set()
    for kind in registry.all_kinds():
        terms.add(kind.cls)
        for field in kind.fields:
            terms |= {field.prop, *field.relation_props, *(field.bounds or ())} - {None}
    return terms


def test_every_dk_term_used_is_declared():
    graph = pipeline.graph_from_facts([SEEDS]).graph
    used = {p for p in graph.predicates()} | {o for o in graph.objects(None, ns.RDF.type)}
    used |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(ns.VOCAB)}
    used |= definition_terms()
    in_shapes = {t for t in shapes().objects() if isinstance(t, URIRef)}
    ours = {t for t in used | in_shapes if str(t).startswith((str(ns.DK), ns.VOCAB))}
    assert ours - declared_terms() == set()
    vocabulary_terms = {*vocabulary.CONCEPT_PROPERTIES, ns.SKOS.Concept, ns.SKOS.ConceptScheme}
    # where quotes stand in their sources' texts, in the Web Annotation vocabulary
    web_annotation = {ns.OA[t] for t in ("hasSource", "hasSelector", "TextPositionSelector",
                                         "start", "end", "TextQuoteSelector", "exact", "prefix",
                                         "suffix")}
    assert {t for t in used if t not in ours} == {ns.RDF.type, ns.RDFS.label, ns.SKOS.altLabel,
                                                 *vocabulary_terms, *web_annotation}


@pytest.mark.parametrize("scheme", sorted(registry.schemes()))
def test_controlled_values_match_definitions_vocabulary_and_shapes(scheme):
    namespace = URIRef(registry.vocab(scheme))
    assert (namespace, ns.RDF.type, ns.SKOS.ConceptScheme) in ontology()
    in_vocab = {str(c).removeprefix(str(namespace))
                for c in ontology().subjects(ns.SKOS.inScheme, namespace)}
    values = registry.schemes()[scheme]
    assert in_vocab == set(values)
    lists = [set(map(str, Collection(shapes(), node)))
             for node in shapes().objects(None, ns.SH["in"])]
    expected = {str(registry.concept_iri(scheme, value)) for value in values}
    assert expected in lists, f"no sh:in list in the shapes matches the {scheme} values"


def test_shapes_use_no_sparql_constraints():
    assert not list(shapes().subjects(ns.SH.sparql, None))


def test_every_property_shape_names_its_field_and_explains_itself():
    graph = shapes()
    for shape in graph.subjects(ns.RDF.type, ns.SH.PropertyShape):
        assert graph.value(shape, ns.SH.name) is not None, shape
        assert graph.value(shape, ns.SH.message) is not None, shape
        assert graph.value(shape, ns.SH.description) is not None, shape
