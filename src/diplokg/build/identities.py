"""The identity file: which id names each fact, and which entry holds each segment.

When declarations with different ids turn out to be one thing (by `same_as`, or
recognised as one visit), one id names it: the id of its earliest declaration.
A nested entry (an event) is named the same way, by the segment its earliest
declaration gives it.  A report added later that is older than all the others
would take those names, so the build remembers them in a committed file:

    # diplokg identity file: written by `diplokg build --ids`; commit it
    diplokg-ids: 1
    ids:
      - "putin-2024-north-korea"
    entries:
      - ["putin-2024-north-korea", "events", "arrival", "cnn-2024-06-putin-pyongyang", "arrival"]

A group keeps the first listed id it contains; an entry keeps its segment while
the entry that held it (that source's entry of that segment) is one of its
declarations.  A build with ``--ids FILE`` adds what is new (keeping the file's
order) and writes the file with the graph; with ``--check-ids`` (for CI) it
changes nothing and fails if the file is missing something.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from diplokg.errors import FactProblems, UnreadableInput
from diplokg.merge.entities import Merged
from diplokg.model.registry import nested_of
from diplokg.problems import Problem

HEADER = "# diplokg identity file: written by `diplokg build --ids`; commit it"
# (fact id, nested field, segment, source of the entry that holds it, that entry's segment)
Entry = tuple[str, str, str, str, str]


@dataclass
class Identities:
    ids: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def ranks(self) -> dict[str, int]:
        return {fact_id: rank for rank, fact_id in enumerate(self.ids)}

    def pins(self) -> dict[str, dict[str, dict[str, tuple[str, str]]]]:
        """fact id -> nested field -> segment -> (source, segment) of its holder."""
        found: dict[str, dict[str, dict[str, tuple[str, str]]]] = {}
        for fact_id, name, segment, source, own in self.entries:
            found.setdefault(fact_id, {}).setdefault(name, {}).setdefault(segment, (source, own))
        return found

    def updated(self, merged: Merged) -> Identities:
        """These, followed by the names the build gave that they do not list yet."""
        known_entries = {entry[:3] for entry in self.entries}
        return Identities(
            self.ids + [i for i in sorted(merged.entities) if i not in set(self.ids)],
            self.entries + [e for e in _entries(merged) if e[:3] not in known_entries])

    def lines(self) -> list[str]:
        """The file (each value quoted, so that no id reads as another YAML value)."""
        def quoted(value: str) -> str:
            return json.dumps(value, ensure_ascii=False)

        return [HEADER, "diplokg-ids: 1", "ids:", *(f"  - {quoted(i)}" for i in self.ids),
                "entries:", *(f"  - [{', '.join(map(quoted, e))}]" for e in self.entries)]


def _entries(merged: Merged) -> list[Entry]:
    found = []
    for entity_id, entity in sorted(merged.entities.items()):
        for f, _ in nested_of(entity.kind):
            for item in entity.data.get(f.name, []):
                if item.segment and item.holder[0]:
                    found.append((entity_id, f.name, item.segment, *item.holder))
    return found


def read_ids(path: Path) -> Identities:
    """What an identity file says; nothing if it does not exist yet."""
    if not path.exists():
        return Identities()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UnreadableInput(f"{path}: cannot read the identity file: "
                              f"{type(error).__name__}") from None
    ids = (data.get("ids") or []) if isinstance(data, dict) and data.get("diplokg-ids") == 1 \
        else None
    entries = (data.get("entries") or []) if ids is not None else None
    if not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)
            and isinstance(entries, list)
            and all(isinstance(e, list) and len(e) == 5 and all(isinstance(v, str) for v in e)
                    for e in entries)):
        raise UnreadableInput(f"{path}: not an identity file (`diplokg-ids: 1`, a list `ids:` "
                              "of fact ids and a list `entries:` of five strings each)")
    return Identities(ids, [tuple(e) for e in entries])


def check(path: Path, known: Identities, merged: Merged) -> None:
    """For --check-ids: raise FactProblems if the file does not list every name."""
    new = known.updated(merged)
    missing = new.ids[len(known.ids):] + [
        "/".join(e[:3]) for e in new.entries[len(known.entries):]]
    if missing:
        raise FactProblems([Problem(
            str(path), 1, "identity file", "ids",
            f"does not list {len(missing)} name(s) the build gave: {', '.join(missing[:10])}"
            + (" ..." if len(missing) > 10 else ""),
            f"run `diplokg build --ids {path}` and commit {path.name}", code="ids-out-of-date")])
