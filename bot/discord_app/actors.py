"""Turn a Discord interaction into the core's Actor."""

from __future__ import annotations

import discord

from bot.actors import Actor


def actor_for(interaction: discord.Interaction) -> Actor:
    """Who ran the command; a moderator has Manage Server here, as Discord resolved it."""
    in_guild = interaction.guild_id is not None
    return Actor(
        user_id=interaction.user.id,
        name=interaction.user.display_name,
        guild_id=interaction.guild_id,
        channel_id=interaction.channel_id,
        is_moderator=in_guild and interaction.permissions.manage_guild,
    )
