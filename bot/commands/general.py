"""`/help` and `/about`: what the bot can do and what it knows."""

from __future__ import annotations

from bot.about import About
from bot.commands.reply import ShowHelp
from bot.commands.spec import CommandSpec, Invocation


async def show_help(call: Invocation) -> ShowHelp:
    return ShowHelp(moderator=call.actor.is_moderator)


async def about(call: Invocation) -> About:
    return await call.app.about.about(call.actor.guild_id)


HELP = CommandSpec(
    "help", "List fanzine's commands and what they do.", handler=show_help,
    detail="lists the commands (moderator commands only to moderators)")
ABOUT = CommandSpec(
    "about", "What fanzine is, its version, and what it knows so far.", handler=about,
    defers=True,
    detail="version, how many articles, artists and facts this server sees, this server's feeds")
