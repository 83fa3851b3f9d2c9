"""Generate realistic diplokg fact files of any size, for the benchmarks.

    .venv/bin/python bench/generate.py OUT_DIR --triples N [--files F] [--broken K] [--seed S]

Writes, under OUT_DIR:

  facts/00000-registry.facts.yaml   states (~200 real names and ISO codes) and places
                                    (capitals, airports, palaces, guest houses, squares ...)
  facts/NNNNN-<slug>.facts.yaml     one "article" each (every tenth as .json): its source,
                                    the persons it introduces (leaders with their offices),
                                    visits (with events) and agreements (with clauses)
  facts/*.txt                       the source text of each fact file: every evidence quote
                                    is a verbatim substring of it
  broken/broken-NNN.facts.yaml      with --broken K: K facts the reader accepts but the
                                    SHACL shapes or the checks across facts reject
  expected-problems.json            the planted problems: file, fact, id, expected code
  generated.json                    what was asked for and what was made

N counts the triples of facts/ alone (the broken facts add a few), hit within about 10%:
the generator maps a small sample with diplokg to learn how many triples each kind of fact
makes, then sizes the plan.  `diplokg build OUT_DIR/facts -o g.ttl` builds the clean set;
`diplokg validate OUT_DIR` finds the planted problems.  N may be written 10k, 1.5M, 250000.

Persons are declared once, in the first article that mentions them; states and places
once, in the registry; everything else refers to them by id, or now and then by a name
or alias.  Some visits are reported twice, by two sources, and merged by diplokg.  The
same arguments always give the same files (seeded random).
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random

import yaml

try:  # the C emitter is much faster, when PyYAML was built with it
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper

FIRST_DAY = date(1950, 1, 1)
TODAY = date(2024, 12, 31)
FUTURE = date(2026, 12, 31)  # planned visits and expected agreements go up to here
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# name | ISO 3166-1 | capital | head of state | head of government ("-": none) |
# aliases (;) | exists since | until (historical) | succeeds (ids, ;)
STATES = """
United States|US|Washington|President|-|United States of America;USA
China|CN|Beijing|President|Premier|People's Republic of China
Russia|RU|Moscow|President||Russian Federation|1991-12-26||soviet-union
India|IN|New Delhi|President||Republic of India
Japan|JP|Tokyo|Emperor
Germany|DE|Berlin|President|Chancellor|Federal Republic of Germany;West Germany
United Kingdom|GB|London|King||UK;Great Britain
France|FR|Paris|President||French Republic
Brazil|BR|Brasília|President|-
Italy|IT|Rome|President
Canada|CA|Ottawa|Governor General
South Korea|KR|Seoul|President||Republic of Korea
North Korea|KP|Pyongyang|Supreme Leader|Premier|Democratic People's Republic of Korea;DPRK
Turkey|TR|Ankara|President||Türkiye
Saudi Arabia|SA|Riyadh|King
Iran|IR|Tehran|Supreme Leader|President|Islamic Republic of Iran
Egypt|EG|Cairo|President
South Africa|ZA|Pretoria|President|-
Nigeria|NG|Abuja|President|-|Federal Republic of Nigeria|1960-10-01
Mexico|MX|Mexico City|President|-|United Mexican States
Indonesia|ID|Jakarta|President|-
Australia|AU|Canberra|Governor-General
Spain|ES|Madrid|King
Poland|PL|Warsaw|President
Ukraine|UA|Kyiv|President|||1991-08-24||soviet-union
Pakistan|PK|Islamabad|President
Argentina|AR|Buenos Aires|President|-|Argentine Republic
Vietnam|VN|Hanoi|President||Viet Nam;Socialist Republic of Vietnam
Thailand|TH|Bangkok|King
Ethiopia|ET|Addis Ababa|President
Kenya|KE|Nairobi|President|-||1963-12-12
Netherlands|NL|Amsterdam|King||Kingdom of the Netherlands
Sweden|SE|Stockholm|King
Norway|NO|Oslo|King
Switzerland|CH|Bern|President|-|Swiss Confederation
Belgium|BE|Brussels|King
Austria|AT|Vienna|President|Chancellor
Greece|GR|Athens|President
Portugal|PT|Lisbon|President
Denmark|DK|Copenhagen|King
Finland|FI|Helsinki|President
Ireland|IE|Dublin|President|Taoiseach
Czechia|CZ|Prague|President||Czech Republic|1993-01-01||czechoslovakia
Slovakia|SK|Bratislava|President|||1993-01-01||czechoslovakia
Hungary|HU|Budapest|President
Romania|RO|Bucharest|President
Bulgaria|BG|Sofia|President
Serbia|RS|Belgrade|President|||1992-04-27||yugoslavia
Croatia|HR|Zagreb|President|||1991-06-25||yugoslavia
Slovenia|SI|Ljubljana|President|||1991-06-25||yugoslavia
Bosnia and Herzegovina|BA|Sarajevo|Chairman of the Presidency|||1992-03-01||yugoslavia
North Macedonia|MK|Skopje|President||Macedonia|1991-09-08||yugoslavia
Montenegro|ME|Podgorica|President|||2006-06-03||yugoslavia
Albania|AL|Tirana|President
Estonia|EE|Tallinn|President|||1991-08-20||soviet-union
Latvia|LV|Riga|President|||1991-08-21||soviet-union
Lithuania|LT|Vilnius|President|||1990-03-11||soviet-union
Belarus|BY|Minsk|President|||1991-08-25||soviet-union
Moldova|MD|Chișinău|President|||1991-08-27||soviet-union
Georgia|GE|Tbilisi|President|||1991-04-09||soviet-union
Armenia|AM|Yerevan|President|||1991-09-21||soviet-union
Azerbaijan|AZ|Baku|President|||1991-08-30||soviet-union
Kazakhstan|KZ|Astana|President|||1991-12-16||soviet-union
Uzbekistan|UZ|Tashkent|President|||1991-08-31||soviet-union
Turkmenistan|TM|Ashgabat|President|-||1991-10-27||soviet-union
Kyrgyzstan|KG|Bishkek|President|||1991-08-31||soviet-union
Tajikistan|TJ|Dushanbe|President|||1991-09-09||soviet-union
Mongolia|MN|Ulaanbaatar|President
Afghanistan|AF|Kabul|President
Bangladesh|BD|Dhaka|President|||1971-03-26
Sri Lanka|LK|Colombo|President
Nepal|NP|Kathmandu|President
Bhutan|BT|Thimphu|King
Myanmar|MM|Naypyidaw|President||Burma
Cambodia|KH|Phnom Penh|King
Laos|LA|Vientiane|President||Lao People's Democratic Republic
Malaysia|MY|Kuala Lumpur|King|||1957-08-31
Singapore|SG|Singapore|President|||1965-08-09
Philippines|PH|Manila|President|-
Brunei|BN|Bandar Seri Begawan|Sultan|-||1984-01-01
Timor-Leste|TL|Dili|President||East Timor|2002-05-20
Papua New Guinea|PG|Port Moresby|Governor-General|||1975-09-16
New Zealand|NZ|Wellington|Governor-General
Fiji|FJ|Suva|President|||1970-10-10
Samoa|WS|Apia|Head of State|||1962-01-01
Tonga|TO|Nuku'alofa|King|||1970-06-04
Vanuatu|VU|Port Vila|President|||1980-07-30
Solomon Islands|SB|Honiara|Governor-General|||1978-07-07
Kiribati|KI|South Tarawa|President|-||1979-07-12
Iraq|IQ|Baghdad|President
Syria|SY|Damascus|President
Jordan|JO|Amman|King
Lebanon|LB|Beirut|President
Kuwait|KW|Kuwait City|Emir|||1961-06-19
Qatar|QA|Doha|Emir|||1971-09-03
Bahrain|BH|Manama|King|||1971-08-15
United Arab Emirates|AE|Abu Dhabi|President||UAE|1971-12-02
Oman|OM|Muscat|Sultan|-
Yemen|YE|Sanaa|President|||1990-05-22
Cyprus|CY|Nicosia|President|-||1960-08-16
Malta|MT|Valletta|President|||1964-09-21
Iceland|IS|Reykjavík|President
Luxembourg|LU|Luxembourg|Grand Duke
Monaco|MC|Monaco|Prince|Minister of State
Liechtenstein|LI|Vaduz|Prince
Andorra|AD|Andorra la Vella|Co-Prince|Head of Government
San Marino|SM|San Marino|Captain Regent|-
Vatican City|VA|Vatican City|Pope|-|Holy See
Morocco|MA|Rabat|King|||1956-03-02
Algeria|DZ|Algiers|President|||1962-07-05
Tunisia|TN|Tunis|President|||1956-03-20
Libya|LY|Tripoli|President|||1951-12-24
Sudan|SD|Khartoum|President|||1956-01-01
South Sudan|SS|Juba|President|-||2011-07-09||sudan
Eritrea|ER|Asmara|President|-||1993-05-24||ethiopia
Djibouti|DJ|Djibouti|President|||1977-06-27
Somalia|SO|Mogadishu|President|||1960-07-01
Uganda|UG|Kampala|President|||1962-10-09
Tanzania|TZ|Dodoma|President|||1964-04-26
Rwanda|RW|Kigali|President|||1962-07-01
Burundi|BI|Gitega|President|||1962-07-01
Democratic Republic of the Congo|CD|Kinshasa|President||DR Congo;Zaire|1960-06-30
Republic of the Congo|CG|Brazzaville|President||Congo-Brazzaville|1960-08-15
Gabon|GA|Libreville|President|||1960-08-17
Cameroon|CM|Yaoundé|President|||1960-01-01
Central African Republic|CF|Bangui|President|||1960-08-13
Chad|TD|N'Djamena|President|||1960-08-11
Niger|NE|Niamey|President|||1960-08-03
Mali|ML|Bamako|President|||1960-09-22
Burkina Faso|BF|Ouagadougou|President||Upper Volta|1960-08-05
Senegal|SN|Dakar|President|||1960-08-20
Gambia|GM|Banjul|President|-|The Gambia|1965-02-18
Guinea|GN|Conakry|President|||1958-10-02
Guinea-Bissau|GW|Bissau|President|||1973-09-24
Sierra Leone|SL|Freetown|President|-||1961-04-27
Liberia|LR|Monrovia|President|-
Côte d'Ivoire|CI|Yamoussoukro|President||Ivory Coast|1960-08-07
Ghana|GH|Accra|President|-||1957-03-06
Togo|TG|Lomé|President|||1960-04-27
Benin|BJ|Porto-Novo|President|-|Dahomey|1960-08-01
Mauritania|MR|Nouakchott|President|||1960-11-28
Cape Verde|CV|Praia|President||Cabo Verde|1975-07-05
Equatorial Guinea|GQ|Malabo|President|||1968-10-12
São Tomé and Príncipe|ST|São Tomé|President|||1975-07-12
Angola|AO|Luanda|President|-||1975-11-11
Zambia|ZM|Lusaka|President|-||1964-10-24
Zimbabwe|ZW|Harare|President|-||1980-04-18
Malawi|MW|Lilongwe|President|-||1964-07-06
Mozambique|MZ|Maputo|President|||1975-06-25
Namibia|NA|Windhoek|President|||1990-03-21
Botswana|BW|Gaborone|President|-||1966-09-30
Lesotho|LS|Maseru|King|||1966-10-04
Eswatini|SZ|Mbabane|King||Swaziland|1968-09-06
Madagascar|MG|Antananarivo|President|||1960-06-26
Mauritius|MU|Port Louis|President|||1968-03-12
Seychelles|SC|Victoria|President|-||1976-06-29
Comoros|KM|Moroni|President|-||1975-07-06
Cuba|CU|Havana|President
Dominican Republic|DO|Santo Domingo|President|-
Haiti|HT|Port-au-Prince|President
Jamaica|JM|Kingston|Governor-General|||1962-08-06
Bahamas|BS|Nassau|Governor-General||The Bahamas|1973-07-10
Barbados|BB|Bridgetown|President|||1966-11-30
Trinidad and Tobago|TT|Port of Spain|President|||1962-08-31
Grenada|GD|St. George's|Governor-General|||1974-02-07
Saint Lucia|LC|Castries|Governor-General|||1979-02-22
Saint Vincent and the Grenadines|VC|Kingstown|Governor-General|||1979-10-27
Antigua and Barbuda|AG|St. John's|Governor-General|||1981-11-01
Dominica|DM|Roseau|President|||1978-11-03
Saint Kitts and Nevis|KN|Basseterre|Governor-General|||1983-09-19
Belize|BZ|Belmopan|Governor-General|||1981-09-21
Guatemala|GT|Guatemala City|President|-
Honduras|HN|Tegucigalpa|President|-
El Salvador|SV|San Salvador|President|-
Nicaragua|NI|Managua|President|-
Costa Rica|CR|San José|President|-
Panama|PA|Panama City|President|-
Colombia|CO|Bogotá|President|-
Venezuela|VE|Caracas|President|-
Ecuador|EC|Quito|President|-
Peru|PE|Lima|President
Bolivia|BO|Sucre|President|-
Chile|CL|Santiago|President|-
Paraguay|PY|Asunción|President|-
Uruguay|UY|Montevideo|President|-
Guyana|GY|Georgetown|President|||1966-05-26
Suriname|SR|Paramaribo|President|-||1975-11-25
Maldives|MV|Malé|President|-||1965-07-26
Marshall Islands|MH|Majuro|President|-||1986-10-21
Micronesia|FM|Palikir|President|-|Federated States of Micronesia|1986-11-03
Palau|PW|Ngerulmud|President|-||1994-10-01
Nauru|NR|Yaren|President|-||1968-01-31
Tuvalu|TV|Funafuti|Governor-General|||1978-10-01
Soviet Union|SU|Moscow|Chairman of the Presidium|Premier|USSR||1991-12-26
Yugoslavia|YU|Belgrade|President||Socialist Federal Republic of Yugoslavia||1992-04-27
Czechoslovakia|CS|Prague|President|||1950-01-01|1992-12-31
East Germany|DD|East Berlin|Chairman of the State Council|Premier|GDR||1990-10-03
"""

GIVEN = _words("""Amina Omar Lena Tomas Sofia Yusuf Mei Arjun Elena Kwame Ingrid Mateo Leila Hiroshi
Nadia Pedro Zainab Viktor Chen Fatima Lars Ana Kofi Irina Rahul Carmen Emeka Hana Mikhail
Grace Andres Aylin Jonas Priya Dmitri Marta Tunde Yuki Rafael Selin Olaf Lucia Karim Anja
Bongani Teresa Ravi Nina Julien Aisha Stefan Imani Pablo Daria Kenji Beatriz Musa Eva Sami
Clara Ibrahim Hugo Mariam Nikolai Rosa Farid Helga Diego Laila Anton Zara Mohammed Ilse
Joao Noor Pavel Esther Tariq Vera Adrian Chiara Malik Sanna Oscar""")
FAMILY = _words("""Okafor Lindqvist Haddad Moreau Tanaka Kowalski Mensah Petrov Alvarez
Nakamura Novak Abubakar Jansen Rossi Castillo Ivanova Osei Berg Kaya Fernandes Dubois
Sato Horvath Mwangi
Schmidt Costa Yilmaz Larsen Ortega Kim Nowak Banda Richter Silva Demir Hansen Romero Park
Popescu Diallo Weber Santos Aydin Nielsen Vargas Lee Kovacs Phiri Fischer Pereira Celik
Johansson Herrera Choi Varga Kamau Wagner Almeida Arslan Eriksson Mendoza Yamamoto Bianchi
Ndlovu Keller Ribeiro Ozturk Andersen Navarro Wong Marino Toure Lang Carvalho Sahin Holm
Rojas Ito Greco Achebe Braun Moreira Kurt Dahl Guerrero Zhang Conti Keita Vogel Teixeira
Polat Strand Medina Suzuki Ricci Owusu Hartmann Barbosa Koc Lund Campos Liu Gallo Sissoko""")
PUBLISHERS = ("The Diplomatic Gazette", "World Affairs Daily", "The Capital Courier",
              "The Global Observer", "International Herald Review", "Continental Press Agency",
              "The Evening Dispatch", "Foreign Desk Weekly")
TOPICS = ("trade and economic cooperation", "cultural exchange", "visa exemption",
          "avoidance of double taxation", "maritime boundaries", "nuclear energy cooperation",
          "mutual legal assistance", "scientific and technical cooperation",
          "defence cooperation", "air services", "investment protection", "health cooperation",
          "climate and energy", "education and research", "fisheries", "border demarcation",
          "extradition", "customs cooperation", "tourism", "space research")
CLAUSES = ("mutual military defence assistance", "dispute settlement",
           "most-favoured-nation treatment", "termination notice", "a joint commission",
           "information exchange", "technology transfer", "consular access",
           "financial assistance", "environmental safeguards")
VENUES = (  # kind of place, its name
    ("airport", "{city} International Airport"),
    ("building", "Presidential Palace of {city}"),
    ("guest-house", "{city} State Guest House"),
    ("square", "Independence Square in {city}"),
    ("venue", "{city} Convention Centre"),
)
EVENT_VENUE = {"arrival": "airport", "departure": "airport", "welcome-ceremony": "square",
               "talks": "building", "meeting": "building", "banquet": "building",
               "signing-ceremony": "building", "press-conference": "venue",
               "wreath-laying": "square", "stay": "guest-house", "motorcade": None}
VISIT_KIND_PHRASE = {"state": "a state visit", "official": "an official visit",
                     "official-working": "an official working visit",
                     "working": "a working visit", "private": "a private visit",
                     "multilateral": "a summit meeting"}
AGREEMENT_PHRASE = {"treaty": "a treaty", "agreement": "an agreement",
                    "declaration": "a declaration", "memorandum": "a memorandum of understanding",
                    "protocol": "a protocol", "convention": "a convention",
                    "joint-statement": "a joint statement"}
TRAVEL = {"air": "plane", "rail": "train", "road": "car", "sea": "ship"}
# How long a term lasts, in years (min, max), per kind of office.
TERM_YEARS = {"monarch": (8, 40), "head": (3, 10), "government": (1, 8), "foreign": (1, 7)}
MONARCHS = ("King", "Emperor", "Emir", "Sultan", "Grand Duke", "Prince", "Pope")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def normal_name(name: str) -> str:
    """As diplokg compares names: no case, accents or punctuation."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def parse_count(text: str) -> int:
    """10k -> 10000, 1.5M -> 1500000, 250000 -> 250000."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count like 10k, 1M or 250000")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def day_words(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_value(day: date, precision: str) -> str | int:
    """A date as a fact file writes it: 2001, "2001-05" or "2001-05-03"."""
    if precision == "year":
        return day.year
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def when_words(day: date, precision: str) -> str:
    if precision == "year":
        return f"in {day.year}"
    if precision == "month":
        return f"in {MONTHS[day.month - 1]} {day.year}"
    return f"on {day_words(day)}"


def listing(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# -- the world: states, places, leaders and their terms of office ---------------------


@dataclass
class State:
    id: str
    name: str
    iso: str
    capital: str
    head_title: str
    government_title: str | None
    aliases: list[str]
    since: date
    until: date | None
    succeeds: list[str]
    rank: int
    places: dict[str, Place] = field(default_factory=dict)  # kind -> place

    def exists(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    def last_day(self) -> date:
        return min(self.until - timedelta(days=1), TODAY) if self.until else TODAY


@dataclass
class Place:
    id: str
    name: str
    kind: str
    located_in: State | Place
    capital_of: State | None = None


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    parent: Person | None = None  # for monarchs: the monarch before them
    declared_in: int | None = None  # index of the fact file that declares them


@dataclass
class Term:
    person: Person
    state: State
    title: str
    start: date
    end: date | None  # None: still in office
    start_precision: str
    end_precision: str
    predecessor: Person | None

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class World:
    """States, their capitals and venues, and who held which office when."""

    def __init__(self, rng: Random, n_states: int):
        self.rng = rng
        self.states: list[State] = []
        self.places: list[Place] = []
        self.persons: list[Person] = []
        self.ids: set[str] = set()
        self.names: Counter = Counter()  # normalised name -> how many facts use it
        self._person_names: set[str] = set()
        self.terms: dict[tuple[str, str], list[Term]] = {}  # (state, role) -> terms by start
        self._starts: dict[tuple[str, str], list[date]] = {}
        self._make_states(n_states)
        for state in self.states:
            for role in ("head", "government", "foreign"):
                self._make_terms(state, role)

    def _make_states(self, n_states: int) -> None:
        rows = [line.split("|") for line in STATES.strip().splitlines()]
        current = [r for r in rows if not (len(r) > 7 and r[7])]
        historical = [r for r in rows if len(r) > 7 and r[7]]
        chosen = current[:n_states]
        if n_states >= 40:  # enough states for the Soviet Union and Yugoslavia to matter
            chosen += historical
        for rank, row in enumerate(chosen):
            row = row + [""] * (9 - len(row))
            name, iso, capital, head, government, aliases, since, until, succeeds = row
            self.states.append(State(
                id=self._new_id(slug(name)), name=name, iso=iso, capital=capital,
                head_title=head or "President",
                government_title=None if government == "-" else government or "Prime Minister",
                aliases=[a for a in aliases.split(";") if a],
                since=date.fromisoformat(since) if since else FIRST_DAY,
                until=date.fromisoformat(until) if until else None,
                succeeds=[s for s in succeeds.split(";") if s], rank=rank))
        known = {s.id for s in self.states}
        for state in self.states:
            state.succeeds = [s for s in state.succeeds if s in known]
            self._name(state.name, *state.aliases)
        cities: dict[str, Place] = {}
        for state in sorted(self.states, key=lambda s: s.until is not None):
            city = cities.get(state.capital)
            if city is None:
                city = Place(self._new_id(slug(state.capital), "city"), state.capital, "city",
                             state, capital_of=None if state.until else state)
                cities[state.capital] = city
                self.places.append(city)
                self._name(city.name)
            state.places["city"] = city
            for kind, pattern in VENUES:
                name = pattern.format(city=state.capital)
                if state.head_title in MONARCHS and kind == "building":
                    name = f"Royal Palace of {state.capital}"
                if name in self._place_names():
                    state.places[kind] = next(p for p in self.places if p.name == name)
                    continue
                venue = Place(self._new_id(slug(name)), name, kind, city)
                self.places.append(venue)
                self._name(name)
                state.places[kind] = venue

    def _place_names(self) -> set[str]:
        return {p.name for p in self.places}

    def _new_id(self, base: str, suffix: str = "") -> str:
        candidate, n = base, 2
        if candidate in self.ids and suffix:
            candidate = f"{base}-{suffix}"
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def _name(self, *names: str) -> None:
        for name in names:
            self.names[normal_name(name)] += 1

    def new_person(self) -> Person:
        rng = self.rng
        while True:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            if name in self._person_names:
                name = f"{name.split()[0]} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {name.split()[1]}"
            if name not in self._person_names and normal_name(name) not in self.names:
                break
        self._person_names.add(name)
        person = Person(self._new_id(slug(name)), name)
        if rng.random() < 0.1:
            given, family = name.split()[0], name.split()[-1]
            person.aliases.append(f"{family} {given}")
        self._name(name, *person.aliases)
        self.persons.append(person)
        return person

    def office_title(self, state: State, role: str) -> str | None:
        title = {"head": state.head_title, "government": state.government_title,
                 "foreign": "Foreign Minister"}[role]
        return f"{title} of {state.name}" if title else None

    def _make_terms(self, state: State, role: str) -> None:
        title = self.office_title(state, role)
        if title is None:
            return
        rng = self.rng
        kind = "monarch" if role == "head" and state.head_title in MONARCHS else role
        low, high = TERM_YEARS[kind]
        start = state.since
        if state.since == FIRST_DAY:  # the first holder took office before 1950
            start -= timedelta(days=rng.randint(0, 365 * low))
        terms: list[Term] = []
        while True:
            end = start + timedelta(days=rng.randint(int(365 * low), int(365 * high)))
            last = end >= (state.until or TODAY)
            if last:
                end = state.until  # in office until the state ended, or still in office
            person = None
            if kind != "monarch" and len(terms) >= 2 and rng.random() < 0.1:
                person = terms[-2].person  # back in office after a term out of it
            if person is None:
                person = self.new_person()
                if kind == "monarch" and terms and rng.random() < 0.7:
                    person.parent = terms[-1].person
            term = Term(person, state, title, start, end, self._precision(),
                        self._precision(), terms[-1].person if terms else None)
            person.terms.append(term)
            terms.append(term)
            if last:
                break
            start = end
        self.terms[(state.id, role)] = terms
        self._starts[(state.id, role)] = [t.start for t in terms]

    def _precision(self) -> str:
        return self.rng.choices(("year", "month", "day"), (35, 30, 35))[0]

    def holder(self, state: State, role: str, day: date) -> Term | None:
        key = (state.id, role)
        if key not in self.terms:
            return None
        index = bisect.bisect_right(self._starts[key], day) - 1
        if index < 0:
            return None
        term = self.terms[key][index]
        return term if term.holds(day) else None

    def pick_state(self, day: date | None = None, exclude: State | None = None) -> State:
        """A state, the bigger ones more often; one that exists on ``day`` if given."""
        weights = [1 / (s.rank + 6) for s in self.states]
        for _ in range(50):
            state = self.rng.choices(self.states, weights)[0]
            if state is not exclude and (day is None or state.exists(day)):
                return state
        return next(s for s in self.states if s is not exclude and (day is None or s.exists(day)))

    def random_day(self, first: date, last: date) -> date:
        return date.fromordinal(self.rng.randint(first.toordinal(), last.toordinal()))


# -- the plan: visits and agreements, file by file ----------------------------------------


@dataclass
class Visit:
    id: str
    file: int
    visitors: list[Term]
    destination: State
    hosts: list[Term]
    status: str
    start: date | None
    end: date | None
    precision: str  # of start (and end)
    kind: str | None
    travel_mode: str | None
    duration: int | None
    places: list[Place]
    events: list[tuple[str, date | None, Place | None]]
    follows: list[Visit] = field(default_factory=list)
    note: str | None = None
    report_of: Visit | None = None  # a second report of this visit, by another source

    def span(self) -> tuple[date, date] | None:
        """The days the dates can mean, as diplokg compares them."""
        if self.start is None:
            return None
        first = _earliest(self.start, self.precision)
        return first, _latest(self.end or self.start, self.precision)


def _earliest(day: date, precision: str) -> date:
    return {"year": date(day.year, 1, 1), "month": date(day.year, day.month, 1)}.get(
        precision, day)


def _latest(day: date, precision: str) -> date:
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return day


@dataclass
class Agreement:
    id: str
    file: int
    kind: str
    topic: str
    parties: list[State]
    signatories: list[Term]
    status: str
    signed: date | None
    precision: str
    expected: date | None
    signed_at: Place | None
    clauses: list[tuple[str, bool]]
    supersedes: list[Agreement] = field(default_factory=list)

    def title(self) -> str:
        names = listing([p.name for p in self.parties]) if self.parties else "several states"
        kind = AGREEMENT_PHRASE[self.kind].split(" ", 1)[1]
        when = f"({self.signed.year})" if self.signed else "(expected)"
        return f"{kind[0].upper()}{kind[1:]} on {self.topic} between {names} {when}"


@dataclass
class Plan:
    world: World
    files: int
    visits: list[Visit] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)

    def declarations(self) -> Counter:
        """How many facts of each kind the fact files declare."""
        persons = sum(1 for p in self.world.persons if p.declared_in is not None)
        return Counter(source=self.files, state=len(self.world.states),
                       place=len(self.world.places), person=persons,
                       visit=len(self.visits), agreement=len(self.agreements))


class Planner:
    def __init__(self, visits: int, files: int, seed: int):
        self.rng = Random(seed)
        n_states = max(6, min(len(STATES.strip().splitlines()), round(visits / 6)))
        self.world = World(self.rng, n_states)
        self.plan = Plan(self.world, files)
        self.n_visits = visits
        self.occupied: dict[tuple, list[tuple[date, date, int, str]]] = defaultdict(list)
        self.by_pair: dict[frozenset, list[Visit]] = defaultdict(list)
        self.agreements_by_pair: dict[frozenset, list[Agreement]] = defaultdict(list)

    def make(self) -> Plan:
        files = self.plan.files
        articles = list(range(1, files)) or [0]
        visit_counts = self._spread(self.n_visits, len(articles))
        agreement_counts = self._spread(max(1, self.n_visits // 4), len(articles))
        for file, n_visits, n_agreements in zip(articles, visit_counts, agreement_counts,
                                                strict=True):
            for _ in range(n_visits):
                visit = self._visit(file, len(self.plan.visits))
                if visit is not None:
                    self.plan.visits.append(visit)
            for _ in range(n_agreements):
                self.plan.agreements.append(self._agreement(file, len(self.plan.agreements)))
        if len(articles) > 1:
            self._second_reports(articles)
        self._declare_persons()
        return self.plan

    def _spread(self, total: int, parts: int) -> list[int]:
        """``total`` split into ``parts`` uneven counts (articles differ in length)."""
        weights = [self.rng.uniform(0.6, 1.4) for _ in range(parts)]
        counts = [int(total * w / sum(weights)) for w in weights]
        for index in range(total - sum(counts)):
            counts[index % parts] += 1
        return counts

    def _free(self, visitors: list[Term], destination: State, span, file: int) -> bool:
        """No visit by the same visitors to the same state from another source overlaps
        (diplokg would merge them as one visit reported twice)."""
        if span is None:
            return True
        key = (frozenset(t.person.id for t in visitors), destination.id)
        return all(not (span[0] <= last and first <= span[1]) or other == file
                   for first, last, other, _id in self.occupied[key])

    def _occupy(self, visit: Visit) -> None:
        span = visit.span()
        if span is not None:
            key = (frozenset(t.person.id for t in visit.visitors), visit.destination.id)
            self.occupied[key].append((span[0], span[1], visit.file, visit.id))

    def _visit(self, file: int, number: int) -> Visit | None:
        rng, world = self.rng, self.world
        for _ in range(30):
            status = rng.choices(("took-place", "planned", "invited", "cancelled", "postponed"),
                                 (85, 5, 3, 4, 3))[0]
            home = world.pick_state()
            if status in ("planned", "invited"):
                if home.until is not None:
                    continue
                day = world.random_day(TODAY + timedelta(days=1), FUTURE - timedelta(days=10))
            else:
                day = world.random_day(max(home.since, FIRST_DAY), home.last_day())
            role = rng.choices(("head", "government", "foreign"), (50, 30, 20))[0]
            visitor = world.holder(home, role, day)
            if visitor is None:
                continue
            visitors = [visitor]
            second = world.holder(home, "foreign", day)
            if role != "foreign" and second is not None and rng.random() < 0.15:
                visitors.append(second)
            destination = world.pick_state(day, exclude=home)
            hosts = [t for t in (world.holder(destination, "head", day),) if t is not None]
            extra = world.holder(destination, "government", day)
            if extra is not None and rng.random() < 0.3:
                hosts.append(extra)
            days = rng.choices((1, 2, 3, 4, 5), (25, 30, 25, 12, 8))[0]
            end = day + timedelta(days=days - 1)
            precision = rng.choices(("day", "month", "year"), (60, 25, 15))[0]
            dated = not (status == "invited" or (status == "took-place" and rng.random() < 0.02))
            visit = Visit(
                id=f"{slug(visitor.person.name)}-{destination.id}-{day.year}-v{number}",
                file=file, visitors=visitors, destination=destination, hosts=hosts,
                status=status, start=day if dated else None,
                end=end if dated and precision == "day" and days > 1 else None,
                precision=precision,
                kind=rng.choices((None, "state", "official", "official-working", "working",
                                  "private", "multilateral"), (10, 27, 27, 9, 18, 3, 6))[0],
                travel_mode=rng.choices((None, "air", "rail", "road", "sea"), (25, 70, 2, 2, 1))[0],
                duration=days if rng.random() < 0.1 else None,
                places=[destination.places["city"]], events=[])
            if not self._free(visitors, destination, visit.span(), file):
                continue
            if status == "took-place" and dated and precision == "day":
                self._events(visit, days)
            pair = frozenset((home.id, destination.id))
            earlier = [v for v in self.by_pair[pair] if v.start and dated and v.start < day]
            if earlier and rng.random() < 0.5:
                visit.follows.append(rng.choice(earlier))
            if rng.random() < 0.2:
                visit.note = rng.choice((
                    "The day of arrival is taken from the dateline of the report.",
                    "The kind of visit follows the wording of the host government.",
                    "Hosts as named in the report; other officials are left out.",
                    "Travel details come from the closing paragraph of the report."))
            self.by_pair[pair].append(visit)
            self._occupy(visit)
            return visit
        return None

    def _events(self, visit: Visit, days: int) -> None:
        rng = self.rng
        kinds = ["arrival"] + rng.sample(
            ("welcome-ceremony", "talks", "meeting", "banquet", "press-conference",
             "signing-ceremony", "wreath-laying", "stay", "motorcade"), rng.randint(0, 4))
        if rng.random() < 0.3:
            kinds.append("departure")
        for kind in kinds:
            venue_kind = EVENT_VENUE[kind]
            place = visit.destination.places[venue_kind] if venue_kind else None
            if kind == "arrival":
                day = visit.start
            elif kind == "departure":
                day = visit.start + timedelta(days=days - 1)
            else:
                day = None if kind == "stay" else \
                    visit.start + timedelta(days=rng.randrange(days))
            visit.events.append((kind, day, place))
            if place is not None and place not in visit.places:
                visit.places.append(place)

    def _agreement(self, file: int, number: int) -> Agreement:
        rng, world = self.rng, self.world
        expected = rng.random() < 0.04
        while True:
            first = world.pick_state()
            if expected and first.until is not None:
                continue
            day = world.random_day(TODAY + timedelta(days=30), FUTURE) if expected else \
                world.random_day(max(first.since, FIRST_DAY), first.last_day())
            count = 2 if rng.random() < 0.85 else rng.randint(3, 5)
            parties = [first]
            for _ in range(count - 1):
                other = world.pick_state(day if not expected else TODAY, exclude=first)
                if other not in parties:
                    parties.append(other)
            if len(parties) >= 2:
                break
        signatories = []
        if not expected and rng.random() < 0.7:
            for state in parties:
                term = world.holder(state, rng.choice(("head", "foreign")), day)
                if term is not None:
                    signatories.append(term)
        kind = rng.choices(tuple(AGREEMENT_PHRASE), (20, 30, 15, 15, 8, 4, 8))[0]
        topic = rng.choice(TOPICS)
        clauses = [(c, rng.random() < 0.75) for c in rng.sample(CLAUSES, rng.randint(0, 3))]
        agreement = Agreement(
            id=f"{'-'.join(s.id for s in parties[:2])}-{slug(topic)}-{day.year}-a{number}",
            file=file, kind=kind, topic=topic, parties=parties, signatories=signatories,
            status="expected" if expected else
            rng.choices(("signed", "ratified", "in-force", "expired", "terminated"),
                        (35, 20, 35, 5, 5))[0],
            signed=None if expected else day,
            precision=rng.choices(("day", "month", "year"), (40, 30, 30))[0],
            expected=day if expected else None,
            signed_at=rng.choice(parties).places["city"] if not expected and
            rng.random() < 0.4 else None, clauses=clauses)
        if rng.random() < 0.01:
            agreement.parties = []  # recommended shapes warn: names no party
        pair = frozenset(s.id for s in parties)
        earlier = [a for a in self.agreements_by_pair[pair] if a.signed and
                   a.signed < day and a.status != "expected"]
        if earlier and rng.random() < 0.4:
            old = rng.choice(earlier)
            agreement.supersedes.append(old)
            old.status = "superseded"
        self.agreements_by_pair[pair].append(agreement)
        return agreement

    def _second_reports(self, articles: list[int]) -> None:
        """About 1% of visits are reported again by another source, with the month only:
        diplokg recognises them as one visit and merges them."""
        rng = self.rng
        originals = [v for v in self.plan.visits if v.status == "took-place" and
                     v.start is not None and v.precision == "day"]
        for original in rng.sample(originals, len(originals) // 100):
            file = rng.choice([a for a in articles if a != original.file])
            report = Visit(
                id=f"{original.id}-report", file=file, visitors=original.visitors,
                destination=original.destination, hosts=[], status="took-place",
                start=original.start, end=None, precision="month", kind=None,
                travel_mode=None, duration=None, places=[], events=[], report_of=original)
            span = report.span()
            key = (frozenset(t.person.id for t in report.visitors), report.destination.id)
            if all(other_id == original.id or not (span[0] <= last and first <= span[1])
                   for first, last, _file, other_id in self.occupied[key]):
                self.plan.visits.append(report)
                self._occupy(report)

    def _declare_persons(self) -> None:
        """Each person mentioned is declared in the first file that mentions them."""
        for visit in self.plan.visits:
            for term in visit.visitors + visit.hosts:
                _mention(term.person, visit.file)
        for agreement in self.plan.agreements:
            for term in agreement.signatories:
                _mention(term.person, agreement.file)


def _mention(person: Person, file: int) -> None:
    if person.declared_in is None or file < person.declared_in:
        person.declared_in = file


# -- fact files and their source texts ----------------------------------------------------


class Article:
    """One fact file being written: its facts and the text their quotes come from."""

    def __init__(self, number: int, source_id: str):
        self.number = number
        self.source_id = source_id
        self.paragraphs: list[str] = []
        self.sections: dict[str, list] = {"persons": [], "states": [], "places": [],
                                          "visits": [], "agreements": []}

    def say(self, *sentences: str) -> list[str]:
        """Add sentences to the text; return them without their full stops, as quotes."""
        self.paragraphs.append(" ".join(s + "." for s in sentences))
        return list(sentences)


class Renderer:
    """Turns the plan into fact-file data, referring to named facts now and then by name."""

    def __init__(self, plan: Plan, rng: Random):
        self.plan = plan
        self.world = plan.world
        self.rng = rng

    def ref(self, thing: State | Place | Person, rate: float = 0.08) -> str:
        names = [thing.name] + list(getattr(thing, "aliases", []))
        name = self.rng.choice(names)
        if self.rng.random() < rate and self.world.names[normal_name(name)] == 1:
            return name
        return thing.id

    def registry(self, article: Article) -> None:
        for state in self.world.states:
            quotes = article.say(f"{state.name} uses the ISO 3166-1 code {state.iso}")
            fact = {"id": state.id, "source": article.source_id, "name": state.name}
            if state.aliases:
                fact["aliases"] = state.aliases
                quotes += article.say(f"{state.name} is also known as {listing(state.aliases)}")
            fact["iso"] = state.iso
            if state.until:
                fact["historical"] = True
                quotes += article.say(f"{state.name} ceased to exist on {day_words(state.until)}")
            if state.succeeds:
                fact["succeeds"] = state.succeeds
                olds = [s.name for s in self.world.states if s.id in state.succeeds]
                quotes += article.say(f"{state.name} is a successor state of {listing(olds)}")
            fact["evidence"] = quotes
            article.sections["states"].append(fact)
        for place in self.world.places:
            fact = {"id": place.id, "source": article.source_id, "name": place.name,
                    "kind": place.kind, "located_in": place.located_in.id}
            if place.capital_of is not None:
                fact["capital_of"] = place.capital_of.id
                quote = f"{place.name} is the capital of {place.capital_of.name}"
            elif place.kind == "city":
                quote = f"{place.name} lies in {place.located_in.name}"
            else:
                quote = f"The {place.name} is in {place.located_in.name}"
            fact["evidence"] = article.say(quote)
            article.sections["places"].append(fact)

    def person(self, person: Person, article: Article) -> None:
        fact: dict = {"id": person.id, "source": article.source_id, "name": person.name}
        quotes = []
        if person.aliases:
            fact["aliases"] = person.aliases
            quotes += article.say(f"{person.name}, also written {person.aliases[0]}, "
                                  "is well known abroad")
        offices = []
        for term in person.terms:
            office: dict = {"title": term.title, "state": self.ref(term.state),
                            "start": date_value(term.start, term.start_precision)}
            said = article.say(f"{person.name} became {term.title} "
                               f"{when_words(term.start, term.start_precision)}")
            if term.end is not None:
                office["end"] = date_value(term.end, term.end_precision)
                said += article.say(f"{person.name} left office "
                                    f"{when_words(term.end, term.end_precision)}")
            if term.predecessor is not None and term.predecessor.declared_in is not None \
                    and term.predecessor is not person:
                office["predecessor"] = self.ref(term.predecessor, 0.0)
                said += article.say(f"{person.name} succeeded {term.predecessor.name} "
                                    f"as {term.title}")
            office["evidence"] = said
            offices.append(office)
        fact["evidence"] = quotes + offices[0]["evidence"][:1]
        fact["offices"] = offices
        if person.parent is not None and person.parent.declared_in is not None:
            quote = article.say(f"{person.name} is a child of {person.parent.name}")
            fact["relatives"] = [{"relation": "parent", "person": person.parent.id,
                                  "evidence": quote}]
        article.sections["persons"].append(fact)

    def visit(self, visit: Visit, article: Article) -> None:
        lead = visit.visitors[0]
        who = f"{lead.person.name}, the {lead.title},"
        if len(visit.visitors) > 1:
            who = f"{lead.person.name}, the {lead.title}, and {visit.visitors[1].person.name}"
        where = visit.destination.name
        when = when_words(visit.start, visit.precision) if visit.start else ""
        kind = VISIT_KIND_PHRASE.get(visit.kind or "", "a visit")
        parts = {
            "took-place": (who, "arrived in", where, when, "for", kind),
            "planned": (who, "is scheduled to travel to", where, when),
            "invited": (who, "was invited to visit", where),
            "cancelled": (who, "called off a planned trip to", where, when),
            "postponed": (who, "postponed a trip to", where, "that had been planned", when),
        }[visit.status]
        quotes = article.say(" ".join(part for part in parts if part))
        month = f"{MONTHS[visit.start.month - 1]} {visit.start.year}" if visit.start else ""
        title = f"{lead.person.name}'s visit to {where}" + (f", {month}" if month else "")
        if visit.report_of is not None:
            title = f"{lead.person.name} in {where}"
        fact: dict = {"id": visit.id, "source": article.source_id, "title": title,
                      "visitors": [self.ref(t.person) for t in visit.visitors]}
        if visit.hosts:
            fact["hosts"] = [self.ref(t.person) for t in visit.hosts]
            quotes += article.say(f"{listing([t.person.name for t in visit.hosts])} received "
                                  f"the delegation in {visit.destination.capital}")
        fact["destination"] = self.ref(visit.destination)
        if visit.places:
            fact["places"] = [self.ref(p, 0.05) for p in visit.places]
        if visit.start is not None:
            fact["start"] = date_value(visit.start, visit.precision)
        if visit.end is not None:
            fact["end"] = date_value(visit.end, visit.precision)
            quotes += article.say(f"The visit ended on {day_words(visit.end)}")
        if visit.kind:
            fact["kind"] = visit.kind
        fact["status"] = visit.status
        if visit.follows:
            earlier = visit.follows[0]
            fact["follows"] = [v.id for v in visit.follows]
            quotes += article.say(f"It follows the visit of {earlier.visitors[0].person.name} "
                                  f"to {earlier.destination.name} in {earlier.start.year}")
        if visit.travel_mode:
            fact["travel_mode"] = visit.travel_mode
            quotes += article.say(f"The delegation travelled by {TRAVEL[visit.travel_mode]}")
        if visit.duration:
            fact["duration"] = f"P{visit.duration}D"
            quotes += article.say(f"The trip lasted {visit.duration} day"
                                  + ("s" if visit.duration > 1 else ""))
        fact["evidence"] = quotes
        if visit.note:
            fact["note"] = visit.note
        if visit.events:
            fact["events"] = [self._event(visit, e, article) for e in visit.events]
        article.sections["visits"].append(fact)

    def _event(self, visit: Visit, event: tuple, article: Article) -> dict:
        kind, day, place = event
        guest = visit.visitors[0].person
        host = visit.hosts[0].person if visit.hosts else None
        both = f"{guest.name} and {host.name}" if host else guest.name
        at = f" at the {place.name}" if place else ""
        on = f" on {day_words(day)}" if day else ""
        sentence = {
            "arrival": f"{guest.name} landed{at}{on}",
            "departure": f"{guest.name} left {visit.destination.name}{on}",
            "welcome-ceremony": f"{guest.name} was welcomed with a ceremony{at}{on}",
            "talks": f"{both} held talks{at}{on}",
            "meeting": f"{both} met{at}{on}",
            "banquet": f"A state banquet was given in honour of {guest.name}{at}{on}",
            "press-conference": f"{both} spoke to reporters{at}{on}",
            "signing-ceremony": f"{both} attended a signing ceremony{at}{on}",
            "wreath-laying": f"{guest.name} laid a wreath{at}{on}",
            "stay": f"{guest.name} stayed{at}",
            "motorcade": f"{both} rode in a motorcade through {visit.destination.capital}{on}",
        }[kind]
        item: dict = {"kind": kind, "title": sentence.split(" on ")[0],
                      "participants": [self.ref(guest, 0.0)] + ([host.id] if host else [])}
        if place is not None:
            item["place"] = place.id
        if day is not None:
            item["start"] = day.isoformat()
        item["evidence"] = article.say(sentence)
        return item

    def agreement(self, agreement: Agreement, article: Article) -> None:
        names = listing([p.name for p in agreement.parties]) if agreement.parties \
            else "The parties"
        phrase = AGREEMENT_PHRASE[agreement.kind]
        if agreement.expected:
            month = f"{MONTHS[agreement.expected.month - 1]} {agreement.expected.year}"
            quotes = article.say(f"{names} are expected to sign {phrase} on {agreement.topic} "
                                 f"in {month}")
        else:
            at = f" in {agreement.signed_at.name}" if agreement.signed_at else ""
            quotes = article.say(f"{names} signed {phrase} on {agreement.topic}{at} "
                                 f"{when_words(agreement.signed, agreement.precision)}")
        fact: dict = {"id": agreement.id, "source": article.source_id, "kind": agreement.kind,
                      "title": agreement.title()}
        if agreement.parties:
            fact["parties"] = [self.ref(s) for s in agreement.parties]
        if agreement.signatories:
            fact["signatories"] = [self.ref(t.person) for t in agreement.signatories]
            quotes += article.say("It was signed by "
                                  + listing([t.person.name for t in agreement.signatories]))
        if agreement.signed:
            fact["signed"] = date_value(agreement.signed, agreement.precision)
        if agreement.expected:
            fact["expected"] = f"{agreement.expected.year:04d}-{agreement.expected.month:02d}"
        if agreement.signed_at:
            fact["signed_at"] = self.ref(agreement.signed_at)
        fact["status"] = agreement.status
        if agreement.supersedes:
            fact["supersedes"] = [a.id for a in agreement.supersedes]
            quotes += article.say(f"It replaces the {agreement.supersedes[0].title()}")
        fact["evidence"] = quotes
        if agreement.clauses:
            fact["clauses"] = [
                {"topic": topic, "included": included,
                 "evidence": article.say(f"The text {'includes' if included else 'has no'} "
                                         f"provisions on {topic}")}
                for topic, included in agreement.clauses]
        article.sections["agreements"].append(fact)


def write_article(folder: Path, article: Article, stem: str, source: dict, as_json: bool) -> Path:
    """Write the fact file and its source text; return the fact file's path."""
    text_name = f"{stem}.txt"
    source = {**source, "text": text_name}
    body = "\n\n".join([source["title"]] + article.paragraphs) + "\n"
    (folder / text_name).write_text(body, encoding="utf-8")
    document: dict = {"diplokg": 1, "sources": [source]}
    document.update({k: v for k, v in article.sections.items() if v})
    if as_json:
        path = folder / f"{stem}.facts.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    else:
        path = folder / f"{stem}.facts.yaml"
        text = yaml.dump(document, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                         width=4096, default_flow_style=False)
        path.write_text(text, encoding="utf-8")
    return path


def write_plan(plan: Plan, out: Path, seed: int) -> list[Path]:
    """Write the clean fact files of ``plan`` under ``out``/facts."""
    folder = out / "facts"
    folder.mkdir(parents=True, exist_ok=True)
    rng = Random(seed + 7)
    renderer = Renderer(plan, rng)
    articles = [Article(n, "registry" if n == 0 else f"report-{n:05d}") for n in range(plan.files)]
    renderer.registry(articles[0])
    for person in plan.world.persons:
        if person.declared_in is not None:
            renderer.person(person, articles[person.declared_in])
    for visit in plan.visits:
        renderer.visit(visit, articles[visit.file])
    for agreement in plan.agreements:
        renderer.agreement(agreement, articles[agreement.file])
    paths = []
    for article in articles:
        if article.number == 0:
            stem = "00000-registry"
            source = {"id": article.source_id, "title": "States, capitals and venues of the world",
                      "publisher": "Diplomatic Yearbook Press", "published": 2024,
                      "language": "en"}
        else:
            facts = article.sections["visits"] + article.sections["agreements"]
            headline = facts[0]["title"] if facts else "Diplomatic news in brief"
            stem = f"{article.number:05d}-{slug(headline)[:40].strip('-')}"
            published = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
            source = {"id": article.source_id, "title": headline,
                      "publisher": rng.choice(PUBLISHERS),
                      "authors": [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"],
                      "published": published.isoformat(),
                      "url": f"https://news.example.org/{published.year}/{stem}",
                      "language": "en"}
        paths.append(write_article(folder, article, stem, source,
                                   as_json=article.number % 10 == 9))
    return paths


# -- broken facts ---------------------------------------------------------------------------

BROKEN_KINDS = (  # what is wrong, the code diplokg reports
    ("visitor-is-state", "Visit-visitors"),
    ("end-before-start", "Fact-end-after-start"),
    ("supersedes-later", "Agreement-supersedes-earlier"),
    ("visitor-not-in-office", "office-at-time"),
    ("destination-is-place", "Visit-destination"),
    ("follows-later", "Visit-follows-earlier"),
    ("party-is-person", "Agreement-parties"),
    ("host-is-state", "Visit-hosts"),
    ("signatory-not-in-office", "office-at-time"),
    ("office-ends-before-start", "Fact-end-after-start"),
)


class Breaker:
    """Plants facts that read cleanly but that validation must reject."""

    def __init__(self, plan: Plan, seed: int):
        self.plan = plan
        self.world = plan.world
        self.rng = Random(seed + 1)  # the clean files do not depend on --broken
        self.declared = [p for p in self.world.persons if p.declared_in is not None]
        self.visited = {(frozenset(t.person.id for t in v.visitors), v.destination.id)
                        for v in plan.visits}

    def _foreign(self, person: Person, day: date | None = None) -> State:
        """A state the person never visited in the clean files, nor held office in."""
        home = {t.state.id for t in person.terms}
        for _ in range(200):
            state = self.world.pick_state(day)
            if state.id not in home and (frozenset([person.id]), state.id) not in self.visited:
                self.visited.add((frozenset([person.id]), state.id))
                return state
        raise RuntimeError("no state left to visit")

    def _in_office(self, years: int = 0) -> tuple[Term, date]:
        """A declared person's term and a day inside it, ``years`` or more from its ends."""
        while True:
            person = self.rng.choice(self.declared)
            term = self.rng.choice(person.terms)
            end = term.end or TODAY
            first, last = term.start + timedelta(days=365 * years + 40), \
                end - timedelta(days=365 * years + 40)
            if first < last and first >= FIRST_DAY and last <= TODAY:
                return term, self.world.random_day(first, last)

    def _choose(self, candidates: list, what: str):
        if not candidates:
            raise SystemExit(f"too few facts to plant {what}: ask for more triples")
        return self.rng.choice(candidates)

    def _retired(self) -> tuple[Person, date]:
        """A declared person out of every office they held, and a day years after."""
        candidates = [p for p in self.declared if all(t.end for t in p.terms) and
                      max(t.end for t in p.terms).year <= 2019]
        person = self._choose(candidates, "a visitor no longer in office")
        last = max(t.end for t in person.terms)
        return person, date(self.rng.randint(last.year + 3, min(last.year + 10, 2024)), 6, 15)

    def fact(self, what: str, number: int, article: Article) -> tuple[str, str]:
        """Add one broken fact to ``article``; return its kind and id."""
        rng, world = self.rng, self.world
        fact_id = f"broken-{number:03d}-{what}"
        source = article.source_id
        if what in ("visitor-is-state", "host-is-state", "destination-is-place",
                    "end-before-start", "visitor-not-in-office", "follows-later"):
            later: list[Visit] = []
            if what == "visitor-not-in-office":
                person, day = self._retired()
                term = None
            else:
                for _ in range(100):  # for follows-later: a day with visits years after it
                    term, day = self._in_office(years=1 if what == "end-before-start" else 0)
                    later = [v for v in self.plan.visits if v.start and v.report_of is None
                             and v.start.year >= day.year + 2]
                    if later or what != "follows-later":
                        break
                person = term.person
            destination = self._foreign(person, day)
            visit: dict = {"id": fact_id, "source": source, "visitors": [person.id],
                           "destination": destination.id, "start": day.isoformat(),
                           "status": "took-place"}
            text = f"{person.name} arrived in {destination.name} on {day_words(day)}"
            if what == "visitor-is-state":
                home = term.state
                visit["visitors"] = [home.id]
                text = f"A delegation of {home.name} arrived in {destination.name} " \
                       f"on {day_words(day)}"
            elif what == "host-is-state":
                visit["hosts"] = [destination.id]
                text += f" and was received by {destination.name}"
            elif what == "destination-is-place":
                visit["destination"] = destination.places["city"].id
                text = f"{person.name} arrived in {destination.capital} on {day_words(day)}"
            elif what == "end-before-start":
                end = day - timedelta(days=rng.randint(2, 20))
                visit["end"] = end.isoformat()
                text += f" and left on {day_words(end)}"
            elif what == "follows-later":
                target = self._choose(later, "a visit following a later one")
                visit["start"] = day.year
                visit["follows"] = [target.id]
                text = f"{person.name} visited {destination.name} in {day.year}, following " \
                       f"the visit of {target.visitors[0].person.name} in {target.start.year}"
            visit["evidence"] = article.say(text)
            article.sections["visits"].append(visit)
            return "visit", fact_id
        if what in ("supersedes-later", "party-is-person", "signatory-not-in-office"):
            if what == "supersedes-later":
                target = self._choose([a for a in self.plan.agreements
                                       if a.signed and a.signed.year >= 1960 and a.parties],
                                      "an agreement superseding a later one")
                year = target.signed.year - rng.randint(2, 8)
                parties, signed = target.parties, year
                extra = {"supersedes": [target.id]}
                text = f"{listing([p.name for p in parties])} signed a protocol in {year} " \
                       f"replacing the {target.title()}"
            elif what == "party-is-person":
                term, day = self._in_office()
                parties, signed = [term.state], day.isoformat()
                extra = {"parties": [term.state.id, term.person.id]}
                text = f"{term.state.name} and {term.person.name} signed a protocol " \
                       f"on {day_words(day)}"
            else:
                person, day = self._retired()
                home = person.terms[0].state
                other = self._foreign(person, day)
                parties, signed = [home, other], day.isoformat()
                extra = {"signatories": [person.id]}
                text = f"{person.name} signed a protocol between {home.name} and " \
                       f"{other.name} on {day_words(day)}"
            fact = {"id": fact_id, "source": source, "kind": "protocol",
                    "title": f"Protocol {number} between {listing([p.name for p in parties])}",
                    "parties": [p.id for p in parties], "signed": signed, "status": "signed",
                    **extra, "evidence": article.say(text)}
            article.sections["agreements"].append(fact)
            return "agreement", fact_id
        if what == "office-ends-before-start":
            person = world.new_person()
            state = world.pick_state(TODAY)
            start = rng.randint(1990, 2015)
            title = f"Foreign Minister of {state.name}"
            text = f"{person.name} served as {title} from {start} to {start - 3}"
            article.sections["persons"].append({
                "id": fact_id, "source": source, "name": person.name,
                "evidence": article.say(text),
                "offices": [{"title": title, "state": state.id, "start": start,
                             "end": start - 3}]})
            return "person", fact_id
        raise ValueError(what)


def plant_broken(plan: Plan, count: int, out: Path, seed: int) -> list[dict]:
    """Write ``count`` broken facts under ``out``/broken; return the expected problems."""
    if count <= 0:
        return []
    folder = out / "broken"
    folder.mkdir(parents=True, exist_ok=True)
    breaker = Breaker(plan, seed)
    expected = []
    per_file = 4
    for first in range(0, count, per_file):
        number = first // per_file + 1
        article = Article(number, f"broken-report-{number:03d}")
        planted = []
        for index in range(first, min(first + per_file, count)):
            what, code = BROKEN_KINDS[index % len(BROKEN_KINDS)]
            kind, fact_id = breaker.fact(what, index + 1, article)
            planted.append({"fact": f"{kind} {fact_id}", "id": fact_id, "code": code,
                            "what": what})
        stem = f"broken-{number:03d}"
        source = {"id": article.source_id, "title": f"Report with mistakes {number}",
                  "publisher": "Benchmark Desk", "language": "en"}
        path = write_article(folder, article, stem, source, as_json=False)
        for item in planted:
            expected.append({"file": str(path.relative_to(out)), **item})
    return expected


# -- sizing ------------------------------------------------------------------------------


def count_triples(paths: list[Path]) -> tuple[int, Counter]:
    """Triples diplokg makes of these fact files (no validation), in all and per kind."""
    from diplokg.merge import entities as merge
    from diplokg.namespaces import DEFAULT_BASE
    from diplokg.rdf import mapping
    from diplokg.read import facts

    fact_set = facts.read_facts(paths)
    merged = merge.merge(fact_set)
    mapper = mapping.Mapper(merged, DEFAULT_BASE, fact_set.texts)
    per_kind: Counter = Counter()
    seen = set()
    for entity in merged.entities.values():
        for triple in mapper.map_entity(entity):
            if triple not in seen:
                seen.add(triple)
                per_kind[entity.kind] += 1
    return len(seen), per_kind


def triples_per_fact(seed: int) -> tuple[dict[str, float], float]:
    """Map a small sample with diplokg: how many triples each kind of fact makes, and
    how many triples the sample makes per visit in all."""
    plan = Planner(240, 12, seed).make()
    with tempfile.TemporaryDirectory(prefix="diplokg-sample-") as folder:
        write_plan(plan, Path(folder), seed)
        total, per_kind = count_triples([Path(folder) / "facts"])
    declared = plan.declarations()
    rates = {kind: per_kind[kind] / declared[kind] for kind in declared if declared[kind]}
    return rates, total / len(plan.visits)


def estimate(plan: Plan, rates: dict[str, float]) -> int:
    return round(sum(rates.get(kind, 0) * n for kind, n in plan.declarations().items()))


def sized_plan(triples: int, files: int, seed: int) -> tuple[Plan, int]:
    """A plan whose facts make about ``triples`` triples, and that estimate."""
    rates, per_visit = triples_per_fact(seed)
    visits = max(1, round(triples / per_visit))  # a first guess, corrected below
    plan, guess = None, 0
    for _ in range(6):
        plan = Planner(visits, files, seed).make()
        guess = estimate(plan, rates)
        if abs(guess - triples) <= 0.02 * triples:
            break
        visits = max(1, round(visits * triples / max(guess, 1)))
    return plan, guess


def generate(out: Path, triples: int, files: int | None = None, broken: int = 0, seed: int = 0,
             count: bool | None = None, quiet: bool = False) -> dict:
    """Write a data set under ``out`` (emptied first); return what generated.json says."""
    files = files or max(1, round(triples / 1000))
    if out.exists():
        for name in ("facts", "broken"):
            shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    plan, guess = sized_plan(triples, files, seed)
    paths = write_plan(plan, out, seed)
    expected = plant_broken(plan, broken, out, seed)
    (out / "expected-problems.json").write_text(json.dumps(expected, indent=2) + "\n",
                                                encoding="utf-8")
    summary = {"triples_asked": triples, "triples_estimated": guess, "files": len(paths),
               "broken": len(expected), "seed": seed,
               "facts": dict(plan.declarations()),
               "visits_reported_twice": sum(1 for v in plan.visits if v.report_of)}
    if count if count is not None else triples <= 50_000:
        summary["triples"], _ = count_triples([out / "facts"])
    (out / "generated.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        made = summary.get("triples")
        print(f"{out}: {len(paths)} fact files, {summary['facts']}")
        print(f"  triples: asked {triples:,}, estimated {guess:,}"
              + (f", actual {made:,} ({(made - triples) / triples:+.1%})" if made else
                 " (run with --count, or bench/scale.py, for the exact number)"))
        if expected:
            print(f"  {len(expected)} broken facts under {out / 'broken'}, "
                  f"listed in {out / 'expected-problems.json'}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into (facts/ and broken/ "
                        "in it are replaced)")
    parser.add_argument("--triples", type=parse_count, required=True,
                        help="about how many triples the clean facts make: 10k, 100k, 1M")
    parser.add_argument("--files", type=int, help="fact files (default: one per 1,000 triples)")
    parser.add_argument("--broken", type=int, default=0, help="broken facts to plant")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", action=argparse.BooleanOptionalAction, default=None,
                        help="map the result with diplokg to count its triples "
                        "(default: up to 50k triples)")
    args = parser.parse_args(argv)
    if args.files is not None and args.files < 1:
        parser.error("--files must be at least 1")
    generate(args.out, args.triples, args.files, args.broken, args.seed, args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
