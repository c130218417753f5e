"""The read-eval-print loop: line editing and history on a terminal, plain lines from a pipe."""

from __future__ import annotations

import asyncio
import logging
import sys
from contextlib import suppress
from pathlib import Path
from typing import TextIO

from bot.app import App
from bot.delivery.worker import OutboxWorker
from bot.errors import UserError, report_unexpected
from bot.runtime import background
from bot.schedule.dispatcher import DispatchReport
from bot.shell.clock import jump_summary
from bot.shell.commands import command_names, run_command
from bot.shell.parse import parse_line
from bot.shell.poster import ShellPoster
from bot.shell.state import ShellState

log = logging.getLogger(__name__)


async def run_shell(app: App, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read commands until end of input or /quit; returns the exit status."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    state = ShellState()
    interactive = stdin.isatty()
    async with background(app, ShellPoster(state.world, stdout),
                          guild_ids=[state.world.guild_id]) as worker:
        return await _loop(app, state, worker, stdin, stdout, interactive)


async def _loop(app: App, state: ShellState, worker: OutboxWorker, stdin: TextIO,
                stdout: TextIO, interactive: bool) -> int:
    history = Path(app.settings.shell_history_file) if interactive else None
    if history:
        _enable_line_editing(history)
        print(f"fanzine shell: you are '{state.who}' in {state.world.guild_name}, #general. "
              "Type /help, /as mod to act as a moderator, /quit to leave. "
              f"The log goes to {app.settings.shell_log_file}.", file=stdout)
    failures = 0
    # What the dispatcher's passes did during a command, its own and the background one's.
    reports: list[DispatchReport] = []
    app.dispatcher.on_dispatched = reports.append
    try:
        while not state.done:
            prompt = f"{state.who}@#general> " if interactive else ""
            line = await _read_line(stdin, prompt, interactive)
            if line is None:
                break
            try:
                parsed = parse_line(line)
                if parsed is None:
                    continue
                reports.clear()
                state.clock_moved = False
                print(await run_command(app, state, parsed), file=stdout)
                await _drain(app, worker, reports)
                if state.clock_moved:
                    print(await jump_summary(app, state, reports), file=stdout)
            except UserError as exc:
                failures += 1
                print(f"error: {exc}", file=stdout)
            except Exception as exc:  # one bad command must not end the session
                failures += 1
                print(f"error: {report_unexpected(log, exc, 'shell')}", file=stdout)
            stdout.flush()
    finally:
        app.dispatcher.on_dispatched = None
        if history:
            _save_history(history)
    # Piped input: a script whose commands failed exits non-zero, like a shell with `set -e`.
    return 0 if interactive or failures == 0 else 1


async def _drain(app: App, worker: OutboxWorker, reports: list[DispatchReport]) -> None:
    """Posts a command queued or made due (a moved clock) appear right after its reply, in
    order: the re-plans its changes asked for are finished, then schedules due now are
    dispatched and the outbox sent until nothing is left, after any pass the background tasks
    had under way."""
    await app.replanner.idle()
    while True:
        reports.append(await app.dispatcher.dispatch_due(app.clock.now()))
        if not await worker.run_once():
            return


async def _read_line(stdin: TextIO, prompt: str, interactive: bool) -> str | None:
    if interactive:
        try:
            # input() uses readline (editing, history); a thread keeps the event loop running.
            return await asyncio.to_thread(input, prompt)
        except EOFError:
            return None
    line = await asyncio.to_thread(stdin.readline)
    return line if line else None


def _enable_line_editing(history: Path) -> None:
    try:
        import readline
    except ImportError:  # not on every platform; the shell still works without it
        return
    with suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(1000)
    names = [f"/{name}" for name in command_names()]

    def complete(text: str, index: int) -> str | None:
        matches = [n for n in names if n.startswith(text)]
        return matches[index] if index < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" ")
    readline.parse_and_bind("tab: complete")


def _save_history(history: Path) -> None:
    try:
        import readline
    except ImportError:
        return
    with suppress(OSError):
        history.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(history)
