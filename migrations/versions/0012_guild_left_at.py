"""Guilds the bot has left: `guild_settings.left_at`.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

A left guild's feeds are not polled for it and nothing is posted in its channels until the bot
rejoins; nothing is deleted. The downgrade drops the column when no guild is marked as left, and
refuses otherwise (the bot would post in those guilds' channels again).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('guild_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('left_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    refuse_to_lose(op.get_bind(), revision, 'guild_settings', "the guilds the bot has left",
                   "left_at IS NOT NULL")
    with op.batch_alter_table('guild_settings', schema=None) as batch_op:
        batch_op.drop_column('left_at')
