"""`/remind me|release|list|cancel` and `/timezone`: a fan's own reminders, answered privately."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.reply import Channel, Message, Moment, Part, Strong, say
from bot.commands.spec import Args, CommandSpec, Complete, GroupSpec, Invocation, Option
from bot.errors import UserError
from bot.schedule.reminders import (
    ReminderList,
    ReminderSet,
    ReminderView,
    local_text,
    reminder_number,
)
from bot.schedule.when import split_when
from bot.text import clip
from bot.users.settings import UserZone


def where(r: ReminderView) -> tuple[Part, ...]:
    return ("by direct message",) if r.deliver_to == "dm" or r.channel_id is None \
        else ("in ", Channel(r.channel_id))


def reminder_set(made: ReminderSet) -> Message:
    """What a new reminder says: when, where, and the zone it was read in when not chosen."""
    r = made.reminder
    if r.kind == "release" and r.due_utc is None:
        known = f" (known so far: {r.release_date})" if r.release_date else ""
        text = say(f"Reminder {r.id} set for ", Strong(clip(r.text, 300)),
                   f": it has no release day yet{known}. I'll remind you ", *where(r),
                   " on the day once it is known.")
    elif r.kind == "release" and r.due_utc is not None:
        text = say(f"Reminder {r.id} set: ", Strong(clip(r.text, 300)), " comes out ",
                   Moment(r.due_utc, r.tz), ". I'll remind you ", *where(r), " then.")
    else:
        assert r.due_utc is not None
        text = say(f"Reminder {r.id} set for ", Moment(r.due_utc, r.tz), ", ", *where(r),
                   f": {clip(r.text, 1500)}")
    if made.zone_source != "own":
        text += say(f"\nTimes are read in {r.tz}; set your own zone with /timezone.")
    return text


async def _when_and_what(call: Invocation) -> tuple[str, str]:
    """`when` and `what`; in the shell, "/remind me in 2 days check the vinyl" gives only
    words: the time is their longest leading run that reads as one."""
    when, what = call.args.text("when"), call.args.optional_text("what")
    if what is not None:
        return when, what
    words = when.split()
    zone = await call.app.user_settings.timezone(call.actor.user_id, call.actor.guild_id)
    split = split_when(words, call.app.clock.now(), ZoneInfo(zone.zone))
    return split if split is not None else (words[0] if words else "", " ".join(words[1:]))


async def remind_me(call: Invocation) -> Message:
    a = call.actor
    when, what = await _when_and_what(call)
    made = await call.app.reminders.remind_at(a.user_id, a.guild_id, a.channel_id, when, what,
                                              call.args.text("where"))
    return reminder_set(made)


async def remind_release(call: Invocation) -> Message:
    a = call.actor
    made = await call.app.reminders.remind_release(a.user_id, a.guild_id, a.channel_id,
                                                   call.args.text("title"),
                                                   call.args.text("where"))
    return reminder_set(made)


async def list_reminders(call: Invocation) -> ReminderList:
    return await call.app.reminders.list_reminders(call.actor.user_id, call.actor.guild_id)


def _number(args: Args) -> None:
    if not args.text("id").strip():
        raise UserError("Use /remind cancel ID, with the number /remind list shows.")
    reminder_number(args.text("id"))


async def cancel_reminder(call: Invocation) -> Message:
    number = reminder_number(call.args.text("id"))
    cancelled = await call.app.reminders.cancel(call.actor.user_id, call.actor.guild_id, number)
    return say(f"Cancelled reminder {cancelled.id}: {clip(cancelled.text, 1800)}")


def zone_shown(zone: UserZone, call: Invocation) -> Message:
    source = {"own": "you chose it",
              "server": "this server's; set your own with /timezone zone",
              "default": "the default; set your own with /timezone zone"}[zone.source]
    # The zone's own clock as text: a Discord timestamp would show the reader's zone instead.
    return say("Your time zone is ", Strong(zone.zone),
               f" ({source}). It is {local_text(call.app.clock.now(), zone.zone)}.")


async def timezone(call: Invocation) -> Message:
    user_id = call.actor.user_id
    zone = call.args.optional_text("zone")
    if zone is None or not zone.strip():
        return zone_shown(await call.app.user_settings.timezone(user_id, call.actor.guild_id),
                          call)
    chosen = await call.app.user_settings.set_timezone(user_id, zone)
    return say("Your time zone is now ", Strong(chosen),
               f" (it is {local_text(call.app.clock.now(), chosen)}). New reminders are read "
               "in it.")


REMIND = GroupSpec("remind",
                   "Personal reminders: at a time, or on a release's day, by DM or here.")
_WHERE = Option("where", "By direct message (default) or in this channel", default="dm",
                posts_here="here",
                choices=(("by direct message", "dm"), ("in this channel", "here")))

REMIND_ME = CommandSpec(
    "me", "Remind me of something at a time.", group=REMIND, defers=True,
    options=(
        Option("when",
               "When, in your time zone: in 2 days, tomorrow 18:00, next friday, "
               "2026-12-01 18:00", required=True, low=1, high=100),
        Option("what", "What to remind you of", required=True, low=1, high=500,
               optional_in_shell=True),
        _WHERE,
    ),
    shell_words=("when",), handler=remind_me,
    detail="a personal reminder, by DM (default) or in this channel (below)")
REMIND_RELEASE = CommandSpec(
    "release", "Remind me on a release's day (again if the date moves).", group=REMIND,
    defers=True,
    options=(Option("title", "The release's title, e.g. Glass Harbour", required=True, low=1,
                    high=200, complete=Complete.RELEASE), _WHERE),
    handler=remind_release,
    detail="a reminder on a release's day, following the date if it moves")
REMIND_LIST = CommandSpec(
    "list", "My reminders, soonest first.", group=REMIND, defers=True,
    handler=list_reminders,
    detail="your own reminders, soonest first, paged")
REMIND_CANCEL = CommandSpec(
    "cancel", "Cancel one of my reminders.", group=REMIND, defers=True,
    options=(Option("id", "The reminder's number, as /remind list shows it", required=True,
                    low=1, high=20, complete=Complete.OWN_REMINDER),),
    check=_number, handler=cancel_reminder,
    detail="cancel one of your reminders (your own autocomplete)")
TIMEZONE = CommandSpec(
    "timezone", "Show or set your own time zone, used for your reminders.", defers=True,
    options=(Option("zone", "An IANA time zone, e.g. Europe/London (empty: show yours)",
                    low=1, high=64, complete=Complete.TIMEZONE),),
    handler=timezone,
    detail="your own time zone for reminders; alone, shows it")
