"""Bring the database to the latest Alembic migration (or another revision) from inside the bot."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db import Database
from bot.errors import UserError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# An arbitrary constant naming fanzine's migration lock among PostgreSQL advisory locks.
MIGRATION_LOCK_ID = 0x66616E7A


class MigrationError(UserError):
    """A migration refused, or rolled back because it would have broken stored rows."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    """Apply every migration up to `revision` in one transaction."""
    await _run(db, lambda cfg: command.upgrade(cfg, revision))


async def downgrade(db: Database, revision: str) -> None:
    """Undo migrations down to `revision` ("base" for an empty database), in one transaction.

    A step that would drop stored data raises MigrationError instead (see refuse_to_lose)."""
    await _run(db, lambda cfg: command.downgrade(cfg, revision))


async def current_revision(db: Database) -> str | None:
    async with db.engine.connect() as conn:
        return await conn.run_sync(
            lambda c: MigrationContext.configure(c).get_current_revision()
        )


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def _run(db: Database, action: Callable[[Config], None]) -> None:
    def run(connection: Connection) -> None:
        config = alembic_config()
        # env.py runs on this connection instead of opening its own (we are inside a loop).
        config.attributes["connection"] = connection
        action(config)

    try:
        async with migrating(db) as conn:
            await conn.run_sync(run)
    except CommandError as exc:  # e.g. an unknown revision, or one above the current
        raise MigrationError(f"migrations: {str(exc).splitlines()[0]}") from None


@asynccontextmanager
async def migrating(db: Database) -> AsyncIterator[AsyncConnection]:
    """A connection in one transaction to run migrations on, committed at the end.

    PostgreSQL: under an advisory lock. SQLite: with foreign keys off, because batch mode
    recreates a table by dropping it, and a DROP with foreign keys on deletes (ON DELETE
    CASCADE) or clears (SET NULL) every row that points at it; `PRAGMA foreign_key_check`
    runs before the commit instead, and anything left dangling rolls it all back.
    """
    async with db.engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            async with conn.begin():
                # Processes starting together would race to create the same tables; this
                # lock, released at commit, makes them migrate one after the other.
                await conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
                yield conn
            return
        # The pragma is a no-op inside a transaction, and every SQLAlchemy statement begins
        # one (BEGIN IMMEDIATE, bot.db): it goes to the driver's connection directly.
        await _sqlite_foreign_keys(conn, on=False)
        try:
            async with conn.begin():
                yield conn
                await conn.run_sync(check_foreign_keys)
        finally:
            try:
                await _sqlite_foreign_keys(conn, on=True)
            except BaseException:
                # Never hand a connection without foreign keys back to the pool.
                await conn.invalidate()
                raise


async def _sqlite_foreign_keys(conn: AsyncConnection, *, on: bool) -> None:
    driver = (await conn.get_raw_connection()).driver_connection
    assert driver is not None
    await driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    async with driver.execute("PRAGMA foreign_keys") as cursor:
        row = await cursor.fetchone()
    if row is None or bool(row[0]) != on:
        raise RuntimeError(f"SQLite did not turn foreign keys {'on' if on else 'off'} "
                           "(a transaction was open)")


def check_foreign_keys(connection: Connection) -> None:
    """Raise MigrationError when a row points at a row that does not exist (SQLite)."""
    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if dangling:
        pairs = Counter(f"{table}->{parent}" for table, _rowid, parent, _key in dangling)
        where = ", ".join(f"{pair}: {count}" for pair, count in sorted(pairs.items()))
        raise MigrationError(
            f"migration rolled back, nothing changed: rows point at rows that do not exist "
            f"({where}; PRAGMA foreign_key_check lists them)")


def refuse_to_lose(connection: Connection, revision: str, table: str, what: str,
                   where: str = "1 = 1") -> None:
    """In a downgrade: raise MigrationError if rows of `table` matching `where` exist, since
    undoing `revision` would lose `what` they hold. The whole downgrade runs in one
    transaction, so nothing is changed."""
    count = connection.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one()
    if count:
        rows = "1 row" if count == 1 else f"{count} rows"
        raise MigrationError(
            f"downgrade refused, nothing changed: undoing migration {revision} would lose "
            f"{what} ({rows} of {table}); remove it first if you mean to lose it")


def refuse_unknown(connection: Connection, revision: str, table: str, column: str,
                   values: tuple[str, ...]) -> None:
    """In an upgrade that adds a CHECK: raise MigrationError if `column` of `table` holds a
    value outside `values` (NULL passes), naming each such value and how many rows hold it,
    rather than let the database refuse the constraint with its own error. The upgrade runs in
    one transaction, so nothing is changed."""
    listed = ", ".join(f"'{value}'" for value in values)
    found = connection.execute(text(
        f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL "
        f"AND {column} NOT IN ({listed}) GROUP BY {column} ORDER BY {column}")).all()
    if found:
        held = ", ".join(f"{value!r}: {count}" for value, count in found)
        raise MigrationError(
            f"migration rolled back, nothing changed: migration {revision} allows only known "
            f"values in {table}.{column}, and rows hold others ({held}); correct or remove "
            f"those rows first")

