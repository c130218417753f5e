"""Choosing between sources that disagree on a single-valued fact: newest well-supported wins."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.facts.predicates import contains
from bot.kinds_and_states import FactStatus
from bot.partial_dates import PartialDate

# A newer value loses to an older one whose best confidence is higher by more than this.
CONFIDENCE_MARGIN = 0.2


@dataclass(frozen=True)
class Candidate:
    """One stored fact competing for its (subject, predicate)."""

    fact_id: int
    value: Hashable
    date: PartialDate | None
    source: Hashable  # the article, or the fact itself when it has none
    published: datetime
    confidence: float


@dataclass(frozen=True)
class Revision:
    """A later article saying the date moved away from `previous`."""

    fact_id: int
    previous: PartialDate
    published: datetime


@dataclass
class _Value:
    value: Hashable
    date: PartialDate | None
    facts: list[Candidate] = field(default_factory=list)

    @property
    def newest(self) -> datetime:
        return max(c.published for c in self.facts)

    @property
    def confidence(self) -> float:
        return max(c.confidence for c in self.facts)

    @property
    def support(self) -> int:
        return len({c.source for c in self.facts})

    @property
    def lead(self) -> Candidate:
        """The fact that stands for this value: its newest, most confident statement."""
        return max(self.facts, key=lambda c: (c.published, c.confidence, c.fact_id))


@dataclass(frozen=True)
class Decision:
    """The accepted fact (None when every value was revised away) and every fact's new status."""

    accepted: Candidate | None
    statuses: dict[int, tuple[str, int | None]]  # fact id -> (status, superseded_by_id)


def decide(candidates: Sequence[Candidate], revisions: Sequence[Revision] = ()) -> Decision:
    """Which value holds: the newest source's, unless clearly less supported; revisions first."""
    values: dict[Hashable, _Value] = {}
    for candidate in candidates:
        values.setdefault(candidate.value, _Value(candidate.value, candidate.date))
        values[candidate.value].facts.append(candidate)
    revised_by: dict[Hashable, int] = {}
    for value in values.values():
        for revision in revisions:
            # A date an article says the release moved away from is gone, unless a source even
            # newer than that article states it again.
            if (value.date is not None and contains(revision.previous, value.date)
                    and value.newest <= revision.published):
                revised_by[value.value] = revision.fact_id
    live = [v for v in values.values() if v.value not in revised_by]
    # "March 2027" and "14 March 2027" agree; the more precise one stands for both.
    live = [v for v in live if not any(
        o is not v and v.date is not None and o.date is not None
        and o.date.precision != v.date.precision and contains(v.date, o.date) for o in live
    )]
    live.sort(key=lambda v: (v.newest, v.confidence, v.lead.fact_id), reverse=True)
    winner = live[0] if live else None
    for other in live[1:]:
        assert winner is not None
        if (other.confidence - winner.confidence > CONFIDENCE_MARGIN
                or other.support > winner.support):
            winner = other
    accepted = winner.lead if winner is not None else None
    statuses: dict[int, tuple[str, int | None]] = {}
    for value in values.values():
        for candidate in value.facts:
            if winner is not None and value is winner:
                statuses[candidate.fact_id] = (FactStatus.ACCEPTED, None)
            else:
                by = accepted.fact_id if accepted is not None else revised_by.get(value.value)
                statuses[candidate.fact_id] = (FactStatus.SUPERSEDED, by)
    return Decision(accepted, statuses)
