"""Date spans with their precision; years inferred from the published date and the tense."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.extract.gates import any_of
from bot.extract.sentences import LISTED_DATE
from bot.extract.tense import reported_before, tense
from bot.extract.years import (
    NUMBER_WORDS,
    WEEKDAY_NUMBERS,
    century,
    infer_year,
    relative_date,
    too_far_back,
    valid,
    weekday_date,
    weekday_year,
)
from bot.partial_dates import PartialDate

MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Month names are matched capitalised only, so the verbs "may" and "march" are not months.
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH"
         r"|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)")
WEEKDAY = r"(?:Mon|Tues?|Wednes|Thu(?:rs)?|Fri|Satur|Sun)day"
YEAR = r"(?:1[89]\d\d|20\d\d)"
ORD = r"(?:st|nd|rd|th)?"

NUMBER = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "03/14 – Seattle", "05-12 Brooklyn, NY": a tour list line, month first as in US
    # listings; only at the start
    ("listed", re.compile(r"^\s*(\d{1,2})(?:/|-(?=\d\d\s))(\d{1,2})(?:/(\d{4}|\d{2}))?"
                          r"(?=\s*[-–—:|@,]|\s+[A-Z])")),
    # "twenty years ago today", "on this day in 1999": the published day in another year
    ("agotoday", re.compile(rf"\b({NUMBER})\s+years?\s+ago\s+today\b", re.I)),
    ("thisday", re.compile(rf"\b[Oo]n this (?:day|date),?\s+(?:back\s+)?in\s+({YEAR})\b")),
    # "2024-10-21", "2024.10.21" (K-pop agencies), "10/21/2024" (month first unless it cannot be)
    ("iso", re.compile(rf"\b({YEAR})[-./](\d{{1,2}})[-./](\d{{1,2}})\b(?![-./]\d)")),
    ("numeric", re.compile(rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/({YEAR})\b")),
    # "is out 11/3 on Capitol": month/day without a year, read only right after a release
    # word (a bare "9/11" or "4/5 stars" is no date)
    ("outmd", re.compile(r"(?:(?<=\bout )|(?<=\bdue )|(?<=\bout on )|(?<=\bdue on )|"
                         r"(?<=\barrives )|(?<=\bdrops )|(?<=\breleased )|(?<=\bavailable ))"
                         r"(\d{1,2})/(\d{1,2})(?![/\d])")),
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
        rf"\b({MONTH})\.?\s+(\d{{1,2}}){ORD}(?!\d|:\d)"
        # "June 3rdDeluxe": a page's lost space after an ordinal still ends the day
        rf"(?:\b|(?<=st|nd|rd|th)(?=[A-Z]))(?:,?\s+({YEAR})\b)?")),
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
        rf"coming|(?:this\s+)?past|"
        # "pushed back to November": a move's new month
        rf"(?:(?<=\bback )|(?<=\bup )|(?<=\bforward )|(?<=\bdelayed )|(?<=\bpostponed )|"
        rf"(?<=\bpushed )|(?<=\bmoved ))to)\s+({MONTH})\b(?!\.?\s*\d)")),
    ("weekday", re.compile(
        rf"\b(?:(this|next|last|past|on|coming)\s+)?({WEEKDAY})\b(?:\s+(morning|afternoon|"
        rf"evening|night))?(?!,?\s*\(?\s*(?:the\s+)?(?:{MONTH}|\d{{1,2}}(?:st|nd|rd|th)?"
        rf"(?:\s*{MONTH}|\s*[/.)]\s*\d|\)|\b(?!\s*(?:[:.]\d|[ap]\.?m|h\b)))))")),
    # "moved up to Halloween", "out on Christmas Day": a holiday with a fixed day (after a
    # word that makes it the day: "a Halloween single" or "in time for Christmas" is none)
    ("holiday", re.compile(r"(?:(?<=\b[Oo]n )|(?<=\b[Tt]o )|(?<=\buntil )|(?<=\btill )|"
                           r"(?<=\bat ))(Halloween|Christmas(?: Day| Eve)?|"
                           r"New Year['’]s (?:Day|Eve)|Valentine['’]s Day)(?![\w'’-]|\s+[a-z])")),
    # "on the 13th of next month": a day of the month before, this or next one
    ("dayofmonth", re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\s+of\s+(this|next|last)\s+month\b",
                              re.I)),
    # "Friday, October 14" and "Friday (September 20)" are the date; "Friday 6pm KST" is not
    ("relative", re.compile(
        r"\b(today|tonight|tomorrow|yesterday|(?:this|next|last|past) (?:week|month|year)|"
        r"(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten) (year|month)s? ago)\b",
        re.I)),
]
NEEDS_MONTH = frozenset(("compact", "mdrange", "dmrange", "mdy", "dmy", "my", "month"))
NEEDS_DIGIT = frozenset(("iso", "numeric", "outmd", "listed", "compact", "mdrange", "dmrange",
                         "mdy", "dmy", "my", "season", "yearnoun", "year", "yearposs"))
RELATIVE_WORDS = ("today", "tonight", "tomorrow", "yesterday", "week", "month", "year", "ago")
RELATIVE_GATE = any_of(RELATIVE_WORDS)
DIGIT = re.compile(r"\d")
HOLIDAY_GATE = any_of(("halloween", "christmas", "new year", "valentine"))
HOLIDAYS = {"halloween": (10, 31), "christmas": (12, 25), "christmas day": (12, 25),
            "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31),
            "valentine's day": (2, 14)}
# Patterns that cannot match without a written year, and a plain search for one
NEEDS_YEAR = frozenset(("thisday", "iso", "numeric", "my", "season", "yearnoun", "year",
                        "yearposs"))
YEAR_GATE = re.compile(YEAR)
RANGE_GATE = re.compile(r"\d(?:st|nd|rd|th)?\s*(?:[-–—]|to|through)\s*\d")
MONTH_GATE = re.compile(MONTH)


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
    has_range = has_month and RANGE_GATE.search(text) is not None
    has_year = has_digit and YEAR_GATE.search(text) is not None
    for kind, pattern in PATTERNS:
        # skip patterns that cannot match: most sentences hold no date at all
        if kind in NEEDS_MONTH and not has_month:
            continue
        if kind in NEEDS_DIGIT and not has_digit:
            continue
        if kind in NEEDS_YEAR and not has_year:
            continue
        if kind == "weekday" and "day" not in folded:
            continue
        if kind == "relative" and not RELATIVE_GATE.search(folded):
            continue
        if kind == "holiday" and not HOLIDAY_GATE.search(folded):
            continue
        if kind == "dayofmonth" and (not has_digit or "month" not in folded):
            continue
        if kind == "agotoday" and "ago" not in folded:
            continue
        if kind in ("mdrange", "dmrange") and not has_range:
            continue
        if kind == "yearnoun" and "tour" not in folded and "residency" not in folded:
            continue
        if kind == "thisday" and "this da" not in folded:
            continue
        if kind == "outmd" and "/" not in text:
            continue  # "out 11/3": its lookbehinds are tried at every place, the slash is cheap
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "relative" and m.group(0)[0].isupper() and text[:m.start()].strip():
                continue  # "The Tonight Show", "USA Today": a name, unless it opens the sentence
            # the tense is read only for a date whose year or day it settles
            when: Callable[[], str] = functools.partial(_tense_around, text, m.start(), m.end())
            own_ref, own_anchor = ref, anchor
            if listed is not None and m.start() < listed.end() and kind not in ("weekday",
                                                                                 "relative"):
                when = _future
                if tour_year is not None:
                    own_ref, own_anchor = None, tour_year
            try:
                found = _resolve(kind, m, own_ref, own_anchor, when)
            except (ValueError, OverflowError):  # a published date at the ends of the calendar
                found = None
            if found is None:
                continue
            if ref is not None and found.day is not None and _inferred(kind, m):
                before = text[max(0, m.start() - 16):m.start()]
                found = weekday_year(before, found, ref)
                if too_far_back(before, found, ref):
                    found = infer_year(found.month or 1, found.day, ref, anchor, "") or found
            spans.append(DateSpan(m.start(), m.end(), m.group(0), found,
                                  kind in ("weekday", "relative", "agotoday", "thisday",
                                           "dayofmonth"),
                                  _inferred(kind, m)))
            taken.append((m.start(), m.end()))
    if ref is not None and has_digit and THE_DAY.search(text):
        spans.extend(_days_only(text, ref, taken))
    spans.sort(key=lambda s: s.start)
    if " and " in text and has_month:
        spans = _more_days(text, spans)
    if has_month and any(s.date.day is None and s.date.month for s in spans):
        spans = _more_months(text, spans)
    if ("later" in folded or "following year" in folded or "next year" in folded
            or "same year" in folded or "that year" in folded):
        spans = _years_later(text, spans)
    return _ranges(text, spans)


# "signed in 1971 and released her debut a year later" (or "later that year"): a year counted
# from the one before
LATER = re.compile(rf"\b(?:({NUMBER})\s+years?\s+later|the\s+(following|next)\s+year|"
                   rf"(later|earlier)\s+that\s+year|(?:that|the)\s+(same)\s+year)\b", re.I)


def _years_later(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Add "a year later", "two years later", "the following year": the year the sentence's
    written date before it gives, plus that many (nothing when no written date comes first)."""
    added: list[DateSpan] = []
    for m in LATER.finditer(text):
        before = [s for s in spans if s.end <= m.start() and not s.relative]
        if not before or any(s.start < m.end() and m.start() < s.end for s in spans):
            continue
        word = (m.group(1) or "one").casefold()
        n = 0 if m.group(3) or m.group(4) else (
            int(word) if word.isdigit() else NUMBER_WORDS.get(word))
        if n is None:
            continue
        year = before[-1].date.year + n
        added.append(DateSpan(m.start(), m.end(), m.group(0), PartialDate(year)))
    return sorted([*spans, *added], key=lambda s: s.start) if added else spans


def later_than_before(text: str, spans: list[DateSpan],
                      before: list[DateSpan]) -> list[DateSpan]:
    """"Its follow-up arrived two years later" after a sentence that gave 2015: the year counted
    from the last written year of the sentence before (`before`), when this one writes none
    ahead of it."""
    earlier = [s for s in before if not s.relative]
    if not earlier or "later" not in text.casefold():
        return spans
    seed = DateSpan(0, 0, "", earlier[-1].date)  # stands before everything in this sentence
    return [s for s in _years_later(text, [seed, *spans]) if s is not seed]


# "Rivers, who turned 31 the same day": the day the sentence before gave
SAME_DAY = re.compile(r"\b(?:the|that)\s+(?:same|very)\s+day\b", re.I)


def same_day(text: str, spans: list[DateSpan], before: list[DateSpan]) -> list[DateSpan]:
    """"the same day" of a sentence that writes no day of its own: the one day the sentence
    before gave (none when it gave several or none)."""
    days = [s for s in before if s.date.day is not None]
    if len(days) != 1 or any(s.date.day is not None for s in spans) or "day" not in text:
        return spans
    m = SAME_DAY.search(text)
    if m is None:
        return spans
    said = DateSpan(m.start(), m.end(), m.group(0), days[0].date, days[0].relative,
                    days[0].inferred)
    return sorted([*spans, said], key=lambda s: s.start)


# "postponed to the 13th", "on the 5th, 7th, and 9th": days of a month the reader knows
THE_DAY = re.compile(r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b")
# what may follow such a day: "the 13th." or "the 5th, 7th and 9th", never a noun ("the 13th
# Annual Awards", "the 2nd floor", "the 5th of November")
DAY_END = r"(?=\s*(?:[,.;:)!?—–]|$|and\b|at\b|in\b|with\b|when\b|as\b|so\b|to\b|through\b))"
DAY_ONLY = re.compile(r"\b(?:on|to|until|till|by|from|for|before|after)\s+the\s+"
                      rf"(\d{{1,2}})(?:st|nd|rd|th)\b{DAY_END}")
DAY_MORE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b"
                      + DAY_END)


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


# "June 8th and 10th", "May 3, 5 and 7": more days of the month just written
MORE_DAYS = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(\d{1,2})(?:st|nd|rd|th)?\b" + DAY_END)


def _more_days(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Add the days that follow a written day of a month ("played June 8th and 10th"): each in
    the same month and year, as the first one."""
    added: list[DateSpan] = []
    for span in spans:
        d = span.date
        if span.relative or d.day is None or d.month is None or not MONTH_GATE.match(span.text):
            continue  # only after "June 8": a month name, then its day
        pos = span.end
        while (more := MORE_DAYS.match(text, pos)) is not None:
            day = int(more.group(1))
            if any(s.start < more.end() and more.start() < s.end for s in spans) or day <= d.day:
                break  # a year ("June 8, 2013") or another date: not a day of this month
            dated = valid(d.year, d.month, day)
            if dated is None:
                break
            added.append(DateSpan(more.start(1), more.end(), text[more.start(1):more.end()],
                                  dated, False, span.inferred))
            pos = more.end()
    return sorted([*spans, *added], key=lambda s: s.start) if added else spans


MORE_MONTHS = re.compile(rf"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)({MONTH})\b(?!\.?\s*\d)")


def _more_months(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Add the months that follow a month ("released in March and April respectively"): each
    in the first one's year, and only later in it (a list that wraps into the next year says
    nothing of which year)."""
    added: list[DateSpan] = []
    for span in spans:
        d = span.date
        if span.relative or d.month is None or d.day is not None:
            continue
        pos, last = span.end, d.month
        while (more := MORE_MONTHS.match(text, pos)) is not None:
            month = month_number(more.group(1))
            if month <= last or any(s.start < more.end() and more.start() < s.end
                                    for s in spans):
                break
            added.append(DateSpan(more.start(1), more.end(), more.group(1),
                                  PartialDate(d.year, month), False, span.inferred))
            pos, last = more.end(), month
    return sorted([*spans, *added], key=lambda s: s.start) if added else spans


RANGE_GAP = re.compile(r"\s*(?:[-–—]|to|through|thru|until|till|and)\s*", re.I)
RANGE_START = re.compile(r"\b(?:from|between)\s+(?:\w+\s+)?$", re.I)
# "pushed back from January 16 to February 6": two dates, the old and the new, not a range
MOVED_FROM = re.compile(r"\b(?:push\w*|mov(?:e|es|ed|ing)|delay\w*|postpon\w*|reschedul\w*|"
                        r"brought|shift\w*|chang\w*|bump\w*)\b[^.;]{0,80}$", re.I)


def _ranges(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """"from May 30 to June 2, 2027", "May 30 – June 2": one span dated by its first day, which
    takes its year from the last day when only that one has it written."""
    out: list[DateSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        gap = text[prev.end:span.start] if prev else ""
        if (prev is None or not RANGE_GAP.fullmatch(gap) or prev.relative or span.relative
                or prev.date.day is None or span.date.day is None
                or ("and" in gap.casefold() and not RANGE_START.search(text[:prev.start]))
                or MOVED_FROM.search(text, max(0, prev.start - 90), prev.start)):
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


def _inferred(kind: str, m: re.Match[str]) -> bool:
    if kind in ("mdy", "mdrange", "dmrange"):
        return not m.group(3)
    if kind == "dmy":
        return not (m.group(3) or m.group(4))
    if kind == "listed":
        return not m.group(3)
    return kind in ("month", "outmd", "holiday")


def _tense_around(text: str, start: int, end: int) -> str:
    # ("in May", "on Monday": a span's own preposition is read with what comes before it)
    lead = _LEAD.match(text, start, end)
    return tense(text[:lead.end() if lead else start], text[end:])


_LEAD = re.compile(r"(?:in|on)\s+", re.I)


def _future() -> str:
    return "future"  # a tour list line's date has no verb: the coming one


def _resolve(kind: str, m: re.Match[str], ref: date | None, anchor: int | None,
             when: Callable[[], str]) -> PartialDate | None:
    if kind == "iso":
        return valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if kind == "dayofmonth":
        if ref is None:
            return None
        step = {"this": 0, "next": 1, "last": -1}[m.group(2).casefold()]
        months = ref.year * 12 + ref.month - 1 + step
        return valid(months // 12, months % 12 + 1, int(m.group(1)))
    if kind == "holiday":
        month, day = HOLIDAYS[m.group(1).casefold().replace("’", "'")]
        return infer_year(month, day, ref, anchor, when())
    if kind == "numeric":
        first, second = int(m.group(1)), int(m.group(2))
        month, day = (first, second) if first <= 12 else (second, first)
        return valid(int(m.group(3)), month, day)
    if kind == "outmd":
        month, day = int(m.group(1)), int(m.group(2))
        return infer_year(month, day, ref, anchor, when()) if 1 <= month <= 12 else None
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
        return infer_year(month, day, ref, anchor, when()) if 1 <= day <= 31 else None
    if kind == "dmrange":
        month, day = month_number(m.group(2)), int(m.group(1))
        if m.group(3):
            return valid(int(m.group(3)), month, day)
        return infer_year(month, day, ref, anchor, when())
    if kind == "dmy":
        month, day = month_number(m.group(2)), int(m.group(1))
        if m.group(3):
            return valid(int(m.group(3)), month, day)
        if m.group(4):
            return valid(century(int(m.group(4)), ref), month, day)
        return infer_year(month, day, ref, anchor, when())
    if kind == "my":
        return valid(int(m.group(2)), month_number(m.group(1)), None)
    if kind in ("season", "yearnoun", "year", "yearposs"):
        return PartialDate(int(m.group(1)))
    if kind == "month":
        # ("this past January": gone by, whatever the verb)
        said = "past" if PAST_MONTH.match(m.group(0)) else when()
        return infer_year(month_number(m.group(1)), None, ref, anchor, said)
    if ref is None:
        return None
    if kind in ("agotoday", "thisday"):
        n = m.group(1)
        year = int(n) if kind == "thisday" else ref.year - (
            int(n) if n.isdigit() else NUMBER_WORDS[n.casefold()])
        return valid(year, ref.month, ref.day) or PartialDate(year)  # 29 February: the year
    if kind == "weekday":
        said = when() or ("past" if reported_before(m.string[:m.start()]) else "")
        d = weekday_date(m.group(1), WEEKDAY_NUMBERS[m.group(2)[:3].casefold()], ref, said)
        return PartialDate(d.year, d.month, d.day)
    return relative_date(m, ref)


PAST_MONTH = re.compile(r"(?:this\s+)?past\s", re.I)
LIFE = re.compile(r"\b(?:born|died|b\.|d\.)\s+(?:\w+\s+){0,2}$", re.I)
ANCHOR = re.compile(rf"\b{MONTH}\.?\s+\d{{1,2}}{ORD},?\s+({YEAR})\b"
                    rf"|\b\d{{1,2}}{ORD}\s+{MONTH},?\s+({YEAR})\b")


TOUR_YEAR = re.compile(rf"\b({YEAR})\s+(?:[\w'’-]+\s+){{0,3}}?tour\b"
                       rf"|\btour\b[^.]{{0,60}}?\b(?:in|for)\s+({YEAR})\b(?![-–/])", re.I)


def tour_year(text: str) -> int | None:
    """The year the article gives its tour ("their 2027 tour", "will tour Europe in 2027");
    none when it names two."""
    if "tour" not in text.casefold():
        return None  # most articles hold no tour: skip the pattern
    years = {int(m.group(1) or m.group(2)) for m in TOUR_YEAR.finditer(text)}
    return years.pop() if len(years) == 1 else None


def anchor_year(text: str) -> int | None:
    """The year an undated article is about: the latest year written in its full dates (a
    birth or death date says nothing about when the article was written)."""
    years = [int(m.group(1) or m.group(2)) for m in ANCHOR.finditer(text)
             if not LIFE.search(text[max(0, m.start() - 25):m.start()])]
    return max(years) if years else None
