"""The shell's slash commands: declared ones read from their declarations (`declared`), the
rest (shell-only, or not yet declared with a handler) parsed here on the same core services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.app import App
from bot.commands.catalogue import top_names
from bot.errors import UserError
from bot.guilds.settings import SETTING_KEYS, SettingValue, parse_setting, setup_changes
from bot.shell import render
from bot.shell.clock import clock_command
from bot.shell.declared import declared, run_declared
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState

Handler = Callable[[App, ShellState, ParsedLine], Awaitable[str]]


async def setup_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if line.words:
        raise UserError("Give /setup options as name:value, e.g. /setup timezone:Europe/London.")
    actor = state.actor()
    options = dict(line.options)
    clear = options.pop("clear", None)
    unknown = set(options) - set(SETTING_KEYS)
    if unknown:
        raise UserError(f"/setup has no option '{sorted(unknown)[0]}'. "
                        f"Options: {', '.join(SETTING_KEYS)}, clear.")
    values: dict[str, SettingValue] = {}
    for key, text in options.items():
        if key in ("announce_channel", "modlog_channel"):
            values[key] = state.world.channel_id(text)
        elif key == "ping_role":
            values[key] = state.world.role_id(text)
        else:
            values[key] = parse_setting(key, text)
    changes = setup_changes(values, clear.strip().lower() if clear else None)
    if not changes:
        return render.render_settings(await app.guilds.show(actor), state.world)
    return render.render_update(await app.guilds.update(actor, changes), state.world)


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


COMMANDS: dict[str, Handler] = {
    "setup": setup_command,
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

