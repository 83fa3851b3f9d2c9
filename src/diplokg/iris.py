"""IRIs: the one check of an IRI that diplokg writes, and the one way to shorten one.

Every IRI diplokg writes (a url in a fact file, --base, a minted id) is checked
when it is read, as strictly as the stores that will load the output parse it
(Oxigraph's RFC 3987 parser, plus the port range that Jena also enforces), so an
output never holds an IRI that a store refuses.

``compact`` writes an IRI as ``prefix:local``; what may follow the prefix depends
on who reads it: Turtle (``TURTLE_LOCAL``), people reading a table (``SHOWN_LOCAL``)
or a problem message (``ANY_LOCAL``).
"""

from __future__ import annotations

import re
import string
import urllib.parse

import pyoxigraph as ox

_PORT = re.compile(r":(\d+)$")
# A local name Turtle reads without escapes (a subset of PN_LOCAL).
TURTLE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_TURTLE_LOCAL_CHARACTERS = string.ascii_letters + string.digits + "_.-"
# For people: slashes and a final dot too (visit:putin-2024-north-korea/event/arrival).
SHOWN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
ANY_LOCAL = re.compile(r".+", re.S)

LongestFirst = list[tuple[str, str]]  # (name, namespace), the longest namespace first


def iri_problem(value: str, web: bool = True) -> str | None:
    """Why ``value`` is not a valid absolute IRI (of http or https if ``web``), or None."""
    try:
        ox.NamedNode(value)
    except ValueError as error:
        return f"not a valid IRI: {error}"
    parts = urllib.parse.urlsplit(value)
    if web and (parts.scheme not in ("http", "https") or not parts.hostname):
        return "not an http:// or https:// IRI with a host"
    port = _PORT.search(parts.netloc)
    if port and int(port.group(1)) > 65535:
        return f"port {port.group(1)} is out of range (at most 65535)"
    return None


def by_length(prefixes: dict[str, str]) -> LongestFirst:
    """``prefixes`` in the order ``compact`` tries them: the longest namespace first."""
    return sorted(prefixes.items(), key=lambda item: -len(item[1]))


def compact(iri: str, prefixes: LongestFirst, local: re.Pattern = TURTLE_LOCAL) -> str | None:
    """``name:rest`` for the longest namespace ``iri`` starts with where the rest is a
    ``local`` name, else None."""
    if local is TURTLE_LOCAL and prefixes and \
            len(iri.rstrip(_TURTLE_LOCAL_CHARACTERS)) > len(prefixes[0][1]):
        return None  # what any namespace leaves holds a character no Turtle name has
    for name, namespace in prefixes:
        if iri.startswith(namespace) and local.fullmatch(iri, len(namespace)):
            return f"{name}:{iri[len(namespace):]}"
    return None
