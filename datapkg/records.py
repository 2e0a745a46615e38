"""Turn one document and its segmentation into rows, and rows into Arrow record batches.

Ids are derived from the document id and the position, so rebuilding
unchanged input gives the same ids. Rows collect in plain column lists and
leave as an Arrow record batch whenever a batch is full, so memory stays flat
however many documents pass through.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from datapkg.layout import normalise_span_text
from datapkg.models import DocumentEntry, Segmentation
from datapkg.schemas import arrow_schema, field_names

#: Rows per record batch, and the text bytes after which a batch leaves early
#: (a few very long documents must not pile up in memory).
BATCH_ROWS = 10_000
BATCH_TEXT_BYTES = 8 * 1024 * 1024


def paragraph_id(document_id: str, position: int) -> str:
    return f"{document_id}-p{position:04d}"


def quotation_id(document_id: str, position: int) -> str:
    return f"{document_id}-q{position:04d}"


def document_rows(
    entry: DocumentEntry, data_bytes: int, text: str, seg: Segmentation
) -> dict[str, list[dict[str, Any]]]:
    """The rows of all three resources for one document."""
    doc_id = entry.id
    paragraphs = [
        {
            "paragraph_id": paragraph_id(doc_id, i),
            "document_id": doc_id,
            "position": i,
            "kind": p.kind.value,
            "text": normalise_span_text(text[p.char_start : p.char_end]),
            "char_start": p.char_start,
            "char_end": p.char_end,
        }
        for i, p in enumerate(seg.paragraphs)
    ]
    quotations = []
    pieces: dict[int, int] = {}  # index of a group's first piece -> pieces seen so far
    for i, q in enumerate(seg.quotations):
        first = i if q.first_piece is None else q.first_piece
        piece = pieces.get(first, 0)
        pieces[first] = piece + 1
        quotations.append(
            {
                "quotation_id": quotation_id(doc_id, i),
                "document_id": doc_id,
                "paragraph_id": paragraph_id(doc_id, q.paragraph),
                "position": i,
                "kind": q.kind.value,
                "mark": q.mark.value,
                "text": normalise_span_text(text[q.char_start : q.char_end]),
                "char_start": q.char_start,
                "char_end": q.char_end,
                "speaker": q.speaker,
                "cue": q.cue,
                "parent_quotation_id": None if q.parent is None else quotation_id(doc_id, q.parent),
                "group_id": quotation_id(doc_id, first),
                "piece": piece,
                "speaker_char_start": q.speaker_char_start,
                "speaker_char_end": q.speaker_char_end,
                "cue_char_start": q.cue_char_start,
                "cue_char_end": q.cue_char_end,
            }
        )
    document = {
        "document_id": doc_id,
        "path": entry.path,
        "title": entry.title,
        "author": entry.author,
        "publisher": entry.publisher,
        "language": entry.language,
        "published": entry.published,
        "source": entry.source,
        "sha256": entry.sha256,
        "bytes": data_bytes,
        "char_count": len(text),
        "paragraph_count": len(paragraphs),
        "quotation_count": len(quotations),
        "text": text,
    }
    return {"documents": [document], "paragraphs": paragraphs, "quotations": quotations}


def document_batches(
    entry: DocumentEntry, data_bytes: int, text: str, seg: Segmentation
) -> dict[str, pa.RecordBatch]:
    """One document's rows as an Arrow record batch per resource: what a worker process
    hands back, so that rows are built where the document is segmented."""
    rows = document_rows(entry, data_bytes, text, seg)
    return {
        resource: pa.RecordBatch.from_pylist(rows[resource], schema=arrow_schema(resource))
        for resource in rows
    }


class BatchBuilder:
    """Collects one resource's rows, document by document, and hands out full Arrow record
    batches. Batches close at document boundaries, after `BATCH_ROWS` rows or
    `BATCH_TEXT_BYTES` of text, so the batches (and the Parquet row groups made from them)
    are the same however many processes built the documents."""

    def __init__(self, resource: str) -> None:
        self.resource = resource
        self.schema = arrow_schema(resource)
        self._names = field_names(resource)
        self._batches: list[pa.RecordBatch] = []
        self._rows = 0
        self._text_bytes = 0

    def add(self, rows: list[dict[str, Any]]) -> Iterator[pa.RecordBatch]:
        """Append one document's rows; yield a batch when one is full."""
        return self.add_batch(pa.RecordBatch.from_pylist(rows, schema=self.schema))

    def add_batch(self, batch: pa.RecordBatch) -> Iterator[pa.RecordBatch]:
        """Append one document's rows, as a record batch; yield a batch when one is full."""
        if batch.num_rows:
            self._batches.append(batch)
            self._rows += batch.num_rows
            self._text_bytes += pc.sum(pc.utf8_length(batch.column("text"))).as_py() or 0
        if self._rows >= BATCH_ROWS or self._text_bytes >= BATCH_TEXT_BYTES:
            yield self.flush()

    def flush(self) -> pa.RecordBatch:
        """The rows collected so far, as one batch (possibly empty); the builder starts afresh."""
        batch = (
            pa.concat_batches(self._batches)
            if self._batches
            else pa.RecordBatch.from_pylist([], schema=self.schema)
        )
        self._batches = []
        self._rows = self._text_bytes = 0
        return batch

    @property
    def pending(self) -> int:
        return self._rows
