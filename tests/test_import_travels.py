"""The import of the travels abroad of U.S. Presidents and Secretaries of State, checked
against an independent reading of the raw XML with xml.etree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from diplokg.cli import app
from diplokg.errors import ArchiveError
from diplokg.importers import archives, travels

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO.parent / "shared" / "data" / "us-travels-abroad"
DATA = ARCHIVE / "data"

pytestmark = pytest.mark.skipif(not ARCHIVE.is_dir(), reason=f"{ARCHIVE} is not here")


def raw_trips() -> dict[tuple[str, int], ET.Element]:
    trips = {}
    for folder in ("president-travels", "secretary-travels"):
        for path in sorted((DATA / folder).glob("*.xml")):
            for trip in ET.parse(path).getroot().iter("trip"):
                trips[trip.get("role"), int(trip.findtext("id"))] = trip
    return trips


def text(trip: ET.Element, tag: str) -> str:
    return " ".join((trip.findtext(tag) or "").split())


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("travels") / "out"
    result = CliRunner().invoke(app, ["import", str(ARCHIVE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    facts: dict[str, list[dict]] = {}
    for path in sorted(out.glob("*.yaml")):
        for section, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if section != "diplokg":
                facts.setdefault(section, []).extend(items)
    return out, result.output, facts


@pytest.fixture(scope="module")
def by_id(imported):
    return {fact["id"]: fact for items in imported[2].values() for fact in items}


def test_the_archive_is_recognised_by_its_files():
    assert archives.detect(ARCHIVE) == archives.TRAVELS
    assert archives.detect(REPO.parent / "shared" / "data" / "visits-by-foreign-leaders") \
        == archives.VISITS


def test_one_visit_per_trip_record(imported):
    raw = raw_trips()
    roles = [role for role, _ in raw]
    assert roles.count("president") == 832 and roles.count("secretary") == 3439
    visits = imported[2]["visits"]
    ids = {visit["id"] for visit in visits}
    antarctica = {key for key, trip in raw.items()
                  if trip.find("country").get("id") == "antarctica"}
    assert antarctica == {("secretary", 3711)}
    assert ids == {f"us-trip-{role}-{number}" for role, number in raw} - {"us-trip-secretary-3711"}
    assert "not imported: secretary trip 3711" in imported[1]
    assert "4271 trip records (832 president, 3439 secretary): 4270 visits" in imported[1]
    for visit in visits:  # every visit matches its record
        role, number = visit["id"].split("-")[2:]
        trip = raw[role, int(number)]
        assert (visit["start"], visit["end"]) == (text(trip, "start-date"), text(trip, "end-date"))
        assert visit["evidence"] == [text(trip, "remarks")]
        assert visit["from"] == "united-states" and visit["status"] == "took-place"
        title = {"president": "President of the United States",
                 "secretary": "Secretary of State"}[role]
        capacity, = visit["capacities"]
        assert capacity["person"] == visit["visitors"][0]
        assert capacity["represents"] == "united-states"
        assert capacity["title"] in (title, "President-elect of the United States")


# role, id, destination, place names, kind, capacity title (None: in office as its role)
GOLDEN = [
    ("president", 4113, "united-kingdom", ["London", "Cornwall"], "multilateral", None),
    ("president", 4115, "switzerland", ["Geneva"], None, None),  # summit meeting with Putin
    ("president", 4116, "holy-see", [], None, None),  # empty locale
    ("president", 2631, "kosovo", ["Pristina", "Urosevac", "Camp Bondsteel"], None, None),
    ("president", 2677, "chile", ["Antofagasta", "Santiago"], None,
     "President-elect of the United States"),
    ("president", 2739, "south-korea", ["Seoul"], None, "President-elect of the United States"),
    ("president", 2911, "mexico", ["Ciudad Juarez"], None, "President-elect of the United States"),
    ("secretary", 1841, "soviet-union", ["Moscow", "Gagra"], None, None),
    ("secretary", 2089, "soviet-union", ["Moscow"], None, None),
    ("secretary", 1209, "soviet-union", ["Moscow"], "multilateral", None),  # four powers
    ("secretary", 3292, "germany", ["Frankfurt", "Bonn"], None, None),
    ("secretary", 4062, "palestinian-authority", ["Ramallah"], None, None),
    ("secretary", 3480, "democratic-republic-of-the-congo", ["Kinshasa"], None, None),
    ("secretary", 1706, "netherlands-antilles", ["Aruba"], None, None),
]


@pytest.mark.parametrize("role, number, destination, places, kind, title", GOLDEN)
def test_golden_trips(by_id, role, number, destination, places, kind, title):
    trip = raw_trips()[role, number]
    visit = by_id[f"us-trip-{role}-{number}"]
    assert visit["destination"] == destination
    assert visit.get("kind") == kind
    names = [by_id[place]["name"] for place in visit.get("places", [])]
    assert names == places
    for place in visit.get("places", []):
        assert by_id[place]["located_in"] == destination
        assert by_id[place]["kind"] == ("venue" if "Camp" in by_id[place]["name"] else "city")
    person = by_id[visit["visitors"][0]]
    assert text(trip, "name") in [person["name"], *person.get("aliases", [])]
    capacity, = visit["capacities"]
    office = next(o for o in person["offices"] if o["id"] == capacity["office"])
    assert office["title"] == capacity["title"]
    if title is None:
        expected = {"president": "President of the United States",
                    "secretary": "Secretary of State"}[role]
        assert capacity["title"] == expected
        assert office["start"] <= text(trip, "start-date")
        assert "end" not in office or text(trip, "end-date") <= office["end"]
    else:
        assert capacity["title"] == title  # and named in the report: see the next test
        assert "[Visit made as President-elect.]" in text(trip, "remarks")
        assert text(trip, "end-date") < office["end"] == min(
            o["start"] for o in person["offices"] if o["title"] == "President of the United States")


def test_trips_outside_terms_are_named_in_the_report(imported):
    """Every trip outside its traveller's terms, by the raw files, is named; no other."""
    terms: dict[tuple[str, str], list] = {}
    for president in ET.parse(DATA / "presidents" / "presidents.xml").getroot().iter("president"):
        terms.setdefault(("president", president.findtext("id")), []).append(
            (president.findtext("took-office-date"), president.findtext("left-office-date") or "9"))
    for term in ET.parse(DATA / "secretaries" / "secretary.xml").getroot().iter("principal"):
        terms.setdefault(("secretary", term.findtext("person-id")), []).append(
            (term.findtext("started/date"), term.findtext("ended/date") or "9"))
    outside = sorted(number for (role, number), trip in raw_trips().items()
                     if not any(s <= text(trip, "start-date") and text(trip, "end-date") <= e
                                for s, e in terms[role, trip.get("who")]))
    named = sorted(int(line.split()[7]) for line in imported[1].splitlines()
                   if line.startswith("outside the terms of office:"))
    assert named == outside and len(outside) == 17


@pytest.mark.parametrize("person, title, start, end", [
    ("franklin-d-roosevelt", "President of the United States", "1933-03-04", "1945-04-12"),
    ("joseph-r-biden", "President of the United States", "2021-01-20", "2025-01-20"),
    ("herbert-c-hoover", "President of the United States", "1929-03-04", "1933-03-04"),
    ("henry-a-kissinger", "Secretary of State", "1973-09-22", "1977-01-20"),
    ("hillary-rodham-clinton", "Secretary of State", "2009-01-21", "2013-02-01"),
    ("marco-rubio", "Secretary of State", "2025-01-21", None),
])
def test_terms_of_office(by_id, person, title, start, end):
    offices = [(o["title"], o["start"], o.get("end")) for o in by_id[person]["offices"]]
    assert (title, start, end) in offices


def test_terms_match_the_raw_files(by_id):
    position = ET.parse(DATA / "secretaries" / "secretary.xml").getroot()
    kissinger = [(t.findtext("started/date"), t.findtext("ended/date"))
                 for t in position.iter("principal")
                 if t.findtext("person-id") == "kissinger-henry-a"]
    assert kissinger == [("1973-09-22", "1977-01-20")]
    trump = [(p.findtext("took-office-date"), p.findtext("left-office-date"))
             for p in ET.parse(DATA / "presidents" / "presidents.xml").getroot().iter("president")
             if p.findtext("id") == "trump-donald-j"]
    offices = [(o["start"], o.get("end", "")) for o in by_id["donald-j-trump"]["offices"]]
    assert offices == trump == [("2017-01-20", "2021-01-20"), ("2025-01-20", "")]


def test_builds_with_the_seeds_without_violations(imported, tmp_path):
    out = imported[0]
    result = CliRunner().invoke(app, ["build", str(REPO / "seeds"), str(out), "-o",
                                      str(tmp_path / "all.ttl")])
    assert result.exit_code == 0, result.output[-3000:]
    assert "0 violation(s)" in result.output


def test_import_is_deterministic(imported, tmp_path):
    travels.import_travels_archive(ARCHIVE, tmp_path / "again")
    for path in sorted(imported[0].glob("*.yaml")):
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes()


def test_a_doctype_is_refused(tmp_path):
    folder = tmp_path / "archive" / "data" / "president-travels"
    folder.mkdir(parents=True)
    (folder / "x.xml").write_text('<?xml version="1.0"?><!DOCTYPE trips [<!ENTITY a "b">]>'
                                  "<trips/>", encoding="utf-8")
    assert archives.detect(tmp_path / "archive") == archives.TRAVELS
    with pytest.raises(ArchiveError, match="DOCTYPE"):
        travels.read_trips(tmp_path / "archive")
    assert not (tmp_path / "out").exists()


def test_a_control_character_in_a_name_is_refused(tmp_path):
    folder = tmp_path / "archive" / "data" / "president-travels"
    folder.mkdir(parents=True)
    (folder / "x.xml").write_text(
        '<trips><trip role="president" who="x"><id>1</id><name>A\u200bB\u202e</name>'
        "<start-date>2000-01-01</start-date><end-date>2000-01-02</end-date>"
        '<country id="france">France</country></trip></trips>', encoding="utf-8")
    with pytest.raises(ArchiveError, match="trip 1: <name> is not a name"):
        travels.read_trips(tmp_path / "archive")
