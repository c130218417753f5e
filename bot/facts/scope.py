"""Which facts a guild sees: those of the articles its own feeds and ingests carried.

A fact learned from an article is stored once, with the article. A guild sees it when one of its
feeds or ingests brought that article in (`guild_articles`), when no guild carries the article
(the operator's `fanzine ingest` without `--guild`: global by design), or when the guild opted
into the network view (`network_facts`, off by default). Its moderators' corrections are its
own. Facts without an article (an article deleted under them) are shown to nobody: nothing says
who brought them.

The stored status of a single-valued fact (`accepted` or `superseded`) was decided over every
article; `settle_view` decides again over the articles the guild sees, so that an article only
another guild carries can neither win nor beat the guild's own sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.facts.conflicts import Candidate, Revision, decide
from bot.facts.predicates import PREVIOUS_DATE, SINGLE_VALUED
from bot.facts.stored_dates import fact_date
from bot.kinds_and_states import FactStatus
from bot.models import Alias, Article, Entity, Fact, GuildArticle, GuildSettingsRow

# A guild's removal of a global fact: a marker row that only that guild's reads honour.
REMOVED = FactStatus.REMOVED
# What a read for a guild fetches before settling: superseded facts may win in its view.
LIVE_STATUSES = (FactStatus.ACCEPTED, FactStatus.SUPERSEDED, REMOVED)
_CHUNK = 500


class FactRow(Protocol):
    """What the view rules read of a fact: a stored row (`Fact`) or a value read from one
    (`bot.facts.views.FactView`), so that both are judged by the same rules."""

    @property
    def id(self) -> int: ...
    @property
    def subject_id(self) -> int: ...
    @property
    def predicate(self) -> str: ...
    @property
    def object_entity_id(self) -> int | None: ...
    @property
    def object_text(self) -> str | None: ...
    @property
    def object_date(self) -> date | None: ...
    @property
    def object_precision(self) -> str | None: ...
    @property
    def article_id(self) -> int | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def status(self) -> str: ...
    @property
    def superseded_by_id(self) -> int | None: ...
    @property
    def guild_id(self) -> int | None: ...
    @property
    def created_at(self) -> datetime: ...


F = TypeVar("F", bound=FactRow)


def carried(guild_id: int, fact: Any = Fact) -> ColumnElement[bool]:
    """A global fact's article is one this guild sees (see the module's docstring); `fact`:
    the facts table or an alias of it."""
    mine = select(GuildArticle.article_id).where(
        GuildArticle.article_id == fact.article_id, GuildArticle.guild_id == guild_id).exists()
    anyone = select(GuildArticle.article_id).where(
        GuildArticle.article_id == fact.article_id).exists()
    return and_(fact.article_id.is_not(None), or_(mine, ~anyone, _network(guild_id)))


def article_seen(guild_id: int) -> ColumnElement[bool]:
    """An article this guild sees: one it carries, one no guild carries, or any in the
    network view (what `/about` counts)."""
    mine = select(GuildArticle.article_id).where(
        GuildArticle.article_id == Article.id, GuildArticle.guild_id == guild_id).exists()
    anyone = select(GuildArticle.article_id).where(GuildArticle.article_id == Article.id).exists()
    return or_(mine, ~anyone, _network(guild_id))


def entity_seen(guild_id: int | None) -> ColumnElement[bool]:
    """Entities a guild may be told of: its own, global ones a fact it sees names (as subject
    or object), and those its moderators gave an alias. Another guild's articles never make a
    name known here, not even as "I know X, but …". Without a guild (the operator): every
    global entity."""
    if guild_id is None:
        return Entity.guild_id.is_(None)

    def named(column: Any) -> ColumnElement[bool]:
        return select(Fact.id).where(column == Entity.id, Fact.status.in_(LIVE_STATUSES),
                                     scope(guild_id)).exists()
    # (an alias of its own: the look-up may already join Alias, which must not correlate)
    own = aliased(Alias)
    given = select(own.id).where(own.entity_id == Entity.id, own.scope == guild_id).exists()
    return or_(Entity.guild_id == guild_id,
               and_(Entity.guild_id.is_(None),
                    or_(named(Fact.subject_id), named(Fact.object_entity_id), given)))


def _network(guild_id: int) -> ColumnElement[bool]:
    return select(GuildSettingsRow.guild_id).where(
        GuildSettingsRow.guild_id == guild_id, GuildSettingsRow.network_facts == true()).exists()


def scope(guild_id: int | None, fact: Any = Fact) -> ColumnElement[bool]:
    """The facts a guild sees: its own corrections, and global facts of articles it carries.
    Without a guild (the operator's command line): every global fact. `fact`: the facts
    table or an alias of it (a fact another reads through)."""
    if guild_id is None:
        return cast(ColumnElement[bool], fact.guild_id.is_(None))
    return or_(fact.guild_id == guild_id,
               and_(fact.guild_id.is_(None), carried(guild_id, fact)))


def with_revisions(predicates: Iterable[str]) -> list[str]:
    """The predicates to read so that a release date can be settled (its revisions too)."""
    wanted = list(dict.fromkeys(predicates))
    if "release_date" in wanted and PREVIOUS_DATE not in wanted:
        wanted.append(PREVIOUS_DATE)
    return wanted


def fact_key(fact: FactRow) -> tuple[Any, ...]:
    """What a fact says: subject, predicate and object."""
    return (fact.subject_id, fact.predicate, fact.object_entity_id, fact.object_text,
            fact.object_date, fact.object_precision)


def visible(facts: Sequence[F]) -> list[F]:
    """Facts without the global ones a guild removed, and without the removal markers."""
    removed = {fact_key(f) for f in facts if f.status == REMOVED}
    return [f for f in facts if f.status != REMOVED
            and not (f.guild_id is None and fact_key(f) in removed)]


def guild_view(facts: Sequence[F]) -> list[F]:
    """Facts as one guild sees them: its removals applied (`visible`), and where it has its own
    accepted value of a single-valued predicate, that value instead of the global one."""
    shown = visible(facts)
    own = {(f.subject_id, f.predicate) for f in shown
           if f.guild_id is not None and f.status == FactStatus.ACCEPTED}
    return [f for f in shown if f.guild_id is not None
            or not ((f.subject_id, f.predicate) in own and f.predicate in SINGLE_VALUED)]


def _restated(fact: F, status: str, by: int | None) -> F:
    """A detached copy with the status this guild's view gives it (the stored row unchanged)."""
    if not isinstance(fact, Fact):  # a frozen value (`FactView`)
        return cast(F, replace(cast(Any, fact), status=status, superseded_by_id=by))
    copy = Fact(**{c.key: getattr(fact, c.key) for c in Fact.__table__.columns})
    copy.status, copy.superseded_by_id = status, by
    return cast(F, copy)


async def _published(session: AsyncSession, article_ids: Iterable[int]) -> dict[int, datetime]:
    wanted = sorted(set(article_ids))
    found: dict[int, datetime] = {}
    for start in range(0, len(wanted), _CHUNK):
        for article_id, when in await session.execute(
                select(Article.id, Article.published_at)
                .where(Article.id.in_(wanted[start:start + _CHUNK]))):
            if when is not None:
                found[article_id] = when
    return found


async def settle_view(session: AsyncSession, facts: Sequence[F]) -> list[F]:
    """The global single-valued facts among `facts` (one guild's scope, superseded ones
    included) decided again over those alone, as `FactStore` decides over every article: the
    guild's accepted value, with the others superseded. Other facts are returned as they are."""
    groups = _groups(facts)
    if not groups:
        return list(facts)
    published = await _published(session, (f.article_id for group in groups.values()
                                            for f in group if f.article_id is not None))
    return _settle(facts, groups, published)


def settle(facts: Sequence[F], published: Mapping[int, datetime]) -> list[F]:
    """`settle_view` for a caller that read the articles' publication times with the facts
    (`published`: article id to `published_at`, for every article of `facts` that has one)."""
    groups = _groups(facts)
    return _settle(facts, groups, published) if groups else list(facts)


def _groups(facts: Sequence[F]) -> dict[tuple[int, str], list[F]]:
    """The single-valued groups `settle_view` decides again (revisions with their dates)."""
    groups: dict[tuple[int, str], list[F]] = defaultdict(list)
    for fact in facts:
        if fact.guild_id is None and fact.status in (FactStatus.ACCEPTED, FactStatus.SUPERSEDED):
            if fact.predicate in SINGLE_VALUED:
                groups[(fact.subject_id, fact.predicate)].append(fact)
            elif fact.predicate == PREVIOUS_DATE:
                groups[(fact.subject_id, "release_date")].append(fact)
    return groups


def _settle(facts: Sequence[F], groups: Mapping[tuple[int, str], list[F]],
            published: Mapping[int, datetime]) -> list[F]:
    new: dict[int, F] = {}
    for (_, predicate), group in groups.items():
        candidates: list[Candidate] = []
        revisions: list[Revision] = []
        for fact in group:
            when = published.get(fact.article_id or -1) or fact.created_at
            if fact.predicate == PREVIOUS_DATE:
                previous = fact_date(fact)
                if previous is not None and predicate == "release_date":
                    revisions.append(Revision(fact.id, previous, when))
                continue
            value: Hashable = (fact.object_entity_id, fact.object_text, fact.object_date,
                               fact.object_precision)
            candidates.append(Candidate(fact.id, value, fact_date(fact),
                                        fact.article_id or f"fact:{fact.id}", when,
                                        fact.confidence))
        if not candidates:
            continue
        decision = decide(candidates, revisions)
        for fact in group:
            status, by = decision.statuses.get(fact.id, (fact.status, fact.superseded_by_id))
            if (status, by) != (fact.status, fact.superseded_by_id):
                new[fact.id] = _restated(fact, status, by)
    return [new.get(f.id, f) for f in facts]


async def read_view(session: AsyncSession, query: Any, *, superseded: bool = False,
                    predicates: Sequence[str] | None = None) -> list[Fact]:
    """Run `select(Fact)...` (scoped, without a status filter) as a guild's read: live facts,
    settled over what the guild sees, superseded ones kept only when asked, and only the
    `predicates` asked for (the query may read revisions besides)."""
    rows = list(await session.scalars(query.where(Fact.status.in_(LIVE_STATUSES))))
    settled = await settle_view(session, rows)
    return [f for f in settled
            if (superseded or f.status != FactStatus.SUPERSEDED)
            and (predicates is None or f.predicate in predicates)]
