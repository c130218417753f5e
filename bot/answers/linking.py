"""Entity linking: every name the fact base knows inside a question, and their relatives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.answers.questions import STOP, Token, loose_runs, spans, surface, typed_names
from bot.facts.names import normalise, variants
from bot.facts.resolve import EntityResolver
from bot.facts.store import FactStore
from bot.facts.views import (
    ENTITY_COLUMNS,
    NAMED_BOUND,
    EntityView,
    entities_in,
    named,
    read_facts,
)
from bot.kinds_and_states import EntityKind

# Which kinds of entity each intent is about, most likely first.
ORDER = {
    "release_date": ("release", "artist", "person"),
    "original_date": ("release", "artist"),
    "director": ("release", "artist"),
    "producer": ("release", "artist"),
    "writer": ("release", "artist"),
    "featuring": ("release", "artist"),
    "artist": ("release",),
    "latest_release": ("artist", "person", "release"),
    "next_release": ("artist", "person", "release"),
    "label": ("artist", "release", "label", "person"),
    "partner": ("artist", "person"),
    "child": ("artist", "person"),
    "birthday": ("person", "artist"),
    "age": ("person", "artist"),
    "upcoming": ("artist", "person", "release"),
    "records_sold": ("artist", "person", "release"),
    "real_name": ("artist", "person"),
    "about": ("artist", "release", "person", "label"),
    "articles": ("artist", "release", "person", "label"),
}
_DEFAULT_ORDER = ("release", "artist", "person", "label")
# Misspelt runs tried fuzzily per question, at most (each is one bounded query per kind).
_FUZZY_RUNS = 3


@dataclass
class Mention:
    """A name found in the question: where (token run), as typed, and what it may mean."""

    start: int
    end: int
    surface: str
    entities: list[EntityView] = field(default_factory=list)
    # Typed with "'s": the owner of what the question is about.
    possessive: bool = False

    @property
    def run(self) -> tuple[int, int]:
        return (self.start, self.end)


async def find_mentions(facts: FactStore, tokens: Sequence[Token],
                        guild_id: int | None) -> list[Mention]:
    """The known names in the question (entities and aliases this guild sees): the longest
    runs that do not overlap, then misspelt ones matched fuzzily among what is left."""
    forms = spans(tokens)
    if not forms:
        return []
    # The forms a misspelt run's exact look-up would try ("the …" of it, as typed), looked up
    # with the question's names: a run none of whose forms matched then goes straight to the
    # name index, without asking for its names and aliases again.
    asked = list(dict.fromkeys([*forms, *_run_forms(tokens, forms)]))
    async with facts.db.read() as session:
        matched = await named(session, asked, guild_id)
        mentions = _longest(tokens, forms, matched)
        # (a look-up cut at its bound may have left a form's match out: then ask again)
        complete = sum(map(len, matched.values())) < NAMED_BOUND
        resolver = EntityResolver(session, facts.clock.now(), guild_id, seen_only=True,
                                  names=facts.names)
        loose = loose_runs(tokens, [m.run for m in mentions])
        whole: list[tuple[int, int]] = []  # runs found fuzzily
        for run in [*_misspelt_wholes(tokens, mentions, loose), *loose][:_FUZZY_RUNS]:
            if any(_overlap(run, done) for done in whole):
                continue  # inside a whole name already found
            text = surface(tokens, run)
            norm = normalise(text)
            if len(norm) < 4:
                continue
            tried = [norm, *variants(text)]
            if complete and all(form in asked and form not in matched for form in tried):
                found = [EntityView.of_row(row) for row in await resolver.nearest_kinds(
                    _DEFAULT_ORDER, text, ENTITY_COLUMNS[3:])]
            else:
                found = [EntityView.of(e) for e in
                         await resolver.find_kinds(_DEFAULT_ORDER, text)]
            if found:
                # a whole name found replaces the names known inside it ("Salt Honey" of
                # "Chaepl of the Salt Honey")
                mentions = [m for m in mentions if not _overlap(m.run, run)]
                mentions.append(Mention(run[0], run[1], text, found,
                                        tokens[run[1] - 1].possessive))
                whole.append(run)
    return sorted(mentions, key=lambda m: m.start)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _misspelt_wholes(tokens: Sequence[Token], mentions: Sequence[Mention],
                     loose: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names typed as a whole (`typed_names`) that the known names inside them leave
    partly unexplained: a misspelt name whose other words are names of their own ("Velvet
    Heart, Sacred Harobur"), or split at its small words ("Kingdom of the Careelss Letters").
    Tried before the words left over, which they hold."""
    known = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for run in typed_names(tokens):
        if run in loose or any(m.run == run for m in mentions):
            continue
        left = [i for i in range(*run) if i not in known and tokens[i].norm not in STOP]
        if left and any(_overlap(run, other) for other in [*loose, *(m.run for m in mentions)]):
            out.append(run)
    return out


def _run_forms(tokens: Sequence[Token], forms: dict[str, list[tuple[int, int]]]) -> list[str]:
    """The normalised forms of every run `spans` found, as `EntityResolver.find_kinds` would
    try them for the run typed (the name as typed, and its `variants`)."""
    runs = {run for where in forms.values() for run in where}
    out: list[str] = []
    for run in sorted(runs):
        text = surface(tokens, run)
        out += [normalise(text), *variants(text)]
    return [form for form in dict.fromkeys(out) if form]


def _longest(tokens: Sequence[Token], forms: dict[str, list[tuple[int, int]]],
             matched: dict[str, list[EntityView]]) -> list[Mention]:
    """Longest matches first, then leftmost; a run overlapping one already taken is dropped."""
    runs = sorted(((start, end, form) for form, where in forms.items() if form in matched
                   for start, end in where), key=lambda r: (r[0] - r[1], r[0]))
    taken: set[int] = set()
    out: list[Mention] = []
    for start, end, form in runs:
        if taken & set(range(start, end)):
            continue
        same = next((m for m in out if m.run == (start, end)), None)
        if same is not None:
            same.entities += [e for e in matched[form] if e not in same.entities]
            continue
        taken.update(range(start, end))
        out.append(Mention(start, end, surface(tokens, (start, end)), list(matched[form]),
                           tokens[end - 1].possessive))
    return out


def candidates(mentions: Sequence[Mention], intent: str) -> list[EntityView]:
    """The entities the question may be about, the intent's likeliest kind first, then in the
    order the names stand in the question."""
    order = ORDER.get(intent, _DEFAULT_ORDER)
    every = [(_rank(order, e, m), i, e) for i, m in enumerate(mentions) for e in m.entities]
    seen: set[int] = set()
    out: list[EntityView] = []
    for _kind_rank, _i, entity in sorted(every, key=lambda t: (t[0], t[1])):
        if entity.id not in seen:
            seen.add(entity.id)
            out.append(entity)
    return out


def _rank(order: Sequence[str], entity: EntityView, mention: Mention) -> int:
    """The intent's rank of the entity's kind; a possessive name ("Tom Reyes's single Drift")
    owns something, so it is not the release asked about, whatever the intent prefers."""
    rank = order.index(entity.kind) if entity.kind in order else len(order)
    return rank + len(order) if mention.possessive and entity.kind == EntityKind.RELEASE else rank


async def relatives(facts: FactStore, owners: Sequence[EntityView], relation: str,
                    guild_id: int | None) -> list[EntityView]:
    """"Sorel's daughter": the people the owner's child (or partner) facts name."""
    for owner in owners:
        if owner.kind not in ("artist", "person"):
            continue
        read = await read_facts(facts.db, [owner.id], guild_id, [relation])
        ids = [f.object_entity_id for f in read.about(owner.id)
               if f.predicate == relation and f.object_entity_id is not None]
        if not ids:
            continue
        async with facts.db.read() as session:
            found = await entities_in(session, ids)
        if found:
            return found
    return []

