"""A declared command's chat-neutral reply, written for Discord: mentions, timestamps and bold
in text, embeds for the core's answers, within Discord's limits."""

from __future__ import annotations

from typing import Any

import discord

from bot.about import About
from bot.answers.cards import ArtistCard, ReleaseCard
from bot.answers.recent import RecentAnswer
from bot.commands.help import commands_for
from bot.commands.reply import (
    Asked,
    ConfirmRemoval,
    FeedList,
    Message,
    Reply,
    ShowHelp,
    Upcoming,
)
from bot.discord_app import render
from bot.discord_app.buttons import confirm_removal_view
from bot.discord_app.card_pages import artist_pages, release_pages
from bot.discord_app.messages import message_text
from bot.discord_app.page_keys import key_for
from bot.discord_app.paging import Page, send_pages, text_pages
from bot.guilds.settings import GuildSettings, SettingsUpdate
from bot.ingest.feeds_service import FeedAdded, FeedPreview, FeedRemoval
from bot.schedule.reminders import ReminderList, ReminderView
from bot.text import clip, escape_markdown, reply


def _embed(answer: Reply) -> discord.Embed:
    if isinstance(answer, ShowHelp):
        return render.help_embed(commands_for(answer.moderator), answer.moderator)
    if isinstance(answer, About):
        return render.about_embed(answer)
    if isinstance(answer, Asked):
        return render.answer_embed(answer.question, answer.answer)
    if isinstance(answer, FeedAdded):
        return render.feed_added_embed(answer)
    if isinstance(answer, GuildSettings):
        return render.settings_embed(answer)
    if isinstance(answer, SettingsUpdate):
        return render.update_embed(answer)
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


# The replies sent as pages, with Previous/Next when there are several.
Paged = Upcoming | ReminderList | RecentAnswer | FeedList | ArtistCard | ReleaseCard


def reply_pages(answer: Paged) -> list[Page]:
    """A paged reply's pages, every one within Discord's limits."""
    if isinstance(answer, ArtistCard):
        return [Page(embed=embed) for embed in artist_pages(answer)]
    if isinstance(answer, ReleaseCard):
        return [Page(embed=embed) for embed in release_pages(answer)]
    if isinstance(answer, FeedList):
        return [Page(embed=embed) for embed in render.feed_list_pages(answer.feeds)]
    if isinstance(answer, Upcoming):
        return upcoming_pages(answer)
    if isinstance(answer, ReminderList):
        return reminder_pages(answer)
    return [Page(embed=e) for e in render.sources_pages(answer)]


def _stamp(r: ReminderView) -> str:
    return f"<t:{r.timestamp}:F> (<t:{r.timestamp}:R>)"


def removal_question(found: FeedRemoval) -> str:
    """`/feeds remove`'s question, above its Remove and Keep buttons."""
    count = found.subscriptions
    where = f" in <#{found.channel_id}>" if found.channel_id else ""
    name = f"**{escape_markdown(clip(found.title, 200))}** " if found.title else ""
    return reply(f"Remove {count} subscription{'s' if count != 1 else ''} to {name}"
                 f"<{found.url}>{where}? New articles will stop being posted.")


def _message(answer: Reply) -> dict[str, Any]:
    """One message's content, embeds and buttons."""
    if isinstance(answer, Message):
        return {"content": message_text(answer)}
    if isinstance(answer, ConfirmRemoval):
        found = answer.removal
        return {"content": removal_question(found),
                "view": confirm_removal_view(found.guild_id, found.feed_id, found.channel_id)}
    if isinstance(answer, FeedPreview):
        embeds = [render.preview_embed(answer)]
        if answer.sample is not None and answer.sample.embed is not None:
            embeds.append(render.post_embed(answer.sample.embed))
        return {"embeds": embeds}
    return {"embed": _embed(answer)}


async def send_reply(interaction: discord.Interaction[Any], answer: Reply, *,
                     ephemeral: bool) -> None:
    """Answer the interaction, or follow up a deferred one; a long list in pages."""
    if isinstance(answer, Paged):
        start = answer.page - 1 if isinstance(answer, FeedList) else 0
        # Discord's own time of the interaction dates the pages: no clock of ours to trust.
        key = key_for(answer, interaction.user.id, int(interaction.created_at.timestamp()))
        await send_pages(interaction, reply_pages(answer), ephemeral=ephemeral, start=start,
                         key=key)
        return
    kwargs: dict[str, Any] = {"ephemeral": ephemeral, **_message(answer)}
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
