"""Writers are tested by reading back what they wrote, with several readers."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path

import duckdb
import frictionless
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datapkg import resources
from datapkg.layout import FORMATS, table_files
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


# --- shards ------------------------------------------------------------------------


def _texts(n: int, seed: int) -> pa.Table:
    """`n` documents rows whose texts vary in length, so that shards end at varied rows."""
    rows = {name: values[:1] * n for name, values in ROWS.items()}
    rows["document_id"] = [f"d{k:04d}" for k in range(n)]
    rows["text"] = ["é" * ((k * 7919 + seed) % 300) for k in range(n)]
    return pa.Table.from_pydict(rows, schema=arrow_schema("documents"))


def _write_in(folder: Path, table: pa.Table, cuts: list[int], shard_bytes: int) -> Path:
    """Write `table` as batches cut at the row positions `cuts`."""
    bounds = [0, *sorted(set(cuts)), table.num_rows]
    with resources.ResourceWriter(
        folder, "documents", table.schema, shard_bytes=shard_bytes
    ) as writer:
        for start, end in itertools.pairwise(bounds):
            for batch in table.slice(start, end - start).to_batches():
                writer.write(batch)
    return folder


def _shards(folder: Path) -> list[tuple[bytes, pa.Table]]:
    """Each shard's CSV bytes and Parquet rows (Parquet row groups follow the batches, which
    the pipeline makes the same whatever the workers; the rows in each shard must not)."""
    csv = table_files(folder, "documents", "csv")
    parquet = table_files(folder, "documents", "parquet")
    assert [f.removesuffix(".csv") for f in csv] == [f.removesuffix(".parquet") for f in parquet]
    return [
        ((folder / c).read_bytes(), pq.read_table(folder / p))
        for c, p in zip(csv, parquet, strict=True)
    ]


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=120),
    cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=12),
    shard_bytes=st.integers(min_value=1, max_value=20_000),
)
def test_shard_boundaries_depend_on_the_rows_only(
    tmp_path_factory: pytest.TempPathFactory, n: int, cuts: list[int], shard_bytes: int
) -> None:
    """However the rows are batched (by workers, engines, caches), the shards are the same
    files; they hold the rows in order, and each but the last closes on the row that
    brings it to the shard size."""
    table = _texts(n, shard_bytes)
    whole = _write_in(tmp_path_factory.mktemp("whole"), table, [], shard_bytes)
    cut = [c for c in cuts if c < n]
    batched = _write_in(tmp_path_factory.mktemp("cut"), table, cut, shard_bytes)
    shards = _shards(whole)
    assert [(c, t.to_pylist()) for c, t in shards] == [
        (c, t.to_pylist()) for c, t in _shards(batched)
    ]
    parts = [t for _, t in shards]
    assert pa.concat_tables(parts).equals(table)
    for k, part in enumerate(parts):
        sizes = [int(s) for b in part.to_batches() for s in resources.row_sizes(b)]
        if k < len(parts) - 1:
            assert sum(sizes) >= shard_bytes > sum(sizes[:-1])
        else:
            assert sum(sizes[:-1]) < shard_bytes
    # Each CSV shard has its header, so that each reads on its own.
    for (csv, _), part in zip(shards, parts, strict=True):
        assert csv.startswith(b'"document_id"') or csv.startswith(b"document_id")
        assert len(pd.read_csv(io.BytesIO(csv))) == part.num_rows


def test_a_table_within_the_shard_size_keeps_its_one_file(tmp_path: Path) -> None:
    table = _texts(10, 0)
    _write_in(tmp_path, table, [3], shard_bytes=10**9)
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [
        "documents.csv",
        "documents.parquet",
    ]
    # A table that ends exactly at the size opens no empty shard after it.
    exact = int(resources.row_sizes(table.to_batches()[0]).sum())
    _write_in(tmp_path / "exact", table, [], shard_bytes=exact)
    assert table_files(tmp_path / "exact", "documents", "csv") == ["data/documents.csv"]
