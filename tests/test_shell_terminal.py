"""The shell on a real terminal (a pty): prompt, tab completion, history recall, history file."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Terminal:
    """A child process on a pseudo-terminal, read until expected text appears."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the shell
            os.execve(argv[0], argv, env)
        self.seen = b""

    def expect(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never appeared; got:\n{self.seen.decode()}")
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            if ready:
                try:
                    self.seen += os.read(self.fd, 4096)
                except OSError:
                    break
        if text.encode() not in self.seen:
            raise AssertionError(f"{text!r} never appeared; got:\n{self.seen.decode()}")

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait(self, timeout: float = 30.0) -> int:
        """The child's exit status; a child that does not exit in time is killed and fails."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        raise AssertionError(f"the shell did not exit within {timeout} s of /quit")


def test_line_editing_and_history(cli_env: dict[str, str], tmp_path: Path) -> None:
    history = tmp_path / "history"
    term = Terminal([sys.executable, "-m", "bot", "shell"],
                    {**cli_env, "FANZINE_SHELL_HISTORY_FILE": str(history)})
    term.expect("fan@#general> ")
    term.type(b"/as mod\r")
    term.expect("mod@#general> ")
    term.type(b"/set\t post_hour:7\r")          # tab completes /setup
    term.expect("Saved: post_hour.")
    term.type(b"\x1b[A\r")                       # up arrow recalls the last line
    term.expect("Nothing changed.")
    term.type(b"/quit\r")
    term.expect("Bye.")
    assert term.wait() == 0
    assert "/setup post_hour:7" in history.read_text()
