"""The formats problems are reported in.

Text for people (grouped by file and fact, in fact-file words), JSON (schema in
report.schema.json), JUnit XML and SARIF 2.1.0 for CI systems, GitHub Actions
workflow commands, and Turtle: a SHACL validation report graph.

A problem's fields may hold anything a hostile fact or RDF file holds.  Text,
JUnit and annotations show them through ``printable``; JSON and SARIF keep them
exact with JSON escapes (``json_text``); every format is valid for any value.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.util import from_n3

from diplokg.iris import iri_problem
from diplokg.namespaces import RDF, REPORT, SH, XSD
from diplokg.problems import VIOLATION, WARNING, Problem, count, summary
from diplokg.safetext import encodable, json_text, printable

REPORT_FORMATS = ("text", "json", "junit", "sarif", "turtle")
REPORT_VERSION = 1


def _by_file_and_fact(problems: Iterable[Problem]) -> dict[str, dict[str, list[Problem]]]:
    grouped: dict[str, dict[str, list[Problem]]] = defaultdict(lambda: defaultdict(list))
    for problem in sorted(problems, key=lambda p: (p.file, p.line, p.fact, p.field, p.message)):
        grouped[problem.file][problem.fact].append(problem)
    return grouped


def format_text(problems: list[Problem]) -> str:
    """For people: by file, then by fact, in the words of the fact file."""
    lines = []
    for file, facts in _by_file_and_fact(problems).items():
        lines.append(printable(file or "<graph>"))
        for fact, items in facts.items():
            indent = "  "
            if fact:
                lines.append(f"  {printable(fact)}")
                indent = "    "
            for p in items:
                where = f"line {p.line}: " if p.line else ""
                field = f"{printable(p.field)}: " if p.field else ""
                found = f" (found: {printable(p.value)})" if p.value else ""
                lines.append(f"{indent}{where}{printable(p.severity)}: {field}"
                             f"{printable(p.message)}{found}")
                if p.hint:
                    lines.append(f"{indent}  fix: {printable(p.hint)}")
    lines.append(summary(problems))
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    """Machine-readable; the shape is documented by report.schema.json."""
    document = {
        "diplokg_report": REPORT_VERSION,
        "conforms": count(problems, VIOLATION) == 0,
        "violations": count(problems, VIOLATION),
        "warnings": count(problems, WARNING),
        "problems": [asdict(p) for p in sorted(problems)],
    }
    return json_text(document)


def format_junit(problems: list[Problem], checked: dict[str, list[str]]) -> str:
    """JUnit XML: a test suite per file, a test case per fact; violations fail it.

    ``checked`` maps each file to the facts it holds, so facts without problems
    show up as passing test cases.  Warnings go into the case's system-out.
    Everything from the input is ``printable``, which leaves out every character
    XML 1.0 forbids.
    """
    grouped = _by_file_and_fact(problems)
    files = sorted(set(checked) | set(grouped))
    root = ET.Element("testsuites", name="diplokg validate")
    total = failures = 0
    for file in files:
        facts = list(dict.fromkeys([*checked.get(file, []), *grouped.get(file, {})]))
        suite = ET.SubElement(root, "testsuite", name=printable(file or "<graph>"))
        suite_failures = 0
        for fact in facts:
            case = ET.SubElement(suite, "testcase", name=printable(fact or "(file)"),
                                 classname=printable(file))
            items = grouped.get(file, {}).get(fact, [])
            violations = [p for p in items if p.severity == VIOLATION]
            if violations:
                suite_failures += 1
                failure = ET.SubElement(case, "failure",
                                        type=printable(violations[0].code or "violation"),
                                        message=_one_line(violations[0]))
                failure.text = "\n".join(_one_line(p) for p in violations)
            warnings = [p for p in items if p.severity == WARNING]
            if warnings:
                ET.SubElement(case, "system-out").text = "\n".join(
                    "warning: " + _one_line(p) for p in warnings)
        suite.set("tests", str(len(facts)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(facts)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _one_line(p: Problem) -> str:
    file, fact, field, value, hint = map(printable, (p.file, p.fact, p.field, p.value, p.hint))
    where = f"{file}:{p.line}: " if p.line else (f"{file}: " if file else "")
    field = f" field {field}" if field else ""
    found = f" (found: {value})" if value else ""
    fix = f"; fix: {hint}" if hint else ""
    return f"{where}{fact}{field}: {printable(p.message)}{found}{fix}"


def format_sarif(problems: list[Problem], version: str, root: Path | None = None) -> str:
    """SARIF 2.1.0, as read by GitHub code scanning and other CI systems."""
    rules: dict[str, dict] = {}
    results = []
    for p in sorted(problems):
        rule_id = p.code or "problem"
        rules.setdefault(rule_id, {
            "id": rule_id,
            "shortDescription": {"text": p.message or rule_id},
            "help": {"text": p.hint or p.message or rule_id},
            **({"helpUri": p.shape} if p.shape.startswith("http") else {}),
        })
        location: dict = {}
        if p.file:
            physical = {"artifactLocation": {"uri": _uri(p.file, root)}}
            if p.line:
                physical["region"] = {"startLine": p.line}
            location["physicalLocation"] = physical
        if p.fact:
            location["logicalLocations"] = [{"name": p.fact, "kind": "object"}]
        text = " ".join(filter(None, [f"{p.fact}" + (f" field {p.field}:" if p.field else ":")
                                      if p.fact else "", p.message,
                                      f"(found: {p.value})" if p.value else "",
                                      f"Fix: {p.hint}" if p.hint else ""]))
        results.append({
            "ruleId": rule_id,
            "level": "error" if p.severity == VIOLATION else "warning",
            "message": {"text": text},
            **({"locations": [location]} if location else {}),
        })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "diplokg",
                "version": version,
                "informationUri": "https://w3id.org/diplokg",
                "rules": [rules[k] for k in sorted(rules)],
            }},
            "results": results,
        }],
    }
    return json_text(document)


def _uri(file: str, root: Path | None) -> str:
    """A path relative to ``root`` (default: the working folder) where it lies below it,
    as a URI reference: spaces, ``%``, ``#``, ``:`` and the like are percent-encoded."""
    path, root = Path(file), (root or Path.cwd()).resolve()
    if path.is_absolute() and path.is_relative_to(root):
        path = path.relative_to(root)
    return quote(path.as_posix(), safe="/", errors="surrogatepass")


def github_annotations(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, one per problem, shown on the pull request.

    Every value is made ``printable`` (so it holds no line break or control
    character) and then escaped as GitHub reads it back: each printed line is one
    of these commands, and no value can end one or start another.
    """
    lines = []
    for p in sorted(problems):
        command = "error" if p.severity == VIOLATION else "warning"
        props = []
        if p.file:
            props.append(f"file={_escape_property(p.file)}")
            if p.line:
                props.append(f"line={p.line}")
        title = " ".join(filter(None, [p.fact, f"field {p.field}" if p.field else ""]))
        if title:
            props.append(f"title={_escape_property(title)}")
        message = p.message + (f" (found: {p.value})" if p.value else "") + \
            (f". Fix: {p.hint}" if p.hint else "")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    # printable() has already written CR and LF as \u000d and \u000a
    return printable(text).replace("%", "%25")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_graph(problems: list[Problem]) -> Graph:
    """A SHACL validation report, with where each problem is in the fact files.

    Results get IRIs made from their content (not blank nodes) so the Turtle
    written from this graph is as deterministic as the data.  Whatever the
    problems hold, the graph can be written and read by any store: lone
    surrogates are shown as ``\\udXXX``, and IRIs that are not valid (rdflib
    reads some from RDF files) are kept percent-encoded under ``report:iri/``.
    """
    graph = Graph()
    report = URIRef(REPORT + "report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(count(problems, VIOLATION) == 0)))
    severity = {VIOLATION: SH.Violation, WARNING: SH.Warning}
    for p in sorted(set(problems)):
        result = URIRef(REPORT + "result/" + _digest(p))
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, severity[p.severity]))
        graph.add((result, SH.resultMessage, Literal(encodable(p.message))))
        graph.add((result, SH.sourceConstraintComponent,
                   _iri(p.component or REPORT + "check/" + (p.code or "problem"))))
        for prop, value in ((SH.focusNode, p.focus), (SH.resultPath, p.path),
                            (SH.sourceShape, p.shape)):
            if value:
                graph.add((result, prop, _iri(value)))
        value = _value(p)
        if value is not None:
            graph.add((result, SH.value, value))
        for name in ("file", "fact", "field", "hint", "code"):
            if getattr(p, name):
                graph.add((result, REPORT[name], Literal(encodable(getattr(p, name)))))
        if p.line:
            graph.add((result, REPORT.line, Literal(p.line, datatype=XSD.integer)))
    return graph


def _iri(text: str) -> URIRef:
    """``text`` if it is an IRI every store reads (not, say, ``http://a/%zz``), else
    report:iri/ followed by ``text`` percent-encoded."""
    if iri_problem(text, web=False):
        return URIRef(f"{REPORT}iri/{quote(text, safe='', errors='surrogatepass')}")
    return URIRef(text)


def _value(p: Problem) -> URIRef | Literal | None:
    """The value found: the RDF term itself where every store reads it, else its text."""
    try:
        term = from_n3(p.value_term) if p.value_term else None
    except Exception:  # not an N-Triples term after all (rdflib raises many kinds)
        term = None
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, Literal) and _readable(term):
        return term
    return Literal(encodable(p.value)) if p.value else None


def _readable(literal: Literal) -> bool:
    """Whether Oxigraph, the strictest reader, takes the literal as it is (rdflib reads
    language tags and datatype IRIs it refuses, and text with lone surrogates)."""
    try:
        ox.Literal(str(literal), language=literal.language,
                   datatype=ox.NamedNode(literal.datatype) if literal.datatype else None)
    except ValueError:
        return False
    return True


def _digest(problem: Problem) -> str:
    text = json.dumps(asdict(problem), sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
