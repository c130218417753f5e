"""The outbox remembers when a send that may have reached Discord, unanswered, began.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

Discord returns the first message for a repeated nonce only for a few minutes; a post whose
sends go unanswered is sent again only while that holds (bot.delivery.outbox.RESEND_WINDOW).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unsettled_since', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    # Nothing to refuse: the column only narrows resends of posts being sent right now.
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('unsettled_since')
