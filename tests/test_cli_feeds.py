"""`fanzine feeds …`, `fanzine ingest` and the shell's `/feeds`, run as a user runs them."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.feed_builders import Item, article_page, rss
from tests.feed_server import FeedServer

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
RECENT = datetime.now(UTC) - timedelta(hours=1)


@pytest.fixture
def env(cli_env: dict[str, str]) -> dict[str, str]:
    return {**cli_env, "FANZINE_ALLOW_PRIVATE_NETWORKS": "1", "FANZINE_INGEST_FETCH_PAGES": "0"}


async def fanzine(env: dict[str, str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    # Asynchronous, so the feed server in this event loop keeps answering the child process.
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(stdin.encode()), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def items(*numbers: int) -> str:
    return rss([Item(f"Mara Vale story {n}", f"https://news.example/{n}",
                     published=RECENT + timedelta(minutes=n), summary=f"Story {n}.")
                for n in numbers])


async def test_feeds_add_list_poll_remove(env: dict[str, str], feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", items(1, 2))
    url = feed_server.url("/feed.xml")
    code, out, err = await fanzine(env, "feeds", "add", url, "--channel", "1002")
    assert code == 0, err
    assert "2 items seen, 1 posts queued" in out

    code, out, _ = await fanzine(env, "feeds", "list")
    assert f"{url}\tchannel 1002\tok" in out

    feed_server.serve("/feed.xml", items(1, 2, 3))
    code, out, _ = await fanzine(env, "feeds", "poll", "--json")
    assert code == 0
    assert json.loads(out) == {"polled": 1, "new_articles": 1, "posts_queued": 1, "errors": []}

    feed_server.fault("/feed.xml", "status", status=500)
    code, out, _ = await fanzine(env, "feeds", "poll", "--json")
    assert json.loads(out)["errors"] == [{"url": url, "reason": "http_error"}]

    code, out, _ = await fanzine(env, "feeds", "remove", url)
    assert (code, out.strip()) == (0, "removed 1 subscription")
    code, out, _ = await fanzine(env, "feeds", "list")
    assert out.strip() == "no feeds"


async def test_feeds_add_bad_input_is_one_line(env: dict[str, str],
                                               feed_server: FeedServer) -> None:
    feed_server.serve("/page.html", "<html><body><p>hello</p></body></html>", "text/html")
    for args, message in [
        (("feeds", "add", "ftp://x.example/feed"), "Only http and https"),
        (("feeds", "add", feed_server.url("/page.html")), "That URL is not a feed"),
        (("feeds", "add", feed_server.url("/nope.xml")), "Could not fetch that feed"),
        (("feeds", "add", feed_server.url("/page.html"), "--regex", "(unclosed"),
         "The regex is not valid"),
        (("feeds", "remove", "https://never.example/feed"), "has no feed"),
    ]:
        code, _, err = await fanzine(env, *args)
        assert code == 2, args
        assert err.strip().startswith("fanzine: ") and message in err, (args, err)
        assert err.strip().count("\n") == 0


async def test_feeds_add_refuses_loopback_unless_allowed(
    cli_env: dict[str, str], feed_server: FeedServer
) -> None:
    feed_server.serve("/feed.xml", items(1))
    code, _, err = await fanzine(cli_env, "feeds", "add", feed_server.url("/feed.xml"))
    assert code == 2, err
    assert "loopback" in err and "allow_private_networks" in err


async def test_ingest_a_file_and_a_url(env: dict[str, str], feed_server: FeedServer,
                                       tmp_path: Path) -> None:
    article = tmp_path / "glass-harbour.txt"
    article.write_text("Title: Glass Harbour arrives\n\nMara Vale released the single "
                       "Glass Harbour on Friday.\n", encoding="utf-8")
    code, out, err = await fanzine(env, "ingest", str(article), "--published", "2026-03-06",
                                   "--url", "https://news.example/glass-harbour")
    assert code == 0, err
    assert out.startswith("stored: article 1: Glass Harbour arrives")
    code, out, _ = await fanzine(env, "ingest", str(article))
    assert out.startswith("already known: article 1")

    feed_server.serve("/story.html", article_page(
        "Mara Vale announces a tour", ["Mara Vale will tour Europe in the spring.",
                                        "Tickets go on sale on Friday."]),
        "text/html; charset=utf-8")
    code, out, err = await fanzine(env, "ingest", feed_server.url("/story.html"))
    assert code == 0, err
    assert out.startswith("stored: article 2: Mara Vale announces a tour")


async def test_ingest_bad_input(env: dict[str, str], tmp_path: Path) -> None:
    for args, message in [
        (("ingest", str(tmp_path / "missing.txt")), "cannot read it"),
        (("ingest", str(tmp_path), "--published", "2026-03-06"), "cannot read it"),
        (("ingest", "x.txt", "--published", "last week"), "is not a date"),
    ]:
        code, _, err = await fanzine(env, *args)
        assert code == 2 and message in err, (args, err)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, _, err = await fanzine(env, "ingest", str(empty))
    assert code == 2 and "holds no article text" in err


async def test_shell_feeds_show_the_post(env: dict[str, str], feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", items(1, 2))
    url = feed_server.url("/feed.xml")
    code, out, err = await fanzine(env, "shell", stdin=(
        f"/feeds add {url} #announcements\n/as mod\n/feeds add {url} #announcements "
        "include:\"mara vale\"\n/feeds list\n/feeds test " + url + "\n"))
    assert code == 1, err  # the first /feeds add, as a fan, was refused
    assert "error: Only moderators can do that" in out
    assert "Added Velvet Static → #announcements." in out
    assert "┌─ post in #announcements" in out and "Mara Vale story 2" in out
    assert f"{url}  filter: include: mara vale" in out
    assert "Mara Vale story 2 (" in out and "already posted in this server" in out


async def test_extract_prints_the_design_shape_and_stores_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Singer Mara Vale will release her new single \"Glass Harbour\" on "
                       "December 4.\n", encoding="utf-8")
    code, out, err = await fanzine(env, "extract", str(article), "--json",
                                   "--published", "2026-11-25", "--url",
                                   "https://news.example/glass")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"article", "artists", "releases", "people", "events", "facts"}
    assert result["article"] == {"title": None, "url": "https://news.example/glass",
                                 "published": "2026-11-25"}
    [release] = result["releases"]
    assert (release["title"], release["date"], release["status"]) == (
        "Glass Harbour", "2026-12-04", "upcoming")
    code, out, _ = await fanzine(env, "ingest", str(article), "--published", "2026-11-25")
    assert out.startswith("stored: article 1")  # extract stored nothing before
