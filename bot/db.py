"""The database: URL checks, the async engine (SQLite pragmas and BEGIN IMMEDIATE), sessions."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Row, Select, Update, event, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.config import DEFAULT_SQLITE_PATH
from bot.errors import ConfigError

E = TypeVar("E")

log = logging.getLogger(__name__)

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def resolve_url(raw: str) -> URL:
    """Turn the configured URL (empty for the default SQLite file) into an async driver URL."""
    if not raw.strip():
        return make_url(f"sqlite+aiosqlite:///{DEFAULT_SQLITE_PATH}")
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise ConfigError(
            "database.url: not a database URL; use sqlite+aiosqlite:///PATH "
            "or postgresql+asyncpg://USER@HOST/DBNAME"
        ) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise ConfigError(
            f"database.url: unsupported database '{url.drivername}'; "
            "use sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DBNAME"
        )
    url = url.set(drivername=driver)
    if driver.startswith("sqlite") and url.database in (None, "", ":memory:"):
        raise ConfigError("database.url: SQLite needs a file path (sqlite+aiosqlite:///PATH); "
                          "an in-memory database would lose everything at exit")
    if driver.startswith("postgresql") and not url.database:
        raise ConfigError("database.url: PostgreSQL URL names no database (…/DBNAME)")
    return url


def safe_url(url: URL) -> str:
    """The URL with any password hidden, for messages and logs."""
    return url.render_as_string(hide_password=True)


# The execution option that marks a read-only transaction (see Database.read).
READ_ONLY_OPTION = "fanzine_read_only"
# The read session open in this task, which nested reads join.
_current_read: ContextVar[AsyncSession | None] = ContextVar("fanzine_read", default=None)


def create_engine(url: URL, *, busy_timeout: float = 30.0, **kwargs: Any) -> AsyncEngine:
    """An async engine; on SQLite with WAL, foreign keys, a busy timeout and BEGIN IMMEDIATE."""
    if url.drivername.startswith("sqlite"):
        assert url.database is not None
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": busy_timeout}, **kwargs)
        _configure_sqlite(engine, busy_timeout)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _wal(cursor: Any, busy_timeout: float) -> None:
    """Switch to WAL. While another process writes to a database still in rollback mode (a new
    file being migrated by the process that started first), SQLite refuses the switch at once,
    without waiting on the busy handler: retried here for up to `busy_timeout`."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as exc:  # the driver's OperationalError: "database is locked"
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)  # in the driver's own thread, never on the event loop


def _configure_sqlite(engine: AsyncEngine, busy_timeout: float) -> None:
    # SQLAlchemy's documented recipe: the driver's own transaction handling skips BEGIN before
    # SELECT, so concurrent read-modify-write transactions lose updates. We emit BEGIN
    # IMMEDIATE ourselves, which takes the write lock up front and lets busy_timeout work.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _wal(cursor, busy_timeout)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Reads (Database.read) take no write lock: WAL gives them a snapshot while a writer
        # works, so answering a fan never waits for a feed poll's transaction.
        if conn.get_execution_options().get(READ_ONLY_OPTION):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


# The topics a session's transaction announced (session.info key), for `Database.listen`.
_ANNOUNCED = "fanzine_announced"


def announce(session: AsyncSession, topic: str) -> None:
    """Tell `topic`'s listeners once this session's transaction has committed."""
    announced: set[str] = session.info.setdefault(_ANNOUNCED, set())
    announced.add(topic)


# The events a session's transaction published (session.info key), for `Database.subscribe`.
_PUBLISHED = "fanzine_published"


def publish(session: AsyncSession, event: object) -> None:
    """Hand `event` (a typed change, e.g. `bot.guilds.changes.GuildChanged`) to the
    subscribers of its type once this session's transaction has committed; never after a
    rollback."""
    published: list[object] = session.info.setdefault(_PUBLISHED, [])
    published.append(event)


# The table an INSERT, UPDATE or DELETE writes (either dialect, ORM or text), for `watch`.
_WRITTEN = re.compile(r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?"
                      r"|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
# The pooled connection's info key: the tables written since it was checked out.
_WRITES = "fanzine_written_tables"


def written_table(statement: str) -> str | None:
    """The table a statement writes (INSERT, UPDATE or DELETE), else None."""
    found = _WRITTEN.match(statement)
    return found.group(1).lower() if found else None


# Set while this task is inside `Database.transaction` (a nested one does not queue again).
_in_transaction: ContextVar[bool] = ContextVar("fanzine_in_transaction", default=False)


@dataclass
class Database:
    """The engine and its session factory, passed to every service that stores things."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    busy_timeout: float = 30.0
    # SQLite lets one writer in at a time, and every transaction here begins IMMEDIATE. Taking
    # turns on an asyncio lock first spares this process's tasks SQLite's busy handler, which
    # polls with sleeps of 1, 2, 5 ... 100 ms (a scheduled post's delay doubled under load).
    _turn: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)
    _reader: AsyncEngine = field(init=False, repr=False)
    # topic -> what runs after a transaction that `announce`d it commits (see `listen`).
    _listeners: dict[str, list[Callable[[], None]]] = field(default_factory=dict, init=False,
                                                            repr=False)
    # event type -> what runs after a transaction that `publish`ed such an event commits.
    _subscribers: dict[type, list[Callable[[Any], None]]] = field(default_factory=dict,
                                                                  init=False, repr=False)
    # table -> what runs when this process writes it (see `watch`).
    _watchers: dict[str, list[Callable[[], None]]] = field(default_factory=dict, init=False,
                                                           repr=False)

    def __post_init__(self) -> None:
        # The same pool, with the option that makes SQLite begin a deferred transaction.
        self._reader = self.engine.execution_options(**{READ_ONLY_OPTION: True})
        event.listen(self.engine.sync_engine, "before_cursor_execute", self._on_execute)
        # Back in the pool: the transaction has committed or rolled back (the engine's
        # "commit" event comes before the commit, when a reader could still miss the rows).
        event.listen(self.engine.sync_engine, "checkin", self._on_checkin)

    def watch(self, tables: Sequence[str], callback: Callable[[], None]) -> None:
        """Call `callback` whenever a statement of this process writes one of `tables`, and
        again once its transaction has ended (its connection back in the pool): how an
        in-memory copy of those tables learns it may be out of date (a copy read while the
        transaction was open is distrusted by the second call). Other processes' writes are
        not seen. Callbacks must not block."""
        for table in tables:
            self._watchers.setdefault(table.lower(), []).append(callback)

    def _on_execute(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not self._watchers:
            return
        table = written_table(statement)
        if table is None or table not in self._watchers:
            return
        conn.info.setdefault(_WRITES, set()).add(table)
        for callback in self._watchers[table]:
            callback()

    def _on_checkin(self, _dbapi_connection: Any, record: Any) -> None:
        if record is None:  # a connection the pool discarded
            return
        for table in record.info.pop(_WRITES, ()):
            for callback in self._watchers.get(table, ()):
                callback()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def listen(self, topic: str, callback: Callable[[], None]) -> None:
        """Call `callback` after every committed transaction that `announce`d `topic` (never
        before the commit, never after a rollback): how a worker learns there is new work."""
        self._listeners.setdefault(topic, []).append(callback)

    def subscribe(self, event_type: type[E], callback: Callable[[E], None]) -> None:
        """Call `callback(event)` after every committed transaction that `publish`ed an event
        of `event_type`, in the order published. Callbacks must not block: they note the
        event and let a background task do the work."""
        self._subscribers.setdefault(event_type, []).append(callback)

    def _committed(self, session: AsyncSession) -> None:
        for topic in session.info.pop(_ANNOUNCED, ()):
            for callback in self._listeners.get(topic, ()):
                callback()
        for change in session.info.pop(_PUBLISHED, ()):
            for subscriber in self._subscribers.get(type(change), ()):
                subscriber(change)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: commit on success, roll back on any error."""
        if self.dialect != "sqlite" or _in_transaction.get():
            async with self.sessions() as session:
                async with session.begin():
                    yield session
                self._committed(session)
            return
        try:
            async with asyncio.timeout(self.busy_timeout):
                await self._turn.acquire()
        except TimeoutError:
            raise TimeoutError(
                f"the database stayed busy for {self.busy_timeout:g} s (another transaction "
                "of this process held it)") from None
        token = _in_transaction.set(True)
        try:
            async with self.sessions() as session:
                async with session.begin():
                    yield session
                committed = session
        finally:
            _in_transaction.reset(token)
            self._turn.release()
        self._committed(committed)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A consistent snapshot for reading only; on SQLite it does not take the write lock.

        A read opened inside another read of the same task shares the outer one's session, so
        an answer built from many small look-ups pays for one transaction, not one each (keep
        such work sequential: one session must not serve two tasks at once). Writing through
        it is a bug: on SQLite the write would upgrade a deferred transaction and could fail
        with "database is locked" instead of waiting its turn.
        """
        outer = _current_read.get()
        if outer is not None:
            yield outer
            return
        async with self.sessions(bind=self._reader) as session, session.begin():
            token = _current_read.set(session)
            try:
                yield session
            finally:
                _current_read.reset(token)


@asynccontextmanager
async def open_database(raw_url: str, *, busy_timeout: float = 30.0,
                        wait: float = 0.0) -> AsyncIterator[Database]:
    """Open the engine, check that the database answers, and dispose of it at the end.

    ``wait`` is how many seconds a database that refuses connections (restarting, or not up
    yet) is waited for before giving up; a wrong password or database name fails at once."""
    url = resolve_url(raw_url)
    engine = create_engine(url, busy_timeout=busy_timeout)
    try:
        await wait_for_connection(engine, url, wait)
        yield Database(engine, async_sessionmaker(engine, expire_on_commit=False),
                       busy_timeout=busy_timeout)
    finally:
        await engine.dispose()


async def wait_for_connection(engine: AsyncEngine, url: URL, wait: float) -> None:
    """Check the connection, retrying for up to ``wait`` seconds while the failure is one a
    restarting server gives (refused, reset, starting up); then ConfigError as below."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    delay = 0.2
    warned = False
    while True:
        try:
            await check_connection(engine, url)
            return
        except ConfigError as exc:
            cause = exc.__context__
            if cause is None or not _transient(cause) or loop.time() + delay > deadline:
                raise
            if not warned:
                log.warning("%s; waiting up to %.0f s for the database", exc, wait)
                warned = True
        await asyncio.sleep(delay)
        delay = min(delay * 2, 2.0)


def _transient(exc: BaseException) -> bool:
    """A refused or cut connection, a timeout, or PostgreSQL starting up or shutting down."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (ConnectionError, TimeoutError)):
            return True
        if type(seen).__name__ == "CannotConnectNowError":  # asyncpg: starting / shutting down
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
        if seen is exc:
            break
    return False


async def check_connection(engine: AsyncEngine, url: URL) -> None:
    """Raise ConfigError with one clear line when the database cannot be reached."""
    try:
        async with engine.connect() as conn:
            await conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # any driver's failure to connect becomes one clear line
        reason = _first_line(exc)
        raise ConfigError(f"database.url: cannot connect to {safe_url(url)}: {reason}") from None


def _first_line(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    detail = text[0] if text else type(inner).__name__
    if "] " in detail and detail.startswith("("):
        detail = detail.split("] ", 1)[1]
    return detail


async def insert_ignoring_conflict(
    session: AsyncSession,
    model: type[Any],
    values: dict[str, Any] | list[dict[str, Any]],
    keys: list[str],
) -> None:
    """INSERT … ON CONFLICT (keys) DO NOTHING, for one row or many, on either database."""
    if not values:
        return
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    if isinstance(values, dict):
        await session.execute(
            insert(model).values(values).on_conflict_do_nothing(index_elements=keys)
        )
        return
    # Many rows go as parameter sets of one statement (executemany): SQLAlchemy compiles that
    # statement once and caches it, where a multi-row VALUES clause is compiled anew on every
    # call (a poll's 20 feed items: 4.6 -> 0.9 ms). The rows must all have the same keys.
    await session.execute(
        insert(model.__table__).on_conflict_do_nothing(index_elements=keys), values
    )


async def take_ids(session: AsyncSession, model: type[Any], rows: Sequence[Any]) -> None:
    """On SQLite, new rows take their ids before they are written: the highest + 1 onwards, in
    order, as SQLite gives them (no AUTOINCREMENT; the caller's transaction holds the only write
    lock). The ORM then writes them in one executemany; without ids it writes them one INSERT
    each, to read each id back (SQLite has no ordered multi-row RETURNING for it). Elsewhere
    nothing: PostgreSQL returns the ids of many rows from one INSERT."""
    if not rows or session.get_bind().dialect.name != "sqlite":
        return
    first = (await session.scalar(select(func.max(model.id))) or 0) + 1
    for offset, row in enumerate(rows):
        row.id = first + offset


async def claim_rows(session: AsyncSession, due: Select[Any], claim: Update,
                     id_column: Any) -> Sequence[Row[Any]]:
    """Claim rows for one worker: lock the ids `due` selects (its `with_for_update(
    skip_locked=True)` and limit), then run `claim` (an UPDATE … RETURNING) on exactly those.

    Two statements on purpose: as a subquery of the UPDATE, PostgreSQL may run the SKIP LOCKED
    select more than once and claim past the limit. SQLite ignores SKIP LOCKED and relies on
    BEGIN IMMEDIATE. `claim` should repeat the due condition, so that a row settled since it
    was selected is never claimed.
    """
    locked = list(await session.scalars(due))
    if not locked:
        return []
    return (await session.execute(claim.where(id_column.in_(locked)))).all()
