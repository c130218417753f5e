"""Delivers posts to the terminal: the shell's stand-in for Discord channels."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import TextIO

from bot.delivery.outbox import OutboxItem
from bot.shell.render import render_post
from bot.shell.world import ShellWorld


class ShellPoster:
    """Prints each post with the channel (or person) it went to."""

    def __init__(self, world: ShellWorld, out: TextIO) -> None:
        self.world = world
        self.out = out
        self._ids = itertools.count(1)

    async def send(self, item: OutboxItem) -> int | None:
        where = (self.world.channel_name(item.channel_id) if item.channel_id is not None
                 else f"a direct message to user {item.user_id}")
        print(render_post(item.post, where), file=self.out, flush=True)
        return next(self._ids)

    async def find_sent(self, item: OutboxItem, since: datetime) -> int | None:
        """Never there: a print is never left unanswered, so nothing is looked for."""
        return None
