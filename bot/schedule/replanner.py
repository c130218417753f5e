"""Replanner: a guild's schedule re-planned in the background after a change commits.

Commands publish `GuildChanged` inside their transaction; once it commits, `changed` notes the
guild and returns at once, so the reply never waits for planning. One task per guild plans it
(never two at once for a guild; guilds never wait on each other), and changes that arrive while
it runs are coalesced into one more pass, so the last plan always reflects the last change. A
failure is logged and reaches the guild's mod-log, never the moderator's command.

The learner hands it what each article taught (`after_learning`). Articles come in runs (a
feed's new items, a bulk ingest), and a pass re-reads the guild's whole view of the fact base,
so a pass for learned facts alone waits until the guild's articles pause for `LEARNED_QUIET`
seconds (at most `LEARNED_MAX_WAIT` after the first): a run of articles costs a guild a few
passes, not one each. Whoever needs the plan now cuts that wait short: `replan` (`/upcoming`),
`idle` (the shell after each command, tests, shutdown), or a moderator's change.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.delivery.modlog import ModLog
from bot.facts.store import StoreResult
from bot.guilds.changes import RESUMING, Change, GuildChanged
from bot.schedule.planner import SchedulePlanner

log = logging.getLogger(__name__)
# Seconds without another learned article of the guild before its pass starts...
LEARNED_QUIET = 1.0
# ...but at most this long after the first, so a steady stream of articles is planned too.
LEARNED_MAX_WAIT = 15.0


@dataclass
class _Pending:
    """What is waiting for the guild's next pass, and who waits for that pass to end."""

    changes: set[Change] = field(default_factory=set)
    done: asyncio.Future[BaseException | None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future())
    # Loop time the pass waits for (only learned facts are waiting), None: start it now.
    hold_until: float | None = None
    # When the first learned article of this pass came (the wait's cap counts from it).
    first_learned: float | None = None
    # Set when the wait is cut short (`start_now`).
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def start_now(self) -> None:
        self.hold_until = None
        self.wake.set()

    def learned(self, now: float, quiet: float, max_wait: float) -> None:
        """Learned facts join the pass: it waits for a pause in them, unless someone already
        wants it now."""
        if self.wake.is_set():
            return  # already wanted now (a change, `replan`, `idle`)
        if self.first_learned is None:
            self.first_learned = now
        self.hold_until = min(now + quiet, self.first_learned + max_wait)


class Replanner:
    """Per process: coalesces `GuildChanged` per guild and re-plans each guild in the
    background, one pass at a time per guild."""

    def __init__(self, planner: SchedulePlanner, modlog: ModLog, *,
                 learned_quiet: float = LEARNED_QUIET,
                 learned_max_wait: float = LEARNED_MAX_WAIT) -> None:
        self.planner = planner
        self.modlog = modlog
        self.learned_quiet = learned_quiet
        self.learned_max_wait = learned_max_wait
        self._pending: dict[int, _Pending] = {}
        self._tasks: dict[int, asyncio.Task[None]] = {}
        # How many callers wait in `idle`: while any does, learned facts are planned at once.
        self._waiting = 0

    def changed(self, event: GuildChanged) -> None:
        """A change committed (a `Database.subscribe` callback): plan its guild now."""
        pending = self._request(event.guild_id)
        pending.changes.add(event.what)
        pending.start_now()

    async def after_learning(self, article_ids: Sequence[int], result: StoreResult) -> None:
        """The learner's hook (`ArticleFacts.on_learned`): the rows of releases and people
        whose dates moved are moved now, before the learner goes on (a personal reminder must
        not fire on the old day); the guilds the articles and changes touch are queued for a
        pass, which waits for a pause in the guild's articles (see the module's docstring).
        Whoever needs the plan to include what was learned waits for `idle` or `replan`."""
        guilds: set[int] = set()
        try:
            # One transaction: the guilds carrying the articles are read with the rows moved.
            guilds = await self.planner.reschedule_dates(result.changes, carrying=article_ids)
        except Exception as exc:
            # The facts are stored either way; the queued passes below still move these
            # guilds' rows (each pass reschedules the guild's release reminders too).
            with contextlib.suppress(Exception):
                guilds = await self.planner.guilds_carrying(article_ids)
            if not guilds:
                log.exception("re-planning after learning articles %s failed",
                              list(article_ids))
            for guild_id in sorted(guilds):
                await self._report(guild_id, exc)
        now = asyncio.get_running_loop().time()
        for guild_id in sorted(guilds):
            pending = self._request(guild_id)
            if self._waiting:
                pending.start_now()
            else:
                pending.learned(now, self.learned_quiet, self.learned_max_wait)

    async def replan(self, guild_id: int) -> None:
        """Plan the guild now and wait for it (`/upcoming`: after deferring, it shows a plan
        that includes every change committed before it asked). A pass already queued for the
        guild is shared; a failed pass raises its error here too."""
        pending = self._request(guild_id)
        pending.start_now()
        error = await asyncio.shield(pending.done)
        if error is not None:
            raise error

    async def idle(self) -> None:
        """Wait until no guild has a pass queued or running (the shell after each command,
        shutdown, tests); passes waiting for more learned articles start now."""
        self._waiting += 1
        try:
            while self._tasks:
                for pending in self._pending.values():
                    pending.start_now()
                await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        finally:
            self._waiting -= 1

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
            while (pending := self._pending.get(guild_id)) is not None:
                try:
                    await _held(pending)
                    # Requests from here on wait for the next pass (this one may have read
                    # before they committed).
                    del self._pending[guild_id]
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


async def _held(pending: _Pending) -> None:
    """Until the pass may start: at once, or once its learned articles pause (the hold moves
    while they keep coming)."""
    loop = asyncio.get_running_loop()
    while pending.hold_until is not None and (left := pending.hold_until - loop.time()) > 0:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(pending.wake.wait(), left)
