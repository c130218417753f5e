"""Injected clocks: the system clock, and movable ones for the shell and tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

Listener = Callable[[], None]


class Clock(Protocol):
    """Tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


@runtime_checkable
class MovableClock(Protocol):
    """A clock the shell's `/clock` can move; whoever waits on time can watch it move."""

    def now(self) -> datetime: ...

    def advance(self, delta: timedelta) -> None: ...

    def earliest(self) -> datetime:
        """The earliest time it may be moved back to."""
        ...

    def on_move(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after every move; returns a function that stops it."""
        ...


class _Watched:
    """Listeners told after each move (background workers re-check what is due)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def on_move(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners \
            else None

    def _moved(self) -> None:
        for listener in list(self._listeners):
            listener()


def watch_clock(clock: Clock, listener: Listener) -> Callable[[], None]:
    """Call `listener` whenever `clock` is moved (never, for the system clock); returns an
    unsubscribe function. The shell's `/clock` relies on this to wake waiting workers."""
    if isinstance(clock, MovableClock):
        return clock.on_move(listener)
    return lambda: None


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetClock(_Watched):
    """The real time moved by an adjustable offset (the shell's `/clock +1d`)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        super().__init__()
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta
        self._moved()

    def earliest(self) -> datetime:
        """The real time: the shell may run ahead of it, never behind."""
        return datetime.now(UTC)


class FixedClock(_Watched):
    """A clock that only moves when told to (tests)."""

    def __init__(self, at: datetime) -> None:
        super().__init__()
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)
        self._start = self._at

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta
        self._moved()

    def set(self, at: datetime) -> None:
        self._at = at.astimezone(UTC)
        self._moved()

    def earliest(self) -> datetime:
        """The time it started at (it stands in for the real time)."""
        return self._start
