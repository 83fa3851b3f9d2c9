"""An international organisation that can be party to an agreement (the European Union)."""

from __future__ import annotations

from diplokg.model.fields import text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import COMMON, WIKIDATA_FIELD, aliases, label
from diplokg.namespaces import DK

ORGANISATION = Kind(
    "organisation", DK.Organisation, section="organisations", example="european-union",
    named=True, label="organisation", shape_prefix="Organisation",
    fields=(
        *COMMON,
        label("name"),
        aliases(description="Other names, spellings and acronyms (EU)."),
        text("acronym", DK.acronym, description="The usual acronym, e.g. EU or OAPI."),
        WIKIDATA_FIELD,
    ),
)
