"""Logging set-up for the command line, with secrets scrubbed from every record."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REDACTED = "[redacted]"
# Every secret this process holds (the Discord token): `redact` removes them from any text
# that leaves the process (logs, error lines, stored failure reasons, replies), because
# Discord's error bodies and exceptions may quote the Authorization header.
_SECRETS: set[str] = set()


def keep_secret(*secrets: str | None) -> None:
    """Register secrets to be redacted everywhere (short ones would match ordinary text)."""
    _SECRETS.update(s for s in secrets if s and len(s) >= 8)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every registered secret (and `secrets`) replaced by [redacted]."""
    for secret in (*_SECRETS, *secrets):
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def error_line(exc: BaseException) -> str:
    """An exception as one redacted line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return redact(text)


class RedactSecrets(logging.Filter):
    """Replace each secret (the Discord token) wherever it would appear in a log line."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        keep_secret(*secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if not _SECRETS:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = redact(message), None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, process and any exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def log_to_file(path: str) -> Path:
    """Send the log to `path` (the local shell's), keeping stderr for errors only, so log
    lines never break into the prompt. Level, format and redaction stay as configured."""
    root = logging.getLogger()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(target, encoding="utf-8")
    handlers = []
    for old in root.handlers:
        handler.setFormatter(old.formatter)
        for kept in old.filters:
            handler.addFilter(kept)
        if isinstance(old, logging.StreamHandler) and not isinstance(old, logging.FileHandler):
            old.setLevel(logging.ERROR)
            handlers.append(old)
    root.handlers[:] = [handler, *handlers]
    return target


def configure_logging(level: str, secrets: Iterable[str | None] = (),
                      log_format: str = "text") -> None:
    """Log to stderr at `level`; only the command line calls this (libraries never do)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else
                         logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Warnings (and their text) go through the same redacting handler.
    logging.captureWarnings(True)
    # discord.py and SQLAlchemy are chatty at INFO; their warnings still show.
    for noisy in ("discord.gateway", "discord.client", "sqlalchemy.engine", "alembic",
                  "apscheduler", "aiosqlite", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
