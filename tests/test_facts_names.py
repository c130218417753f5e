"""Name normalisation, alias variants, relation words and the conflict rule, without a database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.facts.conflicts import Candidate, Revision, decide
from bot.facts.names import has_same_numbers, normalise, strip_decorations, variants
from bot.facts.predicates import relation_predicate
from bot.partial_dates import PartialDate


@pytest.mark.parametrize("name", [
    "Glass Harbour", "glass harbour (official video)", "GLASS HARBOUR [MV]",
    "Glass Harbour (feat. Kim Lee)", "Glass Harbour ft. Kim Lee", "Glass Harbour - Single",
    "“Glass Harbour”", "'Glass  Harbour'", "Ｇｌａｓｓ Harbour",
    "Glass Harbour (Official Music Video)",
    "Glass Harbour (Lyric Video) [4K]",
])
def test_decorations_quotes_and_width_do_not_change_the_name(name: str) -> None:
    assert normalise(name) == "glass harbour"


def test_punctuation_and_ampersands() -> None:
    assert normalise("Don't Stop!  Me") == "dont stop me"
    assert normalise("Salt & Iron") == normalise("Salt and Iron") == "salt and iron"
    assert normalise("Straße") == "strasse"
    assert normalise("!!!") == "!!!"  # a name of punctuation only is still a name


def test_another_recording_keeps_its_parenthetical() -> None:
    assert normalise("Glass Harbour (Remix)") == "glass harbour remix"
    assert "glass harbour" not in variants("Glass Harbour (Remix)")
    assert "glass harbour" in variants("Glass Harbour (Part Two)")


def test_variants_with_and_without_the() -> None:
    assert "tides" in variants("The Tides")
    assert "the tides" in variants("Tides")


def test_display_name_keeps_case() -> None:
    assert strip_decorations("Glass Harbour (Official Video)") == "Glass Harbour"


def test_numbers_must_agree() -> None:
    assert not has_same_numbers("harbour vol 1", "harbour vol 2")
    assert has_same_numbers("mara vale", "mara vail")


@pytest.mark.parametrize(("relation", "predicate"), [
    ("wife", "partner"), ("her husband", "partner"), ("partner", "partner"),
    ("daughter", "child"), ("father", "parent"), ("director", "directed_by"),
    ("directed the video", "directed_by"), ("producer", "produced_by"),
    ("bandmate", "member"), ("former member", "former_member"), ("record label", "label"),
    ("signed to", "label"), ("childhood friend", "related"),
])
def test_relation_words(relation: str, predicate: str) -> None:
    assert relation_predicate(relation) == predicate


def _day(d: int) -> datetime:
    return datetime(2026, 1, d, tzinfo=UTC)


def _c(fact_id: int, when: str, published: int, source: int, conf: float = 0.8) -> Candidate:
    date = PartialDate.parse(when)
    return Candidate(fact_id, date, date, source, _day(published), conf)


def test_newest_source_wins() -> None:
    decision = decide([_c(1, "2027-03-14", 1, 1), _c(2, "2027-04-02", 2, 2)])
    assert decision.accepted is not None and decision.accepted.fact_id == 2
    assert decision.statuses == {2: ("accepted", None), 1: ("superseded", 2)}


def test_much_more_confident_older_source_wins() -> None:
    decision = decide([_c(1, "2027-03-14", 1, 1, 0.9), _c(2, "2027-04-02", 2, 2, 0.6)])
    assert decision.accepted is not None and decision.accepted.fact_id == 1


def test_better_supported_older_value_wins() -> None:
    decision = decide([_c(1, "2027-03-14", 1, 1), _c(2, "2027-03-14", 2, 2),
                       _c(3, "2027-04-02", 3, 3)])
    assert decision.accepted is not None and decision.accepted.date == PartialDate(2027, 3, 14)
    assert decision.statuses[3] == ("superseded", 2)


def test_revision_beats_support() -> None:
    decision = decide(
        [_c(1, "2027-03-14", 1, 1), _c(2, "2027-03-14", 2, 2), _c(3, "2027-04-02", 3, 3)],
        [Revision(9, PartialDate(2027, 3, 14), _day(3))],
    )
    assert decision.accepted is not None and decision.accepted.fact_id == 3


def test_revision_without_new_date_leaves_nothing_accepted() -> None:
    decision = decide([_c(1, "2027-03-14", 1, 1)], [Revision(9, PartialDate(2027, 3), _day(2))])
    assert decision.accepted is None
    assert decision.statuses == {1: ("superseded", 9)}


def test_precise_date_stands_for_the_month_it_lies_in() -> None:
    decision = decide([_c(1, "2027-03-14", 1, 1), _c(2, "2027-03", 2, 2)])
    assert decision.accepted is not None and decision.accepted.fact_id == 1
