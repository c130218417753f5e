"""Verb `extract PATH-or-URL`: what the extractor finds in an article, stored nowhere."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

from bot.app import App
from bot.cli.common import AppHandler, parse_date
from bot.errors import UserError
from bot.extract.model import Extraction
from bot.ingest.drafts import ArticleDraft


def register(verbs: Any) -> None:
    extract = verbs.add_parser("extract", help="print the facts found in an article")
    extract.add_argument("source", metavar="PATH-or-URL")
    extract.add_argument("--json", action="store_true",
                         help="one JSON document (README, JSON output)")
    extract.add_argument("--published", help="its publication date (YYYY-MM-DD)")
    extract.add_argument("--url", help="the article's URL, when reading a file")
    extract.set_defaults(handler=AppHandler(_extract))


async def read_source(app: App, source: str, url: str | None,
                      published_text: str | None) -> ArticleDraft:
    """An article from a page URL or a local file, as `ingest` and `extract` read it."""
    published = parse_date(published_text) if published_text else None
    if source.startswith(("http://", "https://")):
        return await app.ingest.draft_from_url(source, published)
    path = Path(source)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except OSError as exc:
        raise UserError(f"{source}: cannot read it ({exc.strerror}); give a file or an "
                        "http(s) URL.") from None
    return await app.ingest.draft_from_file(path.name, data, url=url, published=published)


async def _extract(app: App, args: argparse.Namespace) -> int:
    draft = await read_source(app, args.source, args.url, args.published)
    extraction = await app.learning.extract(
        draft.text, title=draft.title, url=draft.url or args.url,
        published=draft.published.date() if draft.published else None)
    if args.json:
        print(json.dumps(extraction.to_json(), ensure_ascii=False))
    else:
        print(_readable(extraction))
    return 0


def _readable(extraction: Extraction) -> str:
    lines = [f"artists: {', '.join(a.name for a in extraction.artists) or '-'}"]
    for r in extraction.releases:
        when = r.date.iso() if r.date else "no date"
        lines.append(f"release: {r.title or '(untitled)'} by {r.artist or '?'} "
                     f"[{r.kind}, {r.status}, {when}]")
    lines.extend(f"person: {p.name} ({p.relation})" for p in extraction.people)
    lines.extend(f"event: {e.kind} of {e.subject} on {e.date.iso()}" for e in extraction.events)
    lines.extend(f"fact: {f.subject} {f.predicate} {f.object}" for f in extraction.facts)
    return "\n".join(lines)
