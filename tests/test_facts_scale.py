"""Resolution stays bounded on a large table: it never fetches every name of a kind; storing an
article of known names costs statements per article, not per name."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import event, insert

from bot.app import App
from bot.clock import FixedClock
from bot.db import Database
from bot.facts.names import normalise
from bot.facts.resolve import EntityResolver
from bot.models import Entity
from tests.fact_builders import add_article, extraction, release

_SYLLABLES = ["ka", "lo", "mi", "ra", "ve", "su", "tan", "or", "el", "bri", "zo", "ne", "ha",
              "qui", "do", "fe", "gu", "ja", "wy", "pe", "ix", "ul", "ce", "yo", "sha"]


def _name(rng: random.Random) -> str:
    words = [("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))).title()
             for _ in range(rng.randint(1, 3))]
    return " ".join(words)


class _Spy(EntityResolver):
    """Records how many candidate names each fuzzy look-up fetched."""

    fetched: list[int]

    async def _candidates(self, kind: str, norm: str,
                          artist_id: int | None) -> list[tuple[int, str]]:
        rows = await super()._candidates(kind, norm, artist_id)
        self.fetched.append(len(rows))
        return rows


async def test_resolving_a_new_name_among_thousands(db: Database, clock: FixedClock) -> None:
    rng = random.Random(7)
    now = clock.now()
    artists = [{"kind": "artist", "name": n, "norm_name": normalise(n), "created_at": now}
               for n in {_name(rng) for _ in range(2500)}]
    async with db.transaction() as session:
        for start in range(0, len(artists), 500):
            await session.execute(insert(Entity), artists[start:start + 500])
    async with db.transaction() as session:
        # Artists got ids 1..n: each of the first 250 gets about ten releases.
        releases = [{"kind": "release", "name": n, "norm_name": normalise(n),
                     "artist_id": 1 + i % 250, "created_at": now}
                    for i, n in enumerate(_name(rng) for _ in range(2500))]
        for start in range(0, len(releases), 500):
            await session.execute(insert(Entity), releases[start:start + 500])
    total = len(artists) + len(releases)
    assert total > 4500

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with db.transaction() as session:
            resolver = _Spy(session, now)
            resolver.fetched = []
            created = await resolver.resolve("artist", "Mara Vale")
            release = await resolver.resolve("release", "Glass Harbour", created.entity.id)
            known = await resolver.resolve("release", "Glass Harbour Demo", 3)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert (created.how, release.how, known.how) == ("new", "new", "new")
    # Same first letter and a length window: a few percent of the names, never the table.
    assert 0 < resolver.fetched[0] < len(artists) / 10
    # A release of a known artist: that artist's releases (about ten) and artist-less ones.
    assert resolver.fetched[1] == 0
    assert resolver.fetched[2] <= 20
    assert len(statements) < 25


async def test_restating_known_releases_costs_statements_per_article_not_per_name(
        app: App) -> None:
    """An article restating releases the base knows: resolving, settling and carrying dates
    onto the releases read them together (issue 15 item 5: statements per stored fact)."""

    def story(count: int) -> list[Any]:
        return [release(f"Title {k}", f"2027-03-{1 + k % 28:02d}") for k in range(count)]

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    used: dict[int, int] = {}
    for size in (5, 30):
        first = await add_article(app.db, "2026-11-20", f"first-{size}")
        await app.facts.store_extraction(first, extraction(*story(size)))
        again = await add_article(app.db, "2026-11-21", f"again-{size}")
        statements.clear()
        event.listen(app.db.engine.sync_engine, "before_cursor_execute", count)
        try:
            result = await app.facts.store_extraction(again, extraction(*story(size)))
        finally:
            event.remove(app.db.engine.sync_engine, "before_cursor_execute", count)
        assert result.entities_created == 0 and result.facts_added == 3 * size
        used[size] = len(statements)
    # Six times the names, the same statements (one a name before: 100 more for 25 names).
    assert used[30] <= used[5] + 2, used
