"""`validate_package` catches every kind of damage, and agrees with frictionless."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from datapkg import descriptor as pkg
from datapkg import reader, validate
from datapkg.errors import InvalidPackageError
from datapkg.layout import BYTES_PROPERTY
from datapkg.models import Severity
from datapkg.pipeline import BuildResult
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
            r[BYTES_PROPERTY[fmt]] = size
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


def _edit_descriptor(package_dir: Path, edit) -> None:  # type: ignore[no-untyped-def]
    path = package_dir / "datapackage.json"
    descriptor = json.loads(path.read_text())
    edit(descriptor)
    path.write_text(json.dumps(descriptor))


def test_a_licence_with_only_a_title_breaks_the_v2_profile(seed_package: Path) -> None:
    _edit_descriptor(seed_package, lambda d: d.__setitem__("licenses", [{"title": "CC0"}]))
    [issue] = validate_package(seed_package).issues
    assert (issue.code, issue.severity, issue.file) == ("profile", "error", "datapackage.json")
    assert issue.message.startswith("$.licenses[0]: needs `name` or `path`")
    assert "profiles/2.0" in issue.message


def test_every_profile_error_is_named_by_its_json_path(seed_package: Path) -> None:
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["contributors"] = [{"title": "A", "email": "not an address"}]
        d["resources"][1]["path"] = "/etc/passwd"  # also refused before anything is opened

    _edit_descriptor(seed_package, edit)
    report = validate_package(seed_package)
    profile = [i.message.split(":")[0] for i in report.issues if i.code == "profile"]
    assert profile == ["$.contributors[0].email", "$.resources[1].path"]


def test_a_descriptor_without_schema_is_checked_as_v1(seed_package: Path) -> None:
    _edit_descriptor(seed_package, lambda d: d.pop("$schema"))
    issues = [i for i in validate_package(seed_package).issues if i.code == "profile"]
    # v1 wants `resource: ""` on a foreign key to the same table; v2 leaves it out.
    assert issues and all("Data Package v1" in i.message for i in issues)
    assert all("foreignKeys" in i.message for i in issues)


def test_a_profile_datapkg_does_not_have_is_never_fetched(seed_package: Path) -> None:
    url = "http://127.0.0.1:9/profile.json"  # nothing listens: a fetch would fail loudly
    _edit_descriptor(seed_package, lambda d: d.__setitem__("$schema", url))
    [issue] = [i for i in validate_package(seed_package).issues if i.code == "profile"]
    assert issue.severity == "warning" and url in issue.message


def test_every_published_seed_version_meets_its_profile() -> None:
    dist = Path(__file__).resolve().parent.parent / "dist"
    for descriptor_path in sorted(dist.glob("*/datapackage.json")):
        descriptor = json.loads(descriptor_path.read_text())
        assert validate.profile_issues(descriptor) == [], descriptor_path.parent.name


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


@pytest.mark.parametrize("role", ["speaker", "cue"])
def test_speaker_and_cue_offsets_must_slice_back_to_their_words(
    seed_package: Path, role: str
) -> None:
    table = pq.read_table(seed_package / "data" / "quotations.parquet")
    row = next(i for i, v in enumerate(table[f"{role}_char_start"].to_pylist()) if v is not None)
    for fmt in ("csv", "parquet"):
        _rewrite(
            seed_package,
            "quotations",
            fmt,
            lambda t: _set(t, f"{role}_char_start", row, t[f"{role}_char_start"][row].as_py() + 1),
        )
    issues = [i for i in validate_package(seed_package).issues if i.code == "offset"]
    assert issues and issues[0].message.startswith(f"row {row + 1}: documents.text[")


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


def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a few rows and CSV blocks shorter than a document's row."""
    monkeypatch.setattr(reader, "BATCH_ROWS", 7)
    monkeypatch.setattr(reader, "BATCH_BYTES", 4096)
    monkeypatch.setattr(reader, "CSV_BLOCK_BYTES", 2048)


def test_tiny_batches_raise_no_false_alarm(
    seed_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_batches(monkeypatch)
    report = validate_package(seed_package)
    assert report.issues == ()
    assert report.stats["paragraphs_rows"] == report.stats["paragraphs-parquet_rows"] > 100


def test_row_numbers_run_on_across_batches(
    seed_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_batches(monkeypatch)
    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "paragraphs", fmt, lambda t: _set(t, "kind", 100, "aside"))
        _rewrite(
            seed_package,
            "quotations",
            fmt,
            lambda t: _set(t, "text", 200, t["text"][200].as_py() + "!"),
        )
    issues = validate_package(seed_package).issues
    for fmt in ("csv", "parquet"):
        assert any(
            i.code == "enum"
            and i.file == f"data/paragraphs.{fmt}"
            and i.message.startswith("row 101, column 'kind': 'aside' is not one of")
            for i in issues
        )
    offsets = [i for i in issues if i.code == "offset"]
    assert len(offsets) == 1
    assert offsets[0].file == "data/quotations.csv"
    assert offsets[0].message.startswith("row 201: documents.text[")


def test_rows_out_of_document_order_are_still_checked(
    seed_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_batches(monkeypatch)
    monkeypatch.setattr(validate, "DEFERRED_BYTES", 4000)  # several sweeps of the documents

    def shuffle(t: pa.Table) -> pa.Table:
        return t.take(random.Random(7).sample(range(t.num_rows), t.num_rows))

    for resource in ("paragraphs", "quotations"):
        for fmt in ("csv", "parquet"):
            _rewrite(seed_package, resource, fmt, shuffle)
    assert validate_package(seed_package).issues == ()

    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "paragraphs", fmt, lambda t: _set(t, "text", 4, "Not the text."))
    issues = validate_package(seed_package).issues
    assert [(i.code, i.file, i.message.split(":")[0]) for i in issues] == [
        ("offset", "data/paragraphs.csv", "row 5")
    ]


def test_twins_that_part_in_a_late_batch_are_caught(
    seed_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_batches(monkeypatch)

    def change_last_kind(t: pa.Table) -> pa.Table:
        last = t.num_rows - 1
        return _set(t, "kind", last, "scare" if t["kind"][last].as_py() != "scare" else "direct")

    _rewrite(seed_package, "quotations", "parquet", change_last_kind)
    issues = validate_package(seed_package).issues
    # Only this: keys shared while the twins agreed must not be counted twice once they part.
    assert [(i.code, i.file) for i in issues] == [("formats-differ", "data/quotations.parquet")]


def test_a_file_that_breaks_late_is_unreadable_not_a_crash(
    seed_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_batches(monkeypatch)

    def break_late(t: pa.Table) -> pa.Table:
        values = [str(v) for v in t["char_start"].to_pylist()]
        values[-3] = "three"
        i = t.schema.get_field_index("char_start")
        return t.set_column(i, "char_start", pa.array(values))

    _rewrite(seed_package, "paragraphs", "csv", break_late)
    report = validate_package(seed_package)
    assert ("unreadable", "data/paragraphs.csv") in {(i.code, i.file) for i in report.issues}
    assert "paragraphs_rows" not in report.stats
    assert report.stats["paragraphs-parquet_rows"] > 0
    assert "formats-differ" not in {i.code for i in report.issues}


def _edit_resource(index: int, key: str, value: object) -> object:
    return lambda d: d["resources"][index].__setitem__(key, value)


def _edit_schema(index: int, key: str, value: object) -> object:
    return lambda d: d["resources"][index]["schema"].__setitem__(key, value)


def _edit_fk(index: int, key: str, value: object) -> object:
    return lambda d: d["resources"][index]["schema"]["foreignKeys"][0].__setitem__(key, value)


def _edit_constraints(index: int, field: int, value: object) -> object:
    return lambda d: d["resources"][index]["schema"]["fields"][field].__setitem__(
        "constraints", value
    )


MALFORMED = {
    "a resource that is a number": lambda d: d["resources"].append(5),
    "a size that is text": _edit_resource(0, "bytes", "12"),
    "a size that is a list": _edit_resource(0, "bytes", [1]),
    "a hash that is an object": _edit_resource(0, "hash", {"x": 1}),
    "a dialect by path": _edit_resource(0, "dialect", "dialect.json"),
    "a format that is a list": _edit_resource(0, "format", ["csv"]),
    "a primary key of lists": _edit_schema(0, "primaryKey", [["document_id"]]),
    "a primary key of an unknown field": _edit_schema(0, "primaryKey", "nope"),
    "foreign key fields empty": _edit_fk(1, "fields", []),
    "foreign key reference fields empty": lambda d: d["resources"][1]["schema"]["foreignKeys"][0][
        "reference"
    ].__setitem__("fields", []),
    "foreign key reference fields of objects": lambda d: d["resources"][1]["schema"]["foreignKeys"][
        0
    ]["reference"].__setitem__("fields", [{"x": 1}]),
    "foreign key reference resource a list": lambda d: d["resources"][1]["schema"]["foreignKeys"][
        0
    ]["reference"].__setitem__("resource", ["documents"]),
    "an enum too large for its type": _edit_constraints(0, 11, {"enum": [10**30]}),
    "an enum that is a number": _edit_constraints(0, 0, {"enum": 5}),
    "a pattern that is not a pattern": _edit_constraints(0, 0, {"pattern": "("}),
    "a minimum that is text": _edit_constraints(0, 11, {"minimum": "a"}),
    "a field that is a number": _edit_schema(0, "fields", [5]),
    "fields that are text": _edit_schema(0, "fields", "abc"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_descriptors_are_reported_not_crashed_on(seed_package: Path, case: str) -> None:
    path = seed_package / "datapackage.json"
    descriptor = json.loads(path.read_text())
    MALFORMED[case](descriptor)  # type: ignore[operator]
    path.write_text(json.dumps(descriptor))
    report = validate_package(seed_package)  # anything but a report or a known error fails
    assert not report.valid
    from datapkg.load import load_all

    with contextlib.suppress(InvalidPackageError):  # a report above, a known error here
        load_all(seed_package)


def test_a_dangling_foreign_key_is_reported_by_row(seed_package: Path) -> None:
    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "quotations", fmt, lambda t: _set(t, "paragraph_id", 2, "nowhere"))
    messages = [i.message for i in validate_package(seed_package).issues if i.code == "foreign-key"]
    assert messages == [
        "row 3: paragraph_id 'nowhere' is not a paragraph_id of paragraphs",
        "row 3: paragraph_id 'nowhere' is not a paragraph_id of paragraphs-parquet",
    ]


def test_a_quotation_outside_its_paragraph_is_reported(seed_package: Path) -> None:
    paragraphs = pq.read_table(seed_package / "data" / "paragraphs.parquet")
    quotations = pq.read_table(seed_package / "data" / "quotations.parquet")
    first = quotations.slice(0, 1).to_pylist()[0]
    other = next(
        p
        for p in paragraphs.to_pylist()
        if p["document_id"] == first["document_id"] and p["paragraph_id"] != first["paragraph_id"]
    )
    for fmt in ("csv", "parquet"):
        _rewrite(
            seed_package,
            "quotations",
            fmt,
            lambda t: _set(t, "paragraph_id", 0, other["paragraph_id"]),
        )
    messages = [i.message for i in validate_package(seed_package).issues if i.code == "offset"]
    assert messages == [
        f"row 1: span [{first['char_start']}, {first['char_end']}) is not inside paragraph "
        f"{other['paragraph_id']} [{other['char_start']}, {other['char_end']})"
    ]


def test_a_wrong_char_count_and_a_repeated_id_are_named(seed_package: Path) -> None:
    documents = pq.read_table(seed_package / "data" / "documents.parquet").to_pylist()

    def edit(t: pa.Table) -> pa.Table:
        return _set(_set(t, "char_count", 1, 5), "document_id", 2, documents[0]["document_id"])

    for fmt in ("csv", "parquet"):
        _rewrite(seed_package, "documents", fmt, edit)
    messages = [i.message for i in validate_package(seed_package).issues]
    doc, length = documents[1]["document_id"], len(documents[1]["text"])
    assert f"{doc}: char_count 5 but the text has {length}" in messages
    assert (
        f"column 'document_id' repeats values, e.g. ['{documents[0]['document_id']}']" in messages
    )


# --- a table in shards ------------------------------------------------------------------


@pytest.fixture
def sharded_package(sharded_build: BuildResult, tmp_path: Path) -> Path:
    """A private copy of the seeds built with every table in several files."""
    copy = tmp_path / sharded_build.package_dir.name
    shutil.copytree(sharded_build.package_dir, copy)
    return copy


def _rewrite_shard(package_dir: Path, shard: str, edit) -> None:  # type: ignore[no-untyped-def]
    """Change one shard (`data/<table>-0000k`) in both formats, leaving the descriptor: its
    size and hash no longer match, and the edit is for validation to find as well."""
    table = edit(pq.read_table(package_dir / f"{shard}.parquet"))
    table = table.cast(pa.schema([f.with_nullable(True) for f in table.schema]))
    pq.write_table(table, package_dir / f"{shard}.parquet")
    pacsv.write_csv(table, package_dir / f"{shard}.csv")


def test_a_package_in_shards_is_valid_and_each_file_is_read(sharded_package: Path) -> None:
    report = validate_package(sharded_package)
    assert report.issues == ()
    assert report.stats["quotations_rows"] == report.stats["quotations-parquet_rows"] == 368
    # frictionless checks what it reads whole, and the Parquet tables in shards are said
    # to be left to datapkg.
    issues = frictionless_issues(sharded_package)
    assert {i.severity for i in issues} == {Severity.WARNING}
    assert sorted(i.message.split("'")[1] for i in issues) == [
        "documents-parquet",
        "paragraphs-parquet",
        "quotations-parquet",
    ]


def test_damage_in_a_later_shard_is_reported_at_its_file_and_row(sharded_package: Path) -> None:
    second = pq.read_table(sharded_package / "data/quotations-00002.parquet")
    assert second.num_rows > 3
    _rewrite_shard(
        sharded_package,
        "data/quotations-00002",
        lambda t: _set(_set(t, "paragraph_id", 2, "nowhere"), "kind", 1, "rumour"),
    )
    issues = validate_package(sharded_package).issues
    found = {(i.code, i.file, i.message) for i in issues}
    for shard in ("data/quotations-00002.csv", "data/quotations-00002.parquet"):
        twin = "paragraphs" if shard.endswith(".csv") else "paragraphs-parquet"
        assert (
            "foreign-key",
            shard,
            f"row 3: paragraph_id 'nowhere' is not a paragraph_id of {twin}",
        ) in found
        assert any(
            code == "enum" and file == shard and message.startswith("row 2, column 'kind'")
            for code, file, message in found
        ), found
    hashes = [i for i in issues if i.code == "hash"]
    assert {i.file for i in hashes} == {
        "data/quotations-00001.csv",
        "data/quotations-00001.parquet",
    }
    assert all("resource's 4 files read as one" in i.message for i in hashes)


def test_a_missing_shard_is_named(sharded_package: Path) -> None:
    (sharded_package / "data/paragraphs-00003.csv").unlink()
    issues = validate_package(sharded_package).issues
    assert ("missing-file", "data/paragraphs-00003.csv") in {(i.code, i.file) for i in issues}


def test_a_shard_written_with_other_columns_is_unreadable(sharded_package: Path) -> None:
    _rewrite_shard(sharded_package, "data/documents-00002", lambda t: t.drop_columns(["title"]))
    issues = validate_package(sharded_package).issues
    unreadable = [i for i in issues if i.code == "unreadable"]
    assert "data/documents-00002.parquet" in {i.file for i in unreadable}
