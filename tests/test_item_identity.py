"""Item identity per feed, on both databases: every item of a feed is its own (duplicate keys,
boilerplate descriptions, links that differ only by a fragment), and what a channel shows comes
from its own feed's item, whatever another guild's feed carried (a poisoning attempt)."""

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
from bot.models import Article, Feed, FeedItem
from tests.feed_builders import Item, article_page, json_feed, rss, rss091
from tests.feed_server import FeedServer

GUILD_A, GUILD_B = 600, 700
CHANNEL_A, CHANNEL_B = 601, 701
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
# Long enough to join two feeds' items as one story (MIN_JOIN_CHARS), and invented for this.
STORY_TEXT = (
    "<p>Velvet Static will release their third album, Paper Lanterns, on February 12. The "
    "band recorded it in a converted boathouse over the summer with producer Ada Quill.</p>"
    "<p>Singer Ines Carrow said the record is about leaving home and coming back to it.</p>")
EXTRA = "<p>The track list has eleven songs, closing with the title track.</p>"
FAKE_TITLE = "FAKE: claim your free Discord Nitro at evil.example"


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1",
            "FANZINE_INGEST_FETCH_PAGES": "0", "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


def mod(guild: int, channel: int) -> Actor:
    return Actor(user_id=7, name="mod", guild_id=guild, channel_id=channel, is_moderator=True)


class Shown:
    """The outbox's sender here: (channel, title, link, date) of every article post."""

    def __init__(self) -> None:
        self.posts: list[tuple[int | None, str | None, str | None, str | None]] = []

    async def send(self, item: OutboxItem) -> int | None:
        embed = item.post.embed
        assert embed is not None
        self.posts.append((item.channel_id, embed.title, embed.url, embed.timestamp))
        return len(self.posts)

    async def find_sent(self, item: OutboxItem, since: datetime) -> int | None:
        return None


async def deliver(app: App) -> list[tuple[int | None, str | None, str | None, str | None]]:
    shown = Shown()
    worker = OutboxWorker(app.outbox, shown, app.clock)
    while await worker.run_once():
        pass
    return shown.posts


async def count(app: App, model: type) -> int:
    async with app.db.transaction() as session:
        return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_an_item_reusing_a_link_is_posted_with_its_own_title_and_date(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    story = Item("Paper Lanterns review", "https://news.example/paper-lanterns",
                 published=NOW - timedelta(hours=2), summary="A review of Paper Lanterns.")
    feed_server.serve("/feed.xml", rss([story]))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/feed.xml"), CHANNEL_B)
    assert [p[1] for p in await deliver(app)] == ["Paper Lanterns review"]

    clock.advance(timedelta(hours=1))
    sponsor = Item("Sponsored: win tickets to Paper Lanterns night", story.link,
                   published=NOW + timedelta(minutes=30), summary="Win two tickets.")
    feed_server.serve("/feed.xml", rss([sponsor, story]))
    report = await app.poller.poll_due(force=True)
    assert (report.new_articles, report.posts_queued) == (1, 1)
    assert await deliver(app) == [(CHANNEL_B, sponsor.title, story.link,
                                   (NOW + timedelta(minutes=30)).isoformat())]
    assert await count(app, FeedItem) == 2
    # Unchanged feed, polled again: nothing new, nothing posted twice.
    clock.advance(timedelta(hours=1))
    assert (await app.poller.poll_due(force=True)).posts_queued == 0


async def test_boilerplate_descriptions_never_merge_items(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    first = Item("Show HN: 0", "https://links.example/0", published=NOW - timedelta(hours=3),
                 summary="Comments")
    feed_server.serve("/hn.xml", rss([first]))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/hn.xml"), CHANNEL_B)
    await deliver(app)

    clock.advance(timedelta(hours=1))
    items = [Item(f"Show HN: {n}", f"https://links.example/{n}",
                  published=NOW - timedelta(minutes=n), summary="Comments")
             for n in range(30, 0, -1)]
    feed_server.serve("/hn.xml", rss([*items, first]))
    report = await app.poller.poll_due(force=True)
    assert (report.new_articles, report.posts_queued) == (30, 30)
    posts = await deliver(app)
    assert [title for _, title, _, _ in posts] == [f"Show HN: {n}" for n in range(30, 0, -1)]
    assert len({link for _, _, link, _ in posts}) == 30
    assert await count(app, Article) == 31


async def test_a_long_text_a_feed_repeats_is_boilerplate_not_one_story(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    # Long and identical, but carried by several items of one feed: each is its own item,
    # in the same poll and in a later one.
    footer = ("<p>This post first appeared on our weblog. Subscribe to the newsletter for "
              "more reviews, interviews and tour dates every Friday, and follow us wherever "
              "you read the news; thank you for reading and for supporting independent "
              "music writing.</p>")
    old = Item("Review: Salt Road", "https://blog.example/salt-road",
               published=NOW - timedelta(hours=2), content_html=footer)
    feed_server.serve("/blog.xml", rss([old]))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/blog.xml"), CHANNEL_B)
    await deliver(app)
    clock.advance(timedelta(hours=1))
    new = [Item(f"Review: Low Orbit {n}", f"https://blog.example/low-orbit-{n}",
                published=NOW - timedelta(minutes=10 * n), content_html=footer)
           for n in (1, 2)]
    feed_server.serve("/blog.xml", rss([*new, old]))
    assert (await app.poller.poll_due(force=True)).posts_queued == 2
    assert sorted(title or "" for _, title, _, _ in await deliver(app)) == [
        "Review: Low Orbit 1", "Review: Low Orbit 2"]
    assert await count(app, Article) == 3


async def test_many_items_with_one_description_stay_many(
    app: App, feed_server: FeedServer
) -> None:
    items = [Item(f"Episode {n}", f"https://pod.example/{n}", summary="Listen now.")
             for n in range(300)]
    feed_server.serve("/pod.xml", rss(items))
    added = await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/pod.xml"),
                                CHANNEL_B)
    assert added.items_known == 300
    assert await count(app, Article) == 300


async def test_links_that_differ_only_by_a_fragment_are_posted_each(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    day = "https://weblog.example/2026/11/25.html"
    posts = [Item(f"Note {n}", f"{day}#a{n}", summary=f"Note number {n} of the day.")
             for n in range(2, 0, -1)]
    feed_server.serve("/notes.xml", rss091(posts))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/notes.xml"), CHANNEL_B)
    # The learning pass posts one (which, without dates, is issue 13's item 4).
    [(_, title, link, _)] = await deliver(app)
    assert link == f"{day}#a{(title or '')[-1]}"

    clock.advance(timedelta(minutes=20))
    more = [Item(f"Note {n}", f"{day}#a{n}", summary=f"Note number {n} of the day.")
            for n in range(5, 2, -1)]
    feed_server.serve("/notes.xml", rss091(more + posts))
    report = await app.poller.poll_due(force=True)
    assert report.posts_queued == 3
    assert sorted((t or "", link or "") for _, t, link, _ in await deliver(app)) == [
        (f"Note {n}", f"{day}#a{n}") for n in (3, 4, 5)]
    assert await count(app, FeedItem) == 5 and await count(app, Article) == 5


@pytest.mark.parametrize("join", ["link", "text"])
@pytest.mark.parametrize("first", ["attacker", "victim"])
async def test_another_guild_s_feed_cannot_change_what_a_channel_shows(
    app: App, feed_server: FeedServer, clock: FixedClock, join: str, first: str
) -> None:
    # Guild B follows a news feed; guild A adds a feed of its own carrying the same story (the
    # same link, or the same long text under A's link) with a phishing title and another date.
    story = Item("Velvet Static announce Paper Lanterns", "https://news.example/paper-lanterns",
                 published=NOW - timedelta(hours=1), content_html=STORY_TEXT)
    fake = Item(FAKE_TITLE, story.link if join == "link" else "https://evil.example/nitro",
                published=NOW - timedelta(hours=2), content_html=STORY_TEXT)
    feed_server.serve("/news.xml", rss([story]))
    feed_server.serve("/fake.json", json_feed([fake]), "application/feed+json")
    adds = [(GUILD_A, CHANNEL_A, "/fake.json"), (GUILD_B, CHANNEL_B, "/news.xml")]
    for guild, channel, path in adds if first == "attacker" else reversed(adds):
        await app.feeds.add(mod(guild, channel), feed_server.url(path), channel)
    shown = {channel: (title, link, when) for channel, title, link, when in await deliver(app)}
    assert shown[CHANNEL_B] == (story.title, story.link, (NOW - timedelta(hours=1)).isoformat())
    assert shown[CHANNEL_A] == (FAKE_TITLE, fake.link, (NOW - timedelta(hours=2)).isoformat())
    assert await count(app, Article) == 1  # one story, stored once

    # A later item of B's feed that A's feed carried first is still shown as B's feed has it.
    clock.advance(timedelta(minutes=20))
    later = Item("Paper Lanterns track list", "https://news.example/track-list",
                 published=NOW + timedelta(minutes=10), content_html=STORY_TEXT + EXTRA)
    poisoned = Item(FAKE_TITLE + " 2", later.link, published=NOW,
                    content_html=STORY_TEXT + EXTRA)
    feed_server.serve("/fake.json", json_feed([poisoned, fake]), "application/feed+json")
    await app.poller.poll_feed(await _feed_id(app, "/fake.json", feed_server))
    feed_server.serve("/news.xml", rss([later, story]))
    await app.poller.poll_feed(await _feed_id(app, "/news.xml", feed_server))
    titles = {channel: (title, link) for channel, title, link, _ in await deliver(app)}
    assert titles == {CHANNEL_A: (FAKE_TITLE + " 2", later.link),
                     CHANNEL_B: (later.title, later.link)}
    # `/feeds test` shows B's own items too.
    preview = await app.feeds.test(mod(GUILD_B, CHANNEL_B), feed_server.url("/news.xml"))
    assert [(i.title, i.link) for i in preview.items] == [(later.title, later.link),
                                                          (story.title, story.link)]
    assert preview.sample is not None and preview.sample.embed is not None
    assert preview.sample.embed.title == later.title


async def _feed_id(app: App, path: str, feed_server: FeedServer) -> int:
    async with app.db.transaction() as session:
        feed_id = await session.scalar(select(Feed.id).where(
            Feed.url == feed_server.url(path)))
    assert feed_id is not None
    return feed_id


async def test_an_item_whose_page_cannot_be_fetched_keeps_the_feed_s_text(
    app: App, feed_server: FeedServer, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.poller, "settings",
                        dataclasses.replace(app.poller.settings, ingest_fetch_pages=True))
    first = Item("Thread 0", feed_server.url("/p/0"), published=NOW - timedelta(hours=2),
                 summary="Comments")
    feed_server.serve("/hn.xml", rss([first]))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/hn.xml"), CHANNEL_B)
    await deliver(app)
    feed_server.serve("/p/3", article_page("Thread 3 page", [STORY_TEXT[3:-4]]),
                      "text/html; charset=utf-8")
    clock.advance(timedelta(minutes=20))
    items = [Item(f"Thread {n}", feed_server.url(f"/p/{n}"),
                  published=NOW - timedelta(minutes=n), summary="Comments") for n in (3, 2, 1)]
    feed_server.serve("/hn.xml", rss([*items, first]))
    assert (await app.poller.poll_due(force=True)).posts_queued == 3
    assert sorted(title or "" for _, title, _, _ in await deliver(app)) == [
        "Thread 1", "Thread 2", "Thread 3"]
    async with app.db.transaction() as session:
        rows = await session.execute(
            select(FeedItem.title, Article.text).join(Article, FeedItem.article_id == Article.id))
        texts = {title: text for title, text in rows}
    # Pages 0 to 2 answer 404: each item keeps its own "Comments", none is merged away.
    assert {t: texts[t] for t in ("Thread 0", "Thread 1", "Thread 2")} == dict.fromkeys(
        ("Thread 0", "Thread 1", "Thread 2"), "Comments")
    assert texts["Thread 3"].startswith("Velvet Static will release")


async def test_an_item_reusing_the_link_of_one_gone_from_the_feed_is_still_new(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    story = Item("Salt Road, reviewed", "https://news.example/salt-road",
                 published=NOW - timedelta(hours=2), summary="Our review.")
    feed_server.serve("/feed.xml", rss([story]))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/feed.xml"), CHANNEL_B)
    await deliver(app)
    clock.advance(timedelta(hours=1))
    # The story has left the feed; a new item links to the same page.
    sponsor = Item("Sponsored: Salt Road on vinyl", story.link, published=NOW,
                   summary="Pre-order the vinyl.")
    feed_server.serve("/feed.xml", rss([sponsor]))
    assert (await app.poller.poll_due(force=True)).posts_queued == 1
    assert await deliver(app) == [(CHANNEL_B, sponsor.title, story.link, NOW.isoformat())]
    clock.advance(timedelta(hours=1))
    feed_server.serve("/feed.xml", rss([sponsor, story]))  # both again: nothing new
    assert (await app.poller.poll_due(force=True)).posts_queued == 0
    # A story whose title and link alone are rewritten is the same item.
    clock.advance(timedelta(hours=1))
    feed_server.serve("/feed.xml", rss([Item("Salt Road, reviewed (updated)", story.link,
                                             published=NOW - timedelta(hours=2))]))
    assert (await app.poller.poll_due(force=True)).posts_queued == 0


async def test_another_guild_s_copy_of_a_story_cannot_filter_it_out(
    app: App, feed_server: FeedServer
) -> None:
    # Guild A's feed stores the story first (same link) with text full of B's excluded word.
    story = Item("Velvet Static announce Paper Lanterns", "https://news.example/paper-lanterns",
                 published=NOW - timedelta(hours=1), content_html=STORY_TEXT)
    spam = Item(FAKE_TITLE, story.link, published=NOW - timedelta(hours=1),
                content_html="<p>Giveaway! " + "Free nitro giveaway. " * 20 + "</p>")
    feed_server.serve("/news.xml", rss([story]))
    feed_server.serve("/fake.xml", rss([spam]))
    await app.feeds.add(mod(GUILD_A, CHANNEL_A), feed_server.url("/fake.xml"), CHANNEL_A)
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/news.xml"), CHANNEL_B,
                        exclude="giveaway")
    shown = {channel: title for channel, title, _, _ in await deliver(app)}
    assert shown == {CHANNEL_A: FAKE_TITLE, CHANNEL_B: story.title}
    # The channel's own item is still filtered by its own text.
    preview = await app.feeds.test(mod(GUILD_B, CHANNEL_B), feed_server.url("/news.xml"),
                                   exclude="boathouse")
    assert preview.items[0].verdict != "would be posted"


async def test_duplicate_keys_in_one_feed(app: App, feed_server: FeedServer) -> None:
    # One guid on every item, an item listed twice, and two items that share link, title and
    # date but not their text: three items, each stored and shown as its own.
    when = NOW - timedelta(hours=1)
    first = Item("Tour diary", "https://diary.example/tour", guid="same", published=when,
                 summary="Day one in Lisbon.")
    second = Item("Tour diary", "https://diary.example/tour", guid="same", published=when,
                  summary="Day two in Porto.")
    other = Item("Studio notes", "https://diary.example/studio", guid="same",
                 published=when - timedelta(hours=1), summary="Back in the studio.")
    feed_server.serve("/diary.xml", rss([second, first, first, other]))
    added = await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/diary.xml"),
                                CHANNEL_B)
    assert added.items_known == 3
    assert await count(app, Article) == 3
    async with app.db.transaction() as session:
        summaries = sorted(s or "" for s in await session.scalars(select(FeedItem.summary)))
    assert summaries == ["Back in the studio.", "Day one in Lisbon.", "Day two in Porto."]


async def test_anchors_of_one_page_stay_known_as_the_page_fills_and_empties(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    # A day page gets one anchor after another: the first was alone (its fragment did not
    # count then), so it must still be known once others join it and after they leave.
    day = "https://weblog.example/2026/11/26.html"

    def note(n: int) -> Item:
        return Item(f"Note {n}", f"{day}#a{n}", summary=f"Note number {n} of the day.")

    async def poll(*numbers: int) -> list[str | None]:
        clock.advance(timedelta(minutes=20))
        feed_server.serve("/notes.xml", rss091([note(n) for n in numbers]))
        await app.poller.poll_due(force=True)
        return [title for _, title, _, _ in await deliver(app)]

    feed_server.serve("/notes.xml", rss091([note(1)]))
    await app.feeds.add(mod(GUILD_B, CHANNEL_B), feed_server.url("/notes.xml"), CHANNEL_B)
    assert [(t, link) for _, t, link, _ in await deliver(app)] == [("Note 1", f"{day}#a1")]
    assert await poll(2, 1) == ["Note 2"]
    assert await poll(2) == []
    assert await poll(3) == ["Note 3"]  # alone again, but not note 1 or 2
    assert await poll(4, 3, 2, 1) == ["Note 4"]
    assert await poll(4, 3, 2, 1) == []
    assert await count(app, FeedItem) == 4
