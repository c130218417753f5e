"""The fact base: entities (artists, people, labels, releases), their aliases, and facts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.kinds_and_states import EntityKind, FactStatus
from bot.models.base import Base, IdType, Snowflake, UTCDateTime, one_of
from bot.models.guilds import utcnow
from bot.partial_dates import PRECISIONS


class Entity(Base):
    """An artist, person, label or release. A release carries kind, date+precision and status."""

    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_kind_norm", "kind", "norm_name"),
        one_of("kind", EntityKind),
        one_of("date_precision", PRECISIONS),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    norm_name: Mapped[str] = mapped_column(String(300))
    artist_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    release_kind: Mapped[str | None] = mapped_column(String(16))
    date_value: Mapped[date | None] = mapped_column(Date)
    # "day", "month" or "year": a month-precise date is stored as the 1st of that month.
    date_precision: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str | None] = mapped_column(String(16))
    # Set for entities a moderator created: only that guild sees them.
    guild_id: Mapped[int | None] = mapped_column(Snowflake)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Alias(Base):
    """Another name for an entity; scope 0 is every guild, otherwise the guild that added it."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "norm_name", "scope"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    norm_name: Mapped[str] = mapped_column(String(300), index=True)
    scope: Mapped[int] = mapped_column(Snowflake, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Fact(Base):
    """subject-predicate-object with its evidence sentence, source article and status."""

    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_subject_predicate", "subject_id", "predicate", "status"),
        # One row per (article, guild scope, subject, predicate, object): re-ingesting is a no-op.
        UniqueConstraint("dedup_key"),
        one_of("status", FactStatus),
        one_of("object_precision", PRECISIONS),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    predicate: Mapped[str] = mapped_column(String(64))
    object_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    object_text: Mapped[str | None] = mapped_column(Text)
    object_date: Mapped[date | None] = mapped_column(Date)
    object_precision: Mapped[str | None] = mapped_column(String(8))
    evidence: Mapped[str] = mapped_column(Text, default="")
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = mapped_column(String(16), default=FactStatus.ACCEPTED.value)
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("facts.id", ondelete="SET NULL")
    )
    # Set for a moderator's correction: it changes only that guild's answers and schedules.
    guild_id: Mapped[int | None] = mapped_column(Snowflake, index=True)
    created_by: Mapped[int | None] = mapped_column(Snowflake)
    # A hash of what the fact says and where from; NULL for hand-made rows (never deduplicated).
    dedup_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
