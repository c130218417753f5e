"""A guild the bot leaves, through the real discord.py and the fake Discord: GUILD_DELETE marks
it left (its feed is not fetched, nothing is posted), GUILD_CREATE on rejoining resumes it, and
READY's guild list marks guilds left while the bot was away."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import App
from bot.clock import FixedClock
from bot.models import GuildSettingsRow
from tests.discord_world import GENERAL, GUILD, MOD, NEWS, FastBot, _running
from tests.fake_discord.server import FakeDiscord
from tests.feed_builders import Item, rss
from tests.feed_server import FeedServer
from tests.waiting import eventually

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
GONE = 4242 << 22  # a guild the database knows that the bot is no longer in


@pytest.fixture
def test_env(test_env: dict[str, str]) -> dict[str, str]:
    return {**test_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}



def story(n: int, minutes_ago: int) -> Item:
    return Item(title=f"Mara Vale story {n}", link=f"https://news.example/mara/{n}",
                published=NOW - timedelta(minutes=minutes_ago),
                summary=f"News number {n} about Mara Vale and Glass Harbour.")


def titles(fake: FakeDiscord, channel: int) -> list[str]:
    return [m["embeds"][0]["title"] for m in fake.messages.get(channel, []) if m["embeds"]]


async def test_a_removed_guilds_feed_is_not_fetched_or_posted_and_rejoining_resumes_it(
    live_bot: FastBot, app: App, fake_discord: FakeDiscord, feed_server: FeedServer,
    clock: FixedClock,
) -> None:
    feed_server.serve("/feed.xml", rss([story(1, 30)]))
    result = await fake_discord.invoke(
        "feeds", [{"name": "url", "type": 3, "value": feed_server.url("/feed.xml")},
                  {"name": "channel", "type": 7, "value": str(NEWS)}],
        subcommand="add", guild_id=GUILD, channel_id=GENERAL, user_id=MOD)
    assert result.embeds[0]["title"].startswith("Added: ")
    await eventually(lambda: _true(titles(fake_discord, NEWS) == ["Mara Vale story 1"]))

    guild = await fake_discord.remove_guild(GUILD)
    await eventually(lambda: app.guild_life.is_left(GUILD))
    assert live_bot.get_guild(GUILD) is None

    clock.advance(timedelta(minutes=20))
    feed_server.serve("/feed.xml", rss([story(2, 1), story(1, 30)]))
    fetched = feed_server.count("/feed.xml")
    report = await app.poller.poll_due(force=True)
    assert report.polled == 0
    assert feed_server.count("/feed.xml") == fetched  # not fetched for a left guild
    assert await app.poller.seconds_until_due(60.0) == 60.0  # nothing due either

    await fake_discord.join_guild(guild)
    await eventually(lambda: _not(app.guild_life.is_left(GUILD)))
    report = await app.poller.poll_due(force=True)
    assert report.polled == 1 and report.posts_queued == 1
    await eventually(lambda: _true(len(titles(fake_discord, NEWS)) == 2))
    assert titles(fake_discord, NEWS) == ["Mara Vale story 1", "Mara Vale story 2"]


async def _true(value: bool) -> bool:
    return value


async def _not(value: Awaitable[bool]) -> bool:
    return not await value


@pytest.fixture
async def known_guilds(app: App) -> None:
    """Before the bot connects: GONE has settings, and GUILD was marked left earlier."""
    async with app.db.transaction() as session:
        session.add(GuildSettingsRow(guild_id=GONE, announce_channel_id=1))
        session.add(GuildSettingsRow(guild_id=GUILD, left_at=NOW - timedelta(days=3)))


@pytest.fixture
async def bot_after_restart(known_guilds: None, app: App,
                            fake_discord: FakeDiscord) -> AsyncIterator[FastBot]:
    async for client in _running(app, fake_discord, background=False):
        yield client


async def test_at_start_up_guilds_missing_from_ready_are_left_and_listed_ones_rejoined(
    bot_after_restart: FastBot, app: App
) -> None:
    await eventually(lambda: app.guild_life.is_left(GONE))
    await eventually(lambda: _not(app.guild_life.is_left(GUILD)))
    async with app.db.read() as session:
        row = await session.get(GuildSettingsRow, GONE)
        assert row is not None and row.announce_channel_id == 1  # kept, not deleted
