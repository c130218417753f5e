"""`/help` and `/about`: what the bot can do and what it knows."""

from __future__ import annotations

from bot.commands.spec import CommandSpec

HELP = CommandSpec(
    "help", "List fanzine's commands and what they do.",
    detail="lists the commands (moderator commands only to moderators)")
ABOUT = CommandSpec(
    "about", "What fanzine is, its version, and what it knows so far.",
    detail="version, how many articles, artists and facts this server sees, this server's feeds")
