"""`diplokg import`: an archive of public records to fact files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplokg.cli.common import fail
from diplokg.errors import DiplokgError
from diplokg.safetext import printable


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
    from diplokg.importers.visits import import_visits_archive  # only this command needs it

    try:
        summary = import_visits_archive(data, output, registry)
    except DiplokgError as error:
        raise fail(error) from None
    replaced = " (the earlier import there was replaced)" if summary.replaced else ""
    typer.echo(f"imported {summary.records} records: {summary.visits} visits, "
               f"{summary.persons} persons, {summary.states} states "
               f"({summary.registry_persons} persons and {summary.registry_states} states "
               f"from the registry) into {len(summary.files)} files in "
               f"{printable(output)}{replaced}", err=True)
