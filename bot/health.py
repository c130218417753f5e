"""An optional HTTP health endpoint on loopback for process supervisors: /healthz and /status."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from aiohttp import web
from sqlalchemy import text

from bot.clock import Clock
from bot.db import Database
from bot.status import read_status

log = logging.getLogger(__name__)
# A database that does not answer a trivial query in this long counts as down.
DB_TIMEOUT = 2.0


@asynccontextmanager
async def serve_health(db: Database, clock: Clock, host: str, port: int,
                       ready: Callable[[], bool] = lambda: True) -> AsyncIterator[int | None]:
    """Serve while the block runs; yields the bound port (None when `port` is 0, i.e. off).

    `/healthz` answers 200 when the database answers and `ready()` (say, the gateway is
    connected), else 503 with the reason; `/status` is `fanzine status --json`.
    """
    if port == 0:
        yield None
        return

    async def healthz(_request: web.Request) -> web.Response:
        problems = []
        try:
            async with asyncio.timeout(DB_TIMEOUT), db.read() as session:
                await session.execute(text("SELECT 1"))
        except Exception as exc:  # any failure means "not healthy"; the reason is reported
            problems.append(f"database: {type(exc).__name__}")
        if not ready():
            problems.append("not ready (starting, or the gateway is disconnected)")
        body = {"status": "ok" if not problems else "unhealthy", "problems": problems}
        return web.json_response(body, status=200 if not problems else 503)

    async def status(_request: web.Request) -> web.Response:
        return web.json_response((await read_status(db, clock.now())).to_json())

    application = web.Application()
    application.router.add_get("/healthz", healthz)
    application.router.add_get("/status", status)
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = int(runner.addresses[0][1]) if runner.addresses else port
        log.info("health endpoint on http://%s:%d/healthz", host, bound)
        yield bound
    finally:
        await runner.cleanup()
