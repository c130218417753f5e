"""AnswerService on our own articles, as ingested: each intent, fuzzy names, conflicts, unknowns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app import App
from bot.errors import UserError
from bot.models import Alias, Entity

GUILD = 1000
HARBOUR = (
    "Title: Mara Vale shares Glass Harbour\n\n"
    "Singer Mara Vale released her new single \"Glass Harbour\" on Friday, November 20. "
    "The video was directed by Tomas Ek. Mara Vale is signed to Lantern Records. "
    "Mara Vale has sold over 5 million records.\n"
)


async def ingest(app: App, name: str, text: str, day: int, month: int = 11,
                 year: int = 2026) -> None:
    await app.ingest.ingest_file(GUILD, name, text.encode(),
                                 published=datetime(year, month, day, tzinfo=UTC))


async def answer(app: App, question: str) -> str:
    return (await app.answers.ask(question)).answer


async def test_each_intent_has_a_short_exact_answer(app: App) -> None:
    await ingest(app, "harbour.txt", HARBOUR, 23)
    assert await answer(app, "When did Glass Harbour come out?") == \
        "Glass Harbour by Mara Vale came out on November 20, 2026."
    assert await answer(app, "Who directed Glass Harbour?") == \
        "Glass Harbour was directed by Tomas Ek."
    assert await answer(app, "What label is Mara Vale on?") == "Mara Vale is on Lantern Records."
    assert await answer(app, "How many records has Mara Vale sold?") == \
        "Mara Vale has sold over 5 million records."
    assert await answer(app, "What is Mara Vale's latest release?") == \
        "Mara Vale's latest release is Glass Harbour, out on November 20, 2026."
    assert await answer(app, "What is coming up for Mara Vale?") == \
        "Nothing is coming up for Mara Vale that I know of."
    assert await answer(app, "Latest articles about Mara Vale") == \
        "Latest articles about Mara Vale: Mara Vale shares Glass Harbour."
    assert await answer(app, "Who produced Glass Harbour?") == \
        "No article I have read says who produced Glass Harbour yet."
    about = await answer(app, "What do we know about Mara Vale?")
    assert "Lantern Records" in about and "Glass Harbour" in about


async def test_the_answer_carries_its_facts_and_sources(app: App) -> None:
    await ingest(app, "harbour.txt", HARBOUR, 23)
    result = (await app.answers.ask("Who directed Glass Harbour?")).to_json()
    assert result["facts"] == [{"subject": "Glass Harbour", "predicate": "directed_by",
                                "object": "Tomas Ek",
                                "evidence": "The video was directed by Tomas Ek."}]
    assert result["sources"] == [{"title": "Mara Vale shares Glass Harbour", "url": None,
                                  "published": "2026-11-23",
                                  "evidence": "The video was directed by Tomas Ek."}]


@pytest.mark.parametrize("question", [
    "When did glass harbor come out?", "when did Glass Harbour (Official Video) come out",
    "When did Mara Vail's Glass Harbour come out?", "when did 'glass harbour' come out",
])
async def test_names_are_matched_fuzzily(app: App, question: str) -> None:
    await ingest(app, "harbour.txt", HARBOUR, 23)
    assert await answer(app, question) == \
        "Glass Harbour by Mara Vale came out on November 20, 2026."


async def test_an_alias_names_the_artist(app: App) -> None:
    await ingest(app, "harbour.txt", HARBOUR, 23)
    async with app.db.transaction() as session:
        mara = await session.scalar(select(Entity).where(Entity.name == "Mara Vale",
                                                         Entity.kind == "artist"))
        assert mara is not None
        session.add(Alias(entity_id=mara.id, name="MV", norm_name="mv", scope=0))
    assert await answer(app, "What label is MV on?") == "Mara Vale is on Lantern Records."


async def test_an_upcoming_release_and_the_new_album(app: App) -> None:
    await ingest(app, "salt.txt", "Title: Mara Vale announces Salt Lines\n\n"
                 "Mara Vale will release her new album \"Salt Lines\" on March 3, 2027.\n", 24)
    assert await answer(app, "When is Mara Vale's new album out?") == \
        "Mara Vale's next release is Salt Lines, out on March 3, 2027."
    assert await answer(app, "When does Salt Lines come out?") == \
        "Salt Lines by Mara Vale comes out on March 3, 2027."
    assert await answer(app, "What is coming up for Mara Vale?") == \
        "Coming up for Mara Vale: Salt Lines on March 3, 2027."


async def test_disagreeing_sources_give_the_accepted_date_and_say_so(app: App) -> None:
    await ingest(app, "one.txt", "Title: Salt Lines dated\n\n"
                 "Mara Vale will release her new album \"Salt Lines\" on March 3, 2027.\n", 20)
    await ingest(app, "two.txt", "Title: Salt Lines in spring\n\n"
                 "Mara Vale will release her new album \"Salt Lines\" on March 10, 2027.\n", 21)
    text = await answer(app, "When does Salt Lines come out?")
    assert text.startswith("Salt Lines by Mara Vale comes out on March")
    assert "Another source differs" in text
    result = await app.answers.ask("When does Salt Lines come out?")
    assert len(result.sources) == 2


async def test_a_date_pushed_back_gives_the_new_date(app: App) -> None:
    await ingest(app, "one.txt", "Title: Salt Lines dated\n\n"
                 "Mara Vale will release her new album \"Salt Lines\" on March 3, 2027.\n", 20)
    await ingest(app, "two.txt", "Title: Salt Lines delayed\n\n"
                 "Mara Vale has pushed back her album \"Salt Lines\" to May 5, 2027.\n", 24)
    text = await answer(app, "When does Salt Lines come out?")
    assert text.startswith("Salt Lines by Mara Vale comes out on May 5, 2027.")


async def test_a_birthday_and_age(app: App) -> None:
    await ingest(app, "bday.txt", "Title: Happy birthday Mara Vale\n\n"
                 "Singer Mara Vale celebrates her 31st birthday today.\n", 10, month=6)
    text = await answer(app, "When is Mara Vale's birthday?")
    assert text == "Mara Vale was born on June 10, 1995 and is 31; the birthday is June 10."
    assert await answer(app, "How old did Mara Vale turn in 2025?") == \
        "Mara Vale was born on June 10, 1995, so turned 30 in 2025; the birthday is June 10."


async def test_a_child_born_on_a_parent_s_birthday_is_under_a_year_old(app: App) -> None:
    # "welcomed their first child, a daughter named X, on Thursday, his 30th birthday": the
    # child's birth that Thursday, the father's birthday thirty years before
    await ingest(app, "baby.txt", "Title: Kade Marlow welcomes baby girl on his birthday\n\n"
                 "The rapper Kade Marlow and his fiancée, model Simone Ray, welcomed their "
                 "first child, a daughter named Arielle, on Thursday, which was also Marlow's "
                 "30th birthday.\n", 12, month=6)
    assert await answer(app, "When was Arielle born?") == (
        "Arielle was born on June 11, 2026 and is under a year old; the birthday is June 11.")
    assert (await answer(app, "When is Kade Marlow's birthday?")).startswith(
        "Kade Marlow was born on June 11, 1996 and is 30")


async def test_an_old_article_s_age_is_told_beside_today_s(app: App) -> None:
    # "How old is she today?" of a 2017 birthday piece: today's age, and the article's
    await ingest(app, "bday.txt", "Title: Happy birthday Mara Vale\n\n"
                 "Singer Mara Vale celebrates her 22nd birthday today.\n", 10, month=6,
                 year=2017)
    assert await answer(app, "How old is Mara Vale today?") == (
        "Mara Vale was born on June 10, 1995 and is 31 (22 on June 10, 2017, when the article "
        "was published); the birthday is June 10.")


async def test_an_unknown_name_is_not_known_yet_with_suggestions(app: App) -> None:
    await ingest(app, "harbour.txt", HARBOUR, 23)
    text = await answer(app, "When did Glass Harpoons Forever come out?")
    assert "don't know \"Glass Harpoons Forever\" yet" in text
    assert "Glass Harbour" in text


@pytest.mark.parametrize("question", ["", "  ", "When? " * 80, "?!"])
async def test_bad_questions_are_user_errors(app: App, question: str) -> None:
    with pytest.raises(UserError):
        await app.answers.ask(question)


async def test_a_question_nothing_answers_says_so_with_examples(app: App) -> None:
    await ingest(app, "harbour.txt", HARBOUR, 23)
    text = await answer(app, "purple monkey dishwasher")
    assert text.startswith("No article I have read answers that yet.")
    assert "When did Glass Harbour come out?" in text


FAMILY_AND_TOUR = (
    "Title: Mara Vale tour\n\n"
    "Mara Vale will release her new album \"Salt Lines\" on March 3, 2027. Mara Vale will tour "
    "North America in support of the album, starting in Toronto on April 2, 2027 and ending "
    "in Denver on May 9, 2027. Mara Vale and her husband, Jon Reed, welcomed a daughter named "
    "Ivy Reed.\n"
)


async def test_an_ex_is_a_former_partner_never_the_partner(app: App) -> None:
    await ingest(app, "wedding.txt", (
        "Title: Lena Morrow marries\n\n"
        "Pop singer Lena Morrow married producer Jonah Reyes on Saturday in Lake Como.\n\n"
        "The singer, who welcomed a daughter named June in 2021 with ex-boyfriend Tom Hale, "
        "will return to the studio in July.\n"), 16)
    expected = "Lena Morrow's partner: Jonah Reyes; former partners: Tom Hale."
    assert await answer(app, "Who did Lena Morrow marry?") == expected
    assert await answer(app, "Who is Lena Morrow's ex?") == expected


async def test_partner_child_and_other_when_questions(app: App) -> None:
    await ingest(app, "tour.txt", FAMILY_AND_TOUR, 24)
    assert await answer(app, "Who is Mara Vale's husband?") == "Mara Vale's partner: Jon Reed."
    assert await answer(app, "Who are Mara Vale's children?") == \
        "Mara Vale has 1 child I know of: Ivy Reed."
    assert await answer(app, "Who is the father of Mara Vale's daughter?") == \
        "Mara Vale's partner: Jon Reed."
    assert (await answer(app, "When does Mara Vale's North American tour start?")).startswith(
        "April 2, 2027: Mara Vale will tour North America")
    assert await answer(app, "What is coming up for Mara Vale?") == (
        "Coming up for Mara Vale: Salt Lines on March 3, 2027; tour date on April 2, 2027; "
        "tour date on May 9, 2027.")


async def test_a_when_question_naming_nobody_uses_a_fact_that_fits(app: App) -> None:
    await ingest(app, "tour.txt", FAMILY_AND_TOUR, 24)
    assert (await answer(app, "When does the tour start in Toronto?")).startswith(
        "April 2, 2027: Mara Vale will tour North America")
    assert (await answer(app, "When does the ferry leave?")).startswith(
        "No article I have read answers that yet.")


async def test_of_several_dates_in_one_sentence_the_nearest_to_the_question_words(
    app: App
) -> None:
    await ingest(app, "tour.txt", FAMILY_AND_TOUR, 24)
    assert (await answer(app, "When does Mara Vale's tour reach Denver?")).startswith(
        "May 9, 2027: ")


COMEBACK = (
    "Title: NOVA9 set October comeback\n\n"
    'Boy group NOVA9 will return on October 21 with their fourth mini album "Starlit Code."\n\n'
    'The title track "Neon Pulse" was co-written by member Jiwon and producer Ryan Cole, who '
    'also worked on the group\'s 2023 hit "Paper Moon."\n\n'
    "Leader Haneul, who turns 27 on October 19, will sit out promotions.\n\n"
    'The group will hold a fan meeting titled "Code Night" at the Jangchung Arena on '
    "November 9 and 10.\n"
)


async def test_credits_go_to_the_title_named_before_them(app: App) -> None:
    await ingest(app, "comeback.txt", COMEBACK, 1, 10, 2025)
    assert await answer(app, "Who wrote Neon Pulse?") == \
        "Neon Pulse was written by Jiwon and Ryan Cole."
    assert not (await answer(app, "Who wrote Paper Moon?")).startswith("Paper Moon was")
    assert (await answer(app, "When is Haneul's birthday?")).startswith(
        "Haneul was born on October 19, 1998")
    # "titled" names the meeting; it is no past tense: the coming November 9
    assert (await answer(app, "When is the fan meeting?")).startswith("November 9, 2025")


DELAY = (
    "Title: Mara Vale pushes back Paper Suns\n\n"
    "Mara Vale has delayed her third album, Paper Suns, to March 14, 2027. The record was "
    "originally due on November 21.\n\n"
    'The album\'s lead single, "Night Ferry" (feat. Tom Reyes), arrived in September and '
    "reached No. 4 on the Billboard Hot 100. It was produced by Jonah Quill and Ada Moss.\n"
)


async def test_a_featured_act_a_pronoun_credit_and_a_chart_question(app: App) -> None:
    await ingest(app, "delay.txt", DELAY, 3)
    # "(feat. Tom Reyes)" is a guest: the single is still Mara Vale's
    assert await answer(app, "Who is on Night Ferry?") == "Night Ferry features Tom Reyes."
    assert (await answer(app, "When did Night Ferry come out?")).startswith(
        "Night Ferry by Mara Vale came out in September 2026")  # a month over is past
    # "It was produced by": the one title of the sentence before
    assert await answer(app, "Who produced Night Ferry?") == \
        "Night Ferry was produced by Jonah Quill and Ada Moss."
    assert "No. 4 on the Billboard Hot 100" in await answer(app, "How did Night Ferry chart?")


async def test_an_age_written_after_a_surname_is_quoted(app: App) -> None:
    await app.ingest.ingest_file(GUILD, "delay.txt", (
        DELAY + "\nVale, 29, will support the album with a tour that begins April 2.\n").encode(),
        published=datetime(2026, 11, 3, tzinfo=UTC))
    assert '"Vale, 29, will support' in await answer(app, "How old is Mara Vale?")


BAND = (
    "Title: Cinder Road plan a tour\n\n"
    "The band's frontman Joe Kell turned 50 last week.\n\n"
    "Cinder Road guitarist Ada Quill joined in 2016, replacing Pete Morrow.\n")


async def test_members_are_answered_from_facts_and_when_from_the_sentence(app: App) -> None:
    await ingest(app, "band.txt", BAND, 9)
    members = await answer(app, "Who is in Cinder Road?")
    assert members.startswith("Cinder Road's members I know of:") and "Ada Quill" in members
    assert "former members: Pete Morrow" in members
    # a trade in the band asks who is in it; of a release, who made it
    assert (await answer(app, "Who is the new guitarist of Cinder Road?")).startswith(
        "Cinder Road's members I know of:")
    # no stored fact holds when she joined: the sentence that says so is quoted
    assert "joined in 2016" in await answer(app, "When did Ada Quill join Cinder Road?")


async def test_a_band_whose_name_ends_in_s_and_the_singer_of_a_release(app: App) -> None:
    await ingest(app, "owls.txt", (
        "Title: The Night Owls return\n\n"
        "The Night Owls guitarist Ada Quill joined the band in 2016.\n\n"
        "The Night Owls will release their new album \"Dark Water\" on March 3, 2027.\n\n"
        "The band released their debut EP, Low Moon, in 2012.\n"), 9)
    assert (await answer(app, "Who is the guitarist of The Night Owls?")).startswith(
        "The Night Owls' members I know of: Ada Quill")
    assert await answer(app, "Who is the singer of Dark Water?") == \
        "Dark Water is by The Night Owls."
    # "EP" is what is asked about, not a name
    first = await answer(app, "What was their first EP?")
    assert "what an article says of the EP: " in first and "Low Moon" in first


async def test_a_discography_and_what_happened_to_someone(app: App) -> None:
    await ingest(app, "delay.txt", DELAY, 3)
    await app.ingest.ingest_file(GUILD, "band.txt", (
        b"Title: Cinder Road news\n\nBassist Pete Morrow died on September 30 at the age of 61."
        b"\n"), published=datetime(2026, 11, 9, tzinfo=UTC))
    assert await answer(app, "Mara Vale discography") == (
        "Mara Vale's releases I know of: Paper Suns (album, March 14, 2027); "
        "Night Ferry (single, September 2026).")
    assert await answer(app, "What singles has Mara Vale put out?") == (
        "Mara Vale's releases I know of: Night Ferry (single, September 2026).")
    assert await answer(app, "What happened to Pete Morrow?") == (
        "Pete Morrow: September 30, 2026: Bassist Pete Morrow died on September 30 at the age "
        "of 61.")


async def test_her_new_album_is_the_announced_one_and_where_gets_a_quote(app: App) -> None:
    """"New" is the release announced (or one out this month), "latest" the last one out;
    "Where was she born?" is answered by the sentence that says where, not by her birthday."""
    await ingest(app, "lines.txt", "Title: Mara Vale announces Salt Lines\n\n"
                 "Mara Vale will release her new album \"Salt Lines\" on March 3, 2027. Her "
                 "previous album, \"Paper Wolves\", came out in 2023. Mara Vale was born in "
                 "Cork, Ireland, on July 9, 1992.\n", 24)
    assert await answer(app, "what's the name of mara vale's new album") == \
        "Mara Vale's next release is Salt Lines, out on March 3, 2027."
    assert await answer(app, "What is Mara Vale's latest album?") == \
        "Mara Vale's latest release is Paper Wolves, out in 2023."
    assert "Cork, Ireland" in await answer(app, "Where was Mara Vale born?")
    assert await answer(app, "When was Mara Vale born?") != await answer(
        app, "Where was Mara Vale born?")


async def test_when_someone_married_is_the_wedding_day_and_why_is_quoted(app: App) -> None:
    """"When did Tom Reyes get married?" asks for the wedding's day, not for the partner;
    "Why did …?" is answered from the articles, never by a list of members."""
    await app.ingest.ingest_file(
        1000, "wedding.txt",
        b"Title: Tom Reyes marries\n\nCountry star Tom Reyes married his longtime girlfriend, "
        b"Ada Quill, on Saturday in a small ceremony in Nashville.\n\n"
        b"Velvet Mile guitarist Nia Shore has left the band to care for her family, she "
        b"announced on Tuesday.",
        published=datetime(2025, 9, 8, tzinfo=UTC))
    assert "September 6, 2025" in (await app.answers.ask("When did Tom Reyes get married?",
                                                         1000)).answer
    why = (await app.answers.ask("Why did Nia Shore leave Velvet Mile?", 1000)).answer
    assert "care for her family" in why and "members" not in why


SALT_HONEY = (
    "Title: Nina Holt shares Salt Honey\n\n"
    "Singer Nina Holt released her new single \"Salt Honey\" on Friday, November 13. "
    "Singer Nina Holt released her new single \"Sacred Harbour\" on Friday, October 30.\n"
)
CHAPEL = (
    "Title: Ada Brook shares Chapel of the Salt Honey\n\n"
    "Singer Ada Brook released her new single \"Chapel of the Salt Honey\" on Friday, "
    "November 20. Singer Ada Brook released her new single \"Velvet Heart, Sacred Harbour\" "
    "on Friday, November 6.\n"
)


async def test_a_misspelt_name_holding_other_names_is_read_as_the_whole_name(app: App) -> None:
    await ingest(app, "salt.txt", SALT_HONEY, 14)
    await ingest(app, "chapel.txt", CHAPEL, 28)
    # The names typed right, each its own.
    assert await answer(app, "When did Salt Honey come out?") == \
        "Salt Honey by Nina Holt came out on November 13, 2026."
    assert await answer(app, "When did Chapel of the Salt Honey come out?") == \
        "Chapel of the Salt Honey by Ada Brook came out on November 20, 2026."
    # Misspelt, the whole name is near one the guild knows: not the name known inside it.
    assert await answer(app, "When did Chaepl of the Salt Honey come out?") == \
        "Chapel of the Salt Honey by Ada Brook came out on November 20, 2026."
    assert await answer(app, "When did Velvet Heart, Sacred Harobur come out?") == \
        "Velvet Heart, Sacred Harbour by Ada Brook came out on November 6, 2026."
    # Near no whole name: the known name inside it answers, as before.
    assert (await answer(app, "When did Harbour Lights of the Salt Honey come out?")
            ).startswith("Salt Honey by Nina Holt")


LINES = (
    "Title: New singles\n\n"
    "Singer Nina Holt released her new single \"Salt Lines\" on Friday, November 13. "
    "Singer Ada Brook released her new single \"Salt Limes\" on Friday, November 20.\n"
)


async def test_a_misspelt_name_as_near_two_names_is_neither(app: App) -> None:
    await ingest(app, "lines.txt", LINES, 21)
    assert await answer(app, "When did Salt Linse come out?") == \
        "Salt Lines by Nina Holt came out on November 13, 2026."
    # One letter from each: nothing says which was meant, so neither is answered.
    tied = await answer(app, "When did Salt Lies come out?")
    assert "Salt Lines by" not in tied and "Salt Limes by" not in tied
    assert tied.startswith('I don\'t know "Salt Lies" yet'), tied
    assert "Salt Lines" in tied and "Salt Limes" in tied  # both suggested
