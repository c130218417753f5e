"""Kinds and states are closed sets: the database refuses another value (migration 0014)."""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from types import ModuleType

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.db import Database, open_database
from bot.delivery.origin import KINDS as ORIGIN_KINDS
from bot.kinds_and_states import EntityKind, PostOrigin
from bot.migrate import (
    MIGRATIONS_DIR,
    MigrationError,
    current_revision,
    head_revision,
    upgrade,
)
from bot.models import Base, Entity, Fact
from tests.migration_rows import fill, snapshot


def _revision_0014() -> ModuleType:
    path = MIGRATIONS_DIR / "versions" / "0014_state_checks.py"
    spec = importlib.util.spec_from_file_location("revision_0014", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECKS: dict[str, dict[str, tuple[str, ...]]] = _revision_0014().CHECKS
COLUMNS = [(table, column) for table, columns in CHECKS.items() for column in columns]


@pytest.fixture
async def bare(db_url: str) -> AsyncIterator[Database]:
    async with open_database(db_url) as database:
        yield database


def _model_checks() -> dict[tuple[str, str], str]:
    return {(table.name, str(c.name)): str(c.sqltext)
            for table in Base.metadata.tables.values()
            for c in table.constraints if isinstance(c, sa.CheckConstraint)}


def test_the_models_declare_what_the_migration_checks() -> None:
    # Alembic's comparison leaves CHECKs out: the models' enums and 0014's lists are compared
    # here, so adding a state to an enum without a migration fails a test, not a deployment.
    declared = _model_checks()
    for table, column in COLUMNS:
        values = ", ".join(f"'{v}'" for v in CHECKS[table][column])
        assert declared[(table, f"ck_{table}_{column}")] == f"{column} IN ({values})"
    assert {name for _, name in declared} - {f"ck_{t}_{c}" for t, c in COLUMNS} \
        == {"ck_articles_text_from"}


def test_a_posts_origin_kinds_are_the_stored_ones() -> None:
    assert set(ORIGIN_KINDS) == set(PostOrigin)


async def test_upgrade_keeps_stored_rows_then_refuses_an_unknown_value(bare: Database) -> None:
    await upgrade(bare, "0013")
    await fill(bare)
    before = await snapshot(bare)

    await upgrade(bare)

    assert await current_revision(bare) == head_revision()
    assert await snapshot(bare) == before
    for table, column in COLUMNS:
        # "other" is none of the values, and fits the shortest column (VARCHAR(8)).
        assert "other" not in CHECKS[table][column]
        with pytest.raises(IntegrityError):
            async with bare.engine.begin() as conn:
                await conn.execute(sa.text(f"UPDATE {table} SET {column} = 'other'"))
    assert await snapshot(bare) == before


async def test_an_unknown_stored_value_stops_the_upgrade_in_one_line(bare: Database) -> None:
    await upgrade(bare, "0013")
    await fill(bare)
    async with bare.engine.begin() as conn:  # 0013 had no CHECK: any value could be stored
        await conn.execute(sa.text("UPDATE feeds SET state = 'paused'"))
    before = await snapshot(bare)

    with pytest.raises(MigrationError) as refused:
        await upgrade(bare)

    feeds = len(before["feeds"])
    assert str(refused.value) == (
        "migration rolled back, nothing changed: migration 0014 allows only known values in "
        f"feeds.state, and rows hold others ('paused': {feeds}); correct or remove those rows "
        "first")
    assert await current_revision(bare) == "0013"
    assert await snapshot(bare) == before


async def test_an_insert_with_an_unknown_status_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            subject = Entity(kind=EntityKind.ARTIST, name="Velvet Static",
                             norm_name="velvet static")
            session.add(subject)
            await session.flush()
            session.add(Fact(subject_id=subject.id, predicate="label",
                             object_text="Moth Records", status="maybe"))
    async with db.transaction() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(Fact))).scalar() \
            == 0
