"""A visit, its events, and when two sources' visits are one visit."""

from __future__ import annotations

from datetime import date

from diplokg.model.dates import PartialDate
from diplokg.model.fields import ALIAS, DURATION, Field, concept, nested, ref, refs, text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import (
    COMMON,
    END,
    ITEM_EVIDENCE,
    ITEM_ID,
    NOTE,
    START,
    aliases,
    dates_overlap,
)
from diplokg.namespaces import DK, RDFS

VISIT_KINDS = ("state", "official", "official-working", "working", "private", "multilateral")
VISIT_STATUSES = ("took-place", "planned", "invited", "cancelled", "postponed")
# The life cycle of a visit: invited, then planned (or postponed), then it took place or
# was cancelled.
VISIT_STAGES = (("invited",), ("planned", "postponed"), ("took-place", "cancelled"))
TRAVEL_MODES = ("air", "rail", "road", "sea")
# An event may be announced before it happens ("talks are scheduled for noon").
EVENT_STATUSES = ("took-place", "planned", "cancelled")
EVENT_STAGES = (("planned",), ("took-place", "cancelled"))
EVENT_KINDS = ("arrival", "welcome-ceremony", "talks", "meeting", "motorcade", "banquet",
               "signing-ceremony", "press-conference", "wreath-laying", "stay", "departure")


def _span(data: dict) -> tuple[str, str] | None:
    if "start" not in data:
        return None
    start = PartialDate.parse(data["start"])
    end = PartialDate.parse(data["end"]) if "end" in data else start
    return start.earliest, end.latest


def same_visit(a: dict, b: dict) -> bool:
    """Two sources' visits are one visit: same visitors and destination, dates that overlap.

    Dates overlap given their precision (a visit in "2000" overlaps one on
    2000-06-19).  Visits from the same source are never merged this way: one
    source listing two visits means two visits.  Undated visits are merged only
    by `same_as`.  Only visits with the same ``visit_key`` are compared.
    """
    if a["source"] == b["source"]:
        return False
    span_a, span_b = _span(a), _span(b)
    return span_a is not None and span_b is not None and \
        span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


NEAR_DAYS = 3  # visits this many days apart or fewer are probably one, reported differently


def near_visit(a: dict, b: dict) -> bool:
    """Dates that do not overlap but lie within NEAR_DAYS of each other: one report may
    date the arrival by one time zone and another by the next day's (see same_visit)."""
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return False
    first, second = sorted([span_a, span_b])
    if first[1] >= second[0]:
        return False  # they overlap: same_visit decides
    gap = date.fromisoformat(second[0]) - date.fromisoformat(first[1])
    return gap.days <= NEAR_DAYS


def same_event(a: dict, b: dict) -> bool:
    """Two sources' events of one visit are one event: the same kind, dates that overlap,
    the same place and participants where both give them (one may name fewer people)."""
    if a["kind"] != b["kind"] or not dates_overlap(a, b):
        return False
    if "place" in a and "place" in b and a["place"] != b["place"]:
        return False
    people_a, people_b = set(a.get("participants", [])), set(b.get("participants", []))
    return people_a <= people_b or people_b <= people_a


def near_visit_why(a: dict, b: dict) -> str:
    dates = " and ".join(f"{f['id']} {f.get('start')}" + (f" to {f['end']}" if "end" in f else "")
                         for f in (a, b))
    return f"dates a few days apart ({dates})"


def visit_key(data: dict) -> tuple:
    return frozenset(data["visitors"]), data["destination"]


EVENT = Kind(
    "event", DK.VisitEvent, label="event", shape_prefix="Event", common=False,
    item_segment=lambda event: event["kind"], same=same_event,
    identity="kind, overlapping dates, place and participants",
    fields=(
        ITEM_ID,
        concept("kind", DK.eventKind, "event-kind", EVENT_KINDS, required=True,
                message="an event needs exactly one kind from the event-kind list",
                fix="set `kind:` to one of " + ", ".join(EVENT_KINDS)),
        text("title", RDFS.label, combine=ALIAS),
        refs("participants", DK.participant, "person",
             message="every participant must be a person",
             fix="list ids of persons under `participants:`"),
        ref("place", DK.place, "place",
            message="an event happens at most at one place, and it must be a place",
            fix="set `place:` to the id of an entry under `places:`"),
        START,
        END,
        concept("status", DK.eventStatus, "event-status", EVENT_STATUSES, stages=EVENT_STAGES,
                description="Whether the event took place; leave it out when it did.",
                message="an event has at most one status, from the event-status list",
                fix="set `status:` to one of " + ", ".join(EVENT_STATUSES)),
        ITEM_EVIDENCE,
        NOTE,
    ),
)

VISIT = Kind(
    "visit", DK.Visit, section="visits", example="putin-2024-north-korea", label="visit",
    shape_prefix="Visit", same=same_visit, candidates=visit_key, nearly_same=near_visit,
    near_why=near_visit_why,
    identity="visitors and destination",
    fields=(
        *COMMON,
        text("title", RDFS.label, combine=ALIAS),
        aliases(written=False),
        refs("visitors", DK.visitor, "person", required=True, schema={"minItems": 1},
             message="a visit needs at least one visitor, and every visitor must be a person",
             fix="list ids of persons under `visitors:`"),
        refs("hosts", DK.host, "person", message="every host must be a person",
             fix="list ids of persons under `hosts:`; the host state goes in `destination:`"),
        ref("destination", DK.destination, "state", required=True,
            description="The state visited.",
            message="a visit needs exactly one destination, and it must be a state",
            fix="set `destination:` to the id of a state; cities and venues go in `places:`"),
        refs("places", DK.place, "place", description="Cities and venues visited.",
             message="every place of a visit must be a place",
             fix="list ids of entries under `places:`; the state goes in `destination:`"),
        START,
        END,
        concept("kind", DK.visitKind, "visit-kind", VISIT_KINDS,
                message="a visit has at most one kind, from the visit-kind list",
                fix="set `kind:` to one of " + ", ".join(VISIT_KINDS)),
        concept("status", DK.visitStatus, "visit-status", VISIT_STATUSES, required=True,
                stages=VISIT_STAGES,
                message="a visit needs exactly one status from the visit-status list",
                fix="set `status:` to one of " + ", ".join(VISIT_STATUSES)),
        refs("follows", DK.follows, "visit", order="follows",
             description="Earlier visits this one follows or returns.",
             message="a visit can only follow another visit",
             fix="list ids of visits under `follows:`"),
        concept("travel_mode", DK.travelMode, "travel-mode", TRAVEL_MODES,
                message="a visit has at most one travel mode, from the travel-mode list",
                fix="set `travel_mode:` to one of " + ", ".join(TRAVEL_MODES)),
        Field("duration", DURATION, DK.duration,
              schema={"pattern": "^P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?$"},
              hint="a duration is ISO 8601, e.g. P9D for nine days",
              message="a visit has at most one duration, as an ISO 8601 duration",
              fix="write `duration:` like P9D for nine days"),
        refs("distinct_from", DK.distinctFrom, "visit",
             description="Visits this one is not, though they look alike (same visitors and "
             "destination, dates a few days apart); silences the warning that they are "
             "probably one visit.",
             message="a visit can only be distinct from another visit",
             fix="list ids of visits under `distinct_from:`"),
        nested("events", DK.subEvent, "event",
               message="a sub-event of a visit must be a visit event",
               fix="list events under `events:` with a `kind:`"),
    ),
)
