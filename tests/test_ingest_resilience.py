"""Ingestion under faults, on both databases: a crash mid-poll, slow and mis-encoded feeds,
page fetching, and the address guard on moderator-supplied URLs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.errors import UserError
from bot.ingest.poller import CLAIM_LEASE
from bot.models import Article
from tests.feed_builders import Item, article_page, rss
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import NEWS, count, deliver, mod, story

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0",
            "FANZINE_NET_READ_TIMEOUT": "1.0", "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


async def test_a_crash_mid_poll_loses_nothing_and_posts_once(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 3)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    await deliver(app)
    feed_server.serve("/feed.xml", rss([story(2, 1), story(1, 3)]))
    clock.advance(timedelta(minutes=20))
    claimed = await app.poller._claim(force=False)  # a process claims the feed, then dies
    assert len(claimed) == 1
    assert (await app.poller.poll_due()).polled == 0  # nobody else polls it while claimed
    clock.advance(CLAIM_LEASE + timedelta(seconds=1))
    report = await app.poller.poll_due()
    assert (report.polled, report.posts_queued) == (1, 1)
    assert await deliver(app) == [(NEWS, "Mara Vale story 2")]


async def test_a_mis_declared_charset_still_reads(app: App, feed_server: FeedServer) -> None:
    item = Item("Mara Valé plays Zürich", "https://news.example/zurich", published=NOW,
                summary="Café concert in Zürich.")
    feed_server.serve("/feed.xml", rss([item]))
    feed_server.fault("/feed.xml", "wrong_charset")
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert await deliver(app) == [(NEWS, "Mara Valé plays Zürich")]


async def test_a_slow_feed_times_out_with_a_reason(app: App, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    feed_server.fault("/feed.xml", "slow", delay=3)
    with pytest.raises(UserError, match=r"Could not fetch that feed: .*(no answer|timed out)"):
        await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)


async def test_pages_are_fetched_for_new_items(
    test_env: dict[str, str], feed_server: FeedServer, clock: FixedClock
) -> None:
    from bot.app import open_app
    from bot.config import load_settings

    settings = load_settings({**test_env, "FANZINE_INGEST_FETCH_PAGES": "1"})
    async with open_app(settings, clock) as app:
        feed_server.serve("/feed.xml", rss([story(1, 3)]))
        await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
        body = ["Mara Vale recorded Glass Harbour in a lighthouse on the northern coast.",
                "The single comes out on March 3, with a video directed by Tomas Ek."]
        feed_server.serve("/mara/2.html", article_page("Glass Harbour is coming", body),
                          "text/html; charset=utf-8")
        new = Item("Glass Harbour is coming", feed_server.url("/mara/2.html"), published=NOW,
                   summary="A short teaser.")
        feed_server.serve("/feed.xml", rss([new, story(1, 3)]))
        await app.poller.poll_due(force=True)
        async with app.db.transaction() as session:
            text = await session.scalar(select(Article.text).where(
                Article.title == "Glass Harbour is coming"))
        assert text is not None and body[0] in text and body[1] in text
        assert "cookie" not in text.lower()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:{port}/feed.xml", "http://localhost:{port}/feed.xml",
     "http://10.0.0.1/feed.xml", "http://169.254.169.254/latest/meta-data/",
     "http://[::1]:{port}/feed.xml"],
)
async def test_private_addresses_are_refused_by_default(
    test_env: dict[str, str], feed_server: FeedServer, clock: FixedClock, url: str
) -> None:
    from bot.app import open_app
    from bot.config import load_settings

    settings = load_settings({**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "0"})
    port = feed_server.url("/").split(":")[2].split("/")[0]
    async with open_app(settings, clock) as app:
        with pytest.raises(UserError, match=r"Could not fetch that feed: .*(address|private)"):
            await app.feeds.add(mod(), url.format(port=port), NEWS)
        assert await count(app, Article) == 0
    assert feed_server.count("/feed.xml") == 0
