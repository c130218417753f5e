"""A round of polls written a batch of feeds at a time, on both databases: few statements per
feed, the same posts, and a feed whose write fails midway leaves nothing of itself behind."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select

from bot.app import App
from bot.ingest.group_commit import GroupCommit
from bot.ingest.poller import FeedPoller
from bot.kinds_and_states import FeedState
from bot.models import Article, ArticleSentence, Feed, FeedItem, OutboxMessage, Subscription
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer

GUILD, CHANNEL = 700, 701
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FEEDS = 8


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1",
            "FANZINE_INGEST_FETCH_PAGES": "0", "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


def items(feed: int, newest: int, count: int = 5) -> list[Item]:
    """Items `newest - count + 1` .. `newest` of a feed, newest first, an hour apart."""
    return [Item(title=f"Feed {feed} story {n}", link=f"https://news.example/{feed}/{n}",
                 guid=f"feed-{feed}-story-{n}", published=NOW - timedelta(hours=20 - n),
                 summary=f"Story {n} of feed {feed}: Mara Vale plays Glass Harbour.")
            for n in range(newest, newest - count, -1)]


async def add_feeds(app: App, server: FeedServer) -> list[int]:
    """FEEDS feeds on the server, each subscribed in one channel, none polled yet."""
    now = app.clock.now()
    for i in range(FEEDS):
        server.serve(f"/feed/{i}.xml", rss(items(i, newest=4)))
    async with app.db.transaction() as session:
        feeds = [Feed(url=server.url(f"/feed/{i}.xml"), created_at=now, next_poll_at=now)
                 for i in range(FEEDS)]
        session.add_all(feeds)
        await session.flush()
        session.add_all(Subscription(guild_id=GUILD, feed_id=f.id, channel_id=CHANNEL,
                                     created_at=now) for f in feeds)
        return [f.id for f in feeds]


def change_odd_feeds(server: FeedServer) -> None:
    """Every odd feed gains two new items (a new body and ETag); the even ones answer 304."""
    for i in range(1, FEEDS, 2):
        server.serve(f"/feed/{i}.xml", rss(items(i, newest=6)))


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    """Every statement the app sends to the database meanwhile (BEGIN, COMMIT and the rest
    as the driver sees them), counted by a `before_cursor_execute` listener."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        seen.append(sql.split(None, 1)[0].upper())

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", record)


async def counts(app: App) -> tuple[int, int, int]:
    async with app.db.read() as session:
        return tuple([await session.scalar(select(func.count()).select_from(model)) or 0
                      for model in (Article, FeedItem, OutboxMessage)])  # type: ignore[return-value]


async def test_a_steady_round_writes_its_feeds_in_few_statements(
    app: App, feed_server: FeedServer
) -> None:
    await add_feeds(app, feed_server)
    first = await app.poller.poll_due(force=True)
    assert (first.polled, first.new_articles, first.posts_queued) == (FEEDS, 5 * FEEDS, FEEDS)
    change_odd_feeds(feed_server)
    with statements(app) as seen:
        steady = await app.poller.poll_due(force=True)
    half = FEEDS // 2
    assert (steady.polled, steady.new_articles, steady.posts_queued, steady.errors) == (
        FEEDS, 2 * half, 2 * half, [])
    assert await counts(app) == (5 * FEEDS + 2 * half, 5 * FEEDS + 2 * half, FEEDS + 2 * half)
    async with app.db.read() as session:  # every article searchable: its sentences written
        assert await session.scalar(
            select(func.count(func.distinct(ArticleSentence.article_id)))) == 5 * FEEDS + 2 * half
    # However the polls fell into batches: far under the 13.5 statements a feed took when
    # each poll wrote on its own (three transactions each).
    assert len(seen) <= 6 * FEEDS, seen


async def test_one_batch_writes_every_304_in_no_statement_of_its_own(
    app: App, feed_server: FeedServer
) -> None:
    await add_feeds(app, feed_server)
    await app.poller.poll_due(force=True)
    change_odd_feeds(feed_server)
    claimed = await app.poller._claim_feeds(force=True)
    outcomes = [await app.poller._poll(feed) for feed in claimed]
    with statements(app) as seen:
        reports = await app.poller._write_batch(outcomes)
    half = FEEDS // 2
    assert [(r.polled, r.new_articles, r.posts_queued, r.errors) for r in reports] == [
        (1, 2 * (i % 2), 2 * (i % 2), []) for i in range(FEEDS)]
    # The batch's feeds, their subscriptions and their stored keys read once; each changed
    # feed's articles of its links and its two articles (3 on SQLite, where the ORM inserts
    # them one by one); then for them all the items, the sentences, the guild links, the
    # posts (a look-up and an insert) and the feeds' states (one update, as 304s and 200s
    # set the same columns). A 304 adds nothing.
    body = [s for s in seen if s not in ("BEGIN", "COMMIT")]
    assert len(body) <= 3 + 3 * half + 5 + 1, seen
    assert body.count("UPDATE") == 1 and body[-1] == "UPDATE", seen


async def test_a_feed_whose_write_fails_midway_leaves_nothing_and_fails_alone(
    app: App, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await add_feeds(app, feed_server)
    broken = ids[3]
    store = FeedPoller._store

    async def failing_store(self: FeedPoller, session: Any, rows: Any, report: Any, feed: Feed,
                            *args: Any, **kwargs: Any) -> Any:
        result = await store(self, session, rows, report, feed, *args, **kwargs)
        if feed.id == broken:  # its articles are written by now
            raise RuntimeError("the disk filled up")
        return result

    monkeypatch.setattr(FeedPoller, "_store", failing_store)
    report = await app.poller.poll_due(force=True)
    assert report.polled == FEEDS
    assert report.errors == [{"url": feed_server.url("/feed/3.xml"), "reason": "internal_error"}]
    assert (report.new_articles, report.posts_queued) == (5 * (FEEDS - 1), FEEDS - 1)
    async with app.db.read() as session:
        feed = await session.get(Feed, broken)
        assert feed is not None
        assert (feed.state, feed.disable_reason, feed.failure_count) == (
            FeedState.FAILING, "internal_error", 1)
        assert (feed.lease_owner, feed.etag, feed.learned) == (None, None, False)
        assert not await session.scalar(select(func.count()).select_from(FeedItem)
                                        .where(FeedItem.feed_id == broken))
        states = set(await session.scalars(select(Feed.state).where(Feed.id != broken)))
    assert states == {FeedState.OK}
    assert await counts(app) == (5 * (FEEDS - 1), 5 * (FEEDS - 1), FEEDS - 1)

    # Mended, the next round stores the broken feed's items and posts its newest once.
    monkeypatch.setattr(FeedPoller, "_store", store)
    again = await app.poller.poll_due(force=True)
    assert (again.errors, again.new_articles, again.posts_queued) == ([], 5, 1)
    assert await counts(app) == (5 * FEEDS, 5 * FEEDS, FEEDS)


async def test_a_batch_gets_every_job_waiting_and_each_its_own_result() -> None:
    batches: list[list[int]] = []
    writing, release = asyncio.Event(), asyncio.Event()

    async def write(jobs: list[int]) -> Sequence[int]:
        batches.append(jobs)
        writing.set()
        await release.wait()
        if 13 in jobs:
            raise ValueError("unlucky")
        return [job * 10 for job in jobs]

    async with GroupCommit(write, max_batch=3) as group:
        first = asyncio.ensure_future(group.submit(1))
        await writing.wait()  # the writer took job 1 and waits in `write`
        rest = [asyncio.ensure_future(group.submit(job)) for job in (2, 3, 4, 13)]
        await asyncio.sleep(0)  # each of them hands its job in
        release.set()
        results = await asyncio.gather(first, *rest, return_exceptions=True)
    # Job 1 alone, then the waiting ones by three: an error reaches each job of its batch.
    assert batches == [[1], [2, 3, 4], [13]]
    assert results[:4] == [10, 20, 30, 40]
    assert isinstance(results[4], ValueError)
