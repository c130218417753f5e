"""Years (and days) a date does not write: from the published date, the tense, the weekday."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.partial_dates import PartialDate

WEEKDAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
                "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}


def valid(year: int, month: int, day: int | None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, ref: date | None, anchor: int | None,
               when: str) -> PartialDate | None:
    """The year of a year-less date: the next one for a future tense, the last one for a past.

    Without a published date the article's own stated year (the anchor) is used, or none: a
    year is never invented.
    """
    if ref is None:
        return valid(anchor, month, day) if anchor else None
    candidates = [c for y in (ref.year - 1, ref.year, ref.year + 1)
                  if (c := valid(y, month, day)) is not None]
    if not candidates:  # 29 February outside a leap year
        return None

    def first(c: PartialDate) -> date:
        return c.first_day()

    def last(c: PartialDate) -> date:
        if c.day:
            return c.first_day()
        nxt = date(c.year + (c.month == 12), (c.month or 1) % 12 + 1, 1)
        return nxt - timedelta(days=1)

    if when == "future":
        ahead = [c for c in candidates if last(c) >= ref]
        return min(ahead, key=first) if ahead else None
    if when == "past":
        behind = [c for c in candidates if first(c) <= ref]
        return max(behind, key=first) if behind else None
    # Without a tense, the nearest; news looks ahead, so a coming date counts double.
    def distance(c: PartialDate) -> float:
        if last(c) >= ref:
            return max(0, (first(c) - ref).days) / 2
        return (ref - last(c)).days

    return min(candidates, key=distance)


def weekday_date(word: str | None, weekday: int, ref: date, when: str) -> date:
    ahead = (weekday - ref.weekday()) % 7
    word = (word or "").casefold()
    if word == "next":
        return ref + timedelta(days=ahead or 7)
    if word in ("last", "past"):
        return ref - timedelta(days=(ref.weekday() - weekday) % 7 or 7)
    if word in ("this", "coming") or when == "future":
        return ref + timedelta(days=ahead)
    if when == "past":
        return ref - timedelta(days=(ref.weekday() - weekday) % 7)
    # With no tense, a bare weekday in news is the coming one unless it is today.
    return ref + timedelta(days=ahead)


def relative_date(m: re.Match[str], ref: date) -> PartialDate | None:
    phrase = m.group(1).casefold()
    if phrase in ("today", "tonight"):
        return PartialDate(ref.year, ref.month, ref.day)
    if phrase == "tomorrow":
        d = ref + timedelta(days=1)
        return PartialDate(d.year, d.month, d.day)
    if phrase == "yesterday":
        d = ref - timedelta(days=1)
        return PartialDate(d.year, d.month, d.day)
    if m.group(3):
        n = int(m.group(2)) if m.group(2).isdigit() else NUMBER_WORDS[m.group(2).casefold()]
        if m.group(3).casefold() == "year":
            return PartialDate(ref.year - n)
        months = ref.year * 12 + ref.month - 1 - n
        return PartialDate(months // 12, months % 12 + 1)
    word, unit = phrase.split()
    step = {"this": 0, "next": 1, "last": -1, "past": -1}[word]
    if unit == "year":
        return PartialDate(ref.year + step)
    if unit == "month":
        months = ref.year * 12 + ref.month - 1 + step
        return PartialDate(months // 12, months % 12 + 1)
    d = ref + timedelta(days=7 * step)  # a week is known only to its month
    return PartialDate(d.year, d.month)


# ("Friday, December 18", "this Friday (March 4)", "Friday the 4th")
WEEKDAY_BEFORE = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*(?:\(\s*|\s)(?:the\s+)?$")


def weekday_year(before: str, found: PartialDate, ref: date) -> PartialDate:
    """"Friday, December 18": of the years around the published date, the one in which that day
    is a Friday, when only one is."""
    m = WEEKDAY_BEFORE.search(before)
    if m is None or found.month is None or found.day is None:
        return found
    weekday = WEEKDAY_NUMBERS[m.group(1).casefold()]
    fits = [c for y in (ref.year - 1, ref.year, ref.year + 1)
            if (c := valid(y, found.month, found.day)) is not None
            and c.first_day().weekday() == weekday]
    return fits[0] if len(fits) == 1 else found


# How far back into last year a year-less day may fall (see `too_far_back`): eight months.
_LAST_YEAR = 240


def too_far_back(before: str, found: PartialDate, ref: date) -> bool:
    """A year-less day that the tense put in last year, most of a year before the published
    date, with no weekday to confirm it. News leaves the year out for this year's days, and
    a past verb is often about a day to come: "its release date was Dec. 11" in an October
    article, "was originally due November 14" in a mid-October one. Such a day is the one
    nearest the published date (near the year's turn, "was released on December 12" written
    in January stays last year's)."""
    if found.day is None or found.month is None or found.year >= ref.year:
        return False
    return (ref - found.first_day()).days > _LAST_YEAR and not WEEKDAY_BEFORE.search(before)


def century(yy: int, ref: date | None) -> int:
    """A two-digit year in the century that keeps it no later than a year after `ref`."""
    limit = (ref.year if ref else 2069) + 1
    year = limit // 100 * 100 + yy
    return year - 100 if year > limit else year
