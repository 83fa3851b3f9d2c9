"""A build cache keyed by content, so an unchanged fact file costs next to nothing.

Entries live under ``<folder>/<stage>/<name>.json``, where the name is a hash of
the entry's key: everything the entry depends on (file bytes, the facts a chunk
refers to ...), and, in every key, diplokg's version, the ontology and the
shapes, so a change to any of them misses the whole cache.  Nothing is ever
looked up by name or date: a stale entry cannot be found, only left behind, and
``prune`` removes entries the last build did not use.

An entry is data, never code: JSON with tags for the few types JSON lacks (see
``_encode``), read back only into those types.  Its first line carries a
SHA-256 checksum of its stage, its name and its content, so an entry that was cut
short, edited, or copied under another name does not verify.  Such an entry,
and one that does not decode into the shape its stage holds, is ignored, counted
in ``corrupt`` and built again.  The checksum has no secret: it catches damage
and edits, not someone who can write the cache folder and recompute it, so a
cache must not be shared with builds of untrusted changes.

Inside the folder no symbolic link is followed, for reading, writing or pruning,
and prune removes only files named like entries.  A failure to write an entry is
an OutputError naming the cache folder, so a build stops before its main output
is written.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields
from functools import cache
from pathlib import Path, PurePath
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from rdflib import URIRef

from diplokg import __version__, resources
from diplokg.digests import digest
from diplokg.errors import OutputError
from diplokg.problems import Problem
from diplokg.safeio import replace_bytes

FORMAT = "diplokg-cache 1"  # the first line of an entry: FORMAT, a space, the checksum
MAX_ENTRY_BYTES = 256 << 20  # a larger entry is neither written nor read
_ENTRY = re.compile(r"[0-9a-f]{64}\.(json|pickle)")  # names the cache writes (.pickle: older)


def _salt(extra: str) -> str:
    files = [*resources.ontology_files(), *resources.shapes_files(), resources.schema_path()]
    return digest(__version__, extra, *(p.read_bytes() for p in files))


class Cache:
    """Content-keyed entries in a folder; ``salt`` names what every entry depends on."""

    def __init__(self, folder: Path, salt: str = ""):
        self.folder = Path(folder)
        self.salt = _salt(salt)
        self.used: dict[str, set[str]] = {}
        self.hits = self.misses = self.corrupt = 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass  # not a folder: said just below
        except OSError as error:
            raise self._error(error) from None
        if not self.folder.is_dir():
            raise OutputError(f"cache folder {self.folder}: not a folder")
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise OutputError(f"cache folder {self.folder}: cannot write: permission denied")

    def summary(self) -> str:
        """The line a build prints about the cache."""
        line = f"cache: {self.hits} hit(s), {self.misses} miss(es)"
        if self.corrupt:
            line += (f", {self.corrupt} corrupt entr{'y' if self.corrupt == 1 else 'ies'}"
                     " rebuilt")
        return line

    def _name(self, stage: str, key: str) -> str:
        name = f"{digest(self.salt, key)}.json"
        self.used.setdefault(stage, set()).add(name)
        return name

    def _stage_folder(self, stage: str) -> Path | None:
        """The folder of the stage's entries, or None if it is missing or not a real folder."""
        folder = self.folder / stage
        return None if folder.is_symlink() or not folder.is_dir() else folder

    def _error(self, error: OSError, where: str = "") -> OutputError:
        return OutputError(f"cache folder {self.folder}: cannot write{where}: "
                           f"{error.strerror or error}")

    def get(self, stage: str, key: str) -> Any | None:
        name = self._name(stage, key)
        folder = self._stage_folder(stage)
        raw = _read_entry(folder / name) if folder else None
        value = None if raw is None else _open(stage, name, raw)
        if value is None:
            self.misses += 1
            if raw is not None:
                self.corrupt += 1
            return None
        self.hits += 1
        return value

    def put(self, stage: str, key: str, value: Any) -> None:
        name = self._name(stage, key)
        try:
            payload = json.dumps(_encode(value), separators=(",", ":")).encode("ascii")
        except (TypeError, ValueError, RecursionError):
            return  # a value the codec cannot hold exactly is not kept: it is built again
        entry = _header(stage, name, payload) + payload
        if len(entry) > MAX_ENTRY_BYTES:
            return
        folder = self.folder / stage
        try:
            folder.mkdir(exist_ok=True)
        except FileExistsError:
            pass  # a file or a symbolic link: refused just below
        except OSError as error:
            raise self._error(error, f" {stage}/") from None
        if self._stage_folder(stage) is None:
            raise OutputError(f"cache folder {self.folder}: {stage} is not a folder; remove it "
                              "or choose another cache folder")
        try:
            # not synced: an entry cut short by a crash does not verify, and is rebuilt
            replace_bytes(folder / name, entry, sync=False)
        except OSError as error:
            raise self._error(error, f" {stage}/{name}") from None

    def prune(self) -> int:
        """Remove entries of the stages used in this build that this build did not use."""
        removed = 0
        for stage, names in self.used.items():
            folder = self._stage_folder(stage)
            try:
                entries = list(os.scandir(folder)) if folder else []
            except OSError:
                continue
            for entry in entries:
                if (entry.name in names or not _ENTRY.fullmatch(entry.name)
                        or entry.is_dir(follow_symlinks=False)):
                    continue
                try:
                    os.unlink(entry.path)  # a symbolic link goes, not what it points to
                    removed += 1
                except OSError:
                    pass
        return removed


# -- entries on disk -----------------------------------------------------------


def _header(stage: str, name: str, payload: bytes) -> bytes:
    """The first line of an entry: it verifies the entry's stage, name and content."""
    return f"{FORMAT} {digest(stage, name, payload)}\n".encode("ascii")


def _read_entry(path: Path) -> bytes | None:
    """The bytes of an entry; None if there is none; b"" if it is not a regular file
    that can be read (a symlink, folder, device ...) or is too large."""
    try:
        # O_NOFOLLOW: a symlink is refused; O_NONBLOCK: opening a FIFO does not hang
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError:
        return b""
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return b""
        with os.fdopen(handle, "rb", closefd=False) as entry:
            raw = entry.read(MAX_ENTRY_BYTES + 1)
        return raw if len(raw) <= MAX_ENTRY_BYTES else b""
    except OSError:
        return b""
    finally:
        os.close(handle)


def _open(stage: str, name: str, raw: bytes) -> Any | None:
    """The value of a sealed entry, or None if it does not verify, decode or fit its stage."""
    header, _, payload = raw.partition(b"\n")
    if header + b"\n" != _header(stage, name, payload):
        return None
    try:
        value = json.loads(payload, object_hook=_decode_object)
    except (ValueError, TypeError, RecursionError):
        return None
    check = _entry_checks().get(stage)
    return value if check is None or check(value) else None


# -- the codec -----------------------------------------------------------------
#
# JSON null, booleans, numbers, strings and lists stand for themselves.  A dict
# whose keys are strings, none of them "$", is a JSON object.  Anything else is an
# object with a "$" tag:
#   {"$": "tuple", "v": [items]}
#   {"$": "dict", "v": [[key, value], ...]}, and the same for "Counter"
#   {"$": "tuple-keys", "v": [[[key items], value], ...]}: a dict of plain values
#       keyed by tuples of plain values, as line maps are (one tag, not one per key)
#   {"$": "URIRef", "v": "iri"}, {"$": "Path", "v": "path"}
#   {"$": "Problem", field: value, ...}, and the same for "Fact", "FactFile" and
#       "FileOutput"; a fact's line map is its file's, so it is written once, with the file.


@cache
def _records() -> dict[str, type]:
    from diplokg.build.plan import FileOutput  # these modules import this one
    from diplokg.read.facts import Fact, FactFile

    return {cls.__name__: cls for cls in (Problem, Fact, FactFile, FileOutput)}


_PLAIN = (type(None), bool, int, float, str)


def _encode(value: Any) -> Any:
    # plain values are passed over inline, not in a call each: entries hold many
    cls = type(value)
    if cls in _PLAIN:
        return value
    if cls is list:
        return [v if type(v) in _PLAIN else _encode(v) for v in value]
    if cls is tuple:
        return {"$": "tuple", "v": _encode(list(value))}
    if cls is dict and "$" not in value and all(type(k) is str for k in value):
        return {k: v if type(v) in _PLAIN else _encode(v) for k, v in value.items()}
    if (cls is dict and {type(k) for k in value} == {tuple}
            and {type(i) for k in value for i in k} | {type(v) for v in value.values()}
            <= set(_PLAIN)):
        # a line map: one tag for all its keys; json writes these tuples as arrays
        return {"$": "tuple-keys", "v": list(value.items())}
    if cls in (dict, Counter):
        return {"$": cls.__name__, "v": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if cls is URIRef:
        return {"$": "URIRef", "v": str(value)}
    if isinstance(value, PurePath):
        return {"$": "Path", "v": str(value)}
    if _records().get(cls.__name__) is cls:
        return {"$": cls.__name__, **{f.name: _encode(getattr(value, f.name))
                                       for f in fields(value)
                                       if not (cls.__name__ == "Fact" and f.name == "lines")}}
    raise TypeError(f"the cache cannot hold a {cls.__name__}")


def _decode_object(obj: dict) -> Any:
    """A JSON object of an entry as what it stands for; ValueError or TypeError if it
    stands for nothing the codec writes."""
    tag = obj.get("$")
    if tag is None:
        return obj
    value = obj.get("v")
    if len(obj) == 2 and type(value) is list:
        if tag == "tuple":
            return tuple(value)
        if tag in ("dict", "Counter"):
            pairs = dict(value)  # ValueError if an item is not a pair, TypeError if unhashable
            return pairs if tag == "dict" else Counter(pairs)
        if tag == "tuple-keys":
            found = {tuple(k): v for k, v in value}  # ValueError if an item is not a pair
            if {type(k) for k, _ in value} <= {list}:
                return found
    if len(obj) == 2 and type(value) is str and tag in ("URIRef", "Path"):
        return URIRef(value) if tag == "URIRef" else Path(value)
    cls = _records().get(tag)
    if cls is None:
        raise ValueError("not an entry")
    record = cls(**{k: v for k, v in obj.items() if k != "$"})  # TypeError on other fields
    if not _fields_fit(cls)(record):
        raise ValueError("not an entry")
    if tag == "FactFile":
        for fact in record.facts:
            fact.lines = record.lines
    return record


@cache
def _fields_fit(cls: type) -> Callable[[Any], bool]:
    """Whether a record's fields hold values of their declared types (a fact's line
    map, which is its file's, aside)."""
    checks = [(name, _fits(hint)) for name, hint in get_type_hints(cls).items()
              if not (cls.__name__ == "Fact" and name == "lines")]
    return lambda record: all(check(getattr(record, name)) for name, check in checks)


@cache
def _fits(hint: Any) -> Callable[[Any], bool]:
    """A test of whether a value is of the type ``hint`` names, down to list items and
    dict keys; made once per type, since entries hold many values."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return lambda value: True
    if origin in (Union, UnionType):
        options = [_fits(arg) for arg in args]
        return lambda value: any(option(value) for option in options)
    if origin is list and args:
        items = _all_fit(args[0])
        return lambda value: isinstance(value, list) and items(value)
    if origin in (dict, Counter) and args:
        keys = _all_fit(args[0])
        items = _all_fit(args[1] if origin is dict else int)  # a Counter counts
        return lambda value: isinstance(value, origin) and keys(value) and items(value.values())
    if origin is tuple and args and args[-1] is not Ellipsis:
        items = [_fits(arg) for arg in args]
        return lambda value: isinstance(value, tuple) and len(value) == len(items) and all(
            check(v) for check, v in zip(items, value, strict=True))
    return lambda value: isinstance(value, origin or hint)


@cache
def _all_fit(hint: Any) -> Callable[[Iterable], bool]:
    """A test of whether every item of a collection fits ``hint``: for a plain class, by
    the set of the items' types, which is quick on the long lists and maps of entries."""
    if hint is Any:
        return lambda items: True
    if isinstance(hint, type) and get_origin(hint) is None:
        return lambda items: all(issubclass(cls, hint) for cls in set(map(type, items)))
    check = _fits(hint)
    return lambda items: all(map(check, items))


@cache
def _entry_checks() -> dict[str, Callable[[Any], bool]]:
    """What the entries of each stage hold; the users are facts._read_cached and
    diplokg.build.  A record's fields are checked as it is decoded."""
    records = _records()
    fact_file, problems = records["FactFile"], list[Problem]
    return {"read": _fits(tuple[fact_file, problems]), "validate": _fits(problems),
            "output": _fits(records["FileOutput"])}
