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
