"""Migrations go up, down and up again on both databases, and agree with the models."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.db import Database, open_database
from bot.migrate import current_revision, downgrade, head_revision, upgrade
from bot.models import Base
from bot.models.ingest import declared_by_models


async def _tables(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_upgrade_downgrade_upgrade(db: Database) -> None:
    assert await current_revision(db) == head_revision()
    expected = set(Base.metadata.tables)
    assert expected <= await _tables(db)

    await downgrade(db, "base")
    assert await current_revision(db) is None
    assert not (expected & await _tables(db))

    await upgrade(db)
    assert await current_revision(db) == head_revision()
    assert expected <= await _tables(db)


async def test_models_and_migrations_agree(db: Database) -> None:
    def diff(connection: object) -> list[object]:
        context = MigrationContext.configure(
            connection,  # type: ignore[arg-type]
            opts={"compare_type": True, "target_metadata": Base.metadata,
                  "include_name": declared_by_models},
        )
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []


async def test_upgrade_twice_is_harmless(db: Database) -> None:
    await upgrade(db)
    assert await current_revision(db) == head_revision()


async def test_processes_starting_together_migrate_once(db_url: str) -> None:
    async def start() -> str | None:
        async with open_database(db_url) as database:
            await upgrade(database)
            return await current_revision(database)

    assert list(await asyncio.gather(start(), start(), start())) == [head_revision()] * 3
