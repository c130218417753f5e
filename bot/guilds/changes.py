"""Typed change events: what a committed command changed in one guild (see `bot.db.publish`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# settings: `/setup` (zone, hour, channels, ping role); schedule: `/schedule set`;
# follows: `/follow`, `/unfollow`; facts: `/facts add|fix|remove`.
Change = Literal["settings", "schedule", "follows", "facts"]
# Changes a moderator makes to where and how posts go: paused posts try again after them.
RESUMING: frozenset[Change] = frozenset({"settings", "schedule"})


@dataclass(frozen=True)
class GuildChanged:
    """Published inside the transaction that made the change; subscribers hear of it only
    after that transaction commits (the schedule's re-planner, `bot.schedule.replanner`)."""

    guild_id: int
    what: Change
