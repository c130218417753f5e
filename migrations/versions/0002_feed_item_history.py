"""Feed items keep their first-seen link and date; subscriptions get a mention role and a learning time.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('feed_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link', sa.String(length=2048), nullable=True))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mention_role_id', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('learned_at', sa.DateTime(timezone=True), nullable=True))



def downgrade() -> None:
    bind = op.get_bind()
    refuse_to_lose(bind, revision, 'feed_items', "items' first-seen links and dates",
                   "link IS NOT NULL OR published_at IS NOT NULL")
    refuse_to_lose(bind, revision, 'subscriptions', "mention roles and learning times",
                   "mention_role_id IS NOT NULL OR learned_at IS NOT NULL")
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_column('learned_at')
        batch_op.drop_column('mention_role_id')

    with op.batch_alter_table('feed_items', schema=None) as batch_op:
        batch_op.drop_column('published_at')
        batch_op.drop_column('link')

