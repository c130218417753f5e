"""A declared command's chat-neutral reply, written for the terminal: names for channels and
roles, local times, the core's answers as readable text."""

from __future__ import annotations

from typing import assert_never

from bot.about import About
from bot.answers.cards import ArtistCard, ReleaseCard
from bot.app import App
from bot.commands.help import commands_for
from bot.commands.reply import (
    Channel,
    Message,
    Moment,
    Reply,
    Role,
    ShowHelp,
    Strong,
    Upcoming,
)
from bot.schedule.reminders import local_text
from bot.schedule.upcoming import readable
from bot.shell import render
from bot.shell.cards import render_artist, render_release
from bot.shell.state import ShellState


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


def reply_text(answer: Reply, state: ShellState, app: App) -> str:
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
        return readable(answer.items, answer.days)
    assert_never(answer)
