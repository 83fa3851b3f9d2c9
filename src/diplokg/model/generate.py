"""Write the artefacts generated from the kind definitions: the JSON Schema of fact files,
the JSON-LD context and the per-field shapes.  Run ``python -m diplokg.model.generate``
after changing a definition, and commit what it writes; ``--check`` only compares, and
fails if a committed file is out of date (the tests run the same comparison).
"""

from __future__ import annotations

import sys
from pathlib import Path

from diplokg.model.context import context_text
from diplokg.model.schema import schema_text
from diplokg.model.shapes import FILE_NAME, shapes_text

PACKAGE = Path(__file__).resolve().parents[1]
REPO = PACKAGE.parents[1]


def artefacts() -> dict[Path, str]:
    """Each generated file (in the source tree) and the text it must hold."""
    return {
        PACKAGE / "facts.schema.json": schema_text(),
        PACKAGE / "context.jsonld": context_text(),
        REPO / "shapes" / FILE_NAME: shapes_text(),
    }


def main(argv: list[str]) -> int:
    stale = [path for path, text in artefacts().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path}: out of date; run python -m diplokg.model.generate", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(artefacts()[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
