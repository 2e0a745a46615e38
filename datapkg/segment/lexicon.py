"""The English the segmenter knows, read from `en.yaml` beside this module.

Word lists (honorifics, role and organisation words, reporting verbs, pronouns,
prepositions, kinship words, nouns for works and sayings), the phrases of web-page
leftovers and titles, and thresholds live in that data file; this module loads it once
and builds from it the word sets and patterns the other modules read. Only the
structure of a pattern is spelled here (punctuation, spacing, how words combine),
never a word, so another language is another data file.

Reporting verbs have one home: `reporting_verbs`, `reporting_phrases` and
`guarded_verbs` make both the cue looked for before a quotation (word by word) and the
cue after it (one pattern), so the two cannot drift apart.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGE_FILE = Path(__file__).with_name("en.yaml")


def languages() -> tuple[str, ...]:
    """The languages the segmenter applies, by their BCP 47 primary subtag (the data file's
    stem): the one it loads, "en" for en.yaml. Another data file beside it is not used until
    the lexicon is chosen per document, so its language is not counted."""
    return (LANGUAGE_FILE.stem,)


@cache
def language() -> dict[str, Any]:
    """The language data, read once."""
    # libyaml's parser where PyYAML has it: the same data, read in a seventh of the time,
    # which every process that segments (each build worker among them) pays at start.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(LANGUAGE_FILE.read_text(encoding="utf-8"), Loader=loader)
    return data


def _words(key: str) -> frozenset[str]:
    value = language()[key]
    return frozenset(value)


def _capitals(pattern: str) -> str:
    """A pattern of the data file with its capitals class made to take every script's."""
    return pattern.replace("[A-Z]", "[" + _UP + "]")


def _alternation(key: str) -> str:
    """The entries of a list joined as alternatives of a pattern (they are patterns already)."""
    return _alternation_of(language()[key])


def _alternation_of(entries: Any) -> str:
    return "|".join(entries)


_L = language()


class _Folded:
    """A case-blind pattern looked for in lower-cased text, which is several times faster
    than `re.IGNORECASE` over many alternatives. It says only whether the pattern occurs:
    lower-casing may change a text's length, so no offsets come out of it."""

    __slots__ = ("_re",)

    def __init__(self, pattern: str) -> None:
        if re.search(r"(?<!\\)[A-Z]", pattern):
            raise ValueError(f"a case-blind pattern is written in lower case: {pattern!r}")
        self._re = re.compile(pattern)

    def found_in(self, s: str) -> bool:
        return self._re.search(s.lower()) is not None


def _ranges(accept: Any) -> str:
    """The code points that `accept` takes, as ranges for a character class."""
    parts: list[str] = []
    start = prev = -2
    for code in range(0x10000):  # the Basic Multilingual Plane: every script in use for text
        if accept(chr(code)):
            if code != prev + 1:
                if start >= 0:
                    parts.append(_span(start, prev))
                start = code
            prev = code
    parts.append(_span(start, prev))
    return "".join(parts)


def _span(first: int, last: int) -> str:
    return re.escape(chr(first)) + ("" if first == last else "-" + re.escape(chr(last)))


# Capitals and small letters of every script, for the inside of a character class:
# "Émile Durand" is a name as "Emile Durand" is. `str.isupper` decides, as it does wherever
# the segmenter looks at one character.
_UP = _ranges(lambda c: c.isupper() and c.isalpha())
_LOW = _ranges(lambda c: c.islower() and c.isalpha())
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_INITIAL_RE = re.compile(r"\b[" + _UP + r"]\.")  # "K.P.Orlov", "J. Smith"
_SPACE_CAPITAL_RE = re.compile(" [" + _UP + "]")

# --- characters ------------------------------------------------------------------------

# Characters that end a sentence, and the marks that may trail them ("end.”").
_SENTENCE_END = frozenset(_L["sentence_end"])
_TRAILERS = frozenset(_L["trailers"])
_OPEN_BRACKETS = frozenset(_L["open_brackets"])
_DASHES = frozenset(_L["dashes"])
_CLOSER: dict[str, str] = dict(_L["quote_pairs"])
# A closing double mark right after the words' last comma or stop: a sentence that starts
# before it started inside quoted words ("No. No,” Ruiz said").
_CLOSE_AFTER_WORDS_RE = re.compile(r"[,.!?…][”\"](?=\s)")
_CLOSING_MARKS = "".join(sorted(set(_CLOSER.values())))
# What a paragraph that runs on into the words of the next one ends with ("said,", "said:").
_RUN_ON_ENDS = ",:—–-"

# --- paragraphs --------------------------------------------------------------------------

_SEPARATOR_RE = re.compile(r"[*\-_=~#•·.+ ]{3,}")
_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.-]+\.(?:" + _alternation("url_domains") + r")(?:/\S*)?"
)
_BOILER_START_RE = re.compile("(?:" + _alternation("boilerplate_starts") + ")", re.IGNORECASE)
_FORM_INVITE = _Folded(_alternation("form_invitations"))
_CLOCK_RE = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:" + _alternation("clock_suffixes") + ")", re.IGNORECASE
)
# A trailing bare attribution after a sentence: "... tested. K.P.Orlov".
_ATTRIBUTION_RE = re.compile(
    r"[.!?…][\"”’')]*\s*(?:[-–—]\s*)?"
    r"((?:["
    + _UP
    + r"][\w’'.-]*)(?:\s+(?:(?:"
    + _alternation("attribution_connectors")
    + r")\s+)?["
    + _UP
    + r"][\w’'.-]*){0,3})$"
)
_NAME_LINE_RE = re.compile(r"(?:[" + _UP + r"][\w’'.-]*)(?:\s+[" + _UP + r"][\w’'.-]*){1,3}")
_MAX_HEADING_WORDS: int = _L["max_heading_words"]
# A heading that ends with a colon is a label of a word or three ("Public meeting:").
MAX_COLON_HEADING_WORDS = 3
# A colon line that counts what follows ("We have three requests:"): a list comes.
_COUNTED_INTRO_RE = re.compile(
    r"\b(?:\d+|" + _alternation("number_words") + r")\s+[\w’'-]+\s*:\Z", re.IGNORECASE
)
# A colon line that tells the reader what to do ("Watch the ad below:", "Like the page:"):
# what follows is a video, a form or a feed, not words it quotes.
_READER_INSTRUCTION_RE = re.compile(
    r"(?:\A|[.!?]\s+)(?:" + _alternation("reader_instructions") + r")\b[^.!?]*:\Z"
)
# The start of a list item: "1.", "(a)", "-", "•", "First,".
_LIST_ITEM_RE = re.compile(
    r"(?:\d{1,3}[.)]\s|\(?[a-z0-9]\)\s|[-–•*·]\s|(?:" + _alternation("enumerators") + r")\b)"
)
# The speaker's label opening a turn of a transcript: "Q: ...", "PENCE: ...", "MR. ODA: ...".
_TURN_LABEL_RE = re.compile(r"[" + _UP + r"][" + _UP + r" .'’-]{0,24}:[ \t]+\S")
# A label at a line's start, in mixed case ("Anna: not yet", "Dr. Lee: ...", "History of
# Present Illness: ..."): a turn when the same label opens another paragraph, a form's field
# beside other labelled lines, a headline's source when alone.
_LABEL_RE = re.compile(
    r"(["
    + _UP
    + r"][\w.’'-]*(?: (?:["
    + _UP
    + r"][\w.’'-]*|"
    + _alternation("small_words")
    + r")){0,3}):[ \t]+\S"
)
# A label is read in a line's first characters: more than any label with its colon.
LABEL_CHARS = 80
# A list or a stanza: so many heading-like lines in a row are its items, and only the
# first may head them ("Things you need" over "Shovel", "Mulch", "Water").
MIN_ITEM_RUN = 3
# A bracketed stage direction ending a line: "Thank you. [Applause]".
_STAGE_DIRECTION_RE = re.compile(r"[ \t]*\[[^\[\]\n]{1,40}\]\Z")
_MAX_HEADING_CHARS: int = _L["max_heading_chars"]
# A caption's label and number: "Figure 2.", "Table 3:", "Fig. 4 -"; or a picture's credit
# line: "Photo: Ana Ruiz", "Image by the author", "Source: the city council".
_CAPTION_RE = re.compile(
    r"(?:(?:" + _alternation("caption_labels") + r")\s+[\dIVXivx]+[a-z]?\b"
    r"|(?:" + _alternation("caption_labels") + "|" + _alternation("credit_labels") + r")"
    r"(?:[ \t]*:|[ \t]+" + _L["by"] + r"\b))"
)
# A paragraph after a question shorter than this is its answer: the question was asked.
_ANSWER_WORDS = 20

# --- names -------------------------------------------------------------------------------

# A capitalised run: "Ivo Marsh", "Times of India", "K.P.Orlov".
# Arabic names may have a lower-case particle: "Mustafa al-Qarrad" (a run that opens with
# one, "al-Qarrad", is found from its capital and widened by `_particle_start`).
# A capitalised word; an initial keeps its full stop when the name goes on ("Oscar P. Quintero").
# A title abbreviated before a name keeps its full stop too: "Mr. Ferrant" is one run.
_TITLE_ABBREVIATIONS = sorted(set(_L["abbreviations"]) & set(_L["honorifics"]))
_CAP_TOKEN = (
    "["
    + _UP
    + r"](?:[\w’'-]|\.(?=\w))*"
    # The full stop first: most tokens have none, and the look-behinds are not tried.
    + r"(?:\.(?:(?<=\b["
    + _UP
    + r"]\.)"
    + "".join(rf"|(?<=\b{a}\.)" for a in _TITLE_ABBREVIATIONS)
    + r")(?=[ \t]+["
    + _UP
    + r"]))?"
)
_PARTICLES = "(?:" + _alternation("name_particles") + ")-"
_CAP_RUN = (
    _CAP_TOKEN
    + r"(?:[ \t]+(?:(?:"
    + _alternation("name_connectors")
    + r")[ \t]+|"
    + _PARTICLES
    + r")?"
    + _CAP_TOKEN
    + r")*"
)
# Searched on its own, the run takes possessive repeats ("*+"): the same matches, as nothing
# follows to give words back to, without the regex engine keeping a way back for every
# word, which cost 170 bytes a character on one endless capitalised run.
# Python 3.11.0 to 3.11.4 match possessive repeats of a group wrongly (CPython gh-106052:
# "(?:ab?c)*+" matches "a"), which changed the runs found there. On those versions the
# repeats are atomic groups instead, "(?>(?:...)*)": the same matches as the fixed possessive
# repeats, so every Python builds the same package, at the memory cost above on such runs.
_POSSESSIVE_REPEATS_WORK = re.fullmatch("(?:ab?c)*+", "a") is None


def _repeats(pattern: str, at_least_once: bool) -> str:
    """`pattern` with each group repeat `(...)*` made possessive (or, where those are broken,
    atomic), and `+` instead of `*` when `at_least_once`."""
    quantifier = "+" if at_least_once else "*"
    if _POSSESSIVE_REPEATS_WORK:
        return pattern.replace(")*", ")" + quantifier + "+")
    closes = {}  # the position of each ")" -> the position of its "("
    opened: list[int] = []
    escaped = in_class = False
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            opened.append(k)
        elif ch == ")":
            closes[k] = opened.pop()
    repeated = {closes[k] for k in closes if pattern[k + 1 : k + 2] == "*"}
    out = []
    for k, ch in enumerate(pattern):
        if k in repeated:
            out.append("(?>")
        if ch == "*" and closes.get(k - 1) in repeated:
            out.append(quantifier + ")")
        else:
            out.append(ch)
    return "".join(out)


_CAP_RUN_RE = re.compile(_repeats(_CAP_RUN, at_least_once=False))
# The same runs, of two words or more only: the full names a document mentions.
_FULL_NAME_RUN_RE = re.compile(_repeats(_CAP_RUN, at_least_once=True))
# What stands right before a word that opens a sentence: a stop or an opening mark, and
# maybe spaces (searched in the few characters before the word).
_SENTENCE_OPENS_BEFORE_RE = re.compile(r"[.!?:;\"“‘'(]\s*\Z")
# A word in lower case, as the text writes words that are no names.
_LOWER_WORD_RE = re.compile("(?<![\\w’'-])[" + _LOW + "]+(?:[’'][" + _LOW + "]+)*(?![\\w’'-])")
_PARTICLE_BEFORE_RE = re.compile(r"(?<![\w’'-])" + _PARTICLES + r"$")
_PARTICLE_NAME_RE = re.compile(_PARTICLES + "[" + _UP + "]")
# What plain text marks emphasis with ("_now!_", "*never*"): no part of the words' punctuation.
_EMPHASIS_MARKS = "_*"
_NAME_WORD_JOINERS = "-’'"  # what joins the parts of one name word ("Smith-Jones", "O’Neill")
_NAME_WORD_RE = re.compile(
    "[" + _UP + "][" + _LOW + "]+(?:[" + _NAME_WORD_JOINERS + "][" + _UP + "]?[" + _LOW + "]+)*"
)
# A name word where a word starts (no letter or digit before it): where a name stands.
# Patterns read over a whole text and opening with a look-behind look ahead for their first
# letter first: the regex engine then skips to where one stands instead of trying the
# look-behind at every character (two to three times as fast, the same matches).
_NAME_COPY_RE = re.compile("(?=[" + _UP + r"])(?<![^\W_])" + _NAME_WORD_RE.pattern)
_NAME_JOINER_RE = re.compile("[" + _NAME_WORD_JOINERS + "]")
_MAX_NAME_RUN_CHARS: int = _L["max_name_run_chars"]

_HONORIFICS = _words("honorifics")
# Titles of rank that "the" and the title in lower case stand for, when one person holds it
# ("said the count": Count Zaharopoulos); not "the lady", "the father", said of anyone.
_RANK_TITLES: dict[str, list[str]] = dict(_L["rank_titles"])
_GENDER_HONORIFICS: dict[str, str] = dict(_L["gender_of_honorifics"])
# A gendered title and the name word after it ("Mrs. McBryde", "Mr McBryde").
_GENDERED_TITLE_RE = re.compile(
    "(?=["
    + "".join(sorted({re.escape(t[0]) for t in _GENDER_HONORIFICS}))
    + r"])(?<![\w’'-])("
    + "|".join(sorted(map(re.escape, _GENDER_HONORIFICS), key=len, reverse=True))
    + r")\.?[ \t\n]+(["
    + _UP
    + r"][^\W\d_]*(?:[’'-][^\W\d_]+)*)"
)
# A gendered title right before a word (searched in the few characters before it).
_GENDERED_TITLE_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(map(re.escape, _GENDER_HONORIFICS)) + r")\.?[ \t\n]+\Z"
)
_ROLE_WORDS = _words("role_words")
_ROLE_BEFORE_NAME = _words("role_before_name")
_INTERJECTIONS = _words("interjections")
_NOT_NAMES = _words("not_names") | _INTERJECTIONS
# Words that count: a capitalised run opening with one is a number of people ("Two Italians").
_NUMBER_WORDS = _words("number_words")
_ORG_WORDS = _words("org_words")
_COMPASS_WORDS = _words("compass_words")
_KIN_WORDS = _words("kin_words")
_KIN_NAMES = _words("kin_names")
_MALE_KIN = _words("male_kin")
_FEMALE_KIN = _words("female_kin")
_SPOUSE_TITLES: dict[str, str] = dict(_L["spouse_titles"])
# "the old lady" is a woman, "her husband" a man: a description's gender, from its last word.
_GENDER_OF_NOUN: dict[str, str] = {
    **{noun: "he" for noun in _L["male_person_nouns"]},
    **{noun: "she" for noun in _L["female_person_nouns"]},
}
_KIN_NP_RE = re.compile(
    r"\b(?:"
    + "|".join(_L["possessives"])
    + r")\s+("
    + "|".join(sorted(_MALE_KIN | _FEMALE_KIN))
    + r")\b"
)
_THING_WORDS = _words("thing_words")
_SOURCE_PREPOSITIONS = _words("source_prepositions")
# How many words may qualify a saying after its owner ("Ada’s campaign slogan was").
SAYING_MODIFIERS = 2
_PERSON_NOUNS = _words("person_nouns")
_INDEFINITES = _words("indefinites")
# Possessives that, opening an apposition after a name, are someone else's ("X, her rival").
_APPOSITION_POSSESSIVES = _words("apposition_possessives")
# Nouns for a relation to someone: kin, roles, and the words of "relation_nouns".
_RELATION_NOUNS = _words("relation_nouns") | _KIN_WORDS | _ROLE_BEFORE_NAME
_GENDERED_RE = re.compile(
    r"(?<![\w’'])(?:("
    + "|".join(_L["gendered_pronouns"]["he"])
    + ")|("
    + "|".join(_L["gendered_pronouns"]["she"])
    + r"))(?![\w’'])"
)

_OBJECT_GENDERED = _words("object_gendered_pronouns")
_POSSESSIVE_OBJECTS = _words("possessive_objects")

# How far after a name its pronoun is looked for. What may stand between: no sentence end,
# no paragraph break, no quotation mark (someone else's words), no capital (another name).
_GENDER_REACH = 80
_GENDER_STOP_RE = re.compile(r"[.!?“”\"" + _UP + r"]|\n\n")
# How many mentions of a name are read for its gender, at the most.
_GENDER_MENTIONS = 50
# How many times its own length a text is read to find name words one at a time before
# every name word's copies are indexed in one pass instead. Reading for one word is a fast
# search; indexing visits every capitalised word in Python, at about a hundred times the
# cost per character: below this budget the searches are cheaper, past it the index is.
COPIES_READ_BUDGET = 64

# --- reporting cues ----------------------------------------------------------------------

# The verbs as word sets: scanning words and looking them up is much faster than trying a
# whole alternation at every position of a long sentence.
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
_CUE_WORDS = _words("reporting_verbs")
_CUE_PAIRS: dict[str, str] = dict(_L["reporting_phrases"])
_CUE_PAIR_RES = {
    w: re.compile(r"\s+" + nxt + _L["phrase_guards"].get(w, "") + r"\b")
    for w, nxt in _CUE_PAIRS.items()
}
# Verbs that are usually nouns or mean something else unless a colon or name follows.
_CUE_GUARDED = {w: re.compile(_capitals(guard)) for w, guard in _L["guarded_verbs"].items()}
# The same cues as one pattern, for the cue after a quotation (", Voss declared") and the
# test of a heading: phrases first, so that "goes on" is found whole.
_CUE_ALTS = "|".join(
    [f"{first} {rest}" for first, rest in _CUE_PAIRS.items()]
    + [f"{verb}(?={_capitals(guard)})" for verb, guard in _L["guarded_verbs"].items()]
    + sorted(_CUE_WORDS, key=lambda w: (-len(w), w))
)
_CUE_RE = re.compile(r"(?<![\w’'-])(?:" + _CUE_ALTS + r")(?![\w’'-])", re.IGNORECASE)
# The word right after a capitalised run ("Mirela answered"); the word right before it
# ("said Mirela") is looked for this far back: is the run tagged as a speaker?
_WORD_AFTER_RE = re.compile(r"[ \t]+([^\W\d_]+)")
TAGGED_WORD_CHARS = 24
# How far from a quotation mark a speech tag's name is looked for ("“...,” said Mrs. Hale").
TAG_WINDOW_CHARS = 60
# Right after a closing mark, verbs that report speech only there: "“...,” Odile began".
_AFTER_ALTS = "|".join(
    [*sorted(_L["after_quotation_verbs"], key=lambda w: (-len(w), w)), _CUE_ALTS]
)
# Any verb in the past tense in the place of a speech tag (fiction's tags are an open class):
# after the subject, ending the clause ("“...,” Pim spluttered."), or right after the
# words and before a name ("“...,” interpreted Mirela").
_PAST = "[" + _LOW + "]{2,}" + _L["past_ending"]
_LISTED_AFTER_VERBS = frozenset(_L["after_quotation_verbs"]) | _CUE_WORDS
_AFTER_SUBJECT_ALTS = _AFTER_ALTS + "|" + _PAST + "(?=[.,;!?])"
_BEFORE_SUBJECT_ALTS = _AFTER_ALTS + "|" + _PAST + "(?=\\s+[" + _UP + "])"
_SOURCING_PHRASES = frozenset(_L["sourcing_phrases"])
# Verbs that name what someone calls a thing: they report words only with a subject and
# the quotation right after their object ("Delgado called the delay “a gift”"), never
# passive ("is still called the ‘bar’"), impersonal ("they call it") or "so-called".
_CALL_WORDS = _words("naming_verbs")
_CALL_OBJECT_STOPS = _words("naming_object_stops")
_NOT_CALLERS = _words("not_callers")
# Verbs that characterise: "condemned the attacks as “terrorism”" (only with "as").
_AS_WORDS = _words("characterising_verbs")
_ATTRIBUTION_CLAUSE_OPENERS = _words("attribution_clause_openers")
_COPULAS = _words("copulas")
# A name that a sentence gives someone as "he is" or "she was" ("He is Carne Ross"): a person.
_IDENTIFIED_BEFORE_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted(_words("subject_pronouns") & _words("pronouns")))
    + r")\s+(?:"
    + _alternation("copulas")
    + r")\s+\Z",
    re.IGNORECASE,
)
IDENTIFIED_BEFORE_CHARS = 16
# Every word that may make a cue, whatever its kind: a stretch without one has no cue.
_ANY_CUE_WORD = frozenset(
    _CUE_WORDS | _CALL_WORDS | _AS_WORDS | set(_CUE_PAIRS) | set(_CUE_GUARDED)
)
# Every word that may make a cue after a quotation: a stretch without one has none.
_ANY_AFTER_WORD = _ANY_CUE_WORD | frozenset(
    phrase.split()[0] for phrase in _L["after_quotation_verbs"]
)
_AS_END_RE = re.compile(r"\b" + _L["as"] + r"\s*$")
# The most words a subject after a closing mark may have: "retired Coast Guard admiral Ada
# Brennan said" has six.
MAX_SUBJECT_WORDS_AFTER = 7
# Words of when, where or how after a verb that ends a sentence's attribution ("..., Ada Vos
# said on Tuesday in a radio interview with the committee.").
MAX_WORDS_AFTER_TRAILING_CUE = 8
# The longest prose between two quotations that may be the first one's attribution alone
# ("“…,” said Ann Ruiz, summing up talks that ran on into the night. “…”"), or the writer's
# comment on the same source.
MAX_ATTRIBUTION_GAP_CHARS = 250
# Words of the subject before a past tense no list holds, in a speech tag ("the old man").
MAX_TAG_SUBJECT_WORDS = 4
# The most words of a sentence's leading noun phrase, but for a name it ends inside.
MAX_LEADING_NP_WORDS = 8
# A speech tag after a closing mark with no comma at it, or after a quotation that ends its
# sentence, counts only when it is bare: a name of at most this many words, a reporting verb
# and the full stop, maybe after when, where or to whom ("“...” Pardoe said.", "“... gone.”
# Marsh said on Friday."). "“...” Marsh said the polls were wrong." is a sentence of its own.
MAX_BARE_TAG_WORDS = 3
# A participle after a speech tag goes with the tag's subject when at most this many words
# (when, where) stand between the tag's verb and the comma ("Ruiz said Friday in Oslo,
# noting ...").
MAX_TAG_TAIL_WORDS = 6
# A name set off by commas before a participle is the sentence's subject only when no more
# than this many words come before it ("Marsh's Secretary of State, Ana Ruiz,
# saying"); further on, it is an object's apposition ("... about her rival, Bo Lind, saying").
MAX_SUBJECT_WORDS_BEFORE_APPOSITION = 6
_BARE_TAG_VERBS = _words("bare_tag_verbs")
_ASIDE_TAG_VERBS = _words("aside_tag_verbs")
_TAG_TAIL_PREPOSITIONS = _words("tag_tail_prepositions")
_BARE_TAG_END_RE = re.compile(
    r"(?:\s+(?:(?:" + _alternation("tag_tail_prepositions") + r")\s+[^.!?\n“”\"‘’,;:]{1,40}?"
    r"|[" + _UP + r"][\w’'-]*))?\s*\.(?!\w)"
)
_ADVERB_ENDING: str = _L["adverb_ending"]  # "angrily"
# A cue, optionally after a subject, right after a closing mark: ", Voss declared".
# Inside a paragraph a line break is a space: hard-wrapped text breaks lines anywhere
# ("said Mirela⏎severely"), so white space here is any white space.
_AFTER_RE = re.compile(
    # A dash may join the attribution to the closing mark: "“No, no,”--he replied".
    r"[,.!?…;]?(?:-{2,}|[—–])?\s*(?:\((?:[^()]{0,60})\)\s*)?"
    r"(?:(?P<np>[\w’'.-]+(?:\s+[\w’'.-]+){0," + str(MAX_SUBJECT_WORDS_AFTER - 1) + r"}?)"
    # Set off between the subject and its verb: a party and state, an age, an apposition, up
    # to four in a row ("Rep. Ann Ruiz (D-Ohio) said", "Abel Moss, 92, said", "Dana Ortiz, an
    # economist, said", "Abel Moss, 92, of Leeds, who voted, said").
    r"(?:\s+\([^()]{1,40}\))?(?:(?:,\s+[^,;:“”\"()]{1,80}?){1,4},)?"
    # An adverb before the verb, hyphenated too: "Dallas good-naturedly agreed".
    r"\s+(?:\w+(?:-\w+)*" + _ADVERB_ENDING + r"\s+)?"
    r"(?:(?:" + _alternation("perfect_auxiliaries") + r")\s+)?"
    r"(?P<cue1>" + _AFTER_SUBJECT_ALTS + r")"
    r"|(?P<cue2>" + _BEFORE_SUBJECT_ALTS + r"))(?![\w’'-])"
)
_ADJACENT_RE = re.compile(r"\s*(?:" + _L["that"] + r"\s*|[:,]\s*)?")
_THAT_RE = re.compile(r"\b" + _L["that"] + r"\b")
# Between two quotations that share one verb: "called it “reckless” and “cruel”".
_COORDINATED_RE = re.compile(r"\s*,?\s*(?:(?:" + _alternation("coordinators") + r")\s+)?")
_INTRODUCES_RE = re.compile(r"\s*(?::|" + _L["that"] + r"\b)")

# --- kinds of quotation ------------------------------------------------------------------

_SCARE_BEFORE = _Folded("(?:" + _alternation("scare_cues") + r")\s*[:,]?\s*$")
_TITLE_BEFORE = _Folded("(?:" + _alternation("title_cues") + r")\s*[:,]?\s*$")
_TITLE_AFTER_RE = re.compile(r"\s*,\s*(?:[" + _UP + r"]|\d{1,2}\s+[" + _UP + "])")
# Nouns for works, which the title follows or precedes ("her collection “Low Water”",
# "“Undertow,” a story collection", "A 1998 study by the Unit, ‘After Coal’").
_WORKS = "(?:" + _alternation("works") + ")s?"
_WORK_BEFORE = _Folded(
    r"\b"
    + _WORKS
    + r"(?:\s+(?:"
    + _alternation("work_makers")
    + r")\s+[^,;:.“”\"‘’]{1,60})?\s*[:,]?\s*$"
)
_WORK_AFTER_RE = re.compile(
    r"[,.]?\s*,?\s*(?:"
    + _alternation("work_determiners")
    + r")\s+(?:[\w-]+\s+){0,2}"
    + _WORKS
    + r"\b"
)
_PUBLISHER_AFTER_RE = re.compile(
    r"\s*\([" + _UP + r"][^()]{0,60}?,[^()]*\d"
)  # "(Harrow & Finch, 384 pages"
_THE_BEFORE_RE = re.compile(r"\b" + _L["the"][0] + r"\s+$", re.IGNORECASE)
_TITLE_WORD_RE = re.compile(r"[\w’'-]+")
_POSSESSIVE_BEFORE_RE = re.compile("[" + _UP + r"]\w*(?:’s|'s|’|')\s+(?:\w+\s+)?$")
_SMALL_WORDS = _words("small_words")
# Words in title case after a preposition name a show, a law or an event ("on “Harbor Week
# Tonight,”", "during a “Rivers and Farms Summit”"): not speech, whatever follows them.
_TITLE_PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?:"
    + _alternation("title_prepositions")
    + r")\s+(?:(?:"
    + _alternation("articles")
    + r"|[\w’'-]+(?:’s|'s))\s+)?$",
    re.IGNORECASE,
)

# --- clauses and noun phrases ------------------------------------------------------------

# How far back a sentence's start is looked for: a longer "sentence" is a list or a run-on
# stretch whose start says nothing about a quotation in it. Bounds the cost of a look-up.
MAX_SENTENCE_CHARS = 400
# How many speakers back a pronoun with no name near it may reach: a conversation's people.
RECALL_SPEAKERS = 12
# A name and a colon opening a headline or a sentence, before quoted words: "Moss: Talks ‘…’".
# What a headline says before its quotation: no mark, but the apostrophe inside a word.
_HEADLINE_WORDS = r"(?:[^:“”\"‘’'\n]|(?<=\w)[’'](?=\w))*"
_HEADLINE_SOURCE_RE = re.compile(r"(" + _CAP_RUN + r")[ \t]*:[ \t]+" + _HEADLINE_WORDS + r"\Z")
# The most words a headline's subject takes before its verb ("Retired General Reveals").
MAX_HEADLINE_SUBJECT_WORDS = 5
# A headline is this short at most: a longer paragraph is not read for its capitals, which
# keeps telling a title from words quoted in a headline linear in the paragraph.
MAX_HEADLINE_CHARS = 200
# Words that open a definite description of someone the text has met ("the old man", "his
# mother"): in a dialogue, the turns may tell who it is.
_DEFINITE_DETERMINERS = frozenset(_L["definite_determiners"])
# How often the others must call a first-person narrator by one name for it to be theirs.
NARRATOR_VOTES = 3
# How many paragraphs before and after a narrator's turn the others' words are read for the
# name they call the narrator by (further, the others call each other too).
NARRATOR_TURNS_AROUND = 1
# A paragraph of narration between two turns at most this long, naming no one but the two
# voices, is a beat ("He laughed."): the voices may go on taking turns across it. (A
# sentence or two; a longer paragraph moves the scene on.)
BEAT_CHARS = 250
# How far before a dialogue its voices are looked for, to find whom a known voice talks with.
PARTNER_CHARS = 3000
# A partner is looked for among this many anchored turns each side of a turn at most: a
# voice further away in a long run is no partner, and each turn costs the same.
PARTNER_TURNS = 64
# A text whose cued turns change voice at least this many times, more often than they keep
# it, is fiction-like dialogue: a turn may end a paragraph of prose there.
MIN_DIALOGUE_CHANGES = 20
# How many pronouns after its mentions tell a name's gender, at the least.
GENDER_VOTES = 2
# The longest description made a name ("the tall young man"): more words say more than who.
MAX_DESCRIPTION_WORDS = 4
# How many people of no known gender a described speaker's search passes over.
DESCRIBED_TRIES = 3
# A name set off by commas in spoken words: whom they are said to ("Come in, Mirela.").
# The name may open the spoken words (right after the opening mark), follow a comma or a
# word of address, and ends at a stop of the voice.
# The pattern opens with the run's capital and looks behind it from there: a search then
# skips to each capital instead of trying every position.
_RUN_FIRST = "[" + _UP + "]"
assert _CAP_RUN.startswith(_RUN_FIRST)
# A closing mark after a comma, "!" or "?", then a word in lower case: a tag after quoted words.
_TAG_AFTER_WORDS_RE = re.compile(r"[,!?][”\"] [" + _LOW + "]")
_TAG_ADJUNCT_RE = re.compile(r"\b(?:" + _alternation("tag_adjunct_openers") + r")\b")
_SELF_BEFORE_RE = re.compile(r"(?<![\w’'-])(?:" + _alternation("self_pronouns") + r"), \Z")
_VOCATIVE_RE = re.compile(
    "("
    + _RUN_FIRST
    # A line start counts only after a blank line: a wrapped line may start with any word.
    + r"(?:(?<=\A.)|(?<=\n\n.)|(?<=[,;] .)|(?<=[“\"‘'].)"
    + "".join(rf"|(?<=\b{word} .)" for word in _L["address_words"])
    + ")"
    + _CAP_RUN[len(_RUN_FIRST) :]
    + r")(?=[,.!?;]|\Z)",
)
# A capitalised run written right after a preposition of place only ("in Halden"): the
# document's places, gathered in one pass.
_PLACE_NAME_RE = re.compile(
    r"\b(?:" + _alternation("place_only_prepositions") + r")[ \t\n]+(" + _CAP_RUN_RE.pattern + ")"
)
# The word after a place's name, across a wrapped line ("in Halden⏎for years").
_NEXT_WORD_RE = re.compile(r"[ \t]*\n?[ \t]*([^\W\d_]+)")
# A preposition of place right before a name: "in Honolulu", "from West Virginia", "in the
# Uffizi Arcade".
_PLACE_BEFORE_RE = re.compile(
    r"\b(?:(?:"
    + _alternation("place_prepositions")
    + r")\s+|(?:"
    + _alternation("article_place_prepositions")
    + r")\s+the\s+)\Z"
)
# After a capitalised run, a role noun and the name it titles: the run is the role's
# affiliation ("Former Varna governor Ana Ruiz", "Harbor Rights spokesman Ivo
# Marsh"), not a person; the name is.
_ROLE_AFTER_RUN_RE = re.compile(
    r" (?:[a-z]+ ){0,2}(?:" + "|".join(_words("role_before_name")) + r") (?=[" + _UP + r"])"
)
# The object between a naming verb and the words it reports is this short at most ("called
# both Marsh and Ruiz “crazy”"): annotated news puts the words up to seven words after it.
MAX_CALL_OBJECT_WORDS = 7
MAX_CALL_OBJECT_CHARS = 60
# A reported clause without "that" holds a partial quotation this many words after its verb
# at most ("said the board's review of the contract has raised a “serious
# concern”"); annotated news has them up to twenty-four words on, and few words set apart
# there.
MAX_REPORTED_CLAUSE_WORDS = 24
# A "that"-clause holds a partial quotation of its reporting verb this many words after
# "that" at most ("reports that the governor’s staff chose not to call a doctor after his
# collapse so as to “keep ...”"); annotated news has them up to thirty words on, about as far
# as a verb is looked for before short quoted words.
MAX_THAT_CLAUSE_WORDS = 30
# A text is hard-wrapped, and a line of its full width goes on to the next, when at least
# this many of its blocks are wrapped paragraphs.
MIN_WRAPPED_BLOCKS = 3
# How far from a quotation its speaker's name and cue are looked for where they are written:
# as far back as a pronoun's antecedent may be, and a clause after.
WRITTEN_BEFORE_CHARS = 3000
WRITTEN_AFTER_CHARS = 300
# How far before a capitalised run a preposition of place is looked for ("throughout the ").
PLACE_BEFORE_CHARS = 16
# How many sentences before the last of a paragraph of prose are read for whom it is about,
# when its last sentence is about no one.
PROSE_SENTENCES_BACK = 3
# How far before a name word its title is looked for ("Mrs.⏎").
TITLE_BEFORE_CHARS = 8
# How far back a pronoun's antecedent is looked for, from the pronoun: near, then, when
# nobody of its gender stands there and no speaker of it is known, further.
NEAREST_REACH_CHARS = 1500
FAR_REACH_CHARS = 6000
# A lone first name far from any full name is the full name the text gives it when at least
# this share of the full names it starts are that one ("Tom" -> "Tom Ashcombe", written 13
# times, beside one "Tom Oliver").
FIRST_NAME_SHARE = 0.9
# How many capitalised runs' readings as a full name are remembered across documents.
FULL_NAMES_REMEMBERED = 65536
# A full stop that ends something, not that of "Mr." or of an initial ("Ivo B. Marsh").
# The stop is matched first and the look-behinds read it too, so that a search skips every
# other character at the speed of a plain scan.
_FULL_STOP = (
    r"\." + "".join(rf"(?<!\b{a}\.)" for a in _L["abbreviations"]) + r"(?<!\b[" + _UP + r"]\.)"
)
_SENTENCE_START_RE = re.compile(
    r"(?:[!?…]|" + _FULL_STOP + r")[\"”’')\]]*\s+(?=[\"“‘'(\[]?[" + _UP + "0-9])"
)
_INNER_SENTENCE_END_RE = re.compile(r"(?:[!?]|" + _FULL_STOP + r")\s+[" + _UP + r"“\"‘]")
# Any mark that ends a sentence, but not the full stop of "Mrs." or of an initial.
_ANY_SENTENCE_END_RE = re.compile(r"[!?]|" + _FULL_STOP)
_PRONOUNS = _words("pronouns")
# "he" or "she" for each gendered form ("him" -> "he").
_GENDER_OF_PRONOUN: dict[str, str] = {
    form: gender for gender, forms in _L["gendered_pronouns"].items() for form in forms
}
_PASSIVE_BEFORE_PARTICIPLE = _words("passive_before_participle")
_PARTICIPLE_ENDINGS = tuple(_L["participle_endings"])
_PRESENT_PARTICIPLE_ENDING = _L["present_participle_ending"]
_IRREGULAR_PARTICIPLES = _words("irregular_participles")
_PASSIVE_REPORT_VERBS = _words("passive_report_verbs")
_CLAUSE_OPENERS = _words("clause_openers")
_OWN_POSSESSIVES = _words("own_possessives")
_POSSESSIVES = _words("possessives")
_THIRD_PERSON_POSSESSIVES = _words("third_person_possessives")
# Words that, opening what follows a reporting verb, show it is no subject ("told him").
_OBJECT_STARTS = _words("object_starts")
_LOWER_NAME_WORDS = _words("lower_name_words")
_SURNAME_PARTICLES = _words("surname_particles")
# The most lower-case words dropped before a speaker's name ("said poor old Mirela").
MAX_EPITHET_WORDS = 3
_CLAUSE_STARTS = _words("clause_starts")
_RELATIVE_PRONOUNS = _words("relative_pronouns")
_PERSON_RELATIVES = _words("person_relatives")
_COLLECTIVE_PRONOUNS = _words("collective_pronouns")
_PEOPLE_PRONOUNS = _words("people_pronouns")
_ARTICLES = _words("articles")
_PERSONAL_SUBJECTS = _words("complement_pronouns")
_BARE_SUBJECTS = _words("bare_subjects")
# A pronoun or a bare subject ("it", "who"): no one named.
_PRONOUN_SUBJECTS = _PRONOUNS | _BARE_SUBJECTS
_CONTRACTED_SUBJECTS = _words("contracted_subjects")
_OTHER_SPEAKERS = _words("other_speakers")
_SUBJECT_PRONOUNS = _words("subject_pronouns")
_NOMINATIVE_PRONOUNS = _words("nominative_pronouns")
_FIRST_PERSON = _words("first_person")
_IMPERSONAL = _words("impersonal")
_AUXILIARIES = _words("auxiliaries")
_SUBJECT_FILLERS = _words("subject_fillers")
_SUBJECT_ADVERBS = _words("subject_adverbs")
_ADVERBIAL_STARTS = _words("adverbial_starts")
_NP_STARTERS = _words("np_starters")
# Words that end a noun phrase after a name: a phrase, an adverb or a clause begins.
_NP_AFTER_STOPS = _words("np_after_stops")
_REFLEXIVES = _words("reflexives")
_NAME_COORDINATORS = _words("name_coordinators")
_INFINITIVE_MARKER: str = _L["infinitive_marker"]
_NEGATION_ENDINGS = tuple(_L["negation_endings"])
_PAST_ENDING: str = _L["past_ending"]
_PLACE_PREPOSITIONS = _words("place_prepositions")
_OBJECT_PRONOUNS = _words("object_pronouns")
_OPENERS = _words("openers")
_PREPOSITIONS = _words("prepositions")
_NP_PREPOSITIONS = _words("np_prepositions")
_SUBORDINATORS = _words("subordinators")
_QUESTION_WORDS = _words("question_words")
_COORDINATORS = _words("coordinators")
_ELISIONS = _words("elisions")
# Words that show the word before them is a clause's subject: "Osei said", "Dorsey had".
_VERBISH = _words("verbish")
_NP_STOPS = _PREPOSITIONS | _SUBORDINATORS | _VERBISH | _CUE_WORDS | _words("relative_words")
# Nouns for what someone said: "Ada’s rule was ..." is Ada's saying.
_SAYING_WORDS = _words("saying_words")
_DETERMINERS = _NP_STARTERS | _words("more_determiners")
# Words that are no noun: after "her", they show it an object ("told her that", "met her
# and"), not a possessive ("her house").
_FUNCTION_WORDS = (
    _PREPOSITIONS | _COORDINATORS | _SUBORDINATORS | _AUXILIARIES | _DETERMINERS | _VERBISH
)
_TAG_PARTICLES = _words("tag_particles")
# A voice after its owner, at most two words before the noun: "the Otter’s voice", "Ann’s
# eager voice" (`_VOICE_OWNER_RE`); "his lips", "her faint voice" (`_PRONOUN_VOICE_RE`).
_VOICE = r" (?:[" + _LOW + r"]+ ){0,2}(?:" + _alternation("voice_nouns") + r")"
_VOICE_OWNER_RE = re.compile(r"(.+?)[’']s" + _VOICE)
_VOICE_NOUNS = _words("voice_nouns")
_PRONOUN_VOICE_RE = re.compile(r"([" + _LOW + r"]+)" + _VOICE)
# Determiners after which a word is a noun, never a verb ("many states", "the call").
_NOUN_DETERMINERS = _words("noun_determiners")
_PASSIVE_MARKERS = _words("passive_markers")
# How far before a name what leads to a sentence's subject is read (a clause of up to 13
# words before its comma).
SUBJECT_LEAD_CHARS = 100
# How far on either side of a name its reporting verb is looked for ("said Ana Ruiz,").
REPORT_VERB_CHARS = 30
_CLAUSE_LEADS = _words("clause_leads")
_PERCEPTION_VERBS = _words("perception_verbs")
_SUBJECT_LEAD_RE = re.compile(
    r"(?:^|[.!?][\"”’]?\s+)(?:(?:"
    + _alternation("subject_leads")
    + r")\s+|(?:[^\s.!?]+\s+){0,4}[^\s.!?]+,\s+|(?:"
    + _alternation("clause_leads")
    + r")\s+(?:[^\s.!?,]+\s+){0,12}[^\s.!?,]+,\s+)?$"
)
_THE = "(?:" + "|".join(_L["the"]) + ")"
_SUBJECT_RE = re.compile(r"\s*(?:" + _THE + r"\s+)?" + _CAP_RUN + r"(?=\s|$)")
# A phrase for an adverb that ends the words before a reporting verb ("the Duchess at last").
_SUBJECT_ADVERB_PHRASE_END_RE = re.compile(
    r"\s+(?:"
    + _alternation_of(p.replace(" ", r"\s+") for p in _L["subject_adverb_phrases"])
    + r")\s*$",
    re.IGNORECASE,
)
_SUBJECT_BEFORE_COMMA_RE = re.compile(r"(?:" + _THE + r"\s+)?" + _CAP_RUN + r"(?=,)")
_APPOSED_NAME_RE = re.compile(
    r",\s+(?:(?:"
    + _alternation("articles")
    + r")\s+[^,.;:]{0,40}?\s(?:"
    + _alternation("appositive_namers")
    + r")\s+)?("
    + _CAP_RUN
    + r")(?=\s*(?:[,.;:!?]|$))"
)
# A news dateline before a story's first words: "RENO, Nev. (AP) —", "Washington (AFP) –".
# (A sentence may start after the abbreviation, at the bracket.)
_DATELINE_RE = re.compile(r"(?:[" + _UP + r"][\w .,’'-]{1,40}? )?\([\w .]{2,15}\) ?[-–—]+ ?")
# A description the text goes on to name, without a comma: "the night clerk known as Ferro".
_NAMED_DESCRIPTION_RE = re.compile(
    r"\s*(?:"
    + _alternation("articles")
    + r")\s+[^,.;:“”\"]{0,40}?\s(?:"
    + _alternation_of(n.replace(" ", r"\s+") for n in _L["appositive_namers"])
    + r")\s+("
    + _CAP_RUN
    + r")(?=\s*(?:[,.;:!?“”\"]|$))"
)
# An aside in brackets at the end of a stretch, with the space around it: "Ann Ruiz (D-Ohio) ".
_TRAILING_ASIDE_RE = re.compile(r"[ \t]*\([^()\n]{1,60}\)[ \t]*\Z")
# The same aside after a name and before auxiliaries: "Sen. Ann Ruiz (D-Mo.) has said".
_ASIDE_BEFORE_VERB_RE = re.compile(
    r"[ \t]*\([^()\n]{1,60}\)(?=(?:[ \t]+(?:" + _alternation("auxiliaries") + r"))*[ \t]*\Z)"
)
# A time phrase right before the verb, after the subject: "Ruiz on Tuesday said", "Ruiz last
# week said", "Ruiz at the time said".
_TIME_BEFORE_VERB_RE = re.compile(
    r"[ \t]+(?:(?:(?:on|at|in|during)[ \t]+)?(?:the[ \t]+)?(?:"
    + _alternation("time_determiners")
    + r")[ \t]+(?:"
    + _alternation("time_nouns")
    + r")|(?:on[ \t]+)?(?:"
    + _alternation("weekdays")
    + r")(?:[ \t]+(?:"
    + _alternation("time_nouns")
    + r"))?|at[ \t]+the[ \t]+time)[ \t]*\Z"
)
# A time phrase opening a sentence before its subject: "The next day, her account posted",
# "The next morning the mayor said", "Last week, Ruiz said".
_TIME_LEAD_RE = re.compile(
    r"(?i:(?:the[ \t]+)?(?:"
    + _alternation("time_determiners")
    + r")[ \t]+(?:"
    + _alternation("time_nouns")
    + r")"
    # "Three weeks later", "A year ago", "2 days later"
    + r"|(?:\d+|"
    + _alternation("articles")
    + "|"
    + _alternation("number_words")
    + r")[ \t]+(?:"
    + _alternation("time_nouns")
    + r")s?[ \t]+(?:"
    + _alternation("time_after_words")
    + r"))\b,?[ \t\n]+(?=(?:"
    + _alternation("np_starters")
    + r"|"
    + _alternation("subject_pronouns")
    + r")\b|["
    + _UP
    + r"])"
)
# A title abbreviated before a name, at the end of a line: "said Mrs.⏎Hale" goes on.
_TITLE_AT_END_RE = re.compile(
    r"\b(?:" + "|".join(sorted(set(_L["abbreviations"]) & set(_L["honorifics"]))) + r")\.\Z"
)
# A line that ends with an article or a preposition: no sentence ends there, so the next
# line goes on with it, whatever its case ("said the Grey Badger to the⏎Heron.").
_HANGING_WORD_RE = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(sorted({*_L["articles"], *_L["prepositions"]})) + r")\Z"
)
# A line that ends with quoted words and the reporting verb after them: the speaker's name
# is on the next line ("“... quickly,” said⏎Mirela.", "“...,” said the⏎Collector.").
_CUE_AT_LINE_END_RE = re.compile(
    r"[,!?…—–-][”\"’']\s+(?:"
    + _AFTER_ALTS
    + "|"
    + _PAST
    + r")(?:\s+(?:"
    + _alternation("articles")
    + "|"
    + _alternation("possessives")
    + r"))?\Z"
)
# What ends a clause: a full stop that is no abbreviation's ("Sen. Ivo Marsh"), or ; : ! ?
_CLAUSE_STOP_RE = re.compile(r"[;:!?]|" + _FULL_STOP)
# A full stop that ends a sentence: "says Ms Orr. Thus ...".
_ABBREVIATION_END_RE = re.compile(_FULL_STOP + r"\s+(?=[" + _UP + "])")
_NP_AFTER_RE = re.compile(
    r"\s*((?:[\w’'./-]+\s*){1,8}?)(?=[,:;!?()“\"‘]|"
    + _FULL_STOP
    + r"|[-–—]\s|$|(?<=\s)(?:"
    + _alternation("np_after_stops")
    + r")\b|(?<=\s)"
    # A word in -ly right after an article or a possessive is an adjective of the noun phrase
    # ("said the elderly man", "said her kindly aunt"), not an adverb after it.
    + "".join(rf"(?<!\b{w} )" for w in sorted(_L["articles"] + _L["possessives"]))
    + "["
    + _LOW
    + r"]+"
    + _L["adverb_ending"]
    # Not before a name: "said Marsh ally Jo Carr", "said Ruiz family lawyer Ann Bell".
    + r"\b(?!\s+["
    + _UP
    + r"]))"
)
_COMPLEMENT_ADJECTIVES = _words("complement_adjectives")
# What goes on a description after an adjective or a participle: "familiar with those plans".
_COMPLEMENT_PP_RE = re.compile(
    r"\s*(?:"
    + _alternation("complement_prepositions")
    + r")\s+(?:[\w’'.-]+\s+){0,5}[\w’'.-]+(?=[,;:!?]|"
    + _FULL_STOP
    + r"|$)"
)
# A relative clause that describes a person, to the clause's end: "who supports Ruiz".
_DESCRIBING_CLAUSE_RE = re.compile(
    r"\s*(?:"
    + _alternation("describing_relatives")
    + r")\s+(?:[\w’'.-]+\s+){0,9}[\w’'.-]+(?=[,;:!?]|"
    + _FULL_STOP
    + r"|$)"
)
# What a description after a reporting verb goes on with: a short phrase naming whom it
# describes, ending the clause ("a spokesman for Harbor Rights,").
_DESCRIPTION_PP_RE = re.compile(
    r"\s*(?:"
    + _alternation("description_prepositions")
    + r")\s+(?!(?:"
    + _alternation("object_pronouns")
    + r")\b)(?:[\w’'.-]+\s+){0,4}[\w’'.-]+(?=[,;:!?]|"
    + _FULL_STOP
    + r"|$)"
)
# After "according to" a phrase may run on: "one soldier with the 69th Regiment who ...".
_WIDE_NP_AFTER_RE = re.compile(
    r"\s*((?:[\w’'./-]+\s*){1,8}?)(?=[,:;.!?()“\"‘]|[-–—]\s|$|(?<=\s)(?:"
    + _alternation("wide_np_after_stops")
    + r")\b)"
)
_CONTRACTION_RE = re.compile(r"[’'](?:" + _alternation("contractions") + ")$", re.IGNORECASE)
_BARE_DETERMINER_RE = re.compile(r"\s+(?:" + _alternation("bare_determiners") + r")\s+")
_PARENTHETICAL_RE = re.compile(r",\s*(?:[\w’'-]+\s+){1,3}$")
# A reported clause without "that": a subject pronoun and a verb ("says he is ...").
_COMPLEMENT_RE = re.compile(
    r"\s*(?:"
    + _alternation("complement_pronouns")
    + r")\s+(?:"
    + _alternation("complement_verbs")
    + r")\b"
)
_ASIDE_RE = re.compile(r"\s*,[^,.;:!?]{1,40},\s*")  # "It reads, in red capitals, “...”"
# Whom or how the words were said to, then a comma: "told the agency simply, “We lost.”".
MAX_OBJECT_BEFORE_COMMA_WORDS = 6
_OBJECT_THEN_COMMA_RE = re.compile(
    r"\s+(?:[\w’'-]+\s+){0," + str(MAX_OBJECT_BEFORE_COMMA_WORDS - 1) + r"}[\w’'-]+\s*,\s*"
)
_COPULA_END_RE = re.compile(r"\b(?:" + _alternation("copulas") + r")\s*$")
_DASH_NAME_RE = re.compile(r"[" + _L["dashes"] + r"]+\s*(" + _CAP_RUN + r")")
# Whom a tag says the words are spoken to, after its verb and maybe the speaker's name: "said
# to Mrs. Sen", "said Ana to Mrs. Lee", "asked Teddy" (a verb of asking or telling
# takes its hearer as object).
_TAG_ADDRESSEE_RE = re.compile(
    r"(?:[ \t\n]+" + _CAP_RUN + r")?[ \t\n]+to[ \t\n]+(" + _CAP_RUN + r")"
)
_TAG_OBJECT_RE = re.compile(r"[ \t\n]+(" + _CAP_RUN + r")")
# A speech tag set off inside a sentence, subject first: "KVRN, Marsh said, called it ...".
_SUBJECT_ASIDE_RE = re.compile(
    r",[ \t\n]+(" + _CAP_RUN + r")[ \t\n]+(?:" + _alternation("aside_tag_verbs") + r"),[ \t\n]"
)
# Right after a quotation, whose saying it was: "“…,” was Ada’s answer", "was Mrs. Quill’s
# emphatic comment".
_OWNED_SAYING_AFTER_RE = re.compile(
    r"[,.!?]?\s*(?:"
    + _alternation("copulas")
    + r")\s+(?:(?:"
    + _alternation("saying_focus")
    + r")\s+)?(?:("
    + _CAP_RUN
    + r")(?:’s|'s)|("
    + _alternation_of(_L["possessive_subjects"])
    + r"))\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(_L["saying_words"])
    + r")\b"
)
# The subject pronoun a possessive stands for ("was his next observation": he).
_POSSESSIVE_SUBJECTS: dict[str, str] = dict(_L["possessive_subjects"])
# "(Ibid)": it cites every quotation before it in its paragraph.
_SAME_SOURCE_RE = re.compile(r"\(\s*(?:" + _alternation("same_source_citations") + r")\.?[\s,)]")
_CITATION_RE = re.compile(
    r"[.,;]?\s*\((?:(?:" + _alternation("citation_words") + r")\s+)?(" + _CAP_RUN + r")[,.]"
)
_WORDS_OF_RE = re.compile(
    r"[.,;]?\s*(?:"
    + _alternation("words_of_subjects")
    + ") (?:"
    + _alternation("words_of_verbs")
    + r") (?:the )?(?:very )?words of\s+"
)
