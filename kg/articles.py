"""Reading news articles: plain text, HTML, JSON and JSON Lines records, and folders of them.

``read_article(path)`` reads one file into an :class:`Article`; ``iter_articles(paths)`` walks files,
folders and JSON Lines files and yields one result per article, an error in place of an article that
cannot be read, so that a caller can go on past a bad one.

Decoding: UTF-8 (with or without a byte-order mark); failing that, Windows-1252 when the result
looks like prose (no control characters), since that is what older news sites and Word exports
produce; otherwise ``BadArticle`` naming the first byte that is not UTF-8.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import BadArticle, KgError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
NO_DATE_WARNING = "no publication date: relative dates stay unresolved (give --date)"


@dataclass(frozen=True)
class Article:
    """One news article, cleaned, as kg extracts from it.

    ``text`` is the article body after the header and scraping debris are removed; every character
    offset kg stores (evidence spans, mentions) counts code points into this exact string.
    ``key`` identifies the article across runs (its URL when known, else its file name): re-ingesting
    an article with the same key replaces its graph.
    """

    text: str
    key: str
    file: str | None = None
    date: _dt.date | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    warnings: tuple[str, ...] = field(default=())


# Whole lines that scraping leaves behind and no article means (compared case-insensitively).
_DEBRIS = frozenset(
    line.lower()
    for line in (
        "Advertisement", "Skip advertisement", "Supported by", "Continue reading the main story",
        "Story continues below advertisement", "Advertisement - Scroll to continue",
        "Scroll to continue with content", "Share this article", "Share", "Listen to this article",
        "Read more", "Related articles", "Related coverage", "Sign up for our newsletter",
        "Subscribe", "Copy link", "Link copied",
    )
)
_WIRES = (
    "Reuters", "AP", "AFP", "Associated Press", "The Associated Press", "Agence France-Presse",
    "Xinhua", "UPI", "dpa", "DPA", "Bloomberg", "Kyodo", "Yonhap", "TASS", "EFE", "ANSA", "PTI",
    "IANS", "ANI", "Anadolu", "Interfax", "AAP", "CNA",
)
_CREDIT = re.compile(
    r"^[-—–\s]*(?:"
    r"\(?(?P<wire>" + "|".join(map(re.escape, _WIRES)) + r")\)?"
    r"|(?P<service>[A-Z][\w.&'’ -]{1,50}? News Service)"
    r"|(?:©|\(c\)|Copyright)\s*(?:\d{4}\s+)?(?P<copyright>[A-Z][\w.&'’ -]{1,50}?)"
    r"(?:\.\s*All rights reserved)?"
    r")\.?\s*$",
    re.IGNORECASE,
)
_CREDIT_MAX = 80
_HEADER = re.compile(r"\A[ \t\ufeff]*date[ \t]*:?[ \t]+(?P<value>[0-9][0-9./-]*[0-9])(?=\s|\Z)", re.I)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TITLE_MAX = 150


def read_article(
    path: Path | str, date: _dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Read one article file; the reader is chosen by the file's suffix.

    ``date`` is the publication date to use when the file states none. Raises ``BadArticle``
    (one line, naming the file) when the file is missing, empty, binary, undecodable, larger than
    ``max_bytes`` or not an article.
    """
    path = Path(path)
    text, warnings = _read_text(path, max_bytes)
    reader = READERS.get(path.suffix.lower(), read_text_article)
    return _warn(reader(text, path, date), warnings)


def iter_articles(
    paths: Iterable[Path | str], date: _dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[str, Article | KgError]]:
    """Yield ``(source, article or error)`` for every article in files, folders and JSON Lines files.

    Folders are walked recursively in sorted order, taking only ``.txt .html .htm .json .jsonl``
    files; every line of a ``.jsonl`` file is one article (source ``file.jsonl:LINE``). A source
    that cannot be read yields its ``KgError`` and the walk goes on.
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from _iter_folder(path, date, max_bytes)
        else:
            yield from _iter_file(path, date, max_bytes)


def _iter_folder(folder: Path, date, max_bytes) -> Iterator[tuple[str, Article | KgError]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        suffixes = " ".join(ARTICLE_SUFFIXES)
        yield str(folder), BadArticle(f"{folder}: folder holds no articles ({suffixes})")
    for path in files:
        yield from _iter_file(path, date, max_bytes)


def _iter_file(path: Path, date, max_bytes) -> Iterator[tuple[str, Article | KgError]]:
    if path.suffix.lower() != ".jsonl":
        try:
            yield str(path), read_article(path, date, max_bytes)
        except KgError as exc:
            yield str(path), exc
        return
    yield from _iter_jsonl(path, date, max_bytes)


def _iter_jsonl(path: Path, date, max_bytes: int) -> Iterator[tuple[str, Article | KgError]]:
    """One article a line, read as a stream: the size limit holds for each line (each article), so
    a batch of any size can be ingested, and a bad line fails alone."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield str(path), BadArticle(f"{path}: no such file")
        return
    except OSError as exc:
        yield str(path), BadArticle(f"{path}: cannot read ({exc.strerror or exc})")
        return
    seen = False
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen = True
            yield f"{path}:{number}", _jsonl_line(raw, path, number, date, max_bytes)
    if not seen:
        yield str(path), BadArticle(f"{path}: file is empty")


def _jsonl_line(raw: bytes, path: Path, number: int, date, max_bytes: int) -> Article | KgError:
    source = f"{path}:{number}"
    if len(raw) > max_bytes:
        return BadArticle(f"{source}: {len(raw)} bytes is over the limit of {max_bytes} bytes "
                          f"(raise it with --max-bytes, env KG_MAX_ARTICLE_BYTES, or max_bytes)")
    try:
        text, warnings = _decode(raw, Path(source))
        article = _record_article(_json_object(text, source), path, date, f"{path.name}#{number}")
    except KgError as exc:
        return exc
    return _warn(article, warnings)


# --- readers: (decoded text, path, fallback date) -> Article --------------------------------------


def read_text_article(text: str, path: Path, date: _dt.date | None = None) -> Article:
    """An article from plain text: optional ``date YYYY-MM-DD`` header, debris and credit removed."""
    body, header_date = _split_header(text, path)
    body, publisher = _split_credit(_drop_debris(body))
    _require_body(body, path)
    return _finish(
        Article(text=body, key=path.name, file=path.name, title=_guess_title(body), publisher=publisher),
        header_date or date,
    )


def read_html_article(text: str, path: Path, date: _dt.date | None = None) -> Article:
    """An article from an HTML page: main text and metadata by trafilatura (no network)."""
    meta = _html_extract(text, path)
    body, publisher = _split_credit(_drop_debris(_paragraphs(meta.get("text") or "")))
    _require_body(body, path)
    url = meta.get("url") or None
    article = Article(
        text=body, key=url or path.name, file=path.name, title=meta.get("title") or None, url=url,
        publisher=meta.get("sitename") or publisher,
    )
    return _finish(article, _iso_day(meta.get("date"), path, "metadata date") or date)


def read_json_article(text: str, path: Path, date: _dt.date | None = None) -> Article:
    """An article from a JSON object with ``text`` (required), ``date``, ``title``, ``url``, ``publisher``."""
    lines = [line for line in text.split("\n") if line.strip()]
    if path.suffix.lower() == ".jsonl" and len(lines) > 1:
        raise BadArticle(f"{path}: holds {len(lines)} articles (one per line): read it with iter_articles")
    return _record_article(_json_object(text, str(path)), path, date, path.name)


READERS: dict[str, Callable[[str, Path, _dt.date | None], Article]] = {
    ".txt": read_text_article,
    ".html": read_html_article,
    ".htm": read_html_article,
    ".json": read_json_article,
    ".jsonl": read_json_article,
}


def _record_article(record: dict, path: Path, date, key: str) -> Article:
    source = key if "#" in key else str(path)
    raw = record.get("text")
    if not isinstance(raw, str):
        raise BadArticle(f"{source}: JSON record has no \"text\" string")
    body, header_date = _split_header(_normalise_newlines(raw), path)
    body, credit = _split_credit(_drop_debris(body))
    _require_body(body, path, source)
    url = _str_field(record, "url")
    article = Article(
        text=body, key=url or key, file=path.name, title=_str_field(record, "title"), url=url,
        publisher=_str_field(record, "publisher") or credit,
    )
    return _finish(article, _iso_day(record.get("date"), source, "date") or header_date or date)


def _json_object(text: str, source: str) -> dict:
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise BadArticle(f"{source}: not JSON ({exc})") from None
    if not isinstance(record, dict):
        raise BadArticle(f"{source}: JSON is a {type(record).__name__}, not an object with \"text\"")
    return record


def _str_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _warn(article: Article, warnings: tuple[str, ...]) -> Article:
    return replace(article, warnings=warnings + article.warnings) if warnings else article


def _finish(article: Article, date: _dt.date | None) -> Article:
    warnings = article.warnings if date else article.warnings + (NO_DATE_WARNING,)
    return replace(article, date=date, warnings=warnings)


def _require_body(body: str, path: Path, source: str | None = None) -> None:
    if not body.strip():
        raise BadArticle(f"{source or path}: no article text")


# --- bytes to text ----------------------------------------------------------------------------------


def _read_text(path: Path, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    """The file's text with newlines as ``\\n``, and a warning when it was not UTF-8."""
    raw = _read_bytes(path, max_bytes)
    text, warnings = _decode(raw, path)
    if not text.strip():
        raise BadArticle(f"{path}: file is empty")
    return _normalise_newlines(text), warnings


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if path.is_dir():
        raise BadArticle(f"{path}: is a folder (read folders with iter_articles)")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadArticle(
                f"{path}: {size} bytes is over the limit of {max_bytes} bytes "
                f"(raise it with --max-bytes, env KG_MAX_ARTICLE_BYTES, or max_bytes)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise BadArticle(f"{path}: no such file") from None
    except OSError as exc:
        raise BadArticle(f"{path}: cannot read ({exc.strerror or exc})") from None


def _decode(raw: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    if b"\x00" in raw:
        raise BadArticle(f"{path}: binary file (NUL bytes), not text")
    warnings: tuple[str, ...] = ()
    # Without the byte-order mark, so that error offsets count from the start of ``raw``.
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _cut_short(raw, exc):
            # A download cut off inside the last character: the rest is good UTF-8.
            text = raw[:exc.start].decode("utf-8")
            warnings = (f"ends inside a UTF-8 character (cut short?): the last {len(raw) - exc.start} "
                        "byte(s) dropped",)
        else:
            text = _decode_legacy(raw, path, exc)
            warnings = (f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}): read as Windows-1252",)
    if not _looks_like_text(text):
        raise BadArticle(f"{path}: binary file (mostly control characters), not text")
    return text, warnings


def _cut_short(raw: bytes, error: UnicodeDecodeError) -> bool:
    return error.reason == "unexpected end of data" and error.end == len(raw) and len(raw) - error.start < 4


def _decode_legacy(raw: bytes, path: Path, error: UnicodeDecodeError) -> str:
    # cp1252 decodes almost any byte string, so only believe it when the result reads as text.
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_text(text, tolerance=0.0):
        return text
    byte = raw[error.start]
    raise BadArticle(f"{path}: not UTF-8 text (byte 0x{byte:02x} at offset {error.start})")


def _looks_like_text(text: str, tolerance: float = 0.05) -> bool:
    controls = sum(1 for c in text if (c < " " and c not in "\n\r\t\f\v") or "\x7f" <= c <= "\x9f")
    return controls <= tolerance * max(len(text), 1)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- cleaning ---------------------------------------------------------------------------------------


def _split_header(text: str, path: Path) -> tuple[str, _dt.date | None]:
    """The text without its ``date YYYY-MM-DD`` header, and the header's date."""
    match = _HEADER.match(text)
    if not match:
        return text.strip(), None
    day = _iso_day(match.group("value"), path, "date header")
    return text[match.end():].strip(), day


def _iso_day(value: object, source: object, what: str) -> _dt.date | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    # Metadata often carries a full timestamp; the day is all an article's date means.
    head = text[:10]
    try:
        if not _ISO_DAY.match(head):
            raise ValueError(text)
        return _dt.date.fromisoformat(head)
    except ValueError:
        raise BadArticle(f"{source}: bad {what} {text!r} (use YYYY-MM-DD)") from None


def _drop_debris(text: str) -> str:
    """The text without whole lines of scraping debris (and the blank line each leaves)."""
    kept: list[str] = []
    after_debris = False
    for line in text.split("\n"):
        if line.strip().lower() in _DEBRIS:
            after_debris = True
        elif after_debris and not line.strip() and (not kept or not kept[-1].strip()):
            continue
        else:
            after_debris = False
            kept.append(line)
    return "\n".join(kept).strip()


def _split_credit(text: str) -> tuple[str, str | None]:
    """The text without a closing credit line (``Reuters``, ``... News Service``), and the credit."""
    head, sep, last = text.rstrip().rpartition("\n")
    if not sep or len(last.strip()) > _CREDIT_MAX:
        return text, None
    match = _CREDIT.match(last.strip())
    if not match:
        return text, None
    credit = match.group("wire") or match.group("service") or match.group("copyright")
    return head.rstrip(), credit.strip()


def _guess_title(body: str) -> str | None:
    """A first paragraph that reads like a headline: one short line with no closing punctuation."""
    first, sep, _rest = body.partition("\n\n")
    first = first.strip()
    if not sep or "\n" in first or len(first) > _TITLE_MAX or first[-1:] in ".!?:\"”’'":
        return None
    return first


def _paragraphs(text: str) -> str:
    """trafilatura's one line per block, as paragraphs separated by a blank line like plain text."""
    return "\n\n".join(line.strip() for line in _normalise_newlines(text).split("\n") if line.strip())


def _html_extract(html: str, path: Path) -> dict:
    import trafilatura  # heavy: only pay for it when an HTML page is read

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True,
        )
    except Exception as exc:  # trafilatura has no exception hierarchy of its own
        raise BadArticle(f"{path}: cannot parse HTML ({type(exc).__name__}: {exc})") from None
    if document is None:
        raise BadArticle(f"{path}: no article text found in the HTML")
    return document.as_dict() if hasattr(document, "as_dict") else dict(document)
