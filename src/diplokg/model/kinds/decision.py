"""A decision: a person's word on a field the sources disagree about.

Sources disagree (one dates a landing to the 19th, another to the 20th), and a
policy picks a preferred value, but only a person can say that the pick is right.
A decision names the fact and the field, as the warning does, and either

- prefers one claimed value over the others it lists (``prefer`` and ``over``), or
- accepts that the sources disagree on the values it lists (``accept``), leaving the
  policy's pick;

with who decided and why.  It settles the warning for exactly those values: a
claim of any other value is a new disagreement, and warns again.
"""

from __future__ import annotations

from diplokg.model.fields import date, names, ref, text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import DATE_SHAPE_FIX, ID_FIELD, NOTE
from diplokg.namespaces import DK

DECISION = Kind(
    "decision", DK.Decision, section="decisions", example="putin-2024-vietnam-start",
    common=False, label="decision", shape_prefix="Decision",
    fields=(
        ID_FIELD,
        ref("fact", DK.decisionAbout, "source", "person", "state", "place", "visit",
            "agreement", required=True, description="The fact decided about (an id or name).",
            message="a decision is about exactly one fact",
            fix="set `fact:` to the id of the fact the warning names"),
        text("field", DK.decisionField, required=True,
             description="The field, as the warning names it: start, or events[arrival].start "
             "for a field of a nested entry.",
             message="a decision is about exactly one field",
             fix="set `field:` to the field the warning names"),
        text("prefer", DK.preferredValue,
             description="The claimed value to prefer, as written in the fact files."),
        names("over", DK.setAsideValue,
              description="The other claimed values, set aside (not deleted: they stay as "
              "claims)."),
        names("accept", DK.acceptedValue,
              description="Instead of prefer: the claimed values the sources really disagree "
              "on; the policy's pick stands."),
        text("by", DK.decidedBy, required=True, description="Who decided.",
             message="a decision says who made it", fix="set `by:` to your name"),
        text("why", DK.reason, required=True, description="Why, for the next reader.",
             message="a decision says why", fix="set `why:` to the reason"),
        date("decided", DK.decisionDate, description="When it was decided.",
             message="decided must be one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        NOTE,
    ),
)
