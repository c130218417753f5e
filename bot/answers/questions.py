"""Questions read around the names in them: their words, the runs names may fill, the intent."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.errors import UserError
from bot.extract.dates import MONTH
from bot.facts.names import normalise

MAX_QUESTION = 300
EXAMPLES = ('"When did Glass Harbour come out?", "Who directed Glass Harbour?", '
            '"What label is Mara Vale on?", "What is coming up for Mara Vale?", '
            '"What do we know about Mara Vale?"')
HINT = f"Try a question such as {EXAMPLES}"
# The longest name looked for, in words ("I Don't Know How To Stay Awake" is seven).
LONGEST_NAME = 9
_QUOTES = "\"'`‘’“”«»"
_KINDS = {"album": "album", "lp": "album", "record": "album", "mixtape": "album",
          "single": "single", "song": "single", "track": "single", "ep": "ep",
          "video": "music_video", "mv": "music_video"}
# Words that are never a name by themselves, nor a name's first or last word: what questions
# are made of. Fans type names in lower case too, so capitals alone cannot tell names apart.
STOP = frozenset(re.findall(r"\S+", """
a about after again all also am an and any anything are as at be been before being both but by
can could did do does doing done during each else ever for from get gets getting got had has
have having he her here hers him his how i if in into is it its just know let me more most my
no not now of on one or our out over own same she should so some still such than that the their
them then there these they this those through to too under until up upon us very was we were
what whats when where which while who whom whose why will with would yet you your
tell show give find please say said anyone someone something people fans fan
"""))
# Words of the questions themselves (never names): music nouns, the verbs fans ask with.
QUESTION_WORDS = frozenset(re.findall(r"\S+", """
album albums single singles song songs track tracks ep eps lp record records video videos mv
music release released releases releasing drop drops dropped dropping come comes came coming
arrive arrives premiere premiered launch launched due scheduled slated expected set date dates
day time year years new next latest newest last first original originally old initial recent
upcoming planned tour tours touring show shows concert concerts gig gigs play plays played
playing perform performs performed ticket tickets sale sales sold sell sells copies units
direct directed director directors directing produce produced producer producers production
wrote write writes written writer writers penned songwriter songwriters label labels signed
sign company imprint featured featuring features feature guest guests sings sing appears appear
member members band group joined join joins left leave leaves leaving quit replaced replace
partner wife husband spouse girlfriend boyfriend married marry dating fiance fiancee mother
father parent parents child children kid kids son sons daughter daughters baby babies born
birthday bday birth age old turn turns turned years anniversary news articles stories story
posts name names many much long far week weeks number chart charts stream streams streamed
start starts started begin begins kick kicks end ends watch available cover covers covered
"""))
_RELATIONS = {"daughter": "child", "son": "child", "child": "child", "baby": "child",
              "kid": "child", "wife": "partner", "husband": "partner", "partner": "partner",
              "girlfriend": "partner", "boyfriend": "partner", "fiance": "partner",
              "fiancee": "partner", "spouse": "partner"}


@dataclass(frozen=True)
class Token:
    """One word of the question: as typed (punctuation trimmed), folded, and its shape."""

    text: str
    norm: str
    possessive: bool
    quoted: bool
    capital: bool
    # A comma, colon or full stop follows it: a name does not run on past it.
    ends_clause: bool = False
    # A comma follows it (some names hold one: "Velvet Heart, Sacred Harbour").
    comma: bool = False


@dataclass(frozen=True)
class Question:
    """What is asked (intent) of the names found, with what else the question says."""

    intent: str
    text: str
    # Content words other than the names (for ranking quoted sentences).
    words: tuple[str, ...] = ()
    # The year a "how old … in 2023" question asks about.
    year: int | None = None
    # The kind of release named ("X's new album"), if any.
    kind: str | None = None
    # "X's daughter": the relative asked about ("child" or "partner").
    relation: str | None = None
    # "How many …", "how much …": a figure is wanted.
    counting: bool = False


def check_question(text: str) -> str:
    """The question on one line; UserError for an empty or overlong one."""
    question = re.sub(r"\s+", " ", (text or "")).strip()
    if not question or not re.search(r"\w", question):
        raise UserError(f"Ask a question about an artist or a release. {HINT}.")
    if len(question) > MAX_QUESTION:
        raise UserError(f"That question is {len(question)} characters; keep it under "
                        f"{MAX_QUESTION + 1}. {HINT}.")
    return question


# Question words as fans type them in a hurry ("wat label is she on", "whens the showcase"),
# as the question's first word only (a name may be spelt so: "Wen Lio")
_TYPED = {"wat": "what", "wut": "what", "wht": "what", "whta": "what", "waht": "what",
          "wats": "what's", "whats": "what's", "wen": "when", "whn": "when", "wehn": "when",
          "whens": "when's", "wher": "where", "wheres": "where's", "whos": "who's", "hw": "how",
          "hwo": "how"}
_TYPED_WORD = re.compile(r"^(?:and |so |ok |okay )?(" + "|".join(_TYPED)
                         + r")\b(?!\s+(?-i:[A-Z]))", re.I)


def spelled(text: str) -> str:
    """The question with its question words spelt out ("wat" is "what", "whens" "when's")."""
    typed = _TYPED_WORD.match(text)
    if typed is None:
        return text
    return text[:typed.start(1)] + _TYPED[typed.group(1).casefold()] + text[typed.end(1):]


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Where quoted titles stand (inner character ranges): double quotes pair up; single quotes
    pair up too, except that a lone opening quote runs to the last closing one ("'I Ain't
    Comin' Back'")."""
    regions = [(m.start(1), m.end(1)) for m in _DOUBLE.finditer(text)]
    openers = [m.start() for m in _OPEN_SINGLE.finditer(text)
               if not any(a <= m.start() < b for a, b in regions)]
    pattern = _SINGLE_GREEDY if len(openers) == 1 else _SINGLE_LAZY
    regions += [(m.start(1), m.end(1)) for m in pattern.finditer(text)
                if not any(a <= m.start() < b for a, b in regions)]
    return regions


_DOUBLE = re.compile(r"[\"“«]([^\"”»]+)[\"”»]")
_OPEN_SINGLE = re.compile(r"(?<!\w)['‘](?=\w)")
_SINGLE_GREEDY = re.compile(r"(?<!\w)['‘](\w.*\S)['’](?!\w)")
_SINGLE_LAZY = re.compile(r"(?<!\w)['‘](\w.*?\S)['’](?!\w)")
_TRIM = _QUOTES + ",.;:!?()[]"


def tokenize(text: str) -> list[Token]:
    """The question's words, each knowing whether it is quoted, possessive or capitalised."""
    regions = _quoted_regions(text)
    out: list[Token] = []
    for match in re.finditer(r"\S+", text):
        raw = match.group(0)
        lead = len(raw) - len(raw.lstrip(_TRIM))
        word = raw.strip(_TRIM)
        if not word:
            continue
        at = match.start() + lead
        quoted = any(a <= at < b for a, b in regions)
        # "Mercer's", "James'": not a closing quote of a quoted title.
        closing = any(at < b <= match.end() and b < len(text) and text[b] in "'’"
                      for a, b in regions)
        tail = raw.rstrip(",.;:!?()[]\"”»")
        possessive = not closing and bool(re.search(r"\w['’]s$|s['’]$", tail))
        # "V.R.K." and "Jr." end in a full stop that ends no clause.
        ends = raw.rstrip("\"”»'’)]")[-1:] in ",;:!?" or (
            raw.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,2}", word))
        comma = raw.rstrip("\"”»'’)]")[-1:] == ","
        out.append(Token(word, normalise(word), possessive, quoted, word[:1].isupper(), ends,
                         comma))
    return out


def _bare(token: Token) -> str:
    """A possessive word without its "'s"."""
    return normalise(re.sub(r"['’]s?$", "", token.text)) if token.possessive else token.norm


def spans(tokens: Sequence[Token]) -> dict[str, list[tuple[int, int]]]:
    """Every run of words that may be a name, by its normalised forms: (start, end) pairs.

    A run never starts or ends with a question's small words; a possessive word ends a run,
    and is also tried without its "'s" ("Lena Morrow's" is Lena Morrow).
    """
    found: dict[str, list[tuple[int, int]]] = {}
    for start in range(len(tokens)):
        if _never_edge(tokens[start]):
            continue
        for end in range(start + 1, min(len(tokens), start + LONGEST_NAME) + 1):
            last = tokens[end - 1]
            if not _never_edge(last):
                words = [t.norm for t in tokens[start:end]]
                forms = {" ".join(words)}
                if last.possessive:
                    forms = {" ".join([*words[:-1], _bare(last)])} | forms
                for form in forms:
                    if form:
                        found.setdefault(form, []).append((start, end))
            if last.possessive and not last.quoted:
                # A name never runs on past a possessive ("Mara Vale's album Salt Lines").
                break
    return found


def _never_edge(token: Token) -> bool:
    # "No Light on the Water", "If I Didn't Call You": a small word typed with a capital (or
    # quoted) may start or end a title; the question's own small words may not.
    return not token.norm or (token.norm in STOP and not token.quoted and not token.capital)


# Small words that may stand inside a name between capitalised words ("Letters of Lisbon").
_CONNECTORS = frozenset({"of", "on", "the", "and", "in", "to", "for", "a", "an", "at", "&", "+",
                         "de", "la", "le", "y", "n"})


def loose_runs(tokens: Sequence[Token], taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of words outside the names found that are not question words: maybe unknown names
    or misspelt ones, longest first. A run with capitals is trimmed to them ("Nina Cordell"
    of "Nina Cordell once")."""
    used = {i for start, end in taken for i in range(start, end)}
    used |= _days(tokens)  # "What came out on June 7?": a day, not someone called June
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, token in enumerate([*tokens, None]):
        link = (token is not None and start is not None and i not in used
                and token.norm in _CONNECTORS and not token.capital and i + 1 < len(tokens)
                and tokens[i + 1].capital and tokens[i - 1].capital
                and not tokens[i - 1].ends_clause)
        name_like = token is not None and i not in used and (link or _name_word(token, i))
        if name_like and start is None:
            start = i
        elif not name_like and start is not None:
            runs.append((start, i))
            start = None
        if token is not None and start is not None and not token.quoted and (
                token.possessive or token.ends_clause):
            runs.append((start, i + 1))
            start = None
    trimmed = [_trim(tokens, run) for run in runs]
    # "Deluxe and Super Deluxe Editions of Underlantern": its parts may be names of their own.
    trimmed += [part for run in trimmed for part in _parts(tokens, run) if part != run]
    return sorted((r for r in trimmed if r[1] > r[0]), key=lambda r: (r[0] - r[1], r[0]))


def typed_names(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Runs typed as one name, whatever parts of it the fact base knows: capitalised or quoted
    words, joined by small connecting words ("Kingdom of the Careless Letters") or a comma
    between capitalised words ("Velvet Heart, Sacred Harbour"), from a capitalised "The" or
    "A" before them ("The Painted Ghosts"), and with the lower-case words after them as a run
    of its own too ("Lumière sleeping"); longest first. A misspelt name is looked for as a
    whole: its parts may be other names ("Sacred Harbour" of "Velvet Heart, Sacred Harobur")."""
    days = _days(tokens)

    def strong(i: int) -> bool:  # (the question's first word only before another)
        token = tokens[i]
        return i not in days and (token.quoted or (token.capital and token.norm not in STOP
                                                   and (i > 0 or (token.norm not in QUESTION_WORDS
                                                                  and len(tokens) > 1
                                                                  and strong(1)))))

    def article(i: int) -> bool:  # "The", "A" typed with a capital right before a name word
        return (tokens[i].capital and tokens[i].norm in _ARTICLES and i + 1 < len(tokens)
                and strong(i + 1))

    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not (strong(i) or article(i)):
            i += 1
            continue
        start, end = i, i + 1
        while end < len(tokens):
            last = tokens[end - 1]
            if last.possessive and not last.quoted:
                break  # a name never runs on past a possessive
            if strong(end) and (not last.ends_clause or last.quoted or last.comma):
                end += 1
                continue
            gap = end
            while gap < len(tokens) and gap - end < 3 and tokens[gap].norm in _JOINING \
                    and not tokens[gap - 1].ends_clause and gap not in days:
                gap += 1
            if gap > end and gap < len(tokens) and (strong(gap) or article(gap)):
                end = gap + 1
                continue
            break
        # Lower-case words may end a name ("Lumière sleeping", "Тихий огонь дождь и город"):
        # all of them, as a part alone may be another name ("Тихий огонь дождь").
        tail = end
        while (tail < len(tokens) and not tokens[tail - 1].ends_clause
               and not tokens[tail - 1].possessive and _plain_word(tokens[tail], tail, days)):
            tail += 1
        runs.append((start, end))
        if tail > end:
            runs.append((start, tail))
        i = tail
    return sorted(runs, key=lambda r: (r[0] - r[1], r[0]))


_ARTICLES = frozenset({"the", "a", "an"})
# Small words that may join the words of one name typed as a whole ("Running from Golden
# Night", "Dancing with Pale Static").
_JOINING = _CONNECTORS | {"from", "with", "without", "into", "over", "under", "through",
                          "beyond", "across"}


def _plain_word(token: Token, index: int, days: set[int]) -> bool:
    """A lower-case word that is no small word, question word, number or day."""
    return (not token.capital and not token.quoted and token.norm.isalpha()
            and token.norm not in STOP and token.norm not in QUESTION_WORDS
            and index not in days)


def _parts(tokens: Sequence[Token], run: tuple[int, int]) -> list[tuple[int, int]]:
    """A run cut at its small connecting words (only runs that have them)."""
    out: list[tuple[int, int]] = []
    start = run[0]
    for i in range(run[0], run[1]):
        if tokens[i].norm in _CONNECTORS and not tokens[i].capital and not tokens[i].quoted:
            if i > start:
                out.append((start, i))
            start = i + 1
    if out and start < run[1]:
        out.append((start, run[1]))
    return out


# a month's name, whole or cut, as the extractor reads one (case aside)
_MONTH_WORD = re.compile(rf"(?i:{MONTH})")


def _days(tokens: Sequence[Token]) -> set[int]:
    """The month words written beside a day number ("June 7", "7th June")."""
    def number(i: int) -> bool:
        return 0 <= i < len(tokens) and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", tokens[i].norm) \
            is not None
    return {i for i, t in enumerate(tokens)
            if _MONTH_WORD.fullmatch(t.norm) is not None and (number(i + 1) or number(i - 1))}


# Capitals that name a video or a time zone, never someone ("When are the MV teasers?", "at
# 6 p.m. KST"); ("their first EP?" stays: `quoting.mentioned` speaks of "the EP")
_CAPITAL_WORDS = frozenset(("mv", "mvs", "kst", "est", "pst", "edt", "pdt", "gmt", "bst", "utc",
                            "cet"))


def _name_word(token: Token, index: int) -> bool:
    if token.norm in _CAPITAL_WORDS and not token.quoted:
        return False
    if token.quoted or (token.capital and index > 0 and token.norm not in STOP):
        return True
    bare = _bare(token)
    return bare not in STOP and bare not in QUESTION_WORDS and not token.norm.isdigit()


def _trim(tokens: Sequence[Token], run: tuple[int, int]) -> tuple[int, int]:
    start, end = run
    strong = [i for i in range(start, end)
              if tokens[i].quoted or (tokens[i].capital and i > 0)]
    return (strong[0], strong[-1] + 1) if strong else run


def looks_like_name(tokens: Sequence[Token], run: tuple[int, int]) -> bool:
    """Quoted or capitalised (beyond the question's first word): typed as a name."""
    part = tokens[run[0]:run[1]]
    return any(t.quoted for t in part) or any(
        t.capital for i, t in enumerate(part, start=run[0]) if i > 0)


def surface(tokens: Sequence[Token], run: tuple[int, int]) -> str:
    """The words of a run as typed, a final "'s" dropped."""
    words = [t.text for t in tokens[run[0]:run[1]]]
    if words and tokens[run[1] - 1].possessive:
        words[-1] = re.sub(r"['’]s?$", "", words[-1])
    return " ".join(words)


_TRADE = (r"(?:guitarist|drummer|bassist|keyboardist|pianist|vocalist|frontman|frontwoman|"
          r"singer|dj)")
# (pattern over the question with each name replaced by "§", intent); the first that matches
# wins, so the narrower asks come first.
_INTENTS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), i) for p, i in [
    # "Why did she leave the band?": no stored fact says why; the articles are quoted
    (r"^(?:and )?why\b|\band why\W*$", "open"),
    (r"\bhow old\b|\bwhat age\b|\bage of\b", "age"),
    # "What is Lux-V's real name?", "What was she born as?" (before "born": no birthday)
    (r"\b(?:real|birth|legal|given|full|original) names?\b|\bborn as\b|\bnamed at birth\b",
     "real_name"),
    # "When did Tom Reyes get married?": the wedding's day, not who the partner is
    # ("Where did they get married?": the wedding's sentence, which says where)
    (r"\b(?:when|where|what (?:date|day|year)|which (?:date|day|year))\b.*\b(?:married|marry|"
     r"wed|wedding|engaged|divorced)\b", "event"),
    (r"\b(?:mother|father|mom|mum|dad|other parent) of\b", "partner"),
    (r"\bborn\b|\bbirthday|\bbday\b|\bbirth ?date\b|\bdate of birth\b", "birthday"),
    (r"\bhow many\b.*\b(?:sold|sell|copies|units)\b|\brecord sales\b|\bhow many records\b",
     "records_sold"),
    (r"\bchart\w*|\bpeak\w*|\bnumber (?:one|1)\b|\bno\. ?\d+\b|\bhot 100\b|\bbillboard\b|"
     r"\bhow high\b|\btop (?:10|ten|40|5|five)\b", "chart"),
    (r"\b(?:child|children|kids?|sons?|daughters?|babies|baby)\b", "child"),
    # (a "duet partner" or "writing partner" is a collaborator: featuring, below)
    (r"\b(?<!duet )(?<!writing )(?<!songwriting )(?<!tour )(?<!business )"
     r"(?:partner|wife|husband|spouse|girlfriend|boyfriend|fianc\w*|married|marry|dating|"
     r"ex|exes|ex-\w+|engaged to|dated)\b|\bwho (?:did|does) § date\b", "partner"),
    # ("Who did the MV for X?", "who made her new video?": who directed it)
    (r"\bdirect\w*|\bwho shot\b|\bfilmed\b|\bwho (?:did|made) (?:[\w'§]+ ){0,3}?(?:music )?"
     r"(?:video|mv)s?\b", "director"),
    (r"\bproduc\w*", "producer"),
    (r"\b(?:wrote|write|writes|written|writers?|penned|co-?wr\w+|songwriters?)\b", "writer"),
    # ("Which company manages X?": a K-pop act's agency is its label)
    (r"\blabels?\b|\bsigned\b|\brecord (?:company|deal)\b|\bimprint\b|\bagency\b|"
     r"\b(?:which|what) (?:company|entertainment)\b|\bmanagement company\b", "label"),
    (r"\bmembers?\b|\bjoin\w*|\bleft\b|\bleav\w*|\bquit\w*|\breplac\w*|\bline-?up\b|"
     r"\bwho(?:'s| is| are| plays?)? (?:in|for) (?:the )?§|"
     # "Who is the new guitarist of X?", "who are X's drummers": a trade in a band
     rf"\bwho(?:'s| is| are| was| were)? (?:the |§'s )?(?:new |current |former |original |"
     rf"founding |lead )?{_TRADE}s?\b(?! (?:on|with)\b)", "members"),
    (r"\b(?:original|originally|first|initial|old)\b.*\b(?:dates?|due|scheduled|set|planned)\b"
     r"|\bbefore (?:it was|the) (?:delay|push)\w*|\bold and new\b"
     # "When was it supposed to come out?": the plan before the move
     r"|\b(?:was|were)\b.*\b(?:supposed|meant) to\b", "original_date"),
    (r"coming up|upcoming|\bplanned\b|on the horizon|doing next|\bup to\b|what'?s next",
     "upcoming"),
    # "What songs are on X?", "Is X on Y?", "What album is X from?": a record's tracks,
    # which no stored fact lists; the sentence that names them ("the album includes …")
    (r"\b(?:what|which) (?:songs|tracks) (?:are|is|were|will be) (?:on|in)\b|\btrack ?list"
     r"|\bhow many (?:songs|tracks)\b|^(?:is|are|was) § (?:on|from|part of) (?:the )?§"
     # "Is Nia Vale on the album?": a guest or a song on a record the question does not name
     r"|^(?:is|are|was|will) § (?:be )?(?:on|in|part of) (?:the |their |her |his |its |this "
     r"|that |new )*(?:album|record|ep|lp|mixtape|deluxe|reissue|tracklist)\b"
     r"|\b(?:what|which) (?:album|record|ep|lp|mixtape) (?:is|was|are|were) § (?:on|from|in)\b"
     r"|^what(?:'s| is) on (?:the )?§", "tracks"),
    # "What albums has Mara Vale released?", "Mara Vale discography" (not "which songs does
    # he cover on the album?": the name must be the one whose releases are asked for)
    (r"\b(?:what|which) (?:albums|singles|songs|releases|records|eps|mixtapes) (?:has|have|did|"
     r"does|do) §|\bdiscography\b|^§'?s? (?:albums|singles|songs|releases)\W*$", "releases"),
    (r"\b(?:articles?|news|stories|posts)\b", "articles"),
    (r"\bwhat(?:'s| is| will be)\b.*\bnext\b", "next_release"),
    (r"\bwhat(?:'s| is| was)\b.*\b(?:latest|newest|most recent|last|new)\b", "latest_release"),
    (r"\b(?:when|what (?:date|day|time|year)|release date|which (?:date|day|year))\b.*"
     r"\b(?:out|drop\w*|releas\w*|come|comes|came|coming|arriv\w*|land\w*|premiere\w*|"
     r"launch\w*|due|scheduled|slated|expected|available|comeback)\b"
     r"|\brelease date\b"
     # "Is X out yet?", "Has X dropped?"
     r"|^(?:is|are) § (?:out|available|released)\b|\bout yet\b|^(?:has|have) § (?:come out|"
     r"dropped|been released|arrived)\b", "release_date"),
    # "Who sings Lowlands?", "Who is Lowlands by?", "Whose album is X?": the release's act
    # ("who sings on X?" is a guest, below)
    (r"\bwho (?:sings|sang|performs|performed|released|made|recorded|put out|puts out|"
     r"dropped|(?:is|was) behind)\b(?! (?:on|with|in|for)\b)|\bwho(?:'s| is| was)? § by\b|"
     r"\bby whom\b|§ (?:is|was) by who|\bwhose (?:album|song|single|track|record|ep|mixtape|"
     r"video)\b|\b(?:which|what) (?:band|artist|group|singer|rapper|act|duo) (?:sings|sang|"
     r"released|made|recorded|put out|performs|performed|did)\b(?! (?:on|with)\b)", "artist"),
    (r"\bfeatur\w*|\bguests?\b|\bcollab\w*|\bwith whom\b|\bduets?\b|"
     r"\bwho(?:'s| is| are| else is| was| else)? (?:on|featured)\b|"
     r"\bwho (?:else )?(?:appears|sings|raps|performs|joins \S+) (?:on|with)\b", "featuring"),
    (r"\bwhen\b|\bwhat (?:date|day|time|year)\b|\bwhich (?:date|day|year)\b|\bwhere\b|"
     r"\bhow long\b", "event"),
    (r"^(?:what do (?:we|you) know|what can you tell me|tell me|what'?s new|what is new|"
     r"anything new|news)\b.*§|^(?:who|what) (?:is|are|was|were) (?:the )?§\W*$|^§\W*$|"
     r"\bwhat(?:'s| has)? happen\w* (?:to|with) §", "about"),
]]
_ROLE_WORDS = re.compile(r"\b(?:album|single|song|track|ep|mini[- ]album|record|lp|mixtape"
                         r"|video|mv|release)s?\b")


# Words STOP holds for "show me", "tell me", "say", that are what is asked in "her last
# show", "what did she say?"
_SHOW_AFTER = frozenset(("the", "her", "his", "their", "last", "final", "first", "next", "a",
                         "that", "this", "its", "our", "farewell", "live"))


def _content(tokens: Sequence[Token], i: int) -> bool:
    word = _bare(tokens[i])
    if word in ("show", "shows"):
        return i > 0 and (tokens[i - 1].possessive or _bare(tokens[i - 1]) in _SHOW_AFTER)
    if word in ("say", "said"):
        return i == len(tokens) - 1 or _bare(tokens[i + 1]) in ("about", "on", "in")
    return False


def read_question(text: str, tokens: Sequence[Token],
                  names: Sequence[tuple[int, int]]) -> Question:
    """The intent of a question whose names are at `names` (token runs), from the other words."""
    masked = _masked(tokens, names).casefold()
    intent = "open"
    for pattern, name in _INTENTS:
        if pattern.search(masked):
            intent = name
            break
    counting = bool(re.search(r"\bhow (?:many|much)\b", masked))
    if intent == "chart" and counting:
        intent = "open"  # "how many weeks at number one?": a figure, quoted like any other
    year = None
    if intent == "age":
        when = re.search(r"\b(?:in|by)\s+(?:\w+\s+)?((?:19|20)\d{2})\b", text)
        year = int(when.group(1)) if when else None
    kind_word = _ROLE_WORDS.search(masked)
    kind = _KINDS.get(kind_word.group(0).rstrip("s")) if kind_word else None
    if kind_word and kind_word.group(0).startswith("mini"):
        kind = "album"
    relation = _relation(tokens, names)
    used = {i for start, end in names for i in range(start, end)}
    words = tuple(dict.fromkeys(
        _bare(t) for i, t in enumerate(tokens)
        if i not in used and (_bare(t) not in STOP or _content(tokens, i))
        and len(_bare(t)) > 1))
    return Question(intent, text, words, year, kind, relation, counting)


def _masked(tokens: Sequence[Token], names: Sequence[tuple[int, int]]) -> str:
    starts = {start: end for start, end in names}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i in starts:
            out.append("§'s" if tokens[starts[i] - 1].possessive else "§")
            i = starts[i]
            continue
        out.append(tokens[i].text.replace("’", "'"))
        i += 1
    return " ".join(out)


def _relation(tokens: Sequence[Token], names: Sequence[tuple[int, int]]) -> str | None:
    """"Sorel's daughter": the relative named right after a possessive name."""
    for _start, end in names:
        if not tokens[end - 1].possessive:
            continue
        for token in tokens[end:end + 3]:
            if token.norm in _RELATIONS:
                return _RELATIONS[token.norm]
            if token.norm not in {"new", "newborn", "baby", "eldest", "youngest", "first",
                                  "oldest", "second", "infant"}:
                break
    return None
