"""`/follow`, `/unfollow`, `/schedule show|set`, `/subscribe`, `/unsubscribe` and `/upcoming`."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, Complete, GroupSpec, Kind, Option
from bot.schedule.settings import FEB29, WEEKDAYS
from bot.schedule.upcoming import DEFAULT_DAYS, MAX_DAYS

_ARTIST = Option("artist", "The artist's name, e.g. Mara Vale", required=True, low=1, high=200,
                 complete=Complete.ARTIST)

FOLLOW = CommandSpec(
    "follow", "Cover an artist in this server's scheduled posts (moderators).",
    options=(_ARTIST,), moderator=True, guild_only=True, defers=True,
    detail="this server's scheduled posts cover the artist")
UNFOLLOW = CommandSpec(
    "unfollow", "Stop this server's scheduled posts about an artist (moderators).",
    options=(_ARTIST,), moderator=True, guild_only=True, defers=True,
    detail="this server's scheduled posts never mention the artist, even if its articles do")
SCHEDULE = GroupSpec("schedule", "Show or set what this server's scheduled posts do (moderators).",
                     moderator=True, guild_only=True)
SCHEDULE_SHOW = CommandSpec(
    "show", "Show this server's scheduled-post settings and the artists they cover.",
    group=SCHEDULE,
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
    detail="change them (below)")
SUBSCRIBE = CommandSpec(
    "subscribe", "Get the ping role, so scheduled posts mention you.", guild_only=True,
    detail="take the server's ping role, so scheduled posts mention you")
UNSUBSCRIBE = CommandSpec(
    "unsubscribe", "Drop the ping role: scheduled posts stop mentioning you.", guild_only=True,
    detail="drop the server's ping role, so scheduled posts stop mentioning you")
UPCOMING = CommandSpec(
    "upcoming", "The scheduled posts coming up in this server.", guild_only=True, defers=True,
    ephemeral=False,
    options=(Option("days", f"How many days ahead (default {DEFAULT_DAYS})", Kind.INTEGER,
                    low=1, high=MAX_DAYS, default=DEFAULT_DAYS),),
    detail=f"the scheduled posts of the next days (default {DEFAULT_DAYS}), in time order")
