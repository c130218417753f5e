"""Feed items keep their own title, summary and source: a post shows its own feed's item.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

Filled from each item's article, which is what posts showed until now. The downgrade drops the
columns when every item still says what its article says, and refuses otherwise (an item's own
title would be lost).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("title", "summary", "source")


def upgrade() -> None:
    with op.batch_alter_table('feed_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('summary', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=200), nullable=True))
    op.get_bind().execute(sa.text(
        "UPDATE feed_items SET "
        + ", ".join(f"{c} = (SELECT a.{c} FROM articles a WHERE a.id = feed_items.article_id)"
                    for c in COLUMNS)
        + " WHERE article_id IS NOT NULL"))


def downgrade() -> None:
    # An item whose own text differs from its article's (or that has no article) would lose it.
    differs = " OR ".join(
        f"COALESCE({c}, '') <> COALESCE((SELECT a.{c} FROM articles a "
        f"WHERE a.id = feed_items.article_id), '')" for c in COLUMNS)
    refuse_to_lose(op.get_bind(), revision, 'feed_items', "items' own titles and summaries",
                   differs)
    with op.batch_alter_table('feed_items', schema=None) as batch_op:
        batch_op.drop_column('source')
        batch_op.drop_column('summary')
        batch_op.drop_column('title')
