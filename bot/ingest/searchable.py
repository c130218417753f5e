"""The sentences of an article worth storing for full-text search (pure: no database)."""

from __future__ import annotations

from bot.extract.sentences import sentences

# Shorter pieces ("Read more.", "Watch below:") quote nothing worth reading.
MIN_SENTENCE = 20


def searchable_sentences(text: str, title: str | None = None) -> list[tuple[int, str]]:
    """(position, sentence) for each prose sentence of `text` of at least MIN_SENTENCE
    characters: the extraction's own splitter, so photo credits, bylines and headlines are out;
    positions are the splitter's, so they keep the article's order (with gaps)."""
    return [(s.index, s.text) for s in sentences(text, title) if len(s.text) >= MIN_SENTENCE]
