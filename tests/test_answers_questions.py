"""Questions read around their names: words, quoted titles, possessives, the runs names may fill,
the intent from the words left over, and the questions refused."""

from __future__ import annotations

import pytest

from bot.answers.questions import (
    Question,
    check_question,
    looks_like_name,
    loose_runs,
    read_question,
    spans,
    spelled,
    surface,
    tokenize,
    typed_names,
)
from bot.errors import UserError


def run_of(text: str, name: str) -> tuple[int, int]:
    """Where a name stands in the question's tokens (its words, possessive or not)."""
    tokens = tokenize(text)
    words = [t.text.rstrip("'’s") if t.possessive else t.text for t in tokens]
    wanted = name.split()
    for start in range(len(words)):
        if [w.casefold() for w in words[start:start + len(wanted)]] == \
                [w.casefold() for w in wanted]:
            return (start, start + len(wanted))
    raise AssertionError(f"{name!r} not in {words}")


def read(text: str, *names: str) -> Question:
    return read_question(text, tokenize(text), [run_of(text, n) for n in names])


@pytest.mark.parametrize(("text", "names", "intent"), [
    ("When did Glass Harbour come out?", ["Glass Harbour"], "release_date"),
    ("when does glass harbor drop", ["glass harbor"], "release_date"),
    ("When is Mara Vale's album Salt Lines out?", ["Mara Vale", "Salt Lines"], "release_date"),
    ("When is NOVA9's comeback?", ["NOVA9"], "release_date"),
    ("What is Mara Vale's latest release?", ["Mara Vale"], "latest_release"),
    ("What's Mara Vale's next single?", ["Mara Vale"], "next_release"),
    ("Who directed Lena Morrow's 'Tin Lantern' video?", ["Lena Morrow", "Tin Lantern"],
     "director"),
    ("Who shot the video for Tin Lantern?", ["Tin Lantern"], "director"),
    ("Who produced Glass Harbour?", ["Glass Harbour"], "producer"),
    ("Who wrote Paper Coast?", ["Paper Coast"], "writer"),
    ("Which label is Mara Vale signed to?", ["Mara Vale"], "label"),
    ("What label is releasing Paper Coast?", ["Paper Coast"], "label"),
    ("Which company manages NOVA9?", ["NOVA9"], "label"),
    ("What agency is NOVA9 under?", ["NOVA9"], "label"),
    ("Who manages Mara Vale?", ["Mara Vale"], "open"),  # a manager is no label
    ("Is Salt Lines out yet?", ["Salt Lines"], "release_date"),
    ("has Salt Lines dropped?", ["Salt Lines"], "release_date"),
    ("Who is Mara Vale's duet partner?", ["Mara Vale"], "featuring"),  # no spouse
    ("Who is on Tin Lantern with Lena Morrow?", ["Tin Lantern", "Lena Morrow"], "featuring"),
    ("Who sings with Lena Morrow on Tin Lantern?", ["Lena Morrow", "Tin Lantern"], "featuring"),
    ("Who is Mara Vale's partner?", ["Mara Vale"], "partner"),
    ("Who is Mara Vale married to?", ["Mara Vale"], "partner"),
    ("Who is the father of Mara Vale's daughter?", ["Mara Vale"], "partner"),
    ("Who are Mara Vale's children?", ["Mara Vale"], "child"),
    ("When is Mara Vale's birthday?", ["Mara Vale"], "birthday"),
    ("When was Mara Vale born?", ["Mara Vale"], "birthday"),
    ("How old is Mara Vale?", ["Mara Vale"], "age"),
    ("Who joined The Copper Brothers?", ["The Copper Brothers"], "members"),
    ("Who is the new guitarist of The Copper Brothers?", ["The Copper Brothers"], "members"),
    ("Who's Cinder Road's drummer?", ["Cinder Road"], "members"),
    ("Why is he leaving the band?", [], "open"),  # no stored fact says why: quoted
    ("When did Tom Reyes get married?", ["Tom Reyes"], "event"),  # the day, not the partner
    ("What was the original release date of Salt Lines?", ["Salt Lines"], "original_date"),
    ("What is coming up for Mara Vale?", ["Mara Vale"], "upcoming"),
    ("How many records has Mara Vale sold?", ["Mara Vale"], "records_sold"),
    ("When does Mara Vale's tour start?", ["Mara Vale"], "event"),
    ("Where and when does the tour kick off?", [], "event"),
    ("What do we know about Mara Vale?", ["Mara Vale"], "about"),
    ("Mara Vale", ["Mara Vale"], "about"),
    ("Latest articles about Mara Vale", ["Mara Vale"], "articles"),
    ("How much did she donate?", [], "open"),
    ("Which songs does he cover on the album?", [], "open"),
])
def test_the_intent_comes_from_the_words_around_the_names(
    text: str, names: list[str], intent: str
) -> None:
    assert read(text, *names).intent == intent


def test_what_else_the_question_says() -> None:
    question = read("How old did Mara Vale turn in 2025?", "Mara Vale")
    assert (question.intent, question.year) == ("age", 2025)
    assert read("When was Mara Vale's daughter born?", "Mara Vale").relation == "child"
    assert read("When is Mara Vale's new album out?", "Mara Vale").kind == "album"
    counting = read("How much did she donate?")
    assert counting.counting and "donate" in counting.words
    assert "lena" not in read("Who directed Lena Morrow's video?", "Lena Morrow").words


def test_quoted_titles_and_possessives() -> None:
    tokens = tokenize("Who is on 'I Ain't Comin' Back' with Lena Morrow's band?")
    assert [t.text for t in tokens if t.quoted] == ["I", "Ain't", "Comin", "Back"]
    assert [t.text for t in tokens if t.possessive] == ["Morrow's"]
    found = spans(tokens)
    # The whole quoted title, though it starts with a small word; the possessive name bare.
    assert (3, 7) in found["i aint comin back"]
    assert "lena morrow" in found and "lena morrows" in found
    # A name never runs past a possessive.
    assert not any(form.startswith("lena morrows ") for form in found)
    double = tokenize('When is “The Captain and Me” out?')
    assert (2, 6) in spans(double)["the captain and me"]


def test_a_day_in_the_question_is_no_unknown_name() -> None:
    tokens = tokenize("What came out on June 7?")
    assert not any(t.text == "June" for a, b in loose_runs(tokens, []) for t in tokens[a:b])
    tokens = tokenize("What is June Carter's new album?")  # a month that is a first name stays
    assert any(t.text == "June" for a, b in loose_runs(tokens, []) for t in tokens[a:b])


def test_runs_left_over_may_be_unknown_or_misspelt_names() -> None:
    text = "When did Lena Morrow release Paper Coast Revisited?"
    tokens = tokenize(text)
    runs = loose_runs(tokens, [run_of(text, "Lena Morrow")])
    assert [surface(tokens, r) for r in runs] == ["Paper Coast Revisited"]
    assert looks_like_name(tokens, runs[0])
    lower = tokenize("how much did she donate")
    assert not any(looks_like_name(lower, r) for r in loose_runs(lower, []))


@pytest.mark.parametrize(("text", "whole"), [
    ("When did Chaepl of the Salt Honey come out?", ["Chaepl of the Salt Honey"]),
    ("When did Velvet Heart, Sacred Harobur come out?", ["Velvet Heart Sacred Harobur"]),
    ("When did The Paitned Ghosts come out?", ["The Paitned Ghosts"]),
    ("When did Runinng from Iron Night come out?", ["Runinng from Iron Night"]),
    ("When did Lumière sleeipng come out?", ["Lumière sleeipng", "Lumière"]),
    # a possessive, a clause, a day and the question's own first word end a name
    ("Is Mara Vale's Glass Harbour out?", ["Mara Vale", "Glass Harbour"]),
    ("Mara Vale: when is Glass Harbour out?", ["Mara Vale", "Glass Harbour"]),
    ("Did Lena Morrow play on June 7?", ["Lena Morrow"]),
])
def test_names_typed_as_a_whole_for_a_misspelt_look_up(text: str, whole: list[str]) -> None:
    tokens = tokenize(text)
    assert [surface(tokens, run) for run in typed_names(tokens)] == whole


@pytest.mark.parametrize(("text", "says"), [
    ("", "Ask a question"), ("   ", "Ask a question"), ("?!", "Ask a question"),
    ("x" * 301, "301 characters"),
])
def test_bad_questions_are_user_errors_with_examples(text: str, says: str) -> None:
    with pytest.raises(UserError) as error:
        check_question(text)
    assert says in str(error.value)
    assert "When did Glass Harbour come out?" in str(error.value)


def test_a_possessive_name_is_the_owner_not_the_release_asked_about() -> None:
    from bot.answers.linking import Mention, candidates
    from bot.facts.views import EntityView

    artist = EntityView(id=1, kind="artist", name="Mara Vale")
    album = EntityView(id=2, kind="release", name="Mara Vale")  # her self-titled album
    owner = Mention(0, 2, "Mara Vale", [album, artist], possessive=True)
    assert [e.id for e in candidates([owner], "producer")] == [1, 2]
    plain = Mention(0, 2, "Mara Vale", [album, artist])
    assert [e.id for e in candidates([plain], "producer")] == [2, 1]


def test_chart_questions_and_counting_ones() -> None:
    assert read("How did Night Ferry chart?", "Night Ferry").intent == "chart"
    assert read("What did Night Ferry peak at?", "Night Ferry").intent == "chart"
    # a count is a figure to quote, whatever it counts
    assert read("How many weeks has Night Ferry been at number one?",
                "Night Ferry").intent == "open"


@pytest.mark.parametrize(("text", "intent"), [
    ("What albums has Mara Vale released?", "releases"),
    ("Mara Vale discography", "releases"),
    ("Mara Vale's singles", "releases"),
    ("What happened to Mara Vale?", "about"),
    ("Who is in Mara Vale?", "members"),
])
def test_discography_about_and_members_questions(text: str, intent: str) -> None:
    assert read(text, "Mara Vale").intent == intent


def test_a_name_typed_whole_keeps_all_its_lower_case_words() -> None:
    # Cut after two, "Тиий огонь дождь" was near another release, "Тихий огонь дождь".
    tokens = tokenize("When did Тиий огонь дождь и город come out?")
    assert [surface(tokens, run) for run in typed_names(tokens)] == \
        ["Тиий огонь дождь и город", "Тиий"]


def test_a_kind_of_release_or_a_time_zone_in_capitals_is_no_unknown_name() -> None:
    for question in ("When are the MV teasers?", "Is it 6 p.m. KST?"):
        tokens = tokenize(question)
        assert loose_runs(tokens, []) == [] or not any(
            t.text in ("MV", "KST") for a, b in loose_runs(tokens, []) for t in tokens[a:b]
        ), question


def test_question_words_typed_in_a_hurry_are_spelt_out() -> None:
    """"wat", "whens" as the first word are "what", "when's"; a name spelt so is kept."""
    assert spelled("wat label is mara vale on") == "what label is mara vale on"
    assert spelled("whens the showcase") == "when's the showcase"
    assert spelled("Wen Lio album out?") == "Wen Lio album out?"
    assert spelled("who is wen") == "who is wen"
