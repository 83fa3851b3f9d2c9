"""The people a trip record's remarks say the traveller met.

"Met with President Yeltsin, Prime Minister Chernomyrdin, and Foreign Minister
Kozyrev."  "Discussed the Gaza crisis with UN Secretary-General Ban Ki-Moon ... and
President Abdel Fattah al-Sisi."  "Met with King Abdullah II of Jordan."

* **Sentences of meeting.**  Only sentences that say the traveller met or talked with
  someone (``MEETING``: met, discussed, conferred, consulted, negotiated, talks ...)
  name people met; "Attended the inauguration of President Duarte" and "Accompanied
  President Carter" do not.
* **A person** is a title (``TITLES``) followed by a name: capitalised words, with the
  particles of names between them ("Foreign Minister de Charette", "Abd Rabbuh
  Mansur Hadi"), up to a comma, "and", a full stop or a lower-case word.  A title
  after "former", "late" or "the late" names no one in office, and a plural ("the
  Foreign Ministers of Britain") no one person.
* **The state** is the demonym before the title ("Russian Prime Minister Putin",
  ``data/demonyms.csv``), else the country after the name ("King Abdullah II of
  Jordan"), else none: the caller takes the destination.  A word before the title that
  is not a demonym ("UN Secretary-General", "PLO Chairman") makes the state unknown.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from diplokg.importers.visits import (
    DATA,
    RANKS,
    TITLE_SPELLINGS,
    TITLES,
    alternation,
    canonical_title,
)

DEMONYMS_CSV = DATA / "demonyms.csv"
TITLES_MET = (*TITLES, *TITLE_SPELLINGS, "Foreign Minister", "Foreign Secretary",
              "External Affairs Minister", "Defense Minister", "Deputy Prime Minister",
              "First Deputy Prime Minister", "State Councilor", "Secretary-General",
              "Crown Prince", "Minister of Foreign Affairs")
MEETING = re.compile(r"\b(?:met|meet|meeting|meetings|discussed|discussions?|conferred|"
                     r"consulted|consultations|negotiated|negotiations|talks|briefed|"
                     r"presented|held|received|called on|paid a call)\b", re.I)
PARTICLES = {"al", "bin", "bint", "ibn", "da", "das", "de", "del", "della", "di", "do",
             "dos", "du", "el", "la", "le", "van", "von", "der", "den", "y", "e"}
NOT_IN_OFFICE = re.compile(r"\b(?:former|late|then-former|ex-)\s*$", re.I)
_TITLE = re.compile(rf"\b(?P<title>{alternation(TITLES_MET)})(?P<plural>s)?(?=[\s,])")
# A qualifier before the title: one or two capitalised words ("Russian", "Saudi Arabian").
_BEFORE = re.compile(r"(?:^|(?<=\s))(?P<words>[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?)\s+$")
_SENTENCE = re.compile(r"(?<![A-Z])(?<!\bJr)(?<!\bSt)(?<!\bDr)[.;]\s+(?=[A-Z])")


@dataclass(frozen=True)
class Met:
    """A person a sentence of the remarks names: the text naming them, the title, the
    name, and the state the text gives (a row of countries.csv), or "" for none."""

    text: str
    title: str
    name: str
    state: str | None  # None: the text names a qualifier that is not a state
    sentence: str


@cache
def demonyms() -> dict[str, str]:
    """Demonym -> row of countries.csv."""
    with DEMONYMS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["demonym"]: row["slug"] for row in csv.DictReader(handle)}


def sentences(remarks: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(remarks) if part.strip()]


def people_met(remarks: str, country_names: dict[str, str]) -> list[Met]:
    """The persons the remarks say the traveller met, in order, each once.

    ``country_names`` maps a country's name ("Jordan", "the Netherlands") to its row.
    """
    found: dict[tuple, Met] = {}
    for sentence in sentences(remarks):
        if not MEETING.search(sentence):
            continue
        taken = 0  # where the last name ended: a title word inside it is part of it
        for match in _TITLE.finditer(sentence):
            before = sentence[:match.start()]
            if match.start() < taken or match.group("plural") or _not_in_office(before):
                continue
            name, end = _name(sentence, match.end())
            if not name:
                continue
            taken = end
            state = _state_before(before)
            if state == "":
                state = _state_after(sentence[end:], country_names)
            text = sentence[match.start():end]
            met = Met(text, canonical_title(match.group("title")), name, state, sentence)
            found.setdefault((met.title, met.name, met.state), met)
    return list(found.values())


def _not_in_office(before: str) -> bool:
    """"former President", "the late King", "former Mexican President"."""
    qualifier = _BEFORE.search(before)
    return bool(NOT_IN_OFFICE.search(before) or
                (qualifier and NOT_IN_OFFICE.search(before[:qualifier.start()])))


def _name(sentence: str, start: int) -> tuple[str, int]:
    """The name that starts after a title at ``start``, and where it ends."""
    words: list[str] = []
    end = position = start
    for match in re.finditer(r"\S+", sentence[start:]):
        token = match.group()
        word = token.rstrip(",;:)")
        stops = word != token
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]|Jr|Sr|St)\.", word):
            word, stops = word[:-1], True
        if word[:1].isupper() or (word.lower() in PARTICLES and not stops) or \
                re.fullmatch(r"al-[A-Z][\w’'-]*", word):
            words.append(word)
            position = start + match.start() + len(word)
            if word[:1].isupper() or word.startswith("al-"):
                end = position
        else:
            break
        if stops:
            break
    while words and (words[-1].lower() in PARTICLES):
        words.pop()
    while len(words) > 1 and words[0] in RANKS:  # "President Sheikh Mohammed bin Zayed"
        words.pop(0)
    return " ".join(words), end


def _state_before(before: str) -> str | None:
    """The row a demonym before the title gives; "" for no qualifier, None for one that
    is not a state's."""
    match = _BEFORE.search(before)
    if not match:
        return ""
    words = match.group("words")
    table = demonyms()
    if words in table:
        return table[words]
    last = words.split()[-1]
    if last in table:
        return table[last]
    if len(words.split()) == 1 and not words.isupper():
        return ""  # a verb opening the sentence ("Briefed"), or "Interim", "Caretaker"
    return None  # "UN Secretary-General", "Arab League Secretary-General"


def _state_after(after: str, country_names: dict[str, str]) -> str:
    match = re.match(r"\s+of\s+((?:the\s)?[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,3})", after)
    if not match:
        return ""
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if name in country_names:
            return country_names[name]
    return ""
