"""`/subscribe` and `/unsubscribe`: fans give or take themselves the guild's ping role."""

from __future__ import annotations

from typing import Protocol

from bot.actors import Actor
from bot.errors import UserError
from bot.guilds.settings import GuildSettingsService


class RoleGranter(Protocol):
    """How an adapter gives or takes a member's role; raises UserError when it cannot."""

    async def grant(self, guild_id: int, user_id: int, role_id: int) -> None: ...

    async def revoke(self, guild_id: int, user_id: int, role_id: int) -> None: ...


async def ping_role(guilds: GuildSettingsService, actor: Actor) -> int:
    """The guild's ping role, or a UserError saying none is set up."""
    settings = await guilds.get(actor.require_guild())
    if settings.ping_role is None:
        raise UserError("This server has no ping role yet: a moderator can set one with "
                        "/setup ping_role.")
    return settings.ping_role


async def subscribe(guilds: GuildSettingsService, actor: Actor, roles: RoleGranter) -> int:
    """Give the actor the ping role (scheduled posts then mention them); the role id."""
    role_id = await ping_role(guilds, actor)
    assert actor.guild_id is not None
    await roles.grant(actor.guild_id, actor.user_id, role_id)
    return role_id


async def subscribe_from_post(guilds: GuildSettingsService, actor: Actor, roles: RoleGranter,
                              *, asked_in: int) -> int:
    """`subscribe` from a post's button: `asked_in`, the guild the button names, must be the
    guild it was clicked in (a copied button never gives a role elsewhere)."""
    if actor.guild_id != asked_in:
        raise UserError("That button belongs to another server.")
    return await subscribe(guilds, actor, roles)


async def unsubscribe(guilds: GuildSettingsService, actor: Actor, roles: RoleGranter) -> int:
    """Take the ping role away from the actor; the role id."""
    role_id = await ping_role(guilds, actor)
    assert actor.guild_id is not None
    await roles.revoke(actor.guild_id, actor.user_id, role_id)
    return role_id
