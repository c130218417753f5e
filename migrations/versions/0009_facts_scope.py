"""Facts scoped by who brought them: a guild's opt-in network view.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Every fact already keeps its article, and `guild_articles` already says which guilds' feeds and
ingests carried each article: reads now show a guild only the facts of its own articles (see
bot/facts/scope.py), so existing facts carry over as they are, stored once, each visible to the
guilds that carried its article. The only new column is `guild_settings.network_facts`, off for
every guild: a guild that wants other guilds' facts too opts in. The downgrade refuses while a
guild has opted in (its choice would be lost and it would see less).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('guild_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('network_facts', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    refuse_to_lose(op.get_bind(), revision, 'guild_settings', "guilds' network view of facts",
                   "network_facts = true")
    with op.batch_alter_table('guild_settings', schema=None) as batch_op:
        batch_op.drop_column('network_facts')
