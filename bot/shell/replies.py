"""A declared command's chat-neutral reply, written for the terminal: names for channels and
roles, local times, the core's answers as readable text."""

from __future__ import annotations

from typing import assert_never

from bot.about import About
from bot.answers.cards import ArtistCard, ReleaseCard
from bot.answers.recent import RecentAnswer
from bot.commands.help import commands_for
from bot.commands.reply import (
    Asked,
    Channel,
    ConfirmRemoval,
    FeedList,
    Message,
    Moment,
    Reply,
    Role,
    ShowHelp,
    Strong,
    Upcoming,
)
from bot.guilds.settings import GuildSettings, SettingsUpdate
from bot.ingest.feeds_service import FeedAdded, FeedPreview
from bot.schedule import upcoming
from bot.schedule.reminders import ReminderList, ReminderView, local_text
from bot.shell import render
from bot.shell.answers import readable, sources_text
from bot.shell.cards import render_artist, render_release
from bot.shell.state import ShellState
from bot.shell.world import ShellWorld


def message_text(message: Message, state: ShellState) -> str:
    out = []
    for part in message.parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Channel):
            out.append(state.world.channel_name(part.id))
        elif isinstance(part, Role):
            out.append(state.world.role_name(part.id))
        elif isinstance(part, Moment):
            out.append(local_text(part.at, part.zone))
        elif isinstance(part, Strong):
            out.append(part.text)
        else:
            assert_never(part)
    return "".join(out)


def reply_text(answer: Reply, state: ShellState) -> str:
    """The reply as the shell prints it."""
    if isinstance(answer, Message):
        return message_text(answer, state)
    if isinstance(answer, ShowHelp):
        return render.render_help(commands_for(answer.moderator, shell=True), answer.moderator)
    if isinstance(answer, About):
        return render.render_about(answer)
    if isinstance(answer, ArtistCard):
        return render_artist(answer)
    if isinstance(answer, ReleaseCard):
        return render_release(answer)
    if isinstance(answer, Upcoming):
        return upcoming.readable(answer.items, answer.days)
    if isinstance(answer, ReminderList):
        return reminder_list(answer, state.world)
    if isinstance(answer, Asked):
        return readable(answer.answer)
    if isinstance(answer, RecentAnswer):
        return sources_text(answer)
    if isinstance(answer, FeedAdded):
        return render.render_feed_added(answer, state.world)
    if isinstance(answer, FeedList):
        return render.render_feed_list(answer.feeds, state.world)  # the whole list at once
    if isinstance(answer, FeedPreview):
        return render.render_preview(answer, state.world)
    if isinstance(answer, GuildSettings):
        return render.render_settings(answer, state.world)
    if isinstance(answer, SettingsUpdate):
        return render.render_update(answer, state.world)
    if isinstance(answer, ConfirmRemoval):
        raise AssertionError("the shell removes a feed without asking: it has no buttons")
    assert_never(answer)


def reminder_list(listed: ReminderList, world: ShellWorld) -> str:
    """`/remind list` as a table: number, local time, text, where."""
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
