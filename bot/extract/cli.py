"""A command line for measuring: `python -m bot.extract.cli PATH [--published D] [--url U]`."""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

from bot.extract.extractor import extract


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", type=Path)
    ap.add_argument("--published", type=datetime.date.fromisoformat)
    ap.add_argument("--url")
    ap.add_argument("--title")
    args = ap.parse_args(argv)
    text = args.path.read_text(encoding="utf-8", errors="replace")
    result = extract(text, published=args.published, url=args.url, title=args.title)
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
