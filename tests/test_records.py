"""Rows: ids from positions, foreign keys, quotation groups, and Arrow batches."""

from __future__ import annotations

import pyarrow as pa

from datapkg import records
from datapkg.layout import normalise_span_text
from datapkg.models import (
    DocumentEntry,
    Mark,
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
)
from datapkg.schemas import RESOURCES, field_names

TEXT = "Title\n\n“One. ‘Two’\n\n“Three.”\nEnd"
ENTRY = DocumentEntry(id="doc", path="doc.txt", sha256="0" * 64, language="en")
SEG = Segmentation(
    paragraphs=(
        ParagraphSpan(kind=ParagraphKind.HEADING, char_start=0, char_end=5),
        ParagraphSpan(kind=ParagraphKind.PARAGRAPH, char_start=7, char_end=18),
        ParagraphSpan(kind=ParagraphKind.PARAGRAPH, char_start=20, char_end=32),
    ),
    quotations=(
        QuotationSpan(
            paragraph=1,
            kind=QuotationKind.DIRECT,
            mark=Mark.DOUBLE,
            char_start=8,
            char_end=18,
            speaker="X",
        ),
        QuotationSpan(
            paragraph=1,
            kind=QuotationKind.SCARE,
            mark=Mark.SINGLE,
            char_start=14,
            char_end=17,
            parent=0,
        ),
        QuotationSpan(
            paragraph=2,
            kind=QuotationKind.DIRECT,
            mark=Mark.DOUBLE,
            char_start=21,
            char_end=27,
            first_piece=0,
        ),
    ),
)


def test_rows_carry_every_schema_field_and_no_other() -> None:
    rows = records.document_rows(ENTRY, 40, TEXT, SEG)
    for resource in RESOURCES:
        for row in rows[resource]:
            assert list(row) == field_names(resource)


def test_ids_positions_and_keys() -> None:
    rows = records.document_rows(ENTRY, 40, TEXT, SEG)
    assert [p["paragraph_id"] for p in rows["paragraphs"]] == [
        "doc-p0000",
        "doc-p0001",
        "doc-p0002",
    ]
    q = rows["quotations"]
    assert [r["quotation_id"] for r in q] == ["doc-q0000", "doc-q0001", "doc-q0002"]
    assert [r["paragraph_id"] for r in q] == ["doc-p0001", "doc-p0001", "doc-p0002"]
    assert [r["parent_quotation_id"] for r in q] == [None, "doc-q0000", None]
    assert [r["group_id"] for r in q] == ["doc-q0000", "doc-q0001", "doc-q0000"]
    assert [r["piece"] for r in q] == [0, 0, 1]
    [doc] = rows["documents"]
    assert (doc["paragraph_count"], doc["quotation_count"], doc["char_count"]) == (3, 3, len(TEXT))


def test_span_text_is_the_slice_with_line_breaks_folded() -> None:
    assert normalise_span_text("a\n\n  b c\n d") == "a b c d"
    assert normalise_span_text("no  break") == "no  break"
    rows = records.document_rows(ENTRY, 40, TEXT, SEG)
    assert rows["quotations"][1]["text"] == "Two"


def test_batches_follow_the_arrow_schema_and_flush_when_full(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(records, "BATCH_ROWS", 2)
    builder = records.BatchBuilder("paragraphs")
    rows = records.document_rows(ENTRY, 40, TEXT, SEG)["paragraphs"]
    full = list(builder.add(rows[:1])) + list(builder.add(rows[1:]))
    assert [b.num_rows for b in full] == [3]
    assert builder.pending == 0
    assert full[0].schema == builder.schema
    tail = builder.flush()
    assert isinstance(tail, pa.RecordBatch) and tail.num_rows == 0
