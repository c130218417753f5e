"""`/ask`: a fan's question answered from the fact base, with its sources."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.questions import parse_question
from bot.app import App
from bot.discord_app import render


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
        parse_question(question)
        await interaction.response.defer(thinking=True)
        answer = await self.app.answers.ask(question, interaction.guild_id)
        await interaction.followup.send(embed=render.answer_embed(question, answer))
