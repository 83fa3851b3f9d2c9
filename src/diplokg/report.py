"""Problems found in fact files or graphs, and how they are shown to people."""

from __future__ import annotations

from collections import defaultdict
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


def count(problems: list[Problem], severity: str) -> int:
    return sum(1 for p in problems if p.severity == severity)


def format_text(problems: list[Problem]) -> str:
    """Problems grouped by file, then by fact, in file order."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in sorted(problems):
        by_file[problem.file].append(problem)
    lines = []
    for file, items in by_file.items():
        lines.append(f"{file or '<graph>'}:")
        for p in items:
            head = f"  line {p.line}: {p.severity}:" if p.line else f"  {p.severity}:"
            subject = " ".join(filter(None, (p.fact, f"field {p.field}" if p.field else "")))
            found = f" (found: {p.value})" if p.value else ""
            lines.append(f"{head} {subject + ': ' if subject else ''}{p.message}{found}")
            if p.hint:
                lines.append(f"      fix: {p.hint}")
    violations, warnings = count(problems, VIOLATION), count(problems, WARNING)
    lines.append(f"{violations} violation(s), {warnings} warning(s)")
    return "\n".join(lines)
