"""A command's chat-neutral reply: text with mentions and times each front-end writes its way,
or one of the core's answers that each front-end renders (embeds on Discord, text in the shell)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.about import About
from bot.answers.cards import ArtistCard, ReleaseCard
from bot.answers.model import Answer
from bot.answers.recent import RecentAnswer
from bot.guilds.settings import GuildSettings, GuildUpdate
from bot.ingest.feeds_service import FeedAdded, FeedPreview, FeedRemoval, FeedStatus
from bot.schedule.reminders import ReminderList
from bot.schedule.upcoming import UpcomingItem


@dataclass(frozen=True)
class Channel:
    """A channel, written `<#id>` on Discord and `#name` in the shell."""

    id: int


@dataclass(frozen=True)
class Role:
    """A role, written `<@&id>` on Discord and `@name` in the shell."""

    id: int


@dataclass(frozen=True)
class Moment:
    """An instant: a Discord timestamp (each reader's own zone), the zone's clock in the shell."""

    at: datetime
    zone: str


@dataclass(frozen=True)
class Strong:
    """Text emphasised: bold on Discord, plain in the shell."""

    text: str


Part = str | Channel | Role | Moment | Strong


@dataclass(frozen=True)
class Message:
    """A text reply, as parts: plain wording, and what each chat writes its own way."""

    parts: tuple[Part, ...]

    def __add__(self, other: Message) -> Message:
        return Message(self.parts + other.parts)


def say(*parts: Part) -> Message:
    """A Message of these parts, in order."""
    return Message(parts)


@dataclass(frozen=True)
class ShowHelp:
    """`/help`: the commands this person may run (each front-end lists them its way)."""

    moderator: bool


@dataclass(frozen=True)
class Asked:
    """`/ask`: the question and its answer with sources."""

    question: str
    answer: Answer


@dataclass(frozen=True)
class FeedList:
    """`/feeds list`: the server's feeds, opened at `page` (paged on Discord)."""

    feeds: list[FeedStatus]
    page: int = 1


@dataclass(frozen=True)
class ConfirmRemoval:
    """`/feeds remove` where a button confirms it: what removing would stop, not yet removed."""

    removal: FeedRemoval


@dataclass(frozen=True)
class Upcoming:
    """`/upcoming`: the posts of the next `days` days, in time order (paged on Discord)."""

    items: list[UpcomingItem]
    days: int


# What a handler may answer; each front-end renders every one of them.
Reply = (Message | ShowHelp | About | ArtistCard | ReleaseCard | Upcoming | ReminderList | Asked
         | RecentAnswer | FeedAdded | FeedList | FeedPreview | ConfirmRemoval | GuildSettings
         | GuildUpdate)
