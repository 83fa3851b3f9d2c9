"""The kind definitions: what is generated from them, and that a new kind needs nothing else.

A kind is defined once (src/diplokg/model/kinds/); the JSON Schema, the JSON-LD
context and the per-field shapes are generated from the definitions and
committed, and every table the stages use is derived from them.  The last test
defines a kind only here, and builds, validates and queries a fact of it.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from conftest import REPO
from diplokg import names
from diplokg.cli import app
from diplokg.model import fields as F
from diplokg.model import generate, registry
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import COMMON, label
from diplokg.namespaces import DEFAULT_BASE, DK, RDF

runner = CliRunner()


@pytest.mark.parametrize("path", sorted(generate.artefacts()), ids=lambda p: p.name)
def test_committed_artefacts_are_what_the_definitions_generate(path):
    assert path.read_text(encoding="utf-8") == generate.artefacts()[path], \
        "run: python -m diplokg.model.generate"


def test_the_generate_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "facts.schema.json"
    stale.write_text("{}")
    monkeypatch.setattr(generate, "artefacts", lambda: {stale: "{\n}\n"})
    assert generate.main(["--check"]) == 1
    assert generate.main([]) == 0 and stale.read_text() == "{\n}\n"
    assert generate.main(["--check"]) == 0


def test_diplokg_schema_prints_the_committed_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == (REPO / "src/diplokg/facts.schema.json").read_text(encoding="utf-8")


def test_every_kind_is_complete():
    for kind in registry.all_kinds():
        assert kind.label and kind.shape_prefix, kind.name
        if not kind.nested:
            assert kind.section and kind.example, kind.name
        for field in kind.fields:
            if field.type == F.REF:
                assert all(k in registry.KINDS for k in field.refs) or field.name == "same_as"
            if field.type == F.NESTED:
                assert field.item in registry.NESTED_KINDS
            if field.type == F.CONCEPT:
                assert field.scheme and field.values
            if field.message:
                assert field.fix, f"{kind.name}.{field.name} has a message but no fix"


def test_derived_tables_read_the_definitions():
    assert registry.sections() == {"sources": "source", "persons": "person",
                                   "states": "state", "organisations": "organisation",
                                   "places": "place", "visits": "visit",
                                   "agreements": "agreement", "decisions": "decision"}
    assert registry.reference_fields("visit") == (
        "visitors", "hosts", "from", "destination", "places", "follows", "distinct_from",
        "capacities.person", "capacities.represents", "route.place", "events.participants",
        "events.place")
    assert registry.date_fields() == ("published", "as_of", "start", "end", "arrive", "depart",
                                      "signed", "expected", "date", "decided")
    assert list(registry.schemes()) == ["place-kind", "visit-kind", "visit-status",
                                        "travel-mode", "event-kind", "event-status",
                                        "agreement-kind", "agreement-status",
                                        "action-kind"]
    assert registry.field_of_property()[DK.visitor] == "visitors"


@pytest.mark.parametrize("text, facts, archive", [
    ("Kim Jong-il", "kim jong il", "kim jong il"),
    ("Bjørn O'Neill", "bjørn o neill", "bjorn oneill"),
    ("King Abdullah ibn Al-Hussein", "king abdullah ibn al hussein",
     "king abdullah bin al hussein"),
    ("Surangel Whipps, Jr.", "surangel whipps jr", "surangel whipps jr"),
    ("!!!", "", "!!!"),
])
def test_one_name_normaliser_with_the_archive_variant(text, facts, archive):
    assert names.normalise_name(text) == facts
    assert names.normalise_name(text, names.ARCHIVE) == archive


@pytest.mark.parametrize("text, facts, archive", [
    ("Juan Guaidó", "juan-guaido", "juan-guaido"),
    ("Jonas Gahr Støre", "jonas-gahr-stre", "jonas-gahr-store"),
    ("Peter O'Neill", "peter-o-neill", "peter-oneill"),
    ("Peter O’Neill", "peter-oneill", "peter-oneill"),
    ("Guðni Jóhannesson", "guni-johannesson", "gu-ni-johannesson"),
    ("President of Russia", "president-of-russia", "president-of-russia"),
])
def test_one_slug_with_the_archive_variant(text, facts, archive):
    """The facts' slug names nested IRIs; the archive's names imported ids: both are
    pinned, since changing either would move IRIs that were minted already."""
    assert names.slug(text) == facts
    assert names.slug(text, names.ARCHIVE) == archive


# -- a new kind, defined only here --------------------------------------------------------

MEASURES = ("asset-freeze", "travel-ban", "arms-embargo")
SANCTION = Kind(
    "sanction", DK.Sanction, section="sanctions", example="eu-2022-russia-asset-freeze",
    label="sanction", shape_prefix="Sanction",
    fields=(
        *COMMON,
        label("title"),
        F.ref("imposer", DK.imposer, "state", required=True,
              message="a sanction needs exactly one imposing state",
              fix="set `imposer:` to the id of a state"),
        F.ref("target", DK.target, "state", required=True,
              message="a sanction needs exactly one target state",
              fix="set `target:` to the id of a state"),
        F.date("start", DK.startDate, message="start must be one date",
               fix="write it as YYYY, YYYY-MM or YYYY-MM-DD"),
        F.concept("measure", DK.measure, "sanction-measure", MEASURES, required=True,
                  message="a sanction needs exactly one measure from the list",
                  fix="set `measure:` to one of " + ", ".join(MEASURES)),
    ),
)

FACTS = """\
diplokg: 1
sources:
  - {id: gazette, title: Sanctions, publisher: The Gazette, text: article.txt}
states:
  - {id: ruritania, source: gazette, name: Ruritania, iso: RU, evidence: [Ruritania froze]}
  - {id: zenda-state, source: gazette, name: Zenda, iso: ZD, evidence: [assets of Zenda]}
sanctions:
  - id: ruritania-2024-zenda-freeze
    source: gazette
    title: Asset freeze on Zenda
    imposer: ruritania
    target: Zenda
    start: 2024-03
    measure: MEASURE
    evidence: ["Ruritania froze the assets of Zenda in March 2024"]
"""


@pytest.fixture
def sanctions(tmp_path, monkeypatch):
    registry.register(SANCTION)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("Ruritania froze the assets of Zenda in March 2024.")
    yield tmp_path
    registry.unregister("sanction")


def test_a_kind_defined_in_one_place_builds_validates_and_queries(sanctions):
    (sanctions / "facts.yaml").write_text(FACTS.replace("MEASURE", "asset-freeze"))
    result = runner.invoke(app, ["build", "facts.yaml", "-o", "out.ttl"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(sanctions / "out.ttl")
    node = URIRef(f"{DEFAULT_BASE}sanction/ruritania-2024-zenda-freeze")
    assert (node, RDF.type, DK.Sanction) in graph
    assert (node, DK.target, URIRef(f"{DEFAULT_BASE}state/zenda-state")) in graph  # by name
    assert (node, DK.measure,
            URIRef("https://w3id.org/diplokg/vocab/sanction-measure/asset-freeze")) in graph
    assert (node, DK.startEarliest, None) not in graph  # no bounds were defined for it
    assert "@prefix sanction: <https://w3id.org/diplokg/id/sanction/>" in \
        (sanctions / "out.ttl").read_text()

    schema = json.loads(runner.invoke(app, ["schema"]).output)
    assert schema["properties"]["sanctions"] == {"type": "array",
                                                 "items": {"$ref": "#/$defs/sanction"}}

    query = runner.invoke(app, ["query", "SELECT ?title WHERE { ?s a dk:Sanction ; "
                                "rdfs:label ?title }", "out.ttl", "-f", "json"])
    assert query.exit_code == 0, query.output
    rows = json.loads(query.output)["results"]["bindings"]
    assert [row["title"]["value"] for row in rows] == ["Asset freeze on Zenda"]
    (sanctions / "target.rq").write_text(
        "# The target of a sanction\n# param: sanction sanction the sanction\n"
        "SELECT ?target WHERE { ?sanction dk:target ?target }\n")
    param = runner.invoke(app, ["query", "--file", "target.rq", "out.ttl", "-f", "csv",
                                "-p", "sanction=ruritania-2024-zenda-freeze"])
    assert param.exit_code == 0, param.output
    assert param.output.splitlines() == ["target", f"{DEFAULT_BASE}state/zenda-state"]


def test_a_new_kind_is_checked_by_its_generated_shapes_and_schema(sanctions):
    (sanctions / "facts.yaml").write_text(FACTS.replace("MEASURE", "nuclear"))
    result = runner.invoke(app, ["validate", "facts.yaml"])
    assert result.exit_code == 1
    assert "sanction ruritania-2024-zenda-freeze" in result.output
    assert "measure: not an allowed value" in result.output

    (sanctions / "facts.yaml").write_text(
        FACTS.replace("MEASURE", "travel-ban").replace("target: Zenda", "target: gazette"))
    result = runner.invoke(app, ["validate", "facts.yaml"])
    assert result.exit_code == 1
    assert "target: a sanction needs exactly one target state" in result.output


def test_the_kind_is_gone_when_unregistered(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("Ruritania froze the assets of Zenda in March 2024.")
    (tmp_path / "facts.yaml").write_text(FACTS.replace("MEASURE", "asset-freeze"))
    result = runner.invoke(app, ["validate", "facts.yaml"])
    assert result.exit_code == 1 and "unknown key 'sanctions'" in result.output


def test_the_registered_class_is_in_no_committed_file():
    """The proof edits no list: the sanction kind is nowhere but in this test."""
    found = subprocess.run(["git", "grep", "-l", "-i", "sanction", "--", "src", "shapes",
                            "ontology"], cwd=REPO, capture_output=True, text=True)
    assert found.stdout == ""
