"""The shell's `/follow`, `/unfollow`, `/schedule`, `/subscribe`, `/unsubscribe` and `/upcoming`."""

from __future__ import annotations

from bot.app import App
from bot.bounds import whole_number
from bot.errors import UserError
from bot.schedule.pings import subscribe, unsubscribe
from bot.schedule.settings import SCHEDULE_KEYS, ScheduleSettings
from bot.schedule.upcoming import DEFAULT_DAYS, MAX_DAYS, readable
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState

SCHEDULE_USAGE = ("Use /schedule show, or /schedule set with name:value options: "
                  f"{', '.join(SCHEDULE_KEYS)}.")


def _artist(line: ParsedLine) -> str:
    options = dict(line.options)
    name = options.pop("artist", None) or " ".join(line.words)
    if options or not name.strip():
        raise UserError(f'Use /{line.name} artist:"Mara Vale".')
    return name


async def follow_command(app: App, state: ShellState, line: ParsedLine) -> str:
    done = await app.follows.follow(state.actor(), _artist(line))
    return f"Following {done.artist}" + ("." if done.changed else " (already followed).")


async def unfollow_command(app: App, state: ShellState, line: ParsedLine) -> str:
    done = await app.follows.unfollow(state.actor(), _artist(line))
    return f"Unfollowed {done.artist}" + ("." if done.changed else " (already unfollowed).")


def _render(settings: ScheduleSettings, state: ShellState) -> str:
    lines = []
    for name, value in settings.describe():
        if name == "channel" and settings.channel is not None:
            value = state.world.channel_name(settings.channel)
        lines.append(f"  {name}: {value}")
    return "\n".join(lines)


async def schedule_command(app: App, state: ShellState, line: ParsedLine) -> str:
    action = [w.lower() for w in line.words]
    actor = state.actor()
    if action == ["show"] and not line.options:
        settings = await app.schedule_settings.show(actor)
        covered = await app.follows.covered(settings.guild_id)
        return (f"Scheduled posts in {state.world.guild_name}:\n{_render(settings, state)}\n"
                f"  artists: {', '.join(covered) or 'none yet'}")
    if action != ["set"] or not line.options:
        raise UserError(SCHEDULE_USAGE)
    texts = dict(line.options)
    if "channel" in texts and texts["channel"].strip().lower() not in ("none", "clear", "-"):
        texts["channel"] = str(state.world.channel_id(texts["channel"]))
    update = await app.schedule_settings.update_text(actor, texts)
    head = f"Changed {', '.join(update.changed)}." if update.changed else "Nothing changed."
    return f"{head}\n{_render(update.after, state)}"


class _ShellRoles:
    """The shell's pretend server gives and takes roles in its state."""

    def __init__(self, state: ShellState) -> None:
        self.state = state

    async def grant(self, guild_id: int, user_id: int, role_id: int) -> None:
        self.state.member_roles.add((user_id, role_id))

    async def revoke(self, guild_id: int, user_id: int, role_id: int) -> None:
        self.state.member_roles.discard((user_id, role_id))


async def subscribe_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if line.words or line.options:
        raise UserError("/subscribe takes no options.")
    role_id = await subscribe(app.guilds, state.actor(), _ShellRoles(state))
    return f"Done: you have {state.world.role_name(role_id)} now, so scheduled posts " \
        f"will mention you."


async def unsubscribe_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if line.words or line.options:
        raise UserError("/unsubscribe takes no options.")
    role_id = await unsubscribe(app.guilds, state.actor(), _ShellRoles(state))
    return f"Done: {state.world.role_name(role_id)} is gone, so scheduled posts won't " \
        f"mention you."


async def upcoming_command(app: App, state: ShellState, line: ParsedLine) -> str:
    options = dict(line.options)
    text = options.pop("days", None) or (line.words[0] if len(line.words) == 1 else None)
    if options or len(line.words) > 1:
        raise UserError("Use /upcoming [days], e.g. /upcoming 14.")
    days = whole_number(text, "days", 1, MAX_DAYS) if text is not None else DEFAULT_DAYS
    items = await app.upcoming.upcoming(state.world.guild_id, days=days)
    return readable(items, days)
