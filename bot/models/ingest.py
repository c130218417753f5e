"""Feeds (fetched once however many guilds subscribe), their items, subscriptions, articles and
their searchable sentences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.kinds_and_states import FeedState, TextFrom
from bot.models.base import Base, IdType, Snowflake, UTCDateTime, one_of
from bot.models.guilds import utcnow


class Feed(Base):
    """A feed URL with its fetch state and health (ok, failing, disabled + typed reason)."""

    __tablename__ = "feeds"
    __table_args__ = (one_of("state", FeedState),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    state: Mapped[str] = mapped_column(String(16), default=FeedState.OK.value)
    disable_reason: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    failure_count: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The process polling it now and until when (bot.delivery.leases.RowLease): a process
    # that dies mid-poll leaves a lease that lapses, and the feed is another's to poll.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    poll_interval_seconds: Mapped[int] = mapped_column(Integer, default=900)
    learned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FeedItem(Base):
    """An item seen in a feed, by its stable key, so that no item is posted twice.

    It keeps what its own feed carried (title, link, date, summary, source): a post of it shows
    these, never another feed's copy of the article it shares."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_id", "item_key"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(512))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    # The item's link and date as first seen: later rewrites of either never re-post it.
    link: Mapped[str | None] = mapped_column(String(2048))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    title: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(Base):
    """A guild channel that receives a feed's new articles, with optional filters."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("guild_id", "feed_id", "channel_id"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    guild_id: Mapped[int] = mapped_column(Snowflake, index=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[int] = mapped_column(Snowflake)
    include_keywords: Mapped[str | None] = mapped_column(Text)
    exclude_keywords: Mapped[str | None] = mapped_column(Text)
    regex: Mapped[str | None] = mapped_column(Text)
    # The only role a post from this feed may mention; none by default.
    mention_role_id: Mapped[int | None] = mapped_column(Snowflake)
    # When this channel's learning pass ran (the newest items posted, older ones only stored).
    learned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(Snowflake)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Article(Base):
    """One story, stored once however many feeds or guilds bring it in."""

    __tablename__ = "articles"
    __table_args__ = (
        one_of("text_from", TextFrom),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # The link other items join this article by: held by one article at a time.
    canonical_url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    # The link it was stored from, also when another article holds it as `canonical_url` (its
    # text differed): what answers cite.
    link: Mapped[str | None] = mapped_column(String(2048))
    text_from: Mapped[str] = mapped_column(String(8), default=TextFrom.FEED.value,
                                           server_default=TextFrom.FEED.value)
    # The article whose posts this one's are (the first stored with its link), when the two
    # were kept apart because their texts differ: a channel is shown one story once.
    story_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    guid: Mapped[str | None] = mapped_column(String(512))
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # When its facts were extracted and stored; None means still to do (a crash loses nothing).
    learned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GuildArticle(Base):
    """Which guild's feeds or ingests brought an article in (scopes 'latest articles')."""

    __tablename__ = "guild_articles"

    guild_id: Mapped[int] = mapped_column(Snowflake, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ArticleSentence(Base):
    """One sentence of an article, kept for full-text search (quotes when no fact answers).

    Migration 0006 adds what the models cannot declare on both databases, kept in step with
    these rows by the database itself: on SQLite the FTS5 table `article_sentences_fts` and its
    triggers, on PostgreSQL the generated `search_vector` column and its GIN index.
    """

    __tablename__ = "article_sentences"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # the sentence's index in the article
    text: Mapped[str] = mapped_column(Text)


# The full-text objects migration 0006 creates by hand, which the models do not declare.
SEARCH_TABLE = "article_sentences_fts"  # SQLite (FTS5), with its shadow tables "..._data" etc.
SEARCH_COLUMN = "search_vector"  # PostgreSQL: to_tsvector('simple', text), generated
SEARCH_INDEX = "ix_article_sentences_search_vector"  # PostgreSQL: GIN over it


def declared_by_models(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's `include_name`: False for the full-text objects that only the migration
    knows, so that comparing models with the database (autogenerate, the test) skips them."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE)
    return name not in (SEARCH_COLUMN, SEARCH_INDEX)
