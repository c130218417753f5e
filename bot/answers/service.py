"""AnswerService: a question in, a short answer built only from stored facts, with sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.answers import lookup
from bot.answers.linking import link, suggestions
from bot.answers.matching import DATED, best_dated
from bot.answers.model import Answer, AnswerFact, Source, on_date, shorten, show_date
from bot.answers.questions import Question, parse_question
from bot.answers.recent import RecentAnswer, RecentAnswers
from bot.clock import Clock
from bot.db import Database
from bot.extract.model import PartialDate
from bot.facts.predicates import PREVIOUS_DATE
from bot.facts.store import FactStore, to_partial
from bot.models import Entity, Fact

_UPCOMING = ("release_date", "tour_date", "event", "anniversary")
_PEOPLE = {"director": ("directed_by", "directed"), "producer": ("produced_by", "produced")}


def _when(fact: Fact) -> PartialDate | None:
    return to_partial(fact.object_date, fact.object_precision)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class AnswerService:
    """Answers questions from the fact base; never invents: unknown is said to be unknown."""

    def __init__(self, db: Database, facts: FactStore, clock: Clock) -> None:
        self.db = db
        self.facts = facts
        self.clock = clock
        self.recent = RecentAnswers()

    async def ask(self, question: str, guild_id: int | None = None, *,
                  asker: int | None = None) -> Answer:
        """The answer to one question (UserError for an empty, overlong or unknown form).

        With `asker`, the answer is remembered for that user's `/sources`.
        """
        parsed = parse_question(question)
        # One read snapshot for every look-up the answer makes (Database.read nests).
        async with self.db.read():
            answer = await self._answer(parsed, guild_id)
        if asker is not None:
            self.recent.remember(guild_id, asker,
                                 RecentAnswer(question.strip(), answer, self.clock.now()))
        return answer

    def last_answer(self, guild_id: int | None, user_id: int) -> RecentAnswer:
        """The user's last answer in this guild (UserError when there is none)."""
        return self.recent.last(guild_id, user_id)

    async def _answer(self, parsed: Question, guild_id: int | None) -> Answer:
        candidates = await link(self.facts, parsed, guild_id)
        if not candidates and parsed.intent == "event":
            # "When do tickets go on sale?" names nobody: a recent dated fact that shares at
            # least two words with it may still answer; else it is not known.
            pool = await lookup.recent_dated(self.db, DATED, guild_id)
            best = best_dated(pool, parsed.name, [], min_shared=2)
            if best is not None:
                names = await lookup.names(self.db, [best[0].subject_id])
                found = await lookup.articles(self.db, [best[0].article_id])
                article = found.get(best[0].article_id or -1)
                fact = best[0]
                return Answer(
                    shorten(f"{show_date(best[1])}: {fact.evidence.strip()}"),
                    [AnswerFact(names.get(fact.subject_id, ""), fact.predicate,
                                show_date(best[1]), fact.evidence)],
                    [Source(article.title or "(untitled)", article.canonical_url,
                            article.published_at.date().isoformat()
                            if article.published_at else None, fact.evidence)]
                    if article else [])
        if not candidates:
            return await self._unknown(parsed, guild_id)
        first: Answer | None = None
        # The same name may be an artist and a person (or a release): the first that has
        # the facts asked about answers; else the likeliest one says what is missing.
        for entity in candidates if parsed.intent != "event" else candidates[:1]:
            builder = _Builder(self, parsed, entity, guild_id, candidates)
            text = await builder.build()
            answer = Answer(shorten(text), builder.used_facts(), await builder.sources())
            if builder.used or builder.listed:
                return answer
            first = first or answer
        assert first is not None
        return first

    async def _unknown(self, question: Question, guild_id: int | None) -> Answer:
        near = [n for n in await suggestions(self.facts, question.name, guild_id)
                if n.casefold() != question.name.casefold()]
        text = f"I don't know \"{question.name}\" yet: no article I have read mentions it."
        if near:
            text += " Did you mean " + ", ".join(f'"{n}"' for n in near) + "?"
        return Answer(shorten(text))


class _Builder:
    """One answer in the making: the facts it used, so the sources follow them."""

    def __init__(self, service: AnswerService, question: Question, entity: Entity,
                 guild_id: int | None, candidates: Sequence[Entity] = ()) -> None:
        self.candidates = list(candidates) or [entity]
        self.db = service.db
        self.store = service.facts
        self.today: date = service.clock.now().date()
        self.q = question
        self.entity = entity
        self.guild_id = guild_id
        self.used: list[Fact] = []
        self._names: dict[int, str] = {entity.id: entity.name}
        self._articles: list[tuple[str, str | None, str | None, str]] = []
        self._shown: dict[int, str] = {}
        # Each entity's facts are read once per answer, however many predicates it asks for.
        self._facts: dict[int, list[Fact]] = {}

    @property
    def listed(self) -> bool:
        return bool(self._articles)

    # --- reading -----------------------------------------------------------------------
    async def _about(self, entity_id: int, predicate: str) -> tuple[list[Fact], list[Fact]]:
        """Accepted facts of one predicate, and the superseded ones beside them."""
        every = self._facts.get(entity_id)
        if every is None:
            every = await self.store.facts_about(entity_id, self.guild_id,
                                                 include_superseded=True)
            self._facts[entity_id] = every
        mine = [f for f in every if f.predicate == predicate]
        return ([f for f in mine if f.status == "accepted"],
                [f for f in mine if f.status == "superseded"])

    async def _name(self, entity_id: int | None) -> str | None:
        if entity_id is None:
            return None
        if entity_id not in self._names:
            self._names.update(await lookup.names(self.db, [entity_id]))
        return self._names.get(entity_id)

    async def _object(self, fact: Fact) -> str:
        when = _when(fact)
        if when is not None:
            return show_date(when)
        return await self._name(fact.object_entity_id) or fact.object_text or ""

    async def _artist_of(self, release: Entity) -> str | None:
        if release.artist_id is not None:
            return await self._name(release.artist_id)
        by, _ = await self._about(release.id, "by")
        return await self._object(by[0]) if by else None

    def used_facts(self) -> list[AnswerFact]:
        return [AnswerFact(self._names.get(f.subject_id, ""), f.predicate,
                           self._shown.get(f.id, ""), f.evidence) for f in self.used]

    async def sources(self) -> list[Source]:
        found = await lookup.articles(self.db, [f.article_id for f in self.used])
        out: list[Source] = []
        seen: set[int] = set()
        for fact in self.used:
            article = found.get(fact.article_id or -1)
            if article is None or article.id in seen:
                continue
            seen.add(article.id)
            out.append(Source(article.title or "(untitled)", article.canonical_url,
                              article.published_at.date().isoformat()
                              if article.published_at else None, fact.evidence))
        for title, url, published, evidence in self._articles:
            out.append(Source(title, url, published, evidence))
        return out

    async def _use(self, facts: Sequence[Fact]) -> list[str]:
        """Record facts as used; their objects as shown."""
        shown = []
        for fact in facts:
            self._names.setdefault(fact.subject_id, await self._name(fact.subject_id) or "")
            value = await self._object(fact)
            self._shown[fact.id] = value
            if fact not in self.used:
                self.used.append(fact)
            shown.append(value)
        return shown

    # --- answering ---------------------------------------------------------------------
    async def build(self) -> str:
        intent = self.q.intent
        if intent == "event":
            return await self._event()
        if intent == "featuring":
            return await self._featuring()
        if intent in ("release_date", "original_date"):
            if self.entity.kind == "release":
                return await self._release_date(self.entity, original=intent == "original_date")
            return await self._next_or_latest(prefer_next=True)
        if intent in ("latest_release", "next_release"):
            return await self._next_or_latest(prefer_next=intent == "next_release")
        if intent in _PEOPLE:
            return await self._credits(*_PEOPLE[intent])
        if intent in ("label", "partner", "child", "records_sold"):
            return await self._relation(intent)
        if intent in ("birthday", "age"):
            return await self._birthday()
        if intent == "upcoming":
            return await self._upcoming()
        if intent == "articles":
            return await self._latest_articles()
        return await self._summary()

    async def _release_date(self, release: Entity, original: bool = False) -> str:
        accepted, superseded = await self._about(release.id, "release_date")
        artist = await self._artist_of(release)
        title = release.name + (f" by {artist}" if artist else "")
        if not accepted:
            return f"I know {title}, but no article I have read gives its release date yet."
        when = _when(accepted[0])
        assert when is not None
        await self._use(accepted[:1])
        moved, _ = await self._about(release.id, PREVIOUS_DATE)
        if original and moved:
            await self._use(moved[:1])
            first = await self._object(moved[0])
            prep = "on" if moved[0].object_precision == "day" else "in"
            return f"{title} was first due {prep} {first}; it is now due {on_date(when)}."
        # A day already past came out; a month or year only once it is over.
        out = (when.precision == "day" and when.first_day() <= self.today) or \
            (when.precision != "day" and when.first_day().year < self.today.year)
        text = f"{title} {'came out' if out else 'comes out'} {on_date(when)}."
        if moved:
            await self._use(moved[:1])
            text += f" It was moved from {await self._object(moved[0])}."
        differing = [f for f in superseded if _when(f) != when and not moved]
        if differing:
            await self._use(differing[:1])
            text += f" Another source differs ({await self._object(differing[0])})."
        return text

    async def _dated_releases(self, artist: Entity) -> list[tuple[PartialDate, Entity, Fact]]:
        releases = await lookup.releases_by(self.db, artist.id, self.guild_id)
        if self.q.kind in ("album", "single", "ep"):
            kinded = [r for r in releases if r.release_kind == self.q.kind]
            releases = kinded or releases
        dates = await lookup.accepted(self.db, [r.id for r in releases], ["release_date"],
                                      self.guild_id)
        by_id = {r.id: r for r in releases}
        out = []
        for fact in dates:
            when = _when(fact)
            if when is not None and fact.subject_id in by_id:
                out.append((when, by_id[fact.subject_id], fact))
        return sorted(out, key=lambda t: (t[0].first_day(), t[1].id))

    async def _next_or_latest(self, prefer_next: bool) -> str:
        artist = self.entity
        if artist.kind == "release":
            return await self._release_date(artist)
        dated = await self._dated_releases(artist)
        if not dated:
            return f"I know {artist.name}, but no article I have read dates a release by them yet."
        future = [t for t in dated if t[0].first_day() > self.today]
        past = [t for t in dated if t[0].first_day() <= self.today]
        if prefer_next and future:
            when, release, fact = future[0]
            await self._use([fact])
            return f"{artist.name}'s next release is {release.name}, out {on_date(when)}."
        if not prefer_next and past:
            when, release, fact = past[-1]
            await self._use([fact])
            return f"{artist.name}'s latest release is {release.name}, out {on_date(when)}."
        when, release, fact = (future[0] if future else past[-1])
        await self._use([fact])
        word = "next" if future else "latest"
        lead = "" if prefer_next == bool(future) else \
            ("Nothing new is announced yet; " if prefer_next else "Nothing is out yet; ")
        return f"{lead}{artist.name}'s {word} release is {release.name}, out {on_date(when)}."

    async def _credits(self, predicate: str, verb: str) -> str:
        subjects = [self.entity]
        if self.entity.kind != "release":
            subjects = [r for _, r, _ in await self._dated_releases(self.entity)] or \
                await lookup.releases_by(self.db, self.entity.id, self.guild_id)
        found = await lookup.accepted(self.db, [s.id for s in subjects], [predicate],
                                      self.guild_id)
        if not found:
            return f"No article I have read says who {verb} {self.entity.name} yet."
        parts = []
        for fact in found[:3]:
            who = (await self._use([fact]))[0]
            what = await self._name(fact.subject_id)
            parts.append(f"{who} ({what})" if self.entity.kind != "release" else who)
        names = list(dict.fromkeys(parts))
        subject = self.entity.name if self.entity.kind == "release" else \
            f"{self.entity.name}'s releases"
        return f"{subject} {'was' if len(found) == 1 else 'were'} {verb} by {' and '.join(names)}."

    async def _relation(self, predicate: str) -> str:
        subject = self.entity
        accepted, superseded = await self._about(subject.id, predicate)
        if (not accepted and subject.kind == "release" and predicate == "label"
                and subject.artist_id is not None):
            # A release's label is usually stated of its artist.
            artist = await lookup.entities(self.db, [subject.artist_id])
            if artist:
                subject = artist[0]
                accepted, superseded = await self._about(subject.id, predicate)
        words = {"label": "label", "partner": "partner", "child": "children",
                 "records_sold": "record sales"}
        if not accepted:
            return f"No article I have read gives {subject.name}'s {words[predicate]} yet."
        values = list(dict.fromkeys(await self._use(accepted[:5])))
        if predicate == "label":
            text = f"{subject.name} is on {values[0]}."
            other = [f for f in superseded if f.object_entity_id != accepted[0].object_entity_id]
            if other:
                await self._use(other[:1])
                text += f" Another source differs ({await self._object(other[0])})."
            return text
        if predicate == "records_sold":
            return f"{subject.name} has sold {values[-1]} records."
        if predicate == "partner":
            return f"{subject.name}'s partner: {' and '.join(values)}."
        return f"{subject.name} has {_plural(len(values), 'child')} I know of: {', '.join(values)}."

    async def _birthday(self) -> str:
        accepted, superseded = await self._about(self.entity.id, "born")
        if not accepted:
            return f"No article I have read gives {self.entity.name}'s birthday yet."
        born = _when(accepted[0])
        assert born is not None
        await self._use(accepted[:1])
        name = self.entity.name
        if born.month is None or born.day is None:
            return f"{name} was born in {show_date(born)}; I don't know the day."
        text = f"{name} was born on {show_date(born)}"
        if self.q.year is not None:
            text += f", so turned {self.q.year - born.year} in {self.q.year}"
        else:
            had = (self.today.month, self.today.day) >= (born.month, born.day)
            text += f" and is {self.today.year - born.year - (0 if had else 1)}"
        day = show_date(PartialDate(born.year, born.month, born.day)).rsplit(",", 1)[0]
        text += f"; the birthday is {day}."
        if any(_when(f) != born for f in superseded):
            text += " Another source differs."
        return text

    async def _upcoming(self) -> str:
        subjects = [self.entity]
        if self.entity.kind != "release":
            subjects += await lookup.releases_by(self.db, self.entity.id, self.guild_id)
        found = await lookup.accepted(self.db, [s.id for s in subjects], _UPCOMING,
                                      self.guild_id)
        ahead = sorted((f for f in found if (w := _when(f)) and w.first_day() > self.today),
                       key=lambda f: f.object_date or self.today)
        if not ahead:
            return f"Nothing is coming up for {self.entity.name} that I know of."
        parts = []
        for fact in ahead[:4]:
            when = _when(fact)
            assert when is not None
            await self._use([fact])
            what = await self._name(fact.subject_id) if fact.predicate == "release_date" \
                else fact.predicate.replace("_", " ")
            parts.append(f"{what} {on_date(when)}")
        return f"Coming up for {self.entity.name}: {'; '.join(parts)}."

    async def _latest_articles(self) -> str:
        found = await lookup.articles_about(self.db, [self.entity.id], self.guild_id)
        if not found:
            return f"I have no articles about {self.entity.name} yet."
        for article, evidence in found:
            self._articles.append((article.title or "(untitled)", article.canonical_url,
                                   article.published_at.date().isoformat()
                                   if article.published_at else None, evidence))
        titles = "; ".join(a.title or "(untitled)" for a, _ in found)
        return f"Latest articles about {self.entity.name}: {titles}."

    async def _summary(self) -> str:
        every = await self.store.facts_about(self.entity.id, self.guild_id)
        if self.entity.kind == "release":
            parts = [await self._release_date(self.entity)]
        else:
            parts = [f"{self.entity.name}:"]
            for predicate, word in (("label", "on"), ("born", "born"),
                                    ("records_sold", "sold"), ("partner", "partner")):
                mine = [f for f in every if f.predicate == predicate][:1]
                if mine:
                    parts.append(f"{word} {(await self._use(mine))[0]};")
            dated = await self._dated_releases(self.entity)
            if dated:
                when, release, fact = dated[-1]
                await self._use([fact])
                parts.append(f"newest release {release.name} ({show_date(when)});")
        if len(parts) == 1 and self.entity.kind != "release":
            return f"I know the name {self.entity.name}, but no facts about them yet."
        return " ".join(parts).rstrip(";") + ("" if parts[-1].endswith(".") else ".")

    async def _featuring(self) -> str:
        if self.entity.kind != "release":
            return f"{self.entity.name} is not a release I know; ask who is on a song or album."
        guests, _ = await self._about(self.entity.id, "featuring")
        if guests:
            names = list(dict.fromkeys(await self._use(guests[:4])))
            return f"{self.entity.name} features {' and '.join(names)}."
        by, _ = await self._about(self.entity.id, "by")
        if by:
            names = list(dict.fromkeys(await self._use(by[:4])))
            return f"{self.entity.name} is by {' and '.join(names)}."
        return f"No article I have read says who is on {self.entity.name} yet."

    async def _event(self) -> str:
        subjects = list(self.candidates)
        for entity in self.candidates:
            if entity.kind != "release":
                subjects += await lookup.releases_by(self.db, entity.id, self.guild_id)
        found = await lookup.accepted(self.db, [s.id for s in subjects], DATED, self.guild_id)
        best = best_dated(found, self.q.name, [e.name for e in self.candidates])
        if best is None:
            who = " and ".join(e.name for e in self.candidates)
            return f"No article I have read gives a date for that about {who} yet."
        fact, when = best
        await self._use([fact])
        return f"{show_date(when)}: {fact.evidence.strip()}"

