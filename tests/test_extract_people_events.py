"""People and dated events: births, birthdays, anniversaries, tours, others, figures."""

from __future__ import annotations

from bot.partial_dates import PartialDate
from tests.extract_helpers import artists, dates, event, person, release, run


def test_first_birthday_gives_the_birth_date_and_the_child_name() -> None:
    x = run("Mara Vale and her partner welcomed a son they named Kit last year. Mara Vale and "
            "boyfriend Ada Quill will celebrate their son's first birthday on July 14, 2022.",
            None)
    e = event(x, "birthday", "2021-07-14")
    assert e.subject == "Kit"
    assert person(x, "Kit").relation == "child"
    assert person(x, "Ada Quill").relation == "partner"


def test_turns_80_today() -> None:
    x = run("Legendary frontman Tom Reyes turns 80 today, and the band threw a party.",
            "2023-07-26")
    assert event(x, "birthday", "1943-07-26").subject == "Tom Reyes"


def test_80th_birthday_on_a_date() -> None:
    x = run("Singer Tom Reyes celebrates his 80th birthday on August 2.", "2023-07-26")
    assert event(x, "birthday", "1943-08-02")


def test_birthday_on_29_february() -> None:
    x = run("Singer Lio Park turns 20 today.", "2024-02-29")
    assert event(x, "birthday", "2004-02-29")
    x = run("Singer Lio Park celebrates her 21st birthday on February 29, 2024.", "2024-02-01")
    assert event(x, "birthday", "2003").date == PartialDate(2003)  # no 29 February in 2003


def test_born_on() -> None:
    x = run("Born on July 26th, 1950, in Hull, singer Tom Reyes is still touring.", "2023-01-01")
    assert event(x, "birthday", "1950-07-26")


def test_anniversary() -> None:
    x = run("Cinder Road marked the 10th anniversary of their debut album on October 24, 2016, "
            "with a post for fans.", "2016-10-25")
    assert event(x, "anniversary", "2016-10-24")
    x = run('Mara Vale\'s album "Paper Suns" turns 20 on March 3.', "2024-02-01")
    assert event(x, "anniversary", "2024-03-03")


def test_tour_dates_and_ticket_sales() -> None:
    x = run("Mara Vale will play two intimate shows on April 29 in Leeds and May 6 in Bristol, "
            "then head to Europe in September, beginning the tour on September 2 in Paris and "
            "wrapping up October 14 in Rome. Tickets go on sale Friday (April 1) at 10am.",
            "2022-03-28")
    assert dates(x, "tour_date") == ["2022-04-29", "2022-05-06", "2022-09-02", "2022-10-14"]
    assert dates(x, "other") == ["2022-04-01"]


def test_release_dates_shifted_today_are_no_tour_dates() -> None:
    # "dates" is a tour's word, never after "release"
    x = run("Sensing that today would be a good day to bury bad news, labels shifted the "
            "release dates for three big albums today. Mara Vale's record was one.",
            "2022-03-28")
    assert dates(x, "tour_date") == []
    x = run("Mara Vale added new dates today.", "2022-03-28")
    assert dates(x, "tour_date") == ["2022-03-28"]


def test_tv_appearance_and_joined_in() -> None:
    x = run("The news comes right before her April 16 appearance on 'Late Night Live', where "
            "she will perform. The drummer joined the band in 2015.", "2022-04-15")
    assert {"2022-04-16", "2015"} <= set(dates(x, "other"))


def test_tour_year_from_this_year() -> None:
    x = run("Tom Reyes is also launching another stadium tour this year.", "2025-04-15")
    assert dates(x, "tour_date") == ["2025"]


def test_records_sold() -> None:
    x = run("Singer Mara Vale said she has sold over 40 million records worldwide.",
            "2024-01-01")
    assert ("Mara Vale", "records_sold", "over 40 million") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_directed_and_produced_by_and_x_directing() -> None:
    x = run("The video for 'Night Ferry' was directed by Ada Quill and produced by Sam Oaks. "
            "It shows Ada Quill directing Mara Vale on a beach.", "2024-01-01")
    assert person(x, "Ada Quill").relation == "director"
    assert person(x, "Sam Oaks").relation == "producer"


def test_partner_children_and_former_spouse() -> None:
    x = run("Singer Tom Reyes and girlfriend, Lena Ford, have a daughter, Ivy. He is also "
            "father to his sons Jay, 11, and 12-year-old Tom Jr. from his marriage to ex-wife "
            "Rosa Lind.", "2024-01-01")
    assert person(x, "Lena Ford").relation == "partner"
    assert person(x, "Ivy").relation == "child"
    assert person(x, "Jay").relation == "child"
    assert person(x, "Rosa Lind").relation == "former partner"
    # stored as a former partner, never as the partner
    stated = {(f.predicate, f.object) for f in x.facts if f.subject == "Tom Reyes"}
    assert ("former_partner", "Rosa Lind") in stated and ("partner", "Rosa Lind") not in stated
    assert "Lena Ford" not in artists(x)


def test_band_members_and_label_signing() -> None:
    x = run("Cinder Road have parted ways with guitarist Nell Crane, who replaced the former "
            "guitarist Ben Hale. The band signed to Harbour Lights Records last year.",
            "2022-05-23")
    assert person(x, "Nell Crane").relation == "former member"  # the band let her go
    assert person(x, "Ben Hale").relation == "former member"
    assert "Nell Crane" not in artists(x)
    assert ("Cinder Road", "label", "Harbour Lights Records") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_on_capitol_style_label() -> None:
    x = run("Mara Vale, who is on Seabird Records, has announced a new single.", "2024-01-01")
    assert ("Mara Vale", "label", "Seabird Records") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_tour_date_list_lines() -> None:
    x = run("Dana Pike will tour in the spring.\n\nDana Pike 2024 Tour Dates:\n"
            "03/14 – Seattle, WA @ The Crocodile\n03/16 – Portland, OR @ Doug Fir Lounge\n"
            "April 2 - Denver, CO @ The Bluebird\n", "2023-12-05")
    assert dates(x, "tour_date") == ["2024-03-14", "2024-03-16", "2024-04-02"]


def test_tour_list_lines_without_a_separator() -> None:
    """"April 2 Chicago, IL Riviera Theatre", "4/5 Detroit, MI": a list line's date needs no
    dash after it when a place follows."""
    x = run("Dana Pike will tour in the spring.\n\nDana Pike 2024 Tour Dates:\n"
            "03/14 – Seattle, WA @ The Crocodile\nApril 2 Chicago, IL Riviera Theatre\n"
            "4/5 Detroit, MI - The Fillmore\n", "2023-12-05")
    assert dates(x, "tour_date") == ["2024-03-14", "2024-04-02", "2024-04-05"]


def test_tv_show_is_not_a_tour() -> None:
    x = run("Dana Pike also announced that she will appear on The Late Show on January 30.",
            "2023-12-05")
    assert dates(x, "other") == ["2024-01-30"]
    assert dates(x, "tour_date") == []


def test_band_members_listed_and_a_singer_wife() -> None:
    x = run("Band members Sarah Lee and Tom Ash said the delay was needed. Ash and his wife, "
            "singer Mia Ash, welcomed a daughter on March 3.", "2024-03-20")
    assert person(x, "Sarah Lee").relation == "member"
    assert person(x, "Tom Ash").relation == "member"
    assert person(x, "Mia Ash").relation == "partner"
    assert event(x, "birthday", "2024-03-03")
    assert "Band" not in artists(x)


def test_a_person_turning_30_is_a_birthday_a_record_turning_20_an_anniversary() -> None:
    x = run("Lena Sol, who turns 30 on Sunday, will perform the song live.", "2024-08-27")
    assert event(x, "birthday", "1994-09-01").subject == "Lena Sol"


def test_capitalised_roles_and_descriptors() -> None:
    x = run("Veteran rockers Iron Valley have announced their new album, Thunder Road. Frontman "
            "Rick Stone said the album was produced by longtime collaborator Jim Beck. Drummer "
            "Pete Lane rejoined the band last year. Iron Valley formed in 1985.", "2024-11-05")
    assert person(x, "Rick Stone").relation == "member"
    assert person(x, "Pete Lane").relation == "member"
    assert ("Thunder Road", "produced_by", "Jim Beck") in {
        (f.subject, f.predicate, f.object) for f in x.facts}
    assert {"2023", "1985"} <= set(dates(x, "other"))


def test_the_cue_before_a_date_says_what_happens_on_it() -> None:
    x = run("Nora Quinn will sign records at Rough Trade on Saturday, October 14, and plays the "
            "Beacon Theatre on October 20.", "2023-10-09")
    assert dates(x, "other") == ["2023-10-14"]
    assert dates(x, "tour_date") == ["2023-10-20"]


def test_first_names_that_are_months_and_from_to_years() -> None:
    x = run("Cinder Road have parted ways with guitarist Jan Hale. The singer was previously "
            "married to Rosa Lind from 2015 to 2018.", "2022-05-23")
    assert person(x, "Jan Hale").relation == "former member"
    assert dates(x, "other") == ["2015"]


def test_an_events_subject_is_the_first_act_of_the_sentence() -> None:
    x = run("Cinder Road will also play Rock Fest in July, followed by a tour with Vesk "
            "starting on August 15th.", "2022-05-23")
    assert {e.subject for e in x.events} == {"Cinder Road"}
    assert dates(x, "tour_date") == ["2022-07", "2022-08-15"]


def test_an_album_turning_20_and_a_reissue_are_not_mixed_up() -> None:
    x = run("Twenty years ago today, The Paper Suns released their breakthrough album, Static "
            "Bloom, on August 3, 2004. The record, which turns 20 today, spawned the hits "
            '"Signal Fire" and "Low Orbit" and went on to sell more than 3 million copies. To '
            "mark the anniversary, the band will reissue it on vinyl on October 18. They will "
            "play it in full at the Roundhouse on November 2.", "2024-08-03")
    assert dates(x, "anniversary") == ["2024-08-03"]
    assert dates(x, "tour_date") == ["2024-11-02"]
    assert ("The Paper Suns", "records_sold", "more than 3 million") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_a_partner_who_directed_the_video_keeps_both_facts() -> None:
    x = run('In her new video for "Glass Harbour", Mara Vale stars with boyfriend Ada Quill. '
            "The video shows Quill directing Mara Vale on a beach. Mara Vale is on Capitol "
            "Records.", "2024-01-01")
    facts = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("Mara Vale", "partner", "Ada Quill") in facts
    assert ("Glass Harbour", "directed_by", "Ada Quill") in facts
    assert ("Mara Vale", "label", "Capitol Records") in facts
    assert [p.name for p in x.people] == ["Ada Quill"]


def test_tour_list_with_weekdays() -> None:
    x = run("Cinder Road announced a tour.\n\nFri, Sep. 2 – Montreal, QC – Bell Centre\n"
            "Saturday, September 3 – Toronto, ON – Massey Hall\n", "2022-03-28")
    assert dates(x, "tour_date") == ["2022-09-02", "2022-09-03"]


def test_a_dateline_is_not_a_tour_list_and_he_is_the_birthday_act() -> None:
    x = run("Tuesday, October 25, 2016 4:23am ET\n\nThe Paper Suns frontman, Tom Reyes, is "
            "celebrating his 80th birthday today with The Paper Suns. He is the father of five "
            "children, with the fifth born in 2016.", "2023-07-26")
    assert dates(x, "tour_date") == []
    assert event(x, "birthday", "1943-07-26").subject == "Tom Reyes"
    assert event(x, "birthday", "2016").subject == "Tom Reyes's fifth child"


def test_a_parent() -> None:
    x = run("Singer Lio Park, the daughter of singer Tom Reyes, has released a new single.",
            "2024-01-01")
    assert person(x, "Tom Reyes").relation == "parent"
    assert ("Lio Park", "parent", "Tom Reyes") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_a_list_of_trades_names_no_band_member() -> None:
    # Birthday lists name people by trade: "Guitarist X is 70" says nothing of a band.
    x = run("Happy birthday to Tin Lantern, who turn 20 today. Guitarist Ray Kell is 70. "
            "Drummer Sue Park is 64. Bassist Ned Ash is 58.", "2026-05-01")
    members = {(p.name, p.relation) for p in x.people if "member" in p.relation}
    assert members == set()
    assert not [f for f in x.facts if f.predicate in ("member", "former_member")]


def test_joins_leaves_and_replaces_keep_their_direction() -> None:
    x = run("Indie band Grey Harbour have a new line-up. Guitarist Joe Kell joined Grey Harbour "
            "in 2020, replacing Mark Dunne. Ana Ruiz left Grey Harbour last year, and Lena "
            "Morrow has joined the band as its new drummer.", "2026-05-01")
    facts = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("Grey Harbour", "member", "Joe Kell") in facts
    assert ("Grey Harbour", "former_member", "Mark Dunne") in facts
    assert ("Grey Harbour", "former_member", "Ana Ruiz") in facts
    assert ("Grey Harbour", "member", "Lena Morrow") in facts
    assert artists(x) == {"Grey Harbour"}  # its members are people, not acts


def test_leaving_a_place_is_no_membership() -> None:
    x = run("Singer Mara Vale has shared a new single. Ana Ruiz left Nashville in 2010 and "
            "never looked back.", "2026-05-01")
    assert "Ana Ruiz" not in {p.name for p in x.people}
    assert "Nashville" not in artists(x)


def test_family_and_partners_are_whose_the_wording_says() -> None:
    x = run("Singer Mara Vale has shared a new single. Her producer Joe Kell, the son of "
            "Peter Kell, married Dana Fox in 2019. Mara Vale's husband Tom Reyes directed the "
            "video.", "2026-05-01")
    facts = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("Joe Kell", "parent", "Peter Kell") in facts
    assert ("Joe Kell", "partner", "Dana Fox") in facts
    assert ("Mara Vale", "partner", "Tom Reyes") in facts
    assert ("Mara Vale", "parent", "Peter Kell") not in facts
    assert ("Mara Vale", "partner", "Dana Fox") not in facts


BROTHERS = """The Morrow Brothers announce a spring tour

Sam Morrow has announced thirty spring dates for the Morrow Brothers, the band's longest run yet.

"We can't wait," said Morrow, the band's drummer. Morrow added that the band would play new songs.

The Morrow Brothers play London on May 3, Leeds on May 5 and Glasgow on May 7.
"""


def test_a_brothers_band_is_the_act_and_its_member_is_not() -> None:
    x = run(BROTHERS, "2026-03-02")
    assert x.artists[0].name == "The Morrow Brothers"
    assert "Sam Morrow" not in artists(x)  # a member is never promoted to the act
    assert person(x, "Morrow").relation == "member"
    tour = [e for e in x.events if e.kind == "tour_date"]
    assert len(tour) == 3 and {e.subject for e in tour} == {"The Morrow Brothers"}


def test_acts_are_known_by_what_the_text_says_of_them() -> None:
    x = run("Formed in a garage, the Lantern Sisters are a folk duo from Cork. Kettle Static, "
            "a five-piece band from Leeds, played first. Paper Coast frontman Jonah Reyes "
            "joined them on stage.", "2026-03-02")
    assert {"Lantern Sisters", "Kettle Static", "Paper Coast"} <= {
        a.removeprefix("the ").removeprefix("The ") for a in artists(x)}
    assert "Jonah Reyes" not in {p.name for p in x.people if p.relation != "member"}


def test_members_named_in_a_list_belong_to_the_act_the_wording_names() -> None:
    x = run("Guests included Tin Lantern, Mara Vale and Velvet Owl members Joe Kell and Ana Ruiz."
            "\n\nThe festival lineup features bassist Ned Ash and drummer Sam Hill.", "2026-05-01")
    members = {(p.of, p.name) for p in x.people if p.relation == "member"}
    assert members == {("Velvet Owl", "Joe Kell"), ("Velvet Owl", "Ana Ruiz")}


def test_is_50_today() -> None:
    x = run("Rowan Pike is 50 today. Happy birthday!", "2026-12-06")
    assert event(x, "birthday", "1976-12-06").subject == "Rowan Pike"


def test_celebrated_her_30th() -> None:
    x = run("Singer Rosa Lind celebrated her 30th on Saturday with a show in Leeds.",
            "2026-12-07")
    assert event(x, "birthday", "1996-12-05").subject == "Rosa Lind"


def test_a_yearless_birthday_takes_its_year_from_an_age() -> None:
    x = run("Ada Quill, 26, and Tom Reyes, 38, married on Friday. The couple share a lucky "
            "number: December 4 is Tom Reyes's birthday and September 4 is Ada's.",
            "2008-04-05")
    assert event(x, "birthday", "1969-12-04").subject == "Tom Reyes"
    assert event(x, "birthday", "1981-09-04").subject == "Ada Quill"
    assert dates(x, "other") == ["2008-04-04"]  # the wedding


def test_a_yearless_birth_date_gets_no_invented_year() -> None:
    x = run("Mara Vale was born on March 3 in Leeds. Her birthday is March 3, and fans "
            "celebrate it every year.", "2026-12-06")
    assert dates(x, "birthday") == []


def test_born_date_does_not_anchor_an_undated_article() -> None:
    x = run("Tom Reyes celebrates his birthday today, born June 18, 1942 in Leeds. He played "
            "two shows in Brooklyn on June 8 and June 10.")
    assert dates(x, "birthday") == ["1942-06-18"]
    assert dates(x, "tour_date") == []  # no year the article states for them


def test_teasers_on_listed_days() -> None:
    x = run("Three teaser videos will also be released on the 5th, 7th, and 9th, ahead of the "
            "comeback of Paper Coast.", "2027-03-04")
    assert dates(x, "other") == ["2027-03-05", "2027-03-07", "2027-03-09"]


def test_nth_anniversary_of_a_year() -> None:
    x = run("To mark the 25th anniversary of their 1999 debut, Paper Coast will reissue it "
            "this spring.", "2024-02-01")
    assert dates(x, "anniversary") == ["2024"]
    # a sum far from the published year is not this article's anniversary
    x = run("To mark the 25th anniversary of their 1999 debut, Paper Coast will reissue it "
            "this spring.", "2030-02-01")
    assert dates(x, "anniversary") == []


def test_a_dated_show_at_a_venue_is_a_tour_date() -> None:
    x = run("Ada Quill will direct a live stream of Paper Coast's August 5 performance at "
            "the Harbour Arena.", "2026-07-28")
    assert dates(x, "tour_date") == ["2026-08-05"]


def test_a_year_named_by_its_tour() -> None:
    x = run("His 2006 Salt Road tour with Ada Quill was one of the biggest of the decade.",
            "2017-05-01")
    assert dates(x, "tour_date") == ["2006"]


def test_births_of_children_with_their_parents() -> None:
    x = run("Singer Mara Vale and her husband Tom Reyes welcomed their first child, a daughter "
            "named Juno, on Friday.\n\n"
            "Rapper Kit Dune's son was born on December 1, 2026, the same day as Dune's 33rd "
            "birthday.\n\nAda Quill gave birth to twins on November 28.", "2026-12-06")
    births = {(e.subject, e.date.iso()) for e in x.events if e.kind == "birthday"}
    assert births == {("Juno", "2026-12-04"), ("Kit Dune", "1993-12-01"),
                      ("Kit Dune's son", "2026-12-01"), ("Ada Quill's twins", "2026-11-28")}


def test_born_in_a_town_is_not_a_birth_on_the_birthday() -> None:
    x = run("Singer Rosa Lind, who was born in Leeds, celebrates her 30th birthday on "
            "December 8.", "2026-12-06")
    assert dates(x, "birthday") == ["1996-12-08"]


def test_a_plain_birthday_takes_its_year_from_the_age() -> None:
    x = run("Tom Reyes, 50, celebrates his birthday today with a show in Leeds. Rosa Lind, 29, "
            "celebrates her birthday on December 8.", "2026-12-06")
    assert event(x, "birthday", "1976-12-06").subject == "Tom Reyes"
    assert event(x, "birthday", "1996-12-08").subject == "Rosa Lind"
    # without an age there is no year to give
    assert dates(run("Rosa Lind celebrates her birthday on December 8.", "2026-12-06"),
                 "birthday") == []


def test_confirmations_and_airings_are_dated_events() -> None:
    x = run("On Thursday, Ada Quill confirmed that she sings on the duet. The drama, with "
            "Paper Coast's song as its theme, begins airing on April 19.", "2027-04-02")
    assert dates(x, "other") == ["2027-04-01", "2027-04-19"]


BAND_NEWS = (
    "Cinder Road have announced a world tour for 2027, their first since 2019. The four-piece "
    "will open in Dublin on March 3.\n\n"
    "The band's frontman Joe Kell turned 50 last week.\n\n"
    "Drummer Ada Quill married her longtime partner, the producer Tomas Ek, on October 2 in "
    "Lisbon.\n\n"
    'The group\'s debut album "Salt Lines" was released on June 4, 2012. Their last record, '
    "Blue Hours, came out in 2019.\n\n"
    "Bassist Pete Morrow died on September 30 at the age of 61.\n")


def test_a_band_article_gives_each_fact_to_whom_the_wording_names() -> None:
    x = run(BAND_NEWS, "2026-11-09")
    facts = {(f.subject, f.predicate, f.object) for f in x.facts}
    # "The group's album" is the band's, not the frontman's named just before
    assert ("Salt Lines", "by", "Cinder Road") in facts
    assert ("Blue Hours", "by", "Cinder Road") in facts
    # the drummer's wedding and partner, the bassist's death: theirs, not the band's
    assert ("Ada Quill", "partner", "Tomas Ek") in facts
    assert ("Ada Quill", "event", "2026-10-02") in facts
    assert ("Pete Morrow", "event", "2026-09-30") in facts
    assert not [f for f in facts if f[0] == "Cinder Road" and f[2] in (
        "Tomas Ek", "2026-10-02", "2026-09-30")]
    # "their first since 2019" is a point of reference, not a show
    assert dates(x, "tour_date") == ["2027-03-03"]


OBITUARY = (
    "Lena Park, the soul singer behind the 1975 hit \"Harbour Lights,\" has died. She was 74.\n\n"
    "Her son, Tom Park, confirmed that she died at her home in Memphis on Sunday, November 29.\n\n"
    "Park signed with Lantern Records in 1971 and released her debut album, Morning Tide, a "
    "year later.\n\n"
    "Earlier this year she celebrated the 50th anniversary of \"Harbour Lights\" with a show "
    "at the Apollo on June 14.\n")


def test_an_obituary_keeps_the_full_name_and_counts_years_on() -> None:
    x = run(OBITUARY, "2026-12-01")
    # "Park" alone is the one full name the article gives it, not her son's
    assert artists(x) == {"Lena Park"}
    r = next(r for r in x.releases if r.title == "Morning Tide")
    assert (r.artist, r.date) == ("Lena Park", PartialDate(1972))  # not the signing's 1971
    # "this year" says nothing the show's own day does not
    assert "2026" not in [e.date.iso() for e in x.events]


def test_a_full_name_never_spans_a_sentence_end() -> None:
    x = run("She has two sons from her marriage to Ada Foster. Reyes is happy, the singer Tom "
            "Reyes said.", "2026-01-05")
    assert "Ada Foster. Reyes" not in artists(x)


def test_a_release_day_does_not_hide_a_tour_this_year() -> None:
    x = run('Singer Mara Vale\'s new album "Salt Lines" drops May 16, and she is also launching '
            "another arena tour this year.", "2025-04-15")
    assert dates(x, "tour_date") == ["2025"]


FESTIVAL = (
    "Cinder Road, Mara Vale and The Kell Brothers will headline Harbour Fest 2027, which "
    "returns to Lisbon's Parque Norte from July 9 to 11.\n\n"
    "The festival will also feature sets from NOVA9, Rosa Lind and DJ Pike.\n\n"
    "Mara Vale's set on July 10 will be her first live appearance since the birth of her son, "
    "Leo, in August.\n")


def test_a_festival_line_up() -> None:
    x = run(FESTIVAL, "2026-12-06")
    assert {"Cinder Road", "Mara Vale", "The Kell Brothers", "NOVA9", "Rosa Lind",
            "DJ Pike"} <= artists(x)
    # "returns to Lisbon" is the festival coming back, not a release; "Mara Vale's set" a show
    assert dates(x, "tour_date") == ["2027-07-09", "2027-07-10"]
    # "since … in August" looks back: the August before, not the one after the show
    assert "2026-08" in [e.date.iso() for e in x.events]


def test_the_headline_says_who_the_act_is() -> None:
    text = ("Rosa Lind will hit the road next spring in support of her new album.\n\n"
            "03/03 – Glasgow, SWG3\n03/05 – Manchester, Albert Hall\n")
    x = run(text, "2026-12-07", title="Rosa Lind announces spring tour dates")
    assert artists(x) == {"Rosa Lind"}
    assert [(e.subject, e.date.iso()) for e in x.events if e.kind == "tour_date"] == [
        ("Rosa Lind", "2027-03-03"), ("Rosa Lind", "2027-03-05")]
    # a name the headline gives that the article never names is no act of the article (the
    # article's own "Rosa Lind will hit the road" still makes her one)
    assert artists(run(text, "2026-12-07", title="Tom Reyes announces tour")) == {"Rosa Lind"}


BIRTHDAY_LIST = """Famous birthdays for June 2

Jazz singer Mara Quill is 81.
Guitarist Ben Ostrow of The Drift Brothers is 66.
Singer-songwriter Lila Fenn is 45. (Lila Fenn's album "Copper Sky" topped the charts in 2004.)
Drummer Tess Harlan (Velvet Mile) turns 52 today.
Country singer Bo Wilkes, 29.
"""


def test_a_birthday_list_gives_each_line_its_birth_date_on_the_list_s_day() -> None:
    x = run(BIRTHDAY_LIST, "2024-06-01")  # published the day before the list's day
    born = {(e.subject, e.date.iso()) for e in x.events if e.kind == "birthday"}
    assert born == {("Mara Quill", "1943-06-02"), ("Ben Ostrow", "1958-06-02"),
                    ("Lila Fenn", "1979-06-02"), ("Tess Harlan", "1972-06-02"),
                    ("Bo Wilkes", "1995-06-02")}


WEEK_OF_BIRTHDAYS = """Celebrity birthdays for the week of Dec. 30 - Jan. 2

Dec. 30: Singer Mara Quill is 81. Bassist Ben Ostrow of The Drift Brothers is 66.
Dec. 31: Actor Sam Rourke is 44.
Jan. 1: Drummer Tess Harlan (Velvet Mile) is 52. Rapper Lil Marrow is 29.
Jan. 2:
Country singer Bo Wilkes is 30.
"""


def test_a_week_s_birthday_list_dates_each_line_by_its_day_heading() -> None:
    x = run(WEEK_OF_BIRTHDAYS, "2024-12-29")
    born = {(e.subject, e.date.iso()) for e in x.events if e.kind == "birthday"}
    assert born == {("Mara Quill", "1943-12-30"), ("Ben Ostrow", "1958-12-30"),
                    ("Sam Rourke", "1980-12-31"), ("Tess Harlan", "1973-01-01"),
                    ("Lil Marrow", "1996-01-01"), ("Bo Wilkes", "1995-01-02")}
    # a heading's day ("Dec. 30: Singer Mara Quill is 81.") is no show of anyone's
    assert [e for e in x.events if e.kind != "birthday"] == []


def test_an_age_outside_a_birthday_list_is_no_birthday() -> None:
    x = run("Singer Mara Quill is 81. She still tours every summer.", "2024-06-02")
    assert not [e for e in x.events if e.kind == "birthday"]


def test_the_person_before_a_bracketed_band_is_whose_birthday_it_is() -> None:
    x = run("Singer Lila Fenn has a new album out. Drummer Tess Harlan (Velvet Mile) turns 52 "
            "today.", "2024-06-02")
    assert event(x, "birthday", "1972-06-02").subject == "Tess Harlan"


def test_more_days_of_the_month_just_written_are_shows_too() -> None:
    x = run("Singer Arlo Finch is on the road with his Night Train tour, which just played the "
            "Forum in Oslo May 8th and 10th.", "2023-05-17")
    assert dates(x, "tour_date") == ["2023-05-08", "2023-05-10"]
    x = run("Singer Arlo Finch played the Forum on May 8, 2023 and the Apollo a week later.",
            "2023-05-17")
    assert dates(x, "tour_date") == ["2023-05-08"]  # the year is no day of May


def test_an_undated_birthday_article_is_dated_by_the_birthday_it_says_is_today() -> None:
    text = ("Rowan Pike celebrates his birthday today, born June 18, 1952 in Hull.\n\n"
            "He is on the road with his Night Train tour, which just played the Forum in Oslo "
            "June 8th and 10th. He played the Apollo last Friday night.\n\n"
            "Pike released eleven albums before 2023.")
    x = run(text, None)
    assert event(x, "birthday", "1952-06-18").subject == "Rowan Pike"
    # today is 18 June 2023 (the latest year written): the shows are that month's
    assert {"2023-06-08", "2023-06-10", "2023-06-16"} <= set(dates(x, "tour_date"))
    x = run("Rowan Pike turns 71 today, born June 18, 1952 in Hull. He played the Apollo last "
            "Friday night.", None)
    assert "2023-06-16" in dates(x, "tour_date")  # 1952 + 71
    x = run("Rowan Pike, born June 18, 1952 in Hull, played the Apollo last Friday night.", None)
    assert dates(x, "tour_date") == []  # no "today": no day to count from


def test_performed_at_a_venue_is_a_show() -> None:
    x = run("Rock band Copper Wires performed at the Fillmore on May 2.", "2023-05-17")
    assert dates(x, "tour_date") == ["2023-05-02"]


def test_a_band_named_for_who_a_person_is_is_not_the_sentence_s_act() -> None:
    x = run("Grey Harbour have parted ways with guitarist Nell Crane. The guitarist joined the "
            "band in 2015, taking over from the former Velvet Owl guitarist Joe Kell who joined "
            "after the band parted ways with their original guitarist Ada Pike.", "2022-05-23")
    assert event(x, "other", "2015").subject == "Grey Harbour"
    kell = [p for p in [*x.people] if p.name == "Joe Kell"]
    assert kell and kell[0].relation == "former member"  # of Velvet Owl: "the former … guitarist"
    pike = person(x, "Ada Pike")
    assert pike.of == "Grey Harbour"  # "their": the band the article is about, not Velvet Owl


COMEBACK = """STARLIT is coming back!

On August 2 at midnight KST, the girl group STARLIT unveiled a coming soon image for their third \
mini album "Moon Chase."

The group will make their comeback with "Moon Chase" on August 23 at 6 p.m. KST. According to \
the promotion schedule, the track list will be revealed on August 9, followed by concept photos \
from August 10 to 13.

The music video teaser will be released on August 20, and the album's highlight medley will \
follow on August 21.
"""


def test_a_comeback_s_promotion_schedule_gives_each_item_its_day() -> None:
    x = run(COMEBACK, "2021-08-03")
    assert release(x, "Moon Chase").date == PartialDate(2021, 8, 23)  # not a teaser's day
    assert dates(x, "other") == ["2021-08-02", "2021-08-09", "2021-08-10", "2021-08-20",
                                 "2021-08-21"]


def test_a_show_on_television_is_no_concert() -> None:
    x = run("Singer Mira Vale hosted the awards show in 2019. She was hospitalized on Thursday "
            "night after the show.", "2023-01-12")
    assert dates(x, "tour_date") == []
    assert dates(x, "other") == ["2019", "2023-01-12"]


def test_each_birth_of_a_list_of_children_is_its_own_child_s() -> None:
    x = run("Rapper Kit Dune welcomed a son on Wednesday. The rapper wrote that his son was born "
            "on May 6. Dune already has two children: a son, Rob Jr., born in 2011, and a "
            "daughter born in 2017 with his ex-girlfriend Mara Stone.", "2020-05-07")
    born = {(e.subject, e.date.iso()) for e in x.events if e.kind == "birthday"}
    assert ("Rob Jr.", "2011") in born
    assert ("Rob Jr.", "2017") not in born and ("Rob Jr.", "2020-05-06") not in born


def test_a_release_moved_up_keeps_its_old_date_as_the_previous_one() -> None:
    x = run("Rapper Kit Dune's fourth album, North Star, will now arrive on November 24, a week "
            "earlier than its original December 1 release date. Its first single, "
            "\"Cold Hearts,\" hit radio on September 15 and debuted at No. 12 on the Hot 100.",
            "2008-09-25")
    assert release(x, "North Star").date == PartialDate(2008, 11, 24)
    assert release(x, "Cold Hearts").date == PartialDate(2008, 9, 15)  # "hit": gone by
    assert "2008-12-01" not in {e.date.iso() for e in x.events}  # the old date: no event
    assert "2007-12-01" not in {e.date.iso() for e in x.events}


def test_replaced_by_and_left_in_one_sentence() -> None:
    """"X left the group and was replaced by Y": X a former member, Y the member, even when the
    sentence first names X by her role in the band."""
    x = run("Grey Harbour played two new songs. The band's longtime guitarist, Ada Brenn, left "
            "the group in 2024 and was replaced by Mika Sol.", "2026-12-06")
    assert (person(x, "Ada Brenn").relation, person(x, "Ada Brenn").of) == (
        "former member", "Grey Harbour")
    assert (person(x, "Mika Sol").relation, person(x, "Mika Sol").of) == ("member", "Grey Harbour")


def test_relatives_named_by_their_trade() -> None:
    x = run("Singer Corin Vale married drummer Tomas Reyes in Porto. Her father, the folk singer "
            "Rune Vale, died in 2020.", "2026-12-06")
    assert person(x, "Tomas Reyes").relation == "partner"
    assert person(x, "Rune Vale").relation == "relative"


def test_a_role_in_a_play_is_no_relative() -> None:
    x = run("The drama is about a husband and wife. Leo Park plays the husband whereas actress "
            "Ana Ruiz plays the wife.", "2026-12-06")
    assert not [p for p in x.people if p.relation == "partner"]


def test_a_band_history_dates_each_happening() -> None:
    """Prizes, launches, sessions and sales are events; a tour word in an earlier clause does
    not make a later clause's date a show."""
    x = run("Grey Harbour formed in Leeds in 1996. In 2003 they headlined Glastonbury for the "
            "first time, and in 2007 they began recording their fourth album in Wales. The "
            "group won the Mercury Prize on September 9, 2014. Singer Nell Crane launched a "
            "podcast on May 12, 2025.", "2026-12-06")
    assert "Grey Harbour" in artists(x)  # "X formed in": what only an act does
    assert event(x, "tour_date", "2003")
    assert event(x, "other", "2007")
    assert not [e for e in x.events if e.kind == "tour_date" and e.date.iso() == "2007"]
    assert event(x, "other", "2014-09-09")
    assert event(x, "other", "2025-05-12")


def test_credits_in_their_many_wordings() -> None:
    """Co-writers after "with", the mixer, the one who shot the video, a manager after a
    comma, guest singers; the act is never its own co-writer; "whose husband is the producer
    X" is a partner first."""
    x = run("Mara Quill will release her fourth album, Low Tide, on March 6. The record was "
            "produced by Aaron Vale and mixed by Tess Harlan. Quill co-wrote the lead single, "
            "\"Glass Orchard,\" with Jonah Reyes and Ada Lark. The video for \"Glass Orchard\" "
            "was shot by director Leo Park in Lisbon. Quill's manager, Dana Cole, said the tour "
            "will follow. The album features guest vocals from Kesh Ola. Quill, whose husband "
            "is the producer Tom Reyes, recorded the album at home.", "2026-12-06")
    relations = {p.name: p.relation for p in x.people}
    assert relations == {"Aaron Vale": "producer", "Tess Harlan": "collaborator",
                         "Jonah Reyes": "writer", "Ada Lark": "writer", "Leo Park": "director",
                         "Dana Cole": "executive", "Kesh Ola": "collaborator",
                         "Tom Reyes": "partner"}


def test_an_obituary_is_the_dead_singers() -> None:
    """"X, the Norwegian folk singer whose …, died": X is the act, not the daughter who
    confirmed it; "his daughter, the singer Y" is his child; a memorial is an event."""
    x = run("Rune Vale, the Norwegian folk singer whose 1971 album \"Northern Lines\" sold two "
            "million copies, died on Tuesday at his home in Bergen. His death was confirmed by "
            "his daughter, the singer Ada Vale. A memorial will be held in Bergen on "
            "December 20.", "2026-12-03")
    assert x.artists[0].name == "Rune Vale"
    assert release(x, "Northern Lines").artist == "Rune Vale"
    assert person(x, "Ada Vale").relation == "child"
    assert event(x, "other", "2026-12-20")
    assert event(x, "other", "2026-12-01").subject == "Rune Vale"


def test_a_child_named_after_a_month_keeps_her_first_name() -> None:
    x = run("Singer Lena Morrow and her husband have welcomed a daughter named June Rose.",
            "2026-12-02")
    assert person(x, "June Rose").relation == "child"


def test_a_birth_in_the_news_is_dated_but_only_for_the_child() -> None:
    """"June Rose was born on November 28" in news of December 2: this year's birth of the
    child the article names; the same words of the singer give nothing (her year is unknown)."""
    x = run("Singer Lena Morrow and her husband have welcomed a daughter named June Rose. June "
            "Rose was born on November 28 in Nashville.", "2026-12-02")
    assert event(x, "birthday", "2026-11-28").subject == "June Rose"
    x = run("Singer Lena Morrow was born on November 28 in Cork. She tours in March.",
            "2026-12-02")
    assert not [e for e in x.events if e.kind == "birthday"]


def test_a_release_day_said_twice_is_no_event() -> None:
    """"Thirty years ago today, on October 9, 1996, Grey Harbour released Tidewater": the day
    is the album's, not also a show ("from pub gigs to arenas")."""
    x = run("Thirty years ago today, on October 9, 1996, Grey Harbour released Tidewater, the "
            "album that took the five-piece from pub gigs to arenas.", "2026-10-09")
    assert release(x, "Tidewater").date == PartialDate(1996, 10, 9)
    assert [e for e in x.events if e.date == PartialDate(1996, 10, 9)] == []


def test_a_date_written_out_is_an_event_even_without_a_cue_word() -> None:
    """"the single succeeds "Some Rivers", the anthem in 2004": a date written out in full is
    something that happened, whatever the verb; a release's own day said again, a relative
    day ("last Friday") and an "Old date:" line are not events."""
    x = run("The single doubles as the official anthem of the telethon and in that respect "
            "succeeds \"Some Rivers\" by Rachel Vane in 2004.\n\n"
            "Mara Vale's album \"Salt Lines\" came out on March 6. March 6 was a good day "
            "for the band.\n\n"
            "Tom Reyes, Backroads Old date: Sept. 22. New date: Nov. 3.\n\n"
            "Ida Lenz has pushed back her album Glass Rooms. New date: Sometime in 2027.\n\n"
            "It is one of the first big releases of 2027.", "2026-04-01")
    assert [(e.kind, e.date.iso()) for e in x.events] == [("other", "2004")]


def test_a_member_who_goes_solo_is_named_in_full_and_the_band_keeps_its_tour() -> None:
    """"Velvet Mile guitarist Nia Shore has left the band … Shore will release her first solo
    single": the single is Nia Shore's (never "Shore"'s), and "the band … their summer tour"
    is the band's."""
    x = run("Velvet Mile guitarist Nia Shore has left the band, she announced on Tuesday. Shore "
            "joined the group in 2019.\n\n"
            "The band said that their summer tour, which starts on June 20 in Denver, goes "
            "ahead. Velvet Mile thanked Shore.\n\n"
            "Shore will release her first solo single, \"North Star,\" on June 5.", "2026-05-13")
    assert release(x, "North Star").artist == "Nia Shore"
    assert "Shore" not in artists(x)
    assert event(x, "tour_date", "2026-06-20").subject == "Velvet Mile"


def test_a_tour_that_follows_is_a_tour_not_a_release() -> None:
    """"A UK tour follows in October": "follows" says when the tour comes, not a release."""
    x = run("Mara Vale's new album is out today. A UK tour follows in October.", "2024-06-07")
    assert dates(x, "tour_date") == ["2024-10"]


def test_a_member_is_never_a_member_of_a_person() -> None:
    """"Shore joined the rock group, replacing founding member Carl Dunn": Carl Dunn was in
    the band, not "in" Nia Shore; "Singer Ada Fenn and guitarist Rob Calder formed the group":
    Rob Calder is the band's; "joined in 1999 and left the band in 2008" is a former member."""
    x = run("Velvet Mile guitarist Nia Shore has left the band. Shore joined the rock group in "
            "2019, replacing founding member Carl Dunn. Shore will release her first solo "
            "single, \"North Star,\" on June 5. Velvet Mile will tour in June.", "2026-05-13")
    assert person(x, "Carl Dunn").of == "Velvet Mile"
    members = {(f.subject, f.predicate, f.object) for f in x.facts
               if f.predicate in ("member", "former_member")}
    assert ("Velvet Mile", "member", "Nia Shore") not in members
    assert not any(s == "Nia Shore" for s, _, _ in members)
    x = run("Hollow Pines will reissue their debut. Singer Ada Fenn and guitarist Rob Calder "
            "formed the group in 1997. Drummer Ike Moss joined in 1999 and left the band in "
            "2008, when he was replaced by Sol Brand. Hollow Pines tour in May.", "2026-05-13")
    assert person(x, "Rob Calder").of == "Hollow Pines"
    assert (person(x, "Ike Moss").relation, person(x, "Ike Moss").of) == (
        "former member", "Hollow Pines")


def test_the_act_the_headline_names_comes_before_a_known_support_act() -> None:
    """"Rosa Lind announces 2027 tour": with "Kid Orbit" already known (another article), the
    tour named by no act is still Rosa Lind's, not the support act's the known list found."""
    x = run("Rosa Lind will hit the road next spring.\n\nThe 24-date trek kicks off March 4 in "
            "Seattle. Special guest Kid Orbit will open every show.", "2026-12-08",
            title="Rosa Lind announces 2027 North American tour",
            known_artists=["Kid Orbit", "Tom Reyes"])
    assert next(a.name for a in x.artists) == "Rosa Lind"
    assert event(x, "tour_date", "2027-03-04").subject == "Rosa Lind"


def test_a_festival_lineup_names_its_acts_and_its_coming_dates() -> None:
    """"has added Tilly North, Kettle Static and the Raymonds to its 2027 lineup", "headliners
    Grey Harbour and Rosa Lind": each an act; "the event, which runs from July 9 to 11" is the
    coming July (present tense of a schedule looks ahead)."""
    x = run("Harbourside Festival has added Tilly North, Kettle Static and the Raymonds to its "
            "2027 lineup. They join previously announced headliners Grey Harbour and Rosa Lind "
            "at the three-day event, which runs from July 9 to 11 in Bristol.", "2026-11-27")
    assert {"Tilly North", "Kettle Static", "Raymonds", "Grey Harbour", "Rosa Lind"} <= \
        artists(x)
    assert dates(x, "tour_date") == ["2027-07-09"]


def test_real_names_said_outright_or_in_brackets_after_a_stage_name() -> None:
    x = run("Rapper Kez Amani (born Kevin Ezra Amani) has released his album. Singer Lara "
            "Finch, whose real name is Laura Finchley, will tour. Soul singer Delia Marsh has "
            "died. Born Delia Ann Marshall on July 2, 1943, in Macon, she sang in a choir. "
            "Rapper NOVA9, 38 (Dorian Lee Vale) married Beyla Knox on Friday.", "2023-04-12")
    real = {(f.subject, f.object) for f in x.facts if f.predicate == "real_name"}
    assert real == {("Kez Amani", "Kevin Ezra Amani"), ("Lara Finch", "Laura Finchley"),
                    ("Delia Marsh", "Delia Ann Marshall"), ("NOVA9", "Dorian Lee Vale")}


def test_a_band_in_brackets_after_a_person_is_no_real_name() -> None:
    x = run("Drummer Tess Harlan (Velvet Mile) is 52. Rapper Kez Amani shares new single "
            '"Run It Back". Bo Wilkes, 29 (Kettle Static) played bass.', "2023-04-12")
    assert [f for f in x.facts if f.predicate == "real_name"] == []


def test_shifting_copies_is_selling_them() -> None:
    x = run("Northern Lines released their debut album, Paper Maps, in 2004. It went on to shift "
            "over a million copies.", "2024-09-14")
    assert {(f.subject, f.object) for f in x.facts if f.predicate == "records_sold"} == {
        ("Northern Lines", "over a million")}


def test_a_line_up_spelt_out_names_every_member() -> None:
    x = run("Rookie boy group NOVA9 will debut on January 22 with their first mini album "
            "'Origin'. The seven-member group includes leader Kang Minho, main vocalist Lee Jun, "
            "and the group's youngest member, 17-year-old Park Siwoo.", "2026-01-08")
    members = {p.name for p in x.people if p.relation == "member"}
    assert members == {"Kang Minho", "Lee Jun", "Park Siwoo"}
    assert {(f.subject, f.object) for f in x.facts if f.predicate == "member"} == {
        ("NOVA9", "Kang Minho"), ("NOVA9", "Lee Jun"), ("NOVA9", "Park Siwoo")}


LINEUP_WEEKEND = (
    "Quayfest has revealed its 2027 lineup, with Nia Fenn, The Larks and Oso Verde set to "
    "headline the festival at Pier Park in Portland on July 16-18.\n\n"
    "Fenn, who released her second album Glass Owls last September, will headline Friday "
    "night. The Larks, fresh off a sold-out arena tour, close out Saturday, and Oso Verde top "
    "the bill on Sunday.\n\n"
    "Also on the bill are Tilly Marr, Dex Vaughn, Night Orchard and the reunited Copper Pail, "
    "who last performed together in 2015.\n\n"
    "Last year's festival drew 60,000 fans over three days.\n"
)


def test_a_festival_s_weekdays_are_days_of_its_run_each_act_s_own() -> None:
    result = run(LINEUP_WEEKEND, "2027-01-12")
    shows = {(e.subject, e.date.iso()) for e in result.events if e.kind == "tour_date"}
    # "Friday" is the festival's Friday (July 16), not the Friday after the article
    assert {("Nia Fenn", "2027-07-16"), ("The Larks", "2027-07-17"),
            ("Oso Verde", "2027-07-18")} <= shows
    assert not [when for _, when in shows if when.startswith("2027-01")]
    # "Last year's festival" is an earlier edition, nobody's show
    assert not [e for e in result.events if e.date.iso() == "2026"]


def test_a_lineup_s_acts_and_a_who_clause_s_own_date() -> None:
    result = run(LINEUP_WEEKEND, "2027-01-12")
    acts = {a.name for a in result.artists}
    assert {"Tilly Marr", "Dex Vaughn", "Night Orchard"} <= acts
    last = [(e.subject, e.date.iso()) for e in result.events if e.date.iso() == "2015"]
    assert last == [("Copper Pail", "2015")]  # "Copper Pail, who last performed … in 2015"


def test_a_partner_of_some_years_and_a_partner_once_dated() -> None:
    x = run("The singer, 31, announced on Instagram that her boyfriend of five years, actor "
            "Theo Marsh, proposed during a trip to Lisbon. Pia Sands previously dated DJ Rory "
            "Vale from 2016 to 2019.", "2027-06-03")
    assert {(p.name, p.relation) for p in x.people} >= {("Theo Marsh", "partner"),
                                                         ("Rory Vale", "former partner")}
    # a chart "dated" a day names nobody
    y = run("Her album debuts atop the list dated May 22.", "2027-05-17")
    assert y.people == []


LATE_SINGER = (
    "Lou Vance, the soul singer behind the 1971 hit \"Sweet Water,\" would have turned 80 "
    "today. Vance died in 2019 at his home in Memphis.\n\n"
    "Born Louis Vancer in Macon, Georgia, he signed with Starlight Records in 1968 and "
    "released his debut album, Slow Ember, the following year.\n\n"
    "His daughter, the singer Keisha Vance, will release a tribute album, Songs for Lou, on "
    "May 15.\n"
)


def test_a_surname_two_acts_share_is_neither_s_and_the_subject_stays_the_subject() -> None:
    x = run(LATE_SINGER, "2027-04-09", title="Remembering Lou Vance at 80")
    assert x.artists[0].name == "Lou Vance"
    assert release(x, "Slow Ember").artist == "Lou Vance"  # "he … released his debut album"
    died = [e.subject for e in x.events if e.date.iso() == "2019"]
    assert died == ["Lou Vance"]


def test_born_then_a_clause_of_its_own_gives_no_birth_date() -> None:
    # "Born Louis Vancer in Macon, he signed … in 1968": 1968 is the signing
    x = run(LATE_SINGER, "2027-04-09", title="Remembering Lou Vance at 80")
    assert dates(x, "birthday") == ["1947-04-09"]


def test_a_sale_s_weekday_after_a_festival_s_run_is_the_coming_one() -> None:
    x = run(LINEUP_WEEKEND + "\nTickets go on sale Friday at 10 a.m.\n", "2027-01-12")
    sale = [e.date.iso() for e in x.events if "on sale" in e.evidence]
    assert sale == ["2027-01-15"]  # the Friday after the article, not the festival's


def test_a_sentence_opening_on_a_member_is_about_the_article_s_group() -> None:
    x = run('Girl group LUMINA dropped the video for "Starlight Run" on Tuesday. Member Ji-woo, '
            'who turns 24 on March 1, wrote the lyrics for "Starlight Run."', "2024-02-14")
    facts = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("LUMINA", "member", "Ji-woo") in facts
    assert ("Starlight Run", "written_by", "Ji-woo") in facts
    # "a member" of nobody named: no membership guessed
    y = run('Singer Mara Quill dropped "Starlight Run" on Tuesday. A fan club member Ji-woo '
            "cried.", "2024-02-14")
    assert not [f for f in y.facts if f.predicate == "member"]


HALLOWAY = (
    "The Halloway Sisters cancel spring dates after Ruth Halloway's injury\n\n"
    "Country trio The Halloway Sisters have postponed the rest of their tour after singer Ruth "
    "Halloway broke her wrist. The tour will resume on June 9 in Denver.\n"
    'Their lead single, "Wildflower Road," was written by Ruth with Nashville songwriter Dale '
    "Mercer.\n"
    "June 11 – Salt Lake City, UT – The Depot\n"
)


def test_a_family_band_s_namesake_is_its_member_and_its_dates_are_the_band_s() -> None:
    x = run(HALLOWAY, "2023-05-02")
    assert "Ruth Halloway" not in artists(x)
    facts = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("The Halloway Sisters", "member", "Ruth Halloway") in facts
    # "by Ruth" is the one Ruth of the article
    assert ("Wildflower Road", "written_by", "Ruth Halloway") in facts
    assert {e.subject for e in x.events if e.kind == "tour_date"} == {"The Halloway Sisters"}
    # the one it was written with is no artist of it
    assert release(x, "Wildflower Road").artist == "The Halloway Sisters"


MARCH_BIRTHDAYS = (
    "Celebrity birthdays for the week of March 16-22\n\n"
    "March 16: Drummer Pete Crane of The Marrow Kings is 58.\n"
    "March 19: Bassist Ada Ford (Velvet Mile) is 63. Guitarist Tom Vale of Nashville is 40.\n"
    "March 21: Guitarist Rob Halley of the band Iron Lantern is 66.\n"
)


def test_a_birthday_list_s_band_roles_name_members_and_every_birthday() -> None:
    x = run(MARCH_BIRTHDAYS, "2025-03-15")
    members = {(f.subject, f.object) for f in x.facts if f.predicate == "member"}
    assert members == {("The Marrow Kings", "Pete Crane"), ("Velvet Mile", "Ada Ford"),
                       ("Iron Lantern", "Rob Halley")}  # Nashville is where he is from
    born = {e.subject: e.date.iso() for e in x.events if e.kind == "birthday"}
    assert born == {"Pete Crane": "1967-03-16", "Ada Ford": "1962-03-19",
                    "Tom Vale": "1985-03-19", "Rob Halley": "1959-03-21"}


LINEUP = (
    "The Riverbend Festival has unveiled its lineup, with pop star Mara Quill and rock band "
    "The Hollow Pines set to headline the three-day event in Austin from June 13 to June 15. "
    "The Hollow Pines top the bill on Friday. "
    "Also on the bill are rapper Dex Marlow, country duo The Fairweather Sisters and DJ Pell."
)


def test_a_run_with_its_month_written_twice_holds_its_weekdays() -> None:
    x = run(LINEUP, "2025-03-11")
    # Friday of June 13 to June 15, not the Friday after the article
    assert set(dates(x, "tour_date")) == {"2025-06-13"}
    assert event(x, "tour_date", "2025-06-13").subject in ("Mara Quill", "The Hollow Pines")
    assert any(e.subject == "The Hollow Pines" for e in x.events if e.kind == "tour_date")


def test_a_line_up_s_trades_make_no_members_and_a_dj_keeps_his_name() -> None:
    x = run(LINEUP, "2025-03-11")
    assert [p.name for p in x.people if p.relation == "member"] == []
    assert {"Dex Marlow", "DJ Pell"} <= artists(x)
    assert "Pell" not in artists(x)
    y = run("Also playing are rapper Dex Marlow and singer Ana Vale.", "2025-03-11")
    assert [p.name for p in y.people] == []


def test_someone_s_old_band_is_not_the_band_the_article_speaks_of() -> None:
    x = run("Grey Harbour have announced that guitarist Ada Brenn is leaving the band. Former "
            "Velvet Mile guitarist Rob Calder will replace her on the band's autumn tour. The "
            "band's fifth album, Copper Skies, is due August 22.", "2025-06-05")
    assert "Former Velvet Mile" not in artists(x)
    assert person(x, "Rob Calder").relation == "former member"
    assert release(x, "Copper Skies").artist == "Grey Harbour"


WEDDING = (
    "Tessa Lane and Jon Ardent Are Married\n\n"
    "Pop singer Tessa Lane and rapper Jon Ardent tied the knot on Saturday (May 2) in a private "
    "ceremony in Napa, California, a rep for the couple confirmed.\n\n"
    'The pair, who met while filming the video for their 2022 duet "Neon Promise," got engaged '
    "last June.\n"
)


def test_tying_the_knot_makes_partners_and_a_rapper_stays_an_act() -> None:
    x = run(WEDDING, "2026-05-04")
    partner = person(x, "Jon Ardent")
    assert partner.relation == "partner"
    # a partner the text calls a rapper is an act too
    assert {"Tessa Lane", "Jon Ardent"} <= artists(x)
    # "their 2022 duet "Neon Promise"": the year dates the duet
    neon = release(x, "Neon Promise")
    assert neon.date is not None and neon.date.iso() == "2022"


BIRTH_ON_BIRTHDAY = (
    "Kai Rivers Welcomes Son on His 31st Birthday\n\n"
    "Rapper Kai Rivers got the best birthday present imaginable on Monday: his girlfriend, "
    "model Selene Ortiz, gave birth to their first child together, a son named Kairo.\n\n"
    "Rivers, who turned 31 the same day, shared the news on Instagram.\n"
)


def test_a_son_born_on_his_father_s_birthday_gives_two_birthdays() -> None:
    x = run(BIRTH_ON_BIRTHDAY, "2025-05-06")
    births = sorted((e.subject, e.date.iso()) for e in x.events if e.kind == "birthday")
    # "got … on Monday" is the Monday before; the day comes before "gave birth"; "turned 31
    # the same day" is that Monday, 31 years back
    assert births == [("Kai Rivers", "1994-05-05"), ("Kairo", "2025-05-05")]


def test_welcoming_a_son_on_his_birthday_is_the_father_s_birthday() -> None:
    x = run("Kai Rivers welcomed a son on Monday, his 31st birthday.\n", "2025-05-06")
    births = sorted((e.subject, e.date.iso()) for e in x.events if e.kind == "birthday")
    # (the son's own birth is not read from a day his father's birthday took: never the
    # father's birth year given to the son)
    assert births == [("Kai Rivers", "1994-05-05")]


def test_a_co_founder_named_with_the_group_is_a_member() -> None:
    x = run("Glass Harbor have parted ways with longtime guitarist Theo Brandt, the band "
            "announced Monday. Brandt, 51, co-founded the group with singer Iris Vane in 2003.",
            "2025-02-11")
    assert person(x, "Theo Brandt").relation == "former member"
    # "co-founded the group with singer Iris Vane": she is in the band
    assert person(x, "Iris Vane").relation == "member"
    assert ("Glass Harbor", "member", "Iris Vane") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_a_birth_of_these_last_years_is_never_the_act_s_own() -> None:
    x = run("Rapper Kai Rivers is a dad. His girlfriend gave birth to a son on Monday. The boy, "
            "Kairo, was born on Monday at 4 a.m.\n", "2025-05-06")
    births = sorted((e.subject, e.date.iso()) for e in x.events if e.kind == "birthday")
    # the second sentence names no act: its birth is no act's own, and it is the son's told again
    assert births == [("Kai Rivers's son", "2025-05-05")]


def test_a_son_who_arrived_on_his_father_s_birthday_and_the_father_s_full_name() -> None:
    x = run("Kai Rivett's son was born on his 33rd birthday. The rapper shared the news on "
            "Wednesday, writing that his son Kairo arrived on May 5, the same day Rivett turned "
            "33. The album arrived on May 1.\n", "2026-05-07")
    births = sorted((e.subject, e.date.iso()) for e in x.events if e.kind == "birthday")
    # "Rivett turned 33": the one full name the article gives him; "his son Kairo arrived on
    # May 5": the son's birth (an album that arrived is none)
    assert births == [("Kai Rivett", "1993-05-05"), ("Kairo", "2026-05-05")]


def test_a_member_s_death_is_his_and_a_co_founder_with_singer_x_is_a_member() -> None:
    x = run("Grey Harbor guitarist Nell Crain has died at 58. The band confirmed on Wednesday "
            "that Crain died peacefully at home on March 30. Crain co-founded the group in 1991 "
            "with singer Tom Veye.\n", "2026-04-02")
    # "Crain died …": the Nell Crain the article names, not the band
    assert [(e.subject, e.date.iso()) for e in x.events if e.date.iso() == "2026-03-30"] == [
        ("Nell Crain", "2026-03-30")]
    # "co-founded the group in 1991 with singer X": a member, no act of his own
    assert person(x, "Tom Veye").relation == "member"
    assert artists(x) == {"Grey Harbor"}


def test_a_celebration_s_day_is_the_day_the_next_sentence_turned_33_and_welcomed_a_son() -> None:
    x = run("Rapper Dex Varro had a double celebration on Tuesday (May 5). The Philadelphia "
            "rapper turned 33 and welcomed his second child, a son, with girlfriend Tessa Vine. "
            "\"Best birthday gift ever,\" Varro wrote, sharing a photo of the newborn, whom the "
            "couple named Remy.\n", "2026-05-06")
    births = sorted((e.subject, e.date.iso()) for e in x.events if e.kind == "birthday")
    # the day the sentence before celebrated is when he turned 33 and when the son was born;
    # "The Philadelphia rapper" is no one's name; the newborn the couple named is the son
    assert births == [("Dex Varro", "1993-05-05"), ("Remy", "2026-05-05")]
    assert person(x, "Remy").relation == "child"
    assert not [e for e in x.events if e.kind == "other"]  # the celebration is those two


def test_a_celebrated_day_is_not_carried_to_a_sentence_with_a_date_or_no_birth() -> None:
    x = run("Singer Dex Varro celebrated in Austin on Friday (May 1). He turned 40 last year.\n",
            "2026-05-04")
    assert not [e for e in x.events if e.kind == "birthday"]
    x = run("Singer Dex Varro celebrated in Austin on Friday (May 1). He welcomed fans on "
            "stage.\n", "2026-05-04")
    assert not [e for e in x.events if e.kind == "birthday"]


def test_someone_who_formed_the_band_is_no_act_but_a_band_that_formed_is() -> None:
    x = run("Harbor Static have parted ways with drummer Cole Brenner. Jess Varga formed the "
            "band in 2006 with Milo Fane. Grey Harbour formed in Leeds in 1996.\n", "2024-03-12")
    assert artists(x) == {"Harbor Static", "Grey Harbour"}


def test_a_member_named_as_a_clause_s_subject_is_the_article_s_group_s() -> None:
    x = run("VANTA has postponed their comeback. The agency explained that member Jiho injured "
            "his ankle during rehearsals last week.\n", "2023-04-18")
    assert (person(x, "Jiho").relation, person(x, "Jiho").of) == ("member", "VANTA")


def test_what_a_surname_did_is_the_full_name_s() -> None:
    x = run("Silver Arrows have dismissed longtime guitarist Lane Becker. Becker, who joined the "
            "group in 1975, will be replaced on tour by Nia Cole.\n", "2018-04-09")
    assert [(e.subject, e.date.iso()) for e in x.events if e.date.iso() == "1975"] == [
        ("Lane Becker", "1975")]


def test_those_who_replace_a_member_on_tour_are_members_and_no_act() -> None:
    x = run("Silver Arrows have dismissed longtime guitarist Lane Becker. Becker, who joined the "
            "group in 1975, will be replaced on the band's upcoming tour by Tom Fry of the Dust "
            "Riders and Nia Cole, formerly of Paper Kites.\n", "2018-04-09")
    # "by Tom Fry of the Dust Riders": the person, not the band he comes from, and "the
    # tour by X" of a passive verb is whom it was done by, no act's tour
    assert {(p.name, p.relation, p.of) for p in x.people} == {
        ("Lane Becker", "former member", "Silver Arrows"), ("Tom Fry", "member", "Silver Arrows"),
        ("Nia Cole", "member", "Silver Arrows")}
    assert artists(x) == {"Silver Arrows"}


def test_a_couple_s_wedding_with_their_ages_is_theirs_and_makes_them_partners() -> None:
    # "A, 26 and B, 38 (real name) exchanged their wedding vows": each the other's partner,
    # the wedding the first one's (no act named: it was nobody's before)
    for text in ("Tessa Lane, 26 and Jon Ardent, 38 (Jonathan Ard) exchanged their wedding vows "
                 "on Friday evening, April 4, 2008.",
                 "Tessa Lane and Jon Ardent married on April 4, 2008, in Paris.",
                 "Tessa Lane and Jon Ardent wed in Paris on April 4, 2008."):
        x = run(text, "2008-04-05")
        assert [(f.subject, f.object) for f in x.facts if f.predicate == "partner"] == [
            ("Tessa Lane", "Jon Ardent")], text
        assert [(e.subject, e.date.iso()) for e in x.events] == [("Tessa Lane", "2008-04-04")], text


def test_welcoming_fans_or_a_player_is_no_birth() -> None:
    for text in ("Rapper Lil Kito welcomed fans to his studio on May 3, 2024 for a listening "
                 "party.", "Velvet Mile welcomed guitarist Sam Field into the band on May 3, "
                 "2024."):
        x = run(text + "\n", "2024-06-14")
        assert not [e for e in x.events if e.kind == "birthday"], text
    x = run("Lil Kito and Maya Sol welcomed a new addition to their family on May 3, 2024.\n",
            "2024-06-14")
    assert dates(x, "birthday") == ["2024-05-03"]


def test_a_proposal_at_a_show_is_no_tour_date() -> None:
    x = run("Kai Dorne, 34, proposed in July 2023 during a show at the Greek Theatre.\n",
            "2024-09-10")
    assert dates(x, "tour_date") == []
    assert dates(x, "other") == ["2023-07"]
