"""The sentences of an article worth storing for full-text search (pure: no database)."""

from __future__ import annotations

import re

from bot.extract.sentences import sentences

# Shorter pieces ("Read more.", "Watch below:") quote nothing worth reading.
MIN_SENTENCE = 20
# "Blake Vale, V.R.K. Old date: Nov. 27.": the splitter may end a sentence at an acronym's last
# dot; the piece after it is the same line's.
ACRONYM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
DIGIT = re.compile(r"\d")


# "Sorel, Untitled Old date: November 2007. New date: Sometime in 2008.": one round-up line.
ROUND_UP_NEW = re.compile(r"new date:", re.I)


def searchable_sentences(text: str, title: str | None = None) -> list[tuple[int, str]]:
    """(position, sentence) for each prose sentence of `text` of at least MIN_SENTENCE
    characters: the extraction's own splitter, so photo credits, bylines and headlines are out;
    positions are the splitter's, so they keep the article's order (with gaps).

    A piece after an acronym, a short piece holding a figure ("New date: Dec. 4.") and a round-up
    line's new date ("New date: Sometime in 2008.") belong to the sentence before them in the
    paragraph: they are kept joined to it, not dropped."""
    joined: list[tuple[int, int, str]] = []  # (position, paragraph, text)
    for s in sentences(text, title):
        if joined and joined[-1][1] == s.paragraph and (
                ACRONYM_END.search(joined[-1][2])
                or (len(s.text) < MIN_SENTENCE and DIGIT.search(s.text))
                or ROUND_UP_NEW.match(s.text)):
            position, paragraph, before = joined[-1]
            joined[-1] = (position, paragraph, f"{before} {s.text}")
        else:
            joined.append((s.index, s.paragraph, s.text))
    return [(position, t) for position, _, t in joined if len(t) >= MIN_SENTENCE]
