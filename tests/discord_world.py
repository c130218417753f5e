"""The fake Discord's test server and the product's bot running against it, as fixtures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.app import App
from bot.discord_app.client import FanzineBot
from tests.fake_discord.fixtures import run_bot
from tests.fake_discord.server import FakeDiscord

GUILD, GENERAL, NEWS, MODLOG, FANS_ROLE = 500, 501, 502, 503, 510
MOD, FAN = 600, 601
MANAGE_GUILD = 1 << 5


class FastBot(FanzineBot):
    """The product's bot with test timings (discord.py sleeps 5 s before a re-IDENTIFY)."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


def build_world(fake: FakeDiscord) -> None:
    guild = fake.add_guild(GUILD, "Fan Server")
    guild.add_channel(GENERAL, "general")
    guild.add_channel(NEWS, "news")
    guild.add_channel(MODLOG, "mod-log")
    guild.add_role(FANS_ROLE, "fans", mentionable=True)  # a ping role: fans may be pinged
    guild.add_member(MOD, "moddy", permissions=MANAGE_GUILD)
    guild.add_member(FAN, "fanny", permissions=0)


async def _running(app: App, fake: FakeDiscord, background: bool) -> AsyncIterator[FastBot]:
    build_world(fake)
    client = FastBot(app, run_background=background, guild_ready_timeout=0.2,
                     heartbeat_timeout=3.0)
    async with run_bot(client, fake):
        # on_ready marks the database's guilds missing from READY as left: let it finish
        # before a test stores rows of guilds of its own.
        await asyncio.wait_for(client.guilds_reconciled.wait(), 10)
        yield client
        fake.assert_bot_alive()


@pytest.fixture
async def live_bot(app: App, fake_discord: FakeDiscord) -> AsyncIterator[FastBot]:
    """The bot with its background work (outbox delivery, learning, feed polls) running."""
    async for client in _running(app, fake_discord, background=True):
        yield client


@pytest.fixture
async def quiet_bot(app: App, fake_discord: FakeDiscord) -> AsyncIterator[FastBot]:
    """The bot answering commands only: nothing is posted unless a test delivers it."""
    async for client in _running(app, fake_discord, background=False):
        yield client


# The article the answer and card tests ask about (written by us).
GLASS_HARBOUR = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "The video was directed by Tomas Ek. "
    "She recorded the song in an old lighthouse on the coast.\n"
)


async def ingest_glass_harbour(app: App) -> None:
    """Store GLASS_HARBOUR in GUILD, published 2026-11-23 at https://news.example/glass."""
    await app.ingest.ingest_file(GUILD, "glass.txt", GLASS_HARBOUR.encode(),
                                 url="https://news.example/glass",
                                 published=datetime(2026, 11, 23, tzinfo=UTC))


async def wait_for_posts(fake: FakeDiscord, channel: int, count: int) -> list[dict[str, Any]]:
    """The channel's messages once it has `count` (or after 10 s: the caller's assertion says
    what is missing)."""
    for _ in range(200):
        if len(fake.messages.get(channel, [])) >= count:
            break
        await asyncio.sleep(0.05)
    return fake.messages.get(channel, [])
