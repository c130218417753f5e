"""Answers quoted from the articles: the stored sentence that fits a question best, cited."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from bot.answers.matching import ENDING, nearest_date, question_words_at
from bot.answers.model import MAX_ANSWER, Answer, Source, show_date
from bot.answers.questions import Question
from bot.answers.quotes import Quote
from bot.extract.dates import DateSpan, find_dates
from bot.extract.releases import OLD_CUE
from bot.extract.roles import not_release
from bot.extract.titles import find_titles

# Words that help find the sentence for an intent, though the question may not use them.
HINTS: dict[str, tuple[str, ...]] = {
    "release_date": ("release", "released", "out", "drop", "arrives", "premiere", "due"),
    "original_date": ("originally", "pushed", "delayed", "moved", "release"),
    "next_release": ("release", "out", "upcoming", "new"),
    "latest_release": ("release", "new", "latest", "out"),
    "director": ("directed", "director"),
    "producer": ("produced", "producer", "production", "prod"),
    "writer": ("wrote", "written", "writer", "penned"),
    "label": ("label", "records", "signed", "via"),
    "featuring": ("featuring", "feat", "features", "guest", "with", "join", "duet", "team"),
    "artist": ("by", "from", "shared", "released"),
    "members": ("member", "joined", "left", "leaving", "replaced", "band"),
    "partner": ("wife", "husband", "partner", "married", "girlfriend", "boyfriend"),
    "child": ("son", "daughter", "child", "children", "baby", "welcomed"),
    "birthday": ("born", "birthday", "turns"),
    "age": ("born", "birthday", "turns", "old"),
    "records_sold": ("sold", "sales", "copies", "million"),
    "real_name": ("born", "real name", "birth name", "née"),
    "chart": ("chart", "peaked", "reached", "number", "top", "billboard", "debuted"),
    "upcoming": ("will", "upcoming", "tour", "release"),
    "tracks": ("includes", "tracks", "tracklist", "songs", "features", "opens", "closes"),
}
# Nouns that any music question may use without the answer's sentence using them.
_NOUNS = frozenset({"album", "albums", "song", "songs", "track", "tracks", "record", "records",
                    "single", "singles", "music", "video", "videos", "release", "releases",
                    "ep", "lp", "artist", "singer", "band", "group"})
# Words that only shape a question ("how much", "what year").
_GENERIC = _NOUNS | frozenset({"new", "next", "latest", "first", "last", "name", "names", "now",
                               "today", "come", "comes", "out", "much", "many", "long", "far",
                               "old", "time", "day", "date", "year", "years", "kind", "else"})
# Words that ask when something happens, not what: never the topic a quote must hold.
_WHEN_WORDS = frozenset({"coming", "came", "released", "release", "releases", "releasing",
                         "drop", "drops", "dropping", "dropped", "arrive", "arrives", "arriving",
                         "expected", "due", "happen", "happens", "happening", "happened",
                         "start", "starts", "begin", "begins", "end", "ends", "get", "gets"})
# What an answer to each intent holds: a date, a figure or a name.
_WANTS = {"release_date": "date", "original_date": "date", "next_release": "date",
          "latest_release": "date", "birthday": "date", "event": "date", "upcoming": "date",
          "age": "figure", "records_sold": "figure", "director": "name", "producer": "name",
          "writer": "name", "label": "name", "featuring": "name", "artist": "name",
          "partner": "name", "child": "name", "members": "name", "chart": "figure",
          "real_name": "name"}
# Month names whole or cut ("Sept."), capitalised: "decided" and "separate" are no months,
# and "may" and "march" are verbs.
_MONTH = (r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?|monday|tuesday"
          r"|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight")
_DATE = re.compile(rf"\b(?:{_MONTH})(?!\w)|\b(?:19|20)\d\d\b|\b\d{{1,2}}/\d{{1,2}}\b", re.I)
_DAY = re.compile(rf"\b(?:{_MONTH})\.?\s+\d{{1,2}}(?!\d)|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                  rf"(?:{_MONTH})\b|\b\d{{1,2}}/\d{{1,2}}\b", re.I)
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                     r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
                     r"|thousand|million|billion|dozen|first|second|third|fourth|fifth)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*")
# Kinds of release written in capitals: a question naming one names no one.
_CAPITAL_NOUNS = frozenset({"ep", "eps", "lp", "lps", "mv", "cd", "dvd"})
# The note every quoted answer carries: it is what an article says, not a fact checked.
NOTE = " (a quote from the article, not a checked fact)"


def search_words(question: Question) -> list[str]:
    """The words to rank sentences by: the question's own, what news writes instead of them
    (the first word of each RELATED phrase: "kicks" for "start"), then the intent's usual
    ones."""
    related = [other.split()[0] for w in question.words for other in _related(w)]
    reasons = _REASON_WORDS if asks_why(question.text) else ()
    # (the reasons before the rest, after the first of the other words news uses: a search
    # keeps the first few words only)
    return list(dict.fromkeys([*question.words, *related[:2], *reasons, *related,
                               *HINTS.get(question.intent, ())]))


def _related(word: str) -> tuple[str, ...]:
    """What news may write instead of `word` (RELATED keys are the words' starts)."""
    return next((v for k, v in RELATED.items() if word.casefold().startswith(k)), ())


def required(question: Question) -> list[str]:
    """Words a sentence must hold when the question names nobody: what it is really about
    ("donate" in "How much did she donate?", "leaving" and "band"), never the nouns any music
    question has ("song", "album")."""
    found = [w for w in question.words if w not in _GENERIC and w not in _WHEN_WORDS
             and not w.isdigit() and len(w) > 2]
    # ("Who is featured on Pale Fire?": the line "Pale Fire (with …)" answers without the word
    # the intent stands for; "Who left the band?" keeps "left", its only word)
    hints = HINTS.get(question.intent, ())
    topic = [w for w in found if not any(h.startswith(_stem(w)) for h in hints)]
    return topic if topic and question.intent in _ROLE_INTENTS else found


# A trade in a band ("the singer of X", "their drummer")
_TRADES = frozenset({"singer", "singers", "drummer", "drummers", "guitarist", "guitarists",
                     "bassist", "bassists", "keyboardist", "pianist", "vocalist", "vocalists",
                     "frontman", "frontwoman", "rapper", "rappers", "dancer", "dancers"})
# Intents whose own word ("featured", "produced") a credit line may leave out ("(prod. by …)")
_ROLE_INTENTS = frozenset({"featuring", "producer", "director", "writer"})


_COUNTED = re.compile(r"\bhow many\s+(\w+)")
# A count as news writes it: "12", "twelve", "a third" (week)
_NUMBER = (r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"thirteen|fifteen|twenty|thirty|forty|fifty|hundred|dozen|second|third|fourth|"
           r"fifth|sixth|seventh|eighth|ninth|tenth)")


def _stem(word: str) -> str:
    # "dates" is "date" ("a 14-date trek"), "weeks" is "week" ("a third week at No. 1")
    if len(word) >= 5 and word.endswith("s") and not word.endswith(("ss", "ies", "us", "is")):
        word = word[:-1]
    # "sitting" is "sit out", "dropped" is "drop": a doubled consonant before the ending goes
    doubled = re.fullmatch(r"(\w*?([b-df-hj-km-np-tv-z]))\2(?:ing|ed)", word)
    if doubled and len(doubled.group(1)) >= 3 and doubled.group(2) not in "ls":
        return doubled.group(1)
    return word[:max(4, len(word) - 3)] if len(word) > 5 else word


# What news writes for a word fans ask with ("Where does the tour start?" is answered by "the
# trek kicks off March 4 in Seattle"): each key's stem, and the words a sentence may use instead.
RELATED: dict[str, tuple[str, ...]] = {
    "tour": ("trek", "dates", "shows", "concerts", "leg "),
    "start": ("kicks off", "kick off", "opens", "begins", "launches"),
    "begin": ("kicks off", "kick off", "opens", "starts", "launches"),
    "end": ("wraps", "closes", "finishes"),
    "found": ("formed", "started", "co-founded"),
    "formed": ("founded", "started", "co-founded"),
    "former": (),  # (not "form")
    # "When did the band form?": "co-founded the group in 2003"
    "form": ("formed", "founded", "co-founded", "started"),
    "father": ("daughter of", "son of", "dad"),
    "mother": ("daughter of", "son of", "mom", "mum"),
    "parent": ("daughter of", "son of", "father", "mother"),
    "marr": ("wed", "wedding", "nuptials", "tied the knot", "ceremony"),
    "wedd": ("married", "wed", "tied the knot", "ceremony"),
    # ("is stepping away from the band", "steps down as singer")
    "leav": ("left", "stepping away", "exit", "quit", "depart", "step away", "steps away",
             "stepped away", "stepping down", "steps down", "stepped down"),
    "left": ("leav", "stepped away", "exit", "quit", "depart", "stepped down"),
    "quit": ("left", "leaving", "exit", "depart", "stepping away", "stepped away",
             "stepping down", "stepped down"),
    "join": ("recruited",),
    "replac": ("took over", "in place of", "succeeded", "join", "steps in", "stepping in"),
    "die": ("died", "passed away", "death"),
    "death": ("died", "passed away"),
    "stream": ("broadcast", "webcast", "livestream", "online"),
    "direct": ("directed", "director", "helmed", "filmmaker"),
    "open": ("special guest", "opening", "support", "open "),
    "support": ("open", "special guest", "joined by"),
    "sell": ("sold", "shift", "copies", "units"),
    "sold": ("shift", "copies", "units"),
    "cancel": ("postpone", "called off", "scrapped", "pulled out", "reschedul"),
    "postpon": ("cancel", "delay", "reschedul", "pushed back", "called off"),
    "delay": ("postpone", "pushed back", "reschedul"),
    "reissu": ("edition", "deluxe", "remaster", "re-release", "reissued"),
    "re-releas": ("edition", "deluxe", "remaster", "reissue"),
    "deluxe": ("edition", "reissue", "expanded"),
    "remaster": ("edition", "deluxe", "reissue"),
    # "What did she say?": news writes what was said, written, posted or told
    # "Who is their singer?": "fronted by Y", "vocalist Y"
    "singer": ("vocalist", "frontman", "frontwoman", "fronted", "lead vocals"),
    # "How old is she turning?": "celebrates her 29th birthday"
    "turn": ("birthday", "celebrat", "aged"),
    "say": ("said", "says", "wrote", "writes", "told", "posted", "added"),
    "said": ("says", "wrote", "told", "posted", "added"),
    # "How many songs are on it?": a record's songs are its tracks
    "song": ("track", "tracks", "cuts"),
    "track": ("song", "songs", "cuts"),
    # "Who won Best New Artist?": a prize is named, taken home, picked up
    "won": ("named", "took home", "takes home", "picked up", "scooped", "awarded"),
    "win": ("named", "took home", "takes home", "picked up", "scooped", "awarded", "won"),
    # "Who is playing the festival?": a lineup says who headlines, tops the bill or is on it
    "play": ("headlin", "perform", "top the bill", "on the bill", "lineup", "line-up"),
    "headlin": ("top the bill", "tops the bill", "close out", "closes out", "lineup"),
    "lineup": ("line-up", "headlin", "on the bill"),
    "perform": ("play", "headlin", "on the bill"),
}


# Phrases that use a word in another sense: a tour "in support of" an album has no support act
_IDIOMS = {"support": re.compile(r"\bin support of\b", re.I)}


# "Who is supporting X?", "who opens for X?": a who-question on a show's support act.
_ASKS_SUPPORT = re.compile(r"\b(?:support(?:s|ed|ing)?|open(?:s|ed|ing)? for|openers?|"
                           r"opening acts?|support acts?|special guests?)\b", re.I)
# Support as in promoting a record, not a support act: "in support of her album", "will
# support the album with a tour", "touring in support of it"
_RECORD_SUPPORT = re.compile(r"\bin support of\b|\bsupport(?:s|ed|ing)?\s+(?:(?:her|his|their|"
                             r"its|the|a|this|that)\s+)?(?:[\w'’-]+\s+){0,2}(?:album|record|"
                             r"lp|ep|single|release|mixtape)s?\b", re.I)
# A tour or a show that opens, not an act opening for another: "the tour will open with two
# nights in Dublin", "doors open at 7pm"
_SHOW_OPENS = re.compile(r"\b(?:tour|run|trek|leg|shows?|dates?|festival|residency|series|"
                         r"season|concerts?|nights?|gigs?|doors|venue)\s+(?:will |would |is set "
                         r"to |are set to |is due to |set to )?(?:also )?open(?:s|ed|ing)?\b",
                         re.I)
# How news names a support act: "with support from Y", "Y will open", "Y opens for X", "joined
# by Y as support", "special guest Y", "the opening act". (Not a run that "opens in Lisbon".)
_SUPPORT_ACT = re.compile(
    r"\bsupport(?:ing)?\s+(?:acts?|slots?|bands?|bill)\b|\bwith support (?:from|by)\b|"
    r"\bsupport (?:comes|will come|came|is|will be) (?:from|by)\b|\bsupported by\b|"
    r"\bas (?:the |their |her |his |its )?(?:main |special |opening )?(?:support|supporting "
    r"acts?|guests?|openers?|opening acts?)\b|\bspecial guests?\b|\bopeners?\b|"
    r"\bopening (?:acts?|slots?|sets?)\b|\bon support\b|"
    r"\b(?:will|to|would|shall|set to|due to) (?:also )?(?:support|open)\b(?!\s+(?:in|on|at)\b)|"
    r"\bsupport(?:s|ed|ing)?\s+(?:them|him|her|(?-i:[A-Z]))|"
    r"\bopen(?:s|ed|ing)?\s+(?:for|all|every|each|the (?:shows?|nights?|dates?|concerts?|bill))"
    r"\b", re.I)
# "Who replaced X?", "who is replacing X", "who took over from X": who came in for someone.
_REPLACING = re.compile(r"\b(?:replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)?|(?:take|takes|taking|"
                        r"took|taken) over from|(?:step|steps|stepped|stepping|fill|fills|"
                        r"filled|filling|stand|stands|stood|standing) in for|in place of)\b",
                        re.I)
# The same said of the one who left: "X's replacement", "X was replaced by", "X's successor"
_REPLACED = re.compile(r"^(?:['’]s?\s+(?:replacement|successor|stand-in)\b|[^.;]{0,40}?\b(?:is|"
                       r"was|were|are|be|been|being)\s+replaced\b)", re.I)
_NEW_MEMBER = re.compile(r"\bnew (?:lead |rhythm |bass |touring )?(?:singer|vocalist|frontman|"
                         r"frontwoman|guitarist|bassist|drummer|keyboardist|keys player|"
                         r"pianist|violinist|rapper|dancer|member)\b", re.I)
# "Who is the new drummer of X?", "who joined X?": who came in, not who left
_ASKS_NEW_MEMBER = re.compile(r"\bnew (?:lead |rhythm |bass |touring )?(?:singer|vocalist|"
                              r"frontman|frontwoman|guitarist|bassist|drummer|keyboardist|"
                              r"pianist|violinist|rapper|dancer|member)s?\b|"
                              r"\bwho(?:'s| is| has| have)? (?:joined|joining|joins)\b", re.I)
# How news says someone comes in: "joins as", "was recruited", "steps in", "takes over"
_JOINS = re.compile(r"\bjoin(?:s|ed|ing)?\b|\brecruit(?:s|ed|ing)?\b|\bwelcom(?:e|es|ed|ing)\b|"
                    r"\b(?:step|steps|stepped|stepping|fill|fills|filled|filling) in\b|"
                    r"\b(?:take|takes|taking|took|taken) over\b", re.I)
_REPLACEMENT = re.compile(r"\breplacement\b|\bsuccessor\b|\bstand-in\b", re.I)


# A role a who-question asks about: the words for it in the question, and as news credits it
# (the verb, "directed by Y", "Y directed"; the noun, "director Y", "Y, the video's director").
_ROLES: tuple[tuple[re.Pattern[str], str, str, str], ...] = tuple(
    (re.compile(asked, re.I), verbs, nouns, work) for asked, verbs, nouns, work in (
        (r"\bdirect(?:s|ed|ing|or|ors)?\b|\bhelm(?:s|ed)?\b|\bwho (?:did|made|shot|filmed) "
         r"(?:[\w'’]+ ){0,3}?(?:music )?(?:video|mv)s?\b", r"(?:co-)?directed|helmed",
         r"(?:co-)?directors?|filmmakers?", r"direction|directing"),
        (r"\bproduc(?:e|es|ed|ing|er|ers|tion)\b", r"(?:co-)?produced|prod\.?",
         r"(?:co-)?producers?", r"production|producing"),
        (r"\b(?:wrote|writ(?:e|es|ing|ten|ers?)|penned|composed|composers?)\b",
         # ("a new essay by Ines Corvo", "liner notes by X": what is written, then who)
         r"(?:co-)?wr(?:ote|itten)|penned|composed|essays?|liner notes|lyrics",
         r"(?:co-|song)?writers?|composers?", r"songwriting|lyrics|composition|writing|composing"),
        (r"\b(?:re)?master(?:s|ed|ing)\b", r"(?:re)?mastered",
         r"mastering engineers?|masterers?", r"mastering|remastering"),
        (r"\bmix(?:es|ed|ing|ers?)\b", r"(?:re)?mixed", r"mix(?:ing)? engineers?|mixers?",
         r"mixing"),
        (r"\bengineer(?:s|ed|ing)?\b", r"engineered", r"(?:recording )?engineers?",
         r"engineering")))
# A name as a credit gives it: capitalised words ("Lio Brandt", "DJ Halo")
# ("A remastered X", "The remixed single": a determiner, no one)
_CREDITED = (r"(?-i:(?!(?:A|An|The|This|That|These|Those|Its|Their|His|Her|New|Newly)\b)"
             r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


def _credit(verbs: str, nouns: str, work: str) -> re.Pattern[str]:
    """How a sentence names someone in a role: "directed by Y", "remastered by engineer Y",
    "Y directed", "Y, who …, produced", "director Y", "Y, the video's director"."""
    return re.compile(
        # ("produced by three old friends of the group, Ines Corvo, …", "Tom
        # Reyes, who wrote the song with …")
        rf"\b(?:{verbs})\s+(?:[\w'’-]+\s+){{0,3}}?by\s+[^.;!?]{{0,100}}?"
        rf"(?<![\w'’.-]){_CREDITED}|{_CREDITED}(?:\s*,[^,.;]{{1,60}},)?,?\s+(?:(?:also|has|had|who|have|"
        rf"reportedly|himself|herself|themselves)\s+){{0,2}}(?:{verbs})\b|"
        rf"\b(?:{nouns}),?\s+(?:(?-i:[a-z])[\w'’-]*\s+){{0,2}}?{_CREDITED}|"
        rf"{_CREDITED},\s+(?:[\w'’-]+\s+){{0,3}}?(?:{nouns})\b|"
        # "co-produced with Y", "produced alongside Y", "the Y-produced album", "production
        # from Y", "Y took part in writing it", "Y handled production"
        rf"\b(?:{verbs})\s+(?:[\w'’-]+\s+){{0,3}}?(?:with|alongside)\s+"
        rf"(?:(?-i:[a-z])[\w'’-]*\s+){{0,3}}?{_CREDITED}|"
        rf"(?-i:[A-Z])[\w'’.]*-(?:{verbs})\b|"
        rf"\b(?:{work})\s+(?:by|from|courtesy of)\s+(?:(?-i:[a-z])[\w'’-]*\s+){{0,3}}?"
        rf"{_CREDITED}|"
        rf"{_CREDITED}\s+(?:also\s+)?(?:took part|participated|had a hand|handled|oversaw)\s+"
        rf"(?:in\s+)?(?:the\s+)?(?:{work})", re.I)


def _role_asked(question: Question) -> re.Pattern[str] | None:
    """For "who directed X?", "who remastered it?" (a role a sentence must credit someone
    with), how a sentence credits it; None for another question."""
    folded = question.text.casefold()
    if not re.match(r"(?:and )?(?:who|whom|by whom)\b", folded) and (
            question.intent not in ("director", "producer", "writer")
            # ("Where was it recorded?" asks for a place, not who recorded it)
            or re.match(r"(?:and )?(?:where|when|why|how)\b", folded)):
        return None
    for asked, verbs, nouns, work in _ROLES:
        if asked.search(question.text):
            return _credit(verbs, nouns, work)
    return None


def _sense_asked(question: Question, names: Sequence[str]) -> Callable[[str], bool] | None:
    """For a who-question whose word news also uses in another sense, what a sentence must
    say to answer: a support act named ("with support from Y", "Y will open"), not a tour "in
    support of" a record; someone who came in for them ("Y has replaced X", "X's
    replacement, Y", "Y takes over from X"), not only that they left; someone in the role
    asked ("directed by Y", "Y produced", "remastered by engineer Y"), not a sentence that
    only names the video or the record ("met on the set of X's video"). None for others."""
    if wants(question) != "name":
        return None
    text = question.text
    role = _role_asked(question)
    if role is not None:
        return lambda sentence: role.search(sentence) is not None
    if _ASKS_SUPPORT.search(text) and not _RECORD_SUPPORT.search(text):
        return lambda sentence: _SUPPORT_ACT.search(
            _SHOW_OPENS.sub(" ", _RECORD_SUPPORT.sub(" ", sentence))) is not None
    if _ASKS_NEW_MEMBER.search(text) and not asks_replacement(text):
        # "Who is their new drummer?": one that says someone comes in, never one that only
        # says who left ("drummer Cal Orr is leaving the band")
        return lambda sentence: any(p.search(sentence) for p in (
            _REPLACING, _REPLACEMENT, _NEW_MEMBER, _JOINS))
    if not asks_replacement(text):
        return None
    # (the one replaced: a name written after "replaced", or before "'s replacement")
    gone = [n for n in names if _after(text, n, _REPLACING) or _before(text, n, _REPLACED)]
    return lambda sentence: _says_replaced(sentence, gone)


def asks_replacement(text: str) -> bool:
    """"Who replaced X?", "who is X's replacement?", "who took over from X?"."""
    return _REPLACING.search(text) is not None or _REPLACEMENT.search(text) is not None


def _positions(sentence: str, name: str) -> list[re.Match[str]]:
    return list(re.finditer(rf"\b{re.escape(name)}\b", sentence, re.I))


def _after(sentence: str, name: str, word: re.Pattern[str]) -> bool:
    """The name written after the word ("replaced X")."""
    return any(word.search(sentence[:m.start()]) for m in _positions(sentence, name))


def _before(sentence: str, name: str, said: re.Pattern[str]) -> bool:
    """The name followed by what `said` matches at its end ("X's replacement", "X was
    replaced")."""
    return any(said.match(sentence[m.end():]) for m in _positions(sentence, name))


def _says_replaced(sentence: str, gone: Sequence[str]) -> bool:
    """Whether the sentence says who came in for someone: for one of `gone` when it names
    them ("Y has replaced X", "X's replacement, Y"; never "X replaced Z"), else for anyone
    ("He will be replaced by Y" of an article about X)."""
    named = [n for n in gone if _positions(sentence, n)]
    if not named:  # (of an article on their exit, "Y will join as their new guitarist" too)
        return any(p.search(sentence) for p in (_REPLACING, _REPLACEMENT, _NEW_MEMBER))
    return any(_after(sentence, n, _REPLACING) or _before(sentence, n, _REPLACED)
               for n in named)


# Words that start like a question's word and mean something else ("form" is not "former")
_OTHER_WORDS: dict[str, tuple[str, ...]] = {"form": ("former", "formal", "format")}


def _has(sentence: str, word: str) -> bool:
    """The sentence holds the word (any ending) or what news writes instead (RELATED)."""
    base = _stem(word)
    for key, idiom in _IDIOMS.items():
        if any(term.casefold().startswith(key) for term in (base, *_related(word))):
            sentence = idiom.sub(" ", sentence)
    # (a word of a name counts when it is the question's word whole: "riverbend" typed for
    # "the Riverbend Festival" names it, "recorded" is not "Harbour Records")
    others = _OTHER_WORDS.get(base, ())
    if any((not _in_name(sentence, m.start()) or re.match(rf"{re.escape(word)}\b", sentence[
            m.start():], re.I)) and not sentence[m.start():].casefold().startswith(others)
           for m in re.finditer(rf"\b{re.escape(base)}", sentence, re.I)):
        return True
    return any(re.search(rf"\b{re.escape(o)}", sentence, re.I) for o in _related(word))


def _in_name(sentence: str, at: int) -> bool:
    """Whether the capitalised word at `at` follows another capitalised word: part of a name,
    not the question's word ("recorded" is not what "via Harbour Records" says)."""
    if not sentence[at].isupper():
        return False
    before = re.search(r"(\S+)\s+$", sentence[:at])
    return before is not None and before.group(1)[0].isupper() and before.group(1)[-1].isalnum()


# A record a sentence names by its noun and title ("her fourth album, Golden Hour Drive")
_OTHER_TITLE = re.compile(r"\b(?:album|single|song|EP|LP|record|mixtape|track)s?,?\s+"
                          r"[“\"‘']?[A-Z0-9]")


def asks_role(question: Question) -> bool:
    """"Who directed X?", "who remastered it?": a role a sentence must credit someone with."""
    return _role_asked(question) is not None


def pick(quotes: Sequence[Quote], question: Question, names: Sequence[str],
         records: Sequence[str] = (), strict: bool = True,
         owners: Sequence[str] = ()) -> Quote | None:
    """The sentence that answers best: the most names, then the question's own words, then
    what the intent wants (a date, a figure, another name), then the search's own rank.
    (`strict=False`: a sentence in another sense of a who-question's word may do, as the
    nearest there is, never as the answer.)
    `records`: the names of their own records (a figure a sentence gives of one is theirs).
    `owners`: names typed as an owner ("Kai Dorne's Paper Coast"): a sentence naming only
    the owner ranks below one naming what is asked."""
    must = required(question) if not names else []
    # The names' own words say nothing of what is asked.
    in_names = {w for n in names for w in re.findall(r"\w+", n.casefold())}
    asked = [w for w in question.words if w not in _GENERIC and w not in in_names]
    if question.intent == "members":
        # "Who is the singer of X?": the trade asked about is the topic, not a noun any
        # music question has
        asked += [w for w in question.words if w in _TRADES and w not in asked]
    # "How many tracks are on it?": what is counted is the topic, whatever its noun
    counted = _COUNTED.search(question.text.casefold())
    if counted and counted.group(1) in question.words and counted.group(1) not in asked:
        asked.append(counted.group(1))
    # "How many dates is the tour?": "the 14-date trek" writes the count itself
    # (or as news writes the noun: "How many songs?" is "the 12-track record")
    count_of = re.compile(rf"{_NUMBER}[\s-]+(?:[\w'’]+\s+)?(?:" + "|".join(
        re.escape(_stem(w)) for w in (counted.group(1), *_related(counted.group(1)))) + ")",
        re.I) if counted else None
    # "record", "song": weak evidence that a sentence is on topic, never enough alone.
    nouns = [w for w in question.words if w in _NOUNS and w not in in_names]
    # (rank, what it says of the topic, whether it holds what is wanted, the quote)
    ranked: list[tuple[tuple[float, ...], float, bool, Quote]] = []
    # A name few sentences hold says more of what is asked than one most hold: "Cinder Road's
    # Ash Garden" is answered by the sentence on Ash Garden before one on Cinder Road.
    held = {n: sum(1 for q in quotes if n.casefold() in q.sentence.casefold()) for n in names}
    asked_names = [n for n in names if n not in owners]
    # When some sentence holds a word the question itself asks about ("join"), one that holds
    # none of them only names them: it says nothing of what was asked, however dated.
    # (Only a word of the topic: "coming", "released" say when, which any dated sentence may.)
    # Nor a name the fact base does not know ("Q7" written in the question): sentences say
    # "the band" as often as its name.
    capitals = {re.sub(r"['’]s?$", "", w).casefold()  # "Q7's" is the word "q7"
                for w in re.findall(r"(?<!^)\b[A-Z0-9][\w'’-]*", question.text)}
    topical = [w for w in asked if w not in _WHEN_WORDS and w not in capitals
               and w not in HINTS.get(question.intent, ())]
    when = wants(question) == "date"
    figure = wants(question) == "figure"
    # "Why did he leave?": a sentence that gives a reason, when one does, over one that only
    # says that he left
    why = asks_why(question.text) and any(
        _REASON.search(q.sentence) for q in quotes)
    if strict and asks_why(question.text) and not why:
        return None  # no sentence gives a reason: "X is leaving the band" is not why
    # (a reason for what was asked, when a sentence gives one, over a reason for anything)
    why_on_topic = why and any(_REASON.search(q.sentence) and any(
        _has(q.sentence, w) for w in topical) for q in quotes)
    some_own = bool(topical) and any(any(_has(q.sentence, w) for w in topical) for q in quotes)
    # "What songs are on X?": the sentence that lists them ("includes", "tracks"), when one
    # does, over one that only names the record
    listing = question.intent == "tracks" and any(
        any(_has(q.sentence, w) for w in HINTS["tracks"]) for q in quotes)
    # "What was the old date?": a sentence that says the plan changed, when one does, over
    # one that only dates the record
    plan = question.intent == "original_date" and any(_PLAN.search(q.sentence) for q in quotes)
    # "Who is supporting X?", "Who replaced X?": only a sentence in the sense asked answers
    sense = _sense_asked(question, names) if strict else None
    for index, quote in enumerate(quotes):
        text = quote.sentence
        if sense is not None and not sense(text):
            continue
        if plan and not _PLAN.search(text):
            continue
        # (a word of the article's title counts: "Who hosted the Grammys?" is answered by
        # "The ceremony was hosted by …" of an article titled "Grammys 2025: …")
        if must and not all(_has(text, w) for w in must) and not (
                any(_has(text, w) for w in must)
                and all(_has(text, w) or _has(quote.title or "", w) for w in must)):
            continue
        named = sum(1 for n in names if _named(text, n))
        if names and not named and _of_another(quote, names, records):
            continue  # ("It had been set to arrive September 27." after a line on another)
        if figure and names and not named and _another_s_figure(quote, names, records):
            continue  # ("Last month Mossgrave Choir sold 52,000 copies": not theirs)
        if when and names and not named and _OTHER_TITLE.search(text):
            # a date a sentence gives is of the record it names ("Lane is set to release her
            # fourth album, Golden Hour Drive, on August 21" dates no other song)
            continue
        # (half for a word of a name the fact base does not know: it may be said otherwise)
        own = sum(0.5 if w in capitals else 1 for w in asked if _has(text, w)) + 0.5 * sum(
            1 for w in nouns if _has(text, w))
        if why or sense is not None:
            # the reason is what was asked; so is a support act or a replacement, however
            # written ("took over from X" asked, "Y is stepping in for X" said)
            own += 1
        hinted = sum(1 for w in HINTS.get(question.intent, ()) if _has(text, w))
        if listing and not hinted:
            continue
        fits = _satisfies(text, question, names)
        on_topic = any(_has(text, w) for w in topical)
        if why and not _REASON.search(text):
            continue
        if some_own and not on_topic and (not why or why_on_topic):
            continue
        if names and not own and not hinted and (
                (topical if when else asked) or not fits):
            # A sentence that only names them says nothing of what was asked (unless what
            # was asked is only when: "When is X coming out?" is answered by X and a date).
            continue
        # A sentence of an article about them that does not name them ("He is the father of
        # eight children") ranks below one that does, unless it says more of what was asked.
        # (an owner's name, written three ways, counts once, as the lesser name it is)
        rare = sum(1 / held[n] for n in asked_names if held[n] and n.casefold() in text.casefold())
        if count_of is not None and count_of.search(text):
            own += 3  # (the count itself: more than any name or word beside it)
        asked_named = sum(1 for n in asked_names if _named(text, n)) if owners else named
        rank = (own + 0.5 * min(hinted, 2) + fits
                + (1.5 if asked_named else 1.0 if named else 0)
                + 0.25 * max(asked_named - 1, 0) + 0.2 * rare, -index)
        ranked.append((rank, own, fits > 0, quote))
    if when:
        # "When did they get married?": a sentence that dates it, when one says as much of
        # what was asked, over one that only says it happened ("X and Y are married")
        dated = [r for r in ranked if r[2]]
        if dated and max(r[1] for r in dated) >= max(r[1] for r in ranked):
            ranked = dated
    return max(ranked, key=lambda r: r[0])[3] if ranked else None


# How news says a date was moved or what the plan had been
_PLAN = re.compile(r"\b(?:originally|initially|previously|first)\s+(?:\w+\s+){0,2}?(?:due|set|"
                   r"slated|scheduled|planned|expected|announced|for)\b|\b(?:was|were|had "
                   r"been|had)\s+(?:due|set|slated|scheduled|expected|planned)\b|\b(?:moved|"
                   r"pushed|brought|bumped)\s+(?:\w+\s+)?(?:up|back|forward|earlier)\b|"
                   r"\b(?:delay|postpon|reschedul)\w*|\bold date\b", re.I)
_WHY = re.compile(r"(?:and )?(?:why|how come|what (?:is|was|'s) the reason|for what reason)\b")
_AND_WHY = re.compile(r"\band why\W*$")


def asks_why(text: str) -> bool:
    """"Why did she leave?", "Who left the band and why?": a reason is asked for."""
    folded = text.casefold()
    return _WHY.match(folded) is not None or _AND_WHY.search(folded) is not None
# The words of _REASON a search looks for (each sentence then checked against _REASON).
# (the likeliest first: a search keeps the question's words and the first few of these)
_REASON_WORDS = ("because", "reason", "injured", "wanted", "needed", "due", "decided",
                 "citing", "illness", "injury")
# How news gives a reason: "because", "due to", "citing", "to focus on", "wanted to".
_REASON = re.compile(r"\b(?:because|due to|owing to|reasons?|citing|cited|in order to|so that|"
                     # ("she needed more time to finish the mixes")
                     r"(?:wanted|wants|decided|chose|needed|needs) (?:more |extra |some )?"
                     r"(?:time )?to|to (?:focus|spend|pursue|"
                     r"concentrate|care|take care|prioriti[sz]e|work on|start|open|launch|"
                     r"join|raise|be with|recover|heal|rest)|as a result|after (?:a|an|his|her|"
                     r"their) (?:\w+ )?(?:illness|injury|dispute|diagnosis)|"
                     # "after singer Ruth Vale broke her wrist"
                     r"after (?:[\w'’-]+ ){1,4}(?:broke|injured|hurt|fractured|fell ill|"
                     r"suffered|was diagnosed|was hospitali[sz]ed|tested positive)|"
                     # "Member Taeo injured his ankle during rehearsals": what happened is why
                     r"injured|injury|injuries|fell ill|illness|was hospitali[sz]ed|"
                     # "the change came after the album leaked online"
                     r"(?:change|delay|move|decision|split|exit|departure|cancellation)\s+"
                     r"(?:came|comes|followed|follows)\s+(?:after|as)|leaked|"
                     r"health (?:issues|reasons|concerns))\b", re.I)


def wants(question: Question) -> str | None:
    """What the answer must hold: a date, a figure or a name, by the question's first words,
    else by its intent."""
    start = question.text.casefold()
    if question.counting or re.match(r"(?:and )?how (?:many|much|old|long)\b", start):
        return "figure"
    if re.match(r"(?:and )?(?:when|what (?:date|day|year|time)|which (?:date|day|year)|"
                r"in what year|on what date)\b", start):
        return "date"
    if re.match(r"(?:and )?(?:who|whom|with whom|by whom|where)\b", start):
        return "name"
    return _WANTS.get(question.intent)


_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s+\d{1,3},|\b\d{1,3}-year-old\b|\b\d{1,3} years old\b|"
                  r"\bturn(?:s|ed|ing)? \d{1,3}\b|\bis \d{1,3} today\b")


def _named(sentence: str, name: str) -> bool:
    """The sentence names them: in full, or a two-word name by its last word alone, as news
    does after the first mention ("Vale, 29, will tour")."""
    folded = sentence.casefold()
    if name.casefold() in folded:
        return True
    words = name.split()
    return (len(words) == 2 and len(words[1]) >= 4 and words[1][:1].isupper()
            and re.search(rf"\b{re.escape(words[1])}\b", sentence) is not None)


# A new edition's words written just before a date: the day of a reissue, not the record's own
_EDITION_BEFORE = re.compile(r"\b(?:reissu\w*|re-?releas\w*|deluxe|editions?|remaster\w*|"
                             r"anniversary|box(?:ed)? sets?|expanded)\b[^.;]{0,30}$", re.I)
_EDITION_ASKED = re.compile(r"\b(?:reissu\w*|re-?releas\w*|deluxe|editions?|remaster\w*|"
                            r"anniversary|box(?:ed)? sets?|expanded|vinyl)\b", re.I)


def _edition_day(sentence: str, start: int, question: Question) -> bool:
    """Whether the date written at `start` is a new edition's ("a deluxe reissue on February
    13") and the question asks when the record itself came out."""
    return question.intent in _RELEASE_DATES and not _EDITION_ASKED.search(question.text) \
        and _EDITION_BEFORE.search(sentence[max(0, start - 60):start]) is not None


# A count written as a number, not an ordinal ("52,000", "a million"; not "first week").
_CARDINAL = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       r"twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|"
                       r"dozen)\b", re.I)
# Words that point back to the one the article is about ("It sold", "the band's album").
_BACK = re.compile(r"\b(?:it|its|they|their|them|he|his|him|she|her|the (?:[\w-]+ )?(?:band|"
                   r"group|duo|trio|album|record|single|song|lp|ep|release|singer|rapper|star|"
                   r"act))\b", re.I)
# A capitalised run that is a place, a chart or a speaker, not an act a figure may be of: "in
# the UK", "on the Billboard 200", "Frontman Jake Orr said …"
_NOT_ACT_BEFORE = re.compile(r"(?:\b(?:in|at|on|across|throughout|around|the)\s+|"
                             r"\b(?:in|at|on|across|throughout|around)\s+the\s+)$")
_RUN = re.compile(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*")
_NOT_ACT_AFTER = re.compile(r",?\s+(?:(?:has|had|have|also|once|later|previously)\s+)?"
                            r"(?:said|says|told|tells|added|adds|explained|wrote)\b")


# A sentence that opens by pointing back ("It had been set to …", "The album arrives …"): it
# is about what the sentence before it names.
_POINTS_BACK = re.compile(r"^\W*(?:(?:and|but|so|still|now|meanwhile|however|instead|yet|"
                          r"originally|initially),?\s+)?(?:it|its|it['’]s|they|their|them|he|"
                          r"his|she|her|the (?:album|record|ep|lp|song|single|track|mixtape|"
                          r"video|release))\b", re.I)


def _of_another(quote: Quote, names: Sequence[str], records: Sequence[str] = ()) -> bool:
    """Whether a sentence that does not name them and opens by pointing back ("It had been
    set to arrive September 27.") is about another record or act: the sentence before it in
    its article names someone or something else and not them. (An article's first sentence,
    or one after a sentence that names no one, may be about them.)"""
    back = _POINTS_BACK.match(quote.sentence) if quote.before is not None else None
    if back is None or quote.before is None:
        return False
    if any(_named(quote.before, n) for n in names):
        return False
    # what is pointed back to is the sentence before's subject, not whom its later clauses
    # name: "She recorded the song …" after "The video was directed by Tomas Ek.", "It was
    # produced by …" after "The CD … is the follow-up to 2004's Z"
    verb = _FIRST_VERB.search(quote.before)
    subject_end = verb.start() if verb else len(quote.before)
    return any(m.start() < subject_end and not _THE_KIND.fullmatch(m.group(0).rstrip(".,"))
               for m in _others(quote.before, quote, names, records))


# "The CD", "The EP": a record pointed back to again, written in capitals
_THE_KIND = re.compile(r"(?:The|This|That|Its|Their|His|Her)\s+(?:CD|EP|LP|MV)s?")


# The first verb of a sentence: where its subject ends
_FIRST_VERB = re.compile(r"(?-i:\b(?:is|are|was|were|has|have|had|will|would|won['’]t|can|"
                         r"could|did|does|do|gets?|got|\w{3,}ed)\b)")


def _others(text: str, quote: Quote, names: Sequence[str],
            records: Sequence[str] = ()) -> list[re.Match[str]]:
    """The capitalised runs of `text` that may be another act or record: not theirs (a name
    of theirs, one of `records`, a name the article's title writes beside theirs), a date, a
    place ("in the UK"), a speaker ("Jake Orr said", "has said") nor the sentence's first
    word alone."""
    title = quote.title or ""
    folded = title.casefold()
    titled = any(n.casefold() in folded for n in names)
    theirs = {r.casefold() for r in records}

    def own(name: str) -> bool:
        return any(name.casefold() in n.casefold() or n.casefold() in name.casefold()
                   for n in names) or name.casefold() in theirs or (titled and re.search(
                       rf"\b{re.escape(name)}\b", title, re.I) is not None)

    # (a name may open the sentence, as "Mossgrave Choir sold …" does: two capitalised words
    # there are a name, one is only the sentence's first word)
    return [m for m in _RUN.finditer(text)
            if (m.start() > 0 or " " in m.group(0)) and not own(m.group(0).rstrip("."))
            and not _DATE.search(m.group(0))
            and not _NOT_ACT_BEFORE.search(text[:m.start()])
            and not _NOT_ACT_AFTER.match(text[m.end():])
            and m.group(0).rstrip(".").casefold() not in ("no", "number")]


# A role noun or a credit's verb right before a name: whoever it names worked on the record
# ("recorded with producer Elin Ward", "mixed by Tom Hale"), it is no act of its own there
_CREDIT_BEFORE = re.compile(r"\b(?:(?:co-)?producers?|directors?|engineers?|mixers?|"
                            r"(?:song)?writers?|journalists?|photographers?|(?:co-)?(?:produced|"
                            r"directed|mixed|mastered|remastered|engineered|written|shot) by)"
                            r"\s+$", re.I)


def _another_s_figure(quote: Quote, names: Sequence[str], records: Sequence[str] = ()) -> bool:
    """Whether the figure a sentence that does not name them gives is another act's: it
    names someone else before the figure ("Last month Mossgrave Choir sold 52,000 copies"),
    or after it with no word that points back to them ("Sales reached 52,000 for …"). A name
    the article's title writes beside theirs is their own (a record of theirs), and so is
    one of `records` (their releases, as the fact base links them)."""
    text = quote.sentence
    figure = _CARDINAL.search(text)
    if figure is None:
        return False
    # (someone credited in a role, "with producer Elin Ward", sells nothing of their own)
    others = [m for m in _others(text, quote, names, records)
              if not _CREDIT_BEFORE.search(text[:m.start()])]
    if not others:
        return False
    if any(m.start() < figure.start() for m in others):
        return True
    # (the words up to the figure's noun: "The 12-track record features …")
    noun = re.match(r"[\w,.-]*\s+[\w-]+", text[figure.start():])
    return _BACK.search(text[:figure.start() + (noun.end() if noun else 0)]) is None


def _satisfies(sentence: str, question: Question, names: Sequence[str]) -> float:
    wanted = wants(question)
    if wanted == "date":  # a day says more than a year ("on March 2" before "of 2009")
        if all(_edition_day(sentence, m.start(), question) for m in _DATE.finditer(sentence)):
            return 0  # (no date, or only a reissue's: "when did it come out?" is not that)
        return 1.5 if _DAY.search(sentence) else 1
    if wanted == "figure" and question.intent == "age":
        # "Vale, 29, will tour": an age as news writes it says more than any number
        return 2 if _AGE.search(sentence) else int(_FIGURE.search(sentence) is not None)
    if wanted == "figure":
        return int(_FIGURE.search(sentence) is not None)
    if wanted == "name":
        known = " ".join(names).casefold()
        return int(any(m.group(0).casefold() not in known and not _DATE.fullmatch(m.group(0))
                       for m in _NAME.finditer(sentence)))
    return 0


def quoted(quote: Quote, question: Question, names: Sequence[str]) -> Answer:
    """The answer quoting one sentence, cited as "<title> (<date>): "…"", under the limit."""
    title = quote.title or "an article"
    if len(title) > 70:
        title = title[:69].rsplit(" ", 1)[0] + "…"
    when = f" ({quote.published.isoformat()})" if quote.published else ""
    lead = f"{title}{when}: \""
    room = MAX_ANSWER - len(lead) - len("\"") - len(NOTE)
    lead = _date_said(quote, question, names) + lead
    room -= len(lead) - len(f"{title}{when}: \"")
    asked = [w for w in question.words if w not in _GENERIC]
    text = window(quote.sentence.strip(), [*names, *question.words], room, asked,
                  wants(question))
    source = Source(quote.title or "(untitled)", quote.url,
                    quote.published.isoformat() if quote.published else None, quote.sentence)
    return Answer(f"{lead}{text}\"{NOTE}", [], [source])


def window(sentence: str, terms: Sequence[str], room: int, asked: Sequence[str] = (),
           wanted: str | None = None) -> str:
    """The sentence, or the part of it around the most terms that fits in `room` characters
    (an ellipsis where it was cut). A word the question asks about ("directing") counts
    twice a name it gives, and for a "who" question a name it does not give counts too: the
    answer sits beside what was asked, often far from the name."""
    if len(sentence) <= room:
        return sentence
    words = list(re.finditer(r"\S+", sentence))
    weights = [2.0 if any(_has(w.group(0), t) for t in asked) else
               1.0 if any(_has(w.group(0), t) for term in terms for t in term.split()) else 0.0
               for w in words]
    if wanted == "name":
        given = {t.casefold() for term in terms for t in term.split()}
        for i, w in enumerate(words):
            bare = w.group(0).strip("\"'“”‘’(),.;:")
            if (not weights[i] and i and bare[:1].isupper()
                    and bare.casefold() not in given and not _DATE.search(bare)):
                weights[i] = 0.5
    hits = [i for i, weight in enumerate(weights) if weight]
    best, best_score = (0, 0), -1.0
    for start in range(len(words)):
        end = start
        while end < len(words) and words[end].end() - words[start].start() <= room - 2:
            end += 1
        score = sum(weights[h] for h in hits if start <= h < end) + _dates_kept(
            words, start, end)
        if score > best_score:
            best, best_score = (start, end), score
    start, end = best
    part = sentence[words[start].start():words[end - 1].end()]
    return ("…" if start > 0 else "") + part + ("…" if end < len(words) else "")


def _dates_kept(words: Sequence[re.Match[str]], start: int, end: int) -> float:
    """Half a term for each date or figure kept: the answer is often the date."""
    return 0.5 * sum(1 for w in words[start:end] if _DATE.search(w.group(0)))


_RELEASE_DATES = frozenset({"release_date", "next_release", "latest_release"})


def _date_said(quote: Quote, question: Question, names: Sequence[str] = ()) -> str:
    """For a "when" question, the date the sentence gives, written out in full first ("April
    19, 2014: "), read with the article's date for a year-less one; nothing when unsure."""
    if wants(question) != "date" or question.intent in ("birthday", "age"):
        return ""
    # (a year counts too: "debuted in 2018 … released their album on June 3" answers "when
    # did they debut?" with 2018, never with the day the other clause gives)
    # A relative day ("a presale starting Wednesday") may be the one asked about: it is
    # weighed with the others, and when it is nearest the quote speaks for itself.
    written = find_dates(quote.sentence, quote.published)
    # "it was set to arrive on February 24": a plan that was dropped, no answer to "when is it
    # out?" (the quote still says what happened)
    found = written if question.intent == "original_date" else [
        span for span in written
        if not OLD_CUE.search(quote.sentence[max(0, span.start - 40):span.start])
        or _range_start(quote.sentence, span, written)]
    if question.intent in _RELEASE_DATES:
        # "reached No. 18 on the Hot 100 in August", "the singer announced Thursday": a
        # chart's, a show's or the news's day, never the answer to "when did it come out?"
        found = [span for span in found if not not_release(quote.sentence, span)]
        # ""Glass Heart," the first taste of her album Neon Psalms, due August 16": the
        # day of another title, nearer it than the one asked about
        found = [span for span in found if not _another_title_s(quote.sentence, span, names)]
        # "with a deluxe reissue on February 13": a new edition's day, not the record's
        found = [span for span in found if not _edition_day(quote.sentence, span.start,
                                                             question)]
    if not written:
        return _day_without_year(quote) if quote.published is None else ""
    if not found:
        return ""
    if len(written) == 1:
        only = found[0]
        return f"{show_date(only.date)}, going by " if only.date.month and not only.relative \
            else ""
    chosen = _new_date(quote.sentence, found, question) or _end_of(quote.sentence, found,
                                                                    question)
    if chosen is None:
        written_at = [(span.start, span.end) for span in found]
        # (a word it asks about first, "presale"; failing one, any of its words, "tour")
        nearest = nearest_date(quote.sentence, written_at, _asked_at(quote.sentence, question))
        if nearest is None:
            nearest = nearest_date(quote.sentence, written_at,
                                   question_words_at(quote.sentence, question.text, []))
        chosen = found[nearest] if nearest is not None else None
    return f"{show_date(chosen.date)}, going by " if chosen is not None \
        and not chosen.relative else ""


def _another_title_s(sentence: str, span: DateSpan, names: Sequence[str]) -> bool:
    """Whether a title other than the names asked about is written nearer the date than any
    of them."""
    folded = sentence.casefold()
    asked = [(at, n) for n in names if n and (at := folded.find(n.casefold())) >= 0]
    if not asked:  # a sentence that names another title and not the one asked: its day
        return bool(names) and any(not any(t.title.casefold() == n.casefold() for n in names)
                                   for t in find_titles(sentence))

    def gap(at: int, end: int) -> int:
        return span.start - end if end <= span.start else max(0, at - span.end)

    mine = min(gap(at, at + len(n)) for at, n in asked)
    others = [t for t in find_titles(sentence) if not any(
        t.title.casefold() == n.casefold() for n in names)]
    return any(gap(t.start, t.end) < mine for t in others)


# "runs from June 4 in Denver to July 19": a run's first date, not a date moved from ("moved
# from June 4 to July 19")
_TO_NEXT = re.compile(r"[^.;]{0,40}?(?:\b(?:to|through|thru|until|till)|[–-])\s*$")
_MOVED = re.compile(r"\b(?:mov|push|shift|chang|reschedul|postpon|delay|brought|bump|switch)\w*"
                    r"\b[^.;]{0,30}$", re.I)


def _range_start(sentence: str, span: DateSpan, spans: Sequence[DateSpan]) -> bool:
    """Whether "from <date>" opens a run of dates ("from June 4 … to July 19"), not a plan
    that was moved."""
    after = [s for s in spans if s.start >= span.end]
    return bool(after) and _TO_NEXT.match(sentence[span.end:after[0].start]) is not None \
        and not _MOVED.search(sentence[max(0, span.start - 60):span.start])


# How a sentence says where a run of dates ends ("wraps up May 2", "closing night").
_END_SAID = re.compile(r"\b(?:end|ends|ending|wrap\w*|finish\w*|clos(?:e|es|ing)|conclud\w*|"
                       r"final|last)\b", re.I)


def _end_of(sentence: str, spans: Sequence[DateSpan], question: Question) -> DateSpan | None:
    """"When does the tour end?": the date nearest the sentence's own word for an end ("wraps
    up May 2"), else the latest it writes ("runs from June 4 in Denver to July 19"), never
    the first of the run; None for another question (a release's "last album" is its
    newest, asked by another intent)."""
    if len(spans) < 2 or question.intent in _RELEASE_DATES or question.intent in (
            "original_date", "birthday", "age") or not ENDING.search(question.text):
        return None
    said = [m.start() for m in _END_SAID.finditer(sentence)]
    nearest = nearest_date(sentence, [(s.start, s.end) for s in spans], said) if said else None
    if nearest is not None:
        return spans[nearest]
    return max(spans, key=lambda s: s.date.first_day())


def _new_date(sentence: str, spans: Sequence[DateSpan], question: Question) -> DateSpan | None:
    """"When is it out now?" of a round-up line "Old date: November 2007. New date: Sometime in
    2008.": the date after "New date"."""
    new = re.search(r"\bnew date:", sentence, re.I)
    if new is None or not re.search(r"\bnow\b", question.text, re.I):
        return None
    return next((span for span in spans if span.start > new.start()), None)


# Any reference date reads the month and day of "April 19th"; the year it gives is not said.
_SOME_DAY = date(2000, 1, 1)


def _day_without_year(quote: Quote) -> str:
    """"April 19th" in an article with no date: the day written out with no year ("April 19
    (no year given), going by "), when it is the sentence's only date."""
    found = find_dates(quote.sentence, _SOME_DAY)
    if len(found) != 1 or not found[0].inferred or found[0].relative or not found[0].date.day:
        return ""
    day = found[0].date
    month = date(2000, day.month or 1, 1).strftime("%B")
    return f"{month} {day.day} (no year given), going by "


def _asked_at(sentence: str, question: Question) -> list[int]:
    """Where the sentence writes a word the question asks about ("presale"): not one any
    question may use ("album") nor one that only asks when ("released")."""
    asked = [w for w in question.words if w not in _GENERIC and w not in _WHEN_WORDS]
    return [m.start() for w in asked
            for m in re.finditer(rf"\b{re.escape(_stem(w))}", sentence, re.I)]


def mentioned(quote: Quote, name: str) -> Answer:
    """No sentence answers, but one names them: say so, and quote it as the nearest there is."""
    answer = quoted(quote, Question("open", ""), [name])
    # ("their first EP?": a kind written in capitals, not a name)
    about = f"the {name}" if name.casefold() in _CAPITAL_NOUNS else name
    lead = f"I have no answer to that; the nearest is what an article says of {about}: "
    room = MAX_ANSWER - len(lead)
    text = answer.answer if len(answer.answer) <= room else \
        answer.answer[:room - 1].rsplit(" ", 1)[0] + "…"
    return Answer(lead + text, [], answer.sources)
