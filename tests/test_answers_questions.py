"""parse_question: each intent, names with their artist, and the questions it refuses."""

from __future__ import annotations

import pytest

from bot.answers.questions import Question, parse_question
from bot.errors import UserError


@pytest.mark.parametrize(("text", "expected"), [
    ("When did Glass Harbour come out?", Question("release_date", "Glass Harbour")),
    ("when does glass harbor drop", Question("release_date", "glass harbor")),
    ("When is Mara Vale's album Salt Lines out?",
     Question("release_date", "Salt Lines", "Mara Vale", kind="album")),
    ("When is Mara Vale's new album out?",
     Question("next_release", "Mara Vale", artist_only=True, kind="album")),
    ("What is Mara Vale's latest release?", Question("latest_release", "Mara Vale")),
    ("What's Mara Vale's next single?", Question("next_release", "Mara Vale")),
    ("Who directed the Glass Harbour music video?", Question("director", "Glass Harbour")),
    ("Who directed the 'Glass Harbour' video?", Question("director", "Glass Harbour")),
    ("Who produced Glass Harbour?", Question("producer", "Glass Harbour")),
    ("What label is Mara Vale on?", Question("label", "Mara Vale")),
    ("Which label is Mara Vale signed to?", Question("label", "Mara Vale")),
    ("Who is Mara Vale's partner?", Question("partner", "Mara Vale")),
    ("Who are Mara Vale's children?", Question("child", "Mara Vale")),
    ("When is Mara Vale's birthday?", Question("birthday", "Mara Vale")),
    ("How old is Mara Vale?", Question("age", "Mara Vale")),
    ("How old did Mara Vale turn in 2025?", Question("age", "Mara Vale", year=2025)),
    ("What is coming up for Mara Vale?", Question("upcoming", "Mara Vale")),
    ("How many records has Mara Vale sold?", Question("records_sold", "Mara Vale")),
    ("What do we know about Mara Vale?", Question("about", "Mara Vale")),
    ("Latest articles about Mara Vale", Question("articles", "Mara Vale")),
])
def test_intents(text: str, expected: Question) -> None:
    assert parse_question(text) == expected


@pytest.mark.parametrize(("text", "says"), [
    ("", "Ask a question"), ("   ", "Ask a question"), ("x" * 301, "301 characters"),
    ("Glass Harbour purple?", "don't understand"),
])
def test_bad_questions_are_user_errors_with_examples(text: str, says: str) -> None:
    with pytest.raises(UserError) as error:
        parse_question(text)
    assert says in str(error.value)
    assert "When did Glass Harbour come out?" in str(error.value)
