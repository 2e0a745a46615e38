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


def document_columns(
    entry: DocumentEntry, data_bytes: int, text: str, seg: Segmentation
) -> dict[str, dict[str, list[Any]]]:
    """The columns of all three resources for one document, each a list of values in the
    schema's order: built as columns, as Arrow takes them, not row by row."""
    doc_id = entry.id
    paras, quotes = seg.paragraphs, seg.quotations
    paragraphs: dict[str, list[Any]] = {
        "paragraph_id": [paragraph_id(doc_id, i) for i in range(len(paras))],
        "document_id": [doc_id] * len(paras),
        "position": list(range(len(paras))),
        "kind": [p.kind.value for p in paras],
        "text": [normalise_span_text(text[p.char_start : p.char_end]) for p in paras],
        "char_start": [p.char_start for p in paras],
        "char_end": [p.char_end for p in paras],
    }
    firsts = [i if q.first_piece is None else q.first_piece for i, q in enumerate(quotes)]
    pieces: dict[int, int] = {}  # index of a group's first piece -> pieces seen so far
    piece = []
    for first in firsts:
        piece.append(pieces.get(first, 0))
        pieces[first] = piece[-1] + 1
    quotations: dict[str, list[Any]] = {
        "quotation_id": [quotation_id(doc_id, i) for i in range(len(quotes))],
        "document_id": [doc_id] * len(quotes),
        "paragraph_id": [paragraph_id(doc_id, q.paragraph) for q in quotes],
        "position": list(range(len(quotes))),
        "kind": [q.kind.value for q in quotes],
        "mark": [q.mark.value for q in quotes],
        "text": [normalise_span_text(text[q.char_start : q.char_end]) for q in quotes],
        "char_start": [q.char_start for q in quotes],
        "char_end": [q.char_end for q in quotes],
        "speaker": [q.speaker for q in quotes],
        "cue": [q.cue for q in quotes],
        "parent_quotation_id": [
            None if q.parent is None else quotation_id(doc_id, q.parent) for q in quotes
        ],
        "group_id": [quotation_id(doc_id, first) for first in firsts],
        "piece": piece,
        "speaker_char_start": [q.speaker_char_start for q in quotes],
        "speaker_char_end": [q.speaker_char_end for q in quotes],
        "cue_char_start": [q.cue_char_start for q in quotes],
        "cue_char_end": [q.cue_char_end for q in quotes],
    }
    document: dict[str, list[Any]] = {
        "document_id": [doc_id],
        "path": [entry.path],
        "title": [entry.title],
        "author": [entry.author],
        "publisher": [entry.publisher],
        "language": [entry.language],
        "published": [entry.published],
        "source": [entry.source],
        "sha256": [entry.sha256],
        "bytes": [data_bytes],
        "char_count": [len(text)],
        "paragraph_count": [len(paras)],
        "quotation_count": [len(quotes)],
        "text": [text],
    }
    return {"documents": document, "paragraphs": paragraphs, "quotations": quotations}


def document_rows(
    entry: DocumentEntry, data_bytes: int, text: str, seg: Segmentation
) -> dict[str, list[dict[str, Any]]]:
    """The same, row by row: a dict per row, its keys in the schema's order."""
    return {
        resource: [
            dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)
        ]
        for resource, columns in document_columns(entry, data_bytes, text, seg).items()
    }


def document_batches(
    entry: DocumentEntry, data_bytes: int, text: str, seg: Segmentation
) -> dict[str, pa.RecordBatch]:
    """One document's rows as an Arrow record batch per resource: what a worker process
    hands back, so that rows are built where the document is segmented."""
    columns = document_columns(entry, data_bytes, text, seg)
    return {
        resource: pa.RecordBatch.from_pydict(columns[resource], schema=arrow_schema(resource))
        for resource in columns
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
