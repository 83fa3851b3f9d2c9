"""The SHACL shapes, tested against shapes/valid.ttl and small changes to it.

Each file in shapes/cases/ is a SPARQL Update that breaks one thing in a copy of
valid.ttl.  Its `# expect: <shape> <focus node> <Violation|Warning>` lines name
the results it must produce (prefixed names use the prefixes of valid.ttl, plus
dksh:), and no other source shape may report anything.  Each file in
shapes/passing/ is an update after which the graph must still conform with no
result at all.  An `# xfail: <reason>` line marks a case that fails because of a
known problem in a shape or in pyshacl.
"""

from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef

HERE = Path(__file__).parent / "shapes"
SHAPES = Path(__file__).resolve().parents[1] / "shapes"
SH = Namespace("http://www.w3.org/ns/shacl#")
DKSH = "https://w3id.org/diplokg/shapes#"

# rdflib warns when it parses the ill-formed "maybe"^^xsd:boolean of one case.
pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")

SHAPES_GRAPH = Graph()
for _path in sorted(SHAPES.glob("*.shapes.ttl")):
    SHAPES_GRAPH.parse(_path)
VALID = Graph().parse(HERE / "valid.ttl")
PREFIXES = {prefix: str(ns) for prefix, ns in VALID.namespaces()} | {"dksh": DKSH}


def expand(term: str) -> URIRef:
    if term.startswith("<") and term.endswith(">"):
        return URIRef(term[1:-1])
    prefix, _, local = term.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def directives(path: Path, name: str) -> list[str]:
    """The text after `# name:` on each such line of a case file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split(":", 1)[1].strip() for line in lines if line.startswith(f"# {name}:")]


@cache
def expected(path: Path) -> frozenset[tuple[URIRef, URIRef, URIRef]]:
    triples = set()
    for line in directives(path, "expect"):
        shape, focus, severity = line.split()
        triples.add((expand(shape), expand(focus), SH[severity]))
    return frozenset(triples)


def results(path: Path | None = None) -> set[tuple[URIRef, URIRef, URIRef]]:
    """(source shape, focus node, severity) of every result for valid.ttl after `path`."""
    data = Graph()
    data += VALID
    if path is not None:
        data.update(path.read_text(encoding="utf-8"))
    _, report, _ = validate(data, shacl_graph=SHAPES_GRAPH, inference="none", allow_warnings=True)
    return {
        (
            report.value(r, SH.sourceShape),
            report.value(r, SH.focusNode),
            report.value(r, SH.resultSeverity),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


def params(folder: str) -> list:
    return [
        pytest.param(
            path,
            id=path.stem,
            marks=[
                pytest.mark.xfail(strict=True, reason=reason)
                for reason in directives(path, "xfail")
            ],
        )
        for path in sorted((HERE / folder).glob("*.ru"))
    ]


CASES = params("cases")
PASSING = params("passing")


def test_valid_graph_has_no_results():
    assert results() == set()


@pytest.mark.parametrize("path", CASES)
def test_case_reports_exactly_the_expected_shapes(path: Path):
    want = expected(path)
    assert want, f"{path.name} has no `# expect:` line"
    got = results(path)
    assert want - got == set(), f"missing results; got {sorted(got)}"
    unexpected = {shape for shape, _, _ in got} - {shape for shape, _, _ in want}
    assert unexpected == set(), f"results from other shapes: {sorted(got)}"


@pytest.mark.parametrize("path", PASSING)
def test_passing_change_has_no_results(path: Path):
    assert directives(path, "expect") == []
    assert results(path) == set()


def test_every_shape_has_a_negative_case():
    covered_props, covered_nodes = set(), set()
    for param in CASES:
        for shape, focus, _ in expected(param.values[0]):
            covered_props.add(shape)
            if SHAPES_GRAPH.value(shape, SH.targetClass) is not None:
                covered_nodes.add(shape)  # a constraint on the node shape itself
            for node in SHAPES_GRAPH.subjects(SH.property, shape):
                if (focus, RDF.type, SHAPES_GRAPH.value(node, SH.targetClass)) in VALID:
                    covered_nodes.add(node)
    props = {s for s in SHAPES_GRAPH.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    nodes = set(SHAPES_GRAPH.subjects(SH.targetClass, None))
    assert sorted(props - covered_props) == []
    assert sorted(nodes - covered_nodes) == []
