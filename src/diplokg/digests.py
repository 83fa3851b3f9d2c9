"""Content hashes: cache keys and IRI segments for text that has no slug."""

from __future__ import annotations

import hashlib


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each ended by a NUL so that ("ab", "c") is not ("a", "bc")."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def short_hash(text: str) -> str:
    """Twelve hex digits of SHA-1: an IRI segment for text that has no slug."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
