"""Run the SHACL shapes (pyshacl) and the checks across facts; report problems people can act on.

This is the only module that imports pyshacl.  Results are translated into the
words of the fact file: ids and fields, never blank nodes or raw SHACL IRIs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from diplokg import resources
from diplokg.errors import UnreadableInput
from diplokg.iris import ANY_LOCAL, by_length, compact
from diplokg.model import registry
from diplokg.model import shapes as generated_shapes
from diplokg.model.registry import project_prefixes
from diplokg.namespaces import DKSH, RDF, RDFS, SH
from diplokg.problems import VIOLATION, WARNING, Problem
from diplokg.rdf.mapping import Origin, field_of_property
from diplokg.rdf.triples import TripleIndex
from diplokg.safetext import one_line, printable
from diplokg.validate import checks, fastshacl

SEVERITIES = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: WARNING}

# What a constraint component means, for shapes that carry no sh:message of their own.
# {param} is the value of that parameter of the shape.
COMPONENT_MESSAGES = {
    "MinCount": "needs at least {minCount} value(s)",
    "MaxCount": "has more than {maxCount} value(s)",
    "Datatype": "must be a literal of type {datatype}",
    "Class": "must be a {class}",
    "NodeKind": "must be a {nodeKind}",
    "Pattern": "must match the pattern {pattern}",
    "In": "is not one of the allowed values",
    "MinLength": "must be at least {minLength} characters long",
    "MaxLength": "must be at most {maxLength} characters long",
    "MinInclusive": "must be at least {minInclusive}",
    "MaxInclusive": "must be at most {maxInclusive}",
    "MinExclusive": "must be more than {minExclusive}",
    "MaxExclusive": "must be less than {maxExclusive}",
    "HasValue": "must include the value {hasValue}",
    "LessThan": "must be less than the value of {lessThan}",
    "LessThanOrEquals": "must not be greater than the value of {lessThanOrEquals}",
    "Equals": "must have the same values as {equals}",
    "Disjoint": "must not share a value with {disjoint}",
    "UniqueLang": "has two values in the same language",
    "Node": "does not meet the shape {node}",
    "Or": "meets none of the alternatives",
    "And": "does not meet all of the required shapes",
    "Not": "meets a shape it must not meet",
    "Xone": "does not meet exactly one of the alternatives",
    "Closed": "has a property the shape does not allow",
    "QualifiedMinCount": "has too few values that meet the qualified shape",
    "QualifiedMaxCount": "has too many values that meet the qualified shape",
    "SPARQL": "does not satisfy a SPARQL constraint",
}


@dataclass
class Shapes:
    graph: Graph
    files: dict[URIRef, str] = field(default_factory=dict)  # shape -> file that declares it
    user: set = field(default_factory=set)  # shapes given with --shapes
    _compiled: object = None

    @property
    def compiled(self) -> fastshacl.CompiledShapes | None:
        """The shapes compiled for speed, or None where they use more than fastshacl does."""
        if self._compiled is None:
            try:
                self._compiled = fastshacl.compile_shapes(self.graph)
            except fastshacl.Unsupported:
                self._compiled = False
        return self._compiled or None


def _parse_shapes(path: Path, text: str | None = None) -> Graph:
    try:
        graph = Graph().parse(path, format="turtle") if text is None else \
            Graph().parse(data=text, format="turtle")
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such shapes file") from None
    except Exception as error:  # rdflib raises many kinds of syntax errors
        raise UnreadableInput(f"{path}: not valid Turtle: {one_line(error)}") from None
    if checks.shape_count(graph) == 0:
        raise UnreadableInput(f"{path}: defines no SHACL shapes, so it would check nothing")
    return graph


def _add(shapes: Shapes, path: Path, user: bool, text: str | None = None) -> None:
    graph = _parse_shapes(path, text)
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        shapes.files[shape] = str(path)
        if user:
            shapes.user.add(shape)
    shapes.graph += graph


def _project_shapes() -> Shapes:
    return _project_shapes_of(registry.revision())


@cache
def _project_shapes_of(revision: int) -> Shapes:
    """The hand-written shapes files, and the field shapes as the kind definitions make them
    (the committed diplokg-fields.shapes.ttl, unless a kind was registered at run time)."""
    shapes = Shapes(Graph())
    for path in resources.shapes_files():
        if path.name == generated_shapes.FILE_NAME:
            _add(shapes, path, user=False, text=generated_shapes.shapes_text())
        else:
            _add(shapes, path, user=False)
    return shapes


def load_shapes(extra: tuple[Path, ...] = ()) -> Shapes:
    """The project's shapes, plus a user's own shapes files if given."""
    project = _project_shapes()
    if not extra:
        return project
    # pyshacl, the reference validator, runs a user's shapes: they may use any of SHACL
    shapes = Shapes(Graph(), dict(project.files), _compiled=False)
    shapes.graph += project.graph
    for path in extra:
        _add(shapes, path, user=True)
    return shapes


class Describer:
    """Spells nodes and values in fact-file words, and makes problems about them."""

    def __init__(self, base: str, origins: dict[URIRef, Origin], data: Graph | None = None,
                 file: str = ""):
        self.base = base
        self.origins = origins
        self.data = data
        self.file = file
        names = {**project_prefixes(), "dksh": str(DKSH), "sh": str(SH)}
        self._prefixes = by_length(names)

    def compact(self, term) -> str:
        """The term as ``prefix:rest`` where a prefix fits, for messages; else its text."""
        return compact(str(term), self._prefixes, ANY_LOCAL) or str(term)

    def value(self, term) -> str:
        """The term as a fact file would spell it; long values are cut at 80 characters
        (the whole term is kept in the problem's ``value_term``)."""
        text = self._spelled(term)
        return text if len(text) <= 80 else text[:77] + "..."

    def _spelled(self, term) -> str:
        if isinstance(term, Literal):
            return str(term)
        if isinstance(term, BNode):
            return self._unnamed(term)
        text = str(term)
        if text.startswith(self.base):
            kind, _, rest = text[len(self.base):].partition("/")
            fact_id, _, nested = rest.partition("/")
            return f"{fact_id} ({kind})" if not nested else f"{fact_id} {nested}"
        return self.compact(term)

    def _unnamed(self, node: BNode) -> str:
        """A blank node, described by its class and label instead of its random id."""
        if self.data is None:
            return "an unnamed node"
        classes = sorted(self.compact(c) for c in self.data.objects(node, RDF.type))
        label = self.data.value(node, RDFS.label)
        what = f"an unnamed {' '.join(classes)}" if classes else "an unnamed node"
        return f"{what} labelled {str(label)!r}" if label is not None else what

    def origin(self, focus) -> Origin:
        found = self.origins.get(focus)
        if found:
            return found
        return Origin(self.file, 0, self.value(focus))

    def __call__(self, focus, name: str, *, message: str, hint: str = "", value=None,
                 severity: str = VIOLATION, code: str = "", path=None, shape=None,
                 component=None) -> Problem:
        origin = self.origin(focus)
        field_name, line = origin.field(name) if name else ("", origin.line)
        return Problem(
            file=origin.file, line=line, fact=origin.fact, field=field_name, message=message,
            hint=hint, value=self.value(value) if value not in (None, focus) else "",
            severity=severity, code=code,
            focus=str(focus) if isinstance(focus, URIRef) else "",
            path=str(path) if isinstance(path, URIRef) else "",
            shape=str(shape) if isinstance(shape, URIRef) else "",
            component=str(component) if component else "",
            value_term=value.n3() if isinstance(value, (URIRef, Literal)) else "")


def _component_message(shapes: Graph, shape, component: URIRef, describe: Describer) -> str:
    name = str(component).removeprefix(str(SH)).removesuffix("ConstraintComponent")
    template = COMPONENT_MESSAGES.get(name, f"does not satisfy the {name} constraint")
    for param in ("minCount", "maxCount", "datatype", "class", "nodeKind", "pattern",
                  "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive",
                  "maxExclusive", "hasValue", "lessThan", "lessThanOrEquals", "equals",
                  "disjoint", "node"):
        if "{" + param + "}" in template:
            value = shapes.value(shape, SH[param])
            shown = describe.value(value) if value is not None else "?"
            template = template.replace("{" + param + "}", shown)
    return template


def _unusable(shapes: Shapes, why: str) -> UnreadableInput:
    files = sorted({shapes.files[s] for s in shapes.user if s in shapes.files})
    return UnreadableInput(f"{', '.join(files) or 'shapes'}: the shapes cannot be used: {why}")


def pyshacl_results(data: Graph, shapes: Shapes) -> list[fastshacl.ShapeResult]:
    """pyshacl's findings, as the compiled shapes give theirs."""
    import pyshacl  # here, not at the top: a build from fact files does not need it
    from pyparsing import ParseException
    from pyshacl.errors import ReportableRuntimeError

    try:
        _conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes.graph, inference="none", advanced=False,
            allow_warnings=True, abort_on_first=False)
    except ReportableRuntimeError as error:  # e.g. a user's shape that is not valid SHACL
        raise _unusable(shapes, printable(error.message)) from None
    except ParseException as error:
        raise _unusable(shapes, f"a SPARQL query does not parse: {printable(error)}") from None
    except (ValueError, TypeError, KeyError) as error:  # other shapes pyshacl trips on
        raise _unusable(shapes, f"{type(error).__name__}: {printable(error)}") from None
    fields = (SH.focusNode, SH.resultPath, SH.value, SH.sourceShape,
              SH.sourceConstraintComponent, SH.resultSeverity)
    return [fastshacl.ShapeResult(*(results.value(r, p) for p in fields))
            for r in results.subjects(RDF.type, SH.ValidationResult)]


def _shacl_problems(data, shapes: Shapes, describe: Describer,
                    only: set | None = None) -> list[Problem]:
    """SHACL findings in fact-file words: compiled shapes on a TripleIndex (of the focus
    nodes in ``only``, if given), else pyshacl."""
    if isinstance(data, TripleIndex):
        results = shapes.compiled.validate(data, only)
    else:
        results = pyshacl_results(data, shapes)
    graph = shapes.graph
    problems = []
    for focus, path, value, shape, component, severity in results:
        name = graph.value(shape, SH.name) or field_of_property(path) or \
            (describe.compact(path) if isinstance(path, URIRef) else "")
        # pyshacl's own default messages spell IRIs and blank nodes: use the shape's
        # message, or say what the constraint component means.
        message = graph.value(shape, SH.message) or \
            _component_message(graph, shape, component, describe)
        code = describe.compact(shape).removeprefix("dksh:") if isinstance(shape, URIRef) \
            else describe.compact(component).removeprefix("sh:")
        problem = describe(
            focus, str(name), message=str(message),
            hint=str(graph.value(shape, SH.description) or ""), value=value,
            severity=SEVERITIES.get(severity, VIOLATION),
            code=code, path=path, shape=shape, component=component)
        problems.append(_with_comparison(problem, data, graph, shape, focus, value))
    return problems


def _with_comparison(problem: Problem, data: Graph, shapes: Graph, shape, focus, value):
    """For an order constraint, show both values: "2024-05-06 is after 2024-05-01"."""
    for param, relation in ((SH.lessThanOrEquals, "is after"), (SH.lessThan, "is not before")):
        other_property = shapes.value(shape, param)
        if other_property is not None and value is not None:
            other = data.value(focus, other_property)
            if other is not None:
                return replace(problem, value=f"{value} {relation} {other}")
    return problem


def _graph_problems(data: Graph, shapes: Shapes, describe: Describer,
                    only: set | None = None) -> list[Problem]:
    """SHACL and the checks across facts, on one graph; ``only`` may name the focus
    nodes whose SHACL results are wanted."""
    describe.data = data
    problems = _shacl_problems(data, shapes, describe, only)
    for more in (checks.literal_problems, checks.office_problems, checks.own_state_problems):
        problems += more(data, describe)
    return problems


def check(data: Graph, describe: Describer, extra_shapes: tuple[Path, ...] = (),
          data_is_ours: bool = True) -> list[Problem]:
    """Validate ``data`` as one graph: the SHACL shapes, the checks across facts, coverage.

    ``data_is_ours`` says the graph was mapped from fact files here; then only a
    user's own shapes are checked for matching nothing (a fact file without
    agreements leaves the agreement shapes idle, which is fine).
    """
    shapes = load_shapes(extra_shapes)
    problems = _graph_problems(data, shapes, describe)
    checked = shapes.user if data_is_ours else set(shapes.files)
    problems += checks.coverage_problems(checks.Summary(data), shapes.graph, shapes.files,
                                         checked, describe)
    return sorted(set(problems))


# -- validating a large graph in chunks -------------------------------------------
#
# pyshacl's time grows with the graph, and it runs on one core.  A chunk is a
# group of entities (all the nodes of a fact, nested ones included) validated
# together with the full records of every entity they refer to, so class checks,
# order checks across facts and office checks see what they need.  Results are
# kept only for the chunk's own nodes: the referenced records are validated in
# their own chunk.  The findings are those of one whole-graph run.  (pyshacl's
# focus_nodes option would be simpler but loses sh:or results.)


@dataclass
class Chunk:
    """Entities validated together; ``context`` are the entities they refer to."""

    entities: list[str]
    context: list[str]


PARALLEL_FROM = 20_000  # triples; below this, starting processes costs more than it saves
_WORK: dict = {}  # what forked workers read: triples per entity, origins, shapes, base


def _check_chunk(chunk: Chunk) -> list[Problem]:
    triples, origins, shapes, base = (_WORK[k] for k in ("triples", "origins", "shapes", "base"))
    subjects = {s for entity in chunk.entities for s, _, _ in triples[entity]}
    owned = {str(s) for s in subjects}
    everything = (t for entity in chunk.entities + chunk.context for t in triples[entity])
    if shapes.compiled is not None:
        data = TripleIndex(everything)
    else:
        data = Graph()
        for triple in everything:
            data.add(triple)
    # The context's own results would be dropped below: not computing them halves the work.
    problems = _graph_problems(data, shapes, Describer(base, origins), subjects)
    return [p for p in problems if p.focus in owned]


def check_chunks(chunks: list[Chunk], triples: dict[str, list], origins: dict, base: str,
                 extra_shapes: tuple[Path, ...] = (), jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None) -> list[list[Problem]]:
    """Validate chunks, in ``jobs`` processes; the problems of each chunk, in order.

    ``progress`` is told (triples done, triples in all) after each chunk.
    """
    shapes = load_shapes(extra_shapes)
    jobs = min(jobs, os.cpu_count() or 1, len(chunks))  # more processes than cores only cost
    _WORK.update(triples=triples, origins=origins, shapes=shapes, base=base)
    sizes = [sum(len(triples[e]) for e in chunk.entities) for chunk in chunks]
    try:
        forking = "fork" in multiprocessing.get_all_start_methods()  # not on Windows
        if jobs <= 1 or len(chunks) <= 1 or sum(sizes) < PARALLEL_FROM or not forking:
            found = map(_check_chunk, chunks)
            return _reporting(found, sizes, progress)
        # fork: workers inherit the triples instead of receiving them pickled; frozen, they
        # are out of the collector's sight, so a worker does not copy every page it shares
        # with the build just to scan the objects on it
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                return _reporting(pool.imap(_check_chunk, chunks), sizes, progress)
        finally:
            gc.unfreeze()
    finally:
        _WORK.clear()


def _reporting(found: Iterable[list[Problem]], sizes: list[int],
               progress: Callable[[int, int], None] | None) -> list[list[Problem]]:
    results, done = [], 0
    for problems, size in zip(found, sizes, strict=True):
        results.append(problems)
        done += size
        if progress is not None:
            progress(done, sum(sizes))
    return results


def coverage(summary: checks.Summary, describe: Describer,
             extra_shapes: tuple[Path, ...] = ()) -> list[Problem]:
    """Idle user shapes and untargeted classes, for a graph mapped from fact files."""
    shapes = load_shapes(extra_shapes)
    return list(checks.coverage_problems(summary, shapes.graph, shapes.files, shapes.user,
                                         describe))
