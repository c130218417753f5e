"""A feed's health: ok, failing or disabled; backoff, auto-disable, and the mod-log notices."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import enqueue
from bot.kinds_and_states import FeedState
from bot.models import Feed, GuildSettingsRow, Subscription
from bot.posts import Post

MAX_BACKOFF = timedelta(hours=6)
# A recovery is worth a notice after a disable, or after this many failures in a row.
NOTABLE_FAILURES = 3


@dataclass(frozen=True)
class Failure:
    """Why a poll failed: one of the typed reasons, and a line a moderator can act on."""

    reason: str
    message: str
    retry_after: float | None = None


def next_poll(settings: Settings, now: datetime, *, failures: int = 0,
              at_least: float | None = None) -> datetime:
    """The next poll: the interval (doubled per failure, capped), jittered, never sooner than
    the server asked (Retry-After, Cache-Control max-age)."""
    interval = timedelta(minutes=settings.ingest_poll_interval_minutes)
    if failures:
        interval = min(interval * 2 ** min(failures - 1, 16), MAX_BACKOFF)
    if at_least is not None:
        interval = max(interval, timedelta(seconds=at_least))
    jitter = random.uniform(0, settings.ingest_poll_jitter_seconds)
    return now + interval + timedelta(seconds=jitter)


def record_failure(feed: Feed, failure: Failure, settings: Settings, now: datetime) -> bool:
    """Count a failure and back off; True when this failure disabled the feed."""
    feed.failure_count += 1
    feed.first_failure_at = feed.first_failure_at or now
    feed.last_polled_at = now
    feed.last_error = failure.message[:2000]
    feed.disable_reason = failure.reason
    span = now - feed.first_failure_at
    disable = (feed.failure_count >= settings.ingest_disable_after_failures
               and span >= timedelta(days=settings.ingest_disable_after_days))
    feed.state = FeedState.DISABLED if disable else FeedState.FAILING
    feed.next_poll_at = next_poll(settings, now, failures=feed.failure_count,
                                  at_least=failure.retry_after)
    return disable


def record_success(feed: Feed, settings: Settings, now: datetime,
                   max_age: float | None) -> bool:
    """Clear the failure count; True when this was a recovery worth telling moderators."""
    notable = feed.state == FeedState.DISABLED or feed.failure_count >= NOTABLE_FAILURES
    feed.state = FeedState.OK
    feed.failure_count = 0
    feed.first_failure_at = None
    feed.disable_reason = None
    feed.last_error = None
    feed.last_polled_at = now
    feed.last_success_at = now
    feed.next_poll_at = next_poll(settings, now, at_least=max_age)
    return notable


async def notify_guilds(session: AsyncSession, feed: Feed, text: str, key: str,
                        now: datetime) -> int:
    """Post a notice to the mod-log of every guild subscribed to the feed (or, with no mod-log
    set, to the channel the feed posts in: a dead feed is never silent)."""
    rows = (await session.execute(
        select(Subscription.guild_id, Subscription.channel_id, GuildSettingsRow.modlog_channel_id)
        .outerjoin(GuildSettingsRow, GuildSettingsRow.guild_id == Subscription.guild_id)
        .where(Subscription.feed_id == feed.id)
        .order_by(Subscription.id)
    )).all()
    targets: dict[int, int] = {}
    for guild_id, channel_id, modlog in rows:
        targets.setdefault(guild_id, modlog or channel_id)
    sent = 0
    for guild_id, channel_id in targets.items():
        sent += await enqueue(session, dedup_key=f"{key}:guild:{guild_id}",
                              post=Post(text=text, kind="notice"), origin=NOTICE, now=now,
                              guild_id=guild_id, channel_id=channel_id)
    return sent


def disabled_text(feed: Feed) -> str:
    since = feed.first_failure_at.strftime("%b %d, %Y") if feed.first_failure_at else "a while"
    return (f"⚠️ The feed {feed.url} is now **disabled** after {feed.failure_count} failed "
            f"polls since {since} ({feed.disable_reason}: {feed.last_error}). "
            "Fix the feed, then run /feeds add again to re-enable it.")


def recovered_text(feed: Feed) -> str:
    return f"✅ The feed {feed.url} works again; new articles will be posted as usual."
