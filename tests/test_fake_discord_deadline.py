"""The fake Discord's interaction deadlines: the first response within 3 s of INTERACTION_CREATE
(404 / 10062 Unknown interaction after), followups and edits for 15 minutes (401 / 50027 after).

A handler is made "slow" by holding it on a gate while the test ages the interaction (moving its
`dispatched_at` back), so nothing here waits for real seconds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.fake_discord import FakeDiscord, MissedDeadline
from tests.fake_discord.fixtures import run_bot
from tests.fake_discord.interactions import InteractionRecord

pytest_plugins = ["tests.fake_discord.fixtures"]

GUILD_ID = 910000000000000001
CHANNEL_ID = 910000000000000010
USER_ID = 910000000000000030


class GatedBot(commands.Bot):
    """Commands that wait on `gate` before they answer (or, for /deferred, before following up);
    what their own late replies met is kept in `errors`."""

    def __init__(self) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents(guilds=True),
                         guild_ready_timeout=0.2, heartbeat_timeout=3.0)
        self.gate = asyncio.Event()
        self.errors: list[discord.HTTPException] = []
        self.answered = asyncio.Event()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None

    async def setup_hook(self) -> None:
        tree: app_commands.CommandTree[Any] = self.tree

        @tree.command(name="sluggish", description="Answer once the gate opens")
        async def sluggish(interaction: discord.Interaction) -> None:
            await self.gate.wait()
            try:
                await interaction.response.send_message("late answer")
            except discord.HTTPException as exc:
                self.errors.append(exc)
            self.answered.set()

        @tree.command(name="deferred", description="Defer at once, follow up once the gate opens")
        async def deferred(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await self.gate.wait()
            try:
                await interaction.followup.send("finally")
            except discord.HTTPException as exc:
                self.errors.append(exc)
            self.answered.set()


@pytest_asyncio.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[GatedBot]:
    guild = fake_discord.add_guild(GUILD_ID, "Deadline Club")
    guild.add_channel(CHANNEL_ID, "general")
    guild.add_member(USER_ID, "alice")
    client = GatedBot()
    async with run_bot(client, fake_discord):
        yield client
        fake_discord.assert_bot_alive()


async def _dispatched(fake: FakeDiscord, name: str) -> tuple[asyncio.Task[Any], InteractionRecord]:
    """Invoke /name in the background; the fake's record of it once dispatched."""
    since = fake.mark()
    task = asyncio.create_task(fake.invoke(name, guild_id=GUILD_ID, channel_id=CHANNEL_ID,
                                           user_id=USER_ID))
    event = await fake.wait_for(lambda e: e.kind == "interaction_create", since=since)
    return task, fake.interactions[event.data["interaction_id"]]


async def test_a_first_response_after_three_seconds_is_refused_with_10062(
    fake_discord: FakeDiscord, bot: GatedBot
) -> None:
    task, record = await _dispatched(fake_discord, "sluggish")
    record.dispatched_at -= 3.2  # the handler has been busy for 3.2 s
    bot.gate.set()
    with pytest.raises(MissedDeadline, match="sluggish"):
        await task
    await asyncio.wait_for(bot.answered.wait(), 10)
    assert [(e.status, e.code, e.text) for e in bot.errors] == [(404, 10062, "Unknown interaction")]
    assert fake_discord.missed_deadlines == [record]
    assert record.callbacks == []  # nothing was shown to the user
    late = [r for r in fake_discord.requests if r.path.endswith("/callback")]
    assert [r.status for r in late] == [404]
    expired = await fake_discord.wait_for(lambda e: e.kind == "interaction_expired")
    assert expired.data["name"] == "sluggish" and expired.data["late"] > 3.0
    with pytest.raises(MissedDeadline, match="/sluggish"):
        fake_discord.assert_no_missed_deadlines()
    fake_discord.missed_deadlines.clear()  # expected here: the fixture checks it at teardown


async def test_a_first_response_within_the_deadline_is_accepted(
    fake_discord: FakeDiscord, bot: GatedBot
) -> None:
    task, record = await _dispatched(fake_discord, "sluggish")
    record.dispatched_at -= 2.5  # busy, but not too long
    bot.gate.set()
    result = await task
    assert result.content == "late answer"
    assert bot.errors == [] and fake_discord.missed_deadlines == []


async def test_a_deferred_interaction_may_follow_up_for_fifteen_minutes(
    fake_discord: FakeDiscord, bot: GatedBot
) -> None:
    task, record = await _dispatched(fake_discord, "deferred")
    await fake_discord.wait_for(lambda e: e.kind == "interaction_response"
                                and e.data["interaction_id"] == record.id)
    record.dispatched_at -= 14 * 60  # deferred in time, then 14 minutes of work
    bot.gate.set()
    result = await task
    assert result.content == "finally" and result.deferred and result.ephemeral
    assert bot.errors == [] and fake_discord.missed_deadlines == []


async def test_a_followup_after_fifteen_minutes_is_refused(
    fake_discord: FakeDiscord, bot: GatedBot
) -> None:
    since = fake_discord.mark()
    task, record = await _dispatched(fake_discord, "deferred")
    await fake_discord.wait_for(lambda e: e.kind == "interaction_response"
                                and e.data["interaction_id"] == record.id, since=since)
    record.dispatched_at -= 15 * 60 + 1
    bot.gate.set()
    await asyncio.wait_for(bot.answered.wait(), 10)
    assert [(e.status, e.code) for e in bot.errors] == [(401, 50027)]
    assert record.followups == [] and not record.done.is_set()
    assert fake_discord.missed_deadlines == []  # the first response (the defer) was in time
    task.cancel()
