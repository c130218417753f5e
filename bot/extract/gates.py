"""Cheap key-word tests: does a text hold any of some literal words, in one C-speed search."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Trie = dict[str, "Trie"]


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose `search` finds something exactly when one of `words` is a substring.

    The words share their prefixes in one tree (so "guitar", "guitarist" and "group" cost one
    test of "g" at a position), and a word that another one starts with makes the longer one
    moot: a plain alternation of the words tries each in turn at every position, and a Python
    loop of `in` scans the text once per word. Case counts: a gate for a pattern that ignores
    case cannot test `casefold()` instead (re.I and casefold differ on "ı", "İ", "ſ", "K"),
    and the same search with re.I is slower than most patterns it would guard.
    """
    tree: Trie = {}
    for word in words:
        if not word:
            return re.compile("")  # the empty word is in every text
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_alternation(tree) if tree else "(?!)")


def _alternation(node: Trie) -> str:
    if "" in node:
        return ""  # a word ends here: whatever follows, the text holds it
    branches = [re.escape(char) + _alternation(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class KeyWords:
    """Which of a fixed set of words a text holds (as substrings), found in one search pass:
    for many gates over one sentence, cheaper than one search per gate."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        if "" in self.words:
            raise ValueError("the empty word is in every text")
        tree: Trie = {}
        for word in self.words:
            node = tree
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
        # At each position, the longest word starting there (a lookahead, so words that
        # overlap are all seen); every shorter word starting there is a prefix of it.
        self._pattern = re.compile(f"(?=({_longest(tree)}))" if tree else "(?!)")
        self._prefixes = {w: frozenset(u for u in self.words if w.startswith(u))
                          for w in self.words}

    def found(self, text: str) -> frozenset[str]:
        """The words that occur in `text`."""
        longest = set(self._pattern.findall(text))
        if not longest:
            return frozenset()
        return frozenset().union(*(self._prefixes[w] for w in longest))


def _longest(node: Trie) -> str:
    branches = [re.escape(char) + _longest(child) for char, child in sorted(node.items())
                if char]
    if "" in node:
        branches.append("")  # a word ends here: taken only when no longer one goes on
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


# The letters re.I matches beyond their upper and lower case: "İ", "ı" for i, "K" (Kelvin) for
# k, "ſ" (long s) for s. Every other ASCII character matches only its two cases under re.I.
_MORE_CASES = frozenset("iks")


def lower_has(words: Iterable[str]) -> Callable[[str], bool]:
    """A test whether a text may hold one of `words` as a pattern ignoring case reads them:
    `word in text.lower()`. It never says no where re.I finds the word, because each word is
    ASCII without the letters i, k and s (checked here): the text's characters re.I matches
    to such a word are its two cases, which lower() makes the word's own letters."""
    lowered = tuple(w.lower() for w in words)
    for word in lowered:
        if not word or not word.isascii() or _MORE_CASES & set(word):
            raise ValueError(f"not a word lower() can test for re.I: {word!r}")

    def test(text: str) -> bool:
        low = text.lower()
        return any(w in low for w in lowered)
    return test
