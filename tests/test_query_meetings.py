"""The bundled query meetings-between: visits where one leader hosted the other, either
way, and the events both are listed for, on the seeds and on a small made-up case
(tests/cases/meetings) with a summit both attend as visitors and events only one of them,
or a third leader, takes part in."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SEEDS
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.query import engine as query
from diplokg.query import store
from query_cases import CASES, shown

CASE = Path(__file__).parent / "cases" / "meetings"
MERGE = REPO / "tests" / "cases" / "merge"

runner = CliRunner()


def built_store(folders: list[Path], out: Path, strict: bool = False):
    pipeline.build(folders, out, strict=strict)  # raises on a violation (with strict, a warning)
    return store.memory_store([out])


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return built_store([SEEDS], tmp_path_factory.mktemp("meetings") / "seeds.ttl")


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return built_store([CASE], tmp_path_factory.mktemp("meetings") / "case.ttl", strict=True)


def meetings(data, leader: str, other: str) -> list[tuple]:
    chosen = query.named("meetings-between")
    return shown(query.run(chosen, query.bind(chosen, {"leader": leader, "other": other}),
                           data).rows)


def meetings_by_iri(data, leader: str, other: str) -> list[str]:
    """The visits and events met at, once each, in the order of the rows."""
    return list(dict.fromkeys(row[1] for row in meetings(data, leader, other)))


SEED_ROWS = next(rows for name, params, rows in CASES if name == "meetings-between")


# -- the seeds ------------------------------------------------------------------------------

def test_putin_and_kim_jong_un_met_both_ways_in_either_order(seeds):
    for leader, other in (("vladimir-putin", "kim-jong-un"), ("kim-jong-un", "vladimir-putin")):
        assert meetings(seeds, leader, other) == SEED_ROWS
    visits = [row[1] for row in SEED_ROWS if row[0] == '"visit"']
    assert "visit:kim-jong-un-2023-russia" in visits  # Kim visiting, hosted by Putin
    assert "visit:putin-2024-north-korea" in visits  # Putin visiting, hosted by Kim


def test_the_stay_only_the_guest_is_listed_for_is_no_meeting(seeds):
    met = meetings_by_iri(seeds, "vladimir-putin", "kim-jong-un")
    assert "visit:putin-2024-north-korea/event/stay" not in met
    assert "visit:putin-2024-north-korea/event/talks" in met


def test_leaders_who_never_met_have_no_rows(seeds):
    assert meetings(seeds, "kim-jong-un", "kim-jong-il") == []
    assert meetings(seeds, "kim-il-sung", "vladimir-putin") == []


def test_merged_declarations_give_one_row_per_visit_with_the_preferred_start(tmp_path):
    """The second report gives Putin's 2000 visit another start: a claim, not a new row."""
    merged = built_store([SEEDS, MERGE], tmp_path / "merged.ttl")
    rows = meetings(merged, "Vladimir Vladimirovich Putin", "Kim Jong-il")
    assert [(row[1], row[5]) for row in rows] == [
        ("visit:putin-2000-north-korea", '"2000-06-19"^^xsd:date'),
        ("visit:putin-2000-north-korea/event/meeting", None),
        ("visit:kim-jong-il-2001-russia", '"2001"^^xsd:gYear'),
        ("visit:kim-jong-il-2001-russia/event/meeting", None),
    ]


# -- the made-up case -----------------------------------------------------------------------

CASE_ROWS = [
    ('"visit"', 'visit:a-to-b', '"Leader A\'s state visit to Land B"', 'visitkind:state',
     'visitstatus:took-place', '"2010-03-01"^^xsd:date', '"2010-03-03"^^xsd:date',
     'place:city-b', 'state:land-b'),
    ('"visit"', 'visit:a-to-b', '"Leader A\'s state visit to Land B"', 'visitkind:state',
     'visitstatus:took-place', '"2010-03-01"^^xsd:date', '"2010-03-03"^^xsd:date',
     'place:palace-b', 'state:land-b'),
    # undated: sorted with its visit, from 2010-03-01
    ('"event"', 'visit:a-to-b/event/banquet', '"State banquet"', 'eventkind:banquet',
     'visitstatus:took-place', None, None, None, 'state:land-b'),
    ('"event"', 'visit:a-to-b/event/talks', '"Talks in Palace B"', 'eventkind:talks',
     'visitstatus:took-place', '"2010-03-02"^^xsd:date', None, 'place:palace-b',
     'state:land-b'),
    # the summit: both visitors, so not a meeting by hosting; their shared events are
    ('"event"', 'visit:summit-c/event/banquet', '"Summit dinner"', 'eventkind:banquet',
     'eventstatus:cancelled', None, None, None, 'state:land-c'),
    ('"event"', 'visit:summit-c/event/meeting', '"Summit meeting"', 'eventkind:meeting',
     'visitstatus:took-place', '"2011-06-10"^^xsd:date', '"2011-06-11"^^xsd:date',
     'place:city-c', 'state:land-c'),
    ('"visit"', 'visit:b-to-a', '"Leader B\'s visit to Land A"', 'visitkind:official',
     'visitstatus:took-place', '"2012"^^xsd:gYear', None, None, 'state:land-a'),
    # undated: last
    ('"visit"', 'visit:a-to-b-planned', '"Leader A\'s planned visit to Land B"', None,
     'visitstatus:planned', None, None, None, 'state:land-b'),
]


def test_the_rows_of_two_leaders_who_met_every_way(case):
    assert meetings(case, "leader-a", "leader-b") == CASE_ROWS


@pytest.mark.parametrize("leader, other", [
    ("leader-b", "leader-a"),  # swapped
    ("Leader A", "The Elder B"),  # a name and an alias
    ("person:leader-a", "the-elder-b"),  # an IRI, and an id merged into leader-b
])
def test_order_names_and_merged_ids_give_the_same_rows(case, leader, other):
    assert meetings(case, leader, other) == CASE_ROWS


def test_events_only_one_of_them_took_part_in_are_left_out(case):
    met = meetings_by_iri(case, "leader-a", "leader-b")
    assert "visit:a-to-b/event/stay" not in met  # Leader B hosts the visit, is not listed
    assert "visit:summit-c/event/press-conference" not in met  # Leader A and Leader C
    assert "visit:summit-c" not in met  # both visitors: neither hosted the other
    assert "visit:c-to-a" not in met  # Leader A with someone else


def test_a_third_leader_meets_each_on_their_own_visits_and_events(case):
    assert meetings_by_iri(case, "leader-c", "leader-a") == [
        "visit:c-to-a", "visit:c-to-a/event/talks",
        "visit:summit-c",  # Leader C hosted Leader A (and B) at the summit
        "visit:summit-c/event/meeting", "visit:summit-c/event/press-conference"]
    assert meetings_by_iri(case, "leader-b", "leader-c") == [
        "visit:summit-c", "visit:summit-c/event/meeting"]


def test_one_person_named_twice_has_no_meetings(case):
    assert meetings(case, "leader-a", "leader-a") == []
    assert meetings(case, "leader-b", "the-elder-b") == []


# -- the command ----------------------------------------------------------------------------

def test_the_command_runs_it_on_the_seed_fact_files():
    result = runner.invoke(app, ["query", "meetings-between", str(SEEDS),
                                 "-p", "leader=vladimir-putin", "-p", "other=kim-jong-un",
                                 "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "what,meeting,label,kind,status,start,end,place,destination"
    assert len(lines) == 1 + len(SEED_ROWS)
    assert lines[1] == ("visit,https://w3id.org/diplokg/id/visit/kim-jong-un-2023-russia,"
                        "\"Kim Jong Un's visit to Russia, 2023\",,"
                        "https://w3id.org/diplokg/vocab/visit-status/took-place,2023,,,"
                        "https://w3id.org/diplokg/id/state/russia")


def test_the_command_names_a_missing_parameter():
    result = runner.invoke(app, ["query", "meetings-between", str(SEEDS),
                                 "-p", "leader=vladimir-putin"])
    assert result.exit_code == 2
    assert "meetings-between needs --param other=..." in result.output
