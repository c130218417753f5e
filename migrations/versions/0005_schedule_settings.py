"""Scheduled posts: per-guild schedule settings, unfollows, and a sync key on derived schedules.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('guild_schedule_settings',
    sa.Column('guild_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('channel_id', sa.BigInteger(), nullable=True),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('countdown_days', sa.JSON(), nullable=False),
    sa.Column('milestones', sa.JSON(), nullable=True),
    sa.Column('feb29', sa.String(length=8), nullable=False),
    sa.Column('ping', sa.Boolean(), nullable=False),
    sa.Column('digest_enabled', sa.Boolean(), nullable=False),
    sa.Column('digest_weekday', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('guild_id', name=op.f('pk_guild_schedule_settings'))
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.add_column(sa.Column('following', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
    with op.batch_alter_table('schedules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sync_key', sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_schedules_sync_key'), ['sync_key'])


def downgrade() -> None:
    bind = op.get_bind()
    refuse_to_lose(bind, revision, 'guild_schedule_settings', "guilds' schedule settings")
    # 0004 stores only follows: an unfollow would come back as a follow.
    refuse_to_lose(bind, revision, 'follows', "unfollows", "following = false")
    # Without them, syncing would add every derived schedule a second time.
    refuse_to_lose(bind, revision, 'schedules', "derived schedules' sync keys",
                   "sync_key IS NOT NULL")
    with op.batch_alter_table('schedules', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_schedules_sync_key'), type_='unique')
        batch_op.drop_column('sync_key')
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_column('following')
    op.drop_table('guild_schedule_settings')
