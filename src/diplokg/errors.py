"""Every error diplokg raises on purpose; only the CLI turns them into exit codes.

    DiplokgError             2  base; a usage error unless a subclass says otherwise
      UsageError             2  a command called in a way that cannot work
      QueryError             2  a query, its parameters or its result format are wrong
      SerializationError     2  a term cannot be written in the chosen RDF format
      UnreadableInput        3  a file is missing or not valid YAML, JSON, RDF or XML
        ArchiveError         3  the visits archive cannot be imported
      OutputError            3  an output file or the cache cannot be written
      StoreError             3  an endpoint, Graph Store or on-disk store fails
      FactProblems           1  the input was read but breaks the rules
"""

from __future__ import annotations

from diplokg.problems import Problem


class DiplokgError(Exception):
    """Base of every error diplokg raises on purpose."""

    exit_code = 2


class UsageError(DiplokgError):
    """The command was called in a way that cannot work (e.g. an output that is an input)."""

    exit_code = 2


class QueryError(DiplokgError):
    """A query or its parameters are wrong: bad SPARQL, an unknown named query, a
    missing, unknown or malformed parameter, a result format that does not fit."""

    exit_code = 2


class SerializationError(DiplokgError):
    """A term cannot be written in the chosen format."""


class UnreadableInput(DiplokgError):
    """A file is missing, cannot be decoded, or is not valid YAML, JSON or RDF."""

    exit_code = 3


class ArchiveError(UnreadableInput):
    """The archive cannot be imported: a file is not the archive's XML, or a record lacks
    a field, has a bad value, or names a country the importer does not know."""


class OutputError(DiplokgError):
    """The output file cannot be written."""

    exit_code = 3


class StoreError(DiplokgError):
    """A SPARQL endpoint, Graph Store or on-disk store cannot be reached, read or written."""

    exit_code = 3

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class FactProblems(DiplokgError):
    """The input could be read but breaks the rules; ``problems`` says where and why."""

    exit_code = 1

    def __init__(self, problems: list[Problem], facts: object = None):
        self.problems = problems
        self.facts = facts  # what could be read in spite of them (a FactSet), if anything
        super().__init__(f"{len(problems)} problem(s) in the facts")
