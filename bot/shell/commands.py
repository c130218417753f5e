"""The shell's commands: the declared slash commands through `declared`, and the shell's own
(`/as`, `/whoami`, `/clock`, `/quit`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.app import App
from bot.commands.catalogue import top_names
from bot.errors import UserError
from bot.shell.clock import clock_command
from bot.shell.declared import declared, run_declared
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState

Handler = Callable[[App, ShellState, ParsedLine], Awaitable[str]]


async def as_command(app: App, state: ShellState, line: ParsedLine) -> str:
    role = (line.words or [""])[0].lower()
    if role in ("mod", "moderator", "admin"):
        state.as_moderator = True
    elif role in ("fan", "member", "user"):
        state.as_moderator = False
    else:
        raise UserError("Use /as fan or /as mod.")
    return f"You are now '{state.who}'" + (
        " (with Manage Server)." if state.as_moderator else " (a member without Manage Server)."
    )


async def whoami_command(app: App, state: ShellState, line: ParsedLine) -> str:
    actor = state.actor()
    return (f"You are '{actor.name}' (user {actor.user_id}) in {state.world.guild_name} "
            f"(guild {actor.guild_id}), {state.world.channel_name(actor.channel_id)}; "
            f"moderator: {'yes' if actor.is_moderator else 'no'}.")


async def quit_command(app: App, state: ShellState, line: ParsedLine) -> str:
    state.done = True
    return "Bye."


# The shell's own commands, which are no slash commands on Discord.
COMMANDS: dict[str, Handler] = {
    "clock": clock_command,
    "as": as_command,
    "whoami": whoami_command,
    "quit": quit_command,
    "exit": quit_command,
}


def command_names() -> list[str]:
    """Every command the shell runs, for tab completion."""
    return sorted(set(top_names()) | set(COMMANDS))


async def run_command(app: App, state: ShellState, line: ParsedLine) -> str:
    found = declared(line)
    if found is not None:
        return await run_declared(app, state, found[0], line, found[1])
    handler = COMMANDS.get(line.name)
    if handler is None:
        raise UserError(f"Unknown command /{line.name}: try /help.")
    return await handler(app, state, line)

