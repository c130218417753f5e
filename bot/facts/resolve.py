"""Names to entities: exact name, then aliases, then a bounded fuzzy match; else a new entity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, Row, and_, false, func, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_ignoring_conflict
from bot.facts.name_index import NameIndex
from bot.facts.names import has_same_numbers, is_name, normalise, strip_decorations, variants
from bot.facts.scope import entity_seen
from bot.kinds_and_states import EntityKind
from bot.models import Alias, Entity

KINDS: tuple[str, ...] = tuple(EntityKind)
# rapidfuzz `ratio` (normalised Indel similarity, 0-100) a name must reach to be the same entity.
FUZZY_CUTOFF = 88.0
# ratio >= 88 needs the shorter name to be at least 88/112 of the longer one's length, so names
# outside that window can never match and are not fetched.
_LENGTH_FACTOR = FUZZY_CUTOFF / (200.0 - FUZZY_CUTOFF)
# A safety cap on fuzzy candidates fetched for one name, whatever the table holds.
MAX_CANDIDATES = 2000
# Fuzzy matches over the cutoff asked whether the guild has seen them, best first.
_SEEN_CHECKED = 10


@dataclass(frozen=True)
class Resolved:
    entity: Entity
    created: bool
    how: str  # "exact", "alias", "fuzzy" or "new"


def visible_entities(guild_id: int | None) -> ColumnElement[bool]:
    """Global entities, and those a moderator of this guild made."""
    if guild_id is None:
        return Entity.guild_id.is_(None)
    return or_(Entity.guild_id.is_(None), Entity.guild_id == guild_id)


def alias_scopes(guild_id: int | None) -> list[int]:
    """Alias scopes a guild sees: every guild's (0) and its own."""
    return [0] if guild_id is None else [0, guild_id]


class EntityResolver:
    """Resolves names within one session (one transaction), caching what it has already seen."""

    def __init__(self, session: AsyncSession, now: datetime, guild_id: int | None = None,
                 *, seen_only: bool = False, names: NameIndex | None = None,
                 defer_aliases: bool = False, defer_entities: bool = False) -> None:
        """`seen_only`: a fan's look-up, which finds only the names the guild's own facts name
        (`entity_seen`); storing finds every global entity, so one act stays one entity.
        `names`: a fan's misspelt names are looked up there (every name and alias, not only
        those with the same first letter); storing reads its fuzzy candidates there (the
        same ones the database would give: the index caught up at the transaction's start,
        plus the entities this resolver created since). `defer_aliases`: new aliases are
        written together by `write_aliases` (or before a query that reads aliases), not one
        INSERT each; the caller writes them before its transaction ends. `defer_entities`:
        a new entity takes its id at once and is written with the others before the next
        statement that could see it (`written`), not by a flush of its own: on SQLite the
        highest + 1 (as its INSERT would: the transaction holds the only write lock), on
        PostgreSQL the next of a block taken from the sequence in one statement (as many as
        the article's names that matched nothing yet; the caller hands what is left over to
        the name index, `unused_ids`)."""
        self.session = session
        self.names = names if seen_only else None
        self._stored_names = None if seen_only else names
        self._defer_aliases = defer_aliases
        self._defer_entities = defer_entities and not seen_only
        self._sqlite = session.get_bind().dialect.name == "sqlite"
        self._next_id: int | None = None
        self._id_block: list[int] = []
        # Normalised names of the article that matched no name or alias when prefetched:
        # about how many entities it will create (the size of PostgreSQL's id block).
        self._maybe_new: set[str] = set()
        self._created_ids: dict[int, Entity] = {}
        self._unwritten = False
        self._pending_aliases: list[dict[str, object]] = []
        self.now = now
        self.guild_id = guild_id
        self.seen_only = seen_only
        self.created: list[Entity] = []
        self._cache: dict[tuple[str, str, int | None], Entity] = {}
        # `prefetch`: every visible entity and alias bearing these normalised names, kept in
        # step with what this resolver creates; exact and alias look-ups of them need no query.
        self._prefetched: set[str] = set()
        self._by_name: defaultdict[str, list[Entity]] = defaultdict(list)
        self._by_alias: defaultdict[str, list[tuple[int, Entity]]] = defaultdict(list)
        # Storing: the fuzzy candidates of releases of known acts come from one read a page
        # (`_pooled`), not a query a release. The pool holds (normalised name, artist as read)
        # of the releases of the acts loaded (`_pool_artists`) and of the act-less releases
        # of the first letters and length windows loaded (`_pool_windows`); the releases this
        # resolver gave an artist since are in `_given_artist` (nothing else changes an
        # entity's artist, and only from none to one).
        self._release_norms: set[str] = set()
        self._pool: dict[int, tuple[str, int | None]] | None = None
        self._pool_artists: set[int] = set()
        self._pool_windows: dict[str, tuple[int, int]] = {}
        self._given_artist: dict[int, Entity] = {}

    async def prefetch(self, names: Iterable[str], releases: Iterable[str] = ()) -> None:
        """Load, in two statements per 500 forms, what the exact and alias look-ups of these
        names would find (storing an article resolves dozens of names, each of which cost two
        statements). `releases`: the normalised titles that may be resolved as releases of an
        act (their fuzzy candidates are then read together, at the first of them). Not for
        `seen_only` look-ups, whose visibility depends on the facts."""
        if self.seen_only:
            return
        self._release_norms.update(norm for norm in releases if norm)
        forms = sorted({form for name in names if normalise(name)
                        for form in (normalise(name), *variants(name))} - self._prefetched)
        await self.write_aliases()
        for start in range(0, len(forms), 500):
            chunk = forms[start:start + 500]
            for entity in await self.session.scalars(
                    select(Entity).where(Entity.norm_name.in_(chunk), self._visible())):
                self._by_name[entity.norm_name].append(entity)
            for entity, alias_name, scope in await self.session.execute(
                    select(Entity, Alias.norm_name, Alias.scope)
                    .join(Alias, Alias.entity_id == Entity.id)
                    .where(Alias.norm_name.in_(chunk), Alias.scope.in_(self._scopes()),
                           self._visible())):
                self._by_alias[alias_name].append((scope, entity))
            self._prefetched.update(chunk)
        self._maybe_new.update(
            norm for name in names if (norm := normalise(name))
            and not any(self._by_name.get(f) or self._by_alias.get(f)
                        for f in (norm, *variants(name))))

    def _known(self, forms: Iterable[str]) -> bool:
        return all(form in self._prefetched for form in forms)

    def _fits(self, entity: Entity, kind: str, artist_id: int | None) -> bool:
        """`Entity.kind == kind` and `_same_artist`, in memory."""
        return entity.kind == kind and (kind != EntityKind.RELEASE or artist_id is None
                                        or entity.artist_id in (artist_id, None))

    def _visible(self) -> ColumnElement[bool]:
        if self.seen_only:
            return entity_seen(self.guild_id)
        return visible_entities(self.guild_id)

    def _scopes(self) -> list[int]:
        return alias_scopes(self.guild_id)

    def _same_artist(self, kind: str, artist_id: int | None) -> ColumnElement[bool] | None:
        # A release named like another artist's release is a different release; one stored
        # without an artist may be this one.
        if kind != EntityKind.RELEASE or artist_id is None:
            return None
        return or_(Entity.artist_id == artist_id, Entity.artist_id.is_(None))

    async def find(
        self, kind: str, name: str, artist_id: int | None = None
    ) -> tuple[Entity, str] | None:
        """The entity this name means, and how it was found; None when nothing matches."""
        if kind not in KINDS:
            raise ValueError(f"unknown entity kind {kind!r}")
        norm = normalise(name)
        if not norm:
            return None
        cached = self._cache.get((kind, norm, artist_id))
        if cached is not None:
            return cached, "exact"
        found = (await self._exact(kind, norm, variants(name), artist_id)
                 or await self._alias(kind, variants(name), artist_id)
                 or await self._fuzzy(kind, norm, artist_id))
        if found is not None:
            self._cache[(kind, norm, artist_id)] = found[0]
        return found

    async def find_kinds(
        self, kinds: Sequence[str], name: str, artist_id: int | None = None
    ) -> list[Entity]:
        """The entities this name means among several kinds, in the order of `kinds`.

        One query finds exact names of every kind; aliases are looked up only when no kind has
        the exact name, and the bounded fuzzy match only when neither found anything, so an
        exact name of one kind is never paired with a merely similar name of another.
        `artist_id` narrows releases: one of that artist (or of none) first, else a release of
        that name by another act.
        """
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown entity kind {unknown[0]!r}")
        norm = normalise(name)
        if not norm or not kinds:
            return []
        forms = variants(name)
        rows = list(await self.session.scalars(
            select(Entity)
            .where(Entity.kind.in_(list(kinds)), Entity.norm_name.in_([norm, *forms]),
                   self._visible())
            .order_by(Entity.id).limit(50)))
        rows.sort(key=lambda e: (
            e.kind == EntityKind.RELEASE and artist_id is not None
            and e.artist_id not in (artist_id, None),
            e.norm_name != norm, e.guild_id is None, e.artist_id != artist_id, e.id))
        best: dict[str, Entity] = {}
        for entity in rows:
            best.setdefault(entity.kind, entity)
        missing = [k for k in kinds if k not in best]
        # An exact name outranks another kind's alias: only a name with no exact match at all
        # is looked up among the aliases (one statement fewer on every ordinary question).
        if missing and not best:
            await self.write_aliases()
            aliased = await self.session.execute(
                select(Entity, Alias.scope)
                .join(Alias, Alias.entity_id == Entity.id)
                .where(Entity.kind.in_(missing), Alias.norm_name.in_(list(forms)),
                       Alias.scope.in_(self._scopes()), self._visible())
                .order_by(Alias.scope.desc(), Entity.id).limit(50))
            for entity, _scope in aliased:
                best.setdefault(entity.kind, entity)
        if not best:
            for kind in kinds:
                found = await self._fuzzy(kind, norm, artist_id)
                if found is not None:
                    best[kind] = found[0]
        return [best[k] for k in kinds if k in best]

    async def nearest_kinds(self, kinds: Sequence[str], name: str,
                            columns: Sequence[Any] = (),
                            unseen: Collection[str] = ()) -> list[Row[Any]]:
        """`find_kinds`' fuzzy step alone, for a fan's look-up (`seen_only`, with the name
        index) whose name and aliases the caller already found to match nothing: each kind's
        nearest name or alias the guild sees, picked as `_indexed` picks it, in the order of
        `kinds`, as the entity's row (`Entity.id`, `name`, `kind`, then `columns`). One
        statement after the index's catch-up (`NameIndex.near_each`), where `find_kinds` asks
        the exact names, the aliases, then two statements a kind; none when every candidate
        bears one of `unseen`, forms the caller's look-up found to name nothing the guild
        sees (see `near_each`)."""
        if self.names is None:
            raise ValueError("nearest_kinds is a fan's look-up over the name index")
        norm = normalise(name)
        if not norm:
            return []
        found = await self.names.near_each(self.session, norm, kinds, self.guild_id,
                                           scorer=fuzz.ratio, cutoff=FUZZY_CUTOFF,
                                           checked=_SEEN_CHECKED, columns=columns,
                                           unambiguous=True, unseen=unseen)
        # "Vol. 1" is never "Vol. 2", however alike the rest
        return [found[k][1] for k in kinds
                if k in found and has_same_numbers(norm, found[k][0].matched)]

    async def resolve(self, kind: str, name: str, artist_id: int | None = None) -> Resolved:
        """The entity this name means, created when nothing matches; the name kept as an alias.
        A placeholder ("unknown", "TBA", "N/A", empty) names no entity: callers check with
        `is_name` first, and this refuses rather than store one."""
        if not is_name(name):
            raise ValueError(f"not a name: {name!r}")
        found = await self.find(kind, name, artist_id)
        if found is None:
            display = strip_decorations(name) or name.strip()
            entity = Entity(kind=kind, name=display[:300], norm_name=normalise(name)[:300],
                            artist_id=artist_id if kind == EntityKind.RELEASE else None,
                            guild_id=self.guild_id, created_at=self.now)
            if self._defer_entities:
                entity.id = await self._take_id()
                self.session.add(entity)
                self._unwritten = True
            else:
                self.session.add(entity)
                await self.session.flush()
            self.created.append(entity)
            self._created_ids[entity.id] = entity
            self._by_name[entity.norm_name].append(entity)
            self._cache[(kind, entity.norm_name, artist_id)] = entity
            return Resolved(entity, True, "new")
        entity, how = found
        if kind == EntityKind.RELEASE and artist_id is not None and entity.artist_id is None:
            # A flush writes updates before inserts: the artist's row must exist first.
            await self.written()
            entity.artist_id = artist_id  # the first article to name its artist settles it
            self._given_artist[entity.id] = entity
        await self.add_alias(entity, name)
        return Resolved(entity, False, how)

    async def written(self) -> None:
        """The new entities deferred so far written (one statement): before any statement that
        must see them, since a Core statement does not flush the session first."""
        if self._unwritten:
            self._unwritten = False
            await self.session.flush()

    async def _take_id(self) -> int:
        """The id SQLite would give the next new entity (no AUTOINCREMENT: the highest + 1);
        on PostgreSQL the next of this resolver's block from the sequence."""
        if not self._sqlite:
            if not self._id_block:
                made = {e.norm_name for e in self.created}
                wanted = min(max(1, len(self._maybe_new - made)), 500)
                self._id_block = sorted(await self.session.scalars(
                    select(func.nextval(func.pg_get_serial_sequence("entities", "id")))
                    .select_from(func.generate_series(1, wanted))))
            return self._id_block.pop(0)
        if self._next_id is None:
            self._next_id = (await self.session.scalar(select(func.max(Entity.id))) or 0) + 1
        taken, self._next_id = self._next_id, self._next_id + 1
        return taken

    def unused_ids(self) -> list[int]:
        """The ids taken from PostgreSQL's sequence that no new entity got (never written)."""
        left, self._id_block = self._id_block, []
        return left

    async def _entity(self, entity_id: int) -> Entity | None:
        # One this resolver created may not be written yet (`defer_entities`).
        return self._created_ids.get(entity_id) or await self.session.get(Entity, entity_id)

    async def add_alias(self, entity: Entity, name: str) -> None:
        """Remember a surface name that differs from the canonical one (in this guild's scope)."""
        norm = normalise(name)
        if not norm or norm == entity.norm_name:
            return
        scope = 0 if self.guild_id is None else self.guild_id
        if (scope, entity) not in self._by_alias[norm[:300]]:
            self._by_alias[norm[:300]].append((scope, entity))
        row = {"entity_id": entity.id, "name": name.strip()[:300], "norm_name": norm[:300],
               "scope": scope, "created_at": self.now}
        if self._defer_aliases:
            self._pending_aliases.append(row)
            return
        await insert_ignoring_conflict(self.session, Alias, row,
                                       ["entity_id", "norm_name", "scope"])

    async def write_aliases(self) -> None:
        """Write the aliases deferred so far, in order, in one statement per 200 (a later
        duplicate is ignored, as it was when each went alone)."""
        await self.written()
        pending, self._pending_aliases = self._pending_aliases, []
        for start in range(0, len(pending), 200):
            await insert_ignoring_conflict(self.session, Alias, pending[start:start + 200],
                                           ["entity_id", "norm_name", "scope"])

    async def _exact(
        self, kind: str, norm: str, forms: Sequence[str], artist_id: int | None
    ) -> tuple[Entity, str] | None:
        if self._known([norm, *forms]):
            found = {e.id: e for form in dict.fromkeys([norm, *forms])
                     for e in self._by_name.get(form, ()) if self._fits(e, kind, artist_id)}
            # As the query below: the 20 lowest ids, then the same preference.
            rows = [found[i] for i in sorted(found)[:20]]
            rows.sort(key=lambda e: (e.norm_name != norm, e.guild_id is None,
                                     e.artist_id != artist_id, e.id))
            return (rows[0], "exact") if rows else None
        await self.written()
        query = (select(Entity)
                 .where(Entity.kind == kind, Entity.norm_name.in_([norm, *forms]), self._visible())
                 .order_by(Entity.id))
        same_artist = self._same_artist(kind, artist_id)
        if same_artist is not None:
            query = query.where(same_artist)
        rows = list(await self.session.scalars(query.limit(20)))
        # The name itself before a variant of it; this guild's own entity before a global one.
        rows.sort(key=lambda e: (e.norm_name != norm, e.guild_id is None,
                                 e.artist_id != artist_id, e.id))
        return (rows[0], "exact") if rows else None

    async def _alias(
        self, kind: str, forms: Sequence[str], artist_id: int | None
    ) -> tuple[Entity, str] | None:
        if self._known(forms):
            aliased = [(scope, e) for form in dict.fromkeys(forms)
                       for scope, e in self._by_alias.get(form, ())
                       if self._fits(e, kind, artist_id)]
            # As the query below: the guild's own alias first, then the lowest id.
            best = min(aliased, key=lambda pair: (-pair[0], pair[1].id), default=None)
            return (best[1], "alias") if best is not None else None
        query = (select(Entity)
                 .join(Alias, Alias.entity_id == Entity.id)
                 .where(Entity.kind == kind, Alias.norm_name.in_(list(forms)),
                        Alias.scope.in_(self._scopes()), self._visible())
                 .order_by(Alias.scope.desc(), Entity.id)
                 .limit(1))
        same_artist = self._same_artist(kind, artist_id)
        if same_artist is not None:
            query = query.where(same_artist)
        await self.write_aliases()
        entity = await self.session.scalar(query)
        return (entity, "alias") if entity is not None else None

    async def _fuzzy(
        self, kind: str, norm: str, artist_id: int | None
    ) -> tuple[Entity, str] | None:
        if self.names is not None and not (kind == EntityKind.RELEASE and artist_id is not None):
            return await self._indexed(self.names, kind, norm)
        candidates = await self._candidates(kind, norm, artist_id)
        if not candidates:
            return None
        choices = {row_id: name for row_id, name in candidates}
        if self.seen_only:
            # The candidates are every global name (cheap to fetch); whether the guild has seen
            # one is asked only of the few that match, best first.
            matches = process.extract(norm, choices, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_CUTOFF, limit=_SEEN_CHECKED)
            seen = set(await self.session.scalars(select(Entity.id).where(
                Entity.id.in_([row_id for _n, _s, row_id in matches]),
                entity_seen(self.guild_id)))) if matches else set()
            best = next((m for m in matches if m[2] in seen), None)
        else:
            best = process.extractOne(norm, choices, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        _name, _score, row_id = best
        if not has_same_numbers(norm, choices[row_id]):
            return None  # "Vol. 1" is never "Vol. 2", however alike the rest
        entity = await self._entity(row_id)
        return (entity, "fuzzy") if entity is not None else None

    async def _indexed(self, names: NameIndex, kind: str, norm: str) -> tuple[Entity, str] | None:
        """The nearest name or alias the guild sees, from the in-memory index, as `_fuzzy`
        decides: ratio over the cutoff, the best of the first `_SEEN_CHECKED`, same numbers;
        none when another name ties the best (two names one letter away: nothing says which
        was meant). (Only a fan's look-up, `seen_only`, has the index.)"""
        found = await names.near(self.session, norm, (kind,), self.guild_id, scorer=fuzz.ratio,
                                 cutoff=FUZZY_CUTOFF, limit=2, checked=_SEEN_CHECKED)
        if not found or not has_same_numbers(norm, found[0].matched):
            return None  # "Vol. 1" is never "Vol. 2", however alike the rest
        if len(found) > 1 and found[1].score >= found[0].score:
            return None
        entity = await self._entity(found[0].entity_id)
        return (entity, "fuzzy") if entity is not None else None

    async def _candidates(
        self, kind: str, norm: str, artist_id: int | None
    ) -> list[tuple[int, str]]:
        """(id, norm_name) of the few entities that could reach the cutoff, never the table."""
        length = len(norm)
        low, high = int(length * _LENGTH_FACTOR), int(length / _LENGTH_FACTOR) + 1
        if self._stored_names is not None and not (kind == EntityKind.RELEASE
                                                   and artist_id is not None):
            return await self._indexed_candidates(self._stored_names, kind, norm, low, high)
        if kind == EntityKind.RELEASE and artist_id is not None and not self.seen_only:
            pooled = await self._pooled(norm, artist_id, low, high)
            if pooled is not None:
                return pooled
        query = select(Entity.id, Entity.norm_name).where(
            Entity.kind == kind, visible_entities(self.guild_id),  # seen_only: see _fuzzy
            func.length(Entity.norm_name).between(low, high),
        )
        await self.written()
        first = norm[:1]
        same_letter = _same_letter(first)
        if kind == EntityKind.RELEASE and artist_id is not None:
            # One artist's releases are few, so every spelling of them is a candidate; releases
            # stored without an artist only when they start alike. Two disjoint halves, each
            # found by an index (as one OR, the database read every release of the kind).
            both = union_all(query.where(Entity.artist_id == artist_id),
                             query.where(Entity.artist_id.is_(None), same_letter)).subquery()
            rows = await self.session.execute(
                select(both.c.id, both.c.norm_name).order_by(both.c.id).limit(MAX_CANDIDATES))
            return [(row_id, name) for row_id, name in rows]
        else:
            # Otherwise only names with the same first character: a typo there goes unmatched
            # (an alias can fix it), which keeps this query small on a large table.
            query = query.where(same_letter)
        rows = await self.session.execute(query.order_by(Entity.id).limit(MAX_CANDIDATES))
        return [(row_id, name) for row_id, name in rows]

    async def _indexed_candidates(self, names: NameIndex, kind: str, norm: str, low: int,
                                  high: int) -> list[tuple[int, str]]:
        """`_candidates` without a statement: the same names, from the name index (committed
        rows, caught up once per transaction) and this resolver's own new entities (whose
        ids come after every committed one), the lowest `MAX_CANDIDATES` ids."""
        first = norm[:1]
        if not first:
            return []
        found = await names.names_from(self.session, kind, first, low, high, self.guild_id)
        if len(found) >= MAX_CANDIDATES:
            return found[:MAX_CANDIDATES]
        own = sorted((e.id, e.norm_name) for e in self.created
                     if e.kind == kind and e.norm_name[:1] == first
                     and low <= len(e.norm_name) <= high)
        return [*found, *own][:MAX_CANDIDATES]

    async def _pooled(self, norm: str, artist_id: int, low: int,
                      high: int) -> list[tuple[int, str]] | None:
        """`_candidates` of a release of a known act, from the pool (loaded at the first such
        look-up for every act the resolver knows and every release title of the article): the
        same rows the query would give, or None when the pool does not cover this look-up."""
        first = norm[:1]
        window = self._pool_windows.get(first)
        covered = window is not None and window[0] <= low and high <= window[1]
        if self._pool is None:
            await self._load_pool(artist_id, {norm, *self._release_norms})
        elif not covered or (artist_id not in self._pool_artists
                             and artist_id not in self._created_ids):
            await self._load_pool(artist_id, set() if covered else {norm})
        assert self._pool is not None
        found: dict[int, str] = {}

        def consider(row_id: int, name: str, act: int | None) -> None:
            if low <= len(name) <= high and (act == artist_id
                                              or (act is None and name[:1] == first)):
                found[row_id] = name

        for row_id, (name, act) in self._pool.items():
            given = self._given_artist.get(row_id)
            consider(row_id, name, given.artist_id if given is not None else act)
        # A release of an act new in this article has no committed row; neither have the
        # releases this resolver created (their ids come after every committed one).
        for entity in [*self._given_artist.values(), *self.created]:
            if entity.kind == EntityKind.RELEASE:
                consider(entity.id, entity.norm_name, entity.artist_id)
        return sorted(found.items())[:MAX_CANDIDATES]

    async def _load_pool(self, artist_id: int, norms: set[str]) -> None:
        """Read into the pool, in one statement, the releases of `artist_id` and of every other
        act this resolver has found and not loaded yet, and (first load) the act-less releases
        starting with the first letter of one of `norms`, within the length window of those
        names (a release has at most `MAX_CANDIDATES`: the look-up below it still cuts)."""
        if self._pool is None:
            self._pool = {}
        known = [*self._cache.values(), *(e for found in self._by_name.values() for e in found),
                 *(e for found in self._by_alias.values() for _s, e in found)]
        acts = {artist_id, *(e.id for e in known if e.kind == EntityKind.ARTIST)}
        acts -= self._pool_artists | set(self._created_ids)
        # A letter loaded before is read again over the hull of both windows (rows are kept
        # by id), so that its window stays one range.
        windows: dict[str, tuple[int, int]] = {}
        for norm in norms:
            low, high = int(len(norm) * _LENGTH_FACTOR), int(len(norm) / _LENGTH_FACTOR) + 1
            was = windows.get(norm[:1]) or self._pool_windows.get(norm[:1]) or (low, high)
            windows[norm[:1]] = (min(was[0], low), max(was[1], high))
        columns = select(Entity.id, Entity.norm_name, Entity.artist_id).where(
            Entity.kind == EntityKind.RELEASE, visible_entities(self.guild_id))
        ordered = sorted(acts)
        halves = [columns.where(Entity.artist_id.in_(ordered[start:start + 500]))
                  for start in range(0, len(ordered), 500)]
        halves += [columns.where(Entity.artist_id.is_(None), _same_letter(first),
                                 func.length(Entity.norm_name).between(low, high))
                   for first, (low, high) in sorted(windows.items())]
        if halves:
            # No flush first: what this resolver created is taken from memory.
            both = union_all(*halves) if len(halves) > 1 else halves[0]
            for row_id, name, act in await self.session.execute(both):
                self._pool[row_id] = (name, act)
        self._pool_artists |= acts
        self._pool_windows.update(windows)


def _same_letter(first: str) -> ColumnElement[bool]:
    """Names starting with `first`: the range lets the (kind, norm_name) index find them;
    substr keeps the match exact where a collation orders characters differently
    (PostgreSQL locales)."""
    if not first:
        return false()
    return and_(Entity.norm_name >= first, Entity.norm_name < chr(ord(first) + 1),
                func.substr(Entity.norm_name, 1, 1) == first)
