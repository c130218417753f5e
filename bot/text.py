"""Small text helpers for what the bot shows: cut to Discord's limits, outside text escaped."""

from __future__ import annotations

import re
import unicodedata

MESSAGE_LIMIT = 2000  # Discord's limit on a message's (or an interaction reply's) text


def reply(text: str) -> str:
    """A plain-text reply cut to Discord's 2,000 characters: a long title, value or URL the
    user gave never makes the reply fail after the change is saved."""
    return clip(text, MESSAGE_LIMIT)


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending with an ellipsis when cut."""
    if limit < 1:
        return ""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


# Characters Discord's markdown gives a meaning to anywhere in a line: a feed's "[free
# Nitro](https://evil.example)" would render as a masked link, "**" as bold, "||" as a spoiler,
# "<@123>" as someone's name. Headings, quotes and lists only start a line.
_INLINE = frozenset("\\*_~`|[]<")
_LINE_START = re.compile(r"^(\s*)([#>-])", re.MULTILINE)
_URL = re.compile(r"(https?://[^\s<>\[\]]+)")


def escape_markdown(text: str) -> str:
    """Outside text shown as written, never as markdown (Discord hides the backslashes). A bare
    URL is left whole, so that it still links (a backslash in it would break it)."""
    parts = _URL.split(text)
    escaped = "".join(part if n % 2 else "".join("\\" + c if c in _INLINE else c for c in part)
                      for n, part in enumerate(parts))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


_ESCAPED = re.compile(r"\\([\\*_~`|\[\]<#>-])")


def unescape_markdown(text: str) -> str:
    """What Discord shows of escaped text: the backslashes gone (for the local shell)."""
    return _ESCAPED.sub(r"\1", text)


def is_blank(text: str) -> bool:
    """True when nothing in `text` would show: only spaces, control, format (zero-width, bidi
    overrides) and combining characters."""
    return all(unicodedata.category(c)[0] in "ZC" or unicodedata.category(c) in ("Mn", "Me")
               for c in text)


def possessive(name: str) -> str:
    """"Mara Vale's", but "Copper Wolves'": a name that ends in s takes the apostrophe alone."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
