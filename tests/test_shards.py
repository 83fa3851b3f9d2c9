"""`build --format nt --shards N`: N-Triples files for bulk loaders, which in order are the
one file a build without shards writes, and which Oxigraph's bulk loader loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from diplokg.cli import app


def cli(*args) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("shards")
    code, said = cli("build", SEEDS, "-f", "nt", "-o", folder / "one.nt")
    assert code == 0, said
    code, said = cli("build", SEEDS, "-f", "nt", "-o", folder / "graph.nt", "--shards", 3)
    assert code == 0, said
    assert "wrote 3 shards" in said and not (folder / "graph.nt").exists()
    return folder / "one.nt", [folder / f"graph-{n}-of-3.nt" for n in (1, 2, 3)]


def test_the_shards_in_order_are_the_whole_graph(shards):
    whole, parts = shards
    assert b"".join(p.read_bytes() for p in parts) == whole.read_bytes()
    assert all(p.stat().st_size > 0 for p in parts)


def test_each_shard_is_n_triples_of_whole_entities(shards):
    _, parts = shards
    subjects = []
    for part in parts:
        triples = list(ox.parse(path=str(part), format=ox.RdfFormat.N_TRIPLES))
        assert triples
        subjects.append({t.subject.value.split("/evidence/")[0].split("/office/")[0]
                         for t in triples})
    # an entity's nodes (its evidence, offices ...) are never split over two shards
    for a, b in ((0, 1), (1, 2), (0, 2)):
        facts_a = {s for s in subjects[a] if s.count("/") == 6}
        facts_b = {s for s in subjects[b] if s.count("/") == 6}
        assert not facts_a & facts_b


def test_shards_need_n_triples(tmp_path):
    code, said = cli("build", SEEDS, "-o", tmp_path / "g.ttl", "--shards", 2)
    assert code == 2 and "--format nt" in said
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(shutil.which("oxigraph", path=str(Path(sys.executable).parent)) is None,
                    reason="the oxigraph command (PyPI package oxigraph) is not installed")
def test_oxigraph_bulk_loads_the_shards(shards, tmp_path):
    whole, parts = shards
    command = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    subprocess.run([command, "load", "--location", str(tmp_path / "store"), "--file",
                    *map(str, parts)], check=True, capture_output=True, timeout=120)
    loaded = ox.Store.read_only(str(tmp_path / "store"))
    expected = {q.triple for q in ox.parse(path=str(whole), format=ox.RdfFormat.N_TRIPLES)}
    assert {q.triple for q in loaded} == expected
