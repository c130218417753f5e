"""The `fanzine` command line: builds the parser from each verb module and runs the verb."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot import __version__
from bot.app import open_app
from bot.cli import answers, basic, facts, feeds, guild, ops, schedule
from bot.cli.common import AppHandler, SettingsHandler
from bot.clock import OffsetClock, SystemClock
from bot.config import Settings, load_settings
from bot.errors import UserError
from bot.logs import configure_logging, error_line, redact

log = logging.getLogger("bot.cli")


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line on stderr (exit 2) like every other error,
    not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {redact(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="fanzine",
        description="fanzine: news, facts and release-day reminders for music fan servers.",
    )
    parser.add_argument("--version", action="version", version=f"fanzine {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for module in (basic, guild, feeds, facts, answers, schedule, ops):
        module.register(verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb. Every failure is one line on stderr with a non-zero status: 2 for a
    user error, 69 when Discord cannot be reached, 1 for anything unexpected (its traceback
    goes to the log at debug level); secrets never appear in that line."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, secrets=[settings.discord_token],
                          log_format=settings.log_format)
        return asyncio.run(_run(args, settings))
    except UserError as exc:
        print(f"fanzine: {redact(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last resort: one line, never a traceback on the console
        log.debug("fanzine %s failed", args.verb, exc_info=True)
        print(f"fanzine: unexpected error: {error_line(exc)} (set FANZINE_LOG_LEVEL=debug "
              "for the traceback)", file=sys.stderr)
        return 1


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if isinstance(args.handler, SettingsHandler):
        return await args.handler.run(settings, args)
    assert isinstance(args.handler, AppHandler)
    # The shell's clock can be moved (`/clock`); everything else runs on the system clock.
    clock = OffsetClock() if args.handler.movable_clock else SystemClock()
    wait = settings.database_connect_wait if args.handler.waits_for_database else 0.0
    async with open_app(settings, clock, database_wait=wait) as app:
        return await args.handler.run(app, args)
