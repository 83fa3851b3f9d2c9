"""Errors diplokg raises; only the CLI turns them into exit codes."""

from __future__ import annotations

from .report import Problem


class DiplokgError(Exception):
    """Base of every error diplokg raises on purpose."""

    exit_code = 2


class UsageError(DiplokgError):
    """The command was called in a way that cannot work (e.g. an output that is an input)."""

    exit_code = 2


class UnreadableInput(DiplokgError):
    """A file is missing, cannot be decoded, or is not valid YAML, JSON or RDF."""

    exit_code = 3


class OutputError(DiplokgError):
    """The output file cannot be written."""

    exit_code = 3


class FactProblems(DiplokgError):
    """The input could be read but breaks the rules; ``problems`` says where and why."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the facts")
