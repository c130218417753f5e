"""The one user-facing error type, and the reference codes shown for unexpected failures."""

from __future__ import annotations

import logging
import secrets


class UserError(Exception):
    """A problem the user can fix: bad input, a missing permission, an unknown name.

    The message is shown to the user as it is (ephemeral on Discord, one line on the
    command line), so it must be a complete, specific sentence.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(UserError):
    """The configuration (files, environment or database URL) is invalid."""


def report_unexpected(logger: logging.Logger, exc: BaseException, context: str) -> str:
    """Log an unexpected failure under a short reference code and return the user's message."""
    code = secrets.token_hex(4)
    logger.error("unexpected error [%s] in %s", code, context, exc_info=exc)
    return (
        f"Something went wrong on our side (error {code}). "
        "It has been logged; please try again later."
    )
