"""Stored article sentences that mention names, ranked by full-text search (FTS5 or tsvector)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, Text, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import TypeEngine

from bot.db import Database
from bot.models.base import UTCDateTime

# Words that rank nothing; the caller passes content words, this is the safety net.
STOP_WORDS = frozenset((
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
    "for", "from", "had", "has", "have", "having", "he", "her", "hers", "him", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "me", "my", "no", "not", "of", "on", "once",
    "only", "or", "our", "over", "she", "so", "some", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "would", "you", "your", "yes", "ever", "many", "much", "more", "most", "tell",
    "know",
))
# Letters, digits and marks of any script: what both databases' tokenizers keep.
TOKEN = re.compile(r"[^\W_]+")
PREFIX_MIN = 4  # a word of 4+ letters also matches longer words: "direct" finds "directed"
# Endings cut from a word before it becomes a prefix, so that "directed" finds "director" and
# "produced" finds "producer" (longest first; at least PREFIX_MIN letters must stay).
SUFFIXES = ("ings", "ing", "ers", "ors", "ions", "ion", "ed", "er", "or", "es", "s")
MAX_NAMES = 8
MAX_WORDS = 12
MAX_TERM = 200  # characters of one name or word looked at
MAX_LIMIT = 50
POOL = 4  # rows fetched per quote asked for, before the final ordering and de-duplication


@dataclass(frozen=True)
class Quote:
    sentence: str  # the stored sentence, as written
    article_id: int
    title: str | None
    url: str | None
    published: date | None
    score: float  # higher is better: -bm25 on SQLite, ts_rank on PostgreSQL
    matched: int = 0  # how many of the words (after stop words) the sentence contains


@dataclass(frozen=True)
class Terms:
    """A question's names and words as safe tokens (letters and digits only, lower case)."""

    names: tuple[tuple[str, ...], ...]
    words: tuple[str, ...]

    def fts5(self) -> str:
        """An FTS5 query: every token double-quoted (no operator, column or syntax can leak
        in: tokens hold no quote), names as phrases, words OR'ed, long words as prefixes."""
        parts = []
        if self.names:
            parts.append("(" + " OR ".join('"' + " ".join(n) + '"' for n in self.names) + ")")
        if self.words:
            parts.append("(" + " OR ".join(f'"{w}"*' if _prefix(w) else f'"{w}"'
                                          for w in self.words) + ")")
        return " AND ".join(parts)

    def tsquery(self) -> tuple[str, dict[str, Any]]:
        """A PostgreSQL tsquery expression and its parameters: names through
        phraseto_tsquery, words as `w:* | v` text whose tokens hold no operator."""
        params: dict[str, Any] = {}
        parts = []
        if self.names:
            phrases = []
            for i, name in enumerate(self.names):
                params[f"name{i}"] = " ".join(name)
                phrases.append(f"phraseto_tsquery('simple', :name{i})")
            parts.append("(" + " || ".join(phrases) + ")")
        if self.words:
            params["words"] = " | ".join(f"{w}:*" if _prefix(w) else w for w in self.words)
            parts.append("to_tsquery('simple', :words)")
        return "(" + " && ".join(parts) + ")", params


def _prefix(word: str) -> bool:
    return len(word) >= PREFIX_MIN and word.isalpha()


def stem(word: str) -> str:
    """A word without one common ending ("directed" -> "direct"), if enough of it stays."""
    if not word.isalpha() or word.endswith("ss"):
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= PREFIX_MIN:
            return word[:-len(suffix)]
    return word


def fold(value: str) -> str:
    """Lower case without diacritics, as FTS5's `remove_diacritics 2` compares."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def build_terms(names: Sequence[str], words: Sequence[str]) -> Terms:
    """Names and words reduced to tokens; words lose stop words, one-letter words, words of
    the names, common endings (`stem`) and repeats."""
    phrases: list[tuple[str, ...]] = []
    for name in names:
        tokens = tuple(TOKEN.findall(name[:MAX_TERM].lower()))
        if tokens and tokens not in phrases:
            phrases.append(tokens)
    phrases = phrases[:MAX_NAMES]
    in_names = {fold(t) for phrase in phrases for t in phrase}
    kept: list[str] = []
    for word in words:
        for token in TOKEN.findall(word[:MAX_TERM].lower()):
            folded = fold(token)
            if (folded in STOP_WORDS or folded in in_names
                    or (len(token) < 2 and not token.isdigit())):
                continue
            token = stem(token)
            if token not in kept:
                kept.append(token)
    return Terms(tuple(phrases), tuple(kept[:MAX_WORDS]))


def matched_words(sentence: str, words: Sequence[str]) -> int:
    """How many of `words` the sentence contains (a long word also as a prefix), compared
    as FTS5 does: by token, lower case, without diacritics."""
    tokens = set(TOKEN.findall(fold(sentence)))
    count = 0
    for word in words:
        folded = fold(word)
        if folded in tokens or (_prefix(word) and any(t.startswith(folded) for t in tokens)):
            count += 1
    return count


_COLUMNS: dict[str, TypeEngine[Any]] = {
    "id": Integer(), "article_id": Integer(), "position": Integer(), "text": Text(),
    "title": Text(), "url": Text(), "published_at": UTCDateTime()}
_SELECT = ("SELECT s.id, s.article_id, s.position, s.text, a.title, "
           "a.canonical_url AS url, a.published_at, {score} AS score "
           "FROM {source} JOIN articles a ON a.id = s.article_id WHERE {match}{guild} "
           "ORDER BY {order} LIMIT :pool")
_IN_GUILD = (" AND EXISTS (SELECT 1 FROM guild_articles g "
             "WHERE g.guild_id = :guild AND g.article_id = s.article_id)")


def _statement(dialect: str, terms: Terms, guild: bool) -> tuple[str, dict[str, Any]]:
    guild_sql = _IN_GUILD if guild else ""
    if dialect == "sqlite":
        score = "-bm25(article_sentences_fts)"
        source = ("article_sentences_fts JOIN article_sentences s "
                  "ON s.id = article_sentences_fts.rowid")
        match, params = "article_sentences_fts MATCH :query", {"query": terms.fts5()}
    else:
        query, params = terms.tsquery()
        score = f"ts_rank(s.search_vector, {query}, 1)"
        source, match = "article_sentences s", f"s.search_vector @@ {query}"
    # With words, the best match first; with names alone, the newest article first.
    order = ("score DESC, " if terms.words else "") + "a.published_at DESC, s.position"
    return _SELECT.format(score=score, source=source, match=match, guild=guild_sql,
                          order=order), params


async def find_quotes(db: Database, guild_id: int | None, names: Sequence[str],
                      words: Sequence[str], *, limit: int = 5) -> list[Quote]:
    """Stored sentences that mention one of `names` (as a phrase, case-insensitive), ranked by
    how many of `words` they contain (bm25 on SQLite, ts_rank on PostgreSQL), best first.

    With names and words, a sentence must hold a name and at least one word; with names alone,
    every sentence holding a name, newest article first; with no names, the sentences that
    best match `words` alone (all words optional, at least one required); neither gives [].
    Order: more words matched, then the higher score, then the newer article, then the earlier
    sentence; a sentence repeated in several articles is quoted once. With guild_id, only
    articles that guild's feeds or ingests brought in (guild_articles); with None, every
    article. Any text is safe: it only ever reaches the database as quoted tokens, bound.
    Call it inside an open `db.read()` to share that snapshot.
    """
    terms = build_terms(names, words)
    limit = max(0, min(limit, MAX_LIMIT))
    if limit == 0 or not (terms.names or terms.words):
        return []
    async with db.read() as session:
        rows = await _rows(session, db.dialect, terms, guild_id, limit * POOL)
    quotes: dict[str, Quote] = {}
    for row in rows:
        key = " ".join(fold(row.text).split())
        if key in quotes:
            continue  # rows come best first: the first copy is kept
        published = row.published_at.date() if row.published_at is not None else None
        quotes[key] = Quote(row.text, row.article_id, row.title, row.url, published,
                            float(row.score), matched_words(row.text, terms.words))
    order = {id(q): i for i, q in enumerate(quotes.values())}  # the database's order
    return sorted(quotes.values(), key=lambda q: (-q.matched, order[id(q)]))[:limit]


async def _rows(session: AsyncSession, dialect: str, terms: Terms, guild_id: int | None,
                pool: int) -> Sequence[Any]:
    sql, params = _statement(dialect, terms, guild_id is not None)
    params = {**params, "pool": pool}
    if guild_id is not None:
        params["guild"] = guild_id
    return (await session.execute(text(sql).columns(**_COLUMNS), params)).all()
