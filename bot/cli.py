"""The `fanzine` command line: parses verbs, configures logging, runs the adapters."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence

from bot import __version__
from bot.actors import Actor
from bot.app import App, open_app
from bot.config import Settings, describe, load_settings, load_with_sources
from bot.db import open_database, resolve_url, safe_url
from bot.errors import UserError
from bot.guilds.settings import SETTING_KEYS, parse_setting
from bot.logs import configure_logging
from bot.migrate import current_revision, head_revision, upgrade
from bot.shell.world import GUILD_ID

log = logging.getLogger("bot.cli")
# The command line acts with the operator's authority (it has the database itself).
OPERATOR_ID = 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fanzine",
        description="fanzine: news, facts and release-day reminders for music fan servers.",
    )
    parser.add_argument("--version", action="version", version=f"fanzine {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    verbs.add_parser("run", help="run the bot: Discord with a token, else the local shell")
    verbs.add_parser("shell", help="the local shell: type slash commands as a fan or moderator")
    verbs.add_parser("config", help="print the effective configuration (secrets hidden)")

    db = verbs.add_parser("db", help="database maintenance")
    db_verbs = db.add_subparsers(dest="db_verb", metavar="ACTION", required=True)
    db_verbs.add_parser("upgrade", help="bring the database to the latest migration")

    guild = verbs.add_parser("guild", help="a guild's settings, as /setup sets them")
    guild_verbs = guild.add_subparsers(dest="guild_verb", metavar="ACTION", required=True)
    show = guild_verbs.add_parser("show", help="print the guild's settings")
    show.add_argument("--guild", type=int, default=GUILD_ID, help="guild id (default: shell's)")
    set_ = guild_verbs.add_parser("set", help="change one setting")
    set_.add_argument("key", choices=SETTING_KEYS, metavar="KEY",
                      help=f"one of: {', '.join(SETTING_KEYS)}")
    set_.add_argument("value", metavar="VALUE", help="the new value ('none' clears an id)")
    set_.add_argument("--guild", type=int, default=GUILD_ID, help="guild id (default: shell's)")

    sync = verbs.add_parser("sync-commands", help="push the slash commands to Discord")
    sync.add_argument("--guild", type=int, default=None,
                      help="sync to one guild (instant) instead of globally")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, secrets=[settings.discord_token])
        return asyncio.run(_dispatch(args, settings))
    except UserError as exc:
        print(f"fanzine: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    verb: str = args.verb
    if verb == "config":
        print("\n".join(describe(load_with_sources())))
        print(f"# database in use: {safe_url(resolve_url(settings.database_url))}")
        return 0
    if verb == "db":
        return await _db_upgrade(settings)
    if verb == "sync-commands":
        return await _sync_commands(settings, args.guild)
    handler = _APP_VERBS[(verb, getattr(args, "guild_verb", None))]
    async with open_app(settings) as app:
        return await handler(app, args)


async def _db_upgrade(settings: Settings) -> int:
    async with open_database(settings.database_url,
                             busy_timeout=settings.sqlite_busy_timeout) as db:
        await upgrade(db)
        revision = await current_revision(db)
        print(f"{safe_url(db.engine.url)}: at revision {revision} (latest {head_revision()})")
    return 0


async def _run(app: App, args: argparse.Namespace) -> int:
    if app.settings.discord_token:
        from bot.discord_app.runner import run_discord

        await run_discord(app)
        return 0
    print("No Discord token is configured (DISCORD_TOKEN), so this is the local shell.",
          file=sys.stderr)
    return await _shell(app, args)


async def _shell(app: App, args: argparse.Namespace) -> int:
    from bot.shell.repl import run_shell

    return await run_shell(app)


async def _guild_show(app: App, args: argparse.Namespace) -> int:
    settings = await app.guilds.get(args.guild)
    for key, value in settings.as_dict().items():
        print(f"{key}: {'none' if value is None else value}")
    return 0


async def _guild_set(app: App, args: argparse.Namespace) -> int:
    value = parse_setting(args.key, args.value)
    actor = Actor(user_id=OPERATOR_ID, name="command line", guild_id=args.guild,
                  channel_id=None, is_moderator=True)
    update = await app.guilds.update(actor, {args.key: value})
    new = update.after.as_dict()[args.key]
    print(f"{args.key}: {'none' if new is None else new}"
          + ("" if update.changed else " (unchanged)"))
    return 0


async def _sync_commands(settings: Settings, guild_id: int | None) -> int:
    if not settings.discord_token:
        raise UserError("sync-commands needs the bot token: set DISCORD_TOKEN.")
    from bot.discord_app.runner import sync_commands

    async with open_app(settings) as app:
        names = await sync_commands(app, guild_id)
    where = f"guild {guild_id}" if guild_id else "every guild (global)"
    print(f"Synced {len(names)} commands to {where}: {', '.join('/' + n for n in names)}")
    return 0


_APP_VERBS: dict[tuple[str, str | None], Callable[[App, argparse.Namespace], Awaitable[int]]] = {
    ("run", None): _run,
    ("shell", None): _shell,
    ("guild", "show"): _guild_show,
    ("guild", "set"): _guild_set,
}
