"""Validate a finished package folder and return a Report, streaming every table.

No table is ever held whole, and the key-sized columns (ids, offsets, counts)
that the checks across rows need go to disk (`keys`), so memory stays flat
however large the corpus is.

1. Scan. Each resource is read in record batches: Parquet in slices of its row
   groups (`BATCH_ROWS`, fewer when rows are wide), CSV in blocks of
   `CSV_BLOCK_BYTES` (larger when a single row is longer). Every batch is
   checked at once with Arrow kernels: column names and types, `required`,
   `enum`, `minimum`, `maximum`, `pattern`, `minLength`, `maxLength`; the row
   offset is carried from batch to batch, so row numbers are those of the file.
   A CSV resource and its Parquet twin are read side by side, re-sliced so
   both give slices of equal length, and compared slice against slice. The
   columns the later checks need are kept, in a DuckDB table on disk; while a
   twin is equal to its CSV so far it shares the CSV's kept columns instead of
   keeping its own copy.
2. Keys. `unique`, primary keys and foreign keys are queries of the kept
   columns, which DuckDB runs in bounded memory, spilling to disk past it.
3. Offsets, as a merge. datapkg writes documents, paragraphs and quotations
   in the same document order, so each span table is walked alongside the
   documents' texts, one text in memory at a time. A row whose document the
   walk has already passed (a package reordered by hand) is set aside and
   checked in a later sweep of the documents in document order: disorder
   costs extra reads, never a false error. Counts, and quotations lying inside
   their paragraphs, are joins of kept columns, queries like the keys'.

frictionless's own row-by-row validation stays available as a cross-check
(`frictionless_check=True`) and the tests run both so they never disagree.
What frictionless does not check is checked here too: `bytes` and `hash` of
Parquet files, and that every offset slices back to its text.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from jsonschema import Draft7Validator, ValidationError

from datapkg.errors import InvalidPackageError
from datapkg.keys import ROW, KeyStore, KeyTable, quoted
from datapkg.layout import DESCRIPTOR, names, normalise_span_text, parquet_twin, resource_paths
from datapkg.models import Issue, Report, Severity
from datapkg.reader import (
    UNUSABLE,
    fingerprint_problems,
    load_descriptor,
    open_batches,
    open_parts,
    readable_resources,
)
from datapkg.schemas import PACKAGE_PROFILE, arrow_schema_of, package_profile

#: Text of out-of-order span rows held before they are checked in a sweep of the documents.
DEFERRED_BYTES = 32 * 1024 * 1024

_MAX_REPORTED = 20  # per check: enough to see the pattern, not a wall of text
_READ_ERRORS = (pa.ArrowException, OSError, KeyError, ValueError, TypeError, OverflowError)
_UNREADABLE = "cannot be read with its schema: {}"

# A kept column computed from a batch rather than read from it.
_TEXT_LENGTH = "text:length"
_DERIVED: dict[str, tuple[str, pa.DataType, Callable[[pa.Array], pa.Array]]] = {
    _TEXT_LENGTH: ("text", pa.int32(), pc.utf8_length),
}


def _kept_column(batch: pa.RecordBatch, name: str) -> pa.Array:
    if name in _DERIVED:
        source, _, derive = _DERIVED[name]
        return derive(batch.column(source))
    return batch.column(name)


# What the offset checks need kept of the three tables, beyond their keys.
_OFFSET_COLUMNS = {
    "documents": ("document_id", "char_count", "paragraph_count", "quotation_count", _TEXT_LENGTH),
    "paragraphs": ("document_id", "paragraph_id", "char_start", "char_end"),
    "quotations": ("document_id", "paragraph_id", "char_start", "char_end"),
}
_SPAN_COLUMNS = ["document_id", "char_start", "char_end", "text"]
# Where a quotation's speaker and cue are written: each slices back to its own column.
_EVIDENCE_COLUMNS = (
    ["document_id", "speaker_char_start", "speaker_char_end", "speaker"],
    ["document_id", "cue_char_start", "cue_char_end", "cue"],
)


def _aligned(
    first: Iterator[pa.RecordBatch], second: Iterator[pa.RecordBatch]
) -> Iterator[tuple[pa.RecordBatch | None, pa.RecordBatch | None]]:
    """Slices of two streams with equal row counts; once one ends, the other's rest alone."""
    a, b = next(first, None), next(second, None)
    while a is not None and b is not None:
        n = min(a.num_rows, b.num_rows)
        yield a.slice(0, n), b.slice(0, n)
        a = a.slice(n) if n < a.num_rows else next(first, None)
        b = b.slice(n) if n < b.num_rows else next(second, None)
    while a is not None:
        yield a, None
        a = next(first, None)
    while b is not None:
        yield None, b
        b = next(second, None)


def _same_columns(a: pa.Schema, b: pa.Schema) -> bool:
    """Same names and types; nullability is left aside, as CSV has none to compare."""
    return bool(a.names == b.names and a.types == b.types)


def _same_rows(a: pa.RecordBatch, b: pa.RecordBatch) -> bool:
    return a.schema.names == b.schema.names and all(
        x.equals(y) for x, y in zip(a.columns, b.columns, strict=True)
    )


_NO_HITS = pa.array([], pa.uint64())


def _hits(mask: pa.Array | pa.ChunkedArray | None) -> pa.Array:
    """0-based positions where a boolean mask is true (None: nowhere).

    An Arrow array rather than a list: a column that is wrong throughout costs 8 bytes a row.
    """
    if isinstance(mask, pa.ChunkedArray):
        mask = mask.combine_chunks()
    if mask is None or mask.true_count == 0:  # the usual case, without a kernel call
        return _NO_HITS
    return pc.indices_nonzero(pc.fill_null(mask, False))


_SHOWN_CHARS = 80


def _shown(value: Any) -> str:
    """A value as a message shows it: its repr, cut short when long."""
    text = repr(value)
    return (
        text if len(text) <= _SHOWN_CHARS else f"{text[: _SHOWN_CHARS - 1]}… ({len(text):,} chars)"
    )


# --- findings ---------------------------------------------------------------


class _Findings:
    """Collects issues, at most `_MAX_REPORTED` per (code, file), counting the rest."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, code: str, file: str, message: str, hint: str | None = None) -> None:
        key = (code, file)
        self._counts[key] = self._counts.get(key, 0) + 1
        if self._counts[key] <= _MAX_REPORTED:
            self.issues.append(Issue(code=code, file=file, message=message, hint=hint))

    def add_rows(
        self, code: str, scan: _Scan, hits: pa.Array, message: Callable[[int], tuple[int, str]]
    ) -> None:
        """One issue per hit; messages, (row, what), are only written for the hits shown."""
        shown = hits.slice(0, self._room(code, scan.path)).to_pylist()
        self.add_at_rows(code, scan, len(hits), [message(hit) for hit in shown])

    def add_at_rows(self, code: str, scan: _Scan, total: int, first: list[tuple[int, str]]) -> None:
        """`total` issues about rows of `scan`'s resource, the first few given as (row from 1,
        what is wrong): each is reported at the file holding the row and its row there."""
        room = self._room(code, scan.path)
        for row, message in first[:room]:
            file, local = scan.locate(row)
            self.issues.append(Issue(code=code, file=file, message=f"row {local}{message}"))
        key = (code, scan.path)
        self._counts[key] = self._counts.get(key, 0) + total

    def add_found(self, code: str, file: str, total: int, first: list[str]) -> None:
        """`total` issues, of which the messages of the first few are given."""
        room = self._room(code, file)
        for message in first[:room]:
            self.add(code, file, message)
        if total > room:
            self._counts[(code, file)] = self._counts.get((code, file), 0) + total - room

    def _room(self, code: str, file: str) -> int:
        """How many more issues of this code and file are shown."""
        return max(0, _MAX_REPORTED - self._counts.get((code, file), 0))

    def absorb(self, other: _Findings) -> None:
        for issue in other.issues:
            self.add(issue.code, issue.file or "", issue.message, issue.hint)
        for key, n in other._counts.items():
            if n > _MAX_REPORTED:
                self._counts[key] += n - _MAX_REPORTED

    def summary(self) -> list[Issue]:
        extra = [
            Issue(code=code, file=file, message=f"and {n - _MAX_REPORTED:,} more {code} problems")
            for (code, file), n in self._counts.items()
            if n > _MAX_REPORTED
        ]
        return self.issues + extra


def _check_file(package_dir: Path, resource: dict[str, Any], out: _Findings) -> bool:
    """Size and sha256 against the descriptor; whether the files are there to be read."""
    problems = fingerprint_problems(package_dir, resource)
    for code, file, message in problems:
        out.add(code, file, message)
    return not any(code in UNUSABLE for code, _, _ in problems)


# --- scan: field constraints, batch by batch ----------------------------------------------


_Mask = Callable[[pa.Array], pa.Array | None]  # None: no value breaks the constraint
_Rule = tuple[str, str, _Mask, str]  # column, issue code, mask of breaking values, message tail


def _constraint_rules(
    field: dict[str, Any], arrow_type: pa.DataType
) -> list[tuple[str, _Mask, str]]:
    """(code, mask of the values that break it, message tail) for each constraint of a field."""
    constraints = field.get("constraints", {})
    rules: list[tuple[str, _Mask, str]] = []
    if constraints.get("required"):
        rules.append(
            ("required", lambda c: pc.is_null(c) if c.null_count else None, "is empty but required")
        )
    if "enum" in constraints:
        allowed = pa.array(constraints["enum"], type=arrow_type)
        rules.append(
            (
                "enum",
                lambda c: pc.and_(pc.is_valid(c), pc.invert(pc.is_in(c, value_set=allowed))),
                f"is not one of {constraints['enum']}",
            )
        )
    if "minimum" in constraints:
        low = constraints["minimum"]
        rules.append(("minimum", lambda c: pc.less(c, low), f"is below {low}"))
    if "maximum" in constraints:
        high = constraints["maximum"]
        rules.append(("maximum", lambda c: pc.greater(c, high), f"is above {high}"))
    if "pattern" in constraints:
        whole = f"^(?:{constraints['pattern']})$"  # Table Schema patterns match whole values
        rules.append(
            (
                "pattern",
                lambda c: pc.invert(pc.match_substring_regex(c, whole)),
                f"does not match {constraints['pattern']!r}",
            )
        )
    if "minLength" in constraints:
        shortest = constraints["minLength"]
        rules.append(
            (
                "min-length",
                lambda c: pc.less(pc.utf8_length(c), shortest),
                f"is shorter than {shortest}",
            )
        )
    if "maxLength" in constraints:
        longest = constraints["maxLength"]
        rules.append(
            (
                "max-length",
                lambda c: pc.greater(pc.utf8_length(c), longest),
                f"is longer than {longest}",
            )
        )
    return rules


class _Scan:
    """One pass over a resource: field checks per batch, row count, kept columns, findings."""

    def __init__(
        self, name: str, resource: dict[str, Any], keep: set[str], store: KeyStore
    ) -> None:
        self.name = name
        self.resource = resource
        self.files: list[str] = resource_paths(resource)
        self.path = self.files[0]  # where what concerns the whole resource is reported
        self._starts: list[int] = []  # the first row (from 0) of each file read so far
        self.out = _Findings()  # its own, so twins read side by side report file by file
        self.rows = 0
        self.readable = False
        self.schema = pa.schema([])
        self.twin: _Scan | None = None  # a twin proven to hold the same rows
        self._keep = keep
        self._store = store
        self._kept = store.table(pa.schema([]))
        self._rules: list[_Rule] = []
        # While set, every row so far equals the lender's: its kept columns serve for both.
        self._lender: _Scan | None = None

    def open(self, package_dir: Path) -> Iterator[pa.RecordBatch] | None:
        """The resource's non-empty batches, or None when it cannot be read at all."""
        if not _check_file(package_dir, self.resource, self.out):
            return None
        try:
            self.schema, parts = open_parts(package_dir, self.resource)
            self._prepare(arrow_schema_of(self.resource["schema"]))
        except _READ_ERRORS as e:
            self.out.add("unreadable", self.path, _UNREADABLE.format(e))
            return None
        self.readable = True
        return self._guarded(parts)

    def _guarded(
        self, parts: Iterator[tuple[str, Iterator[pa.RecordBatch]]]
    ) -> Iterator[pa.RecordBatch]:
        # A read error ends the stream: the resource counts as unreadable from then on.
        seen = 0
        path = self.path  # the file being read, for a read error
        try:
            for path, batches in parts:  # noqa: B007 (read in the handler below)
                self._starts.append(seen)
                for batch in batches:
                    if batch.num_rows:
                        seen += batch.num_rows
                        yield batch
        except _READ_ERRORS as e:
            self.readable = False
            self.out.add("unreadable", path, _UNREADABLE.format(e))

    def locate(self, row: int) -> tuple[str, int]:
        """The file holding the resource's row `row` (from 1), and the row's number there."""
        if not self._starts:  # nothing read yet
            return self.path, row
        k = max(0, bisect_right(self._starts, row - 1) - 1)
        return self.files[k], row - self._starts[k]

    def _prepare(self, expected: pa.Schema) -> None:
        """Report a schema that differs from the declared one; set up the rest's checks."""
        actual = self.schema
        if actual.names != expected.names:
            self.out.add(
                "schema", self.path, f"columns are {actual.names}; expected {expected.names}"
            )
        usable = {
            name
            for name in expected.names
            if name in actual.names and actual.field(name).type == expected.field(name).type
        }
        if actual.names == expected.names:
            for field in self.resource["schema"]["fields"]:
                name, arrow_type = field["name"], expected.field(field["name"]).type
                if name not in usable:
                    self.out.add(
                        "schema",
                        self.path,
                        f"column {name!r} is {actual.field(name).type}, expected {arrow_type}",
                    )
                    continue
                for code, mask_of, tail in _constraint_rules(field, arrow_type):
                    if self._rule_applies(name, code, mask_of, arrow_type):
                        self._rules.append((name, code, mask_of, tail))
        kept = []
        for name in sorted(self._keep):
            if name in _DERIVED:
                source, arrow_type, _ = _DERIVED[name]
                if source in usable and expected.field(source).type == pa.string():
                    kept.append(pa.field(name, arrow_type))
            elif name in usable:
                kept.append(expected.field(name))
        self._kept = self._store.table(pa.schema(kept))

    def _rule_applies(self, name: str, code: str, mask_of: _Mask, arrow_type: pa.DataType) -> bool:
        # A constraint that cannot apply to its column's type (or a broken pattern) is a
        # fault of the descriptor: say so once, not at every batch.
        try:
            mask_of(pa.nulls(1, arrow_type))
        except _READ_ERRORS as e:
            self.out.add("schema", self.path, f"column {name!r}: cannot check {code}: {e}")
            return False
        return True

    def feed(self, batch: pa.RecordBatch, known: list[pa.Array] | None = None) -> list[pa.Array]:
        """Check a batch and keep its key columns; return each rule's hits.

        `known`: the hits of the same rows under the same rules, found by a twin.
        """
        hits = known
        if hits is None:
            hits = [_hits(mask_of(batch.column(name))) for name, _, mask_of, _ in self._rules]
        for rule, rows in zip(self._rules, hits, strict=True):
            if len(rows):
                self._report(rule, batch, rows)
        if self._lender is None:
            self._kept.add([_kept_column(batch, name) for name in self._kept.schema.names])
        self.rows += batch.num_rows
        return hits

    def _report(self, rule: _Rule, batch: pa.RecordBatch, rows: pa.Array) -> None:
        name, code, _, tail = rule
        column = batch.column(name)
        first_row = self.rows + 1
        self.out.add_rows(
            code,
            self,
            rows,
            lambda i: (first_row + i, f", column {name!r}: {_shown(column[i].as_py())} {tail}"),
        )

    def same_rules(self, other: _Scan) -> bool:
        return [r[:2] + r[3:] for r in self._rules] == [r[:2] + r[3:] for r in other._rules]

    def share_kept_columns(self, lender: _Scan) -> None:
        self._lender = lender

    def keep_own_columns(self) -> None:
        """From now on this scan differs from its lender: copy what it shared so far."""
        if self._lender is not None:
            self._kept = self._store.copy(self._lender._kept)
            self._lender = None

    @property
    def shares_kept_columns(self) -> bool:
        return self._lender is not None

    @property
    def kept_columns(self) -> KeyTable:
        return self._lender._kept if self._lender is not None else self._kept

    def column_type(self, name: str) -> pa.DataType | None:
        """The type of a kept column; None when it is not kept (absent or of the wrong type)."""
        return self.kept_columns.type_of(name)


def _scan_alone(scan: _Scan, batches: Iterator[pa.RecordBatch] | None) -> None:
    for batch in batches or ():
        scan.feed(batch)


def _scan_twins(package_dir: Path, scan: _Scan, twin: _Scan, out: _Findings) -> None:
    """Scan a CSV resource and its Parquet twin side by side, comparing them as they go."""
    a, b = scan.open(package_dir), twin.open(package_dir)
    if a is None or b is None:
        _scan_alone(scan, a)
        _scan_alone(twin, b)
        return
    if _same_columns(scan.schema, twin.schema):
        twin.share_kept_columns(scan)
    same_rules = twin.same_rules(scan)
    for x, y in _aligned(a, b):
        same = twin.shares_kept_columns and x is not None and y is not None and _same_rows(x, y)
        if twin.shares_kept_columns and not same:
            twin.keep_own_columns()  # before `scan` takes in x: only the rows they shared
        hits = scan.feed(x) if x is not None else None
        if y is not None:
            twin.feed(y, hits if same and same_rules else None)
    if scan.readable and twin.readable:
        if twin.shares_kept_columns:
            scan.twin = twin
        else:
            out.add(
                "formats-differ",
                twin.path,
                f"holds different rows from {scan.path}; rebuild the package",
            )


def _kept_names(tables: Iterable[str], resources: dict[str, dict[str, Any]]) -> set[str]:
    """The columns of these resources that the key and offset checks need once scanning is over."""
    keep: set[str] = set()
    for name in tables:
        schema = resources[name]["schema"]
        keep |= set(names(schema.get("primaryKey")))
        keep |= {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
        keep |= {n for fk in schema.get("foreignKeys", []) for n in names(fk["fields"])[:1]}
        keep |= set(_OFFSET_COLUMNS.get(name, ()))
        for other, resource in resources.items():
            for fk in resource["schema"].get("foreignKeys", []):
                if (fk["reference"].get("resource") or other) == name:
                    keep |= set(names(fk["reference"]["fields"])[:1])
    return keep


def _scan_all(
    package_dir: Path, resources: dict[str, dict[str, Any]], out: _Findings, store: KeyStore
) -> dict[str, _Scan]:
    """Scan every resource once, twins side by side; their findings go to `out` in order."""
    scans: dict[str, _Scan] = {}
    differ = _Findings()  # reported after the key checks, as they always were
    for name in resources:
        if name in scans:
            continue
        twin_name = parquet_twin(name)
        if twin_name in resources and twin_name not in scans:
            keep = _kept_names([name, twin_name], resources)
            scans[name] = _Scan(name, resources[name], keep, store)
            scans[twin_name] = _Scan(twin_name, resources[twin_name], keep, store)
            _scan_twins(package_dir, scans[name], scans[twin_name], differ)
        else:
            scans[name] = _Scan(name, resources[name], _kept_names([name], resources), store)
            _scan_alone(scans[name], scans[name].open(package_dir))
    for name in resources:
        scan = scans[name]
        if scan.readable:
            _check_keys(scan)
        out.absorb(scan.out)
    _check_foreign_keys(scans, out)
    out.absorb(differ)
    return {name: scans[name] for name in resources if scans[name].readable}


# --- keys ---------------------------------------------------------------------------------


def _check_keys(scan: _Scan) -> None:
    """`unique` columns and the primary key, on the kept columns."""
    schema, kept = scan.resource["schema"], scan.kept_columns
    for field in schema["fields"]:
        name = field["name"]
        if not field.get("constraints", {}).get("unique") or kept.type_of(name) is None:
            continue
        if kept.distinct(name) != kept.non_null(name):
            dupes = kept.repeated(name)
            scan.out.add("unique", scan.path, f"column {name!r} repeats values, e.g. {dupes}")
    primary = names(schema.get("primaryKey"))
    if not primary or any(kept.type_of(name) is None for name in primary):
        return
    if len(primary) > 1:
        if kept.groups(primary) != scan.rows:
            scan.out.add("primary-key", scan.path, f"primary key {primary} is not unique")
    elif kept.distinct(primary[0]) != scan.rows:
        scan.out.add("primary-key", scan.path, f"primary key {primary[0]!r} is not unique")


def _check_foreign_keys(scans: dict[str, _Scan], out: _Findings) -> None:
    for name, scan in scans.items():
        if not scan.readable:
            continue  # unreadable or missing: already reported
        for fk in scan.resource["schema"].get("foreignKeys", []):
            target = fk["reference"].get("resource") or name  # no resource: its own
            if target in scans and scans[target].readable:
                _check_foreign_key(scan, fk, scans[target], out)
            else:
                message = f"references resource {target!r}, which is missing or cannot be read"
                out.add("foreign-key", scan.path, message)


def _check_foreign_key(scan: _Scan, fk: dict[str, Any], target: _Scan, out: _Findings) -> None:
    # Single-field keys, as every schema here has: the first field stands for the key.
    field, ref = names(fk["fields"])[0], names(fk["reference"]["fields"])[0]
    child, parent = scan.column_type(field), target.column_type(ref)
    if child is None or parent is None:
        return  # absent or mistyped: reported as a schema problem
    if child != parent:
        message = f"{field} is {child} but {ref} of {target.name} is {parent}"
        out.add("foreign-key", scan.path, message)
        return
    total, first = scan.kept_columns.dangling(field, target.kept_columns, ref, _MAX_REPORTED)
    messages = [
        (row + 1, f": {field} {value!r} is not a {ref} of {target.name}") for row, value in first
    ]
    out.add_at_rows("foreign-key", scan, total, messages)


# --- offsets ------------------------------------------------------------------------------


class _Texts:
    """The documents' texts by position, read forward, one batch in memory at a time."""

    def __init__(self, batches: Iterator[pa.RecordBatch]) -> None:
        self._batches = batches
        self._column = pa.array([], pa.string())
        self._first = 0  # the position of self._column[0]
        self.position = -1
        self._text: str | None = None

    def seek(self, position: int) -> str | None:
        if position != self.position:
            while position >= self._first + len(self._column):
                batch = next(self._batches, None)
                if batch is None:
                    raise ValueError("has fewer rows than when it was first read")
                self._first += len(self._column)
                self._column = batch.column(0)
            self._text = self._column[position - self._first].as_py()
            self.position = position
        return self._text


def _check_span(
    out: _Findings,
    spans: _Scan,
    row: int,
    doc: str,
    span: tuple[int | None, int | None, str | None],
    text: str | None,
) -> None:
    start, end, published = span
    if start is None or end is None or published is None or text is None:
        return  # reported as a required value that is missing
    if not 0 <= start < end <= len(text):
        message = f": span [{start}, {end}) is outside {doc}'s {len(text)} characters"
        out.add_at_rows("offset", spans, 1, [(row, message)])
    elif normalise_span_text(text[start:end]) != published:
        message = f": documents.text[{start}:{end}] of {doc} does not give back its text"
        out.add_at_rows("offset", spans, 1, [(row, message)])


class _LateRows:
    """Span rows whose document the forward walk had already passed, checked in sweeps."""

    def __init__(self, open_texts: Callable[[], _Texts], out: _Findings, spans: _Scan) -> None:
        self._open_texts = open_texts
        self._out = out
        self._spans = spans
        self._rows: list[tuple[int, int, str, tuple[int | None, int | None, str | None]]] = []
        self._bytes = 0

    def add(
        self, position: int, row: int, doc: str, span: tuple[int | None, int | None, str | None]
    ) -> None:
        self._rows.append((position, row, doc, span))
        self._bytes += len(span[2] or "") + 100  # the tuples' own weight, roughly
        if self._bytes >= DEFERRED_BYTES:
            self.sweep()

    def sweep(self) -> None:
        """Check the rows set aside in one more forward walk over the documents."""
        if not self._rows:
            return
        self._rows.sort(key=itemgetter(0, 1))
        texts = self._open_texts()
        for position, row, doc, span in self._rows:
            _check_span(self._out, self._spans, row, doc, span, texts.seek(position))
        self._rows, self._bytes = [], 0


def _check_spans(
    open_texts: Callable[[], _Texts],
    batches: Iterator[pa.RecordBatch],
    positions: dict[str, int],
    spans: _Scan,
    out: _Findings,
    columns: list[str] = _SPAN_COLUMNS,
) -> None:
    """Every span slices back to its text: a merge of the span rows with the documents.

    `columns` name the document, start, end and text columns; a row whose start, end or text
    is null is left alone (a required one is reported as missing)."""
    texts = open_texts()
    late = _LateRows(open_texts, out, spans)
    row = 0
    current: str | None = None
    text: str | None = None
    for batch in batches:
        docs, starts, ends, published = (batch.column(name).to_pylist() for name in columns)
        for doc, start, end, span_text in zip(docs, starts, ends, published, strict=True):
            row += 1
            if doc != current:
                position = positions.get(doc)
                if position is None:
                    continue  # not a document: reported as a foreign-key problem
                if position < texts.position:
                    late.add(position, row, doc, (start, end, span_text))
                    continue
                text, current = texts.seek(position), doc
            # The common case inline (this loop runs once per row); `_check_span` says what's wrong.
            if (
                start is None
                or end is None
                or span_text is None
                or (
                    text is not None
                    and 0 <= start < end <= len(text)
                    and normalise_span_text(text[start:end]) == span_text
                )
            ):
                continue
            _check_span(out, spans, row, doc, (start, end, span_text), text)
    late.sweep()


def _check_char_counts(documents: _Scan, out: _Findings) -> None:
    kept = documents.kept_columns
    d, length = kept.name, quoted(_TEXT_LENGTH)
    total, first = kept.store.found(
        f"document_id, char_count, {length}",
        f"FROM {d} WHERE char_count <> {length}",
        ROW,
        _MAX_REPORTED,
    )
    messages = [f"{doc}: char_count {chars} but the text has {n}" for doc, chars, n in first]
    out.add_found("count", documents.path, total, messages)


def _check_counts(documents: _Scan, spans: _Scan, count_column: str, out: _Findings) -> None:
    """Each document's declared count of rows agrees with the rows of `spans`."""
    d, s = documents.kept_columns.name, spans.kept_columns.name
    declared = f"d.{quoted(count_column)}"
    total, first = documents.kept_columns.store.found(
        f"d.document_id, {declared}, coalesce(c.n, 0)",
        f"FROM {d} d LEFT JOIN (SELECT document_id, count(*) AS n FROM {s} GROUP BY document_id)"
        f" c ON d.document_id = c.document_id WHERE {declared} <> coalesce(c.n, 0)",
        f"d.{ROW}",
        _MAX_REPORTED,
    )
    messages = [
        f"{doc}: {count_column} is {stated} but {spans.name} has {actual} rows"
        for doc, stated, actual in first
    ]
    out.add_found("count", documents.path, total, messages)


def _check_quotations_in_paragraphs(paragraphs: _Scan, quotations: _Scan, out: _Findings) -> None:
    """Each quotation lies inside its paragraph's span: a join of kept columns.

    A quotation whose paragraph is unknown is reported as a foreign-key problem; only its
    start < end is checked here. Of repeated paragraph ids, the first row counts."""
    p, q = paragraphs.kept_columns.name, quotations.kept_columns.name
    low = "CASE WHEN p.id IS NULL THEN q.char_start ELSE p.low END"
    high = "CASE WHEN p.id IS NULL THEN q.char_end ELSE p.high END"
    known = " AND ".join(f"{v} IS NOT NULL" for v in ("q.char_start", "q.char_end", low, high))
    total, first = quotations.kept_columns.store.found(
        f"q.{ROW}, q.char_start, q.char_end, q.paragraph_id, {low}, {high}",
        f"FROM {q} q LEFT JOIN (SELECT paragraph_id AS id, arg_min(char_start, {ROW}) AS low, "
        f"arg_min(char_end, {ROW}) AS high FROM {p} GROUP BY paragraph_id) p "
        f"ON q.paragraph_id = p.id "
        f"WHERE {known} AND NOT "
        f"({low} <= q.char_start AND q.char_start < q.char_end AND q.char_end <= {high})",
        f"q.{ROW}",
        _MAX_REPORTED,
    )
    messages = [
        (row + 1, f": span [{start}, {end}) is not inside paragraph {pid} [{a}, {b})")
        for row, start, end, pid, a, b in first
    ]
    out.add_at_rows("offset", quotations, total, messages)


def _cheapest_copy(scan: _Scan) -> dict[str, Any]:
    """The resource to reread for `scan`: its Parquet twin when that holds the same rows, as
    Parquet reads only the columns asked for."""
    return scan.twin.resource if scan.twin is not None else scan.resource


def _check_offsets(package_dir: Path, scans: dict[str, _Scan], out: _Findings) -> None:
    """Spans slice back to their text, counts agree, and quotations sit in their paragraph."""
    if not {"documents", "paragraphs", "quotations"} <= scans.keys():
        return
    documents, paragraphs, quotations = (
        scans["documents"],
        scans["paragraphs"],
        scans["quotations"],
    )
    needed = [(scans[name], columns) for name, columns in _OFFSET_COLUMNS.items()]
    if any(scan.column_type(column) is None for scan, columns in needed for column in columns):
        return  # a column is absent or mistyped: reported as a schema problem
    if not set(_SPAN_COLUMNS) <= set(paragraphs.schema.names) & set(quotations.schema.names):
        return

    def open_texts() -> _Texts:
        return _Texts(open_batches(package_dir, _cheapest_copy(documents), ["text"])[1])

    _check_char_counts(documents, out)
    positions = documents.kept_columns.first_positions("document_id")
    for spans, count_column in ((paragraphs, "paragraph_count"), (quotations, "quotation_count")):
        try:
            batches = open_batches(package_dir, _cheapest_copy(spans), _SPAN_COLUMNS)[1]
            _check_spans(open_texts, batches, positions, spans, out)
        except _READ_ERRORS as e:  # changed since it was scanned
            out.add("unreadable", spans.path, _UNREADABLE.format(e))
        _check_counts(documents, spans, count_column, out)
    for columns in _EVIDENCE_COLUMNS:
        if not set(columns) <= set(quotations.schema.names):
            continue  # a package from before speakers and cues had offsets
        try:
            batches = open_batches(package_dir, _cheapest_copy(quotations), columns)[1]
            _check_spans(open_texts, batches, positions, quotations, out, columns)
        except _READ_ERRORS as e:
            out.add("unreadable", quotations.path, _UNREADABLE.format(e))
    _check_quotations_in_paragraphs(paragraphs, quotations, out)


# --- entry points -------------------------------------------------------------------------


def frictionless_issues(package_dir: Path) -> list[Issue]:
    """Frictionless's own validation of the package, as Issues (slow: row by row)."""
    import frictionless

    # frictionless (5.x) reads a Parquet resource from its first file only, so a table in
    # shards would look short and its foreign keys broken: such resources are left out
    # (and said to be), the rest is frictionless's to check.
    try:
        package = frictionless.Package(str(package_dir / DESCRIPTOR))
    except frictionless.FrictionlessException as e:
        return [Issue(code=f"frictionless/{e.error.type}", message=e.error.message)]
    unread = [r.name for r in package.resources if r.format == "parquet" and r.multipart]
    for name in unread:
        package.remove_resource(name)
    report = package.validate()
    issues = [
        Issue(
            code="frictionless",
            severity=Severity.WARNING,
            file=DESCRIPTOR,
            message=f"resource {name!r} was not given to frictionless, which reads only the "
            "first file of a Parquet resource in several files; `datapkg validate` checks "
            "every file of it",
        )
        for name in unread
    ]
    for task in report.tasks:
        for error in task.errors:
            issues.append(
                Issue(code=f"frictionless/{error.type}", file=task.place, message=error.message)
            )
    issues += [Issue(code=f"frictionless/{e.type}", message=e.message) for e in report.errors]
    return issues


_PROFILES = (PACKAGE_PROFILE, "data-package")
# Enough to act on: a broken descriptor tends to repeat one mistake in every resource.
_MAX_PROFILE_ERRORS = 20


def profile_issues(descriptor: dict[str, Any]) -> list[Issue]:
    """The descriptor checked against the Data Package profile it names (`$schema`), from the
    copies datapkg ships: nothing is fetched. Each error names the property, as a JSON path."""
    named, profile = package_profile(descriptor)
    if profile is None:
        return [
            Issue(
                code="profile",
                severity=Severity.WARNING,
                file=DESCRIPTOR,
                message=f"names the profile {named}, which datapkg does not have and never "
                "fetches; checked against no profile",
                hint=f'use the Data Package v2 profile: "$schema": "{PACKAGE_PROFILE}"',
            )
        ]
    validator = Draft7Validator(profile, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(descriptor))  # in the descriptor's order: deterministic
    issues = [
        Issue(
            code="profile",
            file=DESCRIPTOR,
            message=f"{_json_path(e.absolute_path)}: {_profile_message(e)} ({named})",
        )
        for e in errors[:_MAX_PROFILE_ERRORS]
    ]
    if len(errors) > _MAX_PROFILE_ERRORS:
        more = len(errors) - _MAX_PROFILE_ERRORS
        issues.append(
            Issue(code="profile", file=DESCRIPTOR, message=f"and {more:,} more like these")
        )
    return issues


def _json_path(path: Iterable[Any]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _profile_message(error: ValidationError) -> str:
    """The profile's complaint in words: an `anyOf` of required properties (a licence's
    `name` or `path`) says which ones are missing, not the whole schema."""
    options = error.validator_value if error.validator == "anyOf" else None
    if isinstance(options, list) and all(set(option) == {"required"} for option in options):
        wanted = " or ".join(f"`{o['required'][0]}`" for o in options)
        return f"needs {wanted}"
    return str(error.message)


def _plain_profile(descriptor: dict[str, Any]) -> bool:
    """Whether the descriptor names no profile but a standard one, which frictionless has."""
    return all(descriptor.get(key) in (None, *_PROFILES) for key in ("$schema", "profile"))


def validate_package(package_dir: Path, *, frictionless_check: bool = False) -> Report:
    """Validate every resource of the package in `package_dir`.

    A resource whose path would leave the package, pass through a link or fetch a URL,
    or that has no usable Table Schema, is reported and never opened.
    """
    descriptor = load_descriptor(package_dir)
    out = _Findings()
    resources, refused = readable_resources(package_dir, descriptor)
    with KeyStore() as store:
        scans = _scan_all(package_dir, resources, out, store)
        _check_offsets(package_dir, scans, out)
    issues = profile_issues(descriptor) + refused + out.summary()
    if frictionless_check and (refused or not _plain_profile(descriptor)):
        # frictionless follows whatever a descriptor names (paths, schema and dialect
        # URLs, a custom profile): it only sees packages in which nothing was refused.
        issues.append(
            Issue(
                code="frictionless",
                message="frictionless was not run: it would open what was refused above, "
                "or the custom profile the descriptor's `$schema` names",
            )
        )
    elif frictionless_check:
        issues += frictionless_issues(package_dir)
    stats: dict[str, int | float | str] = {f"{name}_rows": s.rows for name, s in scans.items()}
    return Report(issues=tuple(issues), stats=stats)


@dataclass(frozen=True)
class FolderReport:
    """What `validate_all` found in one folder of a folder of packages."""

    path: Path
    status: str  # "valid", "invalid" or "not a package"
    report: Report | None = None  # the validation report of a package
    error: str | None = None  # why a package could not be validated at all


def validate_all(dist_dir: Path) -> list[FolderReport]:
    """Validate every package folder in `dist_dir` and account for every other folder.

    A package that cannot be read at all is invalid with the reason, and the others are
    still validated; a folder without `datapackage.json` is reported as not a package.
    Hidden entries (datapkg's lock and staging folders) and files are left out.
    """
    try:
        entries = sorted(dist_dir.iterdir())
    except OSError as e:
        raise InvalidPackageError(
            f"{dist_dir}: cannot be listed ({e.strerror}); pass the folder that holds the "
            "package versions, e.g. dist"
        ) from None
    found: list[FolderReport] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            error = f"a symbolic link to {os.readlink(entry)}; a published version is a folder"
            found.append(FolderReport(entry, "invalid", error=error))
        elif not entry.is_dir():
            continue
        elif not (entry / DESCRIPTOR).exists() and not (entry / DESCRIPTOR).is_symlink():
            found.append(FolderReport(entry, "not a package"))
        else:
            try:
                report = validate_package(entry)
            except InvalidPackageError as e:
                found.append(FolderReport(entry, "invalid", error=str(e)))
                continue
            found.append(FolderReport(entry, "valid" if report.valid else "invalid", report))
    return found
