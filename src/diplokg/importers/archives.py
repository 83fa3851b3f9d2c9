"""The archives ``diplokg import`` knows, and which one a folder holds.

A folder is recognised by its files, never by its name: the visits archive by its
decade XML files (``data/*.xml``), the WIPO treaty membership table by a CSV file in
``data/`` whose header is the table's columns, the travels abroad of Presidents and
Secretaries of State by their folders of XML files (``data/president-travels/``,
``data/secretary-travels/``).
"""

from __future__ import annotations

from pathlib import Path

from diplokg.errors import ArchiveError, UsageError
from diplokg.importers import travels, treaties

VISITS = "visits"
WIPO_TREATIES = "wipo-treaties"
TRAVELS = "travels"
KINDS = {
    VISITS: "the archive of visits by foreign leaders to the United States (decade XML "
            "files in data/)",
    WIPO_TREATIES: "the WIPO treaty membership table (a CSV file in data/ with the columns "
                   + ", ".join(treaties.COLUMNS) + ")",
    TRAVELS: "the archive of travels abroad of U.S. Presidents and Secretaries of State "
             "(XML files in data/president-travels/ or data/secretary-travels/)",
}


def _visits(folder: Path) -> bool:
    data = folder / "data"
    return data.is_dir() and any(data.glob("*.xml"))


def detect(folder: Path) -> str:
    """The kind of archive in ``folder``: ArchiveError (exit 3) if it holds none that
    diplokg imports, UsageError (exit 2) if it holds two and the kind must be named."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "no such folder"
        raise ArchiveError(f"{folder}: {what}")
    found = [kind for kind, recognise in ((VISITS, _visits),
                                          (WIPO_TREATIES, treaties.recognises),
                                          (TRAVELS, travels.recognises))
             if recognise(folder)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"{folder}: holds both {KINDS[found[0]]} and {KINDS[found[1]]}; "
                         f"name the one to import with --kind {found[0]} or --kind "
                         f"{found[1]}")
    raise ArchiveError(f"{folder}: not an archive diplokg import knows; it looks for "
                       + " or ".join(KINDS.values()))
