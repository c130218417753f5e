"""Made-up artist, release, label and person names with a real-world shape, for bench_answers.

Deterministic (one seeded generator per kind, drawn in order), unique per kind once normalised
(`bot.facts.names.normalise`), and invented: ordinary words put together, never copied from a
list of real artists or records. What makes them harder than "Artist N" / "Title N":

- several words, and words shared by many names ("Blue", "Night", "The"): the words are drawn
  with Zipf-like weights, so the first words of each list are in thousands of names;
- "The …" bands and releases;
- accented Latin ("Lumière", "Søren Åberg") and a share of Japanese, Korean and Cyrillic names;
- releases named like their artist (a self-titled record: `self_titled`);
- and, for questions, a typo of a name (`typo`) and names that are in no list (`unknown`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from itertools import accumulate

from bot.facts.names import normalise

ADJECTIVES = (
    "Blue", "Golden", "Quiet", "Silver", "Broken", "Velvet", "Hollow", "Electric", "Paper",
    "Wild", "Northern", "Crimson", "Glass", "Lonely", "Bright", "Tender", "Salt", "Iron",
    "Pale", "Last", "Little", "Summer", "Winter", "Secret", "Empty", "Burning", "Distant",
    "Neon", "Gentle", "Sleeping", "Faded", "Holy", "Restless", "Frozen", "Hidden", "Scarlet",
    "Dusty", "Wandering", "Sunken", "Painted", "Falling", "Sacred", "Borrowed", "Careless",
    "Amber", "Ashen", "Patient", "Rusted", "Silent", "Wired",
)
NOUNS = (
    "Night", "Harbour", "Garden", "River", "Heart", "Horses", "Lanterns", "Season", "Signal",
    "Mirror", "Kingdom", "Orchard", "Satellite", "Parade", "Echo", "Ghosts", "Tide", "Avenue",
    "Motel", "Machine", "Choir", "Fever", "Wolves", "Hours", "Window", "Letters", "Canyon",
    "Bells", "Weather", "Island", "Arcade", "Comet", "Shadows", "Daughters", "Engines",
    "Rooms", "Mountain", "Station", "Youth", "Ferris Wheel", "Highway", "Lake", "Chapel",
    "Moths", "Streetlights", "Sparrows", "Frontier", "Wires", "Meadow", "Lighthouse",
    "Postcards", "Saints", "Thunder", "Desert", "Anthem", "Ballroom", "Embers", "Coast",
    "Feathers", "Circus", "Promise", "Tunnel", "Vacation", "Honey", "Cathedral", "Dreamers",
    "Static", "Rain", "Sun", "Moon",
)
GERUNDS = (
    "Chasing", "Leaving", "Dancing with", "Waiting for", "Burning", "Running from",
    "Dreaming of", "Holding", "Finding", "Counting", "Painting", "Crossing", "Building",
    "Forgetting", "Calling", "Watching",
)
FIRST = (
    "Mara", "Jun", "Ines", "Teo", "Lio", "Sade", "Kai", "Noor", "Ravi", "Elske", "Odile",
    "Bram", "Yuna", "Cato", "Pia", "Tomas", "Zora", "Ilya", "Nell", "Arlo", "Suvi", "Dario",
    "Femi", "Greta", "Hollis", "Ivo", "Juno", "Kasia", "Lumi", "Milo", "Nadia", "Otis",
    "Priya", "Quinn", "Rosa", "Tove", "Uma", "Viggo", "Wren", "Ada", "Joe", "Lena", "Sam",
    "Zoë", "Inés", "Søren", "Anaïs", "Joaquín", "Renée", "Łucja", "Dóra", "Émile", "Ådne",
    "Mikuláš", "Çağla", "Niamh", "Oisín", "Thandiwe",
)
LAST = (
    "Vale", "Okafor", "Harbour", "Lumen", "Marlow", "Quill", "Sorrel", "Tamsin", "Winter",
    "Yarrow", "Zephyr", "Abbott", "Brightwater", "Corvid", "Delacroix", "Ember", "Fennel",
    "Galloway", "Hale", "Ivory", "Juniper", "Kestrel", "Larkin", "Moss", "Nightingale",
    "Orchard", "Pike", "Rowan", "Sable", "Thistle", "Umber", "Vesper", "Wilde", "Ashdown",
    "Calloway", "Dune", "Everly", "Morrow", "Kell", "Brask", "Åberg", "Núñez", "Lefèvre",
    "Øster", "Kovačić", "Szabó", "Ó Ceallaigh", "Müller-Rhee", "Ferreira da Luz", "Dağlı",
)
ACCENTED = (
    "Lumière", "Été", "Mañana", "Rêverie", "Señales", "Fjäril", "Söndag", "Déjà Vu", "Crème",
    "Noël", "Œuvre", "Brûlée", "Sérénade", "Pájaros", "Corazón", "Ångest", "Høst", "Żurawie",
    "Città", "Saudade", "Ça Va", "Über Alles", "Façade", "Naïve",
)
JA_ADJ = ("青い", "静かな", "遠い", "白い", "赤い", "小さな", "優しい", "新しい", "古い", "眠れる")
JA_NOUN = ("夜", "海", "星", "花", "月", "光", "雨", "風", "夏", "街", "空", "森", "鳥", "夢",
           "鏡", "駅", "窓", "炎", "声", "島")
KO_ADJ = ("푸른", "조용한", "먼", "하얀", "붉은", "작은", "따뜻한", "새로운", "오래된", "잠든")
KO_NOUN = ("밤", "바다", "별", "꽃", "달", "빛", "비", "바람", "여름", "거리", "하늘", "숲",
           "새", "꿈", "거울", "역", "창문", "불꽃", "목소리", "섬")
RU_ADJ = ("Синий", "Тихий", "Далёкий", "Белый", "Красный", "Малый", "Нежный", "Новый",
          "Старый", "Ночной")
RU_NOUN = ("Город", "Берег", "Сад", "Ветер", "Дождь", "Свет", "Лес", "Мост", "Голос", "Остров",
           "Вокзал", "Сон", "Огонь", "Парус", "Причал", "Маяк", "Трамвай", "Перрон", "Двор",
           "Рассвет")
# Words in no list above: an "unknown" name is two of them.
UNKNOWN_ADJ = ("Marzipan", "Quartzy", "Tangerine", "Woolen", "Cobalt", "Pickled", "Velcro",
               "Zigzag", "Obsidian", "Peppermint", "Lopsided", "Fluorescent")
UNKNOWN_NOUN = ("Pelican", "Accordion", "Trampoline", "Igloo", "Periscope", "Walrus",
                "Lasagne", "Zeppelin", "Cactus", "Hammock", "Yodel", "Quokka")
ROMAN = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class _Words:
    """Draws from a word list with Zipf-like weights: the first words are the common ones."""

    def __init__(self, words: Sequence[str], skew: float = 0.7) -> None:
        self.words = list(words)
        self.cum = list(accumulate(1 / (rank + 1) ** skew for rank in range(len(words))))

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.words, cum_weights=self.cum)[0]


_ADJ, _NOUN, _GERUND = _Words(ADJECTIVES), _Words(NOUNS), _Words(GERUNDS)
_FIRST, _LAST, _ACCENTED = _Words(FIRST, 0.5), _Words(LAST, 0.5), _Words(ACCENTED, 0.5)
_JA_ADJ, _JA_NOUN = _Words(JA_ADJ, 0.5), _Words(JA_NOUN, 0.5)
_KO_ADJ, _KO_NOUN = _Words(KO_ADJ, 0.5), _Words(KO_NOUN, 0.5)
_RU_ADJ, _RU_NOUN = _Words(RU_ADJ, 0.5), _Words(RU_NOUN, 0.5)

Pattern = Callable[[random.Random], str]


def _non_latin(r: random.Random) -> str:
    script, long = r.randrange(3), r.random() < 0.5
    if script == 0:  # 青い夜の星: no spaces, as written
        tail = f"と{_JA_NOUN(r)}" if long else ""
        return f"{_JA_ADJ(r)}{_JA_NOUN(r)}の{_JA_NOUN(r)}{tail}"
    if script == 1:
        tail = f" {_KO_ADJ(r)} {_KO_NOUN(r)}" if long else ""
        return f"{_KO_ADJ(r)} {_KO_NOUN(r)}의 {_KO_NOUN(r)}{tail}"
    tail = f" и {_RU_NOUN(r).lower()}" if long else ""
    return f"{_RU_ADJ(r)} {_RU_NOUN(r).lower()} {_RU_NOUN(r).lower()}{tail}"


ARTIST_PATTERNS: tuple[tuple[float, Pattern], ...] = (
    (30, lambda r: f"{_FIRST(r)} {_LAST(r)}"),
    (22, lambda r: f"The {_ADJ(r)} {_NOUN(r)}"),
    (10, lambda r: f"{_ADJ(r)} {_NOUN(r)}"),
    (10, lambda r: f"{_FIRST(r)} {_LAST(r)} & the {_NOUN(r)}"),
    (8, lambda r: f"{_NOUN(r)} of {_NOUN(r)}"),
    (8, lambda r: f"{_FIRST(r)} {_FIRST(r)[0]}. {_LAST(r)}"),
    (12, _non_latin),
)
RELEASE_PATTERNS: tuple[tuple[float, Pattern], ...] = (
    (14, lambda r: f"{_ADJ(r)} {_NOUN(r)}"),
    (12, lambda r: f"The {_ADJ(r)} {_NOUN(r)}"),
    (20, lambda r: f"{_NOUN(r)} of the {_ADJ(r)} {_NOUN(r)}"),
    (16, lambda r: f"{_GERUND(r)} {_ADJ(r)} {_NOUN(r)}"),
    (10, lambda r: f"{_ADJ(r)} {_NOUN(r)}, {_ADJ(r)} {_NOUN(r)}"),
    (8, lambda r: f"{_ACCENTED(r)} {_ADJ(r).lower()}"),
    (8, lambda r: f"{_ACCENTED(r)} in {_NOUN(r)}"),
    (10, lambda r: f"{_ADJ(r)} {_NOUN(r)} and {_ADJ(r)} {_NOUN(r)}"),
    (10, _non_latin),
)
LABEL_PATTERNS: tuple[tuple[float, Pattern], ...] = (
    (50, lambda r: f"{_ADJ(r)} {_NOUN(r)} Records"),
    (30, lambda r: f"{_NOUN(r)} & {_NOUN(r)}"),
    (20, lambda r: f"{_LAST(r)} Music"),
)
PERSON_PATTERNS: tuple[tuple[float, Pattern], ...] = (
    (40, lambda r: f"{_FIRST(r)} {_LAST(r)}"),
    (30, lambda r: f"{_FIRST(r)} {_FIRST(r)[0]}. {_LAST(r)}"),
    (30, lambda r: f"{_FIRST(r)} {_LAST(r)}-{_LAST(r)}"),
)


def _draw(count: int, patterns: Sequence[tuple[float, Pattern]], seed: int,
          taken: set[str] | None = None) -> list[str]:
    """`count` names, unique once normalised (and not in `taken`); a drawn name that is already
    used is drawn again, and after a few tries numbered like a sequel ("… II")."""
    rng = random.Random(seed)
    weights = list(accumulate(w for w, _ in patterns))
    makers = [p for _, p in patterns]
    seen: set[str] = set(taken or ())
    out: list[str] = []
    while len(out) < count:
        name = ""
        for _attempt in range(8):
            name = rng.choices(makers, cum_weights=weights)[0](rng)
            if normalise(name) not in seen:
                break
        else:
            base = name
            for numeral in ROMAN:
                name = f"{base} {numeral}"
                if normalise(name) not in seen:
                    break
            else:
                name = f"{base} {len(out)}"
        seen.add(normalise(name))
        out.append(name)
    return out


def artists(count: int) -> list[str]:
    return _draw(count, ARTIST_PATTERNS, 11)


def labels(count: int) -> list[str]:
    return _draw(count, LABEL_PATTERNS, 13)


def people(count: int, artist_names: Sequence[str]) -> list[str]:
    """People (directors, producers): none named like an artist, so a question names one."""
    return _draw(count, PERSON_PATTERNS, 17, {normalise(a) for a in artist_names})


def self_titled(n: int) -> bool:
    """Whether release n takes its artist's name (about 1 in 25)."""
    return n % 25 == 3


def releases(count: int, artist_names: Sequence[str], artist_of: Callable[[int], int]) -> list[str]:
    """Release names; a self-titled release takes its artist's name (`artist_of(n)` is release
    n's artist index), unless that artist already has one."""
    drawn = _draw(count, RELEASE_PATTERNS, 19, {normalise(a) for a in artist_names})
    used: set[str] = set()
    for n in range(count):
        if self_titled(n):
            name = artist_names[artist_of(n)]
            if normalise(name) not in used:
                used.add(normalise(name))
                drawn[n] = name
    return drawn


def typo(name: str) -> str | None:
    """The name with two neighbouring letters swapped in its longest word of 5+ Latin letters
    ("Harbour" → "Harbuor"), or None when it has no such word."""
    words = name.split(" ")
    best = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[best]
    if len(word) < 5 or not word.isalpha() or not word.isascii():
        return None
    i = len(word) // 2
    if word[i] == word[i + 1]:
        i -= 1
    words[best] = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return " ".join(words)


def unknown(n: int) -> str:
    """A name in no list: two words no generated name uses ("Cobalt Walrus")."""
    return f"{UNKNOWN_ADJ[n % len(UNKNOWN_ADJ)]} {UNKNOWN_NOUN[(n // 5) % len(UNKNOWN_NOUN)]}"
