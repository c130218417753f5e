"""What the verb modules share: handler wrappers, the operator actor, common options."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.actors import Actor
from bot.app import App
from bot.bounds import check_year, discord_id
from bot.config import Settings
from bot.errors import UserError
from bot.shell.world import DEFAULT_CHANNEL_ID, GUILD_ID

# The command line acts with the operator's authority (it holds the database itself).
OPERATOR_ID = 0


@dataclass(frozen=True)
class AppHandler:
    """A verb that needs the whole app (database migrated, services open)."""

    run: Callable[[App, argparse.Namespace], Awaitable[int]]
    movable_clock: bool = False
    # The long-running bot waits out a database restart; a one-off command fails at once.
    waits_for_database: bool = False


@dataclass(frozen=True)
class SettingsHandler:
    """A verb that needs only the settings (it opens what it needs itself)."""

    run: Callable[[Settings, argparse.Namespace], Awaitable[int]]


def operator(guild_id: int, channel_id: int | None = None) -> Actor:
    return Actor(user_id=OPERATOR_ID, name="command line", guild_id=guild_id,
                 channel_id=channel_id, is_moderator=True)


def add_guild_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--guild", type=id_argument("--guild"), default=GUILD_ID, metavar="ID",
                        help=f"guild id (default: the local shell's, {GUILD_ID})")


def add_channel_option(parser: argparse.ArgumentParser, default: int | None = DEFAULT_CHANNEL_ID,
                       help_text: str = "channel id") -> None:
    suffix = f" (default: the local shell's #general, {default})" if default else ""
    parser.add_argument("--channel", type=id_argument("--channel"), default=default,
                        metavar="ID",
                        help=help_text + suffix)


def parse_date(text: str) -> datetime:
    """`--published 2024-05-03` (or a full ISO time) as an aware UTC datetime."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--published: '{text}' is not a date such as 2024-05-03.") from None
    check_year(value.date(), "--published")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def id_argument(what: str) -> Callable[[str], int]:
    """An argparse type for a Discord id: 1 to 2**63-1, ASCII digits (one-line refusal)."""
    def parse(text: str) -> int:
        try:
            return discord_id(text, what)
        except UserError as exc:
            # argparse names the option itself ("argument --guild: must be ...").
            raise argparse.ArgumentTypeError(str(exc).removeprefix(f"{what} ")) from None
    return parse
