"""The composition root: opens the database, the HTTP client and the services as one context."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.about import AboutService
from bot.answers.cards import CardService
from bot.answers.service import AnswerService
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db import Database, open_database
from bot.facts.corrections import Corrections
from bot.facts.learning import ArticleFacts
from bot.facts.store import FactStore
from bot.guilds.modlog import ModLog
from bot.guilds.settings import GuildSettingsService
from bot.ingest.feeds_service import FeedService
from bot.ingest.poller import FeedPoller
from bot.ingest.single import ArticleIngest
from bot.migrate import upgrade
from bot.net import HttpClient
from bot.schedule.dispatcher import Dispatcher
from bot.schedule.outbox import Outbox


@dataclass
class App:
    """Everything an adapter needs, built once and passed down (no module-level state)."""

    settings: Settings
    clock: Clock
    db: Database
    http: HttpClient
    outbox: Outbox
    guilds: GuildSettingsService
    modlog: ModLog
    about: AboutService
    poller: FeedPoller
    feeds: FeedService
    ingest: ArticleIngest
    facts: FactStore
    learning: ArticleFacts
    answers: AnswerService
    cards: CardService
    corrections: Corrections
    dispatcher: Dispatcher


@asynccontextmanager
async def open_app(settings: Settings, clock: Clock | None = None) -> AsyncIterator[App]:
    """Open every resource, bring the database to the latest migration, and close all at exit."""
    clock = clock or SystemClock()
    async with open_database(settings.database_url,
                             busy_timeout=settings.sqlite_busy_timeout) as db:
        await upgrade(db)
        async with HttpClient(settings) as http:
            outbox = Outbox(db)
            facts = FactStore(db, clock)
            modlog = ModLog(db, outbox, clock)
            learning = ArticleFacts(db, facts, clock)
            # Polls only store articles and wake the learner; a single ingest learns at once.
            poller = FeedPoller(db, http, outbox, settings, clock,
                                on_new_articles=learning.wake)
            yield App(
                settings=settings,
                clock=clock,
                db=db,
                http=http,
                outbox=outbox,
                guilds=GuildSettingsService(db, clock),
                modlog=modlog,
                about=AboutService(db, settings.bot_name, settings.contact_url),
                poller=poller,
                feeds=FeedService(db, poller, settings, clock),
                ingest=ArticleIngest(db, http, clock, on_new_articles=learning.learn),
                facts=facts,
                learning=learning,
                answers=AnswerService(db, facts, clock),
                cards=CardService(db, facts, clock),
                corrections=Corrections(db, facts, modlog, clock),
                dispatcher=Dispatcher(db, outbox, clock, settings, notify_modlog=modlog.notice),
            )
