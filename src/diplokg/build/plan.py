"""One build of merged facts: triples mapped on demand, validation in chunks, per-file output.

Each entity (a fact with its nested nodes) belongs to the file that first
declares it.  Work is keyed per file, so that with a cache a rebuild maps,
validates and renders only the files that changed and the files whose facts
refer to changed facts:

- the *own key* of a file covers its bytes and what its entities say (and the
  kinds of the entities they refer to, which their IRIs spell); the file's
  rendered output and class counts are cached under it;
- the *validation key* adds what the referenced entities say, since shapes and
  checks across facts look at them; the file's findings are cached under it.

Output is written entity by entity in IRI order, whichever files declare them, so
the same facts give the same bytes whatever the files are called, and a cached build
writes the same bytes as one without a cache.  The vocabulary written with the graph
(diplokg.rdf.vocabulary) comes from the concepts each file's output records, so a
cached build knows them without mapping its facts; its blocks go in the same IRI order.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cached_property

from rdflib import URIRef

from diplokg.build.cache import Cache
from diplokg.digests import digest
from diplokg.merge.entities import Merged
from diplokg.model.registry import prefixes
from diplokg.problems import Problem
from diplokg.rdf import vocabulary
from diplokg.rdf.mapping import TYPE, Mapper
from diplokg.rdf.serialize import Terms, entity_lines
from diplokg.read.passages import SourceText
from diplokg.validate.shacl import Chunk, check_chunks


@dataclass
class FileOutput:
    """What the entities a file declares give: how many triples, how many nodes of each
    class, the lines of each entity (in IRI order) in each format of
    serialize.BLOCK_FORMATS rendered so far, and the vocabulary IRIs they use as values
    (sorted)."""

    count: int
    classes: Counter[URIRef]
    lines: dict[str, list[list[str]]] = field(default_factory=dict)
    concepts: list[URIRef] = field(default_factory=list)


class Build:
    def __init__(self, merged: Merged, base: str, file_keys: dict[str, str],
                 cache: Cache | None = None, texts: dict[str, SourceText] | None = None):
        self.merged = merged
        self.base = base
        self.cache = cache
        # Keys name a file by its read key (a hash of its bytes), not by its path, so that
        # the cache still hits when the fact folder is renamed or checked out elsewhere;
        # cached findings keep these names and get today's paths back.  Files of the same
        # bytes, or read without a cache, go by their paths.
        counts = Counter(file_keys.values())
        self.names = {path: key if key and counts[key] == 1 else path
                      for path, key in file_keys.items()}
        self.paths = {name: path for path, name in self.names.items()}
        self._text_keys: dict[str, str] = {}
        self.mapper = Mapper(merged, base, texts)
        self.texts = self.mapper.texts
        self.triples: dict[str, list] = {}  # entity id -> its triples, once mapped
        self.owned: dict[str, list[str]] = {}  # file -> the entities it first declares
        for entity_id, entity in merged.entities.items():
            self.owned.setdefault(entity.first.file, []).append(entity_id)
        for ids in self.owned.values():
            ids.sort(key=lambda e: str(self.mapper.iri(e)))
        self.files = sorted(self.owned)

    def of(self, entity_id: str) -> list:
        """The entity's triples, mapped on first use."""
        found = self.triples.get(entity_id)
        if found is None:
            entity = self.merged.entities[entity_id]
            found = self.triples[entity_id] = list(dict.fromkeys(self.mapper.map_entity(entity)))
        return found

    def map_all(self) -> Iterator[tuple]:
        for file in self.files:
            for entity_id in self.owned[file]:
                yield from self.of(entity_id)

    # -- keys ------------------------------------------------------------------

    @cached_property
    def _printed(self) -> dict[str, str]:
        return {e: entity.fingerprint(self.names) for e, entity in self.merged.entities.items()}

    def own_key(self, file: str) -> str:
        parts = []
        for entity_id in self.owned[file]:
            entity = self.merged.entities[entity_id]
            kinds = [f"{r}={self.merged.kind_of(r)}" for r in entity.references]
            texts = [self._text_key(r) for r in entity.references if r in self.texts]
            parts += [self._printed[entity_id], *kinds, *texts]
        return digest(self.base, self.names.get(file, file), *parts)

    def _text_key(self, source: str) -> str:
        """The text of a source the file's quotes are located in: they move with it."""
        key = self._text_keys.get(source)
        if key is None:
            key = self._text_keys[source] = digest(source, self.texts[source].text)
        return key

    def context(self, entities: list[str]) -> list[str]:
        """The entities that ``entities`` refer to, other than themselves."""
        own = set(entities)
        return sorted({r for e in entities for r in self.merged.entities[e].references} - own)

    def validation_key(self, file: str) -> str:
        context = self.context(self.owned[file])
        return digest(self.own_key(file), "|", *(self._printed[e] for e in context))

    # -- validation ------------------------------------------------------------

    def validate(self, jobs: int, target: int,
                 progress: Callable[[int, int], None] | None = None) -> list[Problem]:
        """Findings of every file: from the cache where its key is known, else checked."""
        problems: list[Problem] = []
        dirty: dict[str, str] = {}
        for file in self.files:
            key = self.validation_key(file) if self.cache else ""
            found = self.cache.get("validate", key) if self.cache else None
            if found is None:
                dirty[file] = key
            else:
                problems += [replace(p, file=self.paths.get(p.file, p.file)) for p in found]
        chunks = self.plan_chunks([e for file in dirty for e in self.owned[file]], jobs, target)
        fresh = [p for found in check_chunks(chunks, self.triples, self.mapper.origins,
                                             self.base, jobs=jobs, progress=progress)
                 for p in found]
        if self.cache is not None:
            owner = {str(s): file for file in dirty for e in self.owned[file]
                     for s, _, _ in self.of(e)}
            per_file: dict[str, list[Problem]] = {file: [] for file in dirty}
            for problem in fresh:
                per_file[owner[problem.focus]].append(problem)
            for file, key in dirty.items():
                self.cache.put("validate", key, [replace(p, file=self.names.get(p.file, p.file))
                                                 for p in per_file[file]])
        return problems + fresh

    def plan_chunks(self, entities: list[str], jobs: int, target: int = 20_000) -> list[Chunk]:
        """Group ``entities`` into chunks, each with the entities it refers to, all mapped.

        Entities come in file order, so a chunk holds whole files where it can; a
        chunk has at most about ``target`` triples, and there are at least two
        chunks per process so the processes finish together.
        """
        total = sum(len(self.of(e)) for e in entities)
        if total <= target:
            return [self._chunk(entities)] if entities else []
        size = min(target, total // (jobs * 2) + 1)
        chunks: list[Chunk] = []
        current: list[str] = []
        count = 0
        for entity_id in entities:
            current.append(entity_id)
            count += len(self.of(entity_id))
            if count >= size:
                chunks.append(self._chunk(current))
                current, count = [], 0
        if current:
            chunks.append(self._chunk(current))
        return chunks

    def _chunk(self, entities: list[str]) -> Chunk:
        context = self.context(entities)
        for entity_id in context:
            self.of(entity_id)
        return Chunk(entities, context)

    # -- output ------------------------------------------------------------------

    def file_output(self, file: str, fmt: str | None, terms: Terms | None) -> FileOutput:
        """What a file's entities give: counts, and with a cache their lines in ``fmt`` if
        given (kept for the next build).  Without a cache the lines are rendered as they
        are written (``blocks``), so that a build never holds its whole output."""
        # the record's fields are in the key: an entry of another shape is not looked for
        key = digest(self.own_key(file), *(f.name for f in fields(FileOutput))) \
            if self.cache else ""
        cached = self.cache.get("output", key) if self.cache else None
        if cached is not None and (fmt is None or fmt in cached.lines):
            return cached
        triples = [self.of(e) for e in self.owned[file]]
        lines = dict(cached.lines) if cached else {}  # keep the formats written before
        if fmt is not None and self.cache is not None:
            lines[fmt] = [list(entity_lines(ts, fmt, terms)) for ts in triples]
        # the mapper writes rdf:type as one object (mapping.TYPE): compared by identity
        entry = FileOutput(sum(len(t) for t in triples),
                           Counter(o for ts in triples for _, p, o in ts if p is TYPE),
                           lines, vocabulary.concepts_in(t for ts in triples for t in ts))
        if self.cache is not None:
            self.cache.put("output", key, entry)
        return entry

    def outputs(self, fmt: str | None) -> list[FileOutput]:
        terms = Terms(prefixes(self.base)) if fmt else None
        return [self.file_output(file, fmt, terms) for file in self.files]

    def lines(self, outputs: list[FileOutput], fmt: str,
              extra: Iterable[tuple] = ()) -> Iterator[str]:
        """The entities' lines of every file, in IRI order across files, with the blocks
        of ``extra`` triples (the vocabulary: diplokg.rdf.vocabulary.blocks) among them.
        Each "line" is an entity's lines joined: written with its newline, the same bytes
        in far fewer writes."""
        for block in self.blocks(outputs, fmt, extra):
            if block:
                yield "\n".join(block)

    def blocks(self, outputs: list[FileOutput], fmt: str,
               extra: Iterable[tuple] = ()) -> Iterator[list[str]]:
        """The lines of each entity (and vocabulary block), in the order of ``lines``."""
        terms = Terms(prefixes(self.base))
        blocks = [self._file_blocks(file, out, fmt, terms)
                  for file, out in zip(self.files, outputs, strict=True)]
        lists = Terms(prefixes(self.base), blank_nodes=True)  # the ontology's lists
        blocks.append((key, list(entity_lines(triples, fmt, lists)))
                      for key, triples in vocabulary.blocks(extra))
        for _, block in heapq.merge(*blocks, key=lambda pair: pair[0]):
            yield block

    def _file_blocks(self, file: str, out: FileOutput, fmt: str,
                     terms: Terms) -> Iterator[tuple[str, list[str]]]:
        """(IRI, lines) of each entity of a file: as the cache kept them, or rendered now,
        the entity's triples let go once written (``of`` maps them again if asked)."""
        iris = (str(self.mapper.iri(e)) for e in self.owned[file])
        if fmt in out.lines:
            yield from zip(iris, out.lines[fmt], strict=True)
            return
        for entity_id, iri in zip(self.owned[file], iris, strict=True):
            yield iri, list(entity_lines(self.of(entity_id), fmt, terms))
            self.triples.pop(entity_id, None)
