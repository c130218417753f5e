"""Cluster-wide leases on both databases, and the fact learner that runs only while holding one."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from sqlalchemy import select

from bot.app import App
from bot.clock import FixedClock
from bot.db import Database
from bot.delivery.leases import Leases
from bot.models import Article, Lease

TTL = timedelta(seconds=30)


async def test_one_holder_renews_and_others_wait(db: Database, clock: FixedClock) -> None:
    leases = Leases(db)
    assert await leases.hold("job", "a", clock.now(), TTL)
    assert not await leases.hold("job", "b", clock.now(), TTL)
    clock.advance(timedelta(seconds=20))
    assert await leases.hold("job", "a", clock.now(), TTL)  # renewed: 30 s from now
    clock.advance(timedelta(seconds=20))
    assert not await leases.hold("job", "b", clock.now(), TTL)
    assert await leases.hold("other", "b", clock.now(), TTL)  # names are independent


async def test_a_lapsed_lease_is_taken_over_with_a_new_epoch(db: Database,
                                                             clock: FixedClock) -> None:
    leases = Leases(db)
    assert await leases.hold("job", "a", clock.now(), TTL)
    clock.advance(TTL + timedelta(seconds=1))  # "a" crashed and stopped renewing
    assert await leases.hold("job", "b", clock.now(), TTL)
    assert not await leases.hold("job", "a", clock.now(), TTL)
    async with db.transaction() as session:
        row = await session.scalar(select(Lease).where(Lease.name == "job"))
    assert row is not None and (row.owner, row.epoch) == ("b", 2)


async def test_a_released_lease_is_free_at_once(db: Database, clock: FixedClock) -> None:
    leases = Leases(db)
    assert await leases.hold("job", "a", clock.now(), TTL)
    await leases.release("job", "b", clock.now())  # not b's to release
    assert not await leases.hold("job", "b", clock.now(), TTL)
    await leases.release("job", "a", clock.now())
    assert await leases.hold("job", "b", clock.now(), TTL)


async def test_racing_takers_get_one_holder(db: Database, clock: FixedClock) -> None:
    leases = Leases(db)
    results = await asyncio.gather(*(leases.hold("race", f"p{i}", clock.now(), TTL)
                                     for i in range(8)))
    assert results.count(True) == 1


async def test_the_learner_learns_only_while_it_holds_the_lease(app: App) -> None:
    async with app.db.transaction() as session:
        article = Article(canonical_url="https://news.example/lease", title="Lease",
                          text="Mara Vale released her new single \"Glass Harbour\".",
                          content_hash="x" * 64)
        session.add(article)
        await session.flush()
        article_id = article.id
    holding = False

    async def lease() -> bool:
        return holding

    runner = asyncio.create_task(app.learning.run(idle=0.05, holds_lease=lease))
    try:
        await asyncio.sleep(0.3)
        assert not await _learned(app, article_id)
        holding = True
        await app.learning.wake()
        for _ in range(200):
            if await _learned(app, article_id):
                break
            await asyncio.sleep(0.05)
        assert await _learned(app, article_id)
    finally:
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner


async def _learned(app: App, article_id: int) -> bool:
    async with app.db.transaction() as session:
        article = await session.get(Article, article_id)
        return article is not None and article.learned_at is not None
