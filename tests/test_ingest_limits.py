"""Limits on what one feed can cost, on both databases: the item cap and its typed reason,
look-ups past PostgreSQL's 32,767 bound values, and a poll that fails part-way."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.errors import UserError
from bot.ingest import poller
from bot.ingest.articles import store_articles
from bot.ingest.drafts import ArticleDraft
from bot.ingest.feedmodel import FeedEntry
from bot.ingest.filters import ArticleFilter
from bot.models import Article, Feed
from tests.feed_builders import rss
from tests.feed_server import FeedServer
from tests.hostile_feeds import rss_body, rss_items
from tests.test_ingest_feeds import NEWS, count, deliver, mod, story

# More than PostgreSQL's 32,767 bound values in one statement, had the look-ups not been split.
MANY = 33_000


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0",
            "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


async def test_a_feed_past_the_item_cap_shows_failing_with_its_reason(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), url, NEWS)
    await deliver(app)
    feed_server.serve("/feed.xml", rss_body(rss_items(40_000)))  # 2.6 MB, under the byte cap
    clock.advance(timedelta(minutes=20))
    report = await app.poller.poll_due(force=True)
    assert report.errors == [{"url": url, "reason": "too_many_items"}]
    [status] = await app.feeds.list(mod())
    assert (status.state, status.reason) == ("failing", "too_many_items")
    assert status.last_error is not None and "40,000 items" in status.last_error
    assert await count(app, Article) == 1  # nothing of the oversized feed was stored
    with pytest.raises(UserError, match="That feed is too big to follow: the feed holds 40,000"):
        await app.feeds.test(mod(), url)


async def test_a_feed_past_the_byte_cap_shows_failing_as_too_large(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), url, NEWS)
    feed_server.fault("/feed.xml", "huge")
    clock.advance(timedelta(minutes=20))
    assert (await app.poller.poll_due(force=True)).errors == [{"url": url, "reason": "too_large"}]
    [status] = await app.feeds.list(mod())
    assert (status.state, status.reason) == ("failing", "too_large")


async def test_a_poll_that_fails_part_way_marks_the_feed_failing(
    app: App, feed_server: FeedServer, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = feed_server.url("/feed.xml")
    feed_server.serve("/feed.xml", rss([story(1, 2)]))
    await app.feeds.add(mod(), url, NEWS)
    await deliver(app)
    feed_server.serve("/feed.xml", rss([story(2, 1), story(1, 2)]))

    async def broken(*_: object, **__: object) -> None:
        raise RuntimeError("the database went away mid-poll")

    monkeypatch.setattr(poller, "store_articles", broken)
    clock.advance(timedelta(minutes=20))
    report = await app.poller.poll_due(force=True)
    assert report.errors == [{"url": url, "reason": "internal_error"}]
    [status] = await app.feeds.list(mod())
    assert (status.state, status.reason) == ("failing", "internal_error")
    assert status.last_error is not None and "RuntimeError" in status.last_error

    monkeypatch.undo()
    clock.advance(timedelta(hours=1))
    assert (await app.poller.poll_due(force=True)).errors == []
    [status] = await app.feeds.list(mod())
    assert status.state == "ok"
    assert await deliver(app) == [(NEWS, "Mara Vale story 2")]


async def test_item_look_ups_are_split_past_the_bind_limit(
    app: App, feed_server: FeedServer
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    entries = [FeedEntry(key=f"https://news.example/mara-vale/{n}", guid=None, link=None,
                         title=None, published=None, summary="", content_html=None)
               for n in range(MANY)]
    async with app.db.transaction() as session:
        feed_id = await session.scalar(select(Feed.id))
        assert feed_id is not None
        unseen = await app.poller._unseen(feed_id, entries, session)
    assert len(unseen) == MANY - 1  # story 1 is stored
    assert "https://news.example/mara-vale/1" not in {e.key for e in unseen}


async def test_article_look_ups_are_split_past_the_bind_limit(app: App) -> None:
    # URLs and hashes together: 2 x 17,000 bound values in the old single query.
    drafts = [ArticleDraft(url=f"https://news.example/a/{n}", guid=None, title=f"A {n}",
                           source=None, published=None, text="", summary="",
                           content_hash=f"hash-{n}") for n in range(17_000)]
    now = app.clock.now()
    async with app.db.transaction() as session:
        created = await store_articles(session, drafts[:10], now)
    assert all(new for _, new in created)
    async with app.db.transaction() as session:
        stored = await store_articles(session, drafts, now)
    assert [new for _, new in stored[:10]] == [False] * 10
    assert all(new for _, new in stored[10:])
    assert [a.id for a, _ in stored[:10]] == [a.id for a, _ in created]


async def test_a_regex_filter_runs_off_the_event_loop(
    app: App, feed_server: FeedServer, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 3)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS, regex=r"story [24]")
    await deliver(app)
    threads: list[str] = []
    verdict = ArticleFilter.verdict

    def recording(self: ArticleFilter, text: str) -> str | None:
        threads.append(threading.current_thread().name)
        return verdict(self, text)

    monkeypatch.setattr(ArticleFilter, "verdict", recording)
    feed_server.serve("/feed.xml", rss([story(n, 1) for n in (2, 3, 4)] + [story(1, 3)]))
    clock.advance(timedelta(minutes=20))
    await app.poller.poll_due(force=True)
    assert len(threads) == 3 and threading.main_thread().name not in threads
    assert sorted(await deliver(app)) == [(NEWS, "Mara Vale story 2"), (NEWS, "Mara Vale story 4")]
