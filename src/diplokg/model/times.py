"""Moments with a time of day: `2024-06-20T01:45+07:00` or `2024-06-20T01:45 Asia/Ho_Chi_Minh`.

Reports date one landing by two clocks: 21:45 on 19 June in Moscow is 01:45 on 20
June in Hanoi, and both are right.  A moment keeps the local time and the zone the
source gives (a UTC offset, or a named zone of the IANA database, whose offset on
that day this module looks up), and compares by the instant it names.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PATTERN = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"
           r"(Z|[+-][0-9]{2}:[0-9]{2}| [A-Za-z]+(/[A-Za-z0-9_+-]+)+)$")
HINT = ("a moment is a local date and time with its zone: 2024-06-20T01:45+07:00, or "
        "2024-06-20T01:45 Asia/Ho_Chi_Minh")
# Two reports of one moment may round it ("around 1:50", "01:45"): within this, one moment.
SAME_WITHIN = timedelta(hours=1)
_SHAPE = re.compile(PATTERN)


def parse(text: str) -> datetime:
    """The moment as an aware datetime in the zone given; ValueError if it names none."""
    if not isinstance(text, str) or not _SHAPE.match(text):
        raise ValueError(f"{text!r} is not a moment ({HINT})")
    local, _, name = text.partition(" ")
    if name:
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{name!r} is no time zone of the IANA database, such as "
                             "Asia/Pyongyang") from None
        return datetime.fromisoformat(local).replace(tzinfo=zone)
    moment = datetime.fromisoformat(local.replace("Z", "+00:00"))
    if moment.utcoffset() is None or abs(moment.utcoffset()) > timedelta(hours=14):
        raise ValueError(f"{text!r} has no offset between -14:00 and +14:00")
    return moment


def literal_text(text: str) -> str:
    """The moment as xsd:dateTime text with its UTC offset on that day."""
    moment = parse(text)
    offset = moment.astimezone(timezone(moment.utcoffset())) if moment.tzinfo else moment
    return offset.isoformat(timespec="seconds")


def one_moment(texts: list[str]) -> bool:
    """Whether the moments all lie within SAME_WITHIN of each other."""
    instants = [parse(t).astimezone(timezone.utc) for t in texts]
    return max(instants) - min(instants) <= SAME_WITHIN
