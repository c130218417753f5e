"""Sharding: the shard settings, the fake Discord's shard routing, and two sharded bots at once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from discord.ext import commands

from bot.app import App
from bot.config import load_settings, parse_shard_ids
from bot.errors import ConfigError
from tests.discord_world import FastBot
from tests.fake_discord import Event, FakeDiscord
from tests.fake_discord.fixtures import run_bot

# (guild_id >> 22) % 2 picks the shard: these two guilds sit on shards 1 and 0 of 2.
GUILD_ON_1, GUILD_ON_0 = (1 << 22) | 7, (2 << 22) | 7
CHANNEL_ON_1, CHANNEL_ON_0 = 7001, 7002
FAN = 7100


def env_with(tmp_path: Path, **extra: str) -> dict[str, str]:
    path = tmp_path / "local.toml"
    path.write_text("", encoding="utf-8")
    return {"FANZINE_CONFIG": str(path), **extra}


@pytest.mark.parametrize(("text", "ids"), [
    ("0-3", [0, 1, 2, 3]), ("2", [2]), ("0,2,5", [0, 2, 5]), (" 0-1 , 4 ", [0, 1, 4]),
    ("3,1-2", [1, 2, 3]),
])
def test_shard_ids_are_read_as_ranges_and_lists(text: str, ids: list[int]) -> None:
    assert parse_shard_ids(text) == ids


def test_shards_default_to_discords_advice(tmp_path: Path) -> None:
    settings = load_settings(env_with(tmp_path))
    assert settings.shard_count is None and settings.shard_ids is None


def test_shard_settings_from_the_environment(tmp_path: Path) -> None:
    settings = load_settings(env_with(tmp_path, FANZINE_DISCORD_SHARD_COUNT="8",
                                      FANZINE_DISCORD_SHARD_IDS="4-7"))
    assert settings.shard_count == 8 and settings.shard_ids == [4, 5, 6, 7]


@pytest.mark.parametrize(("extra", "message"), [
    ({"FANZINE_DISCORD_SHARD_IDS": "0-1"}, "discord.shard_ids ($FANZINE_DISCORD_SHARD_IDS): "
                                           "needs discord.shard_count"),
    ({"FANZINE_DISCORD_SHARD_COUNT": "2", "FANZINE_DISCORD_SHARD_IDS": "1-2"},
     "shard 2 does not exist; with discord.shard_count = 2 the ids are 0 to 1"),
    ({"FANZINE_DISCORD_SHARD_COUNT": "2", "FANZINE_DISCORD_SHARD_IDS": "one"},
     "'one' is not a shard id or range"),
    ({"FANZINE_DISCORD_SHARD_COUNT": "2", "FANZINE_DISCORD_SHARD_IDS": "1-0"},
     "'1-0' is not a shard id or range"),
    ({"FANZINE_DISCORD_SHARD_COUNT": "-1"}, "discord.shard_count"),
])
def test_bad_shard_settings_name_the_key(tmp_path: Path, extra: dict[str, str],
                                         message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env_with(tmp_path, **extra))
    assert message in str(caught.value)


# The fake Discord, sharded.


class ShardedTestBot(commands.AutoShardedBot):
    """A plain sharded bot that records which guilds' interactions reached it."""

    def __init__(self, shard_ids: list[int] | None, shard_count: int | None) -> None:
        shards: dict[str, Any] = {"shard_ids": shard_ids, "shard_count": shard_count}
        super().__init__(command_prefix="!", intents=discord.Intents(guilds=True),
                         guild_ready_timeout=0.2, heartbeat_timeout=3.0, **shards)
        self.seen: list[int | None] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        self.seen.append(interaction.guild_id)


def two_guilds(fake: FakeDiscord) -> None:
    for guild_id, channel_id in ((GUILD_ON_1, CHANNEL_ON_1), (GUILD_ON_0, CHANNEL_ON_0)):
        guild = fake.add_guild(guild_id, f"guild {guild_id}")
        guild.add_channel(channel_id, "general")
        guild.add_member(FAN, "fan")


async def test_gateway_bot_advises_the_configured_shard_count() -> None:
    async with (FakeDiscord(shard_count=3) as fake, aiohttp.ClientSession() as http,
                http.get(f"{fake.api_url}/gateway/bot",
                         headers={"Authorization": f"Bot {fake.token}"}) as response):
        body = await response.json()
    assert body["shards"] == 3 and body["url"] == fake.gateway_url


async def test_one_process_runs_every_shard_discord_advises() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        two_guilds(fake)
        bot = ShardedTestBot(None, None)
        async with run_bot(bot, fake):
            assert bot.shard_count == 2
            assert sorted(bot.shards) == [0, 1]
            assert {g.id for g in bot.guilds} == {GUILD_ON_0, GUILD_ON_1}
            identifies = [e.data["d"]["shard"] for e in fake.events
                          if e.kind == "identify"]
            assert sorted(identifies) == [[0, 2], [1, 2]]


async def test_each_shard_gets_only_its_guilds_and_their_events() -> None:
    async with FakeDiscord(shard_count=2) as fake, AsyncExitStack() as stack:
        two_guilds(fake)
        bots = [ShardedTestBot([shard], 2) for shard in (0, 1)]
        for bot in bots:
            await stack.enter_async_context(run_bot(bot, fake))
        assert [{g.id for g in bot.guilds} for bot in bots] == [{GUILD_ON_0}, {GUILD_ON_1}]
        for guild_id, channel_id in ((GUILD_ON_1, CHANNEL_ON_1), (GUILD_ON_0, CHANNEL_ON_0)):
            await fake.dispatch("INTERACTION_CREATE", _bare_interaction(fake, guild_id,
                                                                        channel_id))
            await fake.wait_for(_interaction_for(guild_id))
        await _settle(bots, 2)
        assert bots[0].seen == [GUILD_ON_0] and bots[1].seen == [GUILD_ON_1]


async def test_gateway_faults_can_aim_at_one_shard() -> None:
    async with FakeDiscord(shard_count=2) as fake, AsyncExitStack() as stack:
        two_guilds(fake)
        bots = [ShardedTestBot([shard], 2) for shard in (0, 1)]
        for bot in bots:
            await stack.enter_async_context(run_bot(bot, fake))
        mark = fake.mark()
        await fake.reconnect(shard=1)
        resumed = await fake.wait_for(lambda e: e.kind == "resumed", since=mark)
        session = fake.gateway.sessions[resumed.data["session_id"]]
        assert session.shard == [1, 2]
        event = await fake.wait_for(lambda e: e.kind == "reconnect", since=mark)
        assert event.data["connections"] == 1


def _interaction_for(guild_id: int) -> Callable[[Event], bool]:
    return lambda e: (e.kind == "dispatch" and e.data["t"] == "INTERACTION_CREATE"
                      and e.data["d"]["guild_id"] == str(guild_id))


def _bare_interaction(fake: FakeDiscord, guild_id: int, channel_id: int) -> dict[str, object]:
    """A PING-free component-less interaction the bots only record (no command behind it)."""
    _, payload = fake._builder.build(2, "nothing", None, guild_id=guild_id,
                                     channel_id=channel_id, user_id=FAN, subcommand=None,
                                     group=None)
    return payload


async def _settle(bots: list[ShardedTestBot], expected: int) -> None:
    import asyncio

    for _ in range(200):
        if sum(len(b.seen) for b in bots) >= expected:
            return
        await asyncio.sleep(0.02)


# The product's bot: two processes' worth of it, one shard each.


@asynccontextmanager
async def sharded_bot(app: App, fake: FakeDiscord, shard: int) -> AsyncIterator[FastBot]:
    bot = FastBot(app, run_background=False, guild_ready_timeout=0.2, heartbeat_timeout=3.0,
                  shard_ids=[shard], shard_count=2)
    async with run_bot(bot, fake):
        yield bot


async def test_two_sharded_bots_each_answer_help_for_their_own_guild(app: App) -> None:
    async with FakeDiscord(shard_count=2) as fake, AsyncExitStack() as stack:
        two_guilds(fake)
        bots = [await stack.enter_async_context(sharded_bot(app, fake, shard))
                for shard in (0, 1)]
        seen: list[list[int | None]] = [[], []]
        for index, bot in enumerate(bots):
            async def record(interaction: discord.Interaction, into: int = index) -> None:
                seen[into].append(interaction.guild_id)
            bot.add_listener(record, "on_interaction")
        for guild_id, channel_id in ((GUILD_ON_1, CHANNEL_ON_1), (GUILD_ON_0, CHANNEL_ON_0)):
            result = await fake.invoke("help", guild_id=guild_id, channel_id=channel_id,
                                       user_id=FAN)
            assert "/help" in (result.content or "") or result.embeds
        assert seen == [[GUILD_ON_0], [GUILD_ON_1]]
        assert [b.shard_ids for b in bots] == [[0], [1]]
        fake.assert_no_unknown_routes()
