"""The one lease scheme of every kind of claimed work: rows claimed by one process for a while
(outbox posts, schedule rows, feeds: `RowLease`) and named cluster-wide leases for singleton
work (the `leases` table: `Leases`). Both name their holder by `process_owner()`, carry an
expiry, lapse when their holder dies, and are released by owner, never by a timestamp."""

from __future__ import annotations

import os
import secrets
import socket
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_, update

from bot.db import Database, insert_ignoring_conflict
from bot.models import Lease


def process_owner() -> str:
    """The owner id of this process's claims and leases (host, pid and a random part): one per
    process, made at the composition root, so every kind of claimed work names it the same."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


class RowLease:
    """The lease columns (`lease_owner`, `lease_until`) of a table whose rows processes claim.

    A row is free when it has no lease or its lease has lapsed; a claim writes the owner and
    the lease's end; the owner renews it while the work runs and clears it when the work is
    done; a graceful stop releases the rows the owner still holds, and only those."""

    def __init__(self, model: Any) -> None:
        self.owner: Any = model.lease_owner
        self.until: Any = model.lease_until

    def free(self, now: datetime) -> ColumnElement[bool]:
        """No lease, or one that has lapsed: the row may be claimed."""
        return or_(self.until.is_(None), self.until < now)

    def held_by(self, owner: str, now: datetime) -> ColumnElement[bool]:
        """`owner`'s lease, still holding at `now` (a fence before doing the work)."""
        return and_(self.owner == owner, self.until >= now)

    def mine(self, owner: str) -> ColumnElement[bool]:
        """Leased to `owner`, lapsed or not (what a stop or a finished job clears)."""
        return self.owner == owner  # type: ignore[no-any-return]

    @staticmethod
    def claim(owner: str, now: datetime, ttl: timedelta) -> dict[str, Any]:
        """The values of a claim (or a renewal) for `owner` until `now + ttl`."""
        return {"lease_owner": owner, "lease_until": now + ttl}

    @staticmethod
    def cleared() -> dict[str, Any]:
        """The values of no lease: the work is done, or given back."""
        return {"lease_owner": None, "lease_until": None}


class Leases:
    """Leader election for whole-cluster singleton work, on either database: the holder renews
    before `ttl` runs out; when it stops renewing (a crash), the next caller takes over and
    the lease's epoch goes up."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def hold(self, name: str, owner: str, now: datetime, ttl: timedelta) -> bool:
        """Take or renew `name` for `owner`; True while `owner` holds it."""
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(session, Lease, {
                "name": name, "owner": owner, "until": now + ttl, "epoch": 1}, ["name"])
            # PostgreSQL re-checks the WHERE after waiting for a racing taker's row lock;
            # SQLite's BEGIN IMMEDIATE lets one writer in at a time.
            result = await session.execute(
                update(Lease)
                .where(Lease.name == name, or_(Lease.owner == owner, Lease.until < now))
                .values(owner=owner, until=now + ttl,
                        epoch=case((Lease.owner == owner, Lease.epoch), else_=Lease.epoch + 1))
            )
        return int(getattr(result, "rowcount", 0) or 0) == 1

    async def release(self, name: str, owner: str, now: datetime) -> None:
        """Let go of `name` (if `owner` holds it), so another process may take it at once."""
        async with self._db.transaction() as session:
            await session.execute(update(Lease).where(Lease.name == name, Lease.owner == owner)
                                  .values(until=now - timedelta(microseconds=1)))
