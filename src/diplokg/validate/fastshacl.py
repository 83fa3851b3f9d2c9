"""SHACL Core, compiled once, for validating large graphs fast.

pyshacl is the reference validator, but it evaluates every property shape for
every focus node through generic graph calls, about a hundred microseconds a
triple.  diplokg's shapes use a small part of SHACL Core; this module compiles
shapes graphs that stay within that part into plain Python checks over an index
of the data (dicts), with pyshacl's semantics: the same focus nodes, values,
paths, source shapes and constraint components.  ``compile_shapes`` raises
``Unsupported`` for anything else, and the caller then uses pyshacl.  Tests run
every shape test case through both and compare the results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from diplokg.namespaces import RDF, RDFS, SH, XSD, interned
from diplokg.rdf.triples import TripleIndex

SUPPORTED = {SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.pattern,
             SH.flags, SH["in"], SH.minLength, SH.maxLength, SH.hasValue, SH.lessThan,
             SH.lessThanOrEquals, SH.minInclusive, SH["or"], SH["not"]}
# The data's own term objects (diplokg.namespaces.interned): looked up by identity.
_TYPE, _SUBCLASS = interned(RDF.type), interned(RDFS.subClassOf)
# Keys that describe a shape without constraining anything.
DESCRIPTIVE = {RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.message,
               SH.severity, SH.path, SH.property, SH.targetClass, SH.order, SH.group}


class Unsupported(Exception):
    """The shapes use a feature this module does not implement; use pyshacl."""


class ShapeResult(NamedTuple):
    """One finding of a shape, as pyshacl's report graph gives it."""

    focus: Node
    path: Node | None  # None for a node shape; a complex path: None, or pyshacl's blank node
    value: Node | None  # None for a finding about all the values (sh:minCount, sh:hasValue)
    shape: Node  # the source shape
    component: URIRef  # the constraint component
    severity: URIRef


# -- paths -------------------------------------------------------------------------


def _compile_path(shapes: Graph, node):
    """A function from (index, focus) to the value nodes of the path, in pyshacl's order."""
    if isinstance(node, URIRef):
        return lambda data, focus: data.spo.get(focus, {}).get(node, ())
    inverse = shapes.value(node, SH.inversePath)
    if inverse is not None:
        if not isinstance(inverse, URIRef):
            raise Unsupported("complex inverse path")
        return lambda data, focus: data.pos.get(inverse, {}).get(focus, ())
    alternatives = shapes.value(node, SH.alternativePath)
    if alternatives is not None:
        steps = [_compile_path(shapes, p) for p in Collection(shapes, alternatives)]
        return lambda data, focus: list(dict.fromkeys(v for step in steps
                                                      for v in step(data, focus)))
    if (node, RDF.first, None) in shapes:
        steps = [_compile_path(shapes, p) for p in Collection(shapes, node)]

        def sequence(data, focus):
            values = [focus]
            for step in steps:
                values = list(dict.fromkeys(v for x in values for v in step(data, x)))
            return values
        return sequence
    raise Unsupported(f"path {node!r}")


# -- constraints ---------------------------------------------------------------------


def _instance_of(data: TripleIndex, value, cls) -> bool:
    if not isinstance(value, (URIRef, BNode)):
        return False
    todo, seen = list(data.spo.get(value, {}).get(_TYPE, ())), set()
    while todo:
        current = todo.pop()
        if current is cls or current == cls:
            return True
        if current not in seen:
            seen.add(current)
            todo += data.spo.get(current, {}).get(_SUBCLASS, ())
    return False


_PYTHON_TYPES = {XSD.string: str, XSD.boolean: bool, XSD.date: date, XSD.integer: int}


def _has_datatype(value, datatype) -> bool:
    if not isinstance(value, Literal):
        return False
    actual = value.datatype or (None if value.language else XSD.string)
    if actual is not datatype and actual != datatype:
        return False
    if getattr(value, "ill_typed", None) is True:
        return False
    python_type = _PYTHON_TYPES.get(datatype)
    if python_type is None:
        return True  # pyshacl assumes other datatypes pass
    python = value.value
    if python_type is str:
        return isinstance(python, (str, bytes))
    return isinstance(python, python_type) and not (python_type is int
                                                    and isinstance(python, bool))


_TERM_CLASSES = {  # the rdflib classes of the terms each sh:nodeKind allows
    SH.IRI: (URIRef,), SH.Literal: (Literal,), SH.BlankNode: (BNode,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def _ordered(a, b, strictly: bool = False) -> bool:
    """a <= b (a < b ``strictly``), as pyshacl compares terms; False if they do not compare."""
    a_text = isinstance(a, URIRef) or (isinstance(a, Literal) and isinstance(a.value, str))
    b_text = isinstance(b, URIRef) or (isinstance(b, Literal) and isinstance(b.value, str))
    if a_text != b_text:
        return False
    left = str(a) if isinstance(a, URIRef) else a.value if a_text else a
    right = str(b) if isinstance(b, URIRef) else b.value if b_text else b
    try:
        return bool(left < right if strictly else left <= right)
    except TypeError:
        return False


@dataclass
class _Shape:
    node: object
    path: object = None  # compiled path, None for a node shape
    path_term: object = None
    severity: URIRef = SH.Violation
    # (component, check); a check takes (data, focus, values) and yields failing values,
    # or None for one result per focus node without a value
    checks: list = field(default_factory=list)
    properties: list = field(default_factory=list)

    def values(self, data: TripleIndex, focus) -> list:
        return list(self.path(data, focus)) if self.path else [focus]

    def results(self, data: TripleIndex, focus) -> Iterator[ShapeResult]:
        values = self.values(data, focus)
        path = self.path_term if isinstance(self.path_term, URIRef) else None
        for component, check in self.checks:
            for value in check(data, focus, values):
                yield ShapeResult(focus, path, value, self.node, component, self.severity)
        for prop in self.properties:
            for value in values:
                yield from prop.results(data, value)

    def conforms(self, data: TripleIndex, focus) -> bool:
        return next(self.results(data, focus), None) is None


def _compile_shape(shapes: Graph, node, cache: dict) -> _Shape:
    if node in cache:
        return cache[node]
    path_node = shapes.value(node, SH.path)
    if path_node is None and (node, RDF.type, SH.PropertyShape) in shapes:
        raise Unsupported(f"property shape {node} without sh:path")
    shape = _Shape(node, _compile_path(shapes, path_node) if path_node is not None else None,
                   path_node, shapes.value(node, SH.severity) or SH.Violation)
    cache[node] = shape
    for p, o in shapes.predicate_objects(node):
        if p in DESCRIPTIVE or p == SH.flags:
            continue
        if p not in SUPPORTED:
            raise Unsupported(f"{p} on {node}")
        shape.checks.append(_constraint(shapes, node, p, o, cache))
    shape.properties = [_compile_shape(shapes, prop, cache)
                        for prop in sorted(shapes.objects(node, SH.property))]
    return shape


def _constraint(shapes: Graph, node, p, o, cache):
    name = str(p).removeprefix(str(SH))
    component = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
    if p == SH.minCount:
        least = int(o.toPython())
        return component, lambda d, f, vs: [None] if len(vs) < least else []
    if p == SH.maxCount:
        most = int(o.toPython())
        return component, lambda d, f, vs: [None] if len(vs) > most else []
    if p == SH["class"]:
        return component, lambda d, f, vs: [v for v in vs if not _instance_of(d, v, o)]
    if p == SH.datatype:
        return component, lambda d, f, vs: [v for v in vs if not _has_datatype(v, o)]
    if p == SH.nodeKind:
        classes = _TERM_CLASSES[o]
        return component, lambda d, f, vs: [v for v in vs if not isinstance(v, classes)]
    if p == SH.pattern:
        flags = str(shapes.value(node, SH.flags) or "")
        regex = re.compile(str(o), re.I if "i" in flags else 0)
        return component, lambda d, f, vs: [v for v in vs if isinstance(v, BNode)
                                             or not regex.search(str(v))]
    if p in (SH.minLength, SH.maxLength):
        limit = int(o.toPython())
        ok = (lambda n: n >= limit) if p == SH.minLength else (lambda n: n <= limit)
        return component, lambda d, f, vs: [v for v in vs if isinstance(v, BNode)
                                             or not ok(len(str(v)))]
    if p == SH["in"]:
        allowed = set(Collection(shapes, o))
        return component, lambda d, f, vs: [v for v in vs if v not in allowed]
    if p == SH.hasValue:
        return component, lambda d, f, vs: [] if o in vs else [None]
    if p == SH.minInclusive:
        return component, lambda d, f, vs: [v for v in vs if not _ordered(o, v)]
    if p in (SH.lessThan, SH.lessThanOrEquals):
        strictly = p == SH.lessThan
        return component, lambda d, f, vs: [
            v for v in vs if any(not _ordered(v, c, strictly)
                                 for c in d.spo.get(f, {}).get(o, ()))]
    if p == SH["or"]:
        members = [_compile_shape(shapes, m, cache) for m in Collection(shapes, o)]
        return component, lambda d, f, vs: [v for v in vs
                                             if not any(m.conforms(d, v) for m in members)]
    if p == SH["not"]:
        inner = _compile_shape(shapes, o, cache)
        return component, lambda d, f, vs: [v for v in vs if inner.conforms(d, v)]
    raise Unsupported(str(p))  # pragma: no cover - SUPPORTED lists the branches above


@dataclass
class CompiledShapes:
    targets: list  # (class, node shape)

    def validate(self, data: TripleIndex, only: set | None = None) -> list[ShapeResult]:
        """The results of every focus node, or of those in ``only`` (the others are in
        the data for context, as values and referenced records)."""
        results = []
        for cls, shape in self.targets:
            for focus in _instances(data, cls):
                if only is None or focus in only:
                    results += shape.results(data, focus)
        # pyshacl reports a value node once per shape, component and focus
        return list(dict.fromkeys(results))


def _instances(data: TripleIndex, cls) -> list:
    found = list(data.pos.get(_TYPE, {}).get(cls, ()))
    for sub in data.pos.get(_SUBCLASS, {}).get(cls, ()):
        found += _instances(data, sub)
    return list(dict.fromkeys(found))


def _interned(shapes: Graph) -> Graph:
    """The shapes with the IRIs of the data's terms (diplokg.namespaces.interned), so that
    looking up a path or a class in the data's index is a match by identity."""
    copy = Graph()
    for triple in shapes:
        copy.add(tuple(interned(t) if isinstance(t, URIRef) else t for t in triple))
    return copy


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile the node shapes of ``shapes``; raise Unsupported if any uses more than we do."""
    shapes = _interned(shapes)
    targets = []
    cache: dict = {}
    for node in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)) |
                       set(shapes.subjects(SH.targetClass, None))):
        if (node, SH.deactivated, Literal(True)) in shapes:
            continue
        for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            if (node, other, None) in shapes:
                raise Unsupported(f"{other} on {node}")
        if (node, RDF.type, RDFS.Class) in shapes:
            raise Unsupported(f"implicit class target on {node}")
        shape = _compile_shape(shapes, node, cache)
        targets += [(cls, shape) for cls in sorted(shapes.objects(node, SH.targetClass))]
    return CompiledShapes(targets)
