"""Article sentences with a full-text index (SQLite FTS5, PostgreSQL tsvector + GIN), backfilled.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

On SQLite an external-content FTS5 table indexes article_sentences.text; triggers keep it in step
with every insert, delete (ON DELETE CASCADE from articles included) and update. On PostgreSQL
a generated tsvector column ('simple': names are not stemmed away) carries a GIN index. Neither
is declared in bot/models (bot.models.ingest.declared_by_models leaves them out of comparisons).
No batch operation touches a table with cascading children: batch mode recreates the table,
which would fire ON DELETE CASCADE with foreign_keys=ON.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from bot.ingest.searchable import searchable_sentences


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 200  # articles read per round of the backfill (their text is held in memory)

FTS_TABLE = "article_sentences_fts"
SQLITE_UP = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='article_sentences', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER article_sentences_ai AFTER INSERT ON article_sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER article_sentences_ad AFTER DELETE ON article_sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER article_sentences_au AFTER UPDATE ON article_sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS article_sentences_au",
    "DROP TRIGGER IF EXISTS article_sentences_ad",
    "DROP TRIGGER IF EXISTS article_sentences_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    search = [sa.Column('search_vector', postgresql.TSVECTOR(),
                        sa.Computed("to_tsvector('simple', text)", persisted=True))] \
        if postgres else []
    sentences = op.create_table('article_sentences',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('article_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    *search,
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                            name=op.f('fk_article_sentences_article_id_articles'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_sentences')),
    sa.UniqueConstraint('article_id', 'position',
                        name=op.f('uq_article_sentences_article_id_position'))
    )
    if not postgres:
        for statement in SQLITE_UP:
            op.execute(statement)
    backfill(sentences)
    if postgres:
        # Built after the backfill: one sort instead of a GIN insert per row.
        op.create_index('ix_article_sentences_search_vector', 'article_sentences',
                        ['search_vector'], postgresql_using='gin')


def backfill(sentences: sa.Table) -> None:
    """The sentences of the articles already stored, a batch of articles at a time."""
    connection = op.get_bind()
    articles = sa.table('articles', sa.column('id', sa.Integer), sa.column('title', sa.Text),
                        sa.column('text', sa.Text))
    last = 0
    while True:
        batch = connection.execute(
            sa.select(articles.c.id, articles.c.title, articles.c.text)
            .where(articles.c.id > last).order_by(articles.c.id).limit(BATCH)).all()
        if not batch:
            return
        rows = [{"article_id": id_, "position": position, "text": sentence}
                for id_, title, text in batch
                for position, sentence in searchable_sentences(text or "", title)]
        if rows:
            connection.execute(sa.insert(sentences), rows)
        last = batch[-1][0]


def downgrade() -> None:
    # Lossless: the sentences are derived from the articles, and upgrading backfills them.
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    else:
        op.drop_index('ix_article_sentences_search_vector', table_name='article_sentences',
                      postgresql_using='gin')
    op.drop_table('article_sentences')
