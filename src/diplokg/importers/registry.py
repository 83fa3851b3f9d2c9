"""What the project already knows, for an import to refer to rather than repeat.

``diplokg import --registry PATH`` (repeatable: fact files or folders, such as the
seeds and an earlier import) names the persons, states and organisations already
declared.  An import refers to them by their ids, found by id or by normalised name or
alias, and does not write them again; and it finds who a loosely written name is among
the registry's persons (``people``: see ``diplokg.importers.people``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from diplokg import names
from diplokg.importers import people as people_module
from diplokg.read.facts import read_facts

KINDS = ("person", "state", "organisation")


def normalise_name(name: str) -> str:
    return names.normalise_name(name, names.ARCHIVE)


@dataclass
class Registry:
    """Facts already declared, by kind: id or normalised name -> id."""

    ids: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in KINDS})
    people: people_module.People = field(default_factory=people_module.People)

    @classmethod
    def read(cls, paths: Iterable[Path] | Path | None) -> Registry:
        registry = cls()
        if paths is None:
            return registry
        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
        if not paths:
            return registry
        facts = list(read_facts(paths).facts())
        for fact in facts:
            table = registry.ids.get(fact.kind)
            if table is None:
                continue
            table[fact.id] = fact.id
            for name in [fact.data["name"], *fact.data.get("aliases", [])]:
                table.setdefault(normalise_name(name), fact.id)
        registry.people = people_module.from_facts(facts)
        return registry

    @property
    def persons(self) -> dict[str, str]:
        return self.ids["person"]

    def find(self, kind: str, fact: dict) -> str | None:
        """The registry's id of a fact with an id, a name and aliases, if it has one."""
        return self.named(kind, [fact["id"], *map(normalise_name,
                                                  [fact["name"], *fact.get("aliases", [])])])

    def named(self, kind: str, keys: Iterable[str]) -> str | None:
        """The id of the first of ``keys`` (ids or normalised names) the registry has."""
        table = self.ids[kind]
        return next((table[key] for key in keys if key in table), None)

    def state(self, fact: dict) -> str | None:
        return self.find("state", fact)
