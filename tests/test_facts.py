"""The reader: every kind of bad input gives a problem naming file, fact and field."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, replace_in
from diplokg.errors import FactProblems, UnreadableInput
from diplokg.merge.entities import merge
from diplokg.read.facts import PartialDate, read_facts
from diplokg.read.passages import normalise_text


def problems_of(path) -> list:
    """What reading and merging ``path`` finds wrong."""
    with pytest.raises(FactProblems) as caught:
        merge(read_facts([path]))
    return caught.value.problems


def only_problem(path):
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def test_small_file_reads(small):
    fact_set = read_facts([small])
    assert sorted(fact_set.by_id) == ["a-to-zenda", "accord-1990", "friendship-treaty", "gazette",
                                      "king-b", "leader-a", "ruritania", "zenda-state"]
    visit = fact_set.by_id["a-to-zenda"]
    assert visit.data["start"] == "2024-05-06"  # unquoted YAML dates stay text
    assert fact_set.by_id["accord-1990"].data["signed"] == "1990"  # and years become text


def test_seed_facts_read():
    fact_set = read_facts([SEEDS])
    kinds = [fact.kind for fact in fact_set.facts()]
    assert kinds.count("visit") >= 6 and kinds.count("agreement") >= 5


def test_malformed_yaml_is_unreadable(small):
    small.write_text("diplokg: 1\npersons: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"facts\.yaml:\d+: not valid YAML"):
        read_facts([small])


def test_malformed_json_is_unreadable(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text('{"diplokg": 1, "persons": [}', encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"facts\.json:1: not valid JSON"):
        read_facts([path])


def test_missing_path_is_unreadable(tmp_path):
    with pytest.raises(UnreadableInput, match="no such file or folder"):
        read_facts([tmp_path / "nope.yaml"])


def test_empty_folder_is_unreadable(tmp_path):
    with pytest.raises(UnreadableInput, match="no fact files found"):
        read_facts([tmp_path])


def test_unknown_key_suggests_the_right_one(small):
    replace_in(small, "    hosts: [king-b]\n", "    hosst: [king-b]\n")
    problem = only_problem(small)
    assert problem.file == str(small)
    assert problem.fact == "visit a-to-zenda"
    assert problem.message == "unknown key 'hosst'"
    assert "did you mean 'hosts'?" in problem.hint
    assert problem.line == 39


def test_unknown_top_level_key(small):
    replace_in(small, "diplokg: 1\n", "diplokg: 1\nmeetings: []\n")
    problem = only_problem(small)
    assert problem.message == "unknown key 'meetings'" and problem.line == 2


def test_missing_required_key(small):
    replace_in(small, "    destination: zenda-state\n", "")
    problem = only_problem(small)
    assert (problem.fact, problem.message) == ("visit a-to-zenda",
                                               "required key 'destination' is missing")


def test_unknown_id_names_the_closest_ids(small):
    replace_in(small, "    hosts: [king-b]", "    hosts: [king-c]")
    problem = only_problem(small)
    assert (problem.fact, problem.field, problem.value) == ("visit a-to-zenda", "hosts", "king-c")
    assert "'king-b'" in problem.hint
    assert problem.line == 39


def test_unknown_id_in_nested_entry(small):
    replace_in(small, "        state: ruritania", "        state: ruritanya")
    problem = only_problem(small)
    assert problem.field == "offices[0].state" and "'ruritania'" in problem.hint


@pytest.mark.parametrize("bad", ["2024-13-01", "2023-02-30", "24-05-06", "2024-5-6", "0000"])
def test_bad_dates_are_rejected(small, bad):
    replace_in(small, "    start: 2024-05-06", f"    start: '{bad}'")
    problem = only_problem(small)
    assert (problem.fact, problem.field, problem.value.strip('"')) == ("visit a-to-zenda",
                                                                      "start", bad)
    assert "YYYY-MM-DD" in problem.hint


def test_dates_keep_their_precision():
    assert PartialDate.parse(2000).precision == "year"
    assert PartialDate.parse("2000-02").latest == "2000-02-29"
    assert PartialDate.parse("1900-02").latest == "1900-02-28"
    assert PartialDate.parse("2001").earliest == "2001-01-01"
    assert PartialDate.parse("2001-06-19").latest == "2001-06-19"


def test_missing_evidence(small):
    replace_in(small, '    evidence: ["King B"]\n', "")
    problem = only_problem(small)
    assert problem.fact == "person king-b"
    assert problem.message == "required key 'evidence' is missing"


def test_empty_evidence(small):
    replace_in(small, '    evidence: ["King B"]\n', "    evidence: []\n")
    problem = only_problem(small)
    assert (problem.fact, problem.field, problem.message) == ("person king-b", "evidence",
                                                              "must not be empty")


def test_quote_not_in_source(small):
    replace_in(small, '["King B"]', '["King C"]')
    problem = only_problem(small)
    assert (problem.fact, problem.field, problem.value) == ("person king-b", "evidence[0]",
                                                            "King C")
    assert "not found in the text of source 'gazette'" in problem.message


def test_quotes_match_across_white_space_and_quote_marks(small):
    # the article has “curly” quotes and a line break inside the quoted sentence
    assert read_facts([small]).by_id["friendship-treaty"]
    assert normalise_text("a “b”\n  c’s") == 'a "b" c\'s'


def test_source_text_missing(small):
    (small.parent / "article.txt").unlink()
    problem = only_problem(small)
    assert (problem.fact, problem.field) == ("source gazette", "text")


def test_same_id_twice_in_one_file(small):
    replace_in(small, "  - id: zenda-state", "  - id: ruritania")
    problem = only_problem(small)
    assert problem.code == "duplicate-id" and "in the same file" in problem.message


def test_same_id_as_two_kinds(small):
    other = small.parent / "more.yaml"
    other.write_text("diplokg: 1\nplaces:\n  - id: ruritania\n    source: gazette\n"
                     "    name: Ruritania\n    kind: region\n"
                     "    evidence: ['Leader A of Ruritania']\n")
    problem = only_problem(small.parent)
    assert problem.file == str(other) and "already used as a state" in problem.message


def test_duplicate_yaml_key(small):
    replace_in(small, "    kind: state\n", "    kind: state\n    kind: official\n")
    problem = only_problem(small)
    assert (problem.fact, problem.field, problem.line) == ("visit a-to-zenda", "kind", 44)
    assert problem.message == "key 'kind' is given twice"


def test_enum_value_suggestion(small):
    replace_in(small, "    status: took-place", "    status: tookplace")
    problem = only_problem(small)
    assert problem.field == "status" and "did you mean 'took-place'?" in problem.hint


def test_norway_stays_a_string(small):
    replace_in(small, "    iso: ZD", "    iso: NO")
    assert read_facts([small]).by_id["zenda-state"].data["iso"] == "NO"


def test_wrong_format_version(small):
    replace_in(small, "diplokg: 1", "diplokg: 2")
    assert only_problem(small).message == "must be 1"


def test_not_a_mapping(small):
    small.write_text("- just\n- a list\n", encoding="utf-8")
    assert "must be a mapping" in only_problem(small).message


def test_json_fact_file_with_lines(small, tmp_path):
    import yaml

    data = yaml.safe_load(small.read_text())
    data["visits"][0]["start"] = "2024-05-06"
    data["visits"][0]["end"] = "2024-05-07"
    data["sources"][0]["published"] = "2024-05-06"
    data["visits"][0]["colour"] = "red"
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    small.unlink()
    problem = only_problem(path)
    assert problem.message == "unknown key 'colour'" and problem.line > 1
    del data["visits"][0]["colour"]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert "a-to-zenda" in read_facts([path]).by_id


def test_all_problems_reported_at_once(small):
    replace_in(small, "    hosts: [king-b]\n", "    hosst: [king-b]\n")
    replace_in(small, "    iso: RU", "    iso: ru")
    assert len(problems_of(small)) == 2


def test_folders_skip_yaml_and_json_that_are_not_fact_files(small):
    (small.parent / "mkdocs.yml").write_text("site_name: docs\nnav: [index.md]\n")
    (small.parent / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    (small.parent / "broken-template.yaml").write_text("key: {{ value }}\n")
    fact_set = read_facts([small.parent])
    assert [f.path.name for f in fact_set.files] == ["facts.yaml"]


def test_json_fact_files_are_found_in_folders(small, tmp_path):
    other = tmp_path / "more.json"
    other.write_text(json.dumps({"diplokg": 1, "states": [{
        "id": "elbonia", "source": "gazette", "name": "Elbonia", "evidence": ["King B"]}]}))
    assert "elbonia" in read_facts([small.parent]).by_id


def test_a_file_named_directly_must_declare_the_format(small):
    small.write_text("persons: []\n")
    assert only_problem(small).message == "required key 'diplokg' is missing"
