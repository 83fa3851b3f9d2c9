"""Where each page of the site lives, and what may be linked.

A fact's page is named by its IRI: ``<base>person/vladimir-putin`` is
``person/vladimir-putin.html``.  The folder comes from the node's class, never from the
IRI, and the name is the IRI's last segment only when the IRI is ``<base><folder>/<slug>``
and the slug is lower-case letters and digits joined by hyphens (what fact ids are);
any other IRI (another base, an RDF file made elsewhere, a segment with dots, slashes
or capitals) gets ``_`` and a hash of the whole IRI instead, so no IRI can name a file
outside its folder, hide a file or collide with a fact's id.  Parts of a fact (its
events, offices, claims) are anchors on the fact's page, named the same careful way.

Every page is one folder deep, or at the top (the home page), so a page's links to
others start with ``../`` or nothing (``root``).  Links out of the site are only
``http`` and ``https`` URLs with nothing that could break out of an attribute.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 120

# Page folders by class, for the classes that have pages of their own.
FOLDERS = {
    "Person": "person",
    "State": "state",
    "Organisation": "organisation",
    "Place": "place",
    "Visit": "visit",
    "Agreement": "agreement",
    "Source": "source",
}

# A URL shown as a link must be http(s), with a host, and no characters that are not
# allowed unescaped in a URL (spaces, quotes, angle brackets, controls).
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def hashed(text: str) -> str:
    return "_" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def safe_name(segment: str) -> str:
    """``segment`` if it is a slug, else a hash of it: safe as a file name or anchor."""
    if len(segment) <= MAX_SLUG and SLUG.fullmatch(segment):
        return segment
    return hashed(segment)


def page_name(iri: str, folder: str, base: str) -> str:
    """The file name (no folder) of the page of ``iri``, a node of ``folder``'s class."""
    prefix = f"{base}{folder}/"
    if iri.startswith(prefix):
        rest = iri[len(prefix):]
        if len(rest) <= MAX_SLUG and SLUG.fullmatch(rest):
            return rest
    return hashed(iri)


def page_path(iri: str, folder: str, base: str) -> str:
    return f"{folder}/{page_name(iri, folder, base)}.html"


def anchor(part_iri: str, owner_iri: str) -> str:
    """The anchor of a part of a fact on the fact's page: ``event/arrival`` is
    ``event-arrival``; anything that is not made of slugs is hashed."""
    rest = part_iri[len(owner_iri):].strip("/") if part_iri.startswith(owner_iri + "/") \
        else part_iri
    segments = rest.split("/")
    if all(len(s) <= MAX_SLUG and SLUG.fullmatch(s) for s in segments):
        return "-".join(segments)
    return hashed(part_iri)


def root_of(path: str) -> str:
    """What a page's links to other pages start with: one ``../`` per folder."""
    return "../" * path.count("/")


def external_url(text: str | None) -> str | None:
    """``text`` if it may be a link out of the site (an http or https URL), else None."""
    if not text or len(text) > 2000 or not _URL_CHARACTERS.fullmatch(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return text
