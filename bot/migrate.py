"""Bring the database to the latest Alembic migration (or another revision) from inside the bot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from bot.db import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# An arbitrary constant naming fanzine's migration lock among PostgreSQL advisory locks.
MIGRATION_LOCK_ID = 0x66616E7A


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    """Apply every migration up to `revision` in one transaction."""
    await _run(db, lambda cfg: command.upgrade(cfg, revision))


async def downgrade(db: Database, revision: str) -> None:
    """Undo migrations down to `revision` ("base" for an empty database)."""
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

    async with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Processes starting together would race to create the same tables; this lock,
            # released at commit, makes them migrate one after the other.
            await conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
        await conn.run_sync(run)
