"""Settings: config/default.toml, an override file, then FANZINE_* variables, checked once."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from bot.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO_ROOT / "config" / "default.toml"
LOCAL_FILE = Path("config") / "local.toml"
DEFAULT_SQLITE_PATH = Path("data") / "fanzine.sqlite3"
# Variables that are not settings but are read elsewhere (the override file, the test suite).
NON_SETTING_VARIABLES = ("FANZINE_CONFIG",)
NON_SETTING_PREFIXES = ("FANZINE_TEST_",)

Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Settings:
    """The effective configuration, as plain typed values."""

    bot_name: str
    contact_url: str
    log_level: str
    log_format: str
    health_port: int
    health_host: str
    database_url: str
    sqlite_busy_timeout: float
    database_connect_wait: float
    discord_token: str | None
    discord_api_url: str
    discord_gateway_url: str
    discord_shard_count: int
    discord_shard_ids: str
    allow_private_networks: bool
    net_connect_timeout: float
    net_read_timeout: float
    net_max_body_bytes: int
    net_max_redirects: int
    net_per_host_limit: int
    shell_history_file: str
    shell_log_file: str
    ingest_poll_interval_minutes: float
    ingest_poll_jitter_seconds: int
    ingest_poll_concurrency: int
    ingest_learning_posts: int
    ingest_max_item_age_hours: float
    ingest_fetch_pages: bool
    ingest_disable_after_failures: int
    ingest_disable_after_days: float
    ingest_max_feeds_per_guild: int
    reminders_max_per_user: int
    schedule_grace_minutes: float
    schedule_late_after_minutes: float

    @property
    def shard_ids(self) -> list[int] | None:
        """The shards this process runs (None: every shard of `discord_shard_count`)."""
        return parse_shard_ids(self.discord_shard_ids) if self.discord_shard_ids.strip() else None

    @property
    def shard_count(self) -> int | None:
        """The shards of the whole bot (None: as Discord advises, all in this process)."""
        return self.discord_shard_count or None

    @property
    def user_agent(self) -> str:
        from bot import __version__

        return f"{self.bot_name}/{__version__} (+{self.contact_url})"


@dataclass(frozen=True)
class Option:
    """One setting: its dotted key in the files, its field, variable, type and check."""

    key: str
    field: str
    env: str
    type: type
    secret: bool = False
    check: Check | None = None


def _one_of(*allowed: str) -> Check:
    return lambda v: None if v in allowed else f"must be one of {', '.join(allowed)}"


def _positive(v: Any) -> str | None:
    return None if v > 0 else "must be greater than 0"


def _prefix(*schemes: str) -> Check:
    return lambda v: None if v.startswith(schemes) else f"must start with {' or '.join(schemes)}"


def _not_negative(v: Any) -> str | None:
    return None if v >= 0 else "must be 0 or more"


def _port_or_off(v: Any) -> str | None:
    return None if 0 <= v <= 65535 else "must be a TCP port (1-65535), or 0 for off"


def _loopback(v: Any) -> str | None:
    # The health endpoint tells anyone who asks about the bot's queues: loopback only.
    if v == "localhost":
        return None
    try:
        loopback = ipaddress.ip_address(v).is_loopback
    except ValueError:
        return "must be a loopback address such as 127.0.0.1 or ::1"
    return None if loopback else "must be a loopback address such as 127.0.0.1 or ::1"


def _not_empty(v: Any) -> str | None:
    return None if str(v).strip() else "must not be empty"


def parse_shard_ids(text: str) -> list[int]:
    """"0-3", "0,2" or "0-1,4" as a sorted list of shard ids; ValueError when malformed."""
    ids: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        if not first.strip().isdigit() or (dash and not last.strip().isdigit()):
            raise ValueError(part.strip() or "an empty part")
        low, high = int(first), int(last) if dash else int(first)
        if high < low:
            raise ValueError(part.strip())
        ids.update(range(low, high + 1))
    return sorted(ids)


def _shard_ids_problem(v: Any) -> str | None:
    if not str(v).strip():
        return None
    try:
        parse_shard_ids(str(v))
    except ValueError as exc:
        return f"'{exc}' is not a shard id or range: write them as \"0-3\" or \"0,2,5\""
    return None


def _check_shards(values: Mapping[str, Any], sources: Mapping[str, str]) -> None:
    """Shard ids need the shard count, and each must be below it."""
    text = str(values.get("discord.shard_ids") or "").strip()
    if not text:
        return
    count = int(values.get("discord.shard_count") or 0)
    where = sources.get("discord.shard_ids", "default")
    if not count:
        raise ConfigError(f"discord.shard_ids ({where}): needs discord.shard_count, the number "
                          "of shards of the whole bot")
    too_big = [i for i in parse_shard_ids(text) if i >= count]
    if too_big:
        raise ConfigError(f"discord.shard_ids ({where}): shard {too_big[0]} does not exist; "
                          f"with discord.shard_count = {count} the ids are 0 to {count - 1}")


OPTIONS: tuple[Option, ...] = (
    Option("bot.name", "bot_name", "FANZINE_BOT_NAME", str, check=_not_empty),
    Option("bot.contact_url", "contact_url", "FANZINE_CONTACT_URL", str,
           check=_prefix("http://", "https://")),
    Option("bot.log_level", "log_level", "FANZINE_LOG_LEVEL", str,
           check=_one_of("debug", "info", "warning", "error")),
    Option("bot.log_format", "log_format", "FANZINE_LOG_FORMAT", str,
           check=_one_of("text", "json")),
    Option("ops.health_port", "health_port", "FANZINE_HEALTH_PORT", int,
           check=_port_or_off),
    Option("ops.health_host", "health_host", "FANZINE_HEALTH_HOST", str, check=_loopback),
    Option("database.url", "database_url", "FANZINE_DATABASE_URL", str),
    Option("database.sqlite_busy_timeout", "sqlite_busy_timeout", "FANZINE_SQLITE_BUSY_TIMEOUT",
           float, check=_positive),
    Option("database.connect_wait", "database_connect_wait", "FANZINE_DATABASE_CONNECT_WAIT",
           float, check=_not_negative),
    Option("discord.token", "discord_token", "DISCORD_TOKEN", str, secret=True),
    Option("discord.api_url", "discord_api_url", "FANZINE_DISCORD_API_URL", str,
           check=_prefix("http://", "https://")),
    Option("discord.gateway_url", "discord_gateway_url", "FANZINE_DISCORD_GATEWAY_URL", str,
           check=_prefix("ws://", "wss://")),
    Option("discord.shard_count", "discord_shard_count", "FANZINE_DISCORD_SHARD_COUNT", int,
           check=_not_negative),
    Option("discord.shard_ids", "discord_shard_ids", "FANZINE_DISCORD_SHARD_IDS", str,
           check=lambda v: _shard_ids_problem(v)),
    Option("net.allow_private_networks", "allow_private_networks",
           "FANZINE_ALLOW_PRIVATE_NETWORKS", bool),
    Option("net.connect_timeout", "net_connect_timeout", "FANZINE_NET_CONNECT_TIMEOUT", float,
           check=_positive),
    Option("net.read_timeout", "net_read_timeout", "FANZINE_NET_READ_TIMEOUT", float,
           check=_positive),
    Option("net.max_body_bytes", "net_max_body_bytes", "FANZINE_NET_MAX_BODY_BYTES", int,
           check=_positive),
    Option("net.max_redirects", "net_max_redirects", "FANZINE_NET_MAX_REDIRECTS", int,
           check=_not_negative),
    Option("net.per_host_limit", "net_per_host_limit", "FANZINE_NET_PER_HOST_LIMIT", int,
           check=_positive),
    Option("shell.history_file", "shell_history_file", "FANZINE_SHELL_HISTORY_FILE", str),
    Option("shell.log_file", "shell_log_file", "FANZINE_SHELL_LOG_FILE", str),
    Option("ingest.poll_interval_minutes", "ingest_poll_interval_minutes",
           "FANZINE_INGEST_POLL_INTERVAL_MINUTES", float, check=_positive),
    Option("ingest.poll_jitter_seconds", "ingest_poll_jitter_seconds",
           "FANZINE_INGEST_POLL_JITTER_SECONDS", int, check=_not_negative),
    Option("ingest.poll_concurrency", "ingest_poll_concurrency",
           "FANZINE_INGEST_POLL_CONCURRENCY", int, check=_positive),
    Option("ingest.learning_posts", "ingest_learning_posts", "FANZINE_INGEST_LEARNING_POSTS",
           int, check=_not_negative),
    Option("ingest.max_item_age_hours", "ingest_max_item_age_hours",
           "FANZINE_INGEST_MAX_ITEM_AGE_HOURS", float, check=_positive),
    Option("ingest.fetch_pages", "ingest_fetch_pages", "FANZINE_INGEST_FETCH_PAGES", bool),
    Option("ingest.disable_after_failures", "ingest_disable_after_failures",
           "FANZINE_INGEST_DISABLE_AFTER_FAILURES", int, check=_positive),
    Option("ingest.disable_after_days", "ingest_disable_after_days",
           "FANZINE_INGEST_DISABLE_AFTER_DAYS", float, check=_not_negative),
    Option("ingest.max_feeds_per_guild", "ingest_max_feeds_per_guild",
           "FANZINE_INGEST_MAX_FEEDS_PER_GUILD", int, check=_positive),
    Option("reminders.max_per_user", "reminders_max_per_user",
           "FANZINE_REMINDERS_MAX_PER_USER", int, check=_positive),
    Option("schedule.grace_minutes", "schedule_grace_minutes", "FANZINE_SCHEDULE_GRACE_MINUTES",
           float, check=_not_negative),
    Option("schedule.late_after_minutes", "schedule_late_after_minutes",
           "FANZINE_SCHEDULE_LATE_AFTER_MINUTES", float, check=_not_negative),
)
OPTIONS_BY_KEY = {o.key: o for o in OPTIONS}
OPTIONS_BY_ENV = {o.env: o for o in OPTIONS}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class LoadedSettings:
    """Settings plus where each value came from (for `fanzine config`)."""

    settings: Settings
    sources: Mapping[str, str]


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Load and validate the configuration; raise ConfigError naming the bad key."""
    return load_with_sources(environ).settings


def load_with_sources(environ: Mapping[str, str] | None = None) -> LoadedSettings:
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    for key, value in _read_toml(DEFAULT_FILE, required=True).items():
        if OPTIONS_BY_KEY[key].secret:
            raise ConfigError(f"{DEFAULT_FILE}: {key} is a secret; set it in the environment "
                              "or the override file, never in config/default.toml")
        values[key], sources[key] = value, str(DEFAULT_FILE)

    override = env.get("FANZINE_CONFIG")
    override_path = Path(override) if override else LOCAL_FILE
    if override and not override_path.is_file():
        raise ConfigError(f"FANZINE_CONFIG: no such file {override_path}")
    for key, value in _read_toml(override_path, required=False).items():
        values[key], sources[key] = value, str(override_path)

    for name, raw in env.items():
        if name in OPTIONS_BY_ENV:
            option = OPTIONS_BY_ENV[name]
            values[option.key] = _from_text(option, raw, name)
            sources[option.key] = f"${name}"
        elif (name.startswith("FANZINE_") and name not in NON_SETTING_VARIABLES
              and not name.startswith(NON_SETTING_PREFIXES)):
            raise ConfigError(f"{name}: unknown setting variable")

    for option in OPTIONS:
        if option.key not in values:
            if option.secret:
                values[option.key], sources[option.key] = None, "unset"
                continue
            raise ConfigError(f"{option.key}: missing from {DEFAULT_FILE}")
        value = values[option.key]
        if value is None:
            continue
        problem = option.check(value) if option.check else None
        if problem:
            raise ConfigError(f"{option.key} ({sources[option.key]}): {problem}")
    _check_shards(values, sources)
    if values["discord.token"] is not None and not str(values["discord.token"]).strip():
        values["discord.token"] = None
    settings = Settings(**{OPTIONS_BY_KEY[k].field: v for k, v in values.items()})
    return LoadedSettings(settings, sources)


def _read_toml(path: Path, *, required: bool) -> dict[str, Any]:
    """Read a settings file into dotted keys, checking every key and type."""
    if not path.is_file():
        if required:
            raise ConfigError(f"{path}: the default configuration file is missing")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    flat: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: unknown key '{section}' (settings live in sections "
                              "such as [database])")
        for name, value in table.items():
            key = f"{section}.{name}"
            option = OPTIONS_BY_KEY.get(key)
            if option is None:
                raise ConfigError(f"{path}: unknown key '{key}'")
            flat[key] = _typed(option, value, f"{path}: {key}")
    return flat


def _typed(option: Option, value: Any, where: str) -> Any:
    if option.type is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if option.type is bool and not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false, not {value!r}")
    if not isinstance(value, option.type) or (option.type is int and isinstance(value, bool)):
        raise ConfigError(f"{where} must be {_type_name(option.type)}, not {value!r}")
    return value


def _from_text(option: Option, raw: str, name: str) -> Any:
    text = raw.strip()
    if option.type is bool:
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ConfigError(f"{name} ({option.key}) must be 1 or 0 (true or false), not {raw!r}")
    if option.type in (int, float):
        try:
            return option.type(text)
        except ValueError:
            raise ConfigError(
                f"{name} ({option.key}) must be {_type_name(option.type)}, not {raw!r}"
            ) from None
    return raw


def _type_name(t: type) -> str:
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false"}[t]


def describe(loaded: LoadedSettings) -> list[str]:
    """The effective configuration as `key = value  # source` lines, secrets hidden."""
    lines = []
    by_field = {f.name: getattr(loaded.settings, f.name) for f in fields(Settings)}
    for option in OPTIONS:
        value = by_field[option.field]
        if option.secret:
            shown = '"********"' if value else "(not set)"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, str):
            shown = f'"{value}"'
        else:
            shown = str(value)
        lines.append(f"{option.key} = {shown}    # {loaded.sources.get(option.key, 'default')}")
    return lines
