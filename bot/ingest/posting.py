"""Which articles go to which channels, and how an article post looks."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.origin import ARTICLE
from bot.delivery.outbox import QueuedPost, enqueue_new
from bot.ingest.filters import ArticleFilter, make_filter
from bot.models import Article, Subscription
from bot.posts import EmbedSpec, Post
from bot.text import clip, escape_markdown


@dataclass(frozen=True)
class Candidate:
    """A stored article as one feed's item carried it. A post shows the item's own title,
    link, date, summary and source: the article may be shared with other feeds' items, whose
    copies never show here."""

    article: Article
    published: datetime | None
    title: str | None = None
    link: str | None = None
    summary: str | None = None
    source: str | None = None
    # Whether the article's text is this item's own (stored from it): only then do the
    # channel's filters read it. Another feed's copy never decides what this channel gets.
    own_text: bool = True

    @classmethod
    def of_article(cls, article: Article) -> Candidate:
        """An article shown as itself (a page, not a feed's item)."""
        return cls(article, article.published_at, article.title, article.link,
                   article.summary or article.text, article.source)


def article_post(shown: Candidate | Article, mention_role_id: int | None = None) -> Post:
    """An embed with title, source, date, a short summary and the link: the feed item's own."""
    item = shown if isinstance(shown, Candidate) else Candidate.of_article(shown)
    published = item.published
    footer = " · ".join(p for p in (item.source, published and published.strftime("%b %d, %Y"))
                        if p)
    embed = EmbedSpec(
        title=clip(item.title or item.link or "Untitled article", 256),
        url=item.link,
        # A feed's text is shown as written: "[free Nitro](https://…)" is no masked link.
        description=escape_markdown(clip(item.summary or "", 350)) or None,
        timestamp=published.isoformat() if published else None,
        footer=clip(footer, 2048) or None,
    )
    text = f"<@&{mention_role_id}>" if mention_role_id else None
    return Post(text=text, embed=embed, mention_role_id=mention_role_id, kind="article")


def subscription_filter(subscription: Subscription) -> ArticleFilter:
    return make_filter(subscription.include_keywords, subscription.exclude_keywords,
                       subscription.regex)


def skip_reason(candidate: Candidate, article_filter: ArticleFilter, now: datetime,
                max_age: timedelta) -> str | None:
    """None if the article may be posted, else why not (shown by `/feeds test`)."""
    return _age_reason(candidate, now, max_age) or article_filter.verdict(
        _filter_text(candidate))


async def skip_reasons(candidates: Sequence[Candidate], article_filter: ArticleFilter,
                       now: datetime, max_age: timedelta) -> list[str | None]:
    """skip_reason for each candidate. A moderator's regex runs in a thread, and releases the
    GIL while it matches: at up to its time limit per article, a poll of thousands of items
    would otherwise hold the event loop for minutes."""
    ages = [_age_reason(c, now, max_age) for c in candidates]
    if not article_filter.pattern:
        return [age or article_filter.verdict(_filter_text(c))
                for c, age in zip(candidates, ages, strict=True)]
    # The texts are read here, on the loop: the ORM objects belong to its session.
    texts = [None if age else _filter_text(c)
             for c, age in zip(candidates, ages, strict=True)]
    verdicts = await asyncio.to_thread(
        lambda: [article_filter.verdict(t) if t is not None else None for t in texts])
    return [age or verdict for age, verdict in zip(ages, verdicts, strict=True)]


def _age_reason(candidate: Candidate, now: datetime, max_age: timedelta) -> str | None:
    # The item's own date only: another feed's copy of the article never makes it "old".
    published = candidate.published
    if published is not None and now - published > max_age:
        return f"older than {_hours(max_age)}"
    return None


def _filter_text(candidate: Candidate) -> str:
    text = candidate.article.text if candidate.own_text else None
    return " ".join(filter(None, (candidate.title, candidate.summary, text)))


def story_of(article: Article) -> int:
    """The article whose posts this one's are: itself, or the first article of its link when
    the two were kept apart for their texts (`articles.store_articles`)."""
    return article.story_id or article.id


def post_key(article_id: int, channel_id: int) -> str:
    # One key per article and channel: however many feeds or polls bring a story in, a
    # channel sees it once.
    return f"{posted_prefix(article_id)}{channel_id}"


def posted_prefix(article_id: int) -> str:
    """The start of every post key of this article (to ask "was it posted anywhere here?")."""
    return f"article:{article_id}:channel:"


async def queue_posts(
    session: AsyncSession,
    subscription: Subscription,
    candidates: Sequence[Candidate],
    now: datetime,
    max_age: timedelta,
) -> int:
    """Queue the candidates that pass the age limit and the filter, oldest first, with one
    look-up and one insert (`enqueue_new`); returns how many were queued."""
    posts = await posts_to_queue(subscription, candidates, now, max_age)
    return len(await enqueue_new(session, posts, now))


async def posts_to_queue(subscription: Subscription, candidates: Sequence[Candidate],
                         now: datetime, max_age: timedelta) -> list[QueuedPost]:
    """The posts of the candidates that pass the age limit and the filter, oldest first."""
    article_filter = subscription_filter(subscription)
    ordered = sorted(candidates, key=_age_order)
    reasons = await skip_reasons(ordered, article_filter, now, max_age)
    return [QueuedPost(dedup_key=post_key(story_of(candidate.article), subscription.channel_id),
                       post=article_post(candidate, subscription.mention_role_id),
                       origin=ARTICLE, guild_id=subscription.guild_id,
                       channel_id=subscription.channel_id)
            for candidate, reason in zip(ordered, reasons, strict=True) if reason is None]


def newest(candidates: Sequence[Candidate], count: int) -> list[Candidate]:
    """The `count` newest candidates (the learning pass posts only these)."""
    if count <= 0:
        return []
    return sorted(candidates, key=_age_order)[-count:]


def newest_in_feed(candidates: Sequence[Candidate], count: int) -> list[Candidate]:
    """The `count` newest of a feed's items, given in the feed's order: by their dates when
    every one has a readable date, else by position, the first being the newest (feeds list
    the newest first). An undated item would otherwise sort as the oldest, and a feed
    without readable dates would have its oldest item posted."""
    if count <= 0:
        return []
    if all(candidate.published is not None for candidate in candidates):
        return newest(candidates, count)
    return list(candidates[:count])


def _age_order(candidate: Candidate) -> tuple[float, int]:
    published = candidate.published
    return (published.timestamp() if published else 0.0, candidate.article.id)


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:g} days" if hours >= 48 else f"{hours:g} hours"
