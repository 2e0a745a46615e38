"""Why the words are quoted: `direct` (reported), `scare` (a term, a name, a slogan) or
`title` (of a work).
"""

from __future__ import annotations

from datapkg.models import Mark, QuotationKind
from datapkg.segment.lexicon import (
    _CALL_WORDS,
    _INNER_SENTENCE_END_RE,
    _NOT_NAMES,
    _POSSESSIVE_BEFORE_RE,
    _PRONOUNS,
    _PUBLISHER_AFTER_RE,
    _SCARE_BEFORE,
    _SENTENCE_END,
    _SMALL_WORDS,
    _THE_BEFORE_RE,
    _TITLE_AFTER_RE,
    _TITLE_BEFORE,
    _TITLE_PREPOSITION_BEFORE_RE,
    _TITLE_WORD_RE,
    _WORK_AFTER_RE,
    _WORK_BEFORE,
    MAX_HEADLINE_CHARS,
)
from datapkg.segment.names import _is_thing, _personish
from datapkg.segment.spans import _Quote
from datapkg.segment.text import _heading_case, _word_count, _words


def _classify(text: str, q: _Quote, lo: int, hi: int) -> QuotationKind:
    before = text[max(lo, q.open_at - 40) : q.open_at]
    content = text[q.start : q.end]
    n_words = _word_count(content, 5)  # compared with 3 and 5 only
    if q.mark is not Mark.NONE:
        # "the report “Drought in Varna”" names a work; "From the memo: “On the whole, ... .
        # The fewer ...”" quotes it: no title runs over two sentences.
        if _TITLE_BEFORE.found_in(before) and _INNER_SENTENCE_END_RE.search(content) is None:
            return QuotationKind.TITLE
        bracketed = before.rstrip().endswith("(")
        after = text[q.close_at : min(hi, q.close_at + 30)]
        if bracketed and _TITLE_AFTER_RE.match(after):
            return QuotationKind.TITLE
        if _SCARE_BEFORE.found_in(before) and not _named_by_someone(q, content):
            return QuotationKind.SCARE
        titled = _is_title_case(content)
        if titled and _POSSESSIVE_BEFORE_RE.search(before) and not _in_headline(text, q, lo, hi):
            return QuotationKind.TITLE  # "Orlov's 'Land and Labour'"
        if q.parent is None and _names_a_work(text, q, lo, hi, content):
            return QuotationKind.TITLE
        if titled and _TITLE_PREPOSITION_BEFORE_RE.search(before):
            return QuotationKind.TITLE  # "On this week’s “Harbor Week Live,” Marsh said"
    if q.mark is Mark.NONE or q.cued or q.first is not None:
        return QuotationKind.DIRECT
    if q.parent is None and q.open_at == lo and q.close_at >= hi and not _titled(content, n_words):
        # A paragraph of its own is a turn of dialogue ("“Heavens!”"), unless it is capitalised
        # like a title: a quoted subheading ("‘Coal Is Not the Villain.’").
        return QuotationKind.DIRECT
    if q.parent is None and q.open_at == lo and content.rstrip()[-1:] in ("!", "?"):
        # An exclamation or a question opening its paragraph is said, however short: "“Oh
        # dear!” He stood up.", "“A fox!” was the reply".
        return QuotationKind.DIRECT
    if (
        q.parent is None
        and _titled(content, n_words)
        and not _THE_BEFORE_RE.search(before)
        and not _in_headline(text, q, lo, hi)
    ):
        # "we showed “Snow on Juniper Street” three times": a capitalised name of three
        # words or more, without the article of a term ("the ‘Green Zone’"), is a title.
        return QuotationKind.TITLE
    if n_words >= 5 or (n_words >= 3 and content[-1] in _SENTENCE_END):
        return QuotationKind.DIRECT
    return QuotationKind.SCARE


def _in_headline(text: str, q: _Quote, lo: int, hi: int) -> bool:
    """Whether the words stand in a headline, a short paragraph where every word is
    capitalised, the quoted ones too: there title case says nothing of a title ("Ruiz:
    Lee’s ‘Deeply Reckless Budget’ Sinking ..."). Only a heading's length is read."""
    if hi - lo > MAX_HEADLINE_CHARS:
        return False
    outside = text[lo : q.open_at] + " " + text[q.close_at : hi]
    return _heading_case(text[lo:hi]) and _word_count(outside, 3) >= 3


def _named_by_someone(q: _Quote, content: str) -> bool:
    """Whether the naming verb before the words has a person for its subject and the words
    are no name: "who Ortiz called “a reckless opportunist”" is Ortiz's word; "a group
    called “Open Doors”" and "Ortiz called it “Open Doors”" are names."""
    if _title_like(content):
        return False
    speaker = q.speaker or ""
    person = speaker.lower() in _PRONOUNS or (
        speaker[:1].isupper() and speaker.split()[0] not in _NOT_NAMES
    )  # "Ortiz", "Sen. Ann Ruiz", not "A local group"
    # "what many lawmakers called “fraud”": people described, not a thing or a group's name.
    described = speaker[:1].islower() and speaker.endswith("s") and _personish(speaker)
    person = person or (described and not _is_thing(speaker))
    return q.cued and (q.cue or "").lower() in _CALL_WORDS and person


def _names_a_work(text: str, q: _Quote, lo: int, hi: int, content: str) -> bool:
    """A capitalised title next to a noun for a work, or before a publisher's details."""
    if not _title_like(content):
        return False
    after = text[q.close_at : min(hi, q.close_at + 50)]
    if _WORK_AFTER_RE.match(after):
        return True
    wide = text[max(lo, q.open_at - 90) : q.open_at]
    return _WORK_BEFORE.found_in(wide) or _PUBLISHER_AFTER_RE.match(after) is not None


def _title_like(content: str) -> bool:
    """Capitalised like a title, its first word too ("Snow on Juniper Street")."""
    first = _TITLE_WORD_RE.search(content)
    return first is not None and first.group()[0].isupper() and _heading_case(content)


def _titled(content: str, n_words: int) -> bool:
    return n_words >= 3 and _title_like(content)


def _is_title_case(s: str) -> bool:
    words = _words(s)
    return len(words) >= 2 and all(w[0].isupper() or w in _SMALL_WORDS for w in words)


def _title_key(text: str, q: _Quote) -> str:
    return text[q.start : q.end].strip(" ,.;:!?")
