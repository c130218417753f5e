"""The dated fact a free "when …" question means: the one whose evidence shares most words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.extract.model import PartialDate
from bot.facts.store import to_partial
from bot.models import Fact

# Predicates a free "when" question may be about.
DATED = ("tour_date", "event", "anniversary", "release_date", "born")
# Question stems that make a release or birth date the likely answer rather than an event.
_ASIDE = {"release_date": {"rele", "out", "drop", "albu", "sing"}, "born": {"born", "birt"}}
_SMALL = frozenset({"the", "and", "for", "with", "when", "does", "did", "will", "what", "who",
                    "where", "was", "are", "has", "have", "her", "his", "their", "its"})


def words(text: str) -> set[str]:
    """Word stems (first four letters) of a text, small words left out, to compare texts."""
    return {w[:4] for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2
            and w not in _SMALL}


def best_dated(facts: Sequence[Fact], question: str, names: Sequence[str],
               min_shared: int = 0) -> tuple[Fact, PartialDate] | None:
    """The dated fact that fits the question best, with its date; None when none is dated
    (or none shares `min_shared` words with the question)."""
    wanted = words(question) - {w for name in names for w in words(name)}
    dated = [(f, when) for f in facts
             if (when := to_partial(f.object_date, f.object_precision)) is not None
             and len(wanted & words(f.evidence)) >= min_shared]
    if not dated:
        return None
    # A release or birth date only when the question is about one ("release", "born").
    aside = {"release_date", "born"} - {p for p, w in _ASIDE.items() if wanted & w}

    def score(item: tuple[Fact, PartialDate]) -> tuple[int, bool, int, date]:
        # Most words shared with the question first; then events before releases; of
        # equals, a day before a month, then the earliest date (a tour starts on its first).
        fact, when = item
        precise = 0 if when.day is not None else 1 if when.month is not None else 2
        return (-len(wanted & words(fact.evidence)), fact.predicate in aside, precise,
                when.first_day())

    return min(dated, key=score)
