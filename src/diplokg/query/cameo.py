"""The graph's visits and signings as CAMEO event rows, to join with event data sets.

Event data sets such as GDELT and ICEWS record who did what to whom and when, one event a
row, coded by CAMEO (the CAMEO section of ``ontology/vocab.ttl`` says where the codes come
from and how diplokg's kinds match them).  ``export`` reads the graph with the SPARQL
queries in ``data/cameo-*.rq`` and makes such rows:

* **A visit that took place** gives the two rows the CAMEO codebook codes for every
  visit: 042 "Make a visit" from the visiting state to the destination, and 043 "Host a
  visit" from the destination to the visiting state, dated by the visit's start.  The
  visiting state is the visit's ``from:`` state; else, for each visitor, the state their
  capacity on the visit names (stated, or derived from dated offices), or else the state
  of their offices.  When the visitors come to exactly one state together, that is it,
  and ``visiting_state_by`` says how it was found (``from``, ``capacity`` or ``office``);
  otherwise (two states, or a visitor with none) it is ``unknown`` and the actor's cells
  are left empty, never guessed.
* **A signed agreement** gives 057 "Sign formal agreement" for each ordered pair of its
  parties, dated by the signing date: two rows a pair, one each way, since CAMEO codes a
  signing as a reciprocal event.  An agreement with more than ``max_parties`` parties is
  left out: a multilateral convention is no event between each pair of its parties.

What is left out, and why, is counted in ``Export.left_out``: visits that did not take
place or have no start date, agreements with no signing date, with fewer than two parties
or with too many.  ``Export.gaps`` counts what the rows leave uncoded: visits whose
visiting state is not known, and actor cells of states with no known ISO code.

Actors are states, coded as CAMEO codes states: the ISO 3166 alpha-3 code, or the
codebook's own code for the few it codes otherwise (USR for the Soviet Union), found from
the state's alpha-2 ``iso:`` in ``data/iso3166.csv`` (its README says where that comes
from); ``*_iso3`` columns give the plain ISO alpha-3 code, for data sets that use ISO
codes.  A date is written as event data sets write it, YYYYMMDD, when it is known to the
day, and always as ISO 8601 with its precision (2001, 2000-06, 2000-06-19).

Cells are safe to open in a spreadsheet: one that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return, which a spreadsheet could take for a formula, gets a leading
apostrophe (``FORMULA_PREFIX``), as OWASP advises against CSV injection, so that a
spreadsheet reads it as text; other CSV readers keep the apostrophe as part of the value.
Rows are sorted, so the same graph gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import permutations
from pathlib import Path

import pyoxigraph as ox

from diplokg.model import registry
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine
from diplokg.safeio import write_atomic
from diplokg.safetext import encodable

DATA = Path(__file__).with_name("data")
FORMAT = "cameo"

MAKE_VISIT, HOST_VISIT, SIGN = "042", "043", "057"
# code -> (root code, name), as the CAMEO codebook 1.1b3 gives them (chapter 6)
EVENTS = {MAKE_VISIT: ("04", "Make a visit"), HOST_VISIT: ("04", "Host a visit"),
          SIGN: ("05", "Sign formal agreement")}
MAX_PARTIES = 10

COLUMNS = ("date", "iso_date", "source_actor_code", "source_actor", "source_actor_iso3",
           "target_actor_code", "target_actor", "target_actor_iso3", "event_code",
           "event_root_code", "event", "place", "source_url", "fact", "kind",
           "visiting_state_by")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PREFIX = "'"

TOOK_PLACE = str(registry.concept_iri("visit-status", "took-place"))
CITY = str(registry.concept_iri("place-kind", "city"))
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Why facts give no rows (keys of Export.left_out)
NOT_TAKEN_PLACE = "visits that did not take place"
NO_START = "visits with no start date"
NOT_SIGNED = "agreements with no signing date"
TOO_FEW_PARTIES = "signed agreements with fewer than two parties"
TOO_MANY_PARTIES = "signed agreements with more than {} parties (--max-parties)"
# Why rows have an empty actor code (keys of Export.gaps)
UNKNOWN_VISITING_STATE = "visits whose visiting state is not known"
UNCODED_ACTOR = "actor cells left empty for want of an ISO code"


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    cameo: str
    name: str


@cache
def countries() -> dict[str, Country]:
    """ISO 3166-1 alpha-2 code -> its country, from ``data/iso3166.csv``."""
    with (DATA / "iso3166.csv").open(encoding="utf-8", newline="") as table:
        return {row["alpha2"]: Country(**row) for row in csv.DictReader(table)}


@dataclass(frozen=True)
class Actor:
    """A state (or other party) as a row names it; codes are empty when not known."""

    iri: str = ""
    label: str = ""
    code: str = ""  # CAMEO's
    iso3: str = ""


UNKNOWN = Actor()


@dataclass(frozen=True)
class Row:
    date: str
    iso_date: str
    source: Actor
    target: Actor
    event_code: str
    place: str
    source_url: str
    fact: str
    kind: str
    visiting_state_by: str = ""

    def cells(self) -> tuple[str, ...]:
        root, name = EVENTS[self.event_code]
        return (self.date, self.iso_date, self.source.code, self.source.label,
                self.source.iso3, self.target.code, self.target.label, self.target.iso3,
                self.event_code, root, name, self.place, self.source_url, self.fact,
                self.kind, self.visiting_state_by)

    def key(self) -> tuple[str, ...]:
        return (self.iso_date, self.fact, self.event_code, self.source.iri, self.target.iri)


@dataclass
class Export:
    """The rows, sorted, and what was left out or left uncoded, by reason."""

    rows: list[Row] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)
    gaps: Counter = field(default_factory=Counter)

    def count(self, code: str) -> int:
        return sum(1 for row in self.rows if row.event_code == code)

    def summary(self) -> str:
        """One line: what was written, what left out and what left uncoded."""
        text = (f"{len(self.rows)} event rows: {self.count(MAKE_VISIT)} visits (042 and "
                f"043), {self.count(SIGN)} signing rows (057, each pair of parties both ways)")
        for title, counts in (("left out", self.left_out), ("not coded", self.gaps)):
            if counts:
                text += f"; {title}: " + ", ".join(
                    f"{reason} ({number})" for reason, number in sorted(counts.items()))
        return text


# -- reading the graph --------------------------------------------------------------------

def _select(store: ox.Store, name: str, base: str) -> list[dict[str, str]]:
    """The rows of ``data/NAME.rq`` on ``store``, as {variable: IRI or lexical form}."""
    query = engine.parse((DATA / f"{name}.rq").read_text(encoding="utf-8"), name)
    answer = engine.run(query, {}, store, base)
    return [{var: str(term) for var, term in zip(answer.variables, row, strict=True)
             if term is not None} for row in answer.rows]


def _first(values: Iterable[str]) -> str:
    """One value of several (a graph made elsewhere may give more than one): the least."""
    return min(values, default="")


def _dates(lexical: str) -> tuple[str, str] | None:
    """(YYYYMMDD or "" if not to the day, ISO 8601 date) of a date literal, else None."""
    match = _DATE.match(lexical)
    if not match:
        return None
    year, month, day = match.groups()
    return (f"{year}{month}{day}" if day else "",
            "-".join(part for part in (year, month, day) if part))


def _value(concept: str, scheme: str) -> str:
    """A concept's fact-file value (``state`` for visitkind:state), else its IRI."""
    namespace = str(registry.vocab(scheme))
    return concept.removeprefix(namespace) if concept.startswith(namespace) else concept


@dataclass
class _Details:
    places: dict[str, dict[str, tuple[str, str]]]  # fact -> place -> (label, kind)
    urls: dict[str, set[str]]  # fact -> source URLs
    actors: dict[str, Actor]

    def actor(self, iri: str, gaps: Counter) -> Actor:
        if not iri:
            return UNKNOWN
        found = self.actors.get(iri, Actor(iri))
        if not found.code:
            gaps[UNCODED_ACTOR] += 1
        return found

    def place(self, fact: str) -> str:
        places = self.places.get(fact, {})
        cities = [label for label, kind in places.values() if kind == CITY and label]
        labels = cities or [label for label, _ in places.values() if label]
        return "; ".join(sorted(set(labels)))

    def url(self, fact: str) -> str:
        return " ".join(sorted(self.urls.get(fact, ())))


def _details(store: ox.Store, base: str) -> _Details:
    places: dict = defaultdict(dict)
    urls: dict = defaultdict(set)
    labels: dict = defaultdict(set)
    codes: dict = defaultdict(set)
    for row in _select(store, "cameo-details", base):
        what, node, item = row["what"], row["node"], row["item"]
        if what in ("place", "signed-at"):
            label, kind = places[node].get(item, ("", ""))
            places[node][item] = (_first({label, row.get("value", "")} - {""}),
                                  _first({kind, row.get("extra", "")} - {""}))
        elif what == "source":
            urls[node].add(row["value"])
        else:  # an actor
            labels[node] |= {row["value"]} if "value" in row else set()
            codes[node] |= {row["extra"]} if "extra" in row else set()
    table = countries()
    actors = {}
    for node in labels.keys() | codes.keys():
        country = table.get(_first(codes[node]))
        actors[node] = Actor(node, _first(labels[node]), country.cameo if country else "",
                             country.alpha3 if country else "")
    return _Details(dict(places), dict(urls), actors)


# -- visits -------------------------------------------------------------------------------

def _visiting_states(store: ox.Store, base: str) -> dict[str, tuple[str, str]]:
    """Visit -> (its visiting state or "", how it was found), by the rule of the module's
    docstring."""
    found: dict = defaultdict(lambda: {"from": set(), "visitors": set(),
                                       "capacity": defaultdict(set),
                                       "office": defaultdict(set)})
    for row in _select(store, "cameo-visiting-states", base):
        about = found[row["visit"]]
        how = row["how"]
        if how == "from":
            about["from"].add(row["state"])
        elif how == "visitor":
            about["visitors"].add(row["visitor"])
        else:
            about[how][row["visitor"]].add(row["state"])
    return {visit: _visiting_state(about) for visit, about in found.items()}


def _visiting_state(about: dict) -> tuple[str, str]:
    if about["from"]:
        return (_first(about["from"]), "from") if len(about["from"]) == 1 else ("", "unknown")
    states: set[str] = set()
    how = "capacity"
    for visitor in about["visitors"]:
        mine = about["capacity"].get(visitor)
        if not mine:
            mine, how = about["office"].get(visitor), "office"
        if not mine:
            return "", "unknown"
        states |= mine
    return (_first(states), how) if len(states) == 1 else ("", "unknown")


def _visit_rows(store: ox.Store, base: str, details: _Details, result: Export) -> None:
    visits: dict = defaultdict(lambda: defaultdict(set))
    for row in _select(store, "cameo-visits", base):
        for var, value in row.items():
            visits[row["visit"]][var].add(value)
    visiting = _visiting_states(store, base)
    for visit, about in visits.items():
        if TOOK_PLACE not in about["status"]:
            result.left_out[NOT_TAKEN_PLACE] += 1
            continue
        dates = _dates(_first(about["start"]))
        if dates is None:
            result.left_out[NO_START] += 1
            continue
        state, how = visiting.get(visit, ("", "unknown"))
        if not state:
            result.gaps[UNKNOWN_VISITING_STATE] += 1
        visitor = details.actor(state, result.gaps) if state else UNKNOWN
        host = details.actor(_first(about["destination"]), result.gaps)
        common = dict(place=details.place(visit), source_url=details.url(visit), fact=visit,
                      kind=_value(_first(about["kind"]), "visit-kind"), visiting_state_by=how)
        result.rows.append(Row(*dates, visitor, host, MAKE_VISIT, **common))
        result.rows.append(Row(*dates, host, visitor, HOST_VISIT, **common))


# -- signings -----------------------------------------------------------------------------

def _signing_rows(store: ox.Store, base: str, details: _Details, result: Export,
                  max_parties: int) -> None:
    agreements: dict = defaultdict(lambda: defaultdict(set))
    for row in _select(store, "cameo-signings", base):
        for var, value in row.items():
            agreements[row["agreement"]][var].add(value)
    for agreement, about in agreements.items():
        dates = _dates(_first(about["signed"]))
        parties = sorted(about["party"])
        if dates is None:
            result.left_out[NOT_SIGNED] += 1
        elif len(parties) < 2:
            result.left_out[TOO_FEW_PARTIES] += 1
        elif len(parties) > max_parties:
            result.left_out[TOO_MANY_PARTIES.format(max_parties)] += 1
        else:
            common = dict(place=details.place(agreement), source_url=details.url(agreement),
                          fact=agreement, kind=_value(_first(about["kind"]), "agreement-kind"))
            for source, target in permutations(parties, 2):
                result.rows.append(Row(*dates, details.actor(source, result.gaps),
                                       details.actor(target, result.gaps), SIGN, **common))


def export(store: ox.Store, base: str = DEFAULT_BASE,
           max_parties: int = MAX_PARTIES) -> Export:
    """The visits and signings of the graph in ``store`` as CAMEO event rows, sorted."""
    result = Export()
    details = _details(store, base)
    _visit_rows(store, base, details, result)
    _signing_rows(store, base, details, result, max_parties)
    result.rows.sort(key=Row.key)
    return result


# -- writing ------------------------------------------------------------------------------

def safe_cell(value: str) -> str:
    """``value`` as a cell no spreadsheet runs as a formula (see the module docstring)."""
    value = encodable(value)
    return FORMULA_PREFIX + value if value.startswith(FORMULA_START) else value


def _line(cells: Iterable[str]) -> str:
    out = io.StringIO()
    # "\r\n" as the terminator makes the writer quote cells holding either character
    csv.writer(out, lineterminator="\r\n").writerow([safe_cell(c) for c in cells])
    return out.getvalue()[:-2]


def lines(result: Export) -> Iterator[str]:
    """The CSV file, a header and a line a row, without line ends."""
    yield _line(COLUMNS)
    for row in result.rows:
        yield _line(row.cells())


def write(result: Export, path: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Write the rows to ``path`` whole or not at all, never over one of ``inputs``."""
    write_atomic(path, lines(result), inputs, force)
