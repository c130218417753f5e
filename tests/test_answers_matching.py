"""best_dated: the dated fact a free "when" question means, from the words near each date."""

from __future__ import annotations

from datetime import date

from bot.answers.matching import best_dated
from bot.models import Fact

SENTENCE = ("Mara Vale plays two warm-up shows in May, followed by a tour around Europe with "
            "Lantern Choir starting on June 12th in Oslo.")


def fact(predicate: str, when: date, precision: str, evidence: str = SENTENCE) -> Fact:
    return Fact(subject_id=1, predicate=predicate, object_date=when, object_precision=precision,
                evidence=evidence)


def test_the_date_nearest_the_question_words_wins() -> None:
    may, june = fact("tour_date", date(2027, 5, 1), "month"), fact("tour_date",
                                                                    date(2027, 6, 12), "day")
    best = best_dated([may, june], "Mara Vale's European tour with Lantern Choir start",
                      ["Mara Vale"])
    assert best is not None and best[0] is june


def test_nothing_shared_is_no_answer_when_words_are_required() -> None:
    single = fact("release_date", date(2027, 3, 3), "day", "Salt Lines is out on March 3.")
    assert best_dated([single], "ferry leave", [], min_shared=2) is None
    assert best_dated([], "anything", []) is None
