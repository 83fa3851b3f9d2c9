"""The reader: every kind of bad input gives a problem naming file, fact and field."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, SMALL, replace_in
from diplokg.build.cache import Cache
from diplokg.errors import FactProblems, UnreadableInput
from diplokg.limits import Limits
from diplokg.merge.entities import merge
from diplokg.read.documents import _Loader
from diplokg.read.facts import PartialDate, read_facts, read_file
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


# -- YAML and JSON readers agree; lines found late are the lines ---------------------------


def _small_data() -> dict:
    """The small case as JSON holds it (its dates as text)."""
    return json.loads(json.dumps(yaml.safe_load((SMALL / "facts.yaml").read_text()),
                                 default=str))


def _read_as(text: str, folder: Path, suffix: str) -> tuple:
    """(fact file, problems) of ``text`` as a .json or .yaml fact file."""
    path = folder / f"facts{suffix}"
    path.write_text(text, encoding="utf-8", newline="")
    return read_file(path)


def _outcome(fact_file, problems) -> tuple:
    return ([(f.kind, f.id, f.line, f.path) for f in fact_file.facts],
            [(p.line, p.fact, p.field, p.message, p.hint, p.value, p.code) for p in problems])


NO_YAML_BREAKS = st.characters(blacklist_categories=("Cs",),
                               blacklist_characters="\x85\u2028\u2029")


@settings(max_examples=60, deadline=None)
@given(note=st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
       title=st.text(NO_YAML_BREAKS, max_size=12), indent=st.sampled_from([None, 0, 1, 2, "\t"]),
       separators=st.sampled_from([(",", ":"), (", ", ": "), (",\n", ":\n  ")]),
       ascii_only=st.booleans())
@example(note="two\u2028lines\x85more", title="t", indent=2, separators=(",", ":"),
         ascii_only=False)
def test_json_is_read_with_the_facts_and_lines_a_yaml_reader_gives_it(
        note, title, indent, separators, ascii_only):
    """A JSON text is YAML: libyaml, an independent parser, gives the same facts, and every
    line (the JSON reader finds those below the facts only when one is asked for)."""
    data = _small_data()
    data["visits"][0]["note"] = note  # any text; U+2028 and U+0085 are line breaks to YAML
    data["persons"][0]["offices"][0]["title"] = title
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=ascii_only)
    with tempfile.TemporaryDirectory() as folder:
        try:
            as_yaml = _read_as(text, Path(folder), ".yaml")
        except UnreadableInput:  # what libyaml refuses (control characters, ...)
            assume(False)
        as_json = _read_as(text, Path(folder), ".json")
    assert _outcome(*as_json) == _outcome(*as_yaml)
    yaml_file, json_file = as_yaml[0], as_json[0]
    for yaml_fact, json_fact in zip(yaml_file.facts, json_file.facts, strict=True):
        if not any(char in note for char in "\x85\u2028\u2029"):  # YAML folds those
            assert json_fact.data == yaml_fact.data
        for path in yaml_file.lines:
            if path[:2] == yaml_fact.path:
                inner = path[2:]
                assert json_fact.line_of(inner) == yaml_fact.line_of(inner), path
    json_file.complete_lines()
    assert json_file.lines == yaml_file.lines


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("mistake", [
    '"id": "a-to-zenda", "note": "one", "note": "two",',  # a key given twice
    '"id": "a-to-zenda", "end": 12,',  # a number for a date that is no year
    '"id": "a-to-zenda", "end": 2024.5,',
    '"id": "a-to-zenda", "end": "2024-02-30",',  # a day that does not exist
    '"id": "a-to-zenda", "url": "http://x y",',  # an IRI a store refuses
    '"id": "a-to-zenda", "colour": "red",',  # a key the format does not know
])
def test_json_and_yaml_of_the_same_text_have_the_same_problems(tmp_path, indent, mistake):
    text = json.dumps(_small_data(), indent=indent)
    at = text.index('"id": "a-to-zenda",')
    text = text[:at] + mistake + text[at + len('"id": "a-to-zenda",'):]
    as_yaml, as_json = _read_as(text, tmp_path, ".yaml"), _read_as(text, tmp_path, ".json")
    assert as_json[1] and _outcome(*as_json) == _outcome(*as_yaml)


@pytest.mark.parametrize("text", ['{"diplokg": 1, "x": ' + "[" * 70 + "]" * 70 + "}",
                                  '{"diplokg": 1,\n "x": [[[[1]]]]}'])
def test_json_nested_too_deep_is_refused_on_its_line(tmp_path, text):
    path = tmp_path / "f.json"
    path.write_text(text)
    limits = Limits(depth=64 if "[" * 70 in text else 3)
    with pytest.raises(UnreadableInput, match=r"f\.json:\d+: nested more than"):
        read_file(path, limits)


def test_the_cache_keeps_every_line_of_a_json_file(tmp_path):
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "facts.json").write_text(json.dumps(_small_data(), indent=2))
    (folder / "article.txt").write_text((SMALL / "article.txt").read_text())
    fresh = read_facts([folder])
    cached = [read_facts([folder], cache=Cache(tmp_path / "cache")) for _ in range(2)][-1]
    for fact, again in zip(fresh.facts(), cached.facts(), strict=True):
        assert again.line_of(("offices", 0, "state")) == fact.line_of(("offices", 0, "state"))
        assert again.line_of("evidence[0]") == fact.line_of("evidence[0]")
        assert fact.line_of("evidence[0]") > fact.line or "evidence" not in fact.data


@pytest.mark.parametrize("written", ["!!int abc", "!!bool maybe", "!!float x", "!!map x"])
def test_a_yaml_tag_that_does_not_fit_its_value_is_unreadable(tmp_path, written):
    path = tmp_path / "f.yaml"
    path.write_text(f"diplokg: 1\nx: {written}\n")
    with pytest.raises(UnreadableInput, match=r"f\.yaml:2: not valid YAML"):
        read_file(path)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=8),
                       st.from_regex(r"[-+.~0-9a-zA-Z_:]{0,8}", fullmatch=True)),
       kind=st.sampled_from([yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode]),
       implicit=st.tuples(st.booleans(), st.booleans()))
def test_the_reader_resolves_tags_as_pyyaml_would_with_its_resolvers(value, kind, implicit):
    loader = _Loader("")
    value = value if kind is yaml.ScalarNode else None
    assert loader.resolve(kind, value, implicit) == \
        yaml.resolver.BaseResolver.resolve(loader, kind, value, implicit)
