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

    # The command line's exit status for this error (2: fix the command or the settings).
    exit_code = 2


class ConfigError(UserError):
    """The configuration (files, environment or database URL) is invalid."""


class Unreachable(UserError):
    """A service the bot needs (Discord) did not answer after a few tries: not a mistake of
    the operator's, so the command line exits with EX_UNAVAILABLE and a supervisor may
    start it again later."""

    exit_code = 69


def report_unexpected(logger: logging.Logger, exc: BaseException, context: str) -> str:
    """Log an unexpected failure under a short reference code and return the user's message."""
    code = secrets.token_hex(4)
    logger.error("unexpected error [%s] in %s", code, context, exc_info=exc)
    return (
        f"Something went wrong on our side (error {code}). "
        "It has been logged; please try again later."
    )
