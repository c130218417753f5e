"""Facts get a dedup key (unique), so that storing an article's extraction again adds nothing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dedup_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_facts_dedup_key'), ['dedup_key'])


def downgrade() -> None:
    # Without them, learning an article again would store its facts a second time.
    refuse_to_lose(op.get_bind(), revision, 'facts', "facts' dedup keys",
                   "dedup_key IS NOT NULL")
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_facts_dedup_key'), type_='unique')
        batch_op.drop_column('dedup_key')
