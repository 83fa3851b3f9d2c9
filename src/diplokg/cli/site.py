"""`diplokg site`: a browsable static site of the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplokg.cli.common import Base, Strict, annotate, fail, print_warnings
from diplokg.cli.query import RDF_FILES
from diplokg.errors import DiplokgError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.safetext import printable
from diplokg.site import make_site


def site(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATHS", help=f"Fact files and folders, or built RDF files ({RDF_FILES}).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The folder to write the site into (new, empty, or an "
        "earlier site, which is replaced whole).")],
    base: Base = DEFAULT_BASE,
    strict: Strict = False,
) -> None:
    """Write the graph as a static site: a page per person, state, visit, agreement,
    place and source, with every value's sources and quotes, pictures, a search, and the
    ontology's documentation.

    Open OUTPUT/index.html in a browser, from disk or served: the site needs no server
    and nothing from the network.  Fact files are built in memory and must pass as for
    `build` (nothing else is written).  The same facts always give the same bytes.
    """
    try:
        result = make_site(paths, output, base=base, strict=strict)
    except DiplokgError as error:
        raise fail(error) from None
    if result.warnings:
        print_warnings(result.warnings)
        annotate(result.warnings)
    typer.echo(f"wrote {printable(output)}: {printable(result.summary())}", err=True)
