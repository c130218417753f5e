"""A private PostgreSQL cluster for one test: initdb in a temporary folder, a free port."""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

# Never the shared server on 5432: the cluster listens on a free port of its own.
PG_USER = "postgres"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl, or None."""
    found = [Path(d) for d in glob.glob("/usr/lib/postgresql/*/bin")
             if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists()]
    return max(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
               default=None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateCluster:
    """initdb + pg_ctl in a temporary folder. As root, PostgreSQL's tools run as `postgres`
    (initdb refuses root), so the folder belongs to that user."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="fanzine-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.restarts = 0
        if os.geteuid() == 0:
            shutil.chown(self.root, PG_USER)

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://{PG_USER}@127.0.0.1:{self.port}/postgres"

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin_dir / tool), *args]
        return ["runuser", "-u", PG_USER, "--", *command] if os.geteuid() == 0 else command

    async def _run(self, tool: str, *args: str) -> None:
        process = await asyncio.create_subprocess_exec(
            *self._command(tool, *args), stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed ({process.returncode}): "
                               f"{out.decode(errors='replace')[-2000:]}")

    def _options(self) -> str:
        return (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                f"-c unix_socket_directories={self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")

    async def init(self) -> None:
        await self._run("initdb", "-D", str(self.data), "-U", PG_USER, "-A", "trust",
                        "-E", "UTF8", "--no-sync")

    async def start(self) -> None:
        await self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                        "-o", self._options(), "start")

    async def restart(self) -> None:
        """A fast restart: every open connection is cut, as in a failover."""
        self.restarts += 1
        await self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                        "-m", "fast", "-o", self._options(), "restart")

    async def destroy(self) -> None:
        with contextlib.suppress(RuntimeError):
            await self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.asynccontextmanager
async def private_cluster(bin_dir: Path) -> AsyncIterator[PrivateCluster]:
    """A started cluster, stopped and deleted afterwards."""
    cluster = PrivateCluster(bin_dir)
    try:
        await cluster.init()
        await cluster.start()
        yield cluster
    finally:
        await cluster.destroy()
