"""Verbs `run`, `shell`, `config`, `db upgrade`, `db downgrade` and `sync-commands`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.app import App, open_app
from bot.cli.common import AppHandler, SettingsHandler, id_argument
from bot.config import Settings, describe, load_with_sources
from bot.db import open_database, resolve_url, safe_url
from bot.errors import UserError
from bot.logs import log_to_file
from bot.migrate import current_revision, downgrade, head_revision, upgrade
from bot.proclock import single_process
from bot.runtime import settle_heap


def register(verbs: Any) -> None:
    verbs.add_parser(
        "run", help="run the bot: Discord with a token, else the local shell"
    ).set_defaults(handler=AppHandler(_run, movable_clock=True,
                                                      waits_for_database=True))
    verbs.add_parser(
        "shell", help="the local shell: type slash commands as a fan or moderator"
    ).set_defaults(handler=AppHandler(_shell, movable_clock=True))
    verbs.add_parser(
        "config", help="print the effective configuration (secrets hidden)"
    ).set_defaults(handler=SettingsHandler(_config))
    db = verbs.add_parser("db", help="database maintenance")
    db_verbs = db.add_subparsers(dest="db_verb", metavar="ACTION", required=True)
    db_verbs.add_parser(
        "upgrade", help="bring the database to the latest migration"
    ).set_defaults(handler=SettingsHandler(_db_upgrade))
    down = db_verbs.add_parser(
        "downgrade", help="undo migrations down to a revision (refused if data would be lost)")
    down.add_argument("revision", metavar="REVISION", help="e.g. 0005, or base for none")
    down.set_defaults(handler=SettingsHandler(_db_downgrade))
    sync = verbs.add_parser("sync-commands", help="push the slash commands to Discord")
    sync.add_argument("--guild", type=id_argument("--guild"), default=None, metavar="ID",
                      help="sync to one guild (instant, for testing) instead of globally")
    sync.add_argument("--clear", action="store_true",
                      help="with --guild: remove that guild's copies of the commands (after "
                           "testing), so the global ones are not listed twice")
    sync.set_defaults(handler=SettingsHandler(_sync_commands))


async def _run(app: App, args: argparse.Namespace) -> int:
    settle_heap()
    if app.settings.discord_token:
        from bot.discord_app.runner import run_discord

        with single_process(app.settings.database_url, "run"):
            await run_discord(app)
        return 0
    print("No Discord token is configured (DISCORD_TOKEN), so this is the local shell.",
          file=sys.stderr)
    return await _shell(app, args)


async def _shell(app: App, args: argparse.Namespace) -> int:
    from bot.shell.repl import run_shell

    settle_heap()
    # Log lines would break into the prompt: they go to a file, only errors to stderr.
    log_to_file(app.settings.shell_log_file)
    # One-shot verbs (ask, ingest, ...) may run beside it; a second bot process may not.
    with single_process(app.settings.database_url, args.verb):
        return await run_shell(app)


async def _config(settings: Settings, args: argparse.Namespace) -> int:
    print("\n".join(describe(load_with_sources())))
    print(f"# database in use: {safe_url(resolve_url(settings.database_url))}")
    return 0


async def _db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    async with open_database(settings.database_url,
                             busy_timeout=settings.sqlite_busy_timeout) as db:
        await upgrade(db)
        revision = await current_revision(db)
        print(f"{safe_url(db.engine.url)}: at revision {revision} (latest {head_revision()})")
    return 0


async def _db_downgrade(settings: Settings, args: argparse.Namespace) -> int:
    async with open_database(settings.database_url,
                             busy_timeout=settings.sqlite_busy_timeout) as db:
        await downgrade(db, args.revision)
        revision = await current_revision(db)
        print(f"{safe_url(db.engine.url)}: at revision {revision or 'base (no tables)'} "
              f"(latest {head_revision()})")
    return 0


async def _sync_commands(settings: Settings, args: argparse.Namespace) -> int:
    if args.clear and args.guild is None:
        raise UserError("--clear needs --guild ID: it removes one server's copies of the "
                        "commands (the global commands are never cleared).")
    if not settings.discord_token:
        raise UserError("sync-commands needs the bot token: set DISCORD_TOKEN.")
    from bot.discord_app.runner import sync_commands

    async with open_app(settings) as app:
        names = await sync_commands(app, args.guild, clear=args.clear)
    if args.clear:
        print(f"Cleared guild {args.guild}'s copies of the commands; "
              "the global commands stay.")
        return 0
    where = f"guild {args.guild}" if args.guild else "every guild (global)"
    print(f"Synced {len(names)} commands to {where}: {', '.join('/' + n for n in names)}")
    return 0
