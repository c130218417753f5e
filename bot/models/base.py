"""Declarative base, constraint naming convention and the column types shared by all tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Integer, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Named constraints let Alembic's SQLite batch mode find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Autoincrementing keys: BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
IdType = BigInteger().with_variant(Integer(), "sqlite")
# Discord ids (snowflakes) fit a signed 64-bit integer.
Snowflake = BigInteger


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on both databases (SQLite stores it naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Base of every model; its metadata is what Alembic compares the migrations with."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def one_of(column: str, values: Iterable[str]) -> CheckConstraint:
    """A CHECK that the column holds one of the values (or NULL): the database refuses a state
    or kind the code does not know, whoever writes it. Named `ck_<table>_<column>`."""
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)
