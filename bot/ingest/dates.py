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

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Month and weekday names of French, German, Spanish, Portuguese, Italian and Dutch, whole and
# abbreviated, lower-case, with and without accents. No month name or abbreviation means two
# months in these languages ("mar" is March in all of them), so one table serves them all.
FOREIGN_MONTHS: dict[str, str] = {
    name: english
    for english, names in {
        "jan": "janvier janv jan januar jänner jän enero ene janeiro gennaio gen januari",
        "feb": "février fevrier févr fevr fév fev februar feb febrero fevereiro febbraio "
               "februari",
        "mar": "mars mar märz maerz mär mrz mrt marzo março marco maart",
        "apr": "avril avr april apr abril abr aprile",
        "may": "mai mayo maio maggio mag mei",
        "jun": "juin juni jun junio junho giugno giu",
        "jul": "juillet juil juli jul julio julho luglio lug",
        "aug": "août aout aoû aou august aug agosto ago augustus",
        "sep": "septembre sept sep september septiembre setiembre set setembro settembre",
        "oct": "octobre oct oktober okt octubre outubro out ottobre ott",
        "nov": "novembre nov november noviembre novembro",
        "dec": "décembre decembre déc dec dezember dez diciembre dic dezembro dicembre december",
    }.items()
    for name in names.split()
}
FOREIGN_WEEKDAYS = _words("""
    lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim
    montag mo mon dienstag di die mittwoch mi mit donnerstag do don freitag fr fre samstag
    sonnabend sa sam sonntag so son
    lunes martes miércoles miercoles mié mie jueves jue viernes vie sábado sabado sáb sab
    domingo dom
    segunda segunda-feira seg terça terca terça-feira terca-feira ter quarta quarta-feira qua
    quinta quinta-feira qui sexta sexta-feira sex
    lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi gio venerdì venerdi
    sabato domenica
    maandag ma dinsdag woensdag wo donderdag vrijdag vr zaterdag za zondag zo
""")
# Words between a date's parts: "14 de noviembre de 2024", "8 mai 2025 à 10:00", "um 10:00 Uhr".
FOREIGN_FILLERS = _words("de del di le el à a às as las los um om alle ore uhr h")
ORDINAL_SUFFIXES = ("er", "º", "°", "ª", ".")


def parse_datetime(text: str, *, default_tz: tzinfo = UTC) -> datetime | None:
    """`text` as an aware UTC datetime, or None when it is not a date this understands.

    Accepts ISO 8601 / RFC 3339, RFC 822 and its looser cousins ("10 June 2025 9:00 PM KST",
    "June 10, 2025", asctime, "2025/06/10 09:00"). A time without a zone is read in
    `default_tz`; a date without a time is midnight UTC. Never raises.
    """
    try:
        words = " ".join(str(text).split())
        parsed = _parse(words, default_tz)
        if parsed is None and len(words) <= MAX_LENGTH:
            translated = _translate(words)
            if translated is not None:
                parsed = _parse(translated, default_tz)
        return parsed
    except (ValueError, OverflowError, TypeError):
        return None


def _translate(text: str) -> str | None:
    """A date written in French, German, Spanish, Portuguese, Italian or Dutch, in English
    words ("Seg, 24 Set 2018 10:00:00 -0300" -> "24 sep 2018 10:00:00 -0300"), or None when
    it names no foreign month. A leading weekday is dropped, filler words ("de", "à", "um")
    too, and ordinal marks on the day ("1er", "5."). One pass over the words: linear."""
    words = text.split(" ")
    out: list[str] = []
    month_seen = False
    for index, word in enumerate(words):
        bare = word.strip(".,").lower()
        if index == 0 and bare in FOREIGN_WEEKDAYS:
            continue
        if not month_seen and bare in FOREIGN_MONTHS:
            out.append(FOREIGN_MONTHS[bare])
            month_seen = True
        elif bare in FOREIGN_FILLERS:
            continue
        elif not month_seen and (day := _ordinal_day(word.rstrip(",").lower())) is not None:
            out.append(day)
        else:
            out.append(word.rstrip(","))
    return " ".join(out) if month_seen else None


def _ordinal_day(word: str) -> str | None:
    """"1er", "1º", "5." as the day number, or None when `word` is not one."""
    for suffix in ORDINAL_SUFFIXES:
        if word.endswith(suffix) and word[:-len(suffix)].isdigit() and len(word) <= 4:
            return word[:-len(suffix)]
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
