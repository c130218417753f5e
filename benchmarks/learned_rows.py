"""The rows learning stores from `content.fact_page_body` pages, dumped and compared across trees.

    python -m benchmarks.learned_rows dump OUT.json [--pages 30] [--database sqlite|postgresql]
    python -m benchmarks.learned_rows compare A.json B.json

`dump` ingests the pages into one server, a third of them into a second, a quarter with a
misspelt act and misspelt quoted titles into a third server and the operator's base, then
re-dates a fifth of them, and writes the entities, aliases, facts (statuses, superseding,
evidence) and schedule rows. Re-plans run only when asked for, so that the rows do not depend
on the machine's speed. `compare` maps entity ids to their rank on both sides (PostgreSQL's
come in blocks, with gaps) and leaves out the dedup keys (hashes of those ids). To compare
another checkout's code with this one, copy this file into its `benchmarks/` and `dump` there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks.content import artist, fact_page_body
from benchmarks.databases import DEFAULT_POSTGRES_URL, KINDS, bench_environment, scratch_database
from bot.actors import Actor
from bot.app import open_app
from bot.config import load_settings
from bot.models import Alias, Entity, Fact, Schedule

PUBLISHED = datetime(2026, 11, 23, 9, tzinfo=UTC)
_QUOTED = re.compile(r"(“|&quot;)([^”&]+)(”|&quot;)")


def _misspelt(match: re.Match[str]) -> str:
    title = match.group(2)
    if len(title) > 6:
        title = title[:-2] + title[-1] + title[-2]
    return match.group(1) + title + match.group(3)


async def dump(pages: int, database: str, postgres_url: str) -> dict[str, list[Any]]:
    with tempfile.TemporaryDirectory(prefix="fanzine-rows-") as tmp:
        async with scratch_database(database, Path(tmp), postgres_url) as url, \
                open_app(load_settings(bench_environment(Path(tmp), url))) as app:
            app.replanner.learned_quiet = app.replanner.learned_max_wait = 3600.0
            bodies = [fact_page_body(k, PUBLISHED) for k in range(pages)]
            for k, body in enumerate(bodies):
                await app.ingest.ingest_file(1, f"p{k}.html", body,
                                             url=f"https://n.example/{k}")
            for k in range(0, pages, 3):
                await app.ingest.ingest_file(2, f"p{k}.html", bodies[k],
                                             url=f"https://n.example/{k}")
            for k in range(0, pages, 4):
                name = artist(k)
                titled = _QUOTED.sub(_misspelt, bodies[k].decode())
                await app.ingest.ingest_file(
                    3, f"t{k}.html", titled.replace(name, name[:-2] + name[-1] + name[-2])
                    .encode(), url=f"https://t.example/{k}")
                # The operator's base (`fanzine ingest`): no server's.
                for name, body, url in ((f"u{k}.html", titled.encode(), f"https://u.example/{k}"),
                                        (f"o{k}.html", bodies[k].replace(b"2027", b"2028"),
                                         f"https://o.example/{k}")):
                    await app.ingest.store(await app.ingest.draft_from_file(name, body, url=url),
                                           None)
            await app.replanner.idle()
            mod = Actor(user_id=1, name="m", guild_id=1, channel_id=1, is_moderator=True)
            for k in range(1, pages, 5):
                await app.ingest.ingest_file(
                    1, f"p{k}.html", bodies[k], url=f"https://n.example/{k}",
                    published=PUBLISHED + timedelta(days=40), redate=True,
                    by=None if k % 3 == 0 else mod)
            await app.replanner.idle()
            async with app.db.read() as s:
                entities = [[e.id, e.kind, e.name, e.norm_name, e.artist_id, e.release_kind,
                             str(e.date_value), e.date_precision, e.status, e.guild_id]
                            for e in await s.scalars(select(Entity).order_by(Entity.id))]
                aliases = [[a.entity_id, a.name, a.norm_name, a.scope]
                           for a in await s.scalars(select(Alias))]
                facts = [[f.id, f.subject_id, f.predicate, f.object_entity_id, f.object_text,
                          str(f.object_date), f.object_precision, f.status,
                          f.superseded_by_id, f.guild_id, f.article_id, f.confidence,
                          f.evidence]
                         for f in await s.scalars(select(Fact).order_by(Fact.id))]
                schedules = [[r.kind, r.guild_id, r.entity_id, r.fact_id, r.sync_key,
                              r.title, json.dumps(r.payload, sort_keys=True), r.anchor_local,
                              r.state, r.tz] for r in await s.scalars(select(Schedule))]
    return {"entities": entities, "aliases": aliases, "facts": facts, "schedules": schedules}


def comparable(doc: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The rows with entity ids replaced by their rank, in a stable order."""
    rank = {row[0]: i for i, row in enumerate(sorted(doc["entities"], key=lambda r: r[0]), 1)}

    def of(entity_id: int | None) -> int | None:
        return None if entity_id is None else rank.get(entity_id, -entity_id)

    def key(sync_key: str | None) -> str | None:
        parts = (sync_key or "").split(":")
        if len(parts) == 3 and parts[2].isdigit():
            return f"{parts[0]}:{parts[1]}:{of(int(parts[2]))}"
        return sync_key

    return {
        "entities": [[of(e[0]), *e[1:4], of(e[4]), *e[5:]] for e in doc["entities"]],
        "aliases": sorted([of(a[0]), *a[1:]] for a in doc["aliases"]),
        "facts": [[f[0], of(f[1]), f[2], of(f[3]), *f[4:]] for f in doc["facts"]],
        "schedules": sorted(([s[0], s[1], of(s[2]), s[3], key(s[4]), *s[5:]]
                             for s in doc["schedules"]), key=json.dumps),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.learned_rows")
    parser.add_argument("command", choices=["dump", "compare"])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--database", choices=KINDS, default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    args = parser.parse_args(argv)
    if args.command == "dump":
        doc = asyncio.run(dump(args.pages, args.database, args.postgres_url))
        Path(args.files[0]).write_text(json.dumps(doc, default=str))
        print(", ".join(f"{len(rows)} {name}" for name, rows in doc.items()))
        return 0
    first, second = (comparable(json.loads(Path(f).read_text())) for f in args.files[:2])
    differ = [name for name in first if first[name] != second[name]]
    for name in differ:
        print(f"{name}: {len(first[name])} and {len(second[name])} rows, not the same")
    print("the same rows (entity ids by rank)" if not differ else "DIFFERENT")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
