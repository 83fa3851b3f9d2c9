"""Import the archive of travels abroad of U.S. Presidents and Secretaries of State.

The Office of the Historian of the U.S. Department of State publishes every trip abroad
of a President since 1906 and of a Secretary of State since 1866
(https://github.com/HistoryAtState/travels, the data behind
https://history.state.gov/departmenthistory/travels), one XML file per traveller, with
the Presidents' terms of office (``presidents/presidents.xml``) and, from
HistoryAtState/pocom, the Secretaries' terms (``secretaries/secretary.xml``) and names
(``secretaries/people/*.xml``).  ``import_travels_archive`` writes one source, the
states visited, the places, the travellers and one visit per trip record.

What takes judgement, and where it is decided:

* **States.**  A record's country slug is a row of ``data/countries.csv``, as in the
  visits import (so a state has one id in both); the labels and dated slugs of
  ``visits.LABEL_STATES`` and ``visits.DATED_STATES`` apply, and the ``russia`` slug is
  the Soviet Union before 1992 (``DATED_STATES``).  Rows were added for the slugs only
  this archive uses: ``congo-kinshasa`` (the Democratic Republic of the Congo),
  ``netherlands-antilles``, and ``palestinian-authority`` and ``west-bank`` (Ramallah,
  the seat of the Palestinian Authority: one state).  A slug that names no state
  (``NOT_STATES``: Antarctica) gives no visit, since a visit's destination is a state;
  its records are named in the summary.
* **Places.**  ``locale`` names the cities of a record, separated by commas ("London,
  Cornwall"); a remark in brackets is not part of the name ("Halifax (Nova Scotia)"),
  and "D.F." belongs to the city before it ("Mexico, D.F.").  Spellings that normalise
  to one slug in one state are one place ("Port-of-Spain", "Port of Spain"), located in
  the destination state.  Its kind is
  ``venue`` for bases, fields and camps, ``region`` for islands, else ``city``.  Its id
  is the slug of its name, followed by ``-in-`` and the state's id where a state, a
  traveller or a place of another state has that slug (``antigua-in-guatemala``).
* **Travellers.**  One person per traveller (``who``, the pocom id), named as
  ``presidents.xml`` names a President and as the people file's ``altname`` (else
  forename and surname) names a Secretary, with the records' spellings as aliases.  The
  id is the slug of the name, followed by ``-united-states`` where a state has it.  The
  offices are the terms of office of both files (a person may have held both offices),
  each with its start and end; a term that has not ended has no end.
* **Capacity and terms.**  A visit comes from the United States, and its traveller came
  as President of the United States or Secretary of State, in the office of the term its
  dates fall in.  A trip outside every term is named in the summary
  (``outside_terms``).  Where its remarks say it was made as President-elect, the
  traveller came as President-elect of the United States: an office from the Election
  Day of the year before the term (the Tuesday after the first Monday of November) to
  the day the term began, written only for travellers with such a trip.
* **Kinds.**  The first kind the remarks name, by the visits import's rules
  (``visits.visit_kind``): a visit kind ("State visit", "Informal visit"), or
  ``multilateral`` for a gathering of several states attended: a summit, a conference,
  a meeting of several states' leaders or ministers or of a body such as NATO
  ("Attended NATO Ministerial Meeting"); not a summit meeting with one leader, a meeting
  of the United States and one other state, or a conference of U.S. chiefs of mission.

* **People met.**  ``remarks.people_met`` reads who the remarks say the traveller met
  ("Met with President Yeltsin, Prime Minister Chernomyrdin ..."), with the state a
  demonym or "of <country>" gives, else the state visited; each is looked up among the
  registry's persons (``people.People.find``: name, state, title, date).  One found is a
  host where of the state visited, and in any case a participant of the trip's
  ``meeting`` event, with a capacity; one not found, or found more than once, is listed
  in the summary with the candidates (``unresolved``).  A U.S. President or Secretary of
  the archive in office then (the President a Secretary accompanied) is not counted.
* **Journeys.**  Records of one traveller whose dates touch (the next starts the day
  the last ended, or the day after) or overlap are legs of one journey: each leg
  ``follows:`` the one before, and legs to one state twice are ``distinct_from:`` each
  other.

The archive may come from anywhere, so it is read warily: only regular files of at
most ``MAX_BYTES``, no DOCTYPE (so no entity declarations), texts of at most
``MAX_TEXT`` characters, names without control characters, numeric ids, real dates and
known countries and travellers.  Anything else is an ``ArchiveError`` naming the file
and record, and nothing is written.  The files are written as every import writes them
(``diplokg.importers.output``).
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from diplokg.errors import ArchiveError
from diplokg.importers import output, people, remarks, visits
from diplokg.importers.reading import cut, is_day, parse_xml, read_regular
from diplokg.importers.registry import Registry
from diplokg.importers.visits import normalise_name, slug
from diplokg.model.kinds.person import office_segment

SOURCE_ID = "us-state-dept-travels"
SOURCE = {
    "id": SOURCE_ID,
    "title": "Travels Abroad of the President and the Secretary of State",
    "publisher": "Office of the Historian, U.S. Department of State",
    "url": "https://history.state.gov/departmenthistory/travels",
}
HOME = "united-states"
ROLES = {"president": "President of the United States", "secretary": "Secretary of State"}
FOLDERS = {"president": "president-travels", "secretary": "secretary-travels"}
PRESIDENT_ELECT = "President-elect of the United States"
GENERATED = re.compile(r"(sources|states|places|persons|trips-[0-9]+)\.yaml")
MAX_BYTES = 16 * 1024 * 1024  # the largest file of the archive is under 2 MB
MAX_TEXT = 5000  # characters in one field: the longest remarks have 406
MAX_FILES = 10_000
# Slugs whose records before a date belong to another row: slug -> (first day of the
# later state, row before).
DATED_STATES = {**visits.DATED_STATES, "russia": ("1992-01-01", "soviet-union")}
HISTORICAL = visits.HISTORICAL | {"netherlands-antilles"}
NOT_STATES = {"antarctica": "Antarctica is not a state"}
ELECT = re.compile(r"\bas President-elect\b", re.I)

LOST = (
    "editorial metadata of each record (created-by, created-datetime, last-modified-by, "
    "last-modified-datetime)",
    "people met whom the registry does not know, or knows more than one of (listed in "
    "the report)",
    "people met named without a title, or only in sentences that do not say the "
    "traveller met them",
    "the kind of a place where its name does not show it (regions such as Cornwall are "
    "written as cities)",
)


@dataclass(frozen=True)
class Trip:
    """One <trip> of the archive, with white space collapsed in its texts."""

    id: int
    role: str
    who: str
    name: str
    start: str
    end: str
    slug: str
    label: str
    locale: str
    remarks: str
    file: str = ""


@dataclass
class Traveller:
    who: str
    name: str
    terms: list[tuple[str, str, str | None]] = field(default_factory=list)  # role, start, end
    spellings: Counter = field(default_factory=Counter)
    id: str = ""
    in_registry: bool = False


@dataclass
class TravelsImportSummary:
    """What an import of the travels archive read and wrote."""

    records: int = 0
    by_role: dict[str, int] = field(default_factory=dict)
    visits: int = 0
    persons: int = 0
    registry_persons: int = 0
    states: int = 0
    registry_states: int = 0
    places: int = 0
    multilateral: int = 0
    outside_terms: list[tuple[str, int, str, str]] = field(default_factory=list)
    not_states: list[tuple[str, int, str]] = field(default_factory=list)  # role, id, why
    met: int = 0  # persons the remarks name as met: resolved hosts and others, unresolved
    hosts: int = 0  # of them resolved hosts: persons of the state visited
    participants: int = 0  # of them resolved others met, of other states
    # people met not resolved: (role, trip, text, state, candidates, why)
    unresolved: list[tuple] = field(default_factory=list)
    journeys: int = 0  # journeys of two or more legs
    legs: int = 0  # visits that are legs of such journeys
    files: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    replaced: bool = False

    def problems(self) -> list[str]:
        """Trips outside a term and records not imported, one line each (raw names: print
        them through ``printable``)."""
        lines = [f"outside the terms of office: {role} trip {number} ({who}, {start})"
                 for role, number, who, start in self.outside_terms]
        lines += [f"not imported: {role} trip {number}: {why}"
                  for role, number, why in self.not_states]
        return lines

    def unresolved_lines(self) -> list[str]:
        """People met who are not resolved, with the candidates, one line each."""
        return [f"{role} trip {number}: {text!r} ({state or 'state not known'}): {why}"
                + (f"; candidates: {', '.join(candidates)}" if candidates else "")
                for role, number, text, state, candidates, why in self.unresolved]


# -- recognising and reading ----------------------------------------------------------


def _xml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xml")) if folder.is_dir() else []


def recognises(data_dir: Path) -> bool:
    """Whether the folder holds the travels archive (data/president-travels/ or
    data/secretary-travels/ with XML files)."""
    data = Path(data_dir) / "data"
    return any(_xml_files(data / name) for name in FOLDERS.values())


def _root(path: Path, tag: str) -> ET.Element:
    """The root element of a regular XML file of at most MAX_BYTES, which must be <tag>."""
    data = read_regular(path, MAX_BYTES, "the archive's files are far smaller")
    root = parse_xml(path, data)
    if root.tag != tag:
        raise ArchiveError(f"{path}: the root element is <{root.tag}>, not <{tag}>")
    return root


def _text(element: ET.Element | None, where: str, tag: str) -> str:
    """The element's text with white space collapsed; at most MAX_TEXT characters."""
    text = visits.collapse(element.text if element is not None else None)
    if len(text) > MAX_TEXT:
        raise ArchiveError(f"{where}: <{tag}> is longer than {MAX_TEXT} characters")
    return text


def _name(text: str, where: str, tag: str) -> str:
    """A name: printable characters only, with letters or digits to make an id of."""
    if any(unicodedata.category(c)[0] == "C" for c in text) or not slug(text):
        raise ArchiveError(f"{where}: <{tag}> is not a name (found {cut(text)})")
    return text


def _date(text: str, where: str, tag: str, empty: bool = False) -> str | None:
    if empty and not text:
        return None
    if not is_day(text):
        raise ArchiveError(f"{where}: <{tag}> is not a date YYYY-MM-DD (found "
                           f"{cut(text)})")
    return text


def read_trips(data_dir: Path) -> list[Trip]:
    """Every trip record of both collections, by date, then role and id."""
    trips: dict[tuple[str, int], Trip] = {}
    paths = [(role, path) for role, name in FOLDERS.items()
             for path in _xml_files(Path(data_dir) / "data" / name)]
    if not paths:
        raise ArchiveError(f"{data_dir}: no data/president-travels/ or "
                           "data/secretary-travels/ folder of XML files")
    if len(paths) > MAX_FILES:
        raise ArchiveError(f"{data_dir}: more than {MAX_FILES} files of trips")
    for role, path in paths:
        for element in _root(path, "trips").iter("trip"):
            trip = _trip(element, role, str(path))
            if (role, trip.id) in trips:
                raise ArchiveError(f"{path}: {role} trip {trip.id} is also in "
                                   f"{trips[role, trip.id].file}")
            trips[role, trip.id] = trip
    return sorted(trips.values(), key=lambda t: (t.start, t.end, t.role, t.id))


def _trip(element: ET.Element, role: str, file: str) -> Trip:
    number = visits.collapse(element.findtext("id"))
    if not re.fullmatch(r"[0-9]{1,9}", number):
        raise ArchiveError(f"{file}: a <trip> has no numeric <id> (found {cut(number)})")
    where = f"{file}: trip {number}"
    if element.get("role", role) != role:
        raise ArchiveError(f"{where}: role {cut(element.get('role', ''))} in the "
                           f"folder of {role} trips")
    who = element.get("who", "")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", who) or len(who) > 100:
        raise ArchiveError(f"{where}: who= is not a traveller id (found {cut(who)})")
    start, end = (_date(_text(element.find(tag), where, tag), where, tag)
                  for tag in ("start-date", "end-date"))
    if end < start:
        raise ArchiveError(f"{where}: <end-date> {end} is before <start-date> {start}")
    country = element.find("country")
    code = country.get("id", "") if country is not None else ""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code) or len(code) > 100:
        raise ArchiveError(f'{where}: <country id="..."> is missing or not a slug')
    label = _name(_text(country, where, "country"), where, "country")
    name = _name(_text(element.find("name"), where, "name"), where, "name")
    return Trip(int(number), role, who, name, start, end, code, label,
                _text(element.find("locale"), where, "locale"),
                _text(element.find("remarks"), where, "remarks"), file)


def read_travellers(data_dir: Path) -> dict[str, Traveller]:
    """Presidents and Secretaries of State by ``who``, with their terms of office."""
    data = Path(data_dir) / "data"
    travellers: dict[str, Traveller] = {}
    path = data / "presidents" / "presidents.xml"
    for element in _root(path, "presidents").iter("president"):
        who = visits.collapse(element.findtext("id"))
        where = f"{path}: president {cut(who)}"
        name = _name(_text(element.find("name"), where, "name"), where, "name")
        start = _date(_text(element.find("took-office-date"), where, "took-office-date"),
                      where, "took-office-date")
        end = _date(_text(element.find("left-office-date"), where, "left-office-date"),
                    where, "left-office-date", empty=True)
        travellers.setdefault(who, Traveller(who, name)).terms.append(("president", start, end))
    path = data / "secretaries" / "secretary.xml"
    for element in _root(path, "principal-position").iter("principal"):
        who = visits.collapse(element.findtext("person-id"))
        where = f"{path}: principal {cut(who)}"
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", who) or len(who) > 100:
            raise ArchiveError(f"{where}: <person-id> is not a person id")
        texts = {tag: _text(element.find(f"{tag}/date"), where, tag)
                 for tag in ("appointed", "started", "ended")}
        start = _date(texts["started"] or texts["appointed"], where, "started")
        end = _date(texts["ended"], where, "ended", empty=True)
        if who not in travellers:
            travellers[who] = Traveller(who, _secretary_name(data, who, where))
        travellers[who].terms.append(("secretary", start, end))
    for traveller in travellers.values():
        traveller.terms.sort(key=lambda term: term[1])
    return travellers


def _secretary_name(data: Path, who: str, where: str) -> str:
    """The people file's altname, else its forename and surname."""
    path = data / "secretaries" / "people" / f"{who}.xml"
    if not path.exists():
        raise ArchiveError(f"{where}: no people file {path.name}")
    root = _root(path, "person")
    where = str(path)
    alt = _text(root.find("persName/altname"), where, "altname")
    if alt:
        return _name(alt, where, "altname")
    parts = [_text(root.find(f"persName/{tag}"), where, tag) for tag in ("forename", "surname")]
    return _name(" ".join(p for p in parts if p), where, "persName")


# -- states and places ----------------------------------------------------------------


def country_row(trip: Trip) -> str:
    """The row of countries.csv for the state the trip went to."""
    row = visits.LABEL_STATES.get((trip.slug, trip.label))
    if row:
        return row
    if trip.slug in DATED_STATES:
        until, earlier = DATED_STATES[trip.slug]
        if trip.start < until:
            return earlier
    return trip.slug


def state_facts(trips: list[Trip], countries: dict[str, tuple[str, str]]) -> list[dict]:
    """One state per destination, and the United States, each quoting its labels."""
    labels: dict[str, Counter] = defaultdict(Counter)
    rows: dict[str, set] = defaultdict(set)
    slugs: dict[str, set] = defaultdict(set)
    for trip in trips:
        row = country_row(trip)
        sid = visits.state_id(row, countries)
        labels[sid][trip.label] += 1
        rows[sid].add(row)
        slugs[sid].add(trip.slug)
    facts = []
    for sid in labels:
        iso, name = countries[min(rows[sid])]
        seen = sorted(labels[sid], key=lambda label: (-labels[sid][label], label))
        aliases = [a for a in dict.fromkeys(map(visits.without_remark, seen)) if a != name]
        fact: dict = {"id": sid, "source": SOURCE_ID, "name": name}
        if aliases:
            fact["aliases"] = aliases
        if iso:
            fact["iso"] = iso
        if rows[sid] & HISTORICAL:
            fact["historical"] = True
        fact["evidence"] = seen[:3]
        fact["note"] = "Archive country slug" + ("s " if len(slugs[sid]) > 1 else " ") + \
            ", ".join(sorted(slugs[sid])) + "."
        facts.append(fact)
    if HOME not in labels:
        iso, name = countries[HOME]
        facts.append({"id": HOME, "source": SOURCE_ID, "name": name, "iso": iso,
                      "evidence": [SOURCE["title"]],
                      "note": "The state every trip of the archive came from."})
    return sorted(facts, key=lambda fact: fact["id"])


def locale_parts(locale: str) -> list[tuple[str, str]]:
    """(name, text) of each place a locale names: "Halifax, Stellarton (Nova Scotia)"."""
    parts: list[str] = []
    for part in (p.strip() for p in locale.split(",")):
        if not part:
            continue
        if re.fullmatch(r"D\.\s?F\.?", part) and parts:
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return [(visits.without_remark(part) or part, part) for part in parts]


def place_kind(name: str) -> str:
    if re.search(r"\b(?:Base|Field|Camp)\b", name):
        return "venue"
    if re.search(r"\bIslands?\b", name):
        return "region"
    return "city"


# -- the import -----------------------------------------------------------------------


def election_day(year: int) -> str:
    """The Tuesday after the first Monday of November."""
    first = date(year, 11, 1)
    monday = first + timedelta(days=(0 - first.weekday()) % 7)
    return (monday + timedelta(days=1)).isoformat()


def _office(title: str, start: str, end: str | None) -> dict:
    office = {"title": title, "state": HOME, "start": start}
    office = {"id": office_segment(office), **office}
    if end:
        office["end"] = end
    return office


def import_travels_archive(data_dir: Path, out_dir: Path,
                           registry: Iterable[Path] | Path | None = None
                           ) -> TravelsImportSummary:
    """Write fact files for the travels archive in ``data_dir`` into ``out_dir``.

    ``registry`` are fact files or folders already known (the seeds, the visits
    import): their persons and states are referred to, and the people the remarks say
    the travellers met are found among their persons."""
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    replaced = output.check_replaceable(out_dir, GENERATED)
    trips = read_trips(data_dir)
    travellers = read_travellers(data_dir)
    countries, known = visits.read_countries(), Registry.read(registry)
    summary = TravelsImportSummary(records=len(trips), replaced=replaced, lost=list(LOST))
    summary.by_role = dict(sorted(Counter(t.role for t in trips).items()))
    for trip in trips:
        if trip.who not in travellers or not any(r == trip.role
                                                 for r, _, _ in travellers[trip.who].terms):
            raise ArchiveError(f"{trip.file}: trip {trip.id}: traveller {trip.who!r} has no "
                               f"term as {ROLES[trip.role]} in the archive")
        if trip.slug not in NOT_STATES and country_row(trip) not in countries:
            raise ArchiveError(f"{trip.file}: trip {trip.id}: country {trip.slug!r} is not "
                               f"in the importer's table of countries "
                               f"({visits.COUNTRIES_CSV.name})")
    summary.not_states = [(t.role, t.id, f"{NOT_STATES[t.slug]} ({t.label})")
                          for t in trips if t.slug in NOT_STATES]
    trips = [t for t in trips if t.slug not in NOT_STATES]

    states = state_facts(trips, countries)
    state_ids = {fact["id"]: known.state(fact) or fact["id"] for fact in states}
    destination = {t: state_ids[visits.state_id(country_row(t), countries)] for t in trips}
    home = state_ids[HOME]

    used = {t.who for t in trips}
    people = sorted((travellers[who] for who in used), key=lambda p: p.who)
    for trip in trips:
        travellers[trip.who].spellings[trip.name] += 1
    taken = {SOURCE_ID, *state_ids.values(), *slug_rows(countries), *known.persons.values()}
    ids: Counter = Counter(slug(p.name) for p in people)
    for person in people:
        found = known.named("person", [slug(person.name), *map(
            normalise_name, [person.name, *person.spellings])])
        person.id, person.in_registry = found or slug(person.name), bool(found)
        if not found and (ids[person.id] > 1 or person.id in taken):
            person.id = f"{person.id}-{HOME}"
    if len({p.id for p in people}) != len(people):
        raise ArchiveError(f"{data_dir}: two travellers would get one id")

    # the office of each trip: the term its dates fall in, or President-elect
    elect: dict[str, list[dict]] = defaultdict(list)
    capacity: dict[Trip, dict] = {}
    for trip in trips:
        person = travellers[trip.who]
        term = next(((s, e) for r, s, e in person.terms if r == trip.role
                     and s <= trip.start and (e is None or trip.end <= e)), None)
        entry = {"person": person.id}
        if term is not None:
            office = _office(ROLES[trip.role], *term)
        else:
            summary.outside_terms.append((trip.role, trip.id, trip.who, trip.start))
            after = [s for r, s, _ in person.terms if r == trip.role and s > trip.end]
            if not (ELECT.search(trip.remarks) and trip.role == "president" and after):
                capacity[trip] = {**entry, "represents": home}
                continue
            office = _office(PRESIDENT_ELECT, election_day(int(min(after)[:4]) - 1), min(after))
            if office not in elect[trip.who]:
                elect[trip.who].append(office)
        if not person.in_registry:
            entry["office"] = office["id"]
        capacity[trip] = {**entry, "title": office["title"], "represents": home}

    places: dict[tuple[str, str], dict] = {}
    trip_places: dict[Trip, list[tuple[str, str]]] = {}
    for trip in trips:
        keys = []
        for name, text in locale_parts(trip.locale):
            key = (slug(name), destination[trip])
            place = places.setdefault(key, {"names": Counter(), "texts": [], "state": key[1]})
            place["names"][name] += 1
            if text not in place["texts"]:
                place["texts"].append(text)
            keys.append(key)
        trip_places[trip] = list(dict.fromkeys(keys))
    place_ids = _place_ids(places, taken | {p.id for p in people})
    met = meetings(trips, travellers, destination, known, countries, summary)
    legs = journeys(trips, destination)
    summary.journeys = len({tuple(journey) for journey in legs.values()})
    summary.legs = len(legs)

    person_facts = [_person_fact(p, elect[p.who]) for p in people if not p.in_registry]
    place_facts = sorted(({"id": place_ids[key], "source": SOURCE_ID, "name": _best(p["names"]),
                           "kind": place_kind(_best(p["names"])), "located_in": p["state"],
                           "evidence": p["texts"][:3]} for key, p in places.items()),
                         key=lambda fact: fact["id"])
    visit_facts = []
    for trip in trips:
        fact = {"id": trip_id(trip), "source": SOURCE_ID,
                "title": f"Trip of {trip.name} to {trip.label}, {trip.start}",
                "visitors": output.FlowList([travellers[trip.who].id])}
        hosts = [m.person for m in met[trip] if m.state == destination[trip]]
        if hosts:
            fact["hosts"] = output.FlowList(hosts)
        fact.update({"from": home, "destination": destination[trip]})
        if trip_places[trip]:
            fact["places"] = output.FlowList(place_ids[key] for key in trip_places[trip])
        fact.update({"start": trip.start, "end": trip.end})
        kind = trip_kind(trip.remarks)
        if kind:
            fact["kind"] = kind
        fact["status"] = "took-place"
        journey = legs.get(trip, [])
        if journey and journey.index(trip):
            fact["follows"] = output.FlowList([trip_id(journey[journey.index(trip) - 1])])
        again = [trip_id(t) for t in journey
                 if t != trip and destination[t] == destination[trip]]
        if again:
            fact["distinct_from"] = output.FlowList(again)
        fact["capacities"] = [capacity[trip], *({"person": m.person, "title": m.title,
                                                 "represents": m.state} for m in met[trip])]
        if met[trip]:
            fact["events"] = [{"kind": "meeting", "participants": output.FlowList(
                [travellers[trip.who].id, *(m.person for m in met[trip])]),
                "evidence": list(dict.fromkeys(m.sentence for m in met[trip]))}]
        fact["evidence"] = [trip.remarks or trip.label]
        fact["note"] = f"Archive {trip.role} trip record {trip.id}" + _leg_note(trip, journey)
        visit_facts.append(fact)

    new_states = [fact for fact in states if known.state(fact) is None]
    files = {"sources.yaml": ("sources", [_source(data_dir.name)]),
             "states.yaml": ("states", new_states),
             "persons.yaml": ("persons", person_facts),
             "places.yaml": ("places", place_facts)}
    decades: dict[str, list[dict]] = defaultdict(list)
    for fact in visit_facts:
        decades[f"trips-{int(fact['start'][:4]) // 10 * 10}.yaml"].append(fact)
    files.update({name: ("visits", decades[name]) for name in sorted(decades)})
    summary.files = output.write_fact_files(out_dir, data_dir.name, files, GENERATED)
    summary.visits = len(visit_facts)
    summary.persons, summary.registry_persons = len(person_facts), len(people) - len(person_facts)
    summary.states, summary.registry_states = len(new_states), len(states) - len(new_states)
    summary.places = len(place_facts)
    summary.multilateral = sum(f.get("kind") == "multilateral" for f in visit_facts)
    return summary


def trip_id(trip: Trip) -> str:
    return f"us-trip-{trip.role}-{trip.id}"


@dataclass(frozen=True)
class Resolved:
    """A person met on a trip, found among the known persons."""

    person: str
    title: str
    state: str
    sentence: str


def meetings(trips: list[Trip], travellers: dict[str, Traveller],
             destination: dict[Trip, str], known: Registry,
             countries: dict[str, tuple[str, str]],
             summary: TravelsImportSummary) -> dict[Trip, list[Resolved]]:
    """The persons each trip's remarks say the traveller met (``remarks.people_met``),
    found by title, name, state and date among the registry's persons
    (``people.People.find``); the others are listed in the summary with the candidates.
    A person met who is a U.S. President or Secretary of State of the archive then (the
    President a Secretary accompanied) is not a person met abroad."""
    names = {label: row for row, (_, label) in countries.items()}
    names.update({f"the {label}": row for label, row in list(names.items())})
    own = people.People()
    for traveller in travellers.values():
        own.add_name(traveller.who, traveller.name)
        for role, start, end in traveller.terms:
            own.add_term(traveller.who, people.Term(HOME, ROLES[role], start, end))
    found: dict[Trip, list[Resolved]] = {}
    for trip in trips:
        found[trip] = []
        for met in remarks.people_met(trip.remarks, names):
            if own.find(met.name, HOME, trip.start).person is not None:
                continue
            if met.state is None:
                summary.unresolved.append((trip.role, trip.id, met.text, None, [],
                                           "the title is not a state's office"))
                continue
            state = destination[trip]
            if met.state:
                row = met.state
                if row in DATED_STATES and trip.start < DATED_STATES[row][0]:
                    row = DATED_STATES[row][1]
                state = known.state({"id": visits.state_id(row, countries),
                                     "name": countries[row][1]}) or \
                    visits.state_id(row, countries)
            finding = known.people.find(met.name, state, trip.start, met.title)
            if finding.person is None:
                summary.unresolved.append((trip.role, trip.id, met.text, state,
                                           list(finding.candidates), finding.why))
                continue
            if any(r.person == finding.person for r in found[trip]):
                continue
            found[trip].append(Resolved(finding.person, met.title, state, met.sentence))
            if state == destination[trip]:
                summary.hosts += 1
            else:
                summary.participants += 1
    summary.met = summary.hosts + summary.participants + len(summary.unresolved)
    return found


def journeys(trips: list[Trip], destination: dict[Trip, str]) -> dict[Trip, list[Trip]]:
    """Each trip that is a leg of a journey of two or more -> the journey's legs, in
    order: records of one traveller whose dates touch (the next starts on the day the
    last ended, or the day after) or overlap."""
    by_who: dict[str, list[Trip]] = defaultdict(list)
    for trip in trips:
        by_who[trip.who].append(trip)
    found: dict[Trip, list[Trip]] = {}
    for own in by_who.values():
        own.sort(key=lambda t: (t.start, t.end, t.role, t.id))
        journey: list[Trip] = []
        last_end = ""
        for trip in own:
            if journey and trip.start <= _next_day(last_end):
                journey.append(trip)
            else:
                journey = [trip]
            last_end = max(last_end, trip.end) if len(journey) > 1 else trip.end
            if len(journey) > 1:
                for leg in journey:
                    found[leg] = journey
    return found


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _leg_note(trip: Trip, journey: list[Trip]) -> str:
    if not journey:
        return ""
    numbers = ", ".join(str(t.id) for t in journey)
    return (f"; leg {journey.index(trip) + 1} of {len(journey)} of one journey "
            f"(records {numbers})")


def slug_rows(countries: dict[str, tuple[str, str]]) -> set[str]:
    """Every state id the table of countries gives, whether visited or not."""
    return {visits.state_id(row, countries) for row in countries}


def trip_kind(remarks: str) -> str | None:
    """The first kind the remarks name, by the rules of the visits import: a visit kind, or
    multilateral for a gathering of several states attended (not a summit meeting with one
    leader)."""
    return visits.visit_kind(remarks)


def _best(names: Counter) -> str:
    return sorted(names, key=lambda name: (-names[name], name))[0]


def _place_ids(places: dict[tuple[str, str], dict], taken: set[str]) -> dict:
    by_slug: dict[str, list] = defaultdict(list)
    for key, place in places.items():
        by_slug[slug(_best(place["names"]))].append(key)
    ids = {}
    for base, keys in by_slug.items():
        for key in keys:
            ids[key] = base if len(keys) == 1 and base not in taken else f"{base}-in-{key[1]}"
    if len(set(ids.values())) != len(ids):
        raise ArchiveError("two places would get one id")
    return ids


def _person_fact(person: Traveller, elect: list[dict]) -> dict:
    fact: dict = {"id": person.id, "source": SOURCE_ID, "name": person.name}
    spellings = sorted(person.spellings, key=lambda n: (-person.spellings[n], n))
    aliases = [name for name in spellings if name != person.name]
    if aliases:
        fact["aliases"] = aliases
    offices = [_office(ROLES[role], start, end) for role, start, end in person.terms] + elect
    fact["offices"] = sorted(offices, key=lambda office: (office["start"], office["title"]))
    fact["evidence"] = [person.name, *aliases][:3]
    fact["note"] = (f"Archive traveller {person.who}; terms of office from presidents.xml "
                    "and secretary.xml" + ("; the office of President-elect runs from "
                                           "Election Day to the term's first day" if elect
                                           else "") + ".")
    return fact


def _source(origin: str) -> dict:
    return {**SOURCE, "note": (
        f"Imported from the archive's XML data ({origin}) by diplokg import. The archive "
        "is public domain (U.S. Government work; CC0 1.0 waiver). There is no `text:`, so "
        "evidence quotes, which are the archive's own remarks, names, country labels and "
        "locales with white space collapsed, are not checked against a source text.")}
