"""Configuration layers, validation with one clear line, and the documented defaults."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from bot.config import DEFAULT_FILE, OPTIONS, Settings, describe, load_settings, load_with_sources
from bot.errors import ConfigError


def env_with(tmp_path: Path, override: str = "", **extra: str) -> dict[str, str]:
    path = tmp_path / "local.toml"
    path.write_text(override, encoding="utf-8")
    return {"FANZINE_CONFIG": str(path), **extra}


def test_defaults_load(tmp_path: Path) -> None:
    settings = load_settings(env_with(tmp_path))
    assert settings.database_url == ""
    assert settings.discord_token is None
    assert settings.allow_private_networks is False
    assert settings.discord_api_url == "https://discord.com/api/v10"


def test_every_setting_is_documented_in_the_default_file() -> None:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    for option in OPTIONS:
        assert option.env in text, f"{option.env} is not mentioned in {DEFAULT_FILE}"
        name = option.key.split(".")[1]
        if not option.secret:
            assert re.search(rf"^{name} = ", text, re.MULTILINE), option.key
    assert {o.field for o in OPTIONS} == {f.name for f in fields(Settings)}


def test_override_file_wins_then_environment(tmp_path: Path) -> None:
    env = env_with(tmp_path, "[bot]\nlog_level = \"debug\"\n[net]\nread_timeout = 5\n",
                   FANZINE_NET_READ_TIMEOUT="7.5")
    loaded = load_with_sources(env)
    assert loaded.settings.log_level == "debug"
    assert loaded.settings.net_read_timeout == 7.5
    assert loaded.sources["net.read_timeout"] == "$FANZINE_NET_READ_TIMEOUT"


def test_documented_variable_names(tmp_path: Path) -> None:
    settings = load_settings(env_with(
        tmp_path,
        FANZINE_ALLOW_PRIVATE_NETWORKS="1",
        FANZINE_DATABASE_URL="postgresql+asyncpg://u@h/d",
        FANZINE_DISCORD_API_URL="http://127.0.0.1:9/api/v10",
        FANZINE_DISCORD_GATEWAY_URL="ws://127.0.0.1:9/gateway",
        DISCORD_TOKEN="abc.def.ghi",
    ))
    assert settings.allow_private_networks is True
    assert settings.database_url == "postgresql+asyncpg://u@h/d"
    assert settings.discord_api_url.startswith("http://127.0.0.1")
    assert settings.discord_token == "abc.def.ghi"


@pytest.mark.parametrize(
    ("override", "extra", "message"),
    [
        ("[database]\nulr = \"x\"\n", {}, "unknown key 'database.ulr'"),
        ("[net]\nread_timeout = \"slow\"\n", {}, "net.read_timeout must be a number"),
        ("[net]\nallow_private_networks = 1\n", {}, "must be true or false"),
        ("[bot]\nlog_level = \"loud\"\n", {}, "bot.log_level"),
        ("[discord]\ngateway_url = \"http://x\"\n", {}, "must start with ws:// or wss://"),
        ("[net\n", {}, "not valid TOML"),
        ("", {"FANZINE_ALLOW_PRIVATE_NETWORKS": "maybe"}, "FANZINE_ALLOW_PRIVATE_NETWORKS"),
        ("", {"FANZINE_DATABSE_URL": "x"}, "FANZINE_DATABSE_URL: unknown setting variable"),
        ("", {"FANZINE_NET_MAX_BODY_BYTES": "-1"}, "net.max_body_bytes"),
    ],
)
def test_bad_configuration_names_the_key(
    tmp_path: Path, override: str, extra: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env_with(tmp_path, override, **extra))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_override_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="FANZINE_CONFIG: no such file"):
        load_settings({"FANZINE_CONFIG": str(tmp_path / "nope.toml")})


def test_token_from_override_file_is_hidden_when_described(tmp_path: Path) -> None:
    env = env_with(tmp_path, "[discord]\ntoken = \"super.secret.token\"\n")
    loaded = load_with_sources(env)
    assert loaded.settings.discord_token == "super.secret.token"
    text = "\n".join(describe(loaded))
    assert "super.secret.token" not in text
    assert 'discord.token = "********"' in text


def test_test_variables_are_not_settings(tmp_path: Path) -> None:
    load_settings(env_with(tmp_path, FANZINE_TEST_POSTGRES_URL="postgresql://x/y"))
