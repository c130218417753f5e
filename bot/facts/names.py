"""Name normalisation for matching: decorations, quotes and punctuation away, and alias variants."""

from __future__ import annotations

import functools
import re
import unicodedata

from bot.extract.names import placeholder

# Decorations that video and store titles add to a name without changing what it names.
_WORDS = (
    r"official\s+(?:music\s+|lyric\s+)?(?:video|audio|mv|m/v|visuali[sz]er)"
    r"|(?:music|lyric|lyrics)\s+video|m/?v|audio|visuali[sz]er|teaser|performance\s+video|4k|hd|hq"
    r"|(?:feat|ft|featuring|with|prod|prod\.\s*by)\b[^)\]]*"
)
_BRACKETED = re.compile(rf"\s*[\(\[【]\s*(?:{_WORDS})\.?\s*[\)\]】]", re.IGNORECASE)
# "Song ft. Someone", "Song feat. Someone": the rest of the name is a guest list.
_TRAILING_GUESTS = re.compile(r"\s+(?:feat\.?|ft\.|featuring)\s+.*$", re.IGNORECASE)
# "Song - Single", "Album - EP", "Song - Official Video".
_TRAILING_DASH = re.compile(
    r"\s+[-–—]\s+(?:single|ep|the\s+single|official\s+(?:music\s+)?video|music\s+video)\s*$",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(r"\s*[\(\[【][^\)\]】]*[\)\]】]")
# A parenthetical that names another recording is part of the name, never dropped for a variant.
_OTHER_VERSION = re.compile(
    r"remix|mix\b|version|ver\.|live|acoustic|instrumental|edit\b|demo|cover|inst\.", re.IGNORECASE
)
# Apostrophes and quotes vanish ("don't" is "dont"); other punctuation separates words.
_QUOTES = dict.fromkeys(map(ord, "'\"`´‘’‚‛“”„‟«»‹›"), None)
_SPACES = re.compile(r"\s+")
# Names are normalised over and over (storing one article looks each of its names up a dozen
# times; every word of an article is normalised to find the artists it names): the forms of
# this many recent short strings are remembered, per function (a few MB at most, a few pages'
# words and names). Longer strings are not kept.
_REMEMBERED = 4096
_SHORT = 300


def strip_decorations(name: str) -> str:
    """The name without "(Official Video)", "[MV]", "(feat. …)", "ft. …", "- Single"; case kept."""
    return _stripped(name) if len(name) <= _SHORT else _strip(name)


@functools.lru_cache(maxsize=_REMEMBERED)
def _stripped(name: str) -> str:
    return _strip(name)


def _strip(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    previous = None
    while previous != text:  # "Song (feat. X) [MV]" needs two passes
        previous = text
        text = _BRACKETED.sub("", text)
        text = _TRAILING_GUESTS.sub("", text)
        text = _TRAILING_DASH.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _fold(text: str) -> str:
    text = text.casefold().translate(_QUOTES).replace("&", " and ")
    chars = [" " if unicodedata.category(c)[0] in "PS" else c for c in text]
    return _SPACES.sub(" ", "".join(chars)).strip()


def normalise(name: str) -> str:
    """The form names are matched in: NFKC, casefolded, undecorated, no punctuation, one space."""
    return _normalised(name) if len(name) <= _SHORT else _normalise(name)


@functools.lru_cache(maxsize=_REMEMBERED)
def _normalised(name: str) -> str:
    return _normalise(name)


def _normalise(name: str) -> str:
    folded = _fold(strip_decorations(name))
    # A name made only of punctuation ("!!!") keeps its characters rather than becoming empty.
    return folded or _SPACES.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


def variants(name: str) -> list[str]:
    """Normalised forms of one name: itself, without a parenthetical, with or without "the"."""
    return list(_variants(name) if len(name) <= _SHORT else _forms(name))


@functools.lru_cache(maxsize=_REMEMBERED)
def _variants(name: str) -> tuple[str, ...]:
    return _forms(name)


def _forms(name: str) -> tuple[str, ...]:
    base = strip_decorations(name)
    forms = [normalise(base)]
    bare = _PARENTHETICAL.sub(
        lambda m: m.group(0) if _OTHER_VERSION.search(m.group(0)) else "", base
    ).strip()
    if bare and bare != base:
        forms.append(normalise(bare))
    for form in list(forms):
        if form.startswith("the ") and len(form) > 4:
            forms.append(form[4:])
        elif form:
            forms.append(f"the {form}")
    return tuple(dict.fromkeys(f for f in forms if f))


def has_same_numbers(a: str, b: str) -> bool:
    """Whether two names carry the same numbers ("Vol. 1" and "Vol. 2" are different things)."""
    return re.findall(r"\d+", a) == re.findall(r"\d+", b)


def is_name(name: str | None) -> bool:
    """A name the fact base may hold: not empty and not a placeholder ("unknown", "TBA", "N/A")."""
    return name is not None and not placeholder(strip_decorations(name)) and bool(normalise(name))
