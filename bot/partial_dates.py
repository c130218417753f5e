"""`PartialDate`: a date known to a day, a month or only a year, shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[Precision, ...] = get_args(Precision)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a day, a month or only a year (never an invented day or month)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            date(self.year, self.month or 1, self.day)  # raises for 30 February

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """YYYY-MM-DD, YYYY-MM or YYYY, as the README's JSON output writes dates."""
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> date:
        """The earliest day it can be (stored with its precision, never shown as a day)."""
        return date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)


def to_partial(value: date | None, precision: str | None) -> PartialDate | None:
    """A stored date and its precision back to a PartialDate (month precision keeps no day)."""
    if value is None:
        return None
    if precision == "year":
        return PartialDate(value.year)
    if precision == "month":
        return PartialDate(value.year, value.month)
    return PartialDate(value.year, value.month, value.day)
