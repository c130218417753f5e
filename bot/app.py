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
from bot.delivery.leases import process_owner
from bot.delivery.modlog import ModLog
from bot.delivery.outbox import Outbox
from bot.facts.corrections import Corrections
from bot.facts.learning import ArticleFacts
from bot.facts.store import FactStore
from bot.guilds.changes import GuildChanged
from bot.guilds.life import GuildLife
from bot.guilds.settings import GuildSettingsService
from bot.ingest.feeds_service import FeedService
from bot.ingest.poller import FeedPoller
from bot.ingest.single import ArticleIngest
from bot.logs import keep_secret
from bot.migrate import upgrade
from bot.net import HttpClient
from bot.schedule.dispatcher import Dispatcher
from bot.schedule.follows import FollowService
from bot.schedule.planner import SchedulePlanner
from bot.schedule.reminders import ReminderService
from bot.schedule.replanner import Replanner
from bot.schedule.settings import ScheduleSettingsService
from bot.schedule.upcoming import UpcomingService
from bot.users.settings import UserSettingsService


@dataclass
class App:
    """Everything an adapter needs, built once and passed down (no module-level state)."""

    settings: Settings
    clock: Clock
    # The owner id of every claim and lease this process takes (outbox, schedules, feeds,
    # leases).
    owner: str
    db: Database
    http: HttpClient
    outbox: Outbox
    guilds: GuildSettingsService
    modlog: ModLog
    # Guilds the bot left and rejoined (their feeds and posts stop and resume).
    guild_life: GuildLife
    about: AboutService
    poller: FeedPoller
    feeds: FeedService
    ingest: ArticleIngest
    facts: FactStore
    learning: ArticleFacts
    answers: AnswerService
    cards: CardService
    corrections: Corrections
    user_settings: UserSettingsService
    reminders: ReminderService
    schedule_settings: ScheduleSettingsService
    follows: FollowService
    planner: SchedulePlanner
    # Re-plans a guild in the background after a committed change (`GuildChanged`).
    replanner: Replanner
    upcoming: UpcomingService
    dispatcher: Dispatcher


@asynccontextmanager
async def open_app(settings: Settings, clock: Clock | None = None, *,
                   database_wait: float = 0.0) -> AsyncIterator[App]:
    """Open every resource, bring the database to the latest migration, and close all at exit.

    ``database_wait``: seconds to wait for a database that refuses connections (see
    ``open_database``)."""
    clock = clock or SystemClock()
    owner = process_owner()
    keep_secret(settings.discord_token)
    async with open_database(settings.database_url, busy_timeout=settings.sqlite_busy_timeout,
                             wait=database_wait) as db:
        await upgrade(db)
        async with HttpClient(settings) as http:
            outbox = Outbox(db)
            facts = FactStore(db, clock)
            modlog = ModLog(db, clock)
            planner = SchedulePlanner(db, clock)
            # What changes a guild's schedule publishes `GuildChanged`; after the commit the
            # re-planner plans that guild in the background (a failure reaches the mod-log).
            replanner = Replanner(planner, modlog)
            db.subscribe(GuildChanged, replanner.changed)
            # Learning moves the rows of changed dates at once and queues the guilds' passes
            # with the re-planner, never re-planning a whole guild per article itself.
            learning = ArticleFacts(db, facts, clock, on_learned=replanner.after_learning)
            guilds = GuildSettingsService(db, clock)
            user_settings = UserSettingsService(db, clock, guilds)
            schedule_settings = ScheduleSettingsService(db, clock)
            follows = FollowService(db, facts, clock)
            corrections = Corrections(db, facts, modlog, clock)
            upcoming = UpcomingService(db, clock, replanner)
            reminders = ReminderService(db, clock, user_settings, facts,
                                        max_per_user=settings.reminders_max_per_user)
            dispatcher = Dispatcher(db, clock, settings, notify_modlog=modlog.notice,
                                    digest_renderer=upcoming.digest_post, owner=owner)
            # A row due sooner than the dispatcher's sleep wakes it (else it finds it within a
            # minute anyway).
            planner.on_rows_changed.append(dispatcher.notify)
            reminders.on_scheduled.append(dispatcher.notify)
            # Polls only store articles and wake the learner; a single ingest learns at once.
            poller = FeedPoller(db, http, settings, clock,
                                on_new_articles=learning.wake, owner=owner)
            app = App(
                settings=settings,
                clock=clock,
                owner=owner,
                db=db,
                http=http,
                outbox=outbox,
                guilds=guilds,
                modlog=modlog,
                guild_life=GuildLife(db, clock),
                about=AboutService(db, settings.bot_name, settings.contact_url),
                poller=poller,
                feeds=FeedService(db, poller, settings, clock),
                ingest=ArticleIngest(db, http, clock, on_new_articles=learning.learn,
                                     on_redated=learning.relearn),
                facts=facts,
                learning=learning,
                answers=AnswerService(db, facts, clock),
                cards=CardService(db, facts, clock),
                corrections=corrections,
                schedule_settings=schedule_settings,
                follows=follows,
                planner=planner,
                upcoming=upcoming,
                user_settings=user_settings,
                reminders=reminders,
                dispatcher=dispatcher,
                replanner=replanner,
            )
            try:
                yield app
            finally:
                # Changes already committed are planned before the database closes.
                await replanner.close()
                await facts.visible.close()
