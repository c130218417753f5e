"""What a slash command is: its name, options, who may run it, whether it defers, its handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from bot.actors import Actor
from bot.app import App
from bot.commands.reply import Reply
from bot.errors import UserError
from bot.schedule.pings import RoleGranter

# Discord's limits on what a command declares (checked by tests/test_command_specs.py).
NAME_LIMIT = 32
DESCRIPTION_LIMIT = 100
CHOICE_LIMIT = 25


class Kind(Enum):
    """An option's type, as both front-ends read it."""

    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHANNEL = "channel"  # a text channel, handed to the handler as its id
    ROLE = "role"  # a role, handed to the handler as its id


class Complete(Enum):
    """Where an option's autocomplete suggestions come from."""

    ARTIST = "artist"
    RELEASE = "release"
    TIMEZONE = "timezone"
    FEED_URL = "feed_url"
    OWN_REMINDER = "own_reminder"


ArgValue = str | int | bool


@dataclass(frozen=True)
class Option:
    """One option: its type, limits (length for text, value for integers), choices and
    autocomplete. Shell-only options are left out of the Discord command."""

    name: str
    description: str
    kind: Kind = Kind.TEXT
    required: bool = False
    low: int | None = None
    high: int | None = None
    default: ArgValue | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (label, value)
    complete: Complete | None = None
    shell_only: bool = False
    # The bot must be able to post in this channel option's channel (checked on Discord).
    bot_posts: bool = False
    # The bot must be able to mention this role in the channel named by that option.
    mentioned_in: str | None = None
    # This value means "post in this channel": the bot must be able to post there.
    posts_here: str | None = None
    # Required on Discord; the shell may leave it to the bare words (`/remind me` splits them).
    optional_in_shell: bool = False

    @property
    def usage(self) -> str:
        return self.name if self.required else f"[{self.name}]"


@dataclass(frozen=True)
class Args:
    """A command's options, already parsed and typed by the front-end (ids for channels and
    roles); an option not given is absent, or its declared default."""

    values: Mapping[str, ArgValue] = field(default_factory=dict)

    def text(self, name: str) -> str:
        value = self.values.get(name)
        if not isinstance(value, str):
            raise UserError(f"Give {name}.")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def integer(self, name: str) -> int | None:
        value = self.values.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def flag(self, name: str) -> bool | None:
        value = self.values.get(name)
        return value if isinstance(value, bool) else None

    def given(self) -> set[str]:
        return set(self.values)


@dataclass(frozen=True)
class Invocation:
    """One run of a command: the core, who ran it, and its options. `roles` gives and takes a
    member's role the front-end's way; `confirms` is true where a reply can carry buttons that
    confirm a removal (Discord); `local_files` is true where the operator's own files may be
    read (the shell, on their machine)."""

    app: App
    actor: Actor
    args: Args
    roles: RoleGranter | None = None
    confirms: bool = False
    local_files: bool = False


Handler = Callable[[Invocation], Awaitable[Reply]]
Check = Callable[[Args], None]


@dataclass(frozen=True)
class GroupSpec:
    """A command with sub-commands (`/feeds add`): its name and description."""

    name: str
    description: str
    moderator: bool = False
    guild_only: bool = False


@dataclass(frozen=True)
class CommandSpec:
    """One slash command, declared once for Discord, the shell, `/help` and the README."""

    name: str
    description: str
    handler: Handler
    options: tuple[Option, ...] = ()
    group: GroupSpec | None = None
    moderator: bool = False
    guild_only: bool = False
    # Defer before any database or network work, so Discord's 3 seconds are never missed.
    defers: bool = False
    ephemeral: bool = True
    # Run before deferring: a refusal then stays private even for a public answer.
    check: Check | None = None
    detail: str = ""  # the README table's longer note (else the description)
    # The options the shell takes as bare words, in order (default: the required ones, else a
    # command's only option); the last, if text, takes every remaining word ("/ask when did
    # it come out").
    shell_words: tuple[str, ...] | None = None

    @property
    def qualified(self) -> str:
        return f"{self.group.name} {self.name}" if self.group else self.name

    @property
    def top(self) -> str:
        return self.group.name if self.group else self.name

    @property
    def for_moderators(self) -> bool:
        return self.moderator or (self.group is not None and self.group.moderator)

    @property
    def only_in_guilds(self) -> bool:
        return self.guild_only or (self.group is not None and self.group.guild_only)

    def discord_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if not o.shell_only)

    def usage(self, *, shell: bool = False) -> str:
        options = self.options if shell else self.discord_options()
        return " ".join([f"/{self.qualified}", *(o.usage for o in options)])

    def positional(self) -> tuple[Option, ...]:
        """The options the shell reads from bare words, in order."""
        if self.shell_words is None:
            required = tuple(o for o in self.options if o.required)
            return required or (self.options if len(self.options) == 1 else ())
        return tuple(o for name in self.shell_words for o in self.options if o.name == name)

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)
