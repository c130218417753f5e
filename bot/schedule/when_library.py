"""What the hand-written reader of reminder times (when.py) does not read, read by dateparser,
behind guards: every word must be one a time is written with (so "blah 18:00" stays unread),
a numeric date both ways round and an hour without am/pm are refused as ambiguous instead of
guessed, and a phrase that names a week or a month rather than a day is refused.

dateparser is imported on first use (its first call costs about 0.1 s, its language data ships
in the package; nothing is downloaded) and only English is read.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.schedule.occurrences import local_post_time
from bot.schedule.time_words import MONTH_NAMES, MONTHS, WEEKDAYS


class AmbiguousTime(UserError):
    """A time that reads two ways ("at 7", "03/04"): refused, never guessed."""


_UNITS = [
    "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "m", "day", "days",
    "week", "weeks", "month", "months", "year", "years",
]
_NUMBERS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "a", "an", "half", "couple",
    "few",
]
# The words a future time is written with. Words of the past ("yesterday", "last", "ago") are not
# among them: such a phrase is refused as unread, as it was before dateparser.
_WORDS = frozenset([
    *MONTHS, *WEEKDAYS, *_UNITS, *_NUMBERS,
    "in", "at", "on", "of", "the", "this", "next", "and", "after", "from", "now", "by", "for",
    "today", "tomorrow", "tonight", "noon", "midday", "midnight", "morning", "afternoon",
    "evening", "night", "am", "pm", "a.m", "p.m", "o'clock", "utc", "gmt", "week", "weekend",
])
_DANGLING = frozenset(["in", "at", "on", "of", "the", "this", "next", "and", "after", "from", "by",
                       "for"])
# A number as dates and times are written: 18:00, 6pm, 6.30pm, 24th, 2026-12-24, 24/12, 45m.
_NUMERIC = re.compile(r"\d[\d:/.\-]*(?:am|pm|a\.m|p\.m|st|nd|rd|th|h|m|min|mins|hrs?)?")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?")
_BARE_HOUR = re.compile(r"\d{1,2}")


def read(
    cleaned: str, text: str, now: datetime, tz: ZoneInfo, default_hour: int
) -> datetime | None:
    """The UTC instant dateparser reads in `cleaned` (lower case, single spaces), in `tz` as of
    `now`, preferring the future, a day without a time at `default_hour`; None when it reads
    nothing or a word is not a time word; UserError (one line) when the words leave the day or
    the hour open."""
    words = cleaned.split()
    if not all(w in _WORDS or _NUMERIC.fullmatch(w) for w in words):
        return None
    if words[-1] in _DANGLING:
        return None  # "tomorrow at": the time is cut off (split_when tries such leading runs)
    _refuse_ambiguous(words)
    local_now = now.astimezone(tz).replace(tzinfo=None)
    data = _parser(tz, local_now).get_date_data(cleaned)
    found: datetime | None = data.date_obj
    if found is None:
        return None
    if data.period in ("week", "month", "year") and not _relative(cleaned):
        raise UserError(f"'{text.strip()}' names a {data.period}, not a day; say which day and "
                        "time, like 'next monday 10am'.")
    if data.period == "part_of_day":
        return None  # "this afternoon": dateparser keeps the current time
    if found.tzinfo is not None and found.utcoffset() != found.replace(tzinfo=tz).utcoffset():
        return found.astimezone(UTC)  # a zone was named ("18:00 utc")
    wall = found.replace(tzinfo=None)
    if _relative(cleaned) and data.period == "time":
        return now.astimezone(UTC) + (wall - local_now)  # hours and minutes are exact durations
    if data.period == "day" and not _relative(cleaned):
        wall = wall.replace(hour=default_hour, minute=0, second=0, microsecond=0)
    return local_post_time(wall.date(), wall.hour, tz, minute=wall.minute)


def _relative(cleaned: str) -> bool:
    return cleaned.startswith("in ") or cleaned.endswith(" from now")


def _refuse_ambiguous(words: list[str]) -> None:
    for i, word in enumerate(words):
        m = _NUMERIC_DATE.fullmatch(word.rstrip("."))
        if m is None or (i + 1 < len(words) and words[i + 1] in _UNITS):
            continue  # "in 2.5 hours" is a count
        a, b = int(m[1]), int(m[2])
        if a != b and 1 <= a <= 12 and 1 <= b <= 12:
            year = f" {m[3]}" if m[3] else ""
            raise AmbiguousTime(
                f"'{m[0]}' could be {a} {MONTH_NAMES[b - 1]} or {b} {MONTH_NAMES[a - 1]}; "
                f"write the month as a word, like '{b} {MONTH_NAMES[a - 1][:3].lower()}{year}'.")
    for i, word in enumerate(words):
        if not _BARE_HOUR.fullmatch(word) or not 1 <= int(word) <= 12:
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if before in MONTHS or after in MONTHS or after in _UNITS or before in ("in", "the"):
            continue  # a day of the month, or a count
        if after in ("am", "pm", "a.m", "p.m"):
            continue
        raise AmbiguousTime(f"'{word}' could be {int(word):02d}:00 or {int(word) + 12:02d}:00; "
                        f"write {word}am, {word}pm or {int(word) + 12}:00.")


_cache: dict[tuple[str, datetime], Any] = {}


def _parser(tz: ZoneInfo, local_now: datetime) -> Any:
    key = (tz.key, local_now)
    parser = _cache.get(key)
    if parser is None:
        from dateparser.date import DateDataParser  # type: ignore[import-untyped]
        parser = DateDataParser(languages=["en"], settings={
            "PREFER_DATES_FROM": "future", "TIMEZONE": tz.key, "RELATIVE_BASE": local_now,
            "RETURN_AS_TIMEZONE_AWARE": True, "RETURN_TIME_AS_PERIOD": True,
        })
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = parser
    return parser
