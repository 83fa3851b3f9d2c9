"""`diplokg import`: an archive of public records to fact files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from diplokg.cli.common import fail
from diplokg.errors import DiplokgError
from diplokg.safetext import printable


class ArchiveKind(str, Enum):
    visits = "visits"
    wipo_treaties = "wipo-treaties"
    travels = "travels"


def import_archive(
    data: Annotated[Path, typer.Argument(
        help="The archive folder: the visits archive (decade XML files in data/), the "
        "WIPO treaty membership table (its CSV file in data/) or the travels abroad of "
        "Presidents and Secretaries of State (data/president-travels/ ...).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Folder for the fact files: new, empty, or an earlier "
        "import, which is replaced whole.")],
    registry: Annotated[list[Path] | None, typer.Option(
        "--registry", metavar="PATH", help="A fact file or folder whose persons, states and "
        "organisations are already declared: they are referred to, not written again, "
        "and the people trip remarks name are found among its persons. Repeatable.")
    ] = None,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write the import's report as JSON: what was read, written "
        "and left out, with every unresolved name and its candidates.")] = None,
    kind: Annotated[ArchiveKind | None, typer.Option(
        "--kind", help="The kind of archive, when it is not to be recognised from the "
        "folder's files.")] = None,
) -> None:
    """Import an archive as fact files: the visits by foreign leaders to the United
    States, the WIPO treaty membership table, or the travels abroad of U.S.
    Presidents and Secretaries of State.

    The kind of archive is recognised from the folder's files (or named with
    --kind); a folder that holds neither is an error (exit 3).  The files are
    written into a new folder beside OUTPUT, which takes the place of OUTPUT
    only when all are complete: a failed import leaves OUTPUT as it was.
    OUTPUT is replaced whole, so files of an earlier import that this one does
    not write again are gone; a folder that holds anything but the fact files
    an import writes is refused (exit 3), never emptied.
    """
    from diplokg.importers import archives  # only this command needs the importers

    registry = registry or []
    try:
        chosen = kind.value if kind is not None else archives.detect(data)
        if chosen == archives.WIPO_TREATIES:
            summary = _import_treaties(data, output, registry)
        elif chosen == archives.TRAVELS:
            summary = _import_travels(data, output, registry)
        else:
            summary = _import_visits(data, output, registry)
        if report is not None:
            _write_report(report, chosen, summary, [data, *registry])
    except DiplokgError as error:
        raise fail(error) from None


def _write_report(path: Path, kind: str, summary, inputs: list[Path]) -> None:
    """The summary as JSON, written whole or not at all, never over an input."""
    import dataclasses
    import json

    from diplokg.safeio import write_atomic

    content = {"archive": kind, **dataclasses.asdict(summary)}
    write_atomic(path, [json.dumps(content, indent=1, ensure_ascii=False, sort_keys=True),
                        "\n"], inputs=inputs, what="import report")
    typer.echo(f"wrote the import report {printable(path)}", err=True)


def _replaced(summary) -> str:
    return " (the earlier import there was replaced)" if summary.replaced else ""


def _import_visits(data: Path, output: Path, registry: list[Path]):
    from diplokg.importers.visits import import_visits_archive

    summary = import_visits_archive(data, output, registry)
    typer.echo(f"imported {summary.records} records: {summary.visits} visits, "
               f"{summary.persons} persons, {summary.states} states "
               f"({summary.registry_persons} persons and {summary.registry_states} states "
               f"from the registry), {summary.agreements} agreements signed during visits "
               f"({sum(summary.signings_unread.values())} signings in descriptions not "
               f"imported) into {len(summary.files)} files in "
               f"{printable(output)}{_replaced(summary)}", err=True)
    left = {(text, state) for _, text, state, *_ in summary.surnames_left}
    typer.echo(f"surnames only: {summary.surnames_resolved} records resolved to a full "
               f"name; {len(summary.surnames_left)} records ({len(left)} names) left "
               f"apart though a person of that name is known (--report lists them); "
               f"{summary.namesakes} later namesakes kept apart", err=True)
    return summary


def _import_treaties(data: Path, output: Path, registry: list[Path]):
    from diplokg.importers.treaties import import_treaty_table

    summary = import_treaty_table(data, output, registry)
    for line in summary.problems():
        typer.echo(printable(line), err=True)
    instruments = ", ".join(f"{count} {kind}" for kind, count in
                            sorted(summary.instruments.items(), key=lambda kc: (-kc[1], kc[0])))
    typer.echo(f"imported {summary.rows} rows: {summary.treaties} treaties, "
               f"{summary.parties} parties ({summary.states} states and "
               f"{summary.organisations} organisations written, {summary.registry_states} "
               f"states and {summary.registry_organisations} organisations from the "
               f"registry), {summary.signatures} signatures, "
               f"{sum(summary.instruments.values())} instruments ({instruments or 'none'}), "
               f"{summary.entries_into_force} entries into force ({summary.retroactive} "
               f"before their instrument, {summary.force_without_instrument} without one); "
               f"not matched: {len(summary.unmatched_parties)} parties, "
               f"{len(summary.unmatched_treaties)} treaties; into {len(summary.files)} files "
               f"in {printable(output)}{_replaced(summary)}", err=True)
    return summary


def _import_travels(data: Path, output: Path, registry: list[Path]):
    from diplokg.importers.travels import import_travels_archive

    summary = import_travels_archive(data, output, registry)
    for line in summary.problems():
        typer.echo(printable(line), err=True)
    roles = ", ".join(f"{count} {role}" for role, count in summary.by_role.items())
    typer.echo(f"imported {summary.records} trip records ({roles}): {summary.visits} "
               f"visits ({summary.multilateral} multilateral), {summary.persons} persons, "
               f"{summary.states} states, {summary.places} places "
               f"({summary.registry_persons} persons and {summary.registry_states} states "
               f"from the registry); {len(summary.outside_terms)} trips outside the "
               f"traveller's terms, {len(summary.not_states)} records not imported; into "
               f"{len(summary.files)} files in {printable(output)}{_replaced(summary)}",
               err=True)
    typer.echo(f"people met: {summary.met} named with a title, {summary.hosts} resolved "
               f"hosts, {summary.participants} resolved others met, "
               f"{len(summary.unresolved)} not resolved (--report lists them with their "
               f"candidates); {summary.journeys} journeys of {summary.legs} legs", err=True)
    return summary
