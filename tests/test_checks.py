"""Checks across facts (one failing and one passing case each) and no silent passes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, replace_in
from diplokg.build import pipeline
from diplokg.cli import app

runner = CliRunner()


def problems(path, *, code=None):
    found = pipeline.validate([path]).problems
    return [p for p in found if code is None or p.code == code]


ADD_SECOND_VISIT = """\
  - id: b-to-ruritania
    source: gazette
    visitors: [king-b]
    destination: ruritania
    start: {start}
    status: took-place
    follows: [a-to-zenda]
    evidence: ["King B"]
agreements:
"""


@pytest.mark.parametrize("office_start,visit_ok,treaty_ok", [
    ("2020", True, True),
    ("2024-05", True, True),      # a month that holds both the visit day and the signing month
    ("2024-05-08", False, True),  # after the visit, but within the signing month
    ("2024-06", False, False),
])
def test_visitor_and_signatory_held_office_at_the_time(small, office_start, visit_ok, treaty_ok):
    replace_in(small, "        start: 2020", f"        start: {office_start}")
    found = problems(small, code="office-at-time")
    assert sorted(p.fact for p in found) == sorted(
        ([] if visit_ok else ["visit a-to-zenda"]) +
        ([] if treaty_ok else ["agreement friendship-treaty"]))
    for p in found:
        assert p.severity == "violation" and "leader-a (person) held none" in p.message


def test_office_end_counts_too(small):
    replace_in(small, "        start: 2020", "        start: 2020\n        end: 2023")
    assert sorted(p.fact for p in problems(small, code="office-at-time")) == [
        "agreement friendship-treaty", "visit a-to-zenda"]


def test_superseding_agreement_signed_before_the_one_it_supersedes(small):
    assert problems(small) == []
    replace_in(small, "    signed: 1990", "    signed: 2025")
    found = problems(small)
    assert [(p.fact, p.field, p.code) for p in found] == [
        ("agreement friendship-treaty", "supersedes", "Agreement-supersedes-earlier")]


def test_same_year_supersession_is_not_flagged(small):
    replace_in(small, "    signed: 1990", "    signed: 2024")  # 2024 may be before 2024-05
    assert problems(small) == []


@pytest.mark.parametrize("start,ok", [("2024-06-01", True), ("2024", True), ("2024-05-06", True),
                                      ("2024-04", False), ("2023", False)])
def test_visit_that_follows_a_later_visit(small, start, ok):
    replace_in(small, "agreements:\n", ADD_SECOND_VISIT.format(start=start))
    found = problems(small, code="Visit-follows-earlier")
    assert [p.fact for p in found] == ([] if ok else ["visit b-to-ruritania"])


@pytest.mark.parametrize("end,ok", [("2024-05-07", True), ("2024-05", True), ("2024", True),
                                    ("2024-05-05", False), ("2024-04", False)])
def test_visit_ending_before_it_starts(small, end, ok):
    replace_in(small, "    end: 2024-05-07", f"    end: {end}")
    found = problems(small, code="Fact-end-after-start")
    assert [(p.fact, p.field) for p in found] == ([] if ok else [("visit a-to-zenda", "end")])


def test_visit_to_the_visitors_own_state_is_a_warning(small):
    assert problems(small, code="own-state") == []
    replace_in(small, "    destination: zenda-state", "    destination: ruritania")
    found = problems(small, code="own-state")
    assert [(p.fact, p.field, p.severity) for p in found] == [
        ("visit a-to-zenda", "destination", "warning")]
    assert "Leader of Ruritania" in found[0].message


def test_seeds_pass_the_checks_across_facts():
    codes = {p.code for p in problems(SEEDS)}
    assert codes == {"VisitRecommended_Shape"}


# -- no silent passes ----------------------------------------------------------

def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_shapes_file_without_shapes_is_an_error(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    result = run("validate", SEEDS, "--shapes", empty)
    assert result.exit_code == 3 and "defines no SHACL shapes" in result.output


def test_user_shape_that_matches_nothing_is_reported(tmp_path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dk: <https://w3id.org/diplokg/ontology#> .
<urn:mine#Meeting_Shape> a sh:NodeShape ; sh:targetClass dk:Meeting ;
    sh:property [ sh:path dk:visitor ; sh:minCount 1 ] .
""")
    result = run("validate", SEEDS, "--shapes", shapes)
    assert result.exit_code == 0
    assert "shape urn:mine#Meeting_Shape" in result.output
    assert "matches nothing in the graph (sh:targetClass dk:Meeting)" in result.output
    assert run("validate", SEEDS, "--shapes", shapes, "--strict").exit_code == 1


def test_rdf_with_untargeted_classes_and_idle_shapes(tmp_path):
    data = tmp_path / "other.ttl"
    data.write_text("""
@prefix ex: <http://example.org/> .
ex:a a ex:Visit ; ex:visitor ex:b .
""")
    result = run("validate", data)
    assert result.exit_code == 0
    assert "class ex:Visit" not in result.output  # no prefix for ex: -> full IRI
    assert "class http://example.org/Visit" in result.output
    assert "no shape targets this class, so its 1 node(s) are not checked" in result.output
    assert "shape dksh:Visit_Shape" in result.output and "matches nothing" in result.output


def test_blank_nodes_never_reach_a_person(tmp_path):
    data = tmp_path / "bnodes.ttl"
    data.write_text("""
@prefix dk: <https://w3id.org/diplokg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
[] a dk:Visit ; rdfs:label "A visit with no one" .
""")
    result = run("validate", data)
    assert result.exit_code == 1
    assert "an unnamed dk:Visit labelled 'A visit with no one'" in result.output
    assert "_:" not in result.output and "ConstraintComponent" not in result.output


def test_user_shape_without_message_gets_a_readable_one(tmp_path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dk: <https://w3id.org/diplokg/ontology#> .
<urn:mine#V> a sh:NodeShape ; sh:targetClass dk:Visit ;
    sh:property [ sh:path dk:travelMode ; sh:minCount 1 ] .
""")
    result = run("validate", SEEDS, "--shapes", shapes)
    assert "travel_mode: needs at least 1 value(s)" in result.output
    assert "ConstraintComponent" not in result.output and "Less than" not in result.output


def test_json_ld_input(tmp_path):
    built = pipeline.graph_from_facts([SEEDS]).graph
    data = tmp_path / "seeds.jsonld"
    data.write_text(built.serialize(format="json-ld"))
    result = run("validate", data)
    assert result.exit_code == 0, result.output


def test_ntriples_input(tmp_path):
    out = tmp_path / "seeds.nt"
    assert run("build", SEEDS, "-o", out, "-f", "nt").exit_code == 0
    assert run("validate", out).exit_code == 0
