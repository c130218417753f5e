"""`/ask`: a fan's question answered from the fact base; `/sources`: the evidence behind it."""

from __future__ import annotations

from bot.commands.spec import CommandSpec, Option

ASK = CommandSpec(
    "ask", "Ask about an artist or a release; the answer quotes where it comes from.",
    options=(Option("question", "e.g. When did Glass Harbour come out? Who directed it?",
                    required=True, low=1, high=300),),
    defers=True, ephemeral=False,
    detail="answers from the fact base, with the articles it comes from (below)")
SOURCES = CommandSpec(
    "sources", "Show the sentences and articles behind your last /ask answer.",
    detail="privately, the sentences and articles behind your last `/ask` answer, paged when "
           "they are many")
