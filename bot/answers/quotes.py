"""Stored article sentences that mention names and the question's words (FTS5 or tsvector)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Integer, Text, bindparam, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import TypeEngine

from bot.answers.lookup import own_items
from bot.answers.quote_terms import TOKEN, Terms, build_terms, fold, matched_words
from bot.db import Database
from bot.models.base import UTCDateTime

MAX_LIMIT = 50
# Candidates read per query, newest stored first, before they are ranked here. The database
# does not rank: bm25 and ts_rank need every matching row (FTS5 counts each term's rows for
# its idf: 0.9-4 s for common words among 2M sentences), where this stops at POOL rows.
POOL = 50
# Articles about the names whose every sentence is read (`articles=`), at most.
MAX_ARTICLES = 20
PG_TIMEOUT_MS = 100  # one search on PostgreSQL at most (see _rows)
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement timeout


@dataclass(frozen=True)
class Quote:
    sentence: str  # the stored sentence, as written
    article_id: int
    title: str | None
    url: str | None
    published: date | None
    score: float  # higher is better: the share of the question's words the sentence holds
    matched: int = 0  # how many of the words (after stop words) the sentence holds
    named: bool = True  # it holds one of the names (not only its article is about them)
    # the sentence before it in its article (by stored position), what "It", "The album" at
    # its start refer to; None for an article's first sentence
    before: str | None = field(default=None, compare=False)


_COLUMNS: dict[str, TypeEngine[Any]] = {
    "id": Integer(), "article_id": Integer(), "position": Integer(), "text": Text(),
    "title": Text(), "url": Text(), "published_at": UTCDateTime(), "before": Text()}
# (the sentence before each, read in the same statement by the (article_id, position) index)
_FIELDS = ("SELECT s.id, s.article_id, s.position, s.text, a.title, "
           "a.link AS url, a.published_at, (SELECT p.text FROM article_sentences p "
           "WHERE p.article_id = s.article_id AND p.position = s.position - 1) AS before ")
_SELECT = (_FIELDS + "FROM {source} JOIN articles a ON a.id = s.article_id WHERE {match}{guild} "
           "ORDER BY {order} DESC LIMIT :pool")
# The articles a guild sees, as bot/facts/scope.py says: those it carries, those no guild
# carries (the operator's), or every one in its network view.
_IN_GUILD = (" AND (EXISTS (SELECT 1 FROM guild_articles g "
             "WHERE g.guild_id = :guild AND g.article_id = s.article_id) "
             "OR NOT EXISTS (SELECT 1 FROM guild_articles g WHERE g.article_id = s.article_id) "
             "OR EXISTS (SELECT 1 FROM guild_settings gs "
             "WHERE gs.guild_id = :guild AND gs.network_facts))")


def _statement(dialect: str, terms: Terms, guild: bool,
               every_word: bool) -> tuple[str, dict[str, Any]]:
    guild_sql = _IN_GUILD if guild else ""
    if dialect == "sqlite":
        # FTS5 walks its rowids backwards itself for ORDER BY rowid DESC ... LIMIT.
        source = ("article_sentences_fts JOIN article_sentences s "
                  "ON s.id = article_sentences_fts.rowid")
        match = "article_sentences_fts MATCH :query"
        params: dict[str, Any] = {"query": terms.fts5(every_word=every_word)}
        order = "article_sentences_fts.rowid"
    else:
        query, params = terms.tsquery(every_word=every_word)
        # "+ 0": never the primary key walked backwards, filtering every row on the way (the
        # planner's pick for common lexemes: seconds when the matches sit in old rows); the
        # matches come from the GIN index and the newest are sorted out of them.
        source, match, order = "article_sentences s", f"s.search_vector @@ {query}", "s.id + 0"
    return _SELECT.format(source=source, match=match, guild=guild_sql, order=order), params


async def find_quotes(db: Database, guild_id: int | None, names: Sequence[str],
                      words: Sequence[str], *, articles: Sequence[int] = (),
                      limit: int = 5) -> list[Quote]:
    """Stored sentences that mention one of `names` (as a phrase, case-insensitive), ranked by
    how many of `words` they contain, best first.

    Words lose stop words and find their other forms ("directed": "director", "direction").
    With names and words, a sentence must hold a name and at least one word; with names alone,
    every sentence holding a name; with no names, the sentences that best match `words` alone
    (all words optional, at least one required); neither gives []. Order: more words matched,
    then the newer article, then the earlier sentence in it; a sentence repeated in several
    articles is quoted once. Candidates are the POOL newest stored sentences that hold some
    word, and when that cuts some off, also the POOL newest that hold every word. With
    guild_id, only the articles that guild sees (`bot/facts/scope.py`: those its feeds or
    ingests brought in, those no guild carries, or all in its network view); with None, every
    article. Any text is safe: it reaches the database only as quoted letters and digits, in a
    bound parameter. Call it inside an open `db.read()` to share that snapshot.

    `articles` (at most MAX_ARTICLES are read): articles known to be about the names, whose
    sentences holding some of the words are candidates too though they do not name them ("He
    is the father of eight children"); such a quote has `named` False.
    """
    terms = build_terms(names, words)
    limit = max(0, min(limit, MAX_LIMIT))
    if limit == 0 or not (terms.names or terms.words):
        return []
    async with db.read() as session:
        found = await _rows(session, db.dialect, terms, guild_id, every_word=False)
        rows = {r.id: r for r in found}
        if len(found) >= POOL and len(terms.words) > 1:
            # The pool was cut: those holding every word are read too, so that none is lost.
            for row in await _rows(session, db.dialect, terms, guild_id, every_word=True):
                rows.setdefault(row.id, row)
        unnamed: set[int] = set()
        if articles and terms.words:
            for row in await _of_articles(session, articles, guild_id):
                if row.id not in rows and matched_words(row.text, terms.words):
                    rows[row.id] = row
                    unnamed.add(row.id)
        # Cited as the guild's own feed gave them, like every source (`lookup.own_items`).
        own = await own_items(session, guild_id, sorted({r.article_id for r in rows.values()}))
    quotes: dict[str, tuple[tuple[Any, ...], Quote]] = {}
    for row in rows.values():
        matched = matched_words(row.text, terms.words)
        published = row.published_at.date() if row.published_at is not None else None
        named = row.id not in unnamed or _names_in(row.text, terms)
        title, url = own.get(row.article_id, (row.title, row.url))
        quote = Quote(row.text, row.article_id, title, url, published,
                      matched / len(terms.words) if terms.words else 1.0, matched,
                      named or not terms.names, row.before)
        newest = row.published_at.timestamp() if row.published_at is not None else 0.0
        rank = (-matched, -newest, -row.article_id, row.position)
        key = _key(row.text)  # the same sentence in another article is quoted once
        if key not in quotes or rank < quotes[key][0]:
            quotes[key] = (rank, quote)
    return [q for _, q in sorted(quotes.values(), key=lambda item: item[0])][:limit]


def _names_in(sentence: str, terms: Terms) -> bool:
    """Whether the sentence holds one of the names as a phrase (compared as the index does)."""
    tokens = " " + " ".join(fold(t) for t in TOKEN.findall(sentence)) + " "
    return any(f" {' '.join(fold(t) for t in name)} " in tokens for name in terms.names)


async def _of_articles(session: AsyncSession, articles: Sequence[int],
                       guild_id: int | None) -> Sequence[Any]:
    """Every stored sentence of a few articles (by the article_id index), in the guild's view."""
    wanted = sorted(set(articles))[-MAX_ARTICLES:]
    sql = (_FIELDS + "FROM article_sentences s "
           "JOIN articles a ON a.id = s.article_id WHERE s.article_id IN :ids"
           + (_IN_GUILD if guild_id is not None else "") + " ORDER BY s.id LIMIT :cap")
    params: dict[str, Any] = {"ids": wanted, "cap": MAX_ARTICLES * 200}
    if guild_id is not None:
        params["guild"] = guild_id
    statement = text(sql).columns(**_COLUMNS).bindparams(bindparam("ids", expanding=True))
    return (await session.execute(statement, params)).all()


def _key(sentence: str) -> str:
    return " ".join(fold(sentence).split())


async def _rows(session: AsyncSession, dialect: str, terms: Terms, guild_id: int | None, *,
                every_word: bool) -> Sequence[Any]:
    sql, params = _statement(dialect, terms, guild_id is not None, every_word)
    params = {**params, "pool": POOL}
    if guild_id is not None:
        params["guild"] = guild_id
    if dialect != "postgresql":
        return (await session.execute(text(sql).columns(**_COLUMNS), params)).all()
    # A GIN match cannot be read in id order: sorting the newest out of the matches costs as
    # many rows as match (common words alone: 100,000s). Bounded: past PG_TIMEOUT_MS, any
    # POOL matches (no order: the first found), else none.
    rows = await _bounded(session, sql, params)
    if rows is None:
        rows = await _bounded(session, sql.replace(" ORDER BY s.id + 0 DESC", ""), params)
    return rows or []


# The read's own savepoint, made before its first bounded search and kept until the read ends
# (a session.info key: the session is the read's): a cancelled search rolls back to it.
_SAVEPOINT = "fanzine_bounded_search"
# Arms the bound for the next statement and gives the setting it replaces.
_ARM = ("SELECT b.before, set_config('statement_timeout', :ms, true) "
        "FROM (SELECT current_setting('statement_timeout') AS before OFFSET 0) b")
# The search itself puts the setting back, in a row of its own that the database cannot skip
# (the preserved side of a LEFT JOIN, kept from being flattened by OFFSET 0), found rows or
# none; the bound armed at the statement's start still applies to the statement itself.
_RESTORING = ("SELECT q.* FROM (SELECT set_config('statement_timeout', :restore, true) "
              "OFFSET 0) restored LEFT JOIN ({sql}) q ON true")


async def _bounded(session: AsyncSession, sql: str,
                   params: dict[str, Any]) -> Sequence[Any] | None:
    """The rows, or None when PostgreSQL cancelled the query at PG_TIMEOUT_MS.

    Two round trips a search, plus one SAVEPOINT a read: the timeout is armed by the statement
    before the search, and the search itself sets it back to what it was, so the statements
    after it are not bounded. The savepoint, made once in the read and never released, is what
    a cancelled search rolls back to (that also undoes the armed timeout): the caller's read
    transaction is not left aborted, and the reads in it undo nothing."""
    if not session.info.get(_SAVEPOINT):
        await session.execute(text(f"SAVEPOINT {_SAVEPOINT}"))
        session.info[_SAVEPOINT] = True
    before = (await session.execute(text(_ARM), {"ms": str(PG_TIMEOUT_MS)})).scalar_one()
    try:
        rows = (await session.execute(text(_RESTORING.format(sql=sql)).columns(**_COLUMNS),
                                      {**params, "restore": before})).all()
    except DBAPIError as exc:
        # Whatever failed, the read is usable again (and unbounded) for whoever goes on.
        await session.execute(text(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}"))
        if getattr(exc.orig, "sqlstate", None) != QUERY_CANCELED:
            raise
        return None
    return [row for row in rows if row.id is not None]  # not the row of the LEFT JOIN alone
