"""The operations behind the CLI: build, validate and schema, as Python functions."""

from __future__ import annotations

import gc
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from diplokg.build import identities
from diplokg.build.cache import Cache
from diplokg.build.plan import Build, FileOutput
from diplokg.errors import FactProblems, UsageError
from diplokg.iris import iri_problem
from diplokg.limits import DEFAULT, Limits
from diplokg.merge.entities import Merged, merge
from diplokg.namespaces import DEFAULT_BASE
from diplokg.problems import VIOLATION, WARNING, Problem, count
from diplokg.query.store import to_ox
from diplokg.rdf import vocabulary
from diplokg.rdf.parsing import is_rdf, rdflib_graph
from diplokg.rdf.serialize import BLOCK_FORMATS, header_lines, serialize
from diplokg.rdf.triples import TripleIndex
from diplokg.read.facts import FactSet, read_facts, schema
from diplokg.safeio import Outputs
from diplokg.safetext import json_text, printable
from diplokg.validate.checks import Summary
from diplokg.validate.shacl import Chunk, Describer, check, check_chunks, coverage


@dataclass
class BuildResult:
    """What a build or a validation found; ``graph`` is the graph built: the checked
    triples and the ``vocabulary`` written with them (the labels of the concepts they
    use, or the whole ontology: diplokg.rdf.vocabulary), which is not validated.

    A build keeps its triples in a TripleIndex (``triples``); the rdflib Graph is
    made from it only when someone asks for ``graph``.
    """

    source: Build | TripleIndex | Graph | None  # what the triples come from
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    checked: dict[str, list[str]] = field(default_factory=dict)  # file -> facts in it
    merged: Merged | None = None  # what was merged, for the merge report
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    count: int | None = None  # number of triples, when known without mapping them all
    outputs: list[FileOutput] = field(default_factory=list)  # per file: counts, lines
    inputs: list[Path] = field(default_factory=list)  # every file read: no output may be one
    plan: Build | None = None  # the build, which puts the outputs' lines in order
    vocabulary: list[tuple] = field(default_factory=list)  # written with the facts' triples

    @property
    def triples(self) -> TripleIndex | Graph | None:
        """Every triple; a cached build maps the facts it did not need only now."""
        if isinstance(self.source, Build):
            self.source = TripleIndex(chain(self.source.map_all(), self.vocabulary))
        return self.source

    @property
    def graph(self) -> Graph | None:
        if not isinstance(self.triples, Graph | None):
            self.source = self.triples.to_graph()
        return self.source

    def __len__(self) -> int:
        return self.count if self.count is not None else len(self.triples)

    @property
    def conforms(self) -> bool:
        return count(self.problems, VIOLATION) == 0

    def passes(self, strict: bool = False) -> bool:
        return self.conforms and not (strict and count(self.problems, WARNING))


class _Clock:
    """Wall time of each stage, for --timings and the benchmarks."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, stage: str) -> float:
        now = time.perf_counter()
        self.laps[stage] = now - self.last
        self.last = now
        return self.laps[stage]


Progress = Callable[[str, int, int], None]  # (what is counted: "files" or "triples", done, total)


def check_base(base: str) -> str:
    why = iri_problem(base)
    if why or not base.endswith(("/", "#")):
        raise UsageError(f"base IRI '{printable(base)}' must be an http:// or https:// IRI "
                         "ending with / or #" + (f" ({why})" if why else ""))
    return base


# A build makes millions of small objects that all live to its end.  With the collector's
# default thresholds a full collection runs again and again over all of them, and the
# cost per triple grows with the graph; with these it stays flat.  (No cycles are made
# that need collecting sooner: the objects are tuples, strings and rdflib terms.)
BUILD_GC_THRESHOLDS = (200_000, 50, 1_000)


@contextmanager
def few_collections():
    """Run with BUILD_GC_THRESHOLDS, then restore the thresholds (also a decorator)."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@few_collections()
def graph_from_facts(paths: Iterable[Path], base: str = DEFAULT_BASE,
                     extra_shapes: tuple[Path, ...] = (), jobs: int | None = None,
                     chunk_triples: int = 20_000, cache: Cache | None = None,
                     progress: Progress | None = None, fmt: str | None = None,
                     limits: Limits = DEFAULT,
                     ids: identities.Identities | None = None,
                     ontology: bool = False) -> BuildResult:
    """Read, check, merge, map and validate fact files; raise FactProblems on bad input.

    Validation runs in chunks on ``jobs`` processes (default: one per core) once
    the graph is large enough for that to pay; with a user's own shapes it runs
    on the whole graph, since those may look across any facts.  With a cache, a
    file that did not change is not parsed, mapped or validated again, unless
    facts it refers to changed (see diplokg.build).  With ``fmt``, each file's
    output is rendered (or taken from the cache) for ``build`` to write.
    ``progress`` is told (stage, done, total) as files are read and triples validated.
    ``ids`` (from an identity file, diplokg.build.identities) name merged facts first.
    The result carries the vocabulary of the concepts the graph uses, or with
    ``ontology`` the whole ontology and vocabulary; it is written with the graph
    but not validated: it is no fact of the files, and it is shipped and tested
    with diplokg (``validate`` of a built file leaves it out too).
    """
    progress = progress or (lambda stage, done, total: None)
    clock = _Clock()
    fact_set = _read_and_resolve(paths, cache, progress, limits)
    clock.lap("read")
    ids = ids or identities.Identities()
    merged = merge(fact_set, ids.ranks(), ids.pins())
    clock.lap("merge")
    work = Build(merged, check_base(base), {str(f.path): f.key for f in fact_set.files}, cache,
                 fact_set.texts)
    if cache is None:  # everything gets mapped: do it now, so the stage is timed apart
        for _ in work.map_all():
            pass
        clock.lap("map")

    def on_triples(done: int, total: int) -> None:
        progress("triples", done, total)

    if extra_shapes:
        problems = _validate_whole(work, extra_shapes, on_triples)
    else:
        problems = work.validate(jobs or os.cpu_count() or 1, chunk_triples, on_triples)
    clock.lap("validate")
    outputs = work.outputs(fmt if fmt in BLOCK_FORMATS else None)
    clock.lap("render")
    if extra_shapes:  # a user's shapes may target nodes or predicates, not just classes
        summary = Summary(t for triples in work.triples.values() for t in triples)
    else:
        summary = Summary.of_classes(sum((o.classes for o in outputs), Counter()))
    problems += coverage(summary, Describer(base, work.mapper.origins), extra_shapes)
    problems += merged.problems(lambda entity_id: str(work.mapper.iri(entity_id)))
    checked = {str(f.path): [fact.label for fact in f.facts] for f in fact_set.files}
    terms = (vocabulary.ontology_triples() if ontology
             else vocabulary.concept_triples(c for out in outputs for c in out.concepts))
    return BuildResult(work, sorted(set(problems)), checked=checked, merged=merged,
                       timings=clock.laps, count=sum(out.count for out in outputs) + len(terms),
                       outputs=outputs, inputs=fact_set.inputs() + list(extra_shapes),
                       plan=work, vocabulary=terms)


def _read_and_resolve(paths: Iterable[Path], cache: Cache | None, progress: Progress,
                      limits: Limits) -> FactSet:
    """Read fact files; with problems, also resolve the references of the facts that could
    be read, so that every problem the reader and the references show comes in one run."""
    try:
        return read_facts(paths, cache, lambda done, total: progress("files", done, total),
                          limits)
    except FactProblems as error:
        problems = list(error.problems)
        if isinstance(error.facts, FactSet):
            try:
                merge(error.facts)
            except FactProblems as more:
                problems += more.problems
        raise FactProblems(sorted(set(problems))) from None


def _validate_whole(work: Build, extra_shapes: tuple[Path, ...],
                    progress: Callable[[int, int], None]) -> list[Problem]:
    """A user's own shapes may look across any facts: validate the whole graph at once."""
    everything = [e for file in work.files for e in work.owned[file]]
    for entity_id in everything:
        work.of(entity_id)
    found = check_chunks([Chunk(everything, [])], work.triples, work.mapper.origins, work.base,
                         extra_shapes, progress=progress)
    return found[0]


@few_collections()
def build(paths: Iterable[Path], output: Path, base: str = DEFAULT_BASE, fmt: str = "turtle",
          strict: bool = False, jobs: int | None = None, cache: Cache | None = None,
          progress: Progress | None = None, merge_report: Path | None = None,
          limits: Limits = DEFAULT, force: bool = False, ids_file: Path | None = None,
          check_ids: bool = False, ontology: bool = False, shards: int = 1) -> BuildResult:
    """Build fact files into an RDF file; write nothing unless the graph passes.

    With ``shards`` above 1 (N-Triples only), the triples go into that many files
    named after ``output`` (``graph-1-of-4.nt`` ...), of about equal size, each whole
    entities, for bulk loaders that read files in parallel; in order they are the
    one file a build without shards writes.

    The file holds the labels of the concepts the graph uses, or with ``ontology``
    the whole ontology and vocabulary (see graph_from_facts).

    The graph, the merge report and the identity file are committed together, or
    none is written; none may be one of the files read.  With ``check_ids`` the
    identity file is only checked: a merged fact it does not name is a problem.
    """
    if shards < 1 or (shards > 1 and fmt != "nt"):
        raise UsageError("--shards needs --format nt and a number of at least 1")
    known = identities.read_ids(ids_file) if ids_file is not None else identities.Identities()
    result = graph_from_facts(paths, base, jobs=jobs, cache=cache, progress=progress, fmt=fmt,
                              limits=limits, ids=known, ontology=ontology)
    if not result.passes(strict):
        raise FactProblems(result.problems)
    if ids_file is not None and check_ids:
        identities.check(ids_file, known, result.merged)
    clock = _Clock()
    if fmt in BLOCK_FORMATS:
        lines = chain(header_lines(fmt, base),
                      result.plan.lines(result.outputs, fmt, result.vocabulary))
    else:
        lines = serialize(result.triples, fmt, base, blank_nodes=ontology)
    with Outputs(result.inputs, force) as outputs:
        outputs.check(output)
        if merge_report is not None:
            outputs.stage(merge_report, [json_text(result.merged.report())], "merge report")
        ids = known.updated(result.merged)
        if ids_file is not None and not check_ids and ids != known:
            outputs.stage(ids_file, ids.lines(), "identity file")
        if shards == 1:
            outputs.stage(output, lines)
        else:
            blocks = _Blocks(result.plan.blocks(result.outputs, fmt, result.vocabulary))
            for number in range(1, shards + 1):
                until = len(result) * number // shards if number < shards else None
                outputs.stage(shard_path(output, number, shards), blocks.lines_until(until))
        outputs.commit()
    result.timings["write"] = clock.lap("write")
    result.output = output
    return result


def shard_path(output: Path, number: int, shards: int) -> Path:
    """``graph.nt`` -> ``graph-2-of-4.nt``."""
    return output.with_name(f"{output.stem}-{number}-of-{shards}{output.suffix}")


class _Blocks:
    """The blocks of lines of a build, given out shard by shard."""

    def __init__(self, blocks: Iterable[list[str]]):
        self.blocks = iter(blocks)
        self.given = 0  # lines given so far: an N-Triples line is a triple

    def lines_until(self, until: int | None) -> Iterator[str]:
        """Whole blocks until ``until`` lines are given in all (every one left if None)."""
        while until is None or self.given < until:
            block = next(self.blocks, None)
            if block is None:
                return
            self.given += len(block)
            yield from block


def validate_rdf(path: Path, base: str = DEFAULT_BASE,
                 extra_shapes: tuple[Path, ...] = ()) -> BuildResult:
    """Validate an RDF file made elsewhere against the shapes.

    What the shipped ontology and vocabulary state (as ``build`` writes it with the
    graph) is left out: it describes diplokg's own terms and is no data to check."""
    graph = rdflib_graph(path)  # parsed without network or other files
    for triple in vocabulary.shipped(graph):
        graph.remove(triple)
    problems = check(graph, Describer(base, {}, file=str(path)), extra_shapes,
                     data_is_ours=False)
    return BuildResult(graph, problems, checked={str(path): []})


def validate(paths: list[Path], base: str = DEFAULT_BASE, extra_shapes: tuple[Path, ...] = (),
             jobs: int | None = None, cache: Cache | None = None,
             progress: Progress | None = None, limits: Limits = DEFAULT) -> BuildResult:
    """Validate fact files, or one RDF file; problems come back in the result."""
    if len(paths) == 1 and is_rdf(paths[0]):
        return validate_rdf(paths[0], base, extra_shapes)
    if any(is_rdf(path) for path in paths):
        raise UsageError("validate takes fact files and folders, or a single RDF file")
    return graph_from_facts(paths, base, extra_shapes, jobs=jobs, cache=cache,
                            progress=progress, limits=limits)


def fact_quads(paths: list[Path], base: str = DEFAULT_BASE,
               warn: Callable[[list[Problem]], None] | None = None,
               ontology: bool = False) -> Iterator[ox.Quad]:
    """The quads of fact files and folders, for querying and loading: they must conform,
    as for ``build``; ``warn`` is given the warnings, if any, before the first quad.
    As in a built file, the labels of the concepts used come too (the whole ontology
    and vocabulary with ``ontology``)."""
    result = graph_from_facts(paths, base, ontology=ontology)
    if not result.conforms:
        raise FactProblems(result.problems)
    if warn is not None and result.problems:
        warn(result.problems)
    for s, p, o in result.triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o))


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
