"""A chat-neutral `Message` written for Discord: mentions, timestamps and bold, cut to 2,000
characters."""

from __future__ import annotations

from typing import assert_never

from bot.commands.reply import Channel, Message, Moment, Role, Strong
from bot.text import reply


def message_text(message: Message) -> str:
    """The text as Discord shows it, cut to 2,000 characters."""
    out = []
    for part in message.parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Channel):
            out.append(f"<#{part.id}>")
        elif isinstance(part, Role):
            out.append(f"<@&{part.id}>")
        elif isinstance(part, Moment):
            stamp = int(part.at.timestamp())
            out.append(f"<t:{stamp}:F> (<t:{stamp}:R>)")
        elif isinstance(part, Strong):
            out.append(f"**{part.text}**")
        else:
            assert_never(part)
    return reply("".join(out))
