"""`/remind me|release|list|cancel` and `/timezone`: a fan's own reminders, answered privately."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, Complete, GroupSpec, Option

REMIND = GroupSpec("remind",
                   "Personal reminders: at a time, or on a release's day, by DM or here.")
_WHERE = Option("where", "By direct message (default) or in this channel", default="dm",
                choices=(("by direct message", "dm"), ("in this channel", "here")))

REMIND_ME = CommandSpec(
    "me", "Remind me of something at a time.", group=REMIND, defers=True,
    options=(
        Option("when",
               "When, in your time zone: in 2 days, tomorrow 18:00, next friday, "
               "2026-12-01 18:00", required=True, low=1, high=100),
        Option("what", "What to remind you of", required=True, low=1, high=500),
        _WHERE,
    ),
    detail="a personal reminder, by DM (default) or in this channel (below)")
REMIND_RELEASE = CommandSpec(
    "release", "Remind me on a release's day (again if the date moves).", group=REMIND,
    defers=True,
    options=(Option("title", "The release's title, e.g. Glass Harbour", required=True, low=1,
                    high=200, complete=Complete.RELEASE), _WHERE),
    detail="a reminder on a release's day, following the date if it moves")
REMIND_LIST = CommandSpec(
    "list", "My reminders, soonest first.", group=REMIND, defers=True,
    detail="your own reminders, soonest first, paged")
REMIND_CANCEL = CommandSpec(
    "cancel", "Cancel one of my reminders.", group=REMIND, defers=True,
    options=(Option("id", "The reminder's number, as /remind list shows it", required=True,
                    low=1, high=20, complete=Complete.OWN_REMINDER),),
    detail="cancel one of your reminders (your own autocomplete)")
TIMEZONE = CommandSpec(
    "timezone", "Show or set your own time zone, used for your reminders.", defers=True,
    options=(Option("zone", "An IANA time zone, e.g. Europe/London (empty: show yours)",
                    low=1, high=64, complete=Complete.TIMEZONE),),
    detail="your own time zone for reminders; alone, shows it")
