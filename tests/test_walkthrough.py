"""The README's first walk-through, run as written in the local shell, offline: each step shows
what the README says it shows."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_cli import fanzine

ROOT = Path(__file__).resolve().parent.parent
PROMPT = re.compile(r"^(?:fan|mod)@#\w+> (.+)$")


def walkthrough() -> list[str]:
    """The commands of the README's first `text` block (the one after "Try:")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("Try:", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    return [m.group(1) for line in block.splitlines() if (m := PROMPT.match(line.strip()))]


def test_the_readme_walkthrough_works_offline_as_written(cli_env: dict[str, str]) -> None:
    commands = walkthrough()
    assert commands[:3] == ["/help", "/as mod", commands[2]] and len(commands) >= 8
    ingest = next(c for c in commands if c.startswith("/ingest "))
    assert (ROOT / ingest.split(" ", 1)[1]).is_file()  # an example in the repository, no URL
    # The README's commands, run from the repository's folder as a user would.
    result = fanzine(cli_env, "shell", stdin="\n".join(commands) + "\n", cwd=ROOT)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Stored: Mara Vale announces new single Glass Harbour" in out
    assert re.search(r"Glass Harbour by Mara Vale comes out on \w+ \d+, \d{4}\.", out)
    assert 'Sources for "when does Glass Harbour come out?"' in out
    assert "out next Friday on Lantern Records" in out  # the sentence quoted
    assert "release_day · Glass Harbour by Mara Vale comes out today." in out
    assert "Reminder 1 set for" in out and "pre-save Glass Harbour" in out
    assert "The shell's clock is now" in out
    for refusal in ("I don't know", "Something went wrong", "Could not", "Use /"):
        assert refusal not in out, out


def test_the_shell_refuses_a_missing_article_file_in_one_line(cli_env: dict[str, str]) -> None:
    result = fanzine(cli_env, "shell", stdin="/as mod\n/ingest examples/no-such-article.txt\n",
                     cwd=ROOT)
    assert "No file examples/no-such-article.txt: give an article page's URL" in result.stdout
    fan = fanzine(cli_env, "shell", stdin="/ingest examples/glass-harbour.txt\n", cwd=ROOT)
    assert "Manage Server" in fan.stdout and "Stored:" not in fan.stdout
