"""Split a document's text into paragraph records and quotation records.

`segment(text)` is pure and deterministic: it reads nothing but its argument and
returns a `Segmentation` whose offsets are code-point indices into `text` (end
exclusive). The text is expected with "\\n" newlines and no BOM.

The modules, in the order the algorithm uses them:

    compiled     which path runs: the modules below as written, or compiled with mypyc
    lexicon      the English it knows: word lists, reporting verbs, patterns (only here)
    text         lines, words, sentence starts, trimming
    spans        the paragraph and quotation records the steps fill in
    paragraphs   where paragraphs are split, and their kinds
    marks        which quotation marks open and close (apostrophes told apart), per paragraph
    names        who a stretch of text names: names, noun phrases, subjects
    mentions     what the document said so far: full names, speakers, genders, pronouns
    cues         reporting verbs before and after a quotation, and whom they point at
    speakers     where speakers are attributed: cue, context or inheritance, per quotation
    quotations   spans chained over paragraphs, unmarked block quotations, nesting and its limit
    classify     direct, scare or title

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
  Not a heading: a caption or credit line; a line broken off with a dash or
  going on into a lower-case line; a turn after a label that opens other lines
  too ("Ben:"); a form's field among other labelled lines; the items of a list
  or the lines of a stanza (three or more such lines in a row of one block: only
  a first line capitalised as a heading may head them); the turns of a
  conversation (in three or more such lines in a row, those after the first
  written in sentence case); and the text's last line (a heading heads something).
* signature: a short name-like line (two to four capitalised words) after the
  last prose of the main text: at the end or before a wide gap/heading/rule.
* epigraph: a leading paragraph that ends with a bare attribution such as
  "... to be tested. K.P.Orlov".
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
the same sentence ("Voss declared:", "according to X:", "says Mr Y, "), after
it ("..., Voss declared."; not when the verb opens a new report: "replied:"),
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
quotation, a citation after it ("(See the FT, 2 May)"), "Those were the words
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

from datapkg.segment import compiled as _paths

#: Whether the step modules below run compiled (see `datapkg.segment.compiled`); chosen
#: before any of them is imported.
COMPILED = _paths.select()

# ruff: noqa: E402  (the path is chosen before the step modules are imported)
from datapkg.models import (
    Mark,
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
)
from datapkg.segment.classify import _classify, _title_key
from datapkg.segment.lexicon import languages
from datapkg.segment.mentions import _Ctx, _fullest
from datapkg.segment.names import _document_names, _tidied, _without_epithets
from datapkg.segment.paragraphs import (
    _find_paragraphs,
    _mark_attributed,
    _mark_blockquotes,
    _mark_boilerplate,
    _mark_headings,
    _mark_signatures,
)
from datapkg.segment.quotations import (
    MAX_QUOTATION_DEPTH,
    _link_nesting,
    _mark_marked_blockquotes,
    _marked_quotes,
    _unmarked_spans,
    _within_depth,
)
from datapkg.segment.spans import _Quote
from datapkg.segment.speakers import (
    _attribute,
    _inherit,
    _name_the_narrator,
    _take_turns,
    _where_written,
)

__all__ = ["COMPILED", "LANGUAGES", "MAX_QUOTATION_DEPTH", "segment"]

#: The languages the segmenter has word lists for (BCP 47 primary subtags). A document in
#: another language is segmented with the English rules, and `check` says so.
LANGUAGES = languages()


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
    surnames, given, ending = _document_names(text)
    opens, closes = [q.open_at for q in ordered], [q.close_at for q in ordered]
    ctx = _Ctx(surnames, given, opens, closes, ending=ending)
    ctx.text = text
    ctx.paragraphs = [p.start for p in paras]
    ctx.headings = [p.kind is ParagraphKind.HEADING for p in paras]
    unmarked = _unmarked_spans(text, paras, runs, ctx)
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
    _inherit(quotes, text, paras, ctx)
    _take_turns(text, quotes, paras, ctx)
    _name_the_narrator(text, quotes, paras, ctx)
    for q in quotes:
        if q.refer_parent and q.parent is not None:
            q.speaker = q.parent.speaker
        if q.speaker is not None:
            tidy = _tidied(q.speaker)
            q.speaker = _fullest(_without_epithets(tidy), ctx, q.open_at) if tidy else None
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
    written = [_written(text, q) for q in quotes]
    return Segmentation(
        tuple(ParagraphSpan(p.kind, p.start, p.end) for p in paras),
        tuple(
            QuotationSpan(
                q.para,
                q.kind,
                q.mark,
                q.start,
                q.end,
                q.speaker,
                q.cue,
                index[id(q.parent)] if q.parent is not None else None,
                index[id(q.first)] if q.first is not None else None,
                *written[k],
            )
            for k, q in enumerate(quotes)
        ),
        tuple(notes),
    )


def _written(text: str, q: _Quote) -> tuple[int | None, int | None, int | None, int | None]:
    """Offsets of the speaker's name and of the cue where they are written, or Nones."""
    span = (q.open_at, q.close_at)
    cue: tuple[int, int] | None = None
    if q.cue and q.cue_at is not None and text.startswith(q.cue, q.cue_at):
        cue = (q.cue_at, q.cue_at + len(q.cue))  # where attribution found it
    elif q.cue:
        cue = _where_written(text, q.cue, span, q)
    speaker = _where_written(text, q.speaker, cue or span, q) if q.speaker else None
    return (*(speaker or (None, None)), *(cue or (None, None)))
