"""Feeds are claimed like outbox and schedule rows: a lease owner and its expiry.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

A poll in progress no longer pushes `next_poll_at` forward: the poller that claims a feed
writes its owner id and the lease's end, and clears both when the poll finishes. Leases are
transient (a lapsed one means nothing), so the downgrade drops the columns; a poll running
during the downgrade only risks a second fetch, never a second post.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lease_owner', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.drop_column('lease_until')
        batch_op.drop_column('lease_owner')
