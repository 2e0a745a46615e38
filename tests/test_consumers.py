"""The seed package as its consumers open it: frictionless, pandas, DuckDB, polars, Hugging Face.

Each must read the same rows as pyarrow (`datapkg.load`), and the offsets must
slice back to the texts for each of them. R is not on this machine; its arrow
package reads the same Parquet files.
"""

from __future__ import annotations

import glob
import math
import socket
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest
from frictionless import Package

from datapkg.layout import table_files
from datapkg.load import load_all
from datapkg.pipeline import BuildResult
from datapkg.records import normalise_span_text
from datapkg.schemas import RESOURCES
from tests.conftest import ROOT

SEED = ROOT / "dist" / "iraq-war-articles-0.1.1"
ROWS = {"documents": 5, "paragraphs": 339, "quotations": 368}

Rows = list[dict[str, Any]]


@pytest.fixture(scope="module")
def reference() -> dict[str, Rows]:
    """Every table as pyarrow reads its Parquet file: the rows every consumer must match."""
    tables = {name: table.to_pylist() for name, table in load_all(SEED).items()}
    assert {name: len(rows) for name, rows in tables.items()} == ROWS
    return tables


def _file(table: str, fmt: str) -> str:
    return str(SEED / "data" / f"{table}.{fmt}")


def _assert_spans_slice_back(rows: Rows, texts: dict[str, str]) -> None:
    """Each span's text is documents.text[char_start:char_end], normalised as documented."""
    for row in rows:
        span = texts[row["document_id"]][row["char_start"] : row["char_end"]]
        assert normalise_span_text(span) == row["text"], row


def test_reference_offsets_slice_back(reference: dict[str, Rows]) -> None:
    texts = {d["document_id"]: d["text"] for d in reference["documents"]}
    _assert_spans_slice_back(reference["paragraphs"], texts)
    _assert_spans_slice_back(reference["quotations"], texts)
    # The sample is not trivial: non-ASCII text, and spans that the normalisation changes.
    assert any(not t.isascii() for t in texts.values())
    assert any(
        "\n" in texts[p["document_id"]][p["char_start"] : p["char_end"]]
        for p in reference["paragraphs"]
    )


# --- frictionless ------------------------------------------------------------------


@pytest.mark.parametrize("table", RESOURCES)
def test_frictionless_reads_the_csv_resources(reference: dict[str, Rows], table: str) -> None:
    package = Package(str(SEED / "datapackage.json"))
    rows = [row.to_dict() for row in package.get_resource(table).read_rows()]
    assert rows == reference[table]


# --- pandas ------------------------------------------------------------------------


def _pandas_rows(frame: pd.DataFrame) -> Rows:
    def plain(value: Any) -> Any:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return value.item() if hasattr(value, "item") else value

    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


@pytest.mark.parametrize("table", RESOURCES)
@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_pandas_reads_parquet_and_csv(reference: dict[str, Rows], table: str, fmt: str) -> None:
    frame = (
        pd.read_parquet(_file(table, fmt)) if fmt == "parquet" else pd.read_csv(_file(table, fmt))
    )
    assert len(frame) == ROWS[table]
    assert list(frame.columns) == list(reference[table][0])
    assert _pandas_rows(frame) == reference[table]


def test_pandas_offsets_slice_back() -> None:
    documents = pd.read_parquet(_file("documents", "parquet")).set_index("document_id")
    quotations = pd.read_csv(_file("quotations", "csv"))
    for q in quotations.sample(n=50, random_state=0).itertuples():
        span = documents.loc[q.document_id, "text"][q.char_start : q.char_end]
        assert normalise_span_text(span) == q.text


# --- DuckDB ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table in RESOURCES:
        path = _file(table, "parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    return con


def test_duckdb_counts(db: duckdb.DuckDBPyConnection) -> None:
    for table, n in ROWS.items():
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (n,)


def test_duckdb_joins_quotations_to_documents_and_paragraphs(
    db: duckdb.DuckDBPyConnection, reference: dict[str, Rows]
) -> None:
    rows = db.execute(
        """
        SELECT q.quotation_id, q.text, d.title,
               substr(d.text, q.char_start + 1, q.char_end - q.char_start) AS span,
               p.char_start <= q.char_start AND q.char_end <= p.char_end AS inside
        FROM quotations q
        JOIN documents d USING (document_id)
        JOIN paragraphs p ON p.paragraph_id = q.paragraph_id AND p.document_id = q.document_id
        ORDER BY q.document_id, q.position
        """
    ).fetchall()
    assert len(rows) == ROWS["quotations"]  # every foreign key resolves
    assert [r[0] for r in rows] == [q["quotation_id"] for q in reference["quotations"]]
    titles = {d["document_id"]: d["title"] for d in reference["documents"]}
    for (quotation_id, text, title, span, inside), q in zip(
        rows, reference["quotations"], strict=True
    ):
        # DuckDB's substr counts code points, as the offsets do.
        assert normalise_span_text(span) == text == q["text"], quotation_id
        assert title == titles[q["document_id"]]
        assert inside, quotation_id


def test_duckdb_groups_agree_with_document_counts(db: duckdb.DuckDBPyConnection) -> None:
    mismatches = db.execute(
        """
        SELECT d.document_id
        FROM documents d
        LEFT JOIN (SELECT document_id, count(*) AS n FROM paragraphs GROUP BY ALL) p
          USING (document_id)
        LEFT JOIN (SELECT document_id, count(*) AS n FROM quotations GROUP BY ALL) q
          USING (document_id)
        WHERE coalesce(p.n, 0) <> d.paragraph_count OR coalesce(q.n, 0) <> d.quotation_count
        """
    ).fetchall()
    assert mismatches == []


# --- polars ------------------------------------------------------------------------


@pytest.mark.parametrize("table", RESOURCES)
def test_polars_reads_parquet_and_csv(reference: dict[str, Rows], table: str) -> None:
    parquet = pl.read_parquet(_file(table, "parquet"))
    csv = pl.read_csv(_file(table, "csv"))
    assert parquet.height == csv.height == ROWS[table]
    assert parquet.to_dicts() == reference[table]
    assert csv.to_dicts() == reference[table]


def test_polars_lazy_join() -> None:
    quotations = pl.scan_parquet(_file("quotations", "parquet"))
    documents = pl.scan_parquet(_file("documents", "parquet")).select("document_id", "text")
    joined = (
        quotations.join(documents, on="document_id", how="inner", suffix="_document")
        .select("text", "text_document", "char_start", "char_end")
        .collect()
    )
    assert joined.height == ROWS["quotations"]
    for row in joined.iter_rows(named=True):
        span = row["text_document"][row["char_start"] : row["char_end"]]
        assert normalise_span_text(span) == row["text"]


# --- Hugging Face datasets ---------------------------------------------------------


@pytest.fixture
def hf_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No network for Hugging Face, and every cache in a temporary folder."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"Hugging Face tried to connect to {args[1:]}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    for name in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE"):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    import datasets.config
    import huggingface_hub.constants

    # The flags are read at import time; another test may have imported them first.
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    return tmp_path / "hf-cache"


@pytest.mark.parametrize("table", RESOURCES)
def test_hugging_face_datasets_loads_the_parquet_files(
    hf_offline: Path, reference: dict[str, Rows], table: str
) -> None:
    import datasets

    loaded = datasets.load_dataset(
        "parquet",
        data_files={"train": _file(table, "parquet")},
        cache_dir=str(hf_offline),
    )
    train = loaded["train"]
    assert train.num_rows == ROWS[table]
    assert train.column_names == list(reference[table][0])
    assert train.to_list() == reference[table]


# --- a package whose tables are in shards --------------------------------------------


@pytest.fixture(scope="module")
def sharded(sharded_build: BuildResult) -> Path:
    package = sharded_build.package_dir
    for table in RESOURCES:
        assert len(table_files(package, table, "parquet")) > 1, table
    return package


@pytest.fixture(scope="module")
def unsharded(seed_build: BuildResult) -> dict[str, Rows]:
    """The same sources built into one file per table: the rows the shards must give."""
    return {name: table.to_pylist() for name, table in load_all(seed_build.package_dir).items()}


def _shard_glob(package: Path, table: str, fmt: str) -> str:
    return str(package / "data" / f"{table}-*.{fmt}")


@pytest.mark.parametrize("table", RESOURCES)
def test_datapkg_load_reads_every_shard(
    sharded: Path, unsharded: dict[str, Rows], table: str
) -> None:
    for fmt in ("parquet", "csv"):
        assert load_all(sharded, format=fmt)[table].to_pylist() == unsharded[table]


@pytest.mark.parametrize("table", RESOURCES)
def test_frictionless_reads_a_csv_resource_in_shards_as_one(
    sharded: Path, unsharded: dict[str, Rows], table: str
) -> None:
    resource = Package(str(sharded / "datapackage.json")).get_resource(table)
    assert resource.multipart
    assert [row.to_dict() for row in resource.read_rows()] == unsharded[table]


def test_frictionless_validates_the_csv_resources_in_shards(sharded: Path) -> None:
    """frictionless checks the CSV shards as one resource, with the size and hash the
    descriptor gives them (it reads a Parquet resource's first file only)."""
    package = Package(str(sharded / "datapackage.json"))
    for table in RESOURCES:
        package.remove_resource(f"{table}-parquet")
    report = package.validate()
    assert report.valid, report.flatten(["type", "message"])


@pytest.mark.parametrize("table", RESOURCES)
def test_pandas_polars_and_duckdb_read_the_shards(
    sharded: Path, unsharded: dict[str, Rows], table: str
) -> None:
    parquet = sorted(glob.glob(_shard_glob(sharded, table, "parquet")))
    csv = sorted(glob.glob(_shard_glob(sharded, table, "csv")))
    assert _pandas_rows(pd.read_parquet(parquet)) == unsharded[table]
    frame = pd.concat([pd.read_csv(f) for f in csv], ignore_index=True)
    assert _pandas_rows(frame) == unsharded[table]
    assert pl.read_parquet(_shard_glob(sharded, table, "parquet")).to_dicts() == unsharded[table]
    assert pl.read_csv(csv).to_dicts() == unsharded[table]
    pattern = _shard_glob(sharded, table, "parquet").replace("'", "''")
    rows = duckdb.sql(f"SELECT count(*) FROM '{pattern}'").fetchall()
    assert rows == [(ROWS[table],)]


@pytest.mark.parametrize("table", RESOURCES)
def test_hugging_face_datasets_loads_the_sharded_folder_by_its_card(
    hf_offline: Path, sharded: Path, unsharded: dict[str, Rows], table: str
) -> None:
    """The card's configurations list every shard: `load_dataset` on the folder gets all rows."""
    import datasets

    loaded = datasets.load_dataset(str(sharded), table, split="train", cache_dir=str(hf_offline))
    assert loaded.to_list() == unsharded[table]
