"""The package's layers hold: lower stages never import higher ones (import-linter reads
the contracts in pyproject.toml), and querying a store needs nothing of the build."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_the_import_contracts_are_kept():
    lint = REPO / ".venv" / "bin" / "lint-imports"
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_querying_a_store_loads_no_build_stage(tmp_path):
    """A query on an on-disk store imports the query layer only (and what lies below)."""
    script = f"""
import sys
from pathlib import Path
import pyoxigraph as ox
from diplokg.query import engine, store
folder = Path({str(tmp_path / "store")!r})
s = ox.Store(str(folder))
s.add(ox.Quad(ox.NamedNode("https://w3id.org/diplokg/id/person/a"),
              ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("A")))
del s
query = engine.parse("SELECT ?name WHERE {{ ?p rdfs:label ?name }}")
answer = engine.run(query, {{}}, store.open_store(folder))
assert [str(row[0]) for row in answer.rows] == ["A"], answer.rows
loaded = sorted(m for m in sys.modules if m.startswith("diplokg."))
print("\\n".join(loaded))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert "diplokg.query.engine" in loaded
    for stage in ("build", "validate", "merge", "read", "cli"):
        assert not [m for m in loaded if m.startswith(f"diplokg.{stage}")], (stage, loaded)
