"""The shell's own pretend server: one guild, its channels, a role, a fan and a moderator."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actors import Actor
from bot.bounds import discord_id
from bot.errors import UserError

# These ids are stated in the README: command-line verbs that act for a guild default to them.
GUILD_ID = 1000
GUILD_NAME = "Local Fan Server"
CHANNELS = {1001: "general", 1002: "announcements", 1003: "mod-log"}
DEFAULT_CHANNEL_ID = 1001
ROLES = {1100: "fans"}
FAN = (2001, "fan")
MODERATOR = (2002, "mod")


@dataclass(frozen=True)
class ShellWorld:
    """Names for the shell's ids, so replies read '#announcements' rather than a number."""

    guild_id: int = GUILD_ID
    guild_name: str = GUILD_NAME

    def actor(self, as_moderator: bool, channel_id: int = DEFAULT_CHANNEL_ID) -> Actor:
        user_id, name = MODERATOR if as_moderator else FAN
        return Actor(user_id=user_id, name=name, guild_id=self.guild_id,
                     channel_id=channel_id, is_moderator=as_moderator)

    def channel_name(self, channel_id: int | None) -> str:
        if channel_id is None:
            return "(not set)"
        name = CHANNELS.get(channel_id)
        return f"#{name}" if name else f"channel {channel_id}"

    def role_name(self, role_id: int | None) -> str:
        if role_id is None:
            return "(none)"
        name = ROLES.get(role_id)
        return f"@{name}" if name else f"role {role_id}"

    def channel_id(self, text: str) -> int:
        """'#announcements', 'announcements' or an id, as typed in the shell."""
        return _lookup(text.strip(), CHANNELS, "#", "channel")

    def role_id(self, text: str) -> int:
        return _lookup(text.strip(), ROLES, "@", "role")


def _lookup(text: str, names: dict[int, str], sigil: str, what: str) -> int:
    bare = text.removeprefix(sigil)
    if bare.isdigit():  # any digit, so '²' and huge numbers get their one-line refusal
        return discord_id(bare, f"The {what} id")
    for ident, name in names.items():
        if name == bare.lower():
            return ident
    known = ", ".join(f"{sigil}{n}" for n in names.values())
    raise UserError(f"No {what} called '{text}' here. Known: {known}.")
