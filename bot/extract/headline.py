"""Release titles a headline introduces ("… Announces New Album Paper Weather, Shares …",
'Corvid Hall – "Tin Roof"', "… With 'Ferris Light'"), kept only where the body names them
again with the same capitals."""

from __future__ import annotations

import re

from bot.extract.titles import Spans, TitleSpan, quotes

# Album titles are set in italics on most music sites, and the italics are lost with the HTML:
# the body says "Paper Weather arrives April 14" with nothing marking a title. The headline
# ("Announces New Album Paper Weather") is where the site says what those words are.
_WORD = r"[A-Z0-9][\w'’&!?.-]*"
NOUN_TITLE = re.compile(
    r"\b(?i:(?:new|debut|sophomore|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"final|latest|surprise|solo|studio|comeback|upcoming|forthcoming)\s+)*"
    r"(?i:(album|EP|LP|mixtape|single|song))\s+"
    r"(?i:(?:titled|called|named)\s+)?"
    rf"((?:{_WORD}\s+){{0,6}}{_WORD})")
KINDS = {"album": "album", "lp": "album", "mixtape": "album", "ep": "ep", "single": "song",
         "song": "song"}
# words that follow the noun in a headline without being a title ("New Album Out In May",
# "New Single Today", "Debut EP With …")
NOT_TITLE = frozenset((
    "out", "with", "featuring", "feat", "feat.", "ft", "ft.", "due", "coming", "today",
    "tomorrow", "this", "next", "via", "on", "in", "at", "and", "for", "from", "to", "of",
    "plus", "details", "announced", "release", "date", "dates", "tour", "listen", "watch",
    "stream", "hear", "video", "trailer", "teaser", "cover", "art", "artwork", "tracklist",
    "title", "is", "will", "has", "after", "before", "as", "by", "the", "a", "an", "review",
    "news", "first", "new", "lead"))
# 'Corvid Hall – "Tin Roof"': a new song's post, the act, a dash and the quoted title
DASH_QUOTED = re.compile(r"\s[–—-]\s*[“\"‘']([^“”\"‘’]{1,80}?)[”\"’']\s*"
                         r"(?:\((?:Official|Lyric|Music|Live)[^)]*\)\s*)?$")
MIN_SHRUNK_WORDS = 2  # a shortened candidate of one word ("Paper") is too often plain English


def headline_titles(headline: str | None, body: str) -> list[tuple[str, str]]:
    """(title, kind) for each title the headline introduces by a release noun and the body
    names with the same capitals: the longest run of the headline's words after the noun that
    the body contains (a headline runs on: "New Album Paper Weather Out In April")."""
    if not headline:
        return []
    out: list[tuple[str, str]] = []
    if (dashed := DASH_QUOTED.search(headline)) and _named(dashed.group(1), body):
        out.append((dashed.group(1), "single"))  # a new song's own post
    else:
        # "… No. 1 Album on Billboard 200 With 'Ferris Light'": a quoted title, of the kind
        # the headline's nouns say; speech quoted in a headline ("Says It Is 'Her Best Yet'")
        # is written in the body without the headline's capitals, so it is not found there
        kind = _headline_kind(headline)
        for _, _, inner in quotes(headline):
            inner = inner.strip()
            if len(inner) <= 80 and inner[:1].isupper() and _named(inner, body):
                out.append((inner, kind))
    for m in NOUN_TITLE.finditer(headline):
        words = m.group(2).split()
        if words[0].casefold() in NOT_TITLE:
            continue
        for size in range(len(words), 0, -1):
            if size < len(words) and size < MIN_SHRUNK_WORDS:
                break
            if words[size - 1].casefold() in NOT_TITLE:
                continue
            title = " ".join(words[:size]).rstrip(".!?")
            if _named(title, body):
                out.append((title, KINDS[m.group(1).casefold()]))
                break
    return out


ALBUM_NOUN = re.compile(r"\b(?i:album|LP|EP|mixtape)\b|\bBillboard 200\b")
SONG_NOUN = re.compile(r"\b(?i:song|single|track|video)\b|\bHot 100\b")


def _headline_kind(headline: str) -> str:
    album, song = ALBUM_NOUN.search(headline), SONG_NOUN.search(headline)
    if album and not song:
        return "album"
    if song and not album:
        return "song"
    return "other"


def _named(title: str, body: str) -> bool:
    return re.search(rf"(?<![\w'’]){re.escape(title)}(?![\w'’])", body) is not None


def headline_named(text: str, titles: list[tuple[str, str]], found: list[TitleSpan],
             quoted: Spans) -> list[TitleSpan]:
    """The headline's titles where this sentence names them, outside titles already found
    and outside longer quotations."""
    out: list[TitleSpan] = []
    for title, kind in titles:
        if title not in text:
            continue
        for m in re.finditer(rf"(?<![\w'’]){re.escape(title)}(?![\w'’])", text):
            if any(t.start < m.end() and m.start() < t.end for t in [*found, *out]):
                continue
            inside = next(((s, e, inner) for s, e, inner in quoted if s <= m.start() < e), None)
            if inside is not None and inside[2] != title:
                continue  # words of a longer quotation (speech), not the title
            if inside is not None:  # the title in quotes: the span takes its marks
                out.append(TitleSpan(title, inside[0], inside[1], kind, True))
            else:
                out.append(TitleSpan(title, m.start(), m.end(), kind, False))
    return out
