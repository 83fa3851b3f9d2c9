"""Visits that look alike but are not recognised as one: a warning, never a guess
(issue 11, item 4): the same visitors and destination, dates a few days apart."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import replace_in
from diplokg.build import pipeline
from diplokg.cli import app

runner = CliRunner()

SECOND = """
  - id: herald
    title: Leader A in Zenda
    publisher: The Herald
    published: 2024-05-08
    text: article.txt
"""
VISIT = """
  - id: a-in-zenda
    source: herald
    visitors: [leader-a]
    destination: zenda-state
    start: START
    status: took-place
    evidence: ["arrived in Zenda on Monday"]
"""


def two_reports(small, start: str, extra: str = "") -> None:
    replace_in(small, "states:\n", SECOND.lstrip("\n") + "states:\n")
    replace_in(small, "agreements:\n",
               VISIT.lstrip("\n").replace("START", start) + extra + "agreements:\n")


def warnings(small) -> list:
    result = pipeline.graph_from_facts([small])
    return [p for p in result.problems if p.code == "probably-same"], result


def test_visits_a_day_apart_are_probably_one(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    two_reports(small, "2024-05-09")  # the first report: 2024-05-06 to 2024-05-07
    found, result = warnings(small)
    assert [(p.fact, p.value, p.severity) for p in found] == [
        ("visit a-in-zenda", "a-to-zenda", "warning")]
    assert "add `same_as: [a-to-zenda]`" in found[0].hint
    assert len([e for e in result.merged.entities.values() if e.kind == "visit"]) == 2
    assert result.merged.report()["probably_same"][0]["ids"] == ["a-in-zenda", "a-to-zenda"]


def test_distinct_from_silences_it_and_same_as_merges(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    two_reports(small, "2024-05-09", "    distinct_from: [a-to-zenda]\n")
    assert warnings(small)[0] == []


def test_dates_further_apart_are_not_asked_about(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    two_reports(small, "2024-05-20")
    assert warnings(small)[0] == []


def test_overlapping_dates_still_merge_unless_distinct(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    two_reports(small, "2024-05-07")
    found, result = warnings(small)
    assert found == [] and len([e for e in result.merged.entities.values()
                                if e.kind == "visit"]) == 1
    replace_in(small, "    start: 2024-05-07\n", "    start: 2024-05-07\n"
               "    distinct_from: [a-to-zenda]\n")
    result = pipeline.graph_from_facts([small])
    assert len([e for e in result.merged.entities.values() if e.kind == "visit"]) == 2


def test_the_build_says_so_and_strict_fails(small, monkeypatch, tmp_path):
    monkeypatch.chdir(small.parent)
    two_reports(small, "2024-05-09")
    report = tmp_path / "merge.json"
    result = runner.invoke(app, ["build", str(small), "-o", str(tmp_path / "g.ttl"),
                                 "--merge-report", str(report)])
    assert result.exit_code == 0, result.output
    assert "probably the same visit as a-to-zenda" in result.output
    assert "found 1 probable duplicate(s)" in result.output
    assert json.loads(report.read_text())["probably_same"]
    strict = runner.invoke(app, ["build", str(small), "-o", str(tmp_path / "g.ttl"), "--strict"])
    assert strict.exit_code == 1
