"""A weekday written alone after a run of days ("on July 16-18 … will headline Friday night")
is the day of that run, not the Friday after the article was published."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from bot.extract.dates import DateSpan
from bot.extract.roles import role
from bot.extract.sentences import Sentence
from bot.partial_dates import PartialDate

RUN = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:[-–—]|to|through)\s*"
                 r"(?:([A-Z][a-z]{2,8})\.?\s+)?(\d{1,2})\b")  # "June 13 to June 15" too
# "Friday", "on Friday", "Saturday night": a weekday with nothing saying which week
BARE_WEEKDAY = re.compile(r"(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|"
                          r"sunday)(?:\s+(?:morning|afternoon|evening|night))?", re.I)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# what a weekday of its own is the day of, whatever the article's run of days
NOT_IN_RUN = frozenset(("sale", "statement", "promo", "deal", "release", "birth", "death"))
LONGEST_RUN = 10  # days: a festival or a residency's weekend, not a tour


def weekdays_in_runs(dated: list[tuple[Sentence, list[DateSpan]]]
                     ) -> list[tuple[Sentence, list[DateSpan]]]:
    """The sentences' dates, a bare weekday after a run of days moved into that run (the
    latest run written before it, when it holds that weekday once)."""
    run: tuple[datetime.date, datetime.date] | None = None
    out: list[tuple[Sentence, list[DateSpan]]] = []
    for sent, spans in dated:
        moved = list(spans)
        for i, span in enumerate(spans):
            found = _run(span)
            if found is not None:
                run = found
                continue
            weekday = BARE_WEEKDAY.fullmatch(span.text) if span.relative else None
            if run is None or weekday is None or role(sent.text, span) in NOT_IN_RUN:
                continue  # ("Tickets go on sale Friday": the coming Friday, not the run's)
            wanted = WEEKDAYS.index(weekday.group(1).casefold())
            days = [run[0] + datetime.timedelta(days=n)
                    for n in range((run[1] - run[0]).days + 1)]
            matching = [d for d in days if d.weekday() == wanted]
            if len(matching) == 1:
                day = matching[0]
                moved[i] = replace(span, date=PartialDate(day.year, day.month, day.day))
        out.append((sent, moved))
    return out


def _run(span: DateSpan) -> tuple[datetime.date, datetime.date] | None:
    m = RUN.search(span.text)
    if m is None or span.date.day is None or span.date.month is None:
        return None
    if m.group(2) and not span.text.startswith(m.group(2)):
        return None  # (a run into another month is read as two dates, not as a run)
    first, last = int(m.group(1)), int(m.group(3))
    if first != span.date.day or not first < last <= first + LONGEST_RUN:
        return None
    start = datetime.date(span.date.year, span.date.month, span.date.day)
    try:
        end = datetime.date(span.date.year, span.date.month, last)
    except ValueError:
        return None
    return start, end
