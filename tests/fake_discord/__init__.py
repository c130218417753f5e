"""A local fake Discord (REST v10 + gateway) for testing discord.py 2.7.1 bots over real sockets."""

from .events import Event, EventLog, RecordedRequest
from .interactions import InteractionResult
from .server import FakeDiscord
from .validation import ApiError
from .world import Guild

__all__ = [
    "ApiError",
    "Event",
    "EventLog",
    "FakeDiscord",
    "Guild",
    "InteractionResult",
    "RecordedRequest",
]
