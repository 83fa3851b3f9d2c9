"""Errors of querying and loading; the CLI turns their ``exit_code`` into the exit status.

They live here rather than in errors.py so that querying and loading stay one
self-contained concern; both subclass DiplokgError, so callers that catch every
diplokg error catch these too.
"""

from __future__ import annotations

from .errors import DiplokgError


class QueryError(DiplokgError):
    """A query or its parameters are wrong: bad SPARQL, an unknown named query, a
    missing, unknown or malformed parameter, a result format that does not fit."""

    exit_code = 2


class StoreError(DiplokgError):
    """A SPARQL endpoint, Graph Store or on-disk store cannot be reached, read or written."""

    exit_code = 3

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status
