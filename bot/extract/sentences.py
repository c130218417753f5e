"""Paragraphs and sentences of an article, with photo credits, bylines and headlines removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.names import NAME

# Lines that are photo credits, captions or bylines: they name photographers and agencies,
# which would otherwise turn into people, labels or artists.
CREDIT = re.compile(
    r"(?:/\s*(?:Getty|FilmMagic|WireImage|Shutterstock|AP|Reuters|Invision|Redferns)\b"
    r"|\bGetty Images\b|\bFilmMagic\b|\bWireImage\b|^\s*(?:Photo|Image|Credit|Photograph)s?"
    r"(?: by| credit)?\s*[:|]|^\s*\(?(?:Photo|Image) (?:by|via|courtesy)\b|^\s*By [A-Z][^.]{0,60}\|"
    r"|\|\s*Published:|^\s*\(\s*With inputs from)",
    re.I,
)
# Abbreviations after which a full stop does not end a sentence ("No. 1", "feat. BTS").
ABBREVIATIONS = frozenset(
    [
        "no", "vol", "feat", "ft", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "pt", "op",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "co", "ltd",
        "corp", "approx", "est", "dept", "fig", "prof", "rev", "gen", "sgt", "capt", "lt", "col",
        "mt", "ave", "blvd", "e.g", "i.e", "etc", "a.m", "p.m", "u.s", "u.k", "u.n"
    ]
)
SPLIT = re.compile(r"(?<=[.!?…])([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9À-Þ@#])")
WORD_BEFORE = re.compile(r"([\w.]+)\.[\"”’')\]]*$")
LISTED_DATE = re.compile(
    r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d\d-\d\d(?=\s)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)[a-z]*)\b(?:,?\s+\d{4})?(?:\s*[-–—:|@]|\s+(?=[A-Z]))")
# "(Photo by Jo Pix/Getty Images)" inside a line; it needs a bracket, so lines without one skip it
INLINE_CREDIT = re.compile(r"\s*[(\[](?:Photo|Image|Credit|Photograph|Pictured)[^)\]]{0,120}[)\]]",
                           re.I)
# An embedded post's signature and link ("… pic.twitter.com/Ab12 — Salt Honey (@salthoney)
# July 26, 2023", "A post shared by Lena Morrow (@lenamorrow) on Jul 26, 2023 at 9:14am PDT"):
# the day it was posted is no event of the article, and the handle no name. The post's own
# words stay (an act's "New single out Friday" is news).
_POSTED = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
           r"(?:\s+at\s+\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?")
EMBED = re.compile(
    rf"\s*\bpic\.twitter\.com/\w+|\s*[—–]\s*[^()\n]{{0,80}}\(@[\w.]{{1,40}}\)\s+{_POSTED}"
    rf"|\s*\bA post shared by\s+[^()\n]{{0,80}}\(@[\w.]{{1,40}}\)(?:\s+on\s+{_POSTED})?", re.I)
# A publishing system's shortcodes left in the text ('[artist id="1022"]Kai Dorne[/artist]',
# '[caption id="attachment_9" width="600"]'): the markup goes, the words inside stay. Only a
# closing tag or one with attributes: "[sic]" and "[Foster, his wife]" are the writer's.
SHORTCODE = re.compile(
    r"\[/[a-z_][\w-]{0,30}\]"
    r"|\[[a-z_][\w-]{0,30}(?:\s+[\w-]{1,30}="
    r"(?:\"[^\"\]\n]{0,200}\"|'[^'\]\n]{0,200}'|[^\s\]\"']{1,100}))+\s*/?\]", re.I)
# A line that is an act, a dash and a title, nothing else: a round-up's sub-heading
HEADING_LINE = re.compile(rf"^{NAME}\s+(?:(?:feat\.|ft\.|featuring|x|&)\s+{NAME}\s+)?[–—]\s+"
                          r"[“\"‘']?[A-Z0-9][^.!?;:–—]{0,80}?[”\"’']?$")
MAX_SENTENCE = 1000  # characters; real sentences are far shorter
TERMINAL = re.compile(r"[.!?…\"”’')]\s*$")


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    index: int  # position of the sentence in the article


def is_credit(line: str) -> bool:
    """A photo credit, byline or caption line rather than article prose."""
    return len(line) < 200 and CREDIT.search(line) is not None


def is_headline(line: str, title: str | None) -> bool:
    """A headline (the title repeated, or a short line without closing punctuation)."""
    stripped = line.strip()
    if LISTED_DATE.match(stripped):
        return False
    if title and _norm(stripped) == _norm(title):
        return True
    return len(stripped.split()) <= 25 and TERMINAL.search(stripped) is None


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def paragraphs(text: str, title: str | None = None) -> list[str]:
    """The prose paragraphs: blank-line separated, credits and headlines dropped."""
    out: list[str] = []
    if "[" in text:
        text = SHORTCODE.sub("", text)
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        # a block's lines are one paragraph wrapped, less any credit line inside it
        # "(Photo by Jo Pix/Getty Images)" inside a paragraph goes, the paragraph stays
        lines = [" ".join((INLINE_CREDIT.sub("", line) if "(" in line or "[" in line
                           else line).split()) for line in block.splitlines()]
        if "(@" in block or "pic.twitter" in block:
            lines = [EMBED.sub("", line).strip() for line in lines]
        lines = [line for line in lines if line and not is_credit(line)]
        dated = [line for line in lines if LISTED_DATE.match(line)]
        if len(dated) >= 2 and len(dated) * 2 >= len(lines):
            # a list of dates ("03/14 – Seattle, WA @ The Crocodile"), each line apart; an
            # undated line inside it is kept too ("Jan. 2" above "Bo Wilkes is 30.")
            out.extend(line for line in lines
                       if LISTED_DATE.match(line) or not is_headline(line, title))
            continue
        # a round-up's sub-heading ("Tallow Creek – Long Way Home") is a line of its own,
        # kept (it says whose the paragraph below is), never run into the next sentence
        run: list[str] = []
        for line in lines:
            if HEADING_LINE.match(line) and not (title and _norm(line) == _norm(title)):
                out.extend(_prose(run, title))
                out.append(line)
                run = []
            else:
                run.append(line)
        out.extend(_prose(run, title))
    return out


def _prose(lines: list[str], title: str | None) -> list[str]:
    para = " ".join(lines)
    return [para] if para and not is_headline(para, title) else []


def split(paragraph: str) -> list[str]:
    """Sentences of one paragraph; abbreviations such as "No. 1" and "p.m. KST" do not split."""
    pieces: list[str] = []
    start = 0
    for match in SPLIT.finditer(paragraph):
        head = paragraph[start:match.start() + len(match.group(1))]
        word = WORD_BEFORE.search(head[-40:])  # the tail only: a long run stays linear
        if word and (word.group(1).casefold() in ABBREVIATIONS
                     or (len(word.group(1)) == 1 and word.group(1).isupper())):
            continue  # "No. 1", "Vol. 2", an initial such as "J. Cole"
        pieces.append(head.strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [chunk for p in pieces if p for chunk in _chunks(p)]


def _chunks(sentence: str) -> list[str]:
    """A run-on "sentence" (a list, a table, junk) cut at spaces into pieces of MAX_SENTENCE:
    every rule looks at most a sentence at a time, so this bounds the work per piece."""
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    out: list[str] = []
    while len(sentence) > MAX_SENTENCE:
        cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        out.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        out.append(sentence)
    return out


def sentences(text: str, title: str | None = None) -> list[Sentence]:
    return sentences_of(paragraphs(text, title))


def sentences_of(paras: list[str]) -> list[Sentence]:
    """The sentences of paragraphs already found (the extractor reads the paragraphs too)."""
    out: list[Sentence] = []
    for p_index, para in enumerate(paras):
        for sent in split(para):
            out.append(Sentence(sent, p_index, len(out)))
    return out
