"""Deterministic Turtle, N-Triples, N-Quads, TriG and JSON-LD.

The same triples always give the same bytes: fixed prefixes, subjects and
objects sorted, rdf:type first.  diplokg graphs have no blank nodes, so no
labels can drift between runs.  Files are written by diplokg.safeio.

N-Quads and TriG put each node's triples in the named graph of its dk:source
(so a store can drop or reload one article's facts); nodes with no dk:source
(the sources themselves) stay in the default graph.  JSON-LD carries the
published context (context.jsonld, shipped in the package) inline, so it
parses without fetching anything.

Every format carries any Unicode text: characters that are unsafe to print are
written as escapes that read back as themselves, and a lone surrogate, which no
RDF syntax can hold, is a SerializationError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from diplokg.errors import SerializationError
from diplokg.iris import by_length, compact
from diplokg.model.registry import prefixes
from diplokg.namespaces import DEFAULT_BASE, DK, OA, RDF, XSD
from diplokg.rdf.triples import TripleIndex
from diplokg.safetext import UNSAFE_CHARACTERS, escape_old_commands, json_text, printable

# The formats a graph is written in, and the suffix of a file of each.
GRAPH_FORMATS = {"turtle": ".ttl", "nt": ".nt", "nquads": ".nq", "trig": ".trig",
                 "jsonld": ".jsonld"}
CONTEXT_FILE = Path(__file__).parents[1] / "context.jsonld"
# Where the context is meant to be published; output embeds it rather than link to it.
CONTEXT_URL = "https://w3id.org/diplokg/context.jsonld"
_IRI_FORBIDDEN = re.compile('[\x00-\x20<>"{}|^`\\\\\ud800-\udfff]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}
# Beyond what the syntax needs, everything printable() would escape is written as
# \uXXXX, which parses back to the same character: output printed to a terminal
# or a CI log then carries no control characters or workflow commands either.
_NEEDS_ESCAPE = re.compile(f'[\\\\"{UNSAFE_CHARACTERS}]')
_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPE, _TYPE_IRI, _XSD_STRING = RDF.type, str(RDF.type), str(XSD.string)
_CACHED_IRIS = 100_000  # the texts Terms keeps: a cache, not a copy of the graph


def _escape_one(match: re.Match) -> str:
    char = match.group()
    if _SURROGATE.match(char):
        raise _lone_surrogate(match.string)
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _escape(text: str) -> str:
    # printable ASCII but the quote and the backslash is all _NEEDS_ESCAPE lets through
    if not (text.isascii() and text.isprintable() and '"' not in text and "\\" not in text):
        text = _NEEDS_ESCAPE.sub(_escape_one, text)
    return escape_old_commands(text) if "##[" in text else text


def _lone_surrogate(text: str) -> SerializationError:
    return SerializationError(f"cannot write the text '{printable(text[:60])}': it holds a lone "
                              "surrogate, which no RDF syntax can carry")


def _iri(iri: str) -> str:
    if _IRI_FORBIDDEN.search(iri):
        raise SerializationError(f"cannot write IRI <{printable(iri)}>: it contains a character "
                                 "IRIs forbid")
    return f"<{iri}>"


class Terms:
    """Writes terms, shortening IRIs with the longest prefix that gives a valid local name.

    Blank nodes are refused unless ``blank_nodes`` is set: diplokg's own graphs
    have none, but the results of a CONSTRUCT query may.
    """

    def __init__(self, prefixes: dict[str, str], blank_nodes: bool = False):
        self.prefixes = by_length(prefixes)
        self.blank_nodes = blank_nodes
        # predicates, classes and shared IRIs recur: each is written once, keyed by its
        # plain text (rdflib compares its terms in Python, str in C)
        self._iris: dict[str, str] = {}
        self._verbs: dict[str, tuple] = {}

    def iri(self, iri: str) -> str:
        text = self._iris.get(iri)
        if text is None:
            if len(self._iris) >= _CACHED_IRIS:
                self._iris.clear()
            text = self._iris[iri] = compact(iri, self.prefixes) or _iri(iri)
        return text

    def bare(self, iri: str) -> str:
        """The compact IRI, or the full IRI without angle brackets (JSON-LD)."""
        return compact(iri, self.prefixes) or _iri(iri)[1:-1]

    def node_id(self, node) -> str:
        """A node as JSON-LD's ``@id`` writes it: a bare IRI, or ``_:label``."""
        if isinstance(node, BNode) and self.blank_nodes:
            return f"_:{node}"
        if not isinstance(node, URIRef):
            raise SerializationError(f"cannot write {node!r}: diplokg output has no blank nodes")
        return self.bare(str(node))

    def term(self, term) -> str:
        if type(term) is URIRef:  # the most common cases first, without isinstance
            name = str(term)
            text = self._iris.get(name)
            return text if text is not None else self.iri(name)
        if type(term) is Literal:
            return self._literal(term)
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            return self._literal(term)
        if isinstance(term, BNode) and self.blank_nodes:
            return f"_:{term}"
        raise SerializationError(f"cannot write {term!r}: diplokg output has no blank nodes")

    def _literal(self, literal: Literal) -> str:
        text = f'"{_escape(str(literal))}"'
        if literal.language:
            return f"{text}@{literal.language}"
        datatype = literal.datatype
        if datatype and str(datatype) != _XSD_STRING:
            return f"{text}^^{self.iri(str(datatype))}"
        return text

    def verb(self, predicate) -> tuple:
        """(where the predicate sorts among a subject's, as _predicate_key; its text)."""
        if type(predicate) is not URIRef:
            return _predicate_key(predicate), self.term(predicate)
        name = str(predicate)
        found = self._verbs.get(name)
        if found is None:
            if len(self._verbs) >= _CACHED_IRIS:
                self._verbs.clear()
            text = "a" if name == _TYPE_IRI else self.iri(name)
            found = self._verbs[name] = ((name != _TYPE_IRI, (0, name, "", "")), text)
        return found


def _sort_key(term) -> tuple:
    rank = 0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2
    if isinstance(term, Literal):
        return (rank, str(term), str(term.datatype or ""), term.language or "")
    return (rank, str(term), "", "")


def _predicate_key(predicate) -> tuple:
    """rdf:type first, then by _sort_key."""
    return predicate != _TYPE, _sort_key(predicate)


def _predicates(graph: Graph, subject) -> list:
    return sorted(set(graph.predicates(subject)), key=_predicate_key)


def _statements(triples: Iterable[tuple], terms: Terms, indent: str = "") -> list[str]:
    """Turtle statements, one per subject (in _sort_key order), each after an empty line;
    repeated triples are written once."""
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    term = terms.term
    lines = []
    more = indent + "   "
    for subject in sorted(by_subject, key=_sort_key):
        lines.append("")
        head = f"{indent}{term(subject)}"
        # no two predicates have the same key: the lists of objects are never compared
        verbs = sorted((terms.verb(p), objects) for p, objects in by_subject[subject].items())
        last = len(verbs) - 1
        for index, ((_, verb), objects) in enumerate(verbs):
            if len(objects) == 1:
                objects_text = term(objects[0])
            else:
                objects_text = " , ".join(
                    map(term, sorted(dict.fromkeys(objects), key=_sort_key)))
            lines.append(f"{head if index == 0 else more} {verb} {objects_text}"
                         f"{' .' if index == last else ' ;'}")
    return lines


def _prefix_lines(prefixes: dict[str, str]) -> Iterator[str]:
    for name, namespace in sorted(prefixes.items()):
        yield f"@prefix {name}: {_iri(namespace)} ."


def turtle_lines(graph: Graph, prefixes: dict[str, str],
                 blank_nodes: bool = False) -> Iterator[str]:
    yield from _prefix_lines(prefixes)
    yield from _statements(graph, Terms(prefixes, blank_nodes))


def ntriples_lines(graph: Graph, blank_nodes: bool = False) -> Iterator[str]:
    term = Terms({}, blank_nodes).term
    yield from sorted([f"{term(s)} {term(p)} {term(o)} ." for s, p, o in graph])


def split_by_source(triples: Iterable[tuple], iri: type = URIRef) -> dict[Any, list[tuple]]:
    """Triples by the graph each goes to, in N-Quads, TriG and ``load --per-source``: a
    node's triples to the graph named by its dk:source (to each, if it has several), a
    quote's selectors (oa:hasSelector) to those of their quote, those of a node with
    none (a source itself) to the default graph, None.  ``iri``
    is the class of the IRIs in ``triples``: rdflib's URIRef or pyoxigraph's NamedNode,
    whose triples unpack as (s, p, o) too."""
    triples = list(dict.fromkeys(triples))  # a graph is a set
    source = iri(str(DK.source))
    sources: dict = {}
    for s, p, o in triples:
        if p == source and isinstance(o, iri):
            sources.setdefault(s, []).append(o)
    selector = iri(str(OA.hasSelector))
    for s, p, o in triples:
        if p == selector and s in sources:
            sources.setdefault(o, sources[s])
    parts: dict = {}
    for triple in triples:
        for name in sources.get(triple[0]) or [None]:
            parts.setdefault(name, []).append(triple)
    return parts


def _named_graphs(graph: Graph) -> list[tuple[URIRef | None, TripleIndex]]:
    """The graph cut by source: the default graph first, then named graphs by IRI."""
    parts = split_by_source(graph)
    return sorted(((name, TripleIndex(found)) for name, found in parts.items()),
                  key=lambda item: (item[0] is not None, str(item[0] or "")))


def nquads_lines(graph: Graph, blank_nodes: bool = False) -> Iterator[str]:
    plain = Terms({}, blank_nodes)
    lines = []
    for name, part in _named_graphs(graph):
        label = f" {plain.term(name)}" if name is not None else ""
        lines += (f"{plain.term(s)} {plain.term(p)} {plain.term(o)}{label} ." for s, p, o in part)
    yield from sorted(lines)


def trig_lines(graph: Graph, prefixes: dict[str, str],
               blank_nodes: bool = False) -> Iterator[str]:
    terms = Terms(prefixes, blank_nodes)
    yield from _prefix_lines(prefixes)
    for name, part in _named_graphs(graph):
        if name is None:
            yield from _statements(part, terms)
            continue
        yield ""
        yield f"{terms.term(name)} {{"
        yield from _statements(part, terms, "    ")[1:]  # no empty line after the brace
        yield "}"


def context() -> dict[str, str]:
    """The published JSON-LD context: the project's prefixes, data prefixes for the default base."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def context_for(base: str) -> dict[str, str]:
    return dict(sorted(prefixes(base).items()))


def _jsonld_value(term, terms: Terms):
    if isinstance(term, URIRef | BNode):
        return {"@id": terms.node_id(term)}
    if isinstance(term, Literal):
        text = str(term)
        if _SURROGATE.search(text):
            raise _lone_surrogate(text)
        if term.language:
            return {"@value": text, "@language": term.language}
        if term.datatype and term.datatype != XSD.string:
            return {"@value": text, "@type": terms.bare(str(term.datatype))}
        return text
    raise SerializationError(f"cannot write {term!r}: diplokg output has no blank nodes")


def jsonld_lines(graph: Graph, base: str, blank_nodes: bool = False) -> Iterator[str]:
    """JSON-LD with the context inline and compact IRIs; one object per subject, sorted."""
    prefixes = context_for(base)
    terms = Terms(prefixes, blank_nodes)
    nodes = []
    for subject in sorted(set(graph.subjects()), key=_sort_key):
        node: dict = {"@id": terms.node_id(subject)}
        for predicate in _predicates(graph, subject):
            objects = sorted(graph.objects(subject, predicate), key=_sort_key)
            if predicate == RDF.type and all(isinstance(o, URIRef) for o in objects):
                values = [terms.bare(str(o)) for o in objects]
                node["@type"] = values[0] if len(values) == 1 else values
                continue
            values = [_jsonld_value(o, terms) for o in objects]
            node[terms.bare(str(predicate))] = values[0] if len(values) == 1 else values
        nodes.append(node)
    document = {"@context": prefixes, "@graph": nodes}
    # only "\n" ends a line: json_text has escaped U+2028, U+0085 and the like
    yield from json_text(document).split("\n")


BLOCK_FORMATS = ("turtle", "nt")  # formats written entity by entity, so they can be cached


def header_lines(fmt: str, base: str) -> list[str]:
    """What comes before the first entity in a format of BLOCK_FORMATS."""
    return list(_prefix_lines(prefixes(base))) if fmt == "turtle" else []


def entity_lines(triples: list[tuple], fmt: str, terms: Terms) -> list[str]:
    """The lines of one entity's triples (a fact and its nested nodes), in a stable order."""
    if fmt == "turtle":
        return _statements(triples, terms)
    if fmt == "nt":
        term = (_PLAIN_WITH_BLANK_NODES if terms.blank_nodes else _PLAIN).term
        lines = []
        last = None
        for s, p, o in triples:
            if s is not last:  # a node's triples mostly come together
                last, head = s, term(s)
            lines.append(f"{head} {term(p)} {term(o)} .")
        lines.sort()
        return lines
    raise SerializationError(f"{fmt} is not written entity by entity")  # pragma: no cover


_PLAIN = Terms({})
_PLAIN_WITH_BLANK_NODES = Terms({}, blank_nodes=True)


def serialize(graph: Graph, fmt: str, base: str = DEFAULT_BASE,
              blank_nodes: bool = False) -> Iterator[str]:
    """The lines of ``graph`` in ``fmt``; blank nodes are refused unless ``blank_nodes``
    (the ontology's own lists, written with ``build --with-ontology``)."""
    all_prefixes = prefixes(base)
    if fmt == "turtle":
        return turtle_lines(graph, all_prefixes, blank_nodes)
    if fmt == "nt":
        return ntriples_lines(graph, blank_nodes)
    if fmt == "nquads":
        return nquads_lines(graph, blank_nodes)
    if fmt == "trig":
        return trig_lines(graph, all_prefixes, blank_nodes)
    if fmt == "jsonld":
        return jsonld_lines(graph, base, blank_nodes)
    raise SerializationError(f"unknown format '{fmt}'; choose one of "
                             f"{', '.join(GRAPH_FORMATS)}")
