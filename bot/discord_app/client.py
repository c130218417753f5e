"""The discord.py bot: intents, cogs and the error handler; it never syncs commands itself."""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands

from bot.app import App
from bot.discord_app.cogs.general import GeneralCog
from bot.discord_app.cogs.setup import SetupCog
from bot.discord_app.errors import FanzineTree


class FanzineBot(commands.Bot):
    """Slash commands only: the guilds intent, no message content, and no mentions by default."""

    def __init__(self, app: App, **options: Any) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=FanzineTree,
            **options,
        )
        self.app = app

    async def setup_hook(self) -> None:
        await self.add_cog(GeneralCog(self.app))
        await self.add_cog(SetupCog(self.app))
