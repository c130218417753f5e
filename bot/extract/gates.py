"""Cheap key-word tests: does a text hold any of some literal words, in one C-speed search."""

from __future__ import annotations

import re
from collections.abc import Iterable

Trie = dict[str, "Trie"]


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose `search` finds something exactly when one of `words` is a substring.

    The words share their prefixes in one tree (so "guitar", "guitarist" and "group" cost one
    test of "g" at a position), and a word that another one starts with makes the longer one
    moot: a plain alternation of the words tries each in turn at every position, and a Python
    loop of `in` scans the text once per word.
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
