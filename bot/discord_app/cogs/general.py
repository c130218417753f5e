"""`/help` and `/about`: what the bot can do and what it knows."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.commands.help import commands_for
from bot.discord_app import render
from bot.discord_app.actors import actor_for


class GeneralCog(commands.Cog):
    """Commands every fan can use anywhere."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """List fanzine's commands and what they do."""
        actor = actor_for(interaction)
        embed = render.help_embed(commands_for(actor.is_moderator), actor.is_moderator)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="about")
    async def about(self, interaction: discord.Interaction) -> None:
        """What fanzine is, its version, and what it knows so far."""
        about = await self.app.about.about(interaction.guild_id)
        await interaction.response.send_message(embed=render.about_embed(about), ephemeral=True)
