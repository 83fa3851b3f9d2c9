"""`diplokg validate`: check fact files, or an RDF file, and report in a chosen format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplokg import __version__
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
from diplokg.errors import DiplokgError, FactProblems
from diplokg.limits import DEFAULT
from diplokg.namespaces import DEFAULT_BASE
from diplokg.problems import count, summary
from diplokg.rdf.serialize import serialize
from diplokg.report import formats as report
from diplokg.report.formats import REPORT_FORMATS, format_text
from diplokg.safeio import Outputs, write_atomic


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
        with progress_bars() as progress:
            result = pipeline.validate(paths, base=base, extra_shapes=tuple(shapes or ()),
                                       jobs=capped_jobs(jobs), cache=store, progress=progress,
                                       limits=limits)
    except FactProblems as error:
        # read errors: report them in the chosen format too, so CI gets them all
        result = pipeline.BuildResult(None, problems=error.problems)
    except DiplokgError as error:
        raise fail(error) from None
    text = _render(result, fmt)
    if output is None:
        typer.echo(text)
    else:
        try:
            write_atomic(output, [text], [*paths, *result.inputs], force, "report")
        except DiplokgError as error:
            raise fail(error) from None
        typer.echo(summary(result.problems), err=True)
    annotate(result.problems)
    if not result.passes(strict):
        raise typer.Exit(1)
