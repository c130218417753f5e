"""One long-running bot process per SQLite file: a lock beside it, held while the process runs."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from bot.db import resolve_url
from bot.errors import UserError


@contextlib.contextmanager
def single_process(database_url: str, verb: str) -> Iterator[None]:
    """Hold `<database file>.lock` for the block; on SQLite a second holder is refused with one
    line. PostgreSQL coordinates any number of processes, so it needs no lock. The kernel
    drops the lock when the process ends, however it ends (SIGKILL included)."""
    url = resolve_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        yield
        return
    path = Path(url.database + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise UserError(
                f"{verb}: another fanzine process (pid {holder}) is running on the SQLite "
                f"database {url.database}; SQLite serves one bot process: stop that one, or "
                "use PostgreSQL (FANZINE_DATABASE_URL) to run several."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
