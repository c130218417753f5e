"""The bot's own channel permissions computed from Discord's payloads, as Discord computes them."""

from __future__ import annotations

import discord

from bot.discord_app.checks import missing_to_post
from bot.discord_app.permissions import channel_permissions

GUILD, OWNER, BOT, ROLE = 1, 2, 3, 4
VIEW = discord.Permissions(view_channel=True).value
HISTORY = discord.Permissions(read_message_history=True).value
SEND = discord.Permissions(send_messages=True).value
EVERYONE = {"id": str(GUILD), "permissions": str(VIEW | HISTORY | SEND)}


def perms(*, roles: list[dict[str, str]] | None = None, member_roles: list[str] | None = None,
          overwrites: list[dict[str, str]] | None = None, user: int = BOT) -> int:
    return channel_permissions(guild_id=GUILD, owner_id=OWNER, user_id=user,
                               roles=roles or [EVERYONE], member_roles=member_roles or [],
                               overwrites=overwrites or [])


def overwrite(target: int, *, allow: int = 0, deny: int = 0) -> dict[str, str]:
    return {"id": str(target), "allow": str(allow), "deny": str(deny)}


def test_everyone_s_role_applies_without_overwrites() -> None:
    assert perms() == VIEW | HISTORY | SEND


def test_overwrites_go_everyone_then_roles_then_the_member() -> None:
    role = {"id": str(ROLE), "permissions": "0"}
    # @everyone loses history; the bot's role gives it back; the bot's own overwrite takes it.
    denied_for_all = overwrite(GUILD, deny=HISTORY)
    role_allows = overwrite(ROLE, allow=HISTORY)
    assert not perms(overwrites=[denied_for_all]) & HISTORY
    assert perms(roles=[EVERYONE, role], member_roles=[str(ROLE)],
                 overwrites=[denied_for_all, role_allows]) & HISTORY
    assert not perms(roles=[EVERYONE, role], member_roles=[str(ROLE)],
                     overwrites=[denied_for_all, role_allows, overwrite(BOT, deny=HISTORY)]
                     ) & HISTORY


def test_a_channel_it_cannot_see_allows_nothing() -> None:
    assert perms(overwrites=[overwrite(BOT, deny=VIEW)]) == 0


def test_owners_and_administrators_may_do_everything() -> None:
    everything = discord.Permissions.all().value
    hidden = [overwrite(BOT, deny=VIEW | HISTORY)]
    assert perms(user=OWNER, overwrites=hidden) == everything
    admin = {"id": str(ROLE), "permissions": str(discord.Permissions(administrator=True).value)}
    assert perms(roles=[EVERYONE, admin], member_roles=[str(ROLE)],
                 overwrites=hidden) == everything


def test_without_send_messages_nothing_rides_on_a_message() -> None:
    embed = discord.Permissions(embed_links=True).value
    everyone = {"id": str(GUILD), "permissions": str(VIEW | HISTORY | SEND | embed)}
    assert perms(roles=[everyone]) & embed
    assert perms(roles=[everyone], overwrites=[overwrite(BOT, deny=SEND)]) == VIEW | HISTORY


def test_only_the_permission_that_unlocks_the_others_is_named() -> None:
    def named(**allowed: bool) -> list[str]:
        return missing_to_post(discord.Permissions(**allowed))

    everything = {"view_channel": True, "send_messages": True, "embed_links": True,
                  "read_message_history": True}
    assert named(**everything) == []
    assert named() == ["View Channel"]
    assert named(**{**everything, "send_messages": False}) == ["Send Messages"]
    assert named(**{**everything, "embed_links": False}) == ["Embed Links"]
    assert named(**{**everything, "read_message_history": False}) == ["Read Message History"]
