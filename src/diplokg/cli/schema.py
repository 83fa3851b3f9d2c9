"""`diplokg schema`: the JSON Schema of fact files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from diplokg.build import pipeline
from diplokg.cli.common import fail
from diplokg.errors import DiplokgError
from diplokg.safeio import write_atomic


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
            raise fail(error) from None
