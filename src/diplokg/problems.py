"""Problems found in fact files or graphs: what every stage reports and every format writes.

A problem names its field as reports spell it, ``events[0].place``; ``field_path``
and ``field_name`` turn such a name into the path of keys and indexes that reaches
the value in a fact (``("events", 0, "place")``) and back.  This module imports no
other part of diplokg, so that any stage can make problems and any format write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

VIOLATION = "violation"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, pointing back at the fact file where possible."""

    file: str = ""
    line: int = 0
    fact: str = ""  # e.g. "visit putin-2024-north-korea"
    field: str = ""  # fact-file field, e.g. "visitors" or "events[1].place"
    message: str = ""  # what is wrong
    hint: str = ""  # what would fix it
    value: str = ""  # the value found, if any
    severity: str = VIOLATION
    code: str = ""  # stable rule id: "unknown-key", or the SHACL shape's name "Visit-visitors"
    focus: str = ""  # IRI of the node at fault, when there is a graph
    path: str = ""  # IRI of the property at fault
    shape: str = ""  # IRI of the SHACL shape that found it
    component: str = ""  # IRI of the SHACL constraint component
    value_term: str = ""  # the value as an N-Triples term, when there is a graph


def count(problems: Iterable[Problem], severity: str) -> int:
    return sum(1 for p in problems if p.severity == severity)


def summary(problems: list[Problem]) -> str:
    return f"{count(problems, VIOLATION)} violation(s), {count(problems, WARNING)} warning(s)"


# -- field names ---------------------------------------------------------------------

_FIELD_PARTS = re.compile(r"[.\[\]]+")


def field_path(name: str) -> tuple[str | int, ...]:
    """``"events[0].place"`` -> ``("events", 0, "place")``."""
    return tuple(int(part) if part.isdigit() else part
                 for part in _FIELD_PARTS.split(name) if part)


def field_name(path: Iterable[str | int]) -> str:
    """``("events", 0, "place")`` -> ``"events[0].place"``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
