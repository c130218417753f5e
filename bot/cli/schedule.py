"""Verb `upcoming [--from DATE] [--days N] [--json] [--guild ID]`: the scheduled posts to come."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.app import App
from bot.bounds import whole_number
from bot.cli.common import AppHandler, add_guild_option
from bot.schedule.upcoming import DEFAULT_DAYS, MAX_DAYS, readable


def register(verbs: Any) -> None:
    upcoming = verbs.add_parser("upcoming", help="the scheduled posts coming up")
    upcoming.add_argument("--from", dest="start", default=None, metavar="DATE",
                          help="start on this day (YYYY-MM-DD, in the guild's zone; "
                               "default: now)")
    upcoming.add_argument("--days", default=str(DEFAULT_DAYS), metavar="N",
                          help=f"how many days ahead (default {DEFAULT_DAYS})")
    upcoming.add_argument("--json", action="store_true",
                          help="one JSON document (README, JSON output)")
    add_guild_option(upcoming)
    upcoming.set_defaults(handler=AppHandler(_upcoming))


def parse_days(text: str) -> int:
    return whole_number(text, "--days", 1, MAX_DAYS)


async def _upcoming(app: App, args: argparse.Namespace) -> int:
    days = parse_days(args.days)
    start = await app.upcoming.start_of_day(args.guild, args.start) if args.start else None
    items = await app.upcoming.upcoming(args.guild, start, days)
    if args.json:
        print(json.dumps([item.to_json() for item in items], ensure_ascii=False))
    else:
        print(readable(items, days))
    return 0
