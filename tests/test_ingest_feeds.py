"""Feeds end to end in the core, on both databases: learning pass, exactly-once posting,
age limit, dedup across feeds, rewritten items, filters, health and bad input."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.actors import Actor
from bot.app import App
from bot.clock import FixedClock
from bot.delivery.outbox import OutboxItem
from bot.delivery.worker import OutboxWorker
from bot.errors import UserError
from bot.ingest.feeds import parse_feed
from bot.ingest.poller import LEARNING_PAGES, FetchedFeed, learning_page_entries
from bot.models import Article, Feed, FeedItem, OutboxMessage, Subscription
from tests.feed_builders import Item, article_page, atom, json_feed, rss
from tests.feed_server import FeedServer

GUILD, OTHER_GUILD = 500, 900
NEWS, MODLOG, ELSEWHERE = 501, 502, 503
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    # The feed server is on loopback; pages are not fetched unless a test asks.
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1",
            "FANZINE_INGEST_FETCH_PAGES": "0", "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


def mod(guild: int = GUILD) -> Actor:
    return Actor(user_id=7, name="mod", guild_id=guild, channel_id=NEWS, is_moderator=True)


def story(n: int, hours_ago: float, **extra: object) -> Item:
    return Item(title=f"Mara Vale story {n}", link=f"https://news.example/mara-vale/{n}",
                published=NOW - timedelta(hours=hours_ago),
                summary=f"Mara Vale news number {n}: the band talks about Glass Harbour.",
                **extra)  # type: ignore[arg-type]


class Collector:
    """The outbox's sender for these tests: remembers (channel, title) of what it got."""

    def __init__(self) -> None:
        self.posts: list[tuple[int | None, str]] = []

    async def send(self, item: OutboxItem) -> int | None:
        title = item.post.embed.title if item.post.embed else (item.post.text or "")
        self.posts.append((item.channel_id, title))
        return len(self.posts)

    async def find_sent(self, item: OutboxItem, since: datetime) -> int | None:
        return None  # every send here is answered


async def deliver(app: App) -> list[tuple[int | None, str]]:
    collector = Collector()
    worker = OutboxWorker(app.outbox, collector, app.clock)
    while await worker.run_once():
        pass
    return collector.posts


async def count(app: App, model: type) -> int:
    async with app.db.transaction() as session:
        return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_learning_pass_posts_only_the_newest(app: App, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([story(n, hours_ago=10 - n) for n in range(5)]))
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert (added.items_known, added.posts_queued) == (5, 1)
    assert await deliver(app) == [(NEWS, "Mara Vale story 4")]
    assert await count(app, Article) == 5


async def test_new_items_post_once_oldest_first(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 5)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    await deliver(app)

    clock.advance(timedelta(hours=1))
    feed_server.serve("/feed.xml", rss([story(3, 0.2), story(2, 0.5), story(1, 5)]))
    report = await app.poller.poll_due(force=True)
    assert (report.polled, report.new_articles, report.posts_queued) == (1, 2, 2)
    assert await deliver(app) == [(NEWS, "Mara Vale story 2"), (NEWS, "Mara Vale story 3")]

    again = await app.poller.poll_due(force=True)  # unchanged: a 304, nothing new
    assert (again.polled, again.new_articles, again.posts_queued) == (1, 0, 0)
    assert await deliver(app) == []
    last = feed_server.requests[-1]
    assert last.headers.get("If-None-Match")


async def test_only_due_feeds_are_polled(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert (await app.poller.poll_due()).polled == 0  # its next poll is 15 minutes away
    clock.advance(timedelta(minutes=16))
    assert (await app.poller.poll_due()).polled == 1


async def test_old_items_are_never_posted(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, hours_ago=100)]))
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert added.posts_queued == 0
    feed_server.serve("/feed.xml", rss([story(2, hours_ago=80), story(3, hours_ago=1),
                                        story(1, hours_ago=100)]))
    await app.poller.poll_due(force=True)
    assert await deliver(app) == [(NEWS, "Mara Vale story 3")]


async def test_same_story_from_two_feeds_is_posted_once_per_channel(
    app: App, feed_server: FeedServer
) -> None:
    feed_server.serve("/a.xml", rss([story(1, 1)]))
    tracked = Item(title="Mara Vale story 1 (syndicated)",
                   link="https://news.example/mara-vale/1?utm_source=feed&utm_medium=rss#top",
                   published=NOW - timedelta(hours=1), summary="Same story elsewhere.")
    feed_server.serve("/b.xml", atom([tracked]))
    await app.feeds.add(mod(), feed_server.url("/a.xml"), NEWS)
    await app.feeds.add(mod(), feed_server.url("/b.xml"), NEWS)
    await app.feeds.add(mod(), feed_server.url("/b.xml"), ELSEWHERE)
    posts = await deliver(app)
    assert sorted(c or 0 for c, _ in posts) == [NEWS, ELSEWHERE]
    # The two feeds' words differ and the page was not fetched: each keeps its own text (its
    # own facts), as two articles of one story.
    async with app.db.transaction() as session:
        stored = [(a.id, a.story_id) for a in
                  await session.scalars(select(Article).order_by(Article.id))]
    assert stored == [(stored[0][0], None), (stored[1][0], stored[0][0])]


async def test_same_text_under_another_url_is_the_same_article(
    app: App, feed_server: FeedServer
) -> None:
    text = ("<p>Mara Vale announced a winter tour with twelve dates across Europe, opening in "
            "Lisbon on February 3 and closing in Oslo three weeks later.</p><p>Tickets go on "
            "sale on Friday; the band will play Glass Harbour in full every night.</p>")
    one = Item("Tour news", "https://a.example/tour", published=NOW, content_html=text)
    two = Item("Mara Vale tour", "https://b.example/mara-tour", published=NOW,
               content_html=text.replace(" ", "  "))
    feed_server.serve("/a.xml", rss([one]))
    feed_server.serve("/b.json", json_feed([two]), "application/feed+json")
    await app.feeds.add(mod(), feed_server.url("/a.xml"), NEWS)
    await app.feeds.add(mod(), feed_server.url("/b.json"), NEWS)
    assert await count(app, Article) == 1
    assert len(await deliver(app)) == 1


async def test_rewritten_dates_and_links_do_not_repost(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    guid_item = story(1, 2, guid="urn:story:1")
    feed_server.serve("/feed.xml", rss([guid_item]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert len(await deliver(app)) == 1
    clock.advance(timedelta(hours=1))
    rewritten = Item(title=guid_item.title, link=guid_item.link + "?utm_campaign=x",
                     guid="urn:story:1", published=NOW, summary=guid_item.summary)
    feed_server.serve("/feed.xml", rss([rewritten]))
    assert (await app.poller.poll_due(force=True)).posts_queued == 0
    assert await deliver(app) == []


async def test_duplicate_guids_are_kept_apart(app: App, feed_server: FeedServer) -> None:
    twins = [story(1, 1, guid="same"), story(2, 2, guid="same")]
    feed_server.serve("/feed.xml", rss(twins))
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert added.items_known == 2


async def test_include_filter(app: App, feed_server: FeedServer, clock: FixedClock) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 3)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS, include="tour, vinyl")
    assert await deliver(app) == []  # story 1 names neither
    tour = Item("Mara Vale tour dates", "https://news.example/tour", published=NOW,
                summary="The tour starts in March.")
    feed_server.serve("/feed.xml", rss([tour, story(2, 1), story(1, 3)]))
    await app.poller.poll_due(force=True)
    assert await deliver(app) == [(NEWS, "Mara Vale tour dates")]


async def test_a_role_mention_only_when_configured(app: App, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS, mention_role_id=77)
    async with app.db.transaction() as session:
        payload = (await session.scalars(select(OutboxMessage.payload))).one()
    assert payload["mention_role_id"] == 77 and payload["text"] == "<@&77>"


async def test_failing_feed_is_disabled_with_a_modlog_notice_and_recovers(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    await app.guilds.update(mod(), {"modlog_channel": MODLOG})
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    await deliver(app)
    feed_server.fault("/feed.xml", "status", status=500, count=1000)
    for _ in range(12):
        clock.advance(timedelta(hours=8))
        await app.poller.poll_due(force=True)
    [status] = await app.feeds.list(mod())
    assert (status.state, status.reason) == ("disabled", "http_error")
    notices = await deliver(app)
    assert len(notices) == 1 and notices[0][0] == MODLOG
    assert "disabled" in notices[0][1]
    assert (await app.poller.poll_due(force=True)).polled == 0  # disabled feeds are left alone

    feed_server.clear_faults()
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)  # re-enables it
    [status] = await app.feeds.list(mod())
    assert status.state == "ok"
    recovered = await deliver(app)
    assert [c for c, _ in recovered] == [MODLOG] and "works again" in recovered[0][1]


async def test_a_few_failures_only_mark_the_feed_failing(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    feed_server.fault("/feed.xml", "retry_after", seconds=3600, count=1)
    report = await app.poller.poll_due(force=True)
    assert report.errors == [{"url": feed_server.url("/feed.xml"), "reason": "http_error"}]
    [status] = await app.feeds.list(mod())
    assert status.state == "failing"
    assert status.next_poll_at is not None
    assert status.next_poll_at >= clock.now() + timedelta(seconds=3600)


@pytest.mark.parametrize(
    ("fault", "params", "message"),
    [
        ("html", {}, "That URL is not a feed"),
        ("malformed", {}, "That URL is not a feed"),
        ("status", {"status": 404}, "Could not fetch that feed"),
        ("huge", {}, "Could not fetch that feed"),
        ("redirect_loop", {}, "Could not fetch that feed"),
    ],
)
async def test_bad_feeds_are_refused_and_nothing_is_stored(
    app: App, feed_server: FeedServer, fault: str, params: dict[str, object], message: str
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    feed_server.fault("/feed.xml", fault, **params)
    with pytest.raises(UserError, match=message):
        await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert await count(app, Feed) == 0
    assert await count(app, Subscription) == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://files.example/feed.xml", "Only http and https"),
        ("not a url", "is not a URL; it should start with http"),
    ],
)
async def test_bad_urls_are_refused(app: App, url: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        await app.feeds.add(mod(), url, NEWS)
    assert await count(app, Feed) == 0


async def test_members_cannot_manage_feeds(app: App, feed_server: FeedServer) -> None:
    fan = Actor(user_id=8, name="fan", guild_id=GUILD, channel_id=NEWS, is_moderator=False)
    with pytest.raises(UserError, match="Manage Server"):
        await app.feeds.add(fan, feed_server.url("/feed.xml"), NEWS)
    with pytest.raises(UserError, match="Manage Server"):
        await app.feeds.list(fan)


async def test_guilds_see_only_their_own_feeds(app: App, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert await app.feeds.list(mod(OTHER_GUILD)) == []
    with pytest.raises(UserError, match="has no feed"):
        await app.feeds.remove(mod(OTHER_GUILD), feed_server.url("/feed.xml"))
    assert len(await app.feeds.list(mod())) == 1
    assert await app.feeds.remove(mod(), feed_server.url("/feed.xml")) == 1
    assert await app.feeds.list(mod()) == []


async def test_feed_test_explains_each_item(app: App, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([story(3, 1), story(2, 200),
                                        Item("Other band news", "https://news.example/o",
                                             published=NOW, summary="Not about her.")]))
    preview = await app.feeds.test(mod(), feed_server.url("/feed.xml"), include="mara vale")
    verdicts = {i.title: i.verdict for i in preview.items}
    assert verdicts == {
        "Other band news": "names none of: mara vale",
        "Mara Vale story 3": "would be posted",
        "Mara Vale story 2": "older than 3 days",
    }
    assert await count(app, Feed) == 0 and await count(app, Article) == 0


async def test_feed_test_shows_as_a_sample_only_an_item_the_filter_lets_through(
        app: App, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss([
        Item("Other band news", "https://news.example/o", published=NOW, summary="Not her."),
        story(3, 1)]))
    preview = await app.feeds.test(mod(), feed_server.url("/feed.xml"), include="mara vale")
    assert preview.sample is not None and preview.sample.embed is not None
    assert preview.sample.embed.title == "Mara Vale story 3"  # not the newest, which is filtered
    nothing = await app.feeds.test(mod(), feed_server.url("/feed.xml"), include="nobody")
    assert nothing.sample is None
    assert "No recent item passes the filter" in nothing.learning_note


async def test_one_fetch_per_url_however_many_guilds(
    app: App, feed_server: FeedServer
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]))
    for guild in (GUILD, OTHER_GUILD, 901):
        await app.feeds.add(mod(guild), feed_server.url("/feed.xml"), NEWS)
    before = feed_server.count("/feed.xml")
    await app.poller.poll_due(force=True)
    assert feed_server.count("/feed.xml") == before + 1


async def test_cache_control_delays_the_next_poll(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 1)]),
                      headers={"Cache-Control": "public, max-age=7200"})
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    [status] = await app.feeds.list(mod())
    assert status.next_poll_at is not None
    assert status.next_poll_at >= clock.now() + timedelta(hours=2)


async def test_a_rewritten_date_alone_does_not_repost(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 2)]))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    await deliver(app)
    clock.advance(timedelta(hours=3))
    feed_server.serve("/feed.xml", rss([story(1, 0)]))  # same item, "published" just now
    assert (await app.poller.poll_due(force=True)).posts_queued == 0


def undated(n: int) -> Item:
    return Item(title=f"Mara Vale story {n}", link=f"https://news.example/mara-vale/{n}",
                summary=f"Mara Vale news number {n}: the band talks about Glass Harbour.")


async def test_learning_pass_without_dates_posts_the_first_item_of_the_feed(
        app: App, feed_server: FeedServer) -> None:
    # No dates: the feed's order says which is newest (the first), never the last.
    feed_server.serve("/feed.xml", rss([undated(n) for n in (5, 4, 3, 2, 1)]))
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert (added.items_known, added.posts_queued) == (5, 1)
    assert await deliver(app) == [(NEWS, "Mara Vale story 5")]


async def test_learning_pass_with_unreadable_dates_posts_the_first_item_of_the_feed(
        app: App, feed_server: FeedServer) -> None:
    body = rss([undated(n) for n in (3, 2, 1)]).replace(
        "<guid", "<pubDate>le jour d'après</pubDate><guid")
    feed_server.serve("/feed.xml", body)
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert added.posts_queued == 1
    assert await deliver(app) == [(NEWS, "Mara Vale story 3")]


async def test_learning_pass_reads_foreign_dates_to_find_the_newest(
        app: App, feed_server: FeedServer) -> None:
    # Portuguese dates, the newest in the middle: the dates, read, say which is newest (not
    # the first item, nor the last).
    days = ["Ter, 24 Nov 2026 10:00:00 +0000", "Qua, 25 Nov 2026 10:00:00 +0000",
            "Seg, 23 Nov 2026 10:00:00 +0000"]
    items = "".join(
        f"<item><title>Mara Vale story {n}</title><link>https://news.example/mara-vale/{n}"
        f"</link><pubDate>{day}</pubDate></item>" for n, day in enumerate(days))
    feed_server.serve("/feed.xml", "<?xml version='1.0'?><rss version='2.0'><channel>"
                      f"<title>T</title>{items}</channel></rss>")
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert added.posts_queued == 1
    assert await deliver(app) == [(NEWS, "Mara Vale story 1")]


PAGE_TEXT = ("Mara Vale will release Glass Harbour on 14 March 2027 through Tidewater Records, "
             "the band said on Tuesday. The album was recorded in Lisbon over two winters.")


async def _texts(app: App) -> dict[str, str]:
    async with app.db.transaction() as session:
        # By each item's own title: an article with its page's text has the page's title.
        rows = await session.execute(select(FeedItem.title, Article.text)
                                     .join(Article, FeedItem.article_id == Article.id))
        return {title or "": text for title, text in rows}


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
async def test_the_first_poll_fetches_the_newest_items_pages(
    app: App, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch, dated: bool
) -> None:
    monkeypatch.setattr(app.poller, "settings",
                        dataclasses.replace(app.poller.settings, ingest_fetch_pages=True))
    # Listed newest first; when dated, the dates agree with the order.
    items = [Item(f"Mara Vale story {n}", feed_server.url(f"/p/{n}"),
                  published=NOW - timedelta(hours=10 - n) if dated else None,
                  summary=f"Summary {n} only.") for n in (5, 4, 3, 2, 1)]
    for n in range(1, 6):
        feed_server.serve(f"/p/{n}", article_page(f"Story {n} page", [PAGE_TEXT]),
                          "text/html; charset=utf-8")
    feed_server.serve("/feed.xml", rss(items))
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert (added.items_known, added.posts_queued) == (5, 1)
    # Only the newest three pages, each once: the learning pass does not fetch an archive.
    assert [feed_server.count(f"/p/{n}") for n in (5, 4, 3, 2, 1)] == [1, 1, 1, 0, 0]
    texts = await _texts(app)
    for n in (5, 4, 3):
        assert texts[f"Mara Vale story {n}"].startswith("Mara Vale will release Glass Harbour")
    assert texts["Mara Vale story 2"] == "Summary 2 only."
    assert await deliver(app) == [(NEWS, "Mara Vale story 5")]


async def test_a_first_poll_page_that_fails_keeps_the_feed_s_text(
    app: App, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.poller, "settings",
                        dataclasses.replace(app.poller.settings, ingest_fetch_pages=True))
    feed_server.serve("/p/1", "x" * 100, status=404)
    feed_server.serve("/feed.xml", rss([Item("Mara Vale story 1", feed_server.url("/p/1"),
                                             published=NOW, summary="The feed's own text.")]))
    added = await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert added.posts_queued == 1 and feed_server.count("/p/1") == 1
    assert (await _texts(app))["Mara Vale story 1"] == "The feed's own text."


def test_learning_pages_are_bounded_and_newest_first() -> None:
    entries = parse_feed(rss([story(n, hours_ago=n % 4) for n in range(8)]).encode()).entries
    chosen = learning_page_entries(entries)
    assert len(chosen) == LEARNING_PAGES == 3
    assert [e.title for e in chosen] == ["Mara Vale story 0", "Mara Vale story 4",
                                         "Mara Vale story 1"]
    undated_entries = parse_feed(rss([undated(n) for n in range(8)]).encode()).entries
    assert [e.title for e in learning_page_entries(undated_entries)] == [
        "Mara Vale story 0", "Mara Vale story 1", "Mara Vale story 2"]


async def test_first_poll_pages_go_through_the_private_address_guard(
    app: App, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The feed as if fetched; its item's page is on a loopback address, which the fetcher
    # refuses once private networks are off: nothing is fetched, the feed's text is kept.
    monkeypatch.setattr(app.poller, "settings",
                        dataclasses.replace(app.poller.settings, ingest_fetch_pages=True))
    monkeypatch.setattr(app.http, "_settings", dataclasses.replace(
        app.poller.settings, allow_private_networks=False))
    feed_server.serve("/p/1", article_page("Story 1 page", [PAGE_TEXT]),
                      "text/html; charset=utf-8")
    body = rss([Item("Mara Vale story 1", feed_server.url("/p/1"), published=NOW,
                     summary="The feed's own text.")])
    async with app.db.transaction() as session:
        feed = Feed(url="https://news.example/feed.xml", created_at=NOW, next_poll_at=NOW,
                    poll_interval_seconds=900)
        session.add(feed)
        await session.flush()
        feed_id = feed.id
        session.add(Subscription(guild_id=GUILD, feed_id=feed_id, channel_id=NEWS,
                                 created_at=NOW))
    fetched = FetchedFeed(url="https://news.example/feed.xml", parsed=parse_feed(body.encode()),
                          etag=None, last_modified=None, max_age=None)
    report = await app.poller.store(feed_id, fetched)
    assert report.posts_queued == 1
    assert feed_server.count("/p/1") == 0
    assert (await _texts(app))["Mara Vale story 1"] == "The feed's own text."


async def test_a_channel_new_to_a_known_undated_feed_gets_its_newest_item(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    # No item has a date: the feed's order says which is newest (the first), in the first
    # channel's learning pass and in a second channel's first look at the stored items alike.
    undated = [Item(f"Mara Vale story {n}", f"https://news.example/mara-vale/{n}",
                    published=None, summary=f"Mara Vale news number {n}.") for n in (3, 2, 1)]
    feed_server.serve("/feed.xml", rss(undated))
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), NEWS)
    assert await deliver(app) == [(NEWS, "Mara Vale story 3")]
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), ELSEWHERE)
    assert await deliver(app) == [(ELSEWHERE, "Mara Vale story 3")]
    # A later poll's item is newer than every item stored before it.
    clock.advance(timedelta(minutes=20))
    newer = Item("Mara Vale story 4", "https://news.example/mara-vale/4", published=None,
                 summary="Mara Vale news number 4.")
    feed_server.serve("/feed.xml", rss([newer, *undated]))
    await app.poller.poll_due(force=True)
    assert sorted(await deliver(app)) == [(NEWS, "Mara Vale story 4"),
                                          (ELSEWHERE, "Mara Vale story 4")]
    await app.feeds.add(mod(), feed_server.url("/feed.xml"), MODLOG)
    assert await deliver(app) == [(MODLOG, "Mara Vale story 4")]
