"""What scheduled posts say: each kind, plurals and ordinals, the late mark, and who is pinged."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.schedule.announcements import LATE_NOTE, Due, ordinal, render


def due(kind: str, anchor: str, on: date, key: str = "", rule: str | None = None,
        title: str = "Blue Hour", **payload: Any) -> Due:
    return Due(kind=kind, rule=rule or kind, title=title, anchor_local=anchor, local_date=on,
               key=key or on.isoformat(), payload={"artist": "Mara Vale", **payload})


def text(d: Due, **kw: Any) -> str:
    return render(d, **kw).text or ""


def test_release_day_with_its_kind() -> None:
    post = render(due("release_day", "2026-12-02", date(2026, 12, 2), release_kind="album"))
    assert post.text == "📀 Out today: the album **Blue Hour** by Mara Vale!"
    assert post.embed is not None and post.embed.footer == "Release date: December 2, 2026"
    assert post.kind == "schedule:release_day"


def test_countdowns_say_days_and_one_day() -> None:
    seven = due("countdown", "2026-12-10", date(2026, 12, 3), key="countdown-7:2026-12-03")
    one = due("countdown", "2026-12-10", date(2026, 12, 9), key="countdown-1:2026-12-09")
    assert text(seven) == "⏳ 7 days until **Blue Hour** by Mara Vale"
    assert text(one) == "⏳ 1 day until **Blue Hour** by Mara Vale"


def test_anniversaries_count_years() -> None:
    assert text(due("anniversary", "2021-06-10", date(2026, 6, 10))) == (
        "🎉 **Blue Hour** by Mara Vale came out 5 years ago today (its 5th anniversary)")
    assert "1 year ago today (its 1st anniversary)" in text(
        due("anniversary", "2025-06-10", date(2026, 6, 10)))


@pytest.mark.parametrize(("n", "word"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                         (11, "11th"), (12, "12th"), (13, "13th"),
                                         (21, "21st"), (102, "102nd"), (111, "111th")])
def test_ordinals(n: int, word: str) -> None:
    assert ordinal(n) == word


def test_birthdays_with_and_without_a_known_year() -> None:
    assert text(due("birthday", "1996-02-29", date(2026, 2, 28), title="Mara Vale")) == (
        "🎂 Happy birthday, **Mara Vale**! 30 today.")
    assert text(due("birthday", "1996-02-29", date(2026, 2, 28), title="Mara Vale",
                    year_known=False)) == "🎂 Happy birthday, **Mara Vale**!"


def test_reminders() -> None:
    assert text(due("reminder", "2026-12-01T18:00", date(2026, 12, 1), rule="once",
                    title="stream the show")) == "⏰ Reminder: stream the show"
    assert render(due("reminder", "2026-12-01T18:00", date(2026, 12, 1), rule="once",
                      title="x")).embed is None
    assert text(due("reminder", "2026-12-02", date(2026, 12, 2), rule="release_day")) == (
        "⏰ Reminder: **Blue Hour** by Mara Vale is out today!")


def test_a_late_post_says_so() -> None:
    late = text(due("release_day", "2026-12-02", date(2026, 12, 2)), late=True)
    assert late.endswith(LATE_NOTE)


def test_only_the_ping_role_and_only_when_asked() -> None:
    asked = due("release_day", "2026-12-02", date(2026, 12, 2), ping=True)
    not_asked = due("release_day", "2026-12-02", date(2026, 12, 2))
    assert render(asked, ping_role_id=77).mention_role_id == 77
    assert text(asked, ping_role_id=77).startswith("<@&77>\n")
    assert render(asked, ping_role_id=None).mention_role_id is None
    assert render(not_asked, ping_role_id=77).mention_role_id is None
    assert "<@&" not in text(not_asked, ping_role_id=77)
    # A title cannot ping anyone: the post allows only the role above.
    sneaky = due("release_day", "2026-12-02", date(2026, 12, 2), title="@everyone <@&1>")
    assert render(sneaky, ping_role_id=77).mention_role_id is None
