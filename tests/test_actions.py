"""Treaty life cycles: dated actions per party, the parties bound on a day, and what is in
force, on a small treaty with every kind of step (tests/cases/actions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplokg.build import pipeline
from diplokg.query import engine as query
from diplokg.query import store
from query_cases import shown

CASE = Path(__file__).parent / "cases" / "actions"


def built_store(folder: Path, tmp: Path):
    out = tmp / "treaty.ttl"
    result = pipeline.build([folder], out, strict=True)
    assert not result.problems
    return store.memory_store([out])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_store(CASE, tmp_path_factory.mktemp("actions"))


def rows(data, name: str, **params: str) -> list[tuple]:
    chosen = query.named(name)
    return shown(query.run(chosen, query.bind(chosen, params), data).rows)


@pytest.mark.parametrize("day, parties", [
    ("2001-12-31", []),  # signed and ratified, not yet in force
    ("2002-01-01", ["state:land-a", "state:land-b"]),  # in force for those that ratified
    ("2003-12-31", ["state:land-a", "state:land-b", "state:land-c"]),
    # land-d's continued application of 2005 reaches back to 2004-01-01
    ("2004-01-01", ["state:land-a", "state:land-b", "state:land-c", "state:land-d"]),
    ("2011-01-01", ["state:land-a", "state:land-c", "state:land-d"]),  # land-b withdrew
    # the union acceded in 2012, dated to the year: bound for certain only from its last day
    ("2012-12-30", ["state:land-a", "state:land-c", "state:land-d"]),
    ("2013-01-01", ["organisation:union-e", "state:land-a", "state:land-c", "state:land-d"]),
])
def test_parties_bound_on_a_day(built, day, parties):
    found = rows(built, "parties-on-date", agreement="example-treaty", date=day)
    assert [party for party, _ in found] == parties


def test_each_party_is_bound_from_its_own_entry_into_force_or_the_later_of_two(built):
    found = dict(rows(built, "parties-on-date", agreement="example-treaty", date="2013-01-01"))
    assert found == {
        "state:land-a": '"2002-01-01"^^xsd:date',  # ratified 2001, in force 2002
        "state:land-c": '"2003-05-02"^^xsd:date',  # its own entry into force
        "state:land-d": '"2004-01-01"^^xsd:date',  # retroactive, and valid
        "organisation:union-e": '"2012-12-31"^^xsd:date'}


def test_in_force_follows_from_the_actions_not_from_signing(built):
    assert rows(built, "agreements-in-force", date="2001-06-01") == []  # signed, not in force
    [(agreement, signed, status)] = rows(built, "agreements-in-force", date="2002-06-01")
    assert agreement == "agreement:example-treaty" and signed == '"2000-03-01"^^xsd:date'


def test_the_status_history_lists_the_actions(built):
    found = rows(built, "status-history", agreement="example-treaty")
    actions = [(day, status, party) for day, status, rank, _, party in found if rank == '"action"']
    assert len(actions) == 12
    assert actions[0] == ('"2000-03-01"^^xsd:date', "actionkind:opened-for-signature", None)
    assert ('"2010-06-30"^^xsd:date', "actionkind:withdrawal", "state:land-b") in actions


def test_a_termination_ends_it_for_every_party(tmp_path):
    text = (CASE / "treaty.facts.yaml").read_text().replace(
        "      - {kind: accession, party: union-e, date: 2012}",
        "      - {kind: accession, party: union-e, date: 2012}\n"
        "      - {kind: termination, date: 2020-01-01}")
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "treaty.facts.yaml").write_text(text)
    graph = built_store(folder, tmp_path)
    assert rows(graph, "parties-on-date", agreement="example-treaty", date="2021-01-01") == []
    assert rows(graph, "agreements-in-force", date="2021-01-01") == []
    assert len(rows(graph, "parties-on-date", agreement="example-treaty",
                    date="2019-12-31")) == 4
