"""A throw-away database for one benchmark run: a SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
KINDS = ("sqlite", "postgresql")


def _asyncpg_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@asynccontextmanager
async def scratch_database(kind: str, workdir: Path,
                           postgres_url: str = DEFAULT_POSTGRES_URL) -> AsyncIterator[str]:
    """The URL of a new, empty database of `kind`; a PostgreSQL one is dropped at the end.

    `postgres_url` names a server and a database to connect to while creating and dropping
    (as tests/conftest.py does); the benchmark's own database gets a random name.
    """
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{workdir / 'bench.sqlite3'}"
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database kind {kind!r}; known: {', '.join(KINDS)}")
    name = f"fanzine_bench_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(_asyncpg_dsn(postgres_url), timeout=10)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    finally:
        admin = await asyncpg.connect(_asyncpg_dsn(postgres_url), timeout=10)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

# Rows per executemany when a benchmark bulk-loads its synthetic data.
CHUNK = 20_000


def chunks(rows: Iterator[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    """Rows in lists of `size` (the last one shorter), for executemany batches."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def bench_environment(workdir: Path, url: str, **extra: str) -> dict[str, str]:
    """The variables a benchmark's app runs with: its scratch database, an empty override file
    (never a developer's `config/local.toml`), the shell history in the work folder, `extra`."""
    override = workdir / "override.toml"
    override.write_text("", encoding="utf-8")
    return {"FANZINE_CONFIG": str(override), "FANZINE_DATABASE_URL": url,
            "FANZINE_SHELL_HISTORY_FILE": str(workdir / "history"), **extra}
