"""Parameters are looked up in the data queried: ids, IRIs, names and aliases, merged-away
ids; a value that matches nothing is an error with suggestions.  In-process, on an on-disk
store and on a real Oxigraph server; and querying fact files shows their warnings."""

from __future__ import annotations

import re

import pytest
import typer
from rdflib import URIRef
from typer.testing import CliRunner

from conftest import REPO, SEEDS
from diplokg.build import pipeline
from diplokg.cli.query import query as query_command
from diplokg.errors import QueryError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as query
from diplokg.query import store
from query_cases import shown
from test_server import server  # noqa: F401  (the fixture: a real Oxigraph server)

MERGE = REPO / "tests" / "cases" / "merge"  # a second report: visits merged into the seed's
PUTIN = URIRef(DEFAULT_BASE + "person/vladimir-putin")
VISIT_2000 = URIRef(DEFAULT_BASE + "visit/putin-2000-north-korea")

app = typer.Typer()
app.command()(query_command)
runner = CliRunner()


@pytest.fixture(scope="module")
def merged_ttl(tmp_path_factory):
    """The seeds and a second report, built: putin-2000-pyongyang was merged away."""
    path = tmp_path_factory.mktemp("names") / "merged.ttl"
    pipeline.build([SEEDS, MERGE], path)
    return path


@pytest.fixture(scope="module")
def data(merged_ttl):
    return store.memory_store([merged_ttl])


def bound(name: str, params: dict, data) -> dict:
    """What the parameters of a bundled query stand for in ``data``."""
    chosen = query.named(name)
    return query.resolve(chosen, query.bind(chosen, params), data)


@pytest.mark.parametrize("value", [
    "vladimir-putin", "person:vladimir-putin", str(PUTIN),
    "Vladimir Putin", "vladimir putin", "Vladímir Pútin!",  # the name: case, accents aside
    "Vladimir Vladimirovich Putin",  # the second report's spelling, now an alias
])
def test_a_person_is_an_id_an_iri_a_name_or_an_alias(value, data):
    assert bound("visits-of-leader", {"leader": value}, data) == {"leader": PUTIN}


def test_names_work_for_every_kind_and_as_fact_files_compare_them(data):
    assert bound("gap-since-previous-visit", {"leader": "KIM JONG-IL", "state": "North Korea"},
                 data) == {"leader": URIRef(DEFAULT_BASE + "person/kim-jong-il"),
                           "state": URIRef(DEFAULT_BASE + "state/north-korea")}


def test_merged_away_ids_answer_as_the_fact_they_were_merged_into(data):
    assert bound("events-of-visit", {"visit": "putin-2000-pyongyang"}, data) == {
        "visit": VISIT_2000}
    assert bound("evidence-for", {"fact": "visit:putin-2000-pyongyang"}, data) == {
        "fact": VISIT_2000}
    chosen = query.named("evidence-for")
    rows = shown(query.run(chosen, query.bind(chosen, {"fact": "visit:putin-2000-pyongyang"}),
                           data).rows)
    assert ("visit:putin-2000-north-korea", '"arrived in Pyongyang on 19 July 2000 for talks '
            'with Kim Jong-il"', "source:second-report", '"diplokg tests"') in rows


@pytest.mark.parametrize("name,params,message", [
    ("visits-of-leader", {"leader": "putin"},
     "visits-of-leader: parameter leader='putin' matches no person in the data, by id, IRI, "
     "name or alias; did you mean vladimir-putin?"),
    ("visits-of-leader", {"leader": "Kim"}, "did you mean kim-il-sung, kim-jong-il, kim-jong-un?"),
    ("visits-of-leader", {"leader": "north-korea"}, "matches no person"),  # a state's id
    ("visits-of-leader", {"leader": "https://example.org/kg/person/x"}, "matches no person"),
    ("events-of-visit", {"visit": "putin-2000-nort-korea"},
     "did you mean putin-2000-north-korea, putin-2024-north-korea?"),
    ("evidence-for", {"fact": "visit:putin-2000-pyongyan"},
     "parameter fact='visit:putin-2000-pyongyan' is not in the data; "
     "did you mean visit:putin-2000-north-korea?"),
    ("evidence-for", {"fact": "urn:nothing"}, "parameter fact='urn:nothing' is not in the data"),
])
def test_a_value_that_matches_nothing_is_an_error_with_suggestions(name, params, message,
                                                                   data):
    with pytest.raises(QueryError, match=re.escape(message)) as error:
        bound(name, params, data)
    assert error.value.exit_code == 2


def test_a_name_of_several_facts_is_an_error_and_ids_are_not_names(tmp_path):
    people = tmp_path / "people.ttl"
    people.write_text(
        "@prefix dk: <https://w3id.org/diplokg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix person: <https://w3id.org/diplokg/id/person/> .\n"
        'person:a a dk:Person ; rdfs:label "Ann Lee" .\n'
        'person:b a dk:Person ; rdfs:label "Bo" ; skos:altLabel "ann lee" .\n'
        'person:bo-ray a dk:Person ; rdfs:label "Cy" .\n'
        'person:d a dk:Person ; rdfs:label "Bo Ray" .\n', encoding="utf-8")
    data = store.memory_store([people])
    with pytest.raises(QueryError, match=r"leader='Ann-Lee' is a name of several persons: a, b; "
                                         r"give the id of the one you mean"):
        bound("visits-of-leader", {"leader": "Ann-Lee"}, data)
    person = DEFAULT_BASE + "person/"
    assert bound("visits-of-leader", {"leader": "Bo Ray"}, data) == {"leader": URIRef(person + "d")}
    assert bound("visits-of-leader", {"leader": "bo-ray"}, data) == {
        "leader": URIRef(person + "bo-ray")}


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_query_on_fact_files_prints_their_warnings_and_the_rows_alone_on_stdout():
    result = cli("visits-of-leader", SEEDS, MERGE, "-p", "leader=Vladimir Putin", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "visit,destination,start,status,office",
        # the sources disagree on its start: the preferred value still answers
        f"{VISIT_2000},https://w3id.org/diplokg/id/state/north-korea,2000-06-19,"
        "https://w3id.org/diplokg/vocab/visit-status/took-place,President of Russia",
        f"{DEFAULT_BASE}visit/putin-2024-north-korea,https://w3id.org/diplokg/id/state/"
        "north-korea,2024-06-19,https://w3id.org/diplokg/vocab/visit-status/took-place,"
        "President of Russia"]
    assert "  visit putin-2000-north-korea\n    line 348: warning: start: sources disagree: " \
           "2000-06-19" in result.stderr
    assert result.stderr.endswith("0 violation(s), 2 warning(s)\n")


def test_a_wrong_parameter_on_fact_files_is_exit_code_2():
    result = cli("visits-of-leader", SEEDS, "-p", "leader=putin")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith("error: visits-of-leader: parameter leader='putin' matches no "
                                  "person in the data, by id, IRI, name or alias; did you mean "
                                  "vladimir-putin?\n")


def test_on_disk_store(tmp_path, merged_ttl):
    folder = tmp_path / "store"
    store.load_store([merged_ttl], folder)
    by_name = cli("events-of-visit", "-p", "visit=putin-2000-pyongyang", "--store", folder)
    assert by_name.exit_code == 0, by_name.output
    assert "visit:putin-2000-north-korea/event/meeting" in by_name.stdout
    missing = cli("visits-of-leader", "-p", "leader=putin", "--store", folder)
    assert missing.exit_code == 2
    assert "did you mean vladimir-putin?" in missing.stderr


def test_on_an_oxigraph_server(server, merged_ttl):  # noqa: F811
    store.load_endpoint([merged_ttl], f"{server}/store")
    endpoint = f"{server}/query"
    chosen = query.named("visits-of-leader")
    by_name = query.run_endpoint(chosen, query.bind(chosen, {"leader": "Kim Jong-il"}), endpoint)
    by_id = query.run(chosen, query.bind(chosen, {"leader": "kim-jong-il"}),
                      store.memory_store([merged_ttl]))
    assert by_name.rows == by_id.rows and len(by_id.rows) == 2
    merged_away = cli("evidence-for", "-p", "fact=visit:putin-2000-pyongyang",
                      "--endpoint", endpoint, "-f", "csv")
    assert merged_away.exit_code == 0, merged_away.output
    assert merged_away.stdout.count(f"{VISIT_2000},") == 4
    assert f"{VISIT_2000}/event/meeting," in merged_away.stdout
    missing = cli("visits-of-leader", "-p", "leader=putin", "--endpoint", endpoint)
    assert missing.exit_code == 2
    assert "did you mean vladimir-putin?" in missing.stderr
