"""The vocabulary and the ontology, written with a graph so that it carries its own labels.

A graph mapped from fact files names concepts (``visitkind:state``) that the shipped
``ontology/vocab.ttl`` describes.  ``concept_triples`` gives what a store needs to show
them: for each concept used, and each broader concept it refines (so that every
vocabulary IRI in the output is described), its type, labels, definition, notation,
scheme and broader concepts; for each scheme of those, its type and label.
``ontology_triples`` gives the whole ontology and vocabulary instead.

Both are read from the files shipped with diplokg when first asked for, so a concept
or scheme added to the vocabulary travels without any list here changing.  The
ontology's own blank nodes (the RDF lists of ``owl:oneOf``) are labelled by rdflib's
canonical labelling, which depends only on the triples: the same files always give the
same bytes.  ``blocks`` cuts such triples into one block per IRI subject, for writers
that put blocks in IRI order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from diplokg import resources
from diplokg.namespaces import RDF, RDFS, SKOS, VOCAB
from diplokg.rdf.triples import TripleIndex

VOCABULARY_FILE = "vocab.ttl"
# What is written of a concept and of a concept scheme, where the vocabulary gives it.
CONCEPT_PROPERTIES = (RDF.type, SKOS.prefLabel, RDFS.label, SKOS.definition, SKOS.notation,
                      SKOS.inScheme, SKOS.broader)
SCHEME_PROPERTIES = (RDF.type, RDFS.label)


def is_concept(term) -> bool:
    """Whether ``term`` is an IRI under the vocabulary namespace (a concept or a scheme)."""
    return type(term) is URIRef and term.startswith(VOCAB)


def concepts_in(triples: Iterable[tuple]) -> list[URIRef]:
    """The vocabulary IRIs that ``triples`` use as objects, sorted."""
    return sorted({o for _, _, o in triples if type(o) is URIRef and o.startswith(VOCAB)})


def _contents(paths: Iterable[Path]) -> tuple[bytes, ...]:
    """The files' bytes: what is parsed is cached by them, so an edited file is seen."""
    return tuple(path.read_bytes() for path in paths)


def _ontology_contents() -> tuple[bytes, ...]:
    return _contents(resources.ontology_files())


def _vocabulary_contents() -> tuple[bytes, ...]:
    return _contents(p for p in resources.ontology_files() if p.name == VOCABULARY_FILE)


@lru_cache(maxsize=4)
def _parsed(contents: tuple[bytes, ...]) -> Graph:
    graph = Graph()
    for data in contents:
        graph.parse(data=data, format="turtle")
    return graph


@lru_cache(maxsize=4)
def _indexed(contents: tuple[bytes, ...]) -> TripleIndex:
    return TripleIndex(_parsed(contents))


def concept_triples(concepts: Iterable[URIRef]) -> list[tuple]:
    """What the vocabulary says of ``concepts``, the broader concepts they refine and their
    schemes (CONCEPT_PROPERTIES and SCHEME_PROPERTIES), in a stable order; IRIs the
    vocabulary does not describe give nothing."""
    vocabulary = _indexed(_vocabulary_contents())
    wanted = sorted(set(concepts))
    seen = set(wanted)
    schemes: set[URIRef] = set()
    found: list[tuple] = []
    while wanted:
        concept = wanted.pop()
        if SKOS.ConceptScheme in vocabulary.objects(concept, RDF.type):
            schemes.add(concept)  # a scheme used as a value: described as a scheme
            continue
        for prop in CONCEPT_PROPERTIES:
            for value in vocabulary.objects(concept, prop):
                found.append((concept, prop, value))
                if prop == SKOS.inScheme:
                    schemes.add(value)
                elif prop == SKOS.broader and value not in seen:
                    seen.add(value)
                    wanted.append(value)
    for scheme in schemes:
        found += [(scheme, prop, value) for prop in SCHEME_PROPERTIES
                  for value in vocabulary.objects(scheme, prop)]
    return sorted(set(found), key=lambda t: tuple(map(str, t)))


@lru_cache(maxsize=4)
def _canonical(contents: tuple[bytes, ...]) -> tuple[tuple, ...]:
    canonical = to_canonical_graph(_parsed(contents))
    return tuple(sorted(canonical, key=lambda t: tuple(map(str, t))))


def ontology_triples() -> list[tuple]:
    """Every triple of the shipped ontology and vocabulary, blank nodes labelled canonically."""
    return list(_canonical(_ontology_contents()))


@lru_cache(maxsize=4)
def _without_blank_nodes(contents: tuple[bytes, ...]) -> frozenset[tuple]:
    return frozenset(t for t in _parsed(contents)
                     if not any(isinstance(term, BNode) for term in t))


def shipped(triples: Iterable[tuple]) -> list[tuple]:
    """Those of ``triples`` that the shipped ontology or vocabulary states (blank nodes,
    which cannot be compared, aside)."""
    known = _without_blank_nodes(_ontology_contents())
    return [t for t in triples if t in known]


def blocks(triples: Iterable[tuple]) -> list[tuple[str, list[tuple]]]:
    """(IRI, triples) for each IRI subject: its triples and those of the blank nodes it leads
    to (first come, in IRI order), sorted by IRI.  Blank nodes that no IRI subject leads
    to form blocks of their own, named ``_:label``."""
    index = TripleIndex(triples)
    owner: dict = {}
    for subject in sorted((s for s in index.subjects() if isinstance(s, URIRef)), key=str):
        todo = [subject]
        while todo:
            node = todo.pop()
            for _, value in index.predicate_objects(node):
                if isinstance(value, BNode) and value not in owner:
                    owner[value] = subject
                    todo.append(value)
    found: dict = {}
    for s, p, o in index:
        key = s if isinstance(s, URIRef) else owner.get(s, s)
        found.setdefault(key, []).append((s, p, o))
    return sorted(((_key(k), ts) for k, ts in found.items()), key=lambda item: item[0])


def _key(node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)
