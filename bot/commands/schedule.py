"""`/follow`, `/unfollow`, `/schedule show|set`, `/subscribe`, `/unsubscribe` and `/upcoming`."""

from __future__ import annotations

from typing import Any

from bot.commands.reply import Channel, Message, Part, Role, Strong, Upcoming, say
from bot.commands.spec import Args, CommandSpec, Complete, GroupSpec, Invocation, Kind, Option
from bot.errors import UserError
from bot.schedule.pings import RoleGranter, subscribe, unsubscribe
from bot.schedule.settings import (
    FEB29,
    SCHEDULE_KEYS,
    SCHEDULE_SETTINGS,
    WEEKDAYS,
    ScheduleSettings,
)
from bot.schedule.upcoming import DEFAULT_DAYS, MAX_DAYS

MAX_ARTISTS_SHOWN = 30


async def follow(call: Invocation) -> Message:
    done = await call.app.follows.follow(call.actor, call.args.text("artist"))
    note = "" if done.changed else " (already followed)"
    return say(f"Following {done.artist}{note}: their release days, countdowns, anniversaries "
               "and birthdays will be posted here.")


async def unfollow(call: Invocation) -> Message:
    done = await call.app.follows.unfollow(call.actor, call.args.text("artist"))
    note = "" if done.changed else " (already unfollowed)"
    return say(f"Unfollowed {done.artist}{note}: no more scheduled posts about them here.")


def settings_lines(settings: ScheduleSettings) -> Message:
    """The settings, a `name: value` line each."""
    parts: list[Part] = []
    for name, value in settings.describe():
        shown: Part = Channel(settings.channel) if name == "channel" and settings.channel \
            else value
        parts += ["\n" if parts else "", Strong(name), ": ", shown]
    return say(*parts)


async def show_schedule(call: Invocation) -> Message:
    settings = await call.app.schedule_settings.show(call.actor)
    covered = await call.app.follows.covered(settings.guild_id)
    artists = ", ".join(covered[:MAX_ARTISTS_SHOWN]) or "none yet"
    more = f" and {len(covered) - MAX_ARTISTS_SHOWN} more" \
        if len(covered) > MAX_ARTISTS_SHOWN else ""
    return settings_lines(settings) + say("\n", Strong("artists"), f": {artists}{more}")


def _something_given(args: Args) -> None:
    if not args.given():
        raise UserError("Give at least one setting to change; /schedule show lists them.")


async def set_schedule(call: Invocation) -> Message:
    """The options given, each read by its setting's declaration: text ones parsed (`kinds`
    relative to the current ones), typed ones (channel, switches) checked as they are."""
    a = call.args
    current = await call.app.schedule_settings.show(call.actor)
    changes: dict[str, Any] = {}
    for key in SCHEDULE_KEYS:
        if key not in a.values:
            continue
        value = a.values[key]
        changes[key] = SCHEDULE_SETTINGS.parse(key, value, current) if isinstance(value, str) \
            else value
    if "channel" not in changes and a.flag("clear_channel"):
        changes["channel"] = None
    update = await call.app.schedule_settings.update(call.actor, changes)
    head = f"Changed {', '.join(update.changed)}.\n" if update.changed else "Nothing changed.\n"
    return say(head) + settings_lines(update.after)


def _roles(call: Invocation) -> RoleGranter:
    if call.roles is None:
        raise UserError("Roles can't be changed from here.")
    return call.roles


async def subscribe_me(call: Invocation) -> Message:
    role_id = await subscribe(call.app.guilds, call.actor, _roles(call))
    return say("Done: you have ", Role(role_id), " now, so scheduled posts will mention you.")


async def unsubscribe_me(call: Invocation) -> Message:
    role_id = await unsubscribe(call.app.guilds, call.actor, _roles(call))
    return say("Done: ", Role(role_id), " is gone, so scheduled posts won't mention you.")


async def upcoming(call: Invocation) -> Upcoming:
    guild_id = call.actor.require_guild()
    days = call.args.integer("days") or DEFAULT_DAYS
    return Upcoming(await call.app.upcoming.upcoming(guild_id, days=days), days)


_ARTIST = Option("artist", "The artist's name, e.g. Mara Vale", required=True, low=1, high=200,
                 complete=Complete.ARTIST)

FOLLOW = CommandSpec(
    "follow", "Cover an artist in this server's scheduled posts (moderators).",
    options=(_ARTIST,), moderator=True, guild_only=True, defers=True,
    handler=follow,
    detail="this server's scheduled posts cover the artist")
UNFOLLOW = CommandSpec(
    "unfollow", "Stop this server's scheduled posts about an artist (moderators).",
    options=(_ARTIST,), moderator=True, guild_only=True, defers=True,
    handler=unfollow,
    detail="this server's scheduled posts never mention the artist, even if its articles do")
SCHEDULE = GroupSpec("schedule", "Show or set what this server's scheduled posts do (moderators).",
                     moderator=True, guild_only=True)
SCHEDULE_SHOW = CommandSpec(
    "show", "Show this server's scheduled-post settings and the artists they cover.",
    group=SCHEDULE, defers=True,
    handler=show_schedule,
    detail="this server's scheduled-post settings and the artists they cover")
SCHEDULE_SET = CommandSpec(
    "set", "Change this server's scheduled-post settings.", group=SCHEDULE, defers=True,
    options=(
        Option("channel", "Where scheduled posts go (default: the announce channel from /setup)",
               Kind.CHANNEL, bot_posts=True),
        Option("kinds", "Kinds on, e.g. release_day,countdown or -birthday (all, none)"),
        Option("countdown_days", "Days before a release with a countdown post, e.g. 7,1"),
        Option("milestones", "Anniversary years that get a post, e.g. 1,5,10, or all"),
        Option("feb29", "Where a 29 February falls in other years",
               choices=tuple((v, v) for v in FEB29)),
        Option("ping", "Mention the ping role on scheduled posts", Kind.BOOLEAN),
        Option("digest", "Post a weekly 'coming up' digest", Kind.BOOLEAN),
        Option("digest_weekday", "The digest's day", choices=tuple((d, d) for d in WEEKDAYS)),
        Option("clear_channel", "Post in the announce channel again", Kind.BOOLEAN),
    ),
    check=_something_given, handler=set_schedule,
    detail="change them (below)")
SUBSCRIBE = CommandSpec(
    "subscribe", "Get the ping role, so scheduled posts mention you.", guild_only=True,
    defers=True, handler=subscribe_me,
    detail="take the server's ping role, so scheduled posts mention you")
UNSUBSCRIBE = CommandSpec(
    "unsubscribe", "Drop the ping role: scheduled posts stop mentioning you.", guild_only=True,
    defers=True, handler=unsubscribe_me,
    detail="drop the server's ping role, so scheduled posts stop mentioning you")
UPCOMING = CommandSpec(
    "upcoming", "The scheduled posts coming up in this server.", guild_only=True, defers=True,
    ephemeral=False,
    options=(Option("days", f"How many days ahead (default {DEFAULT_DAYS})", Kind.INTEGER,
                    low=1, high=MAX_DAYS, default=DEFAULT_DAYS),),
    handler=upcoming,
    detail=f"the scheduled posts of the next days (default {DEFAULT_DAYS}), in time order")
