"""The compiled SHACL Core validator finds exactly what pyshacl, the reference, finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef

from conftest import REPO
from diplokg.build import pipeline
from diplokg.rdf.triples import TripleIndex
from diplokg.validate import fastshacl
from diplokg.validate.shacl import load_shapes, pyshacl_results

SHAPE_TESTS = Path(__file__).parent / "shapes"
CASES = sorted((SHAPE_TESTS / "cases").glob("*.ru")) + sorted(
    (SHAPE_TESTS / "passing").glob("*.ru"))

pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")


def normalised(results) -> set:
    """Complex paths are blank nodes in different graphs: compare IRIs only."""
    return {(f, p if isinstance(p, URIRef) else None, v, s if not isinstance(s, BNode) else None,
             c, sev) for f, p, v, s, c, sev in results}


def both(data: Graph) -> tuple[set, set]:
    shapes = load_shapes()
    reference = pyshacl_results(data, shapes)
    compiled = shapes.compiled.validate(TripleIndex(data))
    assert {type(r) for r in reference + compiled} <= {fastshacl.ShapeResult}
    return normalised(reference), normalised(compiled)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shape_case_gives_the_same_results(case):
    data = Graph().parse(SHAPE_TESTS / "valid.ttl")
    data.update(case.read_text(encoding="utf-8"))
    reference, compiled = both(data)
    assert compiled == reference


@pytest.mark.parametrize("paths", [["seeds"], ["tests/cases/broken-seed"],
                                   ["seeds", "tests/cases/merge"]])
def test_fact_graphs_give_the_same_results(paths):
    graph = pipeline.graph_from_facts([REPO / p for p in paths]).graph
    reference, compiled = both(graph)
    assert compiled == reference
    if "broken" in paths[0]:
        assert len(reference) > 3


def test_the_project_shapes_compile():
    assert load_shapes().compiled is not None


def test_shapes_beyond_the_compiled_part_are_refused():
    shapes = Graph().parse(data="""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
    sh:property [ sh:path <urn:p> ; sh:qualifiedMinCount 1 ;
                  sh:qualifiedValueShape [ sh:class <urn:D> ] ] .
""", format="turtle")
    with pytest.raises(fastshacl.Unsupported):
        fastshacl.compile_shapes(shapes)
