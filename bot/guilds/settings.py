"""A guild's settings (`/setup`, `fanzine guild`), declared through `bot.settings`: the keys,
their defaults, parsing and checks; `GuildSettingsService` reads and changes them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from bot.actors import Actor
from bot.bounds import check_id, discord_id
from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.guilds.changes import GuildChanged
from bot.guilds.timezones import check_timezone
from bot.models import AuditEntry, GuildSettingsRow
from bot.settings.service import SettingsService
from bot.settings.table import Audit, Setting, SettingsTable, SettingsUpdate
from bot.settings.values import DEFAULT_HOUR, DEFAULT_ZONE, clears, switch

SettingValue = bool | int | str | None


def _zone(text: str, _: str) -> str:
    return check_timezone(text)


def _check_zone(value: object) -> str:
    return check_timezone(str(value))


def _hour(text: str, _: int) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 25:
        raise UserError(f"post_hour must be a whole hour from 0 to 23, not '{text[:25]}'.")
    return _check_hour(int(text))


def _check_hour(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 23:
        raise UserError(f"post_hour must be a whole hour from 0 to 23, not {value}.")
    return value


def _network(text: str, _: bool) -> bool:
    return switch("network_facts", text)


def _check_network(value: object) -> bool:
    if not isinstance(value, bool):
        raise UserError(f"network_facts is on or off, not {value}.")
    return value


def _discord_id(key: str, column: str) -> Setting[int | None]:
    """A channel or role id, cleared with one of the clear words ('none')."""

    def parse(text: str, _: int | None) -> int | None:
        if clears(text):
            return None
        digits = text.strip("<#@&>")
        if not (digits.isascii() and digits.isdigit()):
            raise UserError(f"{key} must be a Discord id (a number) or 'none', not '{text}'.")
        return check(discord_id(digits, key))

    def check(value: object) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise UserError(f"{key} must be a Discord id (a positive number), not {value}.")
        return check_id(value, key)

    return Setting(key, None, column, parse=parse, check=check, clearable=True)


TIMEZONE = Setting[str]("timezone", DEFAULT_ZONE, "timezone", parse=_zone, check=_check_zone)
POST_HOUR = Setting[int]("post_hour", DEFAULT_HOUR, "post_hour", parse=_hour,
                         check=_check_hour)
ANNOUNCE_CHANNEL = _discord_id("announce_channel", "announce_channel_id")
MODLOG_CHANNEL = _discord_id("modlog_channel", "modlog_channel_id")
PING_ROLE = _discord_id("ping_role", "ping_role_id")
# The network view: also see the facts of articles only other guilds' feeds and ingests
# carried (bot/facts/scope.py). Off: another guild's articles never change this one's.
NETWORK_FACTS = Setting[bool]("network_facts", False, "network_facts", parse=_network,
                              check=_check_network)


@dataclass(frozen=True)
class GuildSettings:
    """A guild's settings; a guild that never ran `/setup` gets the declared defaults."""

    guild_id: int
    timezone: str = TIMEZONE.default
    post_hour: int = POST_HOUR.default
    announce_channel: int | None = ANNOUNCE_CHANNEL.default
    modlog_channel: int | None = MODLOG_CHANNEL.default
    ping_role: int | None = PING_ROLE.default
    network_facts: bool = NETWORK_FACTS.default

    def as_dict(self) -> dict[str, SettingValue]:
        return {k: v for k, v in asdict(self).items() if k != "guild_id"}


def _moderator(actor: Actor) -> int:
    return actor.require_moderator()


GUILD_SETTINGS = SettingsTable[GuildSettings](
    noun="setting", row=GuildSettingsRow, owner_column="guild_id",
    settings=(TIMEZONE, POST_HOUR, ANNOUNCE_CHANNEL, MODLOG_CHANNEL, PING_ROLE, NETWORK_FACTS),
    make=GuildSettings, owner=_moderator,
    audit=Audit(AuditEntry, action="setup", target="guild_settings"),
    # The zone and hour re-plan the guild's schedule (in the background, after the reply).
    event=lambda guild_id: GuildChanged(guild_id, "settings"))

# The names moderators use (in `/setup`, `fanzine guild set` and the shell), in display order.
SETTING_KEYS = GUILD_SETTINGS.keys
# Settings that hold a Discord id and can be cleared with `clear` or a clear word ("none").
CLEARABLE_KEYS = GUILD_SETTINGS.clearable
# A guild settings change (`/setup`): annotate with it; `isinstance` takes `SettingsUpdate`.
GuildUpdate = SettingsUpdate[GuildSettings]


def parse_setting(key: str, text: str) -> SettingValue:
    """Turn a typed value (command line, shell) into a setting value; 'none' clears an id."""
    value: SettingValue = GUILD_SETTINGS.parse(key, text)
    return value


def validate_setting(key: str, value: SettingValue) -> SettingValue:
    """Check one already-typed value (as Discord options deliver them)."""
    checked: SettingValue = GUILD_SETTINGS.setting(key).check(value)
    return checked


def setup_changes(
    values: Mapping[str, SettingValue], clear: str | None = None
) -> dict[str, SettingValue]:
    """The changes one `/setup` asks for: the options given, plus one setting to clear."""
    changes: dict[str, SettingValue] = {k: v for k, v in values.items() if v is not None}
    if clear is not None:
        if clear not in CLEARABLE_KEYS:
            raise UserError(f"Only {', '.join(CLEARABLE_KEYS)} can be cleared, not '{clear}'.")
        if clear in changes:
            raise UserError(f"You both set and cleared {clear}; pick one.")
        changes[clear] = None
    return changes


class GuildSettingsService(SettingsService[GuildSettings]):
    """Reads and changes guild settings; every change is checked, audited and guild-scoped."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock, GUILD_SETTINGS)


__all__ = ["CLEARABLE_KEYS", "GUILD_SETTINGS", "SETTING_KEYS", "GuildSettings",
           "GuildSettingsService", "GuildUpdate", "SettingValue", "SettingsUpdate",
           "parse_setting", "setup_changes", "validate_setting"]
