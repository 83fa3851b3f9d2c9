"""`diplokg query`: SPARQL over files, a store or an endpoint, rows as they come."""

from __future__ import annotations

import os
import sys
import textwrap
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from diplokg.build import pipeline
from diplokg.build.pipeline import check_base
from diplokg.cli.common import Base, Endpoint, StoreDir, Timeout, fail, print_warnings
from diplokg.errors import DiplokgError, OutputError, QueryError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as queries
from diplokg.query import remote, results, store
from diplokg.rdf.parsing import RDF_SUFFIXES

QUERY_SUFFIXES = (".rq", ".sparql")
RDF_FILES = " ".join(RDF_SUFFIXES)  # for help texts


def _write(pieces) -> None:
    """Write output as it comes; a reader that stops early (``| head``) is no error."""
    try:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can be written, not even at exit: point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        raise OutputError(f"cannot write the results: {error.strerror or error}") from None


def listing() -> str:
    """The bundled queries, what they answer and their parameters, for ``--list``."""
    blocks = []
    for name, query in queries.bundled().items():
        lines = [f"{name}: {query.title}"]
        lines += textwrap.wrap(query.description, 96, initial_indent="    ",
                               subsequent_indent="    ")
        for param in query.params:
            lines.append(f"  --param {param.name}={param.type.upper()}  {param.description}")
        blocks.append("\n".join(lines))
    hint = ("Run one with: diplokg query NAME --param NAME=VALUE ... PATHS "
            "(or --store DIR, or --endpoint URL)")
    return "\n\n".join(blocks) + f"\n\n{hint}\n"


def _pick_query(arguments: list[str], name: str | None,
                file: Path | None) -> tuple[queries.Query, list[str]]:
    """The query to run and the arguments left over as data paths."""
    if name and file:
        raise QueryError("give --name or --file, not both")
    if name:
        return queries.named(name), arguments
    if file:
        return queries.from_file(file), arguments
    if not arguments:
        raise QueryError("give a query: a bundled query's name (see --list), a .rq file or "
                         "SPARQL text as the first argument")
    first, rest = arguments[0], arguments[1:]
    if queries.looks_like_name(first):
        return queries.named(first), rest
    if first.lower().endswith(QUERY_SUFFIXES):
        return queries.from_file(Path(first)), rest
    if Path(first).exists():
        raise QueryError(f"the first argument is the query, but {first!r} is data; put a "
                         "bundled query's name, a .rq file or SPARQL text before it")
    return queries.parse(first), rest


def query(
    arguments: Annotated[list[str] | None, typer.Argument(
        metavar="[QUERY] [PATHS]...",
        help="The query (unless --name or --file gives it), then the data: built RDF files "
             f"({RDF_FILES}) or fact files and folders.")] = None,
    name: Annotated[str | None, typer.Option(
        "--name", "-n", help="Run this bundled query (see --list).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", metavar="FILE.rq", help="Run the SPARQL query in this file.")] = None,
    params: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE",
        help="A parameter of the query, e.g. leader=vladimir-putin or "
             "'leader=Vladimir Putin'; repeat for each.")] = None,
    list_queries: Annotated[bool, typer.Option(
        "--list", help="List the bundled queries and their parameters, then exit.")] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f",
        help="table, csv, tsv or json for SELECT and ASK (default table); turtle or nt "
             "for CONSTRUCT and DESCRIBE (default turtle).")] = None,
    endpoint: Endpoint = None,
    store_dir: StoreDir = None,
    base: Base = DEFAULT_BASE,
    timeout: Timeout = None,
) -> None:
    """Run a SPARQL query over RDF files, fact files, a --store or an --endpoint.

    The query is --name NAME (a bundled query), --file FILE.rq, or else
    the first argument: a bundled query's name if it is one (lower-case
    words joined by hyphens), a query file if it ends in .rq or .sparql,
    and otherwise the text of a SPARQL query.  The other arguments are the
    data, read into an in-memory store (no server); or query an on-disk
    --store DIR or a running --endpoint URL instead.

    Parameters are bound as RDF terms, never pasted into the query: an id
    such as vladimir-putin, an IRI, or a name or alias such as "Vladimir
    Putin" names the person, state ... that the parameter's kind says, and
    is looked up in the data first: one that matches nothing is an error.
    Prefixes such as dk:, person: and visit: need no PREFIX line.  Fact
    files' warnings go to stderr, as for build.

    Rows are written as they come (a table holds its first 10,000 rows to
    align its columns); an error part-way exits non-zero after the rows
    written so far.
    """
    try:
        if list_queries:
            sys.stdout.write(listing())
            return
        check_base(base)
        chosen, paths = _pick_query(list(arguments or []), name, file)
        bindings = queries.bind(chosen, queries.parse_assignments(list(params or [])), base)
        sources = [bool(paths), store_dir is not None, endpoint is not None]
        if sum(sources) != 1:
            raise QueryError("give the data to query: RDF or fact files, or --store DIR, or "
                             "--endpoint URL (one of them)")
        if endpoint is not None:
            answer = queries.run_endpoint(chosen, bindings, endpoint, base, stream=True,
                                          timeout=timeout or remote.QUERY_TIMEOUT)
        else:
            data = (store.open_store(store_dir) if store_dir is not None
                    else store.memory_store([Path(p) for p in paths], base,
                                            partial(pipeline.fact_quads, warn=print_warnings)))
            answer = queries.run(chosen, bindings, data, base, stream=True)
        _write(results.chunks(answer, fmt, queries.prefixes_for(base)))
    except DiplokgError as error:
        raise fail(error) from None
