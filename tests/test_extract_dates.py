"""Dates in articles: every written form, relative dates and year inference both ways."""

from __future__ import annotations

import datetime

import pytest

from bot.extract.dates import find_dates, tour_year
from bot.partial_dates import PartialDate
from tests.extract_helpers import dates, release, run

REF = datetime.date(2024, 9, 10)  # a Tuesday


def one(text: str, ref: datetime.date | None = REF) -> str:
    spans = find_dates(text, ref)
    assert len(spans) == 1, spans
    return spans[0].date.iso()


@pytest.mark.parametrize(("text", "iso"), [
    ("It arrives on October 4, 2024.", "2024-10-04"),
    ("It arrives on 4 October 2024.", "2024-10-04"),
    ("It arrives on Oct. 4.", "2024-10-04"),
    ("It arrives Sept. 27.", "2024-09-27"),
    ("It arrives on October 4th.", "2024-10-04"),
    ("She was born in Leeds on 24 March (98).", "1998-03-24"),
    ("She posted the news on Wednesday (11Sep24).", "2024-09-11"),
    ("The band formed in March 2019.", "2019-03"),
    ("They met in early 2021.", "2021"),
    ("The tour ended in 2019.", "2019"),
])
def test_written_forms(text: str, iso: str) -> None:
    assert one(text) == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("The single will premiere June 10.", "2025-06-10"),  # the next June 10
    ("The single premiered June 10.", "2024-06-10"),  # the last June 10
    ("The album will be out in January.", "2025-01"),
    ("The album came out in January.", "2024-01"),
    # a hyphenated compound is an adjective, not a past verb nearer the date than "will"
    ("They will stream their sold-out concert live on August 22.", "2025-08-22"),
    ("Her long-delayed album will finally arrive on June 3.", "2025-06-03"),
    # "according to X on <day>": the day it was said, gone by, whatever the news looks ahead to
    ("According to an industry insider on September 9, the group is preparing a comeback.",
     "2024-09-09"),
    # a move's new day is ahead, in the plain form too, whatever past verb comes before it
    ("We have decided to postpone the release to March 23.", "2025-03-23"),
    # what a new release follows came before it
    ("It is their first release in a year, following their mini album in October.",
     "2023-10"),
])
def test_year_from_tense(text: str, iso: str) -> None:
    assert one(text) == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("They released it this past January.", "2024-01"),
    ("The album has been pushed back to November.", "2024-11"),
    ("The album has been moved up to March.", "2025-03"),
])
def test_past_months_and_moves_to_a_month(text: str, iso: str) -> None:
    assert one(text) == iso


def test_a_since_with_a_year_of_its_own_is_no_past_for_a_later_day() -> None:
    spans = find_dates("The band will release a new album, their first since 2019's Dust Road, "
                       "on June 6.", REF)
    assert [s.date.iso() for s in spans] == ["2019", "2025-06-06"]


@pytest.mark.parametrize(("text", "iso"), [
    ("The video drops tomorrow.", "2024-09-11"),
    ("The video dropped yesterday.", "2024-09-09"),
    ("The video drops today.", "2024-09-10"),
    ("The video drops this Friday.", "2024-09-13"),
    ("The EP arrives next Friday (September 20).", "2024-09-20"),
    ("The single will drop Friday.", "2024-09-13"),
    ("The single came out on Monday.", "2024-09-09"),
    ("The record came out last year.", "2023"),
    ("The record is due next month.", "2024-10"),
    ("The group will make a comeback on the 13th of next month.", "2024-10-13"),
    ("The group made a comeback on the 2nd of this month.", "2024-09-02"),
    ("They split two years ago.", "2022"),
    ("The band released it last week.", "2024-09"),
])
def test_relative(text: str, iso: str) -> None:
    assert one(text) == iso


def test_no_year_invented_without_a_published_date() -> None:
    assert find_dates("The single premiered on June 10.", None) == []


def test_article_year_anchors_an_undated_article() -> None:
    x = run('Mara Vale shared her new single "Glass Harbour" on June 10. Her son turns one '
            "on July 14, 2022, and the family will celebrate at home.")
    assert release(x, "Glass Harbour").date == PartialDate(2022, 6, 10)


def test_undated_article_without_a_full_date_gets_no_year() -> None:
    x = run('Mara Vale shared her new single "Glass Harbour" on June 10.')
    assert release(x, "Glass Harbour").date is None


def test_month_names_that_are_words_are_not_dates() -> None:
    assert find_dates("You may march to the beat, said Mara Vale.", REF) == []


def test_29_february() -> None:
    assert one("It is out on February 29, 2024.") == "2024-02-29"
    assert find_dates("It came out on February 29.", datetime.date(2023, 5, 1)) == []
    assert one("It is out on February 29.", datetime.date(2023, 12, 1)) == "2024-02-29"


@pytest.mark.parametrize(("text", "iso"), [
    ("The mini album drops on 2024.10.21 at 6 p.m. KST.", "2024-10-21"),
    ("The mini album dropped on 2024-10-21.", "2024-10-21"),
    ("Tickets went on sale 10/21/2024.", "2024-10-21"),
    ("Tickets went on sale 21/10/2024.", "2024-10-21"),
])
def test_numeric_dates(text: str, iso: str) -> None:
    assert one(text) == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("The festival runs June 5–7, 2025.", "2025-06-05"),
    ("The festival runs 5-7 June 2025.", "2025-06-05"),
    ("The residency runs from May 30 to June 2, 2025.", "2025-05-30"),
    ("The residency runs from December 30 to January 2, 2025.", "2024-12-30"),
])
def test_a_range_is_one_date_its_first_day(text: str, iso: str) -> None:
    assert one(text) == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("The EP arrives Friday 6pm KST.", "2024-09-13"),
    ("The EP arrives Friday at 6 p.m. EST.", "2024-09-13"),
    ("The EP arrives Friday (6pm WAT).", "2024-09-13"),
    ("The EP arrives on 2024.10.21 at 18:00 KST.", "2024-10-21"),
])
def test_a_time_with_its_zone_leaves_the_day_alone(text: str, iso: str) -> None:
    assert one(text) == iso


def test_the_weekday_picks_the_year_of_a_yearless_date() -> None:
    # 20 September is a Friday in 2024, a Saturday in 2025: past tense would say 2024 anyway,
    # so use a date whose weekday disagrees with the tense.
    ref = datetime.date(2026, 12, 6)
    assert one("She returned with a single on Friday, December 18.", ref) == "2026-12-18"


def test_out_before_a_date_looks_ahead() -> None:
    ref = datetime.date(2026, 12, 6)
    assert one('The EP, out January 9, was recorded in Lisbon.', ref) == "2027-01-09"


@pytest.mark.parametrize("venue", ["Oslo, Spektrum", "Chicago, United Center"])
def test_a_tour_list_line_is_the_coming_date(venue: str) -> None:
    # no verb on the line: a date a week before publication is next year's, not last week's
    ref = datetime.date(2026, 12, 6)
    assert find_dates(f"Nov 29 – {venue}", ref)[0].date.iso() == "2027-11-29"
    assert find_dates(f"Nov 29 – {venue}", ref, None, 2028)[0].date.iso() == "2028-11-29"


def test_days_without_a_month_are_near_the_published_day() -> None:
    ref = datetime.date(2027, 3, 6)
    found = find_dates("The comeback was pushed back to the 13th.", ref)
    assert [s.date.iso() for s in found] == ["2027-03-13"]
    found = find_dates("Teasers will be shared on the 5th, 7th and 9th.", ref)
    assert [s.date.iso() for s in found] == ["2027-03-05", "2027-03-07", "2027-03-09"]
    assert find_dates("They met on the 4th day of the month.", ref) == []


def test_present_progressive_looks_ahead() -> None:
    ref = datetime.date(2021, 7, 22)  # a Thursday
    assert one("Tom Reyes teased fans, revealing that he's releasing a duet on Friday.",
               ref) == "2021-07-23"


def test_the_day_news_was_announced_is_past() -> None:
    ref = datetime.date(2024, 10, 2)  # a Wednesday
    assert one("The album was delayed, her label announced on Tuesday.", ref) == "2024-10-01"
    # the date a reporting verb announces is not its own day (past would be 2023)
    assert one("Mara Vale announced a July 15 release date.",
               datetime.date(2024, 5, 2)) == "2024-07-15"


@pytest.mark.parametrize(("text", "iso"), [
    ("Twenty years ago today, the band released it.", "2004-09-10"),
    ("20 years ago today, the band released it.", "2004-09-10"),
    ("On this day in 1999, the band released it.", "1999-09-10"),
    ("On this date, back in 1999, the band released it.", "1999-09-10"),
])
def test_the_published_day_in_another_year(text: str, iso: str) -> None:
    assert one(text) == iso


def test_an_ordinal_before_a_noun_is_not_a_day() -> None:
    ref = datetime.date(2027, 3, 6)
    assert find_dates("They will play for the 13th Annual Harbour Awards.", ref) == []
    assert find_dates("The studio moved to the 2nd floor.", ref) == []


def test_the_tour_year_stated_in_any_case() -> None:
    assert tour_year("Paper Coast announced their 2027 World Tour today.") == 2027
    assert tour_year("They will tour Europe in 2027 and 2028.") == 2027
    assert tour_year("Their 2026 tour and their 2027 tour sold out.") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("The album is out 11/3 on Harbour Records.", "2017-11-03"),
    ("The EP is due on 1/12, a week late.", "2018-01-12"),
])
def test_month_and_day_after_a_release_word(text: str, iso: str) -> None:
    assert [s.date.iso() for s in find_dates(text, datetime.date(2017, 10, 6))] == [iso]


@pytest.mark.parametrize("text", ["The band played on 9/11 for the city.",
                                  "Critics gave it 4/5 stars.", "It is out 13/5 in Europe."])
def test_a_bare_month_and_day_is_no_date(text: str) -> None:
    assert find_dates(text, datetime.date(2017, 10, 6)) == []


@pytest.mark.parametrize(("text", "years"), [
    ("She signed in 1971 and released her debut a year later.", ["1971", "1972"]),
    ("They formed in 2001; two years later the band split.", ["2001", "2003"]),
    ("The album came out in 1994 and the following year they toured.", ["1994", "1995"]),
    ("Years later the band split.", []),
])
def test_years_counted_from_the_date_before(text: str, years: list[str]) -> None:
    assert [s.date.iso() for s in find_dates(text, datetime.date(2026, 1, 1))] == years


def test_a_weekday_after_a_reporting_verb_is_the_day_it_was_said() -> None:
    x = run("Singer Mira Vale announced the news on Instagram on Monday.", "2023-04-20")
    assert dates(x, "other") == ["2023-04-17"]  # the Monday before a Thursday, not after
    x = run("Singer Mira Vale announced that her album arrives Monday.", "2023-04-20")
    assert all(e.date.iso() != "2023-04-17" for e in x.events)


def test_a_list_of_months_dates_each_in_the_first_ones_year() -> None:
    """"in March and April", "in May, June and July": each month a date of its own, in the
    year of the first; a list that wraps ("November and January") adds nothing, and a name
    ("Tom and April Reyes") is no month."""
    def listed(text: str) -> list[str]:
        return [s.date.iso() for s in find_dates(text, REF)]
    assert listed("The singles came out in March and April.") == ["2024-03", "2024-04"]
    assert listed("She toured in May, June and July.") == ["2024-05", "2024-06", "2024-07"]
    assert listed("It came out in March 2020 and April.") == ["2020-03", "2020-04"]
    assert listed("It came out in November and January.") == ["2023-11"]
    assert listed("Tom and April Reyes married in June.") == ["2024-06"]


def test_a_name_after_a_date_says_nothing_of_its_tense() -> None:
    """"a box set on April 19th called "Blue Hours"": "called" names, it is no past verb, so
    the coming April 19 is meant, not last year's."""
    x = run("Kettle Static will reissue Low Tide this summer. Up first is a vinyl box set for "
            "Record Store Day on April 19th called Blue Hours: The Singles that will hold all "
            "five singles.", "2026-03-03")
    # (the set's own day: Record Store Day is a release day)
    assert release(x, "Blue Hours: The Singles").date == PartialDate(2026, 4, 19)


def test_a_plan_in_the_present_looks_ahead() -> None:
    """"is planned for December 3", written in November: this December, not last."""
    x = run("Soul singer Delia Marsh died on Sunday. A memorial concert is planned for "
            "December 3 at the Orpheum Theatre.", "2022-11-08")
    assert [e.date.iso() for e in x.events if e.date.iso().endswith("-12-03")] == ["2022-12-03"]


def test_a_holiday_after_on_or_to_is_its_fixed_day_and_a_holiday_noun_is_none() -> None:
    ref = datetime.date(2025, 10, 14)
    assert [s.date.iso() for s in find_dates("It will now arrive on Halloween.", ref)] == [
        "2025-10-31"]
    assert [s.date.iso() for s in find_dates("On Christmas Day she plays Oslo.", ref)] == [
        "2025-12-25"]
    # a holiday's single, a shopping season or a holiday noun is no day
    assert find_dates("Her Halloween single is out. Just in time for Christmas shoppers, a "
                      "box set. They met on Christmas morning.", ref) == []


def test_a_release_bumped_up_from_one_day_to_a_holiday() -> None:
    x = run("Rapper Vell Kato has bumped up the release of his album Paper Saints by two weeks, "
            "from November 14 to Halloween, his label confirmed on Monday.\n", "2025-10-14")
    r = release(x, "Paper Saints")
    # the new day is ahead of the news, the old one the nearest November 14 to it: never the
    # past year the verb's tense would give, nor a run of days from one to the other
    assert (r.date.iso() if r.date else None, r.previous_date.iso() if r.previous_date
            else None) == ("2025-10-31", "2025-11-14")
    assert not [e for e in x.events if e.date.iso() == "2024-10-31"]


@pytest.mark.parametrize(("text", "ref", "iso"), [
    # a past verb about a day to come: ten months back is no day news leaves the year off
    ("Her site originally said that its release date was Dec. 11.", "2026-10-10",
     "2026-12-11"),
    ("The record was first due on November 14.", "2026-10-14", "2026-11-14"),
    # near the turn of the year, last year's day is meant
    ("The single was released on December 12.", "2027-01-20", "2026-12-12"),
    ("The single was released on July 2.", "2027-01-20", "2026-07-02"),
    # a weekday written with it says which year
    ("She returned with a single on Friday, December 18.", "2026-10-10", "2026-12-18"),
])
def test_a_past_verb_about_a_yearless_day_most_of_a_year_back_means_this_years(
        text: str, ref: str, iso: str) -> None:
    assert one(text, datetime.date.fromisoformat(ref)) == iso


@pytest.mark.parametrize(("text", "iso"), [
    # the date a reporting verb's own clause gives is when it was said, gone by
    ("The couple announced the pregnancy in May.", "2026-05"),
    ("Lena Morrow confirmed the news in May.", "2026-05"),
    # a word looking ahead still wins
    ("Lena Morrow announced that her new album arrives in May.", "2027-05"),
    ("Lena Morrow announced her new album will arrive in May.", "2027-05"),
])
def test_the_time_a_reporting_verb_gives_is_past(text: str, iso: str) -> None:
    assert one(text, datetime.date(2026, 11, 20)) == iso
