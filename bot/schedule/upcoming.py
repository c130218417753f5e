"""What a guild's schedule posts next (`/upcoming`, `fanzine upcoming`), and the weekly digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from bot.bounds import check_year
from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.guilds.settings import GUILD_SETTINGS
from bot.kinds_and_states import ScheduleKind, ScheduleState
from bot.models import GuildSettingsRow, Schedule
from bot.partial_dates import PartialDate
from bot.posts import EmbedSpec, Post
from bot.schedule.occurrences import Occurrence
from bot.schedule.replanner import Replanner
from bot.schedule.rules import next_due

DEFAULT_DAYS = 30
MAX_DAYS = 366
DIGEST_DAYS = 7
# A row yields at most this many occurrences in one window (a safety net, never reached).
_MAX_PER_ROW = 400
_TINY = timedelta(microseconds=1)


@dataclass(frozen=True)
class UpcomingItem:
    """One post to come: when (in the guild's zone), its kind, subject and a line of text."""

    when: datetime
    kind: str
    subject: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"when": self.when.isoformat(), "kind": self.kind, "subject": self.subject,
                "text": self.text}


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise UserError(f"days must be from 1 to {MAX_DAYS}, not {days}.")
    return days


def _of(payload: dict[str, Any]) -> str:
    artist = payload.get("artist")
    return f" by {artist}" if artist else ""


def describe(row: Schedule, occurrence: Occurrence) -> str:
    """The line an occurrence is listed with (the announcement itself is the dispatcher's)."""
    payload = row.payload or {}
    title = row.title
    if row.kind == ScheduleKind.RELEASE_DAY:
        return f"{title}{_of(payload)} comes out today."
    if row.kind == ScheduleKind.COUNTDOWN:
        days = occurrence.key.split(":", 1)[0].removeprefix("countdown-")
        unit = "day" if days == "1" else "days"
        return f"{days} {unit} until {title}{_of(payload)} comes out."
    if row.kind in ("anniversary", "birthday"):
        years = occurrence.local_date.year - PartialDate.parse(row.anchor_local).year
        if row.kind == ScheduleKind.BIRTHDAY:
            return f"{title} turns {years} today: happy birthday!"
        unit = "year" if years == 1 else "years"
        return f"{years} {unit} since {title}{_of(payload)} came out."
    if row.kind == ScheduleKind.DIGEST:
        return "The weekly digest of what is coming up."
    return f"Reminder: {title}"


async def guild_zone(db: Database, guild_id: int) -> ZoneInfo:
    async with db.read() as session:
        row = await session.get(GuildSettingsRow, guild_id)
    return ZoneInfo(GUILD_SETTINGS.from_row(row, guild_id).timezone)


async def items_between(db: Database, guild_id: int, start: datetime,
                        end: datetime) -> list[UpcomingItem]:
    """Every occurrence of the guild's active rows in [start, end), in time order: guild
    posts and reminders that post in its channels (never someone's direct messages)."""
    zone = await guild_zone(db, guild_id)
    async with db.read() as session:
        rows = list(await session.scalars(
            select(Schedule).where(Schedule.guild_id == guild_id,
                                   Schedule.state == ScheduleState.ACTIVE,
                                   Schedule.next_due_utc.is_not(None),
                                   Schedule.next_due_utc < end,
                                   or_(Schedule.user_id.is_(None),
                                       Schedule.channel_id.is_not(None)))
            .order_by(Schedule.next_due_utc, Schedule.id)))
    found: list[tuple[datetime, int, UpcomingItem]] = []
    for row in rows:
        assert row.next_due_utc is not None
        cursor = max(start, row.next_due_utc) - _TINY
        for _ in range(_MAX_PER_ROW):
            occurrence = next_due(row.rule, row.anchor_local, row.tz, row.payload or {},
                                  after=cursor)
            if occurrence is None or occurrence.due_utc >= end:
                break
            found.append((occurrence.due_utc, row.id, UpcomingItem(
                occurrence.due_utc.astimezone(zone), row.kind,
                row.title, describe(row, occurrence))))
            cursor = occurrence.due_utc
    found.sort(key=lambda item: (item[0], item[1]))
    return [item for _due, _id, item in found]


async def digest_post(db: Database, guild_id: int, now: datetime) -> Post | None:
    """The weekly "coming up" post: the next 7 days from `now`, or None when nothing is."""
    items = [i for i in await items_between(db, guild_id, now, now + timedelta(days=DIGEST_DAYS))
             if i.kind != ScheduleKind.DIGEST]
    if not items:
        return None
    lines = [f"**{i.when:%a %d %b}** · {i.text}" for i in items[:25]]
    if len(items) > 25:
        lines.append(f"… and {len(items) - 25} more (see /upcoming).")
    return Post(embed=EmbedSpec(title="Coming up this week", description="\n".join(lines),
                                footer=f"{len(items)} scheduled post"
                                f"{'' if len(items) == 1 else 's'} in the next 7 days"),
                kind=ScheduleKind.DIGEST)


def readable(items: list[UpcomingItem], days: int) -> str:
    """`/upcoming` as text: one line per post, with the local date and time."""
    if not items:
        return f"Nothing is scheduled in the next {days} days."
    return "\n".join(f"{i.when:%a %d %b %Y %H:%M} · {i.kind} · {i.text}" for i in items)


class UpcomingService:
    """`/upcoming` and the digest, over the guild's schedule rows (re-planned first)."""

    def __init__(self, db: Database, clock: Clock, replanner: Replanner) -> None:
        self.db = db
        self.clock = clock
        self.replanner = replanner

    async def upcoming(self, guild_id: int, start: datetime | None = None,
                       days: int = DEFAULT_DAYS, *, sync: bool = True) -> list[UpcomingItem]:
        """The posts from `start` (default now) for `days` days, after re-planning the guild.

        The re-plan is the guild's background pass (`Replanner.replan`): it is shared with a
        pass already queued for this guild, never runs beside another pass of it, and never
        holds up other guilds; the adapters defer before calling this."""
        check_days(days)
        if sync:
            await self.replanner.replan(guild_id)
        begin = start or self.clock.now()
        return await items_between(self.db, guild_id, begin, begin + timedelta(days=days))

    async def start_of_day(self, guild_id: int, day_text: str) -> datetime:
        """`--from 2026-12-01`: midnight of that day in the guild's zone."""
        try:
            day = datetime.strptime(day_text.strip(), "%Y-%m-%d")
        except ValueError:
            raise UserError(f"--from: '{day_text}' is not a date such as 2026-12-01.") from None
        check_year(day.date(), "--from")
        return day.replace(tzinfo=await guild_zone(self.db, guild_id))

    async def digest_post(self, guild_id: int, now: datetime) -> Post | None:
        return await digest_post(self.db, guild_id, now)
