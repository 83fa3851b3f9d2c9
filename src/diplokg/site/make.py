"""``make_site``: fact files or built RDF files in, a folder of static pages out.

Fact files and folders are built in memory by the build's own pipeline (nothing is
written but the site): a build with violations, or with warnings under ``strict``,
fails the site with the build's problems, as ``diplokg build`` fails.  RDF files made
by ``diplokg build`` are loaded as they are.  Either way the graph goes into an
in-memory Oxigraph store and is read from there by SPARQL (diplokg.site.graph).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from diplokg.build import pipeline
from diplokg.errors import FactProblems, OutputError, UnreadableInput, UsageError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.problems import Problem
from diplokg.query import store as stores
from diplokg.rdf.parsing import is_rdf
from diplokg.safetext import printable
from diplokg.site import graph as site_graph
from diplokg.site import output, render
from diplokg.site.ontology import read_ontology
from diplokg.site.pages import Picture, Site


@dataclass
class SiteResult:
    out_dir: Path
    pages: int = 0
    pictures: int = 0
    files: int = 0
    bytes: int = 0
    triples: int = 0
    kinds: Counter = field(default_factory=Counter)  # pages by folder
    warnings: list[Problem] = field(default_factory=list)  # of the fact files built
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds

    def summary(self) -> str:
        folders = ", ".join(f"{n} {folder}" for folder, n in sorted(self.kinds.items()))
        return (f"{self.pages} pages ({folders}), {self.pictures} pictures, "
                f"{self.files} files, {self.bytes:,} bytes, from {self.triples:,} triples")


@dataclass
class Loaded:
    """The graph of a site's inputs, the warnings of their facts, every file read (source
    texts too), and the text of each source that names one, by the source's IRI (a
    built RDF file carries no texts: its source pages show quotes in their context
    selectors' words only)."""

    store: ox.Store
    warnings: list[Problem] = field(default_factory=list)
    read: list[Path] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def _fact_store(paths: list[Path], base: str, strict: bool, loaded: Loaded) -> None:
    """Build fact files and folders into ``loaded``, failing as ``build`` fails.  The
    build renders N-Triples, as ``build -f nt`` writes them, which Oxigraph parses far
    faster than terms can be handed over one by one."""
    result = pipeline.graph_from_facts(paths, base, fmt="nt")
    if not result.passes(strict):
        raise FactProblems(result.problems)
    text = "\n".join(result.plan.lines(result.outputs, "nt", result.vocabulary))
    loaded.store.load(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    loaded.warnings, loaded.read = list(result.problems), list(result.inputs)
    loaded.texts = {str(result.plan.mapper.iri(source)): text.text
                    for source, text in result.plan.texts.items()}


def check_paths(paths: list[Path], out_dir: Path) -> None:
    """The site replaces ``out_dir`` whole: it may hold none of the inputs."""
    target = Path(os.path.abspath(out_dir))
    for path in paths:
        where = Path(os.path.abspath(path))
        if where == target or target in where.parents:
            raise UsageError(f"{printable(path)} is inside the output folder "
                             f"{printable(out_dir)}, which the site replaces whole")


def load(paths: list[Path], base: str = DEFAULT_BASE, strict: bool = False) -> Loaded:
    """An in-memory store of the RDF files and the fact files and folders among
    ``paths``, with what else their build gives."""
    if not paths:
        raise UnreadableInput("no input: give fact files and folders, or built RDF files")
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UnreadableInput(f"{printable(missing[0])}: no such file or folder")
    rdf = [p for p in paths if is_rdf(p)]
    facts = [p for p in paths if p not in rdf]
    loaded = Loaded(stores.memory_store(rdf) if rdf else ox.Store())
    if facts:
        _fact_store(facts, base, strict, loaded)
    return loaded


# The site being written, for the worker processes (forked, so they share it).
_WORK: tuple[Site, Path, int] | None = None


def _write_share(worker: int) -> tuple[int, int, int, int, Counter]:
    """Write every ``jobs``-th task of the site, from the ``worker``-th: (pages, pictures,
    files, bytes, pages by folder)."""
    site, folder, jobs = _WORK
    writer = output.Writer(folder)
    pages = pictures = 0
    kinds: Counter = Counter()
    for task in site.tasks()[worker::jobs]:
        for item in site.run(task):
            if isinstance(item, Picture):
                writer.write(item.path, item.svg)
                pictures += 1
                continue
            writer.write(item.path, render.render(item.template, item.context))
            pages += 1
            kinds[item.path.split("/")[0] if "/" in item.path else "home"] += 1
    return pages, pictures, writer.files, writer.bytes, kinds


def _write_pages(site: Site, folder: Path, jobs: int) -> list[tuple]:
    """The pages and pictures, written by ``jobs`` processes where processes can be
    forked (each takes every ``jobs``-th task: what a file holds never depends on who
    wrote it), else here.  A worker that dies is an error, never a wait for ever."""
    global _WORK
    _WORK = (site, folder, jobs)
    try:
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            # what exists now lives to the end: kept out of the collector's sight, the
            # workers do not copy the whole graph just to scan it
            gc.freeze()
            try:
                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_worker_signals) as pool:
                    return list(pool.map(_write_share, range(jobs)))
            except BrokenProcessPool as error:
                raise OutputError(f"a process writing the site stopped: {error}") from None
            finally:
                gc.unfreeze()
        _WORK = (site, folder, 1)
        return [_write_share(0)]
    finally:
        _WORK = None


def _worker_signals() -> None:
    """Workers end at once on SIGTERM; the command's own handler is for its main process."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pipeline.few_collections()  # millions of small objects that live to the end, as in a build
def make_site(paths: Iterable[Path], out_dir: Path, base: str = DEFAULT_BASE,
              strict: bool = False, jobs: int | None = None) -> SiteResult:
    """Write the site of ``paths`` (fact files and folders, or built RDF files) into
    ``out_dir``, replacing an earlier site there; nothing is written on failure.
    ``jobs`` processes write the pages (default: one per core)."""
    paths = [Path(p) for p in paths]
    pipeline.check_base(base)
    check_paths(paths, out_dir)
    output.check_replaceable(out_dir)  # before the work, and again before the move
    started = time.perf_counter()
    inputs = load(paths, base, strict)
    check_paths(inputs.read, out_dir)  # a source text may live anywhere
    loaded = time.perf_counter()
    ontology = read_ontology()
    graph = site_graph.read_graph(inputs.store, ontology.store)
    site = Site(graph, base, ontology, inputs.texts)
    warnings = inputs.warnings
    del inputs
    read = time.perf_counter()
    result = SiteResult(out_dir, triples=graph.triples, warnings=warnings,
                        timings={"load": loaded - started, "read": read - loaded})
    with output.replacing(out_dir) as writer:
        for pages, pictures, files, size, kinds in _write_pages(
                site, writer.folder, jobs or os.cpu_count() or 1):
            result.pages += pages
            result.pictures += pictures
            result.kinds.update(kinds)
            writer.files += files
            writer.bytes += size
        index_json, index_script = render.search_index(site.search_entries())
        writer.write("search-index.json", index_json)
        writer.write("search-index.js", index_script)
        for path, text in render.static_files().items():
            writer.write(path, text)
        result.files, result.bytes = writer.files, writer.bytes
    result.timings["write"] = time.perf_counter() - read
    return result


__all__ = ["SiteResult", "make_site"]
