"""Shared fixtures: settings, a fresh database on SQLite and on PostgreSQL, and the app."""


from __future__ import annotations

import asyncio
import os
import queue
import secrets
import shutil
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.app import App, open_app
from bot.clock import FixedClock
from bot.config import Settings, load_settings
from bot.db import Database, open_database
from bot.migrate import upgrade

pytest_plugins = ["tests.fake_discord.fixtures", "tests.feed_server", "tests.discord_world"]

PG_URL = os.environ.get(
    "FANZINE_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
# .ci/run sets this, so that CI fails rather than skips when PostgreSQL is missing.
REQUIRE_PG = os.environ.get("FANZINE_TEST_REQUIRE_POSTGRES") == "1"
_pg_state: dict[str, str | None] = {}
# Store tests skipped for want of PostgreSQL, gathered from the test reports (not by the fixture)
# so that the note below also counts them when pytest-xdist runs the tests in worker processes.
_pg_skipped: list[str] = []
_PG_SKIP = "PostgreSQL not reachable at "


def _asyncpg_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _postgres_problem() -> str | None:
    """None when the test PostgreSQL answers, else why not (checked once per run)."""
    if "problem" not in _pg_state:
        try:
            conn = await asyncpg.connect(_asyncpg_dsn(PG_URL), timeout=5)
            await conn.close()
            _pg_state["problem"] = None
        except (OSError, asyncpg.PostgresError) as exc:
            _pg_state["problem"] = f"{type(exc).__name__}: {exc}"
    return _pg_state["problem"]


# Databases brought to the latest migration once per test process, copied for each test that
# takes `db` or `app` (whose fixtures would migrate its new database first thing anyway): a
# SQLite file, and a PostgreSQL database used as the TEMPLATE of CREATE DATABASE.
_migrated: dict[str, str] = {}


def _starts_migrated(request: pytest.FixtureRequest) -> bool:
    """Whether the test's first use of its database is the `db` or `app` fixture's upgrade."""
    return "db" in request.fixturenames or "app" in request.fixturenames


async def _sqlite_migrated() -> Path:
    if "sqlite" not in _migrated:
        path = Path(tempfile.mkdtemp(prefix="fanzine-migrated-")) / "head.sqlite3"
        async with open_database(f"sqlite+aiosqlite:///{path}") as database:
            await upgrade(database)
        # Closed cleanly: the write-ahead log is folded into the file, so the file is all.
        assert not path.with_name(path.name + "-wal").exists()
        _migrated["sqlite"] = str(path)
    return Path(_migrated["sqlite"])


async def _postgres_migrated() -> str:
    if "postgresql" not in _migrated:
        name = f"fanzine_template_{secrets.token_hex(6)}"
        admin = await asyncpg.connect(_asyncpg_dsn(PG_URL))
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        _migrated["postgresql"] = name  # dropped at the end of the session, even half made
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        async with open_database(url) as database:
            await upgrade(database)
    return _migrated["postgresql"]


async def _drop_postgres(name: str) -> None:
    admin = await asyncpg.connect(_asyncpg_dsn(PG_URL))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


class _Dropper:
    """Drops each test's PostgreSQL database in a thread of its own once the test is over, so
    that the next test need not wait for the DROP; all are dropped by the end of the session."""

    def __init__(self) -> None:
        self.names: queue.Queue[str | None] = queue.Queue()
        self.failures: list[str] = []
        self.thread: threading.Thread | None = None

    def drop(self, name: str) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="drop-test-databases",
                                           daemon=True)
            self.thread.start()
        self.names.put(name)

    def _run(self) -> None:
        while (name := self.names.get()) is not None:
            try:
                asyncio.run(_drop_postgres(name))
            except Exception as exc:  # reported at the end of the session
                self.failures.append(f"{name}: {type(exc).__name__}: {exc}")

    def finish(self) -> list[str]:
        """Wait for every drop asked for; what failed."""
        if self.thread is not None:
            self.names.put(None)
            self.thread.join()
            self.thread = None
        return self.failures


_dropper = _Dropper()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Finish dropping test databases, and drop this process's migrated copies (in each
    pytest-xdist worker, and without xdist). A database that could not be dropped fails the run."""
    failures = _dropper.finish()
    folder = _migrated.pop("sqlite", None)
    if folder:
        shutil.rmtree(Path(folder).parent, ignore_errors=True)
    name = _migrated.pop("postgresql", None)
    if name:
        asyncio.run(_drop_postgres(name))
    if failures:
        raise RuntimeError("test databases not dropped: " + "; ".join(failures))


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A URL to a new database of each kind, dropped afterwards (PostgreSQL's while the next
    tests run, all by the end of the session): empty, or for a test taking `db` or `app`, a
    copy of one already at the latest migration (as those fixtures leave it)."""
    migrated = _starts_migrated(request)
    if request.param == "sqlite":
        path = tmp_path / "fanzine.sqlite3"
        if migrated:
            shutil.copyfile(await _sqlite_migrated(), path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    problem = await _postgres_problem()
    if problem:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL is required (FANZINE_TEST_REQUIRE_POSTGRES=1): {problem}")
        pytest.skip(f"{_PG_SKIP}{PG_URL}: {problem}")
    name = f"fanzine_test_{secrets.token_hex(6)}"
    template = f' TEMPLATE "{await _postgres_migrated()}"' if migrated else ""
    admin = await asyncpg.connect(_asyncpg_dsn(PG_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"{template}')
    finally:
        await admin.close()
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _dropper.drop(name)


@pytest.fixture
def test_env(db_url: str, tmp_path: Path) -> dict[str, str]:
    """Environment for the bot under test: its own database, no developer override file."""
    override = tmp_path / "override.toml"
    override.write_text("", encoding="utf-8")
    return {
        "FANZINE_DATABASE_URL": db_url,
        "FANZINE_CONFIG": str(override),
        "FANZINE_SHELL_HISTORY_FILE": str(tmp_path / "history"),
        "FANZINE_SHELL_LOG_FILE": str(tmp_path / "shell.log"),
    }


@pytest.fixture
def settings(test_env: dict[str, str]) -> Settings:
    return load_settings(test_env)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Database]:
    async with open_database(settings.database_url) as database:
        await upgrade(database)  # already at the latest migration (db_url): a quick look
        yield database


@pytest.fixture
async def app(settings: Settings, clock: FixedClock) -> AsyncIterator[App]:
    async with open_app(settings, clock) as application:
        yield application


@pytest.fixture
def cli_env(test_env: dict[str, str]) -> Iterator[dict[str, str]]:
    """A clean process environment for running `python -m bot` as a user would."""
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith("FANZINE_") and k != "DISCORD_TOKEN"}
    yield {**keep, **test_env}


# Modules whose tests take a minute or more each and come late in name order: run first, so that
# pytest-xdist hands them out to different workers at the start instead of one worker finishing
# them long after the others are done. Only the order changes.
LONG_FIRST = ("test_soak.py", "test_slow_sends.py", "test_walkthrough.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name not in LONG_FIRST)  # stable: otherwise in order


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note each store test skipped for want of PostgreSQL, and why, for the summary below. In
    the main process, so also when pytest-xdist's workers ran the tests."""
    if not report.skipped:
        return
    longrepr = report.longrepr  # (path, line, "Skipped: reason") for a skip
    message = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    if _PG_SKIP in message:
        _pg_skipped.append(report.nodeid)
        _pg_state.setdefault("skip_reason", message.split(f"{PG_URL}: ", 1)[-1])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _pg_skipped:
        terminalreporter.write_sep(
            "!", f"PostgreSQL half SKIPPED: {len(_pg_skipped)} store tests ran on SQLite only"
        )
        terminalreporter.write_line(
            f"PostgreSQL was not reachable at {PG_URL} ({_pg_state.get('skip_reason')}). "
            "Start it, or point FANZINE_TEST_POSTGRES_URL at one; CI requires it."
        )
