"""`/help`'s entries, one a top-level command, made from the declarations."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.catalogue import COMMANDS, top_names


@dataclass(frozen=True)
class CommandHelp:
    """One top-level slash command: its name, one-line summary, usage and who may run it."""

    name: str
    summary: str
    usage: str
    moderator: bool = False


def help_entries(*, shell: bool = False) -> list[CommandHelp]:
    """Every top-level command, its sub-commands' usages joined (shell-only options too for
    the shell)."""
    entries = []
    for name in top_names():
        specs = [c for c in COMMANDS if c.top == name]
        first = specs[0]
        summary = first.group.description if first.group else first.description
        usage = " · ".join(c.usage(shell=shell) for c in specs)
        entries.append(CommandHelp(name, summary, usage, first.for_moderators))
    return entries


def commands_for(is_moderator: bool, *, shell: bool = False) -> list[CommandHelp]:
    """The commands worth showing to this person (moderator commands only to moderators)."""
    return [c for c in help_entries(shell=shell) if is_moderator or not c.moderator]
