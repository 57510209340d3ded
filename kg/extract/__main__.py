"""``python -m kg.extract ARTICLE [--date YYYY-MM-DD]``: print the facts JSON of one article."""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import sys
from pathlib import Path

from kg.articles import Article
from kg.errors import KgError
from kg.extract import extract


def _read(path: Path, date: str | None) -> Article:
    """Through kg.articles.read_article when it exists; else a plain-text reading of the same rules."""
    try:
        from kg.articles import read_article
    except ImportError:
        read_article = None
    if read_article is not None:
        return read_article(path, date=_dt.date.fromisoformat(date) if date else None)
    return _read_plain(path, date)


def _read_plain(path: Path, date: str | None) -> Article:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\s*date (\d{4}-\d{2}-\d{2})[ \t]*\n?", text)
    if match:
        date = date or match.group(1)
        text = text[match.end():]
    lines = [ln for ln in text.split("\n") if ln.strip() != "ADVERTISEMENT"]
    while lines and not lines[-1].strip():
        lines.pop()
    publisher = None
    if lines and len(lines[-1].split()) <= 6 and not lines[-1].rstrip().endswith((".", "”", '"')):
        publisher = lines.pop().strip()
    return Article(text="\n".join(lines).strip(), key=path.name, file=path.name,
                   date=_dt.date.fromisoformat(date) if date else None, publisher=publisher)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, extract, print JSON; a KgError prints one line and exits 1."""
    parser = argparse.ArgumentParser(prog="python -m kg.extract", description=__doc__)
    parser.add_argument("article", type=Path)
    parser.add_argument("--date", help="publication date YYYY-MM-DD (default: the article's header)")
    args = parser.parse_args(argv)
    try:
        facts = extract(_read(args.article, args.date))
    except (KgError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    json.dump(facts, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
