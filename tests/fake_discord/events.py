"""Awaitable event log: every gateway op and REST request the fake sees, in order."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    """One thing that happened: `kind` names it ("rest", "identify", ...), `data` describes it."""

    kind: str
    data: dict[str, Any]
    index: int = 0
    at: float = field(default_factory=time.monotonic)


@dataclass
class RecordedRequest:
    """A REST request as the fake received it, with the status it answered."""

    method: str
    path: str  # after /api/v10, without the query string
    query: dict[str, str]
    json: Any  # parsed JSON body (payload_json for multipart), or None
    headers: dict[str, str]
    status: int = 0
    files: list[str] = field(default_factory=list)  # uploaded file names (multipart)
    at: float = field(default_factory=time.monotonic)  # when it arrived (monotonic clock)


Predicate = Callable[[Event], bool]


class EventLog:
    """Append-only list of events with `wait_for` over past and future entries."""

    def __init__(self) -> None:
        self._events: list[Event] = []
        self._waiters: list[tuple[Predicate, int, asyncio.Future[Event]]] = []

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(list(self._events))

    def __getitem__(self, index: int) -> Event:
        return self._events[index]

    def emit(self, kind: str, data: dict[str, Any] | None = None) -> Event:
        event = Event(kind, data or {}, index=len(self._events))
        self._events.append(event)
        for waiter in list(self._waiters):
            predicate, since, future = waiter
            if future.done() or event.index < since:
                continue
            try:
                matched = predicate(event)
            except Exception as exc:  # surface predicate bugs to the waiting test
                future.set_exception(exc)
                continue
            if matched:
                future.set_result(event)
        self._waiters = [w for w in self._waiters if not w[2].done()]
        return event

    def find(self, predicate: Predicate, *, since: int = 0) -> Event | None:
        """The first past event matching `predicate` (at index >= since), or None."""
        for event in self._events[since:]:
            if predicate(event):
                return event
        return None

    async def wait_for(
        self,
        predicate: Predicate,
        timeout: float = 10.0,  # noqa: ASYNC109 - mirrors asyncio.wait_for
        *,
        since: int = 0,
    ) -> Event:
        """The first event (past or future, index >= since) matching `predicate`."""
        found = self.find(predicate, since=since)
        if found is not None:
            return found
        future: asyncio.Future[Event] = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, since, future))
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            recent = ", ".join(e.kind for e in self._events[-15:])
            raise TimeoutError(
                f"no matching event within {timeout}s (last kinds: {recent})"
            ) from None
        finally:
            if not future.done():
                future.cancel()
