"""Validate a finished package folder and return a Report.

The checks run on whole Arrow columns (types, constraints, primary and
foreign keys, CSV = Parquet), which keeps validation fast on large corpora;
frictionless's own row-by-row validation stays available as a cross-check
(`frictionless_check=True`) and the tests run both so they never disagree.
What frictionless does not check is checked here too: `bytes` and `hash` of
Parquet files, and that every offset slices back to its text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from datapkg.errors import InvalidPackageError
from datapkg.models import Issue, Report
from datapkg.package import BYTES_PROPERTY, DESCRIPTOR, file_digest
from datapkg.records import normalise_span_text
from datapkg.schemas import arrow_schema_of

_MAX_REPORTED = 20  # per check: enough to see the pattern, not a wall of text


def load_descriptor(package_dir: Path) -> dict[str, Any]:
    path = package_dir / DESCRIPTOR
    if not path.is_file():
        raise InvalidPackageError(
            f"{path}: no such file; pass a folder built by `datapkg build` (dist/<name>-<version>)"
        )
    try:
        descriptor: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InvalidPackageError(f"{path}: not valid JSON ({e}); rebuild the package") from None
    if not isinstance(descriptor.get("resources"), list):
        raise InvalidPackageError(f"{path}: has no `resources` list; rebuild the package")
    return descriptor


def read_table(package_dir: Path, resource: dict[str, Any]) -> pa.Table:
    """Read a resource file with the Arrow types its Table Schema declares."""
    schema = arrow_schema_of(resource["schema"])
    path = package_dir / resource["path"]
    if resource.get("format") == "parquet":
        return pq.read_table(path)
    table = pacsv.read_csv(
        path,
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=schema,
            include_columns=schema.names,
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
            null_values=[""],
        ),
    )
    # CSV carries no nullability; take the declared one so both formats compare equal.
    return pa.Table.from_arrays(table.columns, schema=schema)


class _Findings:
    """Collects issues, at most `_MAX_REPORTED` per (code, resource)."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, code: str, file: str, message: str, hint: str | None = None) -> None:
        key = (code, file)
        self._counts[key] = self._counts.get(key, 0) + 1
        if self._counts[key] <= _MAX_REPORTED:
            self.issues.append(Issue(code=code, file=file, message=message, hint=hint))

    def summary(self) -> list[Issue]:
        extra = [
            Issue(code=code, file=file, message=f"and {n - _MAX_REPORTED:,} more {code} problems")
            for (code, file), n in self._counts.items()
            if n > _MAX_REPORTED
        ]
        return self.issues + extra


def _rows(mask: pa.Array) -> list[int]:
    """1-based row numbers where a boolean mask is true."""
    return [i + 1 for i in pc.indices_nonzero(pc.fill_null(mask, False)).to_pylist()]


def _check_file(package_dir: Path, resource: dict[str, Any], out: _Findings) -> bool:
    path = resource["path"]
    full = package_dir / path
    if not full.is_file():
        out.add("missing-file", path, "the descriptor lists this file but it does not exist")
        return False
    size, digest = file_digest(full)
    declared_size = resource.get("bytes", resource.get(BYTES_PROPERTY["parquet"]))
    if declared_size is None:
        out.add("bytes", path, "the descriptor gives no size for this file; rebuild the package")
    elif declared_size != size:
        out.add("bytes", path, f"is {size:,} bytes; the descriptor says {declared_size:,}")
    declared = str(resource.get("hash", "")).removeprefix("sha256:")
    if not declared:
        out.add(
            "hash", path, "the descriptor gives no sha256 hash for this file; rebuild the package"
        )
    elif declared != digest:
        out.add("hash", path, f"sha256 is {digest}; the descriptor says {declared}")
    return True


def _check_fields(table: pa.Table, resource: dict[str, Any], out: _Findings) -> None:
    path = resource["path"]
    expected = arrow_schema_of(resource["schema"])
    if table.schema.names != expected.names:
        out.add("schema", path, f"columns are {table.schema.names}; expected {expected.names}")
        return
    for field in resource["schema"]["fields"]:
        name, constraints = field["name"], field.get("constraints", {})
        column = table.column(name)
        if column.type != expected.field(name).type:
            out.add(
                "schema",
                path,
                f"column {name!r} is {column.type}, expected {expected.field(name).type}",
            )
            continue
        checks: list[tuple[str, pa.Array | pa.ChunkedArray, str]] = []
        if constraints.get("required"):
            checks.append(("required", pc.is_null(column), "is empty but required"))
        if "enum" in constraints:
            value_set = pa.array(constraints["enum"], type=column.type)
            bad = pc.and_(pc.is_valid(column), pc.invert(pc.is_in(column, value_set=value_set)))
            checks.append(("enum", bad, f"is not one of {constraints['enum']}"))
        if "minimum" in constraints:
            checks.append(
                (
                    "minimum",
                    pc.less(column, constraints["minimum"]),
                    f"is below {constraints['minimum']}",
                )
            )
        if "maximum" in constraints:
            checks.append(
                (
                    "maximum",
                    pc.greater(column, constraints["maximum"]),
                    f"is above {constraints['maximum']}",
                )
            )
        if "pattern" in constraints:
            pattern = f"^(?:{constraints['pattern']})$"  # Table Schema patterns match whole values
            checks.append(
                (
                    "pattern",
                    pc.invert(pc.match_substring_regex(column, pattern)),
                    f"does not match {constraints['pattern']!r}",
                )
            )
        if "minLength" in constraints:
            checks.append(
                (
                    "min-length",
                    pc.less(pc.utf8_length(column), constraints["minLength"]),
                    f"is shorter than {constraints['minLength']}",
                )
            )
        if "maxLength" in constraints:
            checks.append(
                (
                    "max-length",
                    pc.greater(pc.utf8_length(column), constraints["maxLength"]),
                    f"is longer than {constraints['maxLength']}",
                )
            )
        if (
            constraints.get("unique")
            and pc.count_distinct(column).as_py() != len(column) - column.null_count
        ):
            counts = pc.value_counts(column)
            dupes = [v["values"] for v in counts.to_pylist() if v["counts"] > 1][:3]
            out.add("unique", path, f"column {name!r} repeats values, e.g. {dupes}")
        for code, mask, text in checks:
            for row in _rows(
                pa.chunked_array([mask]) if isinstance(mask, pa.Array) else mask.combine_chunks()
            ):
                out.add(
                    code, path, f"row {row}, column {name!r}: {column[row - 1].as_py()!r} {text}"
                )
    primary = resource["schema"].get("primaryKey", [])
    if len(primary) > 1:
        keys = table.select(primary).group_by(primary).aggregate([([], "count_all")])
        if keys.num_rows != table.num_rows:
            out.add("primary-key", path, f"primary key {primary} is not unique")
    elif primary and pc.count_distinct(table.column(primary[0])).as_py() != table.num_rows:
        out.add("primary-key", path, f"primary key {primary[0]!r} is not unique")


def _check_foreign_keys(
    tables: dict[str, pa.Table], resources: dict[str, dict[str, Any]], out: _Findings
) -> None:
    for name, resource in resources.items():
        if name not in tables:
            continue  # unreadable or missing: already reported
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            if target not in tables:
                out.add("foreign-key", resource["path"], f"references missing resource {target!r}")
                continue
            child = tables[name].column(fk["fields"][0])
            parent = tables[target].column(fk["reference"]["fields"][0])
            bad = pc.and_(
                pc.is_valid(child), pc.invert(pc.is_in(child, value_set=parent.combine_chunks()))
            )
            for row in _rows(bad.combine_chunks() if isinstance(bad, pa.ChunkedArray) else bad):
                out.add(
                    "foreign-key",
                    resource["path"],
                    f"row {row}: {fk['fields'][0]} {child[row - 1].as_py()!r} is not a "
                    f"{fk['reference']['fields'][0]} of {target}",
                )


def _spans(table: pa.Table) -> Iterator[tuple[int, str, int, int, str]]:
    columns = table.select(["document_id", "char_start", "char_end", "text"]).to_pydict()
    for i, (doc, start, end, text) in enumerate(
        zip(
            columns["document_id"],
            columns["char_start"],
            columns["char_end"],
            columns["text"],
            strict=True,
        )
    ):
        yield i + 1, doc, start, end, text


def _check_offsets(tables: dict[str, pa.Table], paths: dict[str, str], out: _Findings) -> None:
    """Spans slice back to their text, counts agree, and quotations sit in their paragraph."""
    if not {"documents", "paragraphs", "quotations"} <= tables.keys():
        return
    docs = (
        tables["documents"]
        .select(["document_id", "text", "char_count", "paragraph_count", "quotation_count"])
        .to_pydict()
    )
    texts = dict(zip(docs["document_id"], docs["text"], strict=True))
    for doc_id, text, chars in zip(
        docs["document_id"], docs["text"], docs["char_count"], strict=True
    ):
        if len(text) != chars:
            out.add(
                "count",
                paths["documents"],
                f"{doc_id}: char_count {chars} but the text has {len(text)}",
            )
    for resource in ("paragraphs", "quotations"):
        for row, doc, start, end, published in _spans(tables[resource]):
            text = texts.get(doc)
            if text is None:
                continue  # reported as a foreign-key problem
            if not 0 <= start < end <= len(text):
                out.add(
                    "offset",
                    paths[resource],
                    f"row {row}: span [{start}, {end}) is outside {doc}'s {len(text)} characters",
                )
            elif normalise_span_text(text[start:end]) != published:
                out.add(
                    "offset",
                    paths[resource],
                    f"row {row}: documents.text[{start}:{end}] of {doc} "
                    "does not give back its text",
                )
        counts = pc.value_counts(tables[resource].column("document_id")).to_pylist()
        actual = {c["values"]: c["counts"] for c in counts}
        column = "paragraph_count" if resource == "paragraphs" else "quotation_count"
        for doc_id, declared in zip(docs["document_id"], docs[column], strict=True):
            if actual.get(doc_id, 0) != declared:
                out.add(
                    "count",
                    paths["documents"],
                    f"{doc_id}: {column} is {declared} "
                    f"but {resource} has {actual.get(doc_id, 0)} rows",
                )
    paragraphs = tables["paragraphs"].select(["paragraph_id", "char_start", "char_end"]).to_pydict()
    bounds = {
        pid: (s, e)
        for pid, s, e in zip(
            paragraphs["paragraph_id"],
            paragraphs["char_start"],
            paragraphs["char_end"],
            strict=True,
        )
    }
    quotes = tables["quotations"].select(["paragraph_id", "char_start", "char_end"]).to_pydict()
    for row, (pid, s, e) in enumerate(
        zip(quotes["paragraph_id"], quotes["char_start"], quotes["char_end"], strict=True), 1
    ):
        ps, pe = bounds.get(pid, (s, e))
        if not ps <= s < e <= pe:
            out.add(
                "offset",
                paths["quotations"],
                f"row {row}: span [{s}, {e}) is not inside paragraph {pid} [{ps}, {pe})",
            )


def _check_formats_agree(
    tables: dict[str, pa.Table], resources: dict[str, dict[str, Any]], out: _Findings
) -> None:
    """A table published as CSV and as Parquet holds the same rows in both."""
    for name in resources:
        twin = f"{name}-parquet"
        if twin in tables and name in tables and not tables[name].equals(tables[twin]):
            out.add(
                "formats-differ",
                resources[twin]["path"],
                f"holds different rows from {resources[name]['path']}; rebuild the package",
            )


def frictionless_issues(package_dir: Path) -> list[Issue]:
    """Frictionless's own validation of the package, as Issues (slow: row by row)."""
    import frictionless

    report = frictionless.validate(str(package_dir / DESCRIPTOR))
    issues = []
    for task in report.tasks:
        for error in task.errors:
            issues.append(
                Issue(code=f"frictionless/{error.type}", file=task.place, message=error.message)
            )
    issues += [Issue(code=f"frictionless/{e.type}", message=e.message) for e in report.errors]
    return issues


def validate_package(package_dir: Path, *, frictionless_check: bool = False) -> Report:
    """Validate every resource of the package in `package_dir`."""
    descriptor = load_descriptor(package_dir)
    out = _Findings()
    resources = {r["name"]: r for r in descriptor["resources"]}
    tables: dict[str, pa.Table] = {}
    for name, resource in resources.items():
        if not _check_file(package_dir, resource, out):
            continue
        try:
            tables[name] = read_table(package_dir, resource)
        except (pa.ArrowInvalid, OSError, KeyError, ValueError) as e:
            out.add("unreadable", resource["path"], f"cannot be read with its schema: {e}")
            continue
        _check_fields(tables[name], resource, out)
    _check_foreign_keys(tables, resources, out)
    _check_formats_agree(tables, resources, out)
    _check_offsets(tables, {n: r["path"] for n, r in resources.items()}, out)
    issues = out.summary()
    if frictionless_check:
        issues += frictionless_issues(package_dir)
    stats: dict[str, int | float | str] = {f"{name}_rows": t.num_rows for name, t in tables.items()}
    return Report(issues=tuple(issues), stats=stats)
