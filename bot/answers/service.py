"""AnswerService: a question in, a short answer built only from stored facts, with sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.answers import lookup
from bot.answers.linking import Mention, candidates, find_mentions, relatives
from bot.answers.matching import DATED, another_date_asked, best_dated, death_of
from bot.answers.model import (
    Answer,
    AnswerFact,
    Source,
    hour_said,
    on_date,
    shorten,
    show_date,
)
from bot.answers.questions import (
    HINT,
    Question,
    Token,
    check_question,
    looks_like_name,
    loose_runs,
    read_question,
    spelled,
    surface,
    tokenize,
)
from bot.answers.quotes import Quote, find_quotes
from bot.answers.quoting import (
    asks_replacement,
    asks_role,
    asks_why,
    mentioned,
    pick,
    quoted,
    required,
    search_words,
)
from bot.answers.recent import RecentAnswer, RecentAnswers
from bot.clock import Clock
from bot.db import Database
from bot.facts import name_search
from bot.facts.name_search import suggestions
from bot.facts.predicates import PREVIOUS_DATE
from bot.facts.store import FactStore
from bot.facts.stored_dates import fact_date
from bot.facts.views import (
    CitedArticle,
    EntityView,
    FactSet,
    FactView,
    artist_releases,
    entities,
    facts_in,
    read_facts,
    recent_dated,
)
from bot.kinds_and_states import EntityKind
from bot.partial_dates import PartialDate
from bot.text import possessive

_UPCOMING = ("release_date", "tour_date", "event", "anniversary")
_PEOPLE = {"director": ("directed_by", "directed"), "producer": ("produced_by", "produced"),
           "writer": ("written_by", "written")}
RECENT_DAYS = 30  # a release out this long is still "new"
_NEW = re.compile(r"\b(?:new|upcoming|forthcoming|coming)\b", re.I)
_LATEST = re.compile(r"\b(?:latest|last|most recent|newest)\b", re.I)
# "Where was she born?": no stored fact holds a place, an article's sentence may
_WHERE = re.compile(r"\s*(?:and\s+)?where\b", re.I)
# Intents a stored fact can answer; the others are answered by quoting an article.
_STRUCTURED = frozenset({"release_date", "original_date", "latest_release", "next_release",
                         "director", "producer", "writer", "featuring", "artist", "members",
                         "releases",
                         "label",
                         "partner", "child",
                         "records_sold", "real_name", "birthday", "age", "upcoming", "articles",
                         "about",
                         "event"})
# Intents whose "nothing known" is itself the answer: no quote stands in for it.
_FINAL = frozenset({"upcoming", "articles"})
# "When do the deluxe editions of X come out?": a new edition of a release, whose day is not
# the release's own; a stored release date answers only when no article's sentence does.
_EDITION = re.compile(r"\b(?:deluxe|editions?|reissues?|reissued|remaster(?:s|ed)?|re-release[sd]?|"
                      r"box(?:ed)? sets?|anniversary|expanded)\b", re.I)
# Intents about one release: an unknown title in the question is what they ask about.
_OF_RELEASE = frozenset({"release_date", "original_date", "director", "producer", "writer",
                         "featuring", "artist"})
# A personal name of two or three words ("Mara Vale", "Jon Paul Reed"), surname last.
_PERSONAL = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}")
# A question that asks for a guest, not the act ("Who features on Y?").
_GUEST = re.compile(r"\bfeat\w*|\bguests?\b|\bcollab\w*|\bduets?\b|\bwith whom\b", re.I)
# A question on who joins a band ("the new drummer", "who replaced X?").
_JOINING = re.compile(r"\b(?:new|newest|join\w*|replac\w*|recruit\w*|stepp\w* in|"
                      r"took over|taking over)\b", re.I)
# A question on who was in a band ("who left?", "the old drummer", "the ex-singer")
_FORMER = re.compile(r"\b(?:former|formerly|old|original|founding|ex|ex-\w+|left|leav\w*|"
                     r"quit\w*|depart\w*|exit\w*|used to|was|were|past|gone|fired|kicked)\b",
                     re.I)
# Sentences fetched for a quoted answer, before picking the one that fits.
_QUOTE_POOL = 20


_IRREGULAR = {"child": "children", "person": "people"}


def _tells_edition(answer: Answer) -> bool:
    """Whether the answer gives a new edition's date (a stored reissue day)."""
    return any(f.predicate == "event" and _EDITION.search(f.evidence) for f in answer.facts)


def _plural(n: int, word: str) -> str:
    """"1 child", "3 children", "2 members"."""
    return f"{n} {word if n == 1 else _IRREGULAR.get(word, word + 's')}"


class AnswerService:
    """Answers questions from the fact base, else by quoting the articles; never invents."""

    def __init__(self, db: Database, facts: FactStore, clock: Clock) -> None:
        self.db = db
        self.facts = facts
        self.clock = clock
        self.recent = RecentAnswers()

    async def ask(self, question: str, guild_id: int | None = None, *,
                  asker: int | None = None) -> Answer:
        """The answer to one question (UserError for an empty or overlong one).

        With `asker`, the answer is remembered for that user's `/sources`.
        """
        text = check_question(question)
        # One read snapshot for every look-up the answer makes (Database.read nests).
        async with self.db.read():
            answer = await self._answer(text, guild_id)
        if asker is not None:
            self.recent.remember(guild_id, asker, RecentAnswer(text, answer, self.clock.now()))
        return answer

    def last_answer(self, guild_id: int | None, user_id: int) -> RecentAnswer:
        """The user's last answer in this guild (UserError when there is none)."""
        return self.recent.last(guild_id, user_id)

    async def _answer(self, text: str, guild_id: int | None) -> Answer:
        text = spelled(text)
        tokens = tokenize(text)
        mentions = await find_mentions(self.facts, tokens, guild_id)
        parsed = read_question(text, tokens, [m.run for m in mentions])
        found = candidates(mentions, parsed.intent)
        if parsed.relation and parsed.intent in ("birthday", "age"):
            found = await relatives(self.facts, found, parsed.relation, guild_id) or found
        names = _names(mentions)
        unknowns = self._unknown_names(tokens, mentions)
        unknown = unknowns[0] if unknowns else None
        # "When did X release <a title not known>?": never answered with another release.
        about_other = unknown is not None and parsed.intent in _OF_RELEASE and \
            not any(e.kind == EntityKind.RELEASE for e in found)
        checked = None
        if found and parsed.intent in _STRUCTURED and not about_other and not (
                parsed.counting and parsed.intent not in ("records_sold", "age", "child")) and not (
                _WHERE.match(parsed.text) and parsed.intent in ("birthday", "age")):
            checked = await self._checked(parsed, _asked_about(parsed, mentions, found),
                                          guild_id)
            edition = parsed.intent in _OF_RELEASE and _EDITION.search(parsed.text) is not None
            if checked is not None and (checked[1] or parsed.intent in _FINAL) and (
                    not edition or _tells_edition(checked[0])):
                return checked[0]
        elif not found and parsed.intent == "event":
            dated = await self._nameless_event(parsed, guild_id)
            if dated is not None:
                return dated
        # No stored fact answers: the sentence of an article that fits the question best.
        if unknowns and (about_other or not names):
            names = [*names, *unknowns]
        # The sentences naming the names alone, by names: `_quote` may read them, and
        # `_mentioned` then takes its first from there rather than search again.
        named_only: dict[tuple[str, ...], list[Quote]] = {}
        quote = await self._quote(parsed, names, found, guild_id, named_only,
                                  _owners(parsed, mentions))
        if quote is not None:
            return quote
        if checked is not None:
            return checked[0]
        if found:
            # no sentence fits the question's words, yet the articles name them: what one
            # says of them beats "I know X" alone
            named = await self._mentioned([e.name for e in found[:2]], guild_id, named_only)
            if named is not None:
                return named
            who = " and ".join(dict.fromkeys(e.name for e in found[:2]))
            return Answer(shorten(f"I know {who}, but no article I have read answers that "
                                  "about them yet."))
        if unknowns:
            named = await self._mentioned(unknowns, guild_id, named_only)
            if named is not None:
                return named
        return await self._unknown(unknown, guild_id)

    async def _checked(self, parsed: Question, found: Sequence[EntityView],
                       guild_id: int | None) -> tuple[Answer, bool] | None:
        """The answer from stored facts, and whether any fact answered it."""
        first: Answer | None = None
        # The same name may be an artist and a person (or a release): the first that has
        # the facts asked about answers; else the likeliest one says what is missing.
        for entity in found if parsed.intent != "event" else found[:1]:
            builder = _Builder(self, parsed, entity, guild_id, found)
            text = await builder.build()
            answer = Answer(shorten(text), builder.used_facts(), await builder.sources())
            if (builder.used or builder.listed) and not builder.fallback:
                return answer, True
            first = first or answer
        return (first, False) if first is not None else None

    async def _nameless_event(self, parsed: Question, guild_id: int | None) -> Answer | None:
        """"When do tickets go on sale?" names nobody: a recent dated fact that shares at
        least two words with it may still answer."""
        pool = await recent_dated(self.db, DATED, guild_id)
        best = best_dated(pool.facts, parsed.text, [], min_shared=2)
        if best is None:
            return None
        fact, when = best
        article = pool.articles.get(fact.article_id or -1)  # read with the pool
        return Answer(
            shorten(f"{show_date(when)}: {fact.evidence.strip()}"),
            [AnswerFact(fact.subject_name, fact.predicate, show_date(when), fact.evidence)],
            [Source(article.title or "(untitled)", article.link,
                    article.published_at.date().isoformat() if article.published_at else None,
                    fact.evidence)] if article else [])

    async def _quote(self, parsed: Question, names: Sequence[str], about: Sequence[EntityView],
                     guild_id: int | None,
                     named_only: dict[tuple[str, ...], list[Quote]],
                     owners: Sequence[str] = ()) -> Answer | None:
        """The best sentence of the articles that name them (or that stated facts about the
        entities linked), ranked by the question's words; None when none fits. `owners`:
        the names typed as owners of what is asked ("Kai Dorne" of "Kai Dorne's X")."""
        words = search_words(parsed)
        if not names and not required(parsed):
            return None
        # (with the articles on their releases: an article on an artist's album is about the
        # artist, though it states facts only of the album)
        reach = await lookup.articles_of(self.db, [e.id for e in about], guild_id)
        found = await find_quotes(self.db, guild_id, names, words, articles=reach.articles,
                                  limit=_QUOTE_POOL)
        if names and len(found) < 3:
            # Few hold a word of the question: the sentences naming them may still hold the
            # date or name asked for ("What comes out for Record Store Day?").
            seen = {q.sentence for q in found}
            plain = named_only[tuple(names)] = await find_quotes(self.db, guild_id, names, [],
                                                                 limit=10)
            found += [q for q in plain if q.sentence not in seen]
        if guild_id is not None and about:
            async with self.db.read() as session:
                hidden = (await facts_in(session, [*(e.id for e in about), *reach.releases],
                                         guild_id, cited=False)).hidden
            found = [q for q in found if " ".join(q.sentence.split()) not in hidden]
        best = pick(found, parsed, names, records=list(reach.releases.values()),
                    owners=owners)
        if best is None and names and (asks_role(parsed) or asks_why(parsed.text)):
            # "Who produced X?" and no sentence credits anyone as written: the sentence that
            # fits best otherwise, as the nearest there is ("the band's longtime hand Y was
            # behind the desk" may be it), never as the answer; so for "why …?" and no
            # sentence giving a reason
            nearest = pick(found, parsed, names, records=list(reach.releases.values()),
                           strict=False)
            return mentioned(nearest, names[0]) if nearest is not None else None
        if best is None and parsed.intent == "about":
            # "What happened to X?" asks for anything said of X: a sentence naming X is it
            best = next((q for q in found if q.named), None)
        return quoted(best, parsed, names) if best is not None else None

    async def _mentioned(self, names: Sequence[str], guild_id: int | None,
                         named_only: dict[tuple[str, ...], list[Quote]]) -> Answer | None:
        """Nothing answers, yet an article names them: never "I don't know" them (the first
        sentence naming them, from `named_only` when `_quote` read them: the same snapshot)."""
        known = named_only.get(tuple(names))
        first = known[:1] if known is not None else \
            await find_quotes(self.db, guild_id, names, [], limit=1)
        naming = [q for q in first if q.named]
        return mentioned(naming[0], names[0]) if naming else None

    @staticmethod
    def _unknown_names(tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[str]:
        """The names the question uses that the fact base does not know, likeliest first."""
        found = [surface(tokens, run) for run in loose_runs(tokens, [m.run for m in mentions])
                 if looks_like_name(tokens, run)]
        return found + [n.split()[-1] for n in found if _PERSONAL.fullmatch(n)]

    async def _unknown(self, name: str | None, guild_id: int | None) -> Answer:
        if name is None:
            return Answer(shorten("No article I have read answers that yet. "
                                  f"{HINT}."))
        near = [n for n in await suggestions(self.facts, name, guild_id)
                if n.casefold() != name.casefold()]
        text = f"I don't know \"{name}\" yet: no article I have read mentions it."
        if near:
            text += " Did you mean " + ", ".join(f'"{n}"' for n in near) + "?"
        return Answer(shorten(text))


def _asked_about(parsed: Question, mentions: Sequence[Mention],
                 found: Sequence[EntityView]) -> Sequence[EntityView]:
    """The entities stored facts may answer for: a question on a release the question names
    ("When is Kai Dorne's Paper Coast out?") is that release's alone, never its act's latest
    record when the release has no date (the act, named as its owner, only narrows it)."""
    if parsed.intent not in _OF_RELEASE:
        return found
    named = {e.id for m in mentions if not m.possessive for e in m.entities
             if e.kind == EntityKind.RELEASE}
    return [e for e in found if e.id in named] or found


def _owners(parsed: Question, mentions: Sequence[Mention]) -> list[str]:
    """The names that only narrow what is asked: an owner typed with "'s" beside another
    name ("Kai Dorne's Paper Coast"), and the act beside a record a question on a record
    names ("When does Kai Dorne release Paper Coast?"). A sentence on the record answers
    before one on its act."""
    if len(mentions) < 2:
        return []
    record = parsed.intent in _OF_RELEASE and any(
        e.kind == EntityKind.RELEASE for m in mentions if not m.possessive for e in m.entities)
    owning = [m for m in mentions if m.possessive or (record and not any(
        e.kind == EntityKind.RELEASE for e in m.entities))]
    return _names(owning) if len(owning) < len(mentions) else []


def _names(mentions: Sequence[Mention]) -> list[str]:
    """Every way the question's names may be written in an article: as stored, as typed."""
    out: list[str] = []
    for mention in mentions:
        out += [e.name for e in mention.entities] + [mention.surface]
        # Articles call a person by the surname after the first mention ("Marsh said").
        out += [e.name.split()[-1] for e in mention.entities
                if e.kind in ("person", "artist") and _PERSONAL.fullmatch(e.name)]
    return list(dict.fromkeys(n for n in out if len(n) > 1))


class _Builder:
    """One answer in the making: the facts it used, so the sources follow them."""

    def __init__(self, service: AnswerService, question: Question, entity: EntityView,
                 guild_id: int | None, candidates: Sequence[EntityView] = ()) -> None:
        self.candidates = list(candidates) or [entity]
        self.db = service.db
        self.store = service.facts
        self.today: date = service.clock.now().date()
        self.q = question
        self.entity = entity
        self.guild_id = guild_id
        self.used: list[FactView] = []
        # The facts used answer something near what was asked, not it ("Ghost Lanes is by
        # Sable Coast" for "who features on Ghost Lanes?"): a quote that fits comes first.
        self.fallback = False
        self._names: dict[int, str] = {entity.id: entity.name}
        self._articles: list[tuple[str, str | None, str | None, str]] = []
        self._shown: dict[int, str] = {}
        # Each entity's facts are read once per answer, however many predicates it asks for,
        # with the names they carry and the articles they cite (`bot.facts.views`).
        self._facts: dict[int, FactSet] = {}
        self._release_lists: dict[int, list[EntityView]] = {}
        self._release_dates: dict[int, FactSet] = {}
        # Every name and cited article any read brought: composing needs no statement more.
        self._known: dict[int, str] = {}
        self._cited: dict[int, CitedArticle] = {}

    @property
    def listed(self) -> bool:
        return bool(self._articles)

    # --- reading -----------------------------------------------------------------------
    async def _read(self, entity_id: int) -> FactSet:
        """Every fact of the entity in the guild's view (superseded ones too), read once."""
        every = self._facts.get(entity_id)
        if every is None:
            every = self._facts[entity_id] = self._learn(
                await read_facts(self.db, [entity_id], self.guild_id))
        return every

    async def _releases(self, artist_id: int) -> list[EntityView]:
        """The artist's releases (`releases_of`), read once per answer with their release
        dates (`artist_releases`: one statement)."""
        found = self._release_lists.get(artist_id)
        if found is None:
            found, dates = await artist_releases(self.db, artist_id, self.guild_id,
                                                 ["release_date"])
            self._release_lists[artist_id] = found
            self._release_dates[artist_id] = self._learn(dates)
        return list(found)

    async def _accepted(self, subjects: Sequence[EntityView],
                        predicates: Sequence[str]) -> list[FactView]:
        """Accepted facts of these predicates about these subjects, oldest first."""
        return await self._accepted_of([s.id for s in subjects], predicates)

    async def _accepted_of(self, ids: Sequence[int],
                           predicates: Sequence[str]) -> list[FactView]:
        """`_accepted` by the subjects' ids."""
        found = self._learn(await read_facts(self.db, list(ids), self.guild_id, predicates))
        return found.accepted(predicates)

    def _learn(self, found: FactSet) -> FactSet:
        self._known.update(found.names)
        self._cited.update(found.articles)
        return found

    async def _about(self, entity_id: int,
                     predicate: str) -> tuple[list[FactView], list[FactView]]:
        """Accepted facts of one predicate, and the superseded ones beside them."""
        return (await self._read(entity_id)).of(entity_id, predicate)

    async def _name(self, entity_id: int | None) -> str | None:
        if entity_id is None:
            return None
        if entity_id not in self._names:
            if entity_id in self._known:
                self._names[entity_id] = self._known[entity_id]
            else:
                self._names.update(await name_search.names(self.db, [entity_id]))
        return self._names.get(entity_id)

    async def _object(self, fact: FactView) -> str:
        when = fact_date(fact)
        if when is not None:
            return show_date(when)
        return await self._name(fact.object_entity_id) or fact.object_text or ""

    async def _artist_of(self, release: EntityView) -> str | None:
        if release.artist_id is not None:
            return await self._name(release.artist_id)
        by, _ = await self._about(release.id, "by")
        return await self._object(by[0]) if by else None

    def used_facts(self) -> list[AnswerFact]:
        return [AnswerFact(self._names.get(f.subject_id, ""), f.predicate,
                           self._shown.get(f.id, ""), f.evidence) for f in self.used]

    async def sources(self) -> list[Source]:
        found: dict[int, CitedArticle] = {}
        for fact in self.used:
            if fact.article_id is not None and fact.article_id in self._cited:
                found[fact.article_id] = self._cited[fact.article_id]
        # (every fact used was read with its article: this reads none, as a rule)
        found.update(await lookup.articles(
            self.db, [f.article_id for f in self.used if f.article_id not in found],
            self.guild_id))
        out: list[Source] = []
        seen: set[int] = set()
        for fact in self.used:
            article = found.get(fact.article_id or -1)
            if article is None or article.id in seen:
                continue
            seen.add(article.id)
            out.append(Source(article.title or "(untitled)", article.link,
                              article.published_at.date().isoformat()
                              if article.published_at else None, fact.evidence))
        for title, url, published, evidence in self._articles:
            out.append(Source(title, url, published, evidence))
        return out

    async def _use(self, facts: Sequence[FactView]) -> list[str]:
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
        if intent == "artist":
            return await self._act()
        if intent in ("release_date", "original_date"):
            if self.entity.kind == EntityKind.RELEASE:
                return await self._release_date(self.entity, original=intent == "original_date")
            return await self._next_or_latest(prefer_next=True)
        if intent in ("latest_release", "next_release"):
            # "her new album" is the one announced, if one is; "her latest" the one out
            return await self._next_or_latest(prefer_next=intent == "next_release" or (
                _NEW.search(self.q.text) is not None and _LATEST.search(self.q.text) is None))
        if intent in _PEOPLE:
            return await self._credits(*_PEOPLE[intent])
        if intent in ("label", "partner", "child", "records_sold", "real_name"):
            return await self._relation(intent)
        if intent == "members":
            if self.entity.kind == EntityKind.RELEASE:
                return await self._featuring()  # "Who is the singer of Iron Road?": its act
            return await self._members()
        if intent == "releases":
            return await self._discography()
        if intent in ("birthday", "age"):
            return await self._birthday()
        if intent == "upcoming":
            return await self._upcoming()
        if intent == "articles":
            return await self._latest_articles()
        return await self._summary()

    async def _release_date(self, release: EntityView, original: bool = False) -> str:
        accepted, superseded = await self._about(release.id, "release_date")
        artist = await self._artist_of(release)
        title = release.name + (f" by {artist}" if artist else "")
        if not original and _EDITION.search(self.q.text):
            told = await self._edition(release, title)
            if told is not None:
                return told
        if not accepted:
            return f"I know {title}, but no article I have read gives its release date yet."
        when = fact_date(accepted[0])
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
            (when.precision == "month" and (when.year, when.month or 0) < (
                self.today.year, self.today.month)) or \
            (when.precision == "year" and when.year < self.today.year)
        # ("comes out on April 21, 2025 at 6 p.m. KST": the hour its sentence gives, if one)
        hour = hour_said(accepted[0].evidence) if when.precision == "day" else None
        text = (f"{title} {'came out' if out else 'comes out'} {on_date(when)}"
                f"{f' at {hour}' if hour else ''}.")
        if moved:
            await self._use(moved[:1])
            text += f" It was moved from {await self._object(moved[0])}."
        elif original:
            # "What was the old date?" and no date it moved from is stored: the date it has
            # now is no answer to that; a sentence saying what the plan was comes first
            self.fallback = True
            text += " No article I have read says it was due on another date."
        differing = [f for f in superseded if fact_date(f) != when and not moved]
        if differing:
            await self._use(differing[:1])
            text += f" Another source differs ({await self._object(differing[0])})."
        return text

    async def _edition(self, release: EntityView, title: str) -> str | None:
        """"When does the X reissue come out?": the day of a new edition (stored as an event of
        the release, never its own release date), the soonest still to come first."""
        events, _ = await self._about(release.id, "event")
        dated = sorted(((when, f) for f in events if _EDITION.search(f.evidence)
                        and (when := fact_date(f)) is not None), key=lambda p: p[0].first_day())
        if not dated:
            return None
        coming = [p for p in dated if p[0].first_day() >= self.today]
        when, fact = coming[0] if coming else dated[-1]
        await self._use([fact])
        out = when.precision == "day" and when.first_day() <= self.today
        return f"The new edition of {title} {'came out' if out else 'comes out'} {on_date(when)}."

    async def _dated_releases(
            self, artist: EntityView) -> list[tuple[PartialDate, EntityView, FactView]]:
        releases = await self._releases(artist.id)
        if self.q.kind in ("album", "single", "ep"):
            kinded = [r for r in releases if r.release_kind == self.q.kind]
            releases = kinded or releases
        # (read with the releases, those of every release the statement named: each settled
        # on its own, as a read of these releases alone settles them)
        wanted = {r.id for r in releases}
        dates = [f for f in self._release_dates[artist.id].accepted(["release_date"])
                 if f.subject_id in wanted]
        by_id = {r.id: r for r in releases}
        out = []
        for fact in dates:
            when = fact_date(fact)
            if when is not None and fact.subject_id in by_id:
                out.append((when, by_id[fact.subject_id], fact))
        return sorted(out, key=lambda t: (t[0].first_day(), t[1].id))

    async def _next_or_latest(self, prefer_next: bool) -> str:
        artist = self.entity
        if artist.kind == EntityKind.RELEASE:
            return await self._release_date(artist)
        dated = await self._dated_releases(artist)
        if not dated:
            return f"I know {artist.name}, but no article I have read dates a release by them yet."
        future = [t for t in dated if t[0].first_day() > self.today]
        past = [t for t in dated if t[0].first_day() <= self.today]
        if prefer_next and future:
            when, release, fact = future[0]
            await self._use([fact])
            return f"{possessive(artist.name)} next release is {release.name}, out {on_date(when)}."
        if not prefer_next and past:
            when, release, fact = past[-1]
            await self._use([fact])
            return (f"{possessive(artist.name)} latest release is {release.name}, "
                    f"out {on_date(when)}.")
        when, release, fact = (future[0] if future else past[-1])
        await self._use([fact])
        if prefer_next and not future and (self.today - when.first_day()).days <= RECENT_DAYS:
            # "her new single", out this week: new, not "nothing new"
            return f"{possessive(artist.name)} new release is {release.name}, out {on_date(when)}."
        word = "next" if future else "latest"
        # (an announced record no article dates may exist: never "nothing is announced")
        lead = "" if prefer_next == bool(future) else (
            "I have no date for anything new yet; " if prefer_next
            else "I have no date for anything out yet; ")
        return (f"{lead}{possessive(artist.name)} {word} release is {release.name}, "
                f"out {on_date(when)}.")

    async def _credits(self, predicate: str, verb: str) -> str:
        subjects = [self.entity]
        if self.entity.kind != EntityKind.RELEASE:
            subjects = [r for _, r, _ in await self._dated_releases(self.entity)] or \
                await self._releases(self.entity.id)
        found = await self._accepted(subjects, [predicate])
        if not found:
            did = {"written": "wrote"}.get(verb, verb)  # ("who wrote X", not "who written")
            return f"No article I have read says who {did} {self.entity.name} yet."
        parts = []
        for fact in found[:3]:
            who = (await self._use([fact]))[0]
            what = await self._name(fact.subject_id)
            parts.append(f"{who} ({what})" if self.entity.kind != EntityKind.RELEASE else who)
        names = list(dict.fromkeys(parts))
        subject = self.entity.name if self.entity.kind == EntityKind.RELEASE else \
            f"{possessive(self.entity.name)} releases"
        # one release "was" written by two people; "X's releases were"
        plural = self.entity.kind != EntityKind.RELEASE and len({f.subject_id for f in found}) > 1
        return f"{subject} {'were' if plural else 'was'} {verb} by {' and '.join(names)}."

    async def _relation(self, predicate: str) -> str:
        subject = self.entity
        accepted, superseded = await self._about(subject.id, predicate)
        if (not accepted and subject.kind == EntityKind.RELEASE and predicate == "label"
                and subject.artist_id is not None):
            # A release's label is usually stated of its artist.
            artist = await entities(self.db, [subject.artist_id])
            if artist:
                subject = artist[0]
                accepted, superseded = await self._about(subject.id, predicate)
        words = {"label": "label", "partner": "partner", "child": "children",
                 "records_sold": "record sales", "real_name": "real name"}
        if predicate == "partner":
            return await self._partners(subject, accepted)
        if not accepted:
            return (f"No article I have read gives {possessive(subject.name)} "
                    f"{words[predicate]} yet.")
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
        if predicate == "real_name":
            return f"{possessive(subject.name)} real name is {values[0]}."
        return f"{subject.name} has {_plural(len(values), 'child')} I know of: {', '.join(values)}."

    async def _partners(self, subject: EntityView, accepted: Sequence[FactView]) -> str:
        """Partners as the articles name them, an ex never among them ("with ex-boyfriend Tom
        Hale" is a former partner)."""
        former, _ = await self._about(subject.id, "former_partner")
        whose = possessive(subject.name)
        if not accepted and not former:
            # "Tessa Lane and Jon Ardent married" is stored as Tessa Lane's partner: Jon
            # Ardent's partner is the one whose partner fact names him
            async with self.db.read() as session:
                told = (await facts_in(session, [subject.id], self.guild_id, ["partner"],
                                       by_object=True)).accepted(["partner"])
            if told:
                await self._use(told[:5])
                partners = list(dict.fromkeys(f.subject_name for f in told[:5]))
                return f"{whose} partner: {' and '.join(partners)}."
        return await self._now_and_before(
            accepted, former, f"No article I have read gives {whose} partner yet.",
            f"{whose} partner: ", " and ", 5, "partners", whose)

    async def _now_and_before(self, current: Sequence[FactView], former: Sequence[FactView],
                              none: str, lead: str, joiner: str, limit: int, plural: str,
                              whose: str) -> str:
        """Who is (members, a partner) and who was: whoever left is never listed as current,
        whatever else the articles call them ("replacing founding member Carl Dunn")."""
        gone = {f.object_entity_id for f in former}
        current = [f for f in current if f.object_entity_id not in gone]
        if not current and not former:
            return none
        parts = []
        if current:
            parts.append(lead + joiner.join(dict.fromkeys(await self._use(current[:limit]))))
        if former:
            who = ", ".join(dict.fromkeys(await self._use(former[:5])))
            parts.append(f"former {plural}: {who}" if current else
                         f"{whose} former {plural} I know of: {who}")
        return "; ".join(parts) + "."

    async def _discography(self) -> str:
        """The artist's releases the articles name, newest first, with kind and date."""
        if self.entity.kind == EntityKind.RELEASE:
            return await self._release_date(self.entity)
        releases = await self._releases(self.entity.id)
        if self.q.kind in ("album", "single", "ep"):
            releases = [r for r in releases if r.release_kind == self.q.kind]
        if not releases:
            what = {"album": "albums", "single": "singles", "ep": "EPs"}.get(
                self.q.kind or "", "releases")
            return f"No article I have read names {possessive(self.entity.name)} {what} yet."
        dated = {r.id: (when, fact) for when, r, fact in await self._dated_releases(self.entity)}
        await self._use([fact for _, fact in dated.values()])
        newest = sorted(releases, key=lambda r: (
            dated[r.id][0].first_day() if r.id in dated else date.min, r.id), reverse=True)
        shown = []
        for release in newest[:8]:
            about = [release.release_kind] if release.release_kind in ("album", "single",
                                                                      "ep") else []
            if release.id in dated:
                about.append(show_date(dated[release.id][0]))
            shown.append(f"{release.name} ({', '.join(about)})" if about else release.name)
        count = f" ({len(releases)})" if len(releases) > 8 else ""
        return f"{possessive(self.entity.name)} releases I know of{count}: {'; '.join(shown)}."

    async def _members(self) -> str:
        """Who is in the band and who was, as the articles name them (a "when did X join?"
        is left to the sentence that says when: no fact here holds that date)."""
        name = self.entity.name
        if re.match(r"(?:when|what year|which year)\b", self.q.text.casefold()):
            return f"No article I have read says when that was for {name}."
        current, _ = await self._about(self.entity.id, "member")
        former, _ = await self._about(self.entity.id, "former_member")
        gone = {f.object_entity_id for f in former}
        # "Who is their new guitarist?", "Who is joining?" is never answered by who left: a
        # sentence on who joins comes first
        # nor "Who is their singer?" by who left them: who is in the band now is asked
        self.fallback = not any(f.object_entity_id not in gone for f in current) and (
            _JOINING.search(self.q.text) is not None or _FORMER.search(self.q.text) is None)
        # "Who replaced X?" with no sentence naming who: who left says nothing of that
        replaced = [e for e in self.candidates if e.kind == EntityKind.PERSON]
        if self.fallback and replaced and asks_replacement(self.q.text):
            return f"No article I have read names {possessive(replaced[0].name)} replacement yet."
        whose = possessive(name)
        return await self._now_and_before(
            current, former, f"No article I have read names {whose} members yet.",
            f"{whose} members I know of: ", ", ", 8, "members", whose)

    async def _birthday(self) -> str:
        accepted, superseded = await self._about(self.entity.id, "born")
        if not accepted:
            return f"No article I have read gives {possessive(self.entity.name)} birthday yet."
        born = fact_date(accepted[0])
        assert born is not None
        await self._use(accepted[:1])
        name = self.entity.name
        if born.month is None or born.day is None:
            return f"{name} was born in {show_date(born)}; I don't know the day."
        text = f"{name} was born on {show_date(born)}"
        died = await self._death(born)
        if died is not None:
            # an obituary's subject has no age today: "is 83" of someone who died at 79
            await self._use([died[0]])
            text += f" and died {on_date(died[1])}"  # "in 2019" for a year alone
            if died[1].day is not None:
                text += f", aged {_age(born, died[1].first_day())}"
            elif died[1].month is None:  # a year: the age within one
                text += f", aged {died[1].year - born.year - 1} or {died[1].year - born.year}"
        elif self.q.year is not None:
            text += f", so turned {self.q.year - born.year} in {self.q.year}"
        elif _TURNING.search(self.q.text):
            # "How old is she turning?": the age at the next birthday (today's, if today)
            then = _next_birthday(born, self.today)
            text += (f" and turns {then.year - born.year} on "
                     f"{show_date(PartialDate(then.year, then.month, then.day))}")
        else:
            now = _age(born, self.today)
            # (a baby born this year: "is under a year old", not "is 0")
            text += f" and is {now}" if now else " and is under a year old"
            # "How old is X today?" of an old article: its "today" had another age
            article = self._cited.get(accepted[0].article_id or -1)
            then_day = article.published_at.date() if article and article.published_at else None
            if (then_day is not None and then_day >= born.first_day()
                    and _age(born, then_day) != now):
                said = show_date(PartialDate(then_day.year, then_day.month, then_day.day))
                text += f" ({_age(born, then_day)} on {said}, when the article was published)"
        day = show_date(PartialDate(born.year, born.month, born.day)).rsplit(",", 1)[0]
        text += f"; the birthday is {day}."
        if any(fact_date(f) != born for f in superseded):
            text += " Another source differs."
        return text

    async def _death(self, born: PartialDate) -> tuple[FactView, PartialDate] | None:
        """The subject's death, when an article dated it ("Marsh died on Monday (April 10)")."""
        events, _ = await self._about(self.entity.id, "event")
        return death_of(events, self.entity.name, born.first_day())

    async def _upcoming(self) -> str:
        subjects = [self.entity]
        if self.entity.kind != EntityKind.RELEASE:
            subjects += await self._releases(self.entity.id)
        found = await self._accepted(subjects, _UPCOMING)
        ahead = sorted((f for f in found if (w := fact_date(f)) and w.first_day() > self.today),
                       key=lambda f: f.object_date or self.today)
        if not ahead:
            return f"Nothing is coming up for {self.entity.name} that I know of."
        parts = []
        for fact in ahead[:4]:
            when = fact_date(fact)
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
            self._articles.append((article.title or "(untitled)", article.link,
                                   article.published_at.date().isoformat()
                                   if article.published_at else None, evidence))
        titles = "; ".join(a.title or "(untitled)" for a, _ in found)
        return f"Latest articles about {self.entity.name}: {titles}."

    async def _summary(self) -> str:
        every = (await self._read(self.entity.id)).about(self.entity.id)
        if self.entity.kind == EntityKind.RELEASE:
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
        if len(parts) == 1 and self.entity.kind != EntityKind.RELEASE:
            # "What happened to Pete Morrow?": nothing but a dated happening is known
            events = sorted((f for f in every if f.predicate in ("event", "tour_date")
                             and fact_date(f) is not None), key=lambda f: f.object_date or date.min)
            if events:
                await self._use(events[-1:])
                happened = fact_date(events[-1])
                assert happened is not None
                return (f"{self.entity.name}: {show_date(happened)}: "
                        f"{events[-1].evidence.strip()}")
            return f"I know the name {self.entity.name}, but no facts about them yet."
        return " ".join(parts).rstrip(";") + ("" if parts[-1].endswith(".") else ".")

    async def _featuring(self) -> str:
        if self.entity.kind != EntityKind.RELEASE:
            return await self._guests_of_act()
        guests, _ = await self._about(self.entity.id, "featuring")
        if guests:
            names = list(dict.fromkeys(await self._use(guests[:4])))
            return f"{self.entity.name} features {' and '.join(names)}."
        # "Who sings with X on Y?" is not answered by "Y is by X".
        made = await self._made_by({e.id for e in self.candidates})
        # "Who features on Y?" asks for a guest: its act answers only when no sentence does
        self.fallback = made is not None and _GUEST.search(self.q.text) is not None
        return made or f"No article I have read says who is on {self.entity.name} yet."

    async def _guests_of_act(self) -> str:
        """"Who is X's duet partner?", "Who has X worked with?": the guests on X's releases,
        the newest first."""
        releases = await self._releases(self.entity.id)
        guests = [f for f in await self._accepted(releases, ["featuring"])
                  if f.object_entity_id != self.entity.id][-4:][::-1]
        if not guests:
            return (f"No article I have read names a guest on {self.entity.name}'s releases "
                    "yet; ask who is on a song or album.")
        titles = {r.id: r.name for r in releases}
        lines = [f"{await self._object(f)} on {titles[f.subject_id]}"
                 for f in guests if f.subject_id in titles]
        await self._use(guests)
        return f"{self.entity.name}'s guests: {'; '.join(dict.fromkeys(lines))}."

    async def _act(self) -> str:
        """"Who sings X?": the act a release is by."""
        if self.entity.kind != EntityKind.RELEASE:
            return f"{self.entity.name} is not a release I know; ask who made a song or album."
        made = await self._made_by(set())
        return made or f"No article I have read says whose {self.entity.name} is yet."

    async def _made_by(self, skip: set[int]) -> str | None:
        """"Y is by A and B." from the release's stored acts (none of `skip`), or None."""
        by, _ = await self._about(self.entity.id, "by")
        by = [f for f in by if f.object_entity_id not in skip]
        if not by:
            return None
        names = list(dict.fromkeys(await self._use(by[:4])))
        return f"{self.entity.name} is by {' and '.join(names)}."

    async def _event(self) -> str:
        subjects = list(self.candidates)
        for entity in self.candidates:
            if entity.kind != EntityKind.RELEASE:
                subjects += await self._releases(entity.id)
        ids = [s.id for s in subjects]
        if _TOUR_WORD.search(self.q.text):
            # "When does the Afterglow tour start?": a tour named after a record is its act's
            ids += [e.artist_id for e in self.candidates
                    if e.kind == EntityKind.RELEASE and e.artist_id is not None]
        found = await self._accepted_of(list(dict.fromkeys(ids)), DATED)
        # A dated fact whose sentence shares none of the question's words answers another
        # question: better a quoted sentence than that.
        best = best_dated(found, self.q.text, [e.name for e in self.candidates], min_shared=1)
        if best is None:
            who = " and ".join(e.name for e in self.candidates)
            return f"No article I have read gives a date for that about {who} yet."
        fact, when = best
        names = [e.name for e in self.candidates]
        if another_date_asked(fact.evidence, when, self.q.text, names, self.today):
            # the sentence dates what was asked otherwise: a quote of it says which
            who = " and ".join(names)
            return f"No article I have read gives a date for that about {who} yet."
        await self._use([fact])
        return f"{show_date(when)}: {fact.evidence.strip()}"


# "How old is she turning?", "what age will he be?": the next birthday's age is asked
_TURNING = re.compile(r"\bturn(?:s|ing)\b(?! out)|\bwill (?:she|he|they|[\w'’]+) be\b", re.I)


def _next_birthday(born: PartialDate, today: date) -> date:
    """The birthday on or after `today` (29 February: 1 March in other years)."""
    for year in (today.year, today.year + 1):
        try:
            day = date(year, born.month or 1, born.day or 1)
        except ValueError:
            day = date(year, 3, 1)
        if day >= today:
            return day
    return day


_TOUR_WORD = re.compile(r"\b(?:tour|trek|concerts?|shows?|gigs?|dates)\b", re.I)


def _age(born: PartialDate, on: date) -> int:
    """How old someone born on `born` (month and day known) is on `on`."""
    had = (on.month, on.day) >= (born.month or 1, born.day or 1)
    return on.year - born.year - (0 if had else 1)
