"""Per-guild and per-user settings, followed artists, and the moderators' audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base, IdType, Snowflake, UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


class GuildSettingsRow(Base):
    """What `/setup` stores for one Discord server (guild)."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    post_hour: Mapped[int] = mapped_column(Integer, default=9)
    announce_channel_id: Mapped[int | None] = mapped_column(Snowflake)
    modlog_channel_id: Mapped[int | None] = mapped_column(Snowflake)
    ping_role_id: Mapped[int | None] = mapped_column(Snowflake)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSettingsRow(Base):
    """A user's own settings (their time zone for personal reminders)."""

    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Follow(Base):
    """An artist a guild follows explicitly (its scheduled posts cover followed artists)."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("guild_id", "entity_id"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """Who changed what in a guild, with the value before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_guild_time", "guild_id", "created_at"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    user_id: Mapped[int] = mapped_column(Snowflake)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(300))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
