"""Validating in chunks, on several processes, finds exactly what one whole-graph run finds."""

from __future__ import annotations

import pytest

from conftest import REPO, SEEDS
from diplokg.build import pipeline
from diplokg.namespaces import DEFAULT_BASE
from diplokg.validate.shacl import Describer, check

BROKEN = REPO / "tests" / "cases" / "broken-seed"
MERGE = REPO / "tests" / "cases" / "merge"


def key(problems):
    return sorted((p.file, p.line, p.fact, p.field, p.code, p.focus, p.path, p.value)
                  for p in problems)


@pytest.mark.parametrize("paths", [[BROKEN], [SEEDS, MERGE]], ids=["broken-seed", "merged"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_chunked_findings_equal_one_whole_graph_run(paths, jobs):
    chunked = pipeline.graph_from_facts(paths, jobs=jobs, chunk_triples=40)
    assert chunked.timings  # it ran
    whole = pipeline.graph_from_facts(paths, jobs=1, chunk_triples=10**9)
    assert key(chunked.problems) == key(whole.problems)
    # and one plain pyshacl-backed check over the finished graph agrees too
    plain = check(whole.graph, Describer(DEFAULT_BASE, {}))
    from_shapes = {(p.focus, p.path, p.component) for p in plain if p.shape}
    assert from_shapes == {(p.focus, p.path, p.component) for p in chunked.problems if p.shape}


def test_chunks_cover_every_entity_once():
    from diplokg.build.plan import Build
    from diplokg.merge.entities import merge
    from diplokg.read.facts import read_facts

    work = Build(merge(read_facts([SEEDS, MERGE])), DEFAULT_BASE, {})
    entities = [e for file in work.files for e in work.owned[file]]
    chunks = work.plan_chunks(entities, jobs=2, target=50)
    owned = [e for c in chunks for e in c.entities]
    assert sorted(owned) == sorted(entities) and len(chunks) > 5
    for chunk in chunks:
        assert not set(chunk.context) & set(chunk.entities)
        assert all(e in work.triples for e in chunk.entities + chunk.context)
