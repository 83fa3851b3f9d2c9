"""CAMEO alignment and export: the vocabulary's matches name real CAMEO codes, the alpha-3
table follows the countries it is derived from, and `diplokg export --format cameo` writes
the seed graph's visits and signings as the fact file says they were, safely."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from itertools import permutations
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from typer.testing import CliRunner

from conftest import REPO, SEEDS, SHARED, replace_in
from diplokg.cli import app
from diplokg.model.kinds.visit import EVENT_KINDS, VISIT_KINDS
from diplokg.namespaces import SKOS
from diplokg.query import cameo

runner = CliRunner()
SEED = SEEDS / "000_6518fb5451382061.facts.yaml"
VOCAB = REPO / "ontology" / "vocab.ttl"
CAMEO = Namespace("https://w3id.org/diplokg/vocab/cameo/")
WD = Namespace("http://www.wikidata.org/entity/")
GSH = SHARED / "data" / "countries-gsh" / "countries"
TABLE = REPO / "src" / "diplokg" / "query" / "data" / "iso3166.csv"
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")

# The CAMEO codebook 1.1b3, chapter 6: the names of the codes diplokg matches.
CODEBOOK = {"01": "Make public statement", "017": "Engage in symbolic act", "04": "Consult",
            "042": "Make a visit", "043": "Host a visit",
            "044": "Meet at a 'third' location", "046": "Engage in negotiation",
            "05": "Engage in diplomatic cooperation", "057": "Sign formal agreement"}
# alpha-2 -> (CAMEO code, ISO alpha-3) of the seed's states, from the codebook and ISO 3166
SEED_CODES = {"RU": ("RUS", "RUS"), "KP": ("PRK", "PRK"), "SU": ("USR", "SUN"),
              "CN": ("CHN", "CHN"), "KR": ("KOR", "KOR"), "US": ("USA", "USA"),
              "JP": ("JPN", "JPN"), "UA": ("UKR", "UKR")}


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# -- the vocabulary ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(VOCAB, format="turtle")


MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
           SKOS.relatedMatch)


def matches(graph: Graph, scheme: str) -> dict[str, dict[str, set[str]]]:
    """value -> match property name -> matched IRIs, for the concepts of a scheme."""
    namespace = URIRef(f"https://w3id.org/diplokg/vocab/{scheme}/")
    found = {}
    for concept in graph.subjects(SKOS.inScheme, namespace):
        found[str(concept).removeprefix(str(namespace))] = {
            str(prop).split("#")[1]: {str(o) for o in graph.objects(concept, prop)}
            for prop in MATCHES if (concept, prop, None) in graph}
    return found


def test_vocab_matches_name_real_cameo_codes(vocab):
    used = set()
    for scheme in ("visit-kind", "event-kind"):
        for props in matches(vocab, scheme).values():
            used |= {iri for iris in props.values() for iri in iris if iri.startswith(CAMEO)}
    assert {iri.removeprefix(str(CAMEO)) for iri in used} == {
        "01", "017", "04", "042", "043", "044", "046", "057"}
    listed = set(vocab.subjects(SKOS.inScheme, URIRef(CAMEO)))
    assert {str(c).removeprefix(str(CAMEO)) for c in listed} == set(CODEBOOK)
    for code, name in CODEBOOK.items():
        concept = CAMEO[code]
        assert concept in listed
        assert vocab.value(concept, SKOS.prefLabel) == Literal(name, lang="en")
        assert vocab.value(concept, SKOS.notation) == Literal(code, datatype=CAMEO["code"])
        parent = vocab.value(concept, SKOS.broader)
        if len(code) == 2:  # a root code
            assert parent is None and (concept, SKOS.topConceptOf, URIRef(CAMEO)) in vocab
        else:  # CAMEO codes nest by their digits: 042 is under 04
            assert parent == CAMEO[code[:2]]


def test_every_kind_has_its_matches(vocab):
    visits = matches(vocab, "visit-kind")
    assert set(visits) == set(VISIT_KINDS)
    for kind, props in visits.items():  # every visit is made and hosted
        assert {CAMEO["042"], CAMEO["043"]} <= {URIRef(i) for i in props["broadMatch"]}, kind
    assert visits["state"]["exactMatch"] == {str(WD.Q2324916)}  # Wikidata's "state visit"
    assert visits["multilateral"]["relatedMatch"] == {str(CAMEO["044"])}
    events = matches(vocab, "event-kind")
    assert set(events) == set(EVENT_KINDS)
    assert events["talks"] == {"closeMatch": {str(CAMEO["046"])}}
    assert events["signing-ceremony"] == {"closeMatch": {str(CAMEO["057"])}}
    assert events["wreath-laying"] == {"broadMatch": {str(CAMEO["017"])}}
    unmatched = {kind for kind, props in events.items() if not props}
    assert unmatched == {"motorcade", "banquet", "stay", "departure"}
    wikidata = {i for ps in [*visits.values(), *events.values()] for iris in ps.values()
                for i in iris if i.startswith(str(WD))}
    assert wikidata == {str(WD.Q2324916)}  # only what was checked


def test_export_codes_are_the_vocabulary_codes(vocab):
    for code, (root, name) in cameo.EVENTS.items():
        assert vocab.value(CAMEO[code], SKOS.prefLabel) == Literal(name, lang="en")
        assert vocab.value(CAMEO[code], SKOS.broader) == CAMEO[root]


# -- the alpha-3 table ------------------------------------------------------------------------

# How the table departs from gsh's codes (see src/diplokg/query/data/README.md)
FIXED = {"BU": "MM", "CW": "CK", "EW": "EE", "XB": "KR", "XJ": "MO",
         "XE": "CS", "XF": "DD", "XI": "YU", "XH": "VN"}
PRIVATE = {"XA", "XC", "XD", "XG", "XK", "XL", "QR"}
ADDED = {"SU", "RH", "NC", "NU", "PF"}  # codes the importer gives states gsh lacks
CAMEO_OWN = {"CS": "CZA", "DD": "GME", "ME": "MTN", "RO": "ROM", "SU": "USR", "TL": "TMP"}
FORMER = {"AN": "ANT", "CS": "CSK", "DD": "DDR", "RH": "RHO", "SU": "SUN", "YU": "YUG"}


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, str]]:
    rows = read_csv(TABLE)
    assert [list(rows[0])] == [["alpha2", "alpha3", "cameo", "name"]]
    by_code = {row["alpha2"]: row for row in rows}
    assert len(by_code) == len(rows) and len(rows) > 200
    return by_code


@pytest.mark.skipif(not GSH.is_dir(), reason=f"{GSH} is not here")
def test_alpha3_table_follows_the_gsh_countries(table):
    own, fixed = {}, {}
    for path in sorted(GSH.glob("*.xml")):
        country = ET.parse(path).getroot()
        code = country.findtext("iso2").upper()
        if code in FIXED:
            fixed.setdefault(FIXED[code], country.findtext("label"))
        elif code not in PRIVATE:
            own.setdefault(code, country.findtext("label"))
    assert set(table) == set(own) | set(fixed) | ADDED
    for code, label in own.items():  # named by the country whose own code it is
        assert table[code]["name"] == label, code
    assert not set(table) & PRIVATE
    importer = REPO / "src" / "diplokg" / "importers" / "data" / "countries.csv"
    imported = {row["iso2"] for row in read_csv(importer) if row["iso2"]}
    assert imported <= set(table)  # every imported state can be coded


def test_alpha3_and_cameo_codes(table):
    for code, row in table.items():
        assert len(row["alpha3"]) == 3 and row["alpha3"].isupper(), code
        assert row["cameo"] == CAMEO_OWN.get(code, row["alpha3"]), code
    assert len({row["alpha3"] for row in table.values()}) == len(table)
    for code, (own, iso3) in SEED_CODES.items():
        assert (table[code]["cameo"], table[code]["alpha3"]) == (own, iso3)
    for code, iso3 in FORMER.items():
        assert table[code]["alpha3"] == iso3
    assert cameo.countries()["SU"] == cameo.Country("SU", "SUN", "USR", "Soviet Union")


@pytest.mark.skipif(not ISO_CODES.is_file(), reason=f"{ISO_CODES} is not here")
def test_alpha3_codes_are_the_iso_codes(table):
    iso = {c["alpha_2"]: c["alpha_3"]
           for c in json.loads(ISO_CODES.read_text(encoding="utf-8"))["3166-1"]}
    for code, row in table.items():
        assert row["alpha3"] == iso.get(code, FORMER.get(code)), code


# -- the export -------------------------------------------------------------------------------

def expected_seed_rows() -> set[tuple]:
    """(iso_date, date, source, target, code, fact id, place) read from the seed file."""
    facts = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    iso = {state["id"]: state["iso"] for state in facts["states"]}
    office_states = {person["id"]: {o["state"] for o in person.get("offices", [])}
                     for person in facts["persons"]}
    places = {place["id"]: place for place in facts["places"]}
    rows = set()
    for visit in facts["visits"]:
        if visit["status"] != "took-place" or "start" not in visit:
            continue
        start = str(visit["start"])
        if "from" in visit:
            states = {visit["from"]}
        else:
            states = set().union(*(office_states[v] for v in visit["visitors"]))
        assert len(states) == 1, visit["id"]  # the seed's visitors each held one state's offices
        visitor, host = SEED_CODES[iso[states.pop()]][0], SEED_CODES[iso[visit["destination"]]][0]
        named = [places[p] for p in visit.get("places", [])]
        cities = [p["name"] for p in named if p["kind"] == "city"] or [p["name"] for p in named]
        day = start.replace("-", "") if len(start) == 10 else ""
        rows.add((start, day, visitor, host, "042", f"visit/{visit['id']}", "; ".join(cities)))
        rows.add((start, day, host, visitor, "043", f"visit/{visit['id']}", "; ".join(cities)))
    for agreement in facts["agreements"]:
        if "signed" not in agreement:
            continue
        signed = str(agreement["signed"])
        day = signed.replace("-", "") if len(signed) == 10 else ""
        for a, b in permutations(agreement["parties"], 2):
            rows.add((signed, day, SEED_CODES[iso[a]][0], SEED_CODES[iso[b]][0], "057",
                      f"agreement/{agreement['id']}", ""))
    return rows


def seen(rows: list[dict[str, str]]) -> set[tuple]:
    return {(r["iso_date"], r["date"], r["source_actor_code"], r["target_actor_code"],
             r["event_code"], r["fact"].removeprefix("https://w3id.org/diplokg/id/"),
             r["place"]) for r in rows}


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("export") / "seeds.csv"
    result = run("export", SEEDS, "-o", out, "--format", "cameo")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_seed_rows_are_what_the_fact_file_says(seed_export):
    out, output = seed_export
    rows = read_csv(out)
    assert list(rows[0]) == list(cameo.COLUMNS)
    expected = expected_seed_rows()
    assert seen(rows) == expected and len(rows) == len(expected) == 16
    for row in rows:
        code = row["event_code"]
        assert (row["event_root_code"], row["event"]) == cameo.EVENTS[code]
        if code == "057":
            assert row["visiting_state_by"] == "" and row["kind"] in ("treaty", "declaration")
        else:
            assert row["visiting_state_by"] in ("capacity", "office")
        names = {v[0]: k for k, v in SEED_CODES.items()}
        for side in ("source", "target"):  # the ISO alpha-3 code beside CAMEO's
            assert row[f"{side}_actor_iso3"] == SEED_CODES[names[row[f"{side}_actor_code"]]][1]
    by_fact = {(r["fact"], r["event_code"], r["source_actor_code"]): r for r in rows}
    putin = by_fact[("https://w3id.org/diplokg/id/visit/putin-2024-north-korea", "042", "RUS")]
    assert (putin["date"], putin["source_actor"], putin["target_actor"]) == (
        "20240619", "Russia", "North Korea")
    treaty = by_fact[("https://w3id.org/diplokg/id/agreement/ussr-north-korea-1961-treaty",
                      "057", "USR")]
    assert (treaty["source_actor"], treaty["target_actor_code"]) == ("Soviet Union", "PRK")
    assert "16 event rows" in output
    for reason in (cameo.NOT_TAKEN_PLACE, cameo.NO_START, cameo.NOT_SIGNED):
        assert f"{reason} (1)" in output  # invited visit, undated visit, expected agreement


def test_built_file_and_store_give_the_same_bytes(seed_export, tmp_path):
    out, _ = seed_export
    built = tmp_path / "seeds.ttl"
    assert run("build", SEEDS, "-o", built).exit_code == 0
    again = tmp_path / "again.csv"
    assert run("export", built, "-o", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
    assert run("load", built, "--store", tmp_path / "store").exit_code == 0
    stored = tmp_path / "stored.csv"
    assert run("export", "--store", tmp_path / "store", "-o", stored).exit_code == 0
    assert stored.read_bytes() == out.read_bytes()


def test_visiting_state_unknown_then_from(small, tmp_path):
    """A visitor who held offices of two states at the time: no visiting state is guessed;
    the visit's `from:` settles it."""
    replace_in(small, "    evidence: [\"arrived in Zenda\"]\n",
               "    evidence: [\"arrived in Zenda\"]\n  - id: graustark\n    source: gazette\n"
               "    name: Graustark\n    iso: LU\n    evidence: [\"Leader A\"]\n")
    replace_in(small, "        start: 2020\n",
               "        start: 2020\n      - title: President of Graustark\n"
               "        state: graustark\n        start: 2019\n")
    out = tmp_path / "out.csv"
    result = run("export", small, "-o", out)
    assert result.exit_code == 0, result.output
    visits = [r for r in read_csv(out) if r["event_code"] in ("042", "043")]
    assert [(r["event_code"], r["source_actor"], r["source_actor_code"], r["target_actor"],
             r["visiting_state_by"]) for r in visits] == [
        ("042", "", "", "Zenda", "unknown"), ("043", "Zenda", "", "", "unknown")]
    assert f"{cameo.UNKNOWN_VISITING_STATE} (1)" in result.output
    assert f"{cameo.UNCODED_ACTOR} (" in result.output  # ZD is no ISO code
    replace_in(small, "    hosts: [king-b]\n", "    hosts: [king-b]\n    from: ruritania\n")
    replace_in(small, "    text: article.txt\n",
               "    text: article.txt\n    url: https://example.org/gazette/1\n")
    assert run("export", small, "-o", out).exit_code == 0
    visits = [r for r in read_csv(out) if r["event_code"] == "042"]
    assert [(r["source_actor"], r["source_actor_code"], r["visiting_state_by"], r["date"],
             r["kind"], r["source_url"]) for r in visits] == [
        ("Ruritania", "RUS", "from", "20240506", "state", "https://example.org/gazette/1")]


HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"]


def test_hostile_values_cannot_become_formulas(small, tmp_path):
    replace_in(small, "name: Zenda", f"name: '{HOSTILE[0]}'")
    replace_in(small, "name: Ruritania", f"name: '{HOSTILE[1]}'")
    out = tmp_path / "out.csv"
    result = run("export", small, "-o", out)
    assert result.exit_code == 0, result.output
    cells = {cell for row in read_csv(out) for cell in row.values()}
    assert "'" + HOSTILE[0] in cells and "'" + HOSTILE[1] in cells
    assert not any(cell.startswith(cameo.FORMULA_START) for cell in cells)
    for value in HOSTILE + ["\tx", "\rx"]:
        assert cameo.safe_cell(value) == "'" + value
    assert cameo.safe_cell("North Korea") == "North Korea"


def test_cells_with_line_breaks_and_quotes_stay_one_cell():
    odd = cameo.Actor("https://example.org/s", 'A "B"\nC,\rD', "", "")
    row = cameo.Row("", "2000", odd, odd, cameo.SIGN, "", "", "https://example.org/a", "")
    text = "\n".join(cameo.lines(cameo.Export([row]))) + "\n"
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[1][3] == 'A "B"\nC,\rD' and len(parsed) == 2
    assert all(len(cells) == len(cameo.COLUMNS) for cells in parsed)


def test_too_many_parties_are_left_out(small, tmp_path):
    out = tmp_path / "out.csv"
    result = run("export", small, "-o", out, "--max-parties", "2")
    assert result.exit_code == 0 and len(read_csv(out)) == 2 + 2 * 2
    replace_in(small, "    parties: [ruritania, zenda-state]\n    signed: 1990",
               "    parties: [ruritania]\n    signed: 1990")
    result = run("export", small, "-o", out)
    assert f"{cameo.TOO_FEW_PARTIES} (1)" in result.output and len(read_csv(out)) == 2 + 2


def test_usage_and_failures(small, tmp_path):
    out = tmp_path / "out.csv"
    assert run("export", "-o", out).exit_code == 2  # no data
    assert run("export", small, "--store", tmp_path, "-o", out).exit_code == 2
    assert run("export", small, "-o", out, "--format", "gdelt").exit_code == 2
    assert run("export", small, "-o", small).exit_code == 2  # over an input
    assert run("export", small, "-o", tmp_path / "article.txt").exit_code == 2  # source text
    assert run("export", tmp_path / "missing.yaml", "-o", out).exit_code == 3
    broken = REPO / "tests" / "cases" / "broken-seed" / "facts.yaml"
    result = run("export", broken, "-o", out)
    assert result.exit_code == 1 and "violation" in result.output
    assert not out.exists()  # nothing written on any failure


def test_export_is_a_documented_command(seed_export):
    assert "export" in run("--help").output
    result = run("export", "--help")
    assert result.exit_code == 0 and "042" in result.output and "--max-parties" in result.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "diplokg export (PATHS... | --store DIR) -o FILE.csv" in readme
    section = readme.split("## Event data: CAMEO", 1)[1].split("\n## ", 1)[0]
    assert "Q2324916" in section
    session = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    out, output = seed_export  # the session's export of the seeds, and its summary line
    assert session[0] == "$ diplokg export seeds/ -o events.csv"
    assert session[1] == output.strip().splitlines()[-1].replace(str(out), "events.csv")
    assert session[2] == "$ grep putin-2024 events.csv"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert session[3:] == [line for line in lines if "putin-2024" in line]
