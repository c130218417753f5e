"""The shell's `/facts add|fix|remove` and `/alias add`, on the same core as Discord's."""

from __future__ import annotations

from bot.app import App
from bot.errors import UserError
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState

FACTS_USAGE = ('Use /facts add|fix subject:"…" predicate:… value:"…" or '
               '/facts remove subject:"…" predicate:… [value:"…"].')
ALIAS_USAGE = 'Use /alias add name:"…" alias:"…".'


async def facts_command(app: App, state: ShellState, line: ParsedLine) -> str:
    action = line.words[0].lower() if len(line.words) == 1 else ""
    options = dict(line.options)
    subject, predicate = options.pop("subject", None), options.pop("predicate", None)
    value = options.pop("value", None)
    if action not in ("add", "fix", "remove") or options or not subject or not predicate:
        raise UserError(FACTS_USAGE)
    actor = state.actor()
    if action == "remove":
        done = await app.corrections.remove(actor, subject, predicate, value)
    elif value is None:
        raise UserError(f"/facts {action} needs a value. {FACTS_USAGE}")
    elif action == "add":
        done = await app.corrections.add(actor, subject, predicate, value)
    else:
        done = await app.corrections.fix(actor, subject, predicate, value)
    return f"Done: {done.summary()}"


async def alias_command(app: App, state: ShellState, line: ParsedLine) -> str:
    options = dict(line.options)
    name, alias = options.pop("name", None), options.pop("alias", None)
    if [w.lower() for w in line.words] != ["add"] or options or not name or not alias:
        raise UserError(ALIAS_USAGE)
    done = await app.corrections.alias(state.actor(), name, alias)
    return f"Done: {alias.strip()} now means {done.subject} here (this server only)."
