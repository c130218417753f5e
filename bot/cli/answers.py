"""Verb `ask "QUESTION"`: a short answer from the fact base, with its sources."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.answers.model import Answer, evidence_of
from bot.answers.recent import RecentAnswer
from bot.app import App
from bot.cli.common import AppHandler, id_argument


def register(verbs: Any) -> None:
    ask = verbs.add_parser("ask", help="answer a question from the fact base")
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="one JSON document (DESIGN.md)")
    # Without --guild the answer uses the global facts only (no guild's corrections).
    ask.add_argument("--guild", type=id_argument("--guild"), default=None, metavar="ID",
                     help="answer as in this guild (its own corrections count)")
    ask.set_defaults(handler=AppHandler(_ask))


async def _ask(app: App, args: argparse.Namespace) -> int:
    answer = await app.answers.ask(args.question, args.guild)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print(readable(answer))
    return 0


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
