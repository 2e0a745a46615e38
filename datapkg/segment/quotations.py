"""Quotations assembled: marked spans chained over paragraphs, unmarked block quotations,
nesting, the depth limit, and marked paragraphs that are block quotations.
"""

from __future__ import annotations

from datapkg.models import Mark, ParagraphKind, SegmentNote
from datapkg.segment.cues import _cue
from datapkg.segment.lexicon import _FIRST_PERSON
from datapkg.segment.marks import _scan_paragraph
from datapkg.segment.mentions import _Ctx, _resolve
from datapkg.segment.names import _is_name_token, _leading_np, _publisher_named, _publisher_of
from datapkg.segment.paragraphs import _is_intro
from datapkg.segment.spans import _Para, _Quote
from datapkg.segment.text import _bare, _sentence_start, _trimmed, _word_count


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


def _unmarked_spans(
    text: str, paras: list[_Para], runs: list[list[int]], ctx: _Ctx
) -> list[_Quote]:
    """One mark-"none" span per block-quoted paragraph, chained over a passage."""
    quotes: list[_Quote] = []
    for run in runs:
        intro = paras[run[0] - 1]
        lo = paras[max(0, run[0] - 4)].start
        found = _cue(text, intro.start, intro.end, True, ctx)
        if found is not None:
            speaker = _resolve(text, found[0], intro.end, lo, ctx)
        else:
            # "The authority’s reply is two sentences long:": the introduction's subject.
            s0 = _sentence_start(text, intro.end - 1, intro.start)
            np = _leading_np(text, s0, intro.end)
            first_person = np is not None and _bare(np) in _FIRST_PERSON
            speaker = None if first_person else _resolve(text, np, s0, lo, ctx)
            if speaker is None or not _is_name_token(speaker.split()[0]):
                # "The following pieces from the Guardian:": the publication named.
                speaker = _publisher_named(text[s0 : intro.end].split()) or speaker
        if speaker is not None:
            # A passage reproduced from "This Guardian piece" is the Guardian's words.
            speaker = _publisher_of(speaker.split()) or speaker
        cue = found[1] if found else None
        first: _Quote | None = None
        for m in run:
            p = paras[m]
            q = _Quote(p.start, p.end, m, Mark.NONE, p.start, p.end, first=first)
            q.speaker, q.cue, q.cued = speaker, cue, True
            q.cue_at = found[2] if found is not None else None
            quotes.append(q)
            first = first or q
    for m, p in enumerate(paras):
        if p.attribution > 0 and p.kind is ParagraphKind.BLOCKQUOTE:
            s, e = _trimmed(text, p.start, p.attribution)
            if e > s:
                q = _Quote(s, e, m, Mark.NONE, s, e)
                q.speaker = text[p.attribution : p.end]
                q.cued = True
                quotes.append(q)
    return quotes


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
        cited = rest.startswith("(") and _word_count(text[q.start : q.end], 12) >= 12
        if (
            cited
            or _is_intro(text, prev)
            or (q.first is not None and prev.kind is ParagraphKind.BLOCKQUOTE and (pi - 1) in whole)
        ):
            p.kind = ParagraphKind.BLOCKQUOTE


#: Quotation marks nested deeper than this make no records of their own (see `_scan_paragraph`).
MAX_QUOTATION_DEPTH = 4
