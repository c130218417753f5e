"""Page extraction on real pages: `extract_page` under the product's trafilatura settings and
alternatives, scored against public ground truth. Figures only; nothing is asserted.

    python -m benchmarks.bench_pages --pages DIR [--dates DIR] [--date-limit N] [--json]

`--pages DIR`: a checkout of github.com/scrapinghub/article-extraction-benchmark
(`ground-truth.json` and `html/<id>.html.gz`, 181 pages). Main text is scored as that
benchmark's `evaluate.py` scores `articleBody`: both texts are cut into tokens (`\\w+`, case
kept), each page's tokens into shingles of 4 consecutive tokens (a text shorter than 4 tokens is
one shingle); a shingle counts as many times as it occurs in both texts (true positive), only in
the extraction (false positive) or only in the ground truth (false negative); each page's three
counts are divided by their sum so every page weighs the same; precision is the mean over the
pages that extracted something, recall the mean over every page, F1 = 2PR / (P + R) of those
means. "±" is the standard deviation over 1,000 bootstrap resamples of the pages, and "vs
current" the mean F1 difference from the product's settings on the same resamples. The bag of
words column is the same with shingles of one token.

`--dates DIR`: the `tests` folder of github.com/adbar/htmldate (`eval_default.json`,
`eval_mediacloud_2020.json`: 995 pages labelled with the day of first publication, in
`eval/`, `test_set/`, `cache/`). A page's date is right when `PageText.published` (UTC) falls on the
labelled day; "±1 day" also accepts the day either side (UTC against the site's own zone).

Without `--pages` (as in `make bench`) it says it was skipped and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.measure import machine, print_figures, table
from bot.ingest.article import TRAFILATURA_SETTINGS, extract_page

TOKEN = re.compile(r"\w+", re.UNICODE)
SHORT_WORDS = 50  # an extraction under this many words is near-empty (the articles are longer)
MISSED_RECALL = 0.1  # a page whose extraction holds under 10% of its article is lost
BOOTSTRAP = 1000


@dataclass(frozen=True)
class Variant:
    name: str
    settings: Mapping[str, Any]
    prune: bool
    dates: bool  # measured on the dated set too (the others date pages as one of these does)


CURRENT = "current (favor_precision, _prune, dates fast)"


def _with(**changes: Any) -> dict[str, Any]:
    return {**TRAFILATURA_SETTINGS, **changes}


EXTENSIVE = {"original_date": True, "extensive_search": True}
VARIANTS = (
    Variant(CURRENT, TRAFILATURA_SETTINGS, prune=True, dates=True),
    Variant("current without _prune", TRAFILATURA_SETTINGS, prune=False, dates=True),
    Variant("favor_precision off", _with(favor_precision=False), prune=True, dates=False),
    Variant("favor_recall", _with(favor_precision=False, favor_recall=True), prune=True,
            dates=False),
    Variant("current + extensive date search", _with(date_extraction_params=EXTENSIVE),
            prune=True, dates=True),
    Variant("trafilatura defaults, no _prune", {}, prune=False, dates=True),
    Variant("trafilatura defaults + _prune", {}, prune=True, dates=False),
)


@dataclass
class TextFigures:
    variant: str
    pages: int
    f1: float
    precision: float
    recall: float
    f1_std: float
    f1_vs_current: float
    f1_vs_current_std: float
    bow_f1: float
    bow_precision: float
    bow_recall: float
    empty: int
    under_50_words: int
    missed: int  # recall < 10%
    ms_per_page: float
    missed_pages: list[str] = field(default_factory=list)


@dataclass
class DateFigures:
    variant: str
    pages: int
    correct: int
    within_a_day: int
    wrong: int
    none: int
    ms_per_page: float


@dataclass
class Figures:
    skipped: str | None
    pages_dir: str | None = None
    dates_dir: str | None = None
    text: list[TextFigures] = field(default_factory=list)
    dates: list[DateFigures] = field(default_factory=list)
    machine: dict[str, str | int] = field(default_factory=machine)


Counts = tuple[float, float, float]  # tp, fp, fn, normalised per page


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    found: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i:i + n])
        if shingle:
            found[shingle] += 1
    return found


def shingle_counts(true: str, pred: str, n: int = 4) -> Counts:
    """(tp, fp, fn) of `pred` against `true`, as scrapinghub's `string_shingle_matching`."""
    want, got = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in want.keys() | got.keys():
        tp += min(want[key], got[key])
        fp += max(0, got[key] - want[key])
        fn += max(0, want[key] - got[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: Sequence[Counts]) -> tuple[float, float, float]:
    """(F1, precision, recall) as scrapinghub's `metrics_from_tp_fp_fns`."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def _std(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return float((sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5)


def bootstrap(counts: Sequence[Counts], base: Sequence[Counts]) -> tuple[float, float, float]:
    """F1's standard deviation, and the mean and deviation of F1 minus `base`'s F1, over the
    same resamples of the pages (a fixed seed, so runs compare)."""
    rng = random.Random(13)
    own, diffs = [], []
    n = len(counts)
    for _ in range(BOOTSTRAP):
        picks = [rng.randrange(n) for _ in range(n)]
        f1 = scores([counts[i] for i in picks])[0]
        own.append(f1)
        diffs.append(f1 - scores([base[i] for i in picks])[0])
    return _std(own), sum(diffs) / len(diffs), _std(diffs)


def load_pages(folder: Path) -> list[tuple[str, str, bytes, str]]:
    """(id, url, html bytes, articleBody) of every page of the scrapinghub benchmark."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = folder / "html" / f"{key}.html.gz"
        pages.append((key, item.get("url") or "", gzip.decompress(path.read_bytes()),
                      item.get("articleBody") or ""))
    return pages


def load_dated(folder: Path) -> list[tuple[str, bytes, date]]:
    """(url, html bytes, day) of htmldate's evaluation pages."""
    pages = []
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        for url, item in json.loads((folder / name).read_text(encoding="utf-8")).items():
            if not isinstance(item.get("date"), str):  # 5 pages are labelled NaN: no date
                continue
            for sub in ("test_set", "cache", "eval"):
                if (path := folder / sub / item["file"]).is_file():
                    pages.append((url, path.read_bytes(), date.fromisoformat(item["date"])))
                    break
    return pages


def measure_text(variant: Variant, pages: Sequence[tuple[str, str, bytes, str]],
                 base: Sequence[Counts] | None) -> tuple[TextFigures, list[Counts]]:
    texts, elapsed = [], 0.0
    for _, url, html, _ in pages:
        start = time.perf_counter()
        page = extract_page(html, url=url, settings=variant.settings, prune=variant.prune)
        elapsed += time.perf_counter() - start
        texts.append(page.text)
    counts = [shingle_counts(truth, text) for (_, _, _, truth), text in zip(pages, texts,
                                                                           strict=True)]
    words = [shingle_counts(truth, text, 1) for (_, _, _, truth), text in zip(pages, texts,
                                                                             strict=True)]
    f1, precision, recall = scores(counts)
    std, diff, diff_std = bootstrap(counts, counts if base is None else base)
    bow = scores(words)
    lengths = [len(TOKEN.findall(text)) for text in texts]
    missed = [key for (key, *_), c in zip(pages, counts, strict=True)
              if _recall(*c) < MISSED_RECALL]
    return TextFigures(
        variant.name, len(pages), f1, precision, recall, std, diff, diff_std, *bow,
        empty=sum(n == 0 for n in lengths), under_50_words=sum(n < SHORT_WORDS for n in lengths),
        missed=len(missed), ms_per_page=1000 * elapsed / len(pages), missed_pages=missed,
    ), counts


def measure_dates(variant: Variant, pages: Sequence[tuple[str, bytes, date]]) -> DateFigures:
    correct = near = wrong = none = 0
    elapsed = 0.0
    for url, html, day in pages:
        start = time.perf_counter()
        published = extract_page(html, url=url, settings=variant.settings,
                                 prune=variant.prune).published
        elapsed += time.perf_counter() - start
        if published is None:
            none += 1
            continue
        got = published.astimezone(UTC).date()
        correct += got == day
        near += abs(got - day) <= timedelta(days=1)
        wrong += got != day
    return DateFigures(variant.name, len(pages), correct, near, wrong, none,
                       1000 * elapsed / len(pages))


def render(figures: Figures) -> str:
    if figures.skipped:
        return figures.skipped
    parts = []
    if figures.text:
        rows: list[tuple[object, ...]] = [
            (t.variant, f"{t.f1:.3f} ± {t.f1_std:.3f}", f"{t.precision:.3f}",
                 f"{t.recall:.3f}", f"{t.f1_vs_current:+.3f} ± {t.f1_vs_current_std:.3f}",
                 f"{t.bow_f1:.3f}", t.empty, t.under_50_words, t.missed, f"{t.ms_per_page:.1f}")
                for t in figures.text]
        parts.append(f"main text, {figures.text[0].pages} pages of {figures.pages_dir} "
                     "(scrapinghub shingle metric)\n" + table(
                         ("variant", "F1", "P", "R", "F1 vs current", "bag-of-words F1",
                          "empty", "<50 words", "R<0.1", "ms/page"), rows))
    if figures.dates:
        rows = [(d.variant, f"{d.correct / d.pages:.3f}", f"{d.within_a_day / d.pages:.3f}",
                 d.correct, d.wrong, d.none, f"{d.ms_per_page:.1f}") for d in figures.dates]
        parts.append(f"publication dates, {figures.dates[0].pages} pages of {figures.dates_dir}\n"
                     + table(("variant", "accuracy", "±1 day", "right", "wrong", "no date",
                              "ms/page"), rows))
    return "\n\n".join(parts)


def run(args: argparse.Namespace) -> Figures:
    if args.pages is None:
        return Figures(skipped="bench_pages skipped: no --pages DIR (a checkout of "
                               "scrapinghub/article-extraction-benchmark)")
    folder = Path(args.pages)
    pages = load_pages(folder)
    extract_page(pages[0][2], url=pages[0][1])  # trafilatura's first page costs more
    figures = Figures(skipped=None, pages_dir=str(folder))
    base: list[Counts] | None = None
    for variant in VARIANTS:
        print(f"bench_pages: text, {variant.name}", file=sys.stderr, flush=True)
        found, counts = measure_text(variant, pages, base)
        base = base or counts
        figures.text.append(found)
    if args.dates:
        figures.dates_dir = str(args.dates)
        dated = load_dated(Path(args.dates))
        if args.date_limit:
            dated = dated[: args.date_limit]
        for variant in VARIANTS:
            if variant.dates:
                print(f"bench_pages: dates, {variant.name}", file=sys.stderr, flush=True)
                figures.dates.append(measure_dates(variant, dated))
    return figures


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pages")
    parser.add_argument("--pages", help="scrapinghub/article-extraction-benchmark checkout")
    parser.add_argument("--dates", help="htmldate's tests folder (dated pages)")
    parser.add_argument("--date-limit", type=int, default=0, help="first N dated pages only")
    parser.add_argument("--database", default="sqlite")  # accepted, unused
    parser.add_argument("--json", action="store_true")
    args, _ = parser.parse_known_args(argv)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print_figures(run(args), args.json, render)
    return 0


def summary(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The headline figures for `make bench`'s table: (figure, value, target)."""
    if doc.get("skipped"):
        return [("page extraction on public pages", "skipped (no --pages)", "")]
    rows = [(f"main text, {t['variant']}: F1 / P / R ({t['pages']} pages)",
             f"{t['f1']:.3f} / {t['precision']:.3f} / {t['recall']:.3f}", "")
            for t in doc["text"]]
    rows += [(f"dates, {d['variant']}: right ({d['pages']} pages)",
              f"{d['correct'] / d['pages']:.3f}", "") for d in doc["dates"]]
    return rows


if __name__ == "__main__":
    sys.exit(main())
