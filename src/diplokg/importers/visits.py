"""Import the archive of visits by foreign leaders to the United States into fact files.

The Office of the Historian of the U.S. Department of State publishes every visit of a
foreign leader to the United States since 1874 as XML, one file per decade
(https://github.com/HistoryAtState/visits, the data behind
https://history.state.gov/departmenthistory/visits).  A record gives the dates, a
"Title Name" visitor string, the visitor's country (a slug, and its name at the time) and
a free-text description.  ``import_visits_archive`` writes one source, the states, the
persons, the agreements the descriptions say were signed during visits, and one file of
visits per decade.  The archive is public domain, and so are the
tables derived from it here.

What takes judgement, and where it is decided:

* **States.**  ``data/countries.csv`` (slug,iso2,label) gives each country slug of the
  archive an ISO 3166-1 alpha-2 code and the English short name of its state; the state
  id is the slug of that name, so rows with the same label are one state (``turkey`` and
  ``turkiye`` are both Türkiye).  It is derived from HistoryAtState/gsh
  ``data/countries-old`` (codes upper-cased; rows only for slugs the archive uses), with
  these changes: rows added for the slugs gsh lacks (czechia, eswatini, french-polynesia,
  new-caledonia, niue, north-macedonia, somoa, turkiye), for the states of
  ``LABEL_STATES`` and ``DATED_STATES`` (soviet-union, tanganyika, yemen-arab-republic,
  zimbabwe-rhodesia; vietnam-south comes from gsh) and for united-states;
  inverted or long labels shortened ("Korea, South" -> South Korea, "Democratic Republic
  of the Congo (Zaire)" -> Democratic Republic of the Congo, "Congo, Republic of the",
  "Micronesia, Federated States of", "The Gambia"); old names of renamed states replaced
  by the current one (Czech Republic -> Czechia, Turkey -> Türkiye, Swaziland -> Eswatini,
  Macedonia -> North Macedonia; korea -> South Korea); gsh codes that are not ISO codes
  fixed (burma bu -> MM, cook-islands cw -> CK, estonia ew -> EE, korea xb -> KR) or,
  for historical states, replaced by the code they had (czechoslovakia CS,
  german-democratic-republic DD, yugoslavia YU, vietnam-south VN); gsh's private-use X
  codes dropped where no ISO code exists (hawaii, kosovo: XK is user-assigned).
  Labels that name another state than their slug, and slugs that cover two states over
  time, are in ``LABEL_STATES`` and ``DATED_STATES``; ``HISTORICAL`` lists the states that
  no longer exist.
* **Titles.**  ``TITLES`` lists the office titles of the archive, ``TITLE_SPELLINGS``
  its misspellings and variants ("Prime Minster", "Emir" for Amir).  The first title of
  a visitor is the office; the ``RANKS`` after it ("Regent Prince Abdul Ilah", "Emir
  Sheikh Hamad ...") are dropped from the name, so that it matches the person's other
  records.
* **Persons.**  Spellings of one name are one person when they normalise alike
  (``normalise_name``) or when ``data/person_aliases.csv`` maps one to the other (a
  variant may carry its title where the name alone is ambiguous: "Crown Prince Hussein"
  is not King Hussein).  A one-word name ("Prime Minister Churchill") is only matched
  within its state.  Identity knows about time: records of one name
  ``GENERATION_YEARS`` or more apart are two persons (``split_namesakes``: Bjarni
  Benediktsson of 1964-1969 and of 2024), unless every record gives a title held for
  life or ``data/same_persons.csv`` lists a long career; and a record that gives a
  surname only is the full-name person of its state who held that title then, where
  exactly one did (``resolve_short_names``, by the rules of
  ``diplokg.importers.people``), else it stays apart and is listed in the summary with
  the candidates.  Nothing else is merged.  A person's name is the alias table's
  canonical spelling, or else the most frequent one; the id is its slug (followed, for a
  later namesake, by the year of its first record), followed by the state id if another
  person or a state has that slug.
* **Offices and capacity.**  A person's offices are the titles and states of their
  records, each once, undated: the archive gives no terms of office, and the first and
  last visit in an office are not its start and end.  Each office has an explicit
  ``id:``, the segment its title and state would give it (``soviet-union-general-secretary``),
  so that visits can name it.  Each visit says the state its record's country is
  (``from:``), and for each visitor the capacity of that record (``capacities:``): the
  record's title (``title:``), the office of that title and state (``office:``), and the
  state represented (``represents:``).  A leader who held office in two states (Havel for
  Czechoslovakia, then Czechia) so counts for each only on the visits made for it, and
  Gorbachev came in December 1987 as General Secretary, not as every office of his.
  Persons of a registry keep the registry's offices: their capacity gives the title and
  the state, and names no office.
* **Signings.**  A description that says the visitor signed an agreement ("Signed INF
  Treaty December 8.") gives an agreement signed during the visit (``signings`` reads the
  descriptions and says which clauses it leaves unread, and why): its id is the visit's
  followed by the slug of the name (``us-visit-671-inf-treaty``), its title the name as
  written, its kind the name's instrument word, its date the description's day and month
  in the year of the visit if that falls within a day of the visit's dates (else the
  month the visit starts), and its evidence the description's sentence.  Its parties are
  the visitor's state and the United States, the host; only the visitor's state where
  the description shows that the United States did not sign as the other party: the name
  pairs two other peoples ("Israeli-Palestinian Declaration of Principles"), or visitors of
  other states signed it on the same days and the name does not name the United States
  ("Signed the Washington Declaration", on the visits of King Hussein and of Yitzhak
  Rabin).

The archive may come from anywhere, so it is read warily: only regular files, no
DOCTYPE (and so no entity declarations: no entity bombs, no files or URLs read
through entities), and every record must have a numeric id, real dates, a visitor
and a known country.  Anything else is an ``ArchiveError`` naming the file and
record, and nothing is written.  The fact files are written into a new folder
beside the output folder, which takes its place only when all are complete; the
output folder is replaced whole, so it must be new, empty or an earlier import
(``check_replaceable``).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from diplokg import names
from diplokg.errors import ArchiveError
from diplokg.importers import output, people, reading, signings
from diplokg.importers.reading import cut, is_day
from diplokg.importers.registry import Registry
from diplokg.model.kinds.person import office_segment

DATA = Path(__file__).with_name("data")
COUNTRIES_CSV = DATA / "countries.csv"
ALIASES_CSV = DATA / "person_aliases.csv"
SAME_PERSONS_CSV = DATA / "same_persons.csv"

SOURCE_ID = "us-state-dept-visits"
SOURCE = {
    "id": SOURCE_ID,
    "title": "Visits by Foreign Leaders of the United States",
    "publisher": "Office of the Historian, U.S. Department of State",
    "url": "https://history.state.gov/departmenthistory/visits",
}
DESTINATION = "united-states"  # every visit in the archive is to the United States
# The files an import writes: an output folder holding only these may be replaced.
GENERATED = re.compile(r"(sources|states|persons|agreements|visits-[0-9]+)\.yaml")

# Labels that name another state than the row of their slug: (slug, label) -> row.
LABEL_STATES = {
    # The russia slug covers the Soviet Union until 1991.
    ("russia", "U.S.S.R."): "soviet-union",
    ("russia", "Soviet Union"): "soviet-union",
    # "China, Republic of" is the Republic of China: under the china slug in 1945 (then
    # on the mainland), under the taiwan slug from 1961.  The PRC keeps the china slug.
    ("china", "China, Republic of"): "taiwan",
    # North Yemen, before its union with South Yemen in May 1990.
    ("yemen", "Yemen Arab Republic"): "yemen-arab-republic",
    # Tanganyika joined Zanzibar to form Tanzania in 1964.
    ("tanzania", "Tanganyika"): "tanganyika",
    # The short-lived, unrecognised state of 1979, before Zimbabwe's independence in 1980.
    ("zimbabwe", "Zimbabwe Rhodesia"): "zimbabwe-rhodesia",
}
# Slugs whose records before a date belong to another state: slug -> (date, row before).
DATED_STATES = {
    # The vietnam slug covers South Vietnam (State of Vietnam, Republic of Vietnam) until
    # the country was reunified on 2 July 1976: Tran Van Huu, Diem, Nguyen Van Thieu.
    "vietnam": ("1976-07-02", "vietnam-south"),
}
# Rows of countries.csv whose state no longer exists.  Every other label change in the
# archive is a new name of the same state (Dahomey -> Benin, Upper Volta -> Burkina
# Faso, Ceylon -> Sri Lanka, Siam -> Thailand, Malaya -> Malaysia, Zaire, Western Samoa,
# "Germany, Federal Republic of" -> Germany, provisional governments and governments in
# exile) or a part of it ("Bosnian Federation" -> Bosnia and Herzegovina).
HISTORICAL = {
    "czechoslovakia", "german-democratic-republic", "hawaii", "soviet-union", "tanganyika",
    "vietnam-south", "yemen-arab-republic", "yugoslavia", "zimbabwe-rhodesia",
}

TITLES = (
    "Acting President", "Acting Prime Minister", "Amir", "Archbishop", "Brigadier General",
    "Chairman", "Chairman of the Presidency", "Chancellor", "Chancellor-elect",
    "Chief of State", "Crown Prince", "Emperor", "Federal Chancellor", "Field Marshal",
    "First Secretary", "Foreign Minister", "General", "General Secretary",
    "Governor General", "Grand Duchess", "Grand Duke", "Head of State", "Interim President",
    "Interim Prime Minister", "Junta Member", "King", "Lieutenant General", "Pope", "Premier",
    "President", "President of the Council of Ministers", "President-designate",
    "President-elect", "Prime Minister", "Prince",
    "Provisional President", "Queen", "Regent", "Secretary General", "Shah", "Sheikh",
    "Sultan", "Taoiseach", "Vice Premier", "Vice President",
)
TITLE_SPELLINGS = {
    "Emir": "Amir",  # one title, two transliterations; the archive writes Amir more often
    "Prime Minster": "Prime Minister",
    "Prime Ministere": "Prime Minister",
    "President-Elect": "President-elect",
    "President- elect": "President-elect",
    "President- designate": "President-designate",
    "Sheik": "Sheikh",
}
# Ranks and honorifics that may follow the title ("Regent Prince Abdul Ilah", "Amir
# Sheikh Tamim bin Hamad al-Thani").  Other title words after a title are part of the
# name: "Prime Minister Amir Abbas Hoveyda", "Prime Minister Shah Mahmud".
RANKS = ("Archbishop", "Prince", "Sheik", "Sheikh")
# Records of one name this many years apart are of two persons (split_namesakes) ...
GENERATION_YEARS = 20
# ... unless every record gives a title held for life.
LIFE_TITLES = {"Amir", "Emperor", "Grand Duchess", "Grand Duke", "King", "Pope", "Queen",
               "Shah", "Sultan"}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, so "Prime Minister" beats "Prime"."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))


def _at_start(words: Iterable[str]) -> re.Pattern:
    """A title or rank at the start of the text, and what follows it: a rank after "and",
    "&" or a hyphen ("Premier and Prince Sihanouk", "Prime Minister-Prince Norodom
    Kantol"), a space, the end, or a name run on without a space ("Prime MinisterHaidar")."""
    return re.compile(rf"(?P<title>{alternation(words)})"
                      rf"(?:\s*(?:&|\band\b|-)\s*(?=(?:{alternation(RANKS)})\b)|\s+|$|(?=[A-Z]))")


_TITLE = _at_start((*TITLES, *TITLE_SPELLINGS))
_RANK = _at_start(RANKS)
# Where one visitor string names several people: ", ", " and ", " & " before a title.
_SEPARATOR = re.compile(
    rf"\s*(?:,|&|\band\b)\s*(?=(?:{alternation((*TITLES, *TITLE_SPELLINGS))})\b)")

# Visit kinds named in descriptions.  The earliest mention wins: "Official working visit.
# Private visit to New York City afterward." is an official working visit.  "Offical Visit"
# (six records) is an official visit; "informal" and "unofficial" visits are informal, a
# kind of their own: the archive keeps them apart from private visits.
KINDS = (
    ("state", re.compile(r"\bstate visit\b", re.I)),
    ("official-working", re.compile(r"\boffici?al working visit\b", re.I)),
    ("official", re.compile(r"\boffici?al visit\b", re.I)),
    ("working", re.compile(r"\bworking visit\b", re.I)),
    # "Informal visit", "Unofficial visit", "Informal, unofficial visit", "during unofficial
    # (Jamaica) visit", "Unofficial courtesy call"; not "Informal working visit" (working)
    ("informal", re.compile(r"\b(?:informal|unofficial)(?:,\s*(?:informal|unofficial))?\s+"
                            r"(?:\(\w+\)\s+)?(?:visits?|courtesy call)\b", re.I)),
    ("private", re.compile(r"\bprivate visit\b", re.I)),
)
# A visit is multilateral where the description names a gathering of several states the
# visitor took part in (``multilateral_at``): a summit or a conference, or a meeting, session,
# council or forum of several states' leaders or ministers or of a body in which states
# meet.  Read clause by clause, each word for a gathering with the words before it and the
# words after:
# * a conference, and a summit with a name ("the G-8 Economic Summit", "the UN Millenium
#   Summit", "U.S.-Baltic Leaders Summit"), are of several states; a summit with none only
#   if what follows says so ("a Summit Meeting of Presidents of the Central American
#   Republics", "the Summit of the Americas", "a summit meeting with Central American
#   heads of state"), not "Summit meeting with President Yeltsin" or "a Summit meeting";
# * a meeting, session, council or forum only if it names a body or the leaders or
#   ministers of several states ("Attended APEC meeting in Seattle", "Attended NATO
#   Ministerial Meeting", "meeting of Caribbean Heads of Government"); met "with" someone,
#   only if they are several states' leaders or ministers ("meetings with the Presidents
#   of Peru, Colombia, and Bolivia"), not "meetings with senior NATO officials";
# * not a gathering elsewhere ("en route to a G-7 conference in Canada", "returning from a
#   Commonwealth conference", "after a NATO meeting in Ottawa") or only spoken of
#   ("Discussed a Middle East peace conference", "Briefed ... on the Moscow Summit");
# * not a meeting of the United States and one other state ("U.S.-Soviet Summit Meeting",
#   "Australia-U.S. Ministerial Meeting", "a bilateral meeting", "2+2 Ministerial Dialogue")
#   but one with a group of states ("U.S.-EU Summit", "U.S.-Africa Leaders Summit");
# * not a gathering of others than states: press conferences, conferences of U.S.
#   ambassadors or chiefs of mission, of mayors, business and entrepreneurship summits;
# * not a session of the UN General Assembly, which sits for months: "Met with President
#   Bush at the UN General Assembly" (174 records) says where the visitor met the
#   President, the meeting the archive records the visit for.  Summits held at the UN are
#   summits ("a U.N. Security Council Summit").
_CLAUSE_END = re.compile(r";|(?<![A-Z]\.[A-Z])\.(?=\s|$)")  # not the stops of U.S., U.N.
_GATHERING = re.compile(r"\b(?:summit|conference|meeting|session|assembly|council|forum|"
                        r"ministerial(?!\s+(?:meeting|council|conference|session|talks)))s?\b",
                        re.I)
# bodies in which several states meet
_BODY = re.compile(
    r"(?<!\w)(?:NATO|North Atlantic|SEATO|CENTO|Baghdad Pact|ANZUS|OAS|Organization of "
    r"American States|OSCE|CSCE|ASEAN|APEC|Asia-Pacific Economic|G[-–=]? ?(?:7|8|20)|"
    r"Group of \d+|WTO|OECD|ILO|U\.N\.|UN|United Nations|P-?3|P-?5 ?\+ ?1|Quad|Quartet|"
    r"Contact Group|London (?:11|Eleven)|Friends of|CARI?C?ICOM|Caribbean Community|"
    r"European Communit(?:y|ies)|EEC|EU|European Union|Euro-Atlantic|NACC|African Union|"
    r"Arab League|Gulf Cooperation Council|Organization of the Islamic Conference|"
    r"Arctic Council|Pacific War Council|Council of Foreign Ministers)(?!\w)")
# words that say a meeting is of several states, and that those met with are
_SEVERAL = re.compile(r"\b(?:heads of (?:state|government)|chiefs of state|leaders|"
                      r"presidents of|ministers|ministerial|trilateral|international|"
                      r"of the parties)\b", re.I)
_SEVERAL_MET = re.compile(r"\b(?:heads of (?:state|government)|chiefs of state|(?:leaders|"
                          r"presidents|prime ministers) of|foreign ministers|member[- ]states)\b",
                          re.I)
_BODY_MEMBERS = re.compile(_BODY.pattern + r" (?:representatives|members)\b")
# a gathering elsewhere, or only spoken of
_ELSEWHERE = re.compile(r"\b(?:en route|on (?:his |her |the )?way|returning|return|following|"
                        r"after|before|forthcoming)\b|\bpre-$", re.I)
_SPOKEN_OF = re.compile(r"\b(?:discussed|discussions of|proposed|announced|preparations for|"
                        r"arrangements for|prospects for|(?:briefed|conferred)\b[^;]*?\bon)\s+"
                        r"(?:(?!(?:with|at|during|while|in)\b)[\w’'-]+\s+){0,5}$", re.I)
# the United States and one other state, or a meeting of two
_US = r"(?:U\.S\.|US|United States)"
_GROUP = (r"(?:EU|E\.U\.|European|Africa|African|ASEAN|Nordic|Baltic|Caribbean|Pacific|"
          r"Central|Gulf|Arab|Islamic|Latin|Mekong|CARICOM|Western|Andean|Nations|Islands?|"
          r"Countries|Association)\b")
_PAIR = re.compile(rf"{_US}\s*[-–]\s*(?!{_GROUP})[A-Z][\w.]*(?!\s*[-–])|"
                   rf"\b(?!{_GROUP})[A-Z][\w.]*\s*[-–]\s*{_US}(?![\w-])")
_TWO = re.compile(r"\b(?:bilateral|2\s*\+\s*2)\s+(?:[\w-]+\s+)?$", re.I)
_TWO_AFTER = re.compile(r"^\s*\(2\s*\+\s*2\)")
# gatherings of others than states, or addressed from afar
_NOT_STATES = re.compile(r"\b(?:press|news)\s+conference|\bambassadors\b|\bchiefs of (?:U\.S\. )?"
                         r"(?:diplomatic )?missions?\b|\bforeign service\b|\bmayors\b|"
                         r"\bbusiness\b|\bentrepreneurship\b|\bAIPAC\b|\bby satellite\b|"
                         r"\bolympic\b", re.I)
_UN_GENERAL_ASSEMBLY = re.compile(r"(?<!\w)(?:UN|U\.N\.|United Nations)\s+General Assembly\b",
                                  re.I)
# a summit without a name before it ("a summit meeting", "the President’s summit"),
# and what may follow a gathering's word
_UNNAMED = re.compile(r"(?:^|\b(?:an?|the|to|attended|in)\s+)(?:[\w’']+[’']s\s+)?$", re.I)
_OF = re.compile(r"^(?:\s+(?:meeting|conference)s?)?\s+(?:\([^)]*\)\s+)?(?:of|on|for)\b", re.I)
_WITH = re.compile(r"^(?:\s+(?:meeting|conference)s?)?\s+(?:\([^)]*\)\s+)?with\s+", re.I)

LOST = (
    "editorial metadata of each record (created-by, created-datetime, last-modified-by, "
    "last-modified-datetime)",
    "the full span of a trip and its other stops when only the description gives them: "
    "start and end are the record's dates, usually those of the Washington part",
    "hosts: the archive does not say who received the visitor",
    "places: cities and venues named in descriptions (New York City, Camp David, ...)",
    "terms of office: the archive gives titles but no dates, so offices have no start or end",
    "ranks and honorifics after a visitor's first title (Prince in 'Regent Prince Abdul "
    "Ilah', Sheikh in 'Emir Sheikh Hamad bin Khalifa al-Thani')",
    "succession between states (Czechoslovakia and Czechia, North Yemen and Yemen, ...), "
    "which the archive does not state",
    "the visit kind where the description names neither a kind nor a gathering of several "
    "states (visits at a session of the UN General Assembly among them)",
    "signings a description does not give one by one (\"Signed agreements regarding "
    "economic and military assistance\") or that the visitor only attended, which are "
    "counted in the summary",
)


@dataclass(frozen=True)
class Record:
    """One <visit> of the archive, with white space collapsed in its texts."""

    id: int
    start: str
    end: str
    visitor: str
    slug: str
    label: str
    description: str
    file: str = ""  # the decade file it is in


@dataclass(frozen=True)
class Mention:
    """One person named in a record's visitor string."""

    record: Record
    text: str  # this person's part of the visitor string, e.g. "Prime Minister Y"
    title: str | None
    name: str
    state: str  # state id


@dataclass
class Person:
    """The mentions that name one person, and what the import decides about them."""

    key: tuple[str, str]
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None  # the spelling the alias table prefers, if it names one
    id: str = ""
    in_registry: bool = False
    since: str | None = None  # the first year of a later namesake of an earlier person

    @property
    def spellings(self) -> list[str]:
        """Spellings of the name in the archive, most frequent first, then the latest."""
        counts = Counter(m.name for m in self.mentions)
        last = {m.name: index for index, m in enumerate(self.mentions)}
        return sorted(counts, key=lambda name: (-counts[name], -last[name]))

    @property
    def name(self) -> str:
        return self.canonical or self.spellings[0]


@dataclass
class ImportSummary:
    """What an import read, wrote and could not carry over."""

    records: int = 0
    visits: int = 0
    persons: int = 0  # persons written; persons of the registry are counted apart
    states: int = 0  # states written
    multi_visitor_records: int = 0
    titleless_records: int = 0
    alias_resolved_names: int = 0  # distinct spellings the alias table joined to a name
    registry_persons: int = 0  # persons found in the registry and not written again
    registry_states: int = 0
    visits_without_kind: int = 0
    agreements: int = 0  # agreements the descriptions say the visitors signed
    namesakes: int = 0  # later persons of a name an earlier person had (split_namesakes)
    surnames_resolved: int = 0  # records naming a surname only, moved to a full name
    # records naming a surname only that could be one of several persons, or of none
    # holding the title then: (record, visitor, state, day, candidates, why)
    surnames_left: list[tuple] = field(default_factory=list)
    # clauses of descriptions that speak of a signing but give no agreement, by reason
    signings_unread: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    replaced: bool = False  # the output folder held an earlier import, now replaced


# -- text ------------------------------------------------------------------------

def collapse(text: str | None) -> str:
    """Text with runs of white space made one space: descriptions span indented lines."""
    return " ".join((text or "").split())


def slug(text: str) -> str:
    """An id made of a name: ASCII, lower case, words joined by hyphens ("O’Neill" -> oneill)."""
    return names.slug(text, names.ARCHIVE)


def normalise_name(name: str) -> str:
    """The form that spellings of one name share in the archive.

    Case, diacritics, apostrophes, full stops, commas and hyphens are dropped ("Al-Sabah"
    and "al Sabah", "Jr." and "Jr"), and "ibn" is read as "bin": the archive writes the
    same names all these ways.
    """
    return names.normalise_name(name, names.ARCHIVE)


# -- reading ---------------------------------------------------------------------


def read_records(data_dir: Path) -> list[Record]:
    """Every record of the archive's decade files (``data_dir/data/*.xml``), by date."""
    folder = data_dir / "data"
    paths = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    if not paths:
        raise ArchiveError(f"{data_dir}: no data/ folder of decade XML files of the visits "
                           "archive")
    records: dict[int, Record] = {}
    for path in paths:
        for visit in _root(path).iter("visit"):
            record = _record(visit, str(path))
            if record.id in records:
                raise ArchiveError(f"{path}: visit {record.id} is also in "
                                   f"{records[record.id].file}")
            records[record.id] = record
    return sorted(records.values(), key=lambda record: (record.start, record.end, record.id))


def _root(path: Path) -> ET.Element:
    """The <visits> element of a decade file."""
    if not path.is_file():
        raise ArchiveError(f"{path}: not a regular file")
    root = reading.parse_xml(path)
    if root.tag != "visits":
        raise ArchiveError(f"{path}: not a file of the visits archive: the root element is "
                           f"<{root.tag}>, not <visits>")
    return root


def _record(visit: ET.Element, file: str) -> Record:
    """The record of a <visit>; ArchiveError if a field is missing or malformed."""
    number = collapse(visit.findtext("id"))
    if not re.fullmatch(r"[0-9]{1,9}", number):
        raise ArchiveError(f"{file}: a <visit> has no numeric <id> (found {cut(number)})")
    where = f"{file}: visit {number}"
    dates = {tag: collapse(visit.findtext(tag)) for tag in ("start-date", "end-date")}
    for tag, text in dates.items():
        if not is_day(text):
            raise ArchiveError(f"{where}: <{tag}> is not a date YYYY-MM-DD (found {cut(text)})")
    visitor = collapse(visit.findtext("visitor"))
    origin = visit.find("from")
    slug = origin.get("id", "") if origin is not None else ""
    if not visitor or not slug:
        missing = "<visitor>" if not visitor else '<from id="...">'
        raise ArchiveError(f"{where}: {missing} is missing or empty")
    return Record(id=int(number), start=dates["start-date"], end=dates["end-date"],
                  visitor=visitor, slug=slug, label=collapse(origin.text),
                  description=collapse(visit.findtext("description")), file=file)


def read_countries(path: Path = COUNTRIES_CSV) -> dict[str, tuple[str, str]]:
    """Slug -> (ISO code or "", English short name), from ``data/countries.csv``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["slug"]: (row["iso2"], row["label"]) for row in csv.DictReader(handle)}


def read_aliases(path: Path = ALIASES_CSV) -> dict[str, str]:
    """Normalised variant -> canonical spelling, from ``data/person_aliases.csv``.

    A variant is a name ("Binyamin Netanyahu"), or a title and name where the name alone
    would be ambiguous ("Crown Prince Hussein" is not King Hussein).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        return {normalise_name(row["variant"]): row["canonical"]
                for row in csv.DictReader(handle)}


# -- states ----------------------------------------------------------------------


def country_row(record: Record) -> str:
    """The row of countries.csv for the state the record's visitor came from."""
    row = LABEL_STATES.get((record.slug, record.label))
    if row:
        return row
    if record.slug in DATED_STATES:
        until, earlier = DATED_STATES[record.slug]
        if record.start < until:
            return earlier
    return record.slug


def check_countries(records: list[Record], countries: dict[str, tuple[str, str]]) -> None:
    """Refuse a record whose country has no row in countries.csv: its state is unknown."""
    for record in records:
        if country_row(record) not in countries:
            raise ArchiveError(f"{record.file}: visit {record.id}: country {record.slug!r} is "
                               f"not in the importer's table of countries ({COUNTRIES_CSV.name})")


def state_id(row: str, countries: dict[str, tuple[str, str]]) -> str:
    """The slug of the row's label: rows with one label are one state."""
    if row not in countries:
        raise KeyError(f"country slug {row!r} is not in {COUNTRIES_CSV.name}; add a row")
    return slug(countries[row][1])


def state_facts(records: list[Record], countries: dict[str, tuple[str, str]]) -> list[dict]:
    """One state per country that occurs, and the United States, each quoting its labels."""
    labels: dict[str, Counter] = defaultdict(Counter)
    rows: dict[str, set] = defaultdict(set)  # state id -> rows of countries.csv
    slugs: dict[str, set] = defaultdict(set)  # state id -> slugs of the archive
    for record in records:
        row = country_row(record)
        sid = state_id(row, countries)
        labels[sid][record.label] += 1
        rows[sid].add(row)
        slugs[sid].add(record.slug)
    facts = [_state_fact(sid, countries, labels[sid], rows[sid], slugs[sid])
             for sid in labels]
    if DESTINATION not in labels:
        facts.append(_united_states(countries))
    return sorted(facts, key=lambda fact: fact["id"])


def _state_fact(sid: str, countries: dict[str, tuple[str, str]], labels: Counter,
                rows: set[str], slugs: set[str]) -> dict:
    """A state, its labels in the archive as aliases and evidence (most frequent first)."""
    iso, name = countries[min(rows)]
    seen = sorted(labels, key=lambda label: (-labels[label], label))
    aliases = list(dict.fromkeys(without_remark(label) for label in seen))
    fact: dict = {"id": sid, "source": SOURCE_ID, "name": name}
    if [alias for alias in aliases if alias != name]:
        fact["aliases"] = [alias for alias in aliases if alias != name]
    if iso:
        fact["iso"] = iso
    if rows & HISTORICAL:
        fact["historical"] = True
    fact["evidence"] = seen[:3]
    fact["note"] = _provenance(slugs, rows)
    return fact


def _provenance(slugs: set[str], rows: set[str]) -> str:
    """Which archive slugs a state comes from: "Archive country slug vietnam, records
    before 1976-07-02."."""
    note = ("Archive country slugs " if len(slugs) > 1 else "Archive country slug ") + \
        ", ".join(sorted(slugs))
    for until, row in DATED_STATES.values():
        if row in rows:
            note += f", records before {until}"
    return note + "."


def without_remark(label: str) -> str:
    """A country label without a remark in brackets: "Dahomey (Benin)" -> Dahomey, "Poland
    (government-in-exile)" -> Poland.  The remark says who governed or what the country is
    called now; it is not part of a name."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def _united_states(countries: dict[str, tuple[str, str]]) -> dict:
    iso, name = countries.get(DESTINATION, ("US", "United States"))
    return {"id": DESTINATION, "source": SOURCE_ID, "name": name, "iso": iso,
            "evidence": [SOURCE["title"]],
            "note": "The destination of every visit in the archive."}


# -- persons ---------------------------------------------------------------------


def canonical_title(title: str) -> str:
    """The title as offices are written: "Prime Minster" -> Prime Minister."""
    return TITLE_SPELLINGS.get(title, title)


def parse_visitor(text: str) -> tuple[list[str], str]:
    """(titles, name) of one visitor: "Prime Minster Adrian Nastase" -> Prime Minister."""
    titles = []
    rest = text.strip()
    while match := (_RANK if titles else _TITLE).match(rest):
        titles.append(canonical_title(match.group("title")))
        rest = rest[match.end():]
    return titles, rest.strip()


def split_visitors(text: str) -> list[str]:
    """The parts of a visitor string that name one person each.

    "President X and Prime Minister Y" names two; "Premier and Prince Sihanouk" one
    (a part with titles but no name belongs to the next part); "President Benigno S.
    Aquino, 3rd" one (a comma splits only before a title).
    """
    parts: list[str] = []
    start = 0
    for match in _SEPARATOR.finditer(text):
        part = text[start:match.start()]
        if parse_visitor(part)[1]:
            parts.append(part.strip())
            start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def mentions_of(record: Record, countries: dict[str, tuple[str, str]],
                state_ids: dict[str, str] | None = None) -> list[Mention]:
    """The persons a record names; ``state_ids`` maps state ids to a registry's ids."""
    state = state_id(country_row(record), countries)
    state = (state_ids or {}).get(state, state)
    mentions = []
    for part in split_visitors(record.visitor):
        titles, name = parse_visitor(part)
        mentions.append(Mention(record, part, titles[0] if titles else None, name or part,
                                state))
    return mentions


def alias_of(mention: Mention, aliases: dict[str, str]) -> str | None:
    """The canonical spelling the alias table gives for the title and name, or the name."""
    return aliases.get(normalise_name(mention.text)) or aliases.get(normalise_name(mention.name))


def person_key(mention: Mention, aliases: dict[str, str]) -> tuple[str, str]:
    """What makes two mentions one person: the normalised name, and for a one-word name
    also the state (two Presidents "Lopez" of two countries are two people)."""
    name = normalise_name(alias_of(mention, aliases) or mention.name)
    return name, mention.state if " " not in name else ""


def group_persons(mentions: list[Mention], aliases: dict[str, str]) -> dict[tuple, Person]:
    """Mentions grouped by person, in the order of the records."""
    persons: dict[tuple, Person] = {}
    for mention in mentions:
        key = person_key(mention, aliases)
        person = persons.setdefault(key, Person(key))
        person.mentions.append(mention)
        person.canonical = person.canonical or alias_of(mention, aliases)
    return persons


def read_same_persons(path: Path = SAME_PERSONS_CSV) -> set[tuple[str, str]]:
    """(normalised name, state id) of persons whose records lie a generation apart and
    who are still one person (``data/same_persons.csv``: name,state,note)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(normalise_name(row["name"]), row["state"]) for row in csv.DictReader(handle)}


def split_namesakes(persons: Iterable[Person],
                    same: set[tuple[str, str]]) -> list[Person]:
    """Persons whose records of one name lie GENERATION_YEARS or more apart made two:
    Bjarni Benediktsson, Prime Minister of Iceland in 1969 and, his grandnephew, in 2024.

    Not where every record gives a title held for life (King Carl XVI Gustav) or
    ``same`` lists the name and state (a long career, checked)."""
    found = []
    for person in persons:
        mentions = sorted(person.mentions, key=lambda m: (m.record.start, m.record.id))
        state = mentions[0].state
        if (normalise_name(person.name), state) in same or \
                all(m.title in LIFE_TITLES for m in mentions):
            found.append(person)
            continue
        part = Person(person.key, [mentions[0]], person.canonical)
        found.append(part)
        for previous, mention in pairwise(mentions):
            if int(mention.record.start[:4]) - int(previous.record.start[:4]) >= \
                    GENERATION_YEARS:
                since = mention.record.start[:4]
                part = Person((*person.key, since), [], person.canonical, since=since)
                found.append(part)
            part.mentions.append(mention)
    return found


def short_name(person: Person, others: Iterable[Person]) -> bool:
    """A one-word name ("Prime Minister Wilson"), or the end of a fuller name of another
    person of the state ("de Gaulle" of Charles de Gaulle): a surname only."""
    mine = people.words(person.name)
    if len(mine) == 1:
        return True
    return any(len(theirs) > len(mine) and theirs[-len(mine):] == mine
               for other in others for theirs in map(people.words, other.spellings))


def resolve_short_names(persons: list[Person]) -> tuple[list[Person], int, list[tuple]]:
    """Records that give a surname only, moved to the full-name person of their state who
    held that title then, where exactly one did (``diplokg.importers.people``): the
    persons left, the number of records moved, and (mention, candidates, why) for each
    record left apart though persons of that name are known."""
    by_state: dict[str, list[Person]] = defaultdict(list)
    for person in persons:
        by_state[person.mentions[0].state].append(person)
    unresolved: list[tuple] = []
    moved = 0
    for group in by_state.values():
        short = [p for p in group if short_name(p, group)]
        full = [p for p in group if p not in short]
        if not short or not full:
            continue
        # Every person of the state is a holder of the offices they were seen in; only
        # the full names can be what a surname stands for.
        known = people.People()
        keys = {id(person): str(number) for number, person in enumerate(group)}
        by_key = {keys[id(person)]: person for person in full}
        for person in group:
            for m in person.mentions:
                known.add_seen(keys[id(person)], people.Seen(m.state, m.record.start, m.title))
        for key, person in by_key.items():
            for name in person.spellings:
                known.add_name(key, name)
        for person in short:
            for mention in list(person.mentions):
                finding = known.find(mention.name, mention.state, mention.record.start,
                                     mention.title, same_title=True,
                                     asker=keys[id(person)])
                if finding.person is None:
                    if finding.candidates:
                        unresolved.append((mention, sorted(by_key[c].name for c in
                                                           finding.candidates), finding.why))
                    continue
                person.mentions.remove(mention)
                moved += 1
                target = by_key[finding.person]
                target.canonical = target.name  # the full name, not the surname moved in
                target.mentions.append(mention)
                target.mentions.sort(key=lambda m: (m.record.start, m.record.id))
    return [p for p in persons if p.mentions], moved, unresolved


def registry_id(person: Person, known: Registry) -> str | None:
    """The registry's id for the person: by id or name, or for a later namesake by name,
    state and the date of its first record."""
    if person.since is None:
        return known.named("person", [slug(person.name),
                                      *map(normalise_name, [person.name, *person.spellings])])
    first = person.mentions[0]
    return known.people.find(person.name, first.state, first.record.start).person


def assign_ids(persons: Iterable[Person], taken: set[str]) -> None:
    """Person id = slug of the name, followed for a later namesake by the year of its
    first record; if another person (or a state) has that slug, the slug followed by the
    state id, which keeps one-word names of two countries apart."""
    by_slug: dict[str, list[Person]] = defaultdict(list)
    for person in persons:
        if not person.in_registry:
            by_slug[slug(person.name) + (f"-{person.since}" if person.since else "")].append(
                person)
    for base, group in sorted(by_slug.items()):
        for person in group:
            record = person.mentions[0].record
            if not base:
                raise ArchiveError(f"{record.file}: visit {record.id}: the visitor name "
                                   f"{person.name!r} has no letters or digits to make an id of")
            person.id = base
            if len(group) > 1 or base in taken:
                person.id = f"{base}-{person.mentions[0].state}"
            if person.id in taken:
                raise ArchiveError(f"{record.file}: visit {record.id}: two persons would both "
                                   f"get the id {person.id!r}")
            taken.add(person.id)


def office_id(mention: Mention) -> str | None:
    """The id of the office a mention's title and state make, if it has a title: the
    segment the office would have without one (``soviet-union-general-secretary``)."""
    if mention.title is None:
        return None
    return office_segment({"title": mention.title, "state": mention.state})


def person_fact(person: Person) -> dict:
    """The person with every spelling, office (title and state, with its id) and, as
    evidence, the visitor strings that name them."""
    fact = {"id": person.id, "source": SOURCE_ID, "name": person.name}
    aliases = [name for name in person.spellings if name != person.name]
    if aliases:
        fact["aliases"] = aliases
    offices: dict[str, dict] = {}
    for mention in person.mentions:
        oid = office_id(mention)
        if oid is not None and oid not in offices:
            offices[oid] = {"id": oid, "title": mention.title, "state": mention.state}
    if offices:
        fact["offices"] = list(offices.values())
    fact["evidence"] = _person_evidence(person)
    return fact


def visitor_ids(mentions: list[Mention], owner: dict[Mention, Person]) -> list[str]:
    """The ids of the persons a record names, each once."""
    return list(dict.fromkeys(owner[m].id for m in mentions))


def capacities(mentions: list[Mention], owner: dict[Mention, Person]) -> list[dict]:
    """The capacity each person of a record came in, from its first mention of them: the
    title, the office of that title and state (not for persons of a registry, whose
    offices are the registry's), and the state of the record's country.  The visit's
    evidence quotes the visitor string and its title the country label, so the entries
    quote nothing of their own (as offices do not)."""
    entries: dict[str, dict] = {}
    for mention in mentions:
        person = owner[mention]
        if person.id in entries:
            continue
        entry = {"person": person.id}
        oid = office_id(mention)
        if oid is not None and not person.in_registry:
            entry["office"] = oid
        if mention.title is not None:
            entry["title"] = mention.title
        entry["represents"] = mention.state
        entries[person.id] = entry
    return list(entries.values())


def _person_evidence(person: Person) -> list[str]:
    """The first visitor string of each spelling of the name, the name's first: at most 3."""
    first = {}
    for mention in person.mentions:
        first.setdefault(mention.name, mention.text)
    spellings = [person.name, *(name for name in person.spellings if name != person.name)]
    return [first[name] for name in spellings if name in first][:3]


# -- visits ----------------------------------------------------------------------


def visit_kind(description: str) -> str | None:
    """The kind the description names first, if it names one: a kind of visit, or
    multilateral for a gathering of several states the visitor took part in."""
    found = [(match.start(), index, kind) for index, (kind, pattern) in enumerate(KINDS)
             if (match := pattern.search(description))]
    at = multilateral_at(description)
    if at is not None:
        found.append((at, len(KINDS), "multilateral"))
    return min(found)[2] if found else None


def multilateral_at(text: str) -> int | None:
    """Where the text first names a gathering of several states that the visitor took part
    in (the rules are above ``_CLAUSE_END``), or None."""
    start = 0
    for end in [*_CLAUSE_END.finditer(text), None]:
        found = _gathering_in(text[start:end.start() if end else len(text)])
        if found is not None:
            return start + found
        start = end.end() if end else len(text)
    return None


def _gathering_in(clause: str) -> int | None:
    if _NOT_STATES.search(clause):
        return None
    previous = 0
    for gathering in _GATHERING.finditer(clause):
        before, after = clause[:gathering.start()], clause[gathering.end():]
        name = clause[previous:gathering.start()]  # the words since the previous gathering
        previous = gathering.end()
        if _ELSEWHERE.search(before) or _SPOKEN_OF.search(before):
            continue
        if _PAIR.search(name) or _TWO.search(name) or _TWO_AFTER.match(after):
            continue
        if _of_several_states(name, gathering.group(0), after):
            return gathering.start()
    return None


def _names_several(text: str) -> bool:
    return bool(_BODY.search(text) or _SEVERAL.search(text))


def _of_several_states(name: str, called: str, after: str) -> bool:
    """Whether the gathering ``called`` so, with ``name`` before it and ``after`` it in its
    clause, is of several states."""
    word = called.lower()
    if word == "conference" or word.startswith("summit") and not _UNNAMED.search(name):
        return True
    if _UN_GENERAL_ASSEMBLY.search(name + called + after):
        return False
    if met := _WITH.match(after):  # "a summit meeting with ...", "meetings with ..."
        met_with = after[met.end():]
        return _names_several(name + called) or bool(_SEVERAL_MET.search(met_with)
                                                      or _BODY_MEMBERS.search(met_with))
    if word.startswith("summit"):
        return bool(_OF.match(after)) or _names_several(after)
    return _names_several(name + called + (after if _OF.match(after) else ""))


def visit_fact(record: Record, visitors: list[str], destination: str = DESTINATION,
               origin: str | None = None, capacity: list[dict] | None = None) -> dict:
    """One visit per record, from the state of its country (``origin``), with the capacity
    each visitor came in, quoting the visitor string and the description."""
    fact = {"id": f"us-visit-{record.id}", "source": SOURCE_ID,
            "title": f"Visit of {record.visitor} ({record.label}), {record.start}",
            "visitors": output.FlowList(visitors)}
    if origin is not None:
        fact["from"] = origin
    fact.update({"destination": destination, "start": record.start, "end": record.end})
    kind = visit_kind(record.description)
    if kind:
        fact["kind"] = kind
    fact["status"] = "took-place"
    if capacity:
        fact["capacities"] = capacity
    fact["evidence"] = [q for q in (record.visitor, record.description) if q]
    fact["note"] = f"Archive record {record.id}"
    return fact


# -- signings --------------------------------------------------------------------


def agreement_facts(records: list[Record], origins: dict[int, str | None],
                    host: str) -> tuple[list[dict], Counter]:
    """The agreements the descriptions say the visitors signed, one per name and record,
    and the count of clauses that speak of a signing but give none, by reason.

    ``origins`` gives each record's state (the visit's ``from:``), ``host`` the id of the
    United States.
    """
    unread: Counter = Counter()
    found: list[tuple[Record, signings.Signing]] = []
    for record in records:
        reading = signings.read_signings(record.description)
        unread.update(reading.unread)
        found.extend((record, signing) for signing in reading.signings)
    facts: dict[str, dict] = {}
    for record, signing in found:
        fact_id = f"us-visit-{record.id}-{slug(signing.title)}"
        if fact_id in facts:  # one record naming it twice, or two spellings of one slug
            continue
        others = sorted(other.id for other, theirs in found
                        if other.id != record.id and origins[other.id] != origins[record.id]
                        and normalise_name(theirs.title) == normalise_name(signing.title)
                        and other.start <= record.end and record.start <= other.end)
        facts[fact_id] = agreement_fact(fact_id, record, signing, origins[record.id], host,
                                        others)
    return list(facts.values()), unread


def agreement_fact(fact_id: str, record: Record, signing: signings.Signing,
                   origin: str | None, host: str, others: list[int]) -> dict:
    """An agreement signed during the record's visit, quoting the description's sentence.

    ``others`` are the records of other states' visitors who signed an agreement of the
    same name on days that overlap this visit's.
    """
    day = signings.signing_date(signing.day, record.start, record.end)
    if day:
        when = "the date is the description's day and month in the year of the visit"
    elif signing.day:
        when = (f"the description's day ({signing.day_text()}) is not within a day of the "
                "visit's dates, so the date given is the month the visit started")
    else:
        when = "the description gives no day, so the date given is the month the visit started"
    together = ""
    if others:
        together = (" Visitors of other states signed it on the same days (archive record"
                    f"{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}).")
    if origin is None:
        parties, whose = [], "no parties are given, as the record's state is not known"
    elif signings.pairs_other_parties(signing.title):
        parties, whose = [origin], ("the only party given is the visitor's state: the name "
                                    "pairs two other peoples, so the United States is not "
                                    "taken for the other party")
    elif others and not signings.names_united_states(signing.title):
        parties, whose = [origin], ("the only party given is the visitor's state: others "
                                    "signed it too, and the name does not name the United "
                                    "States")
    else:
        parties, whose = [origin, host], ("the parties are the visitor's state and the "
                                          "United States, the host")
    fact: dict = {"id": fact_id, "source": SOURCE_ID, "kind": signing.kind,
                  "title": signing.title}
    if parties:
        fact["parties"] = output.FlowList(parties)
    fact["signed"] = day or record.start[:7]
    fact["signed_during"] = f"us-visit-{record.id}"
    fact["status"] = "signed"
    fact["evidence"] = [signing.sentence]
    fact["note"] = (f"Taken from the description of archive record {record.id}, which says "
                    f"the visitor signed it: {when}; {whose}.{together}")
    return fact


# -- writing ---------------------------------------------------------------------


# -- the import ------------------------------------------------------------------


def import_visits_archive(data_dir: Path, out_dir: Path,
                          registry: Iterable[Path] | Path | None = None) -> ImportSummary:
    """Write fact files for the whole archive in ``data_dir`` into ``out_dir``.

    ``data_dir`` is the archive folder, with the decade files in its ``data/`` folder.
    ``registry`` are fact files or folders whose persons and states are already known:
    they are matched by id or normalised name and referred to by their ids, not written
    again.  A later namesake (``split_namesakes``) is matched only by name, state and
    date (``diplokg.importers.people``), never by name alone.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    replaced = check_replaceable(out_dir)  # before the work, and again before the swap
    records = read_records(data_dir)
    countries, aliases, known = read_countries(), read_aliases(), Registry.read(registry)
    check_countries(records, countries)

    states = state_facts(records, countries)
    state_ids = {fact["id"]: known.state(fact) or fact["id"] for fact in states}
    mentions = {record.id: mentions_of(record, countries, state_ids) for record in records}
    grouped = group_persons([m for ms in mentions.values() for m in ms], aliases)
    persons = split_namesakes(grouped.values(), read_same_persons())
    persons, moved, short_left = resolve_short_names(persons)
    for person in persons:
        person.id = registry_id(person, known) or ""
        person.in_registry = bool(person.id)
    assign_ids(persons, {SOURCE_ID, *state_ids.values(), *known.persons.values()})
    owner = {mention: person for person in persons for mention in person.mentions}

    origins = {record.id: state_ids[state_id(country_row(record), countries)]
               for record in records}
    visits = [visit_fact(record, visitor_ids(mentions[record.id], owner),
                         state_ids[DESTINATION], origins[record.id],
                         capacities(mentions[record.id], owner))
              for record in records]
    agreements, unread = agreement_facts(records, origins, state_ids[DESTINATION])
    new_states = [fact for fact in states if known.state(fact) is None]
    new_persons = sorted((p for p in persons if not p.in_registry), key=lambda p: p.id)
    files = write_fact_files(out_dir, data_dir.name, new_states,
                             [person_fact(p) for p in new_persons], visits, agreements)

    summary = ImportSummary(
        records=len(records), visits=len(visits), persons=len(new_persons),
        states=len(new_states), registry_persons=len(persons) - len(new_persons),
        registry_states=len(states) - len(new_states), files=files, lost=list(LOST),
        multi_visitor_records=sum(len(ms) > 1 for ms in mentions.values()),
        titleless_records=sum(any(m.title is None for m in ms) for ms in mentions.values()),
        alias_resolved_names=len({(m.name, alias_of(m, aliases)) for ms in mentions.values()
                                  for m in ms if alias_of(m, aliases)}),
        visits_without_kind=sum("kind" not in visit for visit in visits),
        agreements=len(agreements), signings_unread=dict(sorted(unread.items())),
        namesakes=sum(p.since is not None for p in persons),
        surnames_resolved=moved,
        surnames_left=[(m.record.id, m.text, m.state, m.record.start, candidates, why)
                       for m, candidates, why in short_left],
        replaced=replaced)
    if summary.registry_persons:
        summary.lost.append("the offices the archive gives for persons of the registry, "
                            "which are not written again")
    return summary


def write_fact_files(out_dir: Path, origin: str, states: list[dict], persons: list[dict],
                     visits: list[dict], agreements: Iterable[dict] = ()) -> list[str]:
    """Write the source, states, persons, the agreements signed during visits (if any) and
    a file of visits per decade; return the names.

    The files are written into a new folder that replaces ``out_dir`` only when all are
    complete, so a failed or interrupted import leaves ``out_dir`` as it was.
    """
    files = {"sources.yaml": ("sources", [_source(origin)]),
             "states.yaml": ("states", states),
             "persons.yaml": ("persons", persons)}
    agreements = list(agreements)
    if agreements:
        files["agreements.yaml"] = ("agreements", agreements)
    decades: dict[str, list[dict]] = defaultdict(list)
    for visit in visits:
        decades[f"visits-{int(visit['start'][:4]) // 10 * 10}.yaml"].append(visit)
    files.update({name: ("visits", decades[name]) for name in sorted(decades)})
    return output.write_fact_files(out_dir, origin, files, GENERATED)


def check_replaceable(out_dir: Path) -> bool:
    """Whether ``out_dir`` holds an earlier import; OutputError if it may not be replaced."""
    return output.check_replaceable(out_dir, GENERATED)


def _source(origin: str) -> dict:
    return {**SOURCE, "note": (
        f"Imported from the archive's XML data ({origin}) by diplokg import. The archive "
        "is public domain (U.S. Government work; CC0 1.0 waiver). There is no `text:`, so "
        "evidence quotes, which are the archive's own visitor strings, country labels, "
        "descriptions and sentences of descriptions with white space collapsed, are not "
        "checked against a source text.")}
