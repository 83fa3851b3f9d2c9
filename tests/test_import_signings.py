"""Agreements signed during visits, from the descriptions of the archive of visits to the
United States, on the whole archive imported once (with the seeds as registry).

The expected signings come from a reading of the archive's raw XML of its own (xml.etree
and regular expressions, not the importer): a clause that opens with "signed" ("Signed INF
Treaty December 8.", "Official visit; signed a cultural agreement.") names as many
agreements as it has singular instrument words (treaty, agreement, declaration, charter
...), and gives none if it has a plural one ("Signed agreements regarding economic and
military assistance"); "Attended [the] signing of ..." and "... Signing Ceremony" say that
the visitor was there, not that they signed; initialling, ratification and discussion are
no signings.  Which signings were not with the United States was read by hand from the
descriptions (``NOT_WITH_THE_UNITED_STATES``).

The build of the seeds with the whole import is in test_import_capacity.py, which asserts
that it has no violations; here the agreements are built with the seeds and the visits,
persons and states they refer to.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from rdflib import Literal, URIRef

from conftest import SEEDS, SHARED
from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.importers import signings
from diplokg.importers.visits import import_visits_archive
from diplokg.problems import VIOLATION

ARCHIVE = SHARED / "data" / "visits-by-foreign-leaders"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, where installed
REGISTRY = SEEDS / "000_6518fb5451382061.facts.yaml"

pytestmark = pytest.mark.skipif(not ARCHIVE.is_dir(), reason=f"{ARCHIVE} is not here")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# An instrument word, and the kind of agreement it names.
KIND_OF = {"treaty": "treaty", "agreement": "agreement", "convention": "convention",
           "protocol": "protocol", "memorandum": "memorandum", "declaration": "declaration",
           "charter": "agreement", "compact": "agreement", "accord": "agreement",
           "pact": "agreement"}
INSTRUMENT = re.compile(r"\b(" + "|".join(KIND_OF) + r")\b", re.I)
PLURAL = re.compile(r"\b(treaties|agreements|conventions|protocols|memoranda|declarations|"
                    r"charters|compacts|accords|pacts)\b", re.I)
SIGNED = re.compile(r"(?:^|[.;,] |\band )signed (?P<clause>.+?)(?:\.(?= |$)|;|$)", re.I)
ATTENDED = re.compile(r"attended (?:the )?signing|signing ceremony", re.I)
DAY = re.compile(r"\b(" + "|".join(MONTHS) + r") ([0-9]{1,2})\b")
# Read by hand: the Egyptian-Israeli Peace Treaty (Begin's and Sadat's visits) and the
# Israeli-Palestinian Declaration of Principles name their two parties; King Hussein and
# Prime Minister Rabin both signed the Washington Declaration on the same days.
NOT_WITH_THE_UNITED_STATES = {378, 379, 1003, 1065, 1066}


@dataclass(frozen=True)
class Raw:
    id: int
    start: str
    end: str
    description: str

    @property
    def clauses(self) -> list[str]:
        return [m.group("clause") for m in SIGNED.finditer(self.description)]

    @property
    def instruments(self) -> list[str]:
        """The instrument words of the clauses that say the visitor signed one by one."""
        return [word.lower() for clause in self.clauses if not PLURAL.search(clause)
                for word in INSTRUMENT.findall(clause)]


def raw_records() -> dict[int, Raw]:
    records = {}
    for path in sorted((ARCHIVE / "data").glob("*.xml")):
        for visit in ET.parse(path).getroot().iter("visit"):
            text = {tag: " ".join((visit.findtext(tag) or "").split())
                    for tag in ("id", "start-date", "end-date", "description")}
            records[int(text["id"])] = Raw(int(text["id"]), text["start-date"],
                                           text["end-date"], text["description"])
    return records


RAW = raw_records() if ARCHIVE.is_dir() else {}
SIGNED_ON_VISITS = {r.id: r for r in RAW.values() if r.instruments}


def load(path: Path) -> list[dict]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    (section,) = set(data) - {"diplokg"}
    return data[section]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signings") / "archive"
    summary = import_visits_archive(ARCHIVE, folder, registry=REGISTRY)
    visits = {v["id"]: v for path in sorted(folder.glob("visits-*.yaml")) for v in load(path)}
    return {"summary": summary, "folder": folder, "visits": visits,
            "agreements": load(folder / "agreements.yaml")}


def of_record(imported, record: int) -> list[dict]:
    return [a for a in imported["agreements"] if a["signed_during"] == f"us-visit-{record}"]


# -- counts -------------------------------------------------------------------------------


def test_the_number_of_signings_is_that_of_the_raw_descriptions(imported):
    expected = sum(len(r.instruments) for r in RAW.values())
    assert expected == 24  # in 23 descriptions: 2516 signed a treaty and an agreement
    assert len(SIGNED_ON_VISITS) == 23
    assert imported["summary"].agreements == len(imported["agreements"]) == expected
    assert {int(a["signed_during"].removeprefix("us-visit-")) for a in imported["agreements"]} \
        == set(SIGNED_ON_VISITS)


def test_what_is_not_read_is_counted(imported):
    attended = [r.id for r in RAW.values() if ATTENDED.search(r.description) and not r.clauses]
    together = [r.id for r in RAW.values() for c in r.clauses if PLURAL.search(c)]
    assert len(attended) == 24 and sorted(together) == [1187, 2195]
    assert imported["summary"].signings_unread == {signings.ATTENDED: len(attended),
                                                   signings.SEVERAL: len(together)}
    # the Panama Canal Treaty was signed by Panama, not by the 16 other heads of state there
    assert not of_record(imported, 301) and not of_record(imported, 302)


# -- Gorbachev's December 1987 visit ------------------------------------------------------------


def test_the_inf_treaty_was_signed_during_gorbachev_s_visit(imported):
    (inf,) = of_record(imported, 671)
    assert "Signed INF Treaty December 8." in RAW[671].description
    assert inf == {
        "id": "us-visit-671-inf-treaty", "source": "us-state-dept-visits", "kind": "treaty",
        "title": "INF Treaty", "parties": ["soviet-union", "united-states"],
        "signed": "1987-12-08", "signed_during": "us-visit-671", "status": "signed",
        "evidence": ["Signed INF Treaty December 8."], "note": inf["note"]}
    assert "archive record 671" in inf["note"]
    visit = imported["visits"]["us-visit-671"]
    assert (visit["start"], visit["end"], visit["from"]) == ("1987-12-07", "1987-12-10",
                                                             "soviet-union")


# -- every agreement, and a sample against its description --------------------------------------


def test_each_agreement_quotes_its_visit_s_description(imported):
    for agreement in imported["agreements"]:
        record = RAW[int(agreement["signed_during"].removeprefix("us-visit-"))]
        (sentence,) = agreement["evidence"]
        assert sentence in record.description, agreement["id"]
        # the visit already quotes the description, so the agreement quotes nothing new
        assert record.description in imported["visits"][agreement["signed_during"]]["evidence"]
        assert agreement["title"] in sentence and re.search(r"\bsigned\b", sentence, re.I)
        assert agreement["id"].startswith(f"{agreement['signed_during']}-")
        assert agreement["status"] == "signed"


def test_parties_are_the_visitor_s_state_and_the_united_states_unless_the_text_says_not(
        imported):
    for agreement in imported["agreements"]:
        visit = imported["visits"][agreement["signed_during"]]
        record = int(visit["id"].removeprefix("us-visit-"))
        expected = [visit["from"]] if record in NOT_WITH_THE_UNITED_STATES else \
            [visit["from"], "united-states"]
        assert agreement["parties"] == expected, agreement["id"]


def expected_date(raw: Raw) -> str:
    """The day and month of the signing clause in the visit's year, or the start month."""
    found = [m for clause in raw.clauses for m in DAY.finditer(clause)]
    if not found:
        return raw.start[:7]
    (match,) = found
    day = date(int(raw.start[:4]), MONTHS.index(match.group(1)) + 1, int(match.group(2)))
    window = date.fromisoformat(raw.start) - timedelta(1), \
        date.fromisoformat(raw.end) + timedelta(1)
    assert window[0] <= day <= window[1], raw.id  # the archive's days fall in the visits
    return day.isoformat()


@pytest.mark.parametrize("record", random.Random(12).sample(sorted(SIGNED_ON_VISITS),
                                                              min(5, len(SIGNED_ON_VISITS))))
def test_a_sample_matches_the_descriptions(imported, record):
    raw = SIGNED_ON_VISITS[record]
    agreements = of_record(imported, record)
    assert sorted(a["kind"] for a in agreements) == sorted(KIND_OF[w] for w in raw.instruments)
    for agreement in agreements:
        assert agreement["title"] in raw.description
        assert len(INSTRUMENT.findall(agreement["title"])) == 1
        assert KIND_OF[INSTRUMENT.search(agreement["title"]).group(1).lower()] == \
            agreement["kind"]
        assert agreement["signed"] == expected_date(raw)


def test_dated_signings(imported):
    dated = {a["id"]: a["signed"] for a in imported["agreements"] if len(a["signed"]) == 10}
    assert dated == {
        "us-visit-2392-treaty-of-mutual-cooperation-and-security": "1960-01-19",
        "us-visit-378-egyptian-israeli-peace-treaty": "1979-03-26",
        "us-visit-379-egyptian-israeli-peace-treaty": "1979-03-26",
        "us-visit-671-inf-treaty": "1987-12-08",
        "us-visit-1298-wye-river-memorandum": "1998-10-23"}


# -- the agreements build with the seeds ------------------------------------------------------


def test_the_agreements_build_with_the_seeds(imported, tmp_path):
    """The agreements, with the visits they were signed during, those visits' persons and
    every state, build with the seeds without a violation, and the graph says that the
    INF Treaty was signed during Gorbachev's visit."""
    folder = imported["folder"]
    agreements = imported["agreements"]
    visits = [imported["visits"][a["signed_during"]] for a in agreements]
    named = {p for v in visits for p in v["visitors"]}
    persons = [p for p in load(folder / "persons.yaml") if p["id"] in named]
    for name, section, facts in (("agreements", "agreements", agreements),
                                 ("visits", "visits", list({v["id"]: v for v in visits}.values())),
                                 ("persons", "persons", persons)):
        (tmp_path / f"{name}.yaml").write_text(
            yaml.safe_dump({"diplokg": 1, section: facts}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    for name in ("sources.yaml", "states.yaml"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    result = pipeline.graph_from_facts([SEEDS, tmp_path])
    assert [p for p in result.problems if p.severity == VIOLATION] == []
    graph = result.graph
    base = ns.DEFAULT_BASE
    inf = URIRef(base + "agreement/us-visit-671-inf-treaty")
    assert (inf, ns.DK.signedDuring, URIRef(base + "visit/us-visit-671")) in graph
    assert (inf, ns.DK.signingDate, Literal("1987-12-08", datatype=ns.XSD.date)) in graph
    assert set(graph.objects(inf, ns.DK.party)) == {
        URIRef(base + "state/soviet-union"), URIRef(base + "state/united-states")}
    # the seeds' agreement expected during Putin's visit, and the archive's
    assert len(set(graph.subjects(ns.DK.signedDuring, None))) == len(agreements) + 1


# -- the reading of descriptions --------------------------------------------------------------


@pytest.mark.parametrize("description,titles", [
    ("Official Working Visit. Signed INF Treaty December 8.", [("INF Treaty", "treaty")]),
    ("Official visit; signed a cultural agreement. Visited Detroit.",
     [("cultural agreement", "agreement")]),
    ("Signed Colombia River Treaty and agreement establishing Campobello International Park.",
     [("Colombia River Treaty", "treaty"),
      ("agreement establishing Campobello International Park", "agreement")]),
    ("Signed Treaty of Friendship, Commerce and Navigation. Afterwards visited New York City.",
     [("Treaty of Friendship, Commerce and Navigation", "treaty")]),
    ("Signed the Washington Declaration and addressed a Joint Session of the Congress.",
     [("Washington Declaration", "declaration")]),
    ("Maryland, Signed Wye River Memorandum at the White House on October 23. Private visit.",
     [("Wye River Memorandum", "memorandum")]),
    ("Working visit. Signed U.S.-Baltic Charter of Partnership.",
     [("U.S.-Baltic Charter of Partnership", "agreement")]),
    ("Signed a protocol to the convention.", [("protocol to the convention", "protocol")]),
    ("Discussed ratification of the Panama Canal Treaty.", []),
    ("Attended the initialling of the North American Free Trade Agreement.", []),
    ("Came to sign a trade agreement; talks failed.", []),
    ("Discussed terms of the Korean truce agreement.", []),
])
def test_read_signings(description, titles):
    reading = signings.read_signings(description)
    assert [(s.title, s.kind) for s in reading.signings] == titles
    assert reading.unread == ()
    for signing in reading.signings:
        assert signing.sentence in description


@pytest.mark.parametrize("description,reason", [
    ("Signed agreements regarding economic and military assistance.", signings.SEVERAL),
    ("Signed missile defense cooperation and anti- terrorism agreements.", signings.SEVERAL),
    ("Attended signing of the Panama Canal Treaty.", signings.ATTENDED),
    ("Abraham Accords Signing Ceremony.", signings.ATTENDED),
    ("Signed the guest book at Mount Vernon.", signings.UNNAMED),
    ("The treaty was signed by the foreign ministers.", signings.UNSAID),
])
def test_unread_signings_give_their_reason(description, reason):
    assert signings.read_signings(description) == signings.Reading((), (reason,))


@pytest.mark.parametrize("day,start,end,signed", [
    ((12, 8), "1987-12-07", "1987-12-10", "1987-12-08"),
    ((12, 6), "1987-12-07", "1987-12-10", "1987-12-06"),  # a day before the visit
    ((12, 5), "1987-12-07", "1987-12-10", None),
    ((1, 2), "1999-12-30", "2000-01-02", "2000-01-02"),  # the year of the visit's end
    ((2, 30), "1987-02-27", "1987-03-01", None),
    (None, "1987-12-07", "1987-12-10", None),
])
def test_signing_date(day, start, end, signed):
    assert signings.signing_date(day, start, end) == signed


def test_parties_read_from_the_name():
    assert signings.pairs_other_parties("Egyptian-Israeli Peace Treaty")
    assert signings.pairs_other_parties("Israeli- Palestinian Interim Agreement")
    assert not signings.pairs_other_parties("Anti-Ballistic Missile Treaty")
    assert not signings.pairs_other_parties("Soviet-American Agreement")
    assert not signings.pairs_other_parties("INF Treaty")
    assert signings.names_united_states("U.S.-Baltic Charter of Partnership")
    assert not signings.names_united_states("Washington Declaration")
