"""The token never reaches the log, even inside a message or a traceback."""

from __future__ import annotations

import io
import json
import logging

from bot.logs import JsonFormatter, RedactSecrets


def test_secrets_are_redacted_from_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets(["MTIzNDU2.secret.token", None]))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("connecting with %s now", "MTIzNDU2.secret.token")
        try:
            raise RuntimeError("bad token MTIzNDU2.secret.token")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "MTIzNDU2.secret.token" not in text
    assert "connecting with [redacted] now" in text
    assert "RuntimeError: bad token [redacted]" in text


def test_json_lines_carry_the_record_and_stay_redacted() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecrets(["MTIzNDU2.secret.token"]))
    logger = logging.getLogger("test.json")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("feed %s failed", "https://news.example/feed")
        try:
            raise RuntimeError("bad token MTIzNDU2.secret.token")
        except RuntimeError:
            logger.exception("gateway closed")
    finally:
        logger.removeHandler(handler)
    first, second = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert first["level"] == "warning" and first["logger"] == "test.json"
    assert first["message"] == "feed https://news.example/feed failed"
    assert first["time"].endswith("+00:00") and isinstance(first["pid"], int)
    assert second["message"] == "gateway closed"
    assert "RuntimeError: bad token [redacted]" in second["exception"]
    assert "MTIzNDU2" not in stream.getvalue()
