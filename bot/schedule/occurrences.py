"""When release days, countdowns, anniversaries and birthdays fall: pure date rules (issue 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.kinds_and_states import ScheduleKind
from bot.partial_dates import PartialDate

Feb29Policy = Literal["feb28", "mar1"]
MissedPolicy = Literal["on_time", "late", "skip"]

# Stop a year early so that converting 31 December 23:00 local to UTC cannot overflow.
_LAST_YEAR = MAXYEAR - 1


@dataclass(frozen=True)
class Occurrence:
    """One post of a schedule: deliveries are unique on (schedule, key)."""

    kind: str
    local_date: date
    due_utc: datetime
    key: str


def local_post_time(day: date, hour: int, tz: ZoneInfo, *, minute: int = 0) -> datetime:
    """The UTC instant of `hour:minute` local on `day`.

    A time skipped by a spring-forward change moves forward to the first instant after the
    gap; a time repeated by a fall-back change takes its first occurrence (fold=0).
    """
    wall = datetime.combine(day, time(hour, minute))
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    # In a gap fold=0 reads the wall time with the old offset (landing after the change) and
    # fold=1 with the new one (landing before it); the change itself lies between the two.
    return _transition(wall.replace(tzinfo=tz, fold=1).astimezone(UTC), first, tz)


def _transition(before: datetime, after: datetime, tz: ZoneInfo) -> datetime:
    """The first UTC instant in (before, after] whose offset is `after`'s, to the second."""
    target = after.astimezone(tz).utcoffset()
    lo, hi = before, after
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) // 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == target:
            hi = mid
        else:
            lo = mid
    return hi


def yearly_on(anchor: PartialDate, year: int, *, feb29: Feb29Policy = "feb28") -> date | None:
    """The anniversary of a day-precise `anchor` in `year`; None without a known day.

    A month or a year alone never yields a post: that would be an invented day.
    """
    if anchor.month is None or anchor.day is None or not 1 <= year <= MAXYEAR:
        return None
    if (anchor.month, anchor.day) == (2, 29) and not _is_leap(year):
        return date(year, 2, 28) if feb29 == "feb28" else date(year, 3, 1)
    return date(year, anchor.month, anchor.day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _check_aware(after: datetime) -> None:
    if after.tzinfo is None or after.utcoffset() is None:
        raise ValueError("'after' must be an aware datetime")


def _occurrence(kind: str, day: date, hour: int, tz: ZoneInfo, prefix: str = "") -> Occurrence:
    return Occurrence(kind, day, local_post_time(day, hour, tz), prefix + day.isoformat())


def release_day(
    release_date: PartialDate, hour: int, tz: ZoneInfo, *, after: datetime
) -> Occurrence | None:
    """The release-day post, once, if the release has a known day still ahead of `after`."""
    _check_aware(after)
    if release_date.precision != "day":
        return None
    occ = _occurrence("release_day", release_date.first_day(), hour, tz)
    return occ if occ.due_utc > after else None


def countdowns(
    release_date: PartialDate,
    hour: int,
    tz: ZoneInfo,
    *,
    after: datetime,
    days: tuple[int, ...] = (7, 1),
) -> Occurrence | None:
    """The next "N days to go" post strictly after `after` (keys like countdown-7:2026-12-03)."""
    _check_aware(after)
    if release_date.precision != "day":
        return None
    release = release_date.first_day()
    # The most days first is the earliest post; each countdown day gets its own key.
    for n in sorted(set(days), reverse=True):
        if n <= 0 or release.toordinal() - n < 1:
            continue
        occ = _occurrence("countdown", release - timedelta(days=n), hour, tz, f"countdown-{n}:")
        if occ.due_utc > after:
            return occ
    return None


def _next_yearly(
    kind: str,
    anchor: PartialDate,
    hour: int,
    tz: ZoneInfo,
    after: datetime,
    feb29: Feb29Policy,
    years_since: set[int] | None,
) -> Occurrence | None:
    """The first yearly post after `after` in a year after the anchor's (filtered by age)."""
    _check_aware(after)
    if anchor.precision != "day":
        return None
    # The local year of `after` can differ from its UTC year by one around New Year.
    start = max(anchor.year + 1, after.astimezone(UTC).year - 1)
    if years_since is None:
        years: list[int] = list(range(start, min(start + 3, _LAST_YEAR) + 1))
    else:
        years = sorted(anchor.year + n for n in years_since if n > 0)
        years = [y for y in years if start <= y <= _LAST_YEAR]
    for year in years:
        day = yearly_on(anchor, year, feb29=feb29)
        if day is None:
            continue
        occ = _occurrence(kind, day, hour, tz)
        if occ.due_utc > after:
            return occ
    return None


def anniversary(
    release_date: PartialDate,
    hour: int,
    tz: ZoneInfo,
    *,
    after: datetime,
    milestones: set[int] | None = None,
    feb29: Feb29Policy = "feb28",
) -> Occurrence | None:
    """The next yearly anniversary; with `milestones` only those ages (e.g. {1, 5, 10})."""
    return _next_yearly("anniversary", release_date, hour, tz, after, feb29, milestones)


def birthday(
    born: PartialDate, hour: int, tz: ZoneInfo, *, after: datetime, feb29: Feb29Policy = "feb28"
) -> Occurrence | None:
    """The next birthday post; a birth date known only to a month or year gives none."""
    return _next_yearly("birthday", born, hour, tz, after, feb29, None)


def next_occurrence(
    kind: str, anchor: PartialDate, after: datetime, hour: int, tz: ZoneInfo, **opts: Any
) -> Occurrence | None:
    """The next occurrence of a schedule of `kind` strictly after `after`.

    `opts` are the kind's own options: `days` for countdowns, `milestones` and `feb29`
    for anniversaries, `feb29` for birthdays.
    """
    if kind == ScheduleKind.RELEASE_DAY:
        return release_day(anchor, hour, tz, after=after, **opts)
    if kind == ScheduleKind.COUNTDOWN:
        return countdowns(anchor, hour, tz, after=after, **opts)
    if kind == ScheduleKind.ANNIVERSARY:
        return anniversary(anchor, hour, tz, after=after, **opts)
    if kind == ScheduleKind.BIRTHDAY:
        return birthday(anchor, hour, tz, after=after, **opts)
    raise ValueError(f"unknown schedule kind {kind!r}")


def missed_policy(due_utc: datetime, now: datetime, grace: timedelta,
                  late_after: timedelta = timedelta(0)) -> MissedPolicy:
    """What to do with a post found due at `now`: on time, late (posted once, marked) or skip.

    A post handled no more than `late_after` after its due instant is on time: the
    dispatcher wakes a moment after the due instant, and that is not being late. Past that
    margin it is late until `grace`, and skipped after.
    """
    lateness = now - due_utc
    if lateness <= late_after:
        return "on_time"
    if lateness < grace:
        return "late"
    return "skip"
