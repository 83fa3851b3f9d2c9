"""Limits on what diplokg reads, so a hostile file cannot exhaust memory or time.

The defaults are far above any real fact file or article; ``--limit NAME=VALUE``
on the command line raises (or lowers) one of them.  Sizes take a K, M or G suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from diplokg.errors import UsageError

# The longest number a fact file may hold: a year has four digits, and a longer
# run of digits is a mistake or an attack (Python refuses ints past 4,300 digits).
MAX_NUMBER_LENGTH = 32


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 64 * 2**20  # one fact file
    source_bytes: int = 16 * 2**20  # one source text
    yaml_nodes: int = 1_000_000  # values in one document, with YAML aliases expanded
    depth: int = 64  # nesting of lists and mappings

    @classmethod
    def names(cls) -> list[str]:
        return [f.name.replace("_", "-") for f in fields(cls)]

    def describe(self) -> str:
        return ", ".join(f"{f.name.replace('_', '-')}={getattr(self, f.name)}"
                         for f in fields(self))

    def with_settings(self, settings: list[str]) -> Limits:
        """These limits with ``NAME=VALUE`` settings applied; raise UsageError on a bad one."""
        changes = {}
        for setting in settings:
            name, _, value = setting.partition("=")
            if name not in self.names():
                raise UsageError(f"--limit {setting!r}: unknown limit; the limits are "
                                 + ", ".join(self.names()))
            match = re.fullmatch(r"(\d{1,15})([KMG]?)", value.strip().upper())
            if not match:
                raise UsageError(f"--limit {setting!r}: the value must be a whole number, "
                                 "optionally with K, M or G (e.g. source-bytes=64M)")
            number = int(match.group(1)) * {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}[
                match.group(2)]
            if number < 1:
                raise UsageError(f"--limit {setting!r}: must be at least 1")
            changes[name.replace("-", "_")] = number
        return replace(self, **changes)


DEFAULT = Limits()
