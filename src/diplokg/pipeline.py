"""The operations behind the CLI: build, validate and schema, as Python functions."""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from .cache import Cache, digest
from .errors import DiplokgError, FactProblems, OutputError, UnreadableInput
from .facts import read_facts, schema
from .mapping import Mapper
from .merge import Merged, merge
from .namespaces import DEFAULT_BASE
from .report import VIOLATION, WARNING, Problem, count
from .serialize import serialize, write_atomic
from .triples import TripleIndex
from .validate import Chunk, Describer, check, check_chunks, coverage

RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".json-ld", ".rdf", ".owl", ".n3"}


@dataclass
class Result:
    """What a build or a validation found; ``graph`` is the checked graph.

    A build keeps its triples in a TripleIndex (``triples``); the rdflib Graph is
    made from it only when someone asks for ``graph``.
    """

    triples: TripleIndex | Graph | None
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    checked: dict[str, list[str]] = field(default_factory=dict)  # file -> facts in it
    merged: Merged | None = None  # what was merged, for the merge report
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds

    @property
    def graph(self) -> Graph | None:
        if isinstance(self.triples, TripleIndex):
            self.triples = self.triples.to_graph()
        return self.triples

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
    if not (base.startswith(("http://", "https://")) and base.endswith(("/", "#"))
            and " " not in base):
        raise DiplokgError(f"base IRI {base!r} must start with http:// or https:// "
                           "and end with / or #")
    return base


def graph_from_facts(paths: Iterable[Path], base: str = DEFAULT_BASE,
                     extra_shapes: tuple[Path, ...] = (), jobs: int | None = None,
                     chunk_triples: int = 20_000, cache: Cache | None = None,
                     progress: Progress | None = None) -> Result:
    """Read, check, merge, map and validate fact files; raise FactProblems on bad input.

    Validation runs in chunks on ``jobs`` processes (default: one per core) once
    the graph is large enough for that to pay; with a user's own shapes it runs
    on the whole graph, since those may look across any facts.  With a cache,
    unchanged files are not parsed again, and the findings for a file whose
    facts and referenced facts are unchanged are taken from the cache.
    ``progress`` is told (stage, done, total) as files are read and triples validated.
    """
    progress = progress or (lambda stage, done, total: None)
    clock = _Clock()
    fact_set = read_facts(paths, cache, lambda done, total: progress("files", done, total))
    clock.lap("read")
    merged = merge(fact_set)
    clock.lap("merge")
    mapper = Mapper(merged, check_base(base))
    triples = {entity_id: list(mapper.map_entity(entity))
               for entity_id, entity in merged.entities.items()}
    clock.lap("map")
    file_keys = {str(f.path): f.key for f in fact_set.files}
    problems = _validate(merged, triples, mapper, base, extra_shapes,
                         jobs or os.cpu_count() or 1, chunk_triples, cache, file_keys,
                         lambda done, total: progress("triples", done, total))
    index = TripleIndex(t for entity_triples in triples.values() for t in entity_triples)
    del triples  # the index holds them now
    problems += coverage(index, Describer(base, mapper.origins), extra_shapes)
    problems += merged.problems()
    clock.lap("validate")
    checked = {str(f.path): [fact.label for fact in f.facts] for f in fact_set.files}
    return Result(index, sorted(set(problems)), checked=checked, merged=merged,
                  timings=clock.laps)


def _validate(merged: Merged, triples: dict[str, list], mapper: Mapper, base: str,
              extra_shapes: tuple[Path, ...], jobs: int, chunk_triples: int,
              cache: Cache | None, file_keys: dict[str, str],
              progress: Callable[[int, int], None]) -> list[Problem]:
    """SHACL and the checks across facts, per chunk, reusing cached findings per file."""
    if extra_shapes:
        chunks = [Chunk(list(triples), [])]
        return [p for found in check_chunks(chunks, triples, mapper.origins, base, extra_shapes,
                                            progress=progress)
                for p in found]
    if cache is None:
        chunks = plan_chunks(merged, triples, mapper, jobs, chunk_triples)
        return [p for found in check_chunks(chunks, triples, mapper.origins, base, jobs=jobs,
                                            progress=progress)
                for p in found]
    files: dict[str, list[str]] = defaultdict(list)
    for entity_id, entity in merged.entities.items():
        files[entity.first.file].append(entity_id)
    keys = _file_keys(merged, triples, mapper, base, files, file_keys)
    problems, dirty = [], {}
    for file, key in keys.items():
        found = cache.get("validate", key)
        if found is None:
            dirty[file] = key
        else:
            problems += found
    todo = {e: triples[e] for file in dirty for e in files[file]}
    chunks = plan_chunks(merged, todo, mapper, jobs, chunk_triples, everything=triples)
    fresh = [p for found in check_chunks(chunks, triples, mapper.origins, base, jobs=jobs,
                                         progress=progress)
             for p in found]
    owner = {str(s): file for file in dirty for e in files[file] for s, _, _ in triples[e]}
    per_file: dict[str, list[Problem]] = {file: [] for file in dirty}
    for problem in fresh:
        per_file[owner[problem.focus]].append(problem)
    for file, key in dirty.items():
        cache.put("validate", key, per_file[file])
    return problems + fresh


def _file_keys(merged: Merged, triples: dict[str, list], mapper: Mapper, base: str,
               files: dict[str, list[str]], file_keys: dict[str, str]) -> dict[str, str]:
    """A key per file that changes when its facts, or the facts they refer to, change.

    The file's own bytes are in its key, since its findings carry its line
    numbers; of the facts it refers to, only what they say counts.
    """
    printed = {e: merged.entities[e].fingerprint() for e in triples}
    node_of = {mapper.iri(entity_id): entity_id for entity_id in triples}
    keys = {}
    for file, entities in sorted(files.items()):
        context = _with_context(entities, triples, node_of).context
        keys[file] = digest(base, file, file_keys.get(file, ""),
                            *sorted(printed[e] for e in entities), "|",
                            *sorted(printed[e] for e in context))
    return keys


def plan_chunks(merged: Merged, triples: dict[str, list], mapper: Mapper,
                jobs: int, target: int = 20_000, everything: dict | None = None) -> list[Chunk]:
    """Group the entities of ``triples`` into chunks, each with the entities it refers to.

    Entities are taken in order of the file that declares them, so a chunk holds
    whole files where it can; a chunk has at most about ``target`` triples, and
    there are at least two chunks per process so the processes finish together.
    Referenced entities are looked up in ``everything`` (default: ``triples``).
    """
    everything = triples if everything is None else everything
    total = sum(len(t) for t in triples.values())
    if total <= target and everything is triples:
        return [Chunk(list(triples), [])] if triples else []
    size = min(target, total // (jobs * 2) + 1)  # at least two chunks per process
    node_of = {mapper.iri(entity_id): entity_id for entity_id in everything}
    order = sorted(triples, key=lambda e: (merged.entities[e].first.file,
                                           merged.entities[e].first.line))
    chunks: list[Chunk] = []
    current: list[str] = []
    count = 0
    for entity_id in order:
        current.append(entity_id)
        count += len(triples[entity_id])
        if count >= size:
            chunks.append(_with_context(current, triples, node_of))
            current, count = [], 0
    if current:
        chunks.append(_with_context(current, triples, node_of))
    return chunks


def _with_context(entities: list[str], triples: dict[str, list], node_of: dict) -> Chunk:
    own = set(entities)
    context = {node_of[o] for e in entities for _, _, o in triples[e] if o in node_of} - own
    return Chunk(entities, sorted(context))


def build(paths: Iterable[Path], output: Path, base: str = DEFAULT_BASE, fmt: str = "turtle",
          strict: bool = False, jobs: int | None = None, cache: Cache | None = None,
          progress: Progress | None = None) -> Result:
    """Build fact files into an RDF file; write nothing unless the graph passes."""
    result = graph_from_facts(paths, base, jobs=jobs, cache=cache, progress=progress)
    if not result.passes(strict):
        raise FactProblems(result.problems)
    clock = _Clock()
    try:
        write_atomic(output, serialize(result.triples, fmt, base))
    except OSError as error:
        raise OutputError(f"{output}: cannot write: {error.strerror or error}") from None
    result.timings["write"] = clock.lap("write")
    result.output = output
    return result


def is_rdf(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in RDF_SUFFIXES


def validate_rdf(path: Path, base: str = DEFAULT_BASE,
                 extra_shapes: tuple[Path, ...] = ()) -> Result:
    """Validate an RDF file made elsewhere against the shapes."""
    graph = Graph()
    try:
        graph.parse(path, format=guess_format(str(path)) or "turtle")
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except Exception as error:  # rdflib's parsers raise many kinds of errors
        raise UnreadableInput(f"{path}: not valid RDF: {error}") from None
    problems = check(graph, Describer(base, {}, file=str(path)), extra_shapes,
                     data_is_ours=False)
    return Result(graph, problems, checked={str(path): []})


def validate(paths: list[Path], base: str = DEFAULT_BASE, extra_shapes: tuple[Path, ...] = (),
             jobs: int | None = None, cache: Cache | None = None,
             progress: Progress | None = None) -> Result:
    """Validate fact files, or one RDF file; problems come back in the result."""
    if len(paths) == 1 and is_rdf(paths[0]):
        return validate_rdf(paths[0], base, extra_shapes)
    if any(is_rdf(path) for path in paths):
        raise DiplokgError("validate takes fact files and folders, or a single RDF file")
    return graph_from_facts(paths, base, extra_shapes, jobs=jobs, cache=cache,
                            progress=progress)


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
