"""Start-up and command-line errors: Discord unreachable, secrets in error text, one line each."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

import pytest

from bot.delivery.outbox import DeliveryError
from bot.discord_app.runner import reach_discord
from bot.errors import Unreachable, UserError
from bot.logs import keep_secret, redact
from tests.bot_process import discord_env
from tests.fake_discord import FakeDiscord
from tests.fake_dns import FakeResolver

# The bot processes run on SQLite: the database is not what these tests are about.
on_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

GATEWAY = "/gateway/bot"


def closed_port() -> int:
    """A local port nothing listens on (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def fanzine_run(env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, err.decode()


@on_sqlite
async def test_run_with_discord_refusing_connections_is_one_line(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    code, err = await fanzine_run(discord_env(cli_env, fake_discord,
                                              FANZINE_DISCORD_API_URL=api))
    assert code == 69, err
    [line] = err.strip().splitlines()
    assert line.startswith(f"fanzine: cannot reach Discord at {api} after 4 tries: ")
    assert "refused" in line.lower() or "connect call failed" in line.lower()


@on_sqlite
async def test_run_with_a_failing_gateway_endpoint_never_prints_the_token(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    # Discord's proxy answers 500 with the request's headers, Authorization included.
    fake_discord.inject_status("GET", GATEWAY, 500, count=100, echo_headers=True)
    code, err = await fanzine_run(discord_env(cli_env, fake_discord,
                                              FANZINE_LOG_LEVEL="debug"))
    assert code == 69, err
    assert fake_discord.token not in err
    assert err.strip().splitlines()[-1] == (
        f"fanzine: cannot reach Discord at {fake_discord.api_url} after 4 tries: "
        "it answered 500 Internal Server Error.")
    assert sum(r.path == GATEWAY for r in fake_discord.requests) == 4  # bounded


@on_sqlite
async def test_a_refused_token_stops_at_once(
    fake_discord: FakeDiscord, cli_env: dict[str, str]
) -> None:
    env = discord_env(cli_env, fake_discord, DISCORD_TOKEN="not.the.token.at.all")
    code, err = await fanzine_run(env)
    assert code == 2
    [line] = err.strip().splitlines()
    assert "Discord refused the token" in line and "not.the.token.at.all" not in line
    assert sum(r.path == GATEWAY for r in fake_discord.requests) == 1


async def test_a_server_error_that_passes_is_retried(fake_discord: FakeDiscord) -> None:
    fake_discord.inject_status("GET", GATEWAY, 503, count=2)
    await reach_discord(fake_discord.api_url, fake_discord.token, "test", first_delay=0.01)
    assert [r.status for r in fake_discord.requests if r.path == GATEWAY] == [503, 503, 200]


async def test_a_failed_name_lookup_is_unreachable_after_the_tries() -> None:
    resolver = FakeResolver({})
    with pytest.raises(Unreachable, match=r"after 3 tries: .*Name or service not known"):
        await reach_discord("http://discord.invalid/api/v10", "some.token.value", "test",
                            attempts=3, first_delay=0.01, resolver=resolver)
    assert resolver.asked == ["discord.invalid"] * 3


async def test_a_silent_discord_is_unreachable_after_the_tries() -> None:
    accepted = 0
    release = asyncio.Event()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal accepted
        accepted += 1
        await release.wait()  # accepts the connection, never answers
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(Unreachable, match="after 2 tries: no answer in time"):
            await reach_discord(f"http://127.0.0.1:{port}/api/v10", "some.token.value", "test",
                                attempts=2, first_delay=0.01, per_try=0.2)
    finally:
        release.set()
        server.close()
        await server.wait_closed()
    assert accepted == 2


@on_sqlite
def test_an_unexpected_error_is_one_line_and_the_traceback_goes_to_the_debug_log(
    cli_env: dict[str, str]
) -> None:
    token = "MTIz.unexpected.SECRETSECRET"
    # A verb that fails unexpectedly, quoting the token the way a Discord error body may.
    script = (
        "import sys, bot.cli as cli\n"
        "async def boom(args, settings):\n"
        f"    raise RuntimeError('500 Internal Server Error\\nAuthorization: Bot {token}')\n"
        "cli._run = boom\n"
        "sys.exit(cli.main(['guild', 'show']))\n"
    )
    for level, lines in (("info", 1), ("debug", None)):
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
            env={**cli_env, "DISCORD_TOKEN": token, "FANZINE_LOG_LEVEL": level}, check=False)
        assert result.returncode == 1
        assert token not in result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith("fanzine: unexpected error: RuntimeError: 500 Internal Server")
        if lines is not None:
            assert len(result.stderr.strip().splitlines()) == lines
        else:
            assert "Traceback" in result.stderr and "[redacted]" in result.stderr


def test_delivery_failures_and_user_errors_never_carry_the_token() -> None:
    token = "MTIz.delivery.SECRETSECRET"
    keep_secret(token)
    error = DeliveryError(f"Discord answered 500: echo Authorization: Bot {token}",
                          permanent=False)
    assert token not in error.reason and token not in str(error)
    assert "[redacted]" in error.reason
    assert redact(str(UserError(f"refused ({token})"))) == "refused ([redacted])"
    keep_secret("short")  # too short to redact safely: ordinary words would vanish
    assert redact("a short word") == "a short word"
