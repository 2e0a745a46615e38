"""Quotation spans: over paragraphs, unmarked blocks, nesting and its limit."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import time

from segmenting import K, Q, quotes

from datapkg.models import (
    Mark,
)
from datapkg.segment import MAX_QUOTATION_DEPTH, segment


def test_nesting_deeper_than_the_limit_makes_no_records_and_a_note() -> None:
    text = "He said “a ‘b “c ‘d “e ‘f’ e” d’ c” b’ a” and left."
    seg = segment(text, max_depth=3)
    assert [text[q.char_start : q.char_end][:3] for q in seg.quotations] == ["a ‘", "b “", "c ‘"]
    assert [(n.code, n.char_start) for n in seg.notes] == [("quotation-depth", text.index("‘d"))]
    assert len(segment(text).quotations) == 4 and len(segment(text, max_depth=9).notes) == 0


def test_thousands_of_nested_marks_cost_little_and_write_little() -> None:
    text = "He said " + "“‘" * 8000 + "x" + "’”" * 8000 + "."
    started = time.perf_counter()
    seg = segment(text)
    assert time.perf_counter() - started < 10  # the quadratic version took minutes
    assert len(seg.quotations) == MAX_QUOTATION_DEPTH
    assert sum(q.char_end - q.char_start for q in seg.quotations) < 4 * len(text)


def test_multi_paragraph_quotation() -> None:
    text = (
        "The mayor went on: “We will not close the baths.\n\n"
        "“Nor will we sell the park. Both stay open.”\n\n"
        "The meeting ended."
    )
    seg = segment(text)
    first, second = seg.quotations
    assert text[first.char_start : first.char_end] == "We will not close the baths."
    assert second.first_piece == 0 and second.paragraph == 1
    assert second.speaker == first.speaker


def test_missing_closing_mark_stops_at_paragraph_end() -> None:
    text = (
        "She warned: “this will end badly for everyone\n\nThe next paragraph is not quoted at all."
    )
    seg = segment(text)
    assert len(seg.quotations) == 1
    q = seg.quotations[0]
    assert (
        q.paragraph == 0 and text[q.char_start : q.char_end] == "this will end badly for everyone"
    )


def test_ellipsis_and_insertions_stay_inside() -> None:
    text = "The report said “costs rose … and [the council] did nothing about it.”"
    [(content, _)] = quotes(text)
    assert content == "costs rose … and [the council] did nothing about it."


def test_unmarked_block_quotation_after_colon() -> None:
    text = (
        "Last week the Evening Courier wrote:\n\n"
        "The closure of the yard is a blow from which the town may never recover, "
        "and the council has offered nothing in its place.\n\n"
        "Readers will judge for themselves."
    )
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs] == [K.PARAGRAPH, K.BLOCKQUOTE, K.PARAGRAPH]
    [q] = seg.quotations
    assert q.mark is Mark.NONE and q.paragraph == 1 and q.kind is Q.DIRECT
    assert (q.char_start, q.char_end) == (seg.paragraphs[1].char_start, seg.paragraphs[1].char_end)
    assert q.speaker == "the Evening Courier"


def test_unmarked_block_in_dense_text_spans_its_block() -> None:
    text = (
        "Our own view is simple.\nAs the local paper reported in March:\n\n"
        "The yard employed four hundred people at its peak.\n"
        "Its closure was announced without warning.\n\n"
        "We disagree with the paper on one point only."
    )
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs].count(K.BLOCKQUOTE) == 2
    first, second = seg.quotations
    assert second.first_piece == 0 and first.speaker == "the local paper"


def test_a_passage_from_a_text_described_by_its_publication_is_the_publications() -> None:
    text = (
        "This Heraldo Times piece puts the blame on the council:\n\n"
        "The closure of the yard is a blow from which the town may never recover, "
        "and the council has offered nothing in its place.\n\n"
        "Readers will judge for themselves."
    )
    [q] = segment(text).quotations
    assert (q.mark, q.speaker) == (Mark.NONE, "Heraldo Times")
    # A text named by no publication stays as the text names it.
    text = text.replace("This Heraldo Times piece", "This recent piece")
    [q] = segment(text).quotations
    assert q.speaker == "This recent piece"


def test_a_passage_from_a_publication_the_introduction_names_after_the_text_is_its() -> None:
    passage = (
        "The closure of the yard is a blow from which the town may never recover, "
        "and the council has offered nothing in its place.\n\n"
        "Readers will judge for themselves."
    )
    for intro, source in [
        ("The following pieces from the Heraldo Times set it out:", "Heraldo Times"),
        ("I quote two passages of a Harbor Times editorial (the first in full):", "Harbor Times"),
        # A person who brings the passage is its speaker still; no publication, no change.
        ("Ana Ruiz took the following passage from the Heraldo Times:", "Ana Ruiz"),
        ("This recent piece from a friend sets it out:", "This recent piece from a friend"),
    ]:
        [q] = segment(f"{intro}\n\n{passage}").quotations
        assert (q.mark, q.speaker) == (Mark.NONE, source), intro


def test_quotes_inside_block_quotation_have_parent() -> None:
    text = (
        "The Daily Ledger observed:\n\n"
        "The minister's promise of “jobs for all” rang hollow in the valleys this winter."
    )
    seg = segment(text)
    block, inner = seg.quotations
    assert block.mark is Mark.NONE and inner.parent == 0


def test_whole_paragraph_marked_quotation_after_colon_is_blockquote() -> None:
    text = "The inspector concluded:\n\n“The building is unsafe and must be closed at once.”"
    seg = segment(text)
    assert seg.paragraphs[1].kind is K.BLOCKQUOTE
    assert seg.quotations[0].speaker == "The inspector"
