"""The shell's `/clock` says what a jump did (posts delivered, posts skipped as too late and
the setting that decides it) and the zone it reads times in; its log goes to a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App
from tests.test_cli import fanzine
from tests.test_shell_reminders import shell


async def test_a_jump_says_what_it_delivered_and_what_it_skipped(app: App) -> None:
    status, lines = await shell(app, "\n".join([
        "/as mod",
        "/setup timezone:Asia/Seoul",
        '/remind me when:"in 2 hours" what:"stretch your legs"',
        '/remind me when:"in 3 hours" what:"buy tickets"',
        "/clock +2h30m",
        "/clock +1d",
        "/clock +1h",
    ]) + "\n")
    assert status == 0, lines
    out = "\n".join(lines)
    # 14:00 UTC found at 14:30: late, within the grace, delivered (marked late).
    delivered = [line for line in lines if line.startswith("Delivered")]
    assert delivered == ['Delivered 1 scheduled post: reminder "stretch your legs", '
                         "due Wed 25 Nov 2026 23:00 (Asia/Seoul)."]
    # 15:00 UTC found a day later: skipped, and the shell says why and which setting decides.
    skipped = [line for line in lines if line.startswith("Skipped")]
    assert len(skipped) == 1
    assert skipped[0].startswith('Skipped 1 as too late: reminder "buy tickets", due Thu 26 Nov '
                                 "2026 00:00 (Asia/Seoul). Each was more than 60 minutes late "
                                 "(setting schedule.grace_minutes "
                                 "(FANZINE_SCHEDULE_GRACE_MINUTES))")
    assert out.count("Nothing scheduled was due.") == 1  # the last move
    # The post itself is printed first, then what the jump did.
    assert out.index("┌─ post") < out.index("Delivered")


async def test_the_clock_states_the_zone_it_reads_times_in(app: App) -> None:
    status, lines = await shell(app, "\n".join([
        "/as mod",
        "/setup timezone:Asia/Seoul",
        "/clock",
        "/clock 2026-12-01T09:00",
        "/clock 2026-12-02T09:00Z",
    ]) + "\n")
    assert status == 0, lines
    out = "\n".join(lines)
    assert "A time like 2026-12-01T09:00 is read in this server's zone, Asia/Seoul." in out
    assert ("Read 2026-12-01T09:00 in this server's zone, Asia/Seoul (end it with Z for UTC). "
            "The shell's clock is now Tue 1 Dec 2026 00:00 (UTC)") in out
    assert "The shell's clock is now Wed 2 Dec 2026 09:00 (UTC)" in out
    assert "Read 2026-12-02T09:00Z" not in out


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_shell_logs_to_a_file_not_into_the_prompt(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "shell", stdin=(
        '/remind me when:"in 2 hours" what:tickets\n/clock +1d\n'))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "INFO" not in result.stdout + result.stderr
    log = Path(cli_env["FANZINE_SHELL_LOG_FILE"]).read_text(encoding="utf-8")
    assert "skipped" in log and "WARNING" in log
    assert "Skipped 1 as too late" in result.stdout
