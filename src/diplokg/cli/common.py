"""What the commands share: their options, progress bars, and one way to fail.

Every command turns a DiplokgError into its exit code here (``fail``):
problems in the facts are printed as a report (and, inside GitHub Actions, as
annotations), any other error as one escaped line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from diplokg.errors import DiplokgError, FactProblems
from diplokg.limits import DEFAULT, Limits
from diplokg.problems import Problem
from diplokg.report import formats as report
from diplokg.safetext import printable

Paths = Annotated[list[Path], typer.Argument(help="Fact files (.yaml, .yml, .json) or folders.")]
Base = Annotated[str, typer.Option("--base", help="Base IRI for the nodes diplokg mints.")]
Strict = Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")]
Cache_ = Annotated[Path | None, typer.Option(
    "--cache", help="A folder for the build cache: unchanged files are not parsed or "
    "validated again.")]
Jobs = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Processes for validation (default and most: one per core).")]
Limit = Annotated[list[str] | None, typer.Option(
    "--limit", metavar="NAME=VALUE",
    help="Raise or lower a limit on what is read: " + ", ".join(Limits.names())
    + f" (defaults: {DEFAULT.describe()}); sizes take K, M or G.")]
Force = Annotated[bool, typer.Option(
    "--force", help="Replace the file an output symlink points to (the link is kept).")]


Endpoint = Annotated[str | None, typer.Option(
    "--endpoint", metavar="URL",
    help="A SPARQL 1.1 query endpoint, e.g. http://localhost:7878/query (no local data).")]
StoreDir = Annotated[Path | None, typer.Option(
    "--store", metavar="DIR", help="An on-disk store filled by `diplokg load --store DIR`.")]
Timeout = Annotated[float | None, typer.Option(
    "--timeout", metavar="SECONDS", min=0.001,
    help="With --endpoint: the most seconds to wait for the server, and for its whole "
         "answer (default: 120 for query, 600 for load).")]


@contextmanager
def progress_bars() -> Iterator[Callable[[str, int, int], None] | None]:
    """Progress bars for files read and triples validated, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bars:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(f"{stage:>8}", total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield report


def annotate(problems: list[Problem]) -> None:
    """Inside GitHub Actions, also show problems on the pull request."""
    if problems and report.in_github_actions():
        typer.echo(report.github_annotations(problems))


def print_warnings(problems: list[Problem]) -> None:
    """The warnings of fact files being queried or loaded, as ``build`` prints them, on
    stderr (stdout may carry the results, so no GitHub annotations, which go there)."""
    typer.echo(report.format_text(problems), err=True)


def fail(error: DiplokgError) -> typer.Exit:
    """Print what went wrong; the exit code says what kind of failure it was."""
    if isinstance(error, FactProblems):
        typer.echo(report.format_text(error.problems), err=True)
        annotate(error.problems)
    else:
        typer.echo(f"error: {printable(error)}", err=True)
    return typer.Exit(error.exit_code)


def capped_jobs(jobs: int | None) -> int | None:
    """``--jobs``, at most one process per core (more only cost memory), saying so."""
    cores = os.cpu_count() or 1
    if jobs is not None and jobs > cores:
        typer.echo(f"note: --jobs {jobs} capped to {cores}, the number of cores", err=True)
        return cores
    return jobs
