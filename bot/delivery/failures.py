"""Undeliverable scheduled posts: pause the schedule (mod-log notice), or record a blocked DM."""

from __future__ import annotations

import logging

from sqlalchemy import update

from bot.clock import Clock
from bot.db import Database
from bot.delivery.modlog import ModLog
from bot.delivery.outbox import DeliveryError, OutboxItem
from bot.kinds_and_states import DeliveryStatus, ReminderState, ScheduleState
from bot.models import Delivery, Reminder, Schedule

log = logging.getLogger(__name__)
# Reasons the engine pauses a schedule with; a moderator's fix (a channel set) resumes them.
DELIVERY_PAUSE = "could not post: "


class DeliveryFailures:
    """The outbox worker's permanent-failure listener: schedule posts get their own handling,
    every other post the mod-log's usual notice."""

    def __init__(self, db: Database, modlog: ModLog, clock: Clock) -> None:
        self.db = db
        self.modlog = modlog
        self.clock = clock

    async def __call__(self, item: OutboxItem, error: DeliveryError) -> None:
        origin = item.origin
        if origin.kind != "schedule" or origin.schedule_id is None:
            await self.modlog.delivery_failed(item, error)
            return
        schedule_id, key = origin.schedule_id, origin.occurrence_key
        now = self.clock.now()
        async with self.db.transaction() as session:
            row = await session.get(Schedule, schedule_id)
            if row is None:
                return
            await session.execute(
                update(Delivery).where(Delivery.schedule_id == schedule_id,
                                       Delivery.occurrence_key == key)
                .values(status=DeliveryStatus.FAILED, updated_at=now)
            )
            if item.user_id is not None:
                # A user who blocks DMs (or left every shared server): recorded, not retried.
                log.info("schedule %d: DM to user %d undeliverable (%s)", schedule_id,
                         item.user_id, error.reason)
                if row.reminder_id is not None:
                    await session.execute(
                        update(Reminder).where(Reminder.id == row.reminder_id)
                        .values(state=ReminderState.UNDELIVERABLE)
                    )
                row.state = ScheduleState.DONE
                row.paused_reason = f"undeliverable: {error.reason}"[:500]
                row.updated_at = now
                return
            if row.state == ScheduleState.ACTIVE:
                row.state = ScheduleState.PAUSED
                row.paused_reason = (DELIVERY_PAUSE + error.reason)[:500]
                row.updated_at = now
            log.warning("schedule %d paused: could not post in channel %s: %s", schedule_id,
                        item.channel_id, error.reason)
        if item.guild_id is not None:
            await self.modlog.notice(
                item.guild_id,
                f"⚠️ I could not post a scheduled {row.kind.replace('_', ' ')} post "
                f"(“{row.title}”) in <#{item.channel_id}>: {error.reason}. That schedule is "
                "paused: check that the channel exists and that I may view it, send messages "
                "and embed links there, then choose the channel again with `/schedule set`.",
                key=f"schedule-failed:{item.guild_id}:{item.channel_id}:{now.date().isoformat()}",
                avoid_channel=item.channel_id,
            )
