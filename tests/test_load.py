"""`datapkg.load`: a built package's tables as pyarrow Tables, and clear errors when it cannot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datapkg.errors import DatapkgError, InvalidPackageError
from datapkg.load import load, load_all
from datapkg.schemas import RESOURCES, arrow_schema_of
from tests.conftest import ROOT

SEED = ROOT / "dist" / "iraq-war-articles-0.1.1"
ROWS = {"documents": 5, "paragraphs": 339, "quotations": 368}


def own_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table as the published package describes it (its version's
    columns, which later versions may extend)."""
    descriptor = json.loads((SEED / "datapackage.json").read_text(encoding="utf-8"))
    [schema] = [r["schema"] for r in descriptor["resources"] if r["name"] == table]
    return arrow_schema_of(schema)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A private copy of the seed package, free to break."""
    copy = tmp_path / SEED.name
    shutil.copytree(SEED, copy)
    return copy


def test_load_defaults_to_the_parquet_quotations() -> None:
    table = load(SEED)
    assert table.equals(pq.read_table(SEED / "data" / "quotations.parquet"))
    assert table.num_rows == ROWS["quotations"]


def test_load_accepts_the_folder_or_its_descriptor_as_str_or_path() -> None:
    expected = load(SEED, "documents")
    for package in (str(SEED), SEED / "datapackage.json", str(SEED / "datapackage.json")):
        assert load(package, "documents").equals(expected)


@pytest.mark.parametrize("table", RESOURCES)
def test_csv_and_parquet_give_the_same_table(table: str) -> None:
    parquet = load(SEED, table)
    csv = load(SEED, table, format="csv")
    assert parquet.schema == csv.schema == own_schema(table)
    assert csv.equals(parquet)
    assert csv.num_rows == ROWS[table]


def test_a_full_resource_name_is_accepted_too() -> None:
    assert load(SEED, "paragraphs-parquet").equals(load(SEED, "paragraphs"))


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_load_all_gives_every_table_by_name(fmt: str) -> None:
    tables = load_all(SEED, format=fmt)
    assert list(tables) == list(RESOURCES)
    assert {name: t.num_rows for name, t in tables.items()} == ROWS
    for name, table in tables.items():
        assert table.schema == own_schema(name)


# --- errors ----------------------------------------------------------------------


def test_an_unknown_table_names_the_ones_there_are() -> None:
    with pytest.raises(InvalidPackageError) as raised:
        load(SEED, "quotes")
    message = str(raised.value)
    assert "'quotes'" in message and "datapackage.json" in message
    assert "documents, paragraphs, quotations" in message
    assert isinstance(raised.value, DatapkgError)


def test_an_unknown_format_is_a_missing_table() -> None:
    with pytest.raises(InvalidPackageError, match="no json table 'quotations'"):
        load(SEED, format="json")
    with pytest.raises(InvalidPackageError, match="no json tables"):
        load_all(SEED, format="json")


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidPackageError, match="no such folder"):
        load(tmp_path / "nope")


def test_a_folder_without_a_descriptor(tmp_path: Path) -> None:
    with pytest.raises(InvalidPackageError, match=r"datapackage\.json: no such file"):
        load(tmp_path)


def test_a_file_that_is_not_a_descriptor() -> None:
    with pytest.raises(InvalidPackageError, match="not a package"):
        load(SEED / "README.md")


def test_an_unreadable_descriptor(package: Path) -> None:
    (package / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidPackageError, match="not valid JSON"):
        load(package)


def test_a_missing_data_file(package: Path) -> None:
    (package / "data" / "quotations.parquet").unlink()
    with pytest.raises(InvalidPackageError, match=r"quotations\.parquet: no such file"):
        load(package)
    assert load(package, format="csv").num_rows == ROWS["quotations"]


def test_a_corrupt_data_file(package: Path) -> None:
    (package / "data" / "documents.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(InvalidPackageError, match="cannot be read as resource 'documents-parquet'"):
        load_all(package)


def test_a_path_outside_the_package_is_refused(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor["resources"][0]["path"] = "../outside.csv"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(
        InvalidPackageError,
        match=r"resource 'documents': its path '\.\./outside\.csv' has a '\.\.'",
    ):
        load(package, "documents", format="csv")
