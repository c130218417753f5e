"""Feeds through the real discord.py and the fake Discord: `/feeds add`, polls, posts once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest
from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import LEASE, RESEND_WINDOW, enqueue
from bot.delivery.worker import OutboxWorker
from bot.discord_app.poster import DiscordPoster
from bot.models import OutboxMessage
from bot.posts import Post
from tests.discord_world import FAN, GENERAL, GUILD, MOD, NEWS, FastBot, wait_for_posts
from tests.fake_discord.payloads import READ_MESSAGE_HISTORY
from tests.fake_discord.server import FakeDiscord
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.test_ingest_feeds import mod as moderator

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


@pytest.fixture
def bot(live_bot: FastBot) -> FastBot:
    return live_bot


def story(n: int, minutes_ago: int) -> Item:
    return Item(title=f"Mara Vale story {n}", link=f"https://news.example/mara/{n}",
                published=NOW - timedelta(minutes=minutes_ago),
                summary=f"News number {n} about Mara Vale and Glass Harbour.")


async def test_feeds_add_then_polls_post_each_article_once(
    bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
    clock: FixedClock,
) -> None:
    feed_server.serve("/feed.xml", rss([story(2, 10), story(1, 30)]))
    result = await fake_discord.invoke(
        "feeds", [{"name": "url", "type": 3, "value": feed_server.url("/feed.xml")},
                  {"name": "channel", "type": 7, "value": str(NEWS)}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.ephemeral
    assert result.embeds[0]["title"].startswith("Added: ")

    [post] = await wait_for_posts(fake_discord, NEWS, 1)
    assert post["embeds"][0]["title"] == "Mara Vale story 2"
    assert post["embeds"][0]["url"] == "https://news.example/mara/2"
    assert post["allowed_mentions"]["parse"] == []
    assert post["mention_everyone"] is False and post["mention_roles"] == []

    clock.advance(timedelta(minutes=20))
    feed_server.serve("/feed.xml", rss([story(3, 1), story(2, 10), story(1, 30)]))
    await app.poller.poll_due(force=True)
    await app.poller.poll_due(force=True)
    posts = await wait_for_posts(fake_discord, NEWS, 2)
    await asyncio.sleep(0.3)  # time for a duplicate to show up, if there were one
    assert [p["embeds"][0]["title"] for p in fake_discord.messages[NEWS]] == [
        "Mara Vale story 2", "Mara Vale story 3"]
    assert len(posts) == 2


async def test_members_cannot_add_feeds(bot: FastBot, fake_discord: FakeDiscord,
                                        feed_server: FeedServer) -> None:
    result = await fake_discord.invoke(
        "feeds", [{"name": "url", "type": 3, "value": feed_server.url("/feed.xml")},
                  {"name": "channel", "type": 7, "value": str(NEWS)}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
    assert result.ephemeral
    assert "Manage Server" in (result.content or "")


async def test_a_bad_feed_gets_an_ephemeral_reason(bot: FastBot, fake_discord: FakeDiscord,
                                                    feed_server: FeedServer) -> None:
    feed_server.serve("/page.html", "<html><body><p>Just a page.</p></body></html>",
                      "text/html; charset=utf-8")
    result = await fake_discord.invoke(
        "feeds", [{"name": "url", "type": 3, "value": feed_server.url("/page.html")},
                  {"name": "channel", "type": 7, "value": str(NEWS)}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.ephemeral
    assert (result.content or "").startswith("That URL is not a feed")
    assert fake_discord.messages.get(NEWS, []) == []


async def test_a_crash_between_claim_and_send_posts_once(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
    clock: FixedClock,
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 5)]))
    await app.feeds.add(moderator(), feed_server.url("/feed.xml"), NEWS)
    [item] = await app.outbox.claim("crashed-process", clock.now())
    await DiscordPoster(quiet_bot).send(item)  # sent, then the process dies before marking it

    clock.advance(LEASE + timedelta(seconds=1))
    survivor = OutboxWorker(app.outbox, DiscordPoster(quiet_bot), clock)
    assert await survivor.run_once() == 1  # resent with the same nonce
    assert await app.outbox.status_of(item.dedup_key) == "sent"
    assert len(fake_discord.messages[NEWS]) == 1


OTHER_GUILD, OTHER_NEWS = 4242, 4243


@pytest.mark.parametrize("where", ["this shard", "another shard"])
@pytest.mark.parametrize("case", ["arrived", "missing", "history hidden"])
async def test_a_late_repeat_looks_in_the_channel_first(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, clock: FixedClock, case: str,
    where: str,
) -> None:
    # Past the nonce's window Discord would post a repeat again: the channel is read instead.
    fake_discord.nonce_window = 0.0
    if where == "this shard":
        guild_id, channel_id = GUILD, NEWS
        guild = fake_discord.guilds[GUILD]
    else:  # a guild the bot's cache does not hold: what it needs is asked of Discord
        guild_id, channel_id = OTHER_GUILD, OTHER_NEWS
        guild = fake_discord.add_guild(OTHER_GUILD, "Elsewhere")
        guild.add_channel(OTHER_NEWS, "news")
        assert quiet_bot.get_channel(OTHER_NEWS) is None
    if case == "history hidden":
        guild.deny(channel_id, fake_discord.bot_user_id, READ_MESSAGE_HISTORY)
        await fake_discord.dispatch("CHANNEL_UPDATE", guild.channels[channel_id])
        for _ in range(200):  # until a cached channel has the overwrite
            channel = quiet_bot.get_channel(channel_id)
            if channel is None or (isinstance(channel, discord.TextChannel)
                                   and channel.overwrites):
                break
            await asyncio.sleep(0.02)
    async with app.db.transaction() as session:
        await enqueue(session, dedup_key="late", post=Post(text="Glass Harbour is out"),
                      origin=NOTICE, now=clock.now(), guild_id=guild_id, channel_id=channel_id)
    outbox = app.outbox
    [item] = await outbox.confirm_many(await outbox.claim("crashed", clock.now()), "crashed",
                                       clock.now())
    if case != "missing":  # it reached Discord; the process died before the answer
        await DiscordPoster(quiet_bot).send(item)
    before = len(fake_discord.message_posts())

    clock.advance(RESEND_WINDOW + timedelta(seconds=1))
    assert await OutboxWorker(app.outbox, DiscordPoster(quiet_bot), clock).run_once() == 1
    posts = fake_discord.messages.get(channel_id, [])
    resent = len(fake_discord.message_posts()) - before
    status = await app.outbox.status_of("late")
    if case == "history hidden":  # cannot tell: not sent again, and the moderators are told
        assert (status, resent, len(posts)) == ("failed", 0, 1)
    else:
        assert (status, resent, len(posts)) == ("sent", int(case == "missing"), 1)
        async with app.db.read() as session:
            stored = await session.scalar(select(OutboxMessage.message_id)
                                          .where(OutboxMessage.dedup_key == "late"))
        assert stored == int(posts[0]["id"])


async def test_a_long_feed_list_is_paged_within_discord_s_limits(
    quiet_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
) -> None:
    # 23 feeds with 250-character titles and long URLs: one embed of them all would pass
    # Discord's 6,000 characters (the fake answers 400 as Discord does).
    for n in range(23):
        path = f"/{'long-path-' * 15}{n}.xml"
        feed_server.serve(path, rss([story(n, 5)], title=f"{'Mara Vale news ' * 16}{n}"[:250]))
        await app.feeds.add(moderator(), feed_server.url(path), NEWS)

    async def page(number: int) -> Any:
        return await fake_discord.invoke(
            "feeds", [{"name": "page", "type": 4, "value": number}], subcommand="list",
            guild_id=GUILD, channel_id=GENERAL, user_id=MOD)

    shown = []
    for number in (1, 2, 3):
        result = await page(number)
        [embed] = result.embeds
        assert embed["title"] == f"Feeds in this server (page {number} of 3)"
        shown += [f["name"] for f in embed["fields"]]
        assert ("/feeds list page:" in embed.get("footer", {}).get("text", "")) == (number < 3)
    assert len(shown) == len(set(shown)) == 23
    beyond = await page(4)
    assert beyond.ephemeral and beyond.content == "There are 3 pages of feeds; page 4 is not one."
