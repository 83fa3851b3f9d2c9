"""Visit kinds of the two archives of the Office of the Historian: the kinds named in the
descriptions and remarks, and multilateral for the gatherings of several states.

The golden cases quote the archives; the counts over the whole visits archive are checked
against a reading of the raw XML that does not use the importer's rules: plain phrases,
found with str.find, the earliest winning.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from conftest import SHARED
from diplokg.importers import travels, visits

VISITS = SHARED / "data" / "visits-by-foreign-leaders"
TRAVELS = SHARED / "data" / "us-travels-abroad"
needs_visits = pytest.mark.skipif(not VISITS.is_dir(), reason=f"{VISITS} is not here")
needs_travels = pytest.mark.skipif(not TRAVELS.is_dir(), reason=f"{TRAVELS} is not here")

# Descriptions of the visits archive, as written, and their kind.
VISIT_CASES = [
    # summits and conferences in the United States that no "Attended" introduces
    ("Led Canadian delegation to the United Nations Conference in San Francisco.",
     "multilateral"),
    ("Met with President Clinton at the UN Millenium Summit in New York City.",
     "multilateral"),
    ("Met with President Bush during the G-8 Economic Summit at Sea Island, Georgia.",
     "multilateral"),
    ("Met with President Bush while attending a U.N. Security Council Summit in New York "
     "City.", "multilateral"),
    ("Met with President Obama at the NATO Summit Meeting in Chicago, IL.", "multilateral"),
    ("Participated in C5+1 Presidential Summit Meeting with President Biden at the UN "
     "General Assembly in New York City.", "multilateral"),
    ("Met with President Biden for a bilateral meeting alongside the Americas Partnership "
     "for Economic Prosperity Summit Meeting.", "multilateral"),
    ("Invited Guest to APEC Leaders' Summit.", "multilateral"),
    ("U.S.-Baltic Leaders Summit.", "multilateral"),
    ("Caribbean Leaders Conference at Mar-a-Lago, Florida.", "multilateral"),
    # meetings of several states' leaders, or of a body in which states meet
    ("Attended APEC meeting in Seattle.", "multilateral"),
    ("Attended meeting of Caribbean Heads of Government in Charleston (S.C.). Met with "
     "President Reagan July 19.", "multilateral"),
    ("Attended a Pacific War Council meeting.", "multilateral"),
    ("Took part in U.S.-European Community meeting.", "multilateral"),
    # as before
    ("Attended the Nuclear Security Summit.", "multilateral"),
    ("Attended the Summit of the Americas in Miami, Florida.", "multilateral"),
    ("Working Visit; Quad Leaders' Summit.", "working"),  # the kind named first
    # look-alikes: a summit meeting with one leader, a gathering elsewhere or only spoken of,
    # a meeting of two, a gathering of others than states, an address
    ("Summit meeting with President Clinton at Hyde Park, New York.", None),
    ("Summit meeting in Washington, D.C. and Camp David, Md. Afterwards visited "
     "Minneapolis-St. Paul and San Francisco, meeting with South Korean President Roh "
     "Tae-woo. Departed the U.S. June 4.", None),
    ("Met with President Clinton en route to a G-7 conference in Canada.", None),
    ("Met with President Truman February 8 while returning from a Commonwealth conference "
     "in London.", None),
    ("At invitation of the U.S. Government. Met with President Truman after a NATO meeting "
     "in Ottawa, Canada. Addressed U.S. Congress September 24.", None),
    ("Multilateral economic conversations before the World Monetary and Economic "
     "Conference.", None),
    ("Private Visit. Met with President Reagan May 27. Discussions of forthcoming Economic "
     "Summit.", "private"),
    ("For a series of conferences on economic relations.", None),
    ("Attended meeting of the U.S.-Russia Bilateral Commission. Afterwards visited "
     "Chicago.", None),
    ("Met with President Bush at the Council of the Americas in New York City.", None),
    ("Attended United States-Africa Business Summit; met with President Bush during a "
     "private visit June 26.", "private"),
    ("Private visit; addressed U.S. Conference of Mayors.", "private"),
    ("Addressed a Joint Session of Congress.", None),
    ("Attended White House dinner on 25th Anniversary of the U.N.", None),
    ("Met with President Bush at the UN General Assembly in New York City.", None),
    # "Offical", informal and unofficial visits
    ("Offical Visit.", "official"),
    ("Informal visit.", "informal"),
    ("Unofficial visit.", "informal"),
    ("Informal, unofficial visit. In U.S. August 12–September 8. Visited New York City "
     ",Detroit (Michigan), Chicago, Denver (Colorado), San Francisco, Las Vegas (Nevada), "
     "Phoenix (Arizona), Muscle Shoals (Tennessee), and Fort Knox (Kentucky).", "informal"),
    ("Unofficial courtesy call. In U.S. September 13–November 7, visiting New York City, "
     "Philadelphia (Pennsylvania), and Atlantic City (New Jersey).", "informal"),
    ("Informal visit. Afterwards made a private visit to New York City. In U.S. February "
     "8–17.", "informal"),
    ("Unofficial visit following Commonwealth Prime Ministers’ Conference in London. In New "
     "York City July 21–26.", "informal"),
    ("Informal visit after attending Conference of Nonaligned Nations in Belgrade.",
     "informal"),
    ("Informal working visit.", "working"),
    ("Official visit. Also visited New York City. Unofficial visits to Philadelphia, "
     "Chicago, and Detroit. Departed U.S. April 7.", "official"),
    ("Informal meeting with President Eisenhower.", None),  # a meeting, not a visit kind
]

# Remarks of the travels archive, as written, and their kind.
TRIP_CASES = [
    ("Attended NATO Summit Meeting.", "multilateral"),
    ("Accompanied President Bush to NATO Summit Meeting.", "multilateral"),
    ("Attended a summit meeting with Central American heads of state.", "multilateral"),
    ("Summit meeting with Latin American chiefs of state.", "multilateral"),
    ("Summit conference with British Prime Minister Eden, French Premier Faure, and Soviet "
     "Premier Bulganin.", "multilateral"),
    ("Accompanied President Truman to the Tripartite Conference of Berlin (Potsdam "
     "Conference).", "multilateral"),
    ("Attended NATO Ministerial Meeting.", "multilateral"),
    ("Attended Fourth Session of the Council of Foreign Ministers.", "multilateral"),
    ("Attended OAS General Assembly Meeting.", "multilateral"),
    ("Accompanied President Bush to meetings with the Presidents of Peru, Colombia, and "
     "Bolivia, and the Vice President of Ecuador.", "multilateral"),
    ("Accompanied President Trump to the G–7 meetings.", "multilateral"),
    ("Accompanied President Carter on a State visit and to Economic Summit Meeting.",
     "state"),
    ("Accompanied President Eisenhower on an informal visit.", "informal"),
    ("Met with British colonial officials during unofficial (Jamaica) visit.", "informal"),
    ("Met with President Guy Parmelin and Foreign Minister Ignazio Cassis. Attended a "
     "summit meeting with Russian President Vladimir Putin.", None),
    ("Summit meeting with President Yeltsin.", None),
    ("Accompanied President Clinton to a Summit meeting.", None),
    ("Participated in the summit with North Korean leader Kim Jong-un and bilateral events "
     "with Singaporean Prime Minister Lee Hsien Loong.", None),
    ("Pre-Summit meeting (October 10-11) with Soviet General Secretary Gorbachev. Met with "
     "President Finnbogadottir October 10.", None),
    ("Attended U.S.-Soviet Summit Meeting.", None),
    ("Attended the second North Korea-U.S. summit.", None),
    ("Attended Australia-U.S. Ministerial Meeting.", None),
    ("Participated in the 2+2 Ministerial Dialogue with Secretary of Defense Lloyd J. "
     "Austin III.", None),
    ("Accompanied President Clinton to meetings with senior NATO officials.", None),
    ("Met with Prime Minister Thatcher. Attended a conference of U.S. Chiefs of Mission. "
     "Returned by way of Bermuda.", None),
    ("Addressed the Berlin Press Conference and signed the Golden Book.", None),
    ("Discussed a Middle East peace conference with King Hussein.", None),
    ("Briefed NATO Foreign Ministers on the Moscow Summit.", None),
    ("Disembarked en route to the Potsdam Conference. Left U.S. July 6.", None),
    ("Attended Third Session of the UN General Assembly.", None),
]


@pytest.mark.parametrize("description, kind", VISIT_CASES)
def test_visit_kind(description, kind):
    assert visits.visit_kind(description) == kind


@pytest.mark.parametrize("remarks, kind", TRIP_CASES)
def test_trip_kind(remarks, kind):
    assert travels.trip_kind(remarks) == kind


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def raw_descriptions() -> dict[int, str]:
    return {int(visit.findtext("id")): collapse(visit.findtext("description"))
            for path in sorted((VISITS / "data").glob("*.xml"))
            for visit in ET.parse(path).getroot().iter("visit")}


def raw_remarks() -> dict[tuple[str, int], str]:
    return {(trip.get("role"), int(trip.findtext("id"))): collapse(trip.findtext("remarks"))
            for folder in ("president-travels", "secretary-travels")
            for path in sorted((TRAVELS / "data" / folder).glob("*.xml"))
            for trip in ET.parse(path).getroot().iter("trip")}


@needs_visits
def test_the_cases_quote_the_visits_archive():
    descriptions = set(raw_descriptions().values())
    assert [text for text, _ in VISIT_CASES if text not in descriptions] == []


@needs_travels
def test_the_cases_quote_the_travels_archive():
    remarks = set(raw_remarks().values())
    assert [text for text, _ in TRIP_CASES if text not in remarks] == []


# -- an independent reading of the visits archive --------------------------------------

# The phrases that name each kind of visit ...
NAMED = {
    "state": ["state visit"],
    "official-working": ["official working visit"],
    "official": ["official visit", "offical visit"],
    "working": ["working visit"],
    "informal": ["informal visit", "informal, unofficial visit", "unofficial visit",
                 "unofficial courtesy call"],
    "private": ["private visit"],
}
# ... and the gatherings of several states the archive says visitors came to, each as
# the archive names it (some in several records).
GATHERINGS = [
    "united nations conference", "international labor organization",
    "conference on the limitation of armaments", "trident conference",
    "washington (arcadia) conference", "second washington conference",
    "japanese peace conference", "pacific war council", "heads of government",
    "cento ministerial meeting", "anzus council meeting", "caricom meeting",
    "apec meeting", "apec leaders' summit", "economic summit", "security council summit",
    "ecology summit", "millenium summit", "u.s.-european community meeting",
    "conference on central american reconstruction", "drug summit",
    "middle east summit meeting", "north atlantic alliance summit",
    "nato’s 50th anniversary summit", "nato summit meeting", "nato 75th anniversary summit",
    "u.s.-eu summit", "u.s.-european union summit", "friends of democratic pakistan summit",
    "asia-pacific economic and cooperation summit", "nuclear security summit",
    "summit of the americas", "summit at camp david, md, for gulf cooperation council",
    "asean leaders summit", "u.s.-asean summit", "conference on prosperity and security",
    "u.s.-africa leaders", "african leaders summit", "africa leaders ebola meeting",
    "trilateral summit", "pacific island nations-united states summit",
    "pacific islands countries summit", "u.s.-pacific island country summit",
    "north american leaders", "quad leaders' summit", "u.s.-baltic leaders summit",
    "u.s.-nordic leaders summit", "u.s.- nordic leaders summit",
    "caribbean leaders conference", "c5+1 presidential summit",
    "americas partnership for economic prosperity summit", "apep leaders' summit",
    "aukus summit",
]


def first_at(text: str, phrase: str) -> int | None:
    """Where the phrase first occurs as words (not "official visit" in "unofficial
    visit"), without regard to case."""
    lower, start = text.lower(), 0
    while (at := lower.find(phrase, start)) >= 0:
        if at == 0 or not lower[at - 1].isalnum():
            return at
        start = at + 1
    return None


def read_kind(text: str) -> str | None:
    """The kind whose phrase comes first; ties go to the kind listed first."""
    phrases = [(kind, phrase) for kind, listed in NAMED.items() for phrase in listed]
    phrases += [("multilateral", phrase) for phrase in GATHERINGS]
    found = [(at, order, kind) for order, (kind, phrase) in enumerate(phrases)
             if (at := first_at(text, phrase)) is not None]
    return min(found)[2] if found else None


def imported_kinds() -> dict[int, str | None]:
    """The kind the import gives each record of the archive."""
    return {record.id: visits.visit_fact(record, ["visitor"]).get("kind")
            for record in visits.read_records(VISITS)}


@needs_visits
def test_the_kinds_of_the_visits_archive_match_an_independent_reading():
    expected = {number: read_kind(text) for number, text in raw_descriptions().items()}
    got = imported_kinds()
    assert set(got) == set(expected)
    for kind in ("multilateral", "official", "informal"):
        wanted = {number for number, k in expected.items() if k == kind}
        found = {number for number, k in got.items() if k == kind}
        assert found == wanted, (kind, sorted(found - wanted), sorted(wanted - found))
    counts = Counter(got.values())
    assert (counts["multilateral"], counts["official"], counts["informal"]) == (641, 231, 120)
    # before the rules were widened: 561 multilateral, 225 official, no informal
    assert counts[None] == 621


@needs_visits
def test_no_gathering_phrase_is_read_where_the_import_finds_none():
    """Each listed gathering is the multilateral kind of some record: the list holds no
    phrase that the import does not also read as a gathering."""
    got = imported_kinds()
    texts = raw_descriptions()
    for phrase in GATHERINGS:
        records = [n for n, text in texts.items() if first_at(text, phrase) is not None]
        assert any(got[n] == "multilateral" for n in records), phrase


# -- the travels archive ---------------------------------------------------------------

# Phrases of remarks that name a gathering of several states, and of some that only look
# like one: no record with one of these is multilateral.
SEVERAL = ["nato ministerial meeting", "nato summit meeting", "summit of the americas",
           "north atlantic council", "seato council", "cento ministerial",
           "g-20 summit", "oas general assembly", "council of foreign ministers",
           "apec leaders"]
NOT_SEVERAL = ["u.s.-soviet summit", "summit meeting with russian president",
               "chiefs of mission", "u.s.-mexico binational commission",
               "australia-u.s. ministerial", "press conference",
               "discussed a middle east peace conference",
               "session of the un general assembly"]


def trips_with(remarks: dict, phrase: str) -> list:
    found = [key for key, text in remarks.items() if first_at(text, phrase) is not None]
    assert found, f"no remarks with {phrase!r}"
    return found


@needs_travels
def test_the_kinds_of_the_travels_archive():
    remarks = raw_remarks()
    kinds = {key: travels.trip_kind(text) for key, text in remarks.items()}
    for phrase in SEVERAL:  # multilateral, or a state visit named before the gathering
        assert {kinds[key] for key in trips_with(remarks, phrase)} <= \
            {"multilateral", "state"}, phrase
    for phrase in NOT_SEVERAL:
        assert "multilateral" not in {kinds[key] for key in trips_with(remarks, phrase)}, \
            phrase
    informal = {key for key, text in remarks.items()
                if any(first_at(text, phrase) is not None
                       for phrase in (*NAMED["informal"], "unofficial (jamaica) visit"))}
    assert {key for key, kind in kinds.items() if kind == "informal"} == informal
    counts = Counter(kinds.values())
    # before the rules were widened: 326 multilateral, 77 official, no informal
    assert (counts["multilateral"], counts["official"], counts["informal"]) == (933, 77, 34)
