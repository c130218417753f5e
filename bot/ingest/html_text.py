"""Plain text from HTML fragments (feed titles, summaries, content) and decoding page bytes."""

from __future__ import annotations

import codecs
import html
import re
import threading

from lxml import etree
from lxml import html as lxml_html

# Elements that end a paragraph; their text starts a new one.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "thead", "tfoot", "tr", "ul", "body", "html",
})
# Elements whose text a reader never sees as prose.
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "head", "title", "button", "select", "textarea",
})
WHITESPACE = re.compile(r"\s+")
# A tag stops at the next "<" so that no two attempts scan the same characters: with [^>]*, a
# text of many "<b" and no ">" cost O(n^2) (a 200 KB feed summary: about 5 s).
TAG = re.compile(r"<[^<>]*+>")
TAG_START = re.compile(r"</?[A-Za-z][^<>]*+>|<!--|&#?\w++;")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
# Labels that the HTML standard decodes as windows-1252 anyway.
WESTERN = frozenset({"cp1252", "iso8859-1", "ascii"})  # as codecs.lookup names them
# lxml parser objects must not be used by two threads at once, and extraction runs in an
# executor, so each thread gets its own.
_local = threading.local()


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True,
                                  no_network=True)
        _local.parser = parser
    return parser


def collapse(text: str) -> str:
    """`text` on one line: runs of whitespace (including no-break spaces) as one space."""
    return WHITESPACE.sub(" ", text).strip()


def html_paragraphs(fragment: str) -> list[str]:
    """The paragraphs a browser would show for `fragment`, each on one line (<br> kept as \\n)."""
    fragment = XML_DECLARATION.sub("", fragment)
    if not fragment.strip():
        return []
    try:
        root = lxml_html.document_fromstring(fragment, parser=_parser())
    except (etree.ParserError, ValueError):
        # lxml refuses some inputs outright (only a comment, stray control bytes); a crude
        # tag strip still gives the words.
        text = collapse(html.unescape(TAG.sub(" ", fragment)))
        return [text] if text else []
    paragraphs: list[str] = []
    lines: list[str] = []
    words: list[str] = []

    def end_line() -> None:
        line = collapse("".join(words))
        words.clear()
        if line:
            lines.append(line)

    def end_paragraph() -> None:
        end_line()
        if lines:
            paragraphs.append("\n".join(lines))
            lines.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in SKIPPED:
                walker.skip_subtree()
                continue
            if tag in BLOCKS:
                end_paragraph()
            elif tag == "br":
                end_line()
            elif tag in ("td", "th"):
                words.append(" ")
            if element.text:
                words.append(element.text)
        else:
            if tag in BLOCKS:
                end_paragraph()
            if element.tail and element is not root:
                words.append(element.tail)
    end_paragraph()
    return paragraphs


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by blank lines."""
    return "\n\n".join(html_paragraphs(fragment))


def html_to_line(fragment: str) -> str:
    """Plain text of an HTML fragment on one line (for titles and summaries)."""
    if "<" not in fragment and "&" not in fragment:
        return collapse(fragment)  # most feed titles: no markup, so no parse
    return collapse(" ".join(html_paragraphs(fragment)))


def plain_line(text: str) -> str:
    """Text meant to be plain, on one line: any markup stripped and entities unescaped.

    Feeds escape titles once, twice or not at all; a literal "<3" that is not a tag stays.
    """
    if TAG_START.search(text):
        return html_to_line(text)
    return collapse(text)


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """Page bytes as text: BOM, then <meta charset>, then UTF-8, then windows-1252.

    A page declared as Latin-1 or windows-1252 whose bytes are valid UTF-8 is read as UTF-8:
    such multi-byte sequences are almost never meant as Western text, while servers that
    declare the wrong charset are common.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    match = META_CHARSET.search(data[:4096])
    declared = _codec(match[1].decode("ascii", "replace")) if match else None
    if declared in ("utf-16-le", "utf-16-be", "utf-16"):
        declared = None  # bytes that reached here without a BOM are not UTF-16
    if declared and declared not in WESTERN and declared != "utf-8":
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut in two at the end, as a size cap does
            return data[: error.start].decode("utf-8")
    return data.decode("cp1252", errors="replace")
