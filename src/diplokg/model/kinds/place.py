"""A place: a city, a venue, a guest house ..."""

from __future__ import annotations

from diplokg.model.fields import concept, ref
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import COMMON, WIKIDATA_FIELD, aliases, label
from diplokg.namespaces import DK

PLACE_KINDS = ("city", "region", "venue", "square", "building", "guest-house", "airport",
               "railway-station")

PLACE = Kind(
    "place", DK.Place, section="places", example="pyongyang", named=True, label="place",
    shape_prefix="Place",
    fields=(
        *COMMON,
        label("name"),
        aliases(),
        concept("kind", DK.placeKind, "place-kind", PLACE_KINDS, required=True,
                message="a place needs exactly one kind from the place-kind list",
                fix="set `kind:` to one of " + ", ".join(PLACE_KINDS)),
        ref("located_in", DK.locatedIn, "place", "state", order="is located in",
            description="The place or state this place lies in.",
            message="a place lies in at most one place or state, and it must be a place or a "
            "state", fix="set `located_in:` to the id of a place or a state"),
        ref("capital_of", DK.capitalOf, "state", description="The state whose capital this is.",
            message="capital_of must name one state",
            fix="set `capital_of:` to the id of a state"),
        WIKIDATA_FIELD,
    ),
)
