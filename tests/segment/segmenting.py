"""What the segmenter tests share: invariants every output keeps, and short views of an
output (paragraph kinds and texts, quotations, speakers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import TypeAdapter

from datapkg.models import (
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
)
from datapkg.segment import MAX_QUOTATION_DEPTH, segment

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


K = ParagraphKind


Q = QuotationKind


def _valid(kind: type, value: object) -> None:
    """Fails unless `value` keeps the bounds its dataclass declares as pydantic constraints."""
    TypeAdapter(kind).validate_python(dataclasses.asdict(value), strict=False)  # type: ignore[call-overload]


def check_invariants(text: str, seg: Segmentation) -> None:
    """Everything the contract promises about offsets, whatever the text."""
    covered = [False] * len(text)
    last_end = 0
    for p in seg.paragraphs:
        _valid(ParagraphSpan, p)  # within the bounds its type declares
        assert last_end <= p.char_start < p.char_end <= len(text)
        assert not text[p.char_start].isspace() and not text[p.char_end - 1].isspace()
        for k in range(p.char_start, p.char_end):
            covered[k] = True
        last_end = p.char_end
    for k, c in enumerate(text):
        assert covered[k] or c.isspace(), f"non-space char {c!r} at {k} outside paragraphs"
    prev_key: tuple[int, int] | None = None
    for i, q in enumerate(seg.quotations):
        _valid(QuotationSpan, q)
        para = seg.paragraphs[q.paragraph]
        assert para.char_start <= q.char_start < q.char_end <= para.char_end
        assert text[q.char_start : q.char_end].strip()
        key = (q.char_start, -q.char_end)
        assert prev_key is None or prev_key <= key
        prev_key = key
        if q.parent is not None:
            assert q.parent < i
            outer = seg.quotations[q.parent]
            assert outer.char_start <= q.char_start and q.char_end <= outer.char_end
        # Who said it and the cue are written where the record says.
        if q.speaker_char_start is not None:
            assert text[q.speaker_char_start : q.speaker_char_end] == q.speaker
        if q.cue_char_start is not None:
            assert text[q.cue_char_start : q.cue_char_end] == q.cue
        if q.first_piece is not None:
            assert q.first_piece < i
            assert seg.quotations[q.first_piece].paragraph < q.paragraph
    _valid(Segmentation, seg)
    # Output proportional to the input: no quotation nests deeper than the limit, so the
    # records' texts add up to at most that many copies of the text.
    depth: dict[int, int] = {}
    for i, q in enumerate(seg.quotations):
        depth[i] = 0 if q.parent is None else depth[q.parent] + 1
        assert depth[i] < MAX_QUOTATION_DEPTH
    quoted = sum(q.char_end - q.char_start for q in seg.quotations)
    assert quoted <= MAX_QUOTATION_DEPTH * len(text)
    assert all(0 <= note.char_start < len(text) for note in seg.notes)


def kinds(text: str) -> list[ParagraphKind]:
    return [p.kind for p in segment(text).paragraphs]


def spans(text: str) -> list[str]:
    return [text[p.char_start : p.char_end] for p in segment(text).paragraphs]


def quotes(text: str) -> list[tuple[str, QuotationSpan]]:
    return [(text[q.char_start : q.char_end], q) for q in segment(text).quotations]


def speakers(text: str) -> list[str | None]:
    return [q.speaker for _, q in quotes(text)]
