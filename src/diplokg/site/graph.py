"""The graph as the site reads it: every node of diplokg's classes with its properties.

One SPARQL query per class fetches all (node, property, value) rows of that class at
once; there is never a query per page.  Values stay pyoxigraph terms and are sorted,
so that nothing depends on the order the store returns rows in.  What a page needs
that points the other way (the visits a person made, the facts a source states) is an
index built here in one pass over the nodes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox

from diplokg.namespaces import DK, OA, OWL, RDFS, SKOS
from diplokg.read.passages import Passage

# The classes whose nodes the site reads, in the order a node of two is filed under.
CLASSES = ("Person", "State", "Organisation", "Place", "Visit", "Agreement", "Source",
           "Decision", "OfficeHolding", "Capacity", "Leg", "VisitEvent", "TreatyAction",
           "Clause", "Claim", "Evidence")

Term = ox.NamedNode | ox.Literal | ox.BlankNode

LABEL = str(RDFS.label)
ALT_LABEL = str(SKOS.altLabel)
SAME_AS = str(OWL.sameAs)


def term_key(term: Term) -> tuple[str, str]:
    """A total order on terms: by text, then by datatype or kind."""
    if isinstance(term, ox.Literal):
        return term.value, term.datatype.value
    return term.value, ""


@cache
def dk(name: str) -> str:
    """The IRI of an ontology term, as text (cached: pages ask for them all the time)."""
    return str(DK) + name


class Node:
    """One subject: its IRI, its class (local name) and its values by property IRI."""

    __slots__ = ("iri", "cls", "props")

    def __init__(self, iri: str, cls: str):
        self.iri = iri
        self.cls = cls
        self.props: dict[str, list[Term]] = {}

    def values(self, prop: str) -> list[Term]:
        return self.props.get(prop, [])

    def value(self, prop: str) -> Term | None:
        found = self.props.get(prop)
        return found[0] if found else None

    def text(self, prop: str) -> str | None:
        found = self.props.get(prop)
        return found[0].value if found else None

    def texts(self, prop: str) -> list[str]:
        return [term.value for term in self.values(prop)]

    def iris(self, prop: str) -> list[str]:
        return [term.value for term in self.values(prop) if isinstance(term, ox.NamedNode)]

    @property
    def label(self) -> str:
        return self.text(LABEL) or self.iri.rstrip("/").rsplit("/", 1)[-1]

    @property
    def aliases(self) -> list[str]:
        return self.texts(ALT_LABEL)


def _query(cls: str) -> str:
    return f"SELECT ?s ?p ?o WHERE {{ ?s a <{dk(cls)}> ; ?p ?o }}"


def read_nodes(store: ox.Store) -> dict[str, Node]:
    """Every node of CLASSES, by IRI; a node of two classes is filed under the first."""
    nodes: dict[str, Node] = {}
    for cls in CLASSES:
        for subject, prop, value in store.query(_query(cls), use_default_graph_as_union=True):
            if not isinstance(subject, ox.NamedNode):
                continue
            node = nodes.get(subject.value)
            if node is None:
                node = nodes[subject.value] = Node(subject.value, cls)
            elif node.cls != cls:
                continue  # already read, with every property, under its first class
            node.props.setdefault(prop.value, []).append(value)
    for node in nodes.values():
        for prop, values in node.props.items():
            if len(values) > 1:
                node.props[prop] = sorted(set(values), key=term_key)
    return nodes


def concept_labels(stores: Iterable[ox.Store]) -> dict[str, str]:
    """skos:prefLabel of every concept the stores describe: the first store's first,
    and the smallest where a concept has several, so that the choice is stable."""
    labels: dict[str, str] = {}
    query = f"SELECT ?c ?l WHERE {{ ?c <{SKOS.prefLabel}> ?l }}"
    for store in stores:
        found: dict[str, list[str]] = defaultdict(list)
        for concept, label in store.query(query, use_default_graph_as_union=True):
            found[concept.value].append(label.value)
        for concept, options in found.items():
            labels.setdefault(concept, min(options))
    return labels


class Graph:
    """The nodes, and the indexes pages need, built once."""

    def __init__(self, nodes: dict[str, Node], concepts: dict[str, str], triples: int):
        self.nodes = nodes
        self.concepts = concepts
        self.triples = triples
        self.passages: dict[str, Passage] = {}  # see read_passages
        self.by_class: dict[str, list[Node]] = defaultdict(list)
        for node in sorted(nodes.values(), key=lambda n: n.iri):
            self.by_class[node.cls].append(node)
        self.referrers: dict[tuple[str, str], list[Node]] = defaultdict(list)
        for node in self.by_class_sorted():
            for prop in INDEXED.intersection(node.props):
                for value in node.props[prop]:
                    if isinstance(value, ox.NamedNode):
                        self.referrers[(prop, value.value)].append(node)

    def by_class_sorted(self) -> Iterable[Node]:
        for cls in CLASSES:
            yield from self.by_class.get(cls, ())

    def of(self, cls: str) -> list[Node]:
        return self.by_class.get(cls, [])

    def node(self, iri: str | None) -> Node | None:
        return None if iri is None else self.nodes.get(iri)

    def pointing(self, prop: str, iri: str) -> list[Node]:
        """The nodes whose ``prop`` (one of INDEXED) is ``iri`` (the visits whose visitor
        is a person ...), in IRI order within each class."""
        assert prop in INDEXED, prop
        return self.referrers.get((prop, iri), [])

    def linked(self, node: Node, prop: str) -> list[Node]:
        """The nodes ``node``'s ``prop`` names, in IRI order."""
        return [found for iri in node.iris(prop) if (found := self.nodes.get(iri))]


# The properties pages look up backwards (the visits whose visitor is a person ...).
INDEXED = frozenset(dk(name) for name in (
    "visitor", "host", "participant", "signatory", "party", "succeeds", "capitalOf",
    "officeState", "place", "locatedIn", "signedAt", "signedDuring", "signedAtEvent",
    "follows", "supersedes"))


def count_triples(store: ox.Store) -> int:
    """The triples of the union of the store's graphs."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                       use_default_graph_as_union=True)
    return int(next(iter(rows))[0].value)


_PASSAGES = f"""SELECT ?evidence ?start ?end ?exact ?prefix ?suffix WHERE {{
  ?evidence <{OA.hasSelector}> ?position , ?words .
  ?position a <{OA.TextPositionSelector}> ; <{OA.start}> ?start ; <{OA.end}> ?end .
  ?words a <{OA.TextQuoteSelector}> ; <{OA.exact}> ?exact .
  OPTIONAL {{ ?words <{OA.prefix}> ?prefix }}
  OPTIONAL {{ ?words <{OA.suffix}> ?suffix }}
}}"""


def _offset(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None


def read_passages(store: ox.Store) -> dict[str, Passage]:
    """Where each located quote stands in its source's text, by evidence IRI.  A selector
    that is not a well-formed span is left out (a graph from elsewhere may hold
    anything); of several, the first in order is kept."""
    found: dict[str, list[Passage]] = defaultdict(list)
    for row in store.query(_PASSAGES, use_default_graph_as_union=True):
        start, end = _offset(row["start"].value), _offset(row["end"].value)
        if start is not None and end is not None and start < end:
            found[row["evidence"].value].append(Passage(
                start, end, row["exact"].value, row["prefix"].value if row["prefix"] else "",
                row["suffix"].value if row["suffix"] else ""))
    return {evidence: min(spans) for evidence, spans in found.items()}


def read_graph(store: ox.Store, vocabulary: ox.Store) -> Graph:
    graph = Graph(read_nodes(store), concept_labels([vocabulary, store]), count_triples(store))
    graph.passages = read_passages(store)
    return graph
