"""A person, the offices they held and their relatives."""

from __future__ import annotations

from diplokg.digests import short_hash
from diplokg.model.fields import ALIAS, RELATION, Field, nested, ref, text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import (
    COMMON,
    END,
    ITEM_EVIDENCE,
    ITEM_ID,
    NOTE,
    START,
    WIKIDATA_FIELD,
    aliases,
    dates_overlap,
    label,
)
from diplokg.names import normalise_name, slug
from diplokg.namespaces import DK


def office_segment(office: dict) -> str:
    """<state>-<title>[-<start>]: an office's IRI segment, from what it says."""
    title = slug(office["title"]) or short_hash(office["title"])
    return "-".join([office["state"], title, *([office["start"]] if "start" in office else [])])


def same_office(a: dict, b: dict) -> bool:
    """Two sources' offices of one person are one: the same title (compared without case,
    accents or punctuation) and state, and dates that overlap ("since 2000" and "since
    2000-05")."""
    return a["state"] == b["state"] and dates_overlap(a, b) and \
        normalise_name(a["title"]) == normalise_name(b["title"])


OFFICE = Kind(
    "office", DK.OfficeHolding, label="office", shape_prefix="Office", common=False,
    item_segment=office_segment, same=same_office, identity="title, state and dates",
    fields=(
        ITEM_ID,
        text("title", DK.officeTitle, required=True, combine=ALIAS,
             description="The office, e.g. President of Russia.",
             message="an office needs exactly one title", fix="set `title:`, e.g. President of "
             "Russia"),
        ref("state", DK.officeState, "state", required=True,
            message="an office needs exactly one state, and it must be a state",
            fix="set `state:` to the id of an entry under `states:`"),
        START,
        END,
        # a leader may return after their successor (A, then B, then A again): a cycle of
        # persons is fine, only holding an office after oneself is not
        ref("predecessor", DK.predecessor, "person", order="succeeds in office", only_self=True,
            description="The person who held this office before.",
            message="a predecessor must be a person", fix="set `predecessor:` to the id of a "
            "person"),
        ITEM_EVIDENCE,
        NOTE,
    ),
)

RELATIONS = ("parent", "child", "grandparent", "grandchild", "sibling", "spouse")
RELATIVE = Kind(
    "relative", DK.Person, label="relative", shape_prefix="Relative", common=False,
    fields=(
        Field("relation", RELATION, required=True, values=RELATIONS,
              relation_props=tuple(DK[r] for r in RELATIONS),
              description="What the other person is to this one: parent means the other "
              "person is a parent of this one."),
        # parents and grandparents are ancestors; diplokg.merge folds children in
        ref("person", None, "person", required=True, direct=False, order="descends from"),
        ITEM_EVIDENCE,
    ),
)

PERSON = Kind(
    "person", DK.Person, section="persons", example="vladimir-putin", named=True,
    label="person", shape_prefix="Person",
    fields=(
        *COMMON,
        label("name"),
        aliases(description="Other names and spellings."),
        WIKIDATA_FIELD,
        nested("offices", DK.holdsOffice, "office",
               message="an office must be an office holding",
               fix="list offices under `offices:` with `title:` and `state:`"),
        nested("relatives", None, "relative", message="a relative must be a person",
               fix="set `person:` of the relative to the id of a person"),
    ),
)
