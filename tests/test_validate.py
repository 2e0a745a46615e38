"""`validate_package` catches every kind of damage, and agrees with frictionless."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from datapkg import package as pkg
from datapkg.errors import InvalidPackageError
from datapkg.validate import frictionless_issues, validate_package


def _rewrite(package_dir: Path, resource: str, fmt: str, edit) -> None:  # type: ignore[no-untyped-def]
    """Change a resource file, then refresh its bytes/hash so only the edit is wrong."""
    path = package_dir / f"data/{resource}.{fmt}"
    table = pq.read_table(package_dir / f"data/{resource}.parquet")
    table = edit(table)
    # Damage may include nulls in required columns, which a strict Arrow schema would refuse.
    table = table.cast(pa.schema([f.with_nullable(True) for f in table.schema]))
    if fmt == "parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(table, path)
    descriptor = json.loads((package_dir / "datapackage.json").read_text())
    for r in descriptor["resources"]:
        if r["path"] == f"data/{resource}.{fmt}":
            size, digest = pkg.file_digest(path)
            r[pkg.BYTES_PROPERTY[fmt]] = size
            r["hash"] = f"sha256:{digest}"
    (package_dir / "datapackage.json").write_text(json.dumps(descriptor))


def _set(table: pa.Table, column: str, row: int, value: object) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    i = table.schema.get_field_index(column)
    field = table.schema.field(i).with_nullable(True)
    return table.set_column(i, field, pa.array(values, field.type))


def test_the_seed_package_is_valid_with_both_validators(seed_package: Path) -> None:
    report = validate_package(seed_package, frictionless_check=True)
    assert report.issues == ()
    assert report.stats["paragraphs_rows"] == report.stats["paragraphs-parquet_rows"] > 0


def test_missing_descriptor(tmp_path: Path) -> None:
    with pytest.raises(InvalidPackageError, match=r"datapackage\.json: no such file"):
        validate_package(tmp_path)


def test_changed_bytes_are_caught_for_parquet_too(seed_package: Path) -> None:
    path = seed_package / "data/quotations.parquet"
    path.write_bytes(path.read_bytes() + b"\0")
    found = {(i.code, i.file) for i in validate_package(seed_package).issues}
    assert ("bytes", "data/quotations.parquet") in found
    assert ("hash", "data/quotations.parquet") in found


def test_csv_and_parquet_must_agree(seed_package: Path) -> None:
    _rewrite(
        seed_package,
        "paragraphs",
        "csv",
        lambda t: _set(
            t, "kind", 0, "paragraph" if t["kind"][0].as_py() != "paragraph" else "heading"
        ),
    )
    assert "formats-differ" in {i.code for i in validate_package(seed_package).issues}


@pytest.mark.parametrize(
    ("column", "value", "code", "frictionless_type"),
    [
        ("kind", "aside", "enum", "constraint-error"),
        ("document_id", "no-such-document", "foreign-key", "foreign-key"),
        ("char_start", -1, "minimum", "constraint-error"),
        ("paragraph_id", None, "required", "constraint-error"),
    ],
)
def test_constraint_and_key_errors_are_found_by_both_validators(
    seed_package: Path, column: str, value: object, code: str, frictionless_type: str
) -> None:
    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "paragraphs", fmt, lambda t: _set(t, column, 3, value))
    ours = {i.code for i in validate_package(seed_package).issues}
    theirs = {i.code for i in frictionless_issues(seed_package)}
    assert code in ours
    assert f"frictionless/{frictionless_type}" in theirs


def test_duplicate_primary_key(seed_package: Path) -> None:
    def dup(t: pa.Table) -> pa.Table:
        return _set(t, "paragraph_id", 1, t["paragraph_id"][0].as_py())

    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "paragraphs", fmt, dup)
    assert {"unique", "primary-key"} <= {i.code for i in validate_package(seed_package).issues}
    assert "frictionless/primary-key" in {i.code for i in frictionless_issues(seed_package)}


def test_offsets_must_slice_back_to_the_text(seed_package: Path) -> None:
    for fmt in ("csv", "parquet"):
        _rewrite(
            seed_package,
            "quotations",
            fmt,
            lambda t: _set(t, "char_start", 0, t["char_start"][0].as_py() + 1),
        )
    issues = validate_package(seed_package).issues
    assert next(i.message for i in issues if i.code == "offset").startswith(
        "row 1: documents.text["
    )


def test_counts_must_agree(seed_package: Path) -> None:
    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "documents", fmt, lambda t: _set(t, "paragraph_count", 0, 9999))
    issues = validate_package(seed_package).issues
    assert any(i.code == "count" and "paragraph_count is 9999" in i.message for i in issues)
