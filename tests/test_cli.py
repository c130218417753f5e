"""The command line as a user runs it: `python -m bot …` in a subprocess."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def fanzine(env: dict[str, str], *args: str, stdin: str = "",
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        env=env, cwd=cwd, timeout=180, check=False,
    )


def test_bad_configuration_is_one_line_and_non_zero(cli_env: dict[str, str]) -> None:
    result = fanzine({**cli_env, "FANZINE_NET_READ_TIMEOUT": "soon"}, "guild", "show")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "FANZINE_NET_READ_TIMEOUT (net.read_timeout) must be a number" in result.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/db", "unsupported database 'mysql'"),
        ("postgresql+asyncpg://postgres:pw@127.0.0.1:1/nope", "cannot connect to"),
    ],
)
def test_bad_database_url_is_one_line_and_non_zero(
    cli_env: dict[str, str], url: str, message: str
) -> None:
    result = fanzine({**cli_env, "FANZINE_DATABASE_URL": url}, "db", "upgrade")
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "pw@" not in result.stderr


def test_db_upgrade_reports_the_revision(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "at revision" in result.stdout


def test_db_downgrade_refuses_to_lose_data_in_one_line(cli_env: dict[str, str]) -> None:
    assert fanzine(cli_env, "db", "upgrade").returncode == 0
    path = cli_env["FANZINE_DATABASE_URL"].removeprefix("sqlite+aiosqlite:///")
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("INSERT INTO guild_schedule_settings (guild_id, kinds, countdown_days, "
                    "feb29, ping, digest_enabled, digest_weekday, updated_at) VALUES "
                    "(1000, '[]', '[7]', 'feb28', 0, 0, 0, '2026-11-20 09:00:00')")

    refused = fanzine(cli_env, "db", "downgrade", "0004")
    assert refused.returncode == 2
    assert refused.stderr.strip().count("\n") == 0
    assert ("downgrade refused, nothing changed: undoing migration 0005 would lose guilds' "
            "schedule settings (1 row of guild_schedule_settings)") in refused.stderr

    unknown = fanzine(cli_env, "db", "downgrade", "0042")
    assert unknown.returncode == 2
    assert unknown.stderr.strip().count("\n") == 0
    assert "0042" in unknown.stderr

    done = fanzine(cli_env, "db", "downgrade", "0005")  # sentences are rebuilt on the way up
    assert done.returncode == 0, done.stderr
    assert "at revision 0005" in done.stdout


def test_guild_set_and_show(cli_env: dict[str, str]) -> None:
    assert fanzine(cli_env, "guild", "set", "timezone", "asia/seoul").returncode == 0
    assert fanzine(cli_env, "guild", "set", "post_hour", "7", "--guild", "42").returncode == 0
    shown = fanzine(cli_env, "guild", "show")
    assert "timezone: Asia/Seoul" in shown.stdout
    assert "post_hour: 9" in shown.stdout  # guild 42 was changed, not the shell's guild
    assert "post_hour: 7" in fanzine(cli_env, "guild", "show", "--guild", "42").stdout


def test_guild_set_bad_value_changes_nothing(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "guild", "set", "timezone", "Moon/Base")
    assert result.returncode == 2
    assert "'Moon/Base' is not an IANA time zone" in result.stderr
    assert "timezone: UTC" in fanzine(cli_env, "guild", "show").stdout


def test_config_hides_the_token(cli_env: dict[str, str]) -> None:
    result = fanzine({**cli_env, "DISCORD_TOKEN": "very.secret.value"}, "config")
    assert result.returncode == 0
    assert "very.secret.value" not in result.stdout + result.stderr
    assert 'discord.token = "********"' in result.stdout


def test_sync_commands_without_token_is_refused(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "sync-commands")
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr


def test_run_without_token_opens_the_shell(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "run", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    assert "local shell" in result.stderr
    assert "/about" in result.stdout


def test_shell_help_lists_the_commands(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "shell", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    for name in ("/help", "/about"):
        assert name in result.stdout
    assert "/as mod" in result.stdout
    moderator = fanzine(cli_env, "shell", stdin="/as mod\n/help\n")
    setup = next(line for line in moderator.stdout.splitlines() if line.startswith("  /setup "))
    assert setup.count("(moderators)") == 1  # said once per line, not twice


def test_shell_setup_persists(cli_env: dict[str, str]) -> None:
    first = fanzine(cli_env, "shell", stdin=(
        "/as mod\n/setup timezone:Europe/London announce_channel:#announcements post_hour:20\n"
    ))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Saved: timezone, post_hour, announce_channel." in first.stdout
    second = fanzine(cli_env, "shell", stdin="/as mod\n/setup\n")
    assert "Europe/London" in second.stdout
    assert "#announcements" in second.stdout
    assert "20:00" in second.stdout
    assert "timezone: Europe/London" in fanzine(cli_env, "guild", "show").stdout


def test_shell_refuses_fans_and_bad_input(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "shell", stdin=(
        "/setup post_hour:3\nhello\n/setup\" \n/nosuch\n/as mod\n/setup post_hour:31\n"
        "/setup colour:red\n"
    ))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert lines == [
        "error: Only moderators can do that: it needs the Manage Server permission.",
        "error: Commands start with '/': try /help.",
        "error: Could not read that line: No closing quotation (check your quotes).",
        "error: Unknown command /nosuch: try /help.",
        # The shell reads every declared command's options alike.
        "error: post_hour must be from 0 to 23, not 31.",
        "error: /setup has no option 'colour'. Use /setup [announce_channel] [modlog_channel] "
        "[timezone] [post_hour] [ping_role] [network_facts] [clear].",
    ]
    assert "post_hour: 9" in fanzine(cli_env, "guild", "show").stdout


def test_about_says_the_version_and_what_is_stored(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "about")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fanzine ") and "Articles stored: 0" in result.stdout
    bad = fanzine(cli_env, "about", "--guild", "x")
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0
