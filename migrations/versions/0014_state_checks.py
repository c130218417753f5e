"""CHECK constraints on kinds and states: the database refuses a value the code does not know.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

Each column below holds one of a closed set of values (the `StrEnum`s beside the models:
`EntityKind`, `FactStatus`, `FeedState`, `ScheduleKind`, `ScheduleState`, `DeliveryStatus`,
`OutboxStatus`, `PostOrigin`, `ReminderState`, `DeliverTo`, and `bot.partial_dates.PRECISIONS`).
The values are written out here, not imported, so this revision keeps meaning what it meant when
a later one changes the enums. No stored value changes; a row already holding another value
stops the upgrade with one line naming the values and their counts (`refuse_unknown`, before
any table is touched: nothing changes) rather than be rewritten. NULL passes, as in every CHECK.
On SQLite batch mode copies each table (foreign keys are off while migrating, bot.migrate;
the copy keeps the partial index of due schedules, as 0005's did).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_unknown


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRECISIONS = ('day', 'month', 'year')
# table -> column -> the values it may hold.
CHECKS: dict[str, dict[str, tuple[str, ...]]] = {
    'entities': {'kind': ('artist', 'person', 'label', 'release'),
                 'date_precision': PRECISIONS},
    'facts': {'status': ('accepted', 'superseded', 'rejected', 'removed'),
              'object_precision': PRECISIONS},
    'feeds': {'state': ('ok', 'failing', 'disabled')},
    'schedules': {'kind': ('release_day', 'countdown', 'anniversary', 'birthday', 'reminder',
                           'digest'),
                  'state': ('active', 'paused', 'done', 'cancelled')},
    'deliveries': {'status': ('queued', 'sent', 'skipped', 'failed')},
    'outbox': {'status': ('pending', 'sending', 'sent', 'failed', 'skipped'),
               'origin': ('article', 'schedule', 'notice')},
    'reminders': {'deliver_to': ('dm', 'channel'),
                  'state': ('active', 'done', 'cancelled', 'undeliverable')},
}


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    for table, columns in CHECKS.items():
        for column, values in columns.items():
            refuse_unknown(op.get_bind(), revision, table, column, values)
    for table, columns in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, values in columns.items():
                batch_op.create_check_constraint(op.f(f'ck_{table}_{column}'),
                                                 _condition(column, values))


def downgrade() -> None:
    for table, columns in reversed(CHECKS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in reversed(columns):
                batch_op.drop_constraint(op.f(f'ck_{table}_{column}'), type_='check')
