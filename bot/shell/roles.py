"""The shell's pretend server gives and takes roles in its state (`/subscribe`)."""

from __future__ import annotations

from bot.shell.state import ShellState


class ShellRoles:
    """The core's `RoleGranter` in the shell: the (user, role) pairs kept in its state."""

    def __init__(self, state: ShellState) -> None:
        self.state = state

    async def grant(self, guild_id: int, user_id: int, role_id: int) -> None:
        self.state.member_roles.add((user_id, role_id))

    async def revoke(self, guild_id: int, user_id: int, role_id: int) -> None:
        self.state.member_roles.discard((user_id, role_id))
