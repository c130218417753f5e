"""The defaults every setting falls back to and the words meaning clear, on and off: one place."""

from __future__ import annotations

from bot.errors import UserError

# A guild that never ran /setup, a user who never chose a zone outside any server, and a
# scheduled row without its own hour use these.
DEFAULT_ZONE = "UTC"
DEFAULT_HOUR = 9

# Wherever a setting is typed as text (/setup, /schedule set, the shell, the CLI): the words
# that clear a value (an id, a list: nothing), the word that puts back the declared default,
# and those that turn a switch on or off.
CLEAR_WORDS = frozenset({"none", "off", "clear", "-"})
DEFAULT_WORDS = frozenset({"default"})
ON_WORDS = frozenset({"on", "yes", "true", "1", "enable", "enabled"})
OFF_WORDS = frozenset({"off", "no", "false", "0", "disable", "disabled"})


def clears(text: str) -> bool:
    """Whether typed text asks to clear the value."""
    return text.strip().lower() in CLEAR_WORDS


def is_default(text: str) -> bool:
    """Whether typed text asks for the setting's declared default."""
    return text.strip().lower() in DEFAULT_WORDS


def switch(key: str, text: str) -> bool:
    """Typed text as on (True) or off (False); a one-line UserError otherwise."""
    word = text.strip().lower()
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    raise UserError(f"{key} is on or off, not '{text.strip()[:25]}'.")
