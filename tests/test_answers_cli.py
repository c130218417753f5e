"""`fanzine ask` and the shell's `/ask`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli_feeds import fanzine

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def env(cli_env: dict[str, str]) -> dict[str, str]:
    return {**cli_env, "FANZINE_INGEST_FETCH_PAGES": "0"}


async def ingest(env: dict[str, str], tmp_path: Path) -> None:
    article = tmp_path / "glass.txt"
    article.write_text("Title: Mara Vale shares Glass Harbour\n\nSinger Mara Vale released her "
                       "new single \"Glass Harbour\" on June 10, 2022. The video was directed "
                       "by Tomas Ek.\n", encoding="utf-8")
    code, _, err = await fanzine(env, "ingest", str(article), "--published", "2022-06-12",
                                 "--url", "https://news.example/glass")
    assert code == 0, err


async def test_ask_json_has_the_design_shape(env: dict[str, str], tmp_path: Path) -> None:
    await ingest(env, tmp_path)
    code, out, err = await fanzine(env, "ask", "When did glass harbor come out?", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["answer"] == "Glass Harbour by Mara Vale came out on June 10, 2022."
    assert doc["facts"] == [{"subject": "Glass Harbour", "predicate": "release_date",
                             "object": "June 10, 2022", "evidence": doc["facts"][0]["evidence"]}]
    assert doc["sources"] == [{"title": "Mara Vale shares Glass Harbour",
                               "url": "https://news.example/glass", "published": "2022-06-12",
                               "evidence": doc["facts"][0]["evidence"]}]
    code, out, err = await fanzine(env, "ask", "Who directed Glass Harbour?")
    assert (code, out) == (0, "Glass Harbour was directed by Tomas Ek.\n"
                              "[1] Mara Vale shares Glass Harbour (2022-06-12, "
                              "https://news.example/glass)\n")


async def test_ask_unknown_names_and_bad_questions(env: dict[str, str]) -> None:
    code, out, _ = await fanzine(env, "ask", "When did Nobody Knows This come out?", "--json")
    assert code == 0 and "yet" in json.loads(out)["answer"]
    # A question nothing answers is no error: exit 0, an answer that says so.
    code, out, _ = await fanzine(env, "ask", "purple monkey dishwasher", "--json")
    assert code == 0 and json.loads(out)["answer"].startswith("No article I have read")
    for question in ["", "x" * 301, "?!"]:
        code, out, err = await fanzine(env, "ask", question)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, (question, err)


async def test_shell_ask(env: dict[str, str], tmp_path: Path) -> None:
    await ingest(env, tmp_path)
    code, out, err = await fanzine(env, "shell", stdin=(
        '/ask question:"Who directed Glass Harbour?"\n'
        "/ask what is Mara Vale's latest single\n"))
    assert code == 0, err
    assert "Glass Harbour was directed by Tomas Ek." in out
    assert "Mara Vale's latest release is Glass Harbour, out on June 10, 2022." in out
    assert "[1] Mara Vale shares Glass Harbour" in out


async def test_shell_sources_explains_the_last_answer(env: dict[str, str],
                                                      tmp_path: Path) -> None:
    await ingest(env, tmp_path)
    code, out, err = await fanzine(env, "shell", stdin=(
        "/sources\n"
        '/ask question:"Who directed Glass Harbour?"\n'
        "/sources\n"))
    assert code == 1  # the first /sources had nothing to explain
    assert "ask with /ask first" in out + err
    assert 'Sources for "Who directed Glass Harbour?":' in out
    assert '    "The video was directed by Tomas Ek."' in out
