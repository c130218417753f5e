"""Claims given back on a graceful stop, on both databases: feed claims and outbox leases, each
fenced so that work another process has taken since stays with it."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.config import Settings
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import enqueue
from bot.ingest.poller import CLAIM_LEASE, claim_lease
from bot.models import Feed, OutboxMessage, Subscription
from bot.posts import Post

GUILD, CHANNEL = 1, 2


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


def test_a_feed_claim_lasts_as_long_as_the_timeouts_allow(settings: Settings) -> None:
    quick = replace(settings, net_connect_timeout=1.0, net_read_timeout=2.0,
                    ingest_fetch_pages=False)
    assert claim_lease(quick) == timedelta(seconds=3.75)
    pages = replace(quick, ingest_fetch_pages=True, net_per_host_limit=4)
    assert claim_lease(pages) == timedelta(seconds=1.25 * 6 * 3)  # the feed, then 20 pages by 4
    assert claim_lease(replace(settings, net_read_timeout=600.0)) == CLAIM_LEASE


async def add_feeds(app: App, count: int) -> list[int]:
    now = app.clock.now()
    async with app.db.transaction() as session:
        feeds = [Feed(url=f"https://feeds.example/{i}.xml", created_at=now, next_poll_at=now)
                 for i in range(count)]
        session.add_all(feeds)
        await session.flush()
        session.add_all(Subscription(guild_id=GUILD, feed_id=f.id, channel_id=CHANNEL,
                                     created_at=now) for f in feeds)
        return [f.id for f in feeds]


async def next_polls(app: App) -> dict[int, object]:
    async with app.db.transaction() as session:
        return dict((await session.execute(select(Feed.id, Feed.next_poll_at))).all())


async def test_unfinished_feed_claims_are_due_again_after_a_release(
    app: App, clock: FixedClock
) -> None:
    first, second = await add_feeds(app, 2)
    assert await app.poller.seconds_until_due(60) == 0
    assert await app.poller._claim(force=False) == [first, second]
    assert await app.poller.seconds_until_due(1000) == app.poller.lease.total_seconds()
    # Meanwhile another process polled the second feed (its lease ran out) and set a new time.
    later = clock.now() + timedelta(minutes=15)
    async with app.db.transaction() as session:
        feed = await session.get(Feed, second)
        assert feed is not None
        feed.next_poll_at = later
    clock.advance(timedelta(seconds=1))
    assert await app.poller.release_claims() == 1
    polls = await next_polls(app)
    assert polls == {first: clock.now(), second: later}
    assert app.poller.claimed == {}
    assert await app.poller.release_claims() == 0


class _CutShort(dict[int, object]):
    """What a stop sees when it cancels a claim whose commit went through: nothing recorded."""

    def update(self, *args: object, **kwargs: object) -> None:
        raise asyncio.CancelledError


async def test_a_claim_cut_short_by_a_stop_is_released_too(app: App, clock: FixedClock) -> None:
    (feed,) = await add_feeds(app, 1)
    app.poller.claimed = _CutShort()  # type: ignore[assignment]
    with pytest.raises(asyncio.CancelledError):
        await app.poller._claim(force=False)
    assert (await next_polls(app))[feed] != clock.now()  # claimed in the database
    clock.advance(timedelta(seconds=1))
    assert await app.poller.release_claims() == 1
    assert await next_polls(app) == {feed: clock.now()}


async def test_only_the_owners_sending_rows_are_released(app: App, clock: FixedClock) -> None:
    async with app.db.transaction() as session:
        for key in ("a", "b", "c"):
            await enqueue(session, dedup_key=key, post=Post(text=key), now=clock.now(),
                          origin=NOTICE, guild_id=GUILD, channel_id=CHANNEL)
    mine = await app.outbox.claim("me", clock.now(), limit=2)
    theirs = await app.outbox.claim("them", clock.now(), limit=1)
    assert await app.outbox.mark_sent(mine[0], "me", 10, clock.now())
    clock.advance(timedelta(seconds=1))
    assert await app.outbox.release("me", clock.now()) == 1
    async with app.db.transaction() as session:
        rows = {r.dedup_key: r for r in await session.scalars(select(OutboxMessage))}
    assert (rows["a"].status, rows["b"].status, rows["c"].status) == ("sent", "pending",
                                                                      "sending")
    assert rows["b"].lease_owner is None and rows["b"].next_attempt_at == clock.now()
    assert rows["c"].lease_owner == "them" and theirs[0].dedup_key == "c"
    again = await app.outbox.claim("other", clock.now())
    assert [item.dedup_key for item in again] == ["b"]  # taken at once, not after the lease


async def test_a_claim_takes_at_most_its_limit(app: App, clock: FixedClock) -> None:
    # On PostgreSQL a LIMIT … FOR UPDATE subquery, run again per row, used to claim them all.
    async with app.db.transaction() as session:
        for key in range(5):
            await enqueue(session, dedup_key=f"k{key}", post=Post(text="x"), now=clock.now(),
                          origin=NOTICE, guild_id=GUILD, channel_id=CHANNEL)
    assert [i.dedup_key for i in await app.outbox.claim("me", clock.now(), limit=2)] == [
        "k0", "k1"]
    assert [i.dedup_key for i in await app.outbox.claim("you", clock.now(), limit=2)] == [
        "k2", "k3"]
