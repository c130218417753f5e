"""Named cluster-wide leases (the `leases` table): one holder at a time, taken over once lapsed."""

from __future__ import annotations

import os
import secrets
import socket
from datetime import datetime, timedelta

from sqlalchemy import case, or_, update

from bot.db import Database, insert_ignoring_conflict
from bot.models import Lease


def process_owner() -> str:
    """The owner id of this process's claims and leases (host, pid and a random part): one per
    process, made at the composition root, so every kind of claimed work names it the same."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


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
