"""Occurrence rules: daylight saving, 29 February, year end, precision, milestones, missed posts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.partial_dates import PartialDate
from bot.schedule.occurrences import (
    Occurrence,
    anniversary,
    birthday,
    countdowns,
    local_post_time,
    missed_policy,
    next_occurrence,
    release_day,
    yearly_on,
)

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
SEOUL = ZoneInfo("Asia/Seoul")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- local_post_time across daylight-saving changes -------------------------------------

@pytest.mark.parametrize(
    ("day", "tz", "expected"),
    [
        (date(2026, 3, 7), NY, utc(2026, 3, 7, 14)),  # EST, the day before
        (date(2026, 3, 8), NY, utc(2026, 3, 8, 13)),  # spring forward: EDT by 9:00
        (date(2026, 11, 1), NY, utc(2026, 11, 1, 14)),  # fall back: EST by 9:00
        (date(2026, 3, 29), LONDON, utc(2026, 3, 29, 8)),  # BST begins
        (date(2026, 10, 25), LONDON, utc(2026, 10, 25, 9)),  # GMT again
        (date(2026, 3, 28), LONDON, utc(2026, 3, 28, 9)),
    ],
)
def test_nine_o_clock_on_change_days(day: date, tz: ZoneInfo, expected: datetime) -> None:
    assert local_post_time(day, 9, tz) == expected


def test_skipped_time_moves_forward_to_the_first_valid_instant() -> None:
    # 02:30 does not exist on 8 March in New York: 03:00 EDT is the first instant after it.
    got = local_post_time(date(2026, 3, 8), 2, NY, minute=30)
    assert got == utc(2026, 3, 8, 7)
    assert got.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 0)
    assert local_post_time(date(2026, 3, 8), 2, NY) == utc(2026, 3, 8, 7)
    assert local_post_time(date(2026, 3, 29), 1, LONDON, minute=30) == utc(2026, 3, 29, 1)


def test_skipped_half_hour_gap() -> None:
    # Lord Howe moves by 30 minutes: 02:15 does not exist, 02:30 is the first valid time.
    lord_howe = ZoneInfo("Australia/Lord_Howe")
    got = local_post_time(date(2026, 10, 4), 2, lord_howe, minute=15)
    assert got.astimezone(lord_howe).replace(tzinfo=None) == datetime(2026, 10, 4, 2, 30)


def test_repeated_time_takes_the_first() -> None:
    # 01:30 happens twice on 1 November in New York: first as EDT (05:30 UTC).
    assert local_post_time(date(2026, 11, 1), 1, NY, minute=30) == utc(2026, 11, 1, 5, 30)
    assert local_post_time(date(2026, 10, 25), 1, LONDON, minute=30) == utc(2026, 10, 25, 0, 30)


def test_repeated_hour_fires_once_per_local_date() -> None:
    anchor = PartialDate(2020, 11, 1)
    first = anniversary(anchor, 1, NY, after=utc(2026, 10, 1))
    assert first is not None
    assert first.due_utc == utc(2026, 11, 1, 5)
    assert first.key == "2026-11-01"
    # Asked again just after the first 01:00, the repeated 01:00 (06:00 UTC) is not a new post.
    again = anniversary(anchor, 1, NY, after=first.due_utc)
    assert again is not None
    assert again.local_date == date(2027, 11, 1)


def test_spring_forward_anniversary_moves_forward() -> None:
    occ = birthday(PartialDate(1990, 3, 8), 2, NY, after=utc(2026, 1, 1))
    assert occ == Occurrence("birthday", date(2026, 3, 8), utc(2026, 3, 8, 7), "2026-03-08")


# --- 29 February -----------------------------------------------------------------------

LEAP = PartialDate(2024, 2, 29)


def test_feb29_in_a_common_year_follows_the_policy() -> None:
    assert yearly_on(LEAP, 2027) == date(2027, 2, 28)
    assert yearly_on(LEAP, 2027, feb29="feb28") == date(2027, 2, 28)
    assert yearly_on(LEAP, 2027, feb29="mar1") == date(2027, 3, 1)


def test_feb29_in_a_leap_year_is_itself() -> None:
    assert yearly_on(LEAP, 2028) == date(2028, 2, 29)
    assert yearly_on(LEAP, 2028, feb29="mar1") == date(2028, 2, 29)
    assert yearly_on(LEAP, 2100) == date(2100, 2, 28)  # not a leap year
    assert yearly_on(LEAP, 2400) == date(2400, 2, 29)


def test_feb29_anniversaries_in_sequence() -> None:
    after = utc(2026, 12, 31)
    a = anniversary(LEAP, 9, LONDON, after=after, feb29="mar1")
    assert a is not None and a.key == "2027-03-01"
    b = anniversary(LEAP, 9, LONDON, after=a.due_utc, feb29="mar1")
    assert b is not None and b.key == "2028-02-29"
    c = birthday(LEAP, 9, LONDON, after=after)
    assert c is not None and c.key == "2027-02-28"


def test_ordinary_days() -> None:
    assert yearly_on(PartialDate(2000, 7, 14), 2031) == date(2031, 7, 14)


# --- precision -------------------------------------------------------------------------

@pytest.mark.parametrize("anchor", [PartialDate(2026, 12), PartialDate(2026)])
def test_month_or_year_precision_never_posts(anchor: PartialDate) -> None:
    after = utc(2020, 1, 1)
    assert yearly_on(anchor, 2030) is None
    assert release_day(anchor, 9, LONDON, after=after) is None
    assert countdowns(anchor, 9, LONDON, after=after) is None
    assert anniversary(anchor, 9, LONDON, after=after) is None
    assert birthday(anchor, 9, LONDON, after=after) is None
    for kind in ("release_day", "countdown", "anniversary", "birthday"):
        assert next_occurrence(kind, anchor, after, 9, LONDON) is None


# --- release day and countdowns ---------------------------------------------------------

RELEASE = PartialDate(2026, 12, 10)


def test_release_day_once() -> None:
    occ = release_day(RELEASE, 18, SEOUL, after=utc(2026, 11, 25))
    assert occ == Occurrence("release_day", date(2026, 12, 10), utc(2026, 12, 10, 9), "2026-12-10")
    assert release_day(RELEASE, 18, SEOUL, after=occ.due_utc) is None


def test_countdowns_seven_and_one_day_before() -> None:
    seven = countdowns(RELEASE, 9, LONDON, after=utc(2026, 11, 25))
    assert seven is not None
    assert seven.key == "countdown-7:2026-12-03"
    assert seven.due_utc == utc(2026, 12, 3, 9)
    one = countdowns(RELEASE, 9, LONDON, after=seven.due_utc)
    assert one is not None and one.key == "countdown-1:2026-12-09"
    assert countdowns(RELEASE, 9, LONDON, after=one.due_utc) is None


def test_countdown_days_are_configurable() -> None:
    occ = countdowns(RELEASE, 9, LONDON, after=utc(2026, 11, 25), days=(3, 30))
    assert occ is not None and occ.key == "countdown-3:2026-12-07"


def test_countdown_keys_differ_from_release_day_keys() -> None:
    after = utc(2026, 12, 8)
    a = countdowns(RELEASE, 9, LONDON, after=after)
    b = release_day(RELEASE, 9, LONDON, after=after)
    assert a is not None and b is not None and a.key != b.key


# --- anniversaries, year end, milestones -----------------------------------------------

def test_new_years_eve_anniversary_across_the_year_end() -> None:
    anchor = PartialDate(2019, 12, 31)
    # 31 Dec 20:00 in New York is already 1 January in UTC.
    occ = anniversary(anchor, 20, NY, after=utc(2026, 12, 31, 12))
    assert occ is not None
    assert occ.key == "2026-12-31"
    assert occ.due_utc == utc(2027, 1, 1, 1)
    nxt = anniversary(anchor, 20, NY, after=occ.due_utc)
    assert nxt is not None and nxt.key == "2027-12-31"


def test_new_years_day_anniversary_in_seoul() -> None:
    anchor = PartialDate(2019, 1, 1)
    # 1 January 08:00 in Seoul is still 31 December in UTC.
    occ = anniversary(anchor, 8, SEOUL, after=utc(2026, 12, 31, 12))
    assert occ is not None
    assert occ.key == "2027-01-01"
    assert occ.due_utc == utc(2026, 12, 31, 23)


def test_anniversary_not_in_the_release_year() -> None:
    occ = anniversary(PartialDate(2026, 3, 1), 9, LONDON, after=utc(2025, 1, 1))
    assert occ is not None and occ.key == "2027-03-01"


def test_milestones_only() -> None:
    anchor = PartialDate(2016, 6, 1)
    ms = {1, 5, 10, 20, 25}
    occ = anniversary(anchor, 9, LONDON, after=utc(2026, 11, 25), milestones=ms)
    assert occ is not None and occ.key == "2036-06-01"  # year 10 has passed, 20 is next
    occ = anniversary(anchor, 9, LONDON, after=utc(2026, 5, 1), milestones=ms)
    assert occ is not None and occ.key == "2026-06-01"
    assert anniversary(anchor, 9, LONDON, after=utc(2041, 7, 1), milestones=ms) is None
    first = anniversary(anchor, 9, LONDON, after=utc(2016, 6, 2), milestones=ms)
    assert first is not None and first.key == "2017-06-01"


# --- next_occurrence -------------------------------------------------------------------

def test_next_occurrence_dispatches_and_is_strictly_after() -> None:
    due = utc(2026, 12, 10, 9)
    assert next_occurrence("release_day", RELEASE, due - timedelta(seconds=1), 9, LONDON)
    assert next_occurrence("release_day", RELEASE, due, 9, LONDON) is None
    occ = next_occurrence("countdown", RELEASE, utc(2026, 12, 3, 9), 9, LONDON, days=(7, 1))
    assert occ is not None and occ.key == "countdown-1:2026-12-09"
    occ = next_occurrence("anniversary", RELEASE, due, 9, LONDON, milestones={5})
    assert occ is not None and occ.key == "2031-12-10"
    occ = next_occurrence("birthday", LEAP, utc(2027, 2, 28, 9), 9, LONDON, feb29="mar1")
    assert occ is not None and occ.key == "2027-03-01"


def test_next_occurrence_rejects_unknown_kinds_and_naive_instants() -> None:
    with pytest.raises(ValueError, match="unknown schedule kind"):
        next_occurrence("eclipse", RELEASE, utc(2026, 1, 1), 9, LONDON)
    with pytest.raises(ValueError, match="aware"):
        next_occurrence("birthday", RELEASE, datetime(2026, 1, 1), 9, LONDON)


# --- missed posts ----------------------------------------------------------------------

def test_missed_policy() -> None:
    due = utc(2026, 12, 10, 9)
    grace = timedelta(hours=6)
    assert missed_policy(due, due - timedelta(minutes=1), grace) == "on_time"
    assert missed_policy(due, due, grace) == "on_time"
    assert missed_policy(due, due + timedelta(hours=1), grace) == "late"
    assert missed_policy(due, due + grace - timedelta(seconds=1), grace) == "late"
    assert missed_policy(due, due + grace, grace) == "skip"
    assert missed_policy(due, due + timedelta(days=3), grace) == "skip"


def test_a_post_handled_within_the_margin_is_on_time() -> None:
    due = utc(2026, 12, 10, 9)
    grace, margin = timedelta(hours=1), timedelta(minutes=5)
    assert missed_policy(due, due + timedelta(milliseconds=1), grace, margin) == "on_time"
    assert missed_policy(due, due + margin, grace, margin) == "on_time"
    assert missed_policy(due, due + margin + timedelta(seconds=1), grace, margin) == "late"
    assert missed_policy(due, due + grace, grace, margin) == "skip"
    # On time is on time, even with a grace shorter than the margin.
    assert missed_policy(due, due + timedelta(minutes=2), timedelta(0), margin) == "on_time"


# --- property --------------------------------------------------------------------------

ZONES = [NY, LONDON, SEOUL, ZoneInfo("UTC"), ZoneInfo("Australia/Lord_Howe"),
         ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Sao_Paulo")]


def _hour_exists(day: date, hour: int, tz: ZoneInfo) -> bool:
    wall = datetime(day.year, day.month, day.day, hour)
    back = wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back == wall


@settings(max_examples=500, deadline=None)
@given(
    anchor=st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)),
    tz=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    after=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2070, 12, 31),
                       timezones=st.just(UTC)),
    kind=st.sampled_from(["release_day", "countdown", "anniversary", "birthday"]),
    feb29=st.sampled_from(["feb28", "mar1"]),
)
# Skipped hours: a half-hour gap (Lord Howe) and a whole-hour one (New York).
@example(anchor=date(2000, 10, 4), tz=ZONES[4], hour=2, after=datetime(2026, 1, 1, tzinfo=UTC),
         kind="birthday", feb29="feb28")
@example(anchor=date(2000, 3, 8), tz=NY, hour=2, after=datetime(2026, 1, 1, tzinfo=UTC),
         kind="anniversary", feb29="feb28")
# Repeated hour on fall-back day, asked right after its first instant.
@example(anchor=date(2000, 11, 1), tz=NY, hour=1, after=datetime(2026, 11, 1, 5, tzinfo=UTC),
         kind="anniversary", feb29="mar1")
def test_next_occurrence_property(
    anchor: date, tz: ZoneInfo, hour: int, after: datetime, kind: str, feb29: str
) -> None:
    opts = {"feb29": feb29} if kind in ("anniversary", "birthday") else {}
    pd = PartialDate(anchor.year, anchor.month, anchor.day)
    occ = next_occurrence(kind, pd, after, hour, tz, **opts)
    if kind in ("anniversary", "birthday"):
        assert occ is not None  # a yearly rule always has a next one
    if occ is None:
        return
    assert occ.due_utc > after
    local = occ.due_utc.astimezone(tz)
    assert local.date() == occ.local_date
    assert occ.key.rsplit(":", 1)[-1] == occ.local_date.isoformat()
    if _hour_exists(occ.local_date, hour, tz):
        assert (local.hour, local.minute) == (hour, 0)
    else:
        # Moved forward past the gap, but still on the same local day.
        asked = datetime(occ.local_date.year, occ.local_date.month, occ.local_date.day, hour)
        assert local.replace(tzinfo=None) > asked
