"""Reading an archive's files safely, the same way for every importer.

An archive may be hostile: a file may be a symbolic link, a device, far too big,
or XML with entity declarations (how XML makes entity bombs and reads other files
or URLs).  These are refused here, each with an ArchiveError naming the file.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from diplokg.errors import ArchiveError


def read_regular(path: Path, max_bytes: int, what: str) -> bytes:
    """The bytes of a regular file (no symbolic link) of at most ``max_bytes``; ``what``
    says why a bigger one is refused ("the table is far smaller")."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise ArchiveError(f"{path}: cannot read: {error.strerror or error}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ArchiveError(f"{path}: not a regular file")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArchiveError(f"{path}: larger than {max_bytes // (1024 * 1024)} MiB; {what}")
    return data


class NoDoctype(ET.TreeBuilder):
    """Builds the tree, but stops at a DOCTYPE: the archives have none, and entity
    declarations are refused."""

    def doctype(self, name: str, pubid: str, system: str) -> None:
        raise Doctype


class Doctype(Exception):
    pass


def parse_xml(path: Path, data: bytes | None = None) -> ET.Element:
    """The root element of an XML file (or of its ``data``, already read)."""
    parser = ET.XMLParser(target=NoDoctype())
    try:
        if data is None:
            return ET.parse(path, parser=parser).getroot()
        parser.feed(data)
        return parser.close()
    except Doctype:
        raise ArchiveError(f"{path}: has a DOCTYPE; the archive's files have none, and "
                           "entity declarations are refused") from None
    except (ET.ParseError, ValueError, LookupError) as error:  # the last two: its encoding
        raise ArchiveError(f"{path}: not valid XML: {error}") from None
    except OSError as error:
        raise ArchiveError(f"{path}: cannot read: {error.strerror or error}") from None


def is_day(text: str) -> bool:
    """Whether ``text`` is a real day written YYYY-MM-DD."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def cut(text: str) -> str:
    """A value for a message: quoted, and cut short if it is long."""
    return repr(text if len(text) <= 40 else text[:40] + "...")
