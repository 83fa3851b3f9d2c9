"""The identity file: which id names each fact that several ids describe.

When declarations with different ids turn out to be one thing (by `same_as`, or
recognised as one visit), one id names it: the id of its earliest declaration.
A report added later that is older than all the others would take the name, so
the build remembers the ids it named facts by in a committed file:

    # diplokg identity file: written by `diplokg build --ids`; commit it
    diplokg-ids: 1
    ids:
      - putin-2024-north-korea

A group keeps the first listed id it contains, whatever is added later.  A
build with ``--ids FILE`` adds the names of new groups (keeping the file's
order) and writes the file with the graph; with ``--check-ids`` (for CI) it
changes nothing and fails if the file is missing a name.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from diplokg.errors import FactProblems, UnreadableInput
from diplokg.merge.entities import Merged
from diplokg.problems import Problem

HEADER = "# diplokg identity file: written by `diplokg build --ids`; commit it\n"


def read_ids(path: Path) -> list[str]:
    """The ids a file lists, in order; [] if it does not exist yet."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UnreadableInput(f"{path}: cannot read the identity file: "
                              f"{type(error).__name__}") from None
    ids = data.get("ids") if isinstance(data, dict) and data.get("diplokg-ids") == 1 else None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise UnreadableInput(f"{path}: not an identity file (`diplokg-ids: 1` and a list "
                              "`ids:` of fact ids)")
    return ids


def names(merged: Merged) -> list[str]:
    """The ids that name facts, sorted: any of them may meet another id later."""
    return sorted(merged.entities)


def updated(known: list[str], merged: Merged) -> list[str]:
    """The file's ids followed by the names of groups it did not list yet."""
    return known + [name for name in names(merged) if name not in known]


def lines(ids: list[str]) -> list[str]:
    """The file's lines (each id quoted, so that no id reads as another YAML value)."""
    return [HEADER.rstrip("\n"), "diplokg-ids: 1", "ids:",
            *(f"  - {json.dumps(i, ensure_ascii=False)}" for i in ids)]


def missing_problems(path: Path, known: list[str], merged: Merged) -> None:
    """For --check-ids: raise FactProblems if the file does not list every name."""
    new = [name for name in names(merged) if name not in known]
    if new:
        raise FactProblems([Problem(
            str(path), 1, "identity file", "ids",
            f"does not list {len(new)} id(s) that name facts: {', '.join(new[:10])}"
            + (" ..." if len(new) > 10 else ""),
            f"run `diplokg build --ids {path}` and commit {path.name}", code="ids-out-of-date")])
