"""The discord.py bot: intents, the declared commands, the error handler and the background
delivery."""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from typing import Any

import discord
from discord.ext import commands

from bot.app import App
from bot.discord_app.buttons import PERSISTENT
from bot.discord_app.declared import declared_commands
from bot.discord_app.errors import FanzineTree
from bot.discord_app.page_buttons import PageButton
from bot.discord_app.paging import LivePagers
from bot.discord_app.poster import DiscordPoster
from bot.runtime import background

log = logging.getLogger(__name__)


class FanzineBot(commands.AutoShardedBot):
    """Slash commands only: the guilds intent, no message content, and no mentions by default.
    It never syncs commands itself (`fanzine sync-commands` does). Sharded: `shard_count` and
    `shard_ids` name this process's shards (None: as Discord advises, all here)."""

    def __init__(self, app: App, *, run_background: bool = True, **options: Any) -> None:
        # A text bot never joins voice: discord.py's warnings that PyNaCl and davey (voice
        # support) are missing would only puzzle whoever reads the log.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=FanzineTree,
            **options,
        )
        self.app = app
        self.run_background = run_background
        self._resources = AsyncExitStack()
        # Set once on_ready has marked the guilds left while the bot was away.
        self.guilds_reconciled = asyncio.Event()
        # Pagers alive in this process: their clicks are theirs, not the persistent buttons'.
        self.pagers = LivePagers()

    async def setup_hook(self) -> None:
        for command in declared_commands(self.app):
            self.tree.add_command(command)
        # Buttons on messages sent before this start (Remind me, Snooze, Remove, pages...).
        self.add_dynamic_items(*PERSISTENT, PageButton)
        if self.run_background:
            # After login, REST works: queued posts go out even before the gateway is up.
            await self._resources.enter_async_context(
                background(self.app, DiscordPoster(self),
                           ready=lambda: self.is_ready() and not self.is_closed()))

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process's shards hold the guild (Discord's shard formula)."""
        if self.shard_ids is None or not self.shard_count:
            return True
        return (guild_id >> 22) % self.shard_count in self.shard_ids

    async def on_ready(self) -> None:
        # READY and its GUILD_CREATEs list every guild the bot is in: the database's other
        # guilds of these shards were left while the bot was away, and listed ones rejoined.
        try:
            gone = await self.app.guild_life.reconcile((g.id for g in self.guilds),
                                                       self.owns_guild)
        except Exception:  # a database hiccup: the guilds are reconciled at the next start
            log.exception("could not compare the known guilds with Discord's list")
        else:
            if gone:
                log.info("not in %d known guild(s) any more; marked as left", len(gone))
        finally:
            self.guilds_reconciled.set()

    async def on_guild_available(self, guild: discord.Guild) -> None:
        # The guild's visible names in memory, so that its autocomplete answers without the
        # database from the first fan typing (read in the background, a guild at a time).
        self.app.facts.visible.warm_many([guild.id])

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        # Kicked, banned or the guild deleted (an outage is on_guild_unavailable instead).
        await self.app.guild_life.left(guild.id)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.app.guild_life.joined(guild.id)

    async def close(self) -> None:
        await self._resources.aclose()
        await super().close()
