"""Writers are tested by reading back what they wrote, with several readers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import frictionless
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from datapkg import resources
from datapkg.layout import FORMATS
from datapkg.schemas import arrow_schema, table_schema

ROWS = {
    "document_id": ["a", "b"],
    "path": ["a.txt", "sub/b.txt"],
    "title": ['Quotes "inside", commas', None],
    "author": ["", None],
    "publisher": [None, "Org"],
    "language": ["en", None],
    "published": [dt.date(2007, 2, 24), None],
    "source": [None, None],
    "sha256": ["0" * 64, "f" * 64],
    "bytes": [10, 20],
    "char_count": [9, 19],
    "paragraph_count": [1, 0],
    "quotation_count": [0, 0],
    "text": ["line one\nline “two”", "tab\there, \r\n kept"],
}


def write(tmp_path: Path) -> Path:
    schema = arrow_schema("documents")
    batch = pa.RecordBatch.from_pydict(ROWS, schema=schema)
    with resources.ResourceWriter(tmp_path, "documents", schema) as writer:
        writer.write(batch)
        writer.write(batch.slice(0, 0))  # empty batches are skipped
    assert writer.rows == 2
    return tmp_path


def test_parquet_reads_back_identically(tmp_path: Path) -> None:
    table = pq.read_table(write(tmp_path) / "data/documents.parquet")
    assert table.schema == arrow_schema("documents")
    assert table.to_pydict() == ROWS


def test_csv_reads_back_with_pandas_keeping_null_and_empty_apart(tmp_path: Path) -> None:
    frame = pd.read_csv(write(tmp_path) / "data/documents.csv", keep_default_na=False, na_values=[])
    assert list(frame.columns) == list(ROWS)
    assert frame["text"].tolist() == ROWS["text"]
    raw = (tmp_path / "data/documents.csv").read_text(encoding="utf-8")
    assert '"a","a.txt","Quotes ""inside"", commas","",,"en",2007-02-24,' in raw


def test_csv_reads_back_with_frictionless_using_the_table_schema(tmp_path: Path) -> None:
    write(tmp_path)
    resource = frictionless.Resource(
        path="data/documents.csv",
        basepath=str(tmp_path),
        schema=frictionless.Schema.from_descriptor(table_schema("documents")),
    )
    rows = resource.read_rows()
    assert [r["document_id"] for r in rows] == ["a", "b"]
    assert rows[0]["published"] == dt.date(2007, 2, 24)
    assert rows[1]["text"] == ROWS["text"][1]


def test_duckdb_and_polars_read_both_formats(tmp_path: Path) -> None:
    write(tmp_path)
    for fmt in FORMATS:
        path = tmp_path / f"data/documents.{fmt}"
        got = duckdb.sql(f"SELECT document_id, text FROM '{path}' ORDER BY document_id").fetchall()
        assert got == list(zip(ROWS["document_id"], ROWS["text"], strict=True))
    frame = pl.read_parquet(tmp_path / "data/documents.parquet")
    assert frame["bytes"].to_list() == [10, 20]


def test_writing_is_deterministic(tmp_path: Path) -> None:
    a = write(tmp_path / "a")
    b = write(tmp_path / "b")
    for fmt in FORMATS:
        assert (a / f"data/documents.{fmt}").read_bytes() == (
            b / f"data/documents.{fmt}"
        ).read_bytes()
