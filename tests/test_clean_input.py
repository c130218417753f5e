"""Outside text in and out: markdown from feeds shown as written, invisible-only text refused,
and `fanzine ingest` refusing what is no article, in one line, storing nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.errors import UserError
from bot.ingest.posting import article_post
from bot.ingest.single import MAX_FILE_BYTES
from bot.models import Article
from bot.text import escape_markdown, is_blank, unescape_markdown
from tests.test_cli_feeds import fanzine
from tests.test_corrections import mod

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
PHISH = "Claim [free Nitro](https://evil.example) **now**, <@123> ||spoiler||"
INVISIBLE = "\u200b\u200d\u202e\u2066 \t\u0301"


def test_markdown_is_escaped_and_reads_back_as_written() -> None:
    escaped = escape_markdown(PHISH + "\n# heading\n> quote\n- item")
    assert "](" not in escaped.replace("\\](", "")  # no masked link left
    assert "\\*\\*now\\*\\*" in escaped and "\\<@123>" in escaped and "\\|\\|" in escaped
    assert "\n\\# heading\n\\> quote\n\\- item" in escaped
    assert unescape_markdown(escaped) == PHISH + "\n# heading\n> quote\n- item"
    assert escape_markdown("AC/DC live at 12:30 (2026)") == "AC/DC live at 12:30 (2026)"
    # A bare URL stays whole, so that it still links.
    assert escape_markdown("more at https://news.example/a_b_c *now*") == \
        "more at https://news.example/a_b_c \\*now\\*"


def test_only_invisible_characters_count_as_blank() -> None:
    assert is_blank(INVISIBLE) and is_blank("")
    assert not is_blank(INVISIBLE + "x") and not is_blank("😀")


def test_an_article_post_shows_a_feed_s_markdown_as_text() -> None:
    article = Article(id=1, title="A story", canonical_url="https://news.example/a",
                      summary=PHISH, text=PHISH, content_hash="x",
                      published_at=datetime(2026, 11, 25, tzinfo=UTC))
    embed = article_post(article).embed
    assert embed is not None and embed.description == escape_markdown(PHISH)


@SQLITE
async def test_text_made_of_invisible_characters_is_refused(app: App) -> None:
    with pytest.raises(UserError, match="visible characters"):
        await app.reminders.remind_at(7, 500, 501, "tomorrow 18:00", INVISIBLE)
    with pytest.raises(UserError, match="visible characters"):
        await app.corrections.alias(mod(), "Mara Vale", INVISIBLE)


@SQLITE
@pytest.mark.parametrize(("name", "data", "message"), [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "holds binary data"),
    ("huge.txt", b"word " * (MAX_FILE_BYTES // 5 + 1), "an article file may be at most 5 MB"),
    ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>',
     "is a feed, not an article"),
    ("shadow", b"root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
     "holds no article text"),
])
async def test_ingest_refuses_what_is_no_article_and_stores_nothing(
    app: App, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        await app.ingest.ingest_file(500, name, data)
    async with app.db.read() as session:
        assert await session.scalar(select(func.count()).select_from(Article)) == 0


@SQLITE
async def test_ingest_refuses_a_url_option_that_is_no_url(app: App) -> None:
    with pytest.raises(UserError, match="URL"):
        await app.ingest.ingest_file(500, "story.txt", b"Mara Vale released a new single today.",
                                     url="notaurl")


@SQLITE
async def test_the_command_line_refuses_a_binary_file_in_one_line(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    binary = tmp_path / "cover.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = await fanzine(cli_env, "ingest", str(binary))
    assert code == 2 and err.strip() == "fanzine: cover.txt is not text or HTML (it holds " \
        "binary data)." and out == ""
