"""Import the WIPO treaty membership table into fact files.

The World Intellectual Property Organization (WIPO) publishes who signed, ratified,
acceded to and is bound by each treaty it administers (https://www.wipo.int/treaties/en/);
the datahub.io core dataset ``datasets/membership-to-copyright-treaties`` keeps those
tables as one CSV (``data/membership-to-copyright-treaties.csv``, ODC-PDDL 1.0).  Each
row is one party and one treaty: ``Contracting Party``, ``Treaty``, ``Signature Date``,
``Instrument Type``, ``Instrument Date`` and ``Entry Into Force Date``.
``import_treaty_table`` writes one source, the states and organisations that are
parties, and a file per treaty, an agreement with the dated actions of every row.

What takes judgement, and where it is decided:

* **Treaties.**  ``data/wipo_treaties.csv`` gives each of the table's treaty names
  ("Berne", "WIPO Copyright Treaty (WCT)") the agreement's id, kind and full title.
  The table's name is the agreement's evidence.  A treaty name the table does not
  list is reported and its rows are left out.
* **Parties.**  A party is a state when its name is the label of a row of
  ``data/countries.csv`` (the table the visits importer uses, so a state has the same id
  in both imports) or is listed in ``data/state_names.csv`` (names in UN style:
  "Bolivia (Plurinational State of)", "Viet Nam"); it is an organisation when
  ``data/organisations.csv`` lists it ("European Union (EU)").  Names are compared
  without case, accents and apostrophes.  A name that matches nothing, or both a
  state and an organisation, is reported and its rows are left out: nothing is guessed.
  States and organisations declared in a registry fact file are referred to by their
  ids and not written again.
* **Actions.**  Each row gives up to three: a ``signature`` (Signature Date); the
  instrument, whose kind follows from its type (``INSTRUMENTS``: Ratification,
  Accession, Acceptance, Declaration of Continued Application and
  Declaration/Notification of Succession), dated by the Instrument Date; and the
  party's own ``entry-into-force`` (Entry Into Force Date), which may come before the
  instrument (a declaration of continued application or of succession takes effect
  retroactively).  An instrument whose type is empty or not one of these, or that has
  no date, is reported and not written (a row with an entry into force and no
  instrument keeps its entry into force); the row's other dates are kept.
* **Agreements.**  ``parties:`` lists those that consented to be bound (an instrument or
  an entry into force); signatories that have done neither appear only in their
  signature.  The status is ``in-force`` when the table gives any party's entry into
  force, else ``signed``.  The table gives neither the day a treaty was adopted or
  opened for signature nor its own entry into force, so agreements have no ``signed:``
  and no action without a party.

The table may come from anywhere, so it is read warily: only a regular file of at most
``MAX_BYTES``, strict UTF-8, the table's six columns in every row, cells of at most
``MAX_CELL`` characters and real dates.  Anything else is an ``ArchiveError`` naming
the file and line, and nothing is written.  The fact files are written as every import
writes them (``diplokg.importers.output``): into a new folder that replaces the output
folder only when complete, and only if that folder is new, empty or an earlier import.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from diplokg.errors import ArchiveError
from diplokg.importers.output import check_replaceable, write_fact_files
from diplokg.importers.reading import cut, is_day, read_regular
from diplokg.importers.registry import Registry
from diplokg.importers.visits import (
    COUNTRIES_CSV,
    HISTORICAL,
    normalise_name,
    read_countries,
    slug,
    state_id,
)

DATA = Path(__file__).with_name("data")
TREATIES_CSV = DATA / "wipo_treaties.csv"
STATE_NAMES_CSV = DATA / "state_names.csv"
ORGANISATIONS_CSV = DATA / "organisations.csv"

COLUMNS = ("Contracting Party", "Treaty", "Signature Date", "Instrument Type",
           "Instrument Date", "Entry Into Force Date")
MAX_BYTES = 64 * 1024 * 1024  # the table is 86 kB
MAX_CELL = 500  # characters in one cell: the longest name is 53
SOURCE_ID = "wipo-treaty-membership"
SOURCE = {
    "id": SOURCE_ID,
    "title": "Membership to Copyright Treaties",
    "publisher": "datasets/membership-to-copyright-treaties (datahub.io core datasets)",
    "original_publisher": "World Intellectual Property Organization (WIPO)",
    "url": "https://github.com/datasets/membership-to-copyright-treaties",
}
# The instrument types of the table and the action each is.
INSTRUMENTS = {
    "Ratification": "ratification",
    "Accession": "accession",
    "Acceptance": "acceptance",
    "Declaration of Continued Application": "continued-application",
    "Declaration/Notification of Succession": "succession",
}
# The order of a party's steps in a file: signature, instrument, entry into force.
STEPS = ("signature", *INSTRUMENTS.values(), "entry-into-force")
# The files this import writes: an output folder holding only these may be replaced.
GENERATED = re.compile(r"(sources|states|organisations|agreements-[a-z0-9-]+)\.yaml")
# The commit a copy of the table was taken from, as the README of the copy states it.
COMMIT = re.compile(r"Commit:\s*`([0-9a-f]{40})`\s*\(([0-9]{4}-[0-9]{2}-[0-9]{2})\)")

LOST = (
    "the day each treaty was adopted or opened for signature, and its own entry into "
    "force, which the table does not give",
    "reservations, declarations and notifications other than the instrument",
    "denunciations and withdrawals, which the table does not list",
    "the instruments whose type is empty or unknown, or that have no date",
    "the rows of parties and treaties that could not be matched",
)


@dataclass(frozen=True)
class Row:
    """One row of the table, its cells as they are, and the line it starts on."""

    line: int
    party: str
    treaty: str
    signature: str
    instrument: str
    instrument_date: str
    entry_into_force: str
    text: str  # the row's cells as CSV text: the evidence of its actions


@dataclass(frozen=True)
class Treaty:
    """A row of wipo_treaties.csv."""

    table_name: str
    id: str
    kind: str
    title: str


@dataclass
class TreatyImportSummary:
    """What an import of the table read, wrote and could not match."""

    rows: int = 0
    treaties: int = 0
    states: int = 0  # states written; states of the registry are counted apart
    organisations: int = 0
    registry_states: int = 0
    registry_organisations: int = 0
    signatures: int = 0
    instruments: Counter = field(default_factory=Counter)  # action kind -> count
    entries_into_force: int = 0
    retroactive: int = 0  # entries into force before their instrument
    force_without_instrument: int = 0
    unmatched_parties: dict[str, int] = field(default_factory=dict)  # name -> rows
    unmatched_treaties: dict[str, int] = field(default_factory=dict)
    unknown_instruments: dict[str, int] = field(default_factory=dict)  # type -> rows
    untyped_instruments: int = 0  # an instrument date without a type
    undated_instruments: int = 0  # a type without a date
    published: str | None = None
    files: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    replaced: bool = False

    @property
    def parties(self) -> int:
        return (self.states + self.organisations + self.registry_states
                + self.registry_organisations)

    def problems(self) -> list[str]:
        """What could not be matched or imported, one line each (raw names: print them
        through ``printable``)."""
        lines = [f"not matched: party '{name}' ({rows} row(s) left out)"
                 for name, rows in sorted(self.unmatched_parties.items())]
        lines += [f"not matched: treaty '{name}' ({rows} row(s) left out)"
                  for name, rows in sorted(self.unmatched_treaties.items())]
        lines += [f"not imported: instrument type '{kind}' ({rows} row(s)): the instrument "
                  "is left out, the row's other dates are kept"
                  for kind, rows in sorted(self.unknown_instruments.items())]
        if self.untyped_instruments:
            lines.append(f"not imported: {self.untyped_instruments} instrument date(s) with "
                         "no instrument type")
        if self.undated_instruments:
            lines.append(f"not imported: {self.undated_instruments} instrument type(s) with "
                         "no instrument date")
        return lines


# -- recognising and reading the table ------------------------------------------------


def _csv_files(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / "data"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def _header(path: Path) -> tuple[str, ...] | None:
    """The first line of a regular file, as CSV cells; None if it cannot be read."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            first = handle.readline(4096)
        cells = next(csv.reader([first.decode("utf-8-sig").rstrip("\r\n")]), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return tuple(cells)


def find_table(data_dir: Path) -> Path | None:
    """The table in ``data_dir/data/``: the CSV file whose header is the table's columns."""
    found = [path for path in _csv_files(data_dir) if _header(path) == COLUMNS]
    if len(found) > 1:
        raise ArchiveError(f"{Path(data_dir) / 'data'}: holds two tables of treaty "
                           f"membership ({found[0].name}, {found[1].name}); keep one")
    return found[0] if found else None


def recognises(data_dir: Path) -> bool:
    """Whether the folder holds the table (a CSV file in data/ with its columns)."""
    try:
        return find_table(data_dir) is not None
    except ArchiveError:
        return True  # it does, twice: importing it says so


def read_rows(data_dir: Path) -> tuple[Path, list[Row]]:
    """The table's file and rows; ArchiveError if it is missing or malformed."""
    path = find_table(data_dir)
    if path is None:
        raise ArchiveError(f"{data_dir}: no data/ folder with the WIPO treaty membership "
                           f"table (a CSV file with the columns {', '.join(COLUMNS)})")
    return path, list(_rows(path, _text(path)))


def _text(path: Path) -> str:
    """The file's text: a regular file (no symbolic link), at most MAX_BYTES, UTF-8."""
    data = read_regular(path, MAX_BYTES, "the table is far smaller")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ArchiveError(f"{path}: line {line}: not UTF-8 ({error.reason})") from None


def _rows(path: Path, text: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        next(reader)  # the header, checked by find_table
        line = reader.line_num + 1
        for cells in reader:
            if cells:
                yield _row(path, line, cells)
            line = reader.line_num + 1
    except csv.Error as error:
        raise ArchiveError(f"{path}: line {reader.line_num}: not valid CSV: {error}") from None


def _row(path: Path, line: int, cells: list[str]) -> Row:
    where = f"{path}: line {line}"
    if len(cells) != len(COLUMNS):
        raise ArchiveError(f"{where}: has {len(cells)} cell(s); the table has {len(COLUMNS)} "
                           "columns")
    for column, cell in zip(COLUMNS, cells, strict=True):
        if len(cell) > MAX_CELL:
            raise ArchiveError(f"{where}: {column} is longer than {MAX_CELL} characters")
    party, treaty, signature, instrument, instrument_date, force = (c.strip() for c in cells)
    if not party or not treaty:
        raise ArchiveError(f"{where}: {'Contracting Party' if not party else 'Treaty'} is "
                           "empty")
    for column, value in zip(COLUMNS[2:], (signature, instrument, instrument_date, force),
                             strict=True):
        if column.endswith("Date") and value and not is_day(value):
            raise ArchiveError(f"{where}: {column} is not a date YYYY-MM-DD (found "
                               f"{cut(value)})")
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return Row(line, party, treaty, signature, instrument, instrument_date, force,
               out.getvalue())


def read_published(data_dir: Path) -> tuple[str, str] | None:
    """(commit, date) of the copy, from the line "Commit: `<hash>` (YYYY-MM-DD)" of the
    copy's README.md, if it has one."""
    path = Path(data_dir) / "README.md"
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            text = handle.read(1024 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = COMMIT.search(text)
    if match is None or not is_day(match.group(2)):
        return None
    return match.group(1), match.group(2)


# -- the importer's tables -------------------------------------------------------------


def _table(path: Path) -> list[dict[str, str]]:
    """The rows of one of the importer's CSV tables; lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def read_treaties(path: Path = TREATIES_CSV) -> dict[str, Treaty]:
    """Normalised table name -> treaty, from ``data/wipo_treaties.csv``."""
    return {normalise_name(row["table_name"]): Treaty(**row) for row in _table(path)}


def read_organisations(path: Path = ORGANISATIONS_CSV) -> list[dict[str, str]]:
    """The rows (name, acronym) of ``data/organisations.csv``."""
    return _table(path)


def organisation_id(row: dict[str, str]) -> str:
    return slug(row["name"])


def party_names(countries: dict[str, tuple[str, str]] | None = None,
                state_names: Path = STATE_NAMES_CSV,
                organisations: list[dict[str, str]] | None = None
                ) -> dict[str, tuple[str, str] | None]:
    """Normalised name -> ("state", countries.csv row) or ("organisation", id), or None
    for a name of two different parties.

    A state's names are the labels of countries.csv and the names of state_names.csv;
    an organisation's are its name, and its name with the acronym in brackets.
    """
    countries = read_countries() if countries is None else countries
    organisations = read_organisations() if organisations is None else organisations
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row, (_, label) in countries.items():
        found[normalise_name(label)].add(("state", row))
    for entry in _table(state_names):
        if entry["slug"] not in countries:
            raise KeyError(f"{state_names.name}: {entry['name']!r} names the row "
                           f"{entry['slug']!r}, which {COUNTRIES_CSV.name} does not have")
        found[normalise_name(entry["name"])].add(("state", entry["slug"]))
    for entry in organisations:
        for name in (entry["name"], f"{entry['name']} ({entry['acronym']})"):
            found[normalise_name(name)].add(("organisation", organisation_id(entry)))
    names: dict[str, tuple[str, str] | None] = {}
    for name, parties in found.items():
        # rows of one state (czech-republic and czechia are both Czechia) are one party
        ids = {(kind, state_id(key, countries) if kind == "state" else key)
               for kind, key in parties}
        names[name] = min(parties) if len(ids) == 1 else None
    return names


# -- the facts -------------------------------------------------------------------------


@dataclass
class Party:
    """A state or organisation of the table, and the names the table gives it."""

    kind: str  # state or organisation
    key: str  # the row of countries.csv, or the organisation's id
    id: str
    names: set[str] = field(default_factory=set)
    in_registry: bool = False


def state_fact(party: Party, countries: dict[str, tuple[str, str]]) -> dict:
    """A state: its name and ISO code from countries.csv, the table's names as aliases
    and evidence."""
    rows = sorted(row for row in countries if state_id(row, countries) == party.id)
    iso, name = countries[rows[0]]
    fact: dict = {"id": party.id, "source": SOURCE_ID, "name": name}
    aliases = sorted(n for n in party.names if n != name)
    if aliases:
        fact["aliases"] = aliases
    if iso:
        fact["iso"] = iso
    if set(rows) & HISTORICAL:
        fact["historical"] = True
    fact["evidence"] = sorted(party.names)
    return fact


def organisation_fact(party: Party, organisations: list[dict[str, str]]) -> dict:
    """An organisation: its name and acronym from organisations.csv, the table's names
    (and the acronym) as aliases and evidence."""
    entry = next(e for e in organisations if organisation_id(e) == party.id)
    aliases = sorted({*party.names, entry["acronym"]} - {entry["name"]})
    return {"id": party.id, "source": SOURCE_ID, "name": entry["name"], "aliases": aliases,
            "acronym": entry["acronym"], "evidence": sorted(party.names)}


def row_actions(row: Row, party: str, summary: TreatyImportSummary) -> list[dict]:
    """The actions a row gives, each quoting the row, counted in ``summary``."""
    actions = []
    if row.signature:
        actions.append({"kind": "signature", "party": party, "date": row.signature,
                        "evidence": [row.text]})
        summary.signatures += 1
    kind = INSTRUMENTS.get(row.instrument)
    if row.instrument and kind is None:
        summary.unknown_instruments[row.instrument] = (
            summary.unknown_instruments.get(row.instrument, 0) + 1)
    elif kind and not row.instrument_date:
        summary.undated_instruments += 1
    elif row.instrument_date and not row.instrument:
        summary.untyped_instruments += 1
    elif kind:
        actions.append({"kind": kind, "party": party, "date": row.instrument_date,
                        "evidence": [row.text]})
        summary.instruments[kind] += 1
    if row.entry_into_force:
        force = {"kind": "entry-into-force", "party": party, "date": row.entry_into_force,
                 "evidence": [row.text]}
        if not row.instrument and not row.instrument_date:
            force["note"] = "The table gives this entry into force without an instrument."
            summary.force_without_instrument += 1
        elif row.instrument_date and row.entry_into_force < row.instrument_date:
            force["note"] = (f"Binds the party from before its instrument of "
                             f"{row.instrument_date}, which takes effect retroactively.")
            summary.retroactive += 1
        actions.append(force)
        summary.entries_into_force += 1
    return actions


def agreement_fact(treaty: Treaty, names: set[str], actions: list[dict]) -> dict:
    """A treaty with its actions, by party and step; parties are those that consented to
    be bound (an instrument or an entry into force)."""
    actions = sorted(actions, key=lambda a: (a["party"], STEPS.index(a["kind"]), a["date"]))
    bound = sorted({a["party"] for a in actions if a["kind"] != "signature"})
    in_force = any(a["kind"] == "entry-into-force" for a in actions)
    fact: dict = {"id": treaty.id, "source": SOURCE_ID, "kind": treaty.kind,
                  "title": treaty.title}
    other_names = sorted(names - {treaty.title})
    if other_names:  # the table's own names for it ("Berne")
        fact["aliases"] = other_names
    if bound:
        fact["parties"] = bound
    fact["status"] = "in-force" if in_force else "signed"
    fact["evidence"] = sorted(names)
    fact["note"] = (
        "Named " + " and ".join(f"“{name}”" for name in sorted(names)) + " in the WIPO "
        "table; the title is WIPO's. The status is in force where the table gives any "
        "party's entry into force, else signed.")
    fact["actions"] = actions
    return fact


# -- the import ------------------------------------------------------------------------


def import_treaty_table(data_dir: Path, out_dir: Path,
                        registry: Iterable[Path] | Path | None = None) -> TreatyImportSummary:
    """Write fact files for the WIPO treaty membership table in ``data_dir`` into
    ``out_dir``.

    ``data_dir`` is the folder with the table in its ``data/`` folder.  ``registry`` is
    a fact file whose states and organisations are already known: they are matched by
    id or normalised name and referred to by their ids, not written again.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    replaced = check_replaceable(out_dir, GENERATED)  # before the work, again at the swap
    path, rows = read_rows(data_dir)
    countries, organisations = read_countries(), read_organisations()
    names, treaties = party_names(countries, organisations=organisations), read_treaties()
    known = Registry.read(registry)
    summary = TreatyImportSummary(rows=len(rows), lost=list(LOST), replaced=replaced)
    published = read_published(data_dir)
    if published:
        summary.published = published[1]

    parties: dict[tuple[str, str], Party] = {}
    actions: dict[str, list[dict]] = defaultdict(list)  # treaty id -> actions
    treaty_names: dict[str, set[str]] = defaultdict(set)
    unmatched_parties: Counter = Counter()
    unmatched_treaties: Counter = Counter()
    for row in rows:
        treaty = treaties.get(normalise_name(row.treaty))
        match = names.get(normalise_name(row.party))
        if treaty is None:
            unmatched_treaties[row.treaty] += 1
        if match is None:
            unmatched_parties[row.party] += 1
        if treaty is None or match is None:
            continue
        kind, key = match
        pid = state_id(key, countries) if kind == "state" else key
        party = parties.setdefault((kind, pid), Party(kind, key, pid))
        party.names.add(row.party)
        treaty_names[treaty.id].add(row.treaty)
        actions[treaty.id].extend(row_actions(row, pid, summary))
    summary.unmatched_parties = dict(unmatched_parties)
    summary.unmatched_treaties = dict(unmatched_treaties)

    states, orgs = [], []
    ids: dict[str, str] = {}  # the import's id -> the id it is written with
    for party in sorted(parties.values(), key=lambda p: (p.kind, p.id)):
        fact = (state_fact(party, countries) if party.kind == "state"
                else organisation_fact(party, organisations))
        found = known.find(party.kind, fact)
        ids[party.id] = found or party.id
        if found:
            party.in_registry = True
        else:
            (states if party.kind == "state" else orgs).append(fact)
    summary.states, summary.organisations = len(states), len(orgs)
    summary.registry_states = sum(p.in_registry and p.kind == "state" for p in parties.values())
    summary.registry_organisations = sum(p.in_registry and p.kind == "organisation"
                                         for p in parties.values())

    agreements = []
    for treaty in sorted({t.id: t for t in treaties.values()}.values(), key=lambda t: t.id):
        if treaty.id not in actions:
            continue
        for action in actions[treaty.id]:
            action["party"] = ids[action["party"]]
        agreements.append(agreement_fact(treaty, treaty_names[treaty.id], actions[treaty.id]))
    summary.treaties = len(agreements)

    files = {"sources.yaml": ("sources", [_source(path, data_dir, published)])}
    if states:
        files["states.yaml"] = ("states", states)
    if orgs:
        files["organisations.yaml"] = ("organisations", orgs)
    for fact in agreements:
        files[f"agreements-{fact['id']}.yaml"] = ("agreements", [fact])
    summary.files = write_fact_files(out_dir, data_dir.name, files, GENERATED)
    return summary


def _source(path: Path, data_dir: Path, published: tuple[str, str] | None) -> dict:
    source = dict(SOURCE)
    commit = ""
    if published:
        source["published"] = published[1]
        commit = f" at commit {published[0]}"
    name = path.relative_to(data_dir).as_posix()
    source["note"] = (
        f"Imported from {name}{commit} by diplokg import. The data set is under the Open "
        "Data Commons Public Domain Dedication and Licence (ODC-PDDL 1.0); the facts come "
        "from WIPO's treaty pages (https://www.wipo.int/treaties/en/). There is no `text:`, "
        "so evidence quotes, which are the table's own names and rows, are not checked "
        "against a source text.")
    return source

