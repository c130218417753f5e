"""Autocomplete from memory (`VisibleNames`), on both databases: the same names as the
database gives, never a copy this process's writes made stale, another process's writes seen
once the copy is too old; and `Database.watch`, which tells the copy of those writes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import select

from bot.app import App
from bot.db import open_database, written_table
from bot.facts.name_search import search_names
from bot.facts.names import normalise
from bot.facts.visible_names import FRESH_SECONDS, VisibleNames
from bot.models import Entity, Reminder
from tests.discord_world import FAN, GENERAL, GUILD, FastBot, ingest_glass_harbour
from tests.fake_discord.server import FakeDiscord
from tests.test_ingest_feeds import mod
from tests.test_name_index import HARBOUR, JUNO, A, B, ingest

QUERIES = [("artist", ""), ("release", ""), ("artist", "mara"), ("artist", "m"),
           ("artist", "juno brsk"), ("release", "vitrine"), ("release", "glass harbuor"),
           ("release", "copper"), ("release", "c"), ("artist", "zzzz")]


@asynccontextmanager
async def no_statements(app: App) -> AsyncIterator[None]:
    """Fail any look-up that asks the database while inside."""
    real = app.facts.db.read

    def refused() -> None:
        raise AssertionError("asked the database")

    app.facts.db.read = refused  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        app.facts.db.read = real  # type: ignore[method-assign]


async def from_database(app: App, kind: str, query: str, guild_id: int | None) -> list[str]:
    app.facts.visible.changed()  # no copy is exact now: the database answers
    return await search_names(app.facts, kind, query, guild_id=guild_id)


async def from_memory(app: App, kind: str, query: str, guild_id: int | None) -> list[str]:
    assert await app.facts.visible.read(guild_id) is not None
    async with no_statements(app):
        return await search_names(app.facts, kind, query, guild_id=guild_id)


async def test_memory_gives_the_databases_names_for_every_guild(app: App) -> None:
    await ingest(app, A, "harbour.txt", HARBOUR)
    await ingest(app, B, "harbour.txt", HARBOUR)  # both guilds see Glass Harbour
    await ingest(app, A, "juno.txt", JUNO)  # only A sees Juno Brask and Copper Tide
    await app.corrections.alias(mod(A), "Glass Harbour", "Vitrine Port")
    await app.corrections.fix(mod(A), "Mara Vale", "label", "Quartz Owl Records")
    for guild_id in (A, B, None):
        for kind, query in QUERIES:
            expected = await from_database(app, kind, query, guild_id)
            assert await from_memory(app, kind, query, guild_id) == expected, \
                (guild_id, kind, query)
    assert await from_memory(app, "release", "vitrine", A) == ["Glass Harbour"]
    assert await from_memory(app, "release", "vitrine", B) == []
    assert await from_memory(app, "artist", "juno", B) == []


async def test_a_write_by_this_process_makes_the_copy_stale_at_once(app: App) -> None:
    await ingest(app, A, "harbour.txt", HARBOUR)
    assert await from_memory(app, "artist", "juno", B) == []
    await ingest(app, B, "juno.txt", JUNO)
    assert app.facts.visible.get(B) is None
    assert await search_names(app.facts, "artist", "juno", guild_id=B) == ["Juno Brask"]
    assert await from_memory(app, "artist", "juno", B) == ["Juno Brask"]
    await app.corrections.alias(mod(B), "Juno Brask", "Quill Harrow")
    assert await search_names(app.facts, "artist", "quill", guild_id=B) == ["Juno Brask"]


async def test_only_the_tables_deciding_visibility_make_it_stale(app: App) -> None:
    await ingest(app, A, "harbour.txt", HARBOUR)
    copy = await app.facts.visible.read(A)
    async with app.db.read() as session:
        await session.scalar(select(Entity.id))
    await app.reminders.remind_at(42, A, 7, "in 2 days", "listen to Mara Vale")
    assert app.facts.visible.get(A) is copy
    async with app.db.transaction() as session:
        session.add(Entity(kind="artist", name="Zed Vale", norm_name=normalise("Zed Vale")))
    assert app.facts.visible.get(A) is None


async def test_another_processs_names_are_offered_once_the_copy_is_too_old(
        app: App, db_url: str) -> None:
    now = [1000.0]
    visible = VisibleNames(app.db, app.facts.names, clock=lambda: now[0])
    await ingest(app, A, "harbour.txt", HARBOUR)
    assert await visible.read(None) is not None
    # Another process's write: this process's engine never sees the statement.
    async with open_database(db_url) as other, other.transaction() as session:
        session.add(Entity(kind="artist", name="Zed Vale", norm_name=normalise("Zed Vale")))
    now[0] += FRESH_SECONDS - 1
    assert visible.get(None) is not None  # trusted a while: the price of no statement
    now[0] += 2
    assert visible.get(None) is None
    assert await search_names(app.facts, "artist", "zed") == ["Zed Vale"]
    await visible.close()


async def test_a_guild_is_copied_when_discord_says_it_is_available(
        quiet_bot: FastBot, app: App, fake_discord: FakeDiscord) -> None:
    await app.facts.visible.wait_idle()
    assert app.facts.visible.peek(GUILD) is not None  # read at its GUILD_CREATE
    await ingest_glass_harbour(app)
    assert app.facts.visible.peek(GUILD) is None
    for _ in range(2):  # from the database, then (copied again meanwhile) from memory
        choices = await fake_discord.autocomplete(
            "artist", [{"name": "name", "type": 3, "value": "mara", "focused": True}],
            guild_id=GUILD, channel_id=GENERAL, user_id=FAN)
        assert choices == [{"name": "Mara Vale", "value": "Mara Vale"}]
        await app.facts.visible.wait_idle()
        assert app.facts.visible.peek(GUILD) is not None


async def test_watch_calls_back_on_a_write_and_again_after_its_transaction(app: App) -> None:
    calls: list[str] = []
    app.db.watch(["entities"], lambda: calls.append("entities"))
    async with app.db.transaction() as session:
        session.add(Entity(kind="artist", name="Zed Vale", norm_name="zed vale"))
        await session.flush()
        assert calls == ["entities"]  # at the write, before the commit
    assert calls == ["entities", "entities"]  # and once it has committed
    async with app.db.transaction() as session:
        session.add(Reminder(guild_id=A, user_id=1, channel_id=2, text="t",
                             due_at=app.clock.now(), tz="UTC"))
    async with app.db.read() as session:
        await session.scalar(select(Entity.id))
    assert calls == ["entities", "entities"]


@pytest.mark.parametrize(("statement", "table"), [
    ("INSERT INTO facts (subject_id) VALUES (?)", "facts"),
    ('insert or ignore into "aliases" (name) values ($1)', "aliases"),
    ("UPDATE guild_settings SET network_facts=true", "guild_settings"),
    ("DELETE FROM guild_articles WHERE article_id = 1", "guild_articles"),
    ("\n  INSERT INTO entities (kind) VALUES ('artist') RETURNING id", "entities"),
    ("SELECT facts.id FROM facts", None),
    ("BEGIN IMMEDIATE", None),
])
def test_the_table_a_statement_writes(statement: str, table: str | None) -> None:
    assert written_table(statement) == table


async def test_the_least_recently_asked_guilds_copy_is_dropped_first(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.facts.visible_names as visible_names

    monkeypatch.setattr(visible_names, "MAX_GUILDS", 2)
    await ingest(app, A, "harbour.txt", HARBOUR)
    visible = app.facts.visible
    for guild_id in (A, B):
        await visible.read(guild_id)
    assert visible.get(A) is not None  # A asked for last: B is the older
    await visible.read(None)
    assert visible.peek(B) is None
    assert visible.peek(A) is not None and visible.peek(None) is not None
    monkeypatch.setattr(visible_names, "MAX_ENTRIES", 1)  # one copy kept, however large
    await visible.read(B)
    assert [visible.peek(g) is not None for g in (A, None, B)] == [False, False, True]
