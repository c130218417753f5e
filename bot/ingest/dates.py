"""Dates from feeds and pages (RFC 822, ISO 8601, zone abbreviations) as aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

# Offsets in minutes. Abbreviations are ambiguous; where two zones share one, the choice is:
# CST is US Central (-6), as RFC 822 defines it, not China (+8); IST is India (+5:30), the
# most common in music news, not Ireland or Israel; AST is Atlantic (-4), not Arabia (+3);
# BST is British Summer Time (+1). An abbreviation missing here makes the date unknown (None)
# rather than silently UTC, which is the 9-hour error feedparser makes with KST.
ZONES: dict[str, int] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "UCT": 0, "WET": 0, "WEST": 60, "BST": 60, "IST": 330,
    "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "TRT": 180, "SAST": 120, "WAT": 60, "CAT": 120, "EAT": 180, "GST": 240, "PKT": 300,
    "NPT": 345, "ICT": 420, "WIB": 420, "WITA": 480, "WIT": 540, "HKT": 480, "SGT": 480,
    "PHT": 480, "PHST": 480, "MYT": 480, "AWST": 480, "KST": 540, "JST": 540, "ACST": 570,
    "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240,
    "ADT": -180, "NST": -210, "NDT": -150, "BRT": -180, "ART": -180,
}

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
WEEKDAYS = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s*", re.I
)
TIME = re.compile(
    r"(?:^|(?<=[\sT,]))(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?m\.?)?(?=\s|$|[+-]|Z)",
    re.I,
)
ZONE = re.compile(
    r"\s*(?:(?P<num>[+-]\d{2}:?\d{2})"
    r"|(?P<base>GMT|UTC|UT)?\s*(?P<sign>[+-])(?P<hh>\d{1,2})(?::?(?P<mm>\d{2}))?"
    r"|(?P<abbr>[A-Za-z]{1,5}))?\s*(?:\((?P<comment>[^)]*)\))?",
)
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4}|\d{2})")
MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\.?")
YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
MAX_LENGTH = 100


def parse_datetime(text: str, *, default_tz: tzinfo = UTC) -> datetime | None:
    """`text` as an aware UTC datetime, or None when it is not a date this understands.

    Accepts ISO 8601 / RFC 3339, RFC 822 and its looser cousins ("10 June 2025 9:00 PM KST",
    "June 10, 2025", asctime, "2025/06/10 09:00"). A time without a zone is read in
    `default_tz`; a date without a time is midnight UTC. Never raises.
    """
    try:
        return _parse(" ".join(str(text).split()), default_tz)
    except (ValueError, OverflowError, TypeError):
        return None


def _sane(value: datetime) -> datetime | None:
    return value if 1900 <= value.year <= 2200 else None


def _midnight(day: date) -> datetime | None:
    return _sane(datetime(day.year, day.month, day.day, tzinfo=UTC))


def _parse(text: str, default_tz: tzinfo) -> datetime | None:
    if not text or len(text) > MAX_LENGTH:
        return None
    if text[0].isdigit():
        iso = _parse_iso(text, default_tz)
        if iso is not None:
            return iso
    return _parse_loose(text, default_tz)


def _parse_iso(text: str, default_tz: tzinfo) -> datetime | None:
    if YEAR_MONTH.fullmatch(text):  # W3C-DTF allows year-month; read it as the 1st
        return _midnight(date(int(text[:4]), int(text[5:]), 1))
    try:
        return _midnight(date.fromisoformat(text))
    except ValueError:
        pass
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return _sane(value.astimezone(UTC))


def _zone_offset(match: re.Match[str]) -> tuple[bool, int | None]:
    """(whether a zone was written, its offset in minutes or None when unknown)."""
    if match["num"]:
        digits = match["num"].replace(":", "")
        minutes = int(digits[1:3]) * 60 + int(digits[3:5])
        return True, -minutes if digits[0] == "-" else minutes
    if match["sign"]:
        minutes = int(match["hh"]) * 60 + int(match["mm"] or 0)
        return True, -minutes if match["sign"] == "-" else minutes
    if match["abbr"]:
        return True, ZONES.get(match["abbr"].upper())
    # "(KST)" after the time, as some servers write it; a comment that names no zone we know
    # is only a comment.
    comment = (match["comment"] or "").strip().upper()
    if comment in ZONES:
        return True, ZONES[comment]
    return False, None


def _parse_loose(text: str, default_tz: tzinfo) -> datetime | None:
    rest = WEEKDAYS.sub("", text, count=1)
    hour = minute = second = 0
    zone: tzinfo | None = None
    has_time = False
    time_match = TIME.search(rest)
    if time_match:
        has_time = True
        hour, minute = int(time_match[1]), int(time_match[2])
        second = int(time_match[3] or 0)
        if second == 60:  # a leap second, which datetime cannot hold
            second = 59
        if time_match[4]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if time_match[4].lower() == "p" else 0)
        zone_match = ZONE.match(rest, time_match.end())
        assert zone_match is not None  # every group is optional, so it always matches
        written, offset = _zone_offset(zone_match)
        if written and offset is None:
            return None
        if offset is not None:
            zone = timezone(timedelta(minutes=offset))
        rest = rest[: time_match.start()] + " " + rest[zone_match.end():]
    day = _parse_day(rest.strip(" ,T"))
    if day is None:
        return None
    if not has_time:
        return _midnight(day)
    value = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone or default_tz)
    return _sane(value.astimezone(UTC))


def _parse_day(text: str) -> date | None:
    text = " ".join(text.split())
    if match := DAY_MONTH_YEAR.fullmatch(text):
        day, month_name, year = match.groups()
    elif match := MONTH_DAY_YEAR.fullmatch(text):
        month_name, day, year = match.groups()
    elif match := YEAR_MONTH_DAY.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    else:
        return None
    month = MONTHS.get(month_name.lower())
    if month is None:
        return None
    full_year = int(year)
    if len(year) == 2:  # RFC 822's two-digit years, split as email.utils does
        full_year += 2000 if full_year < 70 else 1900
    return date(full_year, month, int(day))
