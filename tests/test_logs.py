"""The token never reaches the log, even inside a message or a traceback."""

from __future__ import annotations

import io
import logging

from bot.logs import RedactSecrets


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
