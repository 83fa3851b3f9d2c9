"""Getting graphs into triple stores: an in-memory or on-disk pyoxigraph store, or any
server that speaks the SPARQL 1.1 Graph Store HTTP Protocol.

Input is built RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, by
extension) or fact files and folders, which are built on the fly and must pass the
shapes, as for ``diplokg build``.  Loading can put everything in the default graph,
in one named graph (``graph``), or in one named graph per source article
(``per_source``): a node's triples go to the graph named by its dk:source IRI, nodes
with none (the sources themselves) to the default graph -- the same rule as the
N-Quads and TriG writers.  Each target graph is sent as N-Triples, which every Graph
Store accepts, with PUT (replace that graph) or POST (add to it).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from . import pipeline, remote
from .errors import DiplokgError, FactProblems, UnreadableInput
from .namespaces import DEFAULT_BASE, DK, XSD
from .query_errors import StoreError

# File extension -> parser; .json is a fact file, .jsonld / .json-ld is RDF.
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json-ld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}
DK_SOURCE = ox.NamedNode(str(DK.source))
_XSD_STRING = str(XSD.string)

Node = URIRef | Literal | BNode
GraphName = str | None  # a named graph's IRI, or None for the default graph


# -- terms: rdflib <-> pyoxigraph -------------------------------------------------------

def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def from_ox(term) -> Node | None:
    """An rdflib term with the exact lexical form; plain literals lose their xsd:string."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    return Literal(str(term))  # an RDF-star triple term: shown, not interpreted


# -- reading input ----------------------------------------------------------------------

def rdf_format(path: Path) -> ox.RdfFormat | None:
    return RDF_FORMATS.get(path.suffix.lower()) if path.is_file() else None


def _unreadable(path: Path, error: Exception) -> UnreadableInput:
    if isinstance(error, SyntaxError):
        return UnreadableInput(f"{path}: not valid RDF: {error}")
    return UnreadableInput(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}")


def _parse(path: Path) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=RDF_FORMATS[path.suffix.lower()])
    except (SyntaxError, OSError) as error:
        raise _unreadable(path, error) from None


def _facts(paths: list[Path], base: str) -> Iterator[ox.Quad]:
    result = pipeline.graph_from_facts(paths, base)
    if not result.conforms:
        raise FactProblems(result.problems)
    for s, p, o in result.triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o))


def _sort_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(RDF files, fact files and folders); refuse paths that do not exist."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise UnreadableInput("no input: give RDF files, fact files or folders")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UnreadableInput(f"{missing[0]}: no such file or folder")
    rdf = [p for p in paths if rdf_format(p) is not None]
    return rdf, [p for p in paths if p not in rdf]


def read_quads(paths: Iterable[Path], base: str = DEFAULT_BASE) -> Iterator[ox.Quad]:
    """The quads of RDF files, then of the fact files and folders among ``paths``."""
    rdf, facts = _sort_paths(paths)
    for path in rdf:
        yield from _parse(path)
    if facts:
        yield from _facts(facts, base)


# -- stores ------------------------------------------------------------------------------

def memory_store(paths: Iterable[Path], base: str = DEFAULT_BASE) -> ox.Store:
    """A fresh in-memory store holding ``paths``; Oxigraph parses RDF files itself."""
    rdf, facts = _sort_paths(paths)
    store = ox.Store()
    for path in rdf:
        try:
            store.load(path=str(path), format=RDF_FORMATS[path.suffix.lower()])
        except (SyntaxError, OSError) as error:
            raise _unreadable(path, error) from None
    if facts:
        store.extend(_facts(facts, base))
    return store


def open_store(folder: Path) -> ox.Store:
    """An on-disk store filled by ``diplokg load --store``, opened read-only."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{folder}: no store there; fill one with "
                         f"`diplokg load FILE --store {folder}`")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as error:
        raise StoreError(f"{folder}: cannot open the store: {error}") from None


# -- where triples go ---------------------------------------------------------------------

def split_by_source(quads: Iterable[ox.Quad]) -> dict[GraphName, list[ox.Triple]]:
    """Triples by the graph of their subject's dk:source (see the module docstring)."""
    triples = list({q.triple for q in quads})  # the union of all graphs, without repeats
    sources: dict = {}
    for triple in triples:
        if triple.predicate == DK_SOURCE and isinstance(triple.object, ox.NamedNode):
            sources.setdefault(triple.subject, []).append(triple.object.value)
    parts: dict[GraphName, list[ox.Triple]] = {}
    for triple in triples:
        for name in sources.get(triple.subject) or [None]:
            parts.setdefault(name, []).append(triple)
    return parts


def _check_target(graph: str | None, per_source: bool) -> None:
    if graph is not None and per_source:
        raise DiplokgError("choose --graph or --per-source, not both")


def plan(quads: Iterable[ox.Quad], graph: str | None = None,
         per_source: bool = False) -> dict[GraphName, list[ox.Triple]]:
    """Which triples go to which graph: all to ``graph`` if given, by source if asked,
    else each quad keeps its own graph (the default graph for triple formats)."""
    _check_target(graph, per_source)
    if per_source:
        return split_by_source(quads)
    parts: dict[GraphName, set[ox.Triple]] = {}
    for quad in quads:
        name = graph if graph is not None else (
            None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value)
        parts.setdefault(name, set()).add(quad.triple)
    return {name: list(triples) for name, triples in parts.items()}


def _graph_term(name: GraphName):
    return ox.DefaultGraph() if name is None else ox.NamedNode(name)


@dataclass(frozen=True)
class Loaded:
    """One graph written: its name (None: the default graph) and how many triples."""

    graph: GraphName
    triples: int

    def describe(self) -> str:
        where = "the default graph" if self.graph is None else f"graph <{self.graph}>"
        return f"{self.triples} triples into {where}"


def _sorted(parts: dict[GraphName, list]) -> list[tuple[GraphName, list]]:
    return sorted(parts.items(), key=lambda item: (item[0] is not None, item[0] or ""))


def _count(store: ox.Store, name: GraphName) -> int:
    pattern = "?s ?p ?o" if name is None else f"GRAPH <{name}> {{ ?s ?p ?o }}"
    answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(answer))[0].value)


def load_store(paths: Iterable[Path], folder: Path, graph: str | None = None,
               replace: bool = True, per_source: bool = False,
               base: str = DEFAULT_BASE) -> list[Loaded]:
    """Fill an on-disk store; ``replace`` empties each target graph first.

    Files of triples headed for one graph are bulk-loaded by Oxigraph straight from
    disk (fast, but not transactional: after a parse error, load again); anything else
    goes through Python, graph by graph."""
    _check_target(graph, per_source)
    folder = Path(folder)
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "CURRENT").exists():
        raise StoreError(f"{folder}: not an Oxigraph store and not empty; give a new or "
                         "empty folder, or one filled by `diplokg load --store`")
    rdf, facts = _sort_paths(paths)
    direct = not (per_source or facts) and not any(
        RDF_FORMATS[p.suffix.lower()].supports_datasets for p in rdf)
    try:
        store = ox.Store(str(folder))
    except OSError as error:
        raise StoreError(f"{folder}: cannot open the store for writing: {error}") from None
    try:
        done = []
        if direct:
            target = _graph_term(graph)
            if replace:
                store.clear_graph(target)
            before = _count(store, graph)
            for path in rdf:
                store.bulk_load(path=str(path), format=RDF_FORMATS[path.suffix.lower()],
                                to_graph=target)
            done.append(Loaded(graph, _count(store, graph) - before))
        else:
            for name, triples in _sorted(plan(read_quads(rdf + facts, base), graph,
                                              per_source)):
                target = _graph_term(name)
                if replace:
                    store.clear_graph(target)
                store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, target)
                                  for t in triples)
                done.append(Loaded(name, len(triples)))
        store.flush()
        return done
    except SyntaxError as error:
        raise UnreadableInput(f"not valid RDF: {error}") from None
    except OSError as error:
        raise StoreError(f"{folder}: cannot write the store: {error}") from None
    finally:
        del store  # release the lock so readers can open the folder


def graph_url(endpoint: str, graph: GraphName) -> str:
    """The Graph Store Protocol address of a graph: ``?default`` or ``?graph=<IRI>``."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def load_endpoint(paths: Iterable[Path], endpoint: str, graph: str | None = None,
                  replace: bool = True, per_source: bool = False,
                  base: str = DEFAULT_BASE, timeout: float = 600) -> list[Loaded]:
    """Send the graphs to a Graph Store: PUT replaces each target graph, POST adds to it."""
    remote.check_url(endpoint)
    _check_target(graph, per_source)
    parts = plan(read_quads(paths, base), graph, per_source)
    done = []
    for name, triples in _sorted(parts):
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        remote.request("PUT" if replace else "POST", graph_url(endpoint, name), body,
                       {"Content-Type": "application/n-triples"}, timeout=timeout)
        done.append(Loaded(name, len(triples)))
    return done
