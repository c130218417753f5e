"""Verbs `guild show` and `guild set KEY VALUE`: a guild's settings, as `/setup` sets them."""

from __future__ import annotations

import argparse
from typing import Any

from bot.app import App
from bot.cli.common import AppHandler, add_guild_option, operator
from bot.guilds.settings import GUILD_SETTINGS, SETTING_KEYS, parse_setting


def register(verbs: Any) -> None:
    guild = verbs.add_parser("guild", help="a guild's settings, as /setup sets them")
    actions = guild.add_subparsers(dest="guild_verb", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the guild's settings")
    add_guild_option(show)
    show.set_defaults(handler=AppHandler(_show))
    set_ = actions.add_parser("set", help="change one setting")
    set_.add_argument("key", choices=SETTING_KEYS, metavar="KEY",
                      help=f"one of: {', '.join(SETTING_KEYS)}")
    set_.add_argument("value", metavar="VALUE", help="the new value ('none' clears an id)")
    add_guild_option(set_)
    set_.set_defaults(handler=AppHandler(_set))


async def _show(app: App, args: argparse.Namespace) -> int:
    settings = await app.guilds.get(args.guild)
    for setting in GUILD_SETTINGS.settings:
        print(f"{setting.key}: {setting.describe(getattr(settings, setting.key))}")
    return 0


async def _set(app: App, args: argparse.Namespace) -> int:
    value = parse_setting(args.key, args.value)
    update = await app.guilds.update(operator(args.guild), {args.key: value})
    setting = GUILD_SETTINGS.setting(args.key)
    print(f"{setting.key}: {setting.describe(getattr(update.after, setting.key))}"
          + ("" if update.changed else " (unchanged)"))
    return 0
