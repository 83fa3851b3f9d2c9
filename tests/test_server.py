"""Against a real triple store: the Oxigraph server (from the `oxigraph` package of the
test extra) on 127.0.0.1, a free port and a temporary folder.  The seed graph goes in
through the Graph Store Protocol and the bundled queries run over HTTP.  Nothing is
mocked; the server is started once for the module and stopped by its process id."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest
import typer
from typer.testing import CliRunner

from conftest import SEEDS, SMALL, stop
from diplokg.build import pipeline
from diplokg.cli.load import load as load_command
from diplokg.cli.query import query as query_command
from diplokg.errors import QueryError, StoreError
from diplokg.query import engine as query
from diplokg.query import store
from diplokg.rdf import serialize
from query_cases import CASES, shown

SERVER = Path(sys.executable).parent / "oxigraph"
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_it_answers(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Oxigraph server stopped at once (exit {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"the Oxigraph server did not answer within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The server's base URL, e.g. http://127.0.0.1:PORT."""
    if not SERVER.exists():
        pytest.fail(f"no Oxigraph server at {SERVER}: install the test extra "
                    "(pip install -e '.[test]'), which brings the oxigraph package")
    folder = tmp_path_factory.mktemp("oxigraph")
    url = f"http://127.0.0.1:{free_port()}"
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(SERVER), "serve", "--location", str(folder / "data"), "--bind", url[7:]],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_it_answers(url, process)
        yield url
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="module")
def seeds_ttl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "seeds.ttl"
    pipeline.build([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def loaded(server, seeds_ttl):
    """The seed graph in the server's default graph; the query endpoint's URL."""
    store.load_endpoint([seeds_ttl], f"{server}/store")
    return f"{server}/query"


def triples_in(*paths: Path) -> int:
    return len({q.triple for path in paths for q in pyoxigraph.parse(path=str(path))})


def count(endpoint: str, graph: str | None = None) -> int:
    pattern = "?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
    answer = query.run_endpoint(
        query.parse(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"), {}, endpoint)
    return int(answer.rows[0][0])


def test_store_holds_exactly_the_triples_of_the_file(loaded, seeds_ttl):
    assert count(loaded) == triples_in(seeds_ttl) > 500


@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{'-'.join(p.values())}" for n, p, _ in CASES])
def test_bundled_queries_give_the_same_rows_over_http(name, params, rows, loaded, seeds_ttl):
    chosen = query.named(name)
    bindings = query.bind(chosen, params)
    over_http = query.run_endpoint(chosen, bindings, loaded)
    in_process = query.run(chosen, bindings, store.memory_store([seeds_ttl]))
    assert over_http.variables == in_process.variables
    assert over_http.rows == in_process.rows
    assert shown(over_http.rows) == rows


def test_construct_and_ask_over_http(loaded):
    graph = query.run_endpoint(query.parse(
        "CONSTRUCT { ?v dk:host ?h } WHERE { ?v dk:host ?h ; dk:destination state:russia }"),
        {}, loaded)
    assert len(graph.triples) == 3
    ask = query.run_endpoint(query.parse("ASK { person:kim-jong-un dk:parent ?p }"), {}, loaded)
    assert ask.boolean is True


def test_replace_and_append(server, seeds_ttl):
    graph = "https://example.org/graphs/replace-append"
    small = seeds_ttl.parent / "small.ttl"
    pipeline.build([SMALL], small)
    store.load_endpoint([small], f"{server}/store", graph=graph)
    assert count(f"{server}/query", graph) == triples_in(small)
    store.load_endpoint([seeds_ttl], f"{server}/store", graph=graph, replace=False)
    assert count(f"{server}/query", graph) == triples_in(small, seeds_ttl)
    store.load_endpoint([seeds_ttl], f"{server}/store", graph=graph)
    assert count(f"{server}/query", graph) == triples_in(seeds_ttl)


def test_named_graph_leaves_the_default_graph_alone(server, loaded, seeds_ttl):
    before = count(loaded)
    graph = "https://example.org/graphs/named"
    done = store.load_endpoint([SEEDS], f"{server}/store", graph=graph,
                               facts=pipeline.fact_quads)
    assert [(d.graph, d.triples) for d in done] == [(graph, triples_in(seeds_ttl))]
    assert count(loaded, graph) == triples_in(seeds_ttl)
    assert count(loaded) == before


def test_one_named_graph_per_source(server, loaded, seeds_ttl):
    done = store.load_endpoint([seeds_ttl], f"{server}/store", per_source=True)
    expected = {None if name is None else str(name): len(part) for name, part in
                serialize.split_by_source(pipeline.graph_from_facts([SEEDS]).graph).items()}
    assert {d.graph: d.triples for d in done} == expected
    source = next(name for name in expected if name)
    assert count(loaded, source) == expected[source]
    store.load_endpoint([seeds_ttl], f"{server}/store")  # the default graph as the others expect
    assert count(loaded) == triples_in(seeds_ttl)


def test_load_and_query_commands(server, loaded, seeds_ttl):
    app = typer.Typer()
    app.command()(query_command)
    app.command()(load_command)
    runner = CliRunner()
    result = runner.invoke(app, ["load", str(seeds_ttl), "--endpoint", f"{server}/store"])
    assert result.exit_code == 0, result.output
    assert f"loaded {triples_in(seeds_ttl)} triples into the default graph" in result.output
    args = ["query", "gap-since-previous-visit", "-p", "leader=vladimir-putin",
            "-p", "state=north-korea"]
    over_http = runner.invoke(app, [*args, "--endpoint", loaded])
    in_process = runner.invoke(app, [*args, str(seeds_ttl)])
    assert over_http.exit_code == 0, over_http.output
    assert over_http.output == in_process.output
    assert " 24 " in over_http.output


def test_server_errors_say_what_the_server_answered(server, loaded):
    with pytest.raises(QueryError, match="the endpoint refused the query: .*HTTP 400") as error:
        query.run_endpoint(query.parse("SELECT ?x WHERE { ?x"), {}, loaded)
    assert error.value.exit_code == 2
    with pytest.raises(StoreError, match="HTTP 404") as error:
        query.run_endpoint(query.parse("ASK { ?s ?p ?o }"), {}, f"{server}/nowhere")
    assert error.value.exit_code == 3
