"""`diplokg build`: fact files to a validated graph file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplokg.build import pipeline
from diplokg.build.cache import Cache
from diplokg.cli.common import (
    Base,
    Cache_,
    Force,
    Jobs,
    Limit,
    Paths,
    Strict,
    annotate,
    capped_jobs,
    fail,
    progress_bars,
)
from diplokg.errors import DiplokgError
from diplokg.limits import DEFAULT
from diplokg.namespaces import DEFAULT_BASE
from diplokg.problems import WARNING, count
from diplokg.rdf.serialize import GRAPH_FORMATS
from diplokg.report.formats import format_text
from diplokg.safetext import printable


def build(
    paths: Paths,
    output: Annotated[Path, typer.Option("--output", "-o", help="The RDF file to write.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help=f"Output format: {', '.join(GRAPH_FORMATS)}.")] = "turtle",
    base: Base = DEFAULT_BASE,
    strict: Strict = False,
    merge_report: Annotated[Path | None, typer.Option(
        "--merge-report", help="Write what was merged, from where, and what conflicts "
        "(JSON) to this file.")] = None,
    cache: Cache_ = None,
    jobs: Jobs = None,
    limit: Limit = None,
    force: Force = False,
    ids: Annotated[Path | None, typer.Option(
        "--ids", help="The identity file: which id names each merged fact. Read, and "
        "updated with the names of newly merged facts; commit it.")] = None,
    check_ids: Annotated[bool, typer.Option(
        "--check-ids", help="With --ids: change nothing, and fail if the identity file "
        "does not name every merged fact (for CI).")] = False,
    with_ontology: Annotated[bool, typer.Option(
        "--with-ontology", help="Write the whole ontology and vocabulary with the graph, "
        "not only the labels of the concepts it uses.")] = False,
    shards: Annotated[int, typer.Option(
        "--shards", min=1, help="With --format nt: write the triples into this many files "
        "of about equal size (OUTPUT's name with -1-of-N ...), for bulk loaders.")] = 1,
) -> None:
    """Read, map and validate fact files, then write the graph. Writes nothing on a violation.

    The graph and the merge report are written together or not at all, and never
    over a file that was read (a fact file, a source text).  The graph carries the
    labels and definitions of the concepts it uses (kinds, statuses ...).
    """
    if check_ids and ids is None:
        raise typer.BadParameter("give the identity file with --ids", param_hint="--check-ids")
    if fmt not in GRAPH_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(GRAPH_FORMATS)}",
                                 param_hint="--format")
    if shards > 1 and fmt != "nt":
        raise typer.BadParameter("shards are N-Triples files: add --format nt",
                                 param_hint="--shards")
    try:
        limits = DEFAULT.with_settings(limit or [])
        store = Cache(cache) if cache else None
        with progress_bars() as progress:
            result = pipeline.build(paths, output, base=base, fmt=fmt, strict=strict,
                                    jobs=capped_jobs(jobs), cache=store, progress=progress,
                                    merge_report=merge_report, limits=limits, force=force,
                                    ids_file=ids, check_ids=check_ids,
                                    ontology=with_ontology, shards=shards)
    except DiplokgError as error:
        raise fail(error) from None
    if result.problems:
        typer.echo(format_text(result.problems), err=True)
        annotate(result.problems)
    typer.echo(printable(result.merged.summary()), err=True)
    if store is not None:
        store.prune()
        typer.echo(store.summary(), err=True)
    written = printable(output) if shards == 1 else \
        f"{shards} shards {printable(pipeline.shard_path(output, 1, shards))} ..."
    typer.echo(f"wrote {written}: {len(result)} triples, "
               f"{count(result.problems, WARNING)} warning(s)", err=True)
