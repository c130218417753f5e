"""Who is asking: the user, where (guild and channel), and whether they may moderate."""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import UserError


@dataclass(frozen=True)
class Actor:
    """The person behind a command, as every adapter describes them to the core."""

    user_id: int
    name: str
    guild_id: int | None
    channel_id: int | None
    # True when the member has Manage Server in this guild (checked by the core, not just
    # hidden by Discord's default_permissions, which server admins can override).
    is_moderator: bool

    def require_guild(self) -> int:
        if self.guild_id is None:
            raise UserError("This command only works inside a server, not in direct messages.")
        return self.guild_id

    def require_moderator(self) -> int:
        guild_id = self.require_guild()
        if not self.is_moderator:
            raise UserError(
                "Only moderators can do that: it needs the Manage Server permission."
            )
        return guild_id
