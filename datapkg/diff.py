"""Compare two versions of a package: rows, Table Schemas, metadata, and the version bump.

`diff_packages(old_dir, new_dir)` reads two package folders and returns a
`PackageDiff`; `PackageDiff.summary()` renders it as a changelog entry, with the
first rows added, removed and changed in each table. Nothing is printed or written.

Rows. Each table is compared through its Parquet resource (`<name>-parquet`),
row by primary key: a row is added, removed, changed (same key, other
content) or unchanged. Content is a sha256 over the canonical JSON of the
row's non-key values (keys sorted, compact separators, dates in ISO form), over
the columns both files have: added and removed columns are schema changes, not
row changes. Two byte-identical files are equal without being read.

Rows are matched by hashing, not by a merge of two sorted files: a build
writes documents in the order of their paths, and their ids need not sort that
way (`a/z.txt` comes before `b.txt`, `doc-a.txt` before `doc.txt`; a document's
paragraph 10000 sorts before its paragraph 1001), nor need a package built by
another tool. Files are read in batches, only in the columns compared, and
matched one hash partition of the keys at a time: one key and one 32-byte
digest for at most about `PARTITION_ROWS` old rows (and the partition's added
keys) are held at once, so a larger table costs more passes over its files,
not more memory. Then one more pass over each file reads the rows that differ:
the values of added and removed rows, the fields of changed rows that differ,
with old and new values (all of them, or the first `max_rows` of each kind).
What is kept beyond that is the report itself: every differing key.

Version bump, after the Frictionless "Data Package Version" pattern:

major  a resource removed (or renamed: removed + added); a field removed
       (renamed: removed + added) or reordered, or added before existing
       fields (it shifts their positions for readers of CSV by column
       number); a field's type or format changed; a constraint tightened
       (required or unique set, enum values removed, minimum / minLength /
       exclusiveMinimum raised, maximum / maxLength / exclusiveMaximum
       lowered, any bound, pattern or other constraint added, a pattern
       changed: whether one regular expression accepts less than another
       cannot be told, so a changed one is taken as tighter); a primary or
       foreign key changed; any other field or schema property that says how
       values are read changed (missingValues, trueValues, ...); the package's
       `name` or `id` changed.
minor  a resource added; a field added after every existing field; a
       constraint loosened (the reverse of the above); rows added; rows
       removed.
patch  rows changed (a correction of existing data); descriptive metadata
       changed: package properties such as title, description, keywords,
       licenses, contributors; resource properties other than the schema
       and the file fingerprints; field and schema titles and descriptions.
none   nothing differs but `version` and `created`, which change with every
       release by definition: a rebuild with only a new number needs none.

Removed rows are minor, not patch and not major. Not patch: a consumer who
holds a removed id (a citation, an annotation, a join from another dataset)
finds it gone, which a correction in place never does, and the set of ids
changes as it does when rows are added. Not major: the schema, the contract
that code reading the package relies on, is unchanged, and inside the package
every foreign key still resolves (`datapkg validate` checks it). The pattern's
own major case, deleting data "referenced by another data resource", is about
references this diff cannot see; the removed ids are listed in full so that a
publisher who knows of such references can choose major. Ids of quotations and
paragraphs are positional (`<document>-q0003`), so a segmentation that finds
one quotation more or fewer shows as one row added or removed at the end of the
document and the rows after it changed.

Added fields are minor as long as they come after every existing field, as
the project's release rules say; the pattern itself counts any added field as
major, since a reader that rejects unknown columns breaks on it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, Field, JsonValue

from datapkg.errors import InvalidPackageError, UnsafePathError
from datapkg.layout import CARD, CROISSANT, VIEW, names, parquet_twin, resource_paths, table_name
from datapkg.models import Frozen
from datapkg.paths import package_file, read_inside
from datapkg.reader import file_issues, load_descriptor, open_file, parquet_batch_rows

Bump = Literal["major", "minor", "patch", "none"]
_RANK: dict[Bump, int] = {"none": 0, "patch": 1, "minor": 2, "major": 3}

#: Decoded bytes a batch aims at when rows are compared (only key and digest columns are
#: kept, so batches may be larger than when a package is validated).
BATCH_BYTES = 8 * 1024 * 1024
#: Old rows whose key and digest are held at once while rows are matched (about 200 bytes
#: each): a table with more rows is matched in several passes, one hash partition each.
PARTITION_ROWS = 500_000


# Package properties that change with every release: reported, but need no bump.
_BOOKKEEPING = frozenset({"version", "created"})
# Package properties that identify it: changing them breaks whoever refers to it by them.
_IDENTITY = frozenset({"name", "id"})
# Resource properties that fingerprint the file: the row comparison covers what they cover.
_FINGERPRINTS = frozenset({"bytes", "hash", "datapkg:bytes"})
# Field and schema properties that describe without changing how a value is read.
_DESCRIPTIVE = frozenset({"$schema", "title", "description", "example", "examples", "rdfType"})
# Constraints where a larger value accepts less, and where a smaller one does.
_LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength"})
_UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength"})
# Constraints whose `false` is the same as their absence.
_FLAGS = frozenset({"required", "unique"})
_ABSENT: Any = object()  # a property a descriptor does not have, unlike one that is null


class RowValues(BaseModel):
    """A row added or removed, with its values."""

    model_config = Frozen
    key: str = Field(description="Its primary key, written as in `added` and `removed`.")
    values: dict[str, JsonValue] = Field(
        description="Column -> value, every column of its file in file order; dates as ISO text."
    )


class ValueChange(BaseModel):
    """One field of a changed row: its value in the old version and in the new one."""

    model_config = Frozen
    old: JsonValue
    new: JsonValue


class ChangedRow(BaseModel):
    """A row in both versions whose values differ."""

    model_config = Frozen
    key: str = Field(description="Its primary key, written as in `changed`.")
    changes: dict[str, ValueChange] = Field(
        description="Field -> old and new value, for each field that differs, in file order."
    )


class RowChanges(BaseModel):
    """One table's rows compared by primary key (read from its Parquet resource)."""

    model_config = Frozen
    resource: str = Field(description="The table, e.g. 'quotations' (compared as its Parquet).")
    key: tuple[str, ...] = Field(description="The primary key the rows were matched by.")
    old_rows: int
    new_rows: int
    added: tuple[str, ...] = Field(
        default=(),
        description="Keys only in the new version, in file order. A composite key is a JSON "
        "array's text. Rows added need a minor bump.",
    )
    removed: tuple[str, ...] = Field(
        default=(),
        description="Keys only in the old version, in file order. Rows removed need a minor "
        "bump: ids that consumers may hold disappear, but the schema they rely on holds.",
    )
    changed: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Key -> the fields whose values differ, for rows in both versions whose "
        "content differs. A correction of data: a patch bump.",
    )
    field_counts: dict[str, int] = Field(
        default_factory=dict,
        description="Field -> the number of changed rows in which it changed, most first.",
    )
    added_rows: tuple[RowValues, ...] = Field(
        default=(),
        description="The added rows with their values, in `added` order: all of them, or the "
        "first `max_rows` when `diff_packages` was given a bound.",
    )
    removed_rows: tuple[RowValues, ...] = Field(
        default=(), description="The removed rows with their old values, in `removed` order."
    )
    changed_rows: tuple[ChangedRow, ...] = Field(
        default=(),
        description="The changed rows with each differing field's old and new value, in "
        "`changed` order.",
    )
    unchanged: int = 0
    skipped: str | None = Field(
        default=None, description="Why the rows were not compared, when they were not."
    )

    @property
    def bump(self) -> Bump:
        if self.added or self.removed:
            return "minor"
        return "patch" if self.changed else "none"


SchemaChangeKind = Literal[
    "resource-added",
    "resource-removed",
    "field-added",
    "field-removed",
    "fields-reordered",
    "type-changed",
    "format-changed",
    "constraint-tightened",
    "constraint-loosened",
    "field-property-changed",
    "field-described",
    "primary-key-changed",
    "foreign-key-added",
    "foreign-key-removed",
    "schema-property-changed",
    "schema-described",
]


class SchemaChange(BaseModel):
    """One difference between the Table Schemas (or the resource lists) of two versions."""

    model_config = Frozen
    resource: str
    kind: SchemaChangeKind
    field: str | None = None
    property: str | None = Field(
        default=None, description="The constraint or property that changed, when one did."
    )
    old: JsonValue = None
    new: JsonValue = None
    bump: Bump
    message: str = Field(description="What changed, in words, without the resource's name.")


class MetadataChange(BaseModel):
    """A changed descriptor property other than a schema: of the package or of a resource."""

    model_config = Frozen
    property: str = Field(description="e.g. 'title', or 'resources[documents].description'.")
    kind: Literal["added", "removed", "changed"]
    old: JsonValue = None
    new: JsonValue = None
    bump: Bump


class PackageDiff(BaseModel):
    """Everything that differs between two versions of a package, and the bump it needs."""

    model_config = Frozen
    name: str | None
    old_version: str | None
    new_version: str | None
    new_created: str | None = Field(default=None, description="The new version's `created`.")
    rows: tuple[RowChanges, ...]
    schema_changes: tuple[SchemaChange, ...]
    metadata_changes: tuple[MetadataChange, ...]
    required_bump: Bump = Field(
        description="The least version bump the changes need: major for incompatible schema "
        "changes and removed resources; minor for added resources, fields and rows, removed "
        "rows (ids disappear; the schema holds) and looser constraints; patch for changed rows "
        "and descriptive metadata; none when nothing differs but `version` and `created`."
    )
    reasons: tuple[str, ...] = Field(
        description="The changes that call for `required_bump`, in words."
    )

    def summary(self) -> str:
        """A Markdown changelog entry for the new version, to append to CHANGELOG.md."""
        return _render_summary(self)


# --- entry point --------------------------------------------------------------------------


def diff_packages(old_dir: Path, new_dir: Path, *, max_rows: int | None = None) -> PackageDiff:
    """Compare the package in `old_dir` with the one in `new_dir`.

    Every added, removed and changed key is reported; the values of those rows are reported
    for all of them, or, with `max_rows`, for the first `max_rows` of each kind in each table,
    which bounds what the values cost however much changed.

    Raises InvalidPackageError when a folder has no readable `datapackage.json`, or a Parquet
    file it lists is missing, unreadable or repeats a primary key.
    """
    if max_rows is not None and max_rows < 0:
        raise ValueError(f"max_rows is {max_rows}; give a number of rows (0 or more) or None")
    old, new = load_descriptor(old_dir), load_descriptor(new_dir)
    for package_dir, descriptor in ((old_dir, old), (new_dir, new)):
        broken = [i for i in file_issues(package_dir, descriptor) if i.severity == "error"]
        if broken:  # else a file changed behind its descriptor's back could compare equal
            first = broken[0]
            raise InvalidPackageError(
                f"{package_dir}: is not what its descriptor says ({len(broken)} problems; "
                f"first: {first.file}: {first.message}); run `datapkg validate {package_dir}` "
                "and rebuild it before comparing"
            )
    old_resources, new_resources = _resources(old, old_dir), _resources(new, new_dir)

    rows = tuple(
        _row_changes(old_dir, new_dir, table, old_resources, new_resources, max_rows)
        for table in _tables(old_resources, new_resources)
    )
    schema_changes = tuple(_schema_changes(old_resources, new_resources))
    metadata_changes = tuple(_metadata_changes(old, new, old_resources, new_resources)) + tuple(
        _companion_changes(old_dir, new_dir, old, new)
    )
    bump, reasons = _required_bump(rows, schema_changes, metadata_changes)
    return PackageDiff(
        name=new.get("name") or old.get("name"),
        old_version=old.get("version"),
        new_version=new.get("version"),
        new_created=new.get("created"),
        rows=rows,
        schema_changes=schema_changes,
        metadata_changes=metadata_changes,
        required_bump=bump,
        reasons=reasons,
    )


def _resources(descriptor: dict[str, Any], package_dir: Path) -> dict[str, dict[str, Any]]:
    resources: dict[str, dict[str, Any]] = {}
    for resource in descriptor["resources"]:
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str):
            raise InvalidPackageError(
                f"{package_dir / 'datapackage.json'}: a resource has no `name`; rebuild the package"
            )
        resources[name] = resource
    return resources


def _tables(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[str]:
    """The tables present in both versions, by their CSV name, in the old version's order."""
    bases = [table_name(resource) for resource in old.values()]
    both = {table_name(resource) for resource in new.values()}
    return [base for base in dict.fromkeys(bases) if base in both]


def _required_bump(
    rows: Sequence[RowChanges],
    schema: Sequence[SchemaChange],
    metadata: Sequence[MetadataChange],
) -> tuple[Bump, tuple[str, ...]]:
    found: list[tuple[Bump, str]] = []
    for table in rows:
        if table.added:
            found.append(("minor", f"{table.resource}: {_rows(len(table.added))} added"))
        if table.removed:
            found.append(("minor", f"{table.resource}: {_rows(len(table.removed))} removed"))
        if table.changed:
            found.append(("patch", f"{table.resource}: {_rows(len(table.changed))} changed"))
    found += [(c.bump, f"{c.resource}: {c.message}") for c in schema]
    found += [(c.bump, _metadata_line(c)) for c in metadata]
    bump: Bump = max((b for b, _ in found), key=_RANK.__getitem__, default="none")
    if bump == "none":
        return bump, ()
    return bump, tuple(dict.fromkeys(reason for b, reason in found if b == bump))


# --- rows ---------------------------------------------------------------------------------


def _row_changes(
    old_dir: Path,
    new_dir: Path,
    table: str,
    old_resources: dict[str, dict[str, Any]],
    new_resources: dict[str, dict[str, Any]],
    max_rows: int | None,
) -> RowChanges:
    name = parquet_twin(table)
    old_resource, new_resource = old_resources.get(name), new_resources.get(name)
    if old_resource is None or new_resource is None:
        side = "old" if old_resource is None else "new"
        return RowChanges(
            resource=table,
            key=(),
            old_rows=0,
            new_rows=0,
            skipped=f"the {side} version has no resource {name!r}",
        )
    with (
        _open_parquet(old_dir, old_resource) as old_file,
        _open_parquet(new_dir, new_resource) as new_file,
    ):
        old_rows, new_rows = old_file.num_rows, new_file.num_rows
        old_columns, new_columns = old_file.names, new_file.names
        key = _common_key(old_resource, new_resource, set(old_columns) & set(new_columns))
        if key is None:
            return RowChanges(
                resource=table,
                key=(),
                old_rows=old_rows,
                new_rows=new_rows,
                skipped="no primary key whose fields both versions have",
            )
        if old_resource.get("hash") == new_resource.get("hash"):
            # The same bytes hold the same rows (`diff_packages` checked both hashes against
            # the files first): no need to decode them.
            return RowChanges(
                resource=table,
                key=tuple(key),
                old_rows=old_rows,
                new_rows=new_rows,
                unchanged=new_rows,
            )
        # Content digests sort keys, so column order does not matter to them; changed fields
        # are listed in the new file's order, as a reader sees its columns.
        content = [c for c in new_columns if c in set(old_columns) - set(key)]
        return _compare_rows(table, key, content, old_file, new_file, max_rows)


def _common_key(
    old_resource: dict[str, Any], new_resource: dict[str, Any], columns: set[str]
) -> list[str] | None:
    """The old primary key if both files have its columns (consumers hold old ids), else the
    new one if they have its columns, else None."""
    for resource in (old_resource, new_resource):
        key = names(resource.get("schema", {}).get("primaryKey"))
        if key and set(key) <= columns:
            return key
    return None


class _Source:
    """A resource's Parquet files, open, read as one table: its rows in file order."""

    def __init__(self, files: list[tuple[Path, pq.ParquetFile]]) -> None:
        self.files = files
        self.path = files[0][0]  # where a problem of the whole resource is reported
        self.num_rows: int = sum(file.metadata.num_rows for _, file in files)
        self.names: list[str] = files[0][1].schema_arrow.names

    def batches(self, columns: list[str]) -> Iterator[pa.RecordBatch]:
        for path, file in self.files:
            yield from _batches(path, file, columns)


# A held row: its position in the old file (8 bytes) and its digest, in one bytes object,
# which costs a third of a tuple of the two. A row matched in the new file is set to _MATCHED.
_POSITION_BYTES = 8
_MATCHED = b""


def _compare_rows(
    table: str,
    key: list[str],
    content: list[str],
    old: _Source,
    new: _Source,
    max_rows: int | None,
) -> RowChanges:
    added: list[tuple[int, str]] = []  # (position in the new file, key)
    removed: list[tuple[int, str]] = []  # (position in the old file, key)
    changed: list[tuple[int, int, str]] = []  # (new position, old position, key)
    unchanged = 0
    rows = max(old.num_rows, new.num_rows)
    parts = max(1, -(-rows // PARTITION_ROWS))
    for part in range(parts):
        unchanged += _match_partition(
            key, content, old, new, (part, parts), added, removed, changed
        )
    # Each partition is found in file order; together they are put back into it.
    added.sort()
    removed.sort()
    changed.sort()
    details = _row_details(content, old, new, added, removed, changed, max_rows)
    counts: dict[str, int] = {}
    for fields in details.fields:
        for name in fields:
            counts[name] = counts.get(name, 0) + 1
    return RowChanges(
        resource=table,
        key=tuple(key),
        old_rows=old.num_rows,
        new_rows=new.num_rows,
        added=tuple(row_key for _, row_key in added),
        removed=tuple(row_key for _, row_key in removed),
        changed={
            row_key: fields for (_, _, row_key), fields in zip(changed, details.fields, strict=True)
        },
        field_counts=dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
        unchanged=unchanged,
        added_rows=details.added_rows,
        removed_rows=details.removed_rows,
        changed_rows=details.changed_rows,
    )


def _match_partition(
    key: list[str],
    content: list[str],
    old: _Source,
    new: _Source,
    partition: tuple[int, int],
    added: list[tuple[int, str]],
    removed: list[tuple[int, str]],
    changed: list[tuple[int, int, str]],
) -> int:
    """Match the rows of one hash partition of the keys: append what differs, return how many
    rows are unchanged. What is held is this partition's old rows and added keys."""
    held: dict[str, bytes] = {}
    for position, row_key, digest in _digests(old, key, content, partition):
        if row_key in held:
            raise _repeated_key(old.path, key, row_key)
        held[row_key] = position.to_bytes(_POSITION_BYTES, "big") + digest
    added_keys: set[str] = set()
    unchanged = 0
    for position, row_key, digest in _digests(new, key, content, partition):
        found = held.get(row_key)
        if found is None:
            if row_key in added_keys:
                raise _repeated_key(new.path, key, row_key)
            added_keys.add(row_key)
            added.append((position, row_key))
        elif found == _MATCHED:
            raise _repeated_key(new.path, key, row_key)
        else:
            held[row_key] = _MATCHED
            if found[_POSITION_BYTES:] == digest:
                unchanged += 1
            else:
                changed.append((position, _old_position(found), row_key))
    removed += ((_old_position(found), k) for k, found in held.items() if found != _MATCHED)
    return unchanged


def _old_position(held: bytes) -> int:
    return int.from_bytes(held[:_POSITION_BYTES], "big")


def _digests(
    source: _Source, key: list[str], content: list[str], partition: tuple[int, int]
) -> Iterator[tuple[int, str, bytes]]:
    """(position in the file, key, content digest) of each row whose key falls in the
    partition, in file order. Only the rows in it are decoded beyond their key."""
    part, parts = partition
    start = 0
    for batch in source.batches([*key, *content]):
        keys = _key_texts(batch, key)
        if parts == 1:
            picked: Sequence[int] = range(len(keys))
            rows = batch
        else:
            # Python's string hash differs between processes but not within one, which is all
            # that a partition needs: both files are read by this one.
            picked = [i for i, row_key in enumerate(keys) if hash(row_key) % parts == part]
            rows = batch.take(pa.array(picked, pa.int64()))
        values = _values(rows, content)
        for j, i in enumerate(picked):
            yield start + i, keys[i], _row_digest(content, values, j)
        start += batch.num_rows


class _Details(NamedTuple):
    fields: tuple[tuple[str, ...], ...]  # of each changed row, in `changed` order
    added_rows: tuple[RowValues, ...]
    removed_rows: tuple[RowValues, ...]
    changed_rows: tuple[ChangedRow, ...]


def _row_details(
    content: list[str],
    old: _Source,
    new: _Source,
    added: list[tuple[int, str]],
    removed: list[tuple[int, str]],
    changed: list[tuple[int, int, str]],
    max_rows: int | None,
) -> _Details:
    """One more pass over each file, for the rows that differ: which fields of every changed
    row differ, and the values of the first `max_rows` rows of each kind (all if None)."""
    shown = max(len(added), len(removed), len(changed)) if max_rows is None else max_rows
    added_at = {position: i for i, (position, _) in enumerate(added[:shown])}
    removed_at = {position: i for i, (position, _) in enumerate(removed[:shown])}
    changed_old_at = {position: i for i, (_, position, _) in enumerate(changed)}
    changed_new_at = {position: i for i, (position, _, _) in enumerate(changed)}

    # Old side first: the removed rows shown, and of each changed row its values if it is
    # shown, else one digest per field (enough to tell which fields differ).
    removed_rows: list[RowValues] = []
    before: list[dict[str, Any] | tuple[bytes, ...] | None] = [None] * len(changed)
    for position, row in _rows_at(old, sorted(removed_at.keys() | changed_old_at.keys())):
        if position in removed_at:
            row_key = removed[removed_at[position]][1]
            removed_rows.append(RowValues(key=row_key, values=_plain_row(row)))
            continue
        i = changed_old_at[position]
        before[i] = (
            {name: row[name] for name in content}
            if i < shown
            else tuple(_digest(row[name]) for name in content)
        )

    added_rows: list[RowValues] = []
    changed_rows: list[ChangedRow | None] = [None] * min(shown, len(changed))
    fields: list[tuple[str, ...]] = [()] * len(changed)
    for position, row in _rows_at(new, sorted(added_at.keys() | changed_new_at.keys())):
        if position in added_at:
            added_rows.append(RowValues(key=added[added_at[position]][1], values=_plain_row(row)))
            continue
        i = changed_new_at[position]
        was = before[i]
        before[i] = None  # held no longer than needed
        if isinstance(was, dict):
            changes = {
                name: ValueChange(old=_plain(was[name]), new=_plain(row[name]))
                for name in content
                if _canonical(was[name]) != _canonical(row[name])
            }
            changed_rows[i] = ChangedRow(key=changed[i][2], changes=changes)
            fields[i] = tuple(changes)
        elif was is not None:
            fields[i] = tuple(
                name
                for name, digest in zip(content, was, strict=True)
                if digest != _digest(row[name])
            )
    return _Details(
        fields=tuple(fields),
        added_rows=tuple(added_rows),
        removed_rows=tuple(removed_rows),
        changed_rows=tuple(row for row in changed_rows if row is not None),
    )


def _rows_at(source: _Source, positions: list[int]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(position, row) for the rows at these positions (sorted) of the file, every column,
    in file order; reading stops after the last one."""
    if not positions:
        return
    start = first = 0
    for batch in source.batches(source.names):
        end = start + batch.num_rows
        last = bisect.bisect_left(positions, end, lo=first)
        if last > first:
            wanted = positions[first:last]
            picked = batch.take(pa.array([p - start for p in wanted], pa.int64()))
            yield from zip(wanted, picked.to_pylist(), strict=True)
            first = last
            if first == len(positions):
                return
        start = end


def _plain(value: Any) -> JsonValue:
    """A value as JSON has it: dates and times as ISO text, as the content digest reads them."""
    result: JsonValue = json.loads(_canonical(value))
    return result


def _plain_row(row: dict[str, Any]) -> dict[str, JsonValue]:
    return {name: _plain(value) for name, value in row.items()}


@contextmanager
def _open_parquet(package_dir: Path, resource: dict[str, Any]) -> Iterator[_Source]:
    """The resource's Parquet files, opened without following a link on the way."""
    what = f"resource {resource.get('name')!r}"
    with ExitStack() as stack:
        files = []
        for relpath in resource_paths(resource):
            path = package_file(package_dir, relpath, what)
            if not path.is_file():
                raise InvalidPackageError(
                    f"{path}: no such file, though datapackage.json lists it as {what}; "
                    f"rebuild the package or run `datapkg validate {package_dir}`"
                )
            try:
                f = stack.enter_context(open_file(package_dir, relpath))
                files.append((path, stack.enter_context(pq.ParquetFile(f))))
            except (pa.ArrowException, OSError, UnsafePathError) as e:
                raise InvalidPackageError(
                    f"{path}: cannot be read as Parquet ({e}); rebuild the package"
                ) from None
        yield _Source(files)


def _batches(path: Path, file: pq.ParquetFile, columns: list[str]) -> Iterator[pa.RecordBatch]:
    try:
        yield from file.iter_batches(
            batch_size=parquet_batch_rows(file.metadata, BATCH_BYTES),
            columns=columns,
            use_threads=False,
        )
    except (pa.ArrowException, OSError) as e:
        raise InvalidPackageError(
            f"{path}: cannot be read as Parquet ({e}); rebuild the package"
        ) from None


def _repeated_key(path: Path, key: list[str], row_key: str) -> InvalidPackageError:
    return InvalidPackageError(
        f"{path}: primary key {key} repeats {row_key!r}, so rows cannot be matched by it; "
        f"run `datapkg validate {path.parent.parent}` and rebuild the package"
    )


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot compare a value of type {type(value).__name__}")


def _canonical(value: object) -> bytes:
    # Compact, keys sorted, UTF-8: the same values give the same bytes on every machine.
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_json_default
    ).encode("utf-8")


def _key_texts(batch: pa.RecordBatch, key: list[str]) -> list[str]:
    columns = [batch.column(name).to_pylist() for name in key]
    if len(columns) == 1:
        return [v if isinstance(v, str) else _canonical(v).decode() for v in columns[0]]
    return [_canonical(list(values)).decode() for values in zip(*columns, strict=True)]


def _values(batch: pa.RecordBatch, content: list[str]) -> list[list[Any]]:
    return [batch.column(name).to_pylist() for name in content]


def _row_digest(content: list[str], values: list[list[Any]], i: int) -> bytes:
    row = {name: column[i] for name, column in zip(content, values, strict=True)}
    return hashlib.sha256(_canonical(row)).digest()


def _digest(value: Any) -> bytes:
    return hashlib.sha256(_canonical(value)).digest()


# --- schemas ------------------------------------------------------------------------------


def _schema_changes(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> Iterator[SchemaChange]:
    for name in old:
        if name not in new:
            yield SchemaChange(
                resource=name, kind="resource-removed", bump="major", message="resource removed"
            )
    for name, resource in new.items():
        if name not in old:
            yield SchemaChange(
                resource=name, kind="resource-added", bump="minor", message="resource added"
            )
        else:
            yield from _table_schema_changes(
                name, old[name].get("schema") or {}, resource.get("schema") or {}
            )


def _table_schema_changes(
    resource: str, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[SchemaChange]:
    old_fields = {f["name"]: f for f in old.get("fields", [])}
    new_fields = {f["name"]: f for f in new.get("fields", [])}

    def change(kind: SchemaChangeKind, bump: Bump, message: str, **rest: Any) -> SchemaChange:
        return SchemaChange(resource=resource, kind=kind, bump=bump, message=message, **rest)

    for name in old_fields:
        if name not in new_fields:
            yield change("field-removed", "major", f"field `{name}` removed", field=name)
    new_order = list(new_fields)
    last_common = max((i for i, n in enumerate(new_order) if n in old_fields), default=-1)
    for i, name in enumerate(new_order):
        if name in old_fields:
            continue
        if i < last_common:
            # Columns after it move: a reader by column number reads the wrong one.
            message = f"field `{name}` added before existing fields"
            yield change("field-added", "major", message, field=name)
        else:
            yield change("field-added", "minor", f"field `{name}` added", field=name)
    old_common = [n for n in old_fields if n in new_fields]
    new_common = [n for n in new_order if n in old_fields]
    if old_common != new_common:
        yield change(
            "fields-reordered",
            "major",
            "fields reordered: " + ", ".join(f"`{n}`" for n in new_common),
            old=list(old_common),
            new=list(new_common),
        )
    for name in new_common:
        yield from _field_changes(resource, name, old_fields[name], new_fields[name])

    old_key, new_key = names(old.get("primaryKey")), names(new.get("primaryKey"))
    if old_key != new_key:
        message = f"primary key {_json(old_key or None)} → {_json(new_key or None)}"
        yield change("primary-key-changed", "major", message, old=old_key, new=new_key)
    old_fks = {_canonical(fk): fk for fk in old.get("foreignKeys", [])}
    new_fks = {_canonical(fk): fk for fk in new.get("foreignKeys", [])}
    for text, fk in old_fks.items():
        if text not in new_fks:
            message = f"foreign key removed: {_foreign_key(fk)}"
            yield change("foreign-key-removed", "major", message, old=fk)
    for text, fk in new_fks.items():
        if text not in old_fks:
            yield change(
                "foreign-key-added", "major", f"foreign key added: {_foreign_key(fk)}", new=fk
            )

    yield from _other_properties(
        old,
        new,
        skip={"fields", "primaryKey", "foreignKeys"},
        kinds=("schema-described", "schema-property-changed"),
        where=lambda prop: f"schema `{prop}`",
        change=change,
    )


def _field_changes(
    resource: str, name: str, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[SchemaChange]:
    def change(kind: SchemaChangeKind, bump: Bump, message: str, **rest: Any) -> SchemaChange:
        return SchemaChange(
            resource=resource, kind=kind, bump=bump, message=message, field=name, **rest
        )

    kinds: dict[str, SchemaChangeKind] = {"type": "type-changed", "format": "format-changed"}
    for prop, kind in kinds.items():
        # An absent format is the `default` one.
        default = "default" if prop == "format" else _ABSENT
        before, after = old.get(prop, default), new.get(prop, default)
        if before != after:
            yield change(
                kind,
                "major",
                f"field `{name}`: {prop} {_transition(before, after)}",
                property=prop,
                old=_json_value(before),
                new=_json_value(after),
            )
    old_constraints, new_constraints = old.get("constraints", {}), new.get("constraints", {})
    for prop in sorted(old_constraints.keys() | new_constraints.keys()):
        before = old_constraints.get(prop, _ABSENT)
        after = new_constraints.get(prop, _ABSENT)
        direction = _constraint_direction(prop, before, after)
        if direction is None:
            continue
        tightened = direction == "tightened"
        yield change(
            "constraint-tightened" if tightened else "constraint-loosened",
            "major" if tightened else "minor",
            f"field `{name}`: {prop} {_constraint_words(prop, before, after)}, {direction}",
            property=prop,
            old=_json_value(before),
            new=_json_value(after),
        )
    yield from _other_properties(
        old,
        new,
        skip={"name", "type", "format", "constraints"},
        kinds=("field-described", "field-property-changed"),
        where=lambda prop: f"field `{name}`: {prop}",
        change=change,
    )


def _other_properties(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    skip: set[str],
    kinds: tuple[SchemaChangeKind, SchemaChangeKind],
    where: Callable[[str], str],
    change: Callable[..., SchemaChange],
) -> Iterator[SchemaChange]:
    """Properties without a rule of their own: words only (a patch), or else how values are read
    (major, since readers may depend on them)."""
    for prop in sorted((old.keys() | new.keys()) - skip):
        before, after = old.get(prop, _ABSENT), new.get(prop, _ABSENT)
        if before == after:
            continue
        descriptive = _is_descriptive(prop)
        yield change(
            kinds[0] if descriptive else kinds[1],
            "patch" if descriptive else "major",
            f"{where(prop)} {_transition(before, after)}",
            property=prop,
            old=_json_value(before),
            new=_json_value(after),
        )


def _constraint_direction(
    prop: str, before: Any, after: Any
) -> Literal["tightened", "loosened"] | None:
    """Whether a constraint now accepts less (tightened) or more (loosened); None if neither."""
    if prop in _FLAGS:
        # `required: false` is what no `required` means.
        was, now = before is True, after is True
        return None if was == now else ("tightened" if now else "loosened")
    if before == after:
        return None
    if after is _ABSENT:
        return "loosened"
    if before is _ABSENT:
        return "tightened"
    if prop == "enum" and isinstance(before, list) and isinstance(after, list):
        allowed, allows = set(map(_canonical, before)), set(map(_canonical, after))
        if allowed - allows:
            return "tightened"  # a value that was valid is not any more
        return (
            "loosened" if allows - allowed else None
        )  # the same values in another order: no change
    if prop in _LOWER_BOUNDS | _UPPER_BOUNDS and _comparable(before, after):
        raised = after > before
        return "tightened" if raised == (prop in _LOWER_BOUNDS) else "loosened"
    # A changed pattern, or anything else: which accepts more cannot be told, so the worst case.
    return "tightened"


def _comparable(a: Any, b: Any) -> bool:
    numbers = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    # Dates, times and datetimes are ISO strings: in one format they sort as they compare.
    return (isinstance(a, numbers) and isinstance(b, numbers)) or (
        isinstance(a, str) and isinstance(b, str) and len(a) == len(b)
    )


def _constraint_words(prop: str, before: Any, after: Any) -> str:
    if prop in _FLAGS:
        return "set" if after is True else "unset"
    if prop == "enum" and isinstance(before, list) and isinstance(after, list):
        removed = [v for v in before if v not in after]
        added = [v for v in after if v not in before]
        parts = []
        if added:
            parts.append("added " + ", ".join(_json(v) for v in added))
        if removed:
            parts.append("removed " + ", ".join(_json(v) for v in removed))
        return "; ".join(parts) or "reordered"
    return _transition(before, after)


def _is_descriptive(prop: str) -> bool:
    # Namespaced properties (`datapkg:...`) are extensions that no reader depends on.
    return prop in _DESCRIPTIVE or ":" in prop


def _foreign_key(fk: dict[str, Any]) -> str:
    ref = fk.get("reference", {})
    target = ref.get("resource") or "itself"
    return f"{names(fk.get('fields'))} → {target} {names(ref.get('fields'))}"


# --- metadata -----------------------------------------------------------------------------


def _metadata_changes(
    old: dict[str, Any],
    new: dict[str, Any],
    old_resources: dict[str, dict[str, Any]],
    new_resources: dict[str, dict[str, Any]],
) -> Iterator[MetadataChange]:
    for prop in _ordered_union(old, new, skip={"resources"}):
        if prop in _IDENTITY:
            bump: Bump = "major"
        elif prop in _BOOKKEEPING:
            bump = "none"
        else:
            bump = "patch"
        yield from _property_change(prop, old.get(prop, _ABSENT), new.get(prop, _ABSENT), bump)
    for name, resource in new_resources.items():
        if name not in old_resources:
            continue  # an added resource is a schema change
        before_resource = old_resources[name]
        skip = {"name", "schema", *_FINGERPRINTS}
        for prop in _ordered_union(before_resource, resource, skip=skip):
            before, after = before_resource.get(prop, _ABSENT), resource.get(prop, _ABSENT)
            yield from _property_change(f"resources[{name}].{prop}", before, after, "patch")


#: Files published beside the descriptor. They are derived from it and the data, so they change
#: with every version number; a difference beyond that (a new card layout, a file added) is
#: metadata, and needs at least a patch. CHANGELOG.md is bookkeeping: every release adds to it.
COMPANION_FILES = (CARD, CROISSANT, VIEW)
_MAX_COMPANION_BYTES = 64 * 1024 * 1024


def _companion_changes(
    old_dir: Path, new_dir: Path, old: dict[str, Any], new: dict[str, Any]
) -> Iterator[MetadataChange]:
    for name in COMPANION_FILES:
        before, after = _companion(old_dir, name), _companion(new_dir, name)
        if before is None and after is None:
            continue
        if before is None or after is None:
            kind: Literal["added", "removed", "changed"] = "added" if after else "removed"
            yield MetadataChange(property=f"file {name}", kind=kind, bump="patch")
            continue
        # The new number and timestamp alone are no change: each package's own are put
        # out of the way (a placeholder, so the text never grows) before comparing.
        for prop in _BOOKKEEPING:
            if isinstance(old.get(prop), str) and old[prop]:
                before = before.replace(old[prop], f"\x00{prop}\x00")
            if isinstance(new.get(prop), str) and new[prop]:
                after = after.replace(new[prop], f"\x00{prop}\x00")
        if before != after:
            yield MetadataChange(property=f"file {name}", kind="changed", bump="patch")


def _companion(package_dir: Path, name: str) -> str | None:
    """A file published beside the descriptor, read without following a link; None if absent."""
    if not os.path.lexists(package_dir / name):
        return None
    try:
        return read_inside(package_dir, name, _MAX_COMPANION_BYTES).decode("utf-8")
    except (OSError, UnsafePathError, UnicodeDecodeError) as e:
        raise InvalidPackageError(
            f"{package_dir / name}: cannot be read ({e}); run `datapkg validate {package_dir}`"
        ) from None


def _ordered_union(old: dict[str, Any], new: dict[str, Any], skip: set[str]) -> list[str]:
    return [prop for prop in dict.fromkeys([*old, *new]) if prop not in skip]


def _property_change(prop: str, before: Any, after: Any, bump: Bump) -> Iterator[MetadataChange]:
    if before == after:
        return
    kind: Literal["added", "removed", "changed"] = (
        "added" if before is _ABSENT else "removed" if after is _ABSENT else "changed"
    )
    yield MetadataChange(
        property=prop, kind=kind, old=_json_value(before), new=_json_value(after), bump=bump
    )


# --- rendering ----------------------------------------------------------------------------

#: Rows of each kind (added, removed, changed) shown per table; the rest are counted.
SHOWN_ROWS = 5
_MAX_VALUE = 80
_MAX_ROW_VALUE = 40  # a row's values share one line
_MAX_TEXT = 70  # characters of a long text shown, from a little before where old and new differ
_CONTEXT = 20  # of which before the first difference


def _render_summary(diff: PackageDiff) -> str:
    date = f" - {diff.new_created[:10]}" if diff.new_created else ""
    lines = [f"## [{diff.new_version or 'unversioned'}]{date}", ""]
    since = f" since {diff.old_version}" if diff.old_version else ""
    if diff.required_bump == "none":
        lines += [f"No changes to data, schemas or metadata{since}.", ""]
        return "\n".join(lines)
    lines += [f"Changes{since}; they need a **{diff.required_bump}** version bump.", ""]
    if diff.rows:
        lines += _render_rows(diff.rows)
    if diff.schema_changes:
        lines += ["### Schema", "", *_render_schema(diff.schema_changes), ""]
    if diff.metadata_changes:
        lines += ["### Metadata", ""]
        lines += [f"- {_metadata_line(change)}" for change in diff.metadata_changes]
        lines.append("")
    return "\n".join(lines)


def _render_rows(tables: Sequence[RowChanges]) -> list[str]:
    lines = [
        "### Data",
        "",
        "| resource | rows | added | removed | changed | unchanged |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    notes: list[str] = []
    details: list[str] = []
    for t in tables:
        if t.skipped:
            notes.append(f"- {t.resource}: not compared: {t.skipped}.")
            continue
        rows = f"{t.new_rows:,}" if t.old_rows == t.new_rows else f"{t.old_rows:,} → {t.new_rows:,}"
        lines.append(
            f"| {t.resource} | {rows} | {len(t.added):,} | {len(t.removed):,} "
            f"| {len(t.changed):,} | {t.unchanged:,} |"
        )
        if t.field_counts:
            counts = ", ".join(f"`{name}` ({n:,})" for name, n in t.field_counts.items())
            notes.append(f"- {t.resource}: changed fields (rows): {counts}.")
        details += _render_row_details(t)
    return [*lines, "", *notes, *([""] if notes else []), *details]


def _render_row_details(t: RowChanges) -> list[str]:
    """The first rows added, removed and changed, with their values, as a data diff shows them.

    Lines come from the complete key lists; values from the rows that carry them, which are
    the first ones (a diff bounded by `max_rows` may carry fewer than are shown)."""
    if not (t.added or t.removed or t.changed):
        return []
    changed = list(t.changed.items())[:SHOWN_ROWS]
    blocks = [
        (
            "Added",
            len(t.added),
            [
                _values_line(k, _nth(t.added_rows, i), t.key)
                for i, k in enumerate(t.added[:SHOWN_ROWS])
            ],
        ),
        (
            "Removed",
            len(t.removed),
            [
                _values_line(k, _nth(t.removed_rows, i), t.key)
                for i, k in enumerate(t.removed[:SHOWN_ROWS])
            ],
        ),
        (
            "Changed",
            len(t.changed),
            [_changed_line(k, f, _nth(t.changed_rows, i)) for i, (k, f) in enumerate(changed)],
        ),
    ]
    key = ", ".join(f"`{name}`" for name in t.key)
    lines = [f"#### {t.resource}, rows by {key}", ""]
    for title, total, shown in blocks:
        if not total:
            continue
        lines += [f"{title} ({total:,}):", "", *(f"- {line}" for line in shown)]
        if total > len(shown):
            lines.append(f"- and {total - len(shown):,} more")
        lines.append("")
    return lines


def _nth(rows: Sequence[Any], i: int) -> Any:
    return rows[i] if i < len(rows) else None


def _values_line(row_key: str, row: RowValues | None, key: Sequence[str]) -> str:
    if row is None:
        return f"`{row_key}`"
    values = ", ".join(
        f"`{name}` {_short_value(value)}"
        for name, value in row.values.items()
        if name not in key  # the key leads the line
    )
    return f"`{row_key}`: {values}"


def _changed_line(row_key: str, fields: Sequence[str], row: ChangedRow | None) -> str:
    if row is None:
        return f"`{row_key}`: " + ", ".join(f"`{name}`" for name in fields)
    changes = "; ".join(
        f"`{name}` {_value_change(change.old, change.new)}" for name, change in row.changes.items()
    )
    return f"`{row_key}`: {changes}"


def _value_change(old: JsonValue, new: JsonValue) -> str:
    if (
        isinstance(old, str)
        and isinstance(new, str)
        and max(len(_json(old)), len(_json(new))) > _MAX_VALUE
    ):
        # Long texts (a document, a paragraph) changed in one place would show the same
        # opening twice: both are shown from a little before where they first differ.
        same = 0
        while same < min(len(old), len(new)) and old[same] == new[same]:
            same += 1
        begin = max(0, same - _CONTEXT)
        return f"{_excerpt(old, begin)} → {_excerpt(new, begin)}"
    return f"{_short(old)} → {_short(new)}"


def _short_value(value: JsonValue) -> str:
    if isinstance(value, str) and len(_json(value)) > _MAX_ROW_VALUE:
        return _excerpt(value, 0, _MAX_ROW_VALUE - 3)  # cut inside its quotes
    return _short(value, _MAX_ROW_VALUE)


def _excerpt(text: str, begin: int, width: int = _MAX_TEXT) -> str:
    piece = text[begin : begin + width]
    head = "…" if begin else ""
    tail = "…" if begin + len(piece) < len(text) else ""
    return f'"{head}{_json(piece)[1:-1]}{tail}"'


def _render_schema(changes: Sequence[SchemaChange]) -> list[str]:
    """One block per resource; twins (CSV and Parquet) with the same changes share one."""
    by_resource: dict[str, list[str]] = {}
    for c in changes:
        by_resource.setdefault(c.resource, []).append(f"{c.message} ({c.bump})")
    grouped: dict[tuple[str, ...], list[str]] = {}
    for resource, messages in by_resource.items():
        grouped.setdefault(tuple(messages), []).append(resource)
    lines: list[str] = []
    for block, resources in grouped.items():
        names = ", ".join(f"`{r}`" for r in resources)
        if len(block) == 1:
            lines.append(f"- {names}: {block[0]}")
        else:
            lines += [f"- {names}:", *(f"  - {m}" for m in block)]
    return lines


def _metadata_line(change: MetadataChange) -> str:
    if change.property.startswith("file "):  # a file's text is too long to quote
        return f"`{change.property.removeprefix('file ')}` {change.kind}"
    if change.kind == "added":
        what = f"added: {_short(change.new)}"
    elif change.kind == "removed":
        what = f"removed (was {_short(change.old)})"
    else:
        what = f"{_short(change.old)} → {_short(change.new)}"
    return f"`{change.property}` {what}"


def _rows(n: int) -> str:
    return f"{n:,} row{'s' if n != 1 else ''}"


def _transition(before: Any, after: Any) -> str:
    if before is _ABSENT:
        return f"added: {_short(after)}"
    if after is _ABSENT:
        return f"removed (was {_short(before)})"
    return f"{_short(before)} → {_short(after)}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _short(value: Any, width: int = _MAX_VALUE) -> str:
    text = _json(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _json_value(value: Any) -> JsonValue:
    """A descriptor value as stored in a change; an absent one as None."""
    if value is _ABSENT:
        return None
    result: JsonValue = value
    return result
