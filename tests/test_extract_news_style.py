"""News-style articles we wrote, read whole: tense across clauses, speech, ages and spouses."""

from __future__ import annotations

from datetime import date

from bot.extract.extractor import extract

ALBUM_NEWS = (
    'Indie-pop trio Paper Lanterns have announced their second album, "Night Ferry", which '
    "will be released on March 14 via Dovecote Records. The band shared the lead single "
    '"Low Tide" on Wednesday, alongside a music video directed by Ana Ruiz.\n\n'
    '"We wrote most of these songs on the road," singer Jonah Reyes said in a statement. The '
    "album was produced by Sam Okoro.\n\n"
    "Reyes, who married actress Lena Park in 2019, turns 30 on February 3.\n\n"
    "Photo: Jane Doe/Getty Images\n"
)


def test_a_future_clause_after_a_past_one_is_future() -> None:
    result = extract(ALBUM_NEWS, published=date(2026, 1, 21))
    releases = {r.title: r for r in result.releases}
    night = releases["Night Ferry"]
    assert (night.kind, night.status) == ("album", "upcoming")
    assert night.date is not None and night.date.iso() == "2026-03-14"


def test_quoted_speech_is_not_a_release() -> None:
    result = extract(ALBUM_NEWS, published=date(2026, 1, 21))
    assert "We wrote most of these songs on the road" not in {r.title for r in result.releases}


def test_turning_an_age_on_a_day_gives_the_birth_date() -> None:
    result = extract(ALBUM_NEWS, published=date(2026, 1, 21))
    births = [(e.subject, e.date.iso()) for e in result.events if e.kind == "birthday"]
    assert any(when == "1996-02-03" and "Reyes" in who for who, when in births)


def test_credits_are_not_people() -> None:
    result = extract(ALBUM_NEWS, published=date(2026, 1, 21))
    assert "Jane Doe" not in {p.name for p in result.people}


def test_who_married_whom_is_a_partner() -> None:
    result = extract(ALBUM_NEWS, published=date(2026, 1, 21))
    assert ("Lena Park", "partner") in {(p.name, p.relation) for p in result.people}


COMEBACK = (
    'British singer-songwriter Amelia Thorne is back with "Paper Hearts", the first taste of '
    "her upcoming third album, Lighthouse Songs, due out September 19 via Harbor Lights "
    "Records.\n\nThorne, 29, and her husband, drummer Leo Park, welcomed their first child, a "
    "daughter named Isla, in March.\n"
)


def test_a_first_taste_of_an_album_is_a_single() -> None:
    result = extract(COMEBACK, published=date(2025, 7, 15))
    kinds = {(r.title, r.kind) for r in result.releases}
    assert ("Paper Hearts", "single") in kinds
    assert ("Lighthouse Songs", "album") in kinds


def test_a_husband_named_with_his_trade_is_a_partner() -> None:
    result = extract(COMEBACK, published=date(2025, 7, 15))
    people = {(p.name, p.relation) for p in result.people}
    assert ("Leo Park", "partner") in people and ("Isla", "child") in people


def test_a_birthday_belongs_to_the_person_named_before_it() -> None:
    text = ("K-pop group Starlit Nine will return on May 12 with their fifth mini album, "
            "\"Afterglow\".\n\nThe group's leader, Seo Yun, celebrates her 25th birthday on "
            "April 30.\n")
    result = extract(text, published=date(2026, 4, 14))
    births = {(e.subject, e.date.iso()) for e in result.events if e.kind == "birthday"}
    assert births == {("Seo Yun", "2001-04-30")}


COUNTRY_NEWS = (
    'Country singer Jo Marsh has announced her third album, "Long Fences", due out May 8 via '
    "Barn Door Records. The news came two days after Marsh married longtime partner Cal Brent "
    "in a private ceremony in Tulsa on Sunday.\n\n"
    'Marsh, 34, shared the lead single "Dry Creek" on Friday. It follows her 2021 album '
    '"Porch Light", which debuted at No. 1 on the country chart on October 2, 2021.\n\n'
    "The record will be promoted with a spring tour that kicks off April 2 in Austin. Tickets "
    "go on sale this Friday at 10 a.m. local time.\n\n"
    "Her bandmate Lou Harper died on January 3 at the age of 71. Harper was born on 12 March "
    "1952 in Leeds.\n\n"
    "Marsh turned 34 on January 20."
)


def test_country_news_dates_each_thing_by_its_own_words() -> None:
    x = extract(COUNTRY_NEWS, published=date(2027, 2, 10))  # a Wednesday
    by_title = {r.title: r.date.iso() if r.date else None for r in x.releases}
    assert by_title["Long Fences"] == "2027-05-08"
    assert by_title["Dry Creek"] == "2027-02-05"  # shared last Friday, not the coming one
    assert by_title["Porch Light"] == "2021"  # the chart date is not its release date
    events = {(e.kind, e.subject, e.date.iso()) for e in x.events}
    assert ("birthday", "Lou Harper", "1952-03-12") in events
    assert ("birthday", "Jo Marsh", "1993-01-20") in events
    assert ("other", "Lou Harper", "2027-01-03") in events  # a death
    assert ("tour_date", "Jo Marsh", "2027-04-02") in events
    assert ("other", "Jo Marsh", "2027-02-12") in events  # tickets on sale
    assert ("other", "Jo Marsh", "2027-02-07") in events  # the wedding


KPOP_NEWS = (
    'Girl group NOVA LINE will return with their third mini album "Starfall" on January 20 at '
    "6 p.m. KST.\n\n"
    "Concept photos will be released from January 10 to January 14, followed by the music "
    "video teaser on the 17th.\n\n"
    "The group will hold a comeback showcase on January 20 at 5 p.m. KST, an hour before the "
    "release.\n\n"
    "Member Yuna celebrates her 22nd birthday on January 25.\n\n"
    'Their previous album "Moonrise" came out in August 2026 and topped the chart for two weeks.'
)


def test_kpop_comeback_schedule() -> None:
    x = extract(KPOP_NEWS, published=date(2027, 1, 9))
    by_title = {r.title: r.date.iso() if r.date else None for r in x.releases}
    assert by_title == {"Starfall": "2027-01-20", "Moonrise": "2026-08"}
    events = {(e.kind, e.date.iso()) for e in x.events}
    assert {("other", "2027-01-10"), ("other", "2027-01-17"), ("other", "2027-01-20"),
            ("birthday", "2005-01-25")} <= events
    assert next(e for e in x.events if e.kind == "birthday").subject == "Yuna"


def test_tour_list_lines_in_every_shape_are_next_years() -> None:
    x = extract("Paper Coast will tour North America next year.\n\n"
                "Fri 3 Dec – Oslo, Spektrum\nSat., Nov. 27 – Chicago, United Center\n"
                "11/29 – Toronto, Massey Hall\nDecember 1: Boston, House of Blues\n",
                published=date(2026, 12, 6))
    tours = sorted(e.date.iso() for e in x.events if e.kind == "tour_date")
    assert tours == ["2027", "2027-11-27", "2027-11-29", "2027-12-01", "2027-12-03"]


# Lines we wrote in the shape release news takes, each with a date whose year or role the
# words around it decide.
RETURNS_NEWS = (
    "Singer Ines Dorado, who released her debut 'Eleven' on May 5, 2015, returns on June 9 "
    "with a second album.\n\n"
    "Set for release on 14 June, the album Lowland Hymns was produced by Dan Carey.\n\n"
    "Harbor Saints first released 'Harbour Lights' in 1998; the remastered edition follows "
    "on November 1.\n\n"
)


def test_a_present_verb_after_a_past_aside_looks_ahead() -> None:
    result = extract(RETURNS_NEWS, published=date(2023, 1, 12))
    dated = {e.date.iso() for e in result.events}
    # "who released … in 2015, returns on June 9": the coming June, not the last one
    assert "2023-06-09" in dated and "2022-06-09" not in dated


def test_set_for_release_is_a_coming_date_whatever_verb_follows() -> None:
    result = extract(RETURNS_NEWS, published=date(2023, 1, 12))
    hymns = next(r for r in result.releases if r.title == "Lowland Hymns")
    assert hymns.date is not None and hymns.date.iso() == "2023-06-14"
    assert hymns.status == "upcoming"


def test_what_follows_on_a_day_looks_ahead() -> None:
    result = extract(RETURNS_NEWS, published=date(2023, 1, 12))
    dated = {e.date.iso() for e in result.events}
    assert "2023-11-01" in dated and "2022-11-01" not in dated


def test_a_credit_list_ends_before_the_owner_of_what_follows() -> None:
    text = ("Harbor Saints will tour Europe in the spring.\n\n"
            "Produced by Jack Vell, Ines Dorado's single 'Surface' is out July 21.\n")
    result = extract(text, published=date(2023, 1, 12))
    producers = {p.name for p in result.people if p.relation == "producer"}
    assert producers == {"Jack Vell"}


def test_the_band_s_show_after_a_member_s_birthday_is_the_band_s() -> None:
    result = extract("Copper Wolves will tour this spring.\n\n"
                     "Frontman Eli Marsh turns 41 on April 2.\n\n"
                     "The band will headline the Harvest Moon Festival on August 15.\n",
                     published=date(2024, 2, 5))
    shows = [(e.subject, e.date.iso()) for e in result.events if e.kind == "tour_date"]
    assert shows == [("Copper Wolves", "2024-08-15")]
    births = [(e.subject, e.date.iso()) for e in result.events if e.kind == "birthday"]
    assert births == [("Eli Marsh", "1983-04-02")]


DELAYED_COMEBACK = (
    "Boy group NOVA9 has pushed back the release of their sixth mini album, 'Afterglow', by "
    "two weeks.\n\n"
    "The album was originally scheduled for October 20 but will now be released on November 3 "
    "at 6 p.m. KST, their agency said on Wednesday.\n\n"
    "NOVA9 debuted in 2019 and won their first music show trophy a year later.\n\n"
    "Member Daon will also appear on the variety show \"Weekly Stage\" on October 15.\n")


def test_originally_one_day_but_now_another_dates_the_album_with_both() -> None:
    result = extract(DELAYED_COMEBACK, published=date(2025, 10, 2))
    album = next(r for r in result.releases if r.title == "Afterglow")
    # "will now be released": ahead, this year (an adverb between "will" and the participle)
    assert album.date is not None and album.date.iso() == "2025-11-03"
    assert album.previous_date is not None and album.previous_date.iso() == "2025-10-20"
    assert album.status == "upcoming"


def test_a_tv_show_is_no_tour_date() -> None:
    result = extract(DELAYED_COMEBACK, published=date(2025, 10, 2))
    assert [e.date.iso() for e in result.events if e.kind == "tour_date"] == []
    assert "2025-10-15" in {e.date.iso() for e in result.events if e.kind == "other"}


def test_a_tour_s_support_acts_are_nobody_s_subject_later() -> None:
    result = extract(
        "Singer Mara Vell will tour this fall in support of her new album, Glass Orchard.\n\n"
        "Special guests Kite Parade and Juno Bay will open select dates.\n\n"
        "The album features the singles \"Cold Engines\" and \"Paper Wings\".\n",
        published=date(2026, 3, 10))
    by = {r.title: r.artist for r in result.releases}
    assert by["Cold Engines"] == by["Paper Wings"] == "Mara Vell"


def test_a_birthday_past_a_who_aside_is_the_person_s_not_the_town_s() -> None:
    result = extract(
        "Rosa Lind, who was born on August 14, 1966 in Memphis, celebrates her 60th birthday "
        "today.\n\nHer most recent album, Southern Lights, was released in March 2024.\n",
        published=date(2026, 8, 14))
    births = {(e.subject, e.date.iso()) for e in result.events if e.kind == "birthday"}
    assert births == {("Rosa Lind", "1966-08-14")}
    assert [a.name for a in result.artists] == ["Rosa Lind"]
    assert {r.title: r.artist for r in result.releases} == {"Southern Lights": "Rosa Lind"}


CHART_WEEK = (
    'Nell Ardent\'s "Salt Road" holds on to the Number 1 spot on the singles chart for a third '
    "week.\n\n"
    "The track, lifted from her second album Open Water, fended off a late challenge from Cato "
    'Reyes and Pim Dale, whose collaboration "Slow Burn" climbs two places to Number 2.\n\n'
    'Elsewhere, rock band The Amber Lines score their first Top 10 hit as "Ember" rises to '
    "Number 7. The group, formed in Hull in 2019, release their debut album Far Lights on May 9 "
    "via Tollgate Records.\n\n"
    "On the albums chart, Juno Faye's Glass Houses returns to Number 1.\n"
)


def test_a_present_tense_release_after_a_formed_in_aside_is_ahead() -> None:
    # "formed … in 2019" is the band's past, not the album's: "release … on May 9" is to come
    result = extract(CHART_WEEK, published=date(2026, 3, 13))
    far = {r.title: r for r in result.releases}["Far Lights"]
    assert far.date is not None and far.date.iso() == "2026-05-09"
    assert far.status == "upcoming"


def test_the_group_is_the_band_named_before_not_the_round_up_s_first_act() -> None:
    result = extract(CHART_WEEK, published=date(2026, 3, 13))
    assert {r.title: r.artist for r in result.releases}["Far Lights"] == "The Amber Lines"


def test_her_album_is_the_earlier_subject_s_not_an_act_named_after_it() -> None:
    result = extract(CHART_WEEK, published=date(2026, 3, 13))
    assert {r.title: r.artist for r in result.releases}["Open Water"] == "Nell Ardent"


def test_the_release_as_a_noun_is_no_future() -> None:
    from bot.extract.tense import tense
    assert tense("They toured after the album's release on ", "") != "future"
    assert tense("The band, formed in 2019, release their album on ", "") == "future"


REISSUE_NEWS = (
    "Copper Wolves are celebrating the 25th anniversary of their breakthrough album Salt Marsh "
    "with an expanded reissue.\n\n"
    "The deluxe edition of Salt Marsh, out March 15 through Greyline Records, adds 14 demos. "
    "The album, produced by Nora Quill, originally came out in February 2001 and went on to "
    "sell two million copies.\n\n"
    '"Listening back was like opening a time capsule," frontman Eli Brandt said.\n'
)


def test_an_anniversary_reissue_names_the_band_and_both_dates() -> None:
    result = extract(REISSUE_NEWS, published=date(2026, 1, 22))
    assert "Copper Wolves" in {a.name for a in result.artists}
    marsh = {(r.edition, r.date.iso() if r.date else None, r.artist)
             for r in result.releases if r.title == "Salt Marsh"}
    # "originally came out in February 2001" is when it came out, not a plan that changed;
    # "the deluxe edition of Salt Marsh, out March 15" is the new edition's day
    assert marsh == {(None, "2001-02", "Copper Wolves"),
                     ("reissue", "2026-03-15", "Copper Wolves")}


def test_an_album_released_last_year_in_an_aside_is_out_and_dated() -> None:
    text = ("Guitarist Mark Ellison has left the band Silver Coast after 12 years. Silver Coast, "
            "who released their fourth album Afterglow last year, said they will continue as a "
            "four-piece. The band will release their fifth album Undertow in the spring.")
    releases = {r.title: r for r in extract(text, published=date(2026, 8, 3)).releases}
    after = releases["Afterglow"]
    assert after.status == "released"
    assert after.date is not None and after.date.iso() == "2025"
    assert releases["Undertow"].status == "upcoming"  # "will release": not read as past


DUET_NEWS = (
    'Country stars Wade Cole and Ivy Marsh have teamed up for a new duet, "Gravel Road", out '
    "this Friday (March 6). Ivy Marsh's debut album Wildflower came out in 2024.\n\n"
    "The song was written by Cole, Marsh and Nashville songwriter Trent Miles, and produced by "
    "Dann Hale. Cole's album Back Porch, produced with longtime collaborator Owen Hart, features "
    'guest vocals from country singer Ruby Lane on the closing track "Homeward".\n'
)


def test_a_weekday_in_brackets_picks_the_year_though_the_clause_is_past() -> None:
    # published Tuesday 2026-03-03: "have teamed up" is past, "out this Friday (March 6)" ahead
    result = extract(DUET_NEWS, published=date(2026, 3, 3))
    gravel = {r.title: r for r in result.releases}["Gravel Road"]
    assert gravel.date is not None and gravel.date.iso() == "2026-03-06"
    assert gravel.status == "upcoming"


def test_a_duet_of_two_acts_is_the_first_named_s() -> None:
    result = extract(DUET_NEWS, published=date(2026, 3, 3))
    assert {r.title: r.artist for r in result.releases}["Gravel Road"] == "Wade Cole"


def test_credits_after_a_place_and_with_a_collaborator_and_a_guest_s_track() -> None:
    result = extract(DUET_NEWS, published=date(2026, 3, 3))
    people = {(p.name, p.relation) for p in result.people}
    assert ("Trent Miles", "writer") in people and ("Owen Hart", "producer") in people
    assert not [p for p in result.people if p.name.startswith("Nashville")]
    # the guest sings on "Homeward"; it is not her track
    assert {r.title: r.artist for r in result.releases}.get("Homeward") != "Ruby Lane"


COMEBACK_CREDITS = (
    "Girl group NOVA9 will make their comeback with their third mini album 'Starfall' on "
    "October 21 at 6 p.m. KST.\n\n"
    'The title track "Comet" was written by member Yuna and produced by hitmaker Park Jiwon, '
    'who also worked on the group\'s 2023 hit "Blue Signal".\n\n'
    "Soul singer Delia Marsh is survived by her husband, saxophonist Leon Marsh.\n"
)


def test_a_producer_named_after_the_title_never_makes_the_track() -> None:
    # Before: Park Jiwon was an act and both songs his ("hitmaker" made him one)
    result = extract(COMEBACK_CREDITS, published=date(2026, 10, 2))
    by = {r.title: r.artist for r in result.releases}
    assert by["Comet"] == "NOVA9" and by["Blue Signal"] == "NOVA9"
    assert ("Park Jiwon", "producer") in {(p.name, p.relation) for p in result.people}
    assert "Park Jiwon" not in {a.name for a in result.artists}


def test_a_spouse_with_an_instrument_for_a_trade_is_a_partner() -> None:
    result = extract(COMEBACK_CREDITS, published=date(2026, 10, 2))
    assert ("Leon Marsh", "partner") in {(p.name, p.relation) for p in result.people}


ROUND_UP = (
    "New Music Friday: the best new songs out today\n\n"
    'Brooklyn trio The Copper Foxes share "Wire", produced by John Bell.\n\n'
    'Mara Quinn – "Glasshouse"\n'
    'The singer-songwriter returns with "Glasshouse", the first single from her third album '
    "Night Swims, due July 12 via Lowlight Records.\n\n"
    'DJ Halo feat. Tiva – "Run Free"\n'
    'DJ Halo links up with rising star Tiva for the summer-ready "Run Free".\n\n'
    'Rapper Kez Amani dropped the surprise single "Back Home" on Wednesday, alongside a video '
    "directed by Ana Ruiz.\n"
)


def test_a_round_up_line_s_heading_names_the_act_of_every_title_under_it() -> None:
    result = extract(ROUND_UP, published=date(2026, 5, 8),
                     title="New Music Friday: the best new songs out today")
    by = {r.title: r.artist for r in result.releases if r.kind != "music_video"}
    assert by["Glasshouse"] == "Mara Quinn" and by["Night Swims"] == "Mara Quinn"
    assert by["Run Free"] == "DJ Halo"
    run_free = next(r for r in result.releases if r.title == "Run Free")
    assert tuple(run_free.featuring) == ("Tiva",)


def test_a_video_alongside_a_single_is_that_single_s() -> None:
    result = extract(ROUND_UP, published=date(2026, 5, 8))
    videos = {r.title for r in result.releases if r.kind == "music_video"}
    assert videos == {"Back Home"}
    credits = {(f.subject, f.object) for f in result.facts if f.predicate == "directed_by"}
    assert credits == {("Back Home", "Ana Ruiz")}


def test_a_release_delayed_indefinitely_keeps_no_date_of_its_old_plan() -> None:
    text = ("Indie band The Amber Lines have delayed their debut LP, Far Lights, indefinitely "
            "due to a production issue; it was set to arrive on February 24. Rosa Lind's album "
            "Copper Sky has been pushed back from March 3 to April 14.")
    releases = {r.title: r for r in extract(text, published=date(2026, 2, 15)).releases}
    assert releases["Far Lights"].date is None
    copper = releases["Copper Sky"]
    assert copper.date is not None and copper.date.iso() == "2026-04-14"


ANNOUNCEMENT_HEADLINE = ('Mira Vance Announces New Album Harbour Glass, Shares Video for '
                         '"Pale Light": Watch')
ANNOUNCEMENT = (
    "Mira Vance has announced a new album. Harbour Glass arrives April 14 via Kestrel Records. "
    "It's the follow-up to 2023's Winter Roads. Today, the Dublin songwriter has shared the "
    'lead single "Pale Light" with a video directed by Tove Brann.\n\n'
    "Vance made the record with producer Ezra Holt over two winters.\n\n"
    "Mira Vance:\n\n"
    "05-12 Brooklyn, NY - Elsewhere ^\n"
    "05-15 Toronto, Ontario - The Drake Underground\n"
    "05-17 Chicago, IL - Thalia Hall\n"
)


def test_an_unmarked_album_title_the_headline_introduces_is_a_release() -> None:
    # music sites set album titles in italics, lost with the HTML: the headline's "New Album
    # Harbour Glass" says what the body's bare "Harbour Glass arrives April 14" is
    result = extract(ANNOUNCEMENT, published=date(2027, 2, 9), title=ANNOUNCEMENT_HEADLINE)
    releases = {r.title: r for r in result.releases}
    glass = releases["Harbour Glass"]
    assert (glass.kind, glass.status, glass.artist) == ("album", "upcoming", "Mira Vance")
    assert glass.date is not None and glass.date.iso() == "2027-04-14"
    assert not any(e.date.iso() == "2027-04-14" for e in result.events)
    # "the record" is the new album, not the one it follows
    produced = {(f.subject, f.object) for f in result.facts if f.predicate == "produced_by"}
    assert produced == {("Harbour Glass", "Ezra Holt")}


def test_the_record_is_never_the_album_named_as_the_one_before() -> None:
    headline = 'Mira Vance Shares Video for "Pale Light": Watch'  # no title for the album
    result = extract(ANNOUNCEMENT, published=date(2027, 2, 9), title=headline)
    assert "Harbour Glass" not in {r.title for r in result.releases}
    assert not [f for f in result.facts if f.predicate == "produced_by"]


def test_a_headline_s_words_after_the_noun_are_a_title_only_where_the_body_has_them() -> None:
    body = "Mira Vance has announced a new album. It arrives in April via Kestrel Records."
    for headline in ("Mira Vance Announces New Album Out In April",
                     "Mira Vance Announces New Album Harbour Glass"):  # the body never names it
        result = extract(body, published=date(2027, 2, 9), title=headline)
        assert [r.title for r in result.releases if r.title] == []


def test_tour_lines_led_by_month_dash_day_are_tour_dates() -> None:
    result = extract(ANNOUNCEMENT, published=date(2027, 2, 9), title=ANNOUNCEMENT_HEADLINE)
    tour = {(e.date.iso(), e.evidence) for e in result.events if e.kind == "tour_date"}
    assert tour == {("2027-05-12", "05-12 Brooklyn, NY - Elsewhere ^"),
                    ("2027-05-15", "05-15 Toronto, Ontario - The Drake Underground"),
                    ("2027-05-17", "05-17 Chicago, IL - Thalia Hall")}


NEW_SONG_HEADLINE = 'Rook Lane – "Copper Wire"'
NEW_SONG = (
    "Last month, the Hull band Rook Lane announced Low Engines, their third album and first "
    "since 2024's Far Markers. They shared the lead single \"Static Bloom\" at the time, and "
    "today they're back with another one.\n\n"
    '"Copper Wire" is a slow-burning six-minute track that builds to a noisy finish.\n\n'
    "Low Engines is out 4/18 on Low Orbit Records.\n"
)


def test_announced_title_with_its_noun_after_is_a_release() -> None:
    result = extract(NEW_SONG, published=date(2027, 3, 2), title=NEW_SONG_HEADLINE)
    releases = {r.title: r for r in result.releases}
    engines = releases["Low Engines"]
    assert (engines.kind, engines.artist, engines.status) == ("album", "Rook Lane", "upcoming")
    assert engines.date is not None and engines.date.iso() == "2027-04-18"
    # "first since 2024's Far Markers": the year owns the title, whatever "announced" before
    markers = releases["Far Markers"]
    assert markers.date is not None and markers.date.iso() == "2024"


def test_a_date_of_the_next_clause_is_not_the_title_s() -> None:
    # "shared "Static Bloom" at the time, and today they're back with another one"
    result = extract(NEW_SONG, published=date(2027, 3, 2), title=NEW_SONG_HEADLINE)
    bloom = next(r for r in result.releases if r.title == "Static Bloom")
    assert bloom.date is None


def test_a_new_song_post_s_headline_names_its_single() -> None:
    result = extract(NEW_SONG, published=date(2027, 3, 2), title=NEW_SONG_HEADLINE)
    wire = next(r for r in result.releases if r.title == "Copper Wire")
    assert (wire.kind, wire.artist) == ("single", "Rook Lane")
    # a quoted headline that is speech, not a dash and a title, gives nothing
    said = extract('"We never stopped," she says. The band is back.',
                   published=date(2027, 3, 2), title='Rook Lane: "We Never Stopped"')
    assert [r.title for r in said.releases] == []


BILLBOARD_HEADLINE = "Ora Vell Scores First No. 1 Album on Billboard 200 With 'Lantern Field'"
BILLBOARD_WEEK = (
    "Singer Ora Vell earns her first No. 1 album on the Billboard 200 chart as Lantern Field "
    "debuts atop the list dated May 22. The set earned 112,000 units in the week ending "
    "May 13.\n\n"
    "Lantern Field, released May 7 via Mercury Hill, is Vell's third studio album.\n\n"
    "Rapper Kiro Dane's Blue Hour Tapes re-enters at No. 7.\n"
)


def test_a_headline_s_quoted_title_is_found_in_the_body_and_a_chart_week_never_dates_it() -> None:
    result = extract(BILLBOARD_WEEK, published=date(2027, 5, 17), title=BILLBOARD_HEADLINE)
    field = next(r for r in result.releases if r.title == "Lantern Field")
    assert (field.kind, field.artist) == ("album", "Ora Vell")
    # "debuts atop the list dated May 22" is the chart's week, not the album's day
    assert field.date is not None and field.date.iso() == "2027-05-07"
    # and a chart dated ahead is this year's, not last year's ("dated" is no past verb)
    assert not [e for e in result.events if e.date.iso() == "2026-05-22"]


def test_a_trade_before_a_possessive_and_a_title_is_no_member() -> None:
    result = extract(BILLBOARD_WEEK, published=date(2027, 5, 17), title=BILLBOARD_HEADLINE)
    assert not [p for p in result.people if "Blue Hour" in p.name]


def test_a_title_s_own_noun_after_it_beats_a_verb_before_and_a_possessed_noun() -> None:
    result = extract(
        'Singer Wren Avery is premiering "Cold Harbor," the second single from her '
        'forthcoming album The Long Quiet. "Cold Harbor" follows the album\'s lead single, '
        '"Ferryman," which Avery released in June.', published=date(2027, 8, 18))
    kinds = {(r.title, r.kind) for r in result.releases}
    assert ("Cold Harbor", "single") in kinds
    assert ("Cold Harbor", "album") not in kinds  # "the album's lead single" is Ferryman
    assert ("Cold Harbor", "other") not in kinds


def test_a_k_pop_act_s_agency_is_its_label() -> None:
    result = extract(
        "On February 15, the boy group's agency, Starline Entertainment, confirmed that NOVA "
        "Q will release their fourth mini album, Afterglow, on March 6 at 6 p.m. KST.",
        published=date(2027, 2, 15))
    assert {(f.subject, f.object) for f in result.facts if f.predicate == "label"} == {
        ("NOVA Q", "Starline Entertainment")}
    # a talent agency named without a label's word is not a label
    plain = extract("Singer Mara Vale has left her agency, CAA, after ten years.",
                    published=date(2027, 2, 15))
    assert not [f for f in plain.facts if f.predicate == "label"]


REVIEW = (
    "Four years on, the Bristol five-piece Saltfen return with Hollow Bells, a record that "
    "trades urgency for patience. Produced by longtime collaborator Ines Varga and recorded "
    "live to tape, it is their most unhurried album yet.\n\n"
    'The single "Seawall," released in January, is the closest thing to a hit here, while '
    'the closing "Quiet Now" features guest vocals from folk singer Hana Brook.\n'
)


def test_a_guest_named_after_the_title_never_makes_it() -> None:
    result = extract(REVIEW, published=date(2027, 3, 24))
    assert {r.title: r.artist for r in result.releases}["Seawall"] == "Saltfen"


def test_their_most_unhurried_album_is_the_article_s_album() -> None:
    result = extract(REVIEW, published=date(2027, 3, 24))
    assert {(f.subject, f.object) for f in result.facts if f.predicate == "produced_by"} == {
        ("Hollow Bells", "Ines Varga")}


def test_a_chart_place_s_month_never_dates_a_single() -> None:
    result = extract(
        'Juno Pak will release her third album, Neon Grove, on Friday, Nov. 5. The set '
        'includes the previously released singles "Glow Worm" and "Late Bud," the latter of '
        'which reached No. 18 on the Billboard Hot 100 in August.', published=date(2027, 9, 30))
    bud = next(r for r in result.releases if r.title == "Late Bud")
    assert bud.date is None


# An undated page: its year is known only from the anniversary it celebrates.
UNDATED_REISSUE = (
    "In celebration of the 20th anniversary of Paper Coast, Velvet Harbor is looking back this "
    "June with a multi-disc re-release of their 2006 album.\n\n"
    "Up first is a vinyl box set on April 19th. Then on June 3rdDeluxe and Super Deluxe Editions "
    "will be released. Sure, this is the record that gave us “Lantern Song” and “Cold Front,” "
    "but every track holds up.\n"
)


def test_an_undated_anniversary_page_dates_the_new_edition_by_arithmetic() -> None:
    """2006 + 20: the page is from 2026, so "June 3rd" is 2026's; the 2006 record is out and
    the day a page lost its space after ("3rdDeluxe") is still read."""
    result = extract(UNDATED_REISSUE)
    coast = {(r.edition, r.date.iso() if r.date else None, r.status)
             for r in result.releases if r.title == "Paper Coast"}
    assert coast == {(None, "2006", "released"), ("reissue", "2026-06-03", "upcoming")}
    songs = {r.title: r.kind for r in result.releases if r.title != "Paper Coast"}
    assert songs == {"Lantern Song": "other", "Cold Front": "other"}


def test_without_an_anniversary_an_undated_page_gives_no_year() -> None:
    text = UNDATED_REISSUE.replace("20th anniversary", "anniversary")
    coast = {r.date.iso() if r.date else None
             for r in extract(text).releases if r.title == "Paper Coast"}
    assert "2026-06-03" not in coast and not any(d and d.startswith("2026") for d in coast)


DATE_SHUFFLE = (
    "Release Date Shuffle: Nova Reyes, The Lantern Kids And Tomas Adeyemi Move Their Albums\n\n"
    "Fall release schedules are a moving target this week. Nova Reyes has pushed back her "
    "third album, Paper Moons, from October 1 to October 22, according to her label, "
    "Brightside Records. The delay gives her time to finish a duet with Tomas Adeyemi, who is "
    "moving his own record up.\n\n"
    "Adeyemi's sophomore set Harbor Lights, first slated for November 19, will now arrive a "
    'month early on October 15. Its lead single, "Salt Air," hit radio last week.\n\n'
    "Meanwhile, indie rockers The Lantern Kids have delayed Quiet Engines indefinitely. The LP "
    "was originally due out September 24; no new date has been set.\n\n"
    "Finally, the deluxe edition of Mara Quill's Glass Weather, which came out in March, lands "
    "on October 8 with five bonus tracks.\n"
)


def test_a_round_up_of_moved_release_dates() -> None:
    result = extract(DATE_SHUFFLE, published=date(2025, 9, 14))
    names = {a.name for a in result.artists}
    # "Fall release schedules": a season's release noun, not an act
    assert "Fall" not in names
    assert {"Nova Reyes", "Tomas Adeyemi", "The Lantern Kids", "Mara Quill"} <= names
    got = {(r.title, r.edition): r for r in result.releases}
    moons = got["Paper Moons", None]
    # "pushed back her third album, X, from October 1 to October 22": the new date
    assert (moons.artist, moons.date and moons.date.iso(), moons.status) == (
        "Nova Reyes", "2025-10-22", "upcoming")
    assert moons.previous_date is not None and moons.previous_date.iso() == "2025-10-01"
    # "sophomore set" is an album; "first slated for …, will now arrive … on October 15"
    harbor = got["Harbor Lights", None]
    assert (harbor.artist, harbor.kind, harbor.date and harbor.date.iso()) == (
        "Tomas Adeyemi", "album", "2025-10-15")
    # ""Salt Air," hit radio": "hit" is the verb, the noun before says single
    assert got["Salt Air", None].kind == "single"
    # delayed indefinitely: still to come, and the date it had is no date
    engines = got["Quiet Engines", None]
    assert (engines.artist, engines.date, engines.status) == (
        "The Lantern Kids", None, "upcoming")
    # the owner opens no title; "which came out in March" is the record's, October 8 the
    # new edition's
    weather = got["Glass Weather", None]
    assert (weather.artist, weather.date and weather.date.iso()) == ("Mara Quill", "2025-03")
    deluxe = got["Glass Weather", "reissue"]
    assert deluxe.date is not None and deluxe.date.iso() == "2025-10-08"
    assert not any((r.title or "").startswith("Mara Quill") for r in result.releases)


ANNIVERSARY_REISSUE = (
    "Cinder Road Mark 25 Years of 'Night Swims' With Expanded Reissue\n\n"
    "Cinder Road's breakthrough album Night Swims turns 25 this fall, and the band is "
    "celebrating with a four-disc reissue due October 29 via Harbour Records.\n\n"
    "Originally released on October 12, 2001, Night Swims spent 40 weeks on the Billboard 200 "
    'and spawned the hit "Low Tide," which reached No. 3 on the Hot 100 in early 2002.\n\n'
    "Singer Dana Holt, who wrote most of the album in her parents' garage, said the demos "
    '"sound like kids who didn\'t know what they were doing yet."\n\n'
    "The band, which released its most recent album, Red Signal, in 2021, will play Night "
    "Swims in full on a 12-date tour starting November 5 in Portland.\n"
)


def test_a_band_named_by_its_breakthrough_album_owns_its_records() -> None:
    result = extract(ANNIVERSARY_REISSUE, published=date(2026, 8, 2))
    assert "Cinder Road" in {a.name for a in result.artists}
    got = {r.title: r for r in result.releases if r.edition is None}
    # "X's breakthrough album": X is the act, never the singer quoted later
    assert {t: got[t].artist for t in ("Night Swims", "Low Tide", "Red Signal")} == dict.fromkeys(
        ("Night Swims", "Low Tide", "Red Signal"), "Cinder Road")
    assert got["Night Swims"].date is not None and got["Night Swims"].date.iso() == "2001-10-12"
    # "The band, which released its most recent album, Red Signal, in 2021": the band's
    assert got["Red Signal"].date is not None and got["Red Signal"].date.iso() == "2021"
    labels = {(f.subject, f.object) for f in result.facts if f.predicate == "label"}
    assert labels == {("Cinder Road", "Harbour Records")}


COUNTRY_NOTES = (
    "Nashville Notes: Cole Harlan, Delia Marsh, The Wheeler Brothers\n\n"
    "Cole Harlan is heading back to the studio. The country singer, whose 2024 album Gravel "
    "Roads went gold, told fans Tuesday that his next record will arrive before autumn.\n\n"
    "Delia Marsh will release her new EP, Kitchen Radio, on July 18 through Blue Porch "
    "Records. The five-song set was produced by Sam Okafor.\n\n"
    "The Wheeler Brothers have added 14 dates to their Long Haul Tour, which now runs through "
    "November 22 in Knoxville. Tickets go on sale Friday, June 19 at 10 a.m. local time.\n\n"
    'Songwriter Jess Tully, who co-wrote Harlan\'s hit "Two Lane Summer," signed a publishing '
    "deal with Cedar Songs on Monday.\n"
)


def test_a_round_up_s_nameless_sentence_is_its_paragraph_s_act() -> None:
    result = extract(COUNTRY_NOTES, published=date(2026, 6, 12))
    sale = [e for e in result.events if e.date.iso() == "2026-06-19"]
    # "Tickets go on sale Friday" follows the Wheeler Brothers' news, not Cole Harlan's
    assert [e.subject for e in sale] == ["The Wheeler Brothers"]
    kitchen = next(r for r in result.releases if r.title == "Kitchen Radio")
    assert (kitchen.artist, kitchen.date and kitchen.date.iso()) == ("Delia Marsh", "2026-07-18")


def test_a_publishing_deal_s_partner_wrote_nothing() -> None:
    result = extract(COUNTRY_NOTES, published=date(2026, 6, 12))
    # "who co-wrote X, signed a publishing deal with Cedar Songs": no co-writer named
    assert "Cedar Songs" not in {p.name for p in result.people}
    assert not [f for f in result.facts if f.predicate == "written_by"
                and f.object == "Cedar Songs"]


SINGLES_WEEK = (
    "Official Chart: Copper Wire holds at Number 1 for a third week\n\n"
    "Kid Orbit's Copper Wire spends a third week at the top of the Official Singles Chart, "
    "fending off a late challenge from Tessa Lane's Porcelain Heart, which climbs two places to "
    "Number 2.\n\n"
    "The week's highest new entry belongs to The Hollow Pines, whose Northern Rain debuts at "
    "Number 5. It is the Leeds band's first Top 10 hit since 2019's Glass Coast.\n"
)


def test_a_chart_week_names_its_entries_and_their_acts() -> None:
    result = extract(SINGLES_WEEK, published=date(2026, 3, 20))
    got = {r.title: r for r in result.releases}
    # "X's Y spends a third week at the top": a chart entry, a single on the singles chart
    assert (got["Copper Wire"].artist, got["Copper Wire"].kind) == ("Kid Orbit", "single")
    # "A, whose Y debuts at Number 5": A is an act and Y its entry
    assert "The Hollow Pines" in {a.name for a in result.artists}
    assert got["Northern Rain"].artist == "The Hollow Pines"
    # "the Leeds band's … since 2019's Glass Coast": the band named last, not the week's first act
    glass = got["Glass Coast"]
    assert (glass.artist, glass.date and glass.date.iso()) == ("The Hollow Pines", "2019")


TOUR_NEWS = (
    "The Hollow Pines Announce North American Tour: See the Dates\n\n"
    "The Hollow Pines are hitting the road this summer in support of their new album Quiet "
    "Engines, out April 17 via Cedar Songs. The 18-date trek kicks off June 5 in Seattle and "
    "wraps up July 19 in Boston, with special guests Tessa Lane and Dex Marlow on select "
    "dates.\n\n"
    "06/07 – Portland, OR @ Moda Center\n"
    "06/10 – San Francisco, CA @ Chase Center\n"
)


def test_a_band_hitting_the_road_headlines_its_tour_not_its_special_guests() -> None:
    result = extract(TOUR_NEWS, published=date(2026, 3, 2))
    assert "The Hollow Pines" in {a.name for a in result.artists}
    engines = next(r for r in result.releases if r.title == "Quiet Engines")
    assert (engines.artist, engines.date and engines.date.iso()) == (
        "The Hollow Pines", "2026-04-17")
    shows = {(e.subject, e.date.iso()) for e in result.events if e.kind == "tour_date"}
    assert {("The Hollow Pines", "2026-06-05"), ("The Hollow Pines", "2026-07-19")} <= shows
    # "with special guests Tessa Lane and Dex Marlow": they support, the tour is not theirs
    assert not [who for who, _ in shows if who in ("Tessa Lane", "Dex Marlow")]


COMEBACK_NEWS = (
    "LUMA are coming back. The five-member girl group will release their fifth mini album, "
    "STARGLOW, on January 8 at 6 p.m. KST, their agency Brightway Entertainment announced.\n\n"
    "The comeback arrives eight months after the group's first full-length album, Neon Orchard, "
    "which topped the chart in May. Ahead of the album, LUMA will drop the pre-release single "
    "\"Night Bloom\" on December 18.\n\n"
    "Leader Yuna co-wrote the title track \"Starglow\", which was produced by Park Jin-ho."
)


def test_a_comeback_s_group_owns_its_record_and_its_title_track_is_still_to_come() -> None:
    result = extract(COMEBACK_NEWS, published=date(2026, 11, 20),
                     title="LUMA confirm January comeback")
    assert {a.name for a in result.artists} == {"LUMA"}  # "are coming back": an act's doing
    got = {(r.title, r.kind): r for r in result.releases}
    album = got["STARGLOW", "album"]  # "The five-member girl group will release their …"
    assert (album.artist, album.date and album.date.iso()) == ("LUMA", "2027-01-08")
    # "Ahead of the album, LUMA will drop": the sentence's subject, no self-titled album
    assert not [r for r in result.releases if r.title == "LUMA"]
    song = got["Starglow", "single"]  # the title track of a record still to come
    assert (song.artist, song.status, song.date) == ("LUMA", "upcoming", None)


MOVED_UP_NEWS = (
    "Fans of Dario Vane won't have to wait quite as long. The Chicago rapper's fourth studio "
    "album, Gold Signal, originally due out on October 20, will now hit stores on October 6, "
    "his label Redline Records confirmed Tuesday.\n\n"
    "The set's lead single, \"Paraglider,\" featuring singer Lila Moss, debuted at No. 12 last "
    "month. A second single, \"Concrete Lilies,\" arrives Friday."
)


def test_a_date_moved_up_and_a_featured_singer_is_nobody_s_subject() -> None:
    result = extract(MOVED_UP_NEWS, published=date(2026, 9, 2),
                     title="Dario Vane moves up release of new album")
    # "Fans of X won't": no act called "Fans of X" (nor one that "won"); "The Chicago rapper's":
    # a city with "the" is no act
    assert {a.name for a in result.artists} == {"Dario Vane", "Lila Moss"}
    got = {r.title: r for r in result.releases}
    signal = got["Gold Signal"]  # "originally due out on A, will now hit stores on B": B
    assert (signal.artist, signal.date and signal.date.iso()) == ("Dario Vane", "2026-10-06")
    assert signal.previous_date is not None and signal.previous_date.iso() == "2026-10-20"
    # '"Paraglider," featuring singer Lila Moss': a guest on it, and not the next single's act
    assert (got["Paraglider"].artist, got["Paraglider"].featuring) == ("Dario Vane", ("Lila Moss",))
    assert got["Concrete Lilies"].artist == "Dario Vane"


BABY_NEWS = (
    "Kade Marlow got the best birthday present of all. The Atlanta rapper and his fiancée, "
    "model Simone Ray, welcomed their first child, a daughter named Arielle, on Thursday, which "
    "was also Marlow's 30th birthday.\n\n"
    "Marlow, born June 11, 1996, released his third album, Low Ceiling, in March."
)


def test_a_birth_on_a_father_s_birthday_gives_two_births_and_the_act() -> None:
    result = extract(BABY_NEWS, published=date(2026, 6, 12),
                     title="Kade Marlow welcomes baby girl on his 30th birthday")
    # "X welcomes baby girl", "Marlow, born June 11, 1996, released": what acts do
    assert {a.name for a in result.artists} == {"Kade Marlow"}
    births = {(e.subject, e.date.iso()) for e in result.events if e.kind == "birthday"}
    assert births == {("Kade Marlow", "1996-06-11"), ("Arielle", "2026-06-11")}
    ceiling = next(r for r in result.releases if r.title == "Low Ceiling")
    assert ceiling.artist == "Kade Marlow"


MEMBER_EXIT = (
    "Theo Marsk has left Glass Pilotes. The drummer, who co-founded the Manchester indie band "
    "with singer Ellie Shore in 2014, announced his departure on Tuesday.\n\n"
    "The band said they will continue as a four-piece, with touring drummer Sam Kettel filling "
    "in on the group's upcoming European dates, which begin April 9 in Berlin.\n\n"
    "Marsk played on all three of the band's previous albums, including their 2019 debut Paper "
    "Shoreline, which reached No. 4 in the UK. Their 2016 debut EP came out in May."
)


def test_a_member_s_exit_names_the_founders_not_the_stand_in() -> None:
    result = extract(MEMBER_EXIT, published=date(2026, 3, 18),
                     title="Glass Pilotes drummer Theo Marsk quits band")
    people = {(p.name, p.relation) for p in result.people}
    # a co-founder "with singer X" of "the Manchester indie band" is a member, not an act
    assert ("Ellie Shore", "member") in people
    assert {a.name for a in result.artists} == {"Glass Pilotes"}
    # a touring drummer filling in joined nothing
    assert not [rel for name, rel in people if name == "Sam Kettel"]
    founded = {(e.subject, e.date.iso()) for e in result.events if e.kind == "other"}
    assert ("Ellie Shore", "2014") not in founded
    got = {r.title: r for r in result.releases}
    # "their 2019 debut Paper Shoreline": a record; "their 2016 debut EP": no title
    assert (got["Paper Shoreline"].artist, got["Paper Shoreline"].date and
            got["Paper Shoreline"].date.iso()) == ("Glass Pilotes", "2019")
    assert "EP" not in got


def test_a_date_moved_by_a_long_verb_phrase_or_a_plan_replaced_keeps_both_dates() -> None:
    def moved(text: str) -> tuple[str | None, str | None, str | None]:
        release = extract(text, published=date(2026, 10, 30), title="News").releases[0]
        return (release.artist, release.date.iso() if release.date else None,
                release.previous_date.iso() if release.previous_date else None)
    # "has moved the release date of her album X up to A from B": A is still to come, this
    # year; B the year nearest A
    assert moved("Mara Quell has moved the release date of her album Salt Engines up to "
                 "November 17 from November 24.") == ("Mara Quell", "2026-11-17", "2026-11-24")
    # "which was due in January, will arrive on December 4 instead": the plan, then the date
    assert moved("Rosa Lindt's third LP, Glass Weathers, which was due in January, will arrive "
                 "on December 4 instead.") == ("Rosa Lindt", "2026-12-04", "2027-01")


def test_a_kind_of_singer_opening_a_sentence_is_no_act() -> None:
    result = extract("Solo singer HANI will release her first full album 'Blossoming' on "
                     "December 3. It has been two years since her debut single 'Petals' in 2024.",
                     published=date(2026, 11, 20), title="News")
    assert {a.name for a in result.artists} == {"HANI"}  # not "Solo"
    assert {r.title: r.artist for r in result.releases} == {"Blossoming": "HANI", "Petals": "HANI"}


ALBUMS_WEEK = (
    "Nova Rees' Paper Moonlight holds at the top of the albums chart for a third week, fending "
    "off a late challenge from rapper Kid Orbitz.\n\n"
    "Manchester four-piece The Velvet Pine land their first Top 10 album with Quiet Roomz at "
    "Number 6."
)


def test_a_chart_entry_named_by_its_place_is_a_record_not_a_collaborator() -> None:
    result = extract(ALBUMS_WEEK, published=date(2026, 5, 15), title="Albums chart")
    # "album with X at Number 6": X is the entry, by the "four-piece" the sentence names
    assert "Quiet Roomz" not in {a.name for a in result.artists}
    assert {r.title: r.artist for r in result.releases}["Quiet Roomz"] == "The Velvet Pine"
    # "a late challenge from rapper X": a trade, no band's member
    assert not [p for p in result.people if p.name == "Kid Orbitz"]


EARLIER_DATE = (
    "Kid Orbitt's upcoming album Static Blume will arrive a week earlier than planned. Label "
    "Atlas Sounds announced Monday that the set, previously slated for Nov. 25, will now be "
    "released Nov. 18.\n"
)


def test_the_set_moved_a_week_earlier_takes_the_new_date_and_keeps_the_plan() -> None:
    result = extract(EARLIER_DATE, published=date(2008, 10, 20), title="News")
    blume = next(r for r in result.releases if r.title == "Static Blume")
    assert (blume.date and blume.date.iso(), blume.previous_date and blume.previous_date.iso()) \
        == ("2008-11-18", "2008-11-25")
    assert not result.events  # the plan is the record's old date, no event of its own
    labels = [f.object for f in result.facts if f.predicate == "label"]
    assert labels == ["Atlas Sounds"]  # "Label X announced …" opening the sentence


CHART_PLACES = (
    "Nell Ardenne holds at No. 1 on the albums chart with Glass Meridia for a third week.\n\n"
    "Rapper Kofi Blaise debuts at No. 2 with Street Psalmz, which sold 28,500 units in its first "
    "week.\n"
)


def test_a_place_held_with_a_record_names_the_act_and_the_record_not_a_collaborator() -> None:
    result = extract(CHART_PLACES, published=date(2026, 5, 15), title="Chart week")
    assert {a.name for a in result.artists} == {"Nell Ardenne", "Kofi Blaise"}
    got = {r.title: r.artist for r in result.releases}
    assert got == {"Glass Meridia": "Nell Ardenne", "Street Psalmz": "Kofi Blaise"}
    # a record's first week is not what an act has sold, least of all another act
    assert not [f for f in result.facts if f.predicate == "records_sold"]


def test_an_act_s_comeback_names_the_act() -> None:
    result = extract("NOVA7's comeback, originally scheduled for the first week of March, has "
                     "been postponed to March 18.", published=date(2024, 2, 20), title="News")
    assert {a.name for a in result.artists} == {"NOVA7"}
    assert {(e.subject, e.date.iso()) for e in result.events} == {("NOVA7", "2024-03-18")}


def test_a_moved_leap_day_keeps_the_article() -> None:
    # "moved up to February 29" read into a year with no such day next year: the article's
    # facts are kept (a rule tripping would lose them all)
    result = extract("Mara Quell has moved the release date of her album Salt Engines up to "
                     "February 29 from March 7.", published=date(2024, 3, 2), title="News")
    assert [r.title for r in result.releases] == ["Salt Engines"]


def test_a_video_for_the_track_dates_the_video_and_a_guest_told_in_a_clause() -> None:
    x = extract("Rapper Vell Kato will release his album Paper Saints on October 31. The album "
                "was preceded by the single \"Lanterns,\" which features singer Mira Dune and "
                "was produced by Oz Kell. A video for the track, directed by Pia Rook, "
                "premiered on October 2.\n", published=date(2025, 10, 14))
    songs = {(r.title, r.kind, r.artist, r.date.iso() if r.date else None, r.featuring)
             for r in x.releases if r.title == "Lanterns"}
    # the premiere is the video's day, not the song's; the singer it features is a guest on
    # it, never its act
    assert songs == {("Lanterns", "single", "Vell Kato", None, ("Mira Dune",)),
                     ("Lanterns", "music_video", "Vell Kato", "2025-10-02", ())}


def test_a_title_case_headline_names_the_act_and_shortcodes_are_markup() -> None:
    # "X To Release New Album" in title case names the act the body calls "the veteran
    # rockers"; a publishing system's '[artist id="…"]' tags are no words of the text; the
    # director "Alex Morrow" is no "A x B" collaboration (the x ends his first name)
    headline = "Kai Dorne To Release New Album, Paper Coast, In March"
    text = ('[artist id="1022"]Kai Dorne[/artist] have locked down a date for one of the first '
            "big releases of next year. The veteran rockers will drop their 12th album, Paper "
            "Coast on March 2.\n\n"
            "The CD was produced by a trio of the band's longtime collaborators, "
            '[artist id="1065"]Tom Fry[/artist], Ada Quill and Nia Cole.\n\n'
            "The group shot a video with director Alex Morrow ([artist id=\"9\"]Salt "
            'Honey[/artist]), who also made the clips for the songs "Tin Roof" and "Low Tide".')
    x = extract(text, published=date(2008, 11, 20), title=headline)
    paper = next(r for r in x.releases if r.title == "Paper Coast")
    assert (paper.artist, paper.date.iso() if paper.date else None) == ("Kai Dorne", "2009-03-02")
    assert "Alex Morrow" not in {a.name for a in x.artists}
    assert {p.name for p in x.people if p.relation == "producer"} == {
        "Tom Fry", "Ada Quill", "Nia Cole"}
    assert not any("[" in (r.title or "") + (r.artist or "") for r in x.releases)
