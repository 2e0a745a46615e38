"""One source file's whole journey, in whatever process runs it: read, check, segment
(or find the segmentation in the cache) and turn into record batches.

Worker processes (and Ray's) run `build_one` and import this module and the stages it
uses, nothing else: not the writers, the descriptor, the card, the page or validation,
which only the process that writes the package needs.
"""

from __future__ import annotations

import importlib.abc
import sys
import types
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from datapkg import cache as segment_cache
from datapkg import checks, records, sources
from datapkg.errors import NotRegularFileError, UnsafePathError
from datapkg.models import DocumentEntry, Issue, Segmentation, Severity, SourceFile
from datapkg.schemas import RESOURCES, arrow_schema, source_rules
from datapkg.segment import segment


def source_limits() -> dict[str, int]:
    limits: dict[str, int] = source_rules()["limits"]
    return limits


# What can keep a file of the source folder from being read (see `unread`).
READ_FAILURES = (sources.TooLarge, UnsafePathError, OSError)


def unread(relpath: str, error: Exception, not_a_file: str, too_large: str = "too-large") -> Issue:
    """The finding for a file of the source folder that could not be read: too large (its
    size on disk), not a regular file, reached through a link that leaves the folder (one
    swapped in since the walk, say), or refused by the system."""
    if isinstance(error, sources.TooLarge):
        return checks.issue(too_large, relpath, str(error))
    if isinstance(error, NotRegularFileError):
        return checks.issue("not-a-file", relpath, not_a_file)
    if isinstance(error, UnsafePathError):
        return checks.issue("path-escape", relpath, str(error))
    return checks.issue("unreadable", relpath, str(getattr(error, "strerror", error)))


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)


@dataclass(frozen=True)
class Checked:
    """One source file after its checks: the entry and text are set only when it is usable."""

    file: SourceFile
    size: int
    entry: DocumentEntry | None
    text: str | None
    issues: list[Issue]


def read_source(source_dir: Path, file: SourceFile) -> tuple[bytes | None, int, list[Issue]]:
    """A source file's bytes, or the finding that kept them from being read: its size is
    checked on the file system first, so an oversized file is never read."""
    try:
        data = sources.read_bytes(source_dir, file.read_as, source_limits()["max_bytes"])
    except READ_FAILURES as e:
        size = e.size if isinstance(e, sources.TooLarge) else 0
        return None, size, [unread(file.relpath, e, "a device, pipe or socket")]
    return data, len(data), []


def check_one(
    source_dir: Path,
    file: SourceFile,
    entry: DocumentEntry | None,
    catalogued: bool,
    bad_name: bool,
) -> Checked:
    """Read one source file and check it; with no catalogue, its entry is derived."""
    if catalogued and entry is None:
        return Checked(file, 0, None, None, [])  # reported as missing-entry
    data, size, issues = read_source(source_dir, file)
    if data is None:
        return Checked(file, size, entry, None, issues)
    return _check_data(file, entry, bad_name, data, sources.sha256_hex(data))


def _check_data(
    file: SourceFile, entry: DocumentEntry | None, bad_name: bool, data: bytes, digest: str
) -> Checked:
    result = checks.check_text(file.relpath, data, entry.sha256 if entry else None, digest)
    text = sources.decode(data) if result.usable else None
    if entry is None and text is not None and not bad_name:
        entry = DocumentEntry(id=file.stem, path=file.relpath, sha256=digest)
    return Checked(file, len(data), entry, text, result.issues)


@dataclass(frozen=True)
class Task:
    """What checking and building one file needs, small enough to hand to a worker."""

    source_dir: Path
    file: SourceFile
    entry: DocumentEntry | None
    catalogued: bool
    bad_name: bool
    cache: segment_cache.Cache | None  # where segmentations are kept; None: a cold build


@dataclass(frozen=True)
class Built:
    """One source file checked and, when usable, segmented into its rows: what a worker
    hands back to the process that writes."""

    relpath: str
    size: int
    issues: list[Issue]
    batches: dict[str, pa.RecordBatch] | None


def build_one(task: Task, look_up: bool = True) -> Built:
    """Check, segment and turn into record batches one document. Pure but for reading the
    file, so it runs the same in any process. With a cache, a file built before with the
    same bytes, path and entry is not checked or segmented again: its result is read
    (unless `look_up` is false: the caller has looked already)."""
    read = read_task(task)
    if isinstance(read, Built):
        return read
    built = cached_rows(task, *read) if look_up else None
    return built or build_read(task, *read)


def read_task(task: Task) -> Built | tuple[bytes, str]:
    """A file's bytes and sha256, or what kept them from being read, as its result."""
    relpath = task.file.relpath
    if task.catalogued and task.entry is None:
        return Built(relpath, 0, [], None)  # reported as missing-entry
    data, size, issues = read_source(task.source_dir, task.file)
    if data is None:
        return Built(relpath, size, issues, None)
    return data, sources.sha256_hex(data)


def build_read(task: Task, data: bytes, digest: str) -> Built:
    """`build_one` for a file already read: check, segment (or find the segmentation in
    the cache) and make the rows, which join the cache."""
    relpath, cache = task.file.relpath, task.cache
    item = _check_data(task.file, task.entry, task.bad_name, data, digest)
    if item.text is None or item.entry is None or has_errors(item.issues):
        return Built(relpath, item.size, item.issues, None)
    # The catalogue's sha256 is the text's: a mismatch is an error, and stopped us above.
    seg = segment_cache.load(cache.read, digest, len(item.text)) if cache and cache.read else None
    if seg is None:
        seg = segment(item.text, max_depth=source_limits()["max_quotation_depth"])
        if cache is not None:
            segment_cache.store(cache.write, digest, seg)
    issues = item.issues + _note_issues(relpath, item.text, seg)
    batches = records.document_batches(item.entry, item.size, item.text, seg)
    if cache is not None:
        segment_cache.store_rows(cache.rows_write, _rows_key(task, digest), issues, batches)
    return Built(relpath, item.size, issues, batches)


def _rows_key(task: Task, digest: str) -> str:
    """What a document's findings and rows depend on, besides its bytes (`digest`)."""
    entry = task.entry.model_dump(mode="json") if task.entry is not None else None
    return segment_cache.document_key(
        digest,
        task.file.relpath,
        entry,
        task.catalogued,
        task.bad_name,
        source_limits()["max_quotation_depth"],
    )


def cached_rows(task: Task, data: bytes, digest: str) -> Built | None:
    """The cached result of this file, when there is one that can be trusted: rows of the
    resources' schemas, findings with no error, and a documents row of this very text."""
    cache = task.cache
    if cache is None or cache.rows_read is None:
        return None
    schemas = {r: arrow_schema(r) for r in RESOURCES}
    found = segment_cache.load_rows(cache.rows_read, _rows_key(task, digest), schemas)
    if found is None or has_errors(found[0]):
        return None
    issues, batches = found
    document = batches["documents"].to_pylist()
    doc_id = task.entry.id if task.entry is not None else task.file.stem
    if len(document) != 1 or (
        document[0]["document_id"],
        document[0]["sha256"],
        document[0]["text"],
        document[0]["paragraph_count"],
        document[0]["quotation_count"],
    ) != (
        doc_id,
        digest,
        sources.decode(data),
        batches["paragraphs"].num_rows,
        batches["quotations"].num_rows,
    ):
        return None
    return Built(task.file.relpath, len(data), issues, batches)


_MAX_NOTES_PER_DOCUMENT = 10


def _note_issues(relpath: str, text: str, seg: Segmentation) -> list[Issue]:
    """The segmenter's notes on one document as warnings located at file:line:col."""
    if not seg.notes:
        return []
    lines = checks.LineIndex(text)
    issues = []
    for note in seg.notes[:_MAX_NOTES_PER_DOCUMENT]:
        line, column = lines.where(note.char_start)
        issues.append(checks.issue(note.code, relpath, line=line, column=column))
    if len(seg.notes) > _MAX_NOTES_PER_DOCUMENT:
        more = len(seg.notes) - _MAX_NOTES_PER_DOCUMENT
        issues.append(checks.issue(seg.notes[0].code, relpath, f"and {more:,} more like it"))
    return issues


def start_worker(memory_pool: str) -> None:
    """Ready a worker process: the Arrow memory pool of the process that started it, and
    no pandas (`arrow_without_pandas`)."""
    pools = {
        "jemalloc": pa.jemalloc_memory_pool,
        "mimalloc": pa.mimalloc_memory_pool,
        "system": pa.system_memory_pool,
    }
    if memory_pool in pools:
        pa.set_memory_pool(pools[memory_pool]())
    arrow_without_pandas()


def arrow_without_pandas() -> None:
    """Keep pyarrow from importing pandas (about 40 MB) in a process of datapkg's own.

    pyarrow imports pandas the first time it turns a Python list into an array, only to
    ask whether the list is a pandas object; datapkg never hands it one. Its first
    conversion is made here while `import pandas` fails, so it records pandas as absent.
    pandas stays importable: a library that needs it imports it, and pyarrow imports it
    when one of its pandas functions is called."""
    if "pandas" in sys.modules:
        return
    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(blocker)


class _NoPandas(importlib.abc.MetaPathFinder):
    """Fails `import pandas` while it is first on `sys.meta_path`."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: types.ModuleType | None = None,
    ) -> None:
        if fullname == "pandas":
            raise ImportError("pandas is not used in this process")
