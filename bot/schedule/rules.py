"""The next due time of a stored schedule row, from its rule, local anchor, zone and payload."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.partial_dates import PartialDate
from bot.schedule.occurrences import Occurrence, local_post_time, next_occurrence
from bot.settings.values import DEFAULT_HOUR  # a row without its own hour

# Rules that follow a date fact through occurrences.py; the row's anchor is that date.
DATE_RULES = ("release_day", "countdown", "anniversary", "birthday")
RULES = (*DATE_RULES, "once", "weekly")


def next_due(
    rule: str, anchor_local: str, tz: str, payload: Mapping[str, Any], *, after: datetime
) -> Occurrence | None:
    """The first occurrence strictly after `after`, or None when the schedule is finished.

    - date rules: `anchor_local` is the fact's date ("2022-06-10"; month or year precision
      gives nothing); payload `hour` (default `DEFAULT_HOUR`), `days` (countdown),
      `milestones` (anniversary, None = every year) and `feb29` ("feb28" or "mar1").
    - `once`: `anchor_local` is a local wall time "2026-12-01T18:00"; its key is "once".
    - `weekly`: payload `weekday` (0 = Monday) and `hour`; keys like "week:2026-11-30".
    """
    if after.tzinfo is None or after.utcoffset() is None:
        raise ValueError("'after' must be an aware datetime")
    zone = ZoneInfo(tz)
    hour = int(payload.get("hour", DEFAULT_HOUR))
    if rule in DATE_RULES:
        anchor = PartialDate.parse(anchor_local)
        opts: dict[str, Any] = {}
        if rule == "countdown":
            opts["days"] = tuple(int(n) for n in payload.get("days", (7, 1)))
        if rule == "anniversary":
            milestones = payload.get("milestones")
            opts["milestones"] = None if milestones is None else {int(n) for n in milestones}
        if rule in ("anniversary", "birthday"):
            opts["feb29"] = payload.get("feb29", "feb28")
        return next_occurrence(rule, anchor, after, hour, zone, **opts)
    if rule == "once":
        wall = datetime.fromisoformat(anchor_local)
        due = local_post_time(wall.date(), wall.hour, zone, minute=wall.minute)
        return Occurrence("reminder", wall.date(), due, "once") if due > after else None
    if rule == "weekly":
        weekday = int(payload.get("weekday", 0))
        day = after.astimezone(zone).date()
        day += timedelta(days=(weekday - day.weekday()) % 7)
        while True:
            due = local_post_time(day, hour, zone)
            if due > after:
                return Occurrence("digest", day, due, f"week:{day.isoformat()}")
            day += timedelta(days=7)
    raise ValueError(f"unknown schedule rule {rule!r}")


def local_anchor(when_utc: datetime, tz: str) -> str:
    """A UTC instant as the local wall time a `once` rule stores ("2026-12-01T18:00")."""
    return when_utc.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%dT%H:%M")


def utc_date(day: date) -> datetime:
    """Midnight UTC of `day` (a convenient `after` for tests and look-aheads)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
