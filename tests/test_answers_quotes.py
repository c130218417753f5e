"""Questions in a fan's own words, answered by linking the names in them, and by quoting the
article sentence that fits when no stored fact answers (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.actors import Actor
from bot.answers import quotes
from bot.answers.model import MAX_ANSWER, evidence_of
from bot.answers.questions import Question
from bot.answers.quotes import Quote
from bot.answers.quoting import NOTE, pick, quoted, wants, window
from bot.app import App
from bot.models import Entity

GUILD = 1000
OTHER_GUILD = 2000
LANTERN = (
    "Title: Lena Morrow shares Tin Lantern\n\n"
    "Singer Lena Morrow has shared her new single \"Tin Lantern\", out now on Harbour Lights "
    "Records. The video for \"Tin Lantern\" was directed by Ada Quill. "
    "She donated $20,000 from the first week of sales to a flood relief fund in her hometown. "
    "On the album she covers two songs by her late uncle, \"Rope Bridge\" and \"Old Mill Road\". "
    "Her guitarist Pete Sand is leaving the band after ten years to open a recording studio.\n"
)


async def ingest(app: App, text: str, guild: int = GUILD) -> None:
    await app.ingest.ingest_file(guild, "lantern.txt", text.encode(),
                                 published=datetime(2026, 11, 20, tzinfo=UTC))


async def answer(app: App, question: str, guild: int = GUILD) -> str:
    return (await app.answers.ask(question, guild)).answer


async def test_names_inside_the_question_are_linked_whatever_the_phrasing(app: App) -> None:
    await ingest(app, LANTERN)
    for question in ("Who directed Lena Morrow's 'Tin Lantern' video?",
                     "who directed lena morrow's tin lantern video",
                     "Who shot the Tin Lantern video?",
                     "Tin Lantern video: who directed it?"):
        assert "Ada Quill" in await answer(app, question), question
    assert "Harbour Lights" in await answer(app, "Which label put out Lena Morrow's single?")


async def test_a_quoted_answer_cites_the_article_and_says_it_is_a_quote(app: App) -> None:
    await ingest(app, LANTERN)
    result = await app.answers.ask("How much did she donate?", GUILD)
    assert result.answer == (
        'Lena Morrow shares Tin Lantern (2026-11-20): "She donated $20,000 from the first week '
        'of sales to a flood relief fund in her hometown."' + NOTE)
    assert len(result.answer) <= MAX_ANSWER
    assert result.facts == []
    assert [s.title for s in result.sources] == ["Lena Morrow shares Tin Lantern"]
    # /sources shows the sentence quoted.
    assert evidence_of(result)[0][1].startswith("She donated $20,000")


async def test_questions_no_fact_answers_get_the_sentence_that_fits(app: App) -> None:
    await ingest(app, LANTERN)
    assert "Rope Bridge" in await answer(app, "Which songs does she cover on the album?")
    assert "open a recording studio" in await answer(app, "Why is Pete Sand leaving the band?")
    assert "open a recording studio" in await answer(app, "Why is he leaving the band?")


async def test_never_an_empty_answer_and_unknown_only_when_no_article_names_it(
    app: App
) -> None:
    await ingest(app, LANTERN)
    # Named in a stored sentence though no fact is about it: quoted, not "unknown".
    text = await answer(app, "What is Old Mill Road?")
    assert "Old Mill Road" in text and "don't know" not in text
    unknown = await answer(app, "When does Copper Wren's album come out?")
    assert unknown.startswith('I don\'t know "Copper Wren" yet')
    assert (await answer(app, "What colour is the sky?")).startswith(
        "No article I have read answers that yet.")


async def test_another_guilds_articles_are_never_quoted(app: App) -> None:
    await ingest(app, LANTERN, guild=OTHER_GUILD)
    text = await answer(app, "How much did she donate?", guild=GUILD)
    assert "donated" not in text
    assert "donated" in await answer(app, "How much did she donate?", guild=OTHER_GUILD)


async def test_a_long_sentence_is_cut_around_what_was_asked(app: App) -> None:
    filler = ", ".join(f"a stop in town number {n}" for n in range(1, 25))
    await ingest(app, "Title: Lena Morrow on the road\n\n"
                 f"Lena Morrow will play {filler}, and the final show raises money for the "
                 "Riverside Children's Hospital.\n")
    text = await answer(app, "Which hospital does Lena Morrow's final show raise money for?")
    assert len(text) <= MAX_ANSWER
    assert "Riverside Children's Hospital" in text and "…" in text


async def test_a_sentence_of_an_article_about_them_answers_without_naming_them(
    app: App
) -> None:
    await ingest(app, "Title: Jon Reed at 70\n\n"
                 "Singer Jon Reed celebrates his 70th birthday today. "
                 "He is the father of five children, the youngest born in 2019.\n")
    text = await answer(app, "How many children does Jon Reed have?")
    assert "father of five children" in text


async def test_a_name_only_mentioned_gets_the_nearest_sentence_not_unknown(app: App) -> None:
    await ingest(app, LANTERN.replace(
        "Her guitarist", "The stage was built by the Harrow Collective. Her guitarist"))
    text = await answer(app, "When was the Harrow Collective founded?")
    assert "don't know" not in text
    assert text.startswith("I have no answer to that; the nearest is what an article says of "
                           "Harrow Collective: ")
    assert "built by the Harrow Collective" in text and len(text) <= MAX_ANSWER


async def test_a_directors_act_is_never_made_a_release_of_its_name(app: App) -> None:
    await ingest(app, "Title: Lena Morrow shares Tin Lantern\n\n"
                 "Singer Lena Morrow has shared her new single \"Tin Lantern\". "
                 "The video was directed by Ada Quill.\n")
    async with app.db.read() as session:
        releases = list(await session.scalars(
            select(Entity.name).where(Entity.kind == "release")))
    assert releases == ["Tin Lantern"]
    assert await answer(app, "who directed lena morrows tin lantern video") == \
        "Tin Lantern was directed by Ada Quill."


async def test_the_sentence_with_the_asked_word_beats_one_that_only_names_them(
    app: App
) -> None:
    await ingest(app, "Title: Grey Harbour part ways with Nell Crane\n\n"
                 "Rock band Grey Harbour have parted ways with guitarist Nell Crane. "
                 "\"It has been a very special chapter in the band with our dear friend Nell "
                 "Crane, but we have decided it's time to go our separate ways.\" "
                 "The guitarist joined the band in 2015, taking over from Joe Kell.\n")
    text = await answer(app, "When did Nell Crane join Grey Harbour?")
    assert "joined the band in 2015" in text  # "decided" and "separate" hold no month


def test_words_that_start_like_months_are_no_dates() -> None:
    from bot.answers.quoting import _DATE
    assert _DATE.search("we have decided it's time to go our separate ways") is None
    assert _DATE.search("we may go") is None
    assert _DATE.search("out on Sept. 4") is not None


def test_a_long_sentence_is_cut_around_what_was_asked_not_the_name() -> None:
    """"Who is directing Lena Morrow's new video?": the part kept is the one with "director"
    and the name beside it, even when the act's name recurs early in the sentence."""
    sentence = ("The first single from Lena Morrow has not yet been chosen, but Lena Morrow's "
                "own site said in early November that Lena Morrow and her band were holed up "
                "in a warehouse on the edge of the harbour for a week, shooting a new video "
                "with the director Ada Quill, who also made the clips for two songs from the "
                "last record and a short film about the tour that followed it.")
    words = ("directing", "new", "video")
    room = 150
    kept = window(sentence, ["Lena Morrow", *words], room, ["directing", "video"],
                  wants(Question("open", "Who is directing Lena Morrow's new video?", words)))
    assert "Ada Quill" in kept and "director" in kept
    assert len(kept) <= room


def test_a_when_question_is_answered_by_the_dated_sentence_on_the_release() -> None:
    """"When is Kettle Static's Low Tide coming out?" with only "Low Tide" known: the sentence
    that names the release and gives its day wins over one that names the act and a year
    ("Kettle Static's" is the act's name, not a word the question asks about)."""
    def quote(sentence: str) -> Quote:
        return Quote(sentence, 1, "Kettle Static set a date", None, None, 1.0)
    quotes = [quote("Kettle Static have locked down a date for one of the big releases of 2027."),
              quote("The veteran rockers will drop their fifth album, Low Tide, on March 2.")]
    question = Question("release_date", "When is Kettle Static's Low Tide coming out?",
                        ("kettle", "static", "coming"))
    best = pick(quotes, question, ["Low Tide"])
    assert best is not None and "March 2" in best.sentence



async def test_a_when_quote_of_an_undated_article_with_a_year_less_day_speaks_for_itself(
        app: App) -> None:
    """"April 19th" in an article with no date has no year: the day leads with none made up
    (the answer crashed before)."""
    await app.ingest.ingest_file(GUILD, "reissue.txt", (
        b"Title: Kettle Static reissue Low Tide\n\nKettle Static will reissue Low Tide this "
        b"summer. Up first is a vinyl box set for Record Store Day on April 19th called Blue "
        b"Hours: The Singles that will hold all five singles.\n"))
    said = await answer(app, "What comes out for Record Store Day, and on what date?")
    # The day leads, written out, with no year made up for it.
    assert said.startswith("April 19 (no year given), going by ")
    assert "April 19th called Blue Hours" in said


def test_a_when_question_quoting_a_sentence_without_a_date_is_answered() -> None:
    """The sentence holds a word the question asks about ("blue") but no date: the quote is
    given as it is (this raised IndexError, found by bench_answers' typo questions)."""
    quote = Quote("Blue Harbour, Quiet Night by Mara Vale is their new record.", 1, "t", None,
                  None, 1.0)
    question = Question("release_date", "When did Blue Harbuor, Quiet Night come out?",
                        ("blue", "harbuor", "quiet", "night"))
    answer = quoted(quote, question, ["Blue Harbour, Quiet Night"])
    assert "their new record" in answer.answer

TOUR_NEWS = (
    "Title: Rosa Vane announces spring tour\n\n"
    "Rosa Vane will hit the road next spring in support of her new album. "
    "The 24-date trek kicks off March 4 in Seattle and wraps April 11 in Atlanta. "
    "Tickets go on sale Friday, with an artist presale starting Wednesday. "
    "Vane, a fashion student before music, is the daughter of songwriter Lou Vane. "
    "Singer Rosa Vane and guitarist Tom Reel formed the group Glass Pier in 2015.\n"
)


async def test_a_quote_is_found_by_the_words_news_writes_instead(app: App) -> None:
    """"Where does the tour start?" is answered by "the trek kicks off … in Seattle", "Who is
    her father?" by "the daughter of", "Who founded …?" by "formed": the words a fan asks with
    are not the ones the article uses."""
    await ingest(app, TOUR_NEWS)
    assert "Seattle" in await answer(app, "Where does Rosa Vane's tour start?")
    assert "Lou Vane" in await answer(app, "Who is Rosa Vane's father?")
    assert "formed" in await answer(app, "Who founded Glass Pier?")


async def test_when_did_they_debut_is_the_year_of_the_debut_not_another_clauses_day(
        app: App) -> None:
    """"NOVA9 debuted in 2018 with "Blue Hour" and released their latest album, Gravity, on
    June 3": "When did NOVA9 debut?" is 2018, never led by June 3."""
    await ingest(app, "Title: NOVA9 news\n\nK-pop group NOVA9 debuted in 2018 with \"Blue Hour\" "
                      "and released their latest album, Gravity, on June 3, 2026.\n")
    told = await answer(app, "When did NOVA9 debut?")
    assert "2018" in told and not told.startswith("June 3")


async def test_a_when_answer_never_leads_with_another_clauses_date(app: App) -> None:
    """"Tickets go on sale Friday, December 11, with an artist presale starting Wednesday":
    the presale is not on December 11, so that answer quotes without leading with it."""
    await ingest(app, "Title: Rosa Vane tour\n\nRosa Vane will tour in the spring. Tickets for "
                      "the Rosa Vane tour go on sale Friday, December 11, at 10 a.m., with an "
                      "artist presale starting Wednesday.\n")
    presale = await answer(app, "When is the Rosa Vane presale?")
    assert "presale starting Wednesday" in presale and not presale.startswith("December 11")
    assert (await answer(app, "When do Rosa Vane tickets go on sale?")).startswith(
        "December 11, 2026")


async def test_a_new_edition_is_not_answered_with_the_release_s_own_date(app: App) -> None:
    """"When does the deluxe edition of Low Tide come out?" asks for the edition's day, which
    the stored release date (the original's) is not."""
    await ingest(app, "Title: Low Tide returns\n\nKettle Static released their album Low Tide "
                      "in 2004. A deluxe edition of Low Tide with twelve demos will be released "
                      "on June 3, 2027.\n")
    said = await answer(app, "When does the deluxe edition of Low Tide come out?")
    assert "June 3" in said and "2004" not in said
    # Asked of the album itself, the stored date still answers.
    assert "2004" in await answer(app, "When did Low Tide come out?")


async def test_now_of_a_round_up_line_is_its_new_date(app: App) -> None:
    """"Kettle Static, Untitled Old date: March 2027. New date: Sometime in 2028." is one line
    (the new date is kept with it), and "… expected now?" is answered with the new date."""
    await ingest(app, "Title: Shifting release dates\n\nThe week's delays are in.\n\n"
                      "Kettle Static, Untitled Old date: March 2027. New date: Sometime in "
                      "2028. Official reason: the band wants more time in the studio.\n")
    said = await answer(app, "When is Kettle Static's next album expected now?")
    assert said.startswith("2028, going by ")
    assert "Old date: March 2027. New date: Sometime in 2028." in said


WOLVES = (
    "Title: Copper Wolves guitarist quits\n\n"
    "Guitarist Tom Hale has left Copper Wolves after 12 years, the band announced on Monday.\n\n"
    "Frontman Eli Marsh said the split was amicable. \"Tom wanted to spend more time with his "
    "family,\" he said.\n\n"
    "The band's summer tour was cut short last year because of a storm.\n")


async def test_why_is_answered_by_a_sentence_that_gives_a_reason_for_it(app: App) -> None:
    await ingest(app, WOLVES)
    # the sentence that says he left gives no reason; the one that gives it names him only
    # by his first name
    for question in ("Why did Tom Hale leave Copper Wolves?", "why is tom hale leaving?"):
        assert "spend more time with his family" in await answer(app, question), question
    # a reason for what was asked, not another reason the article gives
    assert "because of a storm" in await answer(app, "Why was the Copper Wolves tour cut short?")


async def test_a_question_about_tickets_is_never_answered_with_a_show_s_day(app: App) -> None:
    await app.ingest.ingest_file(GUILD, "tour.txt", (
        b"Title: Mara Vell announces world tour\n\n"
        b"Singer Mara Vell will hit the road this fall.\n\n"
        b"The 32-date Orchard Tour kicks off September 4 in Vancouver and wraps up November 21 "
        b"in Miami.\n\n"
        b"Tickets go on sale to the general public Friday, March 13 at 10 a.m. local time.\n"
    ), published=datetime(2026, 3, 10, tzinfo=UTC))
    # names no one the bot knows: the dated facts that share its words answer
    assert (await answer(app, "when do tickets go on sale for the orchard tour?")).startswith(
        "March 13, 2026")
    assert (await answer(app, "When does the Orchard Tour start?")).startswith(
        "September 4, 2026")


async def test_a_reissue_question_is_answered_by_the_edition_s_sentence(app: App) -> None:
    """A fan says "reissue" where the article says "deluxe edition"."""
    await ingest(app, "Title: Tidewater at 25\n\nCopper Wolves are marking the 25th anniversary "
                      "of their album Salt Marsh with an expanded reissue. The deluxe edition "
                      "of Salt Marsh, out March 15 through Greyline Records, adds 14 demos.\n")
    said = await answer(app, "When does the Salt Marsh reissue come out?")
    assert "March 15" in said


async def test_a_reissue_question_is_answered_by_the_new_edition_s_stored_day(
        app: App) -> None:
    """The edition's sentence does not name the record: the day stored for the edition
    answers, the original's date still answers "when did it come out"."""
    await ingest(app, "Title: Paper Coast at 20\n\nVelvet Harbor will reissue their 2006 album "
                      "Paper Coast for its 20th anniversary. The deluxe edition will be released "
                      "on January 9 and adds ten demos.\n")
    assert await answer(app, "When does the Paper Coast reissue come out?") == (
        "The new edition of Paper Coast by Velvet Harbor comes out on January 9, 2027.")
    assert await answer(app, "When did Paper Coast come out?") == (
        "Paper Coast by Velvet Harbor came out in 2006.")


async def test_a_duet_partner_is_the_guest_not_the_spouse(app: App) -> None:
    await ingest(app, "Title: Jason Vale's duet\n\nCountry singer Jason Vale teased a duet "
                      "titled \"Salt Road\" for Friday. Fans guessed everyone from Vale's wife, "
                      "Brittany Vale, to his tour mates. The guessing ended when country singer "
                      "Carrie Lane confirmed she is the one joining the Georgia native on the "
                      "song.\n")
    for question in ("Who sings with Jason Vale on Salt Road?", "Who is on Salt Road?"):
        assert await answer(app, question) == "Salt Road features Carrie Lane.", question
    assert await answer(app, "Who is Jason Vale's duet partner?") == (
        "Jason Vale's guests: Carrie Lane on Salt Road.")
    assert "Brittany Vale" in await answer(app, "Who is Jason Vale's wife?")


async def test_a_word_inside_a_name_is_not_the_word_asked(app: App) -> None:
    """"Where was it recorded?" is not answered by "via Harbour Records"."""
    await ingest(app, "Title: Mara Quill announces Northern Rooms\n\nHer second album, Northern "
                      "Rooms, arrives on Oct. 4 via Harbour Records. She recorded it in March at "
                      "Tidewater Studio in Bristol.\n")
    assert "Tidewater Studio" in await answer(app, "Where was Northern Rooms recorded?")


async def test_a_family_band_s_questions(app: App) -> None:
    await ingest(app, "Title: The Halloway Sisters postpone dates\n\nCountry trio The Halloway "
                      "Sisters have postponed the rest of their tour after singer Ruth Halloway "
                      "broke her wrist. The tour will resume on June 9 in Denver.\n"
                      "June 9 – Denver, CO – Red Rocks\nJune 11 – Salt Lake City, UT – The "
                      "Depot\n")
    assert await answer(app, "Who is in the Halloway Sisters?") == (
        "The Halloway Sisters' members I know of: Ruth Halloway.")
    assert "broke her wrist" in await answer(app, "Why did they cancel?")
    assert "Salt Lake City" in await answer(app, "Where do the Halloway Sisters play on June 11?")


async def test_a_quote_never_gives_another_title_s_day_as_the_answer(app: App) -> None:
    """The sentence's only date is the album's: "When did Glass Heart come out?" is answered
    by the quote alone, never "August 16, going by …"."""
    await ingest(app, "Title: New Music Friday\n\nThe pop singer Kira Vance returns with "
                      "\"Glass Heart,\" the first taste of her third album, Neon Psalms, due "
                      "August 16 on Rivermark Records.\n")
    said = await answer(app, "When did Glass Heart come out?")
    assert not said.startswith("August 16") and "Glass Heart" in said
    assert "August 16, 2027" in await answer(app, "When does Neon Psalms come out?")


async def test_why_a_comeback_was_delayed_is_the_injury_said(app: App) -> None:
    await ingest(app, "Title: NOVA9 delay comeback\n\nBoy group NOVA9 have pushed back their "
                      "comeback. The group's fourth mini album Afterglow will now be released on "
                      "November 6, their agency announced on Tuesday. \"Member Taeo injured his "
                      "ankle during rehearsals,\" the agency said.\n")
    assert "injured his ankle" in await answer(app, "Why did NOVA9 delay their comeback?")


async def test_tickets_go_on_sale_on_the_general_on_sale_day(app: App) -> None:
    await ingest(app, "Title: Corvid Hall announce tour\n\nIndie rockers Corvid Hall will tour "
                      "this spring. An artist presale begins Wednesday at 10 a.m. local time, "
                      "ahead of the general on-sale Friday, January 15.\n")
    assert (await answer(app, "When do tickets go on sale?")).startswith("January 15, 2027")
    # the presale is another day: quoted, never given the general sale's date
    assert not (await answer(app, "When is the presale?")).startswith("January 15")


async def test_a_quote_naming_another_title_only_never_leads_with_its_day(app: App) -> None:
    await ingest(app, "Title: Rosa Lind on SALT & IRON\n\nSinger-songwriter Rosa Lind will "
                      "release her fourth studio album, SALT & IRON, on October 24 through "
                      "Greyline Records. Lind broke through in 2015 with her debut album 1989 "
                      "Nights. Its follow-up, The Long Quiet, arrived much later.\n")
    said = await answer(app, "When did The Long Quiet come out?")
    assert not said.startswith("October"), said


async def test_a_real_name_is_answered_from_the_stored_fact(app: App) -> None:
    await ingest(app, "Title: Delia Marsh dies at 79\n\nSoul singer Delia Marsh, whose hit "
                      "\"Sweet River\" topped the charts, has died. Born Delia Ann Marshall on "
                      "July 2, 1947, in Macon, Georgia, she began singing in her church choir.\n")
    for question in ("What is Delia Marsh's real name?", "what was delia marsh's birth name",
                     "What was Delia Marsh born as?"):
        assert await answer(app, question) == "Delia Marsh's real name is Delia Ann Marshall.", \
            question
    # "When was she born?" is still the birthday, not the name
    assert "July 2, 1947" in await answer(app, "When was Delia Marsh born?")


async def test_the_age_of_someone_who_died_is_their_age_at_death(app: App) -> None:
    await ingest(app, "Title: Delia Marsh dies at 79\n\nSoul singer Delia Marsh, whose hit "
                      "\"Sweet River\" topped the charts, has died. Marsh died on Monday "
                      "(November 16) at her home in Atlanta. Born Delia Ann Marshall on July 2, "
                      "1947, in Macon, Georgia, she began singing in her church choir.\n")
    said = await answer(app, "How old is Delia Marsh?")
    assert said.startswith("Delia Marsh was born on July 2, 1947 and died on November 16, 2026, "
                           "aged 79"), said


async def test_who_supports_a_tour_is_its_opening_act_not_what_it_is_in_support_of(
        app: App) -> None:
    await ingest(app, "Title: Lumen Choir tour\n\nLumen Choir have announced a spring tour in "
                      "support of their upcoming album Far From Here. Singer-songwriter Ella "
                      "Rowe will open all dates.\n\nLumen Choir tour dates:\n"
                      "Tue 03 March – Dublin, Olympia Theatre\n"
                      "Sat 07 March – Glasgow, Barrowland\n")
    for question in ("Who is supporting Lumen Choir?", "Who opens for Lumen Choir?"):
        assert "Ella Rowe" in await answer(app, question), question
    # each line of the list is its own sentence: Glasgow's is March 7, never Dublin's day
    said = await answer(app, "When do Lumen Choir play Glasgow?")
    assert "March 7" in said and "03 March" not in said


async def test_how_many_copies_a_release_sold_quotes_the_sales_sentence(app: App) -> None:
    await ingest(app, "Title: Paper Maps at 20\n\nTwenty years ago today, Northern Lines "
                      "released their debut album, Paper Maps. Frontman Jake Orr has said the "
                      "band never expected the album to sell. It went on to shift over a million "
                      "copies.\n")
    assert "shift over a million copies" in await answer(
        app, "How many copies did Paper Maps sell?")


async def test_a_figure_an_article_gives_of_another_act_never_answers_for_them(
        app: App) -> None:
    """Sentences of an article about them need not name them: "Mossgrave Choir sold 52,000
    copies" in an article about Velvet Larkspur is another act's sales, not theirs."""
    await ingest(app, "Title: Velvet Larkspur score a first number one with Copper Season\n\n"
                      "Velvet Larkspur have scored their first number one album with Copper "
                      "Season. Last month Mossgrave Choir sold 52,000 copies of Lantern Hymns "
                      "in its first week. Velvet Larkspur will tour the album in the spring.\n")
    said = await answer(app, "How many copies did Velvet Larkspur sell?")
    assert "52,000" not in said and "Mossgrave" not in said, said


def test_a_figure_sentence_s_subject_says_whose_figure_it_is() -> None:
    """Another act before the figure makes it theirs; after it, a word pointing back ("It
    sold …", "the album") keeps it the article's own; a place or a speaker is no act."""
    question = Question("records_sold", "How many copies did Velvet Larkspur sell?",
                        ("many", "copies", "sell"), counting=True)
    names = ["Velvet Larkspur", "Larkspur"]

    def said(sentence: str) -> Quote:
        return Quote(sentence, 1, "Velvet Larkspur news", None, None, 1.0, named=False)

    for other in ("Mossgrave Choir sold 52,000 copies of their album.",
                  "Sales reached 52,000 copies for Mossgrave Choir's Lantern Hymns."):
        assert pick([said(other)], question, names) is None, other
    # (a record the article's title names beside them is theirs)
    titled = Quote("Copper Season sold 52,000 copies.", 1, "Velvet Larkspur top the chart with "
                   "Copper Season", None, None, 1.0, named=False)
    assert pick([titled], question, names) is titled
    for own in ("It sold 52,000 copies, beating Mossgrave Choir's Lantern Hymns.",
                "In the UK it sold 52,000 copies.",
                "Frontman Jake Orr said the album sold a million copies."):
        assert pick([said(own)], question, names) is not None, own


async def test_how_many_children_is_counted_from_the_stored_facts(app: App) -> None:
    await ingest(app, "Title: Jay Rivers welcomes a son\n\nRapper Jay Rivers and his partner, "
                      "model Tessa Lane, welcomed a son. Rivers shared a photo of the newborn, "
                      "named Kairo, on Instagram. The couple already share a daughter, Nova, 2.\n")
    said = await answer(app, "How many children does Jay Rivers have?")
    assert said.startswith("Jay Rivers has 2 children I know of: ") and "Kairo" in said \
        and "Nova" in said, said


async def test_a_quote_never_leads_with_a_dropped_plan_s_date(app: App) -> None:
    await ingest(app, "Title: Delays\n\nIndie band The Amber Lines have delayed their debut LP, "
                      "Far Lights, indefinitely due to a production issue; it was set to arrive "
                      "on December 24.\n")
    said = await answer(app, "When is Far Lights out?")
    assert not said.startswith("December 24"), said
    assert "indefinitely" in said


async def test_who_sings_a_release_is_answered_by_its_act(app: App) -> None:
    await ingest(app, LANTERN)
    for question in ("Who sings Tin Lantern?", "Who is Tin Lantern by?",
                     "whose single is tin lantern", "Which singer released Tin Lantern?"):
        assert await answer(app, question) == "Tin Lantern is by Lena Morrow.", question
    # "who sings on X?" asks for a guest, and the act is what the article says
    assert "Lena Morrow" in await answer(app, "Who sings on Tin Lantern?")


async def test_a_known_name_no_sentence_fits_gets_what_an_article_says_of_it(app: App) -> None:
    # "What is X about?": no stored fact, no sentence holding "about"; the article names the
    # song, so the answer quotes it instead of "I know Tin Lantern" alone
    await ingest(app, LANTERN)
    reply = await answer(app, "What is Rope Bridge about?")
    assert "Rope Bridge" in reply and "Lena Morrow shares Tin Lantern (2026-11-20)" in reply
    assert not reply.startswith("I know")


async def test_engaged_to_and_dated_ask_for_partners(app: App) -> None:
    await ingest(app, "Title: Pia Sands is engaged\n\nPop star Pia Sands announced that her "
                      "boyfriend of five years, actor Theo Marsh, proposed in Lisbon. Sands "
                      "previously dated DJ Rory Vale from 2016 to 2019.\n")
    for question in ("Who is Pia Sands engaged to?", "Who did Pia Sands date before?"):
        reply = await answer(app, question)
        assert reply == "Pia Sands' partner: Theo Marsh; former partners: Rory Vale.", question


async def test_a_death_known_by_its_year_is_said_in_that_year(app: App) -> None:
    await ingest(app, "Title: Remembering Lou Vance\n\nLou Vance, the soul singer, would have "
                      "turned 80 on November 20. Vance died in 2019 at his home in Memphis.\n")
    reply = await answer(app, "When was Lou Vance born?")
    assert "born on November 20, 1946 and died in 2019, aged 72 or 73" in reply


async def test_a_quote_never_leads_with_a_chart_s_month_for_when_it_came_out(app: App) -> None:
    await ingest(app, 'Title: Juno Pak sets a date\n\nThe set includes the previously released '
                      'single "Late Bud", which reached No. 18 on the Billboard Hot 100 in '
                      'August.\n')
    reply = await answer(app, "When did Late Bud come out?")
    assert "reached No. 18" in reply and not reply.startswith("August")


async def test_a_festival_typed_in_lower_case_is_found_by_its_line_up(app: App) -> None:
    await ingest(app, "Title: Riverbend Festival reveals its lineup\n\n"
                      "The Riverbend Festival has unveiled its lineup, with pop star Mara Quill "
                      "and rock band The Hollow Pines set to headline in Austin from June 13 to "
                      "June 15. Passes go on sale Thursday.\n")
    for question in ("who is headlining riverbend?", "who is playing riverbend",
                     "who else is playing the festival?"):
        assert "set to headline" in await answer(app, question), question
    assert "in Austin" in await answer(app, "where is riverbend")


async def test_prizes_hosts_and_weddings_are_asked_in_a_fan_s_words(app: App) -> None:
    await ingest(app, "Title: Grammys 2025: Mara Quill wins Album of the Year\n\n"
                      "Mara Quill took home Album of the Year for Glass Weather at the Grammy "
                      "Awards on Sunday (Feb. 2). Newcomer Dex Marlow was named Best New Artist. "
                      "The ceremony was hosted by comedian Ray Dunn for the fifth year in a row. "
                      "Comedian Ray Dunn also hosted a late show on Monday (Feb. 3).\n")
    assert "Dex Marlow" in await answer(app, "who won best new artist")
    # a word of the article's title counts for the sentence: the ceremony is the Grammys
    assert "Ray Dunn" in await answer(app, "who hosted the grammys")
    # a dated sentence that only names him never answers when he married
    assert "February 3" not in await answer(app, "when did ray dunn get married")


async def test_what_is_counted_is_the_topic_and_a_doubled_consonant_is_one_word(
        app: App) -> None:
    await ingest(app, "Title: NOVA9 return with Starlit Code\n\n"
                      "K-pop boy group NOVA9 will make their comeback with their fourth mini album "
                      "'Starlit Code' on April 21 at 6 p.m. KST. According to their agency, the "
                      "album contains six tracks including the title track \"Orbit Line\". "
                      "Member Lee Dohan will sit out promotions due to an ankle injury.\n")
    for question in ("how many tracks are on starlit code", "how many songs are on Starlit Code?"):
        assert "six tracks" in await answer(app, question), question
    assert "ankle injury" in await answer(app, "why is dohan sitting out")


async def test_a_member_s_exit_what_she_said_and_her_final_show(app: App) -> None:
    await ingest(app, "Title: Grey Harbour guitarist Ada Brenn exits band\n\n"
                      "Grey Harbour have announced that guitarist Ada Brenn is leaving the band "
                      "after 12 years. Brenn, who co-founded the group with her brother in 2011, "
                      "will play her final show with them at Glastonbury on June 27. "
                      "\"It's been the ride of my life,\" Brenn wrote on Instagram.\n")
    assert "ride of my life" in await answer(app, "What did Brenn say?")
    # the day of the clause that holds "final show", not the aside's year
    assert (await answer(app, "When is Ada Brenn's final show?")).startswith("June 27")
    assert (await answer(app, "when is ada brenn's last show")).startswith("June 27")


async def test_a_release_day_is_told_with_the_hour_its_sentence_gives(app: App) -> None:
    await ingest(app, "Title: NOVA9 return with Starlit Code\n\n"
                      "K-pop boy group NOVA9 will make their comeback with their fourth mini album "
                      "'Starlit Code' on April 21, 2027 at 6 p.m. KST. Their single \"Orbit\" "
                      "arrives May 2, 2027.\n")
    assert await answer(app, "what time does starlit code come out") == (
        "Starlit Code by NOVA9 comes out on April 21, 2027 at 6 p.m. KST.")
    assert await answer(app, "When is Orbit out?") == "Orbit by NOVA9 comes out on May 2, 2027."


async def test_a_partner_s_death_is_not_hers_and_an_abbreviated_month_still_dates_hers(
        app: App) -> None:
    await ingest(app, "Title: Soul singer Della Marsh dies at 81\n\n"
                      "Della Marsh, the soul singer whose hit \"Long Gone Train\" topped the R&B "
                      "chart, died Sunday (Sept. 14, 2025) at her home in Memphis. Born in Macon "
                      "on March 3, 1944, Marsh began singing in church. Marsh was married to "
                      "producer Ray Harlan from 1970 until his death in 2004.\n")
    assert await answer(app, "How old was Della Marsh?") == (
        "Della Marsh was born on March 3, 1944 and died on September 14, 2025, aged 81; the "
        "birthday is March 3.")


async def test_without_her_own_death_a_partner_s_gives_her_no_age_at_death(app: App) -> None:
    await ingest(app, "Title: Della Marsh remembers\n\n"
                      "Born in Macon on March 3, 1944, Della Marsh began singing in church. "
                      "Marsh was married to producer Ray Harlan from 1970 until his death in "
                      "2004.\n")
    assert "died" not in await answer(app, "How old is Della Marsh?")


async def test_a_tour_s_start_and_a_city_s_day_in_a_sentence_of_two_legs(app: App) -> None:
    await ingest(app, "Title: Mara Quill announces world tour\n\n"
                      "Mara Quill will take her Glass Weather Tour around the world next year, "
                      "starting in Sydney on February 12, 2027. North American dates begin May "
                      "30, 2027 at Madison Square Garden in New York and wrap up July 18, 2027 "
                      "in Los Angeles.\n")
    # the sentence that says "tour" and "starting" beats a leg that "begins"
    assert (await answer(app, "When does Mara Quill's tour start?")).startswith("February 12")
    # "and" opens a clause: New York goes with May 30, Los Angeles with July 18
    assert (await answer(app, "When is the New York show?")).startswith("May 30")
    assert (await answer(app, "When is the Los Angeles show?")).startswith("July 18")


EXIT_NEWS = (
    "Title: Theo Brandt out of Glass Harbor\n\n"
    "Glass Harbor have parted ways with longtime guitarist Theo Brandt, the band announced "
    "Monday. Brandt, 51, co-founded the group with singer Iris Vane in 2003. Former Ash "
    "Lanterns guitarist Mick Soto will fill in on the tour, which opens April 4 in Dublin. "
    "Member Jae Lund, 24, is recovering from an ankle injury sustained during rehearsals.\n"
)


async def test_a_band_forming_is_its_founding_and_what_happened_quotes_the_name(
    app: App
) -> None:
    await ingest(app, EXIT_NEWS)
    # "form" is what news writes as "founded" or "co-founded", never the tour's opening day
    assert "2003" in await answer(app, "When did Glass Harbor form?")
    # "What happened to X?" asks for anything said of X: the sentence naming X, not "I know
    # the name"
    said = await answer(app, "What happened to Jae Lund?")
    assert "ankle injury" in said, said


async def test_a_search_cancelled_on_postgresql_still_lets_the_ask_answer(
    app: App, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if app.db.dialect != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    await ingest(app, LANTERN)
    real = quotes._bounded
    cancelled: list[str] = []

    async def slow_when_ordered(session: Any, sql: str, params: dict[str, Any]) -> Any:
        if "ORDER BY" in sql:  # the newest first: made slower than the bound
            sql = sql.replace(" WHERE ", " WHERE (SELECT true FROM pg_sleep(0.5)) AND ", 1)
        rows = await real(session, sql, params)
        if rows is None:
            cancelled.append(sql)
        return rows

    monkeypatch.setattr(quotes, "PG_TIMEOUT_MS", 50)
    monkeypatch.setattr(quotes, "_bounded", slow_when_ordered)
    # Each search in newest order is cancelled; the unordered one after it finds the sentence,
    # and the reads after both (the sources, the facts) run in the same transaction.
    result = await app.answers.ask("How much did she donate?", GUILD)
    assert cancelled and all("ORDER BY" in sql for sql in cancelled)
    assert result.answer.startswith('Lena Morrow shares Tin Lantern (2026-11-20): "She donated')
    assert [s.title for s in result.sources] == ["Lena Morrow shares Tin Lantern"]
    assert "Ada Quill" in await answer(app, "Who directed Lena Morrow's 'Tin Lantern' video?")


# An artist's album announced (the `by` link), then an article on the album alone, whose
# facts are all the album's: it is about the artist too.
EMBER_LINK = ("Title: Tallow Creek announce second album Ember Wake\n\n"
              "Tallow Creek will release their second album, Ember Wake, on October 3, 2025. "
              "The eleven songs were recorded over a winter in a converted chapel.\n")
EMBER_SALES = ("Title: Ember Wake goes platinum a year on\n\n"
               "The album Ember Wake was produced by Rosa Lind. "
               "Ember Wake has now sold 100,000 copies worldwide, the label said on Monday. "
               "A vinyl reissue with two extra tracks follows in the spring.\n")
# The artist known to a guild without the link: a tour, and no album named
TALLOW_TOUR = ("Title: Tallow Creek plan a spring tour\n\n"
               "Tallow Creek will tour Europe in the spring, starting in Lisbon on April 4, "
               "2026.\n")
SALES_ASKED = "How many copies did Tallow Creek sell?"


async def ingest_on(app: App, name: str, text: str, day: int, guild: int = GUILD) -> None:
    await app.ingest.ingest_file(guild, name, text.encode(),
                                 published=datetime(2026, 11, day, tzinfo=UTC))


async def test_an_article_on_their_record_answers_for_them(app: App) -> None:
    """The sales sentence names the album, not the act: it is found through the album's
    `by` link, and the album named before the figure is theirs, not another act's."""
    await ingest_on(app, "link.txt", EMBER_LINK, 2)
    await ingest_on(app, "sales.txt", EMBER_SALES, 20)
    said = await answer(app, SALES_ASKED)
    assert "Ember Wake has now sold 100,000 copies" in said and NOTE in said, said
    # (as the record's own question answers it)
    assert "100,000" in await answer(app, "How many copies did Ember Wake sell?")


async def test_a_record_s_article_is_theirs_only_by_a_link_the_guild_sees(app: App) -> None:
    """The `by` link only another guild's article states reaches nothing here; that guild
    never sees this guild's article on the album."""
    await ingest_on(app, "link.txt", EMBER_LINK, 2, guild=OTHER_GUILD)
    await ingest_on(app, "tour.txt", TALLOW_TOUR, 3)
    await ingest_on(app, "sales.txt", EMBER_SALES, 20)
    assert "100,000" not in await answer(app, SALES_ASKED)
    assert "100,000" not in await answer(app, SALES_ASKED, guild=OTHER_GUILD)


async def test_a_record_s_article_is_not_theirs_once_a_moderator_removes_the_link(
        app: App) -> None:
    await ingest_on(app, "link.txt", EMBER_LINK, 2)
    await ingest_on(app, "sales.txt", EMBER_SALES, 20)
    moderator = Actor(user_id=7, name="mod", guild_id=GUILD, channel_id=1, is_moderator=True)
    await app.corrections.remove(moderator, "Ember Wake", "by")
    assert "100,000" not in await answer(app, SALES_ASKED)
    # (the removal is the guild's own: the operator, who sees every global fact, still has it)
    assert "100,000" in (await app.answers.ask(SALES_ASKED, None)).answer


async def test_another_act_s_figure_in_their_record_s_article_never_answers(app: App) -> None:
    await ingest_on(app, "link.txt", EMBER_LINK, 2)
    await ingest_on(app, "rival.txt", (
        "Title: Ember Wake enters the chart\n\n"
        "The album Ember Wake was produced by Rosa Lind. "
        "Last month Gannet Row sold 52,000 copies of Salt Psalms in its first week.\n"), 20)
    said = await answer(app, SALES_ASKED)
    assert "52,000" not in said and "Gannet" not in said, said


async def test_an_article_titled_with_the_record_on_its_artist_answers_for_the_record(
        app: App) -> None:
    """An article whose facts are the artist's, titled with the record, is on the record; one
    on the artist not titled with it may be on another of its records."""
    await ingest_on(app, "link.txt", EMBER_LINK, 2)
    await ingest_on(app, "other.txt", (
        "Title: Tallow Creek plan a spring tour\n\n"
        "Tallow Creek will tour Europe in the spring, starting in Lisbon on April 4, 2026. "
        "The album has now sold 40,000 copies, singer Ada Fenn said.\n"), 10)
    asked = "How many copies did Ember Wake sell?"
    assert "40,000" not in await answer(app, asked)
    await ingest_on(app, "anniversary.txt", (
        "Title: Ember Wake at one: Tallow Creek look back\n\n"
        "Tallow Creek will play the album in full in Porto on May 9, 2026. "
        "The album has now sold 100,000 copies, singer Ada Fenn said.\n"), 20)
    said = await answer(app, asked)
    assert "The album has now sold 100,000 copies" in said and "40,000" not in said, said
