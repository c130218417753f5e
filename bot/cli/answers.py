"""Verb `ask "QUESTION"`: a short answer from the fact base, with its sources."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.app import App
from bot.cli.common import AppHandler, id_argument
from bot.shell.answers import readable


def register(verbs: Any) -> None:
    ask = verbs.add_parser("ask", help="answer a question from the fact base")
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--json", action="store_true",
                     help="one JSON document (README, JSON output)")
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

