"""Every slash command, in the order `/help` and the README list them."""

from __future__ import annotations

from bot.commands import answers, cards, corrections, feeds, general, reminders, schedule, setup
from bot.commands.spec import CommandSpec

COMMANDS: tuple[CommandSpec, ...] = (
    general.HELP,
    answers.ASK,
    answers.SOURCES,
    cards.ARTIST,
    cards.RELEASE,
    reminders.REMIND_ME,
    reminders.REMIND_RELEASE,
    reminders.REMIND_LIST,
    reminders.REMIND_CANCEL,
    reminders.TIMEZONE,
    general.ABOUT,
    setup.SETUP,
    feeds.FEEDS_ADD,
    feeds.FEEDS_LIST,
    feeds.FEEDS_REMOVE,
    feeds.FEEDS_TEST,
    corrections.FACTS_ADD,
    corrections.FACTS_FIX,
    corrections.FACTS_REMOVE,
    corrections.ALIAS_ADD,
    schedule.FOLLOW,
    schedule.UNFOLLOW,
    schedule.SCHEDULE_SHOW,
    schedule.SCHEDULE_SET,
    schedule.SUBSCRIBE,
    schedule.UNSUBSCRIBE,
    schedule.UPCOMING,
    feeds.INGEST,
)


def top_names() -> list[str]:
    """The top-level command names (`feeds` once for its four sub-commands), in order."""
    return list(dict.fromkeys(c.top for c in COMMANDS))


def find(name: str, sub: str | None) -> CommandSpec | None:
    """The command `/name` or `/name sub`, if declared."""
    for spec in COMMANDS:
        if spec.group is None and spec.name == name:
            return spec
        if spec.group is not None and spec.group.name == name and spec.name == sub:
            return spec
    return None


def subcommands(group: str) -> list[CommandSpec]:
    return [c for c in COMMANDS if c.group is not None and c.group.name == group]
