"""`diplokg export`: the graph's visits and signings as the event rows of another field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer

from diplokg.build import pipeline
from diplokg.build.pipeline import check_base
from diplokg.cli.common import Base, Force, StoreDir, fail, print_warnings
from diplokg.cli.query import RDF_FILES
from diplokg.errors import DiplokgError, FactProblems, QueryError
from diplokg.namespaces import DEFAULT_BASE
from diplokg.query import cameo, store
from diplokg.safeio import Outputs
from diplokg.safetext import printable

FORMATS = (cameo.FORMAT,)


def _fact_quads(read: list[Path]):
    """Fact files and folders built into quads as for ``query``, noting every file read
    (source texts too), so that the output can be checked against them."""
    def quads(paths: list[Path], base: str) -> Iterator[ox.Quad]:
        result = pipeline.graph_from_facts(paths, base)
        if not result.conforms:
            raise FactProblems(result.problems)
        if result.problems:
            print_warnings(result.problems)
        read.extend(result.inputs)
        return (ox.Quad(store.to_ox(s), store.to_ox(p), store.to_ox(o))
                for s, p, o in result.triples)
    return quads


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The CSV file to write.")],
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="PATHS",
        help=f"Built RDF files ({RDF_FILES}) or fact files and folders.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="cameo: CAMEO event rows (the only format so far).")
    ] = cameo.FORMAT,
    store_dir: StoreDir = None,
    max_parties: Annotated[int, typer.Option(
        "--max-parties", min=2, metavar="N",
        help="Leave out agreements with more than N parties (they would give N*(N-1) "
             "rows).")] = cameo.MAX_PARTIES,
    base: Base = DEFAULT_BASE,
    force: Force = False,
) -> None:
    """Write the graph's visits and signings as CAMEO event rows (CSV).

    A visit that took place gives two rows, 042 "Make a visit" from the
    visiting state to the destination and 043 "Host a visit" back; a signed
    agreement gives 057 "Sign formal agreement" for each pair of parties,
    both ways.  States are coded as CAMEO codes them (ISO 3166 alpha-3,
    USR for the Soviet Union ...).  The data are RDF or fact files, or an
    on-disk --store.  What is left out, and why, is counted on stderr.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        check_base(base)
        paths = [Path(p) for p in paths or ()]
        if bool(paths) == (store_dir is not None):
            raise QueryError("give the data to export: RDF or fact files, or --store DIR "
                             "(one of them)")
        Outputs(paths, force).check(output)  # before the work: never over an input
        read: list[Path] = []
        data = (store.open_store(store_dir) if store_dir is not None
                else store.memory_store(paths, base, _fact_quads(read)))
        result = cameo.export(data, base, max_parties)
        cameo.write(result, output, [*paths, *read], force)
    except DiplokgError as error:
        raise fail(error) from None
    typer.echo(f"wrote {printable(output)}: {printable(result.summary())}", err=True)
