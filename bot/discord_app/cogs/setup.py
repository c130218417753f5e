"""`/setup`: a server's channels, time zone, posting hour and ping role (moderators only)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app import render
from bot.discord_app.actors import actor_for
from bot.discord_app.checks import (
    require_mentioning,
    require_posting,
    require_role_management,
)
from bot.guilds.settings import CLEARABLE_KEYS, SettingValue, setup_changes
from bot.guilds.timezones import search_timezones


class SetupCog(commands.Cog):
    """Server settings. Discord hides it from members without Manage Server, and the core
    checks the permission again, because server admins can override default permissions."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="setup")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(
        announce_channel="Channel for release days, countdowns, anniversaries and birthdays",
        modlog_channel="Channel for notices to moderators (failing feeds, corrections)",
        timezone="This server's time zone, e.g. Europe/London (scheduled posts use it)",
        post_hour="Local hour, 0-23, at which scheduled posts go out",
        ping_role="Role that announcements mention (fans opt in themselves)",
        network_facts="Also use facts from articles only other servers' feeds brought in "
                      "(off by default)",
        clear="A setting to clear",
    )
    @app_commands.choices(clear=[app_commands.Choice(name=k, value=k) for k in CLEARABLE_KEYS])
    async def setup(
        self,
        interaction: discord.Interaction,
        announce_channel: discord.TextChannel | None = None,
        modlog_channel: discord.TextChannel | None = None,
        timezone: str | None = None,
        post_hour: app_commands.Range[int, 0, 23] | None = None,
        ping_role: discord.Role | None = None,
        network_facts: bool | None = None,
        clear: str | None = None,
    ) -> None:
        """Set this server's channels, time zone, posting hour, ping role and network view
        (moderators)."""
        actor = actor_for(interaction)
        values: dict[str, SettingValue] = {
            "announce_channel": announce_channel.id if announce_channel else None,
            "modlog_channel": modlog_channel.id if modlog_channel else None,
            "timezone": timezone,
            "post_hour": post_hour,
            "ping_role": ping_role.id if ping_role else None,
            "network_facts": network_facts,
        }
        changes = setup_changes(values, clear)
        # A change re-plans the server's schedule before it answers: defer first, so the
        # answer never misses Discord's 3-second deadline.
        await interaction.response.defer(ephemeral=True, thinking=True)
        for channel in (announce_channel, modlog_channel):
            if channel is not None:
                await require_posting(interaction.client, channel.id)
        if ping_role is not None:
            require_role_management(ping_role)
            announce = announce_channel.id if announce_channel else \
                (await self.app.guilds.get(interaction.guild_id or 0)).announce_channel
            if announce is not None:
                await require_mentioning(interaction.client, announce, ping_role)
        if not changes:
            settings = await self.app.guilds.show(actor)
            embed = render.settings_embed(settings)
        else:
            embed = render.update_embed(await self.app.guilds.update(actor, changes))
        await interaction.followup.send(embed=embed, ephemeral=True)

    @setup.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in search_timezones(current, 25)]
