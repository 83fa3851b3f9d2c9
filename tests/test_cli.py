"""The CLI, in-process: exit codes, messages and files written (or not)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, replace_in
from diplokg import __version__
from diplokg.cli import app
from diplokg.read.facts import schema

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"diplokg {__version__}"


def test_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "validate", "schema", "query", "load", "export"):
        assert command in result.output


def test_build_seeds(tmp_path):
    out = tmp_path / "seeds.ttl"
    result = run("build", SEEDS, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("@prefix ")
    assert f"wrote {out}:" in result.output


def test_build_ntriples(tmp_path):
    out = tmp_path / "seeds.nt"
    assert run("build", SEEDS, "-o", out, "--format", "nt").exit_code == 0
    assert out.read_text().startswith("<https://w3id.org/diplokg/id/")


def test_build_violation_exits_1_and_writes_nothing(small, tmp_path):
    replace_in(small, "    visitors: [leader-a]", "    visitors: [ruritania]")
    out = tmp_path / "out.ttl"
    result = run("build", small, "-o", out)
    assert result.exit_code == 1
    assert f"{small}\n  visit a-to-zenda\n    line 38: violation: visitors: " in result.output
    assert "every visitor must be a person (found: ruritania (state))" in result.output
    assert "fix: list ids of persons under `visitors:`" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_build_bad_input_exits_1_without_traceback(small, tmp_path):
    replace_in(small, "    start: 2024-05-06", "    start: 2024-05-32")
    result = run("build", small, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 1
    assert "  visit a-to-zenda\n    line 41: violation: start: bad date" in result.output
    assert "Traceback" not in result.output


def test_unreadable_input_exits_3(small, tmp_path):
    small.write_text("diplokg: 1\nvisits: [\n", encoding="utf-8")
    result = run("build", small, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 3 and "not valid YAML" in result.output
    assert run("validate", tmp_path / "missing.yaml").exit_code == 3


def test_usage_error_exits_2(tmp_path):
    assert run("build", SEEDS).exit_code == 2  # no --output
    assert run("build", SEEDS, "-o", tmp_path / "x", "--format", "xml").exit_code == 2
    assert run("build", SEEDS, "-o", tmp_path / "x", "--base", "urn:x").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_validate_fact_files():
    result = run("validate", SEEDS)
    assert result.exit_code == 0 and result.output.rstrip().endswith("conforms")


def test_validate_strict_fails_on_warnings():
    assert run("validate", SEEDS, "--strict").exit_code == 1  # the seeds carry warnings


def test_validate_rdf_file(tmp_path):
    out = tmp_path / "seeds.ttl"
    run("build", SEEDS, "-o", out)
    assert run("validate", out).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text(out.read_text().replace("dk:visitStatus visitstatus:took-place", ""))
    result = run("validate", broken)
    assert result.exit_code == 1
    assert "  putin-2024-north-korea (visit)\n    violation: status: " in result.output


def test_validate_with_own_shapes(tmp_path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dk: <https://w3id.org/diplokg/ontology#> .
<urn:mine#VisitKindRequired> a sh:NodeShape ; sh:targetClass dk:Visit ;
    sh:property [ sh:path dk:visitKind ; sh:minCount 1 ; sh:message "kind please" ] .
""")
    result = run("validate", SEEDS, "--shapes", shapes)
    assert result.exit_code == 1
    assert "line " in result.output and "kind please" in result.output


def test_schema_prints_the_published_schema(tmp_path):
    result = run("schema")
    assert result.exit_code == 0 and json.loads(result.output) == schema()
    out = tmp_path / "schema.json"
    assert run("schema", "-o", out).exit_code == 0
    assert json.loads(out.read_text()) == schema()


@pytest.mark.parametrize("command", ["build", "validate", "schema", "query", "load", "export"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and len(result.output) > 100


def test_validate_rdf_catches_ill_formed_literals_pyshacl_misses(tmp_path):
    out = tmp_path / "seeds.ttl"
    run("build", SEEDS, "-o", out)
    broken = tmp_path / "broken.ttl"
    broken.write_text(out.read_text().replace('"2001"^^xsd:gYear', '"2001-13"^^xsd:gYear', 1))
    result = run("validate", broken)
    assert result.exit_code == 1
    assert "is not a valid gYear value (found: 2001-13)" in result.output


def test_unwritable_output_exits_3(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("build", SEEDS, "-o", folder)
    assert result.exit_code == 3 and "is a folder" in result.output
    assert "Traceback" not in result.output


def test_invalid_user_shapes_exit_3(tmp_path):
    shapes = tmp_path / "bad.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x> a sh:PropertyShape ; sh:targetClass <urn:y> ; sh:minCount 1 .
""")
    result = run("validate", SEEDS, "--shapes", shapes)
    assert result.exit_code == 3 and "shapes cannot be used" in result.output


def test_validate_refuses_rdf_mixed_with_fact_files(tmp_path):
    out = tmp_path / "seeds.ttl"
    run("build", SEEDS, "-o", out)
    assert run("validate", out, SEEDS).exit_code == 2


def test_progress_is_reported_to_the_library_caller_and_silent_off_a_terminal(tmp_path):
    from diplokg.build import pipeline

    seen: dict[str, tuple[int, int]] = {}
    pipeline.build([SEEDS], tmp_path / "out.ttl",
                   progress=lambda stage, done, total: seen.__setitem__(stage, (done, total)))
    assert seen["files"] == (1, 1)
    assert seen["triples"][0] == seen["triples"][1] > 500
    result = run("build", SEEDS, "-o", tmp_path / "cli.ttl")  # CliRunner: not a terminal
    assert "files" not in result.output and "━" not in result.output
