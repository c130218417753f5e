"""Guilds the bot has left, on both databases: their feeds are not polled for them, nothing is
posted in their channels (scheduled posts skipped, queued posts settled as skipped), nothing is
deleted, and rejoining resumes everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import enqueue
from bot.guilds.life import LEFT_REASON
from bot.models import GuildSettingsRow, OutboxMessage, Subscription
from bot.posts import Post
from bot.schedule.dispatcher import Dispatcher
from tests.dispatch_builders import (
    ANNOUNCE,
    FAN,
    GUILD,
    SECOND,
    add_reminder,
    add_schedule,
    deliveries,
    guild_settings,
    outbox_rows,
    schedule,
)
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import deliver, mod

OTHER_GUILD, NEWS, OTHER_NEWS = 900, 501, 901
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1",
            "FANZINE_INGEST_FETCH_PAGES": "0", "FANZINE_INGEST_POLL_JITTER_SECONDS": "0"}


def story(n: int, minutes_ago: int) -> Item:
    return Item(title=f"Mara Vale story {n}", link=f"https://news.example/mara-vale/{n}",
                published=NOW - timedelta(minutes=minutes_ago),
                summary=f"Mara Vale news number {n}: the band talks about Glass Harbour.")


async def test_marking_left_and_rejoined_keeps_the_settings(app: App) -> None:
    await guild_settings(app.db, GUILD)
    assert await app.guild_life.left(GUILD)
    assert not await app.guild_life.left(GUILD)  # already marked
    assert await app.guild_life.is_left(GUILD)
    assert await app.guild_life.joined(GUILD)
    assert not await app.guild_life.joined(GUILD)
    async with app.db.read() as session:
        row = await session.get(GuildSettingsRow, GUILD)
        assert row is not None and row.left_at is None and row.announce_channel_id == ANNOUNCE
    # A guild with no settings yet gets a row that only says it was left.
    assert await app.guild_life.left(OTHER_GUILD)
    assert await app.guild_life.is_left(OTHER_GUILD)


async def test_a_feed_only_left_guilds_subscribe_to_is_not_fetched(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 30)]))
    await app.feeds.add(mod(GUILD), feed_server.url("/feed.xml"), NEWS)
    assert await deliver(app) == [(NEWS, "Mara Vale story 1")]
    await app.guild_life.left(GUILD)

    clock.advance(timedelta(hours=2))
    feed_server.serve("/feed.xml", rss([story(2, 1), story(1, 30)]))
    fetched = feed_server.count("/feed.xml")
    assert (await app.poller.poll_due()).polled == 0
    assert (await app.poller.poll_due(force=True)).polled == 0
    assert feed_server.count("/feed.xml") == fetched
    assert await app.poller.seconds_until_due(60.0) == 60.0
    async with app.db.read() as session:  # the subscription stays
        assert len((await session.scalars(select(Subscription))).all()) == 1

    await app.guild_life.joined(GUILD)
    assert (await app.poller.poll_due(force=True)).polled == 1
    assert await deliver(app) == [(NEWS, "Mara Vale story 2")]


async def test_a_shared_feed_is_posted_only_to_guilds_the_bot_is_in(
    app: App, feed_server: FeedServer, clock: FixedClock
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 30)]))
    await app.feeds.add(mod(GUILD), feed_server.url("/feed.xml"), NEWS)
    await app.feeds.add(mod(OTHER_GUILD), feed_server.url("/feed.xml"), OTHER_NEWS)
    assert sorted(await deliver(app)) == [(NEWS, "Mara Vale story 1"),
                                          (OTHER_NEWS, "Mara Vale story 1")]
    await app.guild_life.left(OTHER_GUILD)

    clock.advance(timedelta(hours=2))
    feed_server.serve("/feed.xml", rss([story(2, 1), story(1, 30)]))
    assert (await app.poller.poll_due(force=True)).posts_queued == 1
    assert await deliver(app) == [(NEWS, "Mara Vale story 2")]


async def test_queued_channel_posts_of_a_left_guild_are_settled_as_skipped(
    app: App, clock: FixedClock
) -> None:
    now = clock.now()
    async with app.db.transaction() as session:
        for key, guild, channel, user in [("here", GUILD, NEWS, None),
                                          ("gone", OTHER_GUILD, OTHER_NEWS, None),
                                          ("gone-dm", OTHER_GUILD, None, FAN)]:
            await enqueue(session, dedup_key=key, post=Post(text=key), origin=NOTICE, now=now,
                          guild_id=guild, channel_id=channel, user_id=user)
    await app.guild_life.left(OTHER_GUILD)

    claimed = await app.outbox.claim("me", now)
    assert sorted(item.dedup_key for item in claimed) == ["gone-dm", "here"]
    rows = {row.dedup_key: row for row in await outbox_rows(app.db)}
    assert (rows["gone"].status, rows["gone"].last_error) == ("skipped", LEFT_REASON)
    assert rows["gone"].attempts == 0  # never sent
    later = await app.outbox.claim("me", now + timedelta(hours=1))  # leases ran out
    assert "gone" not in {item.dedup_key for item in later}


async def test_a_left_guilds_scheduled_posts_are_skipped_and_resume_on_rejoining(
    app: App, clock: FixedClock
) -> None:
    noon = clock.now()
    await guild_settings(app.db)
    sid = await add_schedule(app.db, kind="countdown", anchor="2026-12-02",
                             after=noon - SECOND)
    rid = await add_reminder(app.db, text="stream the show", due=noon)
    dm = await add_schedule(app.db, kind="reminder", rule="once", anchor="2026-11-25T12:00",
                            user_id=FAN, reminder_id=rid, title="stream the show",
                            after=noon - SECOND)
    await app.guild_life.left(GUILD)
    dispatcher = Dispatcher(app.db, app.clock, app.settings, notify_modlog=app.modlog.notice)

    report = await dispatcher.dispatch_due(noon)
    assert (report.posted, report.skipped) == (1, 1)  # the DM still goes
    [out] = await outbox_rows(app.db)
    assert (out.user_id, out.channel_id) == (FAN, None)
    [skipped] = await deliveries(app.db, sid)
    assert skipped.status == "skipped" and skipped.outbox_id is None
    row = await schedule(app.db, sid)
    assert row.state == "active" and row.occurrence_key == "countdown-1:2026-12-01"
    assert (await deliveries(app.db, dm))[0].status == "queued"

    await app.guild_life.joined(GUILD)
    due = row.next_due_utc
    assert due is not None
    clock.set(due)
    report = await dispatcher.dispatch_due(due)
    assert report.posted == 1
    assert [r.channel_id for r in await outbox_rows(app.db)] == [None, ANNOUNCE]


async def test_posts_queued_for_a_left_scheduled_post_settle_its_delivery(
    app: App, clock: FixedClock
) -> None:
    noon = clock.now()
    await guild_settings(app.db)
    sid = await add_schedule(app.db, after=noon - SECOND)
    dispatcher = Dispatcher(app.db, app.clock, app.settings)
    assert (await dispatcher.dispatch_due(noon)).posted == 1
    await app.guild_life.left(GUILD)  # left before the worker sent it
    assert await app.outbox.claim("me", noon) == []
    [delivery] = await deliveries(app.db, sid)
    assert delivery.status == "skipped"
    async with app.db.read() as session:
        [status] = (await session.scalars(select(OutboxMessage.status))).all()
    assert status == "skipped"
