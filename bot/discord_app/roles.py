"""Gives and takes a member's role through Discord's REST API (`/subscribe`, its button)."""

from __future__ import annotations

from typing import Any

import discord

from bot.errors import UserError


class DiscordRoles:
    """The core's `RoleGranter` on Discord; a refusal names what the bot is missing."""

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
