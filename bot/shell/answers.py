"""The shell's `/ask` and `/sources`, and the plain-text answer `fanzine ask` prints too."""

from __future__ import annotations

from bot.answers.model import Answer, evidence_of
from bot.answers.recent import RecentAnswer
from bot.app import App
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
