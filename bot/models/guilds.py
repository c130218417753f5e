"""Per-guild and per-user settings, followed artists, and the moderators' audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.models.base import Base, IdType, Snowflake, UTCDateTime
from bot.settings.values import DEFAULT_HOUR, DEFAULT_ZONE


def utcnow() -> datetime:
    return datetime.now(UTC)


class GuildSettingsRow(Base):
    """What `/setup` stores for one Discord server (guild)."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_ZONE)
    post_hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_HOUR)
    announce_channel_id: Mapped[int | None] = mapped_column(Snowflake)
    modlog_channel_id: Mapped[int | None] = mapped_column(Snowflake)
    ping_role_id: Mapped[int | None] = mapped_column(Snowflake)
    # The network view: also see the facts of articles other guilds' feeds and ingests carried.
    network_facts: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # When the bot left (or was removed from) the guild; None while it is a member. A left
    # guild's feeds are not polled for it and nothing is posted in its channels.
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSettingsRow(Base):
    """A user's own settings (their time zone for personal reminders)."""

    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_ZONE)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Follow(Base):
    """A moderator's choice about one artist: followed, or unfollowed (muted even when the
    guild's own articles would cover it by default)."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("guild_id", "entity_id"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    guild_id: Mapped[int] = mapped_column(Snowflake)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    # False records an /unfollow, which wins over the default coverage.
    following: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GuildScheduleSettingsRow(Base):
    """A guild's scheduled-post settings (`/schedule`); a guild without a row gets defaults."""

    __tablename__ = "guild_schedule_settings"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    # None posts in the guild's announce channel.
    channel_id: Mapped[int | None] = mapped_column(Snowflake)
    # Which kinds are on: a list of release_day, countdown, anniversary, birthday.
    kinds: Mapped[list[str]] = mapped_column(JSON)
    countdown_days: Mapped[list[int]] = mapped_column(JSON)
    # Anniversary ages that get a post; None means every year.
    milestones: Mapped[list[int] | None] = mapped_column(JSON)
    # Where 29 February falls in other years: feb28 or mar1.
    feb29: Mapped[str] = mapped_column(String(8), default="feb28")
    # Ping the guild's ping role (fans opt in with /subscribe) on scheduled posts.
    ping: Mapped[bool] = mapped_column(Boolean, default=False)
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # 0 = Monday; the digest posts at the guild's posting hour on that day.
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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
