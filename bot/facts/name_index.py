"""`NameIndex`: every entity name and alias in memory, for typo matching and autocomplete."""

from __future__ import annotations

import asyncio
import bisect
import heapq
import sys
import time
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice, repeat
from typing import Any

from sqlalchemy import BindParameter, Row, Select, bindparam, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from bot.facts.scope import entity_seen
from bot.kinds_and_states import EntityKind
from bot.models import Alias, Entity

# A scorer as rapidfuzz takes it: (query, choice, score_cutoff=) -> 0..100.
Scorer = Callable[..., float]

_KINDS: tuple[str, ...] = tuple(EntityKind)
# Entries no guild may be told of (an alias of one guild on another guild's entity).
_NOBODY = -1
# Trigram postings counted for one query at most: the rarest trigrams first, so a name of
# common words still finds its candidates among the rows its rarer trigrams name.
_POSTINGS_BUDGET = 30_000
# The rarest trigrams always counted, however long their postings (a query of common words).
_MIN_GRAMS = 3
# Candidates rescored with rapidfuzz: those sharing the most counted trigrams with the query.
_RESCORED = 300
# Ids below the highest one seen but not yet read: on PostgreSQL a sequence hands out ids
# before their transactions commit, so a lower id may appear after a higher one. They are
# asked for again on each catch-up until they appear or this many seconds pass (a rollback).
_HOLE_SECONDS = 600.0
# Holes tracked at most, the newest (a gap wider than this is a bulk load, not a transaction).
_MAX_HOLES = 1000
# Prefix entries asked of the database per round (whether the guild sees them), growing.
_PREFIX_ROUNDS = (100, 1000, 5000)
# Rows read per statement while building (only one batch's rows are in memory at a time).
_BUILD_BATCH = 20_000
# Sorts after every character a name can hold: the end of a prefix's range.
_LAST = chr(0x10FFFF)
# session.info key: the index already caught up in this transaction.
_CAUGHT_UP = "fanzine_names_caught_up"
# Database parameters per statement, under both databases' limits.
_CHUNK = 5000


@dataclass(frozen=True)
class NameMatch:
    """An entity the guild sees, the form that matched it, and how well (100 for a prefix)."""

    entity_id: int
    kind: str
    name: str  # the entity's display name
    matched: str  # the normalised name or alias that matched
    score: float


@dataclass
class _Kind:
    """One kind's entries: trigram postings and the sorted normalised names."""

    grams: dict[str, array[int]] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # sorted norms, for prefixes
    order: array[int] = field(default_factory=lambda: array("i"))  # entries in keys' order


@dataclass
class _Watermark:
    """The highest id read from one table, and lower ids still missing (see _HOLE_SECONDS)."""

    high: int = 0
    holes: dict[int, float] = field(default_factory=dict)
    # Ids this process took from the sequence and will never use: no hole to ask after.
    unused: set[int] = field(default_factory=set)

    def wanted(self, now: float) -> list[int]:
        for hole in [h for h, since in self.holes.items() if now - since > _HOLE_SECONDS]:
            del self.holes[hole]
        return sorted(self.holes)

    def take(self, row_id: int) -> bool:
        """Whether a row read is new (above the mark, or a hole filled)."""
        if row_id > self.high:
            return True
        return self.holes.pop(row_id, None) is not None

    def advance(self, ids: Sequence[int], now: float) -> None:
        if not ids:
            return
        top = max(ids)
        if top <= self.high:
            return
        got = set(ids)
        low = max(self.high, top - _MAX_HOLES) + 1
        self.holes.update((i, now) for i in range(low, top)
                          if i not in got and i not in self.unused)
        self.high = top
        self.unused = {i for i in self.unused if i > top}


def trigrams(norm: str) -> set[str]:
    """The character trigrams of a normalised name, padded so its first and last letters
    count as much as the middle ones."""
    padded = f" {norm} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class NameIndex:
    """Every entity's normalised name and alias, by kind, with who may see each.

    Built from the database on first use (in a thread: a large base takes seconds), then
    caught up before each look-up with the rows added since, by any process (one indexed
    statement: names are only ever added; nothing renames or deletes an entity or alias).
    It proposes candidates; the database decides: whether a guild sees an entity
    (`entity_seen`) is asked of the few returned, and an entity gone is not returned.
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._ready = False
        self._lock = asyncio.Lock()
        self._norms: list[str] = []
        self._entity = array("q")
        # 0: every guild (a global entity, an alias of scope 0); else the one guild that may.
        self._owner = array("q")
        # 1 for an alias, 0 for an entity's own name (storing matches names only).
        self._is_alias = array("b")
        self._kinds = {kind: _Kind() for kind in _KINDS}
        self._entities = _Watermark()
        self._aliases = _Watermark()
        # (build seconds, entries) of the last full build, for the benchmark.
        self.built: tuple[float, int] | None = None

    @property
    def ready(self) -> bool:
        """Whether the first build is done (later look-ups only catch up)."""
        return self._ready

    def __len__(self) -> int:
        return len(self._norms)

    async def near(self, session: AsyncSession, norm: str, kinds: Sequence[str],
                   guild_id: int | None, *, scorer: Scorer, cutoff: float, limit: int,
                   checked: int | None = None,
                   exclude: Iterable[str] = ()) -> list[NameMatch]:
        """Up to `limit` entities the guild sees whose name or alias scores at least `cutoff`
        against `norm`, best first (one per entity; `exclude`: display names left out).
        Only the best `checked` (default `limit` * 4) are asked whether the guild sees them."""
        await self.catch_up(session)
        if not norm:
            return []
        best = self._best(norm, kinds, guild_id, scorer, cutoff, checked or limit * 4)
        seen = await self._seen(session, best, guild_id)
        return self._picked(best, seen, limit, set(exclude))

    async def near_each(self, session: AsyncSession, norm: str, kinds: Sequence[str],
                        guild_id: int | None, *, scorer: Scorer, cutoff: float, checked: int,
                        columns: Sequence[Any] = (), unambiguous: bool = False,
                        unseen: Collection[str] = (),
                        ) -> dict[str, tuple[NameMatch, Row[Any]]]:
        """For each kind, what `near(..., (kind,), limit=1, checked=checked)` gives, with
        whether the guild sees the candidates of every kind asked in one statement (not one
        per kind); each match with its entity's row (`Entity.id`, `name`, `kind`, then
        `columns`), so that the caller needs no statement more to show it. `unambiguous`:
        none for a kind whose best name another name of it ties (no reason to pick one).
        `unseen`: normalised forms the caller found, in this transaction, to be the name or
        alias of no entity the guild sees (`views.named`): a candidate entity with one of them
        is not one it sees, and is not asked about (a name typed exactly as another guild's
        articles gave it then costs no statement here)."""
        await self.catch_up(session)
        if not norm:
            return {}
        best = {kind: self._best(norm, (kind,), guild_id, scorer, cutoff, checked)
                for kind in kinds}
        scored = [p for b in best.values() for p in b]
        hidden = {self._entity[entry] for _score, entry in scored
                  if self._norms[entry] in unseen}
        rows: dict[int, Row[Any]] = {}
        seen = await self._seen(session, [p for p in scored if self._entity[p[1]] not in hidden],
                                guild_id, columns, rows)
        found: dict[str, tuple[NameMatch, Row[Any]]] = {}
        for kind, scored in best.items():
            picked = self._picked(scored, seen, 2 if unambiguous else 1, set())
            if picked and not (len(picked) > 1 and picked[1].score >= picked[0].score):
                found[kind] = (picked[0], rows[picked[0].entity_id])
        return found

    def near_in(self, seen: Mapping[int, tuple[str, str]], norm: str, kinds: Sequence[str],
                guild_id: int | None, *, scorer: Scorer, cutoff: float, limit: int,
                exclude: Iterable[str] = ()) -> list[NameMatch]:
        """`near`, with what the guild sees given (entity id -> (name, kind), every entity
        of `kinds` it sees: `VisibleNames`) instead of asked, and no catching up: the same
        answer without a statement."""
        if not norm:
            return []
        best = self._best(norm, kinds, guild_id, scorer, cutoff, limit * 4)
        return self._picked(best, seen, limit, set(exclude))

    def _best(self, norm: str, kinds: Sequence[str], guild_id: int | None, scorer: Scorer,
              cutoff: float, checked: int) -> list[tuple[float, int]]:
        """The `checked` best (score, entry) near `norm`, one per entity."""
        best: list[tuple[float, int]] = []
        taken: set[int] = set()
        for score, entry in self._near(norm, kinds, guild_id, scorer, cutoff):
            if self._entity[entry] not in taken:
                taken.add(self._entity[entry])
                best.append((score, entry))
            if len(best) >= checked:
                break
        return best

    async def prefix(self, session: AsyncSession, norm: str, kinds: Sequence[str],
                     guild_id: int | None, limit: int) -> list[NameMatch]:
        """Up to `limit` entities the guild sees with a name or alias starting with `norm`,
        by that name, then entity id (one per display name)."""
        await self.catch_up(session)
        if not norm or limit <= 0:
            return []
        found: list[NameMatch] = []
        names: set[str] = set()
        walked = self._prefixed(norm, kinds, guild_id)
        # Rounds grow: a guild that sees few of a short prefix's many names asks again.
        for size in chain(_PREFIX_ROUNDS, repeat(_PREFIX_ROUNDS[-1])):
            batch = [(100.0, entry) for entry in islice(walked, size)]
            if not batch:
                break
            seen = await self._seen(session, batch, guild_id)
            for match in self._picked(batch, seen, None, names):
                names.add(match.name)
                found.append(match)
                if len(found) == limit:
                    return found
        return found

    def prefix_in(self, seen: Mapping[int, tuple[str, str]], norm: str, kinds: Sequence[str],
                  guild_id: int | None, limit: int) -> list[NameMatch]:
        """`prefix`, with what the guild sees given (as for `near_in`): no statement."""
        if not norm or limit <= 0:
            return []
        walked = ((100.0, entry) for entry in self._prefixed(norm, kinds, guild_id))
        return self._picked(walked, seen, limit, set())

    async def having(self, session: AsyncSession, norms: Iterable[str], kind: str) -> set[str]:
        """Those of `norms` that are the name or an alias of an entity of `kind`, whichever
        guild's (a look-up of every n-gram of an article: thousands of forms, no statement
        but the catch-up)."""
        await self.catch_up(session)
        keys = self._kinds[kind].keys
        found: set[str] = set()
        for norm in norms:
            at = bisect.bisect_left(keys, norm)
            if at < len(keys) and keys[at] == norm:
                found.add(norm)
        return found

    async def names_from(self, session: AsyncSession, kind: str, first: str, shortest: int,
                         longest: int, guild_id: int | None) -> list[tuple[int, str]]:
        """(entity id, normalised name) of the entities of `kind` global or of this guild
        whose own name (not an alias) starts with `first` and is `shortest` to `longest`
        characters long, by id: what storing's fuzzy candidates query reads, without it."""
        await self.catch_up(session)
        part = self._kinds[kind]
        start = bisect.bisect_left(part.keys, first)
        end = bisect.bisect_left(part.keys, first + _LAST, lo=start)
        found: list[tuple[int, str]] = []
        for entry in part.order[start:end]:
            norm = self._norms[entry]
            owner = self._owner[entry]
            if (not self._is_alias[entry] and shortest <= len(norm) <= longest
                    and (owner == 0 or (guild_id is not None and owner == guild_id))):
                found.append((self._entity[entry], norm))
        found.sort()
        return found

    def _near(self, norm: str, kinds: Sequence[str], guild_id: int | None, scorer: Scorer,
              cutoff: float) -> list[tuple[float, int]]:
        """(score, entry) of the guild's possible entries near `norm`, best first: candidates
        from the query's rarest trigrams, rescored."""
        grams = trigrams(norm)
        candidates: list[int] = []
        for kind in kinds:
            postings = sorted((p for g in grams if (p := self._kinds[kind].grams.get(g))),
                              key=len)
            counted: list[array[int]] = []
            total = 0
            for posting in postings:
                if len(counted) >= _MIN_GRAMS and total + len(posting) > _POSTINGS_BUDGET:
                    break
                counted.append(posting)
                total += len(posting)
            hits = Counter(chain.from_iterable(counted))
            candidates += [entry for entry, _n in hits.most_common(_RESCORED)]
        out: list[tuple[float, int]] = []
        for entry in candidates:
            if not self._may_see(entry, guild_id):
                continue
            score = scorer(norm, self._norms[entry], score_cutoff=cutoff)
            if score >= cutoff:
                out.append((score, entry))
        # Best score first; among equals the older entity, as the database's order was.
        out.sort(key=lambda t: (-t[0], self._entity[t[1]], t[1]))
        return out

    def _prefixed(self, norm: str, kinds: Sequence[str],
                  guild_id: int | None) -> Iterator[int]:
        """The guild's possible entries whose form starts with `norm`, by form, then entity,
        read lazily (a short prefix may have thousands)."""
        ranges: list[array[int]] = []
        for kind in kinds:
            part = self._kinds[kind]
            # Every string starting with `norm` sorts between it and it + the last code point.
            start = bisect.bisect_left(part.keys, norm)
            end = bisect.bisect_left(part.keys, norm + _LAST, lo=start)
            ranges.append(part.order[start:end])  # a copy of ints: cheap even when long
        merged = heapq.merge(*ranges, key=self._sort_key)
        return (entry for entry in merged if self._may_see(entry, guild_id))

    def _sort_key(self, entry: int) -> tuple[str, int]:
        return (self._norms[entry], self._entity[entry])

    def _may_see(self, entry: int, guild_id: int | None) -> bool:
        owner = self._owner[entry]
        return owner == 0 or (guild_id is not None and owner == guild_id)

    async def _seen(self, session: AsyncSession, scored: Sequence[tuple[float, int]],
                    guild_id: int | None, columns: Sequence[Any] = (),
                    rows: dict[int, Row[Any]] | None = None) -> dict[int, tuple[str, str]]:
        """(name, kind) of the scored entries' entities that the guild sees, asked of the
        database; with `rows`, each entity's row (id, name, kind, `columns`) kept there."""
        ids = list(dict.fromkeys(self._entity[entry] for _score, entry in scored))
        seen: dict[int, tuple[str, str]] = {}
        statement = _seen_statement(guild_id, tuple(columns))
        for start in range(0, len(ids), _CHUNK):
            found = await session.execute(statement, {"ids": ids[start:start + _CHUNK]})
            for row in found:
                seen[row[0]] = (row[1], row[2])
                if rows is not None:
                    rows[row[0]] = row
        return seen

    def _picked(self, scored: Iterable[tuple[float, int]], seen: Mapping[int, tuple[str, str]],
                limit: int | None, exclude: set[str]) -> list[NameMatch]:
        """The scored entries whose entity is in `seen`, in order, one per display name (none
        of `exclude`), at most `limit`."""
        out: list[NameMatch] = []
        names = set(exclude)
        for score, entry in scored:
            entity_id = self._entity[entry]
            if entity_id not in seen or seen[entity_id][0] in names:
                continue
            name, kind = seen[entity_id]
            names.add(name)
            out.append(NameMatch(entity_id, kind, name, self._norms[entry], score))
            if limit is not None and len(out) == limit:
                break
        return out

    def unused_entity_ids(self, ids: Iterable[int]) -> None:
        """Entity ids this process took from PostgreSQL's sequence and will never write (a
        store takes a page's ids together): the catch-up does not ask after them."""
        self._entities.unused.update(i for i in ids if i > self._entities.high)
        for i in ids:
            self._entities.holes.pop(i, None)

    async def catch_up(self, session: AsyncSession) -> None:
        """Read the names added since the last look-up (all of them the first time); once per
        read transaction (a look-up of several kinds, or prefix then fuzzy, asks once)."""
        if session.info.get(_CAUGHT_UP) is self:
            return
        session.info[_CAUGHT_UP] = self
        if not self._ready:
            async with self._lock:  # one build, however many look-ups wait for it
                if not self._ready:
                    started = time.perf_counter()
                    await self._build(session)
                    self._ready = True
                    self.built = (time.perf_counter() - started, len(self._norms))
                    return
        # No lock: the rows are applied without awaiting, and a row two look-ups both read
        # is taken once (`_Watermark.take`).
        now = self._clock()
        rows = list(await session.execute(union_all(
            self._entity_rows(self._entities.wanted(now)),
            self._alias_rows(self._aliases.wanted(now)))))
        if rows:
            self._add(rows, now)

    async def _build(self, session: AsyncSession) -> None:
        """Every name and alias, read in batches and added off the event loop: one batch's
        rows in memory at a time (all 225,000 rows of the 2M-fact base read at once grew the
        process by 106 MB, in batches by 40 MB)."""
        for rows_after, column in ((self._entity_rows, Entity.id),
                                   (self._alias_rows, Alias.id)):
            while True:
                rows = list(await session.execute(
                    rows_after([]).order_by(column).limit(_BUILD_BATCH)))
                if rows:
                    await asyncio.to_thread(self._add, rows, self._clock(), sort=False)
                if len(rows) < _BUILD_BATCH:
                    break
        await asyncio.to_thread(self._sort_all)

    def _entity_rows(self, holes: list[int]) -> Select[int, int, int, str, str, int | None, int]:
        return select(
            literal(0).label("alias"), Entity.id, Entity.id.label("entity_id"), Entity.kind,
            Entity.norm_name, Entity.guild_id, literal(0).label("scope"),
        ).where(or_(Entity.id > self._entities.high, Entity.id.in_(holes)))

    def _alias_rows(self, holes: list[int]) -> Select[int, int, int, str, str, int | None, int]:
        return select(
            literal(1).label("alias"), Alias.id, Alias.entity_id, Entity.kind,
            Alias.norm_name, Entity.guild_id, Alias.scope,
        ).join(Entity, Entity.id == Alias.entity_id).where(
            or_(Alias.id > self._aliases.high, Alias.id.in_(holes)))

    def _add(self, rows: Sequence[Any], now: float, *, sort: bool = True) -> None:
        entity_ids: list[int] = []
        alias_ids: list[int] = []
        added: dict[str, list[int]] = {kind: [] for kind in _KINDS}
        for is_alias, row_id, entity_id, kind, norm, entity_guild, scope in rows:
            mark, ids = (self._aliases, alias_ids) if is_alias else (self._entities, entity_ids)
            ids.append(row_id)
            if kind not in self._kinds or not mark.take(row_id):
                continue
            owner = entity_guild or 0
            if scope:
                owner = scope if owner in (0, scope) else _NOBODY
            entry = len(self._norms)
            self._norms.append(norm)
            self._entity.append(entity_id)
            self._owner.append(owner)
            self._is_alias.append(1 if is_alias else 0)
            part = self._kinds[kind]
            for gram in trigrams(norm):
                posting = part.grams.get(gram)
                if posting is None:
                    part.grams[gram] = array("i", (entry,))
                else:
                    posting.append(entry)
            added[kind].append(entry)
        self._entities.advance(entity_ids, now)
        self._aliases.advance(alias_ids, now)
        for kind, entries in added.items():
            if not entries:
                continue
            if sort:
                self._sort_in(self._kinds[kind], entries)
            else:  # `_sort_all` puts them in place once every batch is in
                self._kinds[kind].order.extend(entries)

    def _sort_all(self) -> None:
        """Each kind's entries by form, then entity (the build adds them unsorted)."""
        for part in self._kinds.values():
            part.order = array("i", sorted(part.order, key=self._sort_key))
            part.keys = [self._norms[entry] for entry in part.order]

    def _sort_in(self, part: _Kind, entries: list[int]) -> None:
        if len(entries) < 100:
            for entry in entries:
                at = bisect.bisect_right(part.keys, self._norms[entry])
                while at > 0 and part.keys[at - 1] == self._norms[entry] \
                        and self._entity[part.order[at - 1]] > self._entity[entry]:
                    at -= 1  # same form: the older entity first
                part.keys.insert(at, self._norms[entry])
                part.order.insert(at, entry)
            return
        merged = sorted(chain(part.order, entries), key=self._sort_key)
        part.order = array("i", merged)
        part.keys = [self._norms[entry] for entry in merged]

    def memory(self) -> int:
        """Bytes held by the index's own containers and strings (approximate)."""
        total = sum(map(sys.getsizeof, self._norms)) + sys.getsizeof(self._norms)
        total += sys.getsizeof(self._entity) + sys.getsizeof(self._owner)
        total += sys.getsizeof(self._is_alias)
        for part in self._kinds.values():
            total += sys.getsizeof(part.grams) + sys.getsizeof(part.keys)
            total += sys.getsizeof(part.order)
            total += sum(sys.getsizeof(g) + sys.getsizeof(p) for g, p in part.grams.items())
        return total


@lru_cache(maxsize=1024)
def _seen_statement(guild_id: int | None, columns: tuple[Any, ...]) -> Any:
    """`NameIndex._seen`'s statement for one guild and set of columns, built once (as
    `views._named_statement`): `entity_seen` takes milliseconds to build, many times the
    statement's own run, and a fuzzy look-up asks it on every misspelt or unknown name (a
    name only another guild's articles gave among them)."""
    ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
    return select(Entity.id, Entity.name, Entity.kind, *columns).where(
        Entity.id.in_(ids), entity_seen(guild_id))
