"""The diplokg command: arguments in, one library call, report and exit code out.

Exit codes, the same for every command:
  0  the facts conform (warnings allowed unless --strict)
  1  problems found in the facts (SHACL violations, unknown ids, bad dates, quotes
     not in the source, unknown keys ...)
  2  usage error (unknown option, bad base IRI)
  3  a file cannot be read or written (missing file, not valid YAML, JSON or RDF,
     shapes that are not valid SHACL, an output folder that is not writable)
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
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

from . import __version__, pipeline, report
from .cache import Cache
from .cli_query import load, query
from .errors import DiplokgError, FactProblems
from .limits import DEFAULT, Limits
from .namespaces import DEFAULT_BASE
from .problems import WARNING, Problem, count, summary
from .report import REPORT_FORMATS, format_text
from .safeio import Outputs, write_atomic
from .safetext import printable
from .serialize import GRAPH_FORMATS, serialize

app = typer.Typer(
    help="Turn fact files about state visits, leaders and treaties into a validated RDF graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"diplokg {__version__}")
        raise typer.Exit()


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a CI job cancelled) ends the command like Ctrl-C: temporary files go."""
    raise SystemExit(128 + signum)


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """diplokg: fact files in, validated RDF out."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


@contextmanager
def _progress() -> Iterator[pipeline.Progress | None]:
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


def _annotate(problems: list[Problem]) -> None:
    """Inside GitHub Actions, also show problems on the pull request."""
    if problems and report.in_github_actions():
        typer.echo(report.github_annotations(problems))


def _fail(error: DiplokgError) -> typer.Exit:
    if isinstance(error, FactProblems):
        typer.echo(format_text(error.problems), err=True)
        _annotate(error.problems)
    else:
        typer.echo(f"error: {printable(error)}", err=True)
    return typer.Exit(error.exit_code)


def _jobs(jobs: int | None) -> int | None:
    """``--jobs``, at most one process per core (more only cost memory), saying so."""
    cores = os.cpu_count() or 1
    if jobs is not None and jobs > cores:
        typer.echo(f"note: --jobs {jobs} capped to {cores}, the number of cores", err=True)
        return cores
    return jobs


def _render(result: pipeline.BuildResult, fmt: str) -> str:
    problems = result.problems
    if fmt == "json":
        return report.format_json(problems)
    if fmt == "junit":
        return report.format_junit(problems, result.checked)
    if fmt == "sarif":
        return report.format_sarif(problems, __version__)
    if fmt == "turtle":
        return "\n".join(serialize(report.report_graph(problems), "turtle", DEFAULT_BASE))
    return format_text(problems) + ("" if count(problems, "violation") else "\nconforms")


@app.command()
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
) -> None:
    """Read, map and validate fact files, then write the graph. Writes nothing on a violation.

    The graph and the merge report are written together or not at all, and never
    over a file that was read (a fact file, a source text).
    """
    if fmt not in GRAPH_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(GRAPH_FORMATS)}",
                                 param_hint="--format")
    try:
        limits = DEFAULT.with_settings(limit or [])
        store = Cache(cache) if cache else None
        with _progress() as progress:
            result = pipeline.build(paths, output, base=base, fmt=fmt, strict=strict,
                                    jobs=_jobs(jobs), cache=store, progress=progress,
                                    merge_report=merge_report, limits=limits, force=force)
    except DiplokgError as error:
        raise _fail(error) from None
    if result.problems:
        typer.echo(format_text(result.problems), err=True)
        _annotate(result.problems)
    typer.echo(printable(result.merged.summary()), err=True)
    if store is not None:
        store.prune()
        typer.echo(store.summary(), err=True)
    typer.echo(f"wrote {printable(output)}: {len(result)} triples, "
               f"{count(result.problems, WARNING)} warning(s)", err=True)


@app.command()
def validate(
    paths: Paths,
    base: Base = DEFAULT_BASE,
    strict: Strict = False,
    shapes: Annotated[list[Path] | None, typer.Option(
        "--shapes", help="A Turtle file of your own SHACL shapes, run with diplokg's.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help=f"Report format: {', '.join(REPORT_FORMATS)}.")] = "text",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file, not stdout.")] = None,
    cache: Cache_ = None,
    jobs: Jobs = None,
    limit: Limit = None,
    force: Force = False,
) -> None:
    """Check fact files, or one RDF file (Turtle, N-Triples, JSON-LD ...), against the shapes.

    Inside GitHub Actions (GITHUB_ACTIONS=true) problems are also printed as
    workflow annotations, whatever the format.
    """
    if fmt not in REPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(REPORT_FORMATS)}",
                                 param_hint="--format")
    try:
        limits = DEFAULT.with_settings(limit or [])
        store = Cache(cache) if cache else None
        if output is not None:  # before the work: an output over an input is refused
            Outputs([*paths, *(shapes or ())], force).check(output, "report")
        with _progress() as progress:
            result = pipeline.validate(paths, base=base, extra_shapes=tuple(shapes or ()),
                                       jobs=_jobs(jobs), cache=store, progress=progress,
                                       limits=limits)
    except FactProblems as error:
        # read errors: report them in the chosen format too, so CI gets them all
        result = pipeline.BuildResult(None, problems=error.problems)
    except DiplokgError as error:
        raise _fail(error) from None
    text = _render(result, fmt)
    if output is None:
        typer.echo(text)
    else:
        try:
            write_atomic(output, [text], [*paths, *result.inputs], force, "report")
        except DiplokgError as error:
            raise _fail(error) from None
        typer.echo(summary(result.problems), err=True)
    _annotate(result.problems)
    if not result.passes(strict):
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file, not stdout.")] = None,
) -> None:
    """Print the JSON Schema of the fact-file format."""
    text = pipeline.schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(output, [text.rstrip("\n")])
        except DiplokgError as error:
            raise _fail(error) from None


@app.command("import")
def import_archive(
    data: Annotated[Path, typer.Argument(help="The archive folder: decade XML files in data/.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Folder for the fact files: new, empty, or an earlier "
        "import, which is replaced whole.")],
    registry: Annotated[Path | None, typer.Option(
        "--registry", help="A fact file whose persons and states are already declared: "
        "they are referred to, not written again.")] = None,
) -> None:
    """Import the archive of visits by foreign leaders to the United States as fact files.

    The files are written into a new folder beside OUTPUT, which takes the
    place of OUTPUT only when all are complete: a failed import leaves OUTPUT
    as it was.  OUTPUT is replaced whole, so files of an earlier import that
    this one does not write again are gone; a folder that holds anything but
    the fact files an import writes is refused (exit 3), never emptied.
    """
    from .importer import import_visits_archive  # only this command needs it

    try:
        summary = import_visits_archive(data, output, registry)
    except DiplokgError as error:
        raise _fail(error) from None
    replaced = " (the earlier import there was replaced)" if summary.replaced else ""
    typer.echo(f"imported {summary.records} records: {summary.visits} visits, "
               f"{summary.persons} persons, {summary.states} states "
               f"({summary.registry_persons} persons and {summary.registry_states} states "
               f"from the registry) into {len(summary.files)} files in "
               f"{printable(output)}{replaced}", err=True)


app.command()(query)
app.command()(load)


if __name__ == "__main__":  # pragma: no cover
    app()
