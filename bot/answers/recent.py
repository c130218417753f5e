"""Each fan's last answer in each guild, kept so `/sources` can show the evidence behind it."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from bot.answers.model import Answer
from bot.errors import UserError

# Enough for every active asker of a large bot; the oldest are forgotten first.
MAX_REMEMBERED = 10_000


@dataclass(frozen=True)
class RecentAnswer:
    question: str
    answer: Answer
    asked_at: datetime


class RecentAnswers:
    """A bounded, in-process memory: a guild's interactions reach the process owning its
    shard, so a fan's `/sources` finds the `/ask` it follows; after a restart it says so."""

    def __init__(self, limit: int = MAX_REMEMBERED) -> None:
        self._limit = limit
        self._answers: OrderedDict[tuple[int | None, int], RecentAnswer] = OrderedDict()

    def remember(self, guild_id: int | None, user_id: int, recent: RecentAnswer) -> None:
        key = (guild_id, user_id)
        self._answers[key] = recent
        self._answers.move_to_end(key)
        while len(self._answers) > self._limit:
            self._answers.popitem(last=False)

    def last(self, guild_id: int | None, user_id: int) -> RecentAnswer:
        """This user's last answer here; a UserError when there is none to explain."""
        found = self._answers.get((guild_id, user_id))
        if found is None:
            raise UserError("You have not asked me anything here yet (or I restarted since): "
                            "ask with /ask first, then /sources shows where the answer came "
                            "from.")
        return found
