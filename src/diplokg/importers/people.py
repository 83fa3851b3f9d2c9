"""Who a name in an archive's text is: a known person, found by name, title, state and date.

An archive names people loosely: "Met with Prime Minister Harper" in Ottawa in 2009, a
visitor "Prime Minister Wilson" of the United Kingdom in 1965.  ``People`` holds the
persons the project knows, each with the days they were seen in office (a visit made
or hosted in a capacity) and their dated terms, and ``People.find`` says who such a
name is, or why it cannot say.

The rules, in order:

* **Name.**  The name's words (normalised as the archive importers normalise names)
  are the person's whole name, or a run of its words: "Harper" is Stephen Harper,
  "Lee" is Lee Myung-bak, "de Gaulle" is Charles de Gaulle.
* **State.**  The person was seen representing the state, or held an office of it.
* **Date and title.**  The person held the title for the state on the day: a dated term
  of theirs covers it; or they were seen with that title there both before and after
  it; or within ``MARGIN_YEARS`` of it, with no other person seen with that title there
  in between (the archives give days of visits, not terms, and a term runs some years
  either side of the visits made in it).  ``same_title`` asks for exactly this.
* **Else the date alone.**  Without ``same_title``, where no one of the name held that
  title then, one who was seen there in any office within ``LOOSE_YEARS`` of the day
  (or before and after it) is meant, if only one was: a host met as Foreign Minister
  who visited as Prime Minister.
* **Else the whole name.**  Without ``same_title``, where no one of the name was seen in
  office about then, the one person with exactly that whole name ("Kim Jong-un", not
  "Kim") is meant, unless a term of theirs excludes the day or every day they were
  seen lies more than ``WHOLE_NAME_YEARS`` away.

Exactly one candidate left is the person; none, or more than one, is a ``Finding``
without a person, listing the candidates that have the name in that state, so that
nothing is guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from diplokg import names

MARGIN_YEARS = 6  # a long term: "President Lleras" of 1960 is not the one of 1969
LOOSE_YEARS = 5  # about one term
WHOLE_NAME_YEARS = 10  # half a generation (see visits.GENERATION_YEARS)


def words(name: str) -> tuple[str, ...]:
    """The normalised words of a name, as the archive importers compare names, with
    initials left out ("Keith J. Holyoake" is Keith Holyoake) and the article "el" read
    as "al" ("El-Sisi" is al-Sisi)."""
    found = names.normalise_name(name, names.ARCHIVE).split()
    kept = [_ARTICLES.get(word, word) for word in found if len(word) > 1]
    return tuple(kept or found)


_ARTICLES = {"el": "al"}


@dataclass(frozen=True)
class Seen:
    """A day a person acted in an office (a title, or none) for a state."""

    state: str
    day: str
    title: str | None = None


@dataclass(frozen=True)
class Term:
    """A dated term of office; an open end runs to today."""

    state: str
    title: str
    start: str
    end: str | None = None


@dataclass
class Known:
    id: str
    names: set[tuple[str, ...]] = field(default_factory=set)
    seen: list[Seen] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    def named(self, wanted: tuple[str, ...]) -> bool:
        """Whether ``wanted`` is one of the names, or a run of words of one that does not
        name a parent ("Hussein" is not Abdullah II bin Al-Hussein)."""
        size = len(wanted)
        return bool(size) and any(name[i:i + size] == wanted and not _patronymic(name, i)
                                  for name in self.names
                                  for i in range(len(name) - size + 1))

    def in_state(self, state: str) -> bool:
        return any(s.state == state for s in self.seen) or \
            any(t.state == state for t in self.terms)

    def in_term(self, state: str, day: str, title: str | None = None) -> bool:
        return any(t.state == state and (title is None or t.title == title)
                   and t.start <= day and (t.end is None or day <= t.end) for t in self.terms)

    def days(self, state: str, title: str | None = None) -> list[str]:
        return sorted(s.day for s in self.seen
                      if s.state == state and (title is None or s.title == title))


@dataclass(frozen=True)
class Finding:
    """Who a name is: ``person``, or None with the ``candidates`` and why not."""

    person: str | None
    candidates: tuple[str, ...] = ()
    why: str = ""


class People:
    """The persons the project knows, to find who a name is."""

    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self._by_word: dict[str, set[str]] = defaultdict(set)
        self._timelines: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def person(self, pid: str) -> Known:
        return self.known.setdefault(pid, Known(pid))

    def add_name(self, pid: str, name: str) -> None:
        found = words(name)
        if found:
            self.person(pid).names.add(found)
            for word in found:
                self._by_word[word].add(pid)

    def add_seen(self, pid: str, seen: Seen) -> None:
        self.person(pid).seen.append(seen)
        self._timelines.clear()

    def add_term(self, pid: str, term: Term) -> None:
        self.person(pid).terms.append(term)

    def find(self, name: str, state: str, day: str, title: str | None = None,
             same_title: bool = False, asker: str | None = None) -> Finding:
        """Who ``name`` (with ``title``) of ``state`` is on ``day``.  ``asker`` is a
        person known only by sightings (added without a name) whom the name stands
        for: their own sightings never count as another holder of the office."""
        wanted = words(name)
        if not wanted:
            return Finding(None, why="no name")
        pool = set.intersection(*(self._by_word.get(word, set()) for word in wanted))
        named = sorted(pid for pid in pool
                       if self.known[pid].named(wanted) and self.known[pid].in_state(state))
        if not named:
            return Finding(None, why="no known person of that name and state")
        titled = [pid for pid in named
                  if title and self.held(pid, state, title, day, asker)]
        if len(titled) == 1:
            return Finding(titled[0], tuple(named))
        if titled:
            return Finding(None, tuple(named), "more than one of that name held that "
                                               "office there then")
        if same_title:
            return Finding(None, tuple(named), "none of that name held that office there "
                                               "then")
        around = [pid for pid in named if self.around(pid, state, day)]
        if len(around) == 1:
            return Finding(around[0], tuple(named))
        if around:
            return Finding(None, tuple(named), "more than one of that name held office "
                                               "there then")
        exact = [pid for pid in named if wanted in self.known[pid].names]
        if len(exact) == 1 and self.not_contradicted(exact[0], state, day):
            return Finding(exact[0], tuple(named))
        return Finding(None, tuple(named), "none of that name held office there then")

    def not_contradicted(self, pid: str, state: str, day: str) -> bool:
        """No term of theirs there excludes ``day``, and they were seen there within
        WHOLE_NAME_YEARS of it, or never seen at all."""
        person = self.known[pid]
        terms = [t for t in person.terms if t.state == state]
        if terms and not person.in_term(state, day):
            return False
        days = person.days(state)
        return not days or any(abs(_years_before(d, day)) <= WHOLE_NAME_YEARS for d in days)

    def held(self, pid: str, state: str, title: str, day: str,
             asker: str | None = None) -> bool:
        """Whether ``pid`` held ``title`` for ``state`` on ``day`` (see the module's rules)."""
        person = self.known[pid]
        if person.in_term(state, day, title):
            return True
        days = person.days(state, title)
        if not days:
            return False
        before = [d for d in days if d <= day]
        after = [d for d in days if d >= day]
        if before and after:
            return True
        nearest = before[-1] if before else after[0]
        if abs(_years_before(nearest, day)) > MARGIN_YEARS:
            return False
        low, high = sorted((nearest, day))
        return not any(low < d < high for other, d in self._holders(state, title)
                       if other not in (pid, asker))

    def around(self, pid: str, state: str, day: str) -> bool:
        """Whether ``pid`` was in office for ``state`` about ``day``, in any title."""
        person = self.known[pid]
        if person.in_term(state, day):
            return True
        days = person.days(state)
        return bool(days) and _years_before(day, days[0]) <= LOOSE_YEARS and \
            _years_before(days[-1], day) <= LOOSE_YEARS

    def _holders(self, state: str, title: str) -> list[tuple[str, str]]:
        """(person, day) of every sighting with ``title`` for ``state``."""
        key = (state, title)
        if key not in self._timelines:
            self._timelines[key] = [(pid, s.day) for pid, person in self.known.items()
                                    for s in person.seen if (s.state, s.title) == key]
        return self._timelines[key]


_SON_OF = {"bin", "bint", "ibn", "ben"}


def _patronymic(name: tuple[str, ...], start: int) -> bool:
    """Whether the words from ``start`` follow "bin", "bin al" ...: a father's name."""
    before = name[max(0, start - 2):start]
    return bool(before) and (before[-1] in _SON_OF or
                             (before[-1] == "al" and len(before) == 2 and before[0] in _SON_OF))


def _years_before(earlier: str, later: str) -> float:
    """How many years ``earlier`` lies before ``later`` (negative if after)."""
    return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days / 365.25


def from_facts(facts) -> People:
    """The persons of read facts (``Fact`` objects): names and aliases, dated offices, and
    the days of visits they made or hosted, in the capacity each visit gives."""
    people = People()
    visits = []
    for fact in facts:
        if fact.kind == "person":
            for name in [fact.data["name"], *fact.data.get("aliases", [])]:
                people.add_name(fact.id, name)
            for office in fact.data.get("offices", []):
                if "state" in office and "start" in office and len(office["start"]) == 10:
                    people.add_term(fact.id, Term(office["state"], office["title"],
                                                  office["start"], office.get("end")))
        elif fact.kind == "visit":
            visits.append(fact.data)
    for visit in visits:
        day = visit.get("start")
        if not isinstance(day, str) or len(day) != 10:
            continue
        given = {c["person"]: c for c in visit.get("capacities", [])}
        for pid, state in [*((p, visit.get("from")) for p in visit.get("visitors", [])),
                           *((p, visit.get("destination")) for p in visit.get("hosts", []))]:
            capacity = given.get(pid, {})
            state = capacity.get("represents", state)
            if pid in people.known and state:
                people.add_seen(pid, Seen(state, day, capacity.get("title")))
    return people
