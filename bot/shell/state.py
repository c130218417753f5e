"""Who is typing in the shell (fan or moderator), and whether the session should end."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.actors import Actor
from bot.shell.world import ShellWorld


@dataclass
class ShellState:
    world: ShellWorld = field(default_factory=ShellWorld)
    as_moderator: bool = False
    done: bool = False
    # (user, role) pairs given with /subscribe: the shell's pretend server keeps them here.
    member_roles: set[tuple[int, int]] = field(default_factory=set)
    # `/clock` moved the time: after the posts it made due, the shell says what the jump did.
    clock_moved: bool = False

    @property
    def who(self) -> str:
        return "mod" if self.as_moderator else "fan"

    def actor(self) -> Actor:
        return self.world.actor(self.as_moderator)
