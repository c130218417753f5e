"""Replanner: a guild's schedule re-planned in the background after a change commits.

Commands publish `GuildChanged` inside their transaction; once it commits, `changed` notes the
guild and returns at once, so the reply never waits for planning. One task per guild plans it
(never two at once for a guild; guilds never wait on each other), and changes that arrive while
it runs are coalesced into one more pass, so the last plan always reflects the last change. A
failure is logged and reaches the guild's mod-log, never the moderator's command.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field

from bot.guilds.changes import RESUMING, Change, GuildChanged
from bot.guilds.modlog import ModLog
from bot.schedule.planner import SchedulePlanner

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    """What is waiting for the guild's next pass, and who waits for that pass to end."""

    changes: set[Change] = field(default_factory=set)
    done: asyncio.Future[BaseException | None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future())


class Replanner:
    """Per process: coalesces `GuildChanged` per guild and re-plans each guild in the
    background, one pass at a time per guild."""

    def __init__(self, planner: SchedulePlanner, modlog: ModLog) -> None:
        self.planner = planner
        self.modlog = modlog
        self._pending: dict[int, _Pending] = {}
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def changed(self, event: GuildChanged) -> None:
        """A change committed (a `Database.subscribe` callback): plan its guild soon."""
        self._request(event.guild_id).changes.add(event.what)

    async def replan(self, guild_id: int) -> None:
        """Plan the guild now and wait for it (`/upcoming`: after deferring, it shows a plan
        that includes every change committed before it asked). A pass already queued for the
        guild is shared; a failed pass raises its error here too."""
        error = await asyncio.shield(self._request(guild_id).done)
        if error is not None:
            raise error

    async def idle(self) -> None:
        """Wait until no guild has a pass queued or running (the shell after each command,
        shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def close(self, grace: float = 10.0) -> None:
        """At shutdown: let queued passes finish (their changes are committed), for at most
        `grace` seconds; a pass still running then is cancelled and logged (the next
        `/upcoming`, change or learned fact plans the guild again)."""
        try:
            async with asyncio.timeout(grace):
                await self.idle()
        except TimeoutError:
            log.warning("re-planning guilds %s did not finish at shutdown",
                        sorted(self._tasks))
            for task in list(self._tasks.values()):
                task.cancel()
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)
            for pending in self._pending.values():
                pending.done.cancel()
            self._pending.clear()

    def busy(self, guild_id: int) -> bool:
        return guild_id in self._tasks

    def _request(self, guild_id: int) -> _Pending:
        pending = self._pending.get(guild_id)
        if pending is None:
            pending = self._pending[guild_id] = _Pending()
        if guild_id not in self._tasks:
            self._tasks[guild_id] = asyncio.create_task(self._run(guild_id),
                                                        name=f"replan guild {guild_id}")
        return pending

    async def _run(self, guild_id: int) -> None:
        try:
            while (pending := self._pending.pop(guild_id, None)) is not None:
                try:
                    error = await self._pass(guild_id, pending.changes)
                except asyncio.CancelledError:
                    pending.done.cancel()
                    raise
                pending.done.set_result(error)
        finally:
            del self._tasks[guild_id]

    async def _pass(self, guild_id: int, changes: set[Change]) -> BaseException | None:
        try:
            await self.planner.sync_guild(guild_id)
            if changes & RESUMING:
                # A moderator's settings change lets paused posts (channel gone) try again.
                await self.planner.resume_paused(guild_id)
        except Exception as exc:
            await self._report(guild_id, exc)
            return exc
        return None

    async def _report(self, guild_id: int, exc: Exception) -> None:
        code = secrets.token_hex(4)
        log.error("re-planning the schedule of guild %s failed [%s]", guild_id, code,
                  exc_info=exc)
        text = (f"Re-planning this server's scheduled posts failed (error {code}); they follow "
                "the last plan until the next change or `/upcoming`. The bot's log has the "
                "details.")
        try:
            await self.modlog.notice(guild_id, text, key=f"replan:{guild_id}:{code}")
        except Exception:
            log.exception("telling guild %s's mod-log that re-planning failed", guild_id)
