"""Outbox posts carry a typed origin: article, schedule (with its schedule and occurrence) or notice.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

Filled from the posts' dedup keys, the only place they are read for it: "schedule:{id}:{key}"
is a schedule's post, "article:{id}:channel:{id}" an article's, anything else a notice. The
downgrade drops the columns: the keys still say the same.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=16), nullable=False,
                                      server_default='notice'))
        batch_op.add_column(sa.Column(
            'schedule_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        batch_op.add_column(sa.Column('occurrence_key', sa.String(length=32), nullable=True))
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE outbox SET origin = 'article' WHERE dedup_key LIKE 'article:%'"))
    rows = bind.execute(sa.text(
        "SELECT id, dedup_key FROM outbox WHERE dedup_key LIKE 'schedule:%'")).all()
    values = []
    for row_id, key in rows:
        head, _, occurrence = key.removeprefix("schedule:").partition(":")
        if head.isdigit() and occurrence:
            values.append({"id": row_id, "schedule_id": int(head), "key": occurrence})
    for start in range(0, len(values), BATCH):
        bind.execute(sa.text(
            "UPDATE outbox SET origin = 'schedule', schedule_id = :schedule_id, "
            "occurrence_key = :key WHERE id = :id"), values[start:start + BATCH])


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('occurrence_key')
        batch_op.drop_column('schedule_id')
        batch_op.drop_column('origin')
