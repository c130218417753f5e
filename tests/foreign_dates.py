"""Feed dates written in other languages, with the UTC time each means: the table behind
tests/test_dates_languages.py and benchmarks/bench_dates.py. Written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# (language, as a feed writes it, the UTC time it means). A time without a zone is UTC; a date
# without a time is midnight UTC, as parse_datetime reads English dates.
FOREIGN_DATES: list[tuple[str, str, datetime]] = [
    ("fr", "lun., 5 févr. 2024 10:00:00 +0100", utc(2024, 2, 5, 9)),
    ("fr", "mar, 12 mars 2024 08:30:00 GMT", utc(2024, 3, 12, 8, 30)),
    ("fr", "mer., 17 avr. 2024 14:00:00 +0200", utc(2024, 4, 17, 12)),
    ("fr", "jeu, 1 août 2024 00:00:00 +0000", utc(2024, 8, 1)),
    ("fr", "vendredi 20 décembre 2024 18:45", utc(2024, 12, 20, 18, 45)),
    ("fr", "1er janvier 2025", utc(2025, 1, 1)),
    ("fr", "sam. 7 juin 2025 21:00:00 CEST", utc(2025, 6, 7, 19)),
    ("de", "Mo, 3 Mär 2025 10:00:00 +0100", utc(2025, 3, 3, 9)),
    ("de", "Di, 14 Jan 2025 07:15:00 GMT", utc(2025, 1, 14, 7, 15)),
    ("de", "Mi., 5. Feb. 2025 12:00:00 +0100", utc(2025, 2, 5, 11)),
    ("de", "Donnerstag, 8. Mai 2025 16:30", utc(2025, 5, 8, 16, 30)),
    ("de", "Fr, 31 Okt 2025 23:00:00 +0100", utc(2025, 10, 31, 22)),
    ("de", "3. Juli 2024", utc(2024, 7, 3)),
    ("de", "So, 21 Jul 2024 10:00:00 +0200", utc(2024, 7, 21, 8)),
    ("es", "lun, 10 jun 2024 09:00:00 +0200", utc(2024, 6, 10, 7)),
    ("es", "mié, 2 oct 2024 18:00:00 -0500", utc(2024, 10, 2, 23)),
    ("es", "jueves, 14 de noviembre de 2024 10:00", utc(2024, 11, 14, 10)),
    ("es", "vie., 3 ene. 2025 08:00:00 GMT", utc(2025, 1, 3, 8)),
    ("es", "sáb, 15 feb 2025 12:00:00 +0100", utc(2025, 2, 15, 11)),
    ("es", "dom, 23 mar 2025 20:00:00 -0300", utc(2025, 3, 23, 23)),
    ("es", "5 de septiembre de 2024", utc(2024, 9, 5)),
    ("pt", "Seg, 24 Set 2018 10:00:00 -0300", utc(2018, 9, 24, 13)),
    ("pt", "Ter, 2 Out 2018 09:30:00 +0000", utc(2018, 10, 2, 9, 30)),
    ("pt", "qua, 7 nov 2018 15:00:00 -0200", utc(2018, 11, 7, 17)),
    ("pt", "Qui, 13 Dez 2018 08:00:00 GMT", utc(2018, 12, 13, 8)),
    ("pt", "sex, 4 jan 2019 22:00:00 -0300", utc(2019, 1, 5, 1)),
    ("pt", "sábado, 9 de fevereiro de 2019 11:00", utc(2019, 2, 9, 11)),
    ("pt", "Dom, 17 Mar 2019 18:00:00 +0000", utc(2019, 3, 17, 18)),
    ("pt", "24 de abril de 2019", utc(2019, 4, 24)),
    ("it", "lun, 5 feb 2024 10:00:00 +0100", utc(2024, 2, 5, 9)),
    ("it", "mar, 16 apr 2024 08:00:00 +0200", utc(2024, 4, 16, 6)),
    ("it", "mercoledì 12 giugno 2024 21:00", utc(2024, 6, 12, 21)),
    ("it", "gio, 18 lug 2024 09:00:00 GMT", utc(2024, 7, 18, 9)),
    ("it", "ven, 27 set 2024 17:30:00 +0200", utc(2024, 9, 27, 15, 30)),
    ("it", "sab, 2 nov 2024 11:00:00 +0100", utc(2024, 11, 2, 10)),
    ("it", "domenica 1 dicembre 2024", utc(2024, 12, 1)),
    ("nl", "ma, 6 jan 2025 08:00:00 +0100", utc(2025, 1, 6, 7)),
    ("nl", "di, 11 mrt 2025 12:00:00 +0100", utc(2025, 3, 11, 11)),
    ("nl", "wo 16 apr 2025 14:00:00 +0200", utc(2025, 4, 16, 12)),
    ("nl", "donderdag 22 mei 2025 19:30", utc(2025, 5, 22, 19, 30)),
    ("nl", "vr, 13 jun 2025 10:00:00 GMT", utc(2025, 6, 13, 10)),
    ("nl", "za, 26 jul 2025 09:00:00 +0200", utc(2025, 7, 26, 7)),
    ("nl", "zondag 31 augustus 2025", utc(2025, 8, 31)),
    ("nl", "3 okt. 2025 16:00:00 +0200", utc(2025, 10, 3, 14)),
]

# Strings that are no date: each must stay unread (None), not become a wrong date.
NOT_DATES: list[str] = [
    "Seg, 32 Set 2018 10:00:00 -0300",  # no 32nd
    "Mo, 3 Foo 2025 10:00:00 +0100",  # no such month
    "Glass Harbour de Mara Vale",
    "lundi",
    "3 Mär 2025 10:00:00 XYZ",  # an unknown zone is unknown, not UTC
]
