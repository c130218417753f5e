"""The operator's view of a running bot: feeds by health, the outbox backlog, next posts, errors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from bot.db import Database
from bot.kinds_and_states import FeedState, OutboxStatus, ScheduleState
from bot.models import Feed, OutboxMessage, Schedule

# How many rows each list shows: enough to act on, short enough to read.
SHOWN = 5


@dataclass(frozen=True)
class DuePost:
    when: str
    kind: str
    title: str
    guild_id: int | None


@dataclass(frozen=True)
class Problem:
    where: str
    what: str
    since: str | None


@dataclass
class Status:
    """What `fanzine status` prints and the health endpoint serves as JSON."""

    now: str
    database: str
    feeds: dict[str, int] = field(default_factory=dict)
    outbox: dict[str, int] = field(default_factory=dict)
    oldest_pending_seconds: float | None = None
    schedules: dict[str, int] = field(default_factory=dict)
    next_posts: list[DuePost] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


async def read_status(db: Database, now: datetime) -> Status:
    """One consistent snapshot of the queues, read without taking any write lock."""
    async with db.read() as session:
        feeds = {state: count for state, count in (await session.execute(
            select(Feed.state, func.count()).group_by(Feed.state))).all()}
        outbox_rows = (await session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))).all()
        outbox = {status: count for status, count in outbox_rows}
        # Claimed rows whose lease ran out: their process died; another one will take them.
        outbox["sending_lease_expired"] = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.lease_until < now)) or 0
        outbox["pending_due"] = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.next_attempt_at <= now)) or 0
        oldest = await session.scalar(
            select(func.min(OutboxMessage.created_at))
            .where(OutboxMessage.status == OutboxStatus.PENDING))
        schedules = {state: count for state, count in (await session.execute(
            select(Schedule.state, func.count()).group_by(Schedule.state))).all()}
        upcoming = (await session.execute(
            select(Schedule.next_due_utc, Schedule.kind, Schedule.title, Schedule.guild_id)
            .where(Schedule.state == ScheduleState.ACTIVE, Schedule.next_due_utc.is_not(None))
            .order_by(Schedule.next_due_utc).limit(SHOWN))).all()
        errors = [Problem(f"feed {url}", f"{state}: {error}",
                          since.isoformat() if since else None)
                  for url, state, error, since in (await session.execute(
                      select(Feed.url, Feed.state, Feed.last_error, Feed.first_failure_at)
                      .where(Feed.state != FeedState.OK)
                      .order_by(Feed.first_failure_at.desc()).limit(SHOWN))).all()]
        errors += [Problem(f"post {key}", error or "failed", at.isoformat() if at else None)
                   for key, error, at in (await session.execute(
                       select(OutboxMessage.dedup_key, OutboxMessage.last_error,
                              OutboxMessage.created_at)
                       .where(OutboxMessage.status == OutboxStatus.FAILED)
                       .order_by(OutboxMessage.id.desc()).limit(SHOWN))).all()]
        errors += [Problem(f"schedule {sid} ({kind})", reason or "paused",
                           at.isoformat() if at else None)
                   for sid, kind, reason, at in (await session.execute(
                       select(Schedule.id, Schedule.kind, Schedule.paused_reason,
                              Schedule.updated_at)
                       .where(Schedule.state == ScheduleState.PAUSED)
                       .order_by(Schedule.updated_at.desc()).limit(SHOWN))).all()]
    return Status(
        now=now.isoformat(), database=db.dialect, feeds=feeds, outbox=outbox,
        oldest_pending_seconds=round((now - oldest).total_seconds(), 1) if oldest else None,
        schedules=schedules,
        next_posts=[DuePost(when.isoformat(), kind, title, guild)
                    for when, kind, title, guild in upcoming if when is not None],
        errors=errors)


def status_lines(status: Status) -> list[str]:
    """The report as plain text, one fact per line."""

    def counts(values: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(values.items())) or "none"

    lines = [f"fanzine status at {status.now} ({status.database})",
             f"feeds: {counts(status.feeds)}",
             f"outbox: {counts(status.outbox)}"]
    if status.oldest_pending_seconds is not None:
        lines.append(f"oldest pending post: {status.oldest_pending_seconds:.0f} s old")
    lines.append(f"schedules: {counts(status.schedules)}")
    lines.append("next posts:" if status.next_posts else "next posts: none scheduled")
    lines += [f"  {p.when}  {p.kind}  {p.title}  (guild {p.guild_id})" for p in status.next_posts]
    lines.append("problems:" if status.errors else "problems: none")
    lines += [f"  {e.where}: {e.what}" + (f" (since {e.since})" if e.since else "")
              for e in status.errors]
    return lines
