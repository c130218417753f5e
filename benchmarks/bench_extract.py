"""Time extract() on generated 600-word articles (and the dev corpus if present): rate, RSS."""

from __future__ import annotations

import argparse
import datetime
import json
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bot.extract.extractor import extract

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles"
ACTS = ["Mara Vale", "Cinder Road", "Tom Reyes", "Lio Park", "The Paper Suns", "Nell Crane"]
TITLES = ["Glass Harbour", "Night Ferry", "Open Water", "Salt Lines", "Tin Sky", "Rust Bloom"]
TEMPLATES = [
    'Singer {a} has announced a {m} {d} release date for her new album "{t}".',
    "{a} is gearing up to release the EP {t} on {m} {d}, and a tour follows.",
    "The band will play {m} {d} in Leeds and {m2} {d2} in Bristol, then head to Europe.",
    "Directed by Ada Quill, the video for '{t}' follows {a} through a night of dancing.",
    "{a} and boyfriend Sam Oaks will celebrate their son's first birthday on {m} {d}, 2024.",
    "Tickets go on sale Friday ({m} {d}) at 10am local time, and fans are ready.",
    "{a}'s new single \u201c{t}\u201d with {b} will drop Friday, ahead of the album.",
    "The record was pushed back to {m} {d} after the label asked for more time.",
    "It reached No. 1 on the chart, and {a} said she has sold over 12 million records.",
    "In an interview, {a} talked about the studio, the songs and the long nights on the road.",
    "\u201cWe wrote it in one night and we love it so much,\u201d {a} said of the track.",
    "Photographer/Getty Images",
]
# Plain news prose: most sentences of a real article name no date and no title.
PROSE = [
    "{a} spoke about the years on the road and what the fans have meant to the band.",
    "The record was made in a small studio by the sea, with friends dropping by at night.",
    "Critics have praised the warmth of the songs, and the crowds have grown every year.",
    "Asked about the future, {a} laughed and said there is always another song to write.",
    "The band's early shows were in pubs, where they played to a handful of people.",
    "Fans online shared clips of the performance, and many said it was the best yet.",
    "Producer Sam Oaks helped shape the sound, adding strings and a choir to the chorus.",
    "It has been a long journey, {a} said, but every step of it has been worth it.",
]
MONTHS = ["January", "March", "May", "June", "July", "September", "October", "Nov.", "Dec."]


def generated(n: int, words: int = 600, seed: int = 7, prose: float = 0.0) -> list[str]:
    """Articles of our own, about `words` long; `prose` is the share of plain sentences."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            pool = PROSE if rng.random() < prose else TEMPLATES
            sentence = rng.choice(pool).format(
                a=rng.choice(ACTS), b=rng.choice(ACTS), t=rng.choice(TITLES),
                m=rng.choice(MONTHS), d=rng.randint(1, 28), m2=rng.choice(MONTHS),
                d2=rng.randint(1, 28))
            parts.append(sentence)
            count += len(sentence.split())
            if rng.random() < 0.25:
                parts.append("\n\n")
        out.append(" ".join(parts))
    return out


def corpus() -> list[tuple[str, datetime.date | None]]:
    texts = []
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        published = None
        for line in head.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "published" and value.strip() not in ("", "unknown"):
                published = datetime.date.fromisoformat(value.strip())
        texts.append((body, published))
    return texts


def rate(texts: list[tuple[str, datetime.date | None]], rounds: int) -> float:
    for text, published in texts[:5]:  # warm up
        extract(text, published=published)
    # CPU time of this process: the rate per core, whatever else the machine is running
    started = time.process_time()
    for _ in range(rounds):
        for text, published in texts:
            extract(text, published=published)
    return rounds * len(texts) / (time.process_time() - started)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print JSON instead of text")
    # Accepted so `make bench BENCH_ARGS="--database postgresql"` can pass it to every
    # benchmark; extraction touches no database.
    ap.add_argument("--database", default="sqlite", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    published = datetime.date(2024, 9, 10)
    figures: dict[str, float | int | None] = {"articles": args.articles}
    lines = []
    for label, share in (("plain", 0.7), ("dense", 0.0)):
        made: list[tuple[str, datetime.date | None]] = [
            (t, published) for t in generated(args.articles, prose=share)]
        words = sum(len(t.split()) for t, _ in made) / len(made)
        figures[f"{label}_per_s"] = round(rate(made, args.rounds), 1)
        lines.append(f"generated {label}: {len(made)} articles of {words:.0f} words: "
                     f"{figures[f'{label}_per_s']:.0f} articles/s on one core")
    real = corpus()
    figures["corpus_per_s"] = round(rate(real, args.rounds * 10), 1) if real else None
    if real:
        lines.append(f"dev corpus: {len(real)} articles: {figures['corpus_per_s']:.0f} articles/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    figures["peak_rss_mb"] = round(peak * scale / 2**20, 1)
    lines.append(f"peak RSS: {figures['peak_rss_mb']:.0f} MB")
    print(json.dumps(figures, indent=2) if args.json else "\n".join(lines))
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    rows = [("plain articles/s (one core)", f"{doc['plain_per_s']:.0f}", "≥ 150"),
            ("dense articles/s (one core)", f"{doc['dense_per_s']:.0f}", "")]
    if doc.get("corpus_per_s"):
        rows.append(("dev corpus articles/s", f"{doc['corpus_per_s']:.0f}", ""))
    rows.append(("peak RSS MB", f"{doc['peak_rss_mb']:.0f}", "< 200"))
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
