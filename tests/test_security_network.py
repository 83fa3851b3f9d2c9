"""Network hygiene, stores, RDF made elsewhere and query results, against hostile input.

A hostile endpoint (tests/hostile_server.py: two origins on 127.0.0.1, started once
for the module and stopped by its process id) redirects, answers with terminal
escapes, hangs up, answers slowly or without end, and records every request it gets,
so the tests can check what reached which origin.  Stores are real pyoxigraph stores
and the RDF files are real hostile files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from conftest import stop
from diplokg.cli import app
from diplokg.errors import StoreError
from diplokg.namespaces import DK
from diplokg.query import engine as query
from diplokg.query import remote, results, store
from diplokg.rdf.serialize import CONTEXT_URL
from diplokg.safetext import json_text

HERE = Path(__file__).parent
TOKEN = "t0k-secret"
runner = CliRunner()
ASK = "ASK { ?s ?p ?o }"


def run_cli(*args, env: dict | None = None):
    result = runner.invoke(app, [str(a) for a in args], env=env)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def one_error_line(result) -> str:
    """The error, checked to be one printable line (stderr holds nothing else)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert not any(ch in lines[0] for ch in "\x1b\x07\r")
    return lines[0]


# -- the hostile server -------------------------------------------------------------------

@dataclass
class Hostile:
    a: str  # http://127.0.0.1:PORT, one origin
    b: str  # the other origin
    log: Path

    def mark(self) -> int:
        return len(self.requests())

    def requests(self, since: int = 0) -> list[dict]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines[since:]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    log = folder / "requests.jsonl"
    log.touch()
    with (folder / "stderr.txt").open("wb") as errors:
        process = subprocess.Popen([sys.executable, str(HERE / "hostile_server.py"), str(log)],
                                   stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        ports = process.stdout.readline().split()
        assert len(ports) == 2, "the hostile server did not start"
        yield Hostile(f"http://127.0.0.1:{ports[0]}", f"http://127.0.0.1:{ports[1]}", log)
    finally:
        stop(process)
        process.stdout.close()


@pytest.fixture
def small_ttl(tmp_path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text('<http://example.org/a> <http://example.org/p> "v" .\n'
                    '<http://example.org/b> <http://example.org/p> "w" .\n', encoding="utf-8")
    return path


@pytest.fixture
def token(monkeypatch):
    monkeypatch.setenv(remote.TOKEN_VARIABLE, TOKEN)
    return {"Authorization": f"Bearer {TOKEN}"}


# -- URLs and credentials -----------------------------------------------------------------

@pytest.mark.parametrize("url,shown", [
    ("http://ann:s3cret@host:8080/store", "http://***@host:8080/store"),
    ("https://ann@host/q", "https://***@host/q"),
    ("http://ann:pa/ss@word@host/q", "http://***@host/q"),
    ("ann:s3cret@host/q", "***@host/q"),
    ("http://host:7878/query?x=1", "http://host:7878/query?x=1"),
])
def test_credentials_are_redacted_from_urls(url, shown):
    assert remote.redact(url) == shown


@pytest.mark.parametrize("url,message", [
    ("http://[::1", "Invalid IPv6 URL"),
    ("http://[::1/query", "Invalid IPv6 URL"),
    ("http://exa mple.org/query", "space, line break or control character"),
    ("http://host/query\r\nX-Evil: 1", "space, line break or control character"),
    ("http://host/\x1b[2J", "space, line break or control character"),
    ("http://host/qu\u00e9ry", "non-ASCII"),
    ("ftp://host/query", "not an http:// or https:// URL"),
    ("host:7878/query", "not an http:// or https:// URL"),
    ("http://host:99999/query", "Port out of range"),
    ("http://host:port/query", "Port could not be cast"),
    ("http:///query", "has no host"),
    ("http://host/store#", "#fragment"),
    ("http://ann:s3cret@127.0.0.1:9/query", "credentials do not go in the URL"),
])
@pytest.mark.parametrize("command", ["query", "load"])
def test_endpoint_urls_that_cannot_be_sent_are_usage_errors(url, message, command, small_ttl):
    args = ([ASK, "--endpoint", url] if command == "query"
            else [small_ttl, "--endpoint", url])
    result = run_cli(command, *args)
    assert result.exit_code == 2, result.output
    line = one_error_line(result)
    assert line.startswith("error: endpoint ") and message in line
    assert "s3cret" not in result.output


def test_credentials_with_a_line_break_are_refused(monkeypatch, small_ttl):
    monkeypatch.setenv(remote.TOKEN_VARIABLE, "abc\r\nX-Evil: 1")
    result = run_cli("load", small_ttl, "--endpoint", "http://127.0.0.1:9/store")
    assert result.exit_code == 2
    assert "DIPLOKG_ENDPOINT_TOKEN has a line break" in one_error_line(result)


# -- redirects ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("append", [False, True])
def test_a_redirected_load_is_an_error_and_goes_nowhere(code, append, hostile, token,
                                                         small_ttl):
    mark = hostile.mark()
    result = run_cli("load", small_ttl, "--endpoint", f"{hostile.a}/redirect/same/{code}",
                     *(["--append"] if append else []))
    assert result.exit_code == 3
    line = one_error_line(result)
    assert f"the server redirects (HTTP {code})" in line and "nothing was stored" in line
    assert "loaded" not in result.output
    assert [r["path"].split("?")[0] for r in hostile.requests(mark)] == [
        f"/redirect/same/{code}"]


def test_a_redirect_to_another_origin_gets_no_credentials(hostile, token, small_ttl):
    mark = hostile.mark()
    result = run_cli("load", small_ttl, "--endpoint", f"{hostile.a}/redirect/other/307")
    assert result.exit_code == 3
    with pytest.raises(StoreError, match="to another origin") as error:
        remote.request("GET", f"{hostile.a}/redirect/other/302")
    assert error.value.exit_code == 3
    with pytest.raises(StoreError, match=r"to another origin, http://\*\*\*@127") as error:
        remote.request("GET", f"{hostile.a}/redirect/userinfo/301")
    assert "hunter2" not in str(error.value)
    requests = hostile.requests(mark)
    assert len(requests) == 3
    assert all(r["port"] == int(hostile.a.rsplit(":", 1)[1]) for r in requests)


def test_a_get_follows_a_redirect_on_its_origin_with_its_credentials(hostile, token):
    mark = hostile.mark()
    answer = remote.request("GET", f"{hostile.a}/redirect/same/302")
    assert answer.status == 200 and b"row 1" in answer.body
    followed = hostile.requests(mark)[-1]
    assert followed["path"] == "/ok" and followed["headers"]["Authorization"] == token[
        "Authorization"]


@pytest.mark.parametrize("where,message", [
    ("broken", "cannot follow the answer: Invalid IPv6 URL"),
    ("file", "HTTP 302 ***@localhost/etc/passwd' is not allowed"),
])
def test_a_redirect_that_cannot_be_followed_is_a_clean_error(where, message, hostile, token):
    with pytest.raises(StoreError) as error:
        remote.request("GET", f"{hostile.a}/redirect/{where}/302")
    assert message in str(error.value) and "hunter2" not in str(error.value)


def test_a_redirected_query_is_an_error(hostile, token):
    result = run_cli("query", ASK, "--endpoint", f"{hostile.a}/redirect/same/303")
    assert result.exit_code == 3
    assert "the server redirects (HTTP 303)" in one_error_line(result)
    assert result.stdout == ""


# -- what counts as stored ----------------------------------------------------------------

@pytest.mark.parametrize("code,stored", [(200, True), (201, True), (204, True), (202, False),
                                         (203, False), (205, False), (206, False)])
def test_only_a_confirmed_load_counts_as_loaded(code, stored, hostile, small_ttl):
    result = run_cli("load", small_ttl, "--endpoint", f"{hostile.a}/stored/{code}")
    if stored:
        assert result.exit_code == 0, result.output
        assert "loaded 2 triples into the default graph of http://127.0.0.1:" in result.stderr
    else:
        assert result.exit_code == 3
        assert f"HTTP {code} " in one_error_line(result)
        assert "does not confirm the request (expected 200, 201, 204)" in result.stderr
        assert "loaded" not in result.output


def test_a_per_source_load_that_fails_part_way_says_which_graphs_were_replaced(
        hostile, tmp_path):
    data = tmp_path / "three-sources.ttl"
    data.write_text("".join(f"<http://example.org/{x}> <{DK.source}> "
                            f"<https://example.org/source/{x}> .\n" for x in "abc"),
                    encoding="utf-8")
    mark = hostile.mark()
    result = run_cli("load", data, "--per-source", "--endpoint",
                     f"{hostile.a}/fail-on/source%2Fb")
    assert result.exit_code == 3
    line = one_error_line(result)
    assert "HTTP 500" in line and line.endswith(
        "graphs replaced: <https://example.org/source/a>; failed: "
        "<https://example.org/source/b>; not sent: <https://example.org/source/c>")
    assert len(hostile.requests(mark)) == 2


# -- hostile answers ----------------------------------------------------------------------

def test_escapes_in_a_server_error_are_shown_escaped(hostile):
    result = run_cli("query", ASK, "--endpoint", f"{hostile.a}/escapes")
    assert result.exit_code == 3
    line = one_error_line(result)
    assert "HTTP 500 \\u001b[31mBad\\u001b[0m: \\u001b]0;pwned\\u0007\\u001b[2J ::error" in line
    assert not any(text.lstrip().startswith("::") for text in result.output.splitlines())


@pytest.mark.parametrize("path,message", [
    ("hangup", "the answer broke off: the connection closed 980 bytes before the end"),
    ("garbage", "the answer is not valid HTTP: \\u001b[2JNOT HTTP AT ALL"),
    ("silent", "the server closed the connection without answering"),
    ("json/truncated", "not valid application/sparql-results+json"),
    ("json/not-json", "not valid application/sparql-results+json"),
    ("json/bad-iri", "not valid application/sparql-results+json"),
    ("json/undeclared", "not valid application/sparql-results+json"),
    ("json/wrong-types", "not valid application/sparql-results+json"),
    ("json/boolean", "not valid application/sparql-results+json"),
    ("nowhere", "HTTP 404 Not Found: no such path"),
])
def test_broken_answers_are_clean_errors(path, message, hostile):
    result = run_cli("query", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint",
                     f"{hostile.a}/{path}")
    assert result.exit_code == 3
    line = one_error_line(result)
    assert line.startswith(f"error: POST {hostile.a}/{path}: ") and message in line


def test_a_slow_server_times_out(hostile):
    result = run_cli("query", ASK, "--endpoint", f"{hostile.a}/slow", "--timeout", "0.3")
    assert result.exit_code == 3
    assert one_error_line(result).endswith("/slow: no answer within 0.3 s")
    dripping = run_cli("query", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint",
                       f"{hostile.a}/drip", "--timeout", "0.5")
    assert dripping.exit_code == 3
    assert one_error_line(dripping).endswith("/drip: the answer did not end within 0.5 s")


def test_huge_answers_are_capped(hostile):
    with pytest.raises(StoreError, match="the answer is larger than 100,000 bytes"):
        query.run_endpoint(query.parse("SELECT ?x WHERE { ?x ?p ?o }"), {},
                           f"{hostile.a}/huge", limit=100_000)
    with pytest.raises(StoreError, match=r"HTTP 500 Internal Server Error: x+\.\.\.$") as error:
        query.run_endpoint(query.parse(ASK), {}, f"{hostile.a}/huge-error")
    assert len(str(error.value)) < remote.EXCERPT + 200


def test_rows_are_written_as_they_come(hostile):
    result = run_cli("query", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint",
                     f"{hostile.a}/rows-then-hangup", "-f", "csv")
    assert result.exit_code == 3
    assert result.stdout_bytes == b"x\r\nrow 1\r\nrow 2\r\nrow 3\r\n"
    assert "not valid application/sparql-results+json" in one_error_line(result)


# -- writing results as they come ----------------------------------------------------------

def rows_then_failure(count: int):
    for i in range(count):
        yield (Literal(f"row {i}"),)
    raise StoreError("the store went away")


@pytest.mark.parametrize("fmt,first", [
    ("csv", "x\r\nrow 0\r\nrow 1\r\n"),
    ("tsv", '?x\n"row 0"\n"row 1"\n'),
    ("json", '{\n  "head": {\n    "vars": [\n      "x"\n    ]\n  },\n  "results": {\n'
             '    "bindings": [\n      {\n        "x": {\n          "type": "literal",\n'
             '          "value": "row 0"\n        }\n      },\n      {\n        "x": {\n'
             '          "type": "literal",\n          "value": "row 1"\n        }\n      }'),
])
def test_writers_give_each_row_before_reading_the_next(fmt, first):
    pieces = results.chunks(query.Results(["x"], rows_then_failure(2)), fmt, {})
    written = []
    with pytest.raises(StoreError):
        for piece in pieces:
            written.append(piece)
    assert "".join(written) == first


@pytest.mark.parametrize("variables,rows", [
    (["x"], []),
    ([], []),
    ([], [()]),
    (["x", "y"], [(URIRef("http://example.org/a"), None), (None, None)]),
    (["x"], [(Literal("line\u2028break \x1b[2J \u202e ##[group] é"),),
             (Literal("2024", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),),
             (Literal("Pyongyang", lang="ko"),)]),
])
def test_streamed_json_is_the_whole_document(variables, rows):
    bindings = [{v: results._json_cell(t) for v, t in zip(variables, row, strict=True)
                 if t is not None} for row in rows]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    streamed = results.write(query.Results(variables, iter(rows)), "json", {})
    assert streamed == json_text(document) + "\n"
    assert json.loads(streamed) == document


def test_a_long_table_is_aligned_on_its_first_rows(monkeypatch):
    monkeypatch.setattr(results, "TABLE_ROWS", 2)
    rows = [(Literal("a"),), (Literal("bb"),), (Literal("a much longer cell"),)]
    text = results.write(query.Results(["x"], iter(rows)), "table", {})
    assert text == "x\n--\na\nbb\na much longer cell\n(3 rows)\n"


def test_table_cells_cannot_reach_the_terminal():
    rows = [(Literal("a\x1b]0;pwned\x07\nb \u202e"),), (URIRef("http://example.org/\u202e"),)]
    text = results.write(query.Results(["x"], rows), "table", {})
    assert "\x1b" not in text and "\u202e" not in text
    assert "a\\u001b]0;pwned\\u0007\\nb \\u202e" in text


def test_in_process_rows_stream_from_the_engine(small_ttl):
    data = store.memory_store([small_ttl])
    answer = query.run(query.parse("SELECT ?s WHERE { ?s ?p ?o }"), {}, data, stream=True)
    assert not isinstance(answer.rows, list)
    assert next(iter(answer.rows))[0] in (URIRef("http://example.org/a"),
                                          URIRef("http://example.org/b"))


# -- on-disk stores -------------------------------------------------------------------------

def count(folder: Path) -> int:
    return len(ox.Store.read_only(str(folder)))


@pytest.fixture
def filled(tmp_path, small_ttl) -> Path:
    folder = tmp_path / "store"
    assert run_cli("load", small_ttl, "--store", folder).exit_code == 0
    assert count(folder) == 2
    return folder


@pytest.mark.parametrize("options", [[], ["--append"], ["--per-source"],
                                     ["--graph", "https://example.org/g"]])
def test_a_failed_load_leaves_the_store_as_it_was(options, filled, small_ttl, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://example.org/c> <http://example.org/p> "x" .\nthis is not turtle\n',
                   encoding="utf-8")
    for inputs in ([bad], [small_ttl, bad]):
        result = run_cli("load", *inputs, "--store", filled, *options)
        assert result.exit_code == 3
        assert "bad.ttl: not valid RDF" in one_error_line(result)
        assert count(filled) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "small.ttl", "store"]


def test_a_load_swaps_in_a_whole_store(filled, tmp_path):
    more = tmp_path / "more.nt"
    more.write_text('<http://example.org/c> <http://example.org/p> "x" .\n', encoding="utf-8")
    os.chmod(filled, 0o750)
    link = tmp_path / "link"
    link.symlink_to(filled)
    assert run_cli("load", more, "--store", link, "--append").exit_code == 0
    assert link.is_symlink() and count(filled) == 3
    assert stat.S_IMODE(filled.stat().st_mode) == 0o750
    assert run_cli("load", more, "--store", filled).exit_code == 0
    assert count(filled) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "more.nt", "small.ttl", "store"]


@pytest.mark.parametrize("damage", ["garbage", "truncated-manifest"])
def test_a_damaged_store_is_exit_code_3(damage, filled, small_ttl):
    if damage == "garbage":
        (filled / "CURRENT").write_bytes(b"\x1b[2J garbage\n")
    else:
        manifest = next(filled.glob("MANIFEST-*"))
        manifest.write_bytes(manifest.read_bytes()[:10])
    before = store_files(filled)
    for args in (["query", ASK, "--store", filled], ["load", small_ttl, "--store", filled]):
        result = run_cli(*args)
        assert result.exit_code == 3
        assert "cannot open the store" in one_error_line(result)
    assert store_files(filled) == before


def store_files(folder: Path) -> dict[str, bytes]:
    """The store's files but RocksDB's own logs of what it did (LOG, LOG.old.*)."""
    return {p.name: p.read_bytes() for p in folder.iterdir()
            if p.is_file() and not p.name.startswith("LOG")}


# -- RDF made elsewhere: no network, no other files ------------------------------------------

def jsonld(tmp_path: Path, context, name: str = "data.jsonld") -> Path:
    path = tmp_path / name
    document = {"@id": "https://example.org/x", "name": "X"}
    if context is not None:
        document = {"@context": context, **document}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def refused_everywhere(path: Path, tmp_path: Path, message: str) -> None:
    for args in (["validate", path], ["query", ASK, path],
                 ["load", path, "--store", tmp_path / "s"]):
        result = run_cli(*args)
        assert result.exit_code == 3, (args, result.output)
        assert message in one_error_line(result)
    assert not (tmp_path / "s").exists()


def test_a_remote_json_ld_context_is_never_fetched(hostile, tmp_path):
    mark = hostile.mark()
    for context in (f"{hostile.b}/context", [{"x": "http://example.org/x"},
                                             f"{hostile.b}/context"],
                    {"@import": f"{hostile.b}/context"},
                    {"name": {"@id": "http://schema.org/name",
                              "@context": f"{hostile.b}/context"}}):
        refused_everywhere(jsonld(tmp_path, context), tmp_path, "is not fetched")
    assert hostile.requests(mark) == []


def test_json_ld_contexts_from_files_are_refused(tmp_path):
    context = tmp_path / "ctx.json"
    context.write_text('{"@context": {"name": "http://schema.org/name"}}', encoding="utf-8")
    for reference in (context.as_uri(), "ctx.json", str(context)):
        refused_everywhere(jsonld(tmp_path, reference), tmp_path, "is not fetched")


def test_the_projects_own_context_and_inline_contexts_are_used(tmp_path):
    ours = tmp_path / "ours.jsonld"
    ours.write_text(json.dumps({"@context": CONTEXT_URL, "@id": "person:x",
                                "@type": "dk:Person", "dk:name": "X"}), encoding="utf-8")
    result = run_cli("query", "SELECT ?n WHERE { person:x dk:name ?n }", ours, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\nX\r\n"
    imported = jsonld(tmp_path, {"@import": CONTEXT_URL, "name": "http://schema.org/name"},
                      "imported.jsonld")
    inline = jsonld(tmp_path, {"name": "http://schema.org/name"}, "inline.jsonld")
    for path in (imported, inline):
        result = run_cli("query", "SELECT ?n WHERE { ?x <http://schema.org/name> ?n }", path,
                         "-f", "csv")
        assert result.stdout_bytes == b"n\r\nX\r\n", result.output
    for path in (ours, imported, inline):
        assert run_cli("validate", path).exit_code in (0, 1)


RDF_XML_BODY = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                'xmlns:ex="http://example.org/">\n'
                '<rdf:Description rdf:about="http://example.org/a"><ex:p>{value}</ex:p>'
                '</rdf:Description>\n</rdf:RDF>\n')


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return f'<!DOCTYPE rdf:RDF [\n{chr(10).join(entities)}\n]>\n' + RDF_XML_BODY.format(
        value="&lol9;")


@pytest.mark.parametrize("text,message", [
    (billion_laughs(), "DOCTYPE declares the entity lol0 is refused"),
    ('<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
     + RDF_XML_BODY.format(value="&x;"), "DOCTYPE declares the entity x is refused"),
    ('<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n'
     + RDF_XML_BODY.format(value="v"), "DOCTYPE declares the entity %p is refused"),
    ('<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/x.dtd">\n' + RDF_XML_BODY.format(value="v"),
     "DOCTYPE names an external DTD (http://127.0.0.1:9/x.dtd) is refused"),
])
def test_rdf_xml_entities_are_refused_not_expanded(text, message, tmp_path):
    path = tmp_path / "data.rdf"
    path.write_text('<?xml version="1.0"?>\n' + text, encoding="utf-8")
    refused_everywhere(path, tmp_path, message)


def test_plain_rdf_xml_still_reads(tmp_path):
    path = tmp_path / "data.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n'
                    + RDF_XML_BODY.format(value="v"), encoding="utf-8")
    result = run_cli("query", "SELECT ?v WHERE { ?s ?p ?v }", path, "-f", "csv")
    assert result.stdout_bytes == b"v\r\nv\r\n", result.output
    assert run_cli("validate", path).exit_code in (0, 1)
