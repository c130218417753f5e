"""best_dated: the dated fact a free "when" question means, from the words near each date."""

from __future__ import annotations

from datetime import date

from bot.answers.matching import (
    another_date_asked,
    best_dated,
    nearest_date,
    question_words_at,
    read_clauses,
)
from bot.answers.questions import read_question, tokenize
from bot.answers.quotes import Quote
from bot.answers.quoting import quoted
from bot.models import Fact
from bot.partial_dates import PartialDate

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


LEGS = ("The four-piece will open in Dublin on March 3, before heading to London's O2 Arena on "
        "March 6 and Paris on March 9.")


def test_a_tour_date_answers_a_tour_question_its_sentence_does_not_word() -> None:
    first = fact("tour_date", date(2027, 3, 3), "day", LEGS)
    best = best_dated([first], "When does Cinder Road's tour start?", ["Cinder Road"],
                      min_shared=1)
    assert best is not None and best[0] is first


def test_a_place_goes_with_the_date_of_its_own_clause() -> None:
    legs = [fact("tour_date", date(2027, 3, day), "day", LEGS) for day in (3, 6, 9)]
    for place, day in (("Dublin", 3), ("London", 6), ("Paris", 9)):
        best = best_dated(legs, f"When does Cinder Road play {place}?", ["Cinder Road"],
                          min_shared=1)
        assert best is not None and best[1].day == day, place


def test_a_release_date_does_not_answer_a_question_about_something_else() -> None:
    hit = fact("release_date", date(1975, 1, 1), "year",
               'Lena Park, the soul singer behind the 1975 hit "Harbour Lights," has died.')
    death = fact("event", date(2026, 11, 29), "day",
                 "Her son confirmed that she died at her home on Sunday, November 29.")
    best = best_dated([hit, death], "When did Lena Park die?", ["Lena Park"], min_shared=1)
    assert best is not None and best[0] is death  # "dies", "died" and "die" are one word


def test_of_two_dates_in_a_quote_the_one_by_the_words_asked() -> None:
    sentence = ("A private funeral will be held on December 8, followed by a public memorial "
                "at the Orpheum Theatre on December 12.")
    days = [written(sentence, "December 8"), written(sentence, "December 12")]

    def nearest(question: str) -> int | None:
        return nearest_date(sentence, days, question_words_at(sentence, question, []))

    assert nearest("When is the memorial?") == 1
    assert nearest("When is the funeral?") == 0
    assert nearest("When is it?") is None


def test_clause_breaks_are_commas_semicolons_and_and_not_a_date_s_or_a_figure_s_comma() -> None:
    clauses = read_clauses("It sold 1,000 copies by May 30, 2027, and then; more")
    assert [clauses.tokens[k] for k in clauses.breaks] == [",", "and", ";"]


def test_a_quote_s_date_is_measured_from_where_it_ends_its_own_comma_no_break() -> None:
    """The date of a quoted answer is the one nearest the word asked about: "May 30, 2027"
    ends at its year, and its comma ends no clause."""
    sentence = ("The band plays June 27, 2026 at its reunion show before the live album lands "
                "in shops on July 3.")
    assert date_quoted("When is the reunion show?", sentence) == "June 27, 2026"


def test_and_ends_a_clause_of_a_quote_too() -> None:
    sentence = ("The band plays a full electric show on August 1 and its acoustic set in the "
                "garden on July 4.")
    assert date_quoted("When is the acoustic set?", sentence) == "July 4, 2026"


def date_quoted(question: str, sentence: str) -> str:
    """The date a quoted answer to the question leads with, as shown ("July 4, 2026")."""
    asked = read_question(question, tokenize(question), [])
    quote = Quote(sentence, 1, "Summer shows", None, date(2026, 3, 1), 1.0)
    return quoted(quote, asked, []).answer.split(", going by ")[0]


def written(sentence: str, day: str) -> tuple[int, int]:
    """Where the sentence writes this day, as (start, end) characters."""
    start = sentence.index(day)
    return start, start + len(day)


def test_start_and_end_in_other_words() -> None:
    legs = ("Mara Vale will support the album with a North American tour that begins April 2 "
            "in Seattle and wraps May 30 in Miami.")
    first = fact("tour_date", date(2027, 4, 2), "day", legs)
    last = fact("tour_date", date(2027, 5, 30), "day", legs)
    start = best_dated([first, last], "where does the tour start", [], min_shared=2)
    end = best_dated([first, last], "when does the tour end", [], min_shared=2)
    assert start is not None and start[0] is first
    assert end is not None and end[0] is last


def test_a_year_stored_beside_the_day_asked_leaves_the_answer_to_the_day() -> None:
    today = date(2026, 12, 7)
    final = ("Brenn, who co-founded the group with her brother in 2011, will play her final "
             "show with them at Glastonbury on June 27.")
    assert another_date_asked(final, PartialDate(2011), "When is Ada Brenn's final show?",
                              ["Ada Brenn"], today)
    # a day stored is its own answer, whichever date of its run the words sit nearest
    run = ("They head back to North America in September, beginning their trek on September 2 "
           "in Montreal and wrapping up October 14 in LA.")
    assert not another_date_asked(run, PartialDate(2027, 9, 2),
                                  "When does their North American tour start?", [], today)
