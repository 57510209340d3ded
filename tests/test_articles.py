"""kg.articles: reading plain text, HTML, JSON and JSON Lines articles, folders of them, and bad files."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import NO_DATE_WARNING, Article, iter_articles, read_article
from kg.errors import BadArticle, KgError
from corpus_paths import DEV

DATA = Path(__file__).parent / "data/articles"


def test_plain_text_drops_header_debris_and_credit():
    article = read_article(DATA / "plain.txt")
    assert article.date == dt.date(2025, 3, 14)
    assert article.publisher == "Reuters"
    assert article.title == "Envoys meet in Geneva"
    assert article.key == article.file == "plain.txt"
    assert article.text == (
        "Envoys meet in Geneva\n\n"
        "The foreign ministers of France and Germany met in Geneva on Thursday, officials said.\n\n"
        "They will meet again next week.\n"
        "A spokesman said the talks were “useful”."
    )
    assert article.warnings == ()


def test_header_sharing_the_first_line_with_the_first_paragraph():
    article = read_article(DATA / "first-line.txt")
    assert article.date == dt.date(2025, 3, 15)
    assert article.text.startswith("President Vladimir V. Putin of Russia met Steve Witkoff")
    assert "\r" not in article.text
    assert article.publisher == "New York Times News Service"
    assert article.text.endswith("talks went well.")


def test_a_date_in_the_file_wins_over_the_date_argument():
    assert read_article(DATA / "plain.txt", date=dt.date(2020, 1, 1)).date == dt.date(2025, 3, 14)


def test_undated_article_takes_the_date_argument():
    assert read_article(DATA / "undated.txt", date=dt.date(2025, 3, 15)).date == dt.date(2025, 3, 15)


def test_undated_article_without_date_argument_warns():
    article = read_article(DATA / "undated.txt")
    assert article.date is None
    assert article.warnings == (NO_DATE_WARNING,)
    assert article.publisher is None


def test_prose_last_line_is_not_a_credit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Putin met Witkoff.\n\nThe Associated Press reported the meeting on Friday.\n")
    article = read_article(path)
    assert article.publisher is None
    assert article.text.endswith("reported the meeting on Friday.")


@pytest.mark.parametrize("credit, publisher", [
    ("(AP)", "AP"), ("Associated Press", "Associated Press"), ("Xinhua", "Xinhua"),
    ("— Reuters", "Reuters"), ("Asia News Service", "Asia News Service"),
])
def test_credit_lines(tmp_path, credit, publisher):
    path = tmp_path / "a.txt"
    path.write_text(f"date 2025-03-15\n\nLeaders met on Friday.\n\n{credit}\n", encoding="utf-8")
    article = read_article(path)
    assert (article.publisher, article.text) == (publisher, "Leaders met on Friday.")


def test_html_page_main_text_and_metadata():
    article = read_article(DATA / "page.html")
    assert article.title == "Putin meets US envoy in Moscow"
    assert article.date == dt.date(2025, 3, 15)
    assert article.publisher == "World News"
    assert article.url == article.key == "https://news.example.org/2025/03/15/putin-envoy"
    assert "Putin of Russia met Steve Witkoff" in article.text
    assert "“cautious optimism”" in article.text
    for debris in ("tracker", "iframe text", "navigation", "footer"):
        assert debris not in article.text


def test_json_record():
    article = read_article(DATA / "record.json")
    assert article == Article(
        text="Lula met Roh Moo-hyun in Brasilia on Tuesday.", key="https://example.org/lula-roh",
        file="record.json", date=dt.date(2004, 11, 16), title="Lula meets Roh",
        url="https://example.org/lula-roh", publisher="Wikinews",
    )


def test_jsonl_broken_line_does_not_stop_the_others():
    results = list(iter_articles([DATA / "records.jsonl"]))
    sources = [Path(source).name for source, _ in results]
    assert sources == ["records.jsonl:1", "records.jsonl:2", "records.jsonl:3", "records.jsonl:5"]
    first, broken, third, array = (result for _, result in results)
    assert first.key == "https://example.org/hu-lula" and first.date == dt.date(2004, 11, 13)
    assert isinstance(broken, BadArticle) and "records.jsonl:2" in str(broken)
    assert third.key == "records.jsonl#3" and third.text == "Bush visited Ottawa on Tuesday."
    assert isinstance(array, BadArticle) and "not an object" in str(array)


def test_folder_is_walked_sorted_and_recursively_taking_known_suffixes_only():
    results = list(iter_articles([DATA / "folder"]))
    assert [Path(source).name for source, _ in results] == ["a.txt", "b.json"]
    assert all(isinstance(article, Article) for _, article in results)


def test_files_and_folders_mix_and_bad_sources_yield_errors(tmp_path):
    paths = [DATA / "undated.txt", tmp_path, tmp_path / "gone.txt"]
    results = dict(iter_articles(paths, date=dt.date(2025, 3, 15)))
    assert results[str(DATA / "undated.txt")].date == dt.date(2025, 3, 15)
    assert isinstance(results[str(tmp_path)], BadArticle)
    assert isinstance(results[str(tmp_path / "gone.txt")], BadArticle)


def test_cp1252_text_is_read_when_it_looks_like_prose(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("The minister’s café talks went on.".encode("cp1252"))
    article = read_article(path)
    assert article.text == "The minister’s café talks went on."
    assert article.warnings[0] == "not UTF-8 (byte 0x92 at offset 12): read as Windows-1252"


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffdate 2025-03-15\nLeaders met.".encode())
    article = read_article(path)
    assert (article.text, article.date) == ("Leaders met.", dt.date(2025, 3, 15))


@pytest.mark.parametrize("name, content, message", [
    # nothing in the file
    ("empty.txt", b"", "empty"),
    # only whitespace
    ("blank.txt", b"  \n\t\r\n ", "empty"),
    # NUL bytes: a binary file
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    # decodes, but as control characters
    ("noise.txt", bytes(range(1, 9)) * 20, "binary"),
    # neither UTF-8 nor text in Windows-1252
    ("bad.txt", b"Leaders \x81\x8d\x90 met", r"not UTF-8 text \(byte 0x81 at offset 8\)"),
    # an impossible header date
    ("baddate.txt", b"date 2025-13-45\nLeaders met.", "bad date header '2025-13-45'"),
    # a header and nothing else
    ("header.txt", b"date 2025-03-15\n\n", "no article text"),
    # JSON that is not an object
    ("list.json", b"[1, 2]", "not an object"),
    # JSON object without text
    ("notext.json", b'{"title": "x"}', 'no "text"'),
    # not JSON at all
    ("broken.json", b'{"text": ', "not JSON"),
    # a bad date field in a record
    ("baddate.json", b'{"text": "Leaders met.", "date": "yesterday"}', "bad date 'yesterday'"),
    # a JSON Lines file of several articles read as one
    ("many.jsonl", b'{"text": "a"}\n{"text": "b"}\n', "iter_articles"),
    # an HTML page with no text
    ("empty.html", b"<html><body><script>x()</script></body></html>", "no article text"),
])
def test_bad_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadArticle, match=message):
        read_article(path)


def test_missing_file(tmp_path):
    with pytest.raises(BadArticle, match="no such file"):
        read_article(tmp_path / "gone.txt")


def test_folder_given_to_read_article(tmp_path):
    with pytest.raises(BadArticle, match="is a folder"):
        read_article(tmp_path)


def test_folder_without_articles(tmp_path):
    (tmp_path / "notes.md").write_text("not an article")
    [(source, error)] = list(iter_articles([tmp_path]))
    assert source == str(tmp_path)
    assert isinstance(error, BadArticle) and "no articles" in str(error)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Leaders met. " * 100)
    with pytest.raises(BadArticle, match="over the limit of 1000 bytes.*max_bytes"):
        read_article(path, max_bytes=1000)


def test_error_messages_are_one_line_naming_the_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x00")
    with pytest.raises(BadArticle) as caught:
        read_article(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.skipif(not DEV.exists(), reason="the dev corpus is not here")
@pytest.mark.parametrize("gold", sorted(DEV.glob("*.gold.json")), ids=lambda p: p.name)
def test_gold_evidence_is_an_exact_substring_of_the_article_text(gold):
    facts = json.loads(gold.read_text(encoding="utf-8"))
    article = read_article(gold.parent / facts["article"]["file"])
    assert article.date == dt.date.fromisoformat(facts["article"]["date"])
    assert article.publisher == facts["article"].get("publisher")
    missing = [it["evidence"] for it in facts["interactions"] if it["evidence"] not in article.text]
    assert missing == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ""]))
def test_random_bytes_give_an_article_or_a_kg_error(tmp_path, content, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(content)
    try:
        article = read_article(path)
    except KgError:
        return  # kg's own errors are the allowed failure; anything else fails the test
    assert isinstance(article, Article) and article.text.strip()


def test_html_page_without_date_metadata_takes_the_date_argument_or_warns():
    assert read_article(DATA / "undated.html", date=dt.date(2025, 1, 1)).date == dt.date(2025, 1, 1)
    article = read_article(DATA / "undated.html")
    assert (article.date, article.title, article.key) == (None, "Talks", "undated.html")
    assert article.warnings == (NO_DATE_WARNING,)
    assert article.text.startswith("The foreign ministers") and "\n\nThey agreed" in article.text


def test_jsonl_limit_holds_per_line_not_per_file(tmp_path):
    # A batch file larger than the limit still reads; only the one over-long line fails.
    line = json.dumps({"text": "Ann Lee met Bo Chan in Paris on Monday.", "date": "2025-03-15"})
    big = json.dumps({"text": "word " * 200, "date": "2025-03-15"})
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([line] * 30 + [big] + [line] * 5) + "\n", encoding="utf-8")
    results = list(iter_articles([path], max_bytes=500))
    assert path.stat().st_size > 500
    failed = [(source, item) for source, item in results if isinstance(item, KgError)]
    assert len(results) == 36 and len(failed) == 1
    assert failed[0][0].endswith(":31") and "over the limit of 500 bytes" in str(failed[0][1])
