"""What passes between the stages: named records, one error hierarchy, and one of each
helper (field names, IRI compaction, atomic writes)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import URIRef

from diplokg import errors
from diplokg.build.cache import Cache
from diplokg.build.plan import FileOutput
from diplokg.iris import ANY_LOCAL, SHOWN_LOCAL, by_length, compact
from diplokg.problems import field_name, field_path
from diplokg.safeio import replace_bytes

PACKAGE = Path(errors.__file__).parent
# Exceptions that never leave their module: raised and caught inside it to stop a parser
# or a compiler early, never an error of a run.
SIGNALS = {"diplokg.validate.fastshacl.Unsupported", "diplokg.rdf.parsing._Prolog",
           "diplokg.importers.reading.Doctype", "diplokg.read.documents._KeyGivenTwice"}


def exceptions_defined() -> dict[str, type]:
    """Every exception class a module of diplokg defines, by its full name."""
    found = {}
    for module in pkgutil.walk_packages([str(PACKAGE)], "diplokg."):
        if module.name.endswith("__main__"):  # importing it would run the command
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (isinstance(value, type) and issubclass(value, BaseException)
                    and value.__module__ == module.name):
                found[f"{module.name}.{value.__name__}"] = value
    return found


def test_every_error_is_defined_in_errors_under_diplokg_error():
    defined = exceptions_defined()
    ours = {name: cls for name, cls in defined.items() if name.startswith("diplokg.errors.")}
    assert set(defined) - set(ours) == SIGNALS
    assert len(ours) == 9 and all(issubclass(cls, errors.DiplokgError) for cls in ours.values())


@pytest.mark.parametrize("name,code", [
    ("DiplokgError", 2), ("UsageError", 2), ("QueryError", 2), ("SerializationError", 2),
    ("UnreadableInput", 3), ("ArchiveError", 3), ("OutputError", 3), ("StoreError", 3),
    ("FactProblems", 1)])
def test_exit_codes(name, code):
    assert getattr(errors, name).exit_code == code


def test_problems_import_no_other_part_of_diplokg():
    code = "import sys, diplokg.problems; print(*sorted(m for m in sys.modules if 'diplokg' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == ["diplokg", "diplokg.problems"]


@pytest.mark.parametrize("name,path", [
    ("visitors", ("visitors",)),
    ("events[0].place", ("events", 0, "place")),
    ("events[12].evidence[3]", ("events", 12, "evidence", 3)),
    ("[2]", (2,)),
    ("", ()),
])
def test_field_names_and_paths(name, path):
    assert field_path(name) == path
    assert field_name(path) == name


PREFIXES = by_length({"visit": "http://x/visit/", "x": "http://x/", "dk": "http://x/vocab#"})


@pytest.mark.parametrize("iri,turtle,shown,anything", [
    ("http://x/visit/v1", "visit:v1", "visit:v1", "visit:v1"),  # the longest prefix wins
    ("http://x/vocab#Visit", "dk:Visit", "dk:Visit", "dk:Visit"),
    ("http://x/visit/v1/event/arrival", None, "visit:v1/event/arrival",
     "visit:v1/event/arrival"),
    ("http://x/visit/v.", None, "visit:v.", "visit:v."),
    ("http://x/a b", None, None, "x:a b"),
    ("http://x/", None, None, None),  # nothing after the namespace
    ("urn:other", None, None, None),
])
def test_one_compaction_for_turtle_tables_and_messages(iri, turtle, shown, anything):
    assert compact(iri, PREFIXES) == turtle
    assert compact(iri, PREFIXES, SHOWN_LOCAL) == shown
    assert compact(iri, PREFIXES, ANY_LOCAL) == anything


def test_replace_bytes_puts_the_new_file_in_place_of_a_link(tmp_path):
    target, elsewhere = tmp_path / "entry.json", tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep")
    target.symlink_to(elsewhere)
    replace_bytes(target, b"new", sync=False)
    assert not target.is_symlink() and target.read_bytes() == b"new"
    assert elsewhere.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "entry.json"]


def test_replace_bytes_leaves_nothing_behind_when_it_fails(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "inside").write_text("a folder is not replaced by a file\n")
    with pytest.raises(OSError):
        replace_bytes(tmp_path / "folder", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
    with pytest.raises(OSError):
        replace_bytes(tmp_path / "missing" / "entry", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_a_file_output_goes_through_the_cache_as_itself(tmp_path):
    output = FileOutput(3, Counter({URIRef("urn:C"): 2}),
                        {"turtle": [["", "<urn:a> a <urn:C> ."]]})
    Cache(tmp_path).put("output", "key", output)
    (entry,) = (tmp_path / "output").iterdir()
    assert oct(entry.stat().st_mode & 0o777) == oct(0o600)  # entries are private
    found = Cache(tmp_path).get("output", "key")
    assert found == output and type(found.classes) is Counter
