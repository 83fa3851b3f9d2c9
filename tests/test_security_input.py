"""Hostile fact files and outputs: the library pieces behind the adversarial corpus.

The corpus in tests/adversarial runs whole commands; these tests pin down the
functions that decide: which source texts are read, how YAML and JSON scalars are
read, which IRIs pass, which links form cycles, and how outputs are committed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from conftest import replace_in
from diplokg.cli import app
from diplokg.errors import FactProblems, OutputError, UnreadableInput, UsageError
from diplokg.iris import iri_problem
from diplokg.limits import DEFAULT, Limits
from diplokg.merge.entities import _cycles, merge
from diplokg.read.facts import read_facts, read_file
from diplokg.safeio import Outputs, write_atomic

runner = CliRunner()


def problems_of(*paths, limits=DEFAULT):
    with pytest.raises(FactProblems) as caught:
        read_facts(list(paths), limits=limits)
    return caught.value.problems


# -- source texts ---------------------------------------------------------------------


@pytest.mark.parametrize("text, why", [
    ("/etc/passwd", "outside the folders"),
    ("../secret.txt", "outside the folders"),
    ("/proc/self/environ", "outside the folders"),
    ("/dev/urandom", "outside the folders"),
    ("sub", "not a regular file"),
    ("missing.txt", "does not exist"),
])
def test_source_texts_outside_or_not_regular_are_refused(small, text, why, monkeypatch):
    monkeypatch.chdir(small.parent)
    (small.parent / "sub").mkdir()
    (small.parent.parent / "secret.txt").write_text("Leader A of Ruritania")
    replace_in(small, "text: article.txt", f"text: {text}")
    problems = problems_of(small)
    assert [(p.code, p.field) for p in problems] == [("source-text-refused", "text")]
    assert why in problems[0].message


def test_a_symlink_out_of_the_folder_is_refused(small, tmp_path_factory, monkeypatch):
    outside = tmp_path_factory.mktemp("outside") / "article.txt"
    outside.write_text((small.parent / "article.txt").read_text())
    monkeypatch.chdir(small.parent)
    (small.parent / "link.txt").symlink_to(outside)
    replace_in(small, "text: article.txt", "text: link.txt")
    assert "outside the folders" in problems_of(small)[0].message


def test_the_outcome_does_not_depend_on_a_refused_file(small, tmp_path_factory, monkeypatch):
    """Whether quotes would match the secret or not, the answer is the same."""
    monkeypatch.chdir(small.parent)
    secret = tmp_path_factory.mktemp("secrets") / "token.txt"
    replace_in(small, "text: article.txt", f"text: {secret}")
    answers = []
    for content in ((small.parent / "article.txt").read_text(), "nothing that matches"):
        secret.write_text(content)
        answers.append([(p.code, p.message) for p in problems_of(small)])
    assert answers[0] == answers[1] == [("source-text-refused", answers[0][0][1])]


def test_a_source_text_over_the_limit_is_refused(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    problems = problems_of(small, limits=Limits(source_bytes=10))
    assert "more than the limit of 10" in problems[0].message
    assert read_facts([small]) is not None  # the default limit lets it through


# -- YAML and JSON scalars --------------------------------------------------------------


@pytest.mark.parametrize("written", ["02024", "0x7E8", "0o3750", "+2024", "99"])
def test_a_year_in_another_integer_form_is_a_bad_date(small, written):
    replace_in(small, "start: 2020", f"start: {written}")
    fact_file, problems = read_file(small)
    assert [(p.code, p.field) for p in problems] == [("bad-date", "offices[0].start")]


@pytest.mark.parametrize("written", ["2_024", "33:40"])
def test_yaml_1_1_number_forms_are_text(small, written):
    """Text, so the schema's date pattern refuses it, instead of a year made up."""
    replace_in(small, "start: 2020", f"start: {written}")
    _, problems = read_file(small)
    assert [p.field for p in problems] == ["offices[0].start"]
    assert written in problems[0].value


@pytest.mark.parametrize("yaml_text, words", [
    ("diplokg: 1\nx: !!binary aGVsbG8=\n", "tag"),
    ("diplokg: 1\n? [a, b]\n: 1\n", "key must be plain text"),
    ("diplokg: 1\n1: x\n", "key must be plain text"),
    ("diplokg: 1\nx: " + "9" * 5000 + "\n", "numbers have at most"),
    ("diplokg: 1\nx: " + "[" * 100 + "]" * 100 + "\n", "levels deep"),
])
def test_what_json_cannot_hold_is_refused(tmp_path, yaml_text, words):
    path = tmp_path / "f.yaml"
    path.write_text(yaml_text)
    with pytest.raises(UnreadableInput, match=words):
        read_file(path)


def test_an_alias_bomb_is_stopped_quickly(tmp_path):
    lines = ["diplokg: 1", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    with pytest.raises(UnreadableInput, match="YAML aliases are counted"):
        read_file(path)
    assert time.perf_counter() - started < 30  # generous: only a hang fails


@pytest.mark.parametrize("json_text, words", [
    ('{"diplokg": 1, "sources": [], "sources": []}', None),
    ('{"diplokg": NaN}', "not a JSON number"),
    ('{"diplokg": ' + "1" * 5000 + "}", "numbers have at most"),
    ("[" * 10000 + "]" * 10000, "levels deep"),
])
def test_json_is_read_strictly(tmp_path, json_text, words):
    path = tmp_path / "f.json"
    path.write_text(json_text)
    if words is None:
        _, problems = read_file(path)
        assert [(p.code, p.line) for p in problems] == [("duplicate-key", 1)]
    else:
        with pytest.raises(UnreadableInput, match=words):
            read_file(path)


def test_a_lone_surrogate_is_a_problem_on_its_field(tmp_path):
    path = tmp_path / "f.json"
    path.write_text('{"diplokg": 1, "sources": [{"id": "s", "title": "a\\ud800b"}]}')
    _, problems = read_file(path)
    bad = [p for p in problems if p.code == "bad-text"]
    assert [(p.fact, p.field) for p in bad] == [("source s", "title")]
    assert "\\ud800" in bad[0].value


def test_an_id_with_a_final_newline_is_not_an_id(tmp_path):
    path = tmp_path / "f.json"
    path.write_text('{"diplokg": 1, "sources": [{"id": "s\\n", "title": "t"}]}')
    _, problems = read_file(path)
    assert [p.code for p in problems if p.field == "id"] == ["bad-form"]


# -- IRIs ----------------------------------------------------------------------------


@pytest.mark.parametrize("iri", ["http://a/%zz", "http://[::1", "http://a b/", "ftp://a/",
                                 "http://a:99999/", "http://a/x#y#z", "http:/a"])
def test_iris_a_store_would_refuse_are_refused(iri):
    assert iri_problem(iri) is not None


@pytest.mark.parametrize("iri", ["https://w3id.org/diplokg/id/", "http://[::1]:8080/x",
                                 "https://example.org/caf%C3%A9", "https://example.org/café"])
def test_good_iris_pass(iri):
    assert iri_problem(iri) is None


def test_a_bad_url_in_a_fact_file_is_a_problem(small):
    replace_in(small, "publisher: The Gazette", "publisher: The Gazette\n    url: http://a/%zz")
    _, problems = read_file(small)
    assert [(p.code, p.field) for p in problems] == [("bad-iri", "url")]


# -- cycles ----------------------------------------------------------------------------


def test_cycles_are_found_once_each_from_their_smallest_id():
    edges = {"b": ["c"], "c": ["b", "d"], "d": ["d"], "e": ["f"], "f": []}
    assert _cycles(edges) == [["b", "c"], ["d"]]


def test_a_long_chain_is_no_cycle_and_no_recursion_error():
    edges = {str(i): [str(i + 1)] for i in range(5000)}
    assert _cycles(edges) == []


@pytest.mark.parametrize("old, new, field", [
    ("supersedes: [accord-1990]", "supersedes: [friendship-treaty]", "supersedes"),
    ("    status: superseded\n", "    status: superseded\n    supersedes: [friendship-treaty]\n",
     "supersedes"),
    ("status: took-place\n", "status: took-place\n    follows: [a-to-zenda]\n", "follows"),
    ("    iso: ZD\n", "    iso: ZD\n    succeeds: [zenda-state]\n", "succeeds"),
    ("    offices:\n      - title: Leader of Ruritania",
     "    relatives:\n      - {relation: parent, person: king-b}\n"
     "      - {relation: child, person: king-b}\n    offices:\n      - title: Leader of Ruritania",
     "relatives"),
    ("        start: 2020\n", "        start: 2020\n        predecessor: leader-a\n", "offices"),
])
def test_links_that_lead_back_are_violations(small, monkeypatch, old, new, field):
    monkeypatch.chdir(small.parent)
    replace_in(small, old, new)
    found = [p for p in merge(read_facts([small])).problems() if p.code == "cycle"]
    assert [(p.field, p.severity) for p in found] == [(field, "violation")]


def test_a_punctuation_only_reference_matches_nobody(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    replace_in(small, "visitors: [leader-a]", 'visitors: ["!!!"]')
    replace_in(small, "name: King B", 'name: "King B"\n    aliases: ["..."]')
    with pytest.raises(FactProblems) as caught:
        merge(read_facts([small]))
    assert [p.code for p in caught.value.problems] == ["unknown-id"]


# -- limits ---------------------------------------------------------------------------


def test_limits_are_set_by_name_with_units():
    assert DEFAULT.with_settings(["source-bytes=2M", "depth=10"]) == Limits(
        source_bytes=2 * 2**20, depth=10)
    for bad in ("nope=1", "depth=-1", "depth=0", "depth=lots"):
        with pytest.raises(UsageError):
            DEFAULT.with_settings([bad])


# -- outputs ----------------------------------------------------------------------------


def test_an_output_that_is_an_input_is_refused_and_untouched(tmp_path):
    source = tmp_path / "facts.yaml"
    source.write_text("keep me")
    with pytest.raises(UsageError, match="also an input"):
        write_atomic(tmp_path / "." / "facts.yaml", ["x"], inputs=[source])
    assert source.read_text() == "keep me"


def test_two_outputs_on_one_path_are_refused_before_anything_is_written(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    with pytest.raises(UsageError, match="two outputs"), Outputs() as outputs:
        outputs.stage(target, ["one"])
        outputs.stage(target, ["two"])
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.ttl"]


def test_a_failed_second_output_leaves_the_first_unwritten(tmp_path):
    first = tmp_path / "graph.ttl"
    first.write_text("old")
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError), Outputs() as outputs:
        outputs.stage(first, ["new"])
        outputs.stage(tmp_path / "file" / "report.json", ["{}"])
    assert first.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["file", "graph.ttl"]  # no temporary file left


def test_symlinks_are_refused_unless_forced_and_then_kept(tmp_path):
    target = tmp_path / "real.ttl"
    target.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(link, ["new"])
    write_atomic(link, ["new"], force=True)
    assert link.is_symlink() and target.read_text() == "new\n"


def test_devices_and_folders_are_refused_and_devices_written_with_force(tmp_path):
    for path in ("/dev/null", tmp_path):
        with pytest.raises(OutputError, match="regular file|folder"):
            write_atomic(path, ["x"])
    write_atomic("/dev/null", ["x"], force=True)
    with pytest.raises(OutputError, match="folder"):
        write_atomic(tmp_path, ["x"], force=True)


def test_an_existing_output_keeps_its_mode(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, ["new"])
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)


def test_sigterm_removes_the_temporary_file(tmp_path):
    """A cancelled CI job must not leave a large hidden file behind."""
    script = (
        "import sys, time\n"
        "from diplokg.cli import _terminated\n"
        "import signal\n"
        "from diplokg.safeio import write_atomic\n"
        "signal.signal(signal.SIGTERM, _terminated)\n"
        "def lines():\n"
        "    yield 'started'\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(60)\n"
        "    yield 'never'\n"
        f"write_atomic({str(tmp_path / 'out.ttl')!r}, lines())\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout.readline().strip() == "ready"
        assert any(name.endswith(".tmp") for name in os.listdir(tmp_path))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 128 + signal.SIGTERM
    finally:
        process.kill()
    assert os.listdir(tmp_path) == []


def test_build_refuses_to_overwrite_its_fact_file(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    before = small.read_bytes()
    for args in (["-o", str(small)], ["-o", "article.txt"],
                 ["-o", "g.ttl", "--merge-report", "g.ttl"]):
        result = runner.invoke(app, ["build", str(small), *args])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
    assert small.read_bytes() == before and not (small.parent / "g.ttl").exists()


def test_jobs_are_capped_at_the_cores(small, monkeypatch):
    monkeypatch.chdir(small.parent)
    result = runner.invoke(app, ["validate", str(small), "--jobs", "3000"])
    assert result.exit_code == 0, result.output
    assert f"capped to {os.cpu_count()}" in result.output


def test_a_leader_returning_to_office_is_no_cycle(small, monkeypatch):
    """A, then B, then A again (Putin, Medvedev, Putin): each names the other as predecessor."""
    monkeypatch.chdir(small.parent)
    replace_in(small, "        start: 2020\n", "        start: 2020\n        predecessor: king-b\n")
    replace_in(small, "        state: zenda-state\n",
               "        state: zenda-state\n        predecessor: leader-a\n")
    assert [p for p in merge(read_facts([small])).problems() if p.code == "cycle"] == []
