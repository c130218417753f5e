"""`eventually`: wait for work running beside a test (a dispatcher, a bot, a poller) to reach a
state, polling, with a bound generous enough for a loaded machine."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

LOOK_EVERY = 0.02  # seconds between two looks
BOUND = 30.0  # seconds: never a measure of speed, only the point at which the test gives up


async def eventually(check: Callable[[], Awaitable[bool]],
                     what: str = "condition not reached") -> None:
    """Return once `check()` holds; an AssertionError saying `what` after BOUND seconds."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + BOUND
    while not await check():
        if loop.time() > give_up:
            raise AssertionError(what)
        await asyncio.sleep(LOOK_EVERY)
