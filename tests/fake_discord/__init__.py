"""A local fake Discord (REST v10 + gateway) for testing discord.py 2.7.1 bots over real sockets."""

import pytest

# Rewrite the asserts of these modules (readable failures, and no warning when a test module
# imports run_bot before pytest loads the fixtures as a plugin); must precede their import.
pytest.register_assert_rewrite(f"{__name__}.server", f"{__name__}.fixtures")

from .events import Event, EventLog, RecordedRequest  # noqa: E402
from .interactions import InteractionResult  # noqa: E402
from .server import FakeDiscord, MissedDeadline, NoSuchButton  # noqa: E402
from .validation import ApiError  # noqa: E402
from .world import Guild  # noqa: E402

__all__ = [
    "ApiError",
    "Event",
    "EventLog",
    "FakeDiscord",
    "Guild",
    "InteractionResult",
    "MissedDeadline",
    "NoSuchButton",
    "RecordedRequest",
]
