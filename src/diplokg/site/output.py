"""Writing the site: into a new folder beside ``-o``, which takes its place when complete.

A failed or interrupted build (a violation, a full disk, Ctrl-C) leaves an earlier site
as it was and nothing half-written.  The output folder is replaced whole, so it must be
new, empty, or an earlier site, which says so by the marker file every site has at its
top (``MARKER``): a folder that holds anything else is refused and left untouched, and
so is a symbolic link.  Files are written only at the relative paths the site makes
(lower-case names, one folder deep), never through a name taken from the data as is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diplokg.errors import OutputError
from diplokg.safeio import replacing_folder
from diplokg.safetext import printable

MARKER = ".diplokg-site"
MARKER_TEXT = ("This folder is a site written by `diplokg site`. The next `diplokg site -o` "
               "into it replaces it whole.\n")
_SAFE_PATH = re.compile(r"(?:[a-z0-9][a-z0-9_.-]*/)?[a-z0-9_][a-z0-9_.-]*|\.diplokg-site")


def is_site(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        with open(marker, encoding="utf-8", errors="replace") as handle:
            return handle.read(len(MARKER_TEXT)) == MARKER_TEXT
    except OSError:
        return False


def check_replaceable(out_dir: Path) -> bool:
    """Refuse an output folder the site may not replace; return whether it holds an
    earlier site."""
    if out_dir.is_symlink():
        raise OutputError(f"{printable(out_dir)}: is a symbolic link; give the path of a folder")
    if not out_dir.exists():
        return False
    if not out_dir.is_dir():
        raise OutputError(f"{printable(out_dir)}: is not a folder")
    try:
        names = os.listdir(out_dir)
    except OSError as error:
        raise OutputError(f"{printable(out_dir)}: cannot read: "
                          f"{printable(error.strerror or error)}") from None
    if not names:
        return False
    if is_site(out_dir):
        return True
    raise OutputError(
        f"{printable(out_dir)}: holds files that are not a site diplokg wrote (no "
        f"{MARKER} file); the site replaces the whole folder, so give a new or empty "
        "folder, or an earlier site's")


class Writer:
    """Writes the files of one site into its new folder, counting them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files = 0
        self.bytes = 0
        self._made: set[str] = set()

    def write(self, path: str, text: str) -> None:
        if not _SAFE_PATH.fullmatch(path) or ".." in path.split("/"):
            raise OutputError(f"refusing to write a file at {printable(path)}")
        parent = path.rpartition("/")[0]
        if parent and parent not in self._made:
            (self.folder / parent).mkdir(exist_ok=True)
            self._made.add(parent)
        data = text.encode("utf-8")
        with open(self.folder / path, "xb") as out:  # a path written twice is a bug
            out.write(data)
        self.files += 1
        self.bytes += len(data)


@contextmanager
def replacing(out_dir: Path) -> Iterator[Writer]:
    """A Writer into a new folder beside ``out_dir``, which takes the place of
    ``out_dir`` (checked by ``check_replaceable``) when the block ends without an error;
    the new folder is removed otherwise.  OSError becomes OutputError."""
    check_replaceable(out_dir)
    with replacing_folder(out_dir, "site") as new:
        writer = Writer(new)
        writer.write(MARKER, MARKER_TEXT)
        yield writer
