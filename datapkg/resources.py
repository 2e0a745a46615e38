"""Write each resource as CSV and Parquet from the same Arrow record batches.

Writer settings are fixed (compression, row-group size, statistics), so the
same input and the same library versions give byte-identical files. Files are
written into whatever folder the caller gives; `pipeline` makes that a
temporary folder and moves it into place only when everything succeeded.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from datapkg.layout import data_path

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

# RFC 4180 CSV: comma, double quote, header row, LF line ends (the Table
# Schema defaults, so the descriptor needs no dialect). Strings are always
# quoted, so an empty string and a null (unquoted empty) stay distinct.
CSV_OPTIONS = pacsv.WriteOptions(include_header=True, delimiter=",", quoting_style="needed")


class ResourceWriter:
    """Streams record batches of one resource into its CSV and Parquet files."""

    def __init__(self, package_dir: Path, resource: str, schema: pa.Schema) -> None:
        (package_dir / "data").mkdir(parents=True, exist_ok=True)
        self.resource = resource
        self.rows = 0
        # Files opened by Python, not by name in Arrow: a folder name that is not valid
        # UTF-8 works as it does for every other file the package holds.
        self._files = [
            (package_dir / data_path(resource, fmt)).open("wb") for fmt in ("csv", "parquet")
        ]
        self._csv = pacsv.CSVWriter(self._files[0], schema, write_options=CSV_OPTIONS)
        self._parquet = pq.ParquetWriter(self._files[1], schema, **PARQUET_OPTIONS)

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.num_rows:
            self._csv.write_batch(batch)
            self._parquet.write_batch(batch, row_group_size=ROW_GROUP_ROWS)
            self.rows += batch.num_rows

    def close(self) -> None:
        self._csv.close()
        self._parquet.close()
        for f in self._files:
            f.close()

    def __enter__(self) -> ResourceWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
