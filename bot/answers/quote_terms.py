"""A question's names and words as safe full-text queries (FTS5 and tsquery text); pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Words that rank nothing; the caller passes content words, this is the safety net.
STOP_WORDS = frozenset((
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
    "for", "from", "had", "has", "have", "having", "he", "her", "hers", "him", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "me", "my", "no", "not", "of", "on", "once",
    "only", "or", "our", "over", "she", "so", "some", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "would", "you", "your", "yes", "ever", "many", "much", "more", "most", "tell",
    "know",
))
# Letters, digits and marks of any script: what both databases' tokenizers keep.
TOKEN = re.compile(r"[^\W_]+")
STEM_MIN = 4  # letters a stem keeps at least ("tour" from "toured", not "bor" from "born")
# Endings cut from a word ("directed" -> "direct"), longest first, and those put back on the
# stem to find the word's other forms ("director", "direction"). Exact forms, not prefixes: a
# prefix query makes FTS5 merge the whole doclist of every term under it (50-100 ms for a
# common word among 2M sentences), where a missing exact form costs one b-tree probe.
SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "ors", "ions", "ion", "ed", "er", "or",
            "es", "s")
ENDINGS = ("", "s", "es", "e", "d", "ed", "er", "ers", "or", "ors", "ing", "ion", "ions",
           "tion", "ation", "ment")
MAX_NAMES = 8
MAX_WORDS = 8
MAX_TERM = 200  # characters of one name or word looked at


def fold(value: str) -> str:
    """Lower case without diacritics, as FTS5's `remove_diacritics 2` compares."""
    if value.isascii():
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A word without one common ending ("directed" -> "direct"), if enough of it stays."""
    if not word.isalpha() or word.endswith("ss"):
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN:
            return word[:-len(suffix)]
    return word


def forms(word: str) -> tuple[str, ...]:
    """The word and the forms of it a sentence may use instead ("produced": "producer",
    "production", "produces" ...); a short word or a number only as itself."""
    base = stem(word)
    if len(base) < STEM_MIN or not base.isalpha():
        return (word,)
    stems = [base, base[:-1]] if base.endswith("e") else [base]  # "release" -> "releasing"
    out = dict.fromkeys([word, *(s + ending for s in stems for ending in ENDINGS)])
    return tuple(f for f in out if len(f) >= 2)


@dataclass(frozen=True)
class Terms:
    """A question's names and words as safe tokens (letters and digits only, lower case)."""

    names: tuple[tuple[str, ...], ...]
    words: tuple[tuple[str, ...], ...]  # each word as its forms, the word itself first

    def fts5(self, *, every_word: bool = False) -> str:
        """An FTS5 query: every token double-quoted (no operator, column or syntax can leak
        in: tokens hold no quote), names as phrases; some word (any of its forms), or with
        `every_word` each of them."""
        parts = []
        if self.names:
            parts.append(_any('"' + " ".join(n) + '"' for n in self.names))
        groups = [_any(f'"{f}"' for f in word) for word in self.words]
        if groups and every_word:
            parts.extend(groups)
        elif groups:
            parts.append(_any(groups))
        return " AND ".join(parts)

    def tsquery(self, *, every_word: bool = False) -> tuple[str, dict[str, Any]]:
        """The same as a PostgreSQL tsquery expression and its parameters: names through
        phraseto_tsquery, words as `a | b` text for to_tsquery whose tokens hold no operator."""
        params: dict[str, Any] = {}
        parts = []
        if self.names:
            for i, name in enumerate(self.names):
                params[f"name{i}"] = " ".join(name)
            parts.append("(" + " || ".join(f"phraseto_tsquery('simple', :name{i})"
                                           for i in range(len(self.names))) + ")")
        groups = ["(" + " | ".join(word) + ")" for word in self.words]
        if groups:
            params["words"] = " & ".join(groups) if every_word else " | ".join(groups)
            parts.append("to_tsquery('simple', :words)")
        return "(" + " && ".join(parts) + ")", params


def _any(items: Any) -> str:
    return "(" + " OR ".join(items) + ")"


def build_terms(names: Sequence[str], words: Sequence[str]) -> Terms:
    """Names and words reduced to tokens; words lose stop words, one-letter words, words of
    the names and repeats (by stem), and gain their other forms."""
    phrases: list[tuple[str, ...]] = []
    for name in names:
        tokens = tuple(TOKEN.findall(name[:MAX_TERM].lower()))
        if tokens and tokens not in phrases:
            phrases.append(tokens)
    phrases = phrases[:MAX_NAMES]
    in_names = {fold(t) for phrase in phrases for t in phrase}
    kept: dict[str, tuple[str, ...]] = {}
    for word in words:
        for token in TOKEN.findall(word[:MAX_TERM].lower()):
            folded = fold(token)
            if (folded in STOP_WORDS or folded in in_names
                    or (len(token) < 2 and not token.isdigit())):
                continue
            kept.setdefault(stem(token), forms(token))
    return Terms(tuple(phrases), tuple(kept.values())[:MAX_WORDS])


def matched_words(sentence: str, words: Sequence[Sequence[str]]) -> int:
    """How many of the words (each as its forms) the sentence holds, compared as FTS5 does:
    by token, lower case, without diacritics."""
    if not words:
        return 0
    tokens = set(TOKEN.findall(fold(sentence)))
    return sum(1 for word in words if any(fold(f) in tokens for f in word))
