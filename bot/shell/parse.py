"""Parse a typed line such as `/setup timezone:"Europe/London" post_hour:8` into its parts."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from bot.errors import UserError

# `name:value`, but not a URL such as https://… typed as a plain word.
_OPTION = re.compile(r"^([a-z][a-z0-9_]*):(?!//)(.*)$", re.DOTALL)


@dataclass(frozen=True)
class ParsedLine:
    """A command name, its `name:value` options, and any words that were not options."""

    name: str
    options: dict[str, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)


def parse_line(line: str) -> ParsedLine | None:
    """None for a blank line; a UserError for anything that is not a slash command."""
    text = line.strip()
    if not text:
        return None
    if not text.startswith("/"):
        raise UserError("Commands start with '/': try /help.")
    try:
        tokens = shlex.split(text[1:])
    except ValueError as exc:
        # A question's apostrophe ("/ask when is Mara Vale's album out") is not a quote.
        if text[1:].split(" ", 1)[0].lower() == "ask":
            tokens = text[1:].split()
        else:
            raise UserError(f"Could not read that line: {exc} (check your quotes).") from None
    if not tokens:
        raise UserError("Type a command after '/': try /help.")
    name, rest = tokens[0].lower(), tokens[1:]
    options: dict[str, str] = {}
    words: list[str] = []
    for token in rest:
        match = _OPTION.match(token)
        if match:
            key = match.group(1)
            if key in options:
                raise UserError(f"Option '{key}' was given twice.")
            options[key] = match.group(2)
        else:
            words.append(token)
    return ParsedLine(name, options, words)
