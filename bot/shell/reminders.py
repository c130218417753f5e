"""The shell's `/remind me|release|list|cancel` and `/timezone`, on the same core services."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.app import App
from bot.errors import UserError
from bot.schedule.reminders import (
    ReminderList,
    ReminderSet,
    ReminderView,
    local_text,
    reminder_number,
)
from bot.schedule.when import split_when
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState
from bot.shell.world import ShellWorld
from bot.users.settings import UserZone

REMIND_USAGE = ('Use /remind me when:"tomorrow 18:00" what:"…" [where:dm|here], '
                '/remind release title:"…" [where:dm|here], /remind list, /remind cancel ID.')


async def remind_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if not line.words:
        raise UserError(REMIND_USAGE)
    action, rest = line.words[0].lower(), line.words[1:]
    options = dict(line.options)
    actor = state.actor()
    guild, channel = actor.guild_id, actor.channel_id
    if action == "me":
        when = options.pop("when", None)
        if when is None and len(rest) > 1 and "what" not in options:
            # "/remind me in 2 days check the vinyl": the time is the longest leading run of
            # words that reads as one.
            zone = await app.user_settings.timezone(actor.user_id, guild)
            split = split_when(rest, app.clock.now(), ZoneInfo(zone.zone))
            if split is not None:
                when, what_words = split
                rest = what_words.split()
        if when is None:
            when = rest.pop(0) if rest else ""
        what = options.pop("what", None) or " ".join(rest)
        rest = []
        where = options.pop("where", "dm")
        _no_more(options, rest, "/remind me")
        made = await app.reminders.remind_at(actor.user_id, guild, channel, when, what, where)
        return render_set(made, state.world)
    if action == "release":
        title = options.pop("title", None) or " ".join(rest)
        rest = []
        where = options.pop("where", "dm")
        _no_more(options, rest, "/remind release")
        made = await app.reminders.remind_release(actor.user_id, guild, channel, title, where)
        return render_set(made, state.world)
    if action == "list":
        _no_more(options, rest, "/remind list")
        return render_list(await app.reminders.list_reminders(actor.user_id, guild),
                           state.world)
    if action == "cancel":
        number = options.pop("id", None) or (rest.pop(0) if rest else "")
        _no_more(options, rest, "/remind cancel")
        if not number.strip():
            raise UserError("Use /remind cancel ID, with the number /remind list shows.")
        cancelled = await app.reminders.cancel(actor.user_id, guild, reminder_number(number))
        return f"Cancelled reminder {cancelled.id}: {cancelled.text}"
    raise UserError(f"Unknown action '{action}'. {REMIND_USAGE}")


async def timezone_command(app: App, state: ShellState, line: ParsedLine) -> str:
    options = dict(line.options)
    zone_text = options.pop("zone", None) or " ".join(line.words)
    if options:
        raise UserError(f"/timezone has no option '{sorted(options)[0]}'. Use /timezone [zone].")
    actor = state.actor()
    if not zone_text.strip():
        return render_zone(await app.user_settings.timezone(actor.user_id, actor.guild_id), app)
    zone = await app.user_settings.set_timezone(actor.user_id, zone_text)
    return (f"Your time zone is now {zone}: it is {local_text(app.clock.now(), zone)}. "
            "New reminders are read in it.")


def render_zone(zone: UserZone, app: App) -> str:
    where = {"own": "you chose it", "server": "this server's; set yours with /timezone ZONE",
             "default": "the default; set yours with /timezone ZONE"}[zone.source]
    return (f"Your time zone is {zone.zone} ({where}): it is "
            f"{local_text(app.clock.now(), zone.zone)}.")


def render_set(made: ReminderSet, world: ShellWorld) -> str:
    r = made.reminder
    where = _where(r, world)
    if r.kind == "release":
        if r.due_utc is None:
            known = f" (known so far: {r.release_date})" if r.release_date else ""
            text = (f"Reminder {r.id} set for {r.text}: it has no release day yet{known}; "
                    f"I will remind you {where} on the day once it is known.")
        else:
            text = (f"Reminder {r.id} set: {r.text} comes out {r.local_time}; "
                    f"I will remind you {where} then.")
    else:
        text = f"Reminder {r.id} set for {r.local_time}, {where}: {r.text}"
    if made.zone_source != "own":
        text += f"\n(Times are in {r.tz}; set your own zone with /timezone ZONE.)"
    return text


def render_list(listed: ReminderList, world: ShellWorld) -> str:
    if not listed.reminders:
        lines = ["You have no reminders here. Set one with /remind me or /remind release."]
    else:
        lines = ["Your reminders here:"]
        for r in listed.reminders:
            lines.append(f"  {r.id:>4}  {_when(r)}  {r.text}  ({_where(r, world)})")
    if listed.elsewhere:
        lines.append(f"(and {listed.elsewhere} set in other places)")
    return "\n".join(lines)


def _when(r: ReminderView) -> str:
    if r.due_utc is not None:
        return local_text(r.due_utc, r.tz)
    return f"release day not known yet ({r.release_date or 'no date'})"


def _where(r: ReminderView, world: ShellWorld) -> str:
    return "by DM" if r.deliver_to == "dm" else f"in {world.channel_name(r.channel_id)}"


def _no_more(options: dict[str, str], rest: list[str], command: str) -> None:
    if rest:
        raise UserError(f"{command}: unexpected '{rest[0]}'. {REMIND_USAGE}")
    if options:
        raise UserError(f"{command} has no option '{sorted(options)[0]}'. {REMIND_USAGE}")
