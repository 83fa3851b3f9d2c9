"""The importer of the WIPO treaty membership table, checked against an independent
reading of the raw CSV (../shared/data/wipo-copyright-treaty-membership) with the csv
module: counts of treaties, parties and actions, who is bound on a day, and a sample of
rows action by action.  Small tables made in the tests cover what the real one lacks:
names that match nothing, instruments that cannot be imported, malformed files."""

from __future__ import annotations

import csv
import os
import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import SEEDS, SHARED
from diplokg.build import pipeline
from diplokg.cli import app
from diplokg.importers import visits
from diplokg.importers.treaties import COLUMNS, import_treaty_table
from diplokg.problems import VIOLATION
from diplokg.query import engine, store

TABLE = SHARED / "data" / "wipo-copyright-treaty-membership"
CSV = TABLE / "data" / "membership-to-copyright-treaties.csv"
VISITS_CASE = Path(__file__).parent / "cases" / "archive"
pytestmark = pytest.mark.skipif(not CSV.is_file(), reason=f"{CSV} is not here")

# What the table's instrument types are, in the words of the action model.
INSTRUMENT_KINDS = {
    "Ratification": "ratification",
    "Accession": "accession",
    "Acceptance": "acceptance",
    "Declaration of Continued Application": "continued-application",
    "Declaration/Notification of Succession": "succession",
}


def run(*args) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def raw() -> list[tuple[dict, str]]:
    """Each row of the CSV, with its line as it stands in the file."""
    text = CSV.read_text(encoding="utf-8")
    assert '"' not in text  # no quoted cells: each row is one line of the file
    lines = text.splitlines()[1:]
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(lines) == 1501
    return list(zip(rows, lines, strict=True))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("wipo") / "facts"
    return out, import_treaty_table(TABLE, out)


def section(folder: Path, pattern: str) -> list[dict]:
    facts = []
    for path in sorted(folder.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (name,) = set(data) - {"diplokg"}
        facts.extend(data[name])
    return facts


@pytest.fixture(scope="module")
def facts(imported) -> dict[str, list[dict]]:
    out, _ = imported
    return {"agreements": section(out, "agreements-*.yaml"),
            "states": section(out, "states.yaml"),
            "organisations": section(out, "organisations.yaml")}


@pytest.fixture(scope="module")
def party_of(facts) -> dict[str, str]:
    """The table's party name -> the id of the state or organisation that quotes it."""
    found: dict[str, str] = {}
    for fact in facts["states"] + facts["organisations"]:
        for name in fact["evidence"]:
            assert name not in found, f"{name} is quoted by {found[name]} and {fact['id']}"
            found[name] = fact["id"]
    return found


@pytest.fixture(scope="module")
def treaty_of(facts) -> dict[str, dict]:
    """The table's treaty name -> the agreement that quotes it."""
    return {name: fact for fact in facts["agreements"] for name in fact["evidence"]}


# -- counts -------------------------------------------------------------------------------


def test_seventeen_treaties_and_194_parties(raw, facts, party_of, treaty_of, imported):
    _, summary = imported
    treaty_names = {row["Treaty"] for row, _ in raw}
    party_names = {row["Contracting Party"] for row, _ in raw}
    assert len(treaty_names) == 17 and set(treaty_of) == treaty_names
    assert len(facts["agreements"]) == 17
    assert len(party_names) == 194 and set(party_of) == party_names
    assert len(facts["states"]) + len(facts["organisations"]) == 194
    assert sorted(f["id"] for f in facts["organisations"]) == [
        "african-intellectual-property-organization",
        "benelux-organization-for-intellectual-property", "european-patent-organisation",
        "european-union"]
    assert (summary.treaties, summary.parties, summary.states, summary.organisations) == (
        17, 194, 190, 4)
    assert summary.unmatched_parties == {} and summary.unmatched_treaties == {}
    assert summary.problems() == []


def test_signatures_instruments_and_entries_into_force_are_the_tables(raw, facts, imported):
    _, summary = imported
    actions = Counter(a["kind"] for f in facts["agreements"] for a in f["actions"])
    signatures = sum(bool(row["Signature Date"]) for row, _ in raw)
    instruments = Counter(INSTRUMENT_KINDS[row["Instrument Type"]] for row, _ in raw
                          if row["Instrument Type"])
    forces = sum(bool(row["Entry Into Force Date"]) for row, _ in raw)
    assert (signatures, sum(instruments.values()), forces) == (629, 1213, 1208)
    assert actions == Counter({"signature": signatures, "entry-into-force": forces,
                               **instruments})
    assert summary.signatures == signatures and summary.instruments == instruments
    assert summary.entries_into_force == forces
    # no row has an instrument date without a type: the two rows with an empty type have
    # an entry into force only, which is imported without an instrument
    assert not [row for row, _ in raw if row["Instrument Date"] and not row["Instrument Type"]]
    assert summary.force_without_instrument == sum(
        1 for row, _ in raw if row["Entry Into Force Date"] and not row["Instrument Type"]) == 2
    assert summary.retroactive == len(retroactive_rows(raw)) == 62  # as the README says


def retroactive_rows(raw) -> list[dict]:
    return [row for row, _ in raw if row["Entry Into Force Date"] and row["Instrument Date"]
            and row["Entry Into Force Date"] < row["Instrument Date"]]


def test_parties_are_those_bound_or_about_to_be(raw, treaty_of, party_of):
    for name, fact in treaty_of.items():
        consented = {party_of[row["Contracting Party"]] for row, _ in raw if row["Treaty"] == name
                     and (row["Instrument Type"] or row["Entry Into Force Date"])}
        assert set(fact.get("parties", [])) == consented, name
        forces = any(row["Entry Into Force Date"] for row, _ in raw if row["Treaty"] == name)
        assert fact["status"] == ("in-force" if forces else "signed"), name
    assert "parties" not in treaty_of["Riyadh"]  # signed only, by 25 states


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name, kind, fact_id, iso", [
    ("Bolivia (Plurinational State of)", "states", "bolivia", "BO"),
    ("Netherlands (Kingdom of the)", "states", "netherlands", "NL"),
    ("Côte d'Ivoire", "states", "cote-divoire", "CI"),
    ("Türkiye", "states", "turkiye", "TR"),
    ("Democratic People's Republic of Korea", "states", "north-korea", "KP"),
    ("Republic of Korea", "states", "south-korea", "KR"),
    ("Russian Federation", "states", "russia", "RU"),
    ("Czech Republic", "states", "czechia", "CZ"),
    ("Viet Nam", "states", "vietnam", "VN"),
    ("Congo", "states", "republic-of-the-congo", "CG"),
    ("Democratic Republic of the Congo", "states", "democratic-republic-of-the-congo", "CD"),
    ("United States of America", "states", "united-states", "US"),
    ("Iran (Islamic Republic of)", "states", "iran", "IR"),
    ("European Union (EU)", "organisations", "european-union", None),
    ("African Intellectual Property Organization (OAPI)", "organisations",
     "african-intellectual-property-organization", None),
])
def test_un_style_names_are_the_projects_states_and_organisations(facts, party_of, name,
                                                                   kind, fact_id, iso):
    assert party_of[name] == fact_id
    (fact,) = [f for f in facts[kind] if f["id"] == fact_id]
    assert name in [fact["name"], *fact.get("aliases", [])]
    assert fact.get("iso") == iso


def test_states_have_the_ids_the_visits_importer_gives_them(facts):
    """A state with an ISO code has the id the visits importer gives that code's state
    (from its table of countries), so the two imports name one state alike."""
    countries = visits.read_countries()
    by_code: dict[str, set[str]] = {}
    for row, (iso, _) in countries.items():
        if iso and row not in visits.HISTORICAL:
            by_code.setdefault(iso, set()).add(visits.state_id(row, countries))
    assert all(len(ids) == 1 for ids in by_code.values())
    for fact in facts["states"]:
        assert by_code[fact["iso"]] == {fact["id"]}, fact["id"]


def test_the_state_names_table_names_rows_of_the_country_table():
    from diplokg.importers.treaties import STATE_NAMES_CSV, party_names

    countries = visits.read_countries()
    lines = [line for line in STATE_NAMES_CSV.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert rows and all(row["slug"] in countries for row in rows)
    assert [row["name"] for row in rows] == sorted(row["name"] for row in rows)
    assert None not in party_names().values()  # no name of two parties


# -- the graph -------------------------------------------------------------------------------


def test_the_import_builds_with_the_seeds_without_violations(imported):
    out, _ = imported
    problems = pipeline.validate([SEEDS, out]).problems
    assert [p for p in problems if p.severity == VIOLATION] == []
    # the one warning of the import: the Riyadh treaty is signed, and no one is party yet
    assert [(p.fact, p.field) for p in problems
            if Path(p.file).resolve().parent == out.resolve()] == [
        ("agreement riyadh-design-law-treaty", "parties")]


QUERIED = ("Brussels", "Madrid", "WIPO Copyright Treaty (WCT)")


@pytest.fixture(scope="module")
def graph(imported, treaty_of, tmp_path_factory):
    """The seeds and the import's files for the queried treaties, built into a store
    (the other treaties' files are left out to keep the queries fast)."""
    out, _ = imported
    names = ["sources.yaml", "states.yaml", "organisations.yaml",
             *(f"agreements-{treaty_of[name]['id']}.yaml" for name in QUERIED)]
    ttl = tmp_path_factory.mktemp("wipo-graph") / "some.ttl"
    result = pipeline.build([SEEDS, *(out / name for name in names)], ttl)
    assert [p for p in result.problems if p.severity == VIOLATION] == []
    return store.memory_store([ttl])


def bound_on(graph, agreement: str, day: str) -> set[str]:
    query = engine.named("parties-on-date")
    rows = engine.run(query, engine.bind(query, {"agreement": agreement, "date": day}),
                      graph).rows
    return {str(party).rsplit("/", 1)[1] for party, _ in rows}


@pytest.mark.parametrize("treaty, day", [
    # Bosnia and Herzegovina, Croatia, North Macedonia and Serbia, bound from 1991 and 1992
    # by declarations of 1993 to 2006
    ("Brussels", "1993-01-01"),
    ("Brussels", "2010-01-01"),
    ("Madrid", "1931-07-28"),  # New Zealand, with no instrument, is bound from the 29th
    # Montenegro (in force 2006-06-03, declared 2006-12-04) and Serbia (2000, declared 2006)
    ("Madrid", "2006-07-01"),
    ("WIPO Copyright Treaty (WCT)", "2002-03-06"),  # its first day in force
    ("WIPO Copyright Treaty (WCT)", "2010-03-14"),  # the European Union, on its day
])
def test_parties_on_a_date_are_those_in_force_by_then(raw, graph, party_of, treaty_of,
                                                      treaty, day):
    assert treaty in QUERIED
    rows = [row for row, _ in raw if row["Treaty"] == treaty]
    expected = {party_of[row["Contracting Party"]] for row in rows
                if row["Entry Into Force Date"] and row["Entry Into Force Date"] <= day}
    assert bound_on(graph, treaty_of[treaty]["id"], day) == expected
    assert expected


def test_retroactive_entries_into_force_count_from_their_own_day(raw, graph, party_of,
                                                                  treaty_of):
    for treaty, day, count in (("Brussels", "1993-01-01", 4), ("Madrid", "2006-07-01", 2)):
        early = [row for row in retroactive_rows(raw) if row["Treaty"] == treaty
                 and row["Entry Into Force Date"] <= day < row["Instrument Date"]]
        assert len(early) == count
        found = bound_on(graph, treaty_of[treaty]["id"], day)
        assert {party_of[row["Contracting Party"]] for row in early} <= found
    assert "new-zealand" in bound_on(graph, "madrid-agreement-indications-of-source",
                                     "1931-07-29")


# -- a sample of rows --------------------------------------------------------------------------


def test_a_sample_of_rows_has_exactly_the_actions_the_row_gives(raw, treaty_of, party_of):
    for row, line in random.Random(20260306).sample(raw, 10):
        expected = set()
        if row["Signature Date"]:
            expected.add(("signature", row["Signature Date"]))
        if row["Instrument Type"]:
            expected.add((INSTRUMENT_KINDS[row["Instrument Type"]], row["Instrument Date"]))
        if row["Entry Into Force Date"]:
            expected.add(("entry-into-force", row["Entry Into Force Date"]))
        party = party_of[row["Contracting Party"]]
        actions = treaty_of[row["Treaty"]]["actions"]
        of_row = [a for a in actions if a["party"] == party]
        assert {(a["kind"], a["date"]) for a in of_row} == expected, line
        assert all(a["evidence"] == [line] for a in of_row), line
        assert [a for a in actions if a["evidence"] == [line]] == of_row


# -- the command line --------------------------------------------------------------------------


def test_the_command_recognises_the_table_and_reports_the_figures(tmp_path, imported):
    result = run("import", TABLE, "-o", tmp_path / "facts")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "imported 1501 rows: 17 treaties, 194 parties (190 states and 4 organisations "
        "written, 0 states and 0 organisations from the registry), 629 signatures, 1213 "
        "instruments (799 accession, 339 ratification, 57 continued-application, "
        "17 succession, 1 acceptance), 1208 entries into force (62 before their "
        "instrument, 2 without one); not matched: 0 parties, 0 treaties; into 20 files")
    # the same table gives the same bytes
    first, second = (sorted(d.iterdir()) for d in (tmp_path / "facts", imported[0]))
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    replaced = run("import", TABLE, "-o", tmp_path / "facts")
    assert replaced.exit_code == 0 and "(the earlier import there was replaced)" in replaced.output
    (tmp_path / "facts" / "visits-1990.yaml").write_text("# Generated by diplokg import\n")
    refused = run("import", TABLE, "-o", tmp_path / "facts")
    assert refused.exit_code == 3 and "holds 'visits-1990.yaml'" in refused.output


def table(folder: Path, *rows: str, header: str = ",".join(COLUMNS), name="table.csv") -> Path:
    """A folder holding data/<name> with the header and rows; returns the folder."""
    (folder / "data").mkdir(parents=True)
    (folder / "data" / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def test_kinds_are_recognised_by_their_files_or_named(tmp_path):
    # a folder of any name holding the table's file under another name
    folder = table(tmp_path / "visits", "Japan,Berne,,Accession,1899-06-18,1899-07-15",
                   name="members.csv")
    result = run("import", folder, "-o", tmp_path / "a")
    assert result.exit_code == 0 and "imported 1 rows: 1 treaties" in result.output
    named = run("import", folder, "-o", tmp_path / "b", "--kind", "wipo-treaties")
    assert named.exit_code == 0 and "imported 1 rows" in named.output
    wrong = run("import", folder, "-o", tmp_path / "c", "--kind", "visits")
    assert wrong.exit_code == 3 and "no data/ folder of decade XML files" in wrong.output
    assert run("import", VISITS_CASE, "-o", tmp_path / "d").output.startswith(
        "imported 19 records")
    unknown = run("import", tmp_path / "a", "-o", tmp_path / "e")
    assert unknown.exit_code == 3
    assert unknown.output.startswith(f"error: {tmp_path / 'a'}: not an archive diplokg "
                                     "import knows")
    assert run("import", tmp_path / "nowhere", "-o", tmp_path / "f").exit_code == 3
    assert run("import", folder, "-o", tmp_path / "g", "--kind", "census").exit_code == 2
    (folder / "data" / "d1990.xml").write_text("<visits/>\n", encoding="utf-8")
    both = run("import", folder, "-o", tmp_path / "h")
    assert both.exit_code == 2 and "--kind visits or --kind wipo-treaties" in both.output
    assert not any((tmp_path / name).exists() for name in "cefgh")


def test_what_cannot_be_matched_is_reported_and_left_out(tmp_path):
    folder = table(
        tmp_path / "t",
        "Japan,Berne,,Accession,1899-06-18,1899-07-15",
        "Atlantis,Berne,1886-09-09,Ratification,1887-09-05,1887-12-05",
        "Japan,Lisbon,,Accession,1999-01-01,1999-04-01",
        "France,Berne,1886-09-09,Approval,1887-09-05,1887-12-05",
        "Spain,Berne,1886-09-09,,1887-09-05,1887-12-05",
        "Italy,Berne,1886-09-09,Ratification,,",
        "\u202eEvil\x1b[31m,Berne,,Accession,1999-01-01,")
    result = run("import", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:6] == [
        "not matched: party 'Atlantis' (1 row(s) left out)",
        "not matched: party '\\u202eEvil\\u001b[31m' (1 row(s) left out)",
        "not matched: treaty 'Lisbon' (1 row(s) left out)",
        "not imported: instrument type 'Approval' (1 row(s)): the instrument is left out, "
        "the row's other dates are kept",
        "not imported: 1 instrument date(s) with no instrument type",
        "not imported: 1 instrument type(s) with no instrument date"]
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "not matched: 2 parties, 1 treaties" in lines[6]
    (berne,) = section(tmp_path / "out", "agreements-*.yaml")
    got = {(a["party"], a["kind"], a["date"]) for a in berne["actions"]}
    assert got == {("japan", "accession", "1899-06-18"),
                   ("japan", "entry-into-force", "1899-07-15"),
                   ("france", "signature", "1886-09-09"),
                   ("france", "entry-into-force", "1887-12-05"),
                   ("spain", "signature", "1886-09-09"),
                   ("spain", "entry-into-force", "1887-12-05"),
                   ("italy", "signature", "1886-09-09")}
    assert berne["parties"] == ["france", "japan", "spain"]
    states = {f["id"] for f in section(tmp_path / "out", "states.yaml")}
    assert states == {"france", "italy", "japan", "spain"}
    assert pipeline.validate([tmp_path / "out"]).problems == []


@pytest.mark.parametrize("rows, says", [
    (["Japan,Berne,,Accession,1899-02-30,1899-07-15"],
     r"line 2: Instrument Date is not a date YYYY-MM-DD \(found '1899-02-30'\)"),
    (["Japan,Berne,,Accession,1899-06-18"], r"line 2: has 5 cell\(s\); the table has 6"),
    (["Japan,Berne,,Accession,1899-06-18,1899-07-15", ",Berne,,,,1899-07-15"],
     r"line 3: Contracting Party is empty"),
    ([f"{'J' * 600},Berne,,,,1899-07-15"], r"line 2: Contracting Party is longer than 500"),
    (['"Japan,Berne,,,,1899-07-15'], r"not valid CSV"),
    (["Japan,Berne,1886-9-9,,,"], r"Signature Date is not a date"),
])
def test_a_malformed_table_is_a_clean_exit_3_and_writes_nothing(tmp_path, rows, says):
    folder = table(tmp_path / "t", *rows)
    result = run("import", folder, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(f"error: {folder / 'data' / 'table.csv'}: ")
    assert re.search(says, result.output), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]


def test_a_table_that_is_not_utf8_or_a_link_is_refused(tmp_path):
    folder = table(tmp_path / "t", "Japan,Berne,,Accession,1899-06-18,1899-07-15")
    path = folder / "data" / "table.csv"
    path.write_bytes(path.read_bytes() + "Côte d'Ivoire,Berne,,,,1962-01-01\n".encode("latin-1"))
    result = run("import", folder, "-o", tmp_path / "out")
    assert result.exit_code == 3 and f"{path}: line 3: not UTF-8" in result.output
    linked = tmp_path / "linked"
    (linked / "data").mkdir(parents=True)
    os.symlink(CSV, linked / "data" / "table.csv")
    for args in ([], ["--kind", "wipo-treaties"]):
        assert run("import", linked, "-o", tmp_path / "out", *args).exit_code == 3
    assert not (tmp_path / "out").exists()


def test_a_registry_names_the_states_it_declares(tmp_path):
    out = tmp_path / "facts"
    result = run("import", TABLE, "-o", out, "--registry",
                 SEEDS / "000_6518fb5451382061.facts.yaml")
    assert result.exit_code == 0, result.output
    assert "183 states and 4 organisations written, 7 states and 0 organisations" in (
        result.output)
    states = {f["id"] for f in section(out, "states.yaml")}
    seeds = {"russia", "north-korea", "south-korea", "united-states", "japan", "ukraine",
             "china"}
    assert not states & seeds
    wct = {a["party"] for f in section(out, "agreements-wipo-copyright-treaty.yaml")
           for a in f["actions"]}
    assert {"japan", "russia", "united-states"} <= wct
    problems = pipeline.validate([SEEDS, out]).problems
    assert [p for p in problems if p.severity == VIOLATION] == []

