"""Per-subscription filters: include and exclude keywords, and a regular expression."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from bot.errors import UserError

MAX_PATTERN = 300
# A moderator's pattern runs on every article; a pathological one must not hang the bot.
MATCH_TIMEOUT = 0.05


@dataclass(frozen=True)
class ArticleFilter:
    """Post an article only if it names an include keyword (any), no exclude keyword, and
    matches the pattern; all three are optional."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    pattern: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.include or self.exclude or self.pattern)

    def describe(self) -> str:
        parts = []
        if self.include:
            parts.append("include: " + ", ".join(self.include))
        if self.exclude:
            parts.append("exclude: " + ", ".join(self.exclude))
        if self.pattern:
            parts.append(f"regex: {self.pattern}")
        return "; ".join(parts) or "everything"

    def verdict(self, text: str) -> str | None:
        """None if the article passes, else why it was filtered out."""
        folded = text.casefold()
        if self.include and not any(_has_word(folded, k) for k in self.include):
            return f"names none of: {', '.join(self.include)}"
        for keyword in self.exclude:
            if _has_word(folded, keyword):
                return f"names excluded keyword '{keyword}'"
        if self.pattern:
            try:
                # concurrent: the GIL is released while matching (see posting.skip_reasons).
                found = regex.search(self.pattern, text, flags=regex.IGNORECASE,
                                     timeout=MATCH_TIMEOUT, concurrent=True)
            except TimeoutError:
                return "the regex took too long on this article"
            if not found:
                return f"does not match regex {self.pattern}"
        return None


def make_filter(include: str | None, exclude: str | None, pattern: str | None) -> ArticleFilter:
    """Build a filter from comma-separated keywords and a pattern; UserError when invalid."""
    if pattern is not None and pattern.strip():
        pattern = pattern.strip()
        if len(pattern) > MAX_PATTERN:
            raise UserError(f"The regex is too long (at most {MAX_PATTERN} characters).")
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise UserError(f"The regex is not valid: {exc}.") from None
    else:
        pattern = None
    return ArticleFilter(_keywords(include), _keywords(exclude), pattern)


def _keywords(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    words = tuple(dict.fromkeys(w.strip().casefold() for w in text.split(",") if w.strip()))
    if any(len(w) > 100 for w in words):
        raise UserError("A keyword is too long (at most 100 characters each).")
    return words


def _has_word(folded_text: str, keyword: str) -> bool:
    # Whole words, so "Vale" does not match "valentine"; keywords may hold spaces.
    return regex.search(rf"(?<!\w){regex.escape(keyword)}(?!\w)", folded_text) is not None
