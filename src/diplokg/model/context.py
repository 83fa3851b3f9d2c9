"""The published JSON-LD context, generated from the prefixes the definitions give."""

from __future__ import annotations

import json

from diplokg.model.registry import prefixes
from diplokg.namespaces import DEFAULT_BASE


def context_text() -> str:
    """The project's prefixes and the data prefixes of the default base, sorted."""
    return json.dumps({"@context": dict(sorted(prefixes(DEFAULT_BASE).items()))},
                      indent=2, ensure_ascii=False) + "\n"
