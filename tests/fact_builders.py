"""Articles and extractions we write by hand for the fact base tests (Mara Vale, Glass Harbour)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.db import Database
from bot.extract.model import ArticleInfo, ArtistMention, Event, Extraction, Release
from bot.models import Alias, Entity, Fact
from bot.models import Article as ArticleRow
from bot.partial_dates import PartialDate


async def add_article(db: Database, published: str, slug: str | None = None) -> int:
    """An article row published on `published` (YYYY-MM-DD); its id."""
    slug = slug or f"story-{published}"
    async with db.transaction() as session:
        row = ArticleRow(
            canonical_url=f"https://news.example/{slug}", title=slug,
            published_at=datetime.fromisoformat(published).replace(tzinfo=UTC),
            text=f"text of {slug}", content_hash=hashlib.sha256(slug.encode()).hexdigest(),
        )
        session.add(row)
        await session.flush()
        return row.id


def release(title: str = "Glass Harbour", when: str | None = "2027-03-14", *,
            artist: str | None = "Mara Vale", kind: str = "album", status: str = "upcoming",
            previous: str | None = None, confidence: float = 0.8,
            featuring: tuple[str, ...] = ()) -> Release:
    return Release(
        title=title, artist=artist, kind=kind,  # type: ignore[arg-type]
        date=PartialDate.parse(when) if when else None,
        status=status,  # type: ignore[arg-type]
        evidence=f"{artist}'s {title} arrives {when}.", confidence=confidence,
        previous_date=PartialDate.parse(previous) if previous else None, featuring=featuring,
    )


def extraction(*releases: Release, artists: tuple[str, ...] = ("Mara Vale",),
               events: tuple[Event, ...] = (), **parts: object) -> Extraction:
    return Extraction(ArticleInfo(title="story"), [ArtistMention(a) for a in artists],
                      list(releases), events=list(events), **parts)  # type: ignore[arg-type]


async def count(db: Database, model: type[Entity] | type[Fact] | type[Alias]) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def facts_of(db: Database, subject_id: int, predicate: str) -> list[Fact]:
    async with db.transaction() as session:
        return list(await session.scalars(
            select(Fact).where(Fact.subject_id == subject_id, Fact.predicate == predicate)
            .order_by(Fact.id)))


async def entity(db: Database, entity_id: int) -> Entity:
    async with db.transaction() as session:
        row = await session.get(Entity, entity_id)
        assert row is not None
        return row
