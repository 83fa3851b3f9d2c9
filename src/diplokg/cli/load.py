"""`diplokg load`: a graph into a triple store or an on-disk store."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from diplokg import resources
from diplokg.build import pipeline
from diplokg.build.pipeline import check_base
from diplokg.cli.common import Base, Timeout, fail, print_warnings
from diplokg.cli.query import RDF_FILES
from diplokg.errors import DiplokgError, QueryError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import engine as queries
from diplokg.query import remote, store
from diplokg.safetext import printable


def load(
    paths: Annotated[list[Path], typer.Argument(
        help=f"Built RDF files ({RDF_FILES}) or fact files and folders.")],
    endpoint: Annotated[str | None, typer.Option(
        "--endpoint", metavar="URL",
        help="A SPARQL 1.1 Graph Store endpoint, e.g. http://localhost:7878/store.")] = None,
    store_dir: Annotated[Path | None, typer.Option(
        "--store", metavar="DIR", help="Fill this on-disk store instead (made if missing).")
    ] = None,
    graph: Annotated[str | None, typer.Option(
        "--graph", metavar="IRI", help="Load into this named graph, not the default graph.")
    ] = None,
    append: Annotated[bool, typer.Option(
        "--append", help="Add to the target graphs instead of replacing them.")] = False,
    per_source: Annotated[bool, typer.Option(
        "--per-source", help="One named graph per source article, named by its IRI.")] = False,
    base: Base = DEFAULT_BASE,
    timeout: Timeout = None,
    with_ontology: Annotated[bool, typer.Option(
        "--with-ontology", help="Load the whole ontology and vocabulary too (into the "
        "default graph, or --graph).")] = False,
) -> None:
    """Load a graph into a triple store, or into an on-disk --store.

    A triple store is reached through the SPARQL 1.1 Graph Store HTTP
    Protocol: each target graph is replaced (PUT) unless --append (POST).
    Credentials come from the environment: DIPLOKG_ENDPOINT_TOKEN (bearer)
    or DIPLOKG_ENDPOINT_USER and DIPLOKG_ENDPOINT_PASSWORD (basic).  A graph
    counts as loaded only when the server confirms it (HTTP 200, 201 or 204).

    An on-disk --store is loaded into a copy beside it that replaces it only
    when complete, so a failed load leaves it as it was.  Fact files are built
    first and bring the labels of the concepts they use, as a built file does.
    """
    try:
        check_base(base)
        if (endpoint is None) == (store_dir is None):
            raise QueryError("give where to load: --endpoint URL or --store DIR (one of them)")
        if graph is not None:
            graph = str(queries.term(queries.Param("graph", "iri"), graph,
                                     queries.Query("", "--graph"), base))
        options = dict(graph=graph, replace=not append, per_source=per_source, base=base,
                       facts=partial(pipeline.fact_quads, warn=print_warnings))
        if with_ontology:  # shipped Turtle files, read like any other input
            paths = [*paths, *resources.ontology_files()]
        if endpoint is not None:
            done = store.load_endpoint(paths, endpoint, **options,
                                       timeout=timeout or remote.LOAD_TIMEOUT)
            target = remote.shown(endpoint)
        else:
            done = store.load_store(paths, store_dir, **options)
            target = printable(store_dir)
        how = "added to" if append else "replaced"
        for item in done:
            typer.echo(f"loaded {item.describe()} of {target} ({how})", err=True)
    except DiplokgError as error:
        raise fail(error) from None
