"""Migrations keep stored rows: filled tables upgraded from every revision, and downgrades."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from bot.db import Database, open_database
from bot.migrate import (
    MigrationError,
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    migrating,
    upgrade,
)
from bot.models import Base
from tests.migration_rows import ROWS, column_names, fill, snapshot

REVISIONS = [r.revision for r in
             reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))]
EARLIER = REVISIONS[:-1]


@pytest.fixture
async def bare(db_url: str) -> AsyncIterator[Database]:
    """A database with no migration applied yet."""
    async with open_database(db_url) as database:
        yield database


@pytest.mark.parametrize("start", EARLIER)
async def test_upgrade_from_a_filled_database_keeps_every_row(bare: Database,
                                                               start: str) -> None:
    await upgrade(bare, start)
    stored = await fill(bare)
    columns = await column_names(bare)
    before = await snapshot(bare)
    assert {name: len(rows) for name, rows in before.items()} == stored

    await upgrade(bare)

    assert await current_revision(bare) == head_revision()
    after = await snapshot(bare, columns)
    counts = {name: (len(before[name]), len(after[name])) for name in before}
    assert {n: c for n, c in counts.items() if c[0] != c[1]} == {}
    for name in before:
        assert after[name] == before[name], name
    # Columns added on the way get their defaults: a follow stored before unfollows existed
    # is a follow.
    if "following" not in columns["follows"]:
        assert [f for (f,) in (await snapshot(bare, {"follows": ["following"]}))["follows"]] \
            == [True] * len(ROWS["follows"])
    # A post's origin, stored from 0008 on, is read from its key once, on the way up.
    origin = ["origin", "schedule_id", "occurrence_key"]
    assert (await snapshot(bare, {"outbox": origin}))["outbox"] == [
        tuple(row.get(c) for c in origin) for row in ROWS["outbox"]]
    # A feed stored before 0011 is leased to no one: free for the next poller.
    if "lease_owner" not in columns["feeds"]:
        assert (await snapshot(bare, {"feeds": ["lease_owner", "lease_until"]}))["feeds"] == [
            (None, None)] * len(ROWS["feeds"])
    # An item stored before 0010 shows what its article showed until then.
    if "title" not in columns["feed_items"]:
        articles = {row["id"]: row for row in ROWS["articles"]}
        assert (await snapshot(bare, {"feed_items": list(ITEM_TEXT)}))["feed_items"] == [
            tuple(articles[row["article_id"]][c] if row["article_id"] else None
                  for c in ITEM_TEXT) for row in ROWS["feed_items"]]
    # An article stored before 0013 counts as a feed's words (shared only with the same
    # words), cited by its URL, else by its first item's link.
    if "text_from" not in columns["articles"]:
        items = {row["article_id"]: row["link"] for row in reversed(ROWS["feed_items"])}
        assert (await snapshot(bare, {"articles": ["text_from", "link", "story_id"]}))[
            "articles"] == [("feed", row["canonical_url"] or items.get(row["id"]), None)
                            for row in ROWS["articles"]]
    # A guild stored before 0012 is one the bot is in.
    if "left_at" not in columns["guild_settings"]:
        assert (await snapshot(bare, {"guild_settings": ["left_at"]}))["guild_settings"] == [
            (None,)] * len(ROWS["guild_settings"])


# What each downgrade refuses to lose, in the order it checks, and how a test removes it.
ITEM_TEXT = ("title", "summary", "source")
REFUSALS: dict[str, list[tuple[str, str]]] = {
    "0014": [],  # CHECKs on kinds and states: dropping them loses no row
    "0013": [("where article texts came from", "UPDATE articles SET text_from = 'feed'"),
             ("articles sharing a story", "UPDATE articles SET story_id = NULL"),
             ("articles' own links", "UPDATE articles SET link = canonical_url")],
    "0012": [("guilds the bot has left", "UPDATE guild_settings SET left_at = NULL")],
    "0011": [],  # feed leases: transient, a lapsed or dropped one only lets a feed be polled
    # items' own titles, unless each still says what its article says
    "0010": [("items' own titles", "UPDATE feed_items SET " + ", ".join(
        f"{c} = (SELECT a.{c} FROM articles a WHERE a.id = feed_items.article_id)"
        for c in ITEM_TEXT))],
    "0009": [("network view", "UPDATE guild_settings SET network_facts = false")],
    "0008": [],  # a post's origin: its dedup key still says it
    "0007": [],  # when unanswered sends began: only narrows repeats of posts in flight
    "0006": [],  # article sentences are rebuilt from the articles on the way up
    "0005": [("schedule settings", "DELETE FROM guild_schedule_settings"),
             ("unfollows", "DELETE FROM follows WHERE following = false"),
             ("sync keys", "UPDATE schedules SET sync_key = NULL")],
    "0004": [("when articles were learned", "UPDATE articles SET learned_at = NULL")],
    "0003": [("dedup keys", "UPDATE facts SET dedup_key = NULL")],
    "0002": [("first-seen links", "UPDATE feed_items SET link = NULL, published_at = NULL"),
             ("mention roles", "UPDATE subscriptions SET mention_role_id = NULL, "
                               "learned_at = NULL")],
    "0001": [(f"of {table}", f"DELETE FROM {table}") for table in
             ["deliveries", "schedules", "subscriptions", "reminders", "guild_articles",
              "follows", "feed_items", "facts", "aliases", "user_settings", "outbox", "leases",
              "guild_settings", "feeds", "entities", "audit_log", "articles"]],
}


def test_every_table_is_filled_and_every_revision_says_what_its_downgrade_refuses() -> None:
    assert set(ROWS) == set(Base.metadata.tables)
    assert set(REFUSALS) == set(REVISIONS)
    assert {f"of {t}" for t in ROWS} - {"of guild_schedule_settings", "of article_sentences"} \
        == {fragment for fragment, _ in REFUSALS["0001"]}


async def _execute(db: Database, sql: str) -> None:
    async with db.engine.begin() as conn:
        await conn.exec_driver_sql(sql)


@pytest.mark.parametrize("undo", REVISIONS)
async def test_downgrade_is_lossless_or_refused_with_one_line(bare: Database,
                                                               undo: str) -> None:
    target = REVISIONS[REVISIONS.index(undo) - 1] if undo != REVISIONS[0] else "base"
    await upgrade(bare, undo)
    await fill(bare)
    for fragment, remove in REFUSALS[undo]:
        before = await snapshot(bare)
        with pytest.raises(MigrationError) as refused:
            await downgrade(bare, target)
        message = str(refused.value)
        assert "\n" not in message
        assert f"undoing migration {undo} would lose" in message and fragment in message
        assert "nothing changed" in message
        assert await current_revision(bare) == undo
        assert await snapshot(bare) == before
        await _execute(bare, remove)

    columns = await column_names(bare)
    before = await snapshot(bare)
    await downgrade(bare, target)

    assert await current_revision(bare) == (None if target == "base" else target)
    kept = await column_names(bare)
    after = await snapshot(bare, kept)
    # Every row of every table left, with every column left, as it was.
    assert after == {name: [tuple(row[columns[name].index(c)] for c in kept[name])
                            for row in before[name]] for name in kept}
    if undo == "0006":  # and up again, the sentences are back
        await upgrade(bare, "0006")
        assert await snapshot(bare) == before


async def test_sqlite_migrates_without_foreign_keys_and_gives_them_back(tmp_path: Path) -> None:
    async with open_database(f"sqlite+aiosqlite:///{tmp_path / 'fanzine.sqlite3'}") as db:
        seen: list[int] = []

        def pragma(connection: Connection) -> None:
            seen.append(connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one())

        async with migrating(db) as conn:
            await conn.run_sync(pragma)
        await upgrade(db)
        async with db.engine.connect() as conn:  # the pool's connection, used by both
            await conn.run_sync(pragma)
    assert seen == [0, 1]


async def test_sqlite_upgrade_with_a_dangling_row_is_rolled_back_in_one_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fanzine.sqlite3"
    async with open_database(f"sqlite+aiosqlite:///{path}") as db:
        await upgrade(db, "0004")
        await fill(db)
        # A delivery whose schedule is gone, as a store without foreign keys could leave it.
        with closing(sqlite3.connect(path)) as raw, raw:
            raw.execute("DELETE FROM schedules WHERE id = 7")
        before = await snapshot(db)

        with pytest.raises(MigrationError) as refused:
            await upgrade(db)

        assert str(refused.value) == (
            "migration rolled back, nothing changed: rows point at rows that do not exist "
            "(deliveries->schedules: 1; PRAGMA foreign_key_check lists them)")
        assert await current_revision(db) == "0004"
        assert await snapshot(db) == before
