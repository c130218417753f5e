"""`/ask`: a fan's question answered from the fact base; `/sources`: the evidence behind it."""

from __future__ import annotations

from bot.answers.questions import check_question
from bot.answers.recent import RecentAnswer
from bot.commands.reply import Asked
from bot.commands.spec import Args, CommandSpec, Invocation, Option


def _question(args: Args) -> None:
    check_question(args.text("question"))


async def ask(call: Invocation) -> Asked:
    question = call.args.text("question")
    answer = await call.app.answers.ask(question, call.actor.guild_id,
                                        asker=call.actor.user_id)
    return Asked(question, answer)


async def sources(call: Invocation) -> RecentAnswer:
    return call.app.answers.last_answer(call.actor.guild_id, call.actor.user_id)


ASK = CommandSpec(
    "ask", "Ask about an artist or a release; the answer quotes where it comes from.",
    options=(Option("question", "e.g. When did Glass Harbour come out? Who directed it?",
                    required=True, low=1, high=300),),
    defers=True, ephemeral=False, check=_question, handler=ask,
    detail="answers from the fact base, with the articles it comes from (below)")
SOURCES = CommandSpec(
    "sources", "Show the sentences and articles behind your last /ask answer.", handler=sources,
    detail="privately, the sentences and articles behind your last `/ask` answer, paged when "
           "they are many")
