"""Start the bot on Discord (or on the configured API and gateway URLs), and sync commands."""

from __future__ import annotations

import asyncio
import logging
import signal

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.app import App
from bot.discord_app.client import FanzineBot
from bot.errors import Unreachable, UserError
from bot.logs import error_line

log = logging.getLogger(__name__)

# Tries to reach Discord before giving up at start-up, and the wait before the second one
# (doubled each time): 1 + 2 + 4 s, so an outage is reported within seconds, not minutes.
REACH_ATTEMPTS = 4
REACH_FIRST_DELAY = 1.0
# What a network that cannot reach Discord, or Discord itself failing, raises.
_UNREACHABLE = (OSError, aiohttp.ClientError, asyncio.TimeoutError, discord.DiscordServerError)


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


async def reach_discord(api_url: str, token: str, user_agent: str, *,
                        attempts: int = REACH_ATTEMPTS, first_delay: float = REACH_FIRST_DELAY,
                        per_try: float = 10.0,
                        resolver: aiohttp.abc.AbstractResolver | None = None) -> None:
    """Ask Discord for the gateway (`GET /gateway/bot`) until it answers, a few times with a
    growing wait; then Unreachable with one line. A refused connection, a failed DNS lookup,
    a timeout and a 5xx are worth another try; a refused token is not."""
    url = api_url.rstrip("/") + "/gateway/bot"
    headers = {"Authorization": f"Bot {token}", "User-Agent": user_agent}
    delay = first_delay
    connector = aiohttp.TCPConnector(resolver=resolver) if resolver else None
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=per_try),
                                     connector=connector) as session:
        for attempt in range(1, attempts + 1):
            try:
                async with session.get(url, headers=headers) as response:
                    if response.status == 401:
                        raise UserError(_REFUSED_TOKEN)
                    if response.status < 500:
                        return  # reachable; anything else is discord.py's to handle
                    problem = f"it answered {response.status} {response.reason or ''}".strip()
            except (TimeoutError, OSError, aiohttp.ClientError) as exc:
                problem = _network_problem(exc)
            if attempt == attempts:
                raise Unreachable(f"cannot reach Discord at {api_url} after {attempts} tries: "
                                  f"{problem}.")
            # Debug only: the outcome is one line either way (connected, or Unreachable).
            log.debug("cannot reach Discord at %s (%s); trying again in %.0f s",
                      api_url, problem, delay)
            await asyncio.sleep(delay)
            delay *= 2


def _network_problem(exc: BaseException) -> str:
    if isinstance(exc, asyncio.TimeoutError):
        return "no answer in time"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return str(exc.os_error) or type(exc.os_error).__name__
    return error_line(exc)


_REFUSED_TOKEN = ("Discord refused the token (DISCORD_TOKEN): check it in the Developer Portal, "
                  "under Bot.")


async def run_discord(app: App) -> None:
    """Connect and serve until stopped; SIGTERM or SIGINT stop it gracefully (the post being
    sent is finished, claimed work is given back, the gateway is closed). Discord unreachable
    at start-up is Unreachable after a few tries, one line."""
    settings = app.settings
    token = _token(app)
    await reach_discord(settings.discord_api_url, token, settings.user_agent,
                        per_try=settings.net_connect_timeout)
    point_at(settings.discord_api_url, settings.discord_gateway_url)
    async with FanzineBot(app, shard_count=settings.shard_count,
                          shard_ids=settings.shard_ids) as bot:
        try:
            await _serve_until_signal(bot, token)
        except discord.LoginFailure:
            raise UserError(_REFUSED_TOKEN) from None
        except _UNREACHABLE as exc:
            # Discord went away between the check and the login (discord.py has retried).
            log.debug("the connection to Discord failed", exc_info=True)
            raise Unreachable(f"lost Discord at {settings.discord_api_url}: "
                              f"{error_line(exc)}") from None


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


async def sync_commands(app: App, guild_id: int | None, *, clear: bool = False) -> list[str]:
    """Push the slash commands (to one guild, or globally); returns the synced names. With
    `clear`, remove the guild's own copies instead (the global commands stay), so a server
    that was synced for testing does not list every command twice."""
    if clear and guild_id is None:
        raise UserError("--clear needs --guild ID: it removes one server's copies of the "
                        "commands (the global commands are never cleared).")
    point_at(app.settings.discord_api_url, app.settings.discord_gateway_url)
    async with FanzineBot(app, run_background=False) as bot:
        try:
            await bot.login(_token(app))
        except discord.LoginFailure:
            raise UserError("Discord refused the token (DISCORD_TOKEN).") from None
        try:
            if guild_id is None:
                synced = await bot.tree.sync()
            elif clear:
                guild = discord.Object(id=guild_id)
                bot.tree.clear_commands(guild=guild)
                synced = await bot.tree.sync(guild=guild)
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
