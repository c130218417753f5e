"""A declared command's chat-neutral reply, written for Discord: mentions, timestamps and bold
in text, embeds for the core's answers, within Discord's limits."""

from __future__ import annotations

from typing import Any, assert_never

import discord

from bot.about import About
from bot.answers.cards import ArtistCard, ReleaseCard
from bot.answers.recent import RecentAnswer
from bot.commands.help import commands_for
from bot.commands.reply import (
    Asked,
    Channel,
    Message,
    Moment,
    Reply,
    Role,
    ShowHelp,
    Strong,
    Upcoming,
)
from bot.discord_app import render
from bot.discord_app.paging import Page, send_pages, text_pages
from bot.schedule.reminders import ReminderList, ReminderView
from bot.text import clip, reply


def message_text(message: Message) -> str:
    """The text as Discord shows it, cut to 2,000 characters."""
    out = []
    for part in message.parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Channel):
            out.append(f"<#{part.id}>")
        elif isinstance(part, Role):
            out.append(f"<@&{part.id}>")
        elif isinstance(part, Moment):
            stamp = int(part.at.timestamp())
            out.append(f"<t:{stamp}:F> (<t:{stamp}:R>)")
        elif isinstance(part, Strong):
            out.append(f"**{part.text}**")
        else:
            assert_never(part)
    return reply("".join(out))


def _embed(answer: Reply) -> discord.Embed:
    if isinstance(answer, ShowHelp):
        return render.help_embed(commands_for(answer.moderator), answer.moderator)
    if isinstance(answer, About):
        return render.about_embed(answer)
    if isinstance(answer, ArtistCard):
        return render.artist_embed(answer)
    if isinstance(answer, ReleaseCard):
        return render.release_embed(answer)
    if isinstance(answer, Asked):
        return render.answer_embed(answer.question, answer.answer)
    raise TypeError(f"no embed for {type(answer).__name__}")


def upcoming_pages(upcoming: Upcoming) -> list[Page]:
    """`/upcoming` as pages of Discord text: each post's time as a `<t:…:f>` timestamp, then
    the line; ten a page."""
    if not upcoming.items:
        return [Page(content=f"Nothing is scheduled in the next {upcoming.days} days.")]
    return text_pages([f"<t:{int(i.when.timestamp())}:f> · {i.text}" for i in upcoming.items])


def reminder_pages(listed: ReminderList) -> list[Page]:
    """`/remind list`: the user's reminders, ten a page, soonest first."""
    if not listed.reminders:
        lines = ["You have no reminders here. Set one with /remind me or /remind release."]
    else:
        lines = []
        for r in listed.reminders:
            when = _stamp(r) if r.due_utc is not None else \
                f"release day not known yet ({r.release_date or 'no date'})"
            where = "by direct message" if r.deliver_to == "dm" else f"in <#{r.channel_id}>"
            lines.append(f"`{r.id}` {when} · {clip(r.text, 60)} · {where}")
    if listed.elsewhere:
        lines.append(f"You have {listed.elsewhere} more set in other servers or in DMs; "
                     "/remind list in a DM with me shows them all.")
    return text_pages(lines, header="**Your reminders**" if listed.reminders else "")


def _pages(answer: Upcoming | ReminderList | RecentAnswer) -> list[Page]:
    if isinstance(answer, Upcoming):
        return upcoming_pages(answer)
    if isinstance(answer, ReminderList):
        return reminder_pages(answer)
    return [Page(embed=e) for e in render.sources_pages(answer)]


def _stamp(r: ReminderView) -> str:
    return f"<t:{r.timestamp}:F> (<t:{r.timestamp}:R>)"


async def send_reply(interaction: discord.Interaction[Any], answer: Reply, *,
                     ephemeral: bool) -> None:
    """Answer the interaction, or follow up a deferred one; a long list in pages."""
    if isinstance(answer, Upcoming | ReminderList | RecentAnswer):
        await send_pages(interaction, _pages(answer), ephemeral=ephemeral)
        return
    kwargs: dict[str, Any] = {"ephemeral": ephemeral}
    if isinstance(answer, Message):
        kwargs["content"] = message_text(answer)
    else:
        kwargs["embed"] = _embed(answer)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
