"""The working records the steps fill in: a paragraph and a quotation under construction,
with offsets into the text. `segment` turns them into the published models at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from datapkg.models import Mark, ParagraphKind, QuotationKind


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
    cue_at: int | None = None  # where the cue is written, when attribution found it there
    cued: bool = False
    refer_back: bool = False  # the subject was "it"/"they": take the previous speaker
    refer_parent: bool = False  # "I said" inside a quotation: the quotation's own speaker
    unnamed: bool = False  # reported by someone the text leaves out ("she was told")
    pronoun: str | None = None  # "he"/"she" when the cue named the speaker by a pronoun
    carried: bool = False  # the speaker was carried over from the paragraph before
    children: list[_Quote] = field(default_factory=list)
