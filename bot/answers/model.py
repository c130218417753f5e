"""An answer as every adapter shows it: the short sentence, the facts behind it, their sources."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.partial_dates import PartialDate

# The longest answer sentence (the facts and sources are given beside it).
MAX_ANSWER = 300
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@dataclass(frozen=True)
class AnswerFact:
    subject: str
    predicate: str
    object: str
    evidence: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    published: str | None
    evidence: str


@dataclass
class Answer:
    answer: str
    facts: list[AnswerFact] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `fanzine ask --json` shape (README, "JSON output")."""
        return {"answer": self.answer, "facts": [asdict(f) for f in self.facts],
                "sources": [asdict(s) for s in self.sources]}


def shorten(text: str, limit: int = MAX_ANSWER) -> str:
    """The sentence cut at a word to fit the limit (an ellipsis says it was cut)."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;") + "…"


def show_date(when: PartialDate) -> str:
    """A date at its precision: "June 10, 2022", "July 2022" or "2021"; never an invented day."""
    if when.month is None:
        return str(when.year)
    if when.day is None:
        return f"{_MONTHS[when.month - 1]} {when.year}"
    return f"{_MONTHS[when.month - 1]} {when.day}, {when.year}"


def on_date(when: PartialDate) -> str:
    """"on June 10, 2022", "in July 2022", "in 2021"."""
    return ("on " if when.day is not None else "in ") + show_date(when)


# "on April 21 at 6 p.m. KST", "out Friday at midnight ET": the hour a sentence gives its day
HOUR = re.compile(r"\bat\s+((?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)|midnight|noon)"
                  r"(?:\s+(?:[A-Z]{2,5}|local time))?)(?![\w])")


def hour_said(evidence: str) -> str | None:
    """The one hour the sentence gives ("6 p.m. KST"), or None (none, or several)."""
    found = HOUR.findall(evidence)
    return found[0] if len(found) == 1 else None


def evidence_of(answer: Answer) -> list[tuple[str, str]]:
    """What `/sources` lists: (where from, the sentence quoted) for every source, then any fact
    whose sentence no source gave (a moderator's correction has no article)."""
    out: list[tuple[str, str]] = []
    for source in answer.sources:
        extra = ", ".join(x for x in (source.published, source.url) if x)
        out.append((source.title + (f" ({extra})" if extra else ""), source.evidence.strip()))
    quoted = {evidence for _, evidence in out}
    for fact in answer.facts:
        evidence = fact.evidence.strip()
        if evidence and evidence not in quoted:
            quoted.add(evidence)
            out.append((f"{fact.subject}: {fact.predicate.replace('_', ' ')} (no article)",
                        evidence))
    return out
