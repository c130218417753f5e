"""What moderators do with feeds: add, list with health, remove, and test before adding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select

from bot.actors import Actor
from bot.clock import Clock
from bot.config import Settings
from bot.db import Database
from bot.errors import UserError
from bot.ingest.articles import store_articles
from bot.ingest.drafts import draft_from_entry
from bot.ingest.filters import make_filter
from bot.ingest.health import Failure
from bot.ingest.poller import FeedPoller, FetchedFeed, item_candidate
from bot.ingest.posting import (
    article_post,
    newest,
    posted_prefix,
    skip_reason,
    story_of,
)
from bot.ingest.urls import canonical_url
from bot.kinds_and_states import FeedState
from bot.models import Feed, FeedItem, OutboxMessage, Subscription
from bot.net import check_url
from bot.posts import Post

PREVIEW_ITEMS = 5


@dataclass(frozen=True)
class FeedAdded:
    url: str
    title: str | None
    channel_id: int
    items_known: int
    posts_queued: int
    reenabled: bool
    updated: bool
    filter: str


@dataclass(frozen=True)
class FeedRemoval:
    """A feed this guild follows (in one channel, or all), about to be removed."""

    guild_id: int
    feed_id: int
    url: str
    title: str | None
    channel_id: int | None
    subscriptions: int


def _subscriptions(guild_id: int, feed_id: int, channel_id: int | None) -> list[Any]:
    """The conditions picking a guild's subscriptions to a feed (in one channel, or all)."""
    where = [Subscription.guild_id == guild_id, Subscription.feed_id == feed_id]
    if channel_id is not None:
        where.append(Subscription.channel_id == channel_id)
    return where


def _no_feed(url: str, channel_id: int | None) -> UserError:
    return UserError(f"This server has no feed {url}"
                     + (" in that channel" if channel_id else "")
                     + ". /feeds list shows its feeds.")


@dataclass(frozen=True)
class FeedStatus:
    """One subscription of a guild, with its feed's health."""

    url: str
    title: str | None
    channel_id: int
    state: str
    reason: str | None
    last_error: str | None
    last_success_at: datetime | None
    next_poll_at: datetime | None
    filter: str
    mention_role_id: int | None


@dataclass(frozen=True)
class PreviewItem:
    title: str | None
    link: str | None
    published: datetime | None
    verdict: str


@dataclass(frozen=True)
class FeedPreview:
    url: str
    title: str | None
    item_count: int
    items: list[PreviewItem]
    sample: Post | None
    filter: str
    learning_note: str


class FeedService:
    """Feed subscriptions of one guild at a time; every method checks the actor."""

    def __init__(self, db: Database, poller: FeedPoller, settings: Settings,
                 clock: Clock) -> None:
        self.db = db
        self.poller = poller
        self.settings = settings
        self.clock = clock

    async def add(self, actor: Actor, url: str, channel_id: int, *, include: str | None = None,
                  exclude: str | None = None, regex: str | None = None,
                  mention_role_id: int | None = None) -> FeedAdded:
        """Subscribe a channel: fetch the feed now (so a bad URL is refused with its reason),
        then store it and run the channel's learning pass."""
        guild_id = actor.require_moderator()
        url = canonical_url(check_url(url))
        article_filter = make_filter(include, exclude, regex)
        fetched = await self._fetch_or_explain(url)
        now = self.clock.now()
        async with self.db.transaction() as session:
            feed = await session.scalar(select(Feed).where(Feed.url == url))
            subscription = None
            if feed is not None:
                subscription = await session.scalar(select(Subscription).where(
                    Subscription.guild_id == guild_id, Subscription.feed_id == feed.id,
                    Subscription.channel_id == channel_id))
            if subscription is None:
                count = await session.scalar(select(func.count()).select_from(Subscription)
                                             .where(Subscription.guild_id == guild_id))
                if (count or 0) >= self.settings.ingest_max_feeds_per_guild:
                    raise UserError(f"This server already has {count} feeds, the most allowed "
                                    "(ingest.max_feeds_per_guild). Remove one first.")
            reenabled = feed is not None and feed.state == FeedState.DISABLED
            if feed is None:
                feed = Feed(url=url, created_at=now, next_poll_at=now,
                            poll_interval_seconds=round(
                                self.settings.ingest_poll_interval_minutes * 60))
                session.add(feed)
                await session.flush()
            # A disabled feed that fetched fine just now is re-enabled by the store below,
            # which also tells the subscribed guilds' mod-logs that it recovered.
            updated = subscription is not None
            if subscription is None:
                subscription = Subscription(guild_id=guild_id, feed_id=feed.id,
                                            channel_id=channel_id, created_by=actor.user_id,
                                            created_at=now)
                session.add(subscription)
            subscription.include_keywords = ",".join(article_filter.include) or None
            subscription.exclude_keywords = ",".join(article_filter.exclude) or None
            subscription.regex = article_filter.pattern
            subscription.mention_role_id = mention_role_id
            feed_id = feed.id
        report = await self.poller.store(feed_id, fetched)
        async with self.db.transaction() as session:
            feed = await session.get(Feed, feed_id)
            assert feed is not None
            known = await session.scalar(select(func.count()).select_from(FeedItem)
                                         .where(FeedItem.feed_id == feed_id))
        return FeedAdded(url=url, title=feed.title, channel_id=channel_id,
                         items_known=known or 0, posts_queued=report.posts_queued,
                         reenabled=reenabled, updated=updated,
                         filter=article_filter.describe())

    async def list(self, actor: Actor) -> list[FeedStatus]:
        guild_id = actor.require_moderator()
        async with self.db.transaction() as session:
            rows = (await session.execute(
                select(Subscription, Feed).join(Feed, Feed.id == Subscription.feed_id)
                .where(Subscription.guild_id == guild_id).order_by(Subscription.id)
            )).all()
        return [FeedStatus(
            url=feed.url, title=feed.title, channel_id=sub.channel_id, state=feed.state,
            reason=feed.disable_reason if feed.state != FeedState.OK else None,
            last_error=feed.last_error, last_success_at=feed.last_success_at,
            next_poll_at=feed.next_poll_at if feed.state != FeedState.DISABLED else None,
            filter=make_filter(sub.include_keywords, sub.exclude_keywords,
                               sub.regex).describe(),
            mention_role_id=sub.mention_role_id,
        ) for sub, feed in rows]

    async def remove(self, actor: Actor, url: str, channel_id: int | None = None) -> int:
        """Unsubscribe this guild (one channel, or all) from a feed; returns how many."""
        found = await self.removal(actor, url, channel_id)
        return await self.remove_feed(actor, found.guild_id, found.feed_id, channel_id)

    async def removal(self, actor: Actor, url: str,
                      channel_id: int | None = None) -> FeedRemoval:
        """What removing the feed here (one channel, or all) would stop, without stopping it:
        the question a confirmation asks."""
        guild_id = actor.require_moderator()
        wanted = canonical_url(url.strip())
        async with self.db.read() as session:
            feed = (await session.execute(select(Feed.id, Feed.title)
                                          .where(Feed.url == wanted))).first()
            count = 0
            if feed is not None:
                count = int(await session.scalar(
                    select(func.count()).select_from(Subscription)
                    .where(*_subscriptions(guild_id, feed.id, channel_id))) or 0)
        if feed is None or not count:
            raise _no_feed(wanted, channel_id)
        return FeedRemoval(guild_id=guild_id, feed_id=int(feed.id), url=wanted,
                           title=feed.title, channel_id=channel_id, subscriptions=count)

    async def remove_feed(self, actor: Actor, guild_id: int, feed_id: int,
                          channel_id: int | None = None) -> int:
        """Remove the feed `feed_id` here (one channel, or all), as a confirmation asked;
        `guild_id` is the guild it was asked in, which must be the actor's own."""
        if actor.require_moderator() != guild_id:
            raise UserError("That confirmation belongs to another server; nothing was removed.")
        async with self.db.transaction() as session:
            url = await session.scalar(select(Feed.url).where(Feed.id == feed_id))
            result = await session.execute(
                delete(Subscription).where(*_subscriptions(guild_id, feed_id, channel_id)))
            removed = int(getattr(result, "rowcount", 0) or 0)
        if not removed:
            raise _no_feed(url or "of that number", channel_id)
        return removed

    async def test(self, actor: Actor, url: str, *, include: str | None = None,
                   exclude: str | None = None, regex: str | None = None) -> FeedPreview:
        """What adding this feed would post, and why each recent item would or would not be."""
        guild_id = actor.require_moderator()
        url = canonical_url(check_url(url))
        article_filter = make_filter(include, exclude, regex)
        fetched = await self._fetch_or_explain(url)
        assert fetched.parsed is not None
        now = self.clock.now()
        entries = fetched.parsed.entries
        drafts = [draft_from_entry(e, fetched.parsed.title) for e in entries]
        async with self.db.transaction() as session:
            # Stored only inside this transaction, which is rolled back: a test keeps nothing.
            stored = await store_articles(session, drafts, now)
            candidates = [item_candidate(a, e.full_link or e.link, d, own_text=created)
                          for e, d, (a, created) in zip(entries, drafts, stored, strict=True)]
            posted = set(await session.scalars(select(OutboxMessage.dedup_key).where(
                OutboxMessage.guild_id == guild_id,
                OutboxMessage.dedup_key.like("article:%"))))
            items = []
            for candidate in reversed(newest(candidates, PREVIEW_ITEMS)):
                verdict = skip_reason(candidate, article_filter, now, self.poller.max_age)
                article = candidate.article
                if verdict is None and any(k.startswith(posted_prefix(story_of(article)))
                                           for k in posted):
                    verdict = "already posted in this server"
                items.append(PreviewItem(candidate.title, candidate.link,
                                         candidate.published, verdict or "would be posted"))
            # The sample is an item the filter lets through: never one it would keep out.
            passing = [c for c in reversed(newest(candidates, len(candidates)))
                       if skip_reason(c, article_filter, now, self.poller.max_age) is None]
            sample = article_post(passing[0]) if passing else None
            await session.rollback()
        n = self.settings.ingest_learning_posts
        note = (f"Adding it posts the newest {n} item{'s' if n != 1 else ''} that pass; after "
                "that, every new item that passes.")
        if candidates and not passing:
            note = ("No recent item passes the filter, so adding it would post nothing now; "
                    "after that, every new item that passes.")
        return FeedPreview(
            url=url, title=fetched.parsed.title, item_count=len(entries), items=items,
            sample=sample, filter=article_filter.describe(), learning_note=note,
        )

    async def _fetch_or_explain(self, url: str) -> FetchedFeed:
        fetched = await self.poller.fetch(url)
        if isinstance(fetched, Failure):
            prefix = {"bad_format": "That URL is not a feed",
                      "too_many_items": "That feed is too big to follow"}.get(
                fetched.reason, "Could not fetch that feed")
            raise UserError(f"{prefix}: {fetched.message}")
        return fetched
