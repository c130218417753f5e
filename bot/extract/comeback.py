"""A comeback's date given to the release the article says it is, when no sentence dates it."""

from __future__ import annotations

import re

from bot.extract.dates import DateSpan
from bot.extract.releases import Draft
from bot.extract.sentences import Sentence

# "postponed the group's comeback date to the 13th", "their comeback on January 13"
COMEBACK_BEFORE = re.compile(r"\bcomeback\b(?:\s+(?:date|day|is|will be|was|has been|now|set|"
                             r"slated|scheduled|moved|pushed back))*\s*(?:to|on|for)?\s*$", re.I)
# "They were scheduled for comeback on the first week": the date it had, not the date it has
OLD_PLAN = re.compile(r"\b(?:were|was|had been|originally|initially)\s+(?:\w+\s+){0,2}?"
                      r"(?:scheduled|set|planned|slated|due)\b", re.I)
CLAUSE = re.compile(r"\bbut\b|;|,\s+(?:and|however)\b", re.I)
OF_IT = re.compile(r"\b(?:title track|comeback with|comeback album|mini[- ]album|album|EP)\b",
                   re.I)


def comeback_date(dated: list[tuple[Sentence, list[DateSpan]]], used: set[tuple[int, int]],
                  drafts: list[Draft]) -> None:
    """"… postponed the group's comeback date to the 13th." then "their title track would be
    "REFRACT"": when no release of the article has a date, the comeback's last day-dated
    date (a move's new one) becomes the date of the releases named as the comeback's."""
    if not drafts or any(d.date is not None for d in drafts):
        return
    when: tuple[int, DateSpan] | None = None
    for sent, spans in dated:
        if "comeback" not in sent.text.casefold():
            continue
        for span in spans:
            before = sent.text[max(0, span.start - 45):span.start]
            head = re.sub(r"^(?:to|on|for)\s+", "", span.text, flags=re.I)
            if (span.date.day is None or (sent.index, span.start) in used
                    or not COMEBACK_BEFORE.search(before + span.text[:len(span.text) - len(head)])
                    or OLD_PLAN.search(sent.text, _clause_start(sent.text, span.start),
                                       span.start)):
                continue
            when = (sent.index, span)
    if when is None:
        return
    index, span = when
    for d in drafts:
        if d.kind != "music_video" and OF_IT.search(d.evidence):
            d.date, d.date_evidence = span.date, d.evidence
            d.future = True
    used.add((index, span.start))


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding `end` starts ("…, but we have moved it to the 14th")."""
    starts = [m.end() for m in CLAUSE.finditer(text, 0, end)]
    return starts[-1] if starts else 0
