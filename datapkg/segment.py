# The module is about typographic quotation marks and dashes, so it spells them out.
# ruff: noqa: RUF001, RUF002, RUF003, RUF100
"""Split a document's text into paragraph records and quotation records.

`segment(text)` is pure and deterministic: it reads nothing but its argument and
returns a `Segmentation` whose offsets are code-point indices into `text` (end
exclusive). The text is expected with "\\n" newlines and no BOM.

Paragraph boundaries
--------------------
The text is cut into lines, and runs of non-blank lines into *blocks* (a block
ends at one or more blank lines). Two conventions exist, often in one file:

* blank-line separated: every block is one paragraph;
* one paragraph per line: a block holds many paragraphs, one per line.

A block is read as ONE hard-wrapped paragraph only when its lines look wrapped:
at least three lines, of prose width (median 40-100 characters), most of them
ending mid-sentence. Otherwise each line starts a paragraph, except that a line
which ends mid-sentence followed by one that starts in lower case continues it.
The same "ends mid-sentence, next starts lower case" test joins two blocks
across a stray blank line, so the span of such a paragraph runs over the gap.
Consecutive short tab-separated lines (a web form) form one paragraph.

Paragraph kinds
---------------
* separator: a rule made only of symbols such as "*****", "----", "* * *".
* boilerplate: web-page leftovers: lines starting "> " (link lists), bare URLs,
  "full story:" / "read more" / "more info:" / contact lines, web forms
  (tab-separated fields and the line inviting to fill them in), and event
  notices (a short "Public meeting:"-style header or a line with a clock time,
  plus the short unpunctuated lines of the notice around it).
* heading: a short stand-alone line without sentence-final punctuation (a
  final "!" only before the first prose paragraph, "?" only when very short).
* signature: a short name-like line (two to four capitalised words) after the
  last prose of the main text: at the end or before a wide gap/heading/rule.
* epigraph: a leading paragraph that ends with a bare attribution such as
  "... to be tested. V.I.Lenin".
* blockquote: a passage reproduced from another source: the paragraph(s) after
  a prose sentence ending in ":" (the introduction), or an attributed passage
  ("... text. A.N.Author") elsewhere. In the one-paragraph-per-line convention,
  the whole block after a colon introduction followed by a blank line is
  quoted; a further block after a wide (2+ blank lines) gap continues it unless
  it ends with its own introduction. In the blank-line convention only the
  next paragraph (and the continuation of a marked quotation) is quoted.
* paragraph: everything else: running prose.

Quotations
----------
Each paragraph is scanned left to right with a stack of open quotations.
Curly marks are unambiguous in direction; straight marks and "’" are judged by
their neighbours: between two letters or digits they are apostrophes (don’t,
1970’s, Ba’athists); after "s" and before a word ("workers’ movement") a mark
only closes an open single quotation when no better closer follows; elisions
(’em, ’90s) never open. A closer of the outer kind closes any inner quotation
left open. A quotation still open at a paragraph end continues into the next
paragraph when that one opens with the same mark (a chained piece, with
`first_piece`), otherwise it is closed at the paragraph end. Unmarked block
quotations get one mark-"none" span per paragraph, and marked quotations
inside them get it as `parent`.

Speaker and cue come from a reporting verb next to the quotation: before it in
the same sentence ("Kerry declared:", "according to X:", "says Mr Y, "), after
it ("..., Kerry declared."; not when the verb opens a new report: "replied:"),
or in the introduction of a block quotation. The speaker is the verb's subject
as the text names it nearest: a name set off by commas ("Our caretaker, Milo,
says", "said the club secretary, Pauline Rourke"), the noun a relative clause
hangs on ("a poster that says"), the subject of coordinated verbs ("stood up
and said"), of a participle ("a statement from an official saying"), or of
"by"-passives; "was told" without "by" has no speaker. Verbs that name rather
than report ("called", "condemned ... as") need a subject and the quotation
right after their object. A short quotation counts as reported only next to its
verb, in its "that"-clause, after an article ("promised a ‘hub’") or an aside.
Without a verb: a colon introduction's subject ("His brother was blunt:"), the
owner of a saying ("Ada’s rule was"), a dash line under a stand-alone
quotation, a citation after it ("(See the FT, 2 May)"), "These are the words
of X", or the last reported speech of the sentence or paragraph before.
Continuations share the speaker: the next sentence after "“...,” X said.", and
the writer's comment on the same source in between ("Thus it is “unfair”").

He and she are resolved to the person the text last made a sentence subject in
the pronoun's paragraph (names, "my father", people reported speaking), else
to the nearest person before; names inside other quotations, or of the other
gender (learnt from Mr/Mrs or a his/her after the name) are skipped, a lone
surname counts once the text gave the full name, and inside a quotation the
people it mentions come first. "It" is the subject of its own sentence ("This
piece ..., it ... by describing"); "I" inside a quotation is its speaker's.

Kind: "title" for a cited work ("See ‘…’", "(‘…’, Publisher"), a capitalised
title next to a noun for a work ("her collection ‘Low Water’", "‘Undertow,’ a
story collection"), before publisher's details, or capitalised over three
words and more without the article of a term; a title once found is a title
wherever repeated. "scare" after so-called/dubbed/slogan-like cues, for a word
an impersonal subject mentions ("when people say ‘x’") or for a short
quotation with no reporting verb, else "direct".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from datapkg.models import (
    Mark,
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
    SegmentNote,
)

__all__ = ["segment"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Characters that end a sentence, and the marks that may trail them ("end.”").
_SENTENCE_END = frozenset(".!?…")
_TRAILERS = frozenset("\"”’')]")
_OPEN_BRACKETS = frozenset("([{<")
_DASHES = frozenset("-–—")

_WORD_RE = re.compile(r"\S+")
_SEPARATOR_RE = re.compile(r"[*\-_=~#•·.+ ]{3,}")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.-]+\.(?:org|com|net|info|uk|edu|gov)(?:/\S*)?")
_BOILER_START_RE = re.compile(
    r"(?:>\s|(?:read )?(?:the )?full story\s*:|read more\b|click here\b|more info\b|further info|"
    r"for (?:more|further) (?:info|information|details)\b|contact(?: us)?\s*:|tel\s*:|"
    r"phone\s*:|e-?mail\s*:|share this\b|print this\b|posted by\b|tags\s*:|"
    r"subscribe\b|sign up\b)",
    re.IGNORECASE,
)
_FORM_INVITE_RE = re.compile(r"\b(?:fill in|fill out|complete) the form\b", re.IGNORECASE)
_CLOCK_RE = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
# A trailing bare attribution after a sentence: "... tested. V.I.Lenin".
_ATTRIBUTION_RE = re.compile(
    r"[.!?…][\"”’')]*\s*(?:[-–—]\s*)?"
    r"((?:[A-Z][\w’'.-]*)(?:\s+(?:(?:of|de|von|van|al|bin)\s+)?[A-Z][\w’'.-]*){0,3})$"
)
_NAME_LINE_RE = re.compile(r"(?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){1,3}")

# A capitalised run: "Robert Gates", "Times of India", "V.I.Lenin".
# Arabic names may have a lower-case particle: "Mustafa al-Khadimi" (a run that opens with
# one, "al-Sadr", is found from its capital and widened by `_particle_start`).
_CAP_TOKEN = r"[A-Z](?:[\w’'-]|\.(?=\w))*"
_PARTICLES = r"(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu)-"
_CAP_RUN = (
    _CAP_TOKEN
    + r"(?:[ \t]+(?:(?:of|de|du|van|von|al|bin|la|le)[ \t]+|"
    + _PARTICLES
    + r")?"
    + _CAP_TOKEN
    + r")*"
)
# Searched on its own, the run takes possessive repeats ("*+"): the same matches, as nothing
# follows to give words back to, without the regex engine keeping a way back for every
# word, which cost 170 bytes a character on one endless capitalised run.
_CAP_RUN_RE = re.compile(_CAP_RUN.replace(")*", ")*+"))
_PARTICLE_BEFORE_RE = re.compile(r"(?<![\w’'-])" + _PARTICLES + r"$")


def _particle_start(text: str, start: int) -> int:
    """Where a name found from its capital really starts: "al-Sadr" from "Sadr"."""
    m = _PARTICLE_BEFORE_RE.search(text, max(0, start - 4), start)
    return m.start() if m is not None else start


_HONORIFICS = _wordset(
    "Mr Mrs Ms Miss Dr Sir Lord Lady Dame General Gen Col Colonel Captain Capt Major Maj "
    "Lt Lieutenant Sergeant Sgt Professor Prof Rev Father Sheikh Ayatollah Judge "
    "Admiral Commander Senator Sen Rep Congressman Congresswoman Councillor Councilor "
    "Councilman Councilwoman Mayor Alderman Inspector Detective Constable Sheriff Bishop "
    "Rabbi Imam Pastor"
)
_ROLE_WORDS = _wordset(
    "Secretary Minister President Prime Chancellor Ambassador Governor Chairman Chair "
    "Director Spokesman Spokeswoman Spokesperson Leader Chief Editor Deputy Vice Foreign "
    "Defence Defense State Home Shadow Interior Justice Home Affairs Conservative Labour "
    "Democratic Republican Democrat Republican Envoy Adviser Advisor"
)
_NOT_NAMES = _wordset(
    "The A An In On At Of For And But Or If As When While Since After Before Although "
    "Though This That These Those It Its He She They We I You His Her Their Our My Your "
    "Even Yet So Then Thus Only Also Now Here There What Which Who Why How Where "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December According "
    "Meanwhile However Indeed Instead Still Further Furthermore Moreover Against With "
    "From By To Into Under Over Between Among Through During Despite Without Within "
    "Both All Some Many Most Such Every Each No Not Nor Neither Either Yes Last Next "
    "Having Being Writing Speaking Asked Addressing Accusing Referring Following "
    "Afterwards Afterward Later Earlier Today Yesterday Tonight Tomorrow Finally Eventually "
    "Perhaps Suddenly Sometimes Often Once Recently Initially Nevertheless Besides Otherwise "
    "Certainly Clearly Obviously Unfortunately Fortunately Apparently Overall Again"
)
_ORG_WORDS = _wordset(
    "Times Mail Post Guardian Independent Telegraph Journal Herald Tribune News Press "
    "Party Army Ministry Council Committee University College Office Coalition Group "
    "Government Bank Forces Force Union Nations Agency Department Institute Centre Center "
    "Street Zone Mosque Brigade Regiment Council Congress Senate House Court Commission "
    "Day War Alliance Movement Front League Corporation Company Inc Ltd Review Magazine "
    "Channel Television Radio BBC CNN Network Organisation Organization Association"
)

# Reporting verbs. "state" only counts before "that"/":" since it is usually a noun.
_CUE_ALTS = (
    r"according to|in the words of|goes on|went on|go on|speaks thus|put it|"
    r"says|said|saying|say|tells|told|telling|tell|stated|states|stating|"
    r"state(?=\s+that\b|\s*:)|declares|declared|declaring|declare|"
    r"adds|added|adding|add(?=\s*:)|replies|replied|replying|reply(?=\s*:)|"
    r"observes|observed|observing|writes|wrote|writing|written|notes|noted|noting|"
    r"explains|explained|explaining|claims|claimed|claiming|claim|warns|warned|warning|warn|"
    r"argues|argued|arguing|asks|asked|asking|answered|answers|recalls|recalled|"
    r"remembers|remembered|admits|admitted|admitting|admit|concludes|concluded|"
    r"continues(?=\s*:|\s+[A-Z])|continued(?=\s*:|\s+[A-Z])|"
    r"describes|described|describing|reported|announces|announced|confirms|confirmed|"
    r"commented|comments|predicted|predicts|insists|insisted|urges|urged|cried|shouted|"
    r"suggests|suggested|acknowledges|acknowledged|stressed|stresses|conceded|concedes|"
    r"quipped|revealed|reveals|alleges|threatened|threatens|boasted|complained|complains|"
    r"demanded|demands|promised|vowed|wondered|thundered|proclaimed|proclaims|"
    r"maintained|maintains|pointed out|points out|opined|screamed|whispered|"
    r"insisting|acknowledging|assured|assures|assuring|demanding"
)
_CUE_RE = re.compile(r"(?<![\w’'-])(?:" + _CUE_ALTS + r")(?![\w’'-])", re.IGNORECASE)
# The same verbs as word sets: scanning words and looking them up is much faster than
# trying the whole alternation at every position of a long sentence.
_TOKEN_RE = re.compile(r"[A-Za-z]+(?:[’'-][A-Za-z]+)*")
_CUE_WORDS = _wordset(
    "says said saying say tells told telling tell stated states stating declares declared "
    "declaring declare adds added adding replies replied replying observes observed "
    "observing writes wrote writing written notes noted noting explains explained "
    "explaining claims claimed claiming claim warns warned warning warn argues argued "
    "arguing asks asked asking answered answers recalls recalled remembers remembered "
    "admits admitted admitting admit concludes concluded describes described describing "
    "reported announces announced confirms confirmed commented comments predicted predicts "
    "insists insisted urges urged cried shouted suggests suggested acknowledges "
    "acknowledged stressed stresses conceded concedes quipped revealed reveals alleges "
    "threatened threatens boasted complained complains demanded demands promised vowed "
    "wondered thundered proclaimed proclaims maintained maintains opined screamed whispered "
    "insisting acknowledging assured assures assuring demanding"
)
_CUE_PAIRS = {
    "according": "to",
    # "goes on to say" / "He went on:", never "the dance will go on ‘until ...’".
    "goes": r"on(?=\s+to\b|\s*[:,.])",
    "went": r"on(?=\s+to\b|\s*[:,.])",
    "go": r"on(?=\s+to\b|\s*[:,.])",
    "speaks": "thus",
    "put": "it",
    "pointed": "out",
    "points": "out",
    "made": "clear",
    "makes": "clear",
    "make": "clear",
}
_CUE_PAIR_RES = {w: re.compile(r"\s+" + nxt + r"\b") for w, nxt in _CUE_PAIRS.items()}
# Verbs that name what someone calls a thing: they report words only with a subject and
# the quotation right after their object ("Delgado called the delay “a gift”"), never
# passive ("is still called the ‘bar’"), impersonal ("they call it") or "so-called".
_CALL_WORDS = _wordset("call calls called calling")
_NOT_CALLERS = _wordset("is was are were be been being not still also so they people you we")
# Verbs that characterise: "condemned the attacks as “terrorism”" (only with "as").
_AS_WORDS = _wordset(
    "condemn condemns condemned condemning dismiss dismisses dismissed dismissing "
    "denounce denounces denounced denouncing hail hails hailed hailing brand brands"
)
_AS_END_RE = re.compile(r"\bas\s*$")
# Verbs that are usually nouns or mean something else unless a colon or name follows.
_CUE_GUARDED = {
    "state": re.compile(r"\s+that\b|\s*:"),
    "reads": re.compile(r"\s*[:,]"),
    "read": re.compile(r"\s*:"),
    "add": re.compile(r"\s*:"),
    "reply": re.compile(r"\s*:"),
    "continues": re.compile(r"\s*:|\s+[A-Z]"),
    "continued": re.compile(r"\s*:|\s+[A-Z]"),
}


def _last_cue(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the last reporting verb (or "according to"-like phrase) in text[lo:hi]."""
    best: tuple[int, int] | None = None
    for m in _TOKEN_RE.finditer(text, lo, hi):
        word = m.group(0).lower()
        if word in _CUE_WORDS:
            if not (word.endswith("ed") and _adjectival(text, m.start(), lo)):
                best = (m.start(), m.end())
        elif word in _CALL_WORDS:
            rest = text[m.end() : hi]
            prev = text[max(lo, m.start() - 12) : m.start()].split()
            if (
                len(rest) < 40
                and len(rest.split()) <= 3
                and not any(c in rest for c in ",.;:!?")
                and not (prev and (prev[-1].lower() in _NOT_CALLERS or prev[-1].endswith("-")))
                and text[max(lo, m.start() - 1) : m.start()] != "-"
            ):
                best = (m.start(), m.end())
        elif word in _AS_WORDS:
            rest = text[m.end() : hi]
            if len(rest) < 120 and _AS_END_RE.search(rest) and not any(c in rest for c in ".;:!?"):
                best = (m.start(), m.end())
        elif word in _CUE_PAIRS:
            nxt = _CUE_PAIR_RES[word].match(text, m.end(), hi)
            if nxt is not None:
                best = (m.start(), nxt.end())
        elif (
            word in _CUE_GUARDED
            and _CUE_GUARDED[word].match(text, m.end(), hi)
            and text.rfind("(", lo, m.start()) <= text.rfind(")", lo, m.start())
        ):
            best = (m.start(), m.end())  # but not in an aside: "(read: the US)"
    return best


def _adjectival(text: str, at: int, lo: int) -> bool:
    """A participle used as an adjective: "the newly declared “Caliphate”"."""
    prev = text[max(lo, at - 30) : at].split()
    while prev and prev[-1].endswith("ly"):
        prev.pop()
    return bool(prev) and prev[-1].lower() in _NP_STARTERS


# A cue, optionally after a subject, right after a closing mark: ", Kerry declared".
_AFTER_RE = re.compile(
    r"[,.!?…;]?[ \t]*(?:\((?:[^()\n]{0,60})\)[ \t]*)?"
    r"(?:(?P<np>(?:[\w’'.-]+[ \t]+){1,5}?)(?:\w+ly[ \t]+)?(?P<cue1>" + _CUE_ALTS + r")"
    r"|(?P<cue2>" + _CUE_ALTS + r"))(?![\w’'-])"
)
_SCARE_BEFORE_RE = re.compile(
    r"(?:so-called|so called|self-styled|self-proclaimed|slogan(?:s)?(?: of)?|the term|the word|"
    r"the phrase|the label|known as|dubbed|named|called|branded|labelled|labeled|nicknamed|"
    r"termed|christened|as it were|the notion of|the idea of)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_TITLE_BEFORE_RE = re.compile(
    r"(?:\bsee(?: also)?|\bentitled|\btitled|\bheadlined|\bheaded|\bthe (?:book|article|film|"
    r"song|novel|poem|play|essay|pamphlet|report|documentary|headline|editorial|column|"
    r"programme|program|album|series))\s*[:,]?\s*$",
    re.IGNORECASE,
)
_TITLE_AFTER_RE = re.compile(r"\s*,\s*(?:[A-Z]|\d{1,2}\s+[A-Z])")
_PRONOUNS = frozenset({"he", "she", "him", "her"})
_BARE_SUBJECTS = frozenset({"it", "they", "we", "i", "you", "who", "which", "that"})
_AUXILIARIES = _wordset(
    "was is has had have were been be also then once correctly rightly later "
    "recently reportedly then-and would will could may might once again has"
)
_NP_STARTERS = _wordset(
    "the a an one this that another some his her their its our two three several many "
    "most each every"
)
_SENTENCE_START_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_PREPOSITIONS = _wordset("by of in to for with on at from about into than")
_SUBORDINATORS = _wordset("as that which when while because since and but where who")
_ELISIONS = frozenset({"em", "tis", "twas", "n", "cause", "til", "till", "bout", "round"})

_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 100


@dataclass(slots=True)
class _Para:
    start: int
    end: int
    gap: int  # blank lines before the paragraph's block (0 inside a block)
    block: int  # index of the blank-line block that holds the paragraph's first line
    kind: ParagraphKind = ParagraphKind.PARAGRAPH
    attribution: int = -1  # start of a trailing bare attribution, if any


@dataclass(slots=True)
class _Quote:
    start: int
    end: int
    para: int
    mark: Mark
    open_at: int  # index of the opening mark (the content start for unmarked spans)
    close_at: int  # index just after the closing mark (the content end when unclosed)
    parent: _Quote | None = None
    first: _Quote | None = None
    kind: QuotationKind = QuotationKind.DIRECT
    speaker: str | None = None
    cue: str | None = None
    cued: bool = False
    refer_back: bool = False  # the subject was "it"/"they": take the previous speaker
    refer_parent: bool = False  # "I said" inside a quotation: the quotation's own speaker
    unnamed: bool = False  # reported by someone the text leaves out ("she was told")
    children: list[_Quote] = field(default_factory=list)


# --------------------------------------------------------------------------- paragraphs


def _lines(text: str) -> list[tuple[int, int] | None]:
    """Trimmed (start, end) of each line, or None for a blank line."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for raw in text.split("\n"):
        n = len(raw)
        left = n - len(raw.lstrip())
        if left == n:
            out.append(None)
        else:
            out.append((pos + left, pos + len(raw.rstrip())))
        pos += n + 1
    return out


def _ends_sentence(text: str, end: int, start: int) -> bool:
    """Whether the stretch ending at `end` closes a sentence (or a clause with ':' / ';')."""
    i = end - 1
    while i > start and text[i] in _TRAILERS:
        i -= 1
    return text[i] in _SENTENCE_END or text[i] in ":;"


def _continues(text: str, prev_end: int, prev_start: int, nxt: int) -> bool:
    """A break mid-sentence: the first part does not end a sentence, the next is lower case."""
    last = text[prev_end - 1]
    if _ends_sentence(text, prev_end, prev_start) or last in _TRAILERS:
        return False
    return text[nxt].islower() and (last.isalnum() or last in ",-–—")


def _is_form_line(text: str, start: int, end: int) -> bool:
    """A short line with tab-separated fields (tabs may trail the trimmed span)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    raw = text[lo : hi if hi >= 0 else len(text)]
    return "\t" in raw and end - start <= 80 and len(_words(text[start:end])) <= 6


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped prose: 3+ lines of prose width, most of them ending mid-sentence."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    widths = sorted(e - s for s, e in body)
    if widths[-1] > _MAX_HEADING_CHARS or widths[len(widths) // 2] < 40:
        return False
    open_ends = sum(1 for s, e in body if not _ends_sentence(text, e, s))
    return open_ends * 2 > len(body)


def _split_block(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph spans of one block in the one-paragraph-per-line convention."""
    if _is_wrapped(text, lines):
        return [(lines[0][0], lines[-1][1])]
    spans: list[tuple[int, int]] = []
    cur_start, cur_end = lines[0]
    cur_form = _is_form_line(text, cur_start, cur_end)
    for s, e in lines[1:]:
        form = _is_form_line(text, s, e)
        if (form and cur_form) or _continues(text, cur_end, cur_start, s):
            cur_end = e
        else:
            spans.append((cur_start, cur_end))
            cur_start, cur_end = s, e
        cur_form = form
    spans.append((cur_start, cur_end))
    return spans


def _find_paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    gap = 0
    block: list[tuple[int, int]] = []
    n_blocks = 0

    def flush() -> None:
        nonlocal n_blocks
        if not block:
            return
        for k, (s, e) in enumerate(_split_block(text, block)):
            # A stray blank line inside a sentence: one paragraph over the gap.
            if (
                k == 0
                and paras
                and gap <= 2
                and paras[-1].end - paras[-1].start >= 20
                and _continues(text, paras[-1].end, paras[-1].start, s)
                and not _URL_RE.match(text, s)
                and not _URL_RE.fullmatch(text, paras[-1].start, paras[-1].end)
                and text[paras[-1].start] != ">"
            ):
                paras[-1].end = e
                continue
            paras.append(_Para(s, e, gap if k == 0 else 0, n_blocks))
        n_blocks += 1

    for line in _lines(text):
        if line is None:
            if block:
                flush()
                block = []
                gap = 0
            gap += 1
        else:
            block.append(line)
    flush()
    return paras


# --------------------------------------------------------------------------- kinds


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


def _is_separator(s: str) -> bool:
    return _SEPARATOR_RE.fullmatch(s) is not None and any(c in "*-_=~#•·+" for c in s)


def _is_heading_text(s: str, in_head: bool) -> bool:
    if len(s) > _MAX_HEADING_CHARS:
        return False
    words = _words(s)
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "“\"‘'("):
        return False
    last = s.rstrip("\"”’')]")[-1:] or s[-1]
    if last in ".,;…" or "\t" in s:
        return False
    if last == "!":
        return in_head
    if last == ":":
        # "Public meeting:" is a heading; "The inspector concluded:" introduces a quotation.
        return len(words) <= 4 and _CUE_RE.search(s) is None
    if last == "?":
        return len(words) <= 8
    # A heading is mostly capitalised or short; prose fragments have many small words.
    return True


def _is_notice_line(s: str) -> bool:
    """Short unpunctuated lines typical of an event notice or contact block."""
    return len(s) <= 120 and not s.endswith(".") and len(_words(s)) <= 18


def _mark_boilerplate(text: str, paras: list[_Para]) -> None:
    n = len(paras)
    for p in paras:
        if p.end - p.start > 300:
            continue  # boilerplate lines are short; spare the regexes on long prose
        s = text[p.start : p.end]
        short = len(s) <= 200
        if (
            (_BOILER_START_RE.match(s) and short)
            or (_URL_RE.fullmatch(s))
            or _is_form_line(text, p.start, p.end)
            or (_FORM_INVITE_RE.search(s) and short)
        ):
            p.kind = ParagraphKind.BOILERPLATE
    # Event notices: a line with a clock time among short unpunctuated lines, back to
    # a "Public meeting:"-style header (or one title line) and on to the notice's end.
    i = 0
    while i < n:
        s = text[paras[i].start : paras[i].end]
        if not _is_notice_line(s) or _CLOCK_RE.search(s) is None:
            i += 1
            continue
        lo = i
        while lo > 0 and i - lo < 4 and _is_notice_line(_ptext(text, paras[lo - 1])):
            lo -= 1
            if _ptext(text, paras[lo]).endswith(":"):
                break
        else:
            lo = max(lo, i - 1)  # no header: at most one title line before the time
        hi = i + 1
        while hi < n and _is_notice_line(_ptext(text, paras[hi])):
            hi += 1
        if hi - lo >= 3:
            for p in paras[lo:hi]:
                p.kind = ParagraphKind.BOILERPLATE
        i = hi


def _ptext(text: str, p: _Para) -> str:
    return text[p.start : p.end]


def _is_prose(text: str, p: _Para) -> bool:
    return p.kind is ParagraphKind.PARAGRAPH and text.count(" ", p.start, p.end) >= 7


def _mark_headings(text: str, paras: list[_Para]) -> None:
    in_head = True
    for p in paras:
        if p.kind is not ParagraphKind.PARAGRAPH:
            continue
        s = _ptext(text, p)
        if _is_separator(s):
            p.kind = ParagraphKind.SEPARATOR
        elif _is_heading_text(s, in_head):
            p.kind = ParagraphKind.HEADING
        elif s.count(" ") >= 7:
            in_head = False


def _mark_signatures(text: str, paras: list[_Para]) -> None:
    """A name line after the last prose of the main text (end, wide gap, rule or heading)."""
    n = len(paras)
    for i, p in enumerate(paras):
        if i == n - 1 and _ptext(text, p).strip("-–— ").lower() == "ends":
            p.kind = ParagraphKind.SIGNATURE  # a wire-style sign-off
        if p.kind is not ParagraphKind.HEADING or i == 0:
            continue
        s = _ptext(text, p)
        if not _NAME_LINE_RE.fullmatch(s) or any(w in _NOT_NAMES for w in s.split()):
            continue
        if not _is_prose(text, paras[i - 1]):
            continue
        nxt = paras[i + 1] if i + 1 < n else None
        if (
            nxt is None
            or nxt.gap >= 2
            or nxt.kind in (ParagraphKind.SEPARATOR, ParagraphKind.BOILERPLATE)
        ):
            p.kind = ParagraphKind.SIGNATURE


def _trailing_attribution(s: str) -> int:
    """Offset in `s` of a bare attribution ending the paragraph ("... tested. V.I.Lenin")."""
    if len(s) < 60 or s[-1] in _SENTENCE_END:
        return -1
    m = _ATTRIBUTION_RE.search(s, max(0, len(s) - 60))
    if m is None:
        return -1
    name = m.group(1)
    toks = name.split()
    if any(t in _NOT_NAMES or t in _ORG_WORDS for t in toks):
        return -1
    # Only a dash, initials ("V.I.Lenin", "J. Smith") or a quoted passage make a bare
    # name an attribution; otherwise it may be a slogan such as "Build Socialism".
    dashed = any(c in _DASHES for c in s[m.start() : m.start(1)])
    initials = re.search(r"\b[A-Z]\.", name) is not None
    quoted = s[0] in "“\"‘'"
    if not (dashed or initials or quoted):
        return -1
    return m.start(1)


def _mark_attributed(text: str, paras: list[_Para]) -> None:
    seen_prose = False
    for p in paras:
        if p.kind is not ParagraphKind.PARAGRAPH:
            continue
        s = _ptext(text, p)
        off = _trailing_attribution(s)
        if off >= 0:
            p.attribution = p.start + off
            p.kind = ParagraphKind.BLOCKQUOTE if seen_prose else ParagraphKind.EPIGRAPH
        if _is_prose(text, p) and off < 0:
            seen_prose = True


def _is_intro(text: str, p: _Para) -> bool:
    """Prose that introduces a quotation: a sentence ending in ':' (not a heading)."""
    if p.kind is not ParagraphKind.PARAGRAPH:
        return False
    s = _ptext(text, p)
    return s.endswith(":") and any(c.islower() for c in s)


def _mark_blockquotes(text: str, paras: list[_Para]) -> list[list[int]]:
    """Mark colon-introduced unmarked passages; return them as runs of paragraph indexes."""
    runs: list[list[int]] = []
    n = len(paras)
    i = 0
    while i < n - 1:
        if not _is_intro(text, paras[i]):
            i += 1
            continue
        j = i + 1
        first = paras[j]
        if first.kind is not ParagraphKind.PARAGRAPH or text[first.start] in "“\"‘'":
            i = j
            continue
        run = [j]
        # In the line-per-paragraph convention the quoted passage is the whole block.
        if first.gap >= 1:
            k = j + 1
            while k < n and paras[k].block == first.block:
                run.append(k)
                k += 1
            # A further block after a wide gap continues the excerpts, unless it is
            # the author's own prose introducing the next passage.
            while k < n and paras[k].gap >= 2 and len(run) > 1:
                end = k + 1
                while end < n and paras[end].block == paras[k].block:
                    end += 1  # a block's paragraphs are consecutive
                blk = list(range(k, end))
                kinds_ok = all(paras[m].kind is ParagraphKind.PARAGRAPH for m in blk)
                if not kinds_ok or len(blk) < 2 or _is_intro(text, paras[blk[-1]]):
                    break
                run.extend(blk)
                k = blk[-1] + 1
        run = [m for m in run if paras[m].kind is ParagraphKind.PARAGRAPH]
        for m in run:
            paras[m].kind = ParagraphKind.BLOCKQUOTE
        if run:
            runs.append(run)
        i = run[-1] + 1 if run else j
    return runs


# --------------------------------------------------------------------------- marks


def _is_word(c: str) -> bool:
    return c.isalnum()


@dataclass(slots=True)
class _Open:
    mark: Mark
    pos: int  # index of the opening mark


def _mark_role(text: str, i: int, lo: int, hi: int) -> str:
    """Classify the quote-like character at i: 'open', 'close', 'either', 'weak' or ''."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if c == "“":
        return "open"
    if c == "”":
        return "close"
    if c == '"':
        if (prev.isspace() or prev in _OPEN_BRACKETS or prev in _DASHES) and not nxt.isspace():
            return "open"
        if not prev.isspace() and (nxt.isspace() or not _is_word(nxt)):
            return "close"
        return "either"
    # Single marks: apostrophes first.
    if _is_word(prev) and _is_word(nxt):
        return ""
    if c == "‘":
        return "" if nxt.isdigit() else "open"
    if not _is_word(prev) and _is_word(nxt):
        # Word-initial: an elision (’em, '90s) or an opening mark.
        if nxt.isdigit():
            return ""
        m = re.match(r"[A-Za-z]+", text[i + 1 : i + 7])
        if m and m.group(0).lower() in _ELISIONS:
            return ""
        if c == "'":
            return "open" if (prev.isspace() or prev in '([{-–—"“') else ""
        return "weakopen" if prev in "-([" or prev.isspace() else ""
    if not prev.isspace() and not _is_word(nxt):
        # After "s" and before a word it may be a plural possessive ("workers’ movement").
        if prev in "sSzZ" and nxt == " " and i + 2 < hi and _is_word(text[i + 2]):
            return "weak"
        return "close"
    return ""


class _StrongClosers:
    """Where the clear closers of each single-mark family lie in a paragraph, found once.

    "Is a clear closer ahead?" is asked for every doubtful mark; answering it from this
    index keeps a paragraph full of doubtful marks linear instead of rescanning its rest.
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self._text, self._lo, self._hi = text, lo, hi
        self._found: dict[str, list[int]] = {}

    def ahead(self, i: int, family: str) -> bool:
        positions = self._found.get(family)
        if positions is None:
            text, lo, hi = self._text, self._lo, self._hi
            positions = []
            j = text.find(family, lo, hi)
            while j >= 0:
                if _mark_role(text, j, 0, hi) == "close":
                    positions.append(j)
                j = text.find(family, j + 1, hi)
            self._found[family] = positions
        return bisect_right(positions, i) < len(positions)


_VISIBLE_RE = re.compile(r"\S")


def _blank(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] is only white space, without copying it."""
    return _VISIBLE_RE.search(text, lo, hi) is None


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_MARK_RE = re.compile("[\"“”‘’']")


def _scan_paragraph(
    text: str, pi: int, p: _Para
) -> tuple[list[_Quote], Mark | None, _Quote | None]:
    """Quotations of one paragraph; also the mark left open at its end, if any."""
    quotes: list[_Quote] = []
    stack: list[_Open] = []
    # Stack positions of the open marks of each kind, innermost last: a closer finds its
    # opener without searching the stack.
    open_at: dict[Mark, list[int]] = {Mark.DOUBLE: [], Mark.SINGLE: []}
    lo, hi = p.start, p.end
    closers = _StrongClosers(text, lo, hi)

    def close(op: _Open, end_mark: int, close_after: int) -> None:
        s, e = _trimmed(text, op.pos + 1, end_mark)
        if e > s:
            quotes.append(_Quote(s, e, pi, op.mark, op.pos, close_after))

    def cut(depth: int) -> None:
        for positions in open_at.values():
            while positions and positions[-1] >= depth:
                positions.pop()
        del stack[depth:]

    for found in _MARK_RE.finditer(text, lo, hi):
        i = found.start()
        c = text[i]
        role = _mark_role(text, i, lo, hi)
        double = c in '"“”'
        mark = Mark.DOUBLE if double else Mark.SINGLE
        if role == "either":
            role = "close" if stack and stack[-1].mark is Mark.DOUBLE else "open"
        if role == "weak":
            if stack and stack[-1].mark is Mark.SINGLE:
                family = "’" if c == "’" else "'"
                role = "" if closers.ahead(i, family) else "close"
            else:
                role = ""
        if role == "weakopen":
            ahead = text.find("’", i + 1, min(hi, i + 60))
            role = "open" if ahead > 0 and _mark_role(text, ahead, lo, hi) == "close" else ""
        if role == "open" and double and stack and stack[-1].mark is Mark.DOUBLE:
            # A double opener inside an open double: the earlier one lost its closer.
            cut(len(stack) - 1)
        if role == "open":
            open_at[mark].append(len(stack))
            stack.append(_Open(mark, i))
        elif role == "close" and open_at[mark]:
            depth = open_at[mark][-1]
            op = stack[depth]
            cut(depth)
            close(op, i, i + 1)
    carried: Mark | None = None
    tail: _Quote | None = None
    if stack:
        # Still open at the paragraph end: the outermost quotation runs to the end.
        op = stack[0]
        s, e = _trimmed(text, op.pos + 1, hi)
        if e > s:
            tail = _Quote(s, e, pi, op.mark, op.pos, hi)
            quotes.append(tail)
            carried = op.mark
    return quotes, carried, tail


def _link_nesting(quotes: list[_Quote]) -> None:
    """Give each quotation its innermost enclosing quotation as parent (same paragraph)."""
    quotes.sort(key=lambda q: (q.start, -q.end))
    stack: list[_Quote] = []
    for q in quotes:
        while stack and not (stack[-1].start <= q.start and q.end <= stack[-1].end):
            stack.pop()
        if stack and stack[-1].para == q.para and q.parent is None:
            q.parent = stack[-1]
        stack.append(q)


def _within_depth(quotes: list[_Quote], max_depth: int) -> tuple[list[_Quote], list[SegmentNote]]:
    """The quotations nested at most `max_depth` levels deep (in text order), and a note at
    the first deeper one of each paragraph.

    A deeper quotation makes no record: its words stay in the text of the quotation that
    holds it. Each level repeats the text it holds, so without a bound a run of nested marks
    would make output grow with the square of the input.
    """
    depth: dict[int, int] = {}
    kept: list[_Quote] = []
    notes: list[SegmentNote] = []
    noted: set[int] = set()
    for q in quotes:  # sorted by `_link_nesting`: a parent comes before what it holds
        d = 0 if q.parent is None else depth[id(q.parent)] + 1
        depth[id(q)] = d
        if d < max_depth:
            kept.append(q)
        elif q.para not in noted:
            noted.add(q.para)
            notes.append(SegmentNote(code="quotation-depth", char_start=q.open_at))
    return kept, notes


# --------------------------------------------------------------------------- attribution


def _sentence_start(text: str, pos: int, lo: int) -> int:
    """Start of the sentence holding `pos`, not before `lo`."""
    window_lo = max(lo, pos - 400)
    last = window_lo
    # The look-ahead for a capital may need the two characters at `pos` (`. “The`).
    for m in _SENTENCE_START_RE.finditer(text, window_lo, min(len(text), pos + 2)):
        if m.end() <= pos:
            last = m.end()
    return last


def _clean_name(run: str) -> str:
    """Drop role words before a name: "US Secretary of Defense Robert Gates" -> "Robert Gates".

    A person's affiliation after "of" goes too ("Major X of Y Consultancy" -> "Major X"),
    and a sentence-initial verb before an honorific ("Continues Mr X" -> "Mr X").
    """
    toks = run.split()
    for k in range(1, len(toks)):
        if toks[k] in _HONORIFICS and toks[k - 1] not in _HONORIFICS:
            toks = toks[k:]
            break
    if "of" in toks:
        head = " ".join(toks[: toks.index("of")])
        if _is_person_run(head):
            return head
    cut = -1
    for k, t in enumerate(toks):
        acronym = t.isupper() and len(t) <= 4 and k < len(toks) - 1
        if t in _ROLE_WORDS or acronym or (t == "of" and cut == k - 1):
            cut = k
    rest = toks[cut + 1 :]
    while rest and rest[0] in ("of",):
        rest = rest[1:]
    if rest and not (len(rest) == 1 and rest[0] in _ORG_WORDS):
        return " ".join(rest)
    return run


def _is_person_run(run: str) -> bool:
    toks = run.split()
    if not toks or toks[0] in _NOT_NAMES:
        return False
    if any(t in _ORG_WORDS or t in _ROLE_WORDS for t in toks):
        return False
    if toks[0] in _HONORIFICS and len(toks) >= 2:
        return True
    caps = [t for t in toks if t[0].isupper() or _PARTICLE_NAME_RE.match(t)]
    if len(toks) >= 3 and toks[-1].endswith("s") and toks[-1][-2:-1].islower():
        return False  # a body of people: "Special Police Commandos", "Iraqi Security Forces"
    return len(caps) >= 2 and not all(t.isupper() for t in caps)


_PARTICLE_NAME_RE = re.compile(_PARTICLES + r"[A-Z]")


def _strip_leading_function_words(run: str) -> str:
    toks = run.split()
    while toks and toks[0] in _NOT_NAMES:
        toks = toks[1:]
    return " ".join(toks)


_ROLE_BEFORE_NAME = _wordset(
    "president minister secretary leader general senator chancellor ambassador spokesman "
    "spokeswoman commander candidate governor chairman envoy cleric colonel captain "
    "mr mrs ms dr"
)


@dataclass(slots=True)
class _Ctx:
    """What attribution knows about the whole document, beyond the sentence at hand."""

    surnames: frozenset[str]  # last words of the full names the text mentions
    opens: list[int]  # opening marks of the marked quotations, in text order
    closes: list[int]  # their closing positions
    # Speakers found so far, as (position, order found, name), kept sorted so that a look-up
    # reads only the window it needs: the cost per quotation stays bounded.
    speakers: list[tuple[int, int, str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # a name's last word -> "he"/"she"


_NAME_WORD_RE = re.compile(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*")


# Longer than any name with its role words ("Former US Secretary of Defense Robert M.
# Gates"); also what keeps a text of one endless capitalised run cheap.
_MAX_NAME_RUN_CHARS = 120


def _document_surnames(text: str) -> frozenset[str]:
    """Last words of the person-like full names in `text` ("Kelly Osei" -> "Osei")."""
    out: set[str] = set()
    seen: set[str] = set()
    for m in _CAP_RUN_RE.finditer(text):
        if m.end() - m.start() > _MAX_NAME_RUN_CHARS:
            continue  # a run of capitals this long is a heading or a list, not a name
        raw = m.group(0)
        if " " not in raw or raw in seen:
            continue  # a lone word is never a full name
        seen.add(raw)
        run = _strip_leading_function_words(raw.removesuffix("’s").removesuffix("'s"))
        if not run:
            continue
        # "Council President Marisol Yee": the name after the role words.
        name = _clean_name(run)
        if not _is_person_run(name):
            continue
        toks = name.split()
        if toks[0] in _HONORIFICS:
            toks = toks[1:]
        if 1 <= len(toks) <= 3 and all(_NAME_WORD_RE.fullmatch(t) for t in toks):
            out.add(toks[-1])
    return frozenset(out)


def _add_speaker(ctx: _Ctx, at: int, name: str) -> None:
    insort(ctx.speakers, (at, len(ctx.speakers), name))


def _speakers_between(ctx: _Ctx, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The speakers found at positions lo <= at < hi, in position order (ties: found first)."""
    return ctx.speakers[bisect_left(ctx.speakers, (lo,)) : bisect_left(ctx.speakers, (hi,))]


def _in_other_quote(ctx: _Ctx, at: int, pos: int) -> bool:
    """Whether `at` lies inside a quotation that does not also hold `pos`."""
    k = bisect_right(ctx.opens, at) - 1
    stop = max(-1, k - 4)
    while k > stop:
        if ctx.opens[k] < at < ctx.closes[k] and not ctx.opens[k] < pos <= ctx.closes[k]:
            return True
        k -= 1
    return False


# Words that show the word before them is a clause's subject: "Osei said", "Dorsey had".
_VERBISH = _wordset(
    "is was has had have were are will would could can may might must should did does "
    "do also then stood went came got made took gave found thought knew left kept met ran "
    "sat saw spoke held brought began felt put set"
)


def _before_verb(text: str, end: int) -> bool:
    """Whether the word after `end` looks like the verb of a clause."""
    m = _TOKEN_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    if m is None:
        return text[end : end + 1] == ","
    word = m.group(0).lower()
    return word in _VERBISH or word in _CUE_WORDS or (word.endswith("ed") and len(word) > 3)


# Words after which a lone capitalised word is a person's name: "my uncle Teo", "named Tobias".
_KIN_WORDS = _wordset(
    "father mother dad mum mam mom son daughter brother sister uncle aunt nephew niece "
    "cousin grandfather grandmother grandad granddad grandpa grandma gran nan granny wife "
    "husband partner friend neighbour neighbor boss colleague named called"
)
# Kinship words used as names: "Dad used to say ...".
_KIN_NAMES = frozenset({"Dad", "Mum", "Mam", "Mom", "Grandad", "Grandpa", "Grandma", "Nan", "Gran"})
# Common nouns for things (documents, sayings, groups of words) rather than people.
_THING_WORDS = _wordset(
    "piece article report statement letter poll study survey leaflet release website sign "
    "poster footnote reply note document paper editorial column headline message memo "
    "email e-mail post tweet blog book plan text survey passage petition"
)


_INDEFINITES = _wordset(
    "one some someone somebody anyone anybody nobody another other others many several all"
)


def _personish(name: str) -> bool:
    """A speaker that he/she may refer back to: not an organisation, a thing or a pronoun."""
    toks = name.split()
    if not toks or toks[0].lower() in _PRONOUNS | _BARE_SUBJECTS:
        return False
    if len(toks) == 1 and toks[0].lower() in _INDEFINITES:
        return False
    return not any(t in _ORG_WORDS or t.lower().removesuffix("s") in _THING_WORDS for t in toks)


def _lone_name(text: str, run: str, at: int, end: int, lo: int, ctx: _Ctx) -> bool:
    """Whether a lone capitalised word is a person's name where it stands."""
    if run in _ORG_WORDS or run in _NOT_NAMES or run.isupper():
        return False
    if run in _KIN_NAMES:
        return True
    before = text[max(lo, at - 20) : at]
    words = before.split()
    prev = words[-1].lower().strip(",") if words else ""
    if prev in _ROLE_BEFORE_NAME or prev in _KIN_WORDS:
        return True
    if run in ctx.surnames and (prev in _CUE_WORDS or _before_verb(text, end)):
        return True
    # An apposition: "my projectionist, Dwayne," / "My butty, Alun —".
    after = text[end : end + 2]
    return (
        before.endswith(", ")
        and len(words) >= 1
        and words[-1][:1].islower()
        and (after[:1] == "," or after in (" —", " –", " -"))
    )


_GENDERED_RE = re.compile(r"(?<![\w’'])(?:(he|his|him|himself)|(she|her|hers|herself))(?![\w’'])")
_GENDER_HONORIFICS = {"Mr": "he", "Mrs": "she", "Ms": "she", "Miss": "she", "Sir": "he"}


def _note_gender(text: str, name: str, end: int, hi: int, ctx: _Ctx) -> None:
    """Learn a name's gender from its honorific or the first he/she/his/her after it in its
    sentence ("Gaskell had sold her house")."""
    key = name.split()[-1]
    if key in ctx.genders:
        return
    first = name.split()[0]
    if first in _GENDER_HONORIFICS:
        ctx.genders[key] = _GENDER_HONORIFICS[first]
        return
    stop = min(hi, end + 120)
    for k in range(end, stop):
        if text[k] in ".!?\n" or text[k].isupper():  # the sentence ends, or another name
            stop = k
            break
    m = _GENDERED_RE.search(text, end, stop)
    if m is not None:
        ctx.genders[key] = "he" if m.group(1) else "she"


_SUBJECT_LEAD_RE = re.compile(
    r"(?:^|[.!?][\"”’]?\s+)(?:(?:But|And|When|Then|So)\s+|(?:[^\s.!?]+\s+){0,4}[^\s.!?]+,\s+)?$"
)
_MALE_KIN = _wordset("father dad uncle brother son husband grandfather grandad granddad grandpa")
_FEMALE_KIN = _wordset("mother mum mam mom aunt sister daughter wife grandmother grandma gran nan")
_KIN_NP_RE = re.compile(
    r"\b(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Yy]our)\s+("
    + "|".join(sorted(_MALE_KIN | _FEMALE_KIN))
    + r")\b"
)


def _is_subject_at(text: str, at: int, start: int) -> bool:
    """Whether a mention at `at` opens its sentence, maybe after a short fronted phrase or an
    apposition ("His wife, Maureen, ...", "Back at the centre, Dorsey ...")."""
    if at == start or "\n" in text[max(start, at - 3) : at]:
        return True
    return _SUBJECT_LEAD_RE.search(text, max(start, at - 60), at) is not None


def _nearest_person(
    text: str, pos: int, lo: int, ctx: _Ctx, pronoun: str | None = None
) -> str | None:
    """The person-like name before `pos` that he/she most likely refers to.

    Sentence subjects of its own paragraph, and speakers found there, win over names met
    mid-sentence; possessives ("Carter’s adviser") and names inside other quotations are
    skipped, and inside a quotation the people it mentions come first. A lone word counts
    when it is the surname of a full name in the text, or a role, kinship or apposition
    marks it as a name ("president Bush", "his wife, Ann,"); "my father" counts too.
    """
    start = max(lo, pos - 1500)
    # Only a subject in the pronoun's own paragraph outranks a later, nearer name. Looked for
    # in the window only: every candidate lies in it, and the search stays bounded.
    para_start = text.rfind("\n", start, pos) + 1
    found: list[tuple[int, str, bool]] = []
    for m in _CAP_RUN_RE.finditer(text, start, pos):
        hyphen = m.start() > 0 and text[m.start() - 1] == "-"
        at = _particle_start(text, m.start()) if hyphen else m.start()
        raw = text[at : m.end()]
        possessive = raw.endswith(("’s", "'s"))
        if ctx.opens and _in_other_quote(ctx, at, pos):
            continue
        run = _strip_leading_function_words(raw.removesuffix("’s").removesuffix("'s"))
        if not run:
            continue
        name: str | None = None
        if _is_person_run(run):
            name = _clean_name(run)
        elif " " not in run and _lone_name(text, run, at, m.end(), start, ctx):
            name = run
        if name is None:
            continue
        if pronoun in ("he", "she"):
            _note_gender(text, name, m.end(), pos, ctx)
            if ctx.genders.get(name.split()[-1], pronoun) != pronoun:
                continue
        # "Carter’s adviser": never the subject
        subject = (
            not possessive and m.start() >= para_start and _is_subject_at(text, m.start(), start)
        )
        found.append((m.start(), name, subject))
    for m in _KIN_NP_RE.finditer(text, start, pos):
        kin = m.group(1)
        if re.match(r" [A-Z]", text[m.end() : m.end() + 2]):
            continue  # "my uncle Teo": the name is the mention
        gender = "he" if kin in _MALE_KIN else "she"
        if (pronoun is not None and gender != pronoun) or _in_other_quote(ctx, m.start(), pos):
            continue
        subject = m.start() >= para_start and _is_subject_at(text, m.start(), start)
        found.append((m.start(), m.group(0), subject))
    for at, _, name in _speakers_between(ctx, start, pos):
        if not _personish(name) or _in_other_quote(ctx, at, pos):
            continue
        if pronoun is not None and ctx.genders.get(name.split()[-1], pronoun) != pronoun:
            continue
        found.append((at, name, at >= para_start))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    inside = _innermost_open(ctx, pos)
    if inside >= 0:
        within = [f for f in found if f[0] > inside]
        if within:
            found = within  # "‘Dad ... every time he asks me ...’": Dad, not the speaker
    subjects = [name for _, name, subj in found if subj]
    return subjects[-1] if subjects else found[-1][1]


def _innermost_open(ctx: _Ctx, pos: int) -> int:
    """Opening mark of the innermost quotation holding `pos`, or -1."""
    k = bisect_right(ctx.opens, pos - 1) - 1
    stop = max(-1, k - 4)
    while k > stop:
        if ctx.opens[k] < pos <= ctx.closes[k]:
            return ctx.opens[k]
        k -= 1
    return -1


_SUBJECT_RE = re.compile(r"\s*(?:(?:the|The)\s+)?" + _CAP_RUN + r"(?=\s|$)")


def _sentence_subject(text: str, s0: int, pos: int) -> str | None:
    """A name opening the sentence and followed by an apposition: "The FT, one of ...,"."""
    m = re.compile(r"(?:(?:the|The)\s+)?" + _CAP_RUN + r"(?=,)").match(text, s0, pos)
    if m is None:
        return None
    run = m.group(0)
    first = run.split()[0]
    return run if first not in _NOT_NAMES or first in ("The", "the") else None


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Adverbs and verbs of habit or aspect between a subject and its reporting verb:
# "he just says", "Dad used to say", "she went on to add".
_SUBJECT_FILLERS = _wordset(
    "just even never still often always sometimes simply merely once usually already "
    "to used going wanted wants tried began begins went goes on"
)
_NP_STOPS = _PREPOSITIONS | _SUBORDINATORS | _VERBISH | _CUE_WORDS | _wordset("who whom whose")
# Nouns for what someone said: "Ada’s rule was ..." is Ada's saying.
_SAYING_WORDS = _wordset(
    "rule motto words advice message answer reply response verdict slogan line comment "
    "saying mantra warning instruction question"
)


def _bare(word: str) -> str:
    """A word lower-cased, without a contraction or trailing punctuation ("They’d" -> "they")."""
    return _CONTRACTION_RE.sub("", word.lower().strip(",;:.!?"))


def _np_back(toks: list[str]) -> str | None:
    """The noun phrase that ends `toks`, back to its determiner ("... put up a poster")."""
    out: list[str] = []
    for t in reversed(toks):
        low = t.lower()
        if low in _NP_STARTERS or low.endswith(("’s", "'s", "s’")) or low in ("my", "your"):
            out.append(t)
            break
        if low in _NP_STOPS or t in _NOT_NAMES or not t[0].isalnum():
            break
        out.append(t)
        if len(out) > 6:
            return None
    return " ".join(reversed(out)) or None


_DETERMINERS = _NP_STARTERS | _wordset("my your these those")
_OPENERS = _wordset("The A An This That These Those His Her Their Its Our My Your One")
_NP_PREPOSITIONS = _wordset("of for in at from with")


def _ends_np(word: str, prev: str, nxt: str, named: bool) -> bool:
    """Whether `word` no longer belongs to the noun phrase that `prev` ends: it is a verb,
    an adverb or a clause word ("His brother was", "Peress picks up", "the FT of 20 March
    correctly observed")."""
    low = word.lower()
    if low in _NP_STOPS and low not in _NP_PREPOSITIONS:
        return True
    if low in _NP_PREPOSITIONS:
        return nxt[:1].isdigit()  # "the Financial Times of 20 March"
    if low.endswith("ed") and len(low) > 4 and prev.lower() not in _DETERMINERS:
        return True
    if named and word[0].islower() and _is_name_token(prev):
        return True  # a name ends at the first lower-case word: "Peress picks up"
    return (
        low.endswith("s")
        and word[0].islower()
        and prev[:1].islower()
        and prev.lower() not in _DETERMINERS
        and not prev.endswith(("’s", "'s"))
    )


def _is_name_token(tok: str) -> bool:
    """A capitalised word that can be part of a name (not "The", "This" or "His")."""
    return (
        bool(tok)
        and (tok[0].isupper() or _PARTICLE_NAME_RE.match(tok) is not None)
        and tok not in _OPENERS
        and tok not in _NOT_NAMES
        and not tok.endswith(("’s", "'s"))
    )


def _leading_np(text: str, s: int, e: int) -> str | None:
    """The subject at the start of a sentence: a pronoun, a name or a noun phrase."""
    seg = text[s:e]
    toks = seg.split()
    # An opening adverbial ("At nine o’clock, Varga ...", "When he got home, he ...").
    if toks and toks[0] not in _OPENERS and _bare(toks[0]) not in _SUBJECT_PRONOUNS:
        low = toks[0].lower()
        if low in _PREPOSITIONS or low in _SUBORDINATORS or toks[0] in _NOT_NAMES:
            comma = seg.find(",")
            if comma < 0 or comma > 80:
                return None
            seg = seg[comma + 1 :]
            toks = seg.split()
    if not toks:
        return None
    first = _bare(toks[0])
    if first in _SUBJECT_PRONOUNS:
        return first if first != "i" else "I"
    if toks[0] in _NOT_NAMES and toks[0] not in _OPENERS:
        return None
    out: list[str] = []
    comma_after = False
    for k, t in enumerate(toks[:8]):
        word = t.strip(",;:")
        if not word:
            break
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if k > 0 and _ends_np(word, out[-1], nxt, _is_name_token(out[0])):
            break
        out.append(word)
        if t.endswith((",", ";", ":")):
            comma_after = t.endswith(",")
            break
    if not out:
        return None
    if comma_after:
        # "Their spokesman, retired architect Colin Fairweather, ...": the name.
        rest = seg[seg.find(",") + 1 :]
        named = _appositive_subject(rest[: rest.find(",")]) if "," in rest else None
        if named is not None and named[:1].isupper():
            return named
    # "Ada Brennan’s rule": the person whose saying it is.
    if len(out) >= 2 and out[-1].lower() in _SAYING_WORDS:
        owner = " ".join(out[:-1])
        if owner.endswith(("’s", "'s")) and _is_person_run(owner[:-2]):
            return _clean_name(owner[:-2])
    np = " ".join(out)
    if all(w[0].isupper() or w in ("of", "al", "de") for w in out) and out[0] not in _OPENERS:
        return _clean_name(np)
    return np


def _appositive_subject(seg: str) -> str | None:
    """The subject of "X, apposition, said": the name among the comma-set chunks, else
    the noun phrase ("The press release, in full, read:" / "One, a man who ..., said:")."""
    chunks = [c.strip() for c in re.split(r"[,–—]", seg)]
    if chunks and not chunks[-1]:
        chunks.pop()
    fallback: str | None = None
    for k, chunk in enumerate(chunks):
        toks = chunk.split()
        if not toks or len(toks) > 12:
            continue
        low = toks[0].lower()
        if low in _PREPOSITIONS or low in _SUBORDINATORS or low in ("when", "if", "after"):
            continue
        runs = list(_CAP_RUN_RE.finditer(chunk))
        m = runs[-1] if runs else None
        if m is not None and m.end() == len(chunk) and len(toks) <= 6:
            # A name, maybe after role words ("retired architect Colin Fairweather"), but
            # not the end of a clause ("al-Sadr was in Lebanon").
            lead = chunk[: m.start()].split()
            clause = any(
                t.lower() in _VERBISH or t.lower() in _CUE_WORDS or t.lower() in _PREPOSITIONS
                for t in lead
                if t != "to"
            )
            run = _strip_leading_function_words(m.group(0))
            lone = " " not in run and (k > 0 or m.start() > 0) and _lone_ok(run)
            if run and not clause and (_is_person_run(run) or lone):
                return _clean_name(run)
        if fallback is None and _plain_np(toks):
            fallback = chunk
    return fallback


def _plain_np(toks: list[str]) -> bool:
    """A noun phrase of two words or more, maybe with a relative clause ("a man who says he
    was held"), but no verb of its own and no quotation."""
    if len(toks) < 2 or not (toks[0].lower() in _NP_STARTERS or toks[0].lower() in ("my", "your")):
        return False
    for t in toks:
        low = t.lower()
        if low in ("who", "that", "which"):
            return True
        verb = t[0].islower() and (low in _VERBISH or low in _CUE_WORDS)  # not "12 May"
        if verb or any(c in t for c in '“”"‘'):
            return False
    return True


def _lone_ok(run: str) -> bool:
    return not (run in _NOT_NAMES or run in _ORG_WORDS or run.isupper())


def _np_before(text: str, lo: int, cue_start: int) -> str | None:
    """The subject right before a reporting verb, within the clause."""
    seg = text[lo:cue_start]
    cut = max(seg.rfind(c) for c in ',;:(”"–—')
    clause = seg[cut + 1 :] if cut >= 0 else seg
    toks = clause.split()
    while toks and (
        toks[-1] in _AUXILIARIES or toks[-1].endswith("ly") or toks[-1] in _SUBJECT_FILLERS
    ):
        toks.pop()
    if not toks:
        if cut >= 0 and seg[cut] in ",–—" and seg[:cut].strip():
            return _appositive_subject(seg[:cut])  # "X, one of ..., said"
        return None
    last = _bare(toks[-1])
    if last in _PRONOUNS | _BARE_SUBJECTS | _SUBJECT_PRONOUNS:
        if last in ("who", "which", "that"):
            # A relative clause: the noun phrase it hangs on ("a poster that says").
            head = toks[:-1]
            if not head and cut >= 0 and seg[cut] == ",":
                return _appositive_subject(seg[:cut])  # "a drummer, Kev Mallory, who insists"
            return _np_back(head) if head else None
        return last if last != toks[-1].lower() else toks[-1]
    if toks[0].lower() in _PRONOUNS | _BARE_SUBJECTS and len(toks) <= 4:
        return toks[0]  # "It goes on to say", "he went on to add"
    if toks[-1].lower() == "and" or toks[-1].lower() in _PREPOSITIONS:
        # "He pointed to the kids ... and said": the subject of the first verb;
        # "... the revolt by describing": the subject of the sentence.
        for t in reversed(seg.split()):
            if _bare(t) in ("he", "she", "they", "it", "we", "i"):
                return _bare(t) if _bare(t) != "i" else "I"
        if toks[-1].lower() == "and":
            return _leading_np(text, lo, cue_start)
        return None
    # A clause that opens with a name is its subject: "the Financial Times of 20 March".
    m = _SUBJECT_RE.match(clause)
    rest = clause[m.end() :].strip() if m is not None else ""
    if m is not None and len(toks) <= 8 and (not rest or rest.startswith(("of ", "("))):
        if rest.startswith("of ") and rest[3:4].islower() and len(toks) <= 6:
            return " ".join(toks)  # "One of the torture survivors"
        subject = m.group(0).strip()
        if subject.lower().startswith("the "):
            return subject
        if subject.split()[0] not in _NOT_NAMES:  # not "Most of it goes on ..."
            return _clean_name(subject)
    # The subject of a subordinate clause: "... months ago as this press report".
    subs = [k for k, t in enumerate(toks) if t.lower() in _SUBORDINATORS or t.lower() == "what"]
    if subs:
        tail = toks[subs[-1] + 1 :]
        if 0 < len(tail) <= 5 and (tail[0].lower() in _NP_STARTERS or tail[0][0].isupper()):
            return " ".join(tail)
        if 0 < len(tail) <= 2 and tail[-1].endswith("s") and tail[-1].isalpha():
            return " ".join(tail)  # "money that prosecutors said"
    # The trailing capitalised run: "... the Financial Times", "Kerry".
    k = len(toks)
    while k > 0 and (toks[k - 1][0].isupper() or toks[k - 1] in ("of", "al", "de")):
        k -= 1
    if k < len(toks):
        run = " ".join(toks[k:])
        run = _strip_leading_function_words(run) if toks[k] in _NOT_NAMES else run
        if k > 0 and toks[k - 1].lower() == "the":
            run = toks[k - 1] + " " + run  # "the Evening Courier": an organisation
        if run and run.split()[0].lower() in ("he", "she", "they", "it", "i", "we"):
            return run
        if run:
            return _clean_name(run) if not run.lower().startswith("the ") else run
    if len(toks) <= 4 and (toks[0].lower() in _NP_STARTERS or toks[0][0].isupper()):
        return " ".join(toks)
    if len(toks) <= 7 and _plain_np(toks):
        return " ".join(toks)  # "A spokesman for the trust"
    return None


_APPOSED_NAME_RE = re.compile(
    r",\s+(?:(?:a|an|the)\s+[^,.;:]{0,40}?\s(?:called|named)\s+)?("
    + _CAP_RUN
    + r")(?=\s*(?:[,.;:!?]|$))"
)


# A full stop that ends a sentence, not "Mr." or an initial: "says Ms Orr. Thus ...".
_ABBREVIATION_END_RE = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bMrs)(?<!\bGen)(?<!\bCol)(?<!\bRev)"
    r"(?<!\b[A-Z])\.\s+(?=[A-Z])"
)
_CLOSER = {"‘": "’", "“": "”", '"': '"', "'": "'"}
_NP_AFTER_RE = re.compile(
    r"\s*((?:[\w’'.-]+[ \t]*){1,6}?)(?=[,:;.!?()“\"‘]|[-–—]\s|$|(?<=\s)(?:who|with|in)\b)"
)
# After "according to" a phrase may run on: "one soldier with the 69th Regiment who ...".
_WIDE_NP_AFTER_RE = re.compile(
    r"\s*((?:[\w’'.-]+[ \t]*){1,8}?)(?=[,:;.!?()“\"‘]|[-–—]\s|$|(?<=\s)(?:who|in)\b)"
)


def _np_after(text: str, start: int, hi: int, wide: bool = False) -> str | None:
    """The subject right after a clause-initial reporting verb ("says Mr Weisberg,")."""
    seg = text[start : min(hi, start + 100)]
    m = (_WIDE_NP_AFTER_RE if wide else _NP_AFTER_RE).match(seg)
    if m is None:
        return None
    np = _ABBREVIATION_END_RE.split(m.group(1), maxsplit=1)[0].strip().rstrip(".")
    comma = seg.find(",", m.end(), m.end() + 30)
    if np[:1].islower() and comma >= 0 and not any(c in seg[m.end() : comma] for c in ".;:!?"):
        # "said the club secretary, Pauline Rourke." / "by one of our members in Cumbria, a
        # worker called Tom Rigby,": the name in apposition.
        named = _APPOSED_NAME_RE.match(seg, comma)
        if named is not None and _is_person_run(named.group(1)):
            return named.group(1)
    if np.lower() in ("a", "an", "the") and seg[m.end() : m.end() + 1] in _CLOSER:
        close = seg.find(_CLOSER[seg[m.end()]], m.end() + 1)
        if 0 < close - m.end() < 40:
            return seg[: close + 1].strip()  # "the words of a ‘Pentagon advisor’"
    if not np or np.split()[0].lower() in (
        "that",
        "to",
        "me",
        "us",
        "him",
        "her",
        "them",
        "of",
        "on",
        "about",
        "by",
        "as",
        "in",
    ):
        return None
    return np


_CONTRACTION_RE = re.compile(r"[’'](?:d|ll|s|ve|re|m)$", re.IGNORECASE)
_FIRST_PERSON = frozenset({"i", "we", "you"})


def _resolve(
    text: str, speaker: str | None, pos: int, lo: int, ctx: _Ctx, parent: _Quote | None = None
) -> str | None:
    """A pronoun speaker made a name: he/she from the text before, "I" inside a quotation
    from the quotation's own speaker ("... and I said, ‘No.’" is the outer speaker's)."""
    if not speaker:
        return None
    low = _CONTRACTION_RE.sub("", speaker.lower())
    if low in _PRONOUNS:
        return _nearest_person(text, pos, lo, ctx, "he" if low in ("he", "him") else "she")
    if low in _FIRST_PERSON:
        if parent is not None:
            return parent.speaker
        return "I" if low == "i" else None
    if low in _BARE_SUBJECTS:
        return None
    return speaker


@dataclass(slots=True, frozen=True)
class _Span:
    """A found cue: the bits of `re.Match` that `_cue_before` uses."""

    lo: int
    hi: int
    text: str

    def start(self) -> int:
        return self.lo

    def end(self) -> int:
        return self.hi

    def group(self, _: int = 0) -> str:
        return self.text[self.lo : self.hi]


_ADJACENT_RE = re.compile(r"\s*(?:that\s*|[:,]\s*)?")


def _cue_before(
    text: str,
    lo: int,
    pos: int,
    allow_far: bool,
    ctx: _Ctx,
    short: bool = False,
    s0: int | None = None,
) -> tuple[str | None, str | None, int] | None:
    """Speaker, cue and cue position from the sentence before `pos`, if a cue is there.

    A short quotation (a word or two) only counts as reported when the cue is right
    before it ("said that “...”"); a verb further back usually reports something else.
    """
    if s0 is None:
        s0 = _sentence_start(text, pos, lo)
    found = _last_cue(text, s0, pos)
    if found is None:
        return None
    last = _Span(*found, text)
    between = text[last.end() : pos]
    cue = last.group(0)
    low = cue.lower()
    reported: bool | None = None  # whether the quotation sits in the cue's "that"-clause
    if not allow_far and len(between) > 80 and not between.rstrip().endswith(":"):
        reported = len(between) <= 160 and _reported_between(text[s0 : last.start()], between)
        if not reported:
            return None
    relaxed = False
    if short and not _ADJACENT_RE.fullmatch(between):
        # Their guards keep the quotation right after the object or "as".
        called = low in _CALL_WORDS or low in _AS_WORDS
        if reported is None:
            reported = _reported_between(text[s0 : last.start()], between)
        if not (called or reported):
            # Not this quotation's source, but someone reported speaking, whom a later
            # "he said" may mean: "One picker ... said the phrase ‘...’ had become a joke."
            np = _np_before(text, s0, last.start())
            if np is not None and _personish(np):
                _add_speaker(ctx, last.start(), np)
            return None
        relaxed = True
    head = text[s0 : last.start()].rstrip().rstrip(",").rstrip()
    passive = re.match(r"\s+(?:by|in)\s", text[last.end() : pos])
    before_cue = head.split()[-1].lower() if head.split() else ""
    if (
        passive is not None
        and (low.endswith(("ed", "en")) or low == "told")
        and before_cue in ("as", "was", "were", "is", "are", "been", "being", "already", "again")
    ):
        np = _np_after(text, last.end() + passive.end() - 1, pos)
        if np is not None:
            return np, cue, last.start()
    if low in ("told", "asked") and before_cue in _PASSIVE_MARKERS:
        return "", cue, last.start()  # "she was told that ...": by someone the text leaves out
    if low in _AS_WORDS and not head:
        return None, cue, last.start()  # "Condemning this as “...”": no subject here
    if low in ("according to", "in the words of") or not head or head[-1] in "”\"’'":
        np = _np_after(text, last.end(), pos, low in ("according to", "in the words of"))
        if np is None and low not in ("according to", "in the words of"):
            np = _np_before(text, s0, last.start()) or _nearest_person(text, last.start(), s0, ctx)
    else:
        np = _np_before(text, s0, last.start()) or _sentence_subject(text, s0, last.start())
        if np is None and low.endswith("ing"):
            np = _participle_subject(text, s0, last.start())
        if np is not None and np.lower() == "it":
            # "This piece ..., it still ... by describing": the sentence's own subject.
            lead = _leading_np(text, s0, last.start())
            if lead is not None and _bare(lead) not in _SUBJECT_PRONOUNS:
                np = lead
        if relaxed and (np is None or _bare(np) in _FIRST_PERSON):
            return None  # "we insist that “failure” ...": the author's own word, set apart
        if short and np is not None and _bare(np.split()[-1]) in _IMPERSONAL:
            return None  # "When people say ‘character’": a word mentioned, not reported
        if np is None:
            np = _nearest_person(text, last.start(), s0, ctx)
    return np, cue, last.start()


_PERSON_NOUNS = _wordset(
    "official officials spokesman spokeswoman spokesperson source sources aide aides adviser "
    "advisers officer officers man woman men women critic critics expert experts analyst "
    "analysts lawyer lawyers witness witnesses resident residents worker workers member members"
)


def _participle_subject(text: str, s0: int, cue_start: int) -> str | None:
    """Who does the "-ing" of a participle cue: the noun it follows when that names a person or
    a document ("a statement from an official saying", "a footnote in the report
    acknowledging"), else the subject of the sentence ("The Authority has spent weeks
    insisting")."""
    toks = text[s0:cue_start].split()
    if toks:
        head = toks[-1].lower()
        if (
            head in _PERSON_NOUNS
            or head in _ROLE_BEFORE_NAME
            or head.removesuffix("s") in _THING_WORDS
        ):
            return _np_back(toks)
    return _leading_np(text, s0, cue_start)


_IMPERSONAL = _wordset("people you one we everyone everybody someone somebody nobody")
_PASSIVE_MARKERS = _wordset("was were is are been being be when if once after")
_BARE_DETERMINER_RE = re.compile(r"\s+(?:a|an|the|some|this|his|her|their|its|our|my)\s+")
_PARENTHETICAL_RE = re.compile(r",\s*(?:[\w’'-]+\s+){1,3}$")
_THAT_RE = re.compile(r"\bthat\b")
# A reported clause without "that": a subject pronoun and a verb ("says he is ...").
_COMPLEMENT_RE = re.compile(
    r"\s*(?:he|she|they|it|we|i)\s+(?:is|was|are|were|has|had|have|will|would|could|can|"
    r"should|must|might|may|did|does|do)\b"
)
_ASIDE_RE = re.compile(r"\s*,[^,.;:!?]{1,40},\s*")  # "It reads, in red capitals, “...”"


def _reported_between(head: str, between: str) -> bool:
    """Whether a short quotation away from its reporting verb is still what it reports:
    in its "that"-clause ("told us that the work had been ‘prioritised’"), after a bare
    article ("promised a ‘hub’"), or after a parenthetical cue ("Sales, he said, had
    ‘collapsed’")."""
    flat = re.sub(r"\([^()]*\)", " ", between)
    if any(c in flat for c in '“”"‘'):
        return False
    if _BARE_DETERMINER_RE.fullmatch(flat) or _ASIDE_RE.fullmatch(flat):
        return True
    if _AS_END_RE.search(flat) and len(flat.split()) <= 8 and not any(c in flat for c in ",.;:!?"):
        return True  # "described the scheme as ‘...’"
    if (
        _COMPLEMENT_RE.match(flat)
        and len(flat.split()) <= 8
        and not any(c in flat for c in ",.;:!?")
    ):
        return True  # "insists he is ‘nearly retired’": a clause without "that"
    if _PARENTHETICAL_RE.search(head) and re.fullmatch(r",\s*(?:[\w’'-]+\s+){1,3}", flat):
        return True
    after_that = max((m.end() for m in _THAT_RE.finditer(flat)), default=-1)
    if after_that < 0 or any(c in flat for c in ".;:!?"):
        return False
    return len(flat[after_that:].split()) <= 14


_INTRODUCES_RE = re.compile(r"\s*(?::|that\b)")


def _cue_after(text: str, content_end: int, end: int, hi: int) -> tuple[str | None, str] | None:
    """Speaker and cue right after a closing mark: ", Kerry declared" / ", said Mr X".

    The quotation must end its clause (a comma, "!" or "?" at the mark, or "as he
    says"); a new sentence after a full stop is never its attribution.
    """
    if end < hi and text[end] in ".!?":
        return None  # the sentence ended with the quotation
    k = content_end - 1
    while k > 0 and text[k] in "’”\"'" and text[k - 1] in ",.!?…":
        k -= 1  # "... said, ‘No,’” Briggs said": the inner quotation's last mark
    last = text[k] if content_end > 0 else ""
    m = _AFTER_RE.match(text, end, min(hi, end + 140))
    if m is None:
        return None
    if _INTRODUCES_RE.match(text, m.end(), hi) and (
        m.group("cue1") or text[m.end() : m.end() + 3].strip()[:1] == ":"
    ):
        return None  # ", replied: “...”" / ", 72 percent said that ...": it reports what follows
    following = text[end : m.end()].lstrip(",;– ")
    if last in ".…" and following[:1].isupper():
        return None
    if last in "!?" and following.split(" ", 1)[0].lower() in _PRONOUNS | _BARE_SUBJECTS:
        return None
    clause_end = last in ",!?" or text[end : end + 1] in (",", ";")
    if not clause_end and not following.lower().startswith("as "):
        return None
    if m.group("cue1"):
        toks = m.group("np").split()
        if toks and toks[0].lower() in ("which", "who", "that", "as", "and", "but"):
            toks = toks[1:]  # ", which he says" / ", as he put it"
        np = " ".join(toks)
        if not np or any(c in np for c in '“”"') or len(toks) > 5:
            return None
        return np, m.group("cue1")
    cue = m.group("cue2")
    if cue.lower() in ("according to", "in the words of"):
        return _np_after(text, m.end(), hi), cue
    return _np_after(text, m.end(), hi), cue


def _attribute(text: str, q: _Quote, paras: list[_Para], lo: int, hi: int, ctx: _Ctx) -> None:
    after = _cue_after(text, q.end, q.close_at, hi) if q.close_at < hi else None
    # A pronoun is resolved from where it stands, which may be in the introduction.
    anchor = q.open_at
    if after is not None:
        q.speaker, q.cue, q.cued = after[0], after[1], True
    else:
        at_start = _blank(text, lo, q.open_at)
        prev = paras[q.para - 1] if q.para > 0 else None
        found = None
        if at_start and prev is not None and text[prev.end - 1] == ":" and q.parent is None:
            found = _cue_before(text, prev.start, prev.end, True, ctx)
        elif not at_start:
            short = len(_words(text[q.start : q.end])) <= 3
            found = _cue_before(text, lo, q.open_at, False, ctx, short)
            s0 = _sentence_start(text, q.open_at, lo)
            if (
                found is None
                and s0 == q.open_at
                and (q.parent is None or q.parent.mark is Mark.NONE)
            ):
                # A quotation opening a sentence, right after one that reports speech:
                # "Smith remembers what the soldiers said. “It was ...”".
                s_prev = _sentence_start(text, s0 - 1, lo)
                found = _cue_before(text, lo, q.open_at, False, ctx, short, s_prev)
        if found is not None:
            q.speaker, q.cue, q.cued = found[0], found[1], True
            anchor = found[2]
        elif q.parent is None or q.parent.mark is Mark.NONE:
            source = _uncued_source(text, q, paras, lo, ctx)
            if source is not None:
                q.speaker, anchor, q.cued = source
    if q.speaker == "":
        q.speaker, q.unnamed = None, True  # reported, by an unnamed source
    elif q.cued and q.speaker is None:
        q.speaker = _nearest_person(text, q.open_at, _sentence_start(text, q.open_at, lo), ctx)
    if q.speaker is not None and q.speaker.lower() in ("it", "they"):
        q.refer_back = True
    marked_parent = q.parent is not None and q.parent.mark is not Mark.NONE
    if q.speaker and marked_parent and _bare(q.speaker) in _FIRST_PERSON:
        q.refer_parent = True  # settled once the parent's speaker is known
    parent = q.parent if marked_parent else None
    q.speaker = _resolve(text, q.speaker, anchor, paras[max(0, q.para - 3)].start, ctx, parent)
    if q.speaker is not None:
        _add_speaker(ctx, anchor, q.speaker)


_COPULA_END_RE = re.compile(r"\b(?:was|is|were|are|remains|remained)\s*$")
_DASH_NAME_RE = re.compile(r"[—–-]+\s*(" + _CAP_RUN + r")")


_CITATION_RE = re.compile(r"[.,;]?\s*\((?:[Ss]ee\s+)?(" + _CAP_RUN + r")[,.]")
_WORDS_OF_RE = re.compile(
    r"[.,;]?\s*(?:These|Those|They|Such) (?:are|were) (?:the )?(?:very )?words of\s+"
)


def _uncued_source(
    text: str, q: _Quote, paras: list[_Para], lo: int, ctx: _Ctx
) -> tuple[str, int, bool] | None:
    """The source of a quotation no reporting verb attributes, where it is named, and whether
    that makes the words reported ones: a citation after it ("(See Financial Times, 29
    March)"), "These are the words of X", the subject of a colon introduction ("His brother
    was less philosophical: “...”"), the owner of a saying ("Ada’s rule was “...”"), or a
    dash line under a stand-alone quotation."""
    p = paras[q.para]
    after = q.close_at
    cited = _CITATION_RE.match(text, after, p.end)
    if cited is not None:
        return _clean_name(cited.group(1)), after, True
    words_of = _WORDS_OF_RE.match(text, after, p.end)
    if words_of is not None:
        np = _np_after(text, words_of.end(), p.end, True)
        if np is not None:
            return np, after, True
    found = _uncued_intro(text, q, paras, lo, ctx)
    return (found[0], found[1], False) if found is not None else None


def _uncued_intro(
    text: str, q: _Quote, paras: list[_Para], lo: int, ctx: _Ctx
) -> tuple[str, int] | None:
    """The source named by what comes before an unattributed quotation (see above), or by
    the last sentence of the paragraph before, when it reports speech ("He says there were
    secret prisons." / "“They were secret ...”")."""
    p = paras[q.para]
    if _blank(text, lo, q.open_at):
        prev = paras[q.para - 1] if q.para > 0 else None
        if (
            prev is not None
            and text[prev.end - 1] == ":"
            and prev.kind is not ParagraphKind.HEADING
        ):
            s0 = _sentence_start(text, prev.end - 1, prev.start)
            np = _leading_np(text, s0, prev.end)
            return (np, s0) if np and _bare(np) not in _FIRST_PERSON else None
        nxt = paras[q.para + 1] if q.para + 1 < len(paras) else None
        if nxt is not None and q.close_at >= p.end - 1:
            m = _DASH_NAME_RE.match(text, nxt.start, nxt.end)
            if m is not None:
                return _clean_name(m.group(1)), nxt.start  # "“...” / — Ada Brennan, editor"
        # Prose before it, or the reproduced article that holds both.
        prose = prev is not None and (
            prev.kind is ParagraphKind.PARAGRAPH
            or (prev.kind is ParagraphKind.BLOCKQUOTE and q.parent is not None)
        )
        if prev is not None and prose and q.first is None:
            s_last = _sentence_start(text, prev.end - 1, prev.start)
            found = _cue_before(text, prev.start, prev.end, True, ctx, s0=s_last)
            if found is not None and found[0]:
                return found[0], found[2]
        return None
    s0 = _sentence_start(text, q.open_at, lo)
    intro = text[s0 : q.open_at].rstrip()
    if intro.endswith(":") and p.kind is not ParagraphKind.HEADING:
        np = _leading_np(text, s0, q.open_at)
        return (np, s0) if np and _bare(np) not in _FIRST_PERSON else None
    if _COPULA_END_RE.search(intro):
        owner = _saying_owner(text, s0, q.open_at)
        return (owner, s0) if owner else None
    if s0 == q.open_at and s0 > lo:
        # A quotation that opens a sentence after one about a named person: "Rumsfeld
        # spoke of him in glowing terms. “We had a briefing today ...”".
        s_prev = _sentence_start(text, s0 - 1, lo)
        np = _leading_np(text, s_prev, s0)
        if np is not None and (_is_person_run(np) or np in ctx.surnames or np in ("he", "she")):
            return np, s_prev
    return None


def _saying_owner(text: str, s0: int, e: int) -> str | None:
    """The person whose saying opens the sentence: "Ada Brennan’s rule, ..., was"."""
    m = _CAP_RUN_RE.match(text, s0, e)
    if m is None or not m.group(0).endswith(("’s", "'s")):
        return None
    noun = _TOKEN_RE.match(text, m.end() + 1, e) if text[m.end() : m.end() + 1] == " " else None
    name = m.group(0)[:-2]
    if noun is None or noun.group(0).lower() not in _SAYING_WORDS or not _is_person_run(name):
        return None
    return _clean_name(name)


# --------------------------------------------------------------------------- quotation kinds


def _classify(text: str, q: _Quote, lo: int, hi: int) -> QuotationKind:
    before = text[max(lo, q.open_at - 40) : q.open_at]
    content = text[q.start : q.end]
    n_words = len(_words(content))
    if q.mark is not Mark.NONE:
        if _TITLE_BEFORE_RE.search(before):
            return QuotationKind.TITLE
        bracketed = before.rstrip().endswith("(")
        after = text[q.close_at : min(hi, q.close_at + 30)]
        if bracketed and _TITLE_AFTER_RE.match(after):
            return QuotationKind.TITLE
        if _SCARE_BEFORE_RE.search(before):
            return QuotationKind.SCARE
        if _POSSESSIVE_BEFORE_RE.search(before) and _is_title_case(content):
            return QuotationKind.TITLE  # "Lenin's 'State and Revolution'"
        if q.parent is None and _names_a_work(text, q, lo, hi, content):
            return QuotationKind.TITLE
    if q.mark is Mark.NONE or q.cued or q.first is not None:
        return QuotationKind.DIRECT
    if q.parent is None and _titled(content, n_words) and not _THE_BEFORE_RE.search(before):
        # "we showed “Snow on Juniper Street” three times": a capitalised name of three
        # words or more, without the article of a term ("the ‘Green Zone’"), is a title.
        return QuotationKind.TITLE
    if n_words >= 5 or (n_words >= 3 and content[-1] in _SENTENCE_END):
        return QuotationKind.DIRECT
    return QuotationKind.SCARE


# Nouns for works, which the title follows or precedes ("her collection “Low Water”",
# "“Undertow,” a story collection", "A 1998 study by the Unit, ‘After Coal’").
_WORKS = (
    r"(?:book|novel|collection|anthology|memoir|song|album|single|track|hymn|anthem|film|movie|"
    r"play|musical|opera|poem|essay|article|report|study|paper|pamphlet|leaflet|exhibition|"
    r"show|series|programme|program|documentary|headline|editorial|column|painting|lecture)s?"
)
_WORK_BEFORE_RE = re.compile(
    r"\b" + _WORKS + r"(?:\s+(?:by|from)\s+[^,;:.“”\"‘’]{1,60})?\s*[:,]?\s*$", re.IGNORECASE
)
_WORK_AFTER_RE = re.compile(
    r"[,.]?\s*,?\s*(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}" + _WORKS + r"\b"
)
_PUBLISHER_AFTER_RE = re.compile(r"\s*\([A-Z][^()]{0,60}?,[^()]*\d")  # "(Harrow & Finch, 384 pages"
_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _names_a_work(text: str, q: _Quote, lo: int, hi: int, content: str) -> bool:
    """A capitalised title next to a noun for a work, or before a publisher's details."""
    if not _title_like(content):
        return False
    after = text[q.close_at : min(hi, q.close_at + 50)]
    if _WORK_AFTER_RE.match(after):
        return True
    wide = text[max(lo, q.open_at - 90) : q.open_at]
    return _WORK_BEFORE_RE.search(wide) is not None or _PUBLISHER_AFTER_RE.match(after) is not None


_TITLE_WORD_RE = re.compile(r"[\w’'-]+")


def _title_like(content: str) -> bool:
    """Capitalised like a title: every word but small ones ("Snow on Juniper Street")."""
    words = _TITLE_WORD_RE.findall(content)
    return (
        len(words) >= 1
        and words[0][0].isupper()
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)
    )


def _titled(content: str, n_words: int) -> bool:
    return n_words >= 3 and _title_like(content)


_POSSESSIVE_BEFORE_RE = re.compile(r"[A-Z]\w*(?:’s|'s|’|')\s+(?:\w+\s+)?$")
_SMALL_WORDS = _wordset("a an and the of in on at to for or by with & from")


def _is_title_case(s: str) -> bool:
    words = _words(s)
    return len(words) >= 2 and all(w[0].isupper() or w in _SMALL_WORDS for w in words)


# --------------------------------------------------------------------------- assembly


def _unmarked_spans(
    text: str, paras: list[_Para], runs: list[list[int]], ctx: _Ctx
) -> tuple[list[_Quote], dict[int, _Quote]]:
    """One mark-"none" span per block-quoted paragraph, chained over a passage."""
    quotes: list[_Quote] = []
    by_para: dict[int, _Quote] = {}
    for run in runs:
        intro = paras[run[0] - 1]
        lo = paras[max(0, run[0] - 4)].start
        found = _cue_before(text, intro.start, intro.end, True, ctx)
        if found is not None:
            speaker = _resolve(text, found[0], intro.end, lo, ctx)
        else:
            # "The authority’s reply is two sentences long:": the introduction's subject.
            s0 = _sentence_start(text, intro.end - 1, intro.start)
            np = _leading_np(text, s0, intro.end)
            first_person = np is not None and _bare(np) in _FIRST_PERSON
            speaker = None if first_person else _resolve(text, np, s0, lo, ctx)
        cue = found[1] if found else None
        first: _Quote | None = None
        for m in run:
            p = paras[m]
            q = _Quote(p.start, p.end, m, Mark.NONE, p.start, p.end, first=first)
            q.speaker, q.cue, q.cued = speaker, cue, True
            quotes.append(q)
            by_para[m] = q
            first = first or q
    for m, p in enumerate(paras):
        if p.attribution > 0 and p.kind is ParagraphKind.BLOCKQUOTE:
            s, e = _trimmed(text, p.start, p.attribution)
            if e > s:
                q = _Quote(s, e, m, Mark.NONE, s, e)
                q.speaker = text[p.attribution : p.end]
                q.cued = True
                quotes.append(q)
                by_para[m] = q
    return quotes, by_para


def _marked_quotes(text: str, paras: list[_Para]) -> list[_Quote]:
    quotes: list[_Quote] = []
    chain_first: _Quote | None = None
    carried: Mark | None = None
    for pi, p in enumerate(paras):
        if p.kind in (ParagraphKind.SEPARATOR, ParagraphKind.BOILERPLATE):
            carried, chain_first = None, None
            continue
        found, left_open, tail = _scan_paragraph(text, pi, p)
        if carried is not None and chain_first is not None and found:
            head = min(found, key=lambda q: q.open_at)
            if head.open_at == p.start and head.mark is carried and head.parent is None:
                head.first = chain_first
        if left_open is not None and tail is not None:
            chain_first = tail.first or tail
            carried = left_open
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt is None or text[nxt.start] not in ('“"' if left_open is Mark.DOUBLE else "‘'"):
                carried, chain_first = None, None
        else:
            carried, chain_first = None, None
        quotes.extend(found)
    return quotes


def _mark_marked_blockquotes(text: str, paras: list[_Para], quotes: list[_Quote]) -> None:
    """A colon-introduced paragraph that is one marked quotation is a block quotation."""
    whole: dict[int, _Quote] = {}
    for q in quotes:
        p = paras[q.para]
        if q.parent is None and q.open_at == p.start:
            rest = text[q.close_at : p.end].strip()
            if q.close_at >= p.end - 1 or not rest or (rest[0] == "(" and rest[-1] == ")"):
                whole[q.para] = q
    for pi, q in sorted(whole.items()):
        p = paras[pi]
        if p.kind is not ParagraphKind.PARAGRAPH or pi == 0:
            continue
        prev = paras[pi - 1]
        rest = text[q.close_at : p.end].strip()
        cited = rest.startswith("(") and len(_words(text[q.start : q.end])) >= 12
        if (
            cited
            or _is_intro(text, prev)
            or (q.first is not None and prev.kind is ParagraphKind.BLOCKQUOTE and (pi - 1) in whole)
        ):
            p.kind = ParagraphKind.BLOCKQUOTE


def _same_sentence(text: str, prev: _Quote, q: _Quote) -> bool:
    if q.open_at < prev.close_at:
        return False
    gap = text[prev.close_at : q.open_at]
    ended = prev.end > prev.start and text[prev.end - 1] in _SENTENCE_END and "," not in gap
    return not ended and not any(c in ".!?" for c in gap)


def _attribution_between(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether only the attribution of `prev` stands between it and `q`: one clause ending
    a sentence (`,” Raman said, shuffling. “`), after which `q` opens a new sentence."""
    if q.open_at < prev.close_at:
        return False
    gap = text[prev.close_at : q.open_at].strip()
    if not gap or len(gap) > 160 or gap[-1] not in ".!?:" or any(c in gap for c in '“”"‘'):
        return False
    return _INNER_SENTENCE_END_RE.search(gap[:-1]) is None


_INNER_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z“\"‘]")


def _same_source(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether the prose between two quotations of a paragraph is the writer's comment on
    the same source: short, with no reporting verb and no other person named."""
    if q.open_at < prev.close_at or q.open_at - prev.close_at > 250:
        return False
    start = prev.close_at
    end = _INNER_SENTENCE_END_RE.search(text, start, q.open_at)
    if end is not None and prev.cue and prev.cue in text[start : end.start()]:
        start = end.start() + 1  # past the first quotation's own ", says Ms Orr."
    if _last_cue(text, start, q.open_at) is not None:
        return False
    for m in _CAP_RUN_RE.finditer(text, start, q.open_at):
        if " " in m.group(0) and _is_person_run(_strip_leading_function_words(m.group(0))):
            return False
    return True


def _inherit(quotes: list[_Quote], text: str, paras: list[_Para]) -> None:
    """Share a speaker found once: over chained pieces, partial quotations in one sentence,
    participle cues (", adding “...”"), "it says" and a paragraph that opens with speech."""
    prev: _Quote | None = None
    for q in quotes:
        if q.mark is Mark.NONE:
            continue
        near = prev is not None and prev.parent is q.parent and prev.speaker is not None
        if (
            prev is not None
            and not near
            and prev.parent is q.parent
            and prev.para == q.para
            and prev.cued
            and not q.cued
            and q.first is None
            and len(_words(text[q.start : q.end])) >= 3
            and _same_sentence(text, prev, q)
        ):
            q.cue, q.cued = prev.cue, True  # "she was told that ‘...’ and that ‘...’"
        if q.first is not None:
            q.speaker, q.cue = q.first.speaker, q.first.cue
            q.cued = q.cued or q.first.cued
        elif prev is not None and near and prev.para == q.para:
            long_enough = len(_words(text[q.start : q.end])) >= 3
            if not q.cued and prev.cued and long_enough and _same_sentence(text, prev, q):
                q.speaker, q.cue, q.cued = prev.speaker, prev.cue, True
            elif not q.cued and prev.cued and _attribution_between(text, prev, q):
                # "“...,” Raman said. “...”": the next sentence goes on with her words.
                q.speaker, q.cue, q.cued = prev.speaker, prev.cue, True
            elif (
                not q.cued
                and prev.cued
                and long_enough
                and q.speaker is None
                and _same_source(text, prev, q)
            ):
                # "... says Mr X. Thus the force is “plainly unfair”": still his words.
                q.speaker, q.cued = prev.speaker, True
            elif (
                q.cued
                and q.speaker is None
                and not q.unnamed
                and (q.refer_back or q.open_at - prev.close_at < 400)
            ):
                q.speaker = prev.speaker
        elif (
            prev is not None
            and near
            and q.para == prev.para + 1
            and prev.cued
            and not q.cued
            and q.speaker is None
            and q.open_at == paras[q.para].start
        ):
            q.speaker = prev.speaker
        if q.parent is None or q.parent.mark is Mark.NONE:
            prev = q


def _title_key(text: str, q: _Quote) -> str:
    return text[q.start : q.end].strip(" ,.;:!?")


#: Quotation marks nested deeper than this make no records of their own (see `_scan_paragraph`).
MAX_QUOTATION_DEPTH = 4


def segment(text: str, max_depth: int = MAX_QUOTATION_DEPTH) -> Segmentation:
    """Paragraph and quotation spans of one document (see the module docstring).

    `max_depth` bounds how deep quotation marks nest into records; deeper marks are
    reported in `Segmentation.notes` and stay in the text of the quotation that holds them.
    """
    paras = _find_paragraphs(text)
    _mark_boilerplate(text, paras)
    _mark_headings(text, paras)
    _mark_signatures(text, paras)
    _mark_attributed(text, paras)
    runs = _mark_blockquotes(text, paras)
    marked = _marked_quotes(text, paras)
    ordered = sorted(marked, key=lambda q: q.open_at)
    ctx = _Ctx(
        _document_surnames(text), [q.open_at for q in ordered], [q.close_at for q in ordered]
    )
    unmarked, _ = _unmarked_spans(text, paras, runs, ctx)
    quotes = marked + unmarked
    _link_nesting(quotes)
    quotes, notes = _within_depth(quotes, max_depth)
    marked = [q for q in quotes if q.mark is not Mark.NONE]
    _mark_marked_blockquotes(text, paras, marked)
    for q in quotes:
        if q.mark is Mark.NONE:
            continue
        p = paras[q.para]
        lo, hi = (q.parent.start, q.parent.end) if q.parent is not None else (p.start, p.end)
        if q.parent is not None and q.parent.mark is Mark.NONE:
            lo, hi = p.start, p.end
        _attribute(text, q, paras, lo, hi, ctx)
    _inherit(quotes, text, paras)
    for q in quotes:
        if q.refer_parent and q.parent is not None:
            q.speaker = q.parent.speaker
    for q in quotes:
        p = paras[q.para]
        q.kind = _classify(text, q, p.start, p.end)
    # A title once recognised is a title wherever the text repeats it uncued.
    titles = {_title_key(text, q) for q in quotes if q.kind is QuotationKind.TITLE}
    for q in quotes:
        repeated = titles and not q.cued and q.mark is not Mark.NONE
        if repeated and q.kind is not QuotationKind.TITLE and _title_key(text, q) in titles:
            q.kind = QuotationKind.TITLE
        if q.kind is not QuotationKind.DIRECT:
            q.speaker, q.cue = None, None
    index = {id(q): k for k, q in enumerate(quotes)}
    return Segmentation.model_construct(
        paragraphs=tuple(
            ParagraphSpan.model_construct(kind=p.kind, char_start=p.start, char_end=p.end)
            for p in paras
        ),
        quotations=tuple(
            QuotationSpan.model_construct(
                paragraph=q.para,
                kind=q.kind,
                mark=q.mark,
                char_start=q.start,
                char_end=q.end,
                speaker=q.speaker,
                cue=q.cue,
                parent=index[id(q.parent)] if q.parent is not None else None,
                first_piece=index[id(q.first)] if q.first is not None else None,
            )
            for q in quotes
        ),
        notes=tuple(notes),
    )
