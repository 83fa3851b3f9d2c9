"""A visit, its events, and when two sources' visits are one visit."""

from __future__ import annotations

import datetime

from diplokg.model import times
from diplokg.model.dates import PartialDate
from diplokg.model.fields import (
    ALIAS,
    DURATION,
    MOMENT,
    Field,
    boolean,
    concept,
    date,
    entry,
    nested,
    ref,
    refs,
    text,
)
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import (
    COMMON,
    DATE_SHAPE_FIX,
    END,
    ITEM_EVIDENCE,
    ITEM_ID,
    NOTE,
    START,
    aliases,
    dates_overlap,
)
from diplokg.namespaces import DK, RDFS

VISIT_KINDS = ("state", "official", "official-working", "working", "informal", "private",
               "multilateral")
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
    gap = datetime.date.fromisoformat(second[0]) - datetime.date.fromisoformat(first[1])
    return gap.days <= NEAR_DAYS


def same_event(a: dict, b: dict) -> bool:
    """Two sources' events of one visit are one event: the same kind, dates that overlap
    (or, where both give the moment, one moment by any clock), the same place and
    participants where both give them (one may name fewer people)."""
    if a["kind"] != b["kind"]:
        return False
    if "at" in a and "at" in b:
        if not times.one_moment([a["at"], b["at"]]):
            return False
    elif not dates_overlap(a, b):
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


DURATION_PATTERN = ("^P(?=[0-9]|T[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?"
                    "(T(?=[0-9])([0-9]+H)?([0-9]+M)?)?$")
DURATION_HINT = "a duration is ISO 8601, e.g. P9D for nine days or PT2H for two hours"


def duration(kind_label: str) -> Field:
    return Field("duration", DURATION, DK.duration, schema={"pattern": DURATION_PATTERN},
                 hint=DURATION_HINT,
                 message=f"{kind_label} has at most one duration, as an ISO 8601 duration",
                 fix="write `duration:` like P9D for nine days, PT2H for two hours")


def same_leg(a: dict, b: dict) -> bool:
    return a["place"] == b["place"] and dates_overlap(
        {"start": a["arrive"]} if "arrive" in a else {},
        {"start": b["arrive"]} if "arrive" in b else {})


# A leg of a trip's route: a place it went through, stopovers included, with its dates.
LEG = Kind(
    "leg", DK.Leg, label="leg", shape_prefix="Leg", common=False,
    item_segment=lambda leg: leg["place"], same=same_leg, identity="place and arrival",
    fields=(
        ITEM_ID,
        ref("place", DK.place, "place", "state", required=True,
            description="Where the leg went: a place, or a state where no place is given.",
            message="a leg goes to exactly one place or state",
            fix="set `place:` to the id of a place or a state"),
        date("arrive", DK.arrivalDate, description="When the visitors arrived there.",
             message="arrive must be one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        date("depart", DK.departureDate, description="When they left.",
             message="depart must be one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        boolean("stopover", DK.stopover,
                description="A stop on the way, not a destination of the visit.",
                message="stopover must be true or false",
                fix="write `stopover: true` for a stop on the way"),
        ITEM_EVIDENCE,
        NOTE,
    ),
)

# The capacity a visitor, host or participant acted in: whom they represented, in which
# office.  Given, or derived where a person's dated offices leave one possibility.
CAPACITY = Kind(
    "capacity", DK.Capacity, label="capacity", shape_prefix="Capacity", common=False,
    item_segment=lambda capacity: capacity["person"],
    same=lambda a, b: a["person"] == b["person"], identity="person",
    fields=(
        ref("person", DK.agent, "person", required=True,
            description="The visitor, host or participant (an id or name).",
            message="a capacity is of exactly one person",
            fix="set `person:` to the id of a person"),
        entry("office", DK.heldOffice, "person", "offices",
              description="The office they held, as one of the person's offices: its id, "
              "e.g. soviet-union-general-secretary.",
              message="a capacity names at most one office, one of the person's",
              fix="set `office:` to the id of an office under the person's `offices:`"),
        text("title", DK.capacityTitle, combine=ALIAS,
             description="The office they held, in words, where it is not one of the "
             "person's offices."),
        ref("represents", DK.represents, "state", "organisation",
            description="The state (or organisation) they represented.",
            message="a capacity represents at most one state or organisation",
            fix="set `represents:` to the id of a state or an organisation"),
        ITEM_EVIDENCE,
        NOTE,
    ),
)

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
        Field("at", MOMENT, DK.startTime, schema={"pattern": times.PATTERN}, hint=times.HINT,
              description="When it began, to the minute, with the zone of the clock the "
              "source uses: 2024-06-20T01:45+07:00 or 2024-06-20T01:45 Asia/Ho_Chi_Minh. "
              "Reports by other clocks that name the same moment agree.",
              message="an event has at most one moment of its start, as an xsd:dateTime",
              fix="write `at:` like 2024-06-20T01:45+07:00"),
        END,
        duration("an event"),
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
        ref("from", DK.fromState, "state",
            description="The state the visitors came from and represented.",
            message="a visit comes from at most one state, and it must be a state",
            fix="set `from:` to the id of a state"),
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
        duration("a visit"),
        refs("distinct_from", DK.distinctFrom, "visit",
             description="Visits this one is not, though they look alike (same visitors and "
             "destination, dates a few days apart); silences the warning that they are "
             "probably one visit.",
             message="a visit can only be distinct from another visit",
             fix="list ids of visits under `distinct_from:`"),
        nested("capacities", DK.capacity, "capacity",
               description="The capacity each visitor, host and participant of its events "
               "acted in: office and state represented.",
               message="a capacity of a visit must be a capacity",
               fix="list capacities under `capacities:` with `person:`"),
        nested("route", DK.leg, "leg",
               description="The places the trip went through, stopovers included, with their "
               "dates.",
               message="a leg of a route must be a leg",
               fix="list legs under `route:` with `place:`"),
        nested("events", DK.subEvent, "event",
               message="a sub-event of a visit must be a visit event",
               fix="list events under `events:` with a `kind:`"),
    ),
)
