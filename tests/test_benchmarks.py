"""The benchmarks still run: a tiny ingest benchmark, checked for counts (never for times)."""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import subprocess
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import (
    bench_answers,
    bench_extract,
    bench_ingest,
    bench_interactions,
    bench_learn,
    bench_pages,
    bench_schedule,
)
from benchmarks.bench_ingest import parse_args, render, run
from benchmarks.content import feed_body, summary
from benchmarks.databases import DEFAULT_POSTGRES_URL
from benchmarks.feed_host import _fresh
from benchmarks.run_all import ROOT, benchmark_modules
from benchmarks.run_all import render as render_table
from bot.ingest.feeds import parse_feed


async def test_ingest_benchmark_counts_what_it_did() -> None:
    figures = await run(parse_args(["--feeds", "6", "--items", "4", "--pages", "2"]))
    first, steady = figures.rounds
    assert (first.answered_200, first.answered_304, first.errors) == (6, 0, 0)
    assert (first.new_articles, first.articles_in_db, first.posts_queued) == (24, 24, 6)
    # Feeds 1, 3 and 5 gained two items each; 0, 2 and 4 answered 304.
    assert (steady.answered_200, steady.answered_304, steady.errors) == (3, 3, 0)
    assert (steady.new_articles, steady.articles_in_db, steady.posts_queued) == (6, 30, 6)
    assert figures.pages is not None and figures.pages.extracted == 2
    assert "steady poll (half 304)" in render(figures)
    # The plain client polled the same feeds in the same states: all 200, then half 304.
    plain_first, plain_steady = figures.plain
    assert (plain_first.answered_200, plain_first.answered_304, plain_first.errors) == (6, 0, 0)
    assert (plain_steady.answered_200, plain_steady.answered_304) == (3, 3)
    assert (plain_first.items_parsed, plain_steady.items_parsed) == (24, 12)
    assert len(figures.ratios) == 2 and "plain client" in render(figures)


def test_generated_feeds_parse_with_unique_items() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    parsed = [parse_feed(feed_body(i, 0, 5, now)) for i in range(3)]
    keys = [e.key for feed in parsed for e in feed.entries]
    links = [e.link for feed in parsed for e in feed.entries]
    assert len(keys) == len(set(keys)) == 15 and len(set(links)) == 15
    assert parsed[0].entries[0].title == "Mara Vale — Single 4"
    assert 25 <= len(summary(17, 3).split()) <= 60


def test_etag_comparison_is_weak() -> None:
    assert _fresh('"abc"', '"abc"') and _fresh('W/"abc", "x"', '"abc"') and _fresh("*", '"a"')
    assert not _fresh(None, '"abc"') and not _fresh('"abd"', '"abc"')


def test_run_all_finds_the_benchmarks() -> None:
    assert "benchmarks.bench_ingest" in benchmark_modules()


def test_json_output_from_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_ingest", "--feeds", "2", "--items", "3",
         "--pages", "0", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    figures = json.loads(out)
    assert [r["answered_200"] for r in figures["rounds"]] == [2, 1]
    assert figures["pages"] is None and figures["machine"]["nproc"] >= 1
    # `make bench`'s table takes the headline figures from this JSON.
    rows = bench_ingest.summary(figures)
    assert [r[0] for r in rows] == ["first poll (learning pass): wall s (2 feeds)",
                                    "steady poll (half 304): wall s (2 feeds)",
                                    "steady poll: peak RSS MB",
                                    "steady poll: plain aiohttp + feedparser client, wall s",
                                    "steady poll: bot's wall × the plain client's"]
    assert rows[1][2] == "≤ 60" and rows[4][2] == "≤ 2"


def test_every_benchmark_gives_its_headline_figures() -> None:
    for module in benchmark_modules():
        assert callable(getattr(importlib.import_module(module), "summary", None)), module


def test_the_table_has_one_row_per_figure() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_extract", "--articles", "5", "--rounds", "1",
         "--json", "--database", "postgresql"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    rows = [("bench_extract", *row) for row in bench_extract.summary(json.loads(out))]
    report = render_table(rows, ["--database", "postgresql"])
    assert "on postgresql" in report.splitlines()[0]
    assert "| bench_extract | plain articles/s (one core) |" in report
    assert report.count("| bench_extract |") == len(rows) >= 3


async def test_answers_benchmark_loads_and_answers_every_question() -> None:
    figures = await bench_answers.run(bench_answers.parse_args(
        ["--artists", "20", "--releases", "100", "--facts", "500", "--queries", "25"]))
    assert (figures.facts, figures.entities, figures.articles) == (500, 126, 25)
    assert figures.sentences == 500  # one per fact
    calls = {x.name.split(":")[0]: x for x in figures.latencies}
    assert calls["200 asks at once (exact, label, typo, unknown in turn)"].calls == 200
    assert [x.calls for x in figures.latencies if "at once" not in x.name] == \
        [25] * 17 + [5] + [25]
    # Every question found its entity and the expected answer, the quotes and floor included,
    # and every typo the release meant (before a name was also looked for as typed whole, a
    # typo was often read as a name inside it: "Chaepl of the Salt Honey" as "Salt Honey").
    assert [x.name for x in figures.latencies if x.found != x.calls] == []
    # Each call's own statements were replayed on a plain sqlite3 handle.
    assert figures.floor == "plain sqlite3"
    assert all(x.ratio_p50 is not None and x.statements for x in figures.latencies
               if "at once" not in x.name and not x.name.startswith("raw")
               and "from memory" not in x.name)
    # A base this small is autocompleted from the guild's copy of its visible names.
    memory = [x for x in figures.latencies if "from memory" in x.name]
    assert len(memory) == 2 and all(x.statements == 0 for x in memory)
    assert "raw sqlite3" in bench_answers.render(figures)
    assert any("the plain handle" in row[1] for row in bench_answers.summary(
        json.loads(json.dumps(asdict(figures)))))


async def test_learn_benchmark_stores_the_facts_of_the_pages_it_times() -> None:
    args = argparse.Namespace(pages=1, html_pages=2, database="sqlite",
                              postgres_url=DEFAULT_POSTGRES_URL, json=False)
    figures = await bench_learn.run(args)
    assert figures.html is not None and figures.html.facts_stored > 20  # ~42 a page
    assert [s.pages for s in figures.html.steps] == [2, 2, 2]
    assert figures.html.steps[0].ratio == 1.0
    rows = bench_learn.summary(json.loads(json.dumps(asdict(figures))))
    assert [r[2] for r in rows] == ["", "", "≥ 60", "", ""]
    assert figures.html.statements_per_page > 0  # counted while HTML became facts


async def test_schedule_benchmark_delivers_every_due_post_once() -> None:
    figures = await bench_schedule.run(bench_schedule.parse_args(
        ["--schedules", "400", "--due", "40", "--window", "1", "--lead", "1", "--drain", "30",
         "--burst", "60", "--reminders", "30"]))
    assert (figures.delays.due, figures.delays.delivered, figures.delays.duplicates) == (40, 40, 0)
    assert figures.burst == 60 and figures.earliest_due is not None
    assert figures.apscheduler is not None and figures.apscheduler.jobs == 30
    assert "due → post at the fake Discord" in bench_schedule.render(figures)


async def test_interaction_benchmark_counts_what_it_sent() -> None:
    figures = await bench_interactions.run(
        bench_interactions.parse_args(["--artists", "3", "--interactions", "10"]))
    assert figures.interactions == 10 and figures.artists == 3
    assert [(k.label, k.count) for k in figures.kinds] == [
        ("ask", 2), ("upcoming", 2), ("setup", 2), ("remind me", 2), ("autocomplete", 2)]
    # Every interaction was answered (how soon is a figure, never checked here).
    assert [e for e in figures.errors if "missed the deadline" not in e] == []
    assert "initial response (at the fake Discord): p50" in bench_interactions.render(figures)
    rows = bench_interactions.summary(asdict(figures))
    assert [r[0] for r in rows] == ["initial response p50 / p99 ms (10 at once)",
                                    "the bot's part (until it sends) p50 / p99 ms",
                                    "slowest interaction", "missed the 3 s deadline"]


def test_page_benchmark_skips_without_pages_and_scores_a_given_page(tmp_path: Path) -> None:
    skipped = bench_pages.run(bench_pages.parse_args(["--database", "postgresql"]))
    assert skipped.skipped and bench_pages.summary(asdict(skipped))[0][1] == "skipped (no --pages)"
    body = " ".join(f"Sentence {i} of the article says something new about the tour." for i in
                    range(40))
    page = f"<html><body><nav>Home News</nav><article><p>{body}</p></article></body></html>"
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps(
        {"a": {"url": "https://example.com/a", "articleBody": body}}))
    figures = bench_pages.run(bench_pages.parse_args(["--pages", str(tmp_path)]))
    assert [t.variant for t in figures.text] == [v.name for v in bench_pages.VARIANTS]
    assert all(t.pages == 1 and t.empty == 0 for t in figures.text)
    assert figures.text[0].recall > 0.9
    rows = bench_pages.summary(json.loads(json.dumps(asdict(figures))))
    assert len(rows) == len(bench_pages.VARIANTS)
    # The scrapinghub metric: 4-token shingles, each page's counts normalised.
    assert bench_pages.shingle_counts("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    assert bench_pages.scores([(0.5, 0.0, 0.5), (0.0, 0.0, 1.0)]) == (0.4, 1.0, 0.25)
