"""Verb `status`: feeds by health, the outbox backlog, the next scheduled posts, recent problems."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.app import App
from bot.cli.common import AppHandler
from bot.status import read_status, status_lines


def register(verbs: Any) -> None:
    status = verbs.add_parser(
        "status", help="feeds by health, outbox backlog, next posts and recent problems")
    status.add_argument("--json", action="store_true", help="print one JSON document")
    status.set_defaults(handler=AppHandler(_status))


async def _status(app: App, args: argparse.Namespace) -> int:
    status = await read_status(app.db, app.clock.now())
    if args.json:
        print(json.dumps(status.to_json(), indent=2))
    else:
        print("\n".join(status_lines(status)))
    return 0
