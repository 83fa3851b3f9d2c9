"""Reading reports every problem it can find in one run: keys, values, dates, quotes and
references together, not one kind per run (issue 11, item 5)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import replace_in
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.errors import FactProblems

runner = CliRunner()


def problems_of(path) -> list[tuple[str, str, str]]:
    with pytest.raises(FactProblems) as caught:
        pipeline.graph_from_facts([path])
    return sorted((p.code, p.fact, p.field) for p in caught.value.problems)


def test_keys_dates_quotes_and_references_in_one_run(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    replace_in(small, "    publisher: The Gazette\n",
               "    publisher: The Gazette\n    colour: red\n")
    replace_in(small, "start: 2024-05-06", "start: 2024-02-30")
    replace_in(small, 'evidence: ["Leader A of Ruritania"]\n    offices',
               'evidence: ["Leader A of Elbonia"]\n    offices')
    replace_in(small, "parties: [ruritania, zenda-state]\n    signed: 1990",
               "parties: [ruritania, elbonia]\n    signed: 1990")
    found = problems_of(small)
    assert ("unknown-key", "source gazette", "colour") in found
    assert ("bad-date", "visit a-to-zenda", "start") in found
    assert ("unknown-id", "agreement accord-1990", "parties") in found
    # the gazette's entry has a problem of its own, so its quotes are not checked against it
    assert not [f for f in found if f[0] == "quote-not-found"]


def test_a_bad_quote_and_an_unknown_reference_come_together(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    replace_in(small, 'evidence: ["King B"]', 'evidence: ["King C"]')
    replace_in(small, "visitors: [leader-a]", "visitors: [leader-z]")
    assert problems_of(small) == [("quote-not-found", "person king-b", "evidence[0]"),
                                  ("unknown-id", "visit a-to-zenda", "visitors")]


def test_a_reference_to_an_entry_with_problems_is_not_reported_again(small, monkeypatch):
    """leader-a has a bad key; the visit naming it reports nothing more."""
    monkeypatch.chdir(small.parent)
    replace_in(small, "    name: Leader A\n", "    name: Leader A\n    height: tall\n")
    assert problems_of(small) == [("unknown-key", "person leader-a", "height")]


def test_validate_prints_them_all(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    replace_in(small, "start: 2024-05-06", "start: 2024-13-06")
    replace_in(small, 'evidence: ["King B"]', 'evidence: ["King C"]')
    result = runner.invoke(app, ["validate", str(small)])
    assert result.exit_code == 1
    assert "start: bad date" in result.output and "quote not found" in result.output
