"""Querying in-process: the bundled queries' rows on the seed graph, parameter binding,
result formats, on-disk stores, and the query and load commands."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import socket

import pytest
import typer
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from conftest import REPO, SEEDS, SMALL
from diplokg import namespaces as ns
from diplokg.build import pipeline
from diplokg.cli.load import load as load_command
from diplokg.cli.query import listing
from diplokg.cli.query import query as query_command
from diplokg.errors import QueryError, StoreError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as query
from diplokg.query import remote, results, store
from query_cases import CASES, shown

app = typer.Typer()
app.command()(query_command)
app.command()(load_command)
runner = CliRunner()

PUTIN = URIRef(DEFAULT_BASE + "person/vladimir-putin")


def run_cli(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """The seed and small cases built once into Turtle: {"seeds": path, "small": path}."""
    folder = tmp_path_factory.mktemp("built")
    paths = {"seeds": folder / "seeds.ttl", "small": folder / "small.ttl"}
    pipeline.build([SEEDS], paths["seeds"])
    pipeline.build([SMALL], paths["small"])
    return paths


@pytest.fixture(scope="module")
def seed_store(built):
    return store.memory_store([built["seeds"]])


def run(name: str, params: dict, data) -> list[tuple]:
    chosen = query.named(name)
    return shown(query.run(chosen, query.bind(chosen, params), data).rows)


# -- bundled queries ------------------------------------------------------------------------

@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{'-'.join(p.values())}" for n, p, _ in CASES])
def test_bundled_query_rows_on_the_seeds(name, params, rows, seed_store):
    assert run(name, params, seed_store) == rows


def test_every_bundled_query_is_tested_documented_and_listed():
    bundled = query.bundled()
    assert len(bundled) >= 8
    assert {name for name, _, _ in CASES} == set(bundled)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    text = listing()
    for name, chosen in bundled.items():
        assert chosen.title and chosen.description and chosen.params, name
        assert all(p.description for p in chosen.params), name
        assert f"`{name}`" in readme, f"README does not document {name}"
        assert f"{name}: {chosen.title}" in text
        for param in chosen.params:
            assert f"--param {param.name}={param.type.upper()}  {param.description}" in text


def test_gap_between_putins_visits_to_north_korea_is_24_years(seed_store):
    [row] = run("gap-since-previous-visit", {"leader": "vladimir-putin", "state": "north-korea"},
                seed_store)
    assert row == ("visit:putin-2024-north-korea", '"2024-06-19"^^xsd:date',
                   "visit:putin-2000-north-korea", '"2000-06-19"^^xsd:date',
                   '"24"^^xsd:integer', '"true"^^xsd:boolean')


def test_chain_from_1961_to_the_expected_agreement(seed_store):
    rows = run("supersession-chain", {"agreement": "ussr-north-korea-1961-treaty"}, seed_store)
    links = [(older, newer) for older, _, newer, _, _ in rows]
    assert links == [("agreement:ussr-north-korea-1961-treaty",
                      "agreement:russia-north-korea-2000-agreement"),
                     ("agreement:russia-north-korea-2000-agreement",
                      "agreement:russia-north-korea-2024-agreement")]


def test_bundled_queries_give_the_same_rows_straight_from_fact_files(seed_store):
    from_facts = store.memory_store([SEEDS], facts=pipeline.fact_quads)
    assert count(from_facts) == count(seed_store)
    for name, params, rows in CASES:
        assert run(name, params, from_facts) == rows


def test_bundled_queries_see_graphs_loaded_one_per_source(tmp_path, built):
    folder = tmp_path / "store"
    loaded = store.load_store([built["seeds"]], folder, per_source=True)
    assert [item.graph for item in loaded] == [
        None, DEFAULT_BASE + "source/cnn-2024-06-putin-pyongyang"]
    on_disk = store.open_store(folder)
    for name, params, rows in CASES:
        assert run(name, params, on_disk) == rows


# -- parameters -----------------------------------------------------------------------------

def test_missing_and_unknown_parameters_name_the_query_and_its_parameters():
    chosen = query.named("gap-since-previous-visit")
    with pytest.raises(QueryError, match=r"gap-since-previous-visit needs --param state=\.\.\.; "
                                         r"its parameters: leader \(person\), state \(state\)"):
        query.bind(chosen, {"leader": "vladimir-putin"})
    with pytest.raises(QueryError, match="has no parameter country; its parameters: leader"):
        query.bind(chosen, {"leader": "x", "state": "y", "country": "z"})


def test_unknown_named_query_lists_the_bundled_ones():
    with pytest.raises(QueryError, match="no bundled query named 'visits'; the bundled queries "
                                         "are: agreements-between, "):
        query.named("visits")


@pytest.mark.parametrize("kind,value,expected", [
    ("person", "vladimir-putin", PUTIN),
    ("person", "person:vladimir-putin", PUTIN),
    ("person", str(PUTIN), PUTIN),
    ("state", "https://example.org/kg/state/x", URIRef("https://example.org/kg/state/x")),
    ("date", "2024-06-19", Literal("2024-06-19", datatype=ns.XSD.date)),
    ("date", "2024-06", Literal("2024-06-01", datatype=ns.XSD.date)),
    ("date", "2024", Literal("2024-01-01", datatype=ns.XSD.date)),
    ("year", "2000", Literal("2000", datatype=ns.XSD.integer)),
    ("string", 'Kim" } DROP ALL #', Literal('Kim" } DROP ALL #')),
    ("iri", "visit:putin-2024-north-korea", URIRef(DEFAULT_BASE + "visit/putin-2024-north-korea")),
    ("iri", "urn:isbn:0451450523", URIRef("urn:isbn:0451450523")),
])
def test_parameter_values_become_rdf_terms(kind, value, expected):
    """Facts and IRIs become references, looked up in the data when the query runs."""
    chosen = query.Query("SELECT ?x WHERE { ?x ?p ?o }", "q", params=(query.Param("x", kind),))
    bound = query.bind(chosen, {"x": value})["x"]
    assert (bound.iri if isinstance(bound, query.Reference) else bound) == expected


@pytest.mark.parametrize("kind,value", [
    ("person", "state:russia"), ("person", "ftp://x/y"), ("person", "!?"),
    ("date", "2024-02-30"), ("date", "19 June 2024"), ("year", "24"),
    ("iri", "https://example.org/a b"), ("iri", "https://example.org/>{"), ("iri", "nope"),
])
def test_bad_parameter_values_are_refused(kind, value):
    chosen = query.Query("SELECT ?x WHERE { ?x ?p ?o }", "q", params=(query.Param("x", kind),))
    with pytest.raises(QueryError, match=re.escape(f"q: parameter x={value!r} is not ")):
        query.bind(chosen, {"x": value})


INJECTION = 'Vladimir Putin" } } SELECT * WHERE { ?s ?p ?o } #'


def test_a_string_parameter_is_a_literal_not_query_text(seed_store):
    chosen = query.parse("# param: name string a label\n"
                         "SELECT ?name ?p WHERE { ?p rdfs:label ?name }")
    bindings = query.bind(chosen, {"name": INJECTION})
    assert query.run(chosen, bindings, seed_store).rows == []
    text, shape = query.prepare(chosen, bindings)
    sent = query.with_values(text, shape, bindings)
    assert 'VALUES (?name) { ("Vladimir Putin\\" } } SELECT * WHERE { ?s ?p ?o } #") }' in sent
    assert query.run(chosen, query.bind(chosen, {"name": "Vladimir Putin"}),
                     seed_store).rows == [(Literal("Vladimir Putin"), PUTIN)]


def test_values_open_the_outermost_group_past_strings_comments_and_templates():
    cases = {
        'SELECT ?x # {\nWHERE { ?x rdfs:label "{" }': '{ VALUES (?x) { (<urn:x>) } ?x',
        "CONSTRUCT { ?x a ?t } WHERE { ?x a ?t }": "WHERE { VALUES (?x) { (<urn:x>) } ?x a",
        "ASK { ?x ?p ?o }": "ASK { VALUES (?x) { (<urn:x>) } ?x",
        "SELECT ?x (EXISTS { ?x ?p 1 } AS ?e) { ?x ?p ?o }": "?e) { VALUES (?x)",
    }
    for text, expected in cases.items():
        chosen = query.Query(text, "q", params=(query.Param("x", "iri"),))
        bindings = {"x": URIRef("urn:x")}
        prepared, shape = query.prepare(chosen, bindings)
        assert expected in query.with_values(prepared, shape, bindings), text


def test_parameters_bind_filters_and_aggregates_without_being_selected(seed_store):
    chosen = query.parse("# param: after date a day\n"
                         "SELECT (COUNT(?v) AS ?n) WHERE { ?v a dk:Visit ; dk:startEarliest ?s "
                         "FILTER (?s > ?after) }")
    answer = query.run(chosen, query.bind(chosen, {"after": "2020"}), seed_store)
    assert shown(answer.rows) == [('"2"^^xsd:integer',)]  # 2023 and 2024


def test_parameters_must_be_used():
    unused = query.parse("# param: leader person who\nSELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match=r"never uses \?leader"):
        query.prepare(unused, query.bind(unused, {"leader": "vladimir-putin"}))


def test_bad_header_line_is_reported():
    with pytest.raises(QueryError, match="bad parameter line '# param: who country x'"):
        query.parse("# param: who country x\nSELECT * WHERE { ?s ?p ?o }")


def test_inline_queries_get_the_project_prefixes(seed_store):
    chosen = query.parse("SELECT ?v WHERE { ?v dk:visitor person:kim-jong-un } ORDER BY ?v")
    assert shown(query.run(chosen, {}, seed_store).rows) == [
        ("visit:kim-jong-un-2023-russia",), ("visit:kim-jong-un-moscow-invited",)]


def test_bad_sparql_is_a_query_error(seed_store):
    with pytest.raises(QueryError, match="not valid SPARQL"):
        query.run(query.parse("SELECT ?x WHERE { ?x"), {}, seed_store)
    with pytest.raises(QueryError, match="not a SPARQL query"):
        query.run(query.parse("visits of putin please"), {}, seed_store)


# -- result formats --------------------------------------------------------------------------

PUTIN_VISITS = ("visits-of-leader", {"leader": "vladimir-putin"})


@pytest.fixture(scope="module")
def putin_visits(seed_store):
    chosen = query.named(PUTIN_VISITS[0])
    return query.run(chosen, query.bind(chosen, PUTIN_VISITS[1]), seed_store)


def test_table(putin_visits):
    office = "  President of Russia"
    assert results.write(putin_visits, "table", query.prefixes_for()) == "\n".join([
        "visit                         destination        start       status"
        "                  office",
        "----------------------------  -----------------  ----------  ----------------------"
        "  -------------------",
        "visit:putin-2000-north-korea  state:north-korea  2000-06-19  visitstatus:took-place"
        + office,
        "visit:putin-2024-north-korea  state:north-korea  2024-06-19  visitstatus:took-place"
        + office,
        "(2 rows)", ""])


def test_csv_and_tsv_follow_the_sparql_result_formats(putin_visits):
    rows = list(csv.reader(io.StringIO(results.write(putin_visits, "csv", {}), newline="")))
    assert rows[0] == ["visit", "destination", "start", "status", "office"]
    assert rows[1][:3] == [DEFAULT_BASE + "visit/putin-2000-north-korea",
                           DEFAULT_BASE + "state/north-korea", "2000-06-19"]
    assert results.write(putin_visits, "csv", {}).endswith("took-place,President of Russia\r\n")
    tsv = results.write(putin_visits, "tsv", {}).splitlines()
    assert tsv[0] == "?visit\t?destination\t?start\t?status\t?office"
    assert tsv[1].split("\t")[2] == '"2000-06-19"^^<http://www.w3.org/2001/XMLSchema#date>'


def test_json_reads_back_to_the_same_rows(putin_visits):
    text = results.write(putin_visits, "json", {})
    document = json.loads(text)
    assert document["head"]["vars"] == putin_visits.variables
    assert document["results"]["bindings"][0]["start"] == {
        "type": "literal", "value": "2000-06-19", "datatype": str(ns.XSD.date)}
    read_back = query.read_results(text.encode(), "application/sparql-results+json")
    assert read_back.fetched().rows == putin_visits.rows


def test_unbound_cells_are_left_out_of_json_and_empty_elsewhere(seed_store):
    chosen = query.named("visits-of-leader")
    answer = query.run(chosen, query.bind(chosen, {"leader": "kim-jong-il"}), seed_store)
    assert "start" not in json.loads(results.write(answer, "json", {}))[
        "results"]["bindings"][1]
    assert results.write(answer, "csv", {}).splitlines()[2].split(",")[2] == ""


def test_construct_gives_turtle_and_refuses_row_formats(seed_store):
    chosen = query.parse("CONSTRUCT { ?v dk:visitor ?who } WHERE { ?v dk:visitor ?who ; "
                         "dk:destination state:north-korea }")
    answer = query.run(chosen, {}, seed_store)
    text = results.write(answer, None, query.prefixes_for())
    assert "visit:putin-2000-north-korea dk:visitor person:vladimir-putin ." in text
    assert results.write(answer, "nt", {}).count(" .\n") == 2
    with pytest.raises(QueryError, match="gives a graph: use --format turtle or nt"):
        results.write(answer, "csv", {})
    with pytest.raises(QueryError, match="is for CONSTRUCT and DESCRIBE"):
        results.write(query.run(query.parse("ASK { ?s ?p ?o }"), {}, seed_store), "turtle", {})


def test_ask(seed_store):
    answer = query.run(query.parse("ASK { person:vladimir-putin a dk:Person }"), {}, seed_store)
    assert results.write(answer, None, {}) == "true\n"
    assert json.loads(results.write(answer, "json", {})) == {"head": {}, "boolean": True}


# -- stores and credentials -----------------------------------------------------------------

def count(data) -> int:
    answer = query.run(query.parse("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), {}, data)
    return int(answer.rows[0][0])


@pytest.mark.parametrize("graph", [None, "https://example.org/graphs/g"])
def test_on_disk_store_replace_and_append(graph, tmp_path, built):
    folder, seeds_ttl, small_ttl = tmp_path / "store", built["seeds"], built["small"]
    seeds, small = count(store.memory_store([seeds_ttl])), count(store.memory_store([small_ttl]))
    both = count(store.memory_store([seeds_ttl, small_ttl]))  # less than seeds + small:
    assert both < seeds + small  # the labels of concepts both use are in both files
    assert store.load_store([small_ttl], folder, graph) == [store.Loaded(graph, small)]
    assert store.load_store([seeds_ttl], folder, graph, replace=False) == [
        store.Loaded(graph, both - small)]
    assert count(store.open_store(folder)) == both
    store.load_store([seeds_ttl], folder, graph)
    assert count(store.open_store(folder)) == seeds


def test_load_refuses_a_folder_that_is_not_a_store(tmp_path, built):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store and not empty"):
        store.load_store([built["seeds"]], tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_missing_store_and_unreadable_input_are_exit_code_3(tmp_path):
    with pytest.raises(StoreError, match="no store there") as error:
        store.open_store(tmp_path / "nowhere")
    assert error.value.exit_code == 3
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(Exception, match="bad.ttl: not valid RDF") as error:
        store.memory_store([bad])
    assert error.value.exit_code == 3


def test_credentials_come_from_the_environment(monkeypatch):
    for name in (remote.TOKEN_VARIABLE, remote.USER_VARIABLE, remote.PASSWORD_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    assert remote.credentials() == {}
    monkeypatch.setenv(remote.USER_VARIABLE, "ann")
    monkeypatch.setenv(remote.PASSWORD_VARIABLE, "secret")
    assert remote.credentials() == {"Authorization": "Basic YW5uOnNlY3JldA=="}
    monkeypatch.setenv(remote.TOKEN_VARIABLE, "t0k")
    assert remote.credentials() == {"Authorization": "Bearer t0k"}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_endpoint_is_exit_code_3():
    url = f"http://127.0.0.1:{closed_port()}/query"
    with pytest.raises(StoreError, match="cannot reach the server") as error:
        query.run_endpoint(query.parse("ASK { ?s ?p ?o }"), {}, url)
    assert error.value.exit_code == 3


# -- the commands ----------------------------------------------------------------------------

def test_query_command_with_a_bundled_query(tmp_path):
    result = run_cli("query", "gap-since-previous-visit", SEEDS,
                     "--param", "leader=vladimir-putin", "-p", "state=north-korea")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].split() == [
        "visit:putin-2024-north-korea", "2024-06-19", "visit:putin-2000-north-korea",
        "2000-06-19", "24", "true"]


def test_query_command_list():
    result = run_cli("query", "--list")
    assert result.exit_code == 0
    assert result.output == listing()
    assert result.output.startswith("agreements-between: The agreements between two states\n")
    assert "\n  --param leader=PERSON  the visiting leader, e.g. vladimir-putin\n" in result.output


def test_query_command_file_inline_and_store(tmp_path, built):
    rq = tmp_path / "mine.rq"
    rq.write_text("# Kim Jong Un's hosts\nSELECT DISTINCT ?h WHERE "
                  "{ ?v dk:visitor person:kim-jong-un ; dk:host ?h }\n", encoding="utf-8")
    by_file = run_cli("query", "--file", rq, built["seeds"], "-f", "csv")
    by_path = run_cli("query", rq, built["seeds"], "-f", "csv")
    assert by_file.stdout_bytes == by_path.stdout_bytes == f"h\r\n{PUTIN}\r\n".encode()
    folder = tmp_path / "store"
    loaded = run_cli("load", built["seeds"], "--store", folder)
    triples = count(store.memory_store([built["seeds"]]))
    assert loaded.exit_code == 0
    assert f"loaded {triples} triples into the default graph of {folder}" in loaded.output
    inline = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", folder,
                     "-f", "tsv")
    assert inline.output == f'?n\n"{triples}"^^<{ns.XSD.integer}>\n'


@pytest.mark.parametrize("args,code,message", [
    (["query", "no-such-query", SEEDS], 2, "no bundled query named 'no-such-query'"),
    (["query", "visits-of-leader", SEEDS], 2, "needs --param leader=..."),
    (["query", "visits-of-leader", "-p", "leader=x"], 2, "give the data to query"),
    (["query", SEEDS], 2, "the first argument is the query"),
    (["query", "-n", "visits-of-leader", "-p", "leader=x", "--store", "/nonexistent/store"],
     3, "no store there"),
    (["query", "-n", "visits-of-leader", "-p", "leader=x", "missing.ttl"], 3,
     "missing.ttl: no such file"),
    (["query", "SELECT ?x WHERE {", SEEDS], 2, "not valid SPARQL"),
    (["load", SEEDS], 2, "give where to load"),
    (["load", SEEDS, "--store", "s", "--graph", "not an iri"], 2, "is not a full IRI"),
    (["load", SEEDS, "--store", "s", "--graph", "https://example.org/g", "--per-source"], 2,
     "choose --graph or --per-source, not both"),
])
def test_command_errors(args, code, message):
    result = run_cli(*args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_readme_query_session_is_what_the_commands_print(tmp_path, monkeypatch, built):
    """Every `$ diplokg query ...` in the README's Querying section, run again here."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Querying"):readme.index("### Bundled queries")]
    session = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    (tmp_path / "out").mkdir()
    shutil.copy(built["seeds"], tmp_path / "out" / "seeds.ttl")
    (tmp_path / "seeds").symlink_to(SEEDS)
    monkeypatch.chdir(tmp_path)
    commands = re.findall(r"^\$ diplokg (query .*)\n((?:(?!\$ ).*\n)*)", session, re.M)
    assert len(commands) >= 4
    for command, expected in commands:
        result = runner.invoke(app, shlex.split(command))
        assert result.exit_code == 0, result.output
        assert result.output == expected, command
