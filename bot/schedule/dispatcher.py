"""The schedule dispatcher: claims due rows with a lease, records each occurrence once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.config import Settings
from bot.db import Database, claim_rows, insert_ignoring_conflict
from bot.delivery.leases import RowLease, process_owner
from bot.delivery.origin import scheduled
from bot.delivery.outbox import QueuedPost, enqueue_many
from bot.kinds_and_states import DeliveryStatus, ReminderState, ScheduleKind, ScheduleState
from bot.models import Delivery, GuildScheduleSettingsRow, GuildSettingsRow, Reminder, Schedule
from bot.posts import Post
from bot.schedule.announcements import Due, render
from bot.schedule.occurrences import missed_policy
from bot.schedule.rules import next_due

log = logging.getLogger(__name__)

# A claimed row is ours this long; a process that dies holding it frees it when this runs out.
LEASE = timedelta(seconds=60)
SCHEDULE_LEASE = RowLease(Schedule)
# The longest the dispatcher sleeps: rows other processes add are found at least this often.
MAX_SLEEP = 60.0
NO_CHANNEL = "no announce channel set"
# `state = 'active'` written as a literal so that SQLite can use the partial due index.
_ACTIVE = text("schedules.state = 'active'")


# Renders a guild's weekly digest: (guild id, now) -> the post, or None when nothing is coming
# up (helper B's `UpcomingService.digest_post`). It runs before the dispatcher's transaction
# opens, with transactions of its own (on SQLite a nested one would wait for the write lock).
DigestRenderer = Callable[[int, datetime], Awaitable[Post | None]]


class Notifier(Protocol):
    """Queues a mod-log notice once per key (bot.delivery.modlog.ModLog.notice)."""

    def __call__(self, guild_id: int, text: str, key: str) -> Awaitable[bool]: ...


@dataclass(frozen=True)
class Handled:
    """One occurrence a pass posted or skipped as too late, for a reader (the shell's
    `/clock`) to say what a pass did."""

    kind: str
    title: str
    due_utc: datetime


@dataclass
class DispatchReport:
    """What one `dispatch_due` did; `delivered` and `too_late` name the occurrences queued
    and those skipped because they were more than `schedule.grace_minutes` late."""

    claimed: int = 0
    posted: int = 0
    late: int = 0
    skipped: int = 0
    finished: int = 0
    paused: int = 0
    already: int = 0
    lost: int = 0
    delivered: list[Handled] = field(default_factory=list, compare=False)
    too_late: list[Handled] = field(default_factory=list, compare=False)

    def add(self, other: DispatchReport) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class _Target:
    """Where a guild's scheduled posts go, and whom they may ping."""

    channel_id: int | None
    ping_role_id: int | None
    # The bot has left the guild: nothing is posted in its channels (DMs still go).
    left: bool = False


@dataclass
class _Batch:
    """What one batch transaction decided, written with a few statements at its end, and what
    is left to do after its commit."""

    report: DispatchReport = field(default_factory=DispatchReport)
    delivered: set[tuple[int, str]] = field(default_factory=set)
    posts: list[QueuedPost] = field(default_factory=list)
    # Delivery rows; a queued one names its post's dedup key until the outbox ids are known.
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    finished_reminders: list[int] = field(default_factory=list)
    digests: dict[int, Post | None] = field(default_factory=dict)
    notices: list[tuple[int, str, str]] = field(default_factory=list)

    def record(self, schedule_id: int, key: str, status: str, now: datetime, *,
               late: bool = False, dedup_key: str | None = None) -> None:
        self.delivered.add((schedule_id, key))
        self.deliveries.append({"schedule_id": schedule_id, "occurrence_key": key,
                                "status": status, "late": late, "dedup_key": dedup_key,
                                "created_at": now, "updated_at": now})


class Dispatcher:
    """Turns due schedule rows into outbox posts, exactly once per occurrence.

    One per process. `run()` sleeps until the earliest due row (at most a minute), or until
    `notify()`; several processes on PostgreSQL share the work through leases and
    `FOR UPDATE SKIP LOCKED`.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: Settings,
        *,
        notify_modlog: Notifier | None = None,
        digest_renderer: DigestRenderer | None = None,
        owner: str | None = None,
        batch: int = 200,
        max_sleep: float = MAX_SLEEP,
    ) -> None:
        self.db = db
        self.clock = clock
        self.grace = timedelta(minutes=settings.schedule_grace_minutes)
        self.late_after = timedelta(minutes=settings.schedule_late_after_minutes)
        self.notify_modlog = notify_modlog
        self.digest_renderer = digest_renderer
        self.owner = owner or process_owner()
        self.batch = batch
        self.max_sleep = max_sleep
        self.ready = asyncio.Event()
        self.next_wake: datetime | None = None
        self.on_dispatched: Callable[[DispatchReport], None] | None = None
        self._wake = asyncio.Event()
        # One pass at a time in this process: the shell's own pass after a command waits for
        # the background one, so what that pass posts is out before the shell reads on.
        self._pass = asyncio.Lock()

    def notify(self) -> None:
        """Look again now (a schedule was added or moved, or the clock moved)."""
        self._wake.set()

    async def earliest_due(self) -> datetime | None:
        """The earliest next due time of an active row: one look-up in the partial due index."""
        async with self.db.read() as session:
            return await session.scalar(
                select(func.min(Schedule.next_due_utc)).where(_ACTIVE)
            )

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Dispatch until `stop` is set (then `notify`), after the pass under way. Start-up
        reads only the earliest due time, never every row."""
        while stop is None or not stop.is_set():
            try:
                self.next_wake = await self.earliest_due()
                self.ready.set()
                now = self.clock.now()
                if self.next_wake is not None and self.next_wake <= now:
                    report = await self.dispatch_due(now)
                    if self.on_dispatched is not None:
                        self.on_dispatched(report)
                    if report.claimed:
                        continue
                    # Due rows that another process holds: look again shortly.
                    delay = 1.0
                elif self.next_wake is None:
                    delay = self.max_sleep
                else:
                    delay = (self.next_wake - now).total_seconds()
            except Exception:  # a database hiccup must not stop scheduled posts for good
                log.exception("schedule dispatcher: a pass failed; retrying shortly")
                delay = 5.0
            await self._sleep(min(max(delay, 0.0), self.max_sleep))

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
        self._wake.clear()

    async def dispatch_due(self, now: datetime) -> DispatchReport:
        """Deliver every row due at `now`, batch by batch; never more than one post per row."""
        total = DispatchReport()
        async with self._pass:
            while True:
                ids = await self.claim(now)
                if not ids:
                    return total
                total.add(await self._dispatch(ids, now))
                if len(ids) < self.batch:
                    return total

    async def claim(self, now: datetime, limit: int | None = None) -> list[int]:
        """Lease up to `limit` due rows to this dispatcher; returns their ids."""
        due = and_(_ACTIVE, Schedule.next_due_utc <= now, SCHEDULE_LEASE.free(now))
        ids = (
            select(Schedule.id).where(due).order_by(Schedule.next_due_utc)
            .limit(limit or self.batch).with_for_update(skip_locked=True)
        )
        lease = (update(Schedule).where(due)
                 .values(**SCHEDULE_LEASE.claim(self.owner, now, LEASE))
                 .returning(Schedule.id))
        async with self.db.transaction() as session:
            return sorted(row.id for row in await claim_rows(session, ids, lease, Schedule.id))

    async def release(self) -> int:
        """Give back every row this dispatcher still holds (a graceful stop), so another
        process claims them at once instead of after the lease."""
        async with self.db.transaction() as session:
            result = await session.execute(
                update(Schedule).where(SCHEDULE_LEASE.mine(self.owner))
                .values(**SCHEDULE_LEASE.cleared()))
        return int(getattr(result, "rowcount", 0) or 0)

    async def _dispatch(self, ids: list[int], now: datetime) -> DispatchReport:
        """All claimed rows in one transaction; if that fails, each in its own."""
        digests = await self._render_digests(ids, now)
        try:
            batch = await self._run_batch(ids, now, digests)
        except Exception:
            log.exception("schedule dispatcher: a batch of %d failed; retrying row by row",
                          len(ids))
            batch = _Batch()
            for schedule_id in ids:
                try:
                    one = await self._run_batch([schedule_id], now, digests)
                except Exception as exc:
                    log.exception("schedule %d could not be dispatched; pausing it", schedule_id)
                    await self._pause_broken(schedule_id, f"internal error: {exc}"[:500])
                    continue
                batch.report.add(one.report)
                batch.notices += one.notices
                batch.posts += one.posts
        batch.report.claimed = len(ids)
        for guild_id, message, key in batch.notices:
            if self.notify_modlog is not None:
                await self.notify_modlog(guild_id, message, key)
        return batch.report

    async def _render_digests(self, ids: list[int], now: datetime) -> dict[int, Post | None]:
        """The digest posts of the claimed digest rows, by schedule id (rendered up front)."""
        if self.digest_renderer is None:
            return {}
        async with self.db.read() as session:
            rows = (await session.execute(
                select(Schedule.id, Schedule.guild_id)
                .where(Schedule.id.in_(ids), Schedule.kind == ScheduleKind.DIGEST)
            )).all()
        posts: dict[int, Post | None] = {}
        for schedule_id, guild_id in rows:
            if guild_id is None:
                posts[schedule_id] = None
                continue
            try:
                posts[schedule_id] = await self.digest_renderer(guild_id, now)
            except Exception:
                log.exception("schedule %d: the digest could not be rendered", schedule_id)
                posts[schedule_id] = None
        return posts

    async def _run_batch(self, ids: list[int], now: datetime,
                         digests: dict[int, Post | None] | None = None) -> _Batch:
        batch = _Batch()
        batch.digests = digests or {}
        async with self.db.transaction() as session:
            # Fenced by our lease: a row another dispatcher took over is not ours to touch.
            rows = (await session.scalars(
                select(Schedule).where(Schedule.id.in_(ids), SCHEDULE_LEASE.mine(self.owner))
                .order_by(Schedule.id).with_for_update()
            )).all()
            batch.report.lost = len(ids) - len(rows)
            if not rows:
                return batch
            targets = await self._targets(session, {r.guild_id for r in rows if r.guild_id})
            batch.delivered = {(sid, key) for sid, key in (await session.execute(
                select(Delivery.schedule_id, Delivery.occurrence_key)
                .where(Delivery.schedule_id.in_([r.id for r in rows]))
            )).all()}
            for row in rows:
                await self._handle(session, row, now, targets, batch)
            changes = [{"sid": r.id, "due": r.next_due_utc, "key": r.occurrence_key,
                        "new_state": r.state, "reason": r.paused_reason} for r in rows]
            # The rows are written below with one executemany: the ORM would send an UPDATE per
            # row where the driver cannot count rows of an executemany (asyncpg).
            session.expunge_all()
            connection = await session.connection()
            await connection.execute(
                update(Schedule)
                .where(Schedule.id == bindparam("sid"), SCHEDULE_LEASE.mine(self.owner))
                .values(next_due_utc=bindparam("due"), occurrence_key=bindparam("key"),
                        state=bindparam("new_state"), paused_reason=bindparam("reason"),
                        updated_at=now, **SCHEDULE_LEASE.cleared()),
                changes,
            )
            await self._write(session, batch, now)
        return batch

    async def _write(self, session: AsyncSession, batch: _Batch, now: datetime) -> None:
        """The batch's posts, deliveries and finished reminders, a statement for each."""
        outbox_ids = await enqueue_many(session, batch.posts, now)
        for delivery in batch.deliveries:
            delivery["outbox_id"] = outbox_ids.get(delivery.pop("dedup_key") or "")
        # A key delivered meanwhile (a lease that ran out mid-batch) is left as it was.
        await insert_ignoring_conflict(session, Delivery, batch.deliveries,
                                       ["schedule_id", "occurrence_key"])
        if batch.finished_reminders:
            await session.execute(
                update(Reminder).where(Reminder.id.in_(batch.finished_reminders),
                                       Reminder.state == ReminderState.ACTIVE)
                .values(state=ReminderState.DONE)
            )

    async def _targets(self, session: AsyncSession, guild_ids: set[int]) -> dict[int, _Target]:
        """Each guild's channel for scheduled posts (its schedule channel, else its announce
        channel) and its ping role, read once per batch."""
        if not guild_ids:
            return {}
        general = {g: (announce, ping, left is not None)
                   for g, announce, ping, left in (await session.execute(
            select(GuildSettingsRow.guild_id, GuildSettingsRow.announce_channel_id,
                   GuildSettingsRow.ping_role_id, GuildSettingsRow.left_at)
            .where(GuildSettingsRow.guild_id.in_(guild_ids))
        )).all()}
        chosen = {g: c for g, c in (await session.execute(
            select(GuildScheduleSettingsRow.guild_id, GuildScheduleSettingsRow.channel_id)
            .where(GuildScheduleSettingsRow.guild_id.in_(guild_ids))
        )).all()}
        targets = {}
        for guild_id in guild_ids:
            announce, ping, left = general.get(guild_id, (None, None, False))
            targets[guild_id] = _Target(chosen.get(guild_id) or announce, ping, left)
        return targets

    async def _handle(self, session: AsyncSession, row: Schedule, now: datetime,
                      targets: dict[int, _Target], batch: _Batch) -> None:
        """One row: skip what is too old, post what is due (once), then advance or finish."""
        report = batch.report
        posted = False
        # At most three steps: an old occurrence skipped, then one posted, then the next one.
        while row.next_due_utc is not None and row.next_due_utc <= now and not posted:
            due_utc = row.next_due_utc
            key = row.occurrence_key or due_utc.isoformat()
            policy = missed_policy(due_utc, now, self.grace, self.late_after)
            after = due_utc
            if (row.id, key) in batch.delivered:
                report.already += 1
            elif policy == "skip":
                batch.record(row.id, key, DeliveryStatus.SKIPPED, now)
                report.skipped += 1
                report.too_late.append(Handled(row.kind, row.title, due_utc))
                log.warning("schedule %d (%s): occurrence %s was due %s, more than %s ago; "
                            "skipped", row.id, row.kind, key, due_utc.isoformat(), self.grace)
                # Jump over every other occurrence that is as old: never a burst.
                after = max(due_utc, now - self.grace)
            else:
                outcome = await self._post(session, row, key, due_utc, policy == "late",
                                           targets, now, batch)
                if outcome == "paused":
                    return
                posted = outcome == "posted"
            self._advance(row, after, report)
            if (row.state == ScheduleState.DONE and row.kind == ScheduleKind.REMINDER
                    and row.rule == "once" and row.reminder_id is not None):
                batch.finished_reminders.append(row.reminder_id)

    async def _post(self, session: AsyncSession, row: Schedule, key: str, due_utc: datetime,
                    late: bool, targets: dict[int, _Target], now: datetime,
                    batch: _Batch) -> str:
        """Queue the post (or record why not); returns posted, skipped or paused."""
        report = batch.report
        target = targets.get(row.guild_id or 0, _Target(None, None))
        if row.kind == ScheduleKind.REMINDER:
            channel_id, user_id = row.channel_id, (None if row.channel_id else row.user_id)
        else:
            channel_id, user_id = row.channel_id or target.channel_id, None
        if target.left and user_id is None:
            # The bot is no longer in the guild: this occurrence is not posted; the row stays
            # and the next occurrence is posted if the bot has rejoined by then.
            batch.record(row.id, key, DeliveryStatus.SKIPPED, now)
            report.skipped += 1
            log.info("schedule %d (%s): occurrence %s skipped, the bot left guild %s",
                     row.id, row.kind, key, row.guild_id)
            return "skipped"
        if channel_id is None and user_id is None:
            row.state = ScheduleState.PAUSED
            row.paused_reason = NO_CHANNEL
            report.paused += 1
            log.warning("schedule %d (%s) paused: %s", row.id, row.kind, NO_CHANNEL)
            if row.guild_id is not None:
                batch.notices.append((
                    row.guild_id,
                    "⚠️ Scheduled posts (release days, countdowns, anniversaries, birthdays) "
                    "are paused: no channel is set for them. Choose one with `/schedule set` "
                    "or set an announce channel with `/setup`.",
                    f"schedule-no-channel:{row.guild_id}:{now.date().isoformat()}",
                ))
            return "paused"
        due = Due(kind=row.kind, rule=row.rule, title=row.title, anchor_local=row.anchor_local,
                  local_date=due_utc.astimezone(ZoneInfo(row.tz)).date(), key=key,
                  payload=row.payload or {}, due_utc=due_utc, guild_id=row.guild_id,
                  entity_id=row.entity_id, reminder_id=row.reminder_id)
        if row.kind == ScheduleKind.DIGEST:
            post = batch.digests.get(row.id)
            if self.digest_renderer is None:
                log.info("schedule %d: no digest renderer; digest skipped", row.id)
            if post is None:
                batch.record(row.id, key, DeliveryStatus.SKIPPED, now)
                report.skipped += 1
                return "skipped"
        else:
            post = render(due, late=late, ping_role_id=target.ping_role_id)
        dedup = f"schedule:{row.id}:{key}"
        batch.posts.append(QueuedPost(dedup_key=dedup, post=post, origin=scheduled(row.id, key),
                                      guild_id=row.guild_id, channel_id=channel_id,
                                      user_id=user_id))
        batch.record(row.id, key, DeliveryStatus.QUEUED, now, late=late, dedup_key=dedup)
        report.posted += 1
        report.late += late
        report.delivered.append(Handled(row.kind, row.title, due_utc))
        if late:
            log.info("schedule %d (%s): occurrence %s posted late (due %s)", row.id, row.kind,
                     key, due_utc.isoformat())
        return "posted"

    def _advance(self, row: Schedule, after: datetime, report: DispatchReport) -> None:
        if row.state != ScheduleState.ACTIVE:
            return
        occurrence = next_due(row.rule, row.anchor_local, row.tz, row.payload or {}, after=after)
        if occurrence is None:
            row.state = ScheduleState.DONE
            row.next_due_utc = None
            report.finished += 1
        else:
            row.next_due_utc = occurrence.due_utc
            row.occurrence_key = occurrence.key

    async def _pause_broken(self, schedule_id: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            async with self.db.transaction() as session:
                await session.execute(
                    update(Schedule).where(Schedule.id == schedule_id)
                    .values(state=ScheduleState.PAUSED, paused_reason=reason,
                            **SCHEDULE_LEASE.cleared())
                )
