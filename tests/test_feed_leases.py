"""Feeds claimed under the one lease scheme, on both databases: each poll leased to one owner id
(one per process), cleared when the poll finishes, taken over once a dead owner's lease lapses,
renewed while a slow poll runs, and given back on a stop by owner, never by timestamp."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.actors import Actor
from bot.app import App
from bot.clock import FixedClock
from bot.db import open_database
from bot.ingest.poller import FeedPoller, FetchedFeed
from bot.models import Feed, Subscription
from tests.waiting import eventually

GUILD, CHANNEL = 1, 2


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_INGEST_POLL_JITTER_SECONDS": "0",
            "FANZINE_INGEST_FETCH_PAGES": "0"}


class Fetches:
    """A stand-in for the network: every fetch waits for `gate`, answers "not modified", and is
    counted, with the most fetches of one URL ever under way at once."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.started: Counter[str] = Counter()
        self.running: Counter[str] = Counter()
        self.most_at_once = 0

    def fetcher(self) -> Callable[..., Awaitable[FetchedFeed]]:
        async def fetch(url: str, *, etag: str | None = None,
                        last_modified: str | None = None) -> FetchedFeed:
            self.started[url] += 1
            self.running[url] += 1
            self.most_at_once = max(self.most_at_once, self.running[url])
            try:
                await self.gate.wait()
            finally:
                self.running[url] -= 1
            return FetchedFeed(url=url, parsed=None, etag=etag, last_modified=last_modified,
                               max_age=None)
        return fetch



@asynccontextmanager
async def process(app: App, owner: str, fetches: Fetches) -> AsyncIterator[FeedPoller]:
    """Another process's poller: its own engine on the same database, its own owner id."""
    async with open_database(app.settings.database_url) as db:
        poller = FeedPoller(db, app.http, app.settings, app.clock, owner=owner)
        poller.fetch = fetches.fetcher()  # type: ignore[method-assign,assignment]
        yield poller


async def add_feeds(app: App, *due: datetime) -> list[int]:
    now = app.clock.now()
    async with app.db.transaction() as session:
        feeds = [Feed(url=f"https://feeds.example/{i}.xml", created_at=now, next_poll_at=at)
                 for i, at in enumerate(due)]
        session.add_all(feeds)
        await session.flush()
        session.add_all(Subscription(guild_id=GUILD, feed_id=f.id, channel_id=CHANNEL,
                                     created_at=now) for f in feeds)
        return [f.id for f in feeds]


async def leases(app: App) -> dict[int, tuple[str | None, datetime | None]]:
    async with app.db.transaction() as session:
        return {i: (owner, until) for i, owner, until in await session.execute(
            select(Feed.id, Feed.lease_owner, Feed.lease_until).order_by(Feed.id))}


async def test_two_pollers_never_poll_one_feed_at_once(app: App, clock: FixedClock) -> None:
    ids = await add_feeds(app, clock.now(), clock.now(), clock.now())
    fetches = Fetches()
    async with process(app, "a", fetches) as a, process(app, "b", fetches) as b:
        first = asyncio.create_task(a.poll_due())

        async def all_fetching() -> bool:
            return sum(fetches.running.values()) == len(ids)

        await eventually(all_fetching)
        assert set((await leases(app)).values()) == {("a", clock.now() + a.lease)}
        # While "a" polls them, "b" polls none of them, due or forced (`fanzine feeds poll`);
        # a "b" that did would wait at the gate.
        async with asyncio.timeout(10):
            assert (await b.poll_due()).polled == 0
            assert (await b.poll_due(force=True)).polled == 0
        fetches.gate.set()
        assert (await first).polled == len(ids)
    assert fetches.most_at_once == 1
    assert set(fetches.started.values()) == {1}


async def test_a_crashed_owners_lease_is_taken_over_when_it_lapses_and_not_before(
    app: App, clock: FixedClock
) -> None:
    (feed,) = await add_feeds(app, clock.now())
    fetches = Fetches()
    fetches.gate.set()
    async with process(app, "crashed", fetches) as dead, process(app, "b", fetches) as b:
        assert await dead._claim(force=False) == [feed]  # ...and the process dies here
        until = clock.now() + dead.lease
        assert await leases(app) == {feed: ("crashed", until)}
        assert await b.seconds_until_due(3600) == dead.lease.total_seconds()
        assert (await b.poll_due()).polled == 0
        clock.advance(dead.lease)  # the last instant of the lease
        assert (await b.poll_due(force=True)).polled == 0
        clock.advance(timedelta(microseconds=1))
        assert (await b.poll_due()).polled == 1
    assert sum(fetches.started.values()) == 1
    # A finished poll clears the lease and sets the next poll time, as /feeds list shows it.
    assert await leases(app) == {feed: (None, None)}
    [status] = await app.feeds.list(
        Actor(user_id=7, name="mod", guild_id=GUILD, channel_id=CHANNEL, is_moderator=True))
    assert status.next_poll_at is not None
    assert status.next_poll_at >= clock.now() + timedelta(
        minutes=app.settings.ingest_poll_interval_minutes)


async def test_a_stop_releases_only_its_own_claims(app: App, clock: FixedClock) -> None:
    mine, theirs = await add_feeds(app, clock.now(), clock.now() + timedelta(seconds=1))
    fetches = Fetches()
    async with process(app, "me", fetches) as me, process(app, "them", fetches) as them, \
            process(app, "third", fetches) as third:
        assert await me._claim(force=False) == [mine]
        clock.advance(timedelta(seconds=1))
        assert await them._claim(force=False) == [theirs]
        assert await me._claim(force=True) == []  # a forced claim leaves theirs alone
        held = (await leases(app))[theirs]
        assert await me.release_claims() == 1
        assert await leases(app) == {mine: (None, None), theirs: held}
        assert await me.release_claims() == 0
        # Mine is due again at once for any process; theirs stays theirs until it lapses.
        fetches.gate.set()
        report = await third.poll_due(force=True)
        assert report.polled == 1
        assert fetches.started == Counter({"https://feeds.example/0.xml": 1})
        assert (await leases(app))[theirs] == held


async def test_a_slow_poll_renews_its_lease_so_no_one_else_polls_the_feed(
    app: App, clock: FixedClock
) -> None:
    (feed,) = await add_feeds(app, clock.now())
    fetches = Fetches()
    async with process(app, "slow", fetches) as slow, process(app, "b", fetches) as b:
        slow.lease = timedelta(seconds=0.3)  # renewed every 0.1 s while the poll runs
        polling = asyncio.create_task(slow.poll_due())

        async def fetching() -> bool:
            return fetches.running["https://feeds.example/0.xml"] == 1

        await eventually(fetching)
        clock.advance(timedelta(seconds=5))  # the fetch outlives the lease it was claimed with

        async def renewed() -> bool:
            owner, until = (await leases(app))[feed]
            return owner == "slow" and until is not None and until > clock.now()

        await eventually(renewed)
        async with asyncio.timeout(10):  # a "b" that polled it would wait at the gate
            assert (await b.poll_due()).polled == 0
        fetches.gate.set()
        assert (await polling).polled == 1
    assert sum(fetches.started.values()) == 1
    assert await leases(app) == {feed: (None, None)}
