"""The shell's `/ask` (as `fanzine ask` prints it) and `/sources` (the evidence behind it)."""

from __future__ import annotations

from bot.app import App
from bot.cli.answers import readable, sources_text
from bot.errors import UserError
from bot.shell.parse import ParsedLine
from bot.shell.state import ShellState


async def ask_command(app: App, state: ShellState, line: ParsedLine) -> str:
    options = dict(line.options)
    question = options.pop("question", None)
    if options:
        raise UserError(f"/ask has no option '{sorted(options)[0]}'. "
                        'Use /ask question:"When did Glass Harbour come out?".')
    if question is None:
        # "/ask when did X come out": the words are the question.
        question = " ".join(line.words)
    elif line.words:
        question = " ".join([question, *line.words])
    return readable(await app.answers.ask(question, state.world.guild_id,
                                          asker=state.actor().user_id))


async def sources_command(app: App, state: ShellState, line: ParsedLine) -> str:
    if line.options or line.words:
        raise UserError("/sources takes no options: it explains your last /ask.")
    return sources_text(app.answers.last_answer(state.world.guild_id, state.actor().user_id))
