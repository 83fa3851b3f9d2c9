"""The one check of an IRI that diplokg writes: a url in a fact file, --base, a minted id.

Every IRI is checked when it is read, as strictly as the stores that will load
the output parse it (Oxigraph's RFC 3987 parser, plus the port range that Jena
also enforces), so an output never holds an IRI that a store refuses.
"""

from __future__ import annotations

import re
import urllib.parse

import pyoxigraph as ox

_PORT = re.compile(r":(\d+)$")


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
