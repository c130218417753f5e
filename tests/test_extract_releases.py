"""Releases: every quote style, plain titles, kinds, dates, status, revisions, collaborations."""

from __future__ import annotations

import pytest

from bot.partial_dates import PartialDate
from tests.extract_helpers import artists, dates, event, release, run, titles


@pytest.mark.parametrize("quoted", ['"Glass Harbour"', "“Glass Harbour”", "'Glass Harbour'",
                                    "‘Glass Harbour’"])
def test_quote_styles(quoted: str) -> None:
    x = run(f"Singer Mara Vale has shared her new single {quoted}, out now.", "2024-03-01")
    r = release(x, "Glass Harbour")
    assert (r.kind, r.artist, r.status) == ("single", "Mara Vale", "released")
    assert "Glass Harbour" in r.evidence


def test_plain_album_title_with_upcoming_date() -> None:
    x = run("Mara Vale is gearing up to release her second album Salt Lines on May 13, and a "
            "tour follows in the autumn.", "2024-03-28")
    r = release(x, "Salt Lines", "album")
    assert r.date == PartialDate(2024, 5, 13)
    assert r.status == "upcoming"


def test_appositive_ep_with_label() -> None:
    x = run("Today, the quartet Cinder Road has announced a new EP, Low Tide, out July 21st via "
            "Northlight Records.", "2023-07-12")
    r = release(x, "Low Tide", "ep")
    assert r.date == PartialDate(2023, 7, 21)
    assert ("Cinder Road", "label", "Northlight Records") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_release_date_announced_for_album() -> None:
    x = run("Pop singer Mara Vale has announced a July 15 release date for her new album "
            "'Paper Suns' along with a video for her single 'Night Ferry'.", "2024-04-15")
    assert release(x, "Paper Suns", "album").date == PartialDate(2024, 7, 15)
    night = release(x, "Night Ferry")
    assert night.date is None  # the date is the album's, and the publication date is not copied


def test_relative_friday_and_collaboration_with() -> None:
    x = run('Country star Tom Reyes announced Tuesday that his new song "Dust Road" with '
            "Mara Vale will drop Friday.", "2025-04-15")
    r = release(x, "Dust Road")
    assert r.date == PartialDate(2025, 4, 18)
    assert r.status == "upcoming"
    assert {"Tom Reyes", "Mara Vale"} <= artists(x)


def test_feat_and_x_collaborations() -> None:
    x = run('Mara Vale dropped "Glass Harbour (feat. Tom Reyes)" on Friday. Next up is her '
            'single "Open Water" x Lio Park, out October 3.', "2024-09-10")
    assert "Tom Reyes" in artists(x)
    assert "Lio Park" in artists(x)
    assert release(x, "Open Water").date == PartialDate(2024, 10, 3)


def test_last_years_album_gets_the_year() -> None:
    x = run("The band Cinder Road took five years between their debut album, Tin Sky, and last "
            "year's full-length, Rust Bloom, but the new one is close.", "2017-07-12")
    assert release(x, "Rust Bloom").date == PartialDate(2016)
    assert release(x, "Tin Sky").date is None


def test_self_titled_album() -> None:
    x = run("Mara Vale has reflected on ten years since her debut. The singer released her "
            "self-titled album back in October 2014.", "2024-10-25")
    assert release(x, "Mara Vale", "album").date == PartialDate(2014, 10)


def test_pushed_back_revision_keeps_the_old_date() -> None:
    x = run('Mara Vale\'s new album "Paper Suns" was due September 22, but it has been pushed '
            "back to November 3.", "2024-09-01")
    r = release(x, "Paper Suns")
    assert r.date == PartialDate(2024, 11, 3)
    assert r.previous_date == PartialDate(2024, 9, 22)


def test_moved_up_revision() -> None:
    x = run('Cinder Road\'s album "Rust Bloom", originally slated for March 8, has been moved up '
            "to February 23.", "2024-01-20")
    r = release(x, "Rust Bloom")
    assert r.date == PartialDate(2024, 2, 23)
    assert r.previous_date == PartialDate(2024, 3, 8)


@pytest.mark.parametrize("sentence", [
    'Cinder Road\'s album "Rust Bloom" was pushed back from January 16 to February 6.',
    'Cinder Road have moved their album "Rust Bloom" up a week, from February 13 to February 6.',
    'Cinder Road postponed their LP "Rust Bloom" to February 6; it had been due on January 16.',
])
def test_revision_from_old_to_new(sentence: str) -> None:
    """"from X to Y" after a revision verb is two dates, the old and the new, not a range; a
    move reads ahead even with the object between "moved" and "up"."""
    x = run(sentence, "2026-12-06")
    r = release(x, "Rust Bloom")
    assert r.date == PartialDate(2027, 2, 6)
    assert r.previous_date in (PartialDate(2027, 1, 16), PartialDate(2027, 2, 13))
    assert not x.events  # neither date is an event of its own


def test_round_up_of_old_and_new_dates() -> None:
    x = run("Here are this week's delays. Tom Reyes, Dust Road Old date: Oct. 13. New date: "
            "Nov. 17. Official reason: none given.", "2009-09-21")
    r = release(x, "Dust Road")
    assert r.date == PartialDate(2009, 11, 17)
    assert r.previous_date == PartialDate(2009, 10, 13)


def test_anaphora_gives_the_song_its_date() -> None:
    x = run('In her newest music video for "Glass Harbour", Mara Vale walks the coast. '
            "The song premiered on June 10, 2023, with the video.", "2023-06-12")
    assert release(x, "Glass Harbour").date == PartialDate(2023, 6, 10)


def test_songs_listed_and_performed() -> None:
    x = run("She played 'Night Ferry' and 'Open Water' on the show, alongside songs such as "
            '"Tin Sky" and "Rust Bloom."', "2024-01-01")
    assert {"Night Ferry", "Open Water", "Tin Sky", "Rust Bloom"} <= titles(x)


def test_music_video_with_director() -> None:
    x = run("Mara Vale unveiled a music video for her single 'Night Ferry'. Directed by Ada "
            "Quill, the video follows a ferry at night.", "2024-02-02")
    assert release(x, "Night Ferry", "music_video")
    directed = {(f.subject, f.object) for f in x.facts if f.predicate == "directed_by"}
    assert ("Night Ferry", "Ada Quill") in directed


def test_titles_that_look_like_dates_stay_titles() -> None:
    x = run('Mara Vale will release her album "1989" on May 2. Her single "Yesterday" came '
            "out earlier.", "2024-03-01")
    assert release(x, "1989", "album").date == PartialDate(2024, 5, 2)
    assert release(x, "Yesterday").date is None


def test_originally_scheduled_in_the_next_sentence() -> None:
    x = run("The Hollow Pines have pushed back the release of their new album, Long Way Home, "
            "to June 7. The record was originally scheduled for May 10.", "2024-03-20")
    r = release(x, "Long Way Home", "album")
    assert (r.date, r.previous_date) == (PartialDate(2024, 6, 7), PartialDate(2024, 5, 10))
    assert r.status == "upcoming"


def test_a_years_album_and_a_b_side() -> None:
    x = run("Quiet Country follows 2021's Ghost Radio. Member Jae also wrote the B-side "
            '"Paper Planes."', "2023-12-05")
    assert release(x, "Ghost Radio", "album").date == PartialDate(2021)
    assert "Paper Planes" in titles(x)


def test_comeback_date_with_kst_time() -> None:
    x = run("K-pop group NOVA7 is returning with their third mini album, Starlit Road, on "
            "October 21 at 6 p.m. KST.", "2023-10-02")
    assert release(x, "Starlit Road", "album").date == PartialDate(2023, 10, 21)
    assert "NOVA7" in artists(x)


def test_video_director_for_the_song_just_named() -> None:
    x = run('Dana Pike has shared "Weathervane," the lead single from her album. The song '
            "arrives with a video directed by Lou Marsh.", "2023-12-05")
    assert release(x, "Weathervane", "music_video")
    assert ("Weathervane", "directed_by", "Lou Marsh") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_x_separates_two_acts_and_a_years_quoted_song() -> None:
    x = run('Kid Orbit x DJ Halo\'s remix of "Gravity Falls" is expected next month, after '
            '2020\'s "Satellites," which went double platinum.', "2024-08-27")
    assert {"Kid Orbit", "DJ Halo"} <= artists(x)
    assert release(x, "Satellites").date == PartialDate(2020)


def test_featuring_inside_and_after_the_title() -> None:
    x = run('Mara Vale dropped "Glass Harbour (feat. Tom Reyes)" on Friday, and her single '
            '"Open Water" with Lio Park is next.', "2024-09-10")
    assert release(x, "Glass Harbour").featuring == ("Tom Reyes",)
    assert release(x, "Open Water").featuring == ("Lio Park",)


def test_year_before_the_noun_dates_the_title() -> None:
    x = run("Pop star Ava Rowe surprised fans on Thursday by releasing a deluxe edition of her "
            'sophomore 2019 album, Neon Hearts. The deluxe includes "Midnight Call," a song '
            "Rowe wrote with her husband. He rose to fame with the 1988 single \"City Lights,\" "
            "which sold over two million copies.", "2023-11-10")
    assert release(x, "Neon Hearts", "album").date == PartialDate(2019)
    assert release(x, "City Lights").date == PartialDate(1988)
    assert "Midnight Call" in titles(x)
    assert "Rowe" not in titles(x)
    assert ("Ava Rowe", "records_sold", "over two million") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_lineup_headliners_and_a_band_member_with_a_solo_album() -> None:
    x = run("Festival Sunwave has revealed its lineup, with Lena Sol, The Paper Suns and Kid "
            "Orbit set to headline in Austin from April 11 to 13.", "2024-11-20")
    assert artists(x) == {"Lena Sol", "The Paper Suns", "Kid Orbit"}
    x = run('NOVA7 member Jae has released his first solo album, Happy, featuring the lead '
            'single "Running Wild." Jae previously released the single "Astronaut" with '
            "Coldplay in 2022.", "2024-11-15")
    assert {"NOVA7", "Jae", "Coldplay"} <= artists(x)
    assert release(x, "Happy", "album").artist == "Jae"
    assert release(x, "Astronaut").featuring == ("Coldplay",)
    assert release(x, "Astronaut").date == PartialDate(2022)


def test_features_on_an_acts_album() -> None:
    x = run("Rising newcomer Nell Crane, who scored features on Mara Vale's Salt Lines and the "
            "Tin Sky soundtrack, has rolled out a new song, \"Silver Road.\"", "2024-09-06")
    assert {"Nell Crane", "Mara Vale"} <= artists(x)
    assert {"Salt Lines", "Silver Road"} <= titles(x)


def test_delayed_until_a_month_with_the_old_date_in_the_next_sentence() -> None:
    x = run("Mara Vale’s upcoming album, “Salt Lines,” has been delayed until March 2025, her "
            "label announced on Tuesday. The record was initially due out on November 8. Vale "
            "is also set to appear on Jimmy Fallon’s Tonight Show on October 30. Vale shot to "
            "fame in 2019 with “Paper Suns,” which spent six weeks at No. 1 in the UK.",
            "2024-10-02")
    r = release(x, "Salt Lines", "album")
    assert (r.date, r.previous_date, r.status) == (
        PartialDate(2025, 3), PartialDate(2024, 11, 8), "upcoming")
    assert artists(x) == {"Mara Vale"}
    assert "Paper Suns" in titles(x)
    # the show, and her rise to fame (a year written out is something that happened)
    assert [(e.kind, e.date.iso()) for e in x.events] == [("other", "2024-10-30"),
                                                          ("other", "2019")]


def test_a_quoted_title_that_is_out() -> None:
    x = run('Cinder Road\'s "Low Tide" is out now, and "Rust Bloom" arrives October 3.',
            "2024-09-10")
    assert release(x, "Rust Bloom").date == PartialDate(2024, 10, 3)
    assert "Low Tide" in titles(x)
    x = run('"I love this band," she said. "We will be out there soon," he added.', "2024-09-10")
    assert titles(x) == set()


def test_listen_to_a_title() -> None:
    x = run('Listen to "Night Ferry" below, and stream "Open Water" now.', "2024-09-10")
    assert {"Night Ferry", "Open Water"} <= titles(x)


def test_title_track_from_an_album_names_the_album() -> None:
    x = run('Singer-songwriter Theo Lark returns with "Ash Garden," the title track from his '
            "third album, out September 6 via Quiet Hours Records. Lark, who released his debut "
            "LP Northern Lines in 2018, co-produced the record with Dani Ko. His partner, the "
            "actor Sam Reed, appears in the video.", "2024-07-10")
    assert artists(x) == {"Theo Lark"}
    assert release(x, "Ash Garden", "album").date == PartialDate(2024, 9, 6)
    assert release(x, "Ash Garden", "single").date is None
    assert release(x, "Northern Lines", "album").date == PartialDate(2018)
    people = {(p.name, p.relation) for p in x.people}
    assert {("Dani Ko", "producer"), ("Sam Reed", "partner")} <= people


# A round-up of plain lines, one act and one release each, in the shapes news writes them.
ROUNDUP = """New music this week

Mara Vale will release the album "Copper Sky" on April 10.

Dune Hotel shares new single "Tall Grass", out March 20.

"Blue Hour", the new EP from Kettle Static, arrives May 1.

Orchard Kings drop their debut LP, Fire Escape, on May 8.

Rosa Lind's new album "Wild Salt" lands June 12.

Out now: "Low Lights" by Pale Orbit.

Paper Mill Records will release Hollow Pine's EP "Stone Fruit" on July 3.

Bright Canal – "Summer Static" (single) is out on Friday.

Last month, Tin Lantern, the folk trio from the coast, shared a new single called "North Road."

Her new single «Cold Water» follows the album "Copper Sky".
"""


def test_each_release_of_a_roundup_is_by_the_act_of_its_own_clause() -> None:
    x = run(ROUNDUP, "2026-03-02")
    by = {r.title: r.artist for r in x.releases}
    assert by["Copper Sky"] == "Mara Vale"
    assert by["Tall Grass"] == "Dune Hotel"
    assert by["Blue Hour"] == "Kettle Static"
    assert by["Fire Escape"] == "Orchard Kings"
    assert by["Wild Salt"] == "Rosa Lind"
    assert by["Stone Fruit"] == "Hollow Pine"  # the label releases it; the act made it
    assert by["Summer Static"] == "Bright Canal"
    assert by["North Road"] == "Tin Lantern"
    assert by["Low Lights"] == "Pale Orbit"


def test_a_bare_quote_is_a_release_only_when_its_clause_credits_an_act() -> None:
    x = run("Singer Mara Vale is everywhere. Velvet Owl covered \"Night Moves\" at the show. "
            "\"We are home,\" Tin Lantern said. Rosa Lind announced \"The Long Way Home Tour\" "
            "for the fall. Fans called it \"Pure Magic\" online.", "2026-03-02")
    assert release(x, "Night Moves").artist == "Velvet Owl"
    assert titles(x) == {"Night Moves"}


def test_a_pronoun_release_is_by_the_act_named_last_not_the_articles_main_act() -> None:
    x = run("Tin Lantern toured all winter. Tin Lantern played every night. Singer Mara Vale "
            "opened for them. Her new single «Cold Water» is out now.", "2026-03-02")
    assert release(x, "Cold Water").artist == "Mara Vale"


@pytest.mark.parametrize("title", ["The Captain and Me", "Salt and Vinegar", "Stand by Me",
                                   "Rust and Bone"])
def test_x_and_y_titles_are_not_cut(title: str) -> None:
    x = run(f"Mara Vale released the album {title} in 1974, and it still sells.", "2024-03-01")
    assert release(x, title, "album").artist == "Mara Vale"
    assert not {t for t in titles(x) if t != title and title.startswith(t)}


@pytest.mark.parametrize("quoted", ["«Glass Harbour»", "« Glass Harbour »", "„Glass Harbour“",
                                    "‹Glass Harbour›"])
def test_european_quote_styles(quoted: str) -> None:
    x = run(f"Singer Mara Vale has shared her new single {quoted}, out now.", "2024-03-01")
    r = release(x, "Glass Harbour")
    assert (r.kind, r.artist) == ("single", "Mara Vale")


def test_caps_numeric_and_unquoted_titles_after_release_words() -> None:
    x = run("Tin Lantern will release their album NIGHT SHIFT on May 9. Their debut album 1999 "
            "came out in 2019. Tin Lantern also shared the single Paper Boats last week.",
            "2026-03-02")
    assert release(x, "NIGHT SHIFT", "album").date == PartialDate(2026, 5, 9)
    assert release(x, "1999", "album").date == PartialDate(2019)
    assert release(x, "Paper Boats", "single").artist == "Tin Lantern"


def test_unquoted_titles_known_by_the_words_around_them() -> None:
    x = run("Fans are still awaiting the release of Harbour Lights as Mara Vale tours. Tin "
            "Lantern will release Paper Boats, their second album, next spring. Rosa Lind's "
            "Night Moves will be reissued in June for the 20th anniversary of Night Moves. "
            "Guest spots on Salt Lines include Dune Hotel.", "2026-03-02")
    assert {"Harbour Lights", "Paper Boats", "Night Moves", "Salt Lines"} <= titles(x)
    assert release(x, "Paper Boats", "album").artist == "Tin Lantern"
    assert release(x, "Night Moves").artist == "Rosa Lind"


def test_a_day_inside_a_title_is_not_its_date() -> None:
    x = run("Tin Lantern have dropped a new album with the release of See You Next Friday.",
            "2026-03-02")
    assert release(x, "See You Next Friday").date is None


def test_a_run_of_possessive_acts_lists_their_releases() -> None:
    x = run("Ana Vale's Kind Words, Tom Reyes's Giant Leaps and Joe Kell's The Shape of Rain "
            "led the charge that year. Ana Vale's Tom joined and Mara Lind's Joe left.",
            "2026-03-02")
    by = {r.title: r.artist for r in x.releases}
    assert by == {"Kind Words": "Ana Vale", "Giant Leaps": "Tom Reyes",
                  "The Shape of Rain": "Joe Kell"}


def test_a_birth_date_in_an_aside_is_not_the_release_date() -> None:
    x = run('Singer Lena Morrow, who was born on February 29, 2000, has shared her new single '
            '"Tin Lantern".', "2026-12-06")
    assert release(x, "Tin Lantern").date is None
    assert dates(x, "birthday") == ["2000-02-29"]
    assert event(x, "birthday", "2000-02-29").subject == "Lena Morrow"


@pytest.mark.parametrize(("aside", "iso"), [
    ("who married Jo Reed on June 2, 2019", "2019-06-02"),
    ("whose tour begins March 2", "2027-03-02"),
    ("who was arrested on May 5, 2024", "2024-05-05"),
])
def test_other_dates_in_an_aside_are_not_the_release_date(aside: str, iso: str) -> None:
    x = run(f'Sol Avery, {aside}, has shared the single "Iron Bloom".', "2026-12-06")
    assert release(x, "Iron Bloom").date is None
    assert iso in [e.date.iso() for e in x.events]  # the date is the aside's event


def test_followed_on_dates_the_album() -> None:
    x = run('Paper Coast formed in Leeds in 2015. Their first album, "Salt Lines", followed on '
            "May 3, 2018.", "2026-12-06")
    assert release(x, "Salt Lines").date == PartialDate(2018, 5, 3)


def test_an_announcement_day_is_not_the_release_day() -> None:
    x = run('Ivy Park announced on Monday that her album "Blue Orchard" will be released on '
            "February 5.", "2026-12-06")
    assert release(x, "Blue Orchard").date == PartialDate(2027, 2, 5)


def test_round_up_lines() -> None:
    x = run('Tom Ashby will release the album "Salt Roads" on March 14.\n\n'
            'Mara Vale shares new single "Low Hours", out Friday.\n\n'
            "Tickets for Nell Crane's tour go on sale January 10; her album \"Cold Lake\" "
            "follows on February 20.\n\n"
            'Kit Dune\'s new EP "Fern Light", out January 9, was recorded in Lisbon.\n\n'
            'June Arden\'s album "Wide Sky" topped the chart on November 20; it came out on '
            "November 13.\n\n"
            'Rosa Lind returns with the single "Ember Hall" on Friday, December 18.',
            "2026-12-06")
    assert release(x, "Salt Roads").date == PartialDate(2027, 3, 14)
    assert release(x, "Low Hours").date == PartialDate(2026, 12, 11)
    assert release(x, "Cold Lake").date == PartialDate(2027, 2, 20)
    assert release(x, "Fern Light").date == PartialDate(2027, 1, 9)
    assert release(x, "Wide Sky").date == PartialDate(2026, 11, 13)
    assert release(x, "Ember Hall").date == PartialDate(2026, 12, 18)


def test_a_date_opening_the_sentence_dates_its_release_verb() -> None:
    x = run("Last month, Tom Reyes, the crooner every radio host in the north of England seems "
            'to adore, shared a new single called "Quiet Mile".', "2027-10-06")
    assert release(x, "Quiet Mile").date == PartialDate(2027, 9)


@pytest.mark.parametrize(("text", "iso"), [
    ('On March 14, Tom Ashby will release his album "Salt Roads".', "2027-03-14"),
    ('In 2019, Tom Ashby released "Salt Roads", his first EP.', "2019"),
    ('Tom Ashby\'s album "Salt Roads" arrives on the 20th.', "2027-01-20"),
])
def test_dates_opening_or_closing_a_release_sentence(text: str, iso: str) -> None:
    x = run(text, "2027-01-06")
    date = release(x, "Salt Roads").date
    assert date is not None and date.iso() == iso


def test_a_show_date_near_the_song_is_not_its_release_date() -> None:
    x = run('Tom Reyes shared the single "Blue Orchard" last year. He will play the song live '
            "for the first time at the Harbour Arena on February 2, a week after the song "
            "drops on its new label on January 26.", "2027-01-09")
    assert release(x, "Blue Orchard").date == PartialDate(2027, 1, 26)
    assert dates(x, "tour_date") == ["2027-02-02"]


def test_a_release_day_is_not_a_tour_date() -> None:
    x = run("After the album arrived on May 3, 2024, Paper Coast toured for a year.",
            "2027-01-09")
    assert dates(x, "tour_date") == []


def test_it_opening_the_next_sentence_is_the_title_before() -> None:
    x = run("Mara Vale's new album \"Low Hours\" is out now. It arrived on Friday via Copper "
            "Records.", "2027-03-08")
    assert release(x, "Low Hours").date == PartialDate(2027, 3, 5)
    # two titles before: "It" could be either, so neither is dated
    x = run('Mara Vale shared the singles "Low Hours" and "Salt Lines". It arrived on Friday.',
            "2027-03-08")
    assert release(x, "Low Hours").date is None and release(x, "Salt Lines").date is None


def test_a_reissue_date_is_the_editions_not_the_original_release_date() -> None:
    # An anniversary post on the reissue's day would be a wrong fact: the reissue is its own
    # edition, and the original's year comes from the anniversary's arithmetic.
    x = run("In celebration of the 20th anniversary of Ash Garden, Rosa Lind is marking this "
            "June with a deluxe re-release of their 1994 album.", "2014-03-01")
    editions = {(r.date.iso() if r.date else None, r.edition)
                for r in x.releases if r.title == "Ash Garden"}
    assert editions == {("1994", None), ("2014-06", "reissue")}
    facts = {(f.subject, f.predicate, f.object) for f in x.facts if f.subject == "Ash Garden"}
    assert ("Ash Garden", "release_date", "1994") in facts
    assert ("Ash Garden", "event", "2014-06") in facts
    assert ("Ash Garden", "release_date", "2014-06") not in facts
    assert x.to_json()["releases"][1]["edition"] == "reissue"


def test_a_new_release_beside_a_reissue_keeps_its_date() -> None:
    x = run('Her new single "Kind Words" is out May 9, and a deluxe box set of "Blue Hours" '
            "follows.", "2014-03-01")
    r = release(x, "Kind Words")
    assert (r.date, r.edition) == (PartialDate(2014, 5, 9), None)


@pytest.mark.parametrize("published", ["2014-03-01", None])
def test_an_anniversary_year_dates_the_original_only_when_it_adds_up(
        published: str | None) -> None:
    x = run("The 20th anniversary of Ash Garden is celebrated at the 1990 Club in London.",
            published)
    assert all(r.date is None for r in x.releases if r.title == "Ash Garden")


def test_a_quoted_list_of_titles_is_songs() -> None:
    x = run('Seeing her play staples like "Paper Suns," "Low Tide" and "Salt Lines" was a joy.',
            "2014-03-01")
    assert {"Paper Suns", "Low Tide", "Salt Lines"} <= titles(x)


@pytest.mark.parametrize("text", [
    'She was nominated for "Best New Artist" and "Song of the Year".',
    'Fans chanted "We love you," "Encore" and "More please" all night.',
])
def test_quoted_lists_that_are_not_titles(text: str) -> None:
    assert titles(run(text, "2014-03-01")) == set()


def test_an_unquoted_list_of_hits() -> None:
    x = run("This Grammy winning singer is known for such hits as: Chelsea Nights, Both Ways Now "
            "and Send in the Bells. Her hits include: Your Song Keeps Carrying Me Further and "
            "Further, We Are Alone and An All Time Low which was the theme song.", "2014-03-01")
    assert titles(x) == {"Chelsea Nights", "Both Ways Now", "Send in the Bells",
                         "Your Song Keeps Carrying Me Further and Further", "We Are Alone",
                         "An All Time Low"}


def test_two_titles_without_a_comma_are_not_split_on_and() -> None:
    # "Blue and The Wall" may be one title; a list needs a comma to say where "and" cuts
    assert titles(run("His albums include Blue and The Wall.", "2014-03-01")) == set()


def test_a_title_named_again_plainly_takes_the_date_of_its_sentence() -> None:
    x = run("He will release Ash Garden, his second album, next month. Ash Garden is out 11/3 "
            "on Harbour Records.", "2017-10-06")
    assert release(x, "Ash Garden", "album").date == PartialDate(2017, 11, 3)


def test_a_one_word_title_is_not_looked_for_again_in_plain_words() -> None:
    x = run('Mara Vale has a new single called "Hope". Hope the tour is out by May 3, she '
            "joked.", "2017-10-06")
    assert release(x, "Hope").date is None


def test_a_later_plain_mention_does_not_undo_a_revision() -> None:
    for later in ("Ash Garden was due on Nov. 24 before the delay.",
                  'Fans had circled Nov. 24 for the album "Ash Garden" on their calendars.'):
        x = run(f"Rosa Lind, Ash Garden Old date: Nov. 24. New date: April 2010. {later}",
                "2009-09-21")
        assert release(x, "Ash Garden").date == PartialDate(2010, 4), later


def test_a_pronoun_release_is_the_previous_sentences_subject_not_its_last_name() -> None:
    x = run('Last month, singer Sam Vale, the heir to Dex Harlow\'s soul throne, shared a new '
            'single called "Too Late." Today, he has announced that he will release Ash Garden, '
            "his second album, next month.", "2017-10-06",
            known_artists=["Sam Vale", "Dex Harlow"])
    assert release(x, "Ash Garden", "album").artist == "Sam Vale"


CHART = (
    "Mara Vale's third album, Paper Suns, debuts at No. 1 on the Billboard 200, earning "
    "212,000 units in its first week.\n\n"
    "Paper Suns was released on March 14 via Lantern Records.\n\n"
    "Elsewhere on the chart, Cinder Road's Blue Hours falls 1-3 in its fourth week.\n")


def test_a_chart_story_keeps_albums_apart_from_acts() -> None:
    x = run(CHART, "2027-03-24")
    # "Paper Suns debuts at No. 1" is the album charting, not an act called Paper Suns
    assert artists(x) == {"Mara Vale", "Cinder Road"}
    assert release(x, "Paper Suns", "album").artist == "Mara Vale"
    assert release(x, "Blue Hours").artist == "Cinder Road"  # a chart move names the release
    assert ("Mara Vale", "label", "Lantern Records") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_a_pre_order_day_is_not_the_release_day() -> None:
    x = run('Pre-orders for "Fever Line" by Dana Holt begin June 1; the album is out July 14.',
            "2023-04-20")
    assert release(x, "Fever Line").date == PartialDate(2023, 7, 14)


def test_a_signing_day_is_not_the_release_day_and_later_that_year_is_its_year() -> None:
    x = run('The band Copper Wires signed to Moth Records on January 5, 2019, and released '
            '"Salt Mine" later that year.', "2023-04-20")
    assert release(x, "Salt Mine").date == PartialDate(2019)


def test_the_year_of_a_written_date_is_no_title() -> None:
    x = run('The deluxe edition of Lena Morrow\'s album "Night Oak", first released on June 2, '
            '2021, arrives on October 8.', "2023-04-20")
    assert "2021" not in {r.title for r in x.releases}


def test_a_teaser_s_day_is_not_the_release_s() -> None:
    x = run('Girl group NOVA will make a comeback on January 13 with their third mini album '
            '"Starlit". The group released the teaser for "Starlit" on January 5, followed by a '
            'highlight medley on January 9.', "2023-01-10")
    assert {r.date for r in x.releases if r.title == "Starlit" and r.date} == {
        PartialDate(2023, 1, 13)}


def test_an_award_s_year_is_not_the_release_s() -> None:
    x = run('In 2015, the singer Ada Quill released "Falling Stars", which went on to win a '
            'Grammy in 2016.', "2023-01-10")
    assert release(x, "Falling Stars").date == PartialDate(2015)


def test_the_song_is_the_one_its_own_sentence_names() -> None:
    x = run('Kite Avenue\'s "Paper Moon" spent a fifth week at No. 1 on Friday.\n\n'
            'The duo Salt & Cedar first performed "Open Water" live at Glastonbury in June '
            '2022, a year before the song was released on May 5, 2023.', "2023-06-10")
    assert release(x, "Open Water").date == PartialDate(2023, 5, 5)
    assert release(x, "Paper Moon").date is None


def test_a_trade_and_an_opening_adverb_are_no_part_of_an_act() -> None:
    x = run('Pianist Rosa Lind\'s new album "Quiet Rooms" is out Friday.\n\n'
            'Originally released in 1998, "Blue Hour" by Velvet Mile returns on vinyl on '
            'March 31.', "2023-01-10")
    assert release(x, "Quiet Rooms").artist == "Rosa Lind"
    assert {"Pianist Rosa Lind", "Originally"}.isdisjoint(artists(x))


def test_a_title_given_by_called_or_titled() -> None:
    x = run("Today, Harbor Lights announce their new album. It's called Salt Year, and it's out "
            "March 3 via Sub Pop. The band's next tour is called Long Haul.", "2023-01-17")
    assert release(x, "Salt Year").date == PartialDate(2023, 3, 3)
    assert "Long Haul" not in titles(x)  # a tour is named, not released
    x = run("The new album is titled Low Water and arrives in May.", "2023-01-17")
    assert release(x, "Low Water").date == PartialDate(2023, 5)


def test_an_act_s_self_titled_debut() -> None:
    x = run("Velvet Mile's self-titled debut arrives 4/14.", "2023-01-17")
    assert release(x, "Velvet Mile").date == PartialDate(2023, 4, 14)


def test_an_aside_with_a_dated_comma_keeps_the_act_s_release() -> None:
    x = run('Singer Dana Holt, who married producer Sam Ray on June 3, 2020, will release '
            '"Kite Season" next week.', "2023-04-20")
    assert release(x, "Kite Season").artist == "Dana Holt"
    assert release(x, "Kite Season").date != PartialDate(2020, 6, 3)


def test_with_after_a_credit_names_a_co_producer_not_a_guest() -> None:
    x = run('Singer Sam Vale has another new song. Producer Tom Pike co-produced the new single '
            '"Pray Low" with Ada Quill.', "2017-10-06")
    assert release(x, "Pray Low").artist == "Sam Vale"
    assert "Ada Quill" not in artists(x)
    x = run('Singer Sam Vale shared "Pray Low" with Ada Quill.', "2017-10-06")
    assert release(x, "Pray Low").artist == "Sam Vale"  # a guest: still credited as such
    assert "Ada Quill" in artists(x)


def test_a_one_word_label_after_a_release_date_is_its_act_s_label() -> None:
    x = run('Rick Lane once sang with Sam Vale. Sam Vale\'s album "Thin Ice" is out 11/3 on '
            'Capitol.', "2017-10-06")
    assert ("Sam Vale", "label", "Capitol") in {(f.subject, f.predicate, f.object)
                                                for f in x.facts}


def test_an_act_with_a_long_aside_before_its_verb_is_the_act() -> None:
    x = run('Last month, Sam Vale, the heir apparent to Rick Lane\'s "sad and sleepy soul '
            'singer from the suburbs" throne, shared a new single called "Goodbye Road." '
            'Today, he is back with another one.', "2017-10-06")
    assert release(x, "Goodbye Road").artist == "Sam Vale"
    assert x.artists[0].name == "Sam Vale"  # the article's act, before whom it compares him to


def test_a_title_an_act_returns_with_and_the_credit_of_the_new_record() -> None:
    x = run("Indie duo Salt & Cedar return with Low Country, their first album in five years, "
            "due March 8 via Moth Records. The record follows 2019's Harbor Songs and was "
            "produced by Ada Quill at her studio in Bristol.", "2024-01-10")
    assert release(x, "Low Country").date == PartialDate(2024, 3, 8)
    credits = {(f.subject, f.object) for f in x.facts if f.predicate == "produced_by"}
    assert credits == {("Low Country", "Ada Quill")}  # not the album it follows


@pytest.mark.parametrize(("sentence", "iso"), [
    ("Low Tide, the new album from Mara Quill, arrives January 30 via Fernwood.", "2027-01-30"),
    ("Mara Quill has announced Low Tide, her fourth studio album, for a January 30 release.",
     "2027-01-30"),
    ("The new record from Mara Quill, Low Tide, lands on January 22nd.", "2027-01-22"),
    ("Mara Quill will release Low Tide, the follow-up to 2022's Glass, on Jan. 22.",
     "2027-01-22"),
    ('Mara Quill\'s new single "Low Tide" hits streaming services Friday, Dec. 11.',
     "2026-12-11"),
])
def test_unquoted_titles_in_appositives(sentence: str, iso: str) -> None:
    """A plain title named beside its release noun, wherever the noun stands; an earlier
    release named as a point of reference does not take the new one's date."""
    x = run(sentence, "2026-12-06")
    r = release(x, "Low Tide")
    assert (r.artist, r.date.iso() if r.date else None) == ("Mara Quill", iso)
    assert "Low Tide" not in artists(x)
    assert all(q.date is None or q.date.year == 2022 for q in x.releases if q.title == "Glass")


def test_a_comeback_date_dates_the_title_track_named_later() -> None:
    """A K-pop delay: the comeback's new day in one sentence, its title track in another; the
    old plan ("were scheduled for comeback on the first week") and the teasers' days are not
    the release's."""
    x = run("STARLUME has delayed its comeback by a week. On March 2nd, their agency said "
            "they were scheduled for comeback on the first week of March, but they have moved "
            "the group's comeback date to the 14th. STARLUME revealed that their title track "
            "would be \"Prism Heart.\" Teasers will be released on the 8th and 10th.",
            "2027-03-03")
    r = release(x, "Prism Heart")
    assert r.date == PartialDate(2027, 3, 14)
    assert "2027-03-14" not in [e.date.iso() for e in x.events]


def test_a_comeback_date_never_overrides_a_dated_release() -> None:
    x = run("Grey Harbour's album \"Salt Year\" arrives on May 3. The band's comeback on the "
            "stage of the Roundhouse is set for the 20th of May.", "2027-03-03")
    assert release(x, "Salt Year").date == PartialDate(2027, 5, 3)


def test_a_title_track_with_its_own_name_is_not_the_album_again() -> None:
    x = run("NOVA9 will return on December 18 with their fifth mini album \"Afterglow.\" The "
            "music video teaser for the title track \"Midnight Run\" drops on December 15.",
            "2026-12-08")
    assert [(r.title, r.kind) for r in x.releases if r.title == "Afterglow"] == [
        ("Afterglow", "album")]
    assert release(x, "Midnight Run")


def test_a_debut_named_in_apposition_and_its_anniversary_is_not_its_day() -> None:
    """"Their debut, Northern Lines, turns ten next month: it came out on January 8, 2017":
    the debut is a release, dated by when it came out, never by when it turns ten."""
    x = run("Kettle Static have a new album out. Their debut, Northern Lines, turns ten next "
            "month: it came out on January 8, 2017.", "2026-12-06")
    assert release(x, "Northern Lines").date == PartialDate(2017, 1, 8)


def test_a_round_up_line_with_whose() -> None:
    """"Next up is X, whose new record "Y" lands March 2": each line's release is its own act's."""
    x = run("Next up is Mara Quill, whose new record \"Low Tide\" lands March 1.\n\n"
            "Next up is The Hollow Pines, whose new record \"North of Nowhere\" lands March 2.",
            "2027-01-05")
    assert (release(x, "Low Tide").artist, release(x, "North of Nowhere").artist) == (
        "Mara Quill", "The Hollow Pines")
    assert release(x, "North of Nowhere").date == PartialDate(2027, 3, 2)


@pytest.mark.parametrize("line", [
    'The new Mara Quill single, "Low Tide," premieres March 1.',
    'Mara Quill\'s long-awaited comeback album "Low Tide" finally arrives March 1.',
    'After a three-year break, Mara Quill is back with "Low Tide" (March 1).',
    'Mara Quill teamed up with DJ Halo for "Low Tide," out March 1.',
])
def test_round_up_lines_name_their_act(line: str) -> None:
    x = run(line + "\n\nThe Hollow Pines will tour in the spring.", "2027-01-05")
    r = release(x, "Low Tide")
    assert (r.artist, r.date) == ("Mara Quill", PartialDate(2027, 3, 1))


def test_an_act_only_a_release_names_is_the_one_a_pronoun_tours_as() -> None:
    """"Marla Quinn will put out her third album …. She will tour the UK in April": the act is
    known from the release sentence alone, and the tour is hers, not "unknown"."""
    x = run("Marla Quinn will put out her third album, Paper Lanterns, on March 13.\n\n"
            "She will tour the UK in April, starting April 2 at the Albert Hall.", "2026-01-20")
    assert artists(x) == {"Marla Quinn"}
    assert event(x, "tour_date", "2026-04-02").subject == "Marla Quinn"


def test_a_pushed_back_object_and_the_date_it_was_due() -> None:
    """"has pushed her album Night Garden back a week to February 13. It was due on
    February 6": the new date is the album's, the old one its previous date."""
    x = run("Rosa Lind has pushed her album Night Garden back a week to February 13. It was due "
            "on February 6.", "2026-01-26")
    r = release(x, "Night Garden")
    assert (r.date, r.previous_date) == (PartialDate(2026, 2, 13), PartialDate(2026, 2, 6))


def test_a_noun_before_a_possessed_title_is_not_part_of_it() -> None:
    x = run("Tom Reyes will drop his mixtape Backroads on Friday, while Kid Orbit's EP Static "
            "Bloom arrives on February 20.", "2026-01-26")
    assert "EP Static Bloom" not in titles(x)
    r = release(x, "Static Bloom")
    assert (r.kind, r.artist, r.date) == ("ep", "Kid Orbit", PartialDate(2026, 2, 20))


def test_a_hyphenated_word_between_an_act_and_its_record() -> None:
    """"Mara Vale's long-delayed record, Paper Suns": Mara Vale's, not the act named before."""
    x = run("The Lantern Sisters have moved their single \"Northbound\" up to January 30.\n\n"
            "Mara Vale's long-delayed record, Paper Suns, now has a release date: March 6.",
            "2026-01-26")
    assert release(x, "Paper Suns").artist == "Mara Vale"


def test_a_chart_line_names_its_acts() -> None:
    """A chart report: "Tilly North's Harbour Lights debuts at Number 1" makes Tilly North the
    act (not "Tilly North's Harbour Lights"), and "the Raymonds score … as "Paper Moon"
    climbs" gives the Raymonds their single, not the act named before them."""
    x = run("Kira Vance's \"Night Bus\" holds at Number 1 for a third week.\n\n"
            "Elsewhere, the Raymonds score their fourth Top 10 hit as \"Paper Moon\" climbs "
            "five places to Number 7.\n\n"
            "On the albums chart, Tilly North's Harbour Lights debuts at Number 1.", "2026-12-04")
    assert "Tilly North" in artists(x)
    assert not any("'s" in a for a in artists(x))
    assert release(x, "Paper Moon").artist == "Raymonds"


def test_his_own_album_is_the_subjects_not_the_act_he_wrote_for() -> None:
    """"He wrote "Long Gone Train," a No. 1 hit for Della Marsh in 1974, and released his own
    album, Prairie Hymns, in 1977": the song is Della Marsh's, the album his."""
    x = run("Pell Harmon, the songwriter behind a string of country hits, died on Tuesday.\n\n"
            "He wrote \"Long Gone Train,\" a No. 1 hit for Della Marsh in 1974, and released his "
            "own album, Prairie Hymns, in 1977.", "2026-12-03")
    assert release(x, "Long Gone Train").artist == "Della Marsh"
    assert release(x, "Prairie Hymns").artist == "Pell Harmon"


def test_a_round_up_line_with_an_acronym_title() -> None:
    x = run("Release dates moved again.\n\nBlake Vale, V.R.K. Old date: Nov. 27. New date: "
            "Dec. 4. Reason: a better week.", "2007-10-10")
    r = release(x, "V.R.K.")
    assert (r.artist, r.date, r.previous_date) == (
        "Blake Vale", PartialDate(2007, 12, 4), PartialDate(2007, 11, 27))


def test_titles_and_dates_paired_respectively() -> None:
    """"the singles "Night Ferry" and "Salt Lines", released in March and April respectively":
    March is the first's, April the second's (not March for the nearer one)."""
    x = run("Mara Vale's fifth album, Low Hours, is out today. The record includes the singles "
            "\"Night Ferry\" and \"Salt Lines\", released in March and April respectively, and "
            "features Tom Reyes on \"Paper Boats\".", "2024-06-07")
    assert release(x, "Night Ferry").date == PartialDate(2024, 3)
    assert release(x, "Salt Lines").date == PartialDate(2024, 4)


def test_a_title_that_topped_the_chart_is_out_whatever_comes_next() -> None:
    """"whose debut album Harbour Lights topped the chart in November, will play the main
    stage": the album is released, not upcoming because of the show."""
    x = run("Tilly North, whose debut album Harbour Lights topped the chart in November, will "
            "play the main stage on July 10.", "2026-11-27")
    assert release(x, "Harbour Lights").status == "released"


def test_whose_own_album_is_that_acts() -> None:
    """"features Tom Reyes, whose own album Backroads came out in 2023": Backroads is Tom
    Reyes's, not the reviewed act's."""
    x = run("Mara Vale returns with Low Hours. The album's centrepiece features Tom Reyes, whose "
            "own album Backroads came out in 2023.", "2024-06-10")
    assert release(x, "Backroads").artist == "Tom Reyes"


def test_a_count_after_a_plain_title_is_not_part_of_it() -> None:
    x = run("Velvet Harbor will reissue their 2005 album Paper Coast for its 20th anniversary.",
            "2025-03-04")
    assert titles(x) == {"Paper Coast"}


@pytest.mark.parametrize("text", [
    "The band's 2009 album Paper Coast gave us “Tin Roof” and “Cold Front,” and it still sells.",
    "This is the record that gave us “Tin Roof” and “Cold Front,” and it still sells.",
    "The album includes \"Tin Roof\" and \"Cold Front\".",
])
def test_what_a_record_holds_is_a_song_not_an_album(text: str) -> None:
    x = run(text, "2025-03-04")
    assert {release(x, t).kind for t in ("Tin Roof", "Cold Front")} == {"other"}


def test_an_album_featuring_a_guest_keeps_its_kind() -> None:
    x = run('Her new album featuring Tom Reyes, "Paper Town", is out Friday.', "2025-03-04")
    assert release(x, "Paper Town").kind == "album"


def test_a_deluxe_edition_named_alone_is_the_new_edition_of_the_record() -> None:
    x = run("Velvet Harbor will reissue their 2005 album Paper Coast for its 20th anniversary. "
            "The deluxe edition will be released on June 3 and adds ten demos.", "2025-03-04")
    coast = {(r.edition, r.date.iso() if r.date else None)
             for r in x.releases if r.title == "Paper Coast"}
    assert coast == {(None, "2005"), ("reissue", "2025-06-03")}
    # a festival's edition is no record's
    y = run("Velvet Harbor released the album Paper Coast in May. The festival's 2025 edition "
            "will be released on video on June 3.", "2025-03-04")
    assert {r.edition for r in y.releases} == {None}


def test_an_act_joining_him_on_the_song_is_its_guest_with_that_sentence() -> None:
    x = run('Jason Vale teased a duet titled "Salt Road" for Friday. The guessing ended when '
            "country singer Carrie Lane confirmed she is the one joining the Georgia native on "
            "the song.", "2025-03-04")
    assert release(x, "Salt Road").featuring == ("Carrie Lane",)
    said = [f.evidence for f in x.facts if f.predicate == "featuring"]
    assert len(said) == 1 and said[0].startswith("The guessing ended")
    # a producer who joined him is no guest: only an act the article knows
    y = run('Jason Vale teased a duet titled "Salt Road" for Friday. Tom Reyes, who produced '
            "it, joined him in the studio on the song.", "2025-03-04")
    assert release(y, "Salt Road").featuring == ()


@pytest.mark.parametrize("text", [
    'A remix of "Glass Ferry" by DJ Pell is out Friday. Singer Mara Quill released the single '
    '"Glass Ferry" last week.',
    'Singer Mara Quill released the single "Glass Ferry" last week. A remix of "Glass Ferry" by '
    "DJ Pell is out Friday.",
])
def test_a_remix_by_someone_is_not_their_song(text: str) -> None:
    assert release(run(text, "2024-09-18"), "Glass Ferry").artist == "Mara Quill"


ROUND_UP = (
    "It's Friday, which means a fresh batch of releases.\n"
    'Kira Vance – "Glass Heart"\n'
    'The pop singer returns with "Glass Heart," the first taste of her third album, Neon '
    "Psalms, due August 16 on Rivermark Records.\n"
    "Tallow Creek – Long Way Home\n"
    "The Colorado bluegrass band's fifth album, Long Way Home, was produced by Sam Ortiz and "
    "features a cover of Dolly Parton's \"Jolene.\"\n"
    'Nigerian singer Benji Oduya teams up with Lani Ross on "Saltwater."\n'
)


def test_a_round_up_s_sub_headings_say_whose_each_paragraph_is() -> None:
    x = run(ROUND_UP, "2024-06-07")
    assert "Tallow Creek" in artists(x)
    assert release(x, "Long Way Home").artist == "Tallow Creek"
    assert release(x, "Neon Psalms").date == PartialDate(2024, 8, 16)
    # the heading line is not run into the sentence after it
    assert not any(r.evidence.startswith("Tallow Creek – Long Way Home The") for r in x.releases)


@pytest.mark.parametrize("where", ["Nigerian", "Puerto Rican", "Atlanta", "South African"])
def test_where_a_singer_is_from_is_no_act(where: str) -> None:
    x = run(f'{where} singer Benji Oduya released "Saltwater" on Friday.', "2024-06-07")
    assert artists(x) == {"Benji Oduya"}


def test_a_round_up_of_the_day_s_releases_dates_each_heading_s_title() -> None:
    x = run("Here are the best new songs and albums out today.\n" + ROUND_UP, "2024-06-07")
    assert release(x, "Glass Heart").date == PartialDate(2024, 6, 7)
    assert release(x, "Long Way Home").date == PartialDate(2024, 6, 7)
    assert release(x, "Neon Psalms").date == PartialDate(2024, 8, 16)  # its own day stays
    # without the round-up's words, a heading dates nothing
    assert release(run(ROUND_UP, "2024-06-07"), "Glass Heart").date is None


@pytest.mark.parametrize("text", [
    'Mara Quill has released "Glass Ferry," her first new music since 2022.',
    'Mara Quill has released "Glass Ferry," her first single since March.',
])
def test_a_point_of_reference_after_since_is_no_release_day(text: str) -> None:
    assert release(run(text, "2025-05-09"), "Glass Ferry").date is None


def test_an_ampersand_title_and_a_follow_up_years_later() -> None:
    x = run("Singer Rosa Lind will release her fourth studio album, SALT & IRON, on October 24. "
            "Lind broke through in 2015 with her debut album 1989 Nights. Its follow-up, The "
            "Long Quiet, arrived two years later.", "2025-09-02")
    assert release(x, "SALT & IRON").date == PartialDate(2025, 10, 24)
    assert "SALT" not in titles(x)
    assert release(x, "The Long Quiet").date == PartialDate(2017)  # 2015 + two


def test_a_plain_title_ends_before_by_and_its_act() -> None:
    x = run("Mara Quill is 41 today. She played the organ on the classic song Northern Rain by "
            "Cole and the Harbour Lights.", "2025-05-09")
    assert release(x, "Northern Rain").artist == "Cole and the Harbour Lights"
    # a pronoun or a small word after "by" goes on with the title
    assert "Stand by Your Window" in titles(run(
        "Mara Quill covered the song Stand by Your Window at the show.", "2025-05-09"))


def test_a_year_s_record_described_by_its_sales_is_named_after_them() -> None:
    x = run("Velvet Harbor's new album is the follow-up to 2011's 4 million-selling Paper Coast "
            "of the North.", "2014-03-01")
    assert release(x, "Paper Coast of the North").date == PartialDate(2011)
    assert "4" not in titles(x)


def test_an_owner_opening_a_plain_title_is_not_part_of_it() -> None:
    x = run("Singer Rosa Lind, who scored features on Mara Quill's Night Ferry and the Tidewater "
            'soundtrack, has shared a new song, "Silver Line."', "2025-05-09")
    assert release(x, "Night Ferry").artist == "Mara Quill"
    assert not any("'s" in t for t in titles(x))


BAND_NEWS = (
    "Indie rock band Harbor Lights have announced their third album, Quiet Engines, out May 2. "
    "The record was made at a farmhouse studio, singer Tom Reyes said in an interview. "
    'The band first performed the lead single "Copper Wire" live at a festival in April 2024, '
    "and the studio version premiered on Tuesday (February 18). "
    'The song "Old Flame", written by Reyes\'s father, will also appear on the album. '
    "Quiet Engines follows 2022's Paper Kites. "
    'The video for "Copper Wire," directed by Ana Vale, arrives Friday.'
)


def test_a_band_s_sentences_without_a_name_are_the_band_s() -> None:
    x = run(BAND_NEWS, "2025-02-20")
    # "The band first performed …", "… will also appear on the album", "Quiet Engines follows
    # 2022's Paper Kites": the band's, not the singer quoted before
    assert release(x, "Copper Wire", "single").artist == "Harbor Lights"
    assert release(x, "Old Flame").artist == "Harbor Lights"
    assert release(x, "Paper Kites").artist == "Harbor Lights"


def test_the_day_a_video_arrives_is_the_video_s_not_the_song_s() -> None:
    x = run(BAND_NEWS, "2025-02-20")
    assert release(x, "Copper Wire", "single").date != PartialDate(2025, 2, 21)
    assert release(x, "Copper Wire", "music_video").date == PartialDate(2025, 2, 21)


def test_a_weekday_s_bracketed_date_keeps_its_clause_s_verb() -> None:
    x = run(BAND_NEWS, "2025-02-20")
    # "premiered on Tuesday (February 18)" is no show, though the sentence speaks of one
    assert "2025-02-18" not in dates(x, "tour_date")


AWARDS = (
    "Mara Quill took home Album of the Year for Glass Weather at the 67th Grammy Awards on "
    "Sunday (Feb. 2) in Los Angeles. Glass Weather, her fourth studio album, was released in "
    'April 2024 via Harbour Records. Rock band The Hollow Pines won Best Rock Song for "Copper '
    'Wire," written by producer Ana Vale.'
)


def test_a_prize_for_a_record_names_the_act_and_the_record() -> None:
    x = run(AWARDS, "2025-02-03")
    assert {"Mara Quill", "The Hollow Pines"} <= artists(x)
    album = release(x, "Glass Weather", "album")
    assert (album.artist, album.date) == ("Mara Quill", PartialDate(2024, 4))
    assert release(x, "Copper Wire").artist == "The Hollow Pines"
    assert not any("Grammy" in t for t in titles(x))


def test_today_s_new_song_named_a_few_sentences_on_takes_today() -> None:
    text = ('Last month, Tom Reyes shared a new single called "Low Road." Today, he\'s got '
            "another new song, and he's also announced that he'll release Harbor Days, his "
            'second album, next month. Ana Vale co-produced the new single "Glass Ferry" with him.')
    x = run(text, "2024-10-04")
    assert release(x, "Glass Ferry").date == PartialDate(2024, 10, 4)
    assert release(x, "Harbor Days").date == PartialDate(2024, 11)
    # "the new single" far from today's news, or a song merely named, takes no day
    far = text + " He toured. He rested. He wrote. Ana Vale produced the new single \"Salt\"."
    assert release(run(far, "2024-10-04"), "Salt").date is None


def test_a_round_up_of_the_day_dates_what_it_says_has_dropped() -> None:
    x = run("This New Music Friday (August 27) is one for the books. Fans are still awaiting the "
            "release of Ash Garden as Tom Reyes tours, but Mara Quill has also dropped an album "
            "with the release of Glass Ferry Road.", "2021-08-27")
    assert release(x, "Glass Ferry Road").date == PartialDate(2021, 8, 27)
    assert release(x, "Ash Garden").date is None  # awaited, in a clause of its own
    # without the round-up's words, "has dropped" gives no day
    y = run("Mara Quill has also dropped an album with the release of Glass Ferry Road.",
            "2021-08-27")
    assert release(y, "Glass Ferry Road").date is None


def test_a_reissue_announced_for_later_is_this_year_s_and_the_band_s() -> None:
    x = run("Cinder Road will celebrate the 30th anniversary of their debut album Night Swims "
            "with a deluxe reissue on March 8, the band announced Wednesday. Originally released "
            "on February 14, 1994, Night Swims spawned a hit. Singer Ana Ruiz said the band will "
            "tour the album this fall.", "2024-01-10")
    assert "Cinder Road" in artists(x)
    assert {r.artist for r in x.releases} == {"Cinder Road"}
    # the reporting tail says when the news broke; the reissue's day is ahead
    assert PartialDate(2024, 3, 8) in {r.date for r in x.releases} | {
        e.date for e in x.events}
    assert PartialDate(2023, 3, 8) not in {r.date for r in x.releases}


def test_a_date_moved_up_keeps_the_plan_it_had() -> None:
    text = ("Good news for Dex Marlow fans: the rapper's fifth studio album, Static Bloom, will "
            "now arrive on November 14, two weeks earlier than planned, his label confirmed on "
            "Wednesday.\n\nThe album was originally scheduled to drop on November 28, the day "
            "after Thanksgiving.\n")
    x = run(text, "2025-10-08")
    bloom = release(x, "Static Bloom")
    assert bloom.date is not None and bloom.date.iso() == "2025-11-14"
    # "was originally scheduled to drop on": the cue stands more than 30 characters back
    assert bloom.previous_date is not None and bloom.previous_date.iso() == "2025-11-28"


def test_a_tracklist_s_album_keeps_its_day_and_guests_are_acts_not_titles() -> None:
    x = run("Kid Orbit has revealed the tracklist for his third album Night Engines, out Friday "
            "via Halo Records. The 12-song set features guest spots from Mara Quill, Dex Marlow "
            "and Nova Reyes.\n", "2025-03-03")
    engines = release(x, "Night Engines")
    # a track list's day would be promotion; "the tracklist for his third album X, out
    # Friday" is the album's
    assert engines.date is not None and engines.date.iso() == "2025-03-07"
    # "guest spots from A, B and C": guests, never a record called "Mara Quill"
    assert titles(x) == {"Night Engines"}
    assert {"Mara Quill", "Dex Marlow", "Nova Reyes"} <= artists(x)


def test_a_teaser_s_release_day_is_still_the_teaser_s() -> None:
    x = run('Kid Orbit will release his album "Night Engines" on March 14. The music video '
            "teaser will be released on March 10.\n", "2025-03-03")
    assert release(x, "Night Engines").date == PartialDate(2025, 3, 14)


def test_a_teaser_for_the_title_track_dates_neither_the_track_nor_its_record() -> None:
    x = run('NOVA NINE will return with their third mini album "Glass Orbit" on March 5. The '
            'music video teaser for the title track "Runaway Signal" will drop on March 3.\n',
            "2025-02-03")
    assert release(x, "Glass Orbit").date == PartialDate(2025, 3, 5)
    # the teaser's subject stands far back and the record it is for is no subject of its own
    assert release(x, "Runaway Signal").date is None


def test_the_track_s_aside_dates_the_track_not_the_title_named_after_it() -> None:
    x = run("Tessa Rook's Paper Moon has held onto the Number 1 spot on the Official Singles "
            "Chart for a third week. The track, released last month via Violet Hour Records, "
            "fended off competition from Dorian Vale's Salt Lines, which climbs to Number 2.\n",
            "2025-06-20", title="Tessa Rook's 'Paper Moon' Holds at Number One")
    # a record on the singles chart is a single; "The track, released last month, …" is
    # that single's month, never the rival's named after the aside
    paper = release(x, "Paper Moon")
    assert (paper.kind, paper.date) == ("single", PartialDate(2025, 5))
    assert release(x, "Salt Lines").date is None


def test_a_quoted_title_in_apposition_or_after_the_release_of_is_a_record() -> None:
    x = run('"Glass Heart", Kai Dorne\'s fourth album, will now arrive a week early, on Monday, '
            "November 24.\n", "2008-10-20")
    heart = release(x, "Glass Heart")
    assert (heart.kind, heart.date) == ("album", PartialDate(2008, 11, 24))
    x = run('Kai Dorne has moved the release of "Glass Heart" up one week to November 24.\n',
            "2008-10-20")
    assert release(x, "Glass Heart").date == PartialDate(2008, 11, 24)


def test_the_album_of_the_next_sentence_is_a_record_of_no_kind_said() -> None:
    x = run('Kai Dorne\'s "Glass Heart" is coming sooner than expected. The album, previously '
            "due December 1, now hits stores November 24.\n", "2008-10-20")
    heart = release(x, "Glass Heart")
    assert (heart.date, heart.previous_date) == (PartialDate(2008, 11, 24),
                                                 PartialDate(2008, 12, 1))


def test_what_the_band_fronted_by_a_singer_did_is_the_band_s() -> None:
    x = run("Lumen Drive have announced a world tour. The band, fronted by singer Ada Crane, last "
            "toured in 2023 behind their debut, Paper Lanterns.\n", "2026-01-22")
    assert release(x, "Paper Lanterns").artist == "Lumen Drive"
    assert [(e.subject, e.date.iso()) for e in x.events if e.kind == "tour_date"] == [
        ("Lumen Drive", "2023")]


def test_a_place_and_a_kind_of_act_before_the_name_and_two_acts_teaming_up() -> None:
    x = run('"Paper Hearts" is the new single from Brooklyn trio Glass Animals Club.\n\n'
            'Jon Ardent and Lila Moss team up on "Harbor Lights," released today.\n',
            "2026-03-13")
    # "from Brooklyn trio X": where they are from and what they are are not the act
    assert release(x, "Paper Hearts").artist == "Glass Animals Club"
    # two acts that team up on a song: the first is its act, never the act of the paragraph
    # before
    assert release(x, "Harbor Lights").artist == "Jon Ardent"
    assert {"Jon Ardent", "Lila Moss"} <= artists(x)
    assert "Brooklyn" not in artists(x)


def test_a_record_bumped_up_in_the_passive_and_one_postponed_indefinitely() -> None:
    x = run("Meanwhile, DJ Halo's debut, Night Circuit, has been postponed indefinitely. It had "
            "been set to arrive September 27.\n\nOn the flip side, good news for fans of Ana "
            "Vale: her new EP, Ferns, has been bumped up to September 13 from September 20.\n",
            "2011-09-02")
    ferns = release(x, "Ferns")
    # "fans of Ana Vale: her new EP": hers, not the act of the paragraph before; the new day
    # and the old one, no events of their own
    assert (ferns.artist, ferns.date, ferns.previous_date) == (
        "Ana Vale", PartialDate(2011, 9, 13), PartialDate(2011, 9, 20))
    assert not [e for e in x.events if e.date.month == 9 and e.date.day in (13, 20)]
    # a record postponed indefinitely is still to come, and its old plan is no date of it
    night = release(x, "Night Circuit")
    assert (night.status, night.date) == ("upcoming", None)


ANNIVERSARY_NEWS = (
    "Fifteen years ago today, on October 3, 2009, Copper Lane released their second album, "
    "Lowland Radio.\n\nProduced by Sam Hollis at Rockfield Studios, the album debuted at No. 4 "
    'and spawned three singles: "Paper Town," "Northern Star" and "Kites."\n\nTo celebrate, '
    "the band will release an expanded edition on November 22 featuring 12 unreleased demos. "
    'Frontman Will Carver said the record "still feels like home."\n')


def test_an_anniversary_article_s_credits_speech_and_edition_day() -> None:
    x = run(ANNIVERSARY_NEWS, "2024-10-03")
    # "Produced by X, the album …": the album's producer, not its singles'
    assert ("Lowland Radio", "produced_by", "Sam Hollis") in {
        (f.subject, f.predicate, f.object) for f in x.facts}
    assert not [f for f in x.facts if f.predicate == "produced_by" and f.subject != "Lowland Radio"]
    # "said the record "still feels like home."": speech, no title
    assert "still feels like home" not in titles(x)
    # "an expanded edition … unreleased demos" are what the record is: the day is ahead
    assert "2023-11-22" not in [e.date.iso() for e in x.events]


def test_unquoted_titles_of_a_moved_record() -> None:
    cases = [
        "The release date of Kai Dorne's 909s & Static has been moved up a week, to Nov. 24.",
        "Kai Dorne will now release 909s & Static on November 24, a week earlier than planned.",
        "Island Records has moved up the release of Kai Dorne's 909s & Static to Nov. 24.",
        "Kai Dorne's 909s & Static has a new release date: November 24. It was originally set "
        "for December 1.",
    ]
    for text in cases:
        x = run(text + "\n", "2008-10-20")
        # the title without its act's name, on its new day
        assert {(r.title, r.date) for r in x.releases} == {
            ("909s & Static", PartialDate(2008, 11, 24))}, text


def test_the_record_and_its_title_track_released_on_one_day() -> None:
    x = run('On September 8, LUMA unveiled a comeback schedule for their third mini album "Echo '
            'Room." According to the schedule, the mini album and its title track "Midnight '
            'Chase" will be released on September 27 at 6 p.m. KST.\n', "2022-09-08")
    assert (release(x, "Echo Room").date, release(x, "Echo Room").status) == (
        PartialDate(2022, 9, 27), "upcoming")
    assert release(x, "Midnight Chase").date == PartialDate(2022, 9, 27)


def test_a_move_in_a_quoted_statement_replaces_the_planned_day() -> None:
    # "postpone" in its plain form, "the release" of the record still to come, and the year
    # of the new day ahead however past "have decided" is
    x = run('On March 2, their agency said, "Glass Tide was scheduled to release their second '
            'mini album \'Noon Bell\' on March 9, but member Aru has the flu. We have decided '
            'to postpone the release to March 23."\n', "2023-03-03")
    r = release(x, "Noon Bell")
    assert (r.date, r.previous_date) == (PartialDate(2023, 3, 23), PartialDate(2023, 3, 9))
    assert "2022-03-23" not in [e.date.iso() for e in x.events]


def test_a_later_move_replaces_the_day_said_before() -> None:
    x = run('Kai Dorne will release his album "Low Pier" on October 10 via Ember Lane.\n\n'
            "Update: The album has been pushed back to November 21, the label said.\n",
            "2024-09-01")
    r = release(x, "Low Pier")
    assert (r.date, r.previous_date) == (PartialDate(2024, 11, 21), PartialDate(2024, 10, 10))


def test_moves_said_other_ways() -> None:
    x = run('"Fold," the veteran band\'s first album in a decade, will now be released on May 2 '
            "instead of May 16, the band said.\n", "2025-03-10")
    r = release(x, "Fold")
    assert (r.date, r.previous_date) == (PartialDate(2025, 5, 2), PartialDate(2025, 5, 16))
    assert not x.events
    x = run('Milo Grant\'s debut album has been delayed again. "Morning Shift" was originally '
            "scheduled for release on August 9 but was pushed to September 13. The singer now "
            "says the album will arrive on October 18.\n", "2024-09-02")
    r = release(x, "Morning Shift")
    assert (r.date, r.previous_date) == (PartialDate(2024, 10, 18), PartialDate(2024, 9, 13))


def test_the_old_plan_said_after_a_quote_is_the_records_previous_day() -> None:
    x = run('The quartet\'s third LP, "Seventeen," is now due March 3, a week earlier than '
            'planned.\n\n"We just couldn\'t wait," singer Tess Harlan said.\n\n'
            "The record had originally been set for March 10.\n", "2025-02-04")
    r = release(x, "Seventeen")
    assert (r.date, r.previous_date) == (PartialDate(2025, 3, 3), PartialDate(2025, 3, 10))
    assert "2025-03-10" not in [e.date.iso() for e in x.events]


def test_the_song_opening_a_sentence_is_not_a_title_named_after_it() -> None:
    x = run('Dana Lark\'s "Heatwave" holds at No. 1 on the Official Singles Chart for a fifth '
            'week. The single, released on April 19, fended off a challenge from The Salt '
            'Honey\'s "River Mouth," which climbs to No. 2.\n', "2024-06-14")
    assert release(x, "Heatwave").date == PartialDate(2024, 4, 19)
    assert release(x, "River Mouth").date is None


def test_a_year_in_brackets_after_a_title_is_its_year() -> None:
    x = run('Santos played on four of their albums, including "Dust Bowl Radio" (2010) and '
            '"Heartland Static" (2014).\n', "2024-02-14")
    assert release(x, "Dust Bowl Radio").date == PartialDate(2010)
    assert release(x, "Heartland Static").date == PartialDate(2014)
    assert not x.events  # no tour in 2010 or 2014


def test_a_title_read_by_the_release_verb_before_or_after_it() -> None:
    x = run('According to their agency on May 8, the group will release "Candy Static" on '
            "May 15 at 6 p.m. KST.\n", "2024-05-09")
    assert release(x, "Candy Static").date == PartialDate(2024, 5, 15)


def test_a_deluxe_edition_of_the_album_and_the_original_day() -> None:
    x = run('It has been ten years since Iris Vane released "Halo Static."\n\n'
            "To mark the anniversary, she will release a deluxe edition of the album on "
            'November 8. "Halo Static" was first released on October 16, 2014, and spawned '
            'the hit "Glass Jaw," which peaked at No. 4.\n', "2024-10-01")
    dated = {(r.title, r.date.iso() if r.date else None, r.edition) for r in x.releases}
    assert {("Halo Static", "2014-10-16", None), ("Halo Static", "2024-11-08", "reissue"),
            ("Glass Jaw", None, None)} <= dated
    assert {d for _, d, _ in dated} == {"2014-10-16", "2024-11-08", None}


def test_a_title_after_a_first_album_since_is_the_new_one() -> None:
    x = run('The group will release "Brick & Mortar," their first album since 2012\'s "Rust '
            'Belt," on June 6 through Fat Lantern Records.\n', "2025-03-04")
    assert release(x, "Brick & Mortar").date == PartialDate(2025, 6, 6)
    assert release(x, "Rust Belt").date == PartialDate(2012)


def test_a_date_a_year_after_a_release_is_not_that_releases_day() -> None:
    x = run('Ana Reyes joined Velvet Mile in 2013, a year after the release of their debut album '
            '"Lowlands," and co-wrote much of 2016\'s "Copper Years."\n', "2024-06-05")
    assert release(x, "Lowlands").date is None
    assert release(x, "Copper Years").date == PartialDate(2016)


def test_a_quoted_statement_keeps_its_dates() -> None:
    x = run('On June 10, the agency announced, "Vivid Code will make a comeback with their fourth '
            'mini album \'Hide Out\' on July 5 at 6 p.m. KST." They released their third mini '
            'album "Neon Club" this past January.\n', "2024-06-11")
    assert release(x, "Hide Out").date == PartialDate(2024, 7, 5)
    assert release(x, "Neon Club").date == PartialDate(2024, 1)


def test_a_record_that_had_been_due_is_pushed_back_to_a_month() -> None:
    x = run("Meanwhile, Kai Dorne's Saltwater, which had been due October 14, has been pushed "
            "back to November.\n", "2008-09-17")
    r = release(x, "Saltwater")
    assert (r.date, r.previous_date) == (PartialDate(2008, 11), PartialDate(2008, 10, 14))
    assert not x.events


def test_a_move_whose_verb_stands_far_from_its_new_day() -> None:
    x = run("Ember Lane Records has moved the release date of the singer's fifth album, Glass "
            "Heart, up to November 24, according to a label rep. The album was originally set "
            "to drop on December 16.\n", "2008-10-08")
    r = release(x, "Glass Heart")
    assert (r.date, r.previous_date) == (PartialDate(2008, 11, 24), PartialDate(2008, 12, 16))


def test_a_quoted_statement_s_dates_are_no_events() -> None:
    x = run('The agency said, "We will hold a fan meeting on May 3 and a showcase on May 10 at '
            'Olympic Hall for everyone."\n', "2024-04-01")
    assert not x.events


def test_a_song_its_act_wants_to_release_is_one_release() -> None:
    x = run('In her new video for "Glass Ferry", Mara Vale tells a love story. The song premiered '
            'on June 10. Her label would not let her release "Glass Ferry" until it went viral.\n',
            "2022-06-12")
    assert [(r.title, r.date) for r in x.releases] == [("Glass Ferry", PartialDate(2022, 6, 10))]


def test_a_move_to_a_month_of_no_named_record_is_no_event() -> None:
    x = run("Meanwhile, Kai Dorne's next album has reportedly been pushed back to November.\n",
            "2008-09-17")
    assert not x.events


def test_a_teaser_confirming_a_comeback_day_looks_ahead() -> None:
    x = run("On May 20 at midnight KST, the group's agency released a teaser image through the "
            "group's official social media accounts, confirming the group's return with their "
            'third mini album "Hide Away" on June 9 at 6 p.m. KST.\n', "2022-05-20")
    r = release(x, "Hide Away")
    assert (r.date, r.status) == (PartialDate(2022, 6, 9), "upcoming")


def test_a_release_date_set_for_a_title_in_apposition_dates_it() -> None:
    # "a May 3 release date for X, her third album": the title by what follows it
    x = run("Lena Morrow announced a May 3 release date for Paper Coast, her third album, and "
            "a spring tour.\n", "2026-11-20")
    r = release(x, "Paper Coast")
    assert (r.artist, r.kind, r.date) == ("Lena Morrow", "album", PartialDate(2027, 5, 3))
    assert not x.events
