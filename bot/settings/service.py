"""`SettingsService`: one table's settings read with defaults, and changed by whoever may:
checked, stored in one transaction with one audit entry, its change event after the commit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic

from bot.actors import Actor
from bot.clock import Clock
from bot.db import Database, insert_ignoring_conflict, publish
from bot.settings.table import S, SettingsTable, SettingsUpdate


class SettingsService(Generic[S]):
    """Reads and changes the settings of one `SettingsTable`."""

    def __init__(self, db: Database, clock: Clock, table: SettingsTable[S]) -> None:
        self._db = db
        self._clock = clock
        self.table = table

    async def stored(self, owner_id: int) -> S | None:
        """The owner's stored settings; None when they never changed one."""
        async with self._db.read() as session:
            row = await session.get(self.table.row, owner_id)
            return None if row is None else self.table.from_row(row, owner_id)

    async def get(self, owner_id: int) -> S:
        """The owner's settings, defaults where none are stored."""
        found = await self.stored(owner_id)
        return self.table.defaults(owner_id) if found is None else found

    async def show(self, actor: Actor) -> S:
        """The settings the actor may see and change (a guild's: moderators only, since they
        name private channels)."""
        return await self.get(self.table.owner(actor))

    async def update(self, actor: Actor, changes: Mapping[str, Any]) -> SettingsUpdate[S]:
        """Apply checked changes to the actor's own settings (their guild's, as a moderator)."""
        return await self.change(self.table.owner(actor), actor.user_id, changes)

    async def change(self, owner_id: int, by: int,
                     changes: Mapping[str, Any]) -> SettingsUpdate[S]:
        """Apply checked changes to the owner's settings in one transaction; nothing is stored
        if one value is bad. A change (not a value already so) is audited as one entry by
        `by`, and its event published after the commit."""
        table = self.table
        checked = table.check(changes)
        now = self._clock.now()
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(session, table.row, table.new_row(owner_id, now),
                                           [table.owner_column])
            row = await session.get(table.row, owner_id, with_for_update=True)
            assert row is not None
            before = table.from_row(row, owner_id)
            after = table.with_changes(before, checked)
            changed = table.changed(before, after)
            if changed:
                table.to_row(after, row)
                row.updated_at = now
                if table.audit is not None:
                    session.add(table.audit.entry(
                        guild_id=owner_id, user_id=by, action=table.audit.action,
                        target=table.audit.target, created_at=now,
                        before=table.audited(before, changed),
                        after=table.audited(after, changed)))
                if table.event is not None:
                    # After the commit, the schedule is re-planned in the background.
                    publish(session, table.event(owner_id))
        return SettingsUpdate(before, after, changed)
