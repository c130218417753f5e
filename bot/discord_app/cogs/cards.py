"""`/artist` and `/release`: cards from the fact base, with names autocompleted."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app import render
from bot.facts.name_search import search_names


class CardsCog(commands.Cog):
    """Cards about one artist or one release."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="artist")
    @app_commands.describe(name="The artist's name, e.g. Mara Vale")
    async def artist(self, interaction: discord.Interaction,
                     name: app_commands.Range[str, 1, 200]) -> None:
        """An artist's card: label, people, releases, dates and sources."""
        card = await self.app.cards.artist_card(name, interaction.guild_id)
        await interaction.response.send_message(embed=render.artist_embed(card))

    @app_commands.command(name="release")
    @app_commands.describe(title="The release's title, e.g. Glass Harbour")
    async def release(self, interaction: discord.Interaction,
                      title: app_commands.Range[str, 1, 200]) -> None:
        """A release's card: kind, date, status, credits and sources."""
        card = await self.app.cards.release_card(title, interaction.guild_id)
        await interaction.response.send_message(embed=render.release_embed(card))

    @artist.autocomplete("name")
    async def _artist_names(self, interaction: discord.Interaction,
                            current: str) -> list[app_commands.Choice[str]]:
        return await self._choices("artist", current, interaction.guild_id)

    @release.autocomplete("title")
    async def _release_titles(self, interaction: discord.Interaction,
                              current: str) -> list[app_commands.Choice[str]]:
        return await self._choices("release", current, interaction.guild_id)

    async def _choices(self, kind: str, current: str,
                       guild_id: int | None) -> list[app_commands.Choice[str]]:
        names = await search_names(self.app.facts, kind, current[:100], guild_id=guild_id)
        return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]
