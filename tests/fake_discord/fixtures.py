"""pytest fixture `fake_discord` and the `run_bot` helper that points discord.py at the fake."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import discord
import discord.gateway
import discord.http
import pytest_asyncio
import yarl

from .server import FakeDiscord


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord for one test; fails the test if the bot called an unknown route
    or answered an interaction after Discord's 3-second deadline."""
    async with FakeDiscord() as fake:
        yield fake
        fake.assert_no_unknown_routes()
        fake.assert_no_missed_deadlines()


@contextlib.asynccontextmanager
async def run_bot(
    bot: discord.Client,
    fake: FakeDiscord,
    token: str | None = None,
    *,
    ready_timeout: float = 10.0,
    close_timeout: float = 10.0,
) -> AsyncIterator[asyncio.Task[None]]:
    """Run `bot` against `fake` until the block ends; yields the bot task (also `fake.bot_task`).

    discord.py's REST base and default gateway are patched for the duration and restored after.
    If the bot task died, its exception is raised when the block exits.
    """
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    task = asyncio.create_task(bot.start(token or fake.token), name="fake-discord-bot")
    fake.bot_task = task
    try:
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, task}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            if task.done():
                task.result()  # raises the bot's error
                raise RuntimeError("the bot stopped before it was ready")
            raise TimeoutError(f"the bot was not ready within {ready_timeout}s")
        yield task
    finally:
        try:
            await asyncio.wait_for(bot.close(), close_timeout)
            if task.done() and not task.cancelled():
                task.result()
            else:
                await asyncio.wait_for(task, close_timeout)
        finally:
            if not task.done():
                task.cancel()
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
