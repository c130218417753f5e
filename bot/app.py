"""The composition root: opens the database, the HTTP client and the services as one context."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.about import AboutService
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db import Database, open_database
from bot.guilds.settings import GuildSettingsService
from bot.migrate import upgrade
from bot.net import HttpClient


@dataclass
class App:
    """Everything an adapter needs, built once and passed down (no module-level state)."""

    settings: Settings
    clock: Clock
    db: Database
    http: HttpClient
    guilds: GuildSettingsService
    about: AboutService


@asynccontextmanager
async def open_app(settings: Settings, clock: Clock | None = None) -> AsyncIterator[App]:
    """Open every resource, bring the database to the latest migration, and close all at exit."""
    clock = clock or SystemClock()
    async with open_database(settings.database_url,
                             busy_timeout=settings.sqlite_busy_timeout) as db:
        await upgrade(db)
        async with HttpClient(settings) as http:
            yield App(
                settings=settings,
                clock=clock,
                db=db,
                http=http,
                guilds=GuildSettingsService(db, clock),
                about=AboutService(db, settings.bot_name, settings.contact_url),
            )
