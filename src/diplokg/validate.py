"""Run the SHACL shapes (pyshacl) and turn its report into problems people can act on.

This is the only module that imports pyshacl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal, URIRef

from . import resources
from .errors import UnreadableInput
from .mapping import FIELD_OF_PROPERTY, Origin
from .namespaces import RDF, SH, XSD
from .report import VIOLATION, WARNING, Problem

SEVERITIES = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: WARNING}

# Lexical forms pyshacl's sh:datatype does not check (it accepts "2000-13"^^xsd:gYearMonth).
_TZ = r"(Z|[+-]\d\d:\d\d)?"
LEXICAL_FORMS = {
    XSD.gYear: re.compile(rf"-?[0-9]{{4,}}{_TZ}"),
    XSD.gYearMonth: re.compile(rf"-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_TZ}"),
    XSD.boolean: re.compile(r"true|false|1|0"),
    XSD.duration: re.compile(r"-?P(?=.)([0-9]+Y)?([0-9]+M)?([0-9]+D)?"
                             r"(T(?=.)([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?"),
}


def _parse_shapes(paths: Iterable[Path], graph: Graph) -> Graph:
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError:
            raise UnreadableInput(f"{path}: no such shapes file") from None
        except Exception as error:  # rdflib raises many kinds of syntax errors
            raise UnreadableInput(f"{path}: not valid Turtle: {error}") from None
    return graph


@cache
def _project_shapes() -> Graph:
    return _parse_shapes(resources.shapes_files(), Graph())


def shapes_graph(extra: tuple[Path, ...] = ()) -> Graph:
    """The project's shapes, plus a user's own shapes files if given."""
    if not extra:
        return _project_shapes()
    graph = Graph()
    for triple in _project_shapes():
        graph.add(triple)
    return _parse_shapes(extra, graph)


class Describer:
    """Spells nodes and values in fact-file words: ids and kinds, not IRIs."""

    def __init__(self, base: str, origins: dict[URIRef, Origin]):
        self.base = base
        self.origins = origins

    def value(self, term) -> str:
        if isinstance(term, Literal):
            return str(term)
        text = str(term)
        if text.startswith(self.base):
            kind, _, rest = text[len(self.base):].partition("/")
            fact_id, _, nested = rest.partition("/")
            return f"{fact_id} ({kind})" if not nested else f"{fact_id} {nested}"
        return text

    def origin(self, focus, file: str) -> Origin:
        found = self.origins.get(focus)
        if found:
            return found
        return Origin(file, 0, self.value(focus))


def check(data: Graph, describer: Describer, extra_shapes: tuple[Path, ...] = (),
          file: str = "") -> list[Problem]:
    """Validate ``data`` against the shapes; return violations and warnings."""
    shapes = shapes_graph(extra_shapes)
    try:
        _conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True,
            abort_on_first=False)
    except ReportableRuntimeError as error:  # e.g. a user's shape that is not valid SHACL
        raise UnreadableInput(f"the shapes cannot be used: {error.message}") from None
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        origin = describer.origin(focus, file)
        name = shapes.value(shape, SH.name) or FIELD_OF_PROPERTY.get(path) or \
            (describer.value(path) if isinstance(path, URIRef) else "")
        field, line = origin.field(str(name)) if name else ("", origin.line)
        message = results.value(result, SH.resultMessage) or shapes.value(shape, SH.message) or ""
        problems.append(Problem(
            file=origin.file, line=line, fact=origin.fact, field=field,
            message=str(message), hint=str(shapes.value(shape, SH.description) or ""),
            value=describer.value(value) if value not in (None, focus) else "",
            severity=SEVERITIES.get(results.value(result, SH.resultSeverity), VIOLATION)))
    problems += _ill_formed_literals(data, describer, file)
    return sorted(set(problems))


def _ill_formed_literals(data: Graph, describer: Describer, file: str) -> list[Problem]:
    """Typed literals whose text is not of their datatype, which pyshacl lets through."""
    problems = []
    for subject, predicate, value in data:
        pattern = LEXICAL_FORMS.get(getattr(value, "datatype", None))
        if pattern is None or pattern.fullmatch(str(value)):
            continue
        origin = describer.origin(subject, file)
        field, line = origin.field(FIELD_OF_PROPERTY.get(predicate) or describer.value(predicate))
        problems.append(Problem(
            file=origin.file, line=line, fact=origin.fact, field=field,
            message=f"is not a valid {value.datatype.removeprefix(str(XSD))} value",
            hint=f"write it in the lexical form of {value.datatype.removeprefix(str(XSD))}",
            value=str(value)))
    return problems
