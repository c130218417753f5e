"""Ages and year-less birthdays ("Lux-V, 38", "December 4 is Lux-V's birthday") and the year
an age gives a birthday by arithmetic from the published date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.extract.dates import DateSpan
from bot.extract.names import NAME, plausible
from bot.partial_dates import PartialDate

# "Mara Vale, 26, and Tom Reyes, 38 (...)": an age in apposition, not a figure ("Vale, 26
# million") nor a date ("June 18, 1942" is caught by needing a name and at most three digits).
AGE_APPOSITION = re.compile(rf"({NAME}),\s+(\d{{1,3}})(?=\s*(?:,|\(|\)|and\b|&|\.|;|—|–))")
AGE_GATE = re.compile(r",\s+\d{1,3}\b|\d-year-old\b")
AGE_ADJECTIVE = re.compile(rf"\b(\d{{1,3}})-year-old\s+(?:[a-z-]+\s+){{0,2}}({NAME})")
# "December 4 is Lux-V's birthday", "and September 4 is Lisea's"
DATE_IS_BIRTHDAY = re.compile(rf"\s+is\s+({NAME})['’]s?(?:\s+birthday)?\b")
# "Lux-V's birthday is December 4", "her birthday falls on March 3"
BIRTHDAY_IS = re.compile(rf"({NAME})['’]s?\s+birthday\s+(?:is|falls on|was)\s+(?:on\s+)?$")
BIRTHDAY_WORD = re.compile(r"\bbirthday\b", re.I)


@dataclass(frozen=True)
class YearlessBirthday:
    who: str
    month: int
    day: int


def ages(texts: list[str]) -> dict[str, int]:
    """How old the article says each named person is now ("Lux-V, 38", "the 70-year-old X")."""
    found: dict[str, int] = {}
    for text in texts:
        if AGE_GATE.search(text) is None:
            continue  # the name patterns are tried at every capital: only where an age may be
        for m in AGE_APPOSITION.finditer(text):
            name, age = m.group(1), int(m.group(2))
            if plausible(name) and 1 <= age <= 110:
                found.setdefault(name, age)
        for m in AGE_ADJECTIVE.finditer(text):
            name, age = m.group(2), int(m.group(1))
            if plausible(name) and 1 <= age <= 110:
                found.setdefault(name, age)
    return found


def yearless_birthdays(text: str, spans: list[DateSpan]) -> list[tuple[DateSpan,
                                                                       YearlessBirthday]]:
    """Birthdays given as a day without a year, with whose they are."""
    if "irthday" not in text or not BIRTHDAY_WORD.search(text):
        return []
    out: list[tuple[DateSpan, YearlessBirthday]] = []
    for span in spans:
        d = span.date
        if not span.inferred or d.day is None or d.month is None:
            continue
        m = DATE_IS_BIRTHDAY.match(text, span.end)
        n = BIRTHDAY_IS.search(text[max(0, span.start - 80):span.start])
        who = m.group(1) if m else n.group(1) if n else None
        if who and plausible(who):
            out.append((span, YearlessBirthday(who, d.month, d.day)))
    return out


def age_of(who: str, known: dict[str, int]) -> tuple[str, int] | None:
    """The age stated for `who`, by the full name or a whole word of it ("Lisea")."""
    folded = who.casefold()
    for name, age in known.items():
        low = name.casefold()
        if low == folded or re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", low) \
                or re.search(rf"(?<!\w){re.escape(low)}(?!\w)", folded):
            return name, age
    return None


def born_from_age(month: int, day: int, age: int, published: date) -> PartialDate:
    """The birth date of someone `age` years old on `published` whose birthday is month/day."""
    try:
        this_year = date(published.year, month, day)
    except ValueError:  # 29 February: the year is sure only when the birthday is a leap day
        this_year = date(published.year, 3, 1)
    year = published.year - age - (1 if this_year > published else 0)
    try:
        return PartialDate(year, month, day)
    except ValueError:  # 29 February in a common year: only the year is sure, as in events.py
        return PartialDate(year)
