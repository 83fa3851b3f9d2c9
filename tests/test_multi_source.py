"""The multi-source corpus (cases/multi-source): 37 real reports of Putin's visit to
Vietnam and of the Russia-North Korea treaty, merged with the seeds into one graph.

Each variant is built once per module: the corpus with the seeds (the graph most tests
read), the first reports alone, the corpus alone with --strict, the same files under
other folder names in reverse order, and the corpus without its decisions file.  The
expected counts are taken from the fact files themselves (read with yaml.safe_load), not
from diplokg.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL, RDFS, SKOS
from typer.testing import CliRunner

from conftest import SEEDS
from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as query
from diplokg.query import store

CORPUS = Path(__file__).parent / "cases" / "multi-source"
DECISIONS = CORPUS / "decisions.facts.yaml"
FIRST_REPORT = CORPUS / "vietnam" / "vietnam-censor-2024-06-10.facts.yaml"  # V01, 10 June
TREATY = "russia-north-korea-2024-agreement"
DK = ns.DK
runner = CliRunner()


def node(path: str) -> URIRef:
    return URIRef(DEFAULT_BASE + path)


def cli(*args) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def declarations(*folders: Path) -> list[tuple[str, dict]]:
    """(section, fact) for every fact of every fact file under the folders."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.facts.yaml")):
            for section, facts in yaml.safe_load(path.read_text(encoding="utf-8")).items():
                if isinstance(facts, list):
                    found += [(section, fact) for fact in facts]
    return found


def declared(section: str, fact_id: str) -> list[dict]:
    return [fact for s, fact in declarations(CORPUS, SEEDS) if s == section
            and fact["id"] == fact_id]


def copy_corpus(target: Path, renames: dict[str, str] | None = None,
                leave_out: tuple[str, ...] = ()) -> Path:
    """The whole corpus tree under ``target`` (so that `text: ../reports/...` still
    reads), with top-level entries renamed or left out."""
    shutil.copytree(CORPUS, target)
    for name in leave_out:
        (target / name).unlink()
    for old, new in (renames or {}).items():
        (target / old).rename(target / new)
    return target


@dataclass
class Built:
    result: pipeline.BuildResult
    graph: Graph
    turtle: Path
    report: dict

    def select(self, sparql: str) -> list[tuple]:
        return [tuple(row) for row in self.graph.query(sparql, initNs={
            "dk": DK, "rdfs": RDFS, "skos": SKOS, "owl": OWL,
            "person": DEFAULT_BASE + "person/", "state": DEFAULT_BASE + "state/",
            "place": DEFAULT_BASE + "place/", "visit": DEFAULT_BASE + "visit/"})]


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Built:
    """The corpus and the seeds, built once (with its merge report)."""
    folder = tmp_path_factory.mktemp("merged")
    turtle, report = folder / "corpus.ttl", folder / "merge.json"
    result = pipeline.build([CORPUS, SEEDS], turtle, merge_report=report)
    return Built(result, Graph().parse(turtle, format="turtle"), turtle,
                 json.loads(report.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def merged_store(merged):
    return store.memory_store([merged.turtle])


def rows(name: str, params: dict, data) -> list[dict]:
    chosen = query.named(name)
    answer = query.run(chosen, query.bind(chosen, params), data)
    return [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]


@pytest.fixture(scope="module")
def strict_alone(tmp_path_factory) -> tuple[int, str, Path]:
    """`diplokg build <corpus> --strict`, without the seeds: (exit code, output, file)."""
    out = tmp_path_factory.mktemp("alone") / "corpus.ttl"
    code, output = cli("build", CORPUS, "--strict", "-o", out)
    return code, output, out


# -- one node per real thing ------------------------------------------------------------

SECTIONS = {"sources": (DK.Source, "source"), "states": (DK.State, "state"),
            "persons": (DK.Person, "person"), "places": (DK.Place, "place"),
            "visits": (DK.Visit, "visit"), "agreements": (DK.Agreement, "agreement"),
            "decisions": (DK.Decision, "decision")}


def test_every_declared_thing_is_one_node_of_its_class(merged):
    ids = defaultdict(set)
    for section, fact in declarations(CORPUS, SEEDS):
        ids[section].add(fact["id"])
    assert len(ids["visits"]) == 7 and len(ids["decisions"]) == 10
    for section, (cls, segment) in SECTIONS.items():
        assert set(merged.graph.subjects(RDF.type, cls)) == \
            {node(f"{segment}/{i}") for i in ids[section]}, section


def test_one_visit_to_vietnam_and_one_2024_visit_to_north_korea(merged):
    assert merged.select("""SELECT ?v WHERE { ?v a dk:Visit ; dk:visitor person:vladimir-putin ;
                                               dk:destination state:vietnam }""") == \
        [(node("visit/putin-2024-vietnam"),)]
    assert merged.select("""SELECT ?v WHERE { ?v a dk:Visit ; dk:visitor person:vladimir-putin ;
                              dk:destination state:north-korea ; dk:startEarliest ?from .
                              FILTER (YEAR(?from) = 2024) }""") == \
        [(node("visit/putin-2024-north-korea"),)]
    assert len(declared("visits", "putin-2024-vietnam")) == 19


def test_one_agreement_for_the_2024_treaty(merged):
    found = merged.select("""SELECT ?a WHERE { ?a a dk:Agreement ; dk:party state:russia,
                                 state:north-korea ; dk:signingDate ?signed .
                                 FILTER (STR(?signed) = "2024-06-19") }""")
    assert found == [(node(f"agreement/{TREATY}"),)]
    treaty = node(f"agreement/{TREATY}")
    assert (treaty, DK.agreementKind, URIRef(ns.VOCAB + "agreement-kind/treaty")) in \
        merged.graph
    titles = {fact["title"] for fact in declared("agreements", TREATY)}
    assert len(titles) > 15
    shown = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in merged.graph.objects(treaty, p)}
    assert titles <= shown  # every title a report gives is its label or an alias


def event_sources(merged: Built, event: URIRef) -> set[str]:
    return {str(s).rsplit("/", 1)[1] for c in merged.graph.objects(event, DK.claim)
            for s in merged.graph.objects(c, DK.source)}


def test_one_arrival_in_hanoi(merged):
    arrivals = merged.select("""SELECT ?e ?place WHERE { visit:putin-2024-vietnam dk:subEvent ?e .
                                   ?e dk:eventKind ?kind ; dk:place ?place .
                                   FILTER (STRENDS(STR(?kind), "/arrival")) }""")
    assert arrivals == [(node("visit/putin-2024-vietnam/event/arrival"),
                         node("place/noi-bai-international-airport"))]
    assert (node("place/noi-bai-international-airport"), DK.locatedIn, node("place/hanoi")) \
        in merged.graph
    reporting = {fact["source"] for fact in declared("visits", "putin-2024-vietnam")
                 if any(e["kind"] == "arrival" for e in fact.get("events", []))}
    assert len(reporting) == 10
    assert event_sources(merged, arrivals[0][0]) == reporting
    [(pyongyang,)] = merged.select("""SELECT ?e WHERE {
                                          visit:putin-2024-north-korea dk:subEvent ?e .
                                          ?e dk:eventKind ?kind .
                                          FILTER (STRENDS(STR(?kind), "/arrival")) }""")
    assert pyongyang == node("visit/putin-2024-north-korea/event/arrival")


def test_putins_presidency_is_one_office_for_every_report_that_dates_no_term(merged):
    offices = merged.select("""SELECT ?o ?start WHERE { person:vladimir-putin dk:holdsOffice ?o .
                                 ?o dk:officeTitle "President of Russia" ; dk:startDate ?start }
                               ORDER BY ?start""")
    assert [(str(o).rsplit("/", 1)[1], str(start)) for o, start in offices] == [
        ("russia-president-of-russia-2000", "2000"),
        ("russia-president-of-russia-2024-05", "2024-05")]
    by_start = defaultdict(set)
    for fact in declared("persons", "vladimir-putin"):
        for office in fact.get("offices", []):
            if office["title"] in ("President of Russia", "Président de la Russie"):
                by_start[str(office.get("start", ""))].add(fact["source"])
    sources = {str(start): {str(s).rsplit("/", 1)[1] for s in merged.graph.objects(o, DK.source)}
               for o, start in offices}
    # the reports naming no start, V01's "24-year presidency", the seed and V13's French
    # title (whose id names it): one office
    assert sources["2000"] == by_start[""] | by_start["2000"] and len(sources["2000"]) == 16
    # V02 and V04 date his new term, the fifth, from May 2024: the only other node
    assert sources["2024-05"] == by_start["2024-05"] == {
        "vietnam-dpa-2024-06-17", "vietnam-islamtimes-2024-06-18"}


def folded(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in text if c.isalnum())


def test_no_person_twice(merged):
    owners = defaultdict(set)
    for person in merged.graph.subjects(RDF.type, DK.Person):
        for p in (RDFS.label, SKOS.altLabel):
            for name in merged.graph.objects(person, p):
                owners[folded(str(name))].add(person)
    assert {name: who for name, who in owners.items() if len(who) > 1} == {}
    putin = node("person/vladimir-putin")
    assert {"Vladmir Putin", "Vladimir Poutine", "Putin"} <= \
        {str(n) for n in merged.graph.objects(putin, SKOS.altLabel)}
    assert {"Thu Lam"} <= {str(n) for n in merged.graph.objects(node("person/to-lam"),
                                                               SKOS.altLabel)}


# -- preferred values and claims --------------------------------------------------------

def test_every_claimed_property_has_its_preferred_value(merged):
    missing = merged.select("""SELECT DISTINCT ?fact ?property WHERE {
                                 ?fact dk:claim ?claim . ?claim dk:claimProperty ?property .
                                 FILTER NOT EXISTS { ?fact ?property ?value } }""")
    assert missing == []
    [(facts, claims)] = merged.select("""SELECT (COUNT(DISTINCT ?f) AS ?facts)
                                          (COUNT(?c) AS ?claims)
                                        WHERE { ?f dk:claim ?c }""")
    assert int(facts) > 50 and int(claims) > 1000


def test_every_status_of_the_treaty_is_a_claim_with_its_source(merged):
    stating = [fact for fact in declared("agreements", TREATY) if "status" in fact]
    claims = merged.select(f"""SELECT ?claim ?value ?source ?rank WHERE {{
                                 <{node("agreement/" + TREATY)}> dk:claim ?claim .
                                 ?claim dk:claimProperty dk:agreementStatus ;
                                        dk:claimedValue ?value ; dk:source ?source ;
                                        dk:rank ?rank }}""")
    assert len(stating) == 24
    assert len(claims) == len(stating) == len({c for c, _, _, _ in claims})
    assert sorted(str(s).rsplit("/", 1)[1] for _, _, s, _ in claims) == \
        sorted(fact["source"] for fact in stating)
    assert sorted(str(v).rsplit("/", 1)[1] for _, v, _, _ in claims) == \
        sorted(fact["status"] for fact in stating)
    preferred = {str(v).rsplit("/", 1)[1] for _, v, _, r in claims if r == DK.PreferredRank}
    assert preferred == {"in-force"}


def day(date: str) -> str:
    """The earliest day a date of year, month or day precision can mean."""
    return date + "-01-01"[len(date) - 4:] if len(date) < 10 else date


def status_on(history: list[dict], date: str) -> str:
    return [str(r["status"]).rsplit("/", 1)[1] for r in history if day(str(r["asOf"])) <= date][-1]


def test_the_status_history_of_the_treaty(merged_store):
    history = rows("status-history", {"agreement": TREATY}, merged_store)
    assert len(history) == 24 and all(r["asOf"] is not None for r in history)
    dates = [day(str(r["asOf"])) for r in history]
    assert dates == sorted(dates)
    assert {str(r["status"]).rsplit("/", 1)[1] for r in history if str(r["rank"]) == "current"} \
        == {"in-force"}
    assert str(history[-1]["status"]).endswith("/in-force")
    assert status_on(history, "2024-06-18") == "expected"
    assert status_on(history, "2024-11-01") == "ratified"
    assert status_on(history, "2024-12-31") == "in-force"


def test_the_backward_step_and_every_conflict_are_decided(merged):
    conflicts = merged.report["conflicts"]
    decided = {(c["id"], c["field"]): c.get("decision") for c in conflicts}
    decisions = {(d["fact"], d["field"]): d["id"] for s, d in declarations(CORPUS)
                 if s == "decisions"}
    assert {k: v for k, v in decided.items() if k in decisions} == decisions
    # every conflict is decided, the seed's derived day against two reports' month too
    assert {k for k, v in decided.items() if v is None} == set()
    assert decided[("putin-2000-north-korea", "start")] == "putin-2000-north-korea-start"
    # with the seeds, the build warns only of the seed's own undated visit
    assert {(p.code, p.fact, p.field) for p in merged.result.problems} == {
        ("VisitRecommended_Shape", "visit kim-jong-il-china", "start")}


# -- identity ---------------------------------------------------------------------------

def test_the_first_reports_iris_all_stay_valid_with_their_class(merged):
    first = pipeline.graph_from_facts([FIRST_REPORT, SEEDS]).graph
    mine = {s for s in first.subjects() if str(s).startswith(DEFAULT_BASE)}
    known = set(merged.graph.subjects()) | set(merged.graph.objects(None, OWL.sameAs))
    assert len(mine) > 150 and mine <= known
    for subject, cls in first.subject_objects(RDF.type):
        if str(subject).startswith(DEFAULT_BASE):
            assert (subject, RDF.type, cls) in merged.graph, subject


def test_the_same_facts_give_the_same_bytes_whatever_the_folders_are_called(
        strict_alone, tmp_path):
    code, _, expected = strict_alone
    assert code == 0
    copy = copy_corpus(tmp_path / "elsewhere", {"vietnam": "zz-a", "treaty": "aa-b",
                                                "registry.facts.yaml": "00-shared.facts.yaml",
                                                "decisions.facts.yaml": "zz.facts.yaml"})
    out = tmp_path / "renamed.ttl"
    code, output = cli("build", copy / "zz.facts.yaml", copy / "zz-a", copy / "aa-b",
                       copy / "00-shared.facts.yaml", "--strict", "-o", out)
    assert code == 0, output
    assert out.read_bytes() == expected.read_bytes()


def test_the_committed_identity_file_names_every_fact_and_entry(tmp_path):
    """CI's check: the corpus's identity file is up to date, and building with it gives the
    same bytes as the rule alone (the file only ever holds names the rule once gave)."""
    ids = CORPUS / "ids.yaml"
    before = ids.read_bytes()
    with_ids, without = tmp_path / "with.ttl", tmp_path / "without.ttl"
    code, output = cli("build", CORPUS, SEEDS, "-o", with_ids, "--ids", ids, "--check-ids")
    assert code == 0, output
    assert ids.read_bytes() == before
    code, output = cli("build", CORPUS, SEEDS, "-o", without)
    assert code == 0, output
    assert with_ids.read_bytes() == without.read_bytes()


# -- --strict and the decisions file ------------------------------------------------------

def test_the_corpus_alone_passes_strict_with_its_decisions(strict_alone):
    code, output, out = strict_alone
    assert code == 0, output
    assert "0 warning(s)" in output and "(0 not decided)" in output
    assert out.stat().st_size > 0


def test_without_its_decisions_the_corpus_fails_strict_on_each_conflict(tmp_path):
    copy = copy_corpus(tmp_path / "undecided", leave_out=("decisions.facts.yaml",))
    code, output = cli("validate", copy, "--strict", "--format", "json")
    assert code == 1
    report = json.loads(output)
    assert report["violations"] == 0 and report["warnings"] == 9
    codes = defaultdict(set)
    for problem in report["problems"]:
        codes[problem["code"]].add((problem["fact"].split(" ", 1)[1], problem["field"]))
    decisions = {(d["fact"], d["field"]) for s, d in declarations(CORPUS) if s == "decisions"}
    assert set(codes) == {"conflict", "backward"}
    assert codes["backward"] == {(TREATY, "status")}
    # each settles one warning; the decision about the 2000 visit waits for the seeds, which
    # alone claim the day it sets aside
    assert codes["conflict"] | codes["backward"] == decisions - {("putin-2000-north-korea",
                                                                  "start")}


# -- the bundled queries ------------------------------------------------------------------

def test_visits_of_putin_all_have_a_start(merged_store):
    found = rows("visits-of-leader", {"leader": "vladimir-putin"}, merged_store)
    assert {str(r["visit"]).rsplit("/", 1)[1]: str(r["start"]) for r in found} == {
        "putin-2000-north-korea": "2000-07", "putin-2024-north-korea": "2024-06-19",
        "putin-2024-vietnam": "2024-06-20"}


def test_gap_since_putins_previous_visit_to_north_korea(merged_store):
    [row] = rows("gap-since-previous-visit", {"leader": "vladimir-putin", "state": "north-korea"},
                 merged_store)
    # July 2000 (V01, V04) to 19 June 2024: 23 whole years, "24 years" in round numbers
    assert (row["visit"], row["previous"], str(row["previousStart"]), int(row["years"]),
            row["exact"].toPython()) == \
        (node("visit/putin-2024-north-korea"), node("visit/putin-2000-north-korea"), "2000-07",
         23, False)


def test_claims_of_the_vietnam_visits_start_list_every_source_with_its_rank(merged_store):
    found = rows("claims-of", {"fact": "visit:putin-2024-vietnam", "property": "dk:startDate"},
                 merged_store)
    stating = [fact for fact in declared("visits", "putin-2024-vietnam") if "start" in fact]
    assert len(stating) == 17
    assert sorted((str(r["source"]).rsplit("/", 1)[1], str(r["value"])) for r in found) == \
        sorted((fact["source"], str(fact["start"])[:10]) for fact in stating)
    for r in found:
        assert str(r["rank"]) == ("preferred" if str(r["value"]) == "2024-06-20" else "normal")


def test_events_of_the_vietnam_visit_have_one_arrival(merged_store):
    found = rows("events-of-visit", {"visit": "putin-2024-vietnam"}, merged_store)
    kinds = [str(r["kind"]).rsplit("/", 1)[1] for r in found]
    events = [r["event"] for r in found]
    assert kinds.count("arrival") == 1 and len(events) == len(set(events))
    assert {"welcome-ceremony", "talks", "signing-ceremony", "wreath-laying"} <= set(kinds)
