"""The bot's own permissions in a channel: from the cache, or from Discord for another shard's."""

from __future__ import annotations

from typing import Any

import discord

_ADMINISTRATOR = discord.Permissions(administrator=True).value
# Thread types: a thread takes its parent channel's overwrites.
_THREADS = {10, 11, 12}


async def own_permissions(client: discord.Client, channel_id: int) -> discord.Permissions:
    """What the bot may do in the channel. A guild this process's shards do not hold is not in
    the cache (any process may send any guild's posts): its channel, roles and our member are
    read from Discord then."""
    me = client.user
    if me is None:
        raise RuntimeError("not logged in")
    channel = client.get_channel(channel_id)
    if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        member = channel.guild.me
        if member is not None:
            return channel.permissions_for(member)
    data: Any = await client.http.get_channel(channel_id)
    if data.get("guild_id") is None:  # a direct message: everything a DM allows
        return discord.Permissions.text()
    guild_id = int(data["guild_id"])
    if data.get("type") in _THREADS and data.get("parent_id"):
        data = await client.http.get_channel(int(data["parent_id"]))
    guild: Any = await client.http.get_guild(guild_id)
    member_data: Any = await client.http.get_member(guild_id, me.id)
    return discord.Permissions(channel_permissions(
        guild_id=guild_id, owner_id=int(guild["owner_id"]), user_id=me.id,
        roles=guild.get("roles", []), member_roles=member_data.get("roles", []),
        overwrites=data.get("permission_overwrites", [])))


def channel_permissions(*, guild_id: int, owner_id: int, user_id: int,
                        roles: list[dict[str, Any]], member_roles: list[str],
                        overwrites: list[dict[str, Any]]) -> int:
    """Discord's rule: @everyone's and the member's roles, then the channel's overwrites for
    @everyone, for the member's roles together, and for the member (owners and
    administrators may do everything)."""
    everything = discord.Permissions.all().value
    if user_id == owner_id:
        return everything
    role_bits = {int(r["id"]): int(r["permissions"]) for r in roles}
    mine = {int(r) for r in member_roles}
    bits = role_bits.get(guild_id, 0)
    for role_id in mine:
        bits |= role_bits.get(role_id, 0)
    if bits & _ADMINISTRATOR:
        return everything
    by_target = {int(o["id"]): o for o in overwrites}

    def apply(bits: int, allow: int, deny: int) -> int:
        return (bits & ~deny) | allow

    if guild_id in by_target:
        everyone = by_target[guild_id]
        bits = apply(bits, int(everyone["allow"]), int(everyone["deny"]))
    allow = deny = 0
    for role_id in mine:
        if role_id in by_target:
            allow |= int(by_target[role_id]["allow"])
            deny |= int(by_target[role_id]["deny"])
    bits = apply(bits, allow, deny)
    if user_id in by_target:
        bits = apply(bits, int(by_target[user_id]["allow"]), int(by_target[user_id]["deny"]))
    if not bits & discord.Permissions(view_channel=True).value:
        return 0  # a channel it cannot see allows it nothing
    if not bits & discord.Permissions(send_messages=True).value:
        # Discord's rule: what rides on a message goes with Send Messages.
        bits &= ~discord.Permissions(send_tts_messages=True, mention_everyone=True,
                                     embed_links=True, attach_files=True).value
    return bits
