"""Start the bot on Discord (or on the configured API and gateway URLs), and sync commands."""

from __future__ import annotations

import asyncio
import logging
import signal

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.app import App
from bot.discord_app.client import FanzineBot
from bot.errors import UserError

log = logging.getLogger(__name__)


def point_at(api_url: str, gateway_url: str) -> None:
    """Send discord.py's REST calls and gateway connection to the configured URLs.

    discord.py keeps both as class attributes (there is no client option), so this sets them
    for the process; it is called once, from the adapter's entry points.
    """
    discord.http.Route.BASE = api_url.rstrip("/")
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def _token(app: App) -> str:
    token = app.settings.discord_token
    if not token:
        raise UserError("No Discord token: set DISCORD_TOKEN.")
    return token


async def run_discord(app: App) -> None:
    """Connect and serve until stopped; SIGTERM or SIGINT stop it gracefully (the post being
    sent is finished, claimed work is given back, the gateway is closed)."""
    point_at(app.settings.discord_api_url, app.settings.discord_gateway_url)
    async with FanzineBot(app, shard_count=app.settings.shard_count,
                          shard_ids=app.settings.shard_ids) as bot:
        try:
            await _serve_until_signal(bot, _token(app))
        except discord.LoginFailure:
            raise UserError("Discord refused the token (DISCORD_TOKEN): check it in the "
                            "Developer Portal, under Bot.") from None


async def _serve_until_signal(bot: FanzineBot, token: str) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    for number in signals:
        loop.add_signal_handler(number, stop.set)
    serving = asyncio.create_task(bot.start(token), name="discord")
    stopping = asyncio.create_task(stop.wait(), name="stop-signal")
    try:
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not serving.done():
            log.info("stopping: finishing the post in flight, releasing claims, closing the "
                     "gateway")
            await bot.close()
        await serving
    finally:
        stopping.cancel()
        for number in signals:
            loop.remove_signal_handler(number)


async def sync_commands(app: App, guild_id: int | None) -> list[str]:
    """Push the slash commands (to one guild, or globally); returns the synced names."""
    point_at(app.settings.discord_api_url, app.settings.discord_gateway_url)
    async with FanzineBot(app, run_background=False) as bot:
        try:
            await bot.login(_token(app))
        except discord.LoginFailure:
            raise UserError("Discord refused the token (DISCORD_TOKEN).") from None
        try:
            if guild_id is None:
                synced = await bot.tree.sync()
            else:
                guild = discord.Object(id=guild_id)
                bot.tree.copy_global_to(guild=guild)
                synced = await bot.tree.sync(guild=guild)
        except discord.Forbidden:
            raise UserError(
                f"Discord refused to sync to guild {guild_id}: the bot is not in that server, "
                "or was invited without the applications.commands scope."
            ) from None
        except discord.HTTPException as exc:
            raise UserError(f"Discord refused the commands ({exc.status}): {exc.text}") from None
    return [command.name for command in synced]
