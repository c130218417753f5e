"""`/ask`'s answer and `/sources` as plain text, for the shell and `fanzine ask`."""

from __future__ import annotations

from bot.answers.model import Answer, evidence_of
from bot.answers.recent import RecentAnswer


def sources_text(recent: RecentAnswer) -> str:
    """`/sources` as text: the question, then each source with the sentence quoted from it."""
    lines = [f"Sources for \"{recent.question}\":"]
    for number, (where, evidence) in enumerate(evidence_of(recent.answer), 1):
        lines.append(f"[{number}] {where}")
        lines.append(f"    \"{evidence}\"")
    if len(lines) == 1:
        lines.append("That answer rests on no stored fact, so there is nothing to quote.")
    return "\n".join(lines)


def readable(answer: Answer) -> str:
    """The answer, then its sources numbered (title, date, URL)."""
    lines = [answer.answer]
    for number, source in enumerate(answer.sources, 1):
        extra = ", ".join(x for x in (source.published, source.url) if x)
        lines.append(f"[{number}] {source.title}" + (f" ({extra})" if extra else ""))
    return "\n".join(lines)
