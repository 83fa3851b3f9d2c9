"""The pre-commit hook and the GitHub Actions composite action, run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SEEDS, SMALL

BIN = Path(sys.executable).parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_hook(repo: Path, home: Path) -> subprocess.CompletedProcess:
    """Run diplokg's hook from this checkout on all files of ``repo``, as pre-commit does."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(REPO), "diplokg-validate",
                           "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=600)


def test_pre_commit_hook_passes_and_fails(tmp_path, pre_commit_home):
    if shutil.which("git") is None or not (BIN / "pre-commit").exists():
        pytest.skip("needs git and pre-commit")
    repo = tmp_path / "facts-repo"
    (repo / "facts").mkdir(parents=True)
    for name in ("facts.yaml", "article.txt"):
        shutil.copy(SMALL / name, repo / "facts" / name)
    (repo / "mkdocs.yml").write_text("site_name: not a fact file\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "facts")
    passing = try_hook(repo, pre_commit_home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "diplokg validate" in passing.stdout and "Passed" in passing.stdout

    broken = (repo / "facts" / "facts.yaml").read_text().replace(
        "    visitors: [leader-a]", "    visitors: [ruritania]")
    (repo / "facts" / "more.yaml").write_text(broken.replace("id: ", "id: x-"))
    git(repo, "add", ".")
    failing = try_hook(repo, pre_commit_home)
    assert failing.returncode == 1
    assert "Failed" in failing.stdout
    assert "visit x-a-to-zenda" in failing.stdout and "every visitor must be a person" \
        in failing.stdout


def action_script() -> str:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    steps = {step.get("name"): step for step in action["runs"]["steps"]}
    for name in action["inputs"]:
        assert f"inputs.{name}" in (REPO / "action.yml").read_text(), f"input {name} unused"
    return steps["Validate"]["run"]


def run_action(paths: str, tmp_path: Path, report: str = "", strict: str = "false"):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_ACTIONS": "true", "DIPLOKG_PATHS": paths, "DIPLOKG_STRICT": strict,
           "DIPLOKG_FORMAT": "sarif", "DIPLOKG_REPORT": report}
    return subprocess.run(["bash", "-eo", "pipefail", "-c", action_script()], cwd=tmp_path,
                          env=env, capture_output=True, text=True)


def test_action_validate_step(tmp_path):
    ok = run_action(str(SEEDS), tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "::warning file=" in ok.stdout  # the seeds carry one warning
    assert run_action(str(SEEDS), tmp_path, strict="true").returncode == 1

    broken = REPO / "tests" / "cases" / "broken-seed"
    failed = run_action(str(broken), tmp_path, report="report.sarif")
    assert failed.returncode == 1
    assert (tmp_path / "report.sarif").read_text().startswith("{")
    assert "::error file=" in failed.stdout
