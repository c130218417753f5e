"""`/follow`, `/unfollow`, `/schedule show|set`, `/subscribe`, `/unsubscribe` and `/upcoming`."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app.actors import actor_for
from bot.discord_app.checks import require_posting
from bot.discord_app.paging import Page, send_pages, text_pages
from bot.errors import UserError
from bot.facts.name_search import search_names
from bot.schedule.pings import subscribe, unsubscribe
from bot.schedule.settings import FEB29, WEEKDAYS, ScheduleSettings, ScheduleUpdate
from bot.schedule.upcoming import DEFAULT_DAYS, MAX_DAYS, UpcomingItem
from bot.text import reply

FOLLOW = "Cover an artist in this server's scheduled posts (moderators)."
UNFOLLOW = "Stop this server's scheduled posts about an artist (moderators)."
SCHEDULE = "Show or set what this server's scheduled posts do (moderators)."
SUBSCRIBE = "Get the ping role, so scheduled posts mention you."
UNSUBSCRIBE = "Drop the ping role: scheduled posts stop mentioning you."
UPCOMING = "The scheduled posts coming up in this server."


class FollowCog(commands.Cog):
    """Which artists the server's scheduled posts cover (moderators; checked again in the core)."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="follow", description=FOLLOW)
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(artist="The artist's name, e.g. Mara Vale")
    async def follow(self, interaction: discord.Interaction,
                     artist: app_commands.Range[str, 1, 200]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # before any re-plan
        done = await self.app.follows.follow(actor_for(interaction), artist)
        note = "" if done.changed else " (already followed)"
        await interaction.followup.send(
            reply(f"Following {done.artist}{note}: their release days, countdowns, anniversaries "
                  f"and birthdays will be posted here."), ephemeral=True)

    @app_commands.command(name="unfollow", description=UNFOLLOW)
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(artist="The artist's name, e.g. Mara Vale")
    async def unfollow(self, interaction: discord.Interaction,
                       artist: app_commands.Range[str, 1, 200]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # before any re-plan
        done = await self.app.follows.unfollow(actor_for(interaction), artist)
        note = "" if done.changed else " (already unfollowed)"
        await interaction.followup.send(
            reply(f"Unfollowed {done.artist}{note}: no more scheduled posts about them here."),
            ephemeral=True)

    @follow.autocomplete("artist")
    @unfollow.autocomplete("artist")
    async def _artists(self, interaction: discord.Interaction,
                       current: str) -> list[app_commands.Choice[str]]:
        names = await search_names(self.app.facts, "artist", current[:100],
                                   guild_id=interaction.guild_id)
        return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]


def settings_text(settings: ScheduleSettings) -> str:
    return "\n".join(f"**{name}**: {value}" for name, value in settings.describe())


def update_text(update: ScheduleUpdate) -> str:
    if not update.changed:
        return "Nothing changed.\n" + settings_text(update.after)
    return f"Changed {', '.join(update.changed)}.\n" + settings_text(update.after)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ScheduleCog(commands.GroupCog, group_name="schedule", group_description=SCHEDULE):
    """The server's scheduled-post settings."""

    def __init__(self, app: App) -> None:
        self.app = app
        super().__init__()

    @app_commands.command(name="show")
    async def show(self, interaction: discord.Interaction) -> None:
        """Show this server's scheduled-post settings and the artists they cover."""
        actor = actor_for(interaction)
        settings = await self.app.schedule_settings.show(actor)
        covered = await self.app.follows.covered(settings.guild_id)
        artists = ", ".join(covered[:30]) or "none yet"
        more = f" and {len(covered) - 30} more" if len(covered) > 30 else ""
        await interaction.response.send_message(
            reply(f"{settings_text(settings)}\n**artists**: {artists}{more}"),
            ephemeral=True)

    @app_commands.command(name="set")
    @app_commands.describe(
        channel="Where scheduled posts go (default: the announce channel from /setup)",
        kinds="Kinds on, e.g. release_day,countdown or -birthday (all, none)",
        countdown_days="Days before a release with a countdown post, e.g. 7,1",
        milestones="Anniversary years that get a post, e.g. 1,5,10, or all",
        feb29="Where a 29 February falls in other years",
        ping="Mention the ping role on scheduled posts",
        digest="Post a weekly 'coming up' digest",
        digest_weekday="The digest's day",
        clear_channel="Post in the announce channel again",
    )
    @app_commands.choices(
        feb29=[app_commands.Choice(name=v, value=v) for v in FEB29],
        digest_weekday=[app_commands.Choice(name=d, value=d) for d in WEEKDAYS])
    async def set(self, interaction: discord.Interaction,
                  channel: discord.TextChannel | None = None, kinds: str | None = None,
                  countdown_days: str | None = None, milestones: str | None = None,
                  feb29: str | None = None, ping: bool | None = None,
                  digest: bool | None = None, digest_weekday: str | None = None,
                  clear_channel: bool = False) -> None:
        """Change this server's scheduled-post settings."""
        texts: dict[str, Any] = {
            "kinds": kinds, "countdown_days": countdown_days, "milestones": milestones,
            "feb29": feb29, "digest_weekday": digest_weekday,
            "ping": None if ping is None else ("on" if ping else "off"),
            "digest": None if digest is None else ("on" if digest else "off"),
            "channel": str(channel.id) if channel else ("none" if clear_channel else None),
        }
        given = {k: v for k, v in texts.items() if v is not None}
        if not given:
            raise UserError("Give at least one setting to change; /schedule show lists them.")
        await interaction.response.defer(ephemeral=True, thinking=True)  # before any re-plan
        if channel is not None:
            await require_posting(interaction.client, channel.id)
        update = await self.app.schedule_settings.update_text(actor_for(interaction), given)
        await interaction.followup.send(reply(update_text(update)), ephemeral=True)


class DiscordRoles:
    """Gives and takes a member's role through Discord's REST API."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def grant(self, guild_id: int, user_id: int, role_id: int) -> None:
        await self._call(self.client.http.add_role, guild_id, user_id, role_id, "/subscribe")

    async def revoke(self, guild_id: int, user_id: int, role_id: int) -> None:
        await self._call(self.client.http.remove_role, guild_id, user_id, role_id,
                         "/unsubscribe")

    async def _call(self, call: Any, guild_id: int, user_id: int, role_id: int,
                    reason: str) -> None:
        try:
            await call(guild_id, user_id, role_id, reason=reason)
        except discord.Forbidden:
            raise UserError("I can't change that role: I need the Manage Roles permission, "
                            "and my own role must be above the ping role.") from None
        except discord.NotFound:
            raise UserError("The ping role no longer exists: a moderator can set another "
                            "with /setup ping_role.") from None


class SubscribeCog(commands.Cog):
    """Fans opt in to (or out of) the server's ping role themselves."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="subscribe", description=SUBSCRIBE)
    @app_commands.guild_only()
    async def subscribe(self, interaction: discord.Interaction) -> None:
        role_id = await subscribe(self.app.guilds, actor_for(interaction),
                                  DiscordRoles(interaction.client))
        await interaction.response.send_message(
            f"Done: you have <@&{role_id}> now, so scheduled posts will mention you.",
            ephemeral=True)

    @app_commands.command(name="unsubscribe", description=UNSUBSCRIBE)
    @app_commands.guild_only()
    async def unsubscribe(self, interaction: discord.Interaction) -> None:
        role_id = await unsubscribe(self.app.guilds, actor_for(interaction),
                                    DiscordRoles(interaction.client))
        await interaction.response.send_message(
            f"Done: <@&{role_id}> is gone, so scheduled posts won't mention you.",
            ephemeral=True)


def upcoming_pages(items: list[UpcomingItem], days: int) -> list[Page]:
    """`/upcoming` as pages of Discord text: each post's time as a `<t:…:f>` timestamp, then
    the line; ten a page."""
    if not items:
        return [Page(content=f"Nothing is scheduled in the next {days} days.")]
    return text_pages([f"<t:{int(i.when.timestamp())}:f> · {i.text}" for i in items])


class UpcomingCog(commands.Cog):
    """What this server's schedule will post next."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="upcoming", description=UPCOMING)
    @app_commands.guild_only()
    @app_commands.describe(days=f"How many days ahead (default {DEFAULT_DAYS})")
    async def upcoming(self, interaction: discord.Interaction,
                       days: app_commands.Range[int, 1, MAX_DAYS] = DEFAULT_DAYS) -> None:
        guild_id = actor_for(interaction).require_guild()
        # (reading what comes up may re-plan the guild's schedule first: answer in time)
        await interaction.response.defer(thinking=True)
        items = await self.app.upcoming.upcoming(guild_id, days=days)
        await send_pages(interaction, upcoming_pages(items, days), ephemeral=False)
