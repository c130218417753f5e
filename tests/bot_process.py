"""`fanzine` as a subprocess for the multi-process tests: started, signalled, killed, logged."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from tests.fake_discord import FakeDiscord


def discord_env(base: dict[str, str], fake: FakeDiscord, **extra: str) -> dict[str, str]:
    """The environment of a bot process pointed at the fake Discord."""
    return {**base, "DISCORD_TOKEN": fake.token, "FANZINE_DISCORD_API_URL": fake.api_url,
            "FANZINE_DISCORD_GATEWAY_URL": fake.gateway_url, **extra}


class BotProcess:
    """One `python -m bot ARGS` process; its stderr goes to a log file (never a full pipe)."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path, *args: str) -> None:
        self.name = name
        self.env = env
        self.args = args or ("run",)
        self.log_path = log_dir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    async def start(self) -> None:
        self.starts += 1
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"\n==== start {self.starts} ====\n")
            log.flush()
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", *self.args, env=self.env,
                stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def stop(self, number: int = signal.SIGTERM, timeout: float = 60.0) -> int:  # noqa: ASYNC109
        """Send `number` and wait for the exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(number)
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def kill(self) -> None:
        """SIGKILL: no chance to release anything."""
        if self.running:
            assert self.process is not None
            self.process.kill()
            await self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")
