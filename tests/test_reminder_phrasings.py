"""parse_when on the phrasings of tests/reminder_phrasings.py: each read as expected, or refused
with a one-line reason where the words are ambiguous, past, vague or impossible."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.schedule.when import parse_when
from tests.reminder_phrasings import NOW, PHRASINGS, ZONE, Phrasing

# Read by neither the rules nor dateparser; refused with "I couldn't read ...".
NOT_YET_READ = {"in half an hour", "christmas eve"}

CASES = [p for p in PHRASINGS if p.text not in NOT_YET_READ]


@pytest.mark.parametrize("phrasing", CASES, ids=[p.text for p in CASES])
def test_phrasing(phrasing: Phrasing) -> None:
    if phrasing.refused:
        with pytest.raises(UserError) as info:
            parse_when(phrasing.text, NOW, ZONE)
        assert "\n" not in str(info.value)
    else:
        assert parse_when(phrasing.text, NOW, ZONE) == phrasing.instant()


@pytest.mark.parametrize(("text", "reason"), [
    ("at 7", "'7' could be 07:00 or 19:00; write 7am, 7pm or 19:00."),
    ("03/04 5pm", "'03/04' could be 3 April or 4 March; write the month as a word, like '4 mar'."),
    ("4/5/2027", "'4/5/2027' could be 4 May or 5 April; write the month as a word, "
                 "like '5 apr 2027'."),
    ("next week", "'next week' names a week, not a day; say which day and time, "
                  "like 'next monday 10am'."),
    ("in 3 days at 7", "'7' could be 07:00 or 19:00; write 7am, 7pm or 19:00."),
])
def test_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(UserError) as info:
        parse_when(text, NOW, ZONE)
    assert str(info.value) == reason


def test_the_phrases_not_yet_read_are_refused_not_guessed() -> None:
    for text in NOT_YET_READ:
        with pytest.raises(UserError, match="couldn't read"):
            parse_when(text, NOW, ZONE)


def test_a_time_word_does_not_carry_other_words_into_a_reminder() -> None:
    for text in ("blah 18:00", "tomorrow tickets", "tomorrow at", "friday on",
                 "next friday 6pm pre-save", "in 3 fortnights"):
        with pytest.raises(UserError, match="couldn't read"):
            parse_when(text, NOW, ZONE)
