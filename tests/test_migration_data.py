"""Migrations keep stored rows: filled tables upgraded from every revision, and downgrades."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from alembic.script import ScriptDirectory

from bot.db import Database, open_database
from bot.migrate import alembic_config, current_revision, head_revision, upgrade
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
