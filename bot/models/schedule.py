"""Schedules and their due queue, deliveries per occurrence, the outbox, reminders and leases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.kinds_and_states import (
    DeliverTo,
    DeliveryStatus,
    OutboxStatus,
    PostOrigin,
    ReminderState,
    ScheduleKind,
    ScheduleState,
)
from bot.models.base import Base, IdType, Snowflake, UTCDateTime, one_of
from bot.models.guilds import utcnow
from bot.settings.values import DEFAULT_ZONE


class Schedule(Base):
    """Something that recurs or fires once: an anchor in local time, its zone, the next due UTC."""

    __tablename__ = "schedules"
    __table_args__ = (
        Index(
            "ix_schedules_due",
            "next_due_utc",
            postgresql_where=text("state = 'active'"),
            sqlite_where=text("state = 'active'"),
        ),
        one_of("kind", ScheduleKind),
        one_of("state", ScheduleState),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    guild_id: Mapped[int | None] = mapped_column(Snowflake, index=True)
    channel_id: Mapped[int | None] = mapped_column(Snowflake)
    user_id: Mapped[int | None] = mapped_column(Snowflake)
    fact_id: Mapped[int | None] = mapped_column(
        ForeignKey("facts.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    reminder_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminders.id", ondelete="CASCADE"), index=True
    )
    # A stable name for schedules derived from facts, e.g. "1000:countdown:42" (guild, kind,
    # entity), so that re-syncing updates the row instead of adding another.
    sync_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    tz: Mapped[str] = mapped_column(String(64), default=DEFAULT_ZONE)
    # The local anchor, e.g. "2022-06-10" (yearly on 06-10) or "2026-12-01T18:00" (once).
    anchor_local: Mapped[str] = mapped_column(String(32))
    rule: Mapped[str] = mapped_column(String(32), default="once")
    next_due_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The local date of the next occurrence: deliveries are unique per (schedule, occurrence).
    occurrence_key: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default=ScheduleState.ACTIVE.value)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Delivery(Base):
    """One occurrence of a schedule, posted at most once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("schedule_id", "occurrence_key"),
        one_of("status", DeliveryStatus),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"))
    occurrence_key: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.QUEUED.value)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxMessage(Base):
    """Every outgoing post: claimed with a lease, sent with a deterministic nonce, marked sent."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "status", "next_attempt_at"),
        one_of("status", OutboxStatus),
        one_of("origin", PostOrigin),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    dedup_key: Mapped[str] = mapped_column(String(200), unique=True)
    guild_id: Mapped[int | None] = mapped_column(Snowflake, index=True)
    channel_id: Mapped[int | None] = mapped_column(Snowflake)
    # Set for a direct message; channel_id is then resolved when sending.
    user_id: Mapped[int | None] = mapped_column(Snowflake)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # A schedule's post also names its schedule and occurrence, whose Delivery it settles.
    origin: Mapped[str] = mapped_column(String(16), server_default=PostOrigin.NOTICE.value)
    schedule_id: Mapped[int | None] = mapped_column(IdType)
    occurrence_key: Mapped[str | None] = mapped_column(String(32))
    nonce: Mapped[str] = mapped_column(String(25))
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the earliest send began that may have reached Discord without an answer (a timeout,
    # a 5xx, a crash): a repeat is safe by its nonce only for a few minutes after it.
    unsettled_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[int | None] = mapped_column(Snowflake)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Reminder(Base):
    """A fan's personal reminder: a time or a release, delivered by DM or in a channel."""

    __tablename__ = "reminders"
    __table_args__ = (
        Index("ix_reminders_user_state", "user_id", "state"),
        one_of("deliver_to", DeliverTo),
        one_of("state", ReminderState),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    user_id: Mapped[int] = mapped_column(Snowflake)
    guild_id: Mapped[int | None] = mapped_column(Snowflake)
    channel_id: Mapped[int | None] = mapped_column(Snowflake)
    deliver_to: Mapped[str] = mapped_column(String(8), default=DeliverTo.DM.value)
    text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    tz: Mapped[str] = mapped_column(String(64), default=DEFAULT_ZONE)
    release_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(16), default=ReminderState.ACTIVE.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Lease(Base):
    """A named lease row for whole-cluster singleton work (a portable leader election)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    epoch: Mapped[int] = mapped_column(Integer, default=0)
