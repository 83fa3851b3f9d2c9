"""Whatever a hostile value holds, what diplokg prints is escaped and every report and
graph it writes is valid: text, GitHub annotations, JUnit, SARIF, JSON, Turtle, and the
five graph formats, which read back in rdflib and Oxigraph as exactly the same literal."""

from __future__ import annotations

import json
import re
import warnings
from xml.etree import ElementTree as ET

import pyoxigraph as ox
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from junitparser import JUnitXml
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from diplokg.cli import app
from diplokg.model.registry import prefixes
from diplokg.namespaces import DEFAULT_BASE, DK, RDFS, SH
from diplokg.problems import VIOLATION, WARNING, Problem, summary
from diplokg.rdf import serialize
from diplokg.report import formats as report
from diplokg.safetext import encodable, json_text, printable
from diplokg.validate.shacl import Describer

# rdflib's own N-Quads and TriG parsers use an API rdflib has deprecated.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning")

runner = CliRunner()

HOSTILE = ("x\n::error file=README.md,line=1::owned\r\n::stop-commands::tok\n"
           "\x1b]0;title\x07\x1b[2J\x9b31m\u202egnp.exe\u2028##[add-mask]secret\x00\ufffe")
# Characters no printed line may carry raw (newline aside, which ends lines).
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                    "\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
# Any text; and text with no lone surrogates, which no UTF-8 file can hold.
any_text = st.text()
unicode_text = st.text(st.characters(exclude_categories=["Cs"]))
hostile_text = st.one_of(any_text, st.sampled_from(
    [HOSTILE, "::error::x", "  ::warning::y", "##[group]z", "%0A::error::x", "a,b:c=d"]))
problems = st.lists(st.builds(
    Problem, file=hostile_text, line=st.integers(0, 10**6), fact=hostile_text,
    field=hostile_text, message=hostile_text, hint=hostile_text, value=hostile_text,
    severity=st.sampled_from([VIOLATION, WARNING]), code=hostile_text), max_size=4)
quick = settings(max_examples=50, deadline=None)


# -- what GitHub Actions makes of a printed line -----------------------------------

def workflow_command(line: str) -> tuple[str, dict[str, str], str] | None:
    """(command, properties, data) as the Actions runner parses a log line, or None.

    A port of the runner's ActionCommand.TryParseV2: after leading blanks the line
    starts with "::", the command and its properties run to the next "::".
    """
    text = line.lstrip()
    end = text.find("::", 2)
    if not text.startswith("::") or end < 0:
        return None
    name, _, props = text[2:end].partition(" ")
    properties = {}
    for item in props.strip().split(","):
        key, _, value = item.partition("=")
        if key and value:
            properties[key] = _unescape(value, ("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"),
                                        ("%2C", ","))
    return name, properties, _unescape(text[end + 2:], ("%0D", "\r"), ("%0A", "\n"))


def _unescape(text: str, *pairs: tuple[str, str]) -> str:
    for escaped, char in (*pairs, ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def assert_safe_to_print(output: str, annotations: int | None = None) -> None:
    """No raw control character, no line GitHub would run other than diplokg's own
    annotations (``annotations`` of them, when given), no "##[" anywhere."""
    ours = 0
    for line in output.split("\n"):
        assert not UNSAFE.search(line), line
        assert "##[" not in line, line  # the runner's older command form, anywhere in a line
        command = workflow_command(line)
        if command is not None:
            assert line.startswith(("::error ", "::warning ")), line
            assert command[0] in ("error", "warning") and set(command[1]) <= \
                {"file", "line", "title"}, line
            ours += 1
    assert annotations is None or ours == annotations


# -- printable -----------------------------------------------------------------------

def test_printable_escapes_what_a_terminal_or_ci_log_would_act_on():
    assert printable("a\n::error x") == "a\\u000a::error x"
    assert printable("\x1b[31mred\x9b") == "\\u001b[31mred\\u009b"
    assert printable("  ::warning::x") == "  \\u003a:warning::x"
    assert printable("##[add-mask]x") == "##\\u005badd-mask]x"
    assert printable("\ufffe\uffff\ud800") == "\\ufffe\\uffff\\ud800"
    for ordinary in ("Kim Jong Il", "Ким Чен Ир", "http://[::1]:8080/a#b", "a::b", "# [1]",
                     "tab-free \\u0041 text"):
        assert printable(ordinary) == ordinary


@quick
@given(hostile_text)
def test_printable_gives_one_safe_line(text):
    shown = printable(text)
    shown.encode("utf-8")
    assert "\n" not in shown and printable(shown) == shown
    assert_safe_to_print(shown, annotations=0)


@quick
@given(any_text)
def test_json_text_reads_back_the_same(text):
    written = json_text({"k": text, text: [text]})
    written.encode("utf-8")
    assert_safe_to_print(written, annotations=0)
    assert json.loads(written) == {"k": encodable(text), encodable(text): [encodable(text)]}


# -- text report and annotations -----------------------------------------------------

@quick
@given(problems)
@example([Problem(file="f.yaml", line=3, fact="person x", field="name", message="bad",
                  value=HOSTILE, hint=HOSTILE)])
def test_text_report_lines_are_safe(found):
    text = report.format_text(found)
    assert_safe_to_print(text, annotations=0)
    lines_per_problem = sum(2 if p.hint else 1 for p in found)
    assert len(text.split("\n")) <= lines_per_problem + 2 * len(found) + 1
    assert text.split("\n")[-1] == summary(found)


@quick
@given(problems)
def test_annotations_are_only_diplokgs_own_and_say_the_values(found):
    text = report.github_annotations(found)
    assert_safe_to_print(text, annotations=len(found))
    lines = text.split("\n") if found else []
    for p, line in zip(sorted(found), lines, strict=True):
        command, properties, data = workflow_command(line)
        assert command == ("error" if p.severity == VIOLATION else "warning")
        title = " ".join(filter(None, [p.fact, f"field {p.field}" if p.field else ""]))
        # the runner trims the end of the property list, so compare without trailing blanks
        assert properties.get("title", "").rstrip() == printable(title).rstrip()
        if p.file:
            assert properties["file"].rstrip() == printable(p.file).rstrip()
        assert data.startswith(printable(p.message))
        assert inline(p.value) in data and inline(p.hint) in data


def inline(text: str) -> str:
    """``text`` as printable() shows it after the start of a line."""
    return printable("x" + text)[1:]


# -- JUnit, JSON, SARIF, Turtle ------------------------------------------------------

@quick
@given(problems)
def test_junit_is_xml_for_any_value(found):
    checked = {p.file: [p.fact] for p in found}
    xml = report.format_junit(found, checked).encode("utf-8")
    root = ET.fromstring(xml)  # expat refuses every character XML 1.0 forbids
    suites = list(JUnitXml.fromstring(xml))
    assert {s.name for s in suites} == {printable(p.file or "<graph>") for p in found}
    names = {case.get("name") for case in root.iter("testcase")}
    assert names == {printable(p.fact or "(file)") for p in found}
    for failure in root.iter("failure"):
        assert "\n" not in failure.get("message")


@quick
@given(problems)
def test_json_and_sarif_are_json_for_any_value(found):
    document = json.loads(report.format_json(found).encode("utf-8"))
    assert sorted(document["problems"], key=json.dumps) == sorted(
        ({k: encodable(v) if isinstance(v, str) else v for k, v in p.__dict__.items()}
         for p in found), key=json.dumps)
    sarif = report.format_sarif(found, "0")
    assert_safe_to_print(sarif, annotations=0)
    results = json.loads(sarif.encode("utf-8"))["runs"][0]["results"]
    for result, p in zip(results, sorted(found), strict=True):
        assert encodable(p.message) in result["message"]["text"]


def test_sarif_locations_are_uri_references(tmp_path):
    found = [Problem(file="facts dir/a#1%:b.yaml", line=2, message="bad")]
    sarif = json.loads(report.format_sarif(found, "0", root=tmp_path))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == "facts%20dir/a%231%25%3Ab.yaml"


def parse_both(data: bytes, rdflib_format: str, oxigraph_format) -> tuple[list, list]:
    """The quads of ``data`` as rdflib and as Oxigraph read them: (s, p, o) strings."""
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=data, format=rdflib_format)
    ours = [(str(s), str(p), o) for s, p, o, _ in dataset.quads((None, None, None, None))]
    theirs = [(q.subject.value, q.predicate.value, q.object)
              for q in ox.parse(data, format=oxigraph_format)]
    return ours, theirs


@quick
@given(problems, st.one_of(st.just(""), any_text, st.sampled_from(
    ['"a"@en', "<http://a/b c>", '"1"^^<http://a/ b>', "_:b", '"\\ud800"'])))
def test_turtle_report_reads_back_for_any_value(found, value_term):
    found = [Problem(**{**p.__dict__, "value_term": value_term, "focus": p.value,
                        "component": p.code}) for p in found]
    data = "\n".join(serialize.serialize(report.report_graph(found), "turtle")).encode("utf-8")
    assert_safe_to_print(data.decode("utf-8"), annotations=0)
    ours, theirs = parse_both(data, "turtle", ox.RdfFormat.TURTLE)
    assert len(ours) == len(theirs)
    messages = sorted(str(o) for _, p, o in ours if p == str(SH.resultMessage))
    assert messages == sorted(str(o.value) for _, p, o in theirs if p == str(SH.resultMessage))
    assert messages == sorted(encodable(p.message) for p in set(found))


# -- graph writers -------------------------------------------------------------------

# Each graph format's readers: rdflib's format name and pyoxigraph's format.
PARSERS = {"turtle": ("turtle", ox.RdfFormat.TURTLE), "nt": ("nt", ox.RdfFormat.N_TRIPLES),
           "nquads": ("nquads", ox.RdfFormat.N_QUADS), "trig": ("trig", ox.RdfFormat.TRIG),
           "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
PERSON = URIRef(DEFAULT_BASE + "person/p")


def literals_read_back(data: bytes, fmt: str, predicate: URIRef) -> tuple[list, list]:
    ours, theirs = parse_both(data, *PARSERS[fmt])
    return (sorted((str(o), o.language) for _, p, o in ours if p == str(predicate)),
            sorted((o.value, o.language) for _, p, o in theirs if p == str(predicate)))


@quick
@given(unicode_text)
@example("a\u2028b\u2029c\x85d\x0b\x0c\x1c\x1d\x1e")  # what str.splitlines() splits at
@example(HOSTILE.replace("\ud800", ""))
def test_every_writer_reads_back_the_same_literal(text):
    graph = Graph()
    graph.add((PERSON, RDFS.label, Literal(text)))
    graph.add((PERSON, RDFS.label, Literal(text + "!", lang="en")))
    graph.add((PERSON, DK.source, URIRef(DEFAULT_BASE + "source/s")))
    expected = sorted([(text, None), (text + "!", "en")])
    terms = serialize.Terms(prefixes(DEFAULT_BASE))
    outputs = {fmt: serialize.serialize(graph, fmt) for fmt in PARSERS}
    for fmt in serialize.BLOCK_FORMATS:  # the per-entity path the build and its cache use
        outputs[f"{fmt} entity"] = [*serialize.header_lines(fmt, DEFAULT_BASE),
                                    *serialize.entity_lines(list(graph), fmt, terms)]
    for name, lines in outputs.items():
        data = "\n".join(lines).encode("utf-8")
        assert_safe_to_print(data.decode("utf-8"), annotations=0)
        assert literals_read_back(data, name.split()[0], RDFS.label) == (expected, expected), name


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_writers_refuse_a_lone_surrogate_in_words(fmt):
    graph = Graph()
    graph.add((PERSON, RDFS.label, Literal("a\ud800b")))
    with pytest.raises(serialize.SerializationError, match="lone surrogate"):
        list(serialize.serialize(graph, fmt))


def test_long_values_are_cut_where_they_are_spelled():
    describe = Describer(DEFAULT_BASE, {})
    assert describe.value(Literal("x" * 1000)) == "x" * 77 + "..."
    problem = describe(PERSON, "name", message="bad", value=Literal("x" * 1000))
    assert problem.value == "x" * 77 + "..." and len(problem.value_term) == 1002


# -- through the command line --------------------------------------------------------

def fact_file(name: str, note: str, title: str) -> str:
    return json.dumps({
        "diplokg": 1,
        "sources": [{"id": "s", "title": title, "publisher": "P"}],
        "persons": [{"id": "p", "source": "s", "name": name, "note": note, "evidence": ["q"]}],
    })


@settings(max_examples=12, deadline=None)
@given(unicode_text.filter(str.strip), unicode_text.filter(str.strip),
       unicode_text.filter(str.strip))
@example(HOSTILE.replace("\ud800", ""), "::stop-commands::tok", "a\u2028b\x85")
def test_any_text_field_survives_every_format(tmp_path_factory, name, note, title):
    folder = tmp_path_factory.mktemp("build")
    facts = folder / "facts.json"
    facts.write_text(fact_file(name, note, title), encoding="utf-8")
    for fmt, suffix in serialize.GRAPH_FORMATS.items():
        out = folder / f"out{suffix}"
        result = runner.invoke(app, ["build", str(facts), "-o", str(out), "-f", fmt, "-j", "1"])
        assert result.exit_code == 0, result.output
        assert_safe_to_print(result.output, annotations=0)
        data = out.read_bytes()
        for subject, predicate, text in ((PERSON, RDFS.label, name), (PERSON, DK.note, note),
                                         (URIRef(DEFAULT_BASE + "source/s"), RDFS.label, title)):
            ours, theirs = parse_both(data, *PARSERS[fmt])
            found = [str(o) for s, p, o in ours if (s, p) == (str(subject), str(predicate))]
            assert found == [text], fmt
            assert [o.value for s, p, o in theirs
                    if (s, p) == (str(subject), str(predicate))] == [text], fmt


@pytest.fixture
def hostile_facts(tmp_path, monkeypatch):
    """A fact file whose name, keys, ids and values try to inject workflow commands and
    terminal escapes, named by a relative path that starts with "::"."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "::error file=README.md,line=1::name.json"
    path.write_text(json.dumps({
        "diplokg": 1,
        "sources": [{"id": "s", "title": HOSTILE, "publisher": "P", HOSTILE: 1}],
        "persons": [{"id": HOSTILE, "source": "s", "name": "N", "evidence": ["q"]},
                    {"id": "q", "source": HOSTILE, "name": HOSTILE, "evidence": [HOSTILE],
                     "wikidata": HOSTILE}],
    }), encoding="utf-8")
    return path.name


@pytest.mark.parametrize("fmt", sorted(report.REPORT_FORMATS))
def test_a_hostile_fact_file_in_github_actions(hostile_facts, tmp_path, fmt):
    env = {"GITHUB_ACTIONS": "true"}
    printed = runner.invoke(app, ["validate", hostile_facts, "-f", fmt], env=env)
    assert printed.exit_code == 1 and "Traceback" not in printed.output
    count = sum(1 for line in printed.output.split("\n") if line.startswith("::"))
    assert count >= 3
    assert_safe_to_print(printed.output, annotations=count)

    out = tmp_path / "report"
    written = runner.invoke(app, ["validate", hostile_facts, "-f", fmt, "-o", str(out)], env=env)
    assert written.exit_code == 1
    assert_safe_to_print(written.output, annotations=count)
    data = out.read_bytes()
    if fmt in ("json", "sarif"):
        json.loads(data)
    elif fmt == "junit":
        ET.fromstring(data)
        assert len(list(JUnitXml.fromstring(data))) == 1
    elif fmt == "turtle":
        ours, theirs = parse_both(data, "turtle", ox.RdfFormat.TURTLE)
        assert len(ours) == len(theirs) > 0


def test_a_failed_build_prints_a_safe_report(hostile_facts, tmp_path):
    result = runner.invoke(app, ["build", hostile_facts, "-o", str(tmp_path / "out.ttl")],
                           env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert_safe_to_print(result.output)
    assert "\\u003a:error file=README.md,line=1::name.json" in result.output.split("\n")
