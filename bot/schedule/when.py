"""Personal reminder times: 'in 2 days', 'tomorrow 18:00', 'next friday' read into a UTC instant."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.schedule import when_library
from bot.schedule.occurrences import local_post_time
from bot.schedule.time_words import MONTH_NAMES, MONTHS, WEEKDAYS
from bot.settings.values import DEFAULT_HOUR  # a date without a time: the posting hour

TONIGHT_HOUR = 20
EVENING_HOUR = 18
_PARTS_OF_DAY = {"morning": DEFAULT_HOUR, "evening": EVENING_HOUR, "night": TONIGHT_HOUR}

# Shorthand and the misspellings fans type most, read as the word they mean.
_ALIASES = {"tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomorow": "tomorrow",
            "tommorow": "tomorrow", "tommorrow": "tomorrow", "2moro": "tomorrow",
            "2morrow": "tomorrow", "tonite": "tonight", "2nite": "tonight"}

_UNITS = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
}

_RELATIVE = re.compile(r"in (?P<n>\d{1,6}|an?) (?P<unit>[a-z]+)")
_TIME = re.compile(
    r"(?:^|\s)(?:at\s+)?(?P<time>(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})|noon|midnight)$"
)
_EVENING = re.compile(r"(?P<part>tonight|this evening)(?: at (?P<h>\d{1,2})(?::(?P<m>\d{2}))?)?")
_NEXT_WEEK = re.compile(r"(?P<a>[a-z]+) next week|next week (?P<b>[a-z]+)")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_MONTH_DAY = re.compile(r"(?P<mon>[a-z]+)\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<y>\d{4}))?")
_DAY_MONTH = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<mon>[a-z]+)\.?(?: (?P<y>\d{4}))?"
)


def parse_when(
    text: str, now: datetime, tz: ZoneInfo, *, max_ahead: timedelta = timedelta(days=366 * 2),
    library: bool = True,
) -> datetime:
    """The aware UTC instant `text` names, read in `tz` as of `now`; UserError if it can't be.

    The rules below read first; what they do not read goes to dateparser behind the guards of
    when_library (`library=False`: the rules alone, as benchmarks/bench_when.py scores them)."""
    if now.tzinfo is None:
        raise ValueError("'now' must be an aware datetime")
    cleaned = " ".join(_ALIASES.get(word, word)
                       for word in text.lower().replace(",", " ").split()).rstrip(".!")
    if not cleaned:
        raise UserError(
            "Tell me when, for example 'in 2 days', 'tomorrow 18:00' or '2026-12-01 18:00'."
        )
    try:
        when = _parse(cleaned, now.astimezone(UTC), tz)
        if when is None and library:
            when = when_library.read(cleaned, text, now, tz, DEFAULT_HOUR)
    except OverflowError:  # year 1 or 9999 pushed past what datetime holds
        raise UserError(f"'{text.strip()}' is too far from today to set a reminder.") from None
    if when is None:
        raise UserError(
            f"I couldn't read '{text.strip()}' as a time. Try 'in 2 days', 'tomorrow 18:00', "
            "'next friday' or '2026-12-01 18:00'."
        )
    if when <= now:
        raise UserError(f"That time has already passed ({_show(when, tz)}).")
    if when - now > max_ahead:
        raise UserError(
            f"{_show(when, tz)} is more than {_span(max_ahead)} away; "
            f"pick a time within {_span(max_ahead)}."
        )
    return when


def _show(when: datetime, tz: ZoneInfo) -> str:
    local = when.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} {tz.key}"


def _span(span: timedelta) -> str:
    years = round(span.days / 365.25)
    if years >= 1 and abs(span.days - years * 365.25) <= 2:
        return f"{years} year" + ("s" if years > 1 else "")
    return f"{span.days} days"


def _parse(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    relative = _RELATIVE.fullmatch(text)
    if relative:
        return _relative(relative, now, tz)
    today = now.astimezone(tz).date()

    clock = _TIME.search(text)
    hm: tuple[int, int] | None = None
    rest = text
    if clock:
        hm = _clock(clock)
        rest = text[: clock.start()].strip()
        if rest.endswith(" at"):
            rest = rest[:-3]
    part = rest.rsplit(" ", 1)[-1]
    if hm is None and part in _PARTS_OF_DAY and rest != "this evening":
        rest, hm = rest.removesuffix(part).strip(), (_PARTS_OF_DAY[part], 0)  # "friday evening"
    if rest == "" and hm is not None:
        # A bare time: today if it is still ahead, else tomorrow.
        when = _at(today, hm, tz)
        return when if when > now else _at(today + timedelta(days=1), hm, tz)
    if rest == "tonight":
        return _at(today, hm or (TONIGHT_HOUR, 0), tz)
    evening = _EVENING.fullmatch(text)
    if evening:  # "tonight at 8": an hour of the evening is after noon
        if evening["h"] is None:
            hour = TONIGHT_HOUR if evening["part"] == "tonight" else EVENING_HOUR
            return _at(today, (hour, 0), tz)
        hour, minute = int(evening["h"]), int(evening["m"] or 0)
        if not 1 <= hour <= 11 or minute > 59:
            return None
        return _at(today, (hour + 12, minute), tz)
    next_week = _NEXT_WEEK.fullmatch(rest)
    if next_week and (next_week["a"] or next_week["b"]) in WEEKDAYS:
        # "friday next week": that day of the calendar week (Monday to Sunday) after this one
        target = WEEKDAYS[next_week["a"] or next_week["b"]]
        monday = today - timedelta(days=today.weekday())
        return _at(monday + timedelta(days=7 + target), hm or (DEFAULT_HOUR, 0), tz)
    if rest in WEEKDAYS or (rest.startswith("next ") and rest[5:] in WEEKDAYS):
        return _weekday(rest, hm, today, now, tz)
    day = _day(rest, today)
    if day is None:
        return None
    hm = hm or (DEFAULT_HOUR, 0)
    when = _at(day, hm, tz)
    if _yearless(rest) and when <= now:
        # "1 dec" already gone this year means next year's.
        when = _at(_next_year(day), hm, tz)
    return when


def _at(day: date, hm: tuple[int, int], tz: ZoneInfo) -> datetime:
    return local_post_time(day, hm[0], tz, minute=hm[1])


def _relative(m: re.Match[str], now: datetime, tz: ZoneInfo) -> datetime | None:
    unit = _UNITS.get(m["unit"])
    if unit is None:
        return None
    n = 1 if m["n"] in ("a", "an") else int(m["n"])
    if unit in ("minutes", "hours"):
        return now + timedelta(**{unit: n})
    # Days and weeks are calendar days: the same wall-clock time, even across a DST change.
    local = now.astimezone(tz)
    days = n * 7 if unit == "weeks" else n
    if days > 366 * 100:
        return None
    return _at(local.date() + timedelta(days=days), (local.hour, local.minute), tz) + timedelta(
        seconds=local.second
    )


def _clock(m: re.Match[str]) -> tuple[int, int]:
    word = m["time"]
    if word == "noon":
        return 12, 0
    if word == "midnight":
        return 0, 0
    if m["ampm"]:
        hour, minute = int(m["h12"]), int(m["m12"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise UserError(f"'{word}' is not a time of day; use something like 6pm or 18:00.")
        return hour % 12 + (12 if m["ampm"] == "pm" else 0), minute
    hour, minute = int(m["h24"]), int(m["m24"])
    if hour > 23 or minute > 59:
        raise UserError(f"'{word}' is not a time of day; use something like 6pm or 18:00.")
    return hour, minute


def _weekday(
    rest: str, hm: tuple[int, int] | None, today: date, now: datetime, tz: ZoneInfo
) -> datetime:
    target = WEEKDAYS[rest.removeprefix("next ")]
    ahead = (target - today.weekday()) % 7
    hm = hm or (DEFAULT_HOUR, 0)
    if rest.startswith("next ") and ahead == 0:
        ahead = 7  # "next friday" said on a Friday is a week away
    when = _at(today + timedelta(days=ahead), hm, tz)
    if when <= now:
        when = _at(today + timedelta(days=ahead + 7), hm, tz)
    return when


def _day(rest: str, today: date) -> date | None:
    if rest == "today":
        return today
    if rest == "tomorrow":
        return today + timedelta(days=1)
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        m = pattern.fullmatch(rest)
        if not m:
            continue
        month = int(m["m"]) if pattern is _ISO else MONTHS.get(m["mon"])
        if month is None:
            return None
        year = int(m["y"]) if m["y"] else today.year
        day = int(m["d"])
        try:
            return date(year, month, day)
        except ValueError:
            if 1 <= month <= 12 and day <= 31:
                name = f"{day} {MONTH_NAMES[month - 1]}"
                raise UserError(f"There is no {name} {year}.") from None
            raise UserError(f"'{rest}' is not a date; use something like 2026-12-01.") from None
    return None


def _yearless(rest: str) -> bool:
    m = _MONTH_DAY.fullmatch(rest) or _DAY_MONTH.fullmatch(rest)
    return m is not None and not m["y"]


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February asked for after it passed: next year has none
        raise UserError(f"There is no 29 February {day.year + 1}.") from None


def split_when(words: list[str], now: datetime, tz: ZoneInfo,
               longest: int = 6) -> tuple[str, str] | None:
    """("in 2 days", "check the vinyl") from unquoted words: the longest leading run (at most
    `longest` words) that reads as a time, and the rest; None when no leading run does."""
    for size in range(min(longest, len(words) - 1), 0, -1):
        when = " ".join(words[:size])
        try:
            parse_when(when, now, tz)
        except when_library.AmbiguousTime:
            if size >= 2 and words[size - 2].casefold() == "at":
                raise  # "tomorrow at 7 call Sam": the time the user wrote, never a shorter one
            continue
        except UserError:
            continue
        return when, " ".join(words[size:])
    return None
