"""Segmentations kept between builds, so a rebuild segments only the texts that changed.

A document's segmentation depends on its text, the segmenter and the nesting limit, and on
nothing else: the cache keys it by the text's sha256 under a folder named after the
segmenter's version (a hash of its modules and language data) and the limit. It lives in
the output folder, hidden (`<out>/.cache/`), beside the versions it helped build; `build
--no-cache` neither reads nor writes it, and deleting the folder is always safe.

A second kind of entry keeps a whole document's result: its findings and its rows as Arrow
record batches (LZ4-compressed IPC), keyed by what they depend on (the file's sha256, its
path and its catalogue entry) under a folder named after a hash of datapkg's modules,
language data and schemas. A rebuild then neither checks, segments nor makes rows for a
file that did not change: it reads the file, hashes it and takes its rows. When only the
path or the entry changed, the segmentation is still found by the text's hash.

Nothing read from the cache is trusted: an entry that does not parse, or whose offsets do
not fit the text, counts as absent and the text is segmented again. A build writes its new
entries inside its staging folder; they join the cache, one rename each, only when the
build succeeds (under the output folder's lock), so a failed, refused or killed build adds
nothing that a later run could read. Folders of other segmenter versions are removed then.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from datapkg import paths
from datapkg.errors import UnsafePathError
from datapkg.models import (
    Issue,
    Mark,
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
    SegmentNote,
)
from datapkg.schemas import schemas_dir

CACHE_DIR = ".cache"
_PACKAGE = Path(__file__).resolve().parent
_SEGMENTER = _PACKAGE / "segment"


@cache
def segmenter_version() -> str:
    """A hash of what decides a segmentation: the segmenter's modules and language data."""
    digest = hashlib.sha256()
    for source in sorted(_SEGMENTER.glob("*.py")) + sorted(_SEGMENTER.glob("*.yaml")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """Where a build reads cached segmentations and documents' rows (None when there are
    none yet) and where it writes new ones: inside its staging folder, so that they join
    the cache only when the build succeeds (`commit`) and vanish with the staging folder
    when it fails."""

    read: Path | None
    write: Path
    rows_read: Path | None
    rows_write: Path


def _folder_names(max_depth: int) -> tuple[str, str]:
    """The folders of segmentations and of documents' rows, named after their versions."""
    return (
        f"segment-{segmenter_version()[:16]}-depth{max_depth}",
        f"rows-{build_version()[:16]}-depth{max_depth}",
    )


def for_build(out_dir: Path, stage: Path, max_depth: int) -> Cache:
    """The cache of `out_dir` for this datapkg and nesting limit, as a build in `stage`
    uses it."""
    root = out_dir / CACHE_DIR
    # A link in the place of the cache or its folders is never followed: no cache then.
    found = [
        root / name if all(p.is_dir() and not p.is_symlink() for p in (root, root / name)) else None
        for name in _folder_names(max_depth)
    ]
    return Cache(found[0], stage / "cache-new", found[1], stage / "cache-new-rows")


def commit(out_dir: Path, cache: Cache, max_depth: int) -> None:
    """Move a successful build's new entries into the cache, each in one rename (a killed
    run leaves whole entries or none), and drop what other versions left."""
    root = _own_folder(out_dir / CACHE_DIR)
    names = _folder_names(max_depth)
    for entry in os.scandir(root):
        if entry.name not in names:
            _remove(Path(entry.path))
    for name, new in zip(names, (cache.write, cache.rows_write), strict=True):
        target = _own_folder(root / name)
        for shard in os.scandir(target):  # a link or a file where a shard belongs goes
            if not shard.is_dir(follow_symlinks=False):
                _remove(Path(shard.path))
        if not new.is_dir():
            continue
        for shard in sorted(os.scandir(new), key=lambda e: e.name):
            folder = _own_folder(target / shard.name)
            for entry in os.scandir(shard.path):
                os.replace(entry.path, folder / entry.name)


def _own_folder(path: Path) -> Path:
    """`path` as a real folder: a link or a file in its place is removed (never followed:
    the cache writes nothing outside the output folder), then the folder made."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        _remove(path)
    path.mkdir(exist_ok=True)
    return path


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _entry(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256}.json"


def load(folder: Path, sha256: str, text_length: int) -> Segmentation | None:
    """The cached segmentation of a text, or None when there is none that can be trusted."""
    try:
        data = json.loads(paths.read_inside(folder, _entry(sha256)))
        seg = _decode(data)
    except (OSError, UnsafePathError, ValueError, TypeError, KeyError, IndexError):
        return None
    return seg if _fits(seg, text_length) else None


def store(folder: Path, sha256: str, seg: Segmentation) -> None:
    """Keep a segmentation in a build's folder of new entries (see `Cache`). A failure to
    write is not an error of the build: the next one segments the text again."""
    data = json.dumps(_encode(seg), separators=(",", ":"), ensure_ascii=False).encode()
    target = folder / _entry(sha256)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError:
        target.unlink(missing_ok=True)


def _encode(seg: Segmentation) -> dict[str, Any]:
    return {
        "p": [[p.kind.value, p.char_start, p.char_end] for p in seg.paragraphs],
        "q": [
            [
                q.paragraph,
                q.kind.value,
                q.mark.value,
                q.char_start,
                q.char_end,
                q.speaker,
                q.cue,
                q.parent,
                q.first_piece,
                q.speaker_char_start,
                q.speaker_char_end,
                q.cue_char_start,
                q.cue_char_end,
            ]
            for q in seg.quotations
        ],
        "n": [[n.code, n.char_start] for n in seg.notes],
    }


_PARAGRAPH_KINDS = {k.value: k for k in ParagraphKind}
_QUOTATION_KINDS = {k.value: k for k in QuotationKind}
_MARKS = {m.value: m for m in Mark}


def _decode(data: dict[str, Any]) -> Segmentation:
    """The segmentation an entry holds; ValueError, TypeError or KeyError for anything that
    is not exactly what `_encode` writes (a wrong type, a negative position, an unknown kind)."""
    paragraphs = tuple(
        ParagraphSpan(_PARAGRAPH_KINDS[kind], _int(start), _int(end))
        for kind, start, end in data["p"]
    )
    quotations = tuple(map(_quotation, data["q"]))
    notes = tuple(SegmentNote(_str(code), _int(at)) for code, at in data["n"])
    return Segmentation(paragraphs, quotations, notes)


def _quotation(q: list[Any]) -> QuotationSpan:
    # The fields in QuotationSpan's order; a list of another length does not unpack.
    para, kind, mark, start, end, speaker, cue, parent, first, ss, se, cs, ce = q
    _int(para), _int(start), _int(end)
    for optional in (parent, first, ss, se, cs, ce):
        if optional is not None:
            _int(optional)
    if speaker is not None:
        _str(speaker)
    if cue is not None:
        _str(cue)
    return QuotationSpan(
        para,
        _QUOTATION_KINDS[kind],
        _MARKS[mark],
        start,
        end,
        speaker,
        cue,
        parent,
        first,
        ss,
        se,
        cs,
        ce,
    )


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"not a position: {value!r}")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise ValueError(f"not a string: {value!r}")
    return value


def _fits(seg: Segmentation, length: int) -> bool:
    """Whether every span lies in a text of `length` code points and every index points at
    a record that exists: what the records and `validate` rely on."""
    spans = [(p.char_start, p.char_end) for p in seg.paragraphs]
    spans += [(q.char_start, q.char_end) for q in seg.quotations]
    for q in seg.quotations:
        for start, end in (
            (q.speaker_char_start, q.speaker_char_end),
            (q.cue_char_start, q.cue_char_end),
        ):
            if (start is None) != (end is None):
                return False
            if start is not None and end is not None:
                spans.append((start, end))
    if any(not 0 <= s < e <= length for s, e in spans):
        return False
    n = len(seg.quotations)
    return all(
        q.paragraph < len(seg.paragraphs)
        and (q.parent is None or q.parent < n)
        and (q.first_piece is None or q.first_piece < n)
        for q in seg.quotations
    ) and all(note.char_start <= length for note in seg.notes)


# --- documents: a document's findings and rows ------------------------------------------


@cache
def build_version() -> str:
    """A hash of what decides a document's findings and rows: datapkg's modules, the
    segmenter's language data, and the schemas."""
    digest = hashlib.sha256()
    files = [*_PACKAGE.glob("*.py"), *_SEGMENTER.glob("*.py"), *_SEGMENTER.glob("*.yaml")]
    files += [p for p in schemas_dir().rglob("*") if p.is_file()]
    for source in sorted(files):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def document_key(*parts: Any) -> str:
    """The key of a document's entry: a hash of everything its result depends on besides
    datapkg's version (JSON values)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _rows_entry(key: str) -> str:
    return f"{key[:2]}/{key}.rows"


_ROWS_MAGIC = b"datapkg-rows 2\n"
_UNREADABLE_ROWS = (
    OSError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    struct.error,
    pa.ArrowException,
)
_LENGTH = struct.Struct("<Q")
# An entry is compressed whole, in one Zstandard frame: Arrow's own IPC compression works
# buffer by buffer, and its many small buffers made a rebuild read a third of the corpus's
# size per second; one frame is a third of that size and reads ten times as fast, and the
# IPC streams inside it are then read without a copy.
_CODEC = "zstd"
# How much larger than its entry a payload may claim to be: more is a damaged entry (text
# and its records compress about five times), not a reason to allocate gigabytes.
_MAX_EXPANSION = 1000


def store_rows(
    folder: Path, key: str, issues: list[Issue], batches: dict[str, pa.RecordBatch]
) -> None:
    """Keep a document's findings and record batches (see `store` for where and why a
    failure is no error): the magic line, the payload's size, then the payload compressed:
    a JSON header and one Arrow IPC stream per resource, each after its length."""
    payload = io.BytesIO()
    header = {"issues": [i.model_dump(mode="json") for i in issues], "resources": list(batches)}
    for part in (json.dumps(header).encode(), *(_ipc(b) for b in batches.values())):
        payload.write(_LENGTH.pack(len(part)))
        payload.write(part)
    raw = payload.getbuffer()
    packed = pa.compress(raw, codec=_CODEC, asbytes=True)
    target = folder / _rows_entry(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_ROWS_MAGIC + _LENGTH.pack(len(raw)) + packed)
    except OSError:
        target.unlink(missing_ok=True)


def _ipc(batch: pa.RecordBatch) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return bytes(sink.getvalue())


def load_rows(
    folder: Path, key: str, schemas: dict[str, pa.Schema]
) -> tuple[list[Issue], dict[str, pa.RecordBatch]] | None:
    """A document's cached findings and record batches, each of exactly the schema given
    for its resource; None when there is no such entry or it does not read as one. What the
    rows say is checked by the caller (and, like every row, by the package's validation)."""
    try:
        data = paths.read_inside(folder, _rows_entry(key))
        start = len(_ROWS_MAGIC) + _LENGTH.size
        if not data.startswith(_ROWS_MAGIC) or len(data) < start:
            return None
        (size,) = _LENGTH.unpack_from(data, len(_ROWS_MAGIC))
        if size > _MAX_EXPANSION * len(data):
            return None
        payload = pa.decompress(data[start:], decompressed_size=size, codec=_CODEC)
        parts, at = [], 0
        while at < size:
            (length,) = _LENGTH.unpack_from(payload, at)
            parts.append(payload.slice(at + _LENGTH.size, length))
            at += _LENGTH.size + length
        header = json.loads(parts[0].to_pybytes())
        if header["resources"] != list(schemas) or len(parts) != len(schemas) + 1:
            return None
        issues = [Issue.model_validate(i) for i in header["issues"]]
        batches = {}
        for (name, schema), part in zip(schemas.items(), parts[1:], strict=True):
            reader = pa.ipc.open_stream(part)
            batch = reader.read_next_batch()
            if not batch.schema.equals(schema, check_metadata=True):
                return None
            # One batch per stream, as `store_rows` writes them: anything more is damage.
            with contextlib.suppress(StopIteration):
                reader.read_next_batch()
                return None
            batches[name] = batch
    except (*_UNREADABLE_ROWS, UnsafePathError):
        return None
    return issues, batches
