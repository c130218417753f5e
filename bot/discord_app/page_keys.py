"""What a page button's custom id carries: the command and its one argument, the page, the asker
and when the pages were first shown, in at most 100 characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers.cards import ArtistCard, ReleaseCard
from bot.answers.recent import RecentAnswer
from bot.commands.reply import FeedList, Reply, Upcoming
from bot.schedule.reminders import ReminderList

# Discord's limit on a component's custom id.
CUSTOM_ID_LIMIT = 100
# A page button older than this asks for the command again: the list it pages has moved on.
MAX_AGE_SECONDS = 24 * 3600
# The paged commands by their code in a custom id (two letters keep ids short).
COMMANDS = {"fl": "feeds list", "up": "upcoming", "rl": "remind list", "so": "sources",
            "ar": "artist", "re": "release"}
# Snowflakes and row ids have at most 20 digits; a page number at most 4; a time at most 12.
TEMPLATE = (r"fz:pg:(?P<code>[a-z]{2}):(?P<arg>[0-9]{1,20}):(?P<page>[0-9]{1,4})"
            r":(?P<owner>[0-9]{1,20}):(?P<issued>[0-9]{1,12})")


@dataclass(frozen=True)
class PageKey:
    """One answer's pages: `code` names the command (COMMANDS), `arg` its argument (the days of
    `/upcoming`, the card's entity id, else 0), `owner` who asked, `issued` when (Unix seconds)."""

    code: str
    arg: int
    owner: int
    issued: int

    def custom_id(self, page: int) -> str:
        """The id of a button that shows `page` (0-based)."""
        made = f"fz:pg:{self.code}:{self.arg}:{page}:{self.owner}:{self.issued}"
        assert len(made) <= CUSTOM_ID_LIMIT, made  # 6 + 2 + 20 + 4 + 20 + 12 + 5 colons = 69
        return made

    @property
    def command(self) -> str:
        return COMMANDS[self.code]

    @property
    def held(self) -> str:
        """The key a live pager is held by in this process."""
        return f"{self.code}:{self.arg}:{self.owner}:{self.issued}"

    def too_old(self, now: float) -> bool:
        return now - self.issued > MAX_AGE_SECONDS


def parse(match: re.Match[str]) -> tuple[PageKey, int]:
    """A matched custom id's key and page."""
    key = PageKey(match["code"], int(match["arg"]), int(match["owner"]), int(match["issued"]))
    return key, int(match["page"])


def key_for(answer: Reply, owner: int, issued: int) -> PageKey | None:
    """The key that reads `answer` again (None: it is not one of the paged answers)."""
    if isinstance(answer, FeedList):
        return PageKey("fl", 0, owner, issued)
    if isinstance(answer, Upcoming):
        return PageKey("up", answer.days, owner, issued)
    if isinstance(answer, ReminderList):
        return PageKey("rl", 0, owner, issued)
    if isinstance(answer, RecentAnswer):
        return PageKey("so", 0, owner, issued)
    if isinstance(answer, ArtistCard):
        return PageKey("ar", answer.entity_id, owner, issued)
    if isinstance(answer, ReleaseCard):
        return PageKey("re", answer.entity_id, owner, issued)
    return None
