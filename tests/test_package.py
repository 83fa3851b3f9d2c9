"""The wheel carries what an installed CLI needs, and the README stays true."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from diplokg.read.facts import read_facts


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(REPO)], check=True)
    return next(out.glob("diplokg-*.whl"))


def test_wheel_ships_ontology_shapes_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("diplokg/ontology/diplokg.ttl", "diplokg/ontology/vocab.ttl",
                 "diplokg/shapes/diplokg.shapes.ttl",
                 "diplokg/shapes/diplokg-fields.shapes.ttl",
                 "diplokg/shapes/diplokg-recommended.shapes.ttl",
                 "diplokg/facts.schema.json", "diplokg/cli/__init__.py",
                 "diplokg/build/pipeline.py", "diplokg/model/kinds/visit.py"):
        assert name in names


def test_wheel_ships_the_bundled_queries_and_the_jsonld_context(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    queries = sorted(p.name for p in (REPO / "src/diplokg/query/queries").glob("*.rq"))
    assert len(queries) >= 8
    for name in ["context.jsonld", *(f"query/queries/{q}" for q in queries)]:
        assert f"diplokg/{name}" in names


def test_installed_wheel_builds_from_another_folder(wheel, tmp_path):
    """Unpacked wheel first on the path, run from a folder with no repo in sight."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run([sys.executable, "-c", "import diplokg; print(diplokg.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.startswith(str(site))
    result = subprocess.run(
        [sys.executable, "-m", "diplokg.cli", "build", str(REPO / "seeds"), "-o", "seeds.ttl"],
        cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "triples" in result.stderr and (tmp_path / "seeds.ttl").stat().st_size > 10_000


README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, re.S)[:2]


def test_readme_starts_with_setup_and_test_commands():
    setup, tests = readme_commands()
    assert "pip install" in setup and "diplokg build seeds/" in setup
    assert tests == ".venv/bin/python -m pytest"


def test_ci_runs_the_readme_commands():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    setup, tests = readme_commands()
    assert setup in ci and tests in ci


def test_readme_fact_file_example_is_valid(tmp_path):
    example = next(block for block in re.findall(r"```yaml\n(.*?)\n```", README, re.S)
                   if block.startswith("# yaml-language-server"))
    assert yaml.safe_load(example)["diplokg"] == 1
    (tmp_path / "facts.yaml").write_text(example, encoding="utf-8")
    (tmp_path / "article.txt").write_text(
        "Leader A of Ruritania arrived in Zenda on Monday for a two-day state visit.",
        encoding="utf-8")
    assert "a-to-zenda" in read_facts([tmp_path]).by_id


def test_readme_documents_every_exit_code():
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README
