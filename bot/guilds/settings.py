"""A guild's settings: read them, parse and validate changes, store them with an audit entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from bot.actors import Actor
from bot.bounds import check_id, discord_id
from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict, publish
from bot.errors import UserError
from bot.guilds.changes import GuildChanged
from bot.guilds.timezones import check_timezone
from bot.models import AuditEntry, GuildSettingsRow

# The names moderators use (in `/setup`, `fanzine guild set` and the shell), in display order.
SETTING_KEYS = ("timezone", "post_hour", "announce_channel", "modlog_channel", "ping_role",
                "network_facts")
# Settings that hold a Discord id and can be cleared with `clear` or the value "none".
CLEARABLE_KEYS = ("announce_channel", "modlog_channel", "ping_role")
_CLEAR_WORDS = {"none", "off", "clear", "-"}
_ON_WORDS, _OFF_WORDS = {"on", "yes", "true", "1"}, {"off", "no", "false", "0"}

SettingValue = bool | int | str | None


@dataclass(frozen=True)
class GuildSettings:
    """A guild's settings; a guild that never ran `/setup` gets these defaults."""

    guild_id: int
    timezone: str = "UTC"
    post_hour: int = 9
    announce_channel: int | None = None
    modlog_channel: int | None = None
    ping_role: int | None = None
    # The network view: also see the facts of articles only other guilds' feeds and ingests
    # carried (bot/facts/scope.py). Off: another guild's articles never change this one's.
    network_facts: bool = False

    def as_dict(self) -> dict[str, SettingValue]:
        return {k: v for k, v in asdict(self).items() if k != "guild_id"}


@dataclass(frozen=True)
class SettingsUpdate:
    """The settings before and after a change, and which keys actually changed."""

    before: GuildSettings
    after: GuildSettings

    @property
    def changed(self) -> tuple[str, ...]:
        b, a = self.before.as_dict(), self.after.as_dict()
        return tuple(k for k in SETTING_KEYS if b[k] != a[k])


def parse_setting(key: str, text: str) -> SettingValue:
    """Turn a typed value (command line, shell) into a setting value; 'none' clears an id."""
    key = key.strip().lower().replace("-", "_")
    if key not in SETTING_KEYS:
        raise UserError(f"Unknown setting '{key}'. Settings: {', '.join(SETTING_KEYS)}.")
    value = text.strip()
    if key == "timezone":
        return check_timezone(value)
    if key == "post_hour":
        if not (value.isascii() and value.isdigit()) or len(value) > 25:
            raise UserError(f"post_hour must be a whole hour from 0 to 23, not '{value[:25]}'.")
        return validate_setting(key, int(value))
    if key == "network_facts":
        if value.lower() in _ON_WORDS | _OFF_WORDS:
            return value.lower() in _ON_WORDS
        raise UserError(f"network_facts is on or off, not '{value[:25]}'.")
    if value.lower() in _CLEAR_WORDS:
        return None
    digits = value.strip("<#@&>")
    if not (digits.isascii() and digits.isdigit()):
        raise UserError(f"{key} must be a Discord id (a number) or 'none', not '{value}'.")
    return validate_setting(key, discord_id(digits, key))


def validate_setting(key: str, value: SettingValue) -> SettingValue:
    """Check one already-typed value (as Discord options deliver them)."""
    if key == "timezone":
        return check_timezone(str(value))
    if key == "post_hour":
        if not isinstance(value, int) or not 0 <= value <= 23:
            raise UserError(f"post_hour must be a whole hour from 0 to 23, not {value}.")
        return value
    if key == "network_facts":
        if not isinstance(value, bool):
            raise UserError(f"network_facts is on or off, not {value}.")
        return value
    if key in CLEARABLE_KEYS:
        if value is not None and not isinstance(value, int):
            raise UserError(f"{key} must be a Discord id (a positive number), not {value}.")
        return None if value is None else check_id(value, key)
    raise UserError(f"Unknown setting '{key}'. Settings: {', '.join(SETTING_KEYS)}.")


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


class GuildSettingsService:
    """Reads and changes guild settings; every change is checked, audited and guild-scoped."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def get(self, guild_id: int) -> GuildSettings:
        async with self._db.transaction() as session:
            row = await session.get(GuildSettingsRow, guild_id)
            return _from_row(row) if row else GuildSettings(guild_id)

    async def show(self, actor: Actor) -> GuildSettings:
        """The settings of the actor's own guild (moderators only: they name private channels)."""
        return await self.get(actor.require_moderator())

    async def update(self, actor: Actor, changes: Mapping[str, SettingValue]) -> SettingsUpdate:
        """Apply checked changes to the actor's guild; nothing is stored if any value is bad."""
        guild_id = actor.require_moderator()
        checked = {key: validate_setting(key, value) for key, value in changes.items()}
        now = self._clock.now()
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(
                session, GuildSettingsRow, {"guild_id": guild_id, "created_at": now,
                                            "updated_at": now}, ["guild_id"]
            )
            row = await session.get(GuildSettingsRow, guild_id, with_for_update=True)
            assert row is not None
            before = _from_row(row)
            after = replace(before, **checked)  # type: ignore[arg-type]
            update = SettingsUpdate(before, after)
            if update.changed:
                _to_row(after, row)
                row.updated_at = now
                session.add(AuditEntry(
                    guild_id=guild_id, user_id=actor.user_id, action="setup",
                    target="guild_settings", created_at=now,
                    before=_subset(before, update.changed), after=_subset(after, update.changed),
                ))
                # After commit, the schedule is re-planned in the background (zone, hour).
                publish(session, GuildChanged(guild_id, "settings"))
        return update


def _from_row(row: GuildSettingsRow) -> GuildSettings:
    return GuildSettings(
        guild_id=row.guild_id,
        timezone=row.timezone,
        post_hour=row.post_hour,
        announce_channel=row.announce_channel_id,
        modlog_channel=row.modlog_channel_id,
        ping_role=row.ping_role_id,
        network_facts=row.network_facts,
    )


def _to_row(settings: GuildSettings, row: GuildSettingsRow) -> None:
    row.timezone = settings.timezone
    row.post_hour = settings.post_hour
    row.announce_channel_id = settings.announce_channel
    row.modlog_channel_id = settings.modlog_channel
    row.ping_role_id = settings.ping_role
    row.network_facts = settings.network_facts


def _subset(settings: GuildSettings, keys: tuple[str, ...]) -> dict[str, Any]:
    values = settings.as_dict()
    return {k: values[k] for k in keys}
