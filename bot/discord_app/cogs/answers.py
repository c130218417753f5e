"""`/ask`: a fan's question answered from the fact base; `/sources`: the evidence behind it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.questions import check_question
from bot.app import App
from bot.discord_app import render
from bot.discord_app.paging import Page, send_pages


class AnswersCog(commands.Cog):
    """Questions about artists and releases."""

    def __init__(self, app: App) -> None:
        self.app = app

    @app_commands.command(name="ask")
    @app_commands.describe(question="e.g. When did Glass Harbour come out? Who directed it?")
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, 300]) -> None:
        """Ask about an artist or a release; the answer quotes where it comes from."""
        # A bad question is answered privately before anything is shown to the channel.
        check_question(question)
        await interaction.response.defer(thinking=True)
        answer = await self.app.answers.ask(question, interaction.guild_id,
                                            asker=interaction.user.id)
        await interaction.followup.send(embed=render.answer_embed(question, answer))

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction) -> None:
        """Show the sentences and articles behind your last /ask answer."""
        recent = self.app.answers.last_answer(interaction.guild_id, interaction.user.id)
        await send_pages(interaction, [Page(embed=e) for e in render.sources_pages(recent)],
                         ephemeral=True)
