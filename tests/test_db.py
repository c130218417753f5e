"""The database layer: URL checks, SQLite's settings, no lost updates under concurrency."""

from __future__ import annotations

import asyncio
import logging
import socket
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL, make_url

from bot.db import Database, open_database, resolve_url
from bot.errors import ConfigError
from bot.models import GuildSettingsRow
from tests.conftest import PG_URL


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://root@localhost/x", "unsupported database 'mysql'"),
        ("not a url at all", "not a database URL"),
        ("sqlite+aiosqlite://", "SQLite needs a file path"),
        ("postgresql+asyncpg://postgres@127.0.0.1:5432", "names no database"),
    ],
)
def test_bad_urls_are_explained(url: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=r"database\.url") as caught:
        resolve_url(url)
    assert fragment in str(caught.value)


def test_plain_driver_names_get_async_drivers() -> None:
    assert resolve_url("postgresql://u@h/d").drivername == "postgresql+asyncpg"
    assert resolve_url("sqlite:///x.db").drivername == "sqlite+aiosqlite"
    assert resolve_url("").database == "data/fanzine.sqlite3"


async def test_unreachable_database_is_one_line() -> None:
    with pytest.raises(ConfigError) as caught:
        async with open_database("postgresql+asyncpg://nobody:secret@127.0.0.1:1/none"):
            pass
    message = str(caught.value)
    assert message.startswith("database.url: cannot connect to")
    assert "secret" not in message and "\n" not in message


async def test_a_refusing_database_is_waited_for_then_explained(
        caplog: pytest.LogCaptureFixture) -> None:
    url = f"postgresql+asyncpg://nobody:secret@127.0.0.1:{_closed_port()}/none"
    with caplog.at_level(logging.WARNING, logger="bot.db"), pytest.raises(ConfigError) as caught:
        async with open_database(url, wait=0.5):
            pass
    assert str(caught.value).startswith("database.url: cannot connect to")
    waits = [r for r in caplog.records if "waiting up to" in r.getMessage()]
    assert len(waits) == 1 and "secret" not in waits[0].getMessage()


async def test_a_database_that_comes_up_while_waited_for_is_used(
        caplog: pytest.LogCaptureFixture) -> None:
    """The bot started while PostgreSQL restarts: connections are refused until a server
    listens on the port (here a forwarder to the test server, started once the bot waits)."""
    target = make_url(PG_URL)
    if await _postgres_down(target):
        pytest.skip("PostgreSQL is not reachable")
    port = _closed_port()
    url = target.set(port=port).render_as_string(hide_password=False)
    with caplog.at_level(logging.WARNING, logger="bot.db"):
        opening = asyncio.create_task(_select_one(url))
        while not any("waiting up to" in r.getMessage() for r in caplog.records):
            assert not opening.done(), opening.result()
            await asyncio.sleep(0.02)
        forwarder = await asyncio.start_server(
            lambda r, w: _forward(r, w, target.host or "127.0.0.1", target.port or 5432),
            "127.0.0.1", port)
        async with forwarder:
            assert await asyncio.wait_for(opening, 30) == 1


async def test_a_wrong_database_name_is_not_waited_for(caplog: pytest.LogCaptureFixture) -> None:
    target = make_url(PG_URL)
    if await _postgres_down(target):
        pytest.skip("PostgreSQL is not reachable")
    url = target.set(database="fanzine_no_such_database").render_as_string(hide_password=False)
    with caplog.at_level(logging.WARNING, logger="bot.db"), pytest.raises(ConfigError) as caught:
        async with open_database(url, wait=600):
            pass
    assert "fanzine_no_such_database" in str(caught.value)
    assert not any("waiting up to" in r.getMessage() for r in caplog.records)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _postgres_down(url: URL) -> bool:
    try:
        _, writer = await asyncio.open_connection(url.host or "127.0.0.1", url.port or 5432)
    except OSError:
        return True
    writer.close()
    return False


async def _select_one(url: str) -> int:
    async with open_database(url, wait=60) as db, db.engine.connect() as conn:
        return int((await conn.exec_driver_sql("SELECT 1")).scalar_one())


async def _forward(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                   port: int) -> None:
    upstream_reader, upstream_writer = await asyncio.open_connection(host, port)

    async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except ConnectionError:
            pass
        finally:
            sink.close()

    await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_sqlite_settings(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
        assert (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1
        busy_timeout = (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar()
        assert busy_timeout is not None and busy_timeout >= 1000


async def test_concurrent_read_modify_write_loses_nothing(db: Database) -> None:
    # Without BEGIN IMMEDIATE, SQLite silently loses most of these increments.
    async with db.transaction() as session:
        session.add(GuildSettingsRow(guild_id=1, post_hour=0))

    async def bump(times: int) -> None:
        for _ in range(times):
            async with db.transaction() as session:
                row = await session.scalar(
                    select(GuildSettingsRow).where(GuildSettingsRow.guild_id == 1)
                    .with_for_update()
                )
                assert row is not None
                row.post_hour += 1

    await asyncio.gather(*(bump(10) for _ in range(4)))
    async with db.transaction() as session:
        row = await session.get(GuildSettingsRow, 1)
        assert row is not None and row.post_hour == 40


async def test_default_sqlite_file_is_created_under_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with open_database("") as db:
        assert db.dialect == "sqlite"
    assert (tmp_path / "data" / "fanzine.sqlite3").exists()


async def test_a_read_does_not_wait_for_a_writer(db: Database) -> None:
    # A fan's question must not queue behind a feed poll's write transaction (on SQLite the
    # writer holds the one write lock; a read takes a WAL snapshot instead).
    async with db.transaction() as session:
        session.add(GuildSettingsRow(guild_id=7, post_hour=3))
    writer_inside, reader_done = asyncio.Event(), asyncio.Event()

    async def write() -> None:
        async with db.transaction() as session:
            row = await session.get(GuildSettingsRow, 7)
            assert row is not None
            row.post_hour = 4
            await session.flush()
            writer_inside.set()
            await asyncio.wait_for(reader_done.wait(), 10)

    async def read() -> int:
        await writer_inside.wait()
        async with db.read() as session:
            row = await session.get(GuildSettingsRow, 7)
            assert row is not None
            hour = row.post_hour
        reader_done.set()
        return hour

    _, seen = await asyncio.gather(write(), read())
    assert seen == 3  # the committed value, not the writer's unfinished one
    async with db.read() as session:
        row = await session.get(GuildSettingsRow, 7)
        assert row is not None and row.post_hour == 4


async def test_sqlite_transactions_take_turns_in_process(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'turns.sqlite3'}"
    async with open_database(url, busy_timeout=0.2) as database:
        order: list[str] = []
        holding = asyncio.Event()

        async def first() -> None:
            async with database.transaction():
                order.append("first in")
                holding.set()
                await asyncio.sleep(0.05)
                order.append("first out")

        async def second() -> None:
            await holding.wait()
            async with database.transaction():
                order.append("second in")

        await asyncio.gather(first(), second())
        assert order == ["first in", "first out", "second in"]

        async def hog() -> None:
            async with database.transaction():
                holding.set()
                await asyncio.sleep(1)

        holding.clear()
        task = asyncio.create_task(hog())
        await holding.wait()
        with pytest.raises(TimeoutError, match=r"stayed busy for 0\.2 s"):
            async with database.transaction():
                pass
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_process_opening_a_new_file_another_one_is_writing_waits(tmp_path: Path) -> None:
    """Processes started together on a new SQLite file: while the first writes (migrating, in
    rollback mode still), SQLite refuses the second's switch to WAL at once, without its busy
    handler; the second waits for the lock instead of failing with "database is locked"."""
    path = tmp_path / "fanzine.sqlite3"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("CREATE TABLE t (x)")
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO t VALUES (1)")
    releases = threading.Timer(0.5, lambda: first.execute("COMMIT"))
    releases.start()
    try:
        async with open_database(f"sqlite+aiosqlite:///{path}", busy_timeout=10) as db, \
                db.read() as session:
            assert await session.scalar(text("SELECT count(*) FROM t")) == 1
    finally:
        releases.join()
        first.close()
