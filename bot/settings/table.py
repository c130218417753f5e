"""A typed setting declared once (key, type, default, column, parse, check, describe) and a
table of them: one owner's row, read with defaults, changed, and told apart before and after."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Generic, TypeVar

from bot.actors import Actor
from bot.errors import UserError
from bot.settings.values import is_default

T = TypeVar("T")
S = TypeVar("S")  # the settings value a table reads into (a frozen dataclass)


def _same(value: Any) -> Any:
    return value


def shown(value: object) -> str:
    """A value as the CLI and the shell print it: 'none' for a cleared one."""
    return "none" if value is None else str(value)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting. `parse` reads typed text (the shell, the CLI, a Discord text option)
    given the current value (`kinds: -birthday` changes it); `check` takes an already-typed
    value (a Discord integer, boolean, channel or role) and returns it checked; both raise a
    one-line UserError. `stored`/`loaded` convert to and from the column (a tuple is stored
    as a JSON list), and the audit log records the stored form."""

    key: str
    default: T
    column: str
    parse: Callable[[str, T], T]
    check: Callable[[Any], T]
    describe: Callable[[T], str] = shown
    stored: Callable[[T], Any] = _same
    loaded: Callable[[Any], T] = _same
    # `/setup clear:` may clear it (an id, back to none).
    clearable: bool = False


@dataclass(frozen=True)
class Audit:
    """Where a table's changes are audited: the audit row's model, its action and target."""

    entry: type[Any]
    action: str
    target: str


@dataclass(frozen=True)
class SettingsUpdate(Generic[S]):
    """The settings before and after one change, and the keys that changed (in declared
    order; none when every value was already so)."""

    before: S
    after: S
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class SettingsTable(Generic[S]):
    """The settings one model's rows hold, one row per owner (a guild, a user). `make` builds
    the typed value (`make(owner_id, **values)`); `owner` is whose settings an actor may
    change (a moderator their guild's: it raises UserError for anyone else); `event`, if
    given, is published after a change commits (`GuildChanged`)."""

    noun: str  # "setting", "schedule setting": in "Unknown setting 'x'"
    row: type[Any]
    owner_column: str
    settings: tuple[Setting[Any], ...]
    make: Callable[..., S]
    owner: Callable[[Actor], int]
    audit: Audit | None = None
    event: Callable[[int], object] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.settings)

    @property
    def clearable(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.settings if s.clearable)

    def setting(self, key: str) -> Setting[Any]:
        """The declaration of `key` ("Post-Hour" reads as post_hour); a UserError naming the
        settings for an unknown one."""
        name = key.strip().lower().replace("-", "_")
        for setting in self.settings:
            if setting.key == name:
                return setting
        raise UserError(f"Unknown {self.noun} '{name}'. Settings: {', '.join(self.keys)}.")

    def defaults(self, owner_id: int) -> S:
        return self.make(owner_id, **{s.key: s.default for s in self.settings})

    def parse(self, key: str, text: str, current: S | None = None) -> Any:
        """One value typed as text, read as its declaration says ("default": its default)."""
        setting = self.setting(key)
        if is_default(text):
            return setting.default
        now = getattr(current, setting.key) if current is not None else setting.default
        return setting.parse(text.strip(), now)

    def check(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Already-typed changes, each checked (nothing is stored if one is bad)."""
        checked: dict[str, Any] = {}
        for key, value in changes.items():
            setting = self.setting(key)
            checked[setting.key] = setting.check(value)
        return checked

    def values(self, settings: S) -> dict[str, Any]:
        return {s.key: getattr(settings, s.key) for s in self.settings}

    def changed(self, before: S, after: S) -> tuple[str, ...]:
        b, a = self.values(before), self.values(after)
        return tuple(k for k in self.keys if b[k] != a[k])

    def with_changes(self, settings: S, changes: Mapping[str, Any]) -> S:
        updated: S = replace(settings, **changes)  # type: ignore[type-var]
        return updated

    def audited(self, settings: S, keys: tuple[str, ...]) -> dict[str, Any]:
        """The values of `keys` as the audit log records them (their stored form)."""
        return {s.key: s.stored(getattr(settings, s.key)) for s in self.settings
                if s.key in keys}

    def from_row(self, row: Any | None, owner_id: int) -> S:
        """A stored row's settings; the defaults without one."""
        if row is None:
            return self.defaults(owner_id)
        return self.make(getattr(row, self.owner_column),
                         **{s.key: s.loaded(getattr(row, s.column)) for s in self.settings})

    def to_row(self, settings: S, row: Any) -> None:
        for s in self.settings:
            setattr(row, s.column, s.stored(getattr(settings, s.key)))

    def new_row(self, owner_id: int, now: datetime) -> dict[str, Any]:
        """A row of defaults for an owner's first change (its columns, as inserted)."""
        values = {self.owner_column: owner_id, "updated_at": now,
                  **{s.column: s.stored(s.default) for s in self.settings}}
        if hasattr(self.row, "created_at"):
            values["created_at"] = now
        return values
