"""Article text: main text and metadata of a page, text of a feed's HTML, hashes and summaries.

CPU-bound (a page takes milliseconds); callers on the event loop run it in an executor.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from types import MappingProxyType
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml.html import HtmlElement

from bot.ingest.dates import parse_datetime
from bot.ingest.html_text import TAG_START, collapse, decode_html, html_to_text
from bot.ingest.urls import canonical_url, is_web_url

# Meta names that carry the first publication time, best first.
PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "article.published", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
)
JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
# Banners and comment threads, removed before trafilatura looks at the page: it already leaves
# comments out of the text with include_comments=False, but its author guess still reads them
# ("Fan1" as the author of an article), and a consent banner without "cookie" in its first
# class can reach the text. Never the page's own wrappers, which some CMSs tag "comments-open".
LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
BANNER_WORDS = ("cookie", "consent", "gdpr", "privacy-banner")
COMMENT_WORDS = ("comments", "comment-list", "commentlist", "disqus", "comment-section")
# Kept as a string and compiled per call (microseconds), so no compiled XPath is shared by threads.
PRUNE = "//*[not(self::html or self::body or self::main or self::article)][{}]".format(
    " or ".join(
        f"contains({LOWER.format(attribute)}, '{word}')"
        for attribute in ("@id", "@class") for word in BANNER_WORDS + COMMENT_WORDS
    )
)
MAX_BANNER_CHARS = 2000  # a consent banner is short; a long element is content that mentions it
QUOTES = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "…": "...",
})
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
NOT_WORD = re.compile(r"[\W_]+")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# Words whose full stop does not end a sentence ("No. 1", "feat. Jay", "Vol. 2").
ABBREVIATIONS = frozenset({
    "no", "nos", "vol", "vols", "feat", "ft", "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr",
    "inc", "co", "ltd", "p.m", "a.m", "e.g", "i.e", "approx", "dept", "est", "pt", "op",
})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Matched on a stripped line; a lazy (.+?)\s*$ would rescan every run of spaces (quadratic).
TITLE_LINE = re.compile(r"(?i)^title\s*+:\s*+(.+)$")
MAX_TITLE_CHARS = 150
# trafilatura's settings for a page: `bare_extraction` keywords besides url and with_metadata.
# extract_page takes others (benchmarks/bench_pages.py compares them on public pages).
TRAFILATURA_SETTINGS: Mapping[str, Any] = MappingProxyType({
    "include_comments": False, "favor_precision": True, "include_tables": True,
    "date_extraction_params": {
        "original_date": True, "extensive_search": False,  # no guessing from body text
    },
})


@dataclass(frozen=True)
class PageText:
    """A page's main text and metadata."""

    title: str | None
    text: str  # paragraphs separated by blank lines; no comments, nav, banners or footer
    published: datetime | None  # aware UTC
    site_name: str | None
    canonical_url: str | None  # <link rel=canonical> or og:url, canonical
    author: str | None


def _metas(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = collapse(meta.get("content") or "")
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _published(tree: HtmlElement, metas: dict[str, str], fallback: str | None) -> datetime | None:
    for key in PUBLISHED_KEYS:
        if key in metas and (value := parse_datetime(metas[key])):
            return value
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "") and script.text:
            match = JSON_LD_PUBLISHED.search(script.text)
            if match and (value := parse_datetime(match[1])):
                return value
    for element in tree.iter("time"):
        if element.get("datetime") and (value := parse_datetime(element.get("datetime", ""))):
            return value
    # trafilatura's guess (htmldate): a day only, so midnight UTC.
    return parse_datetime(fallback) if fallback else None


def _canonical(tree: HtmlElement, metas: dict[str, str], url: str | None) -> str | None:
    candidates = [
        link.get("href") or "" for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates.append(metas.get("og:url", ""))
    for candidate in candidates:
        absolute = canonical_url(_join(url, candidate)) if candidate.strip() else ""
        if is_web_url(absolute):
            return absolute
    return None


def _join(base: str | None, href: str) -> str:
    try:
        return urljoin(base, href.strip()) if base else href.strip()
    except ValueError:
        return href.strip()


def _author(metas: dict[str, str], guess: str | None) -> str | None:
    for key in AUTHOR_KEYS:
        value = metas.get(key, "")
        if value and not is_web_url(value):  # article:author is often a profile URL
            return value
    return collapse(guess) if guess else None


def _prune(tree: HtmlElement) -> None:
    page_chars = len(tree.text_content())
    for element in tree.xpath(PRUNE):
        if element.getparent() is None:
            continue
        chars = len(element.text_content())
        # A long element that holds most of the page is the article wearing an unlucky class.
        if chars <= MAX_BANNER_CHARS or (_is_comments(element) and chars < page_chars // 2):
            element.drop_tree()


def _is_comments(element: HtmlElement) -> bool:
    names = f"{element.get('id', '')} {element.get('class', '')}".lower()
    return any(word in names for word in COMMENT_WORDS)


def _paragraphs(text: str, title: str | None) -> str:
    lines = [collapse(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # trafilatura keeps the headline as the first line; the title field already holds it.
    if lines and title and _same_words(lines[0], title):
        lines = lines[1:]
    return "\n\n".join(lines)


def _same_words(left: str, right: str) -> bool:
    return NOT_WORD.sub(" ", left).strip().casefold() == NOT_WORD.sub(" ", right).strip().casefold()


def _looks_binary(text: str) -> bool:
    """Whether `text` is an image, PDF or other binary decoded as text (NULs, control bytes)."""
    sample = text[:2048]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    return "\x00" in sample or controls > len(sample) // 100


def _load(html: bytes | str) -> HtmlElement | None:
    text = decode_html(html) if isinstance(html, bytes) else html
    if not text.strip() or _looks_binary(text):
        return None
    try:
        tree = trafilatura.load_html(text)
        if tree is None and TAG_START.search(text):
            # trafilatura refuses a bare fragment ("<p>...</p>" saved as a file); wrapped in a
            # document it reads it.
            tree = trafilatura.load_html(f"<html><body>{text}</body></html>")
    except Exception:  # lxml and trafilatura on hostile input: junk means no page, not a crash
        return None
    return tree


def extract_page(
    html: bytes | str, *, url: str | None = None,
    settings: Mapping[str, Any] = TRAFILATURA_SETTINGS, prune: bool = True,
) -> PageText:
    """The main text and metadata of an HTML page; junk gives empty text, never an exception.

    trafilatura with include_comments=False and favor_precision=True: the most precise of the
    measured settings (extraction-libs.md), and the only one that kept footers out of div soup.
    `settings` (trafilatura's keywords) and `prune` (banners and comment threads removed first)
    are there for the benchmark; the product always uses the defaults.
    """
    tree = _load(html)
    if tree is None:
        return PageText(None, "", None, None, None, None)
    metas = _metas(tree)
    canonical = _canonical(tree, metas, url)
    if prune:
        _prune(tree)
    document: Any = None
    try:
        document = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **settings)
    except Exception:  # same reason as in _load: a bad page must not stop a feed poll
        document = None
    title = collapse(getattr(document, "title", None) or "") or metas.get("og:title")
    title = title or collapse(tree.findtext(".//title") or "") or None
    return PageText(
        title=title,
        text=_paragraphs(document.text or "", title) if document is not None else "",
        published=_published(tree, metas, getattr(document, "date", None)),
        site_name=metas.get("og:site_name") or getattr(document, "sitename", None) or None,
        canonical_url=canonical,
        author=_author(metas, getattr(document, "author", None)),
    )


def text_from_html_fragment(html: str) -> str:
    """Plain text of a feed's HTML content: paragraphs separated by blank lines."""
    return html_to_text(html)


# Items join one article by their text only when it is at least this long (normalised, as
# hashed): "Comments", "Read more" or a one-line teaser is no sign of the same story.
MIN_JOIN_CHARS = 200


def _normal(text: str) -> str:
    normal = INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(QUOTES).casefold()
    return NOT_WORD.sub(" ", normal).strip()


def content_hash(text: str) -> str:
    """sha256 hex of `text` normalised, so the same story from two sources hashes equal.

    Normalised: NFKC, case-folded, invisible characters dropped, and every run of punctuation,
    quotes and whitespace made one space, since feeds differ in exactly those.
    """
    return hashlib.sha256(_normal(text).encode("utf-8", "surrogatepass")).hexdigest()


def long_enough_to_join(text: str) -> bool:
    """Whether `text` is long enough (MIN_JOIN_CHARS, normalised) for its hash to say that two
    items are one story."""
    return len(_normal(text)) >= MIN_JOIN_CHARS


def _sentence_end(text: str, limit: int) -> int:
    """Where the last whole sentence within `limit` characters ends (0 if none does)."""
    end = 0
    for match in SENTENCE_END.finditer(text):
        if match.end() > limit:
            break
        words = text[: match.start()].rsplit(None, 1)
        word = words[-1].lower().lstrip("(\"'“‘") if words else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):  # "No. 1", "J. Cole"
            continue
        end = match.end()
    return end


def summarize(text: str, limit: int = 300) -> str:
    """The first sentences of `text` on one line, at most `limit` characters.

    Whole sentences when they fill at least half the room; otherwise the text cut at a word
    boundary, ending with "…".
    """
    flat = collapse(text)
    if len(flat) <= limit:
        return flat
    if limit < 2:
        return "…"[:limit]
    end = _sentence_end(flat, limit)
    if end >= limit // 2:
        return flat[:end]
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_like_html(data: bytes) -> bool:
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _text_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """A title from the first non-blank line ("Title: ...", "# ...", or a short line)."""
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return None, []
    first, rest = lines[index].strip(), lines[index + 1:]
    if match := TITLE_LINE.match(first):
        return collapse(match[1]), rest
    if first.startswith("#"):
        return collapse(first.lstrip("#")) or None, rest
    if (len(first) <= MAX_TITLE_CHARS and not first.endswith((".", ",", ";", ":"))
            and any(line.strip() for line in rest)):
        return collapse(first), rest
    return None, lines[index:]


# A line of a list ("03/03 – Glasgow, SWG3", "05-12 Brooklyn, NY", "- May 3: Oslo",
# "May 3 – Oslo"): kept a line
# ("Tue 03 March – Dublin": a weekday may lead a tour line)
LIST_LINE = re.compile(r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
                       r"(?:[-*•·–]\s|\d{1,2}[/.]\d{1,2}\b|\d\d-\d\d\s|\d{1,2}\s+[A-Z][a-z]{2}|"
                       r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")


def _text_paragraphs(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    if "\n\n" in text:  # blank lines mark the paragraphs; other newlines are wrapping
        blocks = re.split(r"\n\s*\n", text)
        return "\n\n".join(_block(block) for block in blocks if block.strip())
    return "\n\n".join(collapse(line) for line in text.split("\n") if line.strip())


def _block(block: str) -> str:
    """A paragraph's wrapped lines joined, except a list's lines (tour dates, track lists),
    each kept on its own line."""
    lines = [line for line in block.split("\n") if line.strip()]
    if sum(1 for line in lines if LIST_LINE.match(line)) < 2:
        return collapse(block)
    return "\n".join(collapse(line) for line in lines)


def read_article_file(name: str, data: bytes) -> tuple[str | None, str]:
    """(title, text) of a local file for `fanzine ingest PATH`: HTML pages or plain text."""
    if PurePath(name).suffix.lower() in HTML_SUFFIXES or _looks_like_html(data):
        page = extract_page(data)
        return page.title, page.text
    lines = _decode_text(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title, rest = _text_title(lines)
    return title, _text_paragraphs(rest)
