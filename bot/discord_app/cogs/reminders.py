"""`/remind me|release|list|cancel` and `/timezone`: a fan's own reminders, answered privately."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app.actors import actor_for
from bot.discord_app.checks import require_posting
from bot.discord_app.paging import Page, send_pages, text_pages
from bot.facts.name_search import search_names
from bot.guilds.timezones import search_timezones
from bot.schedule.reminders import (
    ReminderList,
    ReminderSet,
    ReminderView,
    local_text,
    reminder_number,
)
from bot.text import clip, reply
from bot.users.settings import UserZone

WHERE = [app_commands.Choice(name="by direct message", value="dm"),
         app_commands.Choice(name="in this channel", value="here")]


class RemindersCog(commands.GroupCog, group_name="remind",
                   group_description="Personal reminders: at a time, or on a release's day, "
                                     "by DM or here."):
    """Reminders only their owner sees; every reply is ephemeral."""

    def __init__(self, app: App) -> None:
        self.app = app
        super().__init__()

    @app_commands.command(name="me")
    @app_commands.describe(
        when="When, in your time zone: in 2 days, tomorrow 18:00, next friday, 2026-12-01 18:00",
        what="What to remind you of",
        where="By direct message (default) or in this channel",
    )
    @app_commands.choices(where=WHERE)
    async def me(self, interaction: discord.Interaction, when: app_commands.Range[str, 1, 100],
                 what: app_commands.Range[str, 1, 500], where: str = "dm") -> None:
        """Remind me of something at a time."""
        actor = actor_for(interaction)
        # Private, and answered in time however busy the database is: defer before any work.
        await interaction.response.defer(ephemeral=True, thinking=True)
        if where == "here" and actor.channel_id is not None:
            await require_posting(interaction.client, actor.channel_id)
        made = await self.app.reminders.remind_at(actor.user_id, actor.guild_id,
                                                  actor.channel_id, when, what, where)
        await interaction.followup.send(reply(set_text(made)), ephemeral=True)

    @app_commands.command(name="release")
    @app_commands.describe(title="The release's title, e.g. Glass Harbour",
                           where="By direct message (default) or in this channel")
    @app_commands.choices(where=WHERE)
    async def release(self, interaction: discord.Interaction,
                      title: app_commands.Range[str, 1, 200], where: str = "dm") -> None:
        """Remind me on a release's day (again if the date moves)."""
        actor = actor_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if where == "here" and actor.channel_id is not None:
            await require_posting(interaction.client, actor.channel_id)
        made = await self.app.reminders.remind_release(actor.user_id, actor.guild_id,
                                                       actor.channel_id, title, where)
        await interaction.followup.send(reply(set_text(made)), ephemeral=True)

    @app_commands.command(name="list")
    async def list_reminders(self, interaction: discord.Interaction) -> None:
        """My reminders, soonest first."""
        actor = actor_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        listed = await self.app.reminders.list_reminders(actor.user_id, actor.guild_id)
        await send_pages(interaction, list_pages(listed), ephemeral=True)

    @app_commands.command(name="cancel")
    @app_commands.describe(id="The reminder's number, as /remind list shows it")
    async def cancel(self, interaction: discord.Interaction,
                     id: app_commands.Range[str, 1, 20]) -> None:
        """Cancel one of my reminders."""
        actor = actor_for(interaction)
        number = reminder_number(id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        cancelled = await self.app.reminders.cancel(actor.user_id, actor.guild_id, number)
        await interaction.followup.send(
            f"Cancelled reminder {cancelled.id}: {clip(cancelled.text, 1800)}", ephemeral=True)

    @release.autocomplete("title")
    async def _release_titles(self, interaction: discord.Interaction,
                              current: str) -> list[app_commands.Choice[str]]:
        names = await search_names(self.app.facts, "release", current[:100],
                                   guild_id=interaction.guild_id)
        return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]

    @cancel.autocomplete("id")
    async def _own_reminders(self, interaction: discord.Interaction,
                             current: str) -> list[app_commands.Choice[str]]:
        found = await self.app.reminders.search(interaction.user.id, interaction.guild_id,
                                                current[:100])
        return [app_commands.Choice(name=choice_label(r), value=str(r.id)) for r in found[:25]]


class TimezoneCog(commands.Cog):
    """A user's own time zone."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="timezone")
    @app_commands.describe(zone="An IANA time zone, e.g. Europe/London (empty: show yours)")
    async def timezone(self, interaction: discord.Interaction,
                       zone: app_commands.Range[str, 1, 64] | None = None) -> None:
        """Show or set your own time zone, used for your reminders."""
        user_id = interaction.user.id
        await interaction.response.defer(ephemeral=True, thinking=True)
        if zone is None:
            text = zone_text(await self.app.user_settings.timezone(user_id,
                                                                   interaction.guild_id), self.app)
        else:
            chosen = await self.app.user_settings.set_timezone(user_id, zone)
            text = (f"Your time zone is now **{chosen}** (it is "
                    f"{local_text(self.app.clock.now(), chosen)}). New reminders are read in it.")
        await interaction.followup.send(reply(text), ephemeral=True)

    @timezone.autocomplete("zone")
    async def _zones(self, interaction: discord.Interaction,
                     current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in search_timezones(current, 25)]


def zone_text(zone: UserZone, app: App) -> str:
    where = {"own": "you chose it", "server": "this server's; set your own with /timezone zone",
             "default": "the default; set your own with /timezone zone"}[zone.source]
    return (f"Your time zone is **{zone.zone}** ({where}). It is "
            f"{local_text(app.clock.now(), zone.zone)}.")


def set_text(made: ReminderSet) -> str:
    r = made.reminder
    where = _where(r)
    if r.kind == "release":
        if r.due_utc is None:
            known = f" (known so far: {r.release_date})" if r.release_date else ""
            text = (f"Reminder {r.id} set for **{clip(r.text, 300)}**: it has no release day "
                    f"yet{known}. I'll remind you {where} on the day once it is known.")
        else:
            text = (f"Reminder {r.id} set: **{clip(r.text, 300)}** comes out {_stamp(r)}. "
                    f"I'll remind you {where} then.")
    else:
        text = f"Reminder {r.id} set for {_stamp(r)}, {where}: {clip(r.text, 1500)}"
    if made.zone_source != "own":
        text += f"\nTimes are read in {r.tz}; set your own zone with /timezone."
    return text


def list_pages(listed: ReminderList) -> list[Page]:
    """`/remind list`: the user's reminders, ten a page, soonest first."""
    if not listed.reminders:
        lines = ["You have no reminders here. Set one with /remind me or /remind release."]
    else:
        lines = []
        for r in listed.reminders:
            when = _stamp(r) if r.due_utc is not None else \
                f"release day not known yet ({r.release_date or 'no date'})"
            lines.append(f"`{r.id}` {when} · {clip(r.text, 60)} · {_where(r)}")
    if listed.elsewhere:
        lines.append(f"You have {listed.elsewhere} more set in other servers or in DMs; "
                     "/remind list in a DM with me shows them all.")
    return text_pages(lines, header="**Your reminders**" if listed.reminders else "")


def choice_label(r: ReminderView) -> str:
    when = local_text(r.due_utc, r.tz) if r.due_utc is not None else "release day not known"
    return clip(f"{r.id} · {when} · {r.text}", 100)


def _stamp(r: ReminderView) -> str:
    return f"<t:{r.timestamp}:F> (<t:{r.timestamp}:R>)"


def _where(r: ReminderView) -> str:
    return "by direct message" if r.deliver_to == "dm" else f"in <#{r.channel_id}>"
