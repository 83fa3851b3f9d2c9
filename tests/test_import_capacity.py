"""Capacity from the archive of visits to the United States, on the seeds plus the whole
imported archive: each visit counts once, for the state its record gives.

The expected figures come from a reading of the archive's raw XML of its own (xml.etree,
not the importer): records are counted per country slug and label, with the states the
data README and the archive's labels give (Czechoslovakia and Czechia are two slugs;
the russia slug is the U.S.S.R. and then Russia, the yemen slug North Yemen, labelled
"Yemen Arab Republic", and then Yemen).  The importer writes every record as a visit that
took place, so every record counts.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest
import yaml
from typer.testing import CliRunner

from conftest import SEEDS, SHARED
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as query
from diplokg.query import store

ARCHIVE = SHARED / "data" / "visits-by-foreign-leaders"
REGISTRY = SEEDS / "000_6518fb5451382061.facts.yaml"
VISIT = DEFAULT_BASE + "visit/"
ARCHIVE_VISIT = re.compile(re.escape(VISIT) + r"us-visit-([0-9]+)")

pytestmark = pytest.mark.skipif(not ARCHIVE.is_dir(), reason=f"{ARCHIVE} is not here")


@dataclass(frozen=True)
class Raw:
    """A record of the archive as its XML gives it, white space collapsed."""

    id: int
    start: str
    visitor: str
    slug: str
    label: str


def _text(element: ET.Element, tag: str) -> str:
    return " ".join((element.findtext(tag) or "").split())


def raw_records() -> list[Raw]:
    records = []
    for path in sorted((ARCHIVE / "data").glob("*.xml")):
        for visit in ET.parse(path).getroot().iter("visit"):
            origin = visit.find("from")
            records.append(Raw(int(_text(visit, "id")), _text(visit, "start-date"),
                               _text(visit, "visitor"), origin.get("id"),
                               " ".join((origin.text or "").split())))
    return records


RAW = raw_records() if ARCHIVE.is_dir() else []

# The states the issue names, by the slugs and labels of their records.
NAMED = {
    "czechoslovakia": lambda r: r.slug == "czechoslovakia",
    "czechia": lambda r: r.slug in {"czech-republic", "czechia"},
    "north-yemen": lambda r: r.slug == "yemen" and r.label == "Yemen Arab Republic",
    "yemen": lambda r: r.slug == "yemen" and r.label != "Yemen Arab Republic",
    "soviet-union": lambda r: r.slug == "russia" and r.label in {"U.S.S.R.", "Soviet Union"},
    "russia": lambda r: r.slug == "russia" and r.label == "Russia",
}
# Slugs whose records are not all one state (the README names russia and china; the
# others change their label to a state that is gone: Tanganyika, Zimbabwe Rhodesia, the
# Republic of China, and South Vietnam before 1976), and the countries the README says
# have more than one slug: left out of the random sample.
SPLIT = {"russia", "china", "taiwan", "yemen", "tanzania", "zimbabwe", "vietnam"}
SLUG_PAIRS = {"turkey", "turkiye", "czech-republic", "czechia", "swaziland", "eswatini",
              "macedonia", "north-macedonia", "korea", "korea-south", "somoa", "samoa"}
# The seed file's visits that took place from Russia: Putin's, as President of Russia
# (derived from his dated office); no other state of these tests has a seed visit.
SEED_VISITS = {"russia": {"putin-2000-north-korea", "putin-2024-north-korea"}}


def records_of(state: str) -> set[int]:
    return {r.id for r in RAW if NAMED[state](r)}


def sample_countries() -> dict[str, set[int]]:
    """10 countries at random (a fixed seed) whose records have one slug and one label
    that no other slug uses: label -> record ids.  The label is the state's name or an
    alias in the graph, so the query is asked by name."""
    labels, slugs_of = defaultdict(set), defaultdict(set)
    for r in RAW:
        labels[r.slug].add(r.label)
        slugs_of[r.label].add(r.slug)
    named = {r.slug for r in RAW if any(test(r) for test in NAMED.values())}
    eligible = sorted(slug for slug, seen in labels.items()
                      if slug not in SPLIT | SLUG_PAIRS | named and len(seen) == 1
                      and len(slugs_of[next(iter(seen))]) == 1 and "(" not in next(iter(seen)))
    chosen = random.Random(12).sample(eligible, 10)
    return {next(iter(labels[slug])): {r.id for r in RAW if r.slug == slug}
            for slug in chosen}


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The seeds and the whole archive, imported from the command line and built once."""
    folder = tmp_path_factory.mktemp("capacity")
    facts = folder / "archive"
    result = CliRunner().invoke(app, ["import", str(ARCHIVE), "-o", str(facts),
                                      "--registry", str(REGISTRY)])
    assert result.exit_code == 0, result.output
    built = pipeline.build([SEEDS, facts], folder / "all.ttl")
    assert not [p for p in built.problems if p.severity == "violation"]
    return {"store": store.memory_store([folder / "all.ttl"]), "facts": facts}


def rows(graph, name: str, **params) -> list[tuple]:
    chosen = query.named(name)
    return [tuple(None if t is None else str(t) for t in row)
            for row in query.run(chosen, query.bind(chosen, params), graph["store"]).rows]


def split(visits: list[str]) -> tuple[list[int], set[str]]:
    """Archive record ids (in order, repeats kept) and the ids of other visits."""
    archive, other = [], set()
    for visit in visits:
        match = ARCHIVE_VISIT.fullmatch(visit)
        if match:
            archive.append(int(match.group(1)))
        else:
            other.add(visit.removeprefix(VISIT))
    return archive, other


def from_state(graph, state: str, **dates) -> tuple[list[int], set[str]]:
    return split([row[0] for row in rows(graph, "visits-from-state", state=state, **dates)])


# -- counts per state ---------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(NAMED))
def test_each_named_state_has_the_visits_of_its_records(graph, state):
    archive, other = from_state(graph, state)
    assert sorted(archive) == sorted(records_of(state))
    assert other == SEED_VISITS.get(state, set())


def test_the_named_states_figures():
    """The raw figures themselves, so a change of the archive shows here first."""
    assert {state: len(records_of(state)) for state in NAMED} == {
        "czechoslovakia": 5, "czechia": 21, "north-yemen": 1, "yemen": 6,
        "soviet-union": 6, "russia": 25}


def test_a_sample_of_countries_has_the_visits_of_its_records(graph):
    sample = sample_countries()
    assert len(sample) == 10
    for label, expected in sample.items():
        archive, other = from_state(graph, label)
        assert (label, sorted(archive)) == (label, sorted(expected))
        assert not other, label


def test_every_record_counts_once_for_one_state(graph):
    """Over every state of the graph, each record is listed once, and no visit twice."""
    states = [fact["id"] for name in ("states.yaml",) for fact in
              yaml.safe_load((graph["facts"] / name).read_text(encoding="utf-8"))["states"]]
    states += [fact["id"] for fact in
               yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))["states"]]
    counted: Counter = Counter()
    for state in sorted(set(states)):
        visits = [row[0] for row in rows(graph, "visits-from-state", state=state)]
        assert len(visits) == len(set(visits)), f"{state} lists a visit twice"
        counted.update(split(visits)[0])
    assert sorted(counted) == sorted(r.id for r in RAW)
    assert set(counted.values()) == {1}


# -- leaders of two states ----------------------------------------------------------------


@pytest.mark.parametrize("visitor,states", [
    ("Havel", ("czechoslovakia", "czechia")),
    ("Saleh|Salih", ("north-yemen", "yemen")),
])
def test_a_leader_of_two_states_counts_for_each_only_on_its_visits(graph, visitor, states):
    theirs = {r.id for r in RAW if re.search(visitor, r.visitor)}
    assert len(theirs) >= 6
    found = {state: set(from_state(graph, state)[0]) & theirs for state in states}
    assert found[states[0]].isdisjoint(found[states[1]])
    for state in states:
        assert found[state] == theirs & records_of(state), state
    assert found[states[0]] and found[states[1]]


def test_havel_s_visits_are_listed_once_each_as_president(graph):
    listed = rows(graph, "visits-of-leader", leader="Vaclav Havel")
    archive, _ = split([row[0] for row in listed])
    assert sorted(archive) == sorted(r.id for r in RAW if "Havel" in r.visitor)
    assert len(archive) == len(set(archive)) == 8
    assert {row[4] for row in listed} == {"President"}


def test_gorbachev_came_in_december_1987_as_general_secretary(graph):
    december = [r for r in RAW if "Gorbachev" in r.visitor and r.start.startswith("1987-12")]
    assert len(december) == 1 and december[0].visitor.startswith("General Secretary")
    listed = rows(graph, "visits-of-leader", leader="Mikhail S. Gorbachev")
    offices = {}
    for row in listed:
        record = int(ARCHIVE_VISIT.fullmatch(row[0]).group(1))
        offices.setdefault(record, []).append(row[4])
    assert offices[december[0].id] == ["General Secretary"]
    expected = {r.id: [r.visitor.split(" Mikhail")[0]] for r in RAW if "Gorbachev" in r.visitor}
    assert offices == expected  # President in 1988 and 1990


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state,dates,first,last", [
    ("soviet-union", {"from": "1985", "to": "1991-12-31"}, "1985-01-01", "1991-12-31"),
    ("czechia", {"from": "2000-01-01"}, "2000-01-01", "9999-12-31"),
    ("czechoslovakia", {"to": "1990-06-30"}, "0000-01-01", "1990-06-30"),
    ("russia", {"from": "1992", "to": "1999-12-31"}, "1992-01-01", "1999-12-31"),
])
def test_from_and_to_filter_by_date(graph, state, dates, first, last):
    archive, _ = from_state(graph, state, **dates)
    expected = {r.id for r in RAW if NAMED[state](r) and first <= r.start <= last}
    assert sorted(archive) == sorted(expected)
    assert expected and expected != records_of(state)
