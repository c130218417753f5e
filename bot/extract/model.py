"""The Extraction and its parts: what the extractor returns and the fact base stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from bot.partial_dates import PartialDate

ReleaseKind = Literal["single", "album", "ep", "music_video", "other"]
ReleaseStatus = Literal["released", "upcoming", "unknown"]
EventKind = Literal["birthday", "anniversary", "tour_date", "other"]


@dataclass(frozen=True)
class ArticleInfo:
    title: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class ArtistMention:
    name: str


@dataclass(frozen=True)
class Release:
    title: str | None
    artist: str | None
    kind: ReleaseKind
    date: PartialDate | None
    status: ReleaseStatus
    evidence: str
    confidence: float = 0.8
    # A date this article says the release moved away from ("pushed back to ...").
    previous_date: PartialDate | None = None
    featuring: tuple[str, ...] = ()
    # "reissue": a new edition of an earlier release; its date is the edition's, never the
    # date the release first came out.
    edition: str | None = None
    # (guest, sentence): where a guest is said to be on it, when not the release's own sentence
    guest_evidence: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    relation: str
    evidence: str
    # Whose relation it is: the artist or release it is about, when known.
    of: str | None = None
    confidence: float = 0.7


@dataclass(frozen=True)
class Event:
    kind: EventKind
    subject: str
    date: PartialDate
    evidence: str
    confidence: float = 0.7


@dataclass(frozen=True)
class Fact:
    """subject-predicate-object; predicates are listed in `bot/extract/README.md`."""

    subject: str
    predicate: str
    object: str
    evidence: str
    confidence: float = 0.7


@dataclass(frozen=True)
class Extraction:
    article: ArticleInfo
    artists: list[ArtistMention] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `fanzine extract --json` shape (README, "JSON output")."""
        a = self.article
        return {
            "article": {"title": a.title, "url": a.url,
                        "published": a.published.isoformat() if a.published else None},
            "artists": [{"name": m.name} for m in self.artists],
            "releases": [{"title": r.title, "artist": r.artist, "kind": r.kind,
                          "date": r.date.iso() if r.date else None, "status": r.status,
                          "evidence": r.evidence,
                          **({"edition": r.edition} if r.edition else {})}
                         for r in self.releases],
            "people": [{"name": p.name, "relation": p.relation, "evidence": p.evidence}
                       for p in self.people],
            "events": [{"kind": e.kind, "subject": e.subject, "date": e.date.iso(),
                        "evidence": e.evidence} for e in self.events],
            "facts": [{"subject": f.subject, "predicate": f.predicate, "object": f.object,
                       "evidence": f.evidence, "confidence": round(f.confidence, 3)}
                      for f in self.facts],
        }
