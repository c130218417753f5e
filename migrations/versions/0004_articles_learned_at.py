"""Articles remember when their facts were learned, so extraction runs in the background.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('learned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_articles_learned_at'), ['learned_at'], unique=False)



def downgrade() -> None:
    # Without it, every article would be learned again after upgrading.
    refuse_to_lose(op.get_bind(), revision, 'articles', "when articles were learned",
                   "learned_at IS NOT NULL")
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_learned_at'))
        batch_op.drop_column('learned_at')

