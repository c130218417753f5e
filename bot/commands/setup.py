"""`/setup`: a server's channels, time zone, posting hour and ping role (moderators only)."""

from __future__ import annotations

from bot.commands.spec import Args, CommandSpec, Complete, Invocation, Kind, Option
from bot.guilds.settings import (
    CLEARABLE_KEYS,
    SETTING_KEYS,
    GuildSettings,
    GuildUpdate,
    SettingValue,
    setup_changes,
)


def changes(args: Args) -> dict[str, SettingValue]:
    """The settings one `/setup` changes (none: it shows them); a UserError for a contradiction
    such as setting and clearing the same one."""
    values: dict[str, SettingValue] = {k: args.values[k] for k in SETTING_KEYS
                                       if k in args.values}
    return setup_changes(values, args.optional_text("clear"))


def _check(args: Args) -> None:
    changes(args)


async def setup(call: Invocation) -> GuildSettings | GuildUpdate:
    wanted = changes(call.args)
    if not wanted:
        return await call.app.guilds.show(call.actor)
    return await call.app.guilds.update(call.actor, wanted)


SETUP = CommandSpec(
    "setup",
    "Set this server's channels, time zone, posting hour, ping role and network view "
    "(moderators).",
    options=(
        Option("announce_channel",
               "Channel for release days, countdowns, anniversaries and birthdays",
               Kind.CHANNEL, bot_posts=True),
        Option("modlog_channel",
               "Channel for notices to moderators (failing feeds, corrections)",
               Kind.CHANNEL, bot_posts=True),
        Option("timezone",
               "This server's time zone, e.g. Europe/London (scheduled posts use it)",
               complete=Complete.TIMEZONE),
        Option("post_hour", "Local hour, 0-23, at which scheduled posts go out", Kind.INTEGER,
               low=0, high=23),
        Option("ping_role", "Role that announcements mention (fans opt in themselves)",
               Kind.ROLE),
        Option("network_facts",
               "Also use facts from articles only other servers' feeds brought in "
               "(off by default)", Kind.BOOLEAN),
        Option("clear", "A setting to clear", choices=tuple((k, k) for k in CLEARABLE_KEYS)),
    ),
    moderator=True, guild_only=True, defers=True, check=_check, handler=setup,
    detail="sets or shows this server's settings (below); with no options it shows them")
