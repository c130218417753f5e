"""A user's own time zone: read it (their own, else the server's, else UTC) and set it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict
from bot.guilds.settings import GuildSettingsService
from bot.guilds.timezones import check_timezone
from bot.models import UserSettingsRow

ZoneSource = Literal["own", "server", "default"]


@dataclass(frozen=True)
class UserZone:
    """The zone a user's times are read in, and where it comes from."""

    zone: str
    source: ZoneSource


class UserSettingsService:
    """Per-user settings. A user who never chose a zone gets the server's, or UTC in DMs."""

    def __init__(self, db: Database, clock: Clock, guilds: GuildSettingsService) -> None:
        self._db = db
        self._clock = clock
        self._guilds = guilds

    async def timezone(self, user_id: int, guild_id: int | None) -> UserZone:
        async with self._db.read() as session:
            row = await session.get(UserSettingsRow, user_id)
            if row is not None:
                return UserZone(row.timezone, "own")
        if guild_id is not None:
            return UserZone((await self._guilds.get(guild_id)).timezone, "server")
        return UserZone("UTC", "default")

    async def set_timezone(self, user_id: int, text: str) -> str:
        """Store a checked IANA zone for the user (a UserError names close zones if it isn't)."""
        zone = check_timezone(text)
        now = self._clock.now()
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(
                session, UserSettingsRow,
                {"user_id": user_id, "timezone": zone, "updated_at": now}, ["user_id"])
            row = await session.get(UserSettingsRow, user_id, with_for_update=True)
            assert row is not None
            row.timezone = zone
            row.updated_at = now
        return zone
