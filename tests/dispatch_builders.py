"""Schedule rows, guild settings and reminders for dispatcher tests, stored as the planner would."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.db import Database
from bot.models import (
    Delivery,
    GuildScheduleSettingsRow,
    GuildSettingsRow,
    OutboxMessage,
    Reminder,
    Schedule,
)
from bot.schedule.rules import next_due

GUILD, ANNOUNCE, MODLOG, PING_ROLE, FAN = 1000, 1001, 1002, 1003, 2000


async def guild_settings(db: Database, guild_id: int = GUILD, *, announce: int | None = ANNOUNCE,
                         modlog: int | None = MODLOG, ping_role: int | None = PING_ROLE,
                         schedule_channel: int | None = None) -> None:
    async with db.transaction() as session:
        session.add(GuildSettingsRow(guild_id=guild_id, announce_channel_id=announce,
                                     modlog_channel_id=modlog, ping_role_id=ping_role))
        if schedule_channel is not None:
            session.add(GuildScheduleSettingsRow(
                guild_id=guild_id, channel_id=schedule_channel, kinds=["release_day"],
                countdown_days=[7, 1], milestones=None))


async def add_schedule(
    db: Database,
    *,
    kind: str = "release_day",
    rule: str | None = None,
    anchor: str = "2026-11-25",
    tz: str = "UTC",
    payload: dict[str, Any] | None = None,
    after: datetime,
    guild_id: int | None = GUILD,
    channel_id: int | None = None,
    user_id: int | None = None,
    reminder_id: int | None = None,
    title: str = "Blue Hour",
    entity_id: int | None = None,
) -> int:
    """A row whose next occurrence is the first one strictly after `after`."""
    rule = rule or kind
    payload = {"hour": 12, "artist": "Mara Vale", **(payload or {})}
    occurrence = next_due(rule, anchor, tz, payload, after=after)
    assert occurrence is not None
    async with db.transaction() as session:
        row = Schedule(kind=kind, rule=rule, guild_id=guild_id, channel_id=channel_id,
                       user_id=user_id, reminder_id=reminder_id, entity_id=entity_id,
                       title=title, payload=payload,
                       tz=tz, anchor_local=anchor, next_due_utc=occurrence.due_utc,
                       occurrence_key=occurrence.key, state="active")
        session.add(row)
        await session.flush()
        return row.id


async def add_reminder(db: Database, *, text: str, due: datetime, user_id: int = FAN,
                       guild_id: int | None = GUILD, channel_id: int | None = None) -> int:
    async with db.transaction() as session:
        reminder = Reminder(user_id=user_id, guild_id=guild_id, channel_id=channel_id,
                            deliver_to="channel" if channel_id else "dm", text=text, due_at=due,
                            tz="UTC", state="active")
        session.add(reminder)
        await session.flush()
        return reminder.id


async def schedule(db: Database, schedule_id: int) -> Schedule:
    async with db.transaction() as session:
        row = await session.get(Schedule, schedule_id)
        assert row is not None
        return row


async def reminder_state(db: Database, reminder_id: int) -> str:
    async with db.transaction() as session:
        row = await session.get(Reminder, reminder_id)
        assert row is not None
        return row.state


async def outbox_rows(db: Database) -> list[OutboxMessage]:
    async with db.transaction() as session:
        return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
                    .all())


async def deliveries(db: Database, schedule_id: int | None = None) -> list[Delivery]:
    async with db.transaction() as session:
        query = select(Delivery).order_by(Delivery.id)
        if schedule_id is not None:
            query = query.where(Delivery.schedule_id == schedule_id)
        return list((await session.scalars(query)).all())


async def count(db: Database, model: type[Any]) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


SECOND = timedelta(seconds=1)
