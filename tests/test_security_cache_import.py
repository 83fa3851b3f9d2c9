"""A cache that holds data, never code, and an importer that never fails half-way.

The command-line side of both (exit codes, first lines, files afterwards) is also in
tests/adversarial/cases/{cache,dataloss,tracebacks}; here are the cases that need the
cache's own API, a real file-system fault, or a look at what an import wrote.
"""

from __future__ import annotations

import builtins
import os
import pickle
import re
import resource
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rdflib import URIRef
from typer.testing import CliRunner

from diplokg.build import cache as cache_module
from diplokg.build import pipeline
from diplokg.build.cache import Cache
from diplokg.build.plan import FileOutput
from diplokg.cli import app
from diplokg.errors import OutputError
from diplokg.importers.visits import import_visits_archive
from diplokg.problems import Problem
from diplokg.read.facts import read_facts, read_file

CASE = Path(__file__).parent / "cases" / "archive"


def run(*args: str):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result


# -- the cache -------------------------------------------------------------------


class Planted:
    """A pickle that creates ``marker`` when it is loaded."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return builtins.open, (self.marker, "w")


@pytest.fixture
def filled(small, tmp_path):
    """(fact file, cache folder filled by a build of it, the bytes a build without cache writes)."""
    pipeline.build([small], tmp_path / "plain.ttl")
    pipeline.build([small], tmp_path / "first.ttl", cache=Cache(tmp_path / "cache"))
    return small, tmp_path / "cache", (tmp_path / "plain.ttl").read_bytes()


def entries(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*/*.json"))
    assert found
    return found


def rebuild(facts: Path, folder: Path, plain: bytes) -> Cache:
    """Build again with the cache; the output must be what a build without it writes."""
    cache = Cache(folder)
    out = folder.parent / "out.ttl"
    pipeline.build([facts], out, cache=cache)
    assert out.read_bytes() == plain
    return cache


def test_a_planted_pickle_never_runs(filled, tmp_path):
    facts, folder, plain = filled
    marker = tmp_path / "pwned"
    planted = entries(folder)
    for path in planted:  # at the entry's path, and where older versions kept pickles
        path.write_bytes(pickle.dumps(Planted(marker)))
        path.with_suffix(".pickle").write_bytes(pickle.dumps(Planted(marker)))
    cache = rebuild(facts, folder, plain)
    assert not marker.exists()
    assert cache.corrupt == len(planted) and cache.hits == 0
    assert "corrupt entries rebuilt" in cache.summary()
    cache.prune()
    assert not list(folder.rglob("*.pickle"))  # entries of the older format are removed
    assert rebuild(facts, folder, plain).hits == len(planted)


def test_an_entry_edited_to_the_same_length_is_rebuilt(filled):
    facts, folder, plain = filled
    edited = [p for p in entries(folder) if b"Zenda" in p.read_bytes()]
    for path in edited:
        path.write_bytes(path.read_bytes().replace(b"Zenda", b"Zendb"))
    cache = rebuild(facts, folder, plain)
    assert edited and cache.corrupt == len(edited)


def test_a_truncated_entry_is_rebuilt(filled):
    facts, folder, plain = filled
    for path in entries(folder):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert rebuild(facts, folder, plain).corrupt == len(entries(folder))


def plant(folder: Path, stage: str, key: str, payload: bytes) -> Path:
    """An entry with a correct checksum for ``payload``, as someone who knows the format
    would write it."""
    name = Cache(folder)._name(stage, key)
    path = folder / stage / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cache_module._header(stage, name, payload) + payload)
    return path


@pytest.mark.parametrize("stage,payload", [
    ("validate", '[{"$": "Problem", "line": "7"}]'),  # a line that is not a number
    ("validate", '[{"$": "Problem", "shell": "rm -rf /"}]'),  # a field Problem lacks
    ("validate", '[{"$": "os.system", "v": "true"}]'),  # a tag the codec does not write
    ("validate", '{"file": "x"}'),  # not a list
    ("validate", '[{"$": "tuple", "v": [1]}]'),
    ("validate", "[" * 100_000 + "]" * 100_000),  # deeper than the JSON reader goes
    ("validate", "9" * 5000),  # a number longer than Python reads
    ("output", '{"$": "FileOutput", "count": "many", "classes": [1, 2, 3]}'),
    ("output", '{"$": "FileOutput", "count": 3, "classes": {"$": "Counter", "v": '
               '[["not an IRI", 1]]}}'),
    ("output", '{"$": "FileOutput", "count": 3, "classes": {"$": "Counter", "v": '
               '[[{"$": "URIRef", "v": "urn:c"}, "many"]]}}'),
    ("output", '{"$": "FileOutput", "count": 3, "classes": {"$": "Counter", "v": []}, '
               '"lines": {"turtle": [1]}}'),
    ("output", '{"$": "FileOutput", "count": 3, "classes": {"$": "Counter", "v": []}, '
               '"lines": {"turtle": [["a", 1]]}}'),
    ("output", '{"$": "FileOutput", "count": 3, "classes": {"$": "Counter", "v": [[[1], 1]]}}'),
    ("output", '{"count": 3, "classes": {"$": "Counter", "v": []}, "turtle": []}'),  # older
    ("read", '{"$": "tuple", "v": [1, []]}'),
    ("read", '{"$": "tuple", "v": [{"$": "FactFile", "path": {"$": "Path", "v": "f"}, '
             '"facts": [1], "lines": {}}, []]}'),
    ("read", '{"$": "tuple", "v": [{"$": "FactFile", "path": {"$": "Path", "v": "f"}, '
             '"facts": [], "lines": {"$": "tuple-keys", "v": [["ab", 1]]}}, []]}'),
])
def test_an_entry_of_the_wrong_shape_is_ignored_even_with_a_good_checksum(tmp_path, stage,
                                                                           payload):
    plant(tmp_path, stage, "key", payload.encode())
    cache = Cache(tmp_path)
    assert cache.get(stage, "key") is None
    assert (cache.corrupt, cache.misses) == (1, 1)


def test_a_planted_entry_of_the_right_shape_is_read(tmp_path):
    """The control of the test above: the same procedure with well-formed entries."""
    plant(tmp_path, "validate", "key", b'[{"$": "Problem", "file": "f", "line": 7}]')
    assert Cache(tmp_path).get("validate", "key") == [Problem("f", 7)]
    plant(tmp_path, "output", "key", b'{"$": "FileOutput", "count": 3, "classes": '
          b'{"$": "Counter", "v": [[{"$": "URIRef", "v": "urn:c"}, 2]]}, '
          b'"lines": {"nt": [["<urn:a> <urn:b> <urn:c> ."]]}}')
    assert Cache(tmp_path).get("output", "key") == FileOutput(
        3, Counter({URIRef("urn:c"): 2}), {"nt": [["<urn:a> <urn:b> <urn:c> ."]]})


def test_an_entry_copied_under_another_key_does_not_verify(tmp_path):
    cache = Cache(tmp_path)
    cache.put("validate", "a", [Problem("a.yaml", 1)])
    a, b = (tmp_path / "validate" / cache._name("validate", key) for key in "ab")
    b.write_bytes(a.read_bytes())
    assert cache.get("validate", "b") is None and cache.corrupt == 1
    assert cache.get("validate", "a") == [Problem("a.yaml", 1)]


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (a tuple is not a list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) and same(k, kb)
                                          for k, kb in zip(a, b, strict=True))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(map(same, a, b))
    return a == b


def test_every_type_the_callers_store_comes_back_as_it_went_in(tmp_path):
    value = {
        "tuple": (1, ("a", 2.5), ()), "list": [1, [None, True], []], "empty": {},
        "text": "\ud800 lone surrogate, \u2028, \x00, \u202e, é", "big": 2**80,
        "iri": URIRef("http://example.org/x"), "path": Path("a/b.yaml"),
        "classes": Counter({URIRef("http://example.org/C"): 2}),
        "lines": {(): 1, ("visits", 0): 3, ("visits", 0, "start"): 4},
        "mixed": {"$": "a key that looks like a tag", 3: "int key", ("x", 1): "tuple key"},
        "problem": Problem("f.yaml", 3, "visit v", "start", "message", value="\x1b[31m"),
    }
    cache = Cache(tmp_path)
    cache.put("anything", "key", value)
    assert same(Cache(tmp_path).get("anything", "key"), value)
    assert not same({"a": (1,)}, {"a": [1]})  # the comparison can fail


def test_a_fact_file_comes_back_with_one_line_map(small, tmp_path):
    found = read_file(small)
    cache = Cache(tmp_path)
    cache.put("read", "key", found)
    back, problems = Cache(tmp_path).get("read", "key")
    assert back == found[0] and problems == found[1] and back.facts
    assert all(fact.lines is back.lines for fact in back.facts)


def test_a_value_the_codec_cannot_hold_is_not_kept(tmp_path):
    cache = Cache(tmp_path)
    cache.put("anything", "key", {"a set": {1, 2}})
    assert cache.get("anything", "key") is None and cache.corrupt == 0


def test_a_huge_entry_is_not_read(tmp_path):
    cache = Cache(tmp_path)
    path = plant(tmp_path, "validate", "key", b"[]")
    os.truncate(path, cache_module.MAX_ENTRY_BYTES + 1)  # sparse: costs no disk
    assert cache.get("validate", "key") is None and cache.corrupt == 1


def test_an_entry_over_the_limit_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 100)
    cache = Cache(tmp_path)
    cache.put("validate", "key", [Problem("f.yaml", 1, message="x" * 200)])
    assert cache.get("validate", "key") is None and cache.corrupt == 0
    assert not list(tmp_path.rglob("*.json"))


def test_odd_files_at_entry_paths(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = Cache(tmp_path / "cache")
    value = [Problem("f.yaml", 1)]
    cache.put("validate", "good", value)
    good = tmp_path / "cache" / "validate" / cache._name("validate", "good")
    # a symlink to a valid entry outside the folder is not followed, and put replaces the link
    (outside / "entry.json").write_bytes(good.read_bytes())
    good.unlink()
    good.symlink_to(outside / "entry.json")
    assert cache.get("validate", "good") is None
    cache.put("validate", "good", value)
    assert not good.is_symlink() and (outside / "entry.json").exists()
    assert cache.get("validate", "good") == value
    # a FIFO is not opened for reading (that would wait for a writer)
    fifo = tmp_path / "cache" / "validate" / cache._name("validate", "fifo")
    os.mkfifo(fifo)
    assert cache.get("validate", "fifo") is None
    # a folder: read as corrupt; writing over it is an error naming the cache folder
    folder = tmp_path / "cache" / "validate" / cache._name("validate", "folder")
    folder.mkdir()
    assert cache.get("validate", "folder") is None
    with pytest.raises(OutputError, match="cache folder .*cache: cannot write"):
        cache.put("validate", "folder", value)
    assert cache.corrupt == 3
    assert [p.name for p in folder.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_symlinked_stage_folder_is_not_read_written_or_pruned(filled, tmp_path):
    facts, folder, plain = filled
    outside = tmp_path / "outside"
    (folder / "output").rename(outside)
    (folder / "output").symlink_to(outside)
    kept = sorted(outside.iterdir())
    cache = Cache(folder)
    with pytest.raises(OutputError, match="output is not a folder"):
        pipeline.build([facts], tmp_path / "out.ttl", cache=cache)
    assert not (tmp_path / "out.ttl").exists()
    cache.prune()
    assert sorted(outside.iterdir()) == kept


def test_prune_removes_only_entries_and_nothing_a_link_points_to(filled, tmp_path):
    facts, folder, plain = filled
    stage = folder / "validate"
    precious = tmp_path / "precious.json"
    precious.write_text("keep\n")
    stale_link = stage / f"{'a' * 64}.json"
    stale_link.symlink_to(precious)
    stale = stage / f"{'b' * 64}.json"
    stale.write_text("an entry no build uses\n")
    notes = stage / "notes.txt"
    notes.write_text("not an entry\n")
    cache = rebuild(facts, folder, plain)
    assert cache.prune() == 2
    assert precious.read_text() == "keep\n" and notes.exists()
    assert not stale.exists() and not stale_link.is_symlink()


@pytest.mark.parametrize("where", ["afile", "afile/below"])
def test_a_cache_folder_that_cannot_be_one(tmp_path, where):
    (tmp_path / "afile").write_text("a file\n")
    with pytest.raises(OutputError, match=r"cache folder .*afile"):
        Cache(tmp_path / where)


def test_a_stage_folder_that_is_a_file_is_an_error_at_put(tmp_path):
    cache = Cache(tmp_path)
    (tmp_path / "validate").write_text("a file\n")
    assert cache.get("validate", "key") is None and cache.corrupt == 0
    with pytest.raises(OutputError, match="validate is not a folder"):
        cache.put("validate", "key", [])


def test_a_failed_put_stops_the_build_before_its_output(filled, tmp_path):
    facts, folder, plain = filled
    for path in entries(folder):
        if path.parent.name == "output":
            path.unlink()
            path.mkdir()  # get: corrupt; put: cannot replace a folder
    out = tmp_path / "out.ttl"
    out.write_text("# an earlier graph\n")
    result = run("build", facts, "-o", out, "--cache", folder)
    assert result.exit_code == 3
    assert result.output.splitlines()[0].startswith(f"error: cache folder {folder}: cannot")
    assert out.read_text() == "# an earlier graph\n"


def test_the_summary_line():
    cache = Cache.__new__(Cache)  # the counters alone
    cache.hits, cache.misses, cache.corrupt = 5, 1, 0
    assert cache.summary() == "cache: 5 hit(s), 1 miss(es)"
    cache.corrupt = 1
    assert cache.summary() == "cache: 5 hit(s), 1 miss(es), 1 corrupt entry rebuilt"
    cache.corrupt = 2
    assert cache.summary().endswith(", 2 corrupt entries rebuilt")


# -- the importer ------------------------------------------------------------------


def visit(number="2168", start="1935-11-07", end="1935-11-09",
          visitor="Prime Minister Mackenzie King", origin='<from id="canada">Canada</from>',
          description="Discussed bilateral trade relations.") -> str:
    parts = [f"<id>{number}</id>" if number is not None else "",
             f"<start-date>{start}</start-date>" if start is not None else "",
             f"<end-date>{end}</end-date>" if end is not None else "",
             f"<visitor>{visitor}</visitor>" if visitor is not None else "",
             origin, f"<description>{description}</description>"]
    return f"<visit>{''.join(parts)}</visit>"


def archive(folder: Path, **files: str) -> Path:
    """An archive folder with data/<name>.xml holding each text; returns the folder."""
    (folder / "data").mkdir(parents=True)
    for name, text in files.items():
        (folder / "data" / f"{name}.xml").write_text(text, encoding="utf-8")
    return folder


def visits(*records: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> str:
    return head + "<visits>" + "".join(records) + "</visits>\n"


@pytest.mark.parametrize("files,says", [
    ({"d1930": visits(visit(start="1935-02-30"))}, r"visit 2168: <start-date> is not a date"),
    ({"d1930": visits(visit(end=None))}, r"visit 2168: <end-date> is not a date"),
    ({"d1930": visits(visit(start="1935-11-07T10:00"))}, r"<start-date> is not a date"),
    ({"d1930": visits(visit(number="٣"))}, r"no numeric <id>"),  # an Arabic-Indic digit
    ({"d1930": visits(visit(number="9" * 5000))}, r"no numeric <id>"),
    ({"d1930": visits(visit(visitor=None))}, r"visit 2168: <visitor> is missing"),
    ({"d1930": visits(visit(origin="<from>Canada</from>"))}, r'<from id="..."> is missing'),
    ({"d1930": visits(visit(origin='<from id="atlantis">Atlantis</from>'))},
     r"visit 2168: country 'atlantis' is not in the importer's table"),
    ({"d1930": visits(visit(visitor="President ***"))}, r"no letters or digits"),
    ({"d1930": visits(visit()), "d1950": visits(visit(start="1951-01-01"))},
     r"d1950\.xml: visit 2168 is also in .*d1930\.xml"),
    ({"d1930": visits(visit(visitor="&secret;"), head='<?xml version="1.0"?>\n<!DOCTYPE '
                      'visits [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n')},
     r"d1930\.xml: has a DOCTYPE"),
    ({"d1930": visits(visit(), head='<?xml version="1.0"?>\n<!DOCTYPE visits [<!ENTITY % p '
                      'SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n')}, r"has a DOCTYPE"),
    ({"d1930": visits(visit(visitor="&undeclared;"))}, r"not valid XML: undefined entity"),
    ({"d1930": '<?xml version="1.0" encoding="no-such-encoding"?><visits/>'}, r"not valid XML"),
    ({"d1930": '<?xml version="1.0" encoding="shift_jis"?><visits/>'}, r"not valid XML"),
    ({"d1930": '<?xml version="1.0" encoding="rot13"?><visits/>'}, r"not valid XML"),
])
def test_a_malformed_archive_is_a_clean_exit_3_and_writes_nothing(tmp_path, files, says):
    data = archive(tmp_path / "archive", **files)
    result = run("import", data, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(f"error: {data / 'data'}") and len(result.output.splitlines()) == 1
    assert re.search(says, first), first
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["archive"]  # no temporary folder either


def test_a_decade_file_that_is_not_a_regular_file(tmp_path):
    data = archive(tmp_path / "archive", d1930=visits(visit()))
    (data / "data" / "d1940.xml").mkdir()
    result = run("import", data, "-o", tmp_path / "out")
    assert result.exit_code == 3 and "d1940.xml: not a regular file" in result.output


@pytest.fixture
def earlier(tmp_path) -> Path:
    """An earlier import of the archive case, with a stale decade file and a mode of its own."""
    out = tmp_path / "facts"
    import_visits_archive(CASE, out)
    stale = (out / "visits-1920.yaml")
    stale.write_text((out / "visits-1930.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    os.chmod(out, 0o750)
    return out


def snapshot(folder: Path) -> dict:
    return {"mode": stat.S_IMODE(folder.stat().st_mode),
            **{p.name: p.is_dir() or p.read_bytes() for p in sorted(folder.iterdir())}}


def test_an_earlier_import_is_replaced_whole_and_keeps_its_mode(earlier):
    result = run("import", CASE, "-o", earlier)
    assert result.exit_code == 0, result.output
    assert "(the earlier import there was replaced)" in result.output
    assert not (earlier / "visits-1920.yaml").exists()
    expected = {p.name: p.read_bytes() for p in sorted((CASE / "expected").iterdir())}
    assert snapshot(earlier) == {"mode": 0o750, **expected}
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["facts"]


@pytest.mark.parametrize("intruder", ["notes.txt", "visits-1930.yaml", ".hidden", "sub/"])
def test_a_folder_holding_other_files_is_refused_and_left_alone(earlier, intruder):
    if intruder.endswith("/"):
        (earlier / intruder).mkdir()
    else:  # visits-1930.yaml: the name of an import's file, not its first line
        (earlier / intruder).write_text("diplokg: 1\n")
    before = snapshot(earlier)
    result = run("import", CASE, "-o", earlier)
    assert result.exit_code == 3
    assert result.output.startswith(f"error: {earlier}: holds '{intruder.rstrip('/')}', which "
                                    "diplokg import did not write")
    assert snapshot(earlier) == before


def test_an_output_folder_given_as_a_symlink_is_refused(earlier, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(earlier)
    before = snapshot(earlier)
    result = run("import", CASE, "-o", link)
    assert result.exit_code == 3 and "is a symbolic link" in result.output
    assert snapshot(earlier) == before and link.is_symlink()


def test_an_output_folder_below_a_file(tmp_path):
    (tmp_path / "afile").write_text("a file\n")
    result = run("import", CASE, "-o", tmp_path / "afile" / "out")
    assert result.exit_code == 3
    assert result.output.startswith(f"error: {tmp_path / 'afile' / 'out'}: cannot write")


def test_a_full_disk_leaves_the_earlier_import_as_it_was(earlier):
    """A real write error: the import runs with a file size limit that persons.yaml, the
    third file written, is over (write() fails with EFBIG, as on a full disk)."""
    before = snapshot(earlier)
    limit = max(len(v) for k, v in before.items() if k in ("sources.yaml", "states.yaml")) + 100
    assert limit < len(before["persons.yaml"])

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run([sys.executable, "-m", "diplokg.cli", "import", str(CASE), "-o",
                           str(earlier)], capture_output=True, text=True, preexec_fn=limited,
                          timeout=120)
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith(f"error: {earlier}: cannot write: File too large")
    assert "Traceback" not in done.stderr
    assert snapshot(earlier) == before
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["facts"]


def test_hostile_text_in_the_archive_reads_back_as_it_was(tmp_path):
    """What the importer writes is always a fact file diplokg reads, with the same text."""
    nasty = "Ünïcode \u0085 \u2028 \ufeff \u202e # : - ? ' \" | > * & ! % @ ` {x} [y] \\ \U0001f600"
    description = f"State visit. {nasty} --- ... 'quoted' \"twice\""
    data = archive(tmp_path / "archive", d1930=visits(visit(
        visitor="President Ada Lovelace", description=description.replace("&", "&amp;"))))
    import_visits_archive(data, tmp_path / "out")
    fact_set = read_facts([tmp_path / "out"])
    (visit_fact,) = [f for f in fact_set.facts() if f.kind == "visit"]
    assert visit_fact.data["evidence"] == ["President Ada Lovelace", " ".join(description.split())]
    assert yaml.safe_load((tmp_path / "out" / "visits-1930.yaml").read_text(encoding="utf-8"))


def test_missing_and_broken_registries(tmp_path):
    data = archive(tmp_path / "archive", d1930=visits(visit()))
    missing = run("import", data, "-o", tmp_path / "out", "--registry", tmp_path / "nope.yaml")
    assert missing.exit_code == 3
    assert missing.output.startswith(f"error: {tmp_path / 'nope.yaml'}: no such file")
    (tmp_path / "list.yaml").write_text("- just\n- a list\n")
    broken = run("import", data, "-o", tmp_path / "out", "--registry", tmp_path / "list.yaml")
    assert broken.exit_code == 1
    assert broken.output.splitlines()[0] == str(tmp_path / "list.yaml")
    assert not (tmp_path / "out").exists()


def test_an_import_into_a_new_folder_replaces_nothing(tmp_path):
    result = run("import", CASE, "-o", tmp_path / "new")
    assert result.exit_code == 0
    imported, = (line for line in result.output.splitlines() if line.startswith("imported"))
    assert imported.endswith(f"into 13 files in {tmp_path / 'new'}")
