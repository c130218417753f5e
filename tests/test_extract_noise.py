"""Noise the extractor must not take for facts: credits, headlines, scare quotes, speech."""

from __future__ import annotations

from bot.extract.sentences import split
from tests.extract_helpers import artists, run, titles

ARTICLE = """Mara Vale shares "Glass Harbour" video

Mara Vale shares "Glass Harbour" video

Jo Pix/Getty Images Entertainment/Getty Images

Singer Mara Vale has released the music video for her single "Glass Harbour", a song about
the feeling of "right place, wrong time". "I wrote it in one night and I love it so much,
it is the best thing I have done," she said.

Kim Lens/FilmMagic

The video arrives ahead of her tour.
"""


def test_credits_are_not_people_or_artists() -> None:
    x = run(ARTICLE, "2024-05-01", title='Mara Vale shares "Glass Harbour" video')
    names = artists(x) | {p.name for p in x.people}
    assert not any(n.startswith(("Jo Pix", "Kim Lens", "Getty")) for n in names)
    assert "Mara Vale" in artists(x)


def test_headline_repeated_as_text_gives_one_release() -> None:
    x = run(ARTICLE, "2024-05-01", title='Mara Vale shares "Glass Harbour" video')
    assert [r.title for r in x.releases] == ["Glass Harbour"]
    assert "Getty" not in x.releases[0].evidence


def test_scare_quotes_and_speech_are_not_titles() -> None:
    x = run(ARTICLE, "2024-05-01")
    assert "right place, wrong time" not in titles(x)
    assert not any(t.startswith("I wrote") for t in titles(x))


def test_abbreviations_do_not_split_sentences() -> None:
    text = ("It reached No. 1 on the chart. The track, feat. Lio Park, is on Vol. 2 of the "
            "series. It airs at 6 p.m. KST on Friday.")
    assert split(text) == [
        "It reached No. 1 on the chart.",
        "The track, feat. Lio Park, is on Vol. 2 of the series.",
        "It airs at 6 p.m. KST on Friday.",
    ]


def test_quoted_speech_with_a_date_is_not_a_release_date() -> None:
    x = run('"We will be back on June 2," Mara Vale said of the tour.', "2024-05-01")
    assert x.releases == []


def test_known_artists_are_found_anywhere() -> None:
    x = run("A new remix landed this week, and fans of cinder road were thrilled.",
            "2024-05-01", known_artists=["Cinder Road"])
    assert "Cinder Road" in artists(x)


def test_a_description_in_quotes_and_a_label_named_records() -> None:
    x = run('When Nora Quinn called her new record "a turning point," she meant it. Paper '
            'Boats, out now on Harbor Lane Records, opens with "Tidewater," a six-minute '
            "ballad. According to Billboard, the album is expected to debut in the top 10 next "
            "week.", "2023-10-09")
    assert artists(x) == {"Nora Quinn"}
    assert "a turning point" not in titles(x)
    assert "Tidewater" in titles(x)
    assert all(r.date is None for r in x.releases)  # "next week" is no release day
    assert ("Nora Quinn", "label", "Harbor Lane Records") in {
        (f.subject, f.predicate, f.object) for f in x.facts}


def test_inline_photo_credit_goes_and_its_paragraph_stays() -> None:
    x = run("Other acts on the bill include Mara Vale, Cinder Road, Tom Reyes and DJ Halo. "
            "(Photo by Jo Pix/Getty Images)", "2024-11-20")
    assert artists(x) == {"Mara Vale", "Cinder Road", "Tom Reyes", "DJ Halo"}


def test_an_embedded_posts_signature_is_no_event_and_its_words_stay() -> None:
    # the day a post went up, under its handle, is nothing the article says happened
    x = run("Singer Tom Vale is celebrating his 80th birthday today.\n\n"
            "Fans and old friends flooded social media with their wishes for the singer all "
            "day long. Eighty years young and still the hardest working man we know. Keep on "
            "rocking, Tom! pic.twitter.com/Ab12Cd — The Salt Honey (@SaltHoney) July 26, 2023"
            "\n\n"
            "Happy birthday! A post shared by Lena Morrow (@lenamorrow) on Jul 26, 2023 at "
            "9:14am PDT", "2023-07-26")
    assert [(e.kind, e.date.iso()) for e in x.events] == [("birthday", "1943-07-26")]
    assert "Lena Morrow" not in artists(x)


def test_a_fan_event_name_after_the_word_singer_is_not_a_title() -> None:
    x = run('The singer will hold a fan event, "Happy Day," in Seoul on November 16.',
            "2024-11-15")
    assert titles(x) == set()


def test_one_word_known_acts_match_as_written() -> None:
    x = run("Yes, the fans said, the show was loud.", "2024-05-01", known_artists=["Yes", "Low"])
    assert artists(x) == {"Yes"}
    x = run("The crowd was low on energy.", "2024-05-01", known_artists=["Low"])
    assert artists(x) == set()


def test_band_names_that_start_with_common_words() -> None:
    x = run("The band New Order has announced a tour, and singer Little Simz will support.",
            "2024-05-01")
    assert {"New Order", "Little Simz"} <= artists(x)
    x = run("New Music Friday: the band has shared a song.", "2024-05-01")
    assert artists(x) == set()


def _labels(text: str) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in run(text, "2026-03-02").facts
            if f.predicate == "label"}


def test_a_ticket_seller_or_promoter_is_never_a_label() -> None:
    found = _labels(
        "Singer Mara Vale has announced a spring tour. Tickets go on sale Friday via "
        "Ticketstand, with a presale through Loud Nation Entertainment. The tour is promoted by "
        "Greenroom Presents Records. The shows stream on Apple Music.")
    assert found == set()


def test_a_label_comes_from_label_wording() -> None:
    found = _labels(
        "Singer Mara Vale has signed to Ferris Records. Her new album arrives May 3 via "
        "Dovecote. Paper Mill Records will release Hollow Pine's EP \"Stone Fruit\" on July 3.")
    assert found == {("Mara Vale", "Ferris Records"), ("Mara Vale", "Dovecote"),
                     ("Hollow Pine", "Paper Mill Records")}


def test_placeholders_are_never_names_titles_or_facts() -> None:
    x = run("Round-up of delays.\n\nTin Lantern, Untitled Old date: May 2. New date: June 6.\n\n"
            "The label is TBA and the producer is unknown. Their single \"TBA\" was teased "
            "on June 1.", "2026-03-02")
    blanks = {"unknown", "untitled", "tba", "n/a", ""}
    assert not {t.casefold() for t in titles(x)} & blanks
    assert not {a.casefold() for a in artists(x)} & blanks
    assert not {p.name.casefold() for p in x.people} & blanks
    assert not [f for f in x.facts if f.subject.casefold() in blanks
                or f.object.casefold() in blanks]


def test_an_event_nobody_is_named_for_states_no_fact() -> None:
    x = run("The festival returns to the park on August 5, 2026, with three stages.",
            "2026-03-02")
    assert all(f.subject != "unknown" for f in x.facts)
