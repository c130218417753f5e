"""Reminder times as fans type them, each with what it should mean: the table that
tests/test_reminder_phrasings.py checks `parse_when` against and benchmarks/bench_when.py scores
readers on.

"Now" is Wednesday 25 November 2026, 10:00 in New York (15:00 UTC): a zone away from UTC, so a
reader that ignores the user's zone shows. An expected time is the local wall time in that zone.
The product's conventions (tests/test_schedule_when.py): a date without a time means 09:00, a
bare time that has passed today means tomorrow, "next friday" said on a Wednesday is this week's
Friday, "tonight" is 20:00, "this evening" 18:00 and a clock with a colon is a 24-hour clock.

A refusal is expected where the words do not say which time they mean (`AMBIGUOUS`: "at 7" is
07:00 or 19:00, "03/04" is 3 April or 4 March), where they name a time already past (`PAST`),
where they name no time at all (`VAGUE`) or a day that does not exist (`INVALID`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE).astimezone(UTC)

AMBIGUOUS, PAST, VAGUE, INVALID = "ambiguous", "past", "vague", "invalid"

Local = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Phrasing:
    text: str
    expected: Local | str  # a local wall time in ZONE, or why it must be refused

    @property
    def refused(self) -> bool:
        return isinstance(self.expected, str)

    def instant(self) -> datetime:
        assert not isinstance(self.expected, str)
        return datetime(*self.expected, tzinfo=ZONE).astimezone(UTC)


def _p(text: str, expected: Local | str) -> Phrasing:
    return Phrasing(text, expected)


PHRASINGS: list[Phrasing] = [
    # durations from now
    _p("in 2 hours", (2026, 11, 25, 12, 0)),
    _p("in 90 minutes", (2026, 11, 25, 11, 30)),
    _p("in 30 mins", (2026, 11, 25, 10, 30)),
    _p("in 10 min", (2026, 11, 25, 10, 10)),
    _p("in 2 hrs", (2026, 11, 25, 12, 0)),
    _p("in an hour", (2026, 11, 25, 11, 0)),
    _p("in two hours", (2026, 11, 25, 12, 0)),
    _p("in three days", (2026, 11, 28, 10, 0)),
    _p("in 2.5 hours", (2026, 11, 25, 12, 30)),
    _p("in 1 hour 30 minutes", (2026, 11, 25, 11, 30)),
    _p("in half an hour", (2026, 11, 25, 10, 30)),
    _p("2 hours from now", (2026, 11, 25, 12, 0)),
    _p("in 48 hours", (2026, 11, 27, 10, 0)),
    _p("in a week", (2026, 12, 2, 10, 0)),
    _p("in 2 weeks", (2026, 12, 9, 10, 0)),
    _p("in 1 month", (2026, 12, 25, 10, 0)),
    _p("in 2 months", (2027, 1, 25, 10, 0)),
    _p("in 3 days at noon", (2026, 11, 28, 12, 0)),
    # today, tonight, tomorrow
    _p("tomorrow", (2026, 11, 26, 9, 0)),
    _p("tomorrow 9am", (2026, 11, 26, 9, 0)),
    _p("tomorrow at 6pm", (2026, 11, 26, 18, 0)),
    _p("tomorrow 18:00", (2026, 11, 26, 18, 0)),
    _p("6pm tomorrow", (2026, 11, 26, 18, 0)),
    _p("noon tomorrow", (2026, 11, 26, 12, 0)),
    _p("tomorrow at noon", (2026, 11, 26, 12, 0)),
    _p("tomorrow morning", (2026, 11, 26, 9, 0)),
    _p("the day after tomorrow", (2026, 11, 27, 9, 0)),
    _p("today at 5pm", (2026, 11, 25, 17, 0)),
    _p("tonight", (2026, 11, 25, 20, 0)),
    _p("tonight at 8", (2026, 11, 25, 20, 0)),
    _p("tonight at 11pm", (2026, 11, 25, 23, 0)),
    _p("this evening", (2026, 11, 25, 18, 0)),
    # a time alone
    _p("7pm", (2026, 11, 25, 19, 0)),
    _p("7 PM", (2026, 11, 25, 19, 0)),
    _p("at 6:30pm", (2026, 11, 25, 18, 30)),
    _p("19:30", (2026, 11, 25, 19, 30)),
    _p("noon", (2026, 11, 25, 12, 0)),
    _p("midnight", (2026, 11, 26, 0, 0)),
    _p("9am", (2026, 11, 26, 9, 0)),  # 09:00 has passed today
    # weekdays
    _p("friday", (2026, 11, 27, 9, 0)),
    _p("next friday at 6pm", (2026, 11, 27, 18, 0)),
    _p("friday 18:00", (2026, 11, 27, 18, 0)),
    _p("fri 6pm", (2026, 11, 27, 18, 0)),
    _p("9am friday", (2026, 11, 27, 9, 0)),
    _p("on saturday at 2pm", (2026, 11, 28, 14, 0)),
    _p("monday", (2026, 11, 30, 9, 0)),
    _p("next tuesday", (2026, 12, 1, 9, 0)),
    _p("friday next week", (2026, 12, 4, 9, 0)),
    _p("next week monday 10am", (2026, 11, 30, 10, 0)),
    # dates
    _p("dec 24 6pm", (2026, 12, 24, 18, 0)),
    _p("24 December at 18:00", (2026, 12, 24, 18, 0)),
    _p("December 24th at 6pm", (2026, 12, 24, 18, 0)),
    _p("Dec 24, 2026 6:00 PM", (2026, 12, 24, 18, 0)),
    _p("dec 1", (2026, 12, 1, 9, 0)),
    _p("1st december 7pm", (2026, 12, 1, 19, 0)),
    _p("2026-12-24 18:00", (2026, 12, 24, 18, 0)),
    _p("2026/12/24 18:00", (2026, 12, 24, 18, 0)),
    _p("12/24 6pm", (2026, 12, 24, 18, 0)),
    _p("24/12 18:00", (2026, 12, 24, 18, 0)),
    _p("12/24/2026 6pm", (2026, 12, 24, 18, 0)),
    _p("24.12.2026 18:00", (2026, 12, 24, 18, 0)),
    _p("the 30th at 8pm", (2026, 11, 30, 20, 0)),
    _p("jan 5", (2027, 1, 5, 9, 0)),
    _p("christmas eve", (2026, 12, 24, 9, 0)),
    # another zone named
    _p("tomorrow 18:00 UTC", (2026, 11, 26, 13, 0)),
    # typos and shorthand
    _p("tmrw 9am", (2026, 11, 26, 9, 0)),
    _p("tomorow 9am", (2026, 11, 26, 9, 0)),
    _p("in 2 hr", (2026, 11, 25, 12, 0)),
    _p("in 45m", (2026, 11, 25, 10, 45)),
    # which time is meant is not said
    _p("at 7", AMBIGUOUS),
    _p("monday at 10", AMBIGUOUS),
    _p("tomorrow 6", AMBIGUOUS),
    _p("03/04 5pm", AMBIGUOUS),
    _p("12/05", AMBIGUOUS),
    _p("4/5/2027", AMBIGUOUS),
    # already past
    _p("today 9am", PAST),
    _p("yesterday", PAST),
    _p("last friday", PAST),
    _p("2025-12-24", PAST),
    # no time at all, or no such day
    _p("later", VAGUE),
    _p("soon", VAGUE),
    _p("next week", VAGUE),
    _p("someday", VAGUE),
    _p("check the vinyl", VAGUE),
    _p("31/11 18:00", INVALID),
    _p("feb 30", INVALID),
]
