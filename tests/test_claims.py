"""Claims given back on a graceful stop, on both databases: feed and outbox leases, each released
by its owner id, so that work another process has taken since stays with it."""

from __future__ import annotations

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


async def feed_rows(app: App) -> dict[int, tuple[object, str | None]]:
    """Each feed's next poll time and the owner of its lease."""
    async with app.db.transaction() as session:
        return {i: (at, owner) for i, at, owner in await session.execute(
            select(Feed.id, Feed.next_poll_at, Feed.lease_owner))}


async def test_unfinished_feed_claims_are_due_again_after_a_release(
    app: App, clock: FixedClock
) -> None:
    first, second = await add_feeds(app, 2)
    due = clock.now()
    assert await app.poller.seconds_until_due(60) == 0
    assert await app.poller._claim(force=False) == [first, second]
    assert await app.poller.seconds_until_due(1000) == app.poller.lease.total_seconds()
    # A claim leaves the next poll time as it was (what /feeds list shows) and names its owner.
    assert await feed_rows(app) == {first: (due, app.owner), second: (due, app.owner)}
    # Meanwhile another process took the second feed over (our lease had lapsed).
    async with app.db.transaction() as session:
        feed = await session.get(Feed, second)
        assert feed is not None
        feed.lease_owner, feed.lease_until = "other", clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(seconds=1))
    assert await app.poller.release_claims() == 1
    assert await feed_rows(app) == {first: (due, None), second: (due, "other")}
    assert await app.poller.seconds_until_due(60) == 0  # the first is due again at once
    assert await app.poller.release_claims() == 0


async def test_a_claim_cut_short_by_a_stop_is_released_too(app: App, clock: FixedClock) -> None:
    (feed,) = await add_feeds(app, 1)
    await app.poller._claim(force=False)  # committed, but the stop cancelled its caller
    assert (await feed_rows(app))[feed][1] == app.owner
    assert await app.poller.release_claims() == 1  # found by owner: nothing to remember
    assert (await feed_rows(app))[feed] == (clock.now(), None)


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
