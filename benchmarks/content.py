"""Made-up feeds and article pages for benchmarks: deterministic, unique per feed and item."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.feed_builders import Item, article_page, rss

FIRST = (
    "Mara", "Jun", "Ines", "Teo", "Lio", "Sade", "Kai", "Noor", "Ravi", "Elske",
    "Odile", "Bram", "Yuna", "Cato", "Pia", "Tomas", "Zora", "Ilya", "Nell", "Arlo",
    "Suvi", "Dario", "Femi", "Greta", "Hollis", "Ivo", "Juno", "Kasia", "Lumi", "Milo",
    "Nadia", "Otis", "Priya", "Quinn", "Rosa", "Soren", "Tove", "Uma", "Viggo", "Wren",
)
LAST = (
    "Vale", "Okafor", "Harbour", "Static", "Lumen", "Marlow", "Quill", "Sorrel", "Tamsin", "Ucello",
    "Winter", "Yarrow", "Zephyr", "Abbott", "Brightwater", "Corvid", "Delacroix", "Ember", "Fennel",
    "Galloway", "Hale", "Ivory", "Juniper", "Kestrel", "Larkin", "Moss", "Nightingale", "Orchard",
    "Pike", "Rowan", "Sable", "Thistle", "Umber", "Vesper", "Wilde", "Ashdown", "Bellweather",
    "Calloway", "Dune", "Everly",
)
CITIES = ("Lisbon", "Ghent", "Porto", "Seoul", "Osaka", "Leeds", "Montreal", "Lagos", "Tallinn",
          "Melbourne", "Bogotá", "Reykjavík", "Marseille", "Austin", "Kraków", "Nairobi")
VENUES = ("a converted chapel", "the old tram depot", "a rooftop studio", "a seaside ballroom",
          "a basement club", "a botanical garden", "an empty cinema", "a lighthouse")
INSTRUMENTS = ("cello", "upright piano", "drum machine", "twelve-string guitar", "pedal steel",
               "Rhodes", "string quartet", "brass section", "modular synth", "harmonium")
VERBS = ("announces", "shares", "releases", "premieres", "surprises fans with", "unveils")
WHEN = ("next Friday", "on the first of the month", "at midnight", "this spring",
        "ahead of the tour", "after a two-year break")
SENTENCES = (
    "It was recorded over {n} days in {venue} in {city}, with {instrument} at the centre.",
    "The accompanying video was shot in {city} by a longtime friend of the band.",
    "Fans in {city} will hear it first when the tour stops there in {month}.",
    "Producer {producer} adds {instrument} and a choir of friends on the last chorus.",
    "The song closes with a long {instrument} coda that fans have been asking about.",
    "Early listeners compare it to the band's first record, but louder and stranger.",
    "A limited pressing on coloured vinyl goes on sale through the official store.",
    "Tickets for the extra {city} date sold out within {n} minutes of going on sale.",
    "The lyrics started as a voice memo recorded on a night train to {city}.",
    "A stripped-down version with only voice and {instrument} will follow {when}.",
)
MONTHS = ("March", "April", "May", "June", "September", "October", "November")
PARAGRAPH_SENTENCES = 5  # about 75 words a paragraph
PAGE_PARAGRAPHS = 8  # about 600 words a page


def artist(feed: int) -> str:
    """A made-up artist name, unique per feed index."""
    name = f"{FIRST[feed % len(FIRST)]} {LAST[(feed // len(FIRST)) % len(LAST)]}"
    cycle = feed // (len(FIRST) * len(LAST))
    return f"{name} {cycle + 1}" if cycle else name


def _slug(text: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in text.lower().split())


def _sentence(rng: random.Random, template: str) -> str:
    return template.format(
        n=rng.randint(3, 40), venue=rng.choice(VENUES), city=rng.choice(CITIES),
        instrument=rng.choice(INSTRUMENTS), month=rng.choice(MONTHS), when=rng.choice(WHEN),
        producer=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
    )


def summary(feed: int, serial: int) -> str:
    """About 40 words about one release; unique because it names the artist and the single."""
    rng = random.Random(feed * 1_000_003 + serial)
    name = artist(feed)
    lead = f"{name} {rng.choice(VERBS)} “Single {serial}”, out {rng.choice(WHEN)}."
    rest = rng.sample(SENTENCES, 2)
    return " ".join([lead, *(_sentence(rng, s) for s in rest)])


def feed_item(feed: int, serial: int, published: datetime) -> Item:
    """Item `serial` (0 the oldest) of feed `feed`: its own link and guid, a ~40-word summary."""
    name = artist(feed)
    return Item(
        title=f"{name} — Single {serial}",
        link=f"https://site{feed}.example/news/{_slug(name)}-single-{serial}",
        guid=f"site{feed}-story-{serial}",
        published=published,
        summary=summary(feed, serial),
    )


def feed_body(feed: int, first: int, count: int, newest_at: datetime) -> bytes:
    """RSS 2.0 with items `first` .. `first + count - 1`, newest on top, an hour apart."""
    last = first + count - 1
    items = [feed_item(feed, s, newest_at - timedelta(hours=last - s))
             for s in range(last, first - 1, -1)]
    name = artist(feed)
    return rss(items, title=f"{name} Fan News", link=f"https://site{feed}.example/",
               description=f"News about {name}, written for benchmarks").encode()


def page_paragraphs(page: int) -> list[str]:
    rng = random.Random(-1 - page)
    return [" ".join(_sentence(rng, rng.choice(SENTENCES)) for _ in range(PARAGRAPH_SENTENCES))
            for _ in range(PAGE_PARAGRAPHS)]


def page_body(page: int, published: datetime) -> bytes:
    """An article page of about 600 words, with nav, banner, comments and footer around it."""
    name = artist(page)
    rng = random.Random(page)
    comments = [f"Saw them in {rng.choice(CITIES)}, this one is even better live."
                for _ in range(rng.randint(2, 6))]
    return article_page(f"{name} talks about “Single {page}”", page_paragraphs(page), published,
                        comments, site=f"{name} Fan News").encode()


# Sentences that state facts (release dates, labels, directors, producers, guests), for
# pages that are learned from: names from `benchmarks.names`' word lists.
FACT_SENTENCES = (
    'Singer {a} has announced a {m} {d} release date for the new album "{t}".',
    "{a} will release the EP {t} on {m} {d} through {label}.",
    "Directed by {p}, the video for “{t}” follows {a} through a night of dancing.",
    "“{t}” was produced by {p} and features {b}.",
    "{a} signed to {label} last year, after two records of their own.",
    "The album {t} was pushed back to {m} {d} after the label asked for more time.",
)


def fact_page_body(page: int, published: datetime) -> bytes:
    """An article page of about 600 words in which every paragraph states facts (two of its
    five sentences), with nav, cookie banner, comments and footer around it; unique per
    `page` (its artist, titles and URL)."""
    from benchmarks import names  # (a heavier module, for these pages only)

    rng = random.Random(7_000_003 + page)
    act = artist(page)

    def fact(template: str) -> str:
        return template.format(
            a=act, b=artist(page + 1 + rng.randrange(50)),
            t=f"{rng.choice(names.ADJECTIVES)} {rng.choice(names.NOUNS)}",
            p=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            label=f"{rng.choice(names.NOUNS)} & {rng.choice(names.NOUNS)}",
            m=rng.choice(MONTHS), d=rng.randint(1, 28))

    paragraphs = [" ".join([fact(rng.choice(FACT_SENTENCES)),
                            *(_sentence(rng, rng.choice(SENTENCES)) for _ in range(3)),
                            fact(rng.choice(FACT_SENTENCES))])
                  for _ in range(PAGE_PARAGRAPHS)]
    comments = [f"Saw them in {rng.choice(CITIES)}, this one is even better live."
                for _ in range(rng.randint(2, 6))]
    return article_page(f"{act} on the new record", paragraphs, published, comments,
                        site=f"{act} Fan News").encode()
