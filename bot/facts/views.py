"""A guild's view of the fact base as values (entities, facts, cited articles), read together."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    bindparam,
    literal,
    null,
    select,
    type_coerce,
    union,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.db import Database
from bot.facts.resolve import KINDS, alias_scopes
from bot.facts.scope import (
    LIVE_STATUSES,
    REMOVED,
    entity_seen,
    fact_key,
    guild_view,
    scope,
    settle,
    visible,
    with_revisions,
)
from bot.kinds_and_states import EntityKind, FactStatus
from bot.models import Alias, Article, Entity, Fact, FeedItem, Subscription
from bot.partial_dates import PartialDate, to_partial

_CHUNK = 500  # ids per statement (SQLite's and asyncpg's parameter limits are far above)


@dataclass(frozen=True)
class EntityView:
    """An entity as a guild is told of it (a release with its kind and accepted global date)."""

    id: int
    kind: str
    name: str
    artist_id: int | None = None
    release_kind: str | None = None
    status: str | None = None
    date: PartialDate | None = None
    guild_id: int | None = None

    @classmethod
    def of(cls, entity: Entity) -> EntityView:
        """The value of a stored row (an entity the name look-ups found)."""
        return cls(entity.id, entity.kind, entity.name, entity.artist_id, entity.release_kind,
                   entity.status, to_partial(entity.date_value, entity.date_precision),
                   entity.guild_id)

    @classmethod
    def of_row(cls, row: Any) -> EntityView:
        """The value of a row read with `ENTITY_COLUMNS` (under their own names)."""
        return cls(row.id, row.kind, row.name, row.artist_id, row.release_kind, row.status,
                   to_partial(row.date_value, row.date_precision), row.guild_id)


# What an `EntityView` is made of, as a read selects it (`EntityView.of_row`).
ENTITY_COLUMNS = (Entity.id, Entity.kind, Entity.name, Entity.artist_id, Entity.release_kind,
                  Entity.status, Entity.date_value, Entity.date_precision, Entity.guild_id)


@dataclass(frozen=True)
class FactView:
    """A fact with the status the guild's view gives it, and its subject's and object's names.

    The stored columns keep their names (`object_date`, `object_precision`, ...) so that the
    view rules of `bot.facts.scope` judge it as they judge a stored row."""

    id: int
    subject_id: int
    predicate: str
    object_entity_id: int | None
    object_text: str | None
    object_date: date | None
    object_precision: str | None
    evidence: str
    article_id: int | None
    confidence: float
    status: str
    superseded_by_id: int | None
    guild_id: int | None
    created_at: datetime
    subject_name: str = ""
    object_name: str | None = None

    @property
    def date(self) -> PartialDate | None:
        """The object date with its precision (`bot.facts.stored_dates.fact_date`)."""
        return to_partial(self.object_date, self.object_precision)

    @property
    def value(self) -> str:
        """What the fact names: its object entity's name, else its text ("" for a date)."""
        return self.object_name or self.object_text or ""


@dataclass(frozen=True)
class CitedArticle:
    """An article as a source is shown to one guild: the title and link of the guild's own
    feed item of it, when it has one (its channel was shown those)."""

    id: int
    title: str | None
    link: str | None
    source: str | None
    published_at: datetime | None
    fetched_at: datetime


@dataclass(frozen=True)
class FactSet:
    """What one guild sees of some subjects' facts, read together: the facts in its view
    (removals applied, its own values first, single-valued ones settled over its articles;
    superseded ones kept), ordered by predicate and id; every entity name they carry (subjects,
    objects, the subjects' artists); and the articles they cite."""

    facts: tuple[FactView, ...] = ()
    names: Mapping[int, str] = field(default_factory=dict)
    articles: Mapping[int, CitedArticle] = field(default_factory=dict)
    # The sentences (spaces collapsed) behind facts the guild's moderators removed: an answer
    # never quotes back what a moderator took away.
    hidden: frozenset[str] = frozenset()

    def of(self, subject_id: int, predicate: str) -> tuple[list[FactView], list[FactView]]:
        """One subject's accepted facts of one predicate, and the superseded ones beside them
        (each oldest first)."""
        mine = [f for f in self.facts if f.subject_id == subject_id and f.predicate == predicate]
        return ([f for f in mine if f.status == FactStatus.ACCEPTED],
                [f for f in mine if f.status == FactStatus.SUPERSEDED])

    def about(self, subject_id: int) -> list[FactView]:
        """The subject's facts as `FactStore.facts_about` gives them: by predicate, then id,
        superseded ones left out."""
        return [f for f in self.facts
                if f.subject_id == subject_id and f.status != FactStatus.SUPERSEDED]

    def accepted(self, predicates: Sequence[str]) -> list[FactView]:
        """The accepted facts of these predicates about every subject read, oldest first."""
        return sorted((f for f in self.facts
                       if f.predicate in predicates and f.status != FactStatus.SUPERSEDED),
                      key=lambda f: f.id)


async def read_facts(db: Database, subject_ids: Iterable[int], guild_id: int | None,
                     predicates: Sequence[str] | None = None) -> FactSet:
    """These subjects' facts (of `predicates`, or all) as `guild_id` sees them, in one
    statement (per 500 subjects): the facts in its scope with their subjects', objects' and
    subjects' artists' names and their articles (the guild's own feed item's title and link)
    joined in, then settled, with its removals and own values applied (`bot.facts.scope`)."""
    async with db.read() as session:
        return await facts_in(session, subject_ids, guild_id, predicates)


async def facts_in(session: AsyncSession, ids: Iterable[int], guild_id: int | None,
                   predicates: Sequence[str] | None = None, *, by_object: bool = False,
                   cited: bool = True) -> FactSet:
    """`read_facts` in a session the caller holds (the planner's snapshot); `by_object`: the
    facts naming these entities as their object instead; without `cited`, the articles are
    read only for their publication times (a plan shows no source)."""
    wanted = sorted(set(ids))
    read = _Read(cited, guild_id is not None and cited)
    facts: list[FactView] = []
    statement = _facts_statement(guild_id, read.cited, read.own, by_object,
                                 None if predicates is None else tuple(predicates))
    for start in range(0, len(wanted), _CHUNK):
        # Settled chunk by chunk, as `read_view` callers did: a subject's group is in one chunk.
        facts += await read.run(session, statement, {"ids": wanted[start:start + _CHUNK]})
    if len(wanted) > _CHUNK:
        facts.sort(key=lambda f: (f.predicate, f.id))
    return _fact_set(facts, read, predicates)


def _fact_set(facts: Sequence[FactView], read: _Read,
              predicates: Sequence[str] | None = None) -> FactSet:
    """The facts read (settled) in the guild's view, with its removals' sentences hidden."""
    removed = {fact_key(f) for f in facts if f.status == REMOVED}
    hidden = frozenset(" ".join(f.evidence.split()) for f in facts
                       if f.status != REMOVED and fact_key(f) in removed and f.evidence)
    shown = guild_view(facts)
    if predicates is not None:
        shown = [f for f in shown if f.predicate in predicates]
    return FactSet(tuple(shown), read.names, read.articles, hidden)


async def artist_facts(db: Database, artist_id: int,
                       guild_id: int | None) -> tuple[dict[int, str], FactSet]:
    """An artist's facts and those of its releases (`releases_of`'s: linked to it, or by a
    `by` fact the guild sees) as `read_facts` gives them, in one statement: the releases that
    have a fact in the guild's view (id to name), and the facts.

    The statement reads every release a `by` fact of any guild names it the artist of; those
    whose `by` fact this guild does not see (another guild's article, or one it removed) are
    left out here, as `releases_of` leaves them out."""
    read = _Read(True, guild_id is not None)
    async with db.read() as session:
        facts = await read.run(session, _artist_statement(guild_id, read.cited, read.own),
                               {"artist": artist_id})
    every = _fact_set(facts, read)
    by = {f.subject_id for f in every.facts if f.predicate == "by"
          and f.object_entity_id == artist_id and f.status == FactStatus.ACCEPTED}
    releases = {f.subject_id: f.subject_name for f in every.facts
                if f.subject_id != artist_id and (f.subject_id in by
                                                  or read.artists.get(f.subject_id) == artist_id)}
    kept = {artist_id, *releases}
    return releases, FactSet(tuple(f for f in every.facts if f.subject_id in kept),
                             every.names, every.articles, every.hidden)


async def recent_dated(db: Database, predicates: Sequence[str], guild_id: int | None,
                       limit: int = 500) -> FactSet:
    """The newest accepted dated facts of these predicates (a bounded pool to search), without
    those the guild removed, newest first, in one statement. Settled over the pool read (a
    date's competitors are usually in it: newest first)."""
    read = _Read(True, guild_id is not None)
    async with db.read() as session:
        facts = await read.run(session, _query(guild_id, read.cited, read.own).where(
            Fact.predicate.in_(with_revisions(predicates)), Fact.object_date.is_not(None))
            .order_by(Fact.id.desc()).limit(limit))
    shown = visible([f for f in facts if f.status != FactStatus.SUPERSEDED
                     and f.predicate in predicates])
    return FactSet(tuple(shown), read.names, read.articles)


@dataclass
class _Read:
    """One read's rows turned into values, with the names and articles they carry."""

    cited: bool
    own: bool
    names: dict[int, str] = field(default_factory=dict)
    articles: dict[int, CitedArticle] = field(default_factory=dict)
    # Each subject's linked artist (`Entity.artist_id`), as the rows carried it.
    artists: dict[int, int | None] = field(default_factory=dict)

    async def run(self, session: AsyncSession, query: Any,
                  params: Mapping[str, Any] | None = None) -> list[FactView]:
        """The facts of `query` (`_query`'s columns) settled over what they are (`settle`)."""
        return self.take(await session.execute(query, params))

    def take(self, rows: Iterable[Any]) -> list[FactView]:
        """`run` over rows already read (`_query`'s columns)."""
        facts: list[FactView] = []
        published: dict[int, datetime] = {}
        for row in rows:
            (fact_id, subject_id, predicate, object_id, text, when, precision, evidence,
             article_id, confidence, status, by, fact_guild, created, subject_name, artist_id,
             artist_name, object_name, cited_id, published_at) = row[:20]
            facts.append(FactView(fact_id, subject_id, predicate, object_id, text, when,
                                  precision, evidence, article_id, confidence, status, by,
                                  fact_guild, created, subject_name, object_name))
            self.names[subject_id] = subject_name
            self.artists[subject_id] = artist_id
            if artist_id is not None and artist_name is not None:
                self.names[artist_id] = artist_name
            if object_id is not None and object_name is not None:
                self.names[object_id] = object_name
            if cited_id is None:
                continue
            if published_at is not None:
                published[cited_id] = published_at
            if self.cited and cited_id not in self.articles:
                title, link, source, fetched_at = row[20:24]
                if self.own and row[24] is not None:
                    title, link = row[25], row[26]  # the guild's own item, whatever it said
                self.articles[cited_id] = CitedArticle(cited_id, title, link, source,
                                                       published_at, fetched_at)
        return settle(facts, published)


# Building a statement (aliases, the scope's subqueries) costs more than running it on an
# indexed base: each shape is built once per guild and kept, the ids bound at execution.
@lru_cache(maxsize=1024)
def _facts_statement(guild_id: int | None, cited: bool, own: bool, by_object: bool,
                     predicates: tuple[str, ...] | None) -> Any:
    column = Fact.object_entity_id if by_object else Fact.subject_id
    # The ids through their entities (a semi-join), not a bare IN list: PostgreSQL then reads
    # each entity's facts by the index with the scope's EXISTS probed per fact, where an IN
    # list of a dozen subjects made it hash all the guild's `guild_articles` rows first
    # (a sequential scan per read; README "Benchmarks", "### Figures").
    named = aliased(Entity)
    conditions: list[ColumnElement[bool]] = [column.in_(
        select(named.id).where(named.id.in_(bindparam("ids", expanding=True))))]
    if predicates is not None:
        conditions.append(Fact.predicate.in_(with_revisions(predicates)))
    return _query(guild_id, cited, own).where(*conditions).order_by(Fact.predicate, Fact.id)


@lru_cache(maxsize=1024)
def _artist_statement(guild_id: int | None, cited: bool, own: bool) -> Any:
    """`artist_facts`' statement for one guild: the facts whose subject is the artist, a
    release linked to it, or a release a `by` fact (of any guild, any status) names it the
    artist of; the subjects in one IN of a UNION (an OR of them would not use the index)."""
    artist: BindParameter[int] = bindparam("artist")
    by = aliased(Fact)
    release = aliased(Entity)
    subjects = union(
        select(Entity.id).where(Entity.id == artist),
        select(Entity.id).where(Entity.artist_id == artist, Entity.kind == EntityKind.RELEASE),
        select(by.subject_id).join(release, release.id == by.subject_id)
        .where(by.predicate == "by", by.object_entity_id == artist,
               release.kind == EntityKind.RELEASE))
    return _query(guild_id, cited, own).where(Fact.subject_id.in_(subjects)) \
        .order_by(Fact.predicate, Fact.id)


_SUBJECT, _ARTIST, _OBJECT, _ITEM = (aliased(Entity), aliased(Entity), aliased(Entity),
                                     aliased(FeedItem))


def _query(guild_id: int | None, cited: bool, own: bool, lead: Sequence[Any] = ()) -> Any:
    """The live facts in the guild's scope, with the subject's, its artist's and the object's
    names and the article (and the guild's own feed item of it) joined in (after the columns
    `lead`)."""
    subject, artist, named, item = _SUBJECT, _ARTIST, _OBJECT, _ITEM
    columns: list[Any] = [
        Fact.id, Fact.subject_id, Fact.predicate, Fact.object_entity_id, Fact.object_text,
        Fact.object_date, Fact.object_precision, Fact.evidence, Fact.article_id,
        Fact.confidence, Fact.status, Fact.superseded_by_id, Fact.guild_id, Fact.created_at,
        subject.name, subject.artist_id, artist.name, named.name,
        Article.id, Article.published_at]
    if cited:
        columns += [Article.title, Article.link, Article.source, Article.fetched_at]
    if own:
        columns += [item.id, item.title, item.link]
    query = (select(*lead, *columns).select_from(Fact)
             .join(subject, subject.id == Fact.subject_id)
             .outerjoin(artist, artist.id == subject.artist_id)
             .outerjoin(named, named.id == Fact.object_entity_id)
             .outerjoin(Article, Article.id == Fact.article_id))
    if own and guild_id is not None:
        query = query.outerjoin(item, item.id == _own_item(guild_id))
    return query.where(Fact.status.in_(LIVE_STATUSES), scope(guild_id))


def _own_item(guild_id: int) -> Any:
    """The first item of the guild's own feeds that carried the fact's article (`own_items`)."""
    return (select(FeedItem.id).join(Subscription, Subscription.feed_id == FeedItem.feed_id)
            .where(Subscription.guild_id == guild_id, FeedItem.article_id == Fact.article_id)
            .order_by(FeedItem.id).limit(1).correlate(Fact).scalar_subquery())


async def artist_releases(db: Database, artist_id: int, guild_id: int | None,
                          predicates: Sequence[str]) -> tuple[list[EntityView], FactSet]:
    """`releases_of`, and their facts of `predicates` as `read_facts` gives them, in one
    statement: `releases_of`'s rows, then the facts (`_query`'s columns) of every release
    they name (those whose `by` fact the guild does not see too: each release's facts are
    settled on their own, and the caller keeps those of the releases it is given), one
    UNION ALL, each part's missing columns NULL."""
    read = _Read(True, guild_id is not None)
    async with db.read() as session:
        rows = list(await session.execute(
            _artist_releases_statement(guild_id, read.cited, read.own, tuple(predicates)),
            {"artist": artist_id}))
    releases = _releases([row[1:_RELEASE_WIDTH + 1] for row in rows if row[0] == 0],
                         artist_id)
    facts = read.take(sorted((row[_RELEASE_WIDTH + 1:] for row in rows if row[0] == 1),
                             key=lambda r: (r[2], r[0])))  # (predicate, id), as read_facts
    return releases, _fact_set(facts, read, predicates)


async def releases_of(db: Database, artist_id: int, guild_id: int | None) -> list[EntityView]:
    """Releases whose artist is this one, by the entity link (a release the guild sees) or by
    a `by` fact the guild sees (a `by` fact it removed no longer makes the release this
    artist's), by id; in one
    statement: the linked releases, and the releases of the artist's `by` facts in the
    guild's scope with those facts, the removals applied in memory (`visible`)."""
    async with db.read() as session:
        rows = list(await session.execute(_releases_statement(guild_id), {"artist": artist_id}))
    return _releases(rows, artist_id)


def _releases(rows: Sequence[Sequence[Any]], artist_id: int) -> list[EntityView]:
    """`releases_of` from its statement's rows (`ENTITY_COLUMNS`, then the `by` fact's text,
    date, precision, status and guild, or NULLs for a linked release)."""
    found: dict[int, EntityView] = {}
    linked: set[int] = set()
    facts: list[_ByFact] = []
    for (entity_id, kind, name, artist, release_kind, status, day, precision, guild,
         text, when, when_precision, fact_status, fact_guild) in rows:
        found[entity_id] = EntityView(entity_id, kind, name, artist, release_kind, status,
                                      to_partial(day, precision), guild)
        if fact_status is None:
            linked.add(entity_id)
        else:
            facts.append(_ByFact(entity_id, "by", artist_id, text, when, when_precision,
                                 fact_status, fact_guild))
    # (`visible` reads only these of a fact: its key, status and guild)
    by: list[_ByFact] = visible(cast(Any, facts))
    return [found[i] for i in sorted(linked | {f.subject_id for f in by})]


@dataclass(frozen=True)
class _ByFact:
    """What `visible` reads of a `by` fact (`releases_of`)."""

    subject_id: int
    predicate: str
    object_entity_id: int | None
    object_text: str | None
    object_date: date | None
    object_precision: str | None
    status: str
    guild_id: int | None


@lru_cache(maxsize=1024)
def _releases_statement(guild_id: int | None) -> Any:
    """`releases_of`'s statement for one guild (built once, as `_facts_statement`): the
    releases the artist's `by` facts name (accepted, or a guild's removal marker, in its
    scope), each with its fact, then the releases linked to the artist, each with none; two
    indexed halves in one UNION ALL (one OR of them would read every release)."""
    return union_all(*_releases_parts(guild_id))


def _releases_parts(guild_id: int | None, lead: Sequence[Any] = (),
                    trail: Sequence[Any] = ()) -> list[Any]:
    """`_releases_statement`'s two halves (with the columns `lead` before theirs and `trail`
    after)."""
    artist: BindParameter[int] = bindparam("artist")
    by = (select(*lead, *ENTITY_COLUMNS, Fact.object_text, Fact.object_date,
                 Fact.object_precision, Fact.status.label("fact_status"),
                 Fact.guild_id.label("fact_guild"), *trail)
          .select_from(Fact).join(Entity, Entity.id == Fact.subject_id)
          .where(Fact.predicate == "by", Fact.object_entity_id == artist,
                 Fact.status.in_((FactStatus.ACCEPTED, REMOVED)), scope(guild_id),
                 Entity.kind == EntityKind.RELEASE))
    # (a release linked to the artist by another guild's article is no name this guild knows:
    # the link is the entity's, set by whichever article named it first)
    linked = select(*lead, *ENTITY_COLUMNS, null(), null(), null(), null(), null(),
                    *trail).where(
        Entity.artist_id == artist, Entity.kind == EntityKind.RELEASE, entity_seen(guild_id))
    return [by, linked]


# The columns of `_releases_statement`'s rows (`ENTITY_COLUMNS`, then the `by` fact's).
_RELEASE_WIDTH = len(ENTITY_COLUMNS) + 5


@lru_cache(maxsize=1024)
def _artist_releases_statement(guild_id: int | None, cited: bool, own: bool,
                               predicates: tuple[str, ...]) -> Any:
    """`artist_releases`' statement for one guild: each row is its part (1: a fact, 0: a
    release), `_releases_statement`'s columns, then `_query`'s; a part's rows have NULL in the
    other's columns. The facts are those of `predicates` (with their revisions) whose subject
    is one of the releases. The facts come first, each NULL typed as the column it stands
    for, so that the rows are read back as the columns' types (dates as dates)."""
    artist: BindParameter[int] = bindparam("artist")
    by = aliased(Fact)
    release = aliased(Entity)
    # (every release any `by` fact names the artist's, as `_artist_statement` reads them: the
    # facts are in the guild's scope whatever the `by` fact's)
    subjects = union(
        select(Entity.id).where(Entity.artist_id == artist, Entity.kind == EntityKind.RELEASE),
        select(by.subject_id).join(release, release.id == by.subject_id)
        .where(by.predicate == "by", by.object_entity_id == artist,
               release.kind == EntityKind.RELEASE))
    shape = _query(guild_id, cited, own)
    blank_releases = [type_coerce(null(), c.type)
                      for c in _releases_parts(guild_id)[0].selected_columns]
    facts = _query(guild_id, cited, own, lead=[literal(1), *blank_releases]).where(
        Fact.subject_id.in_(subjects), Fact.predicate.in_(with_revisions(predicates)))
    parts = [facts, *_releases_parts(guild_id, [literal(0)],
                                     [null() for _c in shape.selected_columns])]
    return union_all(*parts)


async def entities(db: Database, ids: Iterable[int]) -> list[EntityView]:
    """These entities (unknown ids left out), by id."""
    async with db.read() as session:
        return await entities_in(session, ids)


async def entities_in(session: AsyncSession, ids: Iterable[int]) -> list[EntityView]:
    """`entities` in a session the caller holds (a statement per 500 ids)."""
    wanted = sorted(set(ids))
    found: list[EntityView] = []
    for start in range(0, len(wanted), _CHUNK):
        found += [EntityView.of(e) for e in await session.scalars(
            select(Entity).where(Entity.id.in_(wanted[start:start + _CHUNK]))
            .order_by(Entity.id))]
    return found


async def named(session: AsyncSession, forms: Iterable[str],
                guild_id: int | None) -> dict[str, list[EntityView]]:
    """The entities the guild sees (`entity_seen`) whose normalised name or alias (global or
    the guild's own) is one of `forms`, by form: names first, then aliases (the guild's own
    first), each by id; at most `NAMED_BOUND` of each, in one statement."""
    matched: dict[str, list[EntityView]] = {}
    for row in await session.execute(_named_statement(guild_id), {"forms": list(forms)}):
        view = EntityView(row.id, row.kind, row.name, row.artist_id, row.release_kind,
                          row.status, to_partial(row.date_value, row.date_precision),
                          row.guild_id)
        if view not in matched.setdefault(row.form, []):
            matched[row.form].append(view)
    return matched


# Names, and aliases, `named` reads at most (each).
NAMED_BOUND = 400


@lru_cache(maxsize=1024)
def _named_statement(guild_id: int | None) -> Any:
    """`named`'s statement for one guild (built once: `entity_seen` is costly to build): the
    name matches and the alias matches, each ordered and bounded on its own, in one UNION ALL
    (a look-up is one round trip, not one per table)."""
    visible = entity_seen(guild_id)  # never a name only another guild's articles gave
    forms: BindParameter[list[str]] = bindparam("forms", expanding=True)
    columns = (Entity.id, Entity.kind, Entity.name, Entity.artist_id, Entity.release_kind,
               Entity.status, Entity.date_value, Entity.date_precision, Entity.guild_id)
    by_name = (select(literal(0).label("part"), literal(0, BigInteger).label("rank"), *columns,
                      Entity.norm_name.label("form"))
               .where(Entity.kind.in_(KINDS), Entity.norm_name.in_(forms), visible)
               .order_by(Entity.id).limit(NAMED_BOUND).subquery())
    by_alias = (select(literal(1).label("part"), Alias.scope.label("rank"), *columns,
                       Alias.norm_name.label("form"))
                .join(Alias, Alias.entity_id == Entity.id)
                .where(Alias.norm_name.in_(forms), Alias.scope.in_(alias_scopes(guild_id)),
                       visible).order_by(Alias.scope.desc(), Entity.id).limit(NAMED_BOUND)
                .subquery())
    both = union_all(select(by_name), select(by_alias)).subquery()
    # (each part bounded in its own subquery: SQLite allows no LIMIT on a UNION's member)
    return select(both).order_by(both.c.part, both.c.rank.desc(), both.c.id)
