"""Rows a batch of feed writes puts off to its end: feed items, article sentences, guild links
and posts, each kind written by one statement for the whole batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_ignoring_conflict
from bot.delivery.outbox import QueuedPost, enqueue_new
from bot.models import ArticleSentence, FeedItem, GuildArticle


class Counted(Protocol):
    """What a batch's posts are counted against (a feed's `PollReport`)."""

    posts_queued: int


@dataclass
class BatchRows:
    """Collects the batch's rows in the order its feeds came, and writes them with `flush`.

    A reader of these tables inside the batch must `flush` first (the learning pass of a
    channel new to a known feed reads the feed's stored items)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    # The searchable sentences of the batch's new articles (`articles.store_articles`).
    sentences: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    posts: list[tuple[QueuedPost, Counted]] = field(default_factory=list)

    def link(self, article_ids: list[int], guild_ids: list[int], now: datetime) -> None:
        """Record that these guilds' feeds brought these articles in (`guild_articles`)."""
        self.links.extend({"guild_id": g, "article_id": a, "added_at": now}
                          for g in sorted(set(guild_ids)) for a in sorted(set(article_ids)))

    def queue(self, posts: list[QueuedPost], counted: Counted) -> None:
        """Queue posts unless queued before; each one queued counts on `counted`."""
        self.posts.extend((post, counted) for post in posts)

    async def flush(self, session: AsyncSession, now: datetime) -> None:
        """Write what was collected (items, sentences, links, then posts: the first post of a
        key wins, as one `enqueue` after another would), and start afresh."""
        items, sentences, links, posts = self.items, self.sentences, self.links, self.posts
        self.items, self.sentences, self.links, self.posts = [], [], [], []
        # Many rows go as parameter sets of one statement (executemany): no limit on bound
        # values applies, and the statement is compiled once.
        await insert_ignoring_conflict(session, FeedItem, items, ["feed_id", "item_key"])
        if sentences:  # of articles created in this transaction: none stored before
            await session.execute(insert(ArticleSentence), sentences)
        await insert_ignoring_conflict(session, GuildArticle, links, ["guild_id", "article_id"])
        counted = {id(post): owner for post, owner in posts}
        for post in await enqueue_new(session, [post for post, _ in posts], now):
            counted[id(post)].posts_queued += 1
