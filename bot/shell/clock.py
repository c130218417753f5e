"""The shell's `/clock`: show the shell's time, or move it to watch schedules fire."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.app import App
from bot.clock import MovableClock
from bot.errors import UserError
from bot.schedule.dispatcher import DispatchReport, Handled
from bot.schedule.reminders import local_text
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState

CLOCK_USAGE = ("Use /clock to show the time, /clock +1d, +3h, +30m, -1d (or +1d6h) to move it, "
               "or /clock 2026-12-01T09:00 (in this server's zone; end it with Z for UTC).")
GRACE_SETTING = "schedule.grace_minutes (FANZINE_SCHEDULE_GRACE_MINUTES)"
_STEP = re.compile(r"(\d{1,5})([wdhm])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
# Far enough to watch a year of schedules, near enough for datetime and the zone rules.
MAX_MOVE = timedelta(days=3660)


async def clock_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if line.options:
        raise UserError(CLOCK_USAGE)
    zone = (await app.guilds.get(state.world.guild_id)).timezone
    if not line.words:
        return (_show(app, zone, "The shell's clock says")
                + f" A time like 2026-12-01T09:00 is read in this server's zone, {zone}.")
    clock = app.clock
    if not isinstance(clock, MovableClock):
        raise UserError("This clock can't be moved (only the shell's can).")
    now = clock.now()
    text = " ".join(line.words).strip()
    target = _target(text, now, zone)
    if target - now > MAX_MOVE:
        raise UserError("That is more than ten years ahead; move the clock less far.")
    earliest = clock.earliest()
    # A second's grace: "-1d" right after "+1d" is back at the real time, not before it.
    if target < earliest - timedelta(seconds=1):
        raise UserError(
            "The clock can't go back before the real time (" + local_text(earliest, zone)
            + "): posts already sent would not come back. Move it forward, or restart the "
            "shell to start again from now.")
    # Every waiting worker (outbox, dispatcher) is told, and re-checks what is due now.
    clock.advance(max(target, earliest) - now)
    state.clock_moved = True
    shown = _show(app, zone, "The shell's clock is now")
    if text[:1] not in "+-" and datetime.fromisoformat(text).tzinfo is None:
        return f"Read {text} in this server's zone, {zone} (end it with Z for UTC). {shown}"
    return shown


async def jump_summary(app: App, state: ShellState, reports: list[DispatchReport]) -> str:
    """What a clock move did: the scheduled posts it delivered, and those it skipped as more
    than `schedule.grace_minutes` late, with the setting that decides it."""
    zone = (await app.guilds.get(state.world.guild_id)).timezone
    delivered = [h for r in reports for h in r.delivered]
    too_late = [h for r in reports for h in r.too_late]
    if not delivered and not too_late:
        return "Nothing scheduled was due."
    lines = []
    if delivered:
        lines.append(f"Delivered {_posts(len(delivered))}: "
                     + "; ".join(_named(h, zone) for h in delivered) + ".")
    if too_late:
        grace = f"{app.settings.schedule_grace_minutes:g} minutes"
        lines.append(
            f"Skipped {len(too_late)} as too late: "
            + "; ".join(_named(h, zone) for h in too_late)
            + f". Each was more than {grace} late (setting {GRACE_SETTING}): a bot that was "
            "down does not post a burst of old posts. Move the clock in steps shorter than "
            "that to see each post.")
    return "\n".join(lines)


def _posts(count: int) -> str:
    return f"{count} scheduled post" + ("s" * (count != 1))


def _named(handled: Handled, zone: str) -> str:
    kind = handled.kind.replace("_", " ")
    title = f" \"{handled.title}\"" if handled.title else ""
    return f"{kind}{title}, due {local_text(handled.due_utc, zone)}"


def _target(text: str, now: datetime, zone: str) -> datetime:
    if text[:1] in "+-":
        steps = text[1:].lower().replace(" ", "")
        parts = _STEP.findall(steps)
        if not parts or "".join(n + u for n, u in parts) != steps:
            raise UserError(f"'{text}' is not a step like +1d, +3h, +30m or -1d. {CLOCK_USAGE}")
        delta = sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta(0))
        return now + delta if text[0] == "+" else now - delta
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"'{text}' is neither a step nor a time. {CLOCK_USAGE}") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=ZoneInfo(zone))
    return local


def _show(app: App, zone: str, lead: str) -> str:
    now = app.clock.now()
    text = f"{lead} {local_text(now, 'UTC')}; in this server, {local_text(now, zone)}."
    if isinstance(app.clock, MovableClock):
        ahead = now - app.clock.earliest()
        if ahead >= timedelta(seconds=30):
            text += f" ({_span(ahead)} ahead of the real time)"
    return text


def _span(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d"] * bool(days) + [f"{hours}h"] * bool(hours) + [f"{mins}m"] * bool(mins)
    return " ".join(parts)
