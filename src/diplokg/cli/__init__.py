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

import signal
import threading
from typing import Annotated

import typer

from diplokg import __version__
from diplokg.cli.archive import import_archive
from diplokg.cli.build import build
from diplokg.cli.export import export
from diplokg.cli.load import load
from diplokg.cli.query import query
from diplokg.cli.schema import schema
from diplokg.cli.site import site
from diplokg.cli.validate import validate

app = typer.Typer(
    help="Turn fact files about state visits, leaders and treaties into a validated RDF graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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


# One module per command; the order here is the order of `diplokg --help`.
app.command()(build)
app.command()(validate)
app.command()(schema)
app.command("import")(import_archive)
app.command()(query)
app.command()(load)
app.command()(export)
app.command()(site)
