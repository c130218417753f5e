"""A fact's or an entity's stored date, read back as a `PartialDate` (one reading for all)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from bot.models import Entity
from bot.partial_dates import PartialDate, to_partial


class Dated(Protocol):
    """A stored fact row or a value read from one (`bot.facts.views.FactView`)."""

    @property
    def object_date(self) -> date | None: ...
    @property
    def object_precision(self) -> str | None: ...


def fact_date(fact: Dated) -> PartialDate | None:
    """The fact's object date with its precision, or None when the fact holds no date."""
    return to_partial(fact.object_date, fact.object_precision)


def entity_date(entity: Entity) -> PartialDate | None:
    """A release's accepted global date with its precision, or None."""
    return to_partial(entity.date_value, entity.date_precision)
