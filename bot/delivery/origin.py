"""Where an outbox post comes from: a feed's article, a schedule's occurrence, or a notice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OriginKind = Literal["article", "schedule", "notice"]
KINDS: tuple[OriginKind, ...] = ("article", "schedule", "notice")


@dataclass(frozen=True)
class Origin:
    """Stored with the post (never read back out of its dedup key): settling a scheduled post
    marks its occurrence's delivery by these ids."""

    kind: OriginKind
    schedule_id: int | None = None
    occurrence_key: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown origin {self.kind!r}")
        scheduled = self.schedule_id is not None and self.occurrence_key is not None
        if scheduled != (self.kind == "schedule") or (
                self.kind != "schedule"
                and (self.schedule_id is not None or self.occurrence_key is not None)):
            raise ValueError("a schedule's post, and only one, names its schedule and occurrence")


ARTICLE = Origin("article")
NOTICE = Origin("notice")


def scheduled(schedule_id: int, occurrence_key: str) -> Origin:
    """The origin of a schedule's post for one occurrence."""
    return Origin("schedule", schedule_id, occurrence_key)
