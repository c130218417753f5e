"""Persistent buttons: each custom id carries what it acts on, so a click works after restarts."""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol, cast

import discord

from bot.app import App
from bot.commands.reminders import reminder_set
from bot.discord_app.actors import actor_for
from bot.discord_app.errors import send_privately
from bot.discord_app.messages import message_text
from bot.discord_app.roles import DiscordRoles
from bot.errors import UserError, report_unexpected
from bot.posts import REMIND_RELEASE, SNOOZE, SUBSCRIBE, PostButton
from bot.schedule.pings import subscribe_from_post
from bot.text import clip, reply

log = logging.getLogger(__name__)

# Ids in a custom id: Discord snowflakes and our row ids, never longer than 20 digits, so every
# id stays far inside Discord's 100 characters.
ID = r"[0-9]{1,20}"


class _HasApp(Protocol):
    app: App


def app_of(interaction: discord.Interaction[Any]) -> App:
    return cast(_HasApp, interaction.client).app


async def fail_privately(interaction: discord.Interaction[Any], exc: Exception,
                         context: str) -> None:
    """A refused or failed click, told only to whoever clicked."""
    text = exc.message if isinstance(exc, UserError) else report_unexpected(log, exc, context)
    await send_privately(interaction, text, context)


class RemindReleaseButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                          template=rf"fz:rr:(?P<guild>{ID}):(?P<release>{ID})"):
    """"Remind me" under a countdown or release-day post: the clicking fan's own DM reminder
    on the release's day."""

    def __init__(self, guild_id: int, release_id: int, label: str = "Remind me") -> None:
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.primary,
                                           emoji="⏰",
                                           custom_id=f"fz:rr:{guild_id}:{release_id}"))
        self.guild_id, self.release_id = guild_id, release_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /,
                             ) -> RemindReleaseButton:
        return cls(int(match["guild"]), int(match["release"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            made = await app_of(interaction).reminders.remind_release_id(
                interaction.user.id, interaction.guild_id, self.release_id,
                asked_in=self.guild_id or None)
            await interaction.followup.send(message_text(reminder_set(made)), ephemeral=True)
        except Exception as exc:  # every failure is answered, privately
            await fail_privately(interaction, exc, "the Remind me button")


class SnoozeButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=rf"fz:sn:(?P<reminder>{ID}):(?P<seconds>[0-9]{{1,6}})"):
    """"Snooze 1 h / 1 day" under a personal reminder: remind its owner again later."""

    def __init__(self, reminder_id: int, seconds: int, label: str = "Snooze") -> None:
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.secondary,
                                           custom_id=f"fz:sn:{reminder_id}:{seconds}"))
        self.reminder_id, self.seconds = reminder_id, seconds

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /,
                             ) -> SnoozeButton:
        return cls(int(match["reminder"]), int(match["seconds"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            snoozed = await app_of(interaction).reminders.snooze(
                interaction.user.id, self.reminder_id, self.seconds)
            stamp = snoozed.timestamp
            await interaction.followup.send(
                f"Snoozed: I'll remind you again <t:{stamp}:R> (<t:{stamp}:F>).", ephemeral=True)
        except Exception as exc:  # every failure is answered, privately
            await fail_privately(interaction, exc, "the Snooze button")


class SubscribeButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                      template=rf"fz:sub:(?P<guild>{ID})"):
    """"Subscribe" beside a post that pings the role: the clicking fan takes the ping role."""

    def __init__(self, guild_id: int, label: str = "Subscribe") -> None:
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.success,
                                           emoji="🔔", custom_id=f"fz:sub:{guild_id}"))
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /,
                             ) -> SubscribeButton:
        return cls(int(match["guild"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            role_id = await subscribe_from_post(
                app_of(interaction).guilds, actor_for(interaction),
                DiscordRoles(interaction.client), asked_in=self.guild_id)
            await interaction.followup.send(
                f"Done: you have <@&{role_id}> now, so scheduled posts will mention you.",
                ephemeral=True)
        except Exception as exc:  # every failure is answered, privately
            await fail_privately(interaction, exc, "the Subscribe button")


class RemoveFeedButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                       template=rf"fz:frm:(?P<guild>{ID}):(?P<feed>{ID}):(?P<channel>{ID})"):
    """"Remove" under `/feeds remove`'s question: the feed goes only when this is clicked, by
    a moderator of the guild it was asked in (channel 0: every channel)."""

    def __init__(self, guild_id: int, feed_id: int, channel_id: int | None) -> None:
        super().__init__(discord.ui.Button(
            label="Remove", style=discord.ButtonStyle.danger,
            custom_id=f"fz:frm:{guild_id}:{feed_id}:{channel_id or 0}"))
        self.guild_id, self.feed_id, self.channel_id = guild_id, feed_id, channel_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /,
                             ) -> RemoveFeedButton:
        return cls(int(match["guild"]), int(match["feed"]), int(match["channel"]) or None)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await interaction.response.defer()  # the question itself becomes the answer
            removed = await app_of(interaction).feeds.remove_feed(
                actor_for(interaction), self.guild_id, self.feed_id, self.channel_id)
            where = f" in <#{self.channel_id}>" if self.channel_id else ""
            await interaction.edit_original_response(
                content=reply(f"Removed {removed} subscription{'s' if removed != 1 else ''}"
                              f"{where}."), view=None)
        except Exception as exc:  # every failure is answered, privately
            await fail_privately(interaction, exc, "the Remove feed button")


class KeepButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"fz:keep"):
    """"Keep" under a question: nothing changes, and the buttons go."""

    def __init__(self) -> None:
        super().__init__(discord.ui.Button(label="Keep", style=discord.ButtonStyle.secondary,
                                           custom_id="fz:keep"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /,
                             ) -> KeepButton:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.edit_message(content="Kept: nothing was removed.", view=None)


# Registered with `add_dynamic_items` at start, so clicks on any earlier message reach them.
PERSISTENT = (RemindReleaseButton, SnoozeButton, SubscribeButton, RemoveFeedButton,
              KeepButton)


def confirm_removal_view(guild_id: int, feed_id: int, channel_id: int | None) -> discord.ui.View:
    """Remove / Keep under `/feeds remove`'s question."""
    view = discord.ui.View(timeout=None)
    view.add_item(RemoveFeedButton(guild_id, feed_id, channel_id))
    view.add_item(KeepButton())
    return view


def post_view(buttons: tuple[PostButton, ...]) -> discord.ui.View | None:
    """The core's buttons under a post as persistent Discord buttons (None: no buttons)."""
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for b in buttons[:25]:
        label = clip(b.label, 80)
        if b.action == REMIND_RELEASE:
            view.add_item(RemindReleaseButton(b.args[0], b.args[1], label=label))
        elif b.action == SNOOZE:
            view.add_item(SnoozeButton(b.args[0], b.args[1], label=label))
        elif b.action == SUBSCRIBE:
            view.add_item(SubscribeButton(b.args[0], label=label))
        else:  # a post queued by a newer version: sent without the button it can't make
            log.warning("unknown post button %r left out", b.action)
    return view if view.children else None
