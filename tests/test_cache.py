"""The build cache: unchanged files are not parsed or validated again; any change is seen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SMALL, replace_in
from diplokg import resources
from diplokg.build import pipeline
from diplokg.build.cache import Cache


@pytest.fixture
def two_files(tmp_path):
    """The small case split in two: persons and states in one file, the rest in another."""
    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(SMALL / "article.txt", folder / "article.txt")
    text = (SMALL / "facts.yaml").read_text()
    head, visits = text.split("visits:\n")
    (folder / "a-people.yaml").write_text(head)
    (folder / "b-visits.yaml").write_text("diplokg: 1\nvisits:\n" + visits)
    return folder


def build(folder, cache_dir):
    cache = Cache(cache_dir)
    result = pipeline.graph_from_facts([folder], cache=cache)
    return result, cache


def test_unchanged_files_come_from_the_cache(two_files, tmp_path):
    first, cold = build(two_files, tmp_path / "cache")
    second, warm = build(two_files, tmp_path / "cache")
    assert cold.hits == 0 and cold.misses > 0
    assert warm.misses == 0 and warm.hits == cold.misses
    assert second.problems == first.problems
    assert len(second.graph) == len(first.graph)


def test_a_changed_file_is_read_and_validated_again(two_files, tmp_path):
    build(two_files, tmp_path / "cache")
    replace_in(two_files / "b-visits.yaml", "    end: 2024-05-07", "    end: 2024-05-01")
    result, cache = build(two_files, tmp_path / "cache")
    assert [p.code for p in result.problems] == ["Fact-end-after-start"]
    assert cache.misses == 3  # the visits file: read, output and findings; the other file hits
    replace_in(two_files / "b-visits.yaml", "    end: 2024-05-01", "    end: 2024-05-07")
    assert build(two_files, tmp_path / "cache")[0].problems == []


def test_a_change_to_a_referenced_fact_revalidates_the_facts_that_refer_to_it(two_files,
                                                                              tmp_path):
    build(two_files, tmp_path / "cache")
    # Leader A's office now starts after the visit in the other file
    replace_in(two_files / "a-people.yaml", "        start: 2020", "        start: 2025")
    result, _ = build(two_files, tmp_path / "cache")
    assert sorted(p.fact for p in result.problems if p.code == "office-at-time") == [
        "agreement friendship-treaty", "visit a-to-zenda"]


def test_moved_lines_give_fresh_line_numbers(two_files, tmp_path):
    replace_in(two_files / "b-visits.yaml", "    end: 2024-05-07", "    end: 2024-05-01")
    before = build(two_files, tmp_path / "cache")[0].problems[0].line
    replace_in(two_files / "b-visits.yaml", "    hosts: [king-b]\n",
               "    hosts: [king-b]\n    # a comment moves the next lines down\n")
    after = build(two_files, tmp_path / "cache")[0].problems[0].line
    assert after == before + 1


def test_a_change_to_the_shapes_misses_the_whole_cache(two_files, tmp_path, monkeypatch):
    build(two_files, tmp_path / "cache")
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    for path in resources.shapes_files():
        shutil.copy(path, shapes / path.name)
    (shapes / "diplokg.shapes.ttl").write_text(
        (shapes / "diplokg.shapes.ttl").read_text() + "\n# edited\n")
    monkeypatch.setattr(resources, "shapes_files", lambda: sorted(shapes.glob("*.ttl")))
    _, cache = build(two_files, tmp_path / "cache")
    assert cache.hits == 0


def test_prune_removes_entries_the_last_build_did_not_use(two_files, tmp_path):
    build(two_files, tmp_path / "cache")
    replace_in(two_files / "b-visits.yaml", "    end: 2024-05-07", "    end: 2024-05-08")
    _, cache = build(two_files, tmp_path / "cache")
    assert cache.prune() == 3  # the old read, output and findings of the visits file
    assert build(two_files, tmp_path / "cache")[1].misses == 0


def test_cli_cache_option(two_files, tmp_path):
    from typer.testing import CliRunner

    from diplokg.cli import app

    args = ["build", str(two_files), "-o", str(tmp_path / "out.ttl"), "--cache",
            str(tmp_path / "cache")]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    out = (tmp_path / "out.ttl").read_bytes()
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0 and "cache: 6 hit(s), 0 miss(es)" in second.output
    assert (tmp_path / "out.ttl").read_bytes() == out


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_cached_builds_write_the_same_bytes_as_uncached_ones(two_files, tmp_path, fmt):
    plain, cold, warm = (tmp_path / name for name in ("plain.out", "cold.out", "warm.out"))
    pipeline.build([two_files], plain, fmt=fmt)
    pipeline.build([two_files], cold, fmt=fmt, cache=Cache(tmp_path / "cache"))
    pipeline.build([two_files], warm, fmt=fmt, cache=Cache(tmp_path / "cache"))
    assert plain.read_bytes() == cold.read_bytes() == warm.read_bytes()


def test_a_rebuild_maps_only_what_changed_and_what_refers_to_it(two_files, tmp_path):
    (two_files / "c-other.yaml").write_text(
        "diplokg: 1\nstates:\n  - {id: elbonia, source: gazette, name: Elbonia, iso: EB,"
        " evidence: [King B]}\n")
    pipeline.build([two_files], tmp_path / "a.ttl", cache=Cache(tmp_path / "cache"))
    replace_in(two_files / "b-visits.yaml", "    end: 2024-05-07", "    end: 2024-05-08")
    result = pipeline.build([two_files], tmp_path / "b.ttl", cache=Cache(tmp_path / "cache"))
    mapped = set(result.source.triples)
    everything = set(result.merged.entities)
    # the visits and agreements file, and the people and states its facts refer to
    assert "a-to-zenda" in mapped and mapped < everything
    assert "gazette" in mapped and "ruritania" in mapped
    assert everything - mapped == {"elbonia"}  # in a file that did not change, unreferenced
    assert len(result) == len(pipeline.build([two_files], tmp_path / "c.ttl").triples)
    assert (tmp_path / "b.ttl").read_bytes() == (tmp_path / "c.ttl").read_bytes()


def test_the_cache_hits_in_a_renamed_folder_and_names_the_new_files(two_files, tmp_path):
    """As CI restores a cache into a checkout elsewhere: same bytes, other paths."""
    replace_in(two_files / "b-visits.yaml", "    end: 2024-05-07", "    end: 2024-05-01")
    first, cold = build(two_files, tmp_path / "cache")
    assert [p.file for p in first.problems] == [str(two_files / "b-visits.yaml")]
    moved = tmp_path / "elsewhere" / "renamed"
    shutil.copytree(two_files, moved)
    shutil.copytree(tmp_path / "cache", tmp_path / "cache-copy")
    second, warm = build(moved, tmp_path / "cache-copy")
    assert warm.misses == 0 and warm.hits == cold.misses
    assert [(p.file, p.line, p.code) for p in second.problems] == [
        (str(moved / "b-visits.yaml"), first.problems[0].line, "Fact-end-after-start")]
    assert second.checked == {str(moved / name): facts for name, facts in
                              ((Path(f).name, facts) for f, facts in first.checked.items())}


def test_files_of_the_same_bytes_keep_their_own_findings(tmp_path):
    """Two files may hold the same bytes (a copy under another name): each is named by
    its path, and a cached build reports each where it is."""
    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(SMALL / "article.txt", folder / "article.txt")
    text = (SMALL / "facts.yaml").read_text().replace("    end: 2024-05-07", "    end: 2024-05-01")
    (folder / "a.yaml").write_text(text)
    (folder / "b.yaml").write_text(text)
    plain = pipeline.graph_from_facts([folder]).problems
    for _ in range(2):
        assert build(folder, tmp_path / "cache")[0].problems == plain
