"""The speed helpers find exactly what the slow forms they replace find (gates, act look-ups)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import artists, events, releases, roles, tense, titles
from bot.extract.attribution import BEFORE_GATES, act_pattern, find_acts
from bot.extract.gates import KeyWords, any_of, lower_has

# re's own parser (no public API): the parsed form of a pattern, to read what it can start with
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

# Few letters, so words overlap, nest and repeat; a space, punctuation and a non-ASCII letter
# for the word boundaries.
TEXT = st.text(alphabet="abAé _-'.1", max_size=30)
WORD = st.text(alphabet="abAé _-'.1", min_size=1, max_size=5)


def test_any_of_shared_prefixes_and_nested_words() -> None:
    gate = any_of(["guitar", "guitarist", "group", "& co", "ex-"])
    assert gate.search("the bassist and guitarist") is not None
    assert gate.search("a supergroup") is not None
    assert gate.search("smith & co.") is not None
    assert gate.search("her ex-bandmate") is not None
    assert gate.search("the guita player, the gro up, exit") is None
    assert any_of([]).search("anything") is None
    assert any_of(["", "x"]).search("") is not None


@settings(max_examples=500, deadline=None)
@given(st.lists(WORD, max_size=6), TEXT)
def test_any_of_is_any_substring(words: list[str], text: str) -> None:
    assert (any_of(words).search(text) is not None) == any(w in text for w in words)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abAB -eEdDİıſK\u212a\u0307", min_size=1, max_size=4),
       st.text(alphabet="abAB -eEdDİıſKiIsS\u212a\u0307", max_size=16))
def test_lower_has_never_misses_what_re_i_finds(word: str, text: str) -> None:
    if word.isascii() and not set(word.lower()) & set("iks"):  # the words it takes
        assert lower_has([word])(text) or not re.search(re.escape(word), text, re.I)


def test_lower_has_refuses_words_re_i_reads_more_widely() -> None:
    for word in ("kiss", "title", "ſo", "é"):
        with pytest.raises(ValueError):
            lower_has([word])
    assert lower_has(["ED BY"])("Directed By Ada") and not lower_has(["ed by"])("edby")


def test_key_words_overlapping_and_nested() -> None:
    keys = KeyWords(["band", "bandmate", "mate", "'", "'s", "by "])
    assert keys.found("her bandmate's song") == {"band", "bandmate", "mate", "'", "'s"}
    assert keys.found("written by") == set()
    assert KeyWords([]).found("anything") == set()


@settings(max_examples=500, deadline=None)
@given(st.lists(WORD, max_size=6), TEXT)
def test_key_words_are_the_substrings(words: list[str], text: str) -> None:
    assert KeyWords(words).found(text) == {w for w in words if w in text}


@settings(max_examples=500, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=4), TEXT)
def test_find_acts_is_the_alternation(acts: list[str], text: str) -> None:
    words, _ = act_pattern(tuple(acts))
    body = "|".join(re.escape(w) for w in words)
    expected = [(m.start(), m.group(0))
                for m in re.finditer(rf"(?<!\w)(?:{body})(?!\w)", text)]
    assert find_acts(text, words) == expected


def test_find_acts_whole_words_longest_first() -> None:
    words, owner = act_pattern(("Mara Vale", "Vale Road"))
    found = find_acts("Mara Vale and Vale Road; Valery; Mara Vale's", words)
    assert [(start, owner[word]) for start, word in found] == [
        (0, "Mara Vale"), (14, "Vale Road"), (33, "Mara Vale")]


# The possessive gate as first written: it backtracks through every split of every word.
SPLITTING = re.compile(r"['’]s?\s*(?:[\w-]+\s*){0,5}[,“\"‘'«„‹]?\s*$")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["'s", "’", "'", " ", "\n", "ab", "s", "-", ",", "“", "x-y",
                                 "\t", "."]), max_size=20))
def test_possessive_gate_holds_the_same_strings(parts: list[str]) -> None:
    text = "".join(parts)
    assert (BEFORE_GATES[0].search(text) is None) == (SPLITTING.search(text) is None)


def _first(items: Any) -> set[str] | None:
    """The characters a parsed pattern can start with (lookarounds and anchors skipped), or
    None when that is not a short list (a class such as \\w, or the empty string)."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            return out | {chr(av)}
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 100:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None
            return out | chars
        if op is sre.BRANCH:
            for branch in av[1]:
                found = _first(branch)
                if found is None:
                    return None
                out |= found
            return out
        if op is sre.SUBPATTERN:
            found = _first(av[3])
            return None if found is None else out | found
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found = _first(av[2])
            if found is None:
                return None
            out |= found
            if av[0] == 0:
                continue  # it may be skipped: what follows may start the match too
            return out
        return None
    return None


@pytest.mark.parametrize(("pattern", "lead"), [
    (events.OTHER, events.OTHER_LEAD), (events.TOUR, events.TOUR_LEAD),
    (tense.FUTURE, tense.FUTURE_LEAD), (roles.ANY_CUE, roles.ANY_CUE_LEAD),
    (artists.CUES[0], artists.ROLE_LEAD), (releases.RELEASE_CUE, releases.RELEASE_CUE_LEAD),
    (titles.NOUNS[2][0], titles.ALBUM_LEAD), (titles.NOUNS[4][0], titles.SONG_LEAD),
    (titles.CONTEXTS[2], titles.CONTEXT_LEAD),
])
def test_lead_letters_cover_every_word_of_their_pattern(pattern: re.Pattern[str],
                                                       lead: str) -> None:
    # the lookahead (skipped here) may only skip places where no word of the pattern starts
    assert f"(?=[{lead}])" in pattern.pattern or f"(?=(?i:[{lead}]))" in pattern.pattern
    starts = _first(sre_parse.parse(pattern.pattern, pattern.flags))
    assert starts is not None
    assert {c.casefold() for c in starts} <= set(lead)


def test_first_characters_are_read_through_groups_and_options() -> None:
    assert _first(sre_parse.parse(r"\b(?:ab|(?:c|d)e|f?g)")) == {"a", "c", "d", "f", "g"}
    assert _first(sre_parse.parse(r"\b(?:ab|\w+)")) is None


def test_each_act_cue_sits_beside_its_own_gate() -> None:
    """CUES and GATES are parallel lists: the strong cue is the release-verb one, and a cue
    added in the middle of one list but not the other shifts every gate after it."""
    from bot.extract import artists
    assert len(artists.CUES) == len(artists.GATES)
    assert "announced" in artists.CUES[artists.STRONG].pattern
    for gate, cue in zip(artists.GATES, artists.CUES, strict=True):
        words = [w.strip(" (").replace("'", "").casefold() for w in gate]
        assert all(w in cue.pattern.casefold() for w in words[:1]), (gate, cue.pattern[:80])
