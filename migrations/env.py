"""Alembic environment: runs on the bot's own connection, or opens one from the configuration."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection

from bot.models import Base
from bot.models.base import UTCDateTime
from bot.models.ingest import declared_by_models

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Render our UTCDateTime as a plain DateTime, so migrations never import the models."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
        # The full-text tables, column and index of 0006 are not in the models.
        include_name=declared_by_models,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_configuration() -> None:
    from bot.config import load_settings
    from bot.db import open_database
    from bot.migrate import migrating

    settings = load_settings()
    # The same connection the bot migrates on: SQLite foreign keys off, then checked.
    async with open_database(settings.database_url) as db, migrating(db) as conn:
        await conn.run_sync(run_on)


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run `fanzine db upgrade`")

connection = config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(run_from_configuration())
