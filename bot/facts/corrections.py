"""Moderator corrections: a guild's own facts, fixes, removals and aliases, audited."""

from __future__ import annotations

from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database, publish
from bot.delivery.modlog import ModLog
from bot.errors import UserError
from bot.facts.name_search import suggestions
from bot.facts.names import is_name
from bot.facts.predicates import (
    DATE_PREDICATES,
    OBJECT_KINDS,
    RELEASE_PREDICATES,
    SINGLE_VALUED,
    parse_date,
)
from bot.facts.resolve import EntityResolver
from bot.facts.scope import REMOVED, fact_key, read_view, scope, visible, with_revisions
from bot.facts.store import FactStore
from bot.facts.stored_dates import fact_date
from bot.guilds.changes import GuildChanged
from bot.kinds_and_states import FactStatus
from bot.models import AuditEntry, Entity, Fact
from bot.text import is_blank

# The predicates a moderator may correct (bot/extract/README.md).
PREDICATES = ("release_date", "kind", "by", "featuring", "directed_by", "produced_by",
              "written_by", "label",
              "partner", "former_partner", "child", "parent", "member", "former_member", "born",
              "records_sold", "real_name",
              "tour_date", "anniversary", "event")
RELEASE_KINDS = ("single", "album", "ep", "music_video", "other")


@dataclass(frozen=True)
class Correction:
    """What a correction changed, as the adapters report it."""

    action: str
    subject: str
    predicate: str
    before: list[str]
    after: list[str]

    def summary(self) -> str:
        was = ", ".join(self.before) or "nothing"
        now = ", ".join(self.after) or "nothing"
        return f"{self.subject} · {self.predicate}: {was} → {now} (this server only)."


class _Unknown(Exception):
    """A name no entity has; turned into a UserError with suggestions after the rollback."""

    def __init__(self, name: str, kinds: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name, self.kinds = name, kinds


def _subject_kinds(predicate: str) -> tuple[str, ...]:
    if predicate in RELEASE_PREDICATES:
        return ("release",)
    if predicate == "born":
        return ("person", "artist")
    if predicate in ("tour_date", "anniversary", "event"):
        return ("artist", "release")
    return ("artist",)


def check_predicate(predicate: str) -> str:
    """The predicate, lower-cased; a UserError listing them when it is not one."""
    name = predicate.strip().lower().replace("-", "_").replace(" ", "_")
    if name not in PREDICATES:
        raise UserError(f"Unknown predicate '{predicate}'. Predicates: {', '.join(PREDICATES)}.")
    return name


class Corrections:
    """Moderators' guild-scoped changes to the fact base; each audited and sent to the mod-log."""

    def __init__(self, db: Database, facts: FactStore, modlog: ModLog, clock: Clock) -> None:
        self.db = db
        self.facts = facts
        self.modlog = modlog
        self.clock = clock

    async def add(self, actor: Actor, subject: str, predicate: str, value: str) -> Correction:
        """A new fact that only this guild sees."""
        return await self._run(actor, self._add(actor, subject, predicate, value))

    async def fix(self, actor: Actor, subject: str, predicate: str, value: str) -> Correction:
        """Replace what this guild sees for (subject, predicate) with one value."""
        return await self._run(actor, self._fix(actor, subject, predicate, value))

    async def remove(self, actor: Actor, subject: str, predicate: str,
                     value: str | None = None) -> Correction:
        """This guild no longer sees the fact (every value, unless one is named)."""
        return await self._run(actor, self._remove(actor, subject, predicate, value))

    async def alias(self, actor: Actor, name: str, alias: str) -> Correction:
        """Another name for a known entity, understood only in this guild."""
        return await self._run(actor, self._alias(actor, name, alias))

    async def _run(self, actor: Actor, work: Coroutine[Any, Any, Correction]) -> Correction:
        try:
            done = await work
        except _Unknown as error:
            raise await self._explain(error, actor.require_guild()) from None
        return done

    async def _add(self, actor: Actor, subject: str, predicate: str, value: str) -> Correction:
        """A new fact that only this guild sees."""
        guild_id = actor.require_moderator()
        predicate = check_predicate(predicate)
        async with self.db.transaction() as session:
            resolver = EntityResolver(session, self.clock.now(), guild_id)
            entity = await self._subject(resolver, subject, predicate)
            current = await self._visible(session, entity.id, predicate, guild_id)
            before = [await _text(session, f) for f in current]
            row = await self._new_fact(resolver, entity, predicate, value, actor)
            if any(_same(f, row) for f in current):
                raise UserError(f"{entity.name} already has {predicate} {value} here.")
            if current and predicate in SINGLE_VALUED:
                raise UserError(f"{entity.name} already has a {predicate} ({before[0]}); "
                                f"use /facts fix to change it.")
            session.add(row)
            after = [*before, value.strip()]
            result = Correction("add", entity.name, predicate, before, after)
            audit_id = await self._audit(session, actor, result)
        await self._notice(actor, result, audit_id)
        return result

    async def _fix(self, actor: Actor, subject: str, predicate: str, value: str) -> Correction:
        """Replace what this guild sees for (subject, predicate) with one value."""
        guild_id = actor.require_moderator()
        predicate = check_predicate(predicate)
        async with self.db.transaction() as session:
            resolver = EntityResolver(session, self.clock.now(), guild_id)
            entity = await self._subject(resolver, subject, predicate)
            current = await self._visible(session, entity.id, predicate, guild_id)
            if not current:
                raise UserError(f"I know no {predicate} for {entity.name} to fix; "
                                f"use /facts add to add one.")
            before = [await _text(session, f) for f in current]
            row = await self._new_fact(resolver, entity, predicate, value, actor)
            for fact in current:
                self._hide(session, fact, guild_id, actor)
            session.add(row)
            result = Correction("fix", entity.name, predicate, before, [value.strip()])
            audit_id = await self._audit(session, actor, result)
        await self._notice(actor, result, audit_id)
        return result

    async def _remove(self, actor: Actor, subject: str, predicate: str,
                     value: str | None = None) -> Correction:
        """This guild no longer sees the fact (every value, unless one is named)."""
        guild_id = actor.require_moderator()
        predicate = check_predicate(predicate)
        async with self.db.transaction() as session:
            resolver = EntityResolver(session, self.clock.now(), guild_id)
            entity = await self._subject(resolver, subject, predicate)
            current = await self._visible(session, entity.id, predicate, guild_id)
            texts = [await _text(session, f) for f in current]
            chosen = [f for f, t in zip(current, texts, strict=True)
                      if value is None or _matches(f, t, value)]
            if not chosen:
                known = ", ".join(texts) or "none"
                raise UserError(f"{entity.name} has no {predicate} "
                                f"{value or ''} here to remove (known: {known}).")
            for fact in chosen:
                self._hide(session, fact, guild_id, actor)
            after = [t for f, t in zip(current, texts, strict=True) if f not in chosen]
            result = Correction("remove", entity.name, predicate, texts, after)
            audit_id = await self._audit(session, actor, result)
        await self._notice(actor, result, audit_id)
        return result

    async def _alias(self, actor: Actor, name: str, alias: str) -> Correction:
        """Another name for a known entity, understood only in this guild."""
        guild_id = actor.require_moderator()
        if is_blank(alias):
            raise UserError("Give the alias to add in visible characters, e.g. alias:\"MV\".")
        async with self.db.transaction() as session:
            resolver = EntityResolver(session, self.clock.now(), guild_id)
            kinds = ("artist", "release", "person", "label")
            entity = await self._find(resolver, name, kinds)
            for kind in kinds:  # "Mara Vale" as an alias of Kestrel would hide Mara Vale
                other = await resolver.find(kind, alias)
                if other is not None and other[1] != "fuzzy" and other[0].id != entity.id:
                    raise UserError(f"'{alias.strip()}' already names {other[0].name} ({kind}) "
                                    f"here, so it cannot be another name for {entity.name}.")
            await resolver.add_alias(entity, alias)
            result = Correction("alias", entity.name, "alias", [], [alias.strip()])
            audit_id = await self._audit(session, actor, result)
        await self._notice(actor, result, audit_id)
        return result

    # --- helpers --------------------------------------------------------------------------
    async def _subject(self, resolver: EntityResolver, name: str, predicate: str) -> Entity:
        return await self._find(resolver, name, _subject_kinds(predicate))

    async def _find(self, resolver: EntityResolver, name: str,
                    kinds: tuple[str, ...]) -> Entity:
        for kind in kinds:
            found = await resolver.find(kind, name)
            if found is not None:
                return found[0]
        raise _Unknown(name, kinds)

    async def _explain(self, error: _Unknown, guild_id: int) -> UserError:
        """The unknown name's error, with the nearest known names (read outside the write)."""
        near = await suggestions(self.facts, error.name, guild_id)
        hint = f" Did you mean {' or '.join(near)}?" if near else ""
        return UserError(f"I don't know '{error.name}' ({' or '.join(error.kinds)}).{hint}")

    async def _visible(self, session: AsyncSession, entity_id: int, predicate: str,
                       guild_id: int) -> list[Fact]:
        """Accepted facts of one predicate as this guild sees them (what facts_about reads)."""
        rows = await read_view(session, select(Fact).where(
            Fact.subject_id == entity_id, Fact.predicate.in_(with_revisions([predicate])),
            scope(guild_id)).order_by(Fact.id), predicates=[predicate])
        return [f for f in visible(rows) if f.status == FactStatus.ACCEPTED]

    async def _new_fact(self, resolver: EntityResolver, entity: Entity, predicate: str,
                        value: str, actor: Actor) -> Fact:
        text = value.strip()
        if is_blank(text):
            raise UserError("Give a value in visible characters, e.g. value:\"2026-11-20\".")
        now = self.clock.now()
        row = Fact(subject_id=entity.id, predicate=predicate, evidence="Set by a moderator.",
                   confidence=1.0, status=FactStatus.ACCEPTED, guild_id=actor.guild_id,
                   created_by=actor.user_id, created_at=now, updated_at=now)
        if predicate in DATE_PREDICATES:
            when = parse_date(text)
            if when is None:
                raise UserError(f"{predicate} needs a date as YYYY-MM-DD, YYYY-MM or YYYY, "
                                f"not '{text}'.")
            row.object_date, row.object_precision = when.first_day(), when.precision
        elif predicate in OBJECT_KINDS:
            if not is_name(text):
                raise UserError(f"'{text}' is not a name.")
            row.object_entity_id = (await resolver.resolve(OBJECT_KINDS[predicate], text)).entity.id
        elif predicate == "kind":
            if text.lower() not in RELEASE_KINDS:
                raise UserError(f"kind is one of {', '.join(RELEASE_KINDS)}, not '{text}'.")
            row.object_text = text.lower()
        else:
            row.object_text = text
        return row

    def _hide(self, session: AsyncSession, fact: Fact, guild_id: int, actor: Actor) -> None:
        now = self.clock.now()
        if fact.guild_id == guild_id:
            fact.status, fact.updated_at = FactStatus.REJECTED, now
            return
        session.add(Fact(subject_id=fact.subject_id, predicate=fact.predicate,
                         object_entity_id=fact.object_entity_id, object_text=fact.object_text,
                         object_date=fact.object_date, object_precision=fact.object_precision,
                         evidence="Removed by a moderator.", status=REMOVED, guild_id=guild_id,
                         created_by=actor.user_id, created_at=now, updated_at=now))

    async def _audit(self, session: AsyncSession, actor: Actor, result: Correction) -> int:
        assert actor.guild_id is not None
        entry = AuditEntry(
            guild_id=actor.guild_id, user_id=actor.user_id, action=f"facts.{result.action}",
            target=f"{result.subject}:{result.predicate}"[:300], created_at=self.clock.now(),
            before={"values": result.before}, after={"values": result.after})
        session.add(entry)
        await session.flush()
        if result.action != "alias":
            # After commit, the guild's schedule is re-planned in the background.
            publish(session, GuildChanged(actor.guild_id, "facts"))
        return entry.id

    async def _notice(self, actor: Actor, result: Correction, audit_id: int) -> None:
        assert actor.guild_id is not None
        command = "/alias add" if result.action == "alias" else f"/facts {result.action}"
        await self.modlog.notice(
            actor.guild_id, f"{actor.name} (<@{actor.user_id}>) ran {command}: {result.summary()}",
            key=f"correction:{audit_id}")

def _same(a: Fact, b: Fact) -> bool:
    return fact_key(a) == fact_key(b)


def _matches(fact: Fact, text: str, value: str) -> bool:
    wanted = value.strip().casefold()
    if fact.object_date is not None:
        when = parse_date(value)
        return when is not None and fact_date(fact) == when
    return text.casefold() == wanted


async def _text(session: AsyncSession, fact: Fact) -> str:
    if fact.object_entity_id is not None:
        entity = await session.get(Entity, fact.object_entity_id)
        if entity is not None:
            return entity.name
    when = fact_date(fact)
    return when.iso() if when is not None else fact.object_text or ""
