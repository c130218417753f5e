"""Re-ingesting a known article with another publication date: its date and the dates it gave
relative to it ("next Friday") follow; audited for a moderator, refused when other servers
share the article; one line on the command line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.actors import Actor
from bot.app import App
from bot.errors import UserError
from bot.models import Article, AuditEntry, Entity, Fact, Schedule
from tests.test_cli import fanzine

GUILD, OTHER, MOD = 1000, 3000, 2002
# Written for this test: a single "out next Friday", so its date follows the article's.
ARTICLE = (b"Mara Vale announces new single Glass Harbour\n\n"
           b"Singer-songwriter Mara Vale has announced her new single \"Glass Harbour\", out "
           b"next Friday on Lantern Records.\n\nThe song was produced by Tomas Ek.\n")


def moderator(guild_id: int) -> Actor:
    return Actor(user_id=MOD, name="mod", guild_id=guild_id, channel_id=None,
                 is_moderator=True)


async def release_dates(app: App) -> list[date | None]:
    async with app.db.read() as session:
        release = await session.scalar(select(Entity).where(Entity.kind == "release",
                                                            Entity.name == "Glass Harbour"))
        assert release is not None
        accepted = list(await session.scalars(select(Fact.object_date).where(
            Fact.subject_id == release.id, Fact.predicate == "release_date",
            Fact.status == "accepted")))
        return [*accepted, release.date_value]


async def test_a_new_date_moves_the_article_and_its_relative_dates(app: App) -> None:
    first = await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                         published=datetime(2026, 11, 18, tzinfo=UTC))
    assert first.created
    before = await release_dates(app)
    assert len(before) == 2 and before[0] == before[1] is not None
    assert before[0] is not None and before[0] > date(2026, 11, 18)

    again = await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                         published=datetime(2026, 12, 2, tzinfo=UTC),
                                         redate=True, by=moderator(GUILD))
    assert not again.created and again.article_id == first.article_id
    assert again.redated == (datetime(2026, 11, 18, tzinfo=UTC),
                             datetime(2026, 12, 2, tzinfo=UTC))
    after = await release_dates(app)
    await app.replanner.idle()  # the guild's re-plan runs after the ingest, in the background
    # One accepted date: the Friday after 2 December, as a fresh ingest would read it.
    assert after == [date(2026, 12, 4), date(2026, 12, 4)]
    assert before[0] == date(2026, 11, 20)
    async with app.db.read() as session:
        article = await session.get(Article, first.article_id)
        assert article is not None and article.published_at is not None
        assert article.published_at.date() == date(2026, 12, 2)
        [entry] = list(await session.scalars(select(AuditEntry)))
        assert (entry.guild_id, entry.user_id, entry.action) == (GUILD, MOD, "ingest.redate")
        assert entry.before == {"published": "2026-11-18"}
        assert entry.after == {"published": "2026-12-02"}
        # The server's scheduled posts follow: 20 November had passed (an anniversary only);
        # 4 December is coming, so it gets its release day.
        rows = {r.kind: r.anchor_local for r in await session.scalars(select(Schedule))}
        assert rows["release_day"] == "2026-12-04"
        assert set(rows.values()) == {"2026-12-04"}

    # The same date again, or no date asked for: nothing changes.
    same = await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                        published=datetime(2026, 12, 2, 15, tzinfo=UTC),
                                        redate=True, by=moderator(GUILD))
    plain = await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                         published=datetime(2027, 1, 6, tzinfo=UTC))
    assert same.redated is None and plain.redated is None
    assert await release_dates(app) == [date(2026, 12, 4), date(2026, 12, 4)]


async def test_an_article_other_servers_share_is_not_redated_by_a_moderator(app: App) -> None:
    await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                 published=datetime(2026, 11, 18, tzinfo=UTC))
    await app.ingest.ingest_file(OTHER, "glass.txt", ARTICLE,
                                 published=datetime(2026, 11, 18, tzinfo=UTC))
    with pytest.raises(UserError, match=r"in other servers too.*/facts fix"):
        await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                     published=datetime(2026, 12, 2, tzinfo=UTC),
                                     redate=True, by=moderator(GUILD))
    assert await release_dates(app) == [date(2026, 11, 20), date(2026, 11, 20)]
    async with app.db.read() as session:
        assert list(await session.scalars(select(AuditEntry))) == []
    # The operator's command line (no moderator) may: the article is the bot's.
    done = await app.ingest.ingest_file(GUILD, "glass.txt", ARTICLE,
                                        published=datetime(2026, 12, 2, tzinfo=UTC),
                                        redate=True)
    assert done.redated is not None
    assert await release_dates(app) == [date(2026, 12, 4), date(2026, 12, 4)]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_command_line_says_what_changed(cli_env: dict[str, str], tmp_path: Path) -> None:
    article = tmp_path / "glass.txt"
    article.write_bytes(ARTICLE)
    result = fanzine(cli_env, "ingest", str(article), "--published", "2026-11-18")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stored: article 1: ")
    result = fanzine(cli_env, "ingest", str(article), "--published", "2026-12-02")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("re-dated: article 1: ")
    assert "published 2026-12-02 (was 2026-11-18); its facts learned again (" in lines[0]
    for args in (("--published", "2026-12-02"), ()):
        result = fanzine(cli_env, "ingest", str(article), *args)
        assert result.stdout.startswith("already known: article 1"), result.stdout


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_shell_ingest_takes_a_published_date(cli_env: dict[str, str],
                                                 tmp_path: Path) -> None:
    article = tmp_path / "glass.txt"
    article.write_bytes(ARTICLE)
    result = fanzine(cli_env, "shell", stdin=(
        f"/as mod\n/ingest {article} published:2026-11-18\n"
        f"/ingest {article} published:2026-12-02\n/ingest {article} published:soon\n"))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "Stored: Mara Vale announces new single Glass Harbour (article 1)." in out
    assert ("Re-dated: Mara Vale announces new single Glass Harbour (article 1) is now "
            "published 2026-12-02 (was 2026-11-18)") in out
    assert "error: 'soon' is not a date like 2026-11-20." in out
