"""Musical acts in an article: the known names given, and how news writes about acts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.extract.gates import KeyWords
from bot.extract.names import JOIN, NAME, SUPPORTING, WORD, placeish, plausible, tidy
from bot.extract.roles import credited_with
from bot.extract.sentences import Sentence
from bot.extract.titles import CHART_PLACE

ROLE = (r"(?i:singer(?:-songwriter)?|songwriter|rapper|superstar|(?:pop |rock |country |K-pop )?"
        r"star|artist|musician|band|group|duo|trio|quartet|quintet|outfit|frontman|frontwoman|"
        r"bandmate|newcomer|DJ|producer-artist|rocker|crooner|icon|legend|diva|act|hitmaker|"
        r"sensation|idol|MC|vocalist|(?:three|four|five|six)-piece)")
# ROLE_LEAD: the letters its words start with; a lookahead for one of them lets re try the
# words only where one may start (tests/test_extract_gates.py checks the list covers them).
ROLE_LEAD = "abcdfghiklmnopqrstv"
RELEASE_NOUN = (r"(?:single|album|EP|LP|song|track|record|video|music video|mixtape|tour|"
                r"collab(?:oration)?|duet|remix|debut|hit|set)")
VERBS = (r"(?:(?:has|have|had|is|are|was|were|will|just|also|now)\s+){0,2}(?:announced|"
         r"announces?|released|play(?:s|ed|ing)?|"
         # ("Fall release schedules are …": a release noun's compound, no verb)
         r"releases?(?!\s+(?:schedules?|dates?|plans?|part(?:y|ies)|calendars?|windows?|"
         r"slates?|cycles?|days?)\b)|"
         r"dropped|drops?|dropping|unveiled|unveils?|shared|shares?|teased|teases?|"
         r"debuted|debuts?|premiered|premieres?|rolled out|rolls out|gearing up|returns?|"
         r"returned|reflected|revealed|reveals?|set to release|set to drop|launch(?:ed|es|ing)?|"
         r"perform(?:ed|s|ing)?|tour(?:ed|s|ing)?|headlin(?:ed|es|ing)|cover(?:ed|s)|"
         # "The Hollow Pines are hitting the road this summer"
         r"hit(?:s|ting)? the road|head(?:s|ing)? out on|embark(?:s|ed|ing)? on|"
         # a K-pop act's return: "LUMA are coming back", "X confirm January comeback"
         r"coming back|confirm(?:s|ed)?\s+(?:(?:a|an|their|her|his)\s+)?(?:[\w-]+\s+)?comeback|"
         r"become a (?:father|mother|parent)|welcom(?:ed|es)|signed|parted ways|split|"
         r"team(?:s|ed|ing)? up|"
         r"joined forces|"
         r"collaborated|reunited|dropped out|cancel(?:led|ed|s)|postponed|delayed|"
         # "Nova Reyes has pushed back her third album", "X moved up the release"
         r"push(?:ed|es|ing) back|mov(?:ed|es|ing) (?:up|back)|bump(?:s|ed|ing)? up|"
         # "Mara Quill has moved the release date of her album up"
         r"(?:moved|pushed) (?:the|her|his|their) (?:release|album|record|single|EP|LP)|"
         # what only acts do: "Grey Harbour formed in Leeds in 1996"
         # ("X formed the band in 2006 with Y": a founder, not an act)
         r"formed(?!\s+(?:the|a|an|their|his|her)\s)|disbanded|broke up|"
         r"(?:went|goes|go|going) on (?:hiatus|a hiatus|tour)|"
         r"won(?!['’]t)|topped|scor(?:e|es|ed)|"  # ("Fans won't have to wait")
         # a prize: "Mara Quill took home Album of the Year"
         r"took home|takes home|picked up|picks up|scooped|swept|nabbed|"
         # "Hollow Pines will reissue their debut", "X will put out her third album"
         r"reissu(?:e|es|ed|ing)|put(?:s|ting)? out)")

# What a trade noun's capitalised first word may be without naming anyone ("Solo singer X",
# "Veteran rapper Y" open a sentence)
TRADE_KIND = (r"(?:Solo|Pop|Rock|Country|Folk|Soul|Indie|Jazz|Punk|Metal|Blues|Gospel|Veteran|"
              r"Fellow|Lead|Backing|Session|Touring|Former|Young|Rising|Legendary|Famed|Beloved|"
              r"Singer|K-pop|J-pop|R&B|Hip-hop|Rap|Dance|Opera|Guest|Original|Founding|New)")
# What a record does on a chart ("holds at No. 1", "climbs to Number 4")
CHART_VERB = (r"holds?|stays?|sits?|remains?|climbs?|rises?|jumps?|falls?|slips?|drops?|"
              r"lands?|re-enters?|debuts?|returns?|enters?|soars?|moves?")
CUES = [
    # "singer Vexa", "R&B superstar Sorel", "frontman, Sir Alden Marsh"
    re.compile(rf"\b(?=(?i:[{ROLE_LEAD}])){ROLE}s?,?\s+(?:(?:Sir|Dame)\s+)?({NAME})"),
    # "Kestrel's new single", "Dario's 'Late in June'", "Hartley's latest album"
    re.compile(rf"({NAME})['’]s?\s+(?:(?:new|newest|latest|upcoming|forthcoming|debut|classic|"
               rf"hit|first|next|\d+\w\w|sophomore|fifth|third|second|fourth|self-titled|"
               rf"long-awaited|comeback|studio|solo|live|final|surprise|breakthrough|breakout|"
               rf"landmark|acclaimed|beloved|seminal|iconic|signature|biggest|last|previous|"
               rf"most recent|eponymous|sixth|seventh|eighth|ninth|tenth|"
               rf"\w+-[\w-]+)\s+)*"  # "Mara Vale's long-delayed record"
               # ("NOVA9's comeback, originally scheduled for …")
               rf"(?:{RELEASE_NOUN}s?\b|comeback\b|[“\"‘'])"),
    # "Colby Mercer is dropping", "Dwayne Holloway has announced"
    # ("Elsewhere, the Raymonds score …": a band's "the" is not its name)
    re.compile(rf"(?:^|[,;]\s+|\b(?:that|but|while)\s+|\b(?:member|frontman|frontwoman|"
               rf"guitarist|drummer|bassist|vocalist|leader|singer|rapper)\s+)(?:the\s+)?({NAME})"
               # an aside between the name and its verb: "X, who …," "X, the heir to …,"
               # ("Harlow, born June 11, 1996, released …")
               rf"(?:,\s+(?:who\b[^,]{{1,60}}|(?:the|a|an)\s[^,]{{1,150}}|"
               rf"born\s[^,]{{1,40}}(?:,\s+\d{{4}})?),)?\s+"
               rf"{VERBS}\b"),
    # "Nora Quinn called her new record", "Tom Reyes finished his debut album"
    # ("Mara Quill has pushed back her third album": a verb's particle between)
    re.compile(rf"(?:^|[,;]\s+)({NAME})\s+(?:has\s+|have\s+|had\s+)?\w+\s+(?:(?:back|up|out)\s+)?"
               rf"(?:her|his|their)\s+"
               rf"(?:(?:new|latest|debut|upcoming|next|first|second|third|sophomore|"
               rf"forthcoming|\w+th)\s+)?{RELEASE_NOUN}s?\b"),
    # "scored features on Liséa's Rodeo Queen": the album's owner is an act
    re.compile(rf"\b(?:features?|featured|guest(?:s|ed)?|verse|track|song|single)"
               rf"\s+(?:on|from|off)\s+({NAME})['’]s\s+[A-Z0-9]"),
    # "Mara Vale is on Capitol Records", "X, who is signed to Y Records"
    re.compile(rf"({NAME})(?:,\s+who)?\s+(?:is|are|was|were|has been|have been)\s+(?:signed\s+)?"
               rf"(?:to|on|with)\s+{NAME}\s+(?:Records|Recordings|Music)\b"),
    # "In her new video for "Glass Harbour", Mara Vale ...": the act after its title
    re.compile(rf"\b{RELEASE_NOUN}s?\s+(?:for\s+)?[“\"‘'][^“”\"‘’]{{1,80}}[”\"’'],?\s+({NAME})"
               rf"(?=\s+(?:\(|[a-z]))"),
    # "BTS member Jin": the band is an act
    re.compile(rf"(?:^|[,;]\s+|\b(?:the|of|with)\s+)({NAME})\s+(?:member|members|frontman|"
               rf"frontwoman|leader|vocalist|guitarist|drummer|bassist)\s+[A-Z]"),
    # "Kid Orbit x DJ Halo", "Mara Vale feat. Lio Park": the first act of a collaboration
    re.compile(rf"({NAME})\s+(?:x|×|feat\.|featuring|ft\.)\s+{NAME}"),
    # "Glass Harbour (feat. Tom Reyes)", "(Feat. TOM REYES)"
    re.compile(rf"\((?i:feat\.|featuring|ft\.|with)\s+({NAME}(?:\s+(?:&|and|x)\s+{NAME})?)\)"),
    # "albums by Orin, Zadie, and Zephyr", "music from Kestrel"
    # ("the new record from Mara Quill, Low Tide, lands": a list ends with "and")
    # ("guest spots from A, B and C": the guests are acts)
    re.compile(rf"\b(?:{RELEASE_NOUN}s?|music|songs|albums|records|works?|guest spots?|"
               rf"guest verses?|guest appearances?|verses|appearances|contributions)\s+"
               rf"(?:from|by)\s+"
               rf"({NAME}(?:(?:,\s+{NAME})*,?\s+and\s+{NAME})?)"),
    # "Copper Foxes frontman", "former Ember guitarist" ("Solo singer HANA": a kind of singer)
    re.compile(rf"(?:^|\bthe |\bformer |\bex-|\bof |[,;]\s+)(?!{TRADE_KIND}\s)({NAME})['’]?s?\s+"
               rf"(?:frontman|frontwoman|lead singer|guitarist|bassist|drummer|keyboardist|"
               rf"bandmate|singer|rapper)\b"),
    # "A, B and C will support", supporting acts
    re.compile(rf"((?:{NAME},\s+)+{NAME},?\s+and\s+{NAME})\s+(?:(?:are|is|will|set|to|also)\s+)*"
               rf"(?:support|open|headlin|perform|play)"),
    re.compile(rf"\b(?:{SUPPORTING}|"
               rf"(?:acts|artists|performers|names|headliners|lineup|bill|(?i:features|guests|"
               rf"guest spots|guest verses|collaborators)(?:\s+on\s+[^,.]{{1,60}}?)?)\s+"
               rf"(?:\w+\s+){{0,3}}?"
               rf"(?:include|includes|including|features?|such as))\s+"
               rf"({NAME}(?:,\s+{NAME})*(?:,?\s+and\s+{NAME})?)"),
    # "Next up is Mara Quill, whose new record "Low Tide" lands March 1"
    re.compile(rf"({NAME}),\s+whose\s+(?:(?:new|newest|latest|upcoming|forthcoming|debut|"
               rf"first|next|\w+th)\s+)*{RELEASE_NOUN}s?\b"),
    # "Rune Vale, the Norwegian folk singer whose album …", "Ana Ruiz, a Grammy-winning rapper,"
    re.compile(rf"(?:^|[.;]\s+)({NAME}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}"
               rf"(?:singer(?:-songwriter)?|songwriter|rapper|musician|crooner|rocker|DJ|"
               rf"pop star|rock star|superstar)\b(?!['’])"),
    # "Kettle Static, a five-piece band from Leeds", "the Lantern Sisters are a folk duo"
    re.compile(rf"({NAME})(?:,\s+(?:a|an|one)|\s+(?:is|are|was|were)\s+(?:a|an|the|one))\s+"
               rf"(?:(?!of\b|in\b|with\b|for\b|from\b)[\w-]+\s+){{0,3}}"
               rf"(?:band|group|duo|trio|quartet|quintet|sextet|outfit|collective|ensemble|"
               rf"boy band|girl group|supergroup)\b(?!['’])"),
    # "the Morrow Brothers", "Lantern Sisters": a family band is named as one
    re.compile(rf"\b((?:{WORD}\s+){{1,3}}(?:Brothers|Sisters|Brothers Band|Family Band|"
               rf"Singers))\b"),
    # "Tom Reyes celebrates his 80th birthday": whose birthday a music page marks is an act's
    # (an aside may stand between: "Rosa Lind, who was born … in Memphis, celebrates her …")
    re.compile(rf"({NAME})(?:,\s+who\b[^;]{{1,80}}?,)?\s+(?:celebrates|celebrated|celebrating|"
               rf"turns|turned|marks|marked)\s+"
               rf"(?:his|her|their)\s+(?:\d+\w\w\s+)?birthday"),
    # "Harbor Lights are celebrating the 25th anniversary of their album Tidewater": whose
    # record's anniversary a music page marks is an act's
    re.compile(rf"({NAME})\s+(?:(?:are|is|were|was|will be|will|would|plan to|are set to|"
               rf"is set to)\s+)?(?:celebrat(?:es?|ed|ing)|mark(?:s|ed|ing)?)\s+(?:the\s+)?"
               rf"(?:\d+\w\w\s+)?anniversary\s+of\s+(?:their|her|his)\b"),
    # "'Isn't It Sunday' by Rosa Lind"
    re.compile(rf"(?:[A-Z][\w'’]*\s+){{1,5}}(?<!ed )(?<!en )by\s+({NAME})\s+(?:on|is|was|from)\b"),
    # "the festival will also feature sets from NOVA9, Rosa Lind and DJ Pike"
    re.compile(rf"\b(?:sets|performances|appearances|shows)\s+(?:from|by)\s+"
               rf"({NAME}(?:,\s+{NAME})*(?:,?\s+and\s+{NAME})?)"),
    # "The new Mara Quill single, "Low Tide," premieres March 1"
    re.compile(rf"\b(?i:the|a)\s+(?:new|latest|upcoming|forthcoming|debut|next)\s+({NAME})\s+"
               rf"(?:single|album|EP|LP|record|song|mixtape|video)\b"),
    # "He wrote "Long Gone Train," a No. 1 hit for Della Marsh": whose hit it was is an act
    re.compile(rf"\b(?:hit|smash|chart-topper|single)\s+for\s+({NAME})"),
    # "previously announced headliners Grey Harbour and Rosa Lind", "support acts A and B"
    re.compile(rf"\b(?i:headliners|headliner|support acts?|openers|special guests)\s+"
               rf"({NAME}(?:,\s+{NAME})*(?:,?\s+and\s+{NAME})?)"),
    # "has added Tilly North, Kettle Static and the Raymonds to its 2027 lineup"
    re.compile(rf"\badded\s+({NAME}(?:,\s+{NAME})*,?\s+and\s+(?:the\s+)?{NAME})\s+to\s+"
               rf"(?:its|the|their|this year's)\s+(?:\d{{4}}\s+)?(?i:lineup|line-up|bill)"),
    # "Also on the bill are A, B and C", "The lineup also includes A, B and C", "A, B and C
    # round out the lineup": a festival's acts
    re.compile(rf"\b(?i:on the bill|on the lineup|on the line-up)\s+(?:are|is|will be|were)\s+"
               rf"({NAME}(?:,\s+{NAME})*(?:,?\s+and\s+{NAME})?)"),
    re.compile(rf"\b(?i:the bill|the lineup|the line-up)\s+(?:also\s+)?(?:includes|included|"
               rf"features|boasts)\s+({NAME}(?:,\s+{NAME})*(?:,?\s+and\s+{NAME})?)"),
    re.compile(rf"({NAME}(?:,\s+{NAME})*,?\s+and\s+{NAME})\s+(?:round out the|rounds out the|"
               rf"rounded out the)\s+(?i:bill|lineup|line-up)"),
    # "belongs to The Hollow Pines, whose Northern Rain debuts at Number 5": a chart entry's act
    re.compile(rf"({NAME}),\s+whose\s+(?:[A-Z0-9][\w'’-]*\s+){{1,5}}(?:debuts|climbs|rises|"
               rf"jumps|falls|re-enters|holds|spends|enters|lands)\b"),
    # "Nell Arden holds at No. 1 with Glass Meridian": a chart place held with a record
    re.compile(rf"({NAME})\s+(?:{CHART_VERB})\s+(?:at|to)\s+(?:No\.|Number|#)\s*\d+\b"
               rf"[^.;]{{0,40}}?\bwith\s+[A-Z0-9]"),
    # "good news for fans of Ana Vale: her new EP …": whose fans a music page speaks of
    re.compile(rf"\b(?i:fans of)\s+({NAME})(?=\s*[:,;.]|\s+(?:will|can|who|are|have)\b)"),
    # "Jon Ardent and Lila Moss team up on "Harbor Lights"": what only two acts do together
    re.compile(rf"(?:^|[,;]\s+)({NAME}\s+(?:and|&)\s+{NAME})\s+(?:have\s+|had\s+|will\s+)?"
               rf"(?:team(?:s|ed|ing)?\s+up|join(?:s|ed)?\s+forces|collaborat(?:e|ed))\b"),
]
# Collaborations: "with X", "feat. X", "x X" next to a title, a release noun or a tour.
# (each a word of its own: the "x" that ends "Alex Morrow" is no "A x B")
COLLAB = re.compile(rf"(?:[”\"’']|\b{RELEASE_NOUN}s?\b[^.]{{0,40}}?)\s*,?\s*\(?"
                    rf"(?<!\w)(?:with|featuring|feat\.|ft\.|x|×)\s+({NAME})")
SPLIT_LIST = re.compile(r",\s+and\s+|,\s+|\s+and\s+")


def _names(group: str) -> list[str]:
    if " and " in group or "," in group:
        if re.search(r"\+|&", group) and "," not in group:
            return [group]
        # ("A, B and the Raymonds": a lower-case "the" is not part of the name)
        return [re.sub(r"^the\s+", "", p) for p in SPLIT_LIST.split(group) if p]
    return [group]


# A cheap test per cue: a pattern that starts with a name is tried at every capital letter,
# so it runs only on sentences holding its key words (substring tests on the folded text).
GATES: list[tuple[str, ...]] = [
    ("singer", "songwriter", "rapper", "star", "artist", "musician", "band", "group", "duo",
     "trio", "quartet", "quintet", "outfit", "front", "bandmate", "newcomer", "dj", "producer",
     "rocker", "crooner", "icon", "legend", "diva", "act", "hitmaker", "sensation", "idol",
     "mc", "vocalist", "-piece"),
    ("'", "’"),
    ("announc", "releas", "drop", "unveil", "shar", "teas", "debut", "premier", "roll",
     "gearing", "return", "reflect", "reveal", "set to", "launch", "perform", "tour", "headlin",
     "cover", "become a", "welcom", "signed", "parted", "split", "team", "joined",
     "collaborat", "reunited", "cancel", "postpone", "delay", "play", "formed", "disbanded",
     "broke up", "hiatus", "on tour", "won", "topped", "scor", "reissu", "put out", "puts out",
     "putting out", "took home", "takes home", "picked up", "picks up", "scooped", "swept",
     "nabbed", "pushed back", "pushes back", "pushing back", "moved up", "moves up",
     "moving up", "moved back", "moves back", "moving back", "bump", "moved the", "moved her",
     "moved his", "moved their", "pushed the", "pushed her", "pushed his", "pushed their",
     "the road", "head out on", "heads out on", "heading out on", "embark", "coming back",
     "comeback"),
    (" her ", " his ", " their "),
    ("'s", "’s"),
    ("records", "recordings", "music"),
    ("\"", "“", "‘", "'"),
    ("member", "front", "leader", "vocalist", "guitarist", "drummer", "bassist"),
    (" x ", "×", "feat", "ft."),
    ("(feat", "(ft", "(with"),
    ("from ", "by "),
    ("front", "lead singer", "guitarist", "bassist", "drummer", "keyboardist", "bandmate",
     "singer", "rapper"),
    ("support", "open", "headlin", "perform", "play"),
    ("supported by", "support from", "special guest", "joined by", "opening act", "opener",
     "support act", "include", "featur", "such as"),
    ("whose",),
    ("singer", "songwriter", "rapper", "musician", "crooner", "rocker", "dj", "star"),
    ("band", "group", "duo", "trio", "quartet", "quintet", "sextet", "outfit", "collective",
     "ensemble"),
    ("brothers", "sisters", "singers"),
    ("birthday",),
    ("anniversary",),
    ("by ",),
    ("sets ", "performances ", "appearances ", "shows "),
    ("new ", "latest ", "upcoming ", "forthcoming ", "debut ", "next "),
    ("hit ", "smash ", "topper ", "single "),
    ("headliner", "support act", "openers", "special guests"),
    ("added",),
    ("on the bill", "on the lineup", "on the line-up"),
    ("the bill", "the lineup", "the line-up"),
    ("round out the", "rounds out the", "rounded out the"),
    ("whose",),
    ("#", "at no.", "at number", "to no.", "to number"),
    ("fans of",),
    ("team", "forces", "collaborat"),
]
COLLAB_GATE = ("with ", "feat", "ft.", "x ", "×")


# Festivals, venues, labels and outlets are named like acts and do what acts do ("announced")
ORG_WORDS = re.compile(r"\b(?:Festival|Fest|Awards?|Records|Recordings|Entertainment|Theatre|"
                       r"Theater|Arena|Stadium|Magazine|Agency|Label|University|Academy|Radio|"
                       r"Network|Inc|Ltd|LLC|Group Inc)\b")
STRONG = 2  # the index of the release-verb cue in CUES
# One pass per sentence finds every gate word; each cue's gate is then a set test.
KEYS = KeyWords(w for words in (*GATES, COLLAB_GATE) for w in words)
GATED_CUES = [(frozenset(g), cue, index == STRONG)
              for index, (g, cue) in enumerate(zip(GATES, CUES, strict=True))]
COLLAB_WORDS = frozenset(COLLAB_GATE)
CHART_WITH_BEFORE = re.compile(r"\b(?:at|to)\s+(?:No\.|Number|#)\s*\d+\b[^.;]{0,40}?\bwith\s+$")


BY_CUE = CUES[10]  # "a single by X", "the tour by X"
# A passive verb whose agent "by" names ("replaced on the tour by X"): not whose the noun is
_PASSIVE_BY = re.compile(r"\b(?:replaced|succeeded|backed|accompanied|joined|interviewed|"
                         r"produced|directed|written|mixed|remixed|covered)\b[^.;,]{0,60}$")


def candidates(sentences: list[Sentence]) -> list[tuple[str, bool]]:
    """(name, strong) for every act the text's wording marks as one; a strong cue (the name
    releases, drops, announces) makes an act even of a band member."""
    out: list[tuple[str, bool]] = []
    for sent in sentences:
        present = KEYS.found(sent.text.casefold())
        for gate, cue, strong in GATED_CUES:
            if gate.isdisjoint(present):
                continue
            for m in cue.finditer(sent.text):
                if cue is BY_CUE and _PASSIVE_BY.search(sent.text, max(0, m.start() - 70),
                                                        m.start(1)):
                    continue  # "will be replaced on the band's tour by X": who replaces
                for raw in _names(m.group(1)):
                    out.append((_possessor(tidy(raw)), strong))
        if not COLLAB_WORDS.isdisjoint(present):
            for m in COLLAB.finditer(sent.text):
                # ("their first Top 10 album with Quiet Rooms at Number 6": a chart entry)
                # ("holds at No. 1 with Glass Meridian": a chart place held with a record)
                if not credited_with(sent.text, m.start(1)) and not CHART_PLACE.match(
                        sent.text, m.end(1)) and not CHART_WITH_BEFORE.search(
                        sent.text, max(0, m.start(1) - 60), m.start(1)):
                    out.append((tidy(m.group(1)), False))
    return [(n, strong) for n, strong in out
            if plausible(n) and not ORG_WORDS.search(n) and not placeish(n)]


# A headline's act, in title case or not: "Kai Dorne To Release New Album, Paper Coast",
# "Watch: The Salt Honey Share Video for 'Tin Roof'", "Lena Morrow Is Set To Drop Debut EP"
# (the shortest run of capitalised words before the verb: "Kai Dorne", never "Kai Dorne To").
HEADLINE_ACT = re.compile(
    rf"(?:^|:\s+)({WORD}(?:{JOIN}{WORD}){{0,4}}?)\s+(?i:(?:(?:is|are|will|has|have|just|finally|officially|set|to)\s+)*"
    rf"(?:release|drop|share|announce|unveil|premiere|tease|debut|reveal|detail|confirm)"
    rf"(?:s|d)?)\b(?!\s+(?i:dates?|party|parties|schedules?|plans?)\b)")


def headline_candidates(headline: str) -> list[tuple[str, bool]]:
    """`candidates` of a headline, and the act its title-case wording names ("X To Release
    New Album"): headlines capitalise the verbs the sentence cues read in lower case."""
    found = candidates([Sentence(headline, -1, -1)])
    m = HEADLINE_ACT.search(headline)
    if m is not None:
        name = tidy(m.group(1))
        if plausible(name) and not ORG_WORDS.search(name) and not placeish(name):
            found.append((name, False))
    return found


_POSSESSED = re.compile(r"^(\S+(?:\s+\S+)+?)['’]s\s+(?=[A-Z0-9])")


def _possessor(name: str) -> str:
    """"Tilly North's Harbour Lights" (debuts at No. 1) is Tilly North's album: the act is the
    owner. A one-word owner stays whole: "Orbit's Daughter" is a name."""
    m = _POSSESSED.match(name)
    return m.group(1) if m else name


def known_mentions(text: str, known: Iterable[str]) -> list[str]:
    """The known names (and aliases) that occur in the text as whole words."""
    found: list[str] = []
    for name in known:
        name = name.strip()
        if not name:
            continue
        # a one-word act ("Yes", "Low") must match as written; longer names in any case
        flags = re.I if len(name.split()) > 1 else 0
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags):
            found.append(name)
    return found
