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

import os
import shutil
import stat
import tempfile
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from diplokg.errors import StoreError, UnreadableInput, UsageError
from diplokg.namespaces import DEFAULT_BASE, XSD
from diplokg.query import remote
from diplokg.rdf.parsing import is_rdf, ox_format, ox_source
from diplokg.rdf.serialize import split_by_source
from diplokg.safetext import one_line, printable

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

def _unreadable(path: Path, error: Exception) -> UnreadableInput:
    if isinstance(error, SyntaxError):
        return UnreadableInput(f"{printable(path)}: not valid RDF: {one_line(error)}")
    reason = getattr(error, "strerror", None) or error
    return UnreadableInput(f"{printable(path)}: cannot read: {printable(reason)}")


def _parse(path: Path) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(**ox_source(path))
    except (SyntaxError, OSError, ValueError) as error:
        raise _unreadable(path, error) from None


# Turns fact files and folders into quads: diplokg.build.pipeline.fact_quads.  Querying
# and loading take it as an argument, so that they need the build only for fact files.
FactQuads = Callable[[list[Path], str], Iterable[ox.Quad]]


def _facts(paths: list[Path], base: str, facts: FactQuads | None) -> Iterable[ox.Quad]:
    if facts is None:
        raise UsageError(f"{printable(paths[0])} is a fact file or folder; give built RDF "
                         "files here, or build it first")
    return facts(paths, base)


def _sort_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(RDF files, fact files and folders); refuse paths that do not exist."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise UnreadableInput("no input: give RDF files, fact files or folders")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UnreadableInput(f"{printable(missing[0])}: no such file or folder")
    rdf = [p for p in paths if is_rdf(p)]
    return rdf, [p for p in paths if p not in rdf]


def read_quads(paths: Iterable[Path], base: str = DEFAULT_BASE,
               facts: FactQuads | None = None) -> Iterator[ox.Quad]:
    """The quads of RDF files, then of the fact files and folders among ``paths``
    (built by ``facts``)."""
    rdf, fact_paths = _sort_paths(paths)
    for path in rdf:
        yield from _parse(path)
    if fact_paths:
        yield from _facts(fact_paths, base, facts)


# -- stores ------------------------------------------------------------------------------

def memory_store(paths: Iterable[Path], base: str = DEFAULT_BASE,
                 facts: FactQuads | None = None) -> ox.Store:
    """A fresh in-memory store holding ``paths``; Oxigraph parses RDF files itself, and
    ``facts`` builds fact files and folders."""
    rdf, fact_paths = _sort_paths(paths)
    store = ox.Store()
    for path in rdf:
        try:
            store.load(**ox_source(path))
        except (SyntaxError, OSError, ValueError) as error:
            raise _unreadable(path, error) from None
    if fact_paths:
        store.extend(_facts(fact_paths, base, facts))
    return store


def _open(folder: Path, read_only: bool = False) -> ox.Store:
    """Open an on-disk store; a damaged or locked one is a StoreError."""
    try:
        return ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except (OSError, RuntimeError) as error:  # RocksDB reports damage as RuntimeError
        raise StoreError(f"{printable(folder)}: cannot open the store: {printable(error)}"
                         ) from None


def open_store(folder: Path) -> ox.Store:
    """An on-disk store filled by ``diplokg load --store``, opened read-only."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{printable(folder)}: no store there; fill one with "
                         f"`diplokg load FILE --store {printable(folder)}`")
    return _open(folder, read_only=True)


# -- where triples go ---------------------------------------------------------------------

def _check_target(graph: str | None, per_source: bool) -> None:
    if graph is not None and per_source:
        raise UsageError("choose --graph or --per-source, not both")


def plan(quads: Iterable[ox.Quad], graph: str | None = None,
         per_source: bool = False) -> dict[GraphName, list[ox.Triple]]:
    """Which triples go to which graph: all to ``graph`` if given, by source if asked,
    else each quad keeps its own graph (the default graph for triple formats)."""
    _check_target(graph, per_source)
    if per_source:  # the union of all graphs, split
        parts = split_by_source((quad.triple for quad in quads), ox.NamedNode)
        return {None if name is None else name.value: found for name, found in parts.items()}
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
        where = "the default graph" if self.graph is None else f"graph <{printable(self.graph)}>"
        return f"{self.triples} triples into {where}"


def _sorted(parts: dict[GraphName, list]) -> list[tuple[GraphName, list]]:
    return sorted(parts.items(), key=lambda item: (item[0] is not None, item[0] or ""))


def _count(store: ox.Store, name: GraphName) -> int:
    pattern = "?s ?p ?o" if name is None else f"GRAPH <{name}> {{ ?s ?p ?o }}"
    answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(answer))[0].value)


def _is_store(folder: Path, given: Path) -> bool:
    """Whether ``folder`` holds a store (False: missing or empty); else a StoreError."""
    if not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
        return False
    if not folder.is_dir() or not (folder / "CURRENT").exists():
        raise StoreError(f"{printable(given)}: not an Oxigraph store and not empty; give a "
                         "new or empty folder, or one filled by `diplokg load --store`")
    return True


def _swap(new: Path, folder: Path, spare: Path) -> None:
    """Put the store at ``new`` in the place of ``folder`` (``spare``: a free path)."""
    if folder.exists():
        os.chmod(new, stat.S_IMODE(folder.stat().st_mode))
        os.rename(folder, spare)
        try:
            os.rename(new, folder)
        except OSError as error:
            try:
                os.rename(spare, folder)
            except OSError:
                raise StoreError(f"{printable(folder)}: cannot put the new store in place "
                                 f"({printable(error.strerror)}) nor the old one back: it "
                                 f"is in {printable(spare)}; move it back") from None
            raise
    else:
        os.rename(new, folder)


def _fill(folder: Path, rdf: list[Path], fact_paths: list[Path], graph: str | None,
          replace: bool, per_source: bool, base: str, facts: FactQuads | None) -> list[Loaded]:
    """Load into the store at ``folder``.  Files of triples headed for one graph are
    bulk-loaded by Oxigraph straight from the file (fast, but not transactional, hence
    the copy that load_store loads into); anything else goes through Python."""
    direct = not (per_source or fact_paths) and not any(
        ox_format(p).supports_datasets for p in rdf)
    parts = [] if direct else _sorted(plan(read_quads(rdf + fact_paths, base, facts), graph,
                                           per_source))
    store = _open(folder)
    try:
        done = []
        if direct:
            target = _graph_term(graph)
            if replace:
                store.clear_graph(target)
            before = _count(store, graph)
            for path in rdf:
                try:
                    store.bulk_load(**ox_source(path), to_graph=target)
                except (SyntaxError, ValueError) as error:
                    raise _unreadable(path, error) from None
            done.append(Loaded(graph, _count(store, graph) - before))
        for name, triples in parts:
            target = _graph_term(name)
            if replace:
                store.clear_graph(target)
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, target)
                              for t in triples)
            done.append(Loaded(name, len(triples)))
        store.flush()
        return done
    finally:
        # The only reference: the store closes here, also when an error goes on up
        # (pyoxigraph has no close()), so its folder can be moved or removed.
        del store


def load_store(paths: Iterable[Path], folder: Path, graph: str | None = None,
               replace: bool = True, per_source: bool = False,
               base: str = DEFAULT_BASE, facts: FactQuads | None = None) -> list[Loaded]:
    """Fill an on-disk store; ``replace`` empties each target graph first.

    The load goes into a copy of the store in a new folder beside it (a checkpoint,
    whose files are hard links where the file system allows), which takes the store's
    place only when complete: a load that fails, on bad input or a full disk, leaves
    the store as it was.  A symbolic link to a store keeps pointing at it."""
    _check_target(graph, per_source)
    given, folder = Path(folder), Path(folder).resolve()
    existing = _is_store(folder, given)
    rdf, fact_paths = _sort_paths(paths)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".loading",
                                        dir=folder.parent))
    except OSError as error:
        raise StoreError(f"{printable(given)}: cannot write beside the store: "
                         f"{printable(error.strerror or error)}") from None
    new = scratch / "store"
    try:
        if existing:
            _open(given).backup(str(new))  # closed again at once: no reference is kept
        done = _fill(new, rdf, fact_paths, graph, replace, per_source, base, facts)
        _swap(new, folder, scratch / "old")
        return done
    except (OSError, RuntimeError) as error:
        raise StoreError(f"{printable(given)}: cannot write the store: "
                         f"{printable(getattr(error, 'strerror', None) or error)}") from None
    finally:
        if folder.exists() or not (scratch / "old").exists():  # else the old store is there
            shutil.rmtree(scratch, ignore_errors=True)


def graph_url(endpoint: str, graph: GraphName) -> str:
    """The Graph Store Protocol address of a graph: ``?default`` or ``?graph=<IRI>``."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def _names(graphs: Iterable[GraphName]) -> str:
    shown = ["the default graph" if g is None else f"<{printable(g)}>" for g in graphs]
    return ", ".join(shown) or "none"


def load_endpoint(paths: Iterable[Path], endpoint: str, graph: str | None = None,
                  replace: bool = True, per_source: bool = False,
                  base: str = DEFAULT_BASE, timeout: float = remote.LOAD_TIMEOUT,
                  facts: FactQuads | None = None) -> list[Loaded]:
    """Send the graphs to a Graph Store: PUT replaces each target graph, POST adds to it.

    A graph counts as stored only when the server confirms it (remote.STORED); when
    one fails, the error says which graphs were stored before it and which not sent."""
    remote.check_url(endpoint)
    _check_target(graph, per_source)
    parts = _sorted(plan(read_quads(paths, base, facts), graph, per_source))
    done: list[Loaded] = []
    for index, (name, triples) in enumerate(parts):
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        try:
            remote.request("PUT" if replace else "POST", graph_url(endpoint, name), body,
                           {"Content-Type": "application/n-triples"}, timeout=timeout)
        except StoreError as error:
            if len(parts) == 1:
                raise
            how = "replaced" if replace else "added to"
            raise StoreError(
                f"{error}; graphs {how}: {_names(d.graph for d in done)}; failed: "
                f"{_names([name])}; not sent: {_names(n for n, _ in parts[index + 1:])}",
                status=error.status) from None
        done.append(Loaded(name, len(triples)))
    return done
