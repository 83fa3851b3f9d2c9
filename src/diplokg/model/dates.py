"""Partial dates: a year, a month or a day, compared by what they can mean."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PartialDate:
    """A date of year, month or day precision, e.g. 2000, 2000-06, 2000-06-19."""

    text: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]

    @property
    def earliest(self) -> str:
        return (self.text + "-01-01")[:10] if len(self.text) == 4 else (self.text + "-01")[:10]

    @property
    def latest(self) -> str:
        if len(self.text) == 10:
            return self.text
        year = int(self.text[:4])
        month = 12 if len(self.text) == 4 else int(self.text[5:7])
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Accept 2000 (int), "2000", "2000-06" or "2000-06-19"; raise ValueError otherwise."""
        text = f"{value:04d}" if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(text[:4])
        if year == 0:
            raise ValueError(f"{text!r}: there is no year 0")
        if len(text) >= 7 and not 1 <= int(text[5:7]) <= 12:
            raise ValueError(f"{text!r}: month {text[5:7]} does not exist")
        if len(text) == 10:
            last = calendar.monthrange(year, int(text[5:7]))[1]
            if not 1 <= int(text[8:10]) <= last:
                raise ValueError(f"{text!r}: day {text[8:10]} does not exist in that month")
        return cls(text)
