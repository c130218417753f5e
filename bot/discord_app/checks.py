"""The bot's own permissions, checked where a moderator or fan points it at a channel."""

from __future__ import annotations

import discord

from bot.discord_app.permissions import own_permissions
from bot.errors import UserError

# The invite's permissions: posting everywhere it is pointed, and giving fans the ping role
# (/subscribe). Mentioning a role nobody may mention needs Mention Everyone on top.
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True,
    manage_roles=True)


async def require_posting(client: discord.Client, channel_id: int) -> None:
    """Refuse, naming what is missing, a channel the bot could not post in."""
    missing = missing_to_post(await own_permissions(client, channel_id))
    if missing:
        them = "it" if len(missing) == 1 else "them"
        raise UserError(f"I can't post in <#{channel_id}>: I need {_listed(missing)} there. "
                        f"Give {them} to me (or my role) in the channel's permissions, then "
                        "try again.")


async def require_mentioning(client: discord.Client, channel_id: int,
                             role: discord.Role) -> None:
    """Refuse a role the bot's posts in the channel could not mention."""
    if role.mentionable:
        return
    if not (await own_permissions(client, channel_id)).mention_everyone:
        raise UserError(f"I can't mention @{role.name} in <#{channel_id}>: nobody may mention "
                        "that role, and I lack Mention @everyone, @here and All Roles there. "
                        "Let everyone mention the role (its settings), or give me that "
                        "permission.")


def require_role_management(role: discord.Role) -> None:
    """Refuse a ping role the bot could not give fans (/subscribe)."""
    me = role.guild.me
    if role.is_default() or role.managed:
        raise UserError(f"@{role.name} can't be given to members: choose a role of your own.")
    if not me.guild_permissions.manage_roles:
        raise UserError(f"I can't give fans @{role.name}: I need the Manage Roles permission "
                        "(Server Settings → Roles, on my role).")
    if role >= me.top_role:
        raise UserError(f"I can't give fans @{role.name}: my role must be above it. Drag my "
                        f"role above @{role.name} in Server Settings → Roles, then try again.")


def missing_to_post(allowed: discord.Permissions) -> list[str]:
    """What the bot lacks to post in a channel, by Discord's names. A channel it cannot see
    allows nothing, and without Send Messages no embed goes either (Discord's rule), so only
    the permission that unlocks the others is named."""
    if not allowed.view_channel:
        return ["View Channel"]
    missing = []
    if not allowed.send_messages:
        missing.append("Send Messages")
    elif not allowed.embed_links:
        missing.append("Embed Links")
    if not allowed.read_message_history:  # read before a late repeat, so none posts twice
        missing.append("Read Message History")
    return missing


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
