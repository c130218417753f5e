"""The shell's `/remind`, `/timezone` and `/clock`: piped in, on both databases, as a process."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.app import App
from bot.clock import FixedClock
from bot.delivery.origin import NOTICE
from bot.delivery.outbox import enqueue
from bot.models import OutboxMessage
from bot.posts import Post
from bot.shell.repl import run_shell
from tests.test_cli import fanzine


async def shell(app: App, script: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = await run_shell(app, io.StringIO(script), out)
    return status, out.getvalue().splitlines()


async def test_remind_and_timezone_in_the_shell(app: App) -> None:
    status, lines = await shell(app, "\n".join([
        "/timezone",
        "/timezone Europe/Londn",
        "/timezone America/New_York",
        '/remind me when:"tomorrow 18:00" what:"watch the premiere"',
        '/remind me "in 2 hours" stretch your legs where:here',
        "/remind me when:yesterday what:late",
        "/remind list",
        "/remind cancel 99",
        "/remind cancel 2",
        "/remind list",
        "/remind fly",
    ]) + "\n")
    assert status == 1  # some commands failed, as a script with `set -e` would report
    # The wording is Discord's too: both come from the one declaration.
    assert lines[0] == ("Your time zone is UTC (this server's; set your own with /timezone "
                        "zone). It is Wed 25 Nov 2026 12:00 (UTC).")
    assert lines[1].startswith("error: 'Europe/Londn' is not an IANA time zone")
    assert lines[2] == ("Your time zone is now America/New_York (it is Wed 25 Nov 2026 "
                        "07:00 (America/New_York)). New reminders are read in it.")
    assert lines[3] == ("Reminder 1 set for Thu 26 Nov 2026 18:00 (America/New_York), "
                        "by direct message: watch the premiere")
    assert lines[4] == ("Reminder 2 set for Wed 25 Nov 2026 09:00 (America/New_York), "
                        "in #general: stretch your legs")
    assert lines[5].startswith("error: I couldn't read 'yesterday' as a time.")
    assert lines[6:9] == [
        "Your reminders here:",
        "     2  Wed 25 Nov 2026 09:00 (America/New_York)  stretch your legs  (in #general)",
        "     1  Thu 26 Nov 2026 18:00 (America/New_York)  watch the premiere  (by DM)",
    ]
    assert lines[9] == "error: There is no reminder 99 of yours here; /remind list shows yours."
    assert lines[10] == "Cancelled reminder 2: stretch your legs"
    assert lines[11:13] == [
        "Your reminders here:",
        "     1  Thu 26 Nov 2026 18:00 (America/New_York)  watch the premiere  (by DM)",
    ]
    assert lines[13].startswith("error: Unknown action 'fly'.")
    # The moderator is another user: none of the fan's reminders are theirs.
    _, mod_lines = await shell(app, "/as mod\n/remind list\n/remind cancel 1\n")
    assert mod_lines[1].startswith("You have no reminders here.")
    assert mod_lines[2] == "error: There is no reminder 1 of yours here; /remind list shows yours."


async def test_unquoted_words_are_split_into_the_time_and_the_text(app: App) -> None:
    status, lines = await shell(app, "/remind me in 2 days check the vinyl\n"
                                     "/remind me tomorrow 18:00 call Sam where:here\n")
    assert status == 0, lines
    assert lines[0] == ("Reminder 1 set for Fri 27 Nov 2026 12:00 (UTC), by direct message: "
                        "check the vinyl")
    assert lines[1] == "Times are read in UTC; set your own zone with /timezone."
    assert lines[2] == "Reminder 2 set for Thu 26 Nov 2026 18:00 (UTC), in #general: call Sam"


async def test_clock_moves_and_wakes_the_workers(app: App, clock: FixedClock) -> None:
    moves: list[datetime] = []
    clock.on_move(lambda: moves.append(clock.now()))
    # A post waiting for a later attempt (a retry) goes out as soon as the clock passes it.
    async with app.db.transaction() as session:
        await enqueue(session, dedup_key="test:later", post=Post(text="hello from later"),
                      origin=NOTICE, now=clock.now(), guild_id=1000, channel_id=1002)
        await session.execute(update(OutboxMessage).values(
            next_attempt_at=clock.now() + timedelta(hours=2)))
    status, lines = await shell(app, "\n".join([
        "/as mod",
        "/setup timezone:Asia/Seoul",
        "/clock",
        "/clock +1h",
        "/clock +1d3h",
        "/clock 2026-12-01T09:00",
        "/clock -1d",
        "/clock -30d",
        "/clock +1x",
        "/clock soon",
        "/clock",
    ]) + "\n")
    assert status == 1
    out = "\n".join(lines)
    assert ("The shell's clock says Wed 25 Nov 2026 12:00 (UTC); in this server, "
            "Wed 25 Nov 2026 21:00 (Asia/Seoul).") in out
    assert ("The shell's clock is now Wed 25 Nov 2026 13:00 (UTC); in this server, "
            "Wed 25 Nov 2026 22:00 (Asia/Seoul). (1h ahead of the real time)") in out
    # Not yet due at +1h; delivered right after the move past it (+1d3h).
    assert "hello from later" not in out.split("(1d 4h ahead")[0]
    after_move = out.split("(1d 4h ahead of the real time)\n")[1].split("\n")
    assert after_move[0] == "┌─ post in #announcements"
    assert "hello from later" in after_move[1]
    # An absolute time is in the server's zone: 09:00 in Seoul is 00:00 UTC.
    assert "is now Tue 1 Dec 2026 00:00 (UTC); in this server, Tue 1 Dec 2026 09:00" in out
    assert "is now Mon 30 Nov 2026 00:00 (UTC)" in out
    assert "error: The clock can't go back before the real time" in out
    assert "error: '+1x' is not a step like +1d" in out
    assert "error: 'soon' is neither a step nor a time." in out
    assert clock.now() == datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
    assert moves == [datetime(2026, 11, 25, 13, tzinfo=UTC),
                     datetime(2026, 11, 26, 16, tzinfo=UTC),
                     datetime(2026, 12, 1, 0, tzinfo=UTC),
                     datetime(2026, 11, 30, 0, tzinfo=UTC)]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_shell_process_clock_and_reminders(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "shell", stdin=(
        "/clock -1m\n/clock +2d\n/clock -1d\n/remind me when:\"in 2 days\" what:tickets\n"
        "/clock -2d\n"))
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert all("can't go back before the real time" in e for e in errors)
    assert "(2d ahead of the real time)" in result.stdout
    assert "(1d ahead of the real time)" in result.stdout
    assert "Reminder 1 set for " in result.stdout
