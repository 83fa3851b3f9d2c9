"""Checks over a graph that SHACL Core cannot express cheaply, and checks on the shapes.

- offices at the time: a visitor or signatory whose listed offices were all held
  only before or after the visit or signing (partial dates count as spans);
- a visit to the visitor's own state (a warning);
- typed literals whose text is not of their datatype, which pyshacl accepts;
- no silent passes: a shape whose target matches nothing, and a class in the
  data that no shape targets, are reported.

These run in Python over the graph: the same checks as SHACL-SPARQL constraints
made pyshacl several times slower.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef

from diplokg.namespaces import DK, RDF, SH, XSD
from diplokg.problems import VIOLATION, WARNING, Problem
from diplokg.rdf.mapping import field_of_property

# Lexical forms pyshacl's sh:datatype does not check (it accepts "2000-13"^^xsd:gYearMonth).
_TZ = r"(Z|[+-]\d\d:\d\d)?"
LEXICAL_FORMS = {
    XSD.gYear: re.compile(rf"-?[0-9]{{4,}}{_TZ}"),
    XSD.gYearMonth: re.compile(rf"-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_TZ}"),
    XSD.boolean: re.compile(r"true|false|1|0"),
    XSD.duration: re.compile(r"-?P(?=.)([0-9]+Y)?([0-9]+M)?([0-9]+D)?"
                             r"(T(?=.)([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?"),
}


@dataclass(frozen=True)
class Span:
    """The days a dated thing can cover; None is open-ended."""

    first: str | None
    last: str | None

    def may_overlap(self, other: Span) -> bool:
        return (self.first is None or other.last is None or self.first <= other.last) and \
            (self.last is None or other.first is None or other.first <= self.last)

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first or "an unknown date"
        return f"{self.first or '?'} to {self.last or '?'}"


def _text(graph: Graph, node, prop) -> str | None:
    value = graph.value(node, prop)
    return str(value) if value is not None else None


def _event_span(graph: Graph, node, earliest, latest, end_latest=None) -> Span | None:
    first = _text(graph, node, earliest)
    last = (_text(graph, node, end_latest) if end_latest else None) or _text(graph, node, latest)
    return Span(first, last) if first or last else None


def _office_span(graph: Graph, office) -> Span:
    return Span(_text(graph, office, DK.startEarliest), _text(graph, office, DK.endLatest))


def _offices(graph: Graph, person) -> list:
    return sorted(graph.objects(person, DK.holdsOffice))


def office_problems(graph: Graph, describe) -> Iterator[Problem]:
    """Visitors and signatories must have held one of their listed offices at the time."""
    checks = [
        (DK.Visit, DK.visitor, "visitors", "visit",
         lambda node: _event_span(graph, node, DK.startEarliest, DK.startLatest, DK.endLatest)),
        (DK.Agreement, DK.signatory, "signatories", "signing",
         lambda node: _event_span(graph, node, DK.signingEarliest, DK.signingLatest)),
    ]
    for cls, prop, field, what, span_of in checks:
        for node in sorted(graph.subjects(RDF.type, cls)):
            span = span_of(node)
            if span is None:
                continue
            for person in sorted(graph.objects(node, prop)):
                offices = _offices(graph, person)
                if offices and not any(_office_span(graph, o).may_overlap(span)
                                       for o in offices):
                    held = "; ".join(f"{graph.value(o, DK.officeTitle)} "
                                     f"({_office_span(graph, o)})" for o in offices)
                    yield describe(node, field, code="office-at-time", severity=VIOLATION,
                                   message=f"{describe.value(person)} held none of their listed "
                                   f"offices at the time of the {what} ({span}); listed: {held}",
                                   hint="check the dates here and the person's office start and "
                                   "end dates, or add the office they held then", path=prop)


def own_state_problems(graph: Graph, describe) -> Iterator[Problem]:
    """A visit whose destination is a state the visitor held office in at the time."""
    for visit in sorted(graph.subjects(RDF.type, DK.Visit)):
        destination = graph.value(visit, DK.destination)
        span = _event_span(graph, visit, DK.startEarliest, DK.startLatest, DK.endLatest)
        for person in sorted(graph.objects(visit, DK.visitor)):
            for office in _offices(graph, person):
                if graph.value(office, DK.officeState) != destination:
                    continue
                if span is None or _office_span(graph, office).may_overlap(span):
                    yield describe(visit, "destination", code="own-state", severity=WARNING,
                                   message=f"the destination is the visitor's own state: "
                                   f"{describe.value(person)} was "
                                   f"{graph.value(office, DK.officeTitle)}",
                                   hint="check `destination:`; a visit is to a foreign state",
                                   value=destination, path=DK.destination)
                    break


def literal_problems(graph: Graph, describe) -> Iterator[Problem]:
    """Typed literals whose text is not of their datatype."""
    for subject, predicate, value in graph:
        pattern = LEXICAL_FORMS.get(getattr(value, "datatype", None))
        if pattern is None or pattern.fullmatch(str(value)):
            continue
        datatype = value.datatype.removeprefix(str(XSD))
        yield describe(subject, field_of_property(predicate) or describe.value(predicate),
                       code="ill-formed-literal", severity=VIOLATION,
                       message=f"is not a valid {datatype} value",
                       hint=f"write it in the lexical form of {datatype}", value=value,
                       path=predicate)


# -- the shapes themselves -------------------------------------------------------

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def shape_count(shapes: Graph) -> int:
    return len(set(shapes.subjects(RDF.type, SH.NodeShape)) |
               set(shapes.subjects(RDF.type, SH.PropertyShape)) |
               {s for target in TARGETS for s in shapes.subjects(target, None)})


class Summary:
    """What coverage checks need to know of a graph: its classes, nodes and predicates."""

    def __init__(self, triples):
        self.types: dict = defaultdict(int)  # class -> number of nodes
        self.nodes: set = set()
        self.predicates: set = set()
        for s, p, o in triples:
            self.nodes.add(s)
            self.nodes.add(o)
            self.predicates.add(p)
            if p == RDF.type:
                self.types[o] += 1

    @classmethod
    def of_classes(cls, types: dict) -> Summary:
        """A summary that knows only the classes: enough for graphs diplokg mapped itself,
        whose shapes target classes."""
        summary = cls(())
        summary.types.update(types)
        summary.nodes = set(types)  # not empty when the graph is not
        return summary

    def matches(self, target, value) -> bool:
        if target == SH.targetClass:
            return value in self.types
        if target == SH.targetNode:
            return value in self.nodes
        return value in self.predicates  # sh:targetSubjectsOf, sh:targetObjectsOf


def coverage_problems(summary: Summary, shapes: Graph, shape_files: dict, checked_shapes: set,
                      describe) -> Iterator[Problem]:
    """Shapes (among ``checked_shapes``) that match nothing; classes no shape targets."""
    if not summary.nodes:
        return
    for shape in sorted(checked_shapes):
        targets = [(t, v) for t in TARGETS for v in shapes.objects(shape, t)]
        if targets and not any(summary.matches(t, v) for t, v in targets):
            wanted = ", ".join(f"{describe.compact(t)} {describe.compact(v)}" for t, v in targets)
            yield Problem(file=shape_files.get(shape, ""), fact=f"shape {describe.compact(shape)}",
                          message=f"matches nothing in the graph ({wanted}), so it checks nothing",
                          hint="check the target's spelling and namespace against the data",
                          severity=WARNING, code="shape-matches-nothing", shape=str(shape))
    targeted = set(shapes.objects(None, SH.targetClass))
    for cls in sorted(set(summary.types) - targeted):
        if not isinstance(cls, URIRef):
            continue
        yield Problem(file=describe.file, fact=f"class {describe.compact(cls)}",
                      message=f"no shape targets this class, so its {summary.types[cls]} node(s) "
                      "are not checked",
                      hint="add a shape for it with --shapes, or check the class IRI",
                      severity=WARNING, code="class-without-shape", focus=str(cls))
