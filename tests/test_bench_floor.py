"""bench/floor.py: the floor prints valid N-Triples, as many as it counts and about as many
as diplokg makes; the facts converted to JSON build the same graph, and are converted again
when the facts change."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pyoxigraph
import pytest

from diplokg.build import pipeline
from diplokg.read.facts import fact_file_paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import floor  # noqa: E402  (a script folder, not a package)
import generate  # noqa: E402

SMALL = Path(__file__).parent / "cases" / "small"


@pytest.fixture
def data(tmp_path) -> Path:
    """A data set as generate.py lays it out: DATA/facts/*.facts.yaml and source texts."""
    facts = tmp_path / "data" / "facts"
    facts.mkdir(parents=True)
    shutil.copy(SMALL / "facts.yaml", facts / "small.facts.yaml")
    shutil.copy(SMALL / "article.txt", facts / "article.txt")
    return tmp_path / "data"


def test_the_floor_prints_valid_ntriples_as_many_as_it_counts(data, tmp_path):
    output = tmp_path / "floor.nt"
    figures = floor.measure(data, output, json_variant=False)
    lines = output.read_text(encoding="utf-8").splitlines()
    assert figures["triples"] == len(lines) > 0
    parsed = list(pyoxigraph.parse(path=str(output), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(parsed) == len(lines)
    assert figures["load"] > 0 and figures["write"] > 0 and figures["peak_mb"] > 0


def test_the_floor_makes_about_as_many_triples_as_diplokg_maps(data):
    figures = floor.measure(data, json_variant=False)
    mapped, _per_kind = generate.count_triples([data / "facts"])
    assert abs(figures["triples"] - mapped) <= 0.15 * mapped


def test_a_reference_is_an_iri_and_a_bounded_date_three_triples(data, tmp_path):
    output = tmp_path / "floor.nt"
    floor.measure(data, output, json_variant=False)
    text = output.read_text(encoding="utf-8")
    person = "<https://w3id.org/diplokg/id/person/leader-a>"
    assert f"{person} <https://w3id.org/diplokg/ontology#source> " \
           "<https://w3id.org/diplokg/id/source/gazette> ." in text
    office = "<https://w3id.org/diplokg/id/person/leader-a/offices/0>"
    for prop in ("start", "startEarliest", "startLatest"):
        assert f"{office} <https://w3id.org/diplokg/ontology#{prop}> \"2020\"" in text


def test_the_facts_as_json_build_the_same_graph(data, tmp_path):
    as_json = floor.json_facts(data)
    assert [p.name for p in floor.fact_files(as_json)] == ["small.facts.json"]
    yaml_build = pipeline.build([data / "facts"], tmp_path / "yaml.ttl")
    json_build = pipeline.build([as_json], tmp_path / "json.ttl")
    assert json_build.count == yaml_build.count
    assert (tmp_path / "json.ttl").read_bytes() == (tmp_path / "yaml.ttl").read_bytes()


def test_the_json_copy_is_hidden_from_a_build_of_the_data_set(data):
    floor.json_facts(data)
    assert fact_file_paths([data]) == [data / "facts" / "small.facts.yaml"]


def test_the_json_copy_is_made_again_when_the_facts_change(data):
    converted = floor.json_facts(data) / "small.facts.json"
    assert "King B" in converted.read_text(encoding="utf-8")
    facts = data / "facts" / "small.facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("King B", "King C"),
                     encoding="utf-8")
    text = (floor.json_facts(data) / "small.facts.json").read_text(encoding="utf-8")
    assert "King C" in text and "King B" not in text


def test_the_json_copy_is_kept_while_the_facts_do_not_change(data):
    converted = floor.json_facts(data) / "small.facts.json"
    converted.write_text("{}", encoding="utf-8")  # a conversion again would overwrite this
    assert (floor.json_facts(data) / "small.facts.json").read_text(encoding="utf-8") == "{}"


def test_a_folder_without_facts_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        floor.main([str(tmp_path)])
    assert stopped.value.code == 2
    assert "has no facts/ folder" in capsys.readouterr().err
