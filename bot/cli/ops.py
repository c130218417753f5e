"""Verbs `status` (feeds by health, outbox backlog, next posts, recent problems) and `about`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.about import about_text
from bot.app import App
from bot.cli.common import AppHandler, add_guild_option
from bot.status import read_status, status_lines


def register(verbs: Any) -> None:
    status = verbs.add_parser(
        "status", help="feeds by health, outbox backlog, next posts and recent problems")
    status.add_argument("--json", action="store_true", help="print one JSON document")
    status.set_defaults(handler=AppHandler(_status))
    about = verbs.add_parser("about", help="the version and how much the bot knows so far")
    add_guild_option(about)
    about.set_defaults(handler=AppHandler(_about))


async def _about(app: App, args: argparse.Namespace) -> int:
    print(about_text(await app.about.about(args.guild)))
    return 0


async def _status(app: App, args: argparse.Namespace) -> int:
    status = await read_status(app.db, app.clock.now())
    if args.json:
        print(json.dumps(status.to_json(), indent=2))
    else:
        print("\n".join(status_lines(status)))
    return 0
