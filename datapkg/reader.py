"""Read a finished package: its descriptor, its resources' files, their batches.

The one home of reading a package folder that `validate`, `load` and `diff` share.
Nothing is opened before its path has been checked (`readable_resources`: relative,
inside the package, no link, no URL), and files are opened one folder at a time
without following a link (`paths.open_inside`), so what is read is what was checked.
Arrow reads the open file, never a name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from datapkg import paths
from datapkg.errors import InvalidPackageError, UnsafePathError
from datapkg.layout import BYTES_PROPERTY, DESCRIPTOR, FORMATS, names, resource_paths
from datapkg.models import Issue
from datapkg.schemas import arrow_schema_of

#: Most rows in one Parquet batch.
BATCH_ROWS = 10_000
#: Decoded bytes a Parquet batch aims at: a batch of long documents holds fewer rows.
BATCH_BYTES = 2 * 1024 * 1024
#: CSV bytes parsed per batch; a file with a longer row is reread with larger blocks.
#: Arrow's CSV reader reads about 32 blocks ahead, so this sets its memory too.
CSV_BLOCK_BYTES = 256 * 1024
_MAX_BLOCK = 2**31 - 1  # pyarrow's CSV block size is a 32-bit integer

#: The largest `datapackage.json` read: a descriptor lists files, it does not hold data.
MAX_DESCRIPTOR_BYTES = 64 * 1024 * 1024


def load_descriptor(package_dir: Path) -> dict[str, Any]:
    """The package's `datapackage.json`, refused when it is a link, too large or not a
    JSON object with a `resources` list (`InvalidPackageError`)."""
    try:
        is_dir = package_dir.is_dir()
    except OSError as e:
        raise InvalidPackageError(f"{package_dir}: cannot be opened ({e.strerror})") from None
    if not is_dir:
        raise InvalidPackageError(
            f"{package_dir}: no such folder; pass a folder built by `datapkg build` "
            "(dist/<name>-<version>)"
        )
    path = paths.descriptor_file(package_dir, DESCRIPTOR)
    if not path.exists():
        raise InvalidPackageError(
            f"{path}: no such file; pass a folder built by `datapkg build` (dist/<name>-<version>)"
        )
    try:
        fd = paths.open_regular(path)
        with os.fdopen(fd, "rb") as f:
            data = f.read(MAX_DESCRIPTOR_BYTES + 1)
    except OSError as e:
        raise InvalidPackageError(f"{path}: cannot be read ({e.strerror})") from None
    if len(data) > MAX_DESCRIPTOR_BYTES:
        raise InvalidPackageError(
            f"{path}: larger than {MAX_DESCRIPTOR_BYTES:,} bytes; a descriptor lists the "
            "package's files, it does not hold data: rebuild the package"
        )
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InvalidPackageError(f"{path}: not valid JSON ({e}); rebuild the package") from None
    except RecursionError:
        raise InvalidPackageError(
            f"{path}: nests too deep to be a package descriptor; rebuild the package"
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise InvalidPackageError(f"{path}: has no `resources` list; rebuild the package")
    for key in ("name", "title", "version", "created", "id"):
        if key in descriptor and not isinstance(descriptor[key], str):
            raise InvalidPackageError(
                f"{path}: `{key}` is {descriptor[key]!r}, not a string; rebuild the package"
            )
    return descriptor


# --- the descriptor's resources: what can be read, before anything is opened ---------


def _names_problem(value: Any, known: set[str], what: str) -> str | None:
    """What is wrong with a field name or list of field names that a key gives, if anything."""
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not listed or not all(isinstance(n, str) for n in listed):
        return f"has {what} that is neither a field name nor a list of them"
    unknown = [n for n in listed if n not in known]
    return f"has {what} naming fields it does not have: {unknown}" if unknown else None


def _schema_problem(schema: Any) -> str | None:
    """What keeps a resource's Table Schema from being used to read it, if anything."""
    if not isinstance(schema, dict):
        return "has no inline Table Schema (`schema` must be an object with `fields`)"
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return "has a Table Schema without a `fields` list"
    for k, f in enumerate(fields):
        if not (isinstance(f, dict) and isinstance(f.get("name"), str)):
            return f"has a field ({k}) without a `name`"
        if not isinstance(f.get("type", "string"), str):
            return f"field {f['name']!r} has a `type` that is not a string"
        if not isinstance(f.get("constraints", {}), dict):
            return f"field {f['name']!r} has `constraints` that are not an object"
    field_names = {f["name"] for f in fields}
    if "primaryKey" in schema:
        problem = _names_problem(schema["primaryKey"], field_names, "a `primaryKey`")
        if problem:
            return problem
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        return "has `foreignKeys` that are not a list"
    for fk in fks:
        reference = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(reference, dict) or not isinstance(reference.get("resource", ""), str):
            return "has a foreign key without a `reference` to a resource by name"
        referenced = [n for n in names(reference.get("fields")) if isinstance(n, str)]
        problem = _names_problem(fk.get("fields"), field_names, "a foreign key") or _names_problem(
            reference.get("fields"), set(referenced), "a foreign key reference"
        )
        if problem:
            return problem
        if len(names(fk["fields"])) != len(names(reference["fields"])):
            return "has a foreign key whose `fields` and `reference.fields` differ in number"
    return None


def _paths_problem(package_dir: Path, resource: dict[str, Any]) -> str | None:
    """Why a resource's path, or any of its list of paths, may not be opened, or None."""
    files = resource_paths(resource)
    if isinstance(resource.get("path"), list) and not files:
        return "its path is an empty list; give at least one file"
    for k, path in enumerate(files):
        what = "its path" if len(files) == 1 else f"its path [{k}]"
        try:
            paths.package_file(package_dir, path, what)
        except UnsafePathError as e:
            return str(e)
    if len(set(files)) < len(files):
        return "its path lists a file twice"
    return None


def readable_resources(
    package_dir: Path, descriptor: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], list[Issue]]:
    """The resources that can be read safely, by name, and an issue for each that cannot.

    Paths are checked before any file is opened (`paths.package_file`): nothing outside
    the package folder, no link, no URL."""
    usable: dict[str, dict[str, Any]] = {}
    issues: list[Issue] = []
    for k, resource in enumerate(descriptor["resources"]):
        where = f"{DESCRIPTOR} resources[{k}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            issues.append(Issue(code="descriptor", file=where, message="has no `name`"))
            continue
        name = resource["name"]
        where = f"{DESCRIPTOR} resource {name!r}"
        if name in usable:
            issues.append(Issue(code="descriptor", file=where, message="is listed twice"))
            continue
        problem = _paths_problem(package_dir, resource)
        if problem is not None:
            issues.append(Issue(code="path", file=where, message=problem))
            continue
        if not isinstance(resource.get("dialect", {}), dict):
            message = "names its CSV dialect by a path or URL; give it inline, or leave it out"
            issues.append(Issue(code="path", file=where, message=message))
            continue
        if resource.get("format") not in FORMATS:
            message = f"has format {resource.get('format')!r}; datapkg reads csv and parquet"
            issues.append(Issue(code="descriptor", file=where, message=message))
            continue
        problem = _schema_problem(resource.get("schema"))
        if problem is not None:
            hint = "rebuild the package with `datapkg build`"
            issues.append(Issue(code="schema", file=where, message=problem, hint=hint))
            continue
        try:
            arrow_schema_of(resource["schema"])
        except (KeyError, ValueError, TypeError) as e:
            issues.append(Issue(code="schema", file=where, message=f"cannot be read: {e}"))
            continue
        usable[name] = resource
    return usable, issues


# --- reading ----------------------------------------------------------------

_CSV_PARSE = pacsv.ParseOptions(newlines_in_values=True)


def _csv_convert(schema: pa.Schema) -> pacsv.ConvertOptions:
    # An unquoted empty field is null, a quoted one the empty string, as datapkg writes them.
    return pacsv.ConvertOptions(
        column_types=schema,
        include_columns=schema.names,
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        null_values=[""],
    )


def open_file(package_dir: Path, path: str) -> BinaryIO:
    """A resource's file, opened one folder at a time without following a link
    (`paths.open_inside`): what is read is what was checked, even if the folder changes."""
    return os.fdopen(paths.open_inside(package_dir, path), "rb")


def read_table(package_dir: Path, resource: dict[str, Any]) -> pa.Table:
    """Read a whole resource (every file of it) with the Arrow types its Table Schema
    declares."""
    schema = arrow_schema_of(resource["schema"])
    parts = []
    for path in resource_paths(resource):
        with open_file(package_dir, path) as f:
            if resource.get("format") == "parquet":
                parts.append(pq.read_table(f))
                continue
            table = pacsv.read_csv(
                f, parse_options=_CSV_PARSE, convert_options=_csv_convert(schema)
            )
        # CSV carries no nullability; take the declared one so both formats compare equal.
        parts.append(pa.Table.from_arrays(table.columns, schema=schema))
    return parts[0] if len(parts) == 1 else pa.concat_tables(parts)


def _csv_batches(opener: Callable[[], BinaryIO], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """A CSV file's batches, typed as `schema` declares."""
    block = CSV_BLOCK_BYTES
    done = 0
    while True:
        try:
            # One thread: as fast here, as batches are checked while the next is parsed
            # anyway, and it holds fewer blocks in memory.
            options = pacsv.ReadOptions(block_size=block, use_threads=False)
            with (
                opener() as f,
                pacsv.open_csv(f, options, _CSV_PARSE, _csv_convert(schema)) as reader,
            ):
                skip = done
                for batch in reader:
                    if skip >= batch.num_rows:
                        skip -= batch.num_rows
                        continue
                    rows = batch.slice(skip)
                    skip = 0
                    done += rows.num_rows
                    # CSV carries no nullability; take the declared one so twins compare equal.
                    yield pa.RecordBatch.from_arrays(rows.columns, schema=schema)
            return
        except pa.ArrowInvalid as e:
            # A row longer than a block cannot be parsed: read again with larger blocks,
            # skipping the rows already given.
            with opener() as f:
                size = os.fstat(f.fileno()).st_size
            if "straddl" not in str(e) or block >= min(size, _MAX_BLOCK):
                raise
            block = min(block * 4, _MAX_BLOCK)


def parquet_batch_rows(metadata: pq.FileMetaData, target_bytes: int | None = None) -> int:
    """`BATCH_ROWS`, or fewer so that a batch of wide rows decodes to about `target_bytes`
    (`BATCH_BYTES` unless given)."""
    target = BATCH_BYTES if target_bytes is None else target_bytes
    size = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
    if not size or not metadata.num_rows:
        return BATCH_ROWS
    return max(1, min(BATCH_ROWS, target * int(metadata.num_rows) // int(size)))


def _parquet_batches(
    opener: Callable[[], BinaryIO], columns: list[str] | None, schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    with opener() as f:  # opened when the first batch is asked for, closed with the generator
        file = pq.ParquetFile(f)
        try:
            own = file.schema_arrow
            if columns is not None:
                own = pa.schema([own.field(name) for name in columns if name in own.names])
            if [(c.name, c.type) for c in own] != [(c.name, c.type) for c in schema]:
                # A shard written with other columns or types than the first file.
                found = ", ".join(f"{c.name} ({c.type})" for c in own)
                raise pa.ArrowInvalid(f"its columns are {found}, not the first file's")
            yield from file.iter_batches(
                batch_size=parquet_batch_rows(file.metadata), columns=columns, use_threads=False
            )
        finally:
            file.close()


def open_batches(
    package_dir: Path, resource: dict[str, Any], columns: list[str] | None = None
) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    """The Arrow schema of a resource and its batches, file after file, read lazily.

    Opening and iterating both raise `_READ_ERRORS` on a file that cannot be read.
    """
    schema, parts = open_parts(package_dir, resource, columns)
    return schema, (batch for _, batches in parts for batch in batches)


def open_parts(
    package_dir: Path, resource: dict[str, Any], columns: list[str] | None = None
) -> tuple[pa.Schema, Iterator[tuple[str, Iterator[pa.RecordBatch]]]]:
    """The Arrow schema of a resource and, for each of its files in order, its path and its
    batches, read lazily. The schema is the first file's for Parquet (each file's own is
    checked against it as it is read), the declared one for CSV."""
    files: list[str] = resource_paths(resource)
    parquet = resource.get("format") == "parquet"
    if parquet:
        with open_file(package_dir, files[0]) as f:
            schema = pq.read_schema(f)
    else:
        schema = arrow_schema_of(resource["schema"])
    if columns is not None:
        schema = pa.schema([schema.field(name) for name in columns])

    def part(path: str) -> Iterator[pa.RecordBatch]:
        def opener() -> BinaryIO:
            return open_file(package_dir, path)

        if not parquet:
            return _csv_batches(opener, schema)
        return _parquet_batches(opener, columns, schema)

    return schema, ((path, part(path)) for path in files)


#: Fingerprint problems after which the file cannot be read at all.
UNUSABLE = frozenset({"missing-file", "path", "unreadable"})


def fingerprint_problems(package_dir: Path, resource: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(code, file, message) for each way a resource's files are not what the descriptor
    says: one missing or unreadable, another size, another sha256 (or none given). A
    resource in several files is measured as they are read together (`paths.
    digest_parts_inside`), and reported under its first file."""
    files: list[str] = resource_paths(resource)
    missing = [f for f in files if not (package_dir / f).is_file()]  # the paths were checked
    if missing:
        message = "the descriptor lists this file but it does not exist"
        return [("missing-file", f, message) for f in missing]
    first = files[0]
    try:
        headed = resource.get("format") == "csv"
        size, digest = paths.digest_parts_inside(package_dir, files, headed)
    except UnsafePathError as e:  # changed since the descriptor's paths were checked
        return [("path", first, str(e))]
    except OSError as e:
        return [("unreadable", first, f"cannot be read: {e.strerror}")]
    one = len(files) == 1
    what = "file" if one else f"resource's {len(files)} files read as one"
    problems = []
    declared_size = resource.get("bytes", resource.get(BYTES_PROPERTY["parquet"]))
    if declared_size is None:
        problems.append(
            ("bytes", first, f"the descriptor gives no size for this {what}; rebuild the package")
        )
    elif not isinstance(declared_size, int) or isinstance(declared_size, bool):
        problems.append(
            ("bytes", first, f"the descriptor gives its size as {declared_size!r}, not a number")
        )
    elif declared_size != size:
        problems.append(
            (
                "bytes",
                first,
                f"{'is' if one else f'the {what} are'} {size:,} bytes; "
                f"the descriptor says {declared_size:,}",
            )
        )
    declared = str(resource.get("hash", "")).removeprefix("sha256:")
    if not declared:
        message = f"the descriptor gives no sha256 hash for this {what}; rebuild the package"
        problems.append(("hash", first, message))
    elif declared != digest:
        message = (
            f"sha256{'' if one else f' of the {what}'} is {digest}; the descriptor says {declared}"
        )
        problems.append(("hash", first, message))
    return problems


def file_issues(package_dir: Path, descriptor: dict[str, Any]) -> list[Issue]:
    """Every resource's path, size and sha256 against the descriptor, and nothing more: the
    quick check that a package is what its descriptor says."""
    usable, issues = readable_resources(package_dir, descriptor)
    for resource in usable.values():
        for code, file, message in fingerprint_problems(package_dir, resource):
            issues.append(Issue(code=code, file=file, message=message))
    return issues
