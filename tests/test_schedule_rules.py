"""`rules.next_due` for stored rows: each rule, daylight saving, 29 February, year end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.schedule.rules import local_anchor, next_due, utc_date


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def walk(rule: str, anchor: str, tz: str, payload: dict[str, Any], after: datetime,
         steps: int = 10) -> list[tuple[str, datetime]]:
    """Every occurrence from `after` on, as the dispatcher advances a row."""
    out = []
    for _ in range(steps):
        occ = next_due(rule, anchor, tz, payload, after=after)
        if occ is None:
            break
        out.append((occ.key, occ.due_utc))
        after = occ.due_utc
    return out


def test_release_day_once_then_finished() -> None:
    assert walk("release_day", "2026-12-02", "UTC", {"hour": 9}, utc(2026, 11, 1)) == [
        ("2026-12-02", utc(2026, 12, 2, 9))]
    assert next_due("release_day", "2026-12-02", "UTC", {}, after=utc(2026, 12, 2, 9)) is None


def test_countdown_days_in_order_then_finished() -> None:
    assert walk("countdown", "2026-12-10", "UTC", {"hour": 10, "days": [1, 7, 3]},
                utc(2026, 11, 1)) == [
        ("countdown-7:2026-12-03", utc(2026, 12, 3, 10)),
        ("countdown-3:2026-12-07", utc(2026, 12, 7, 10)),
        ("countdown-1:2026-12-09", utc(2026, 12, 9, 10)),
    ]


def test_countdown_defaults_to_seven_and_one_days() -> None:
    keys = [k for k, _ in walk("countdown", "2027-01-03", "UTC", {}, utc(2026, 12, 1))]
    assert keys == ["countdown-7:2026-12-27", "countdown-1:2027-01-02"]  # across the year end


def test_anniversary_every_year_and_milestones() -> None:
    every = walk("anniversary", "2022-06-10", "UTC", {}, utc(2026, 11, 25), steps=3)
    assert [k for k, _ in every] == ["2027-06-10", "2028-06-10", "2029-06-10"]
    milestones = walk("anniversary", "2022-06-10", "UTC", {"milestones": [1, 5, 10]},
                      utc(2022, 1, 1))
    assert [k for k, _ in milestones] == ["2023-06-10", "2027-06-10", "2032-06-10"]


def test_birthday_on_29_february_follows_the_policy() -> None:
    feb28 = walk("birthday", "2000-02-29", "UTC", {"hour": 9}, utc(2026, 1, 1), steps=3)
    assert [k for k, _ in feb28] == ["2026-02-28", "2027-02-28", "2028-02-29"]
    mar1 = walk("birthday", "2000-02-29", "UTC", {"feb29": "mar1"}, utc(2026, 1, 1), steps=3)
    assert [k for k, _ in mar1] == ["2026-03-01", "2027-03-01", "2028-02-29"]


def test_year_end_in_a_zone_ahead_of_utc() -> None:
    # 1 January 09:00 in Seoul is 31 December 00:00 UTC: still found from late December UTC.
    occ = next_due("birthday", "1995-01-01", "Asia/Seoul", {"hour": 9},
                   after=utc(2026, 12, 30, 12))
    assert occ is not None
    assert (occ.key, occ.due_utc) == ("2027-01-01", utc(2027, 1, 1, 0))
    new_year = next_due("anniversary", "2020-12-31", "Pacific/Auckland", {"hour": 23},
                        after=utc(2026, 12, 30))
    assert new_year is not None and new_year.local_date == date(2026, 12, 31)


@pytest.mark.parametrize("anchor", ["2026-12", "2026"])
@pytest.mark.parametrize("rule", ["release_day", "countdown", "anniversary", "birthday"])
def test_month_or_year_precision_never_posts(rule: str, anchor: str) -> None:
    assert next_due(rule, anchor, "UTC", {}, after=utc(2020, 1, 1)) is None


@pytest.mark.parametrize(
    ("tz", "day", "expected"),
    [
        ("America/New_York", "2026-03-07", utc(2026, 3, 7, 14)),  # EST
        ("America/New_York", "2026-03-08", utc(2026, 3, 8, 13)),  # EDT from 02:00
        ("America/New_York", "2026-11-01", utc(2026, 11, 1, 14)),  # EST again
        ("Europe/London", "2026-03-29", utc(2026, 3, 29, 8)),  # BST from 01:00
        ("Europe/London", "2026-10-25", utc(2026, 10, 25, 9)),  # GMT from 02:00
    ],
)
def test_nine_local_across_daylight_saving(tz: str, day: str, expected: datetime) -> None:
    occ = next_due("release_day", day, tz, {"hour": 9}, after=utc(2026, 1, 1))
    assert occ is not None and occ.due_utc == expected


def test_a_once_time_in_the_spring_gap_moves_forward_and_fall_back_takes_the_first() -> None:
    gap = next_due("once", "2026-03-08T02:30", "America/New_York", {}, after=utc(2026, 1, 1))
    assert gap is not None and gap.due_utc == utc(2026, 3, 8, 7)  # 03:00 EDT
    twice = next_due("once", "2026-10-25T01:30", "Europe/London", {}, after=utc(2026, 1, 1))
    assert twice is not None and twice.due_utc == utc(2026, 10, 25, 0, 30)  # 01:30 BST


def test_once_fires_once() -> None:
    anchor = local_anchor(utc(2026, 12, 1, 23), "America/New_York")
    assert anchor == "2026-12-01T18:00"
    occ = next_due("once", anchor, "America/New_York", {}, after=utc(2026, 11, 25))
    assert occ is not None and (occ.key, occ.due_utc) == ("once", utc(2026, 12, 1, 23))
    assert next_due("once", anchor, "America/New_York", {}, after=occ.due_utc) is None


def test_weekly_keeps_its_local_hour_across_daylight_saving() -> None:
    steps = walk("weekly", "", "Europe/London", {"weekday": 0, "hour": 9},
                 utc(2026, 10, 14), steps=3)
    assert steps == [
        ("week:2026-10-19", utc(2026, 10, 19, 8)),  # BST
        ("week:2026-10-26", utc(2026, 10, 26, 9)),  # GMT after 25 October
        ("week:2026-11-02", utc(2026, 11, 2, 9)),
    ]


def test_weekly_today_before_the_hour_is_today() -> None:
    occ = next_due("weekly", "", "UTC", {"weekday": 2, "hour": 18}, after=utc(2026, 11, 25, 12))
    assert occ is not None and occ.key == "week:2026-11-25"


def test_after_must_be_aware_and_rules_known() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_due("once", "2026-12-01T18:00", "UTC", {}, after=datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="unknown schedule rule"):
        next_due("monthly", "2026-12-01", "UTC", {}, after=utc(2026, 1, 1))


def test_utc_date_is_midnight() -> None:
    assert utc_date(date(2026, 2, 28)) + timedelta(days=1) == utc(2026, 3, 1)
