"""Write each resource as CSV and Parquet from the same Arrow record batches.

Writer settings are fixed (compression, row-group size, statistics), so the
same input and the same library versions give byte-identical files. Files are
written into whatever folder the caller gives; `pipeline` makes that a
temporary folder and moves it into place only when everything succeeded.

A table larger than the shard size is split into shards, `data/<table>-00001.csv`,
`data/<table>-00002.csv`, ... (and the same rows in `.parquet`), so that no file grows
past what hosts and tools take in one piece. Where a shard ends depends on the rows
alone, never on how they were batched, so any number of workers and any engine give
the same shards.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from datapkg.layout import FORMATS, data_path, shard_path

# Parquet settings every consumer reads (pyarrow, DuckDB, polars, R arrow,
# Spark, Hugging Face datasets) and that keep files deterministic.
PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "write_statistics": True,
    "use_dictionary": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "store_schema": True,
}
ROW_GROUP_ROWS = 100_000

#: A table's shard closes after the row that brings it to this size (see `row_sizes`):
#: files of a few hundred megabytes stay under the limits of hosts (a Hugging Face or
#: Zenodo upload, a Git LFS object) and open in one piece in pandas.
SHARD_BYTES = 256 * 1024 * 1024

# RFC 4180 CSV: comma, double quote, header row, LF line ends (the Table
# Schema defaults, so the descriptor needs no dialect). Strings are always
# quoted, so an empty string and a null (unquoted empty) stay distinct.
CSV_OPTIONS = pacsv.WriteOptions(include_header=True, delimiter=",", quoting_style="needed")


def row_sizes(batch: pa.RecordBatch) -> np.ndarray:
    """The size each row counts for toward its shard: the UTF-8 bytes of its strings, 8
    for any other value, and 1 for its line end. About its CSV size; what matters is that
    it depends on the row's values only."""
    sizes = np.ones(batch.num_rows, dtype=np.int64)
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            sizes += pc.fill_null(pc.binary_length(column), 0).to_numpy(zero_copy_only=False)
        else:
            sizes += 8
    return sizes


class ResourceWriter:
    """Streams record batches of one table into its CSV and Parquet files, shard by shard
    past `shard_bytes`."""

    def __init__(
        self,
        package_dir: Path,
        resource: str,
        schema: pa.Schema,
        shard_bytes: int = SHARD_BYTES,
    ) -> None:
        (package_dir / "data").mkdir(parents=True, exist_ok=True)
        self.resource = resource
        self.rows = 0
        self._dir = package_dir
        self._schema = schema
        self._limit = shard_bytes
        self._shards = 0  # shards opened so far
        self._size = 0  # the open shard's size so far
        self._full = False  # the open shard reached the limit: the next row opens another
        self._files: list[BinaryIO] = []
        self._open(data_path(resource, "csv"), data_path(resource, "parquet"))

    def _open(self, csv_path: str, parquet_path: str) -> None:
        # Files opened by Python, not by name in Arrow: a folder name that is not valid
        # UTF-8 works as it does for every other file the package holds.
        self._shards += 1
        self._size = 0
        self._full = False
        self._files = [(self._dir / p).open("wb") for p in (csv_path, parquet_path)]
        self._csv = pacsv.CSVWriter(self._files[0], self._schema, write_options=CSV_OPTIONS)
        self._parquet = pq.ParquetWriter(self._files[1], self._schema, **PARQUET_OPTIONS)

    def _close_shard(self) -> None:
        self._csv.close()
        self._parquet.close()
        for f in self._files:
            f.close()
        self._files = []

    def _next_shard(self) -> None:
        self._close_shard()
        if self._shards == 1:  # the table did not fit one file: the first part is a shard too
            for fmt in FORMATS:
                os.replace(
                    self._dir / data_path(self.resource, fmt),
                    self._dir / shard_path(self.resource, fmt, 1),
                )
        number = self._shards + 1
        self._open(*(shard_path(self.resource, fmt, number) for fmt in FORMATS))

    def write(self, batch: pa.RecordBatch) -> None:
        if not batch.num_rows:
            return
        sizes = row_sizes(batch)
        start = 0
        while start < batch.num_rows:
            if self._full:
                self._next_shard()
            reached = np.cumsum(sizes[start:]) + self._size >= self._limit
            end = start + int(np.argmax(reached)) + 1 if reached.any() else batch.num_rows
            self._write(batch.slice(start, end - start))
            self._size += int(sizes[start:end].sum())
            self._full = bool(reached.any())
            start = end

    def _write(self, batch: pa.RecordBatch) -> None:
        self._csv.write_batch(batch)
        self._parquet.write_batch(batch, row_group_size=ROW_GROUP_ROWS)
        self.rows += batch.num_rows

    def close(self) -> None:
        if self._files:
            self._close_shard()

    def __enter__(self) -> ResourceWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
