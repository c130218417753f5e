"""Learning from stored articles: run the extractor off the event loop and store its facts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from sqlalchemy import select, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.extract.extractor import extract
from bot.extract.model import Extraction
from bot.facts.names import normalise
from bot.facts.store import FactStore, StoreResult
from bot.kinds_and_states import EntityKind
from bot.models import Alias, Article, Entity

log = logging.getLogger(__name__)
# Told which articles were learned and what was stored (the schedule's re-planner).
LearnedListener = Callable[[Sequence[int], StoreResult], Awaitable[None]]
_WORD = re.compile(r"[\w'’&.-]+")
# "Mara Vale's new single" names Mara Vale.
_POSSESSIVE = re.compile(r"['’]s$")
# Names of up to this many words are looked up in the fact base as known artists.
MAX_NAME_WORDS = 5


class ArticleFacts:
    """Extracts and stores the facts of new articles; a failure on one never stops the rest.

    Feeds only store articles; a background worker learns them (`run`), so a poll stays fast
    and an article stored just before a crash is still learned after the restart.
    """

    def __init__(self, db: Database, store: FactStore, clock: Clock,
                 on_learned: LearnedListener | None = None) -> None:
        self.db = db
        self.store = store
        self.clock = clock
        self.on_learned = on_learned
        self._wake = asyncio.Event()

    async def wake(self, article_ids: Sequence[int] = ()) -> None:
        """New articles were stored: let the worker look now instead of at its next round."""
        self._wake.set()

    async def run(self, idle: float = 30.0, *,
                  holds_lease: Callable[[], Awaitable[bool]] | None = None,
                  stop: asyncio.Event | None = None) -> None:
        """Learn pending articles until stopped; with `holds_lease`, only while it says this
        process holds the cluster's learning lease (one learner at a time, renewed each round).
        `stop` ends it after the round under way (set it, then `wake`)."""
        while stop is None or not stop.is_set():
            try:
                leader = holds_lease is None or await holds_lease()
                done = await self.learn_pending() if leader else 0
            except Exception:
                log.exception("learning from articles failed; retrying shortly")
                done = 0
            if not done:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), idle)
                self._wake.clear()

    async def learn_pending(self, limit: int = 20) -> int:
        """Learn up to `limit` articles whose facts are not stored yet; returns how many."""
        async with self.db.transaction() as session:
            ids = list(await session.scalars(
                select(Article.id).where(Article.learned_at.is_(None))
                .order_by(Article.id).limit(limit)))
        await self.learn(ids)
        return len(ids)

    async def learn(self, article_ids: Sequence[int]) -> StoreResult:
        total = StoreResult()
        for article_id in article_ids:
            try:
                result = await self.learn_one(article_id)
            except Exception:
                log.exception("facts of article %s were not stored", article_id)
                await self._give_up(article_id)
                continue
            total.entities_created += result.entities_created
            total.facts_added += result.facts_added
            total.changes.extend(result.changes)
        if self.on_learned is not None and article_ids:
            await self.on_learned(article_ids, total)
        return total

    async def relearn(self, article_id: int) -> StoreResult:
        """The article's publication date changed: learn it again, its facts replacing what
        it said before (in one transaction), so the dates it gave relative to its date
        ("next Friday") follow; then the schedules are re-planned as after any learning."""
        result = await self.learn_one(article_id, replace=True)
        if self.on_learned is not None:
            await self.on_learned([article_id], result)
        return result

    async def learn_one(self, article_id: int, *, replace: bool = False) -> StoreResult:
        # The article and the artists known in it in one read (a transaction fewer a page).
        async with self.db.read() as session:
            found = (await session.execute(
                select(Article.text, Article.title, Article.link, Article.published_at)
                .where(Article.id == article_id))).first()
            if found is None:
                return StoreResult()
            text, title, url, published_at = found
            known = await self._known_artists(session, text)
        published = published_at.date() if published_at else None
        extraction = await asyncio.to_thread(extract, text, published=published, url=url,
                                             title=title, known_artists=known)
        # The facts and the learned mark in one transaction (storing twice would be harmless:
        # facts are unique per article).
        return await self.store.store_extraction(article_id, extraction, replace=replace,
                                                 learned_at=self.clock.now())

    async def _give_up(self, article_id: int) -> None:
        # Marked as learned, so one article the rules trip on is not retried in a loop.
        async with self.db.transaction() as session:
            await session.execute(update(Article).where(Article.id == article_id)
                                  .values(learned_at=self.clock.now()))

    async def extract(self, text: str, *, title: str | None, url: str | None,
                      published: date | None) -> Extraction:
        """The extraction of one text, with the artists the fact base already knows in it."""
        known = await self.known_artists(text)
        # Rules over a whole article are CPU work: a thread keeps the gateway's heartbeats
        # and the other commands going meanwhile.
        return await asyncio.to_thread(extract, text, published=published, url=url,
                                       title=title, known_artists=known)

    async def known_artists(self, text: str) -> list[str]:
        """Artist names (and aliases) from the fact base that appear in the text."""
        async with self.db.read() as session:
            return await self._known_artists(session, text)

    async def _known_artists(self, session: AsyncSession, text: str) -> list[str]:
        candidates = _ngrams(text)
        if not candidates:
            return []
        # The name index says which of the article's thousands of n-grams name an artist
        # (no statement but its catch-up); only those few are read for their spellings.
        named = sorted(await self.store.names.having(session, candidates, EntityKind.ARTIST))
        found: set[str] = set()
        for start in range(0, len(named), 500):
            chunk = named[start:start + 500]
            found.update(await session.scalars(union_all(
                select(Entity.name).where(Entity.kind == EntityKind.ARTIST,
                                          Entity.norm_name.in_(chunk)),
                select(Alias.name).join(Entity, Entity.id == Alias.entity_id)
                .where(Entity.kind == EntityKind.ARTIST, Alias.norm_name.in_(chunk)))))
        return sorted(found)


def _ngrams(text: str) -> list[str]:
    # Each word is normalised once and the runs joined: the same as normalising each run
    # (normalising folds case and punctuation word by word), at a fifth of the cost.
    cache: dict[str, str] = {}
    words = [cache[w] if w in cache else cache.setdefault(w, normalise(_POSSESSIVE.sub("", w)))
             for w in _WORD.findall(text[:20000])]
    words = [w for w in words if w]
    grams: set[str] = set()
    for size in range(1, MAX_NAME_WORDS + 1):
        for start in range(len(words) - size + 1):
            grams.add(" ".join(words[start:start + size]))
    return sorted(grams)
