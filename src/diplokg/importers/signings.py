"""The agreements a description of the visits archive says the visitor signed.

Descriptions say so in one way: "Signed INF Treaty December 8.", "Official visit; signed a
cultural agreement.", "Met with Vice President Quayle and signed a bilateral trade and
investment agreement.", "Signed Wye River Memorandum at the White House on October 23."
``read_signings`` reads every such clause of a description: "signed" at the start of a
sentence or clause, then the names of what was signed, each with the word that says it is
an agreement (``INSTRUMENTS``: treaty, agreement, convention, protocol, memorandum,
declaration, joint statement, and charter, compact, accord and pact, which are agreements),
then perhaps a place ("at the White House") and a day ("December 8", "on October 23").
Two names are two agreements only where the first ends with its instrument word and the
second has its own ("Signed Colombia River Treaty and agreement establishing Campobello
International Park"); "and" inside a name stays in it ("Treaty of Friendship, Commerce
and Navigation").

Nothing is guessed.  A clause gives no agreement, and is counted with its reason, when it
names agreements only together ("Signed agreements regarding economic and military
assistance", "Signed missile defense cooperation and anti- terrorism agreements": a plural
instrument word), when it names no agreement, or when the visitor only attended a signing
("Attended signing of the Panama Canal Treaty", "Abraham Accords Signing Ceremony"): who
signed is not said.  Initialling ("Attended the initialling of the North American Free
Trade Agreement"), ratification, negotiation and discussion ("Discussed ratification of
the Panama Canal Treaty") are no signings and are not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# The words that make a name an agreement's, and the kind each gives (the first in a name
# is its head: "Treaty of Friendship" is a treaty, "Declaration of Principles" a declaration).
INSTRUMENTS = {
    "treaty": "treaty", "agreement": "agreement", "convention": "convention",
    "protocol": "protocol", "memorandum": "memorandum", "declaration": "declaration",
    "joint statement": "joint-statement", "accord": "agreement", "charter": "agreement",
    "compact": "agreement", "pact": "agreement",
}
PLURALS = ("treaties", "agreements", "conventions", "protocols", "memoranda", "memorandums",
           "declarations", "joint statements", "accords", "charters", "compacts", "pacts")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Why a clause that speaks of a signing gave no agreement.
ATTENDED = "attended a signing, whose signatories the description does not name"
SEVERAL = "signed agreements that the description names only together"
UNNAMED = "signed something the description does not name as an agreement"
UNSAID = "speaks of a signing without saying that the visitor signed"


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=lambda w: (-len(w), w)))


_INSTRUMENT = re.compile(rf"\b(?:{_alternation(INSTRUMENTS)})\b", re.I)
_PLURAL = re.compile(rf"\b(?:{_alternation(PLURALS)})\b", re.I)
_MENTION = re.compile(r"\bsign(?:ed|ing)\b", re.I)
_ATTENDED = re.compile(r"\battended\s+(?:the\s+)?signing\b|\bsigning\s+ceremony\b", re.I)
# "signed" opening a sentence or clause: its subject is the visitor.
_SIGNED = re.compile(r"(?:^|[.;,:]\s|\band\s)(?P<verb>signed)\s+", re.I)
# "... and addressed a Joint Session of the Congress": another thing the visitor did.
_NEXT_VERB = re.compile(r"\s+and\s+(?=[a-z]+ed\b)")
_DAY = re.compile(rf"\s+(?:on\s+)?(?P<month>{'|'.join(MONTHS)})\s+(?P<day>[0-9]{{1,2}})$")
_PLACE = re.compile(r"\s+at\s+(?:the\s+)?[A-Z][^,;]*$")
_ARTICLE = re.compile(r"^(?:the|an|a)\s+", re.I)
_AND = re.compile(r"\s+and\s+")
# A name that pairs two peoples, neither of them the United States: "Egyptian-Israeli
# Peace Treaty", "Israeli-Palestinian Declaration of Principles" (the archive also writes
# "Israeli- Palestinian").  Both words must read as demonyms, so that "Anti-Ballistic" or
# "Trans-Pacific" are no pairs.
_PAIR = re.compile(r"\b(?P<a>[A-Z][a-z]+)-\s?(?P<b>[A-Z][a-z]+)\b")
_DEMONYM = re.compile(r".*(?:an|i|ese|ish)$")
_UNITED_STATES = re.compile(r"\bU\.\s?S\.|\bUS\b|\bUnited\s+States\b|\bAmerican\b")


@dataclass(frozen=True)
class Signing:
    """An agreement a description says the visitor signed."""

    title: str  # the name as the description writes it, without a leading article
    kind: str  # from the first instrument word of the name
    sentence: str  # the sentence of the description that says so, verbatim
    day: tuple[int, int] | None  # (month, day), if the description gives one

    def day_text(self) -> str:
        return f"{MONTHS[self.day[0] - 1]} {self.day[1]}" if self.day else ""


@dataclass(frozen=True)
class Reading:
    """What a description says was signed: the agreements, and the reasons (one per
    clause) why a clause that speaks of a signing gave none."""

    signings: tuple[Signing, ...] = ()
    unread: tuple[str, ...] = ()


def _is_initial(text: str, index: int) -> bool:
    """Whether the full stop at ``index`` ends an initial or "U.S" rather than a sentence."""
    return index >= 1 and text[index - 1].isupper() and (
        index < 2 or not text[index - 2].isalpha())


def _stops(text: str, start: int, semicolon: bool) -> int:
    """The index of the first full stop (or semicolon) from ``start`` that ends a clause, or
    the length of the text."""
    for index in range(start, len(text)):
        char = text[index]
        if semicolon and char == ";":
            return index
        if char == "." and (index + 1 == len(text) or text[index + 1] == " ") and \
                not _is_initial(text, index):
            return index
    return len(text)


def sentence_at(text: str, index: int) -> str:
    """The sentence of ``text`` (white space collapsed) that holds ``index``, verbatim."""
    start = 0
    for position in range(index - 1, -1, -1):
        if text[position] == "." and text[position + 1:position + 2] == " " and \
                not _is_initial(text, position):
            start = position + 2
            break
    end = _stops(text, index, semicolon=False)
    return text[start:end + 1].strip()


def instrument_kind(name: str) -> str:
    """The kind the first instrument word of a name gives ("agreement" if it has none)."""
    match = _INSTRUMENT.search(name)
    return INSTRUMENTS[" ".join(match.group(0).lower().split())] if match else "agreement"


def _names(clause: str) -> list[str] | str:
    """The names a clause lists, or the reason it gives none."""
    if _PLURAL.search(clause):
        return SEVERAL
    if not _INSTRUMENT.search(clause):
        return UNNAMED
    names, current = [], ""
    parts = _AND.split(clause)
    for part in parts:
        if current and _ends_with_instrument(current) and _INSTRUMENT.search(part):
            names.append(current)
            current = part
        else:
            current = f"{current} and {part}" if current else part
    names.append(current)
    names = [_ARTICLE.sub("", name).strip() for name in names]
    if not all(_INSTRUMENT.search(name) for name in names):
        return UNNAMED
    return list(dict.fromkeys(names))


def _ends_with_instrument(text: str) -> bool:
    return any(match.end() == len(text) for match in _INSTRUMENT.finditer(text))


def read_signings(description: str) -> Reading:
    """The agreements ``description`` (white space collapsed) says the visitor signed."""
    if not _MENTION.search(description):
        return Reading()
    signings, unread = [], []
    for match in _SIGNED.finditer(description):
        begin = match.end()
        end = _stops(description, begin, semicolon=True)
        clause = _NEXT_VERB.split(description[begin:end], maxsplit=1)[0]
        day = None
        if found := _DAY.search(clause):
            day = (MONTHS.index(found.group("month")) + 1, int(found.group("day")))
            clause = clause[:found.start()]
        clause = _PLACE.sub("", clause).strip()
        names = _names(clause)
        if isinstance(names, str):
            unread.append(names)
            continue
        sentence = sentence_at(description, match.start("verb"))
        signings.extend(Signing(name, instrument_kind(name), sentence, day) for name in names)
    if not signings and not unread:
        attended = _ATTENDED.search(description)
        unread.append(ATTENDED if attended else UNSAID)
    return Reading(tuple(signings), tuple(unread))


def signing_date(day: tuple[int, int] | None, start: str, end: str) -> str | None:
    """The day and month in the year of the visit (``start`` to ``end``, ISO dates) if that
    falls within the visit or a day before or after it; else None."""
    if day is None:
        return None
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    for year in sorted({first.year, last.year}):
        try:
            candidate = date(year, *day)
        except ValueError:
            continue
        if first - timedelta(days=1) <= candidate <= last + timedelta(days=1):
            return candidate.isoformat()
    return None


def pairs_other_parties(title: str) -> bool:
    """Whether the name pairs two peoples, neither the United States ("Egyptian-Israeli")."""
    return any(_DEMONYM.fullmatch(m.group("a")) and _DEMONYM.fullmatch(m.group("b"))
               and not _UNITED_STATES.search(m.group(0)) for m in _PAIR.finditer(title))


def names_united_states(title: str) -> bool:
    """Whether the name names the United States ("U.S.-Baltic Charter of Partnership")."""
    return bool(_UNITED_STATES.search(title))
