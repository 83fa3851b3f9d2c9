"""A state (or a state that no longer exists, such as the Soviet Union)."""

from __future__ import annotations

from diplokg.model.fields import boolean, refs, text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import COMMON, WIKIDATA_FIELD, aliases, label
from diplokg.namespaces import DK

STATE = Kind(
    "state", DK.State, section="states", example="north-korea", named=True, label="state",
    shape_prefix="State",
    fields=(
        *COMMON,
        label("name"),
        aliases(),
        text("iso", DK.isoCode, schema={"pattern": "^[A-Z]{2}$"},
             hint="an ISO 3166-1 alpha-2 code is two capital letters, e.g. KP",
             message="an ISO 3166-1 code is one value of two capital letters",
             fix="set `iso:` to the alpha-2 code, e.g. KP"),
        boolean("historical", DK.historical,
                description="The state no longer exists, e.g. the Soviet Union.",
                message="historical must be true or false",
                fix="write `historical: true` for a state that no longer exists"),
        refs("succeeds", DK.succeeds, "state", order="succeeds",
             description="States this one succeeded.",
             message="a state can only succeed a state",
             fix="list ids of states under `succeeds:`"),
        WIKIDATA_FIELD,
    ),
)
