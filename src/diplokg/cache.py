"""A build cache keyed by content, so an unchanged fact file costs next to nothing.

Entries are pickles under ``<folder>/<kind>/<key>.pickle``; a key is a hash of
everything the entry depends on (file bytes, the facts a chunk refers to ...),
and every key also covers diplokg's version, the ontology and the shapes, so a
change to any of them misses the whole cache.  Nothing is ever looked up by
name or date: a stale entry cannot be found, only left behind, and ``prune``
removes entries the last build did not use.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__, resources


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _salt(extra: str) -> str:
    files = [*resources.ontology_files(), *resources.shapes_files(), resources.schema_path()]
    return digest(__version__, extra, *(p.read_bytes() for p in files))


class Cache:
    """Content-keyed pickles in a folder; ``salt`` names what every entry depends on."""

    def __init__(self, folder: Path, salt: str = ""):
        self.folder = Path(folder)
        self.salt = _salt(salt)
        self.used: dict[str, set[str]] = {}
        self.hits = self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{digest(self.salt, key)}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        path = self._path(kind, key)
        self.used.setdefault(kind, set()).add(path.name)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.used.setdefault(kind, set()).add(path.name)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        """Remove entries of the kinds used in this build that this build did not use."""
        removed = 0
        for kind, names in self.used.items():
            for path in (self.folder / kind).glob("*.pickle"):
                if path.name not in names:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed
