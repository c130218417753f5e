"""`/facts add|fix|remove` and `/alias add`: a server's own corrections to its answers."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app.actors import actor_for
from bot.text import reply

_SUBJECT = "The artist, person or release, as the answers name it"
_PREDICATE = "What the fact says, e.g. release_date, directed_by, label, born, member"
_VALUE = "The value: a date as YYYY-MM-DD, YYYY-MM or YYYY, or a name"
_FACTS = "Correct what this server's answers say: add, fix or remove a fact (moderators)."
_ALIAS = "Teach this server another name for an artist or release (moderators)."


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class FactsCog(commands.GroupCog, group_name="facts",
               group_description=_FACTS):
    """A server's own facts: added, fixed or removed for this server only."""

    def __init__(self, app: App) -> None:
        self.app = app
        super().__init__()

    @app_commands.command(name="add")
    @app_commands.describe(subject=_SUBJECT, predicate=_PREDICATE, value=_VALUE)
    async def add(self, interaction: discord.Interaction, subject: str, predicate: str,
                  value: str) -> None:
        """Add a fact this server's answers will use."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # before any re-plan
        done = await self.app.corrections.add(actor_for(interaction), subject, predicate, value)
        await interaction.followup.send(reply(f"Added: {done.summary()}"), ephemeral=True)

    @app_commands.command(name="fix")
    @app_commands.describe(subject=_SUBJECT, predicate=_PREDICATE, value=_VALUE)
    async def fix(self, interaction: discord.Interaction, subject: str, predicate: str,
                  value: str) -> None:
        """Replace a fact's value in this server's answers."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # before any re-plan
        done = await self.app.corrections.fix(actor_for(interaction), subject, predicate, value)
        await interaction.followup.send(reply(f"Fixed: {done.summary()}"), ephemeral=True)

    @app_commands.command(name="remove")
    @app_commands.describe(subject=_SUBJECT, predicate=_PREDICATE,
                           value="Only this value (default: every value of the predicate)")
    async def remove(self, interaction: discord.Interaction, subject: str, predicate: str,
                     value: str | None = None) -> None:
        """Stop this server's answers using a fact."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # before any re-plan
        done = await self.app.corrections.remove(actor_for(interaction), subject, predicate,
                                                 value)
        await interaction.followup.send(reply(f"Removed: {done.summary()}"), ephemeral=True)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class AliasCog(commands.GroupCog, group_name="alias",
               group_description=_ALIAS):
    """Names this server uses for artists and releases."""

    def __init__(self, app: App) -> None:
        self.app = app
        super().__init__()

    @app_commands.command(name="add")
    @app_commands.describe(name="The artist or release, as the answers name it",
                           alias="The other name this server uses for it")
    async def add(self, interaction: discord.Interaction, name: str, alias: str) -> None:
        """Add another name for an artist or release, in this server only."""
        await self.app.corrections.alias(actor_for(interaction), name, alias)
        await interaction.response.send_message(
            reply(f"Done: {alias.strip()} now means {name.strip()} here (this server only)."),
            ephemeral=True)
