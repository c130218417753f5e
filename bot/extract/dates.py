"""Date spans with their precision; years inferred from the published date and the tense."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.extract.model import PartialDate
from bot.extract.sentences import LISTED_DATE

MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# Month names are matched capitalised only, so the verbs "may" and "march" are not months.
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH"
         r"|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)")
WEEKDAY = r"(?:Mon|Tues?|Wednes|Thu(?:rs)?|Fri|Satur|Sun)day"
YEAR = r"(?:1[89]\d\d|20\d\d)"
ORD = r"(?:st|nd|rd|th)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "03/14 – Seattle": a tour list line, month first as in US listings; only at the start
    ("listed", re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?=\s*[-–—:|@,])")),
    # "2024-10-21", "2024.10.21" (K-pop agencies), "10/21/2024" (month first unless it cannot be)
    ("iso", re.compile(rf"\b({YEAR})[-./](\d{{1,2}})[-./](\d{{1,2}})\b(?![-./]\d)")),
    ("numeric", re.compile(rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/({YEAR})\b")),
    # "30Sep20", the compact date some agencies put in brackets
    ("compact", re.compile(rf"\((\d{{1,2}})({MONTH})(\d{{2}})\)")),
    # "June 5–7", "June 5-7, 2027", "5–7 June 2027": a run of days dated by its first
    ("mdrange", re.compile(
        rf"\b({MONTH})\.?\s+(\d{{1,2}}){ORD}\s*(?:[-–—]|to|through)\s*\d{{1,2}}{ORD}"
        rf"(?![\d:/])\b(?:,?\s+({YEAR})\b)?")),
    ("dmrange", re.compile(
        rf"\b(\d{{1,2}}){ORD}\s*(?:[-–—]|to)\s*\d{{1,2}}{ORD}\s+({MONTH})\b\.?"
        rf"(?:,?\s+({YEAR})\b)?")),
    ("mdy", re.compile(
        rf"\b({MONTH})\.?\s+(\d{{1,2}}){ORD}(?![\d:])\b(?:,?\s+({YEAR})\b)?")),
    # "24 September 2020", and "24 September (20)" with a two-digit year in brackets
    ("dmy", re.compile(
        rf"\b(\d{{1,2}}){ORD}\s+(?:of\s+)?({MONTH})\b\.?(?:,?\s+({YEAR})\b|\s+\((\d{{2}})\))?")),
    ("my", re.compile(rf"\b(?:(?:early|mid|late)[- ])?({MONTH})\.?,?\s+(?:of\s+)?({YEAR})\b")),
    ("season", re.compile(
        rf"\b(?:early|mid|late|spring|summer|fall|autumn|winter|end of|start of|beginning of)"
        rf"(?:[- ]|\s+of\s+)({YEAR})\b", re.I)),
    # "his 2006 Soul Train tour": a year named by the tour that follows it
    ("yearnoun", re.compile(rf"\b({YEAR})(?=\s+(?:[A-Z0-9][\w'’-]*\s+){{0,3}}"
                            rf"(?:world\s+|arena\s+|stadium\s+|farewell\s+|reunion\s+)?"
                            rf"(?:tours?|residency)\b)")),
    ("year", re.compile(
        rf"(?:\b(?:in|since|from|by|until|till|during|circa|to|and|of|year|around|before|after|"
        rf"In|Since|From|By|Until|During|Around|Before|After)"
        rf"\s+|[(,]\s*)({YEAR})\b(?![-–]\d|['’]s|\d)")),
    # "2021's Ghost Radio"
    ("yearposs", re.compile(rf"\b({YEAR})(?=['’]s\s+[A-Z0-9“\"‘'])")),
    ("month", re.compile(
        rf"\b(?:in|this|next|last|since|until|by|from|early|late|mid-?|through|of|during|"
        rf"coming)\s+({MONTH})\b(?!\.?\s*\d)")),
    ("weekday", re.compile(
        rf"\b(?:(this|next|last|past|on|coming)\s+)?({WEEKDAY})\b(?:\s+(morning|afternoon|"
        rf"evening|night))?(?!,?\s*\(?\s*(?:the\s+)?(?:{MONTH}|\d{{1,2}}(?:st|nd|rd|th)?"
        rf"(?:\s*{MONTH}|\s*[/.)]\s*\d|\)|\b(?!\s*(?:[:.]\d|[ap]\.?m|h\b)))))")),
    # "Friday, October 14" and "Friday (September 20)" are the date; "Friday 6pm KST" is not
    ("relative", re.compile(
        r"\b(today|tonight|tomorrow|yesterday|(?:this|next|last|past) (?:week|month|year)|"
        r"(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten) (year|month)s? ago)\b",
        re.I)),
]
NEEDS_MONTH = frozenset(("compact", "mdrange", "dmrange", "mdy", "dmy", "my", "month"))
NEEDS_DIGIT = frozenset(("iso", "numeric", "listed", "compact", "mdrange", "dmrange", "mdy", "dmy",
                         "my", "season", "yearnoun", "year", "yearposs"))
RELATIVE_WORDS = ("today", "tonight", "tomorrow", "yesterday", "week", "month", "year", "ago")
DIGIT = re.compile(r"\d")
MONTH_GATE = re.compile(MONTH)
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10}
FUTURE = re.compile(
    r"\b(?:will|won['’]t|['’]ll|shall|going to|gonna|upcoming|forthcoming|set to|due|slated|"
    r"scheduled|ahead of|arriving|arrives|arrive|drops|dropping|is out|are out|coming|"
    r"comes|on sale|plans?|kicks?|heads?|begins?|starts?|launch(?:es|ing)|opens?|hits?|"
    r"lands?|expected|next|pushed back|moved (?:up|back)|delayed|postponed|rescheduled|"
    r"brought forward|play|plays|tour(?:s|ing)?|preorder|pre-order|presave|until|to be|"
    r"turns|turning|celebrat(?:es|ing)|(?:is|are|am|['’]s|['’]re)\s+(?!going\b)\w+ing)\b",
    re.I)
PAST = re.compile(
    r"\b(?:was|were|had|did|ago|last|previously|earlier|already|took place|\w+ed|made|"
    r"came|went|began|sold|won|wrote|gave|saw|shared|released|dropped|born|joined)\b",
    re.I)
# Reporting verbs say when the news broke, not whether the date is past: "announced a July 15
# release date" is a future date.
# "shared", "posted" and "teased" are acts done on the day ("shared the single on Friday").
REPORTING = frozenset(("announced", "said", "revealed", "reported", "confirmed", "explained",
                       "added", "noted", "stated"))


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str
    date: PartialDate
    relative: bool = False  # computed from the published date, not written out
    # The year was not written: taken from the published date and the tense (or the article's
    # own year). A birth date never takes such a year.
    inferred: bool = False


def month_number(name: str) -> int:
    return MONTH_NUMBERS[name[:3].casefold()]


# "will be released", "is set to be shared": a participle after a future auxiliary looks ahead.
FUTURE_PARTICIPLE = re.compile(
    r"\b((?:will|won['’]t|['’]ll|shall)\s+(?:be\s+|have\s+been\s+|get\s+)?|"
    r"to\s+(?:be|have\s+been)\s+)(\w+ed)\b", re.I)


OUT_BEFORE = re.compile(r"(?:([\w-]+)\s+)?\bout\s+(?:on\s+)?$", re.I)
PAST_OUT = frozenset(("came", "was", "were", "been", "sold", "went", "put", "got", "come",
                      "had", "inside", "checked"))


def tense(before: str, after: str) -> str:
    """"future", "past" or "" from the verbs nearest the date (what precedes it counts most)."""
    out = OUT_BEFORE.search(before[-40:])
    if out and (out.group(1) or "").casefold() not in PAST_OUT:
        return "future"  # "new single "X", out Friday": a release's date, given ahead of it
    before = FUTURE_PARTICIPLE.sub(lambda m: m.group(1) + "x" * len(m.group(2)), before)
    after = FUTURE_PARTICIPLE.sub(lambda m: m.group(1) + "x" * len(m.group(2)), after)
    for near in (before[-70:], after[:40], before[-300:]):
        fut = [m.end() for m in FUTURE.finditer(near)]
        past = [m.end() for m in PAST.finditer(near)
                if m.group(0).casefold() not in REPORTING and not _not_verb(m.group(0))]
        if fut or past:
            # "slated", "scheduled": a word of both kinds looks ahead
            return "future" if max(fut, default=-1) >= max(past, default=-1) else "past"
    return ""


def _not_verb(word: str) -> bool:
    """Words ending in -ed that are not past verbs ("red", "need", "bed", "Ted")."""
    return word.casefold() in ("need", "red", "bed", "seed", "speed", "feed", "indeed",
                                "hundred", "sacred", "naked", "wicked", "beloved", "ed")


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


def find_dates(text: str, ref: date | None, anchor: int | None = None,
               tour_year: int | None = None) -> list[DateSpan]:
    """Every date written in `text` (quoted titles should already be masked by the caller).

    The date that opens a tour list line ("May 3 – Oslo, Spektrum") has no verb to give it a
    tense: it is the coming one, in `tour_year` when the article states the tour's year.
    """
    spans: list[DateSpan] = []
    listed = LISTED_DATE.match(text)
    taken: list[tuple[int, int]] = []
    folded = text.casefold()
    has_digit = DIGIT.search(text) is not None
    has_month = MONTH_GATE.search(text) is not None
    for kind, pattern in PATTERNS:
        # skip patterns that cannot match: most sentences hold no date at all
        if kind in NEEDS_MONTH and not has_month:
            continue
        if kind in NEEDS_DIGIT and not has_digit:
            continue
        if kind == "weekday" and "day" not in folded:
            continue
        if kind == "relative" and not any(w in folded for w in RELATIVE_WORDS):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "relative" and m.group(0)[0].isupper() and text[:m.start()].strip():
                continue  # "The Tonight Show", "USA Today": a name, unless it opens the sentence
            when = tense(text[:m.start()], text[m.end():])
            own_ref, own_anchor = ref, anchor
            if listed is not None and m.start() < listed.end() and kind not in ("weekday",
                                                                                 "relative"):
                when = "future"
                if tour_year is not None:
                    own_ref, own_anchor = None, tour_year
            try:
                found = _resolve(kind, m, own_ref, own_anchor, when)
            except (ValueError, OverflowError):  # a published date at the ends of the calendar
                found = None
            if found is None:
                continue
            if ref is not None and found.day is not None and _inferred(kind, m):
                found = _weekday_year(text[max(0, m.start() - 16):m.start()], found, ref)
            spans.append(DateSpan(m.start(), m.end(), m.group(0), found,
                                  kind in ("weekday", "relative"), _inferred(kind, m)))
            taken.append((m.start(), m.end()))
    if ref is not None and has_digit and THE_DAY.search(text):
        spans.extend(_days_only(text, ref, taken))
    spans.sort(key=lambda s: s.start)
    return _ranges(text, spans)


# "postponed to the 13th", "on the 5th, 7th, and 9th": days of a month the reader knows
THE_DAY = re.compile(r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b")
DAY_ONLY = re.compile(rf"\b(?:on|to|until|till|by|from|for|before|after)\s+the\s+"
                      rf"(\d{{1,2}})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?(?:(?!and\b)[a-z]|{MONTH}|-))")
DAY_MORE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b"
                      r"(?!\s*(?:of\s+)?(?!and\b)[a-z])")


def _days_only(text: str, ref: date, taken: list[tuple[int, int]]) -> list[DateSpan]:
    """A day without its month is in the published month, or the month next to it when the
    tense points there and the day is more than a week away."""
    out: list[DateSpan] = []
    for m in DAY_ONLY.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        when = tense(text[:m.start()], text[m.end():])
        found = [(m.start(), m.end(), int(m.group(1)))]
        pos = m.end()
        while (more := DAY_MORE.match(text, pos)) is not None:
            found.append((more.start(1), more.end(), int(more.group(1))))
            pos = more.end()
        for start, end, day in found:
            step = (1 if when == "future" and day < ref.day - 7 else
                    -1 if when == "past" and day > ref.day + 7 else 0)
            months = ref.year * 12 + ref.month - 1 + step
            dated = valid(months // 12, months % 12 + 1, day)
            if dated is not None:
                out.append(DateSpan(start, end, text[start:end], dated, True))
    return out


RANGE_GAP = re.compile(r"\s*(?:[-–—]|to|through|thru|until|till|and)\s*", re.I)
RANGE_START = re.compile(r"\b(?:from|between)\s+(?:\w+\s+)?$", re.I)


def _ranges(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """"from May 30 to June 2, 2027", "May 30 – June 2": one span dated by its first day, which
    takes its year from the last day when only that one has it written."""
    out: list[DateSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        gap = text[prev.end:span.start] if prev else ""
        if (prev is None or not RANGE_GAP.fullmatch(gap) or prev.relative or span.relative
                or prev.date.day is None or span.date.day is None
                or ("and" in gap.casefold() and not RANGE_START.search(text[:prev.start]))):
            out.append(span)
            continue
        start = prev
        if prev.inferred and not span.inferred:
            year = span.date.year - ((prev.date.month or 0) > (span.date.month or 0))
            dated = valid(year, prev.date.month or 1, prev.date.day)
            if dated is not None:
                start = DateSpan(prev.start, prev.end, prev.text, dated, False, False)
        out[-1] = DateSpan(start.start, span.end, text[start.start:span.end], start.date,
                           start.relative, start.inferred)
    return out


WEEKDAY_BEFORE = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:the\s+)?$")


def _weekday_year(before: str, found: PartialDate, ref: date) -> PartialDate:
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


def _inferred(kind: str, m: re.Match[str]) -> bool:
    if kind in ("mdy", "mdrange", "dmrange"):
        return not m.group(3)
    if kind == "dmy":
        return not (m.group(3) or m.group(4))
    if kind == "listed":
        return not m.group(3)
    return kind == "month"


def century(yy: int, ref: date | None) -> int:
    """A two-digit year in the century that keeps it no later than a year after `ref`."""
    limit = (ref.year if ref else 2069) + 1
    year = limit // 100 * 100 + yy
    return year - 100 if year > limit else year


def _resolve(kind: str, m: re.Match[str], ref: date | None, anchor: int | None,
             when: str) -> PartialDate | None:
    if kind == "iso":
        return valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if kind == "numeric":
        first, second = int(m.group(1)), int(m.group(2))
        month, day = (first, second) if first <= 12 else (second, first)
        return valid(int(m.group(3)), month, day)
    if kind == "listed":
        month, day = int(m.group(1)), int(m.group(2))
        if m.group(3):
            year = int(m.group(3))
            return valid(year if year > 99 else century(year, ref), month, day)
        return infer_year(month, day, ref, anchor, "future") if 1 <= month <= 12 else None
    if kind == "compact":
        return valid(century(int(m.group(3)), ref), month_number(m.group(2)), int(m.group(1)))
    if kind in ("mdy", "mdrange"):
        month, day = month_number(m.group(1)), int(m.group(2))
        if m.group(1) == "May" and not m.group(3) and day > 31:
            return None
        if m.group(3):
            return valid(int(m.group(3)), month, day)
        return infer_year(month, day, ref, anchor, when) if 1 <= day <= 31 else None
    if kind == "dmrange":
        month, day = month_number(m.group(2)), int(m.group(1))
        if m.group(3):
            return valid(int(m.group(3)), month, day)
        return infer_year(month, day, ref, anchor, when)
    if kind == "dmy":
        month, day = month_number(m.group(2)), int(m.group(1))
        if m.group(3):
            return valid(int(m.group(3)), month, day)
        if m.group(4):
            return valid(century(int(m.group(4)), ref), month, day)
        return infer_year(month, day, ref, anchor, when)
    if kind == "my":
        return valid(int(m.group(2)), month_number(m.group(1)), None)
    if kind in ("season", "yearnoun", "year", "yearposs"):
        return PartialDate(int(m.group(1)))
    if kind == "month":
        return infer_year(month_number(m.group(1)), None, ref, anchor, when)
    if ref is None:
        return None
    if kind == "weekday":
        d = weekday_date(m.group(1), WEEKDAY_NUMBERS[m.group(2)[:3].casefold()], ref, when)
        return PartialDate(d.year, d.month, d.day)
    return relative_date(m, ref)


LIFE = re.compile(r"\b(?:born|died|b\.|d\.)\s+(?:\w+\s+){0,2}$", re.I)
ANCHOR = re.compile(rf"\b{MONTH}\.?\s+\d{{1,2}}{ORD},?\s+({YEAR})\b"
                    rf"|\b\d{{1,2}}{ORD}\s+{MONTH},?\s+({YEAR})\b")


TOUR_YEAR = re.compile(rf"\b({YEAR})\s+(?:[\w'’-]+\s+){{0,3}}?tour\b"
                       rf"|\btour\b[^.]{{0,60}}?\b(?:in|for)\s+({YEAR})\b(?![-–/])", re.I)


def tour_year(text: str) -> int | None:
    """The year the article gives its tour ("their 2027 tour", "will tour Europe in 2027");
    none when it names two."""
    years = {int(m.group(1) or m.group(2)) for m in TOUR_YEAR.finditer(text)}
    return years.pop() if len(years) == 1 else None


def anchor_year(text: str) -> int | None:
    """The year an undated article is about: the latest year written in its full dates (a
    birth or death date says nothing about when the article was written)."""
    years = [int(m.group(1) or m.group(2)) for m in ANCHOR.finditer(text)
             if not LIFE.search(text[max(0, m.start() - 25):m.start()])]
    return max(years) if years else None
