"""A user's own settings, declared through `bot.settings`: their time zone (their own, else the
server's, else the default zone) and `/timezone` setting it, checked against the IANA names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database
from bot.guilds.settings import TIMEZONE, GuildSettingsService
from bot.models import UserSettingsRow
from bot.settings.service import SettingsService
from bot.settings.table import SettingsTable
from bot.settings.values import DEFAULT_ZONE

ZoneSource = Literal["own", "server", "default"]


@dataclass(frozen=True)
class UserSettings:
    """A user's settings, the same in every server and in direct messages."""

    user_id: int
    timezone: str = TIMEZONE.default  # the same declaration as a guild's zone


def _themselves(actor: Actor) -> int:
    return actor.user_id  # a user's settings are their own: no moderator needed


# Not audited: the audit log is a guild's, and a user's zone belongs to no guild.
USER_SETTINGS = SettingsTable[UserSettings](
    noun="setting", row=UserSettingsRow, owner_column="user_id", settings=(TIMEZONE,),
    make=UserSettings, owner=_themselves)


@dataclass(frozen=True)
class UserZone:
    """The zone a user's times are read in, and where it comes from."""

    zone: str
    source: ZoneSource


class UserSettingsService:
    """Per-user settings. A user who never chose a zone gets the server's, or the default zone
    in DMs."""

    def __init__(self, db: Database, clock: Clock, guilds: GuildSettingsService) -> None:
        self._settings = SettingsService(db, clock, USER_SETTINGS)
        self._guilds = guilds

    async def timezone(self, user_id: int, guild_id: int | None) -> UserZone:
        own = await self._settings.stored(user_id)
        if own is not None:
            return UserZone(own.timezone, "own")
        if guild_id is not None:
            return UserZone((await self._guilds.get(guild_id)).timezone, "server")
        return UserZone(DEFAULT_ZONE, "default")

    async def set_timezone(self, user_id: int, text: str) -> str:
        """Store a checked IANA zone for the user (a UserError names close zones if it isn't)."""
        zone = USER_SETTINGS.parse("timezone", text)
        update = await self._settings.change(user_id, user_id, {"timezone": zone})
        return update.after.timezone
