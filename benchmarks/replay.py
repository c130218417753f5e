"""bench_answers' floor: the SQL statements the app ran for one call, captured through a
SQLAlchemy `before_cursor_execute` event, then replayed with the same parameters on a plain
handle to the same database (`sqlite3` on SQLite, a bare asyncpg connection on PostgreSQL), in
one read transaction as the app's `Database.read` runs them. What the app adds on top of its own
statements (Python, SQLAlchemy's ORM and the async driver) is the ratio of the two."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

Statement = tuple[str, Any]


def is_read(statement: str) -> bool:
    """A statement the replay runs: SELECT (or WITH), and the savepoints around a bounded
    search (`bot.answers.quotes._bounded`); not BEGIN, PRAGMA or a write."""
    head = statement.lstrip()[:20].upper()
    return head.startswith(("SELECT", "WITH", "SAVEPOINT", "RELEASE", "ROLLBACK TO"))


class Floor:
    """Records what one call runs on `engine` and replays it on a plain handle."""

    def __init__(self, engine: AsyncEngine, url: str) -> None:
        self.engine = engine
        self.url = make_url(url)
        self.dialect = engine.dialect.name
        self.label = "plain sqlite3" if self.dialect == "sqlite" else "plain asyncpg"
        self._recording: list[Statement] | None = None
        self._sqlite: sqlite3.Connection | None = None
        self._pg: asyncpg.Connection | None = None
        self.skipped = 0  # statements that were not reads (BEGIN, PRAGMA, writes)
        self.cancelled = 0  # replayed statements PostgreSQL cancelled at their time bound
        event.listen(engine.sync_engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
                executemany: bool) -> None:
        if self._recording is None:
            return
        if is_read(statement) and not executemany:
            self._recording.append((statement, parameters))
        else:
            self.skipped += 1

    async def open(self) -> None:
        if self.dialect == "sqlite":
            self._sqlite = sqlite3.connect(f"file:{self.url.database}?mode=ro", uri=True,
                                           isolation_level=None)
        else:
            dsn = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self._pg = await asyncpg.connect(dsn)

    async def close(self) -> None:
        event.remove(self.engine.sync_engine, "before_cursor_execute", self._record)
        if self._sqlite is not None:
            self._sqlite.close()
        if self._pg is not None:
            await self._pg.close()

    async def capture(self, call: Callable[[], Awaitable[Any]]) -> list[Statement]:
        """The read statements one call runs (the call is made; its result is dropped)."""
        self._recording = []
        try:
            await call()
            return self._recording
        finally:
            self._recording = None

    async def replay(self, statements: list[Statement]) -> float:
        """Milliseconds to run the statements and fetch every row, in one read transaction."""
        if self._sqlite is not None:
            conn = self._sqlite
            started = time.perf_counter()
            conn.execute("BEGIN")
            for statement, parameters in statements:
                conn.execute(statement, parameters or ()).fetchall()
            conn.execute("COMMIT")
            return (time.perf_counter() - started) * 1000
        assert self._pg is not None
        started = time.perf_counter()
        async with self._pg.transaction(readonly=True):
            savepoint = None
            for statement, parameters in statements:
                if statement.lstrip().upper().startswith("SAVEPOINT"):
                    savepoint = statement.split()[1]
                try:
                    await self._pg.fetch(statement, *(parameters or ()))
                except asyncpg.QueryCanceledError:  # the search's own time bound, as in the app
                    self.cancelled += 1
                    # The replay may hit the bound where the app did not, so the app's own
                    # ROLLBACK TO was not recorded: without one, every later statement fails.
                    if savepoint is not None:
                        await self._pg.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
        return (time.perf_counter() - started) * 1000
