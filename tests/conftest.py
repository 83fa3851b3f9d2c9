from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from diplokg.site import make_site

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
MULTI = REPO / "tests" / "cases" / "multi-source"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files from the current output instead of comparing.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


SMALL = Path(__file__).parent / "cases" / "small"


@pytest.fixture
def small(tmp_path) -> Path:
    """A copy of cases/small (a valid fact file and its source text); returns the fact file."""
    for name in ("article.txt", "facts.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path / "facts.yaml"


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """The site of the seeds and the multi-source case, made once for every test that
    reads it (none may change it)."""
    out = tmp_path_factory.mktemp("corpus") / "site"
    make_site([SEEDS, MULTI], out)
    return out


def replace_in(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def stop(process) -> None:
    """End a server the tests started, by its process: politely, then for sure."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
