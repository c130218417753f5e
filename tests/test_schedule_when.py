"""parse_when: every accepted form in two zones, daylight-saving changes, and each bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import UserError
from bot.schedule.when import parse_when, split_when

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
SEOUL = ZoneInfo("Asia/Seoul")


def local(tz: ZoneInfo, *args: int) -> datetime:
    """A local wall time in `tz` as a UTC instant (the first, on a repeated hour)."""
    year, month, day, hour, minute = args
    return datetime(year, month, day, hour, minute, tzinfo=tz).astimezone(UTC)


# Wednesday 25 November 2026, 10:00 local, in each zone.
NOW_LOCAL = (2026, 11, 25, 10, 0)

FORMS = [
    ("in 2 days", (2026, 11, 27, 10, 0)),
    ("in 3 hours", (2026, 11, 25, 13, 0)),
    ("in 90 minutes", (2026, 11, 25, 11, 30)),
    ("in 1 week", (2026, 12, 2, 10, 0)),
    ("in an hour", (2026, 11, 25, 11, 0)),
    ("tomorrow", (2026, 11, 26, 9, 0)),
    ("tomorrow 18:00", (2026, 11, 26, 18, 0)),
    ("tomorrow at 6pm", (2026, 11, 26, 18, 0)),
    ("Tomorrow at 6 PM", (2026, 11, 26, 18, 0)),
    ("today 21:30", (2026, 11, 25, 21, 30)),
    ("tonight", (2026, 11, 25, 20, 0)),
    ("tonight at 11pm", (2026, 11, 25, 23, 0)),
    ("next friday", (2026, 11, 27, 9, 0)),
    ("friday 9am", (2026, 11, 27, 9, 0)),
    ("next wednesday", (2026, 12, 2, 9, 0)),
    ("wednesday 11:00", (2026, 11, 25, 11, 0)),
    ("wednesday 9am", (2026, 12, 2, 9, 0)),
    ("2026-12-01", (2026, 12, 1, 9, 0)),
    ("2026-12-01 18:00", (2026, 12, 1, 18, 0)),
    ("december 1 18:00", (2026, 12, 1, 18, 0)),
    ("Dec 1st, 2026 at 6:30pm", (2026, 12, 1, 18, 30)),
    ("1 dec", (2026, 12, 1, 9, 0)),
    ("25 nov", (2027, 11, 25, 9, 0)),  # this year's has passed (09:00 < 10:00)
    ("18:00", (2026, 11, 25, 18, 0)),
    ("09:00", (2026, 11, 26, 9, 0)),  # already past today
    ("noon", (2026, 11, 25, 12, 0)),
    ("12am", (2026, 11, 26, 0, 0)),
]


@pytest.mark.parametrize("tz", [LONDON, SEOUL, NY], ids=lambda z: z.key)
@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_forms(text: str, expected: tuple[int, ...], tz: ZoneInfo) -> None:
    now = local(tz, *NOW_LOCAL)
    got = parse_when(text, now, tz)
    assert got.tzinfo is UTC
    assert got == local(tz, *expected)


def test_the_same_words_are_different_instants_in_different_zones() -> None:
    now = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)
    assert parse_when("2026-12-01 18:00", now, LONDON) == datetime(2026, 12, 1, 18, tzinfo=UTC)
    assert parse_when("2026-12-01 18:00", now, SEOUL) == datetime(2026, 12, 1, 9, tzinfo=UTC)
    # At 04:00 UTC it is still Tuesday evening in New York: "tomorrow" is Wednesday.
    assert parse_when("tomorrow", now, NY) == datetime(2026, 11, 25, 14, tzinfo=UTC)


def test_yearless_date_after_it_passed_is_next_year() -> None:
    now = local(LONDON, 2026, 12, 5, 12, 0)
    assert parse_when("1 dec", now, LONDON) == local(LONDON, 2027, 12, 1, 9, 0)


# --- daylight-saving changes -----------------------------------------------------------

def test_days_keep_the_wall_clock_across_fall_back() -> None:
    now = local(NY, 2026, 10, 31, 10, 0)  # EDT
    assert parse_when("in 2 days", now, NY) == datetime(2026, 11, 2, 15, tzinfo=UTC)  # 10:00 EST
    # Hours are exact durations: 48 hours later the clock reads 09:00.
    assert parse_when("in 48 hours", now, NY) == datetime(2026, 11, 2, 14, tzinfo=UTC)


def test_days_keep_the_wall_clock_across_spring_forward() -> None:
    now = local(LONDON, 2026, 3, 28, 10, 0)  # GMT
    assert parse_when("in 1 day", now, LONDON) == datetime(2026, 3, 29, 9, tzinfo=UTC)  # BST
    assert parse_when("tomorrow 09:00", now, LONDON) == datetime(2026, 3, 29, 8, tzinfo=UTC)


def test_nine_o_clock_on_change_days() -> None:
    assert parse_when("tomorrow", local(NY, 2026, 3, 7, 12, 0), NY) == datetime(
        2026, 3, 8, 13, tzinfo=UTC)
    assert parse_when("tomorrow", local(NY, 2026, 10, 31, 12, 0), NY) == datetime(
        2026, 11, 1, 14, tzinfo=UTC)
    assert parse_when("tomorrow", local(LONDON, 2026, 10, 24, 12, 0), LONDON) == datetime(
        2026, 10, 25, 9, tzinfo=UTC)


def test_skipped_time_moves_forward() -> None:
    now = local(NY, 2026, 3, 8, 0, 30)
    got = parse_when("today 02:30", now, NY)
    assert got == datetime(2026, 3, 8, 7, tzinfo=UTC)  # 03:00 EDT, the first valid instant
    assert parse_when("2026-03-29 01:30", now, LONDON) == datetime(2026, 3, 29, 1, tzinfo=UTC)


def test_repeated_time_is_the_first() -> None:
    now = local(NY, 2026, 10, 31, 12, 0)
    assert parse_when("tomorrow 01:30", now, NY) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    before = local(LONDON, 2026, 10, 24, 12, 0)
    got = parse_when("2026-10-25 01:30", before, LONDON)
    assert got == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


# --- bad input -------------------------------------------------------------------------

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # 10:00 in London too


def _error(text: str, tz: ZoneInfo = LONDON, max_ahead: timedelta | None = None) -> str:
    with pytest.raises(UserError) as info:
        if max_ahead is None:
            parse_when(text, NOW, tz)
        else:
            parse_when(text, NOW, tz, max_ahead=max_ahead)
    return str(info.value)


@pytest.mark.parametrize("text", ["blah", "in 3 fortnights", "blah 18:00", "someday", "next blah"])
def test_gibberish(text: str) -> None:
    assert _error(text) == (
        f"I couldn't read '{text}' as a time. Try 'in 2 days', 'tomorrow 18:00', "
        "'next friday' or '2026-12-01 18:00'."
    )


@pytest.mark.parametrize("text", ["", "   "])
def test_empty(text: str) -> None:
    assert _error(text) == (
        "Tell me when, for example 'in 2 days', 'tomorrow 18:00' or '2026-12-01 18:00'."
    )


def test_past() -> None:
    assert _error("today 08:00") == (
        "That time has already passed (Wed 25 Nov 2026 08:00 Europe/London)."
    )
    assert _error("2026-01-01") == (
        "That time has already passed (Thu 1 Jan 2026 09:00 Europe/London)."
    )
    assert _error("in 0 minutes") == (
        "That time has already passed (Wed 25 Nov 2026 10:00 Europe/London)."
    )


def test_too_far_ahead() -> None:
    assert _error("2029-01-01 18:00", SEOUL) == (
        "Mon 1 Jan 2029 18:00 Asia/Seoul is more than 2 years away; pick a time within 2 years."
    )
    assert _error("in 800 days") == (
        "Fri 2 Feb 2029 10:00 Europe/London is more than 2 years away; "
        "pick a time within 2 years."
    )
    assert _error("in 2 weeks", max_ahead=timedelta(days=7)) == (
        "Wed 9 Dec 2026 10:00 Europe/London is more than 7 days away; pick a time within 7 days."
    )


def test_just_inside_two_years() -> None:
    assert parse_when("in 730 days", NOW, LONDON) == NOW + timedelta(days=730)


def test_impossible_dates_and_times() -> None:
    assert _error("2027-02-30") == "There is no 30 February 2027."
    assert _error("31 april") == "There is no 31 April 2026."
    assert _error("2026-13-01") == "'2026-13-01' is not a date; use something like 2026-12-01."
    assert _error("tomorrow 25:00") == (
        "'25:00' is not a time of day; use something like 6pm or 18:00."
    )
    assert _error("tomorrow 13pm") == (
        "'13pm' is not a time of day; use something like 6pm or 18:00."
    )


def test_dates_at_the_edge_of_the_calendar() -> None:
    assert _error("0001-01-01 08:00", SEOUL) == (
        "'0001-01-01 08:00' is too far from today to set a reminder."
    )
    assert _error("in 999999 hours").endswith(
        "is more than 2 years away; pick a time within 2 years."
    )


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("tomorrow", datetime(2026, 11, 25, 10), LONDON)


@pytest.mark.parametrize(("typed", "expected"), [
    ("in 2 days check the vinyl", ("in 2 days", "check the vinyl")),
    ("tomorrow 18:00 call Sam", ("tomorrow 18:00", "call Sam")),
    ("next friday 6pm pre-save Glass Harbour", ("next friday 6pm", "pre-save Glass Harbour")),
    ("2026-12-01 18:00 listening party", ("2026-12-01 18:00", "listening party")),
    ("tomorrow tickets", ("tomorrow", "tickets")),
])
def test_unquoted_words_split_into_a_time_and_the_text(
        typed: str, expected: tuple[str, str]) -> None:
    assert split_when(typed.split(), NOW, LONDON) == expected


def test_words_that_start_with_no_time_are_not_split() -> None:
    assert split_when(["buy", "the", "vinyl"], NOW, LONDON) is None
    assert split_when(["tomorrow"], NOW, LONDON) is None  # nothing would be left to remind of


def test_a_line_whose_time_reads_two_ways_is_refused_not_cut_shorter() -> None:
    """"tomorrow at 7 call Sam": "at 7" could be morning or evening; the line is refused with
    that reason, never read as "tomorrow" (09:00) with the text "at 7 call Sam"."""
    with pytest.raises(UserError, match="could be 07:00 or 19:00"):
        split_when(["tomorrow", "at", "7", "call", "Sam"], NOW, LONDON)
    assert split_when(["tomorrow", "9am", "3", "things", "to", "buy"], NOW, LONDON) == (
        "tomorrow 9am", "3 things to buy")
