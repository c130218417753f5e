"""bench_answers' sentence search: sentences from the facts' evidence, the guild's article
links, and the timed `find_quotes` calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from bot.answers.quotes import find_quotes
from bot.db import Database

Call = Callable[[], Awaitable[bool]]


def sentence_rows(facts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One stored sentence per fact: its evidence, in its article (the fact id as position,
    which is unique within every article)."""
    return [{"id": f["id"], "article_id": f["article_id"], "position": f["id"],
             "text": f["evidence"]} for f in facts]


def guild_rows(articles: int, other_articles: int, guild: int, other: int,
               now: datetime) -> Iterator[dict[str, Any]]:
    """The guild brought every article in but the last `other_articles`, which only the guild
    `other` carries; so its questions search almost all (and pay for the guild check on every
    candidate)."""
    for n in range(articles):
        mine = n < articles - other_articles
        yield {"guild_id": guild if mine else other, "article_id": n + 1, "added_at": now}


def quote_calls(db: Database, guild: int, artists: Sequence[str],
                releases: Sequence[str]) -> list[tuple[str, list[Call]]]:
    """(label, calls) per kind of search: a name and the question's words, a name alone, and
    words alone (common ones: the worst case, every sentence holding one is ranked)."""

    def search(names: list[str], words: list[str]) -> Call:
        async def call() -> bool:
            quotes = await find_quotes(db, guild, names, words)
            wanted = [n.lower() for n in names]
            return bool(quotes) and all(
                (not wanted or any(n in q.sentence.lower() for n in wanted))
                and (not words or q.matched >= 1) for q in quotes)
        return call

    return [
        ('find_quotes([artist], ["signed", "label"])',
         [search([a], ["signed", "label"]) for a in artists]),
        ('find_quotes([release], ["directed", "video", "record"])',
         [search([r], ["directed", "video", "record"]) for r in releases]),
        ('find_quotes([artist], []) (name alone)', [search([a], []) for a in artists]),
        ('find_quotes([], ["signed", "label"]) (common words alone)',
         [search([], ["signed", "label"]) for _ in artists[:max(5, len(artists) // 10)]]),
    ]
