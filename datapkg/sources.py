"""Read the sources: find the text files, read the catalogue, read bytes, decode, hash.

No judgement is passed here: `checks` decides what is acceptable. This module
only finds and reads, one file at a time, so a corpus of millions of files
streams through without being held in memory. What it cannot find or read, it
says as a `Finding` (a rule code of `schemas/source-text.json` and a detail), never
by skipping in silence.

Nothing outside the source folder is read: the walk never follows a link to a
folder, and a file that is a link is read only when it leads to a file inside
the folder (`paths.escapes`). Sizes are taken from the file system before a byte
is read, and no more than the limit the caller gives is ever read.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import yaml

from datapkg.errors import SourceError, UnsafePathError
from datapkg.models import Finding, FoundFiles, RawCatalogue, SourceFile
from datapkg.paths import escapes, open_inside

CATALOG_NAMES = ("catalog.yaml", "catalog.yml")
TEXT_SUFFIX = ".txt"
UTF8_BOM = b"\xef\xbb\xbf"
_LINE_BREAKS = re.compile(r"\r\n?")
# libyaml's parser when PyYAML has it (50 times faster), else the pure-Python one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TooLarge(Exception):
    """A file is larger than the limit it is read with; nothing of it was read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes > {limit:,}")
        self.size, self.limit = size, limit


class CatalogueShapeError(Exception):
    """The catalogue nests too deep or its aliases expand too far; carries a position."""

    def __init__(
        self, code: str, detail: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(detail)
        self.code, self.detail, self.line, self.column = code, detail, line, column


def _check_folder(source_dir: Path) -> None:
    try:
        is_dir = source_dir.is_dir()
    except OSError as e:  # a path too long, a loop of links ...
        raise SourceError(
            f"{source_dir}: cannot be opened ({e.strerror}); check the path"
        ) from None
    if not is_dir:
        raise SourceError(
            f"{source_dir}: no such folder; pass the folder that holds your .txt files"
        )


def find_text_files(source_dir: Path) -> FoundFiles:
    """Every `.txt` file below `source_dir`, in a fixed (sorted) order.

    Hidden files and folders (a name starting with ".") are left out. A folder that
    cannot be listed, a `.txt` name that is not a regular file, and a link that leads
    outside the folder are findings. A link to a folder inside is not followed (its
    files are found at their own path) and is noted.
    """
    _check_folder(source_dir)
    found = FoundFiles()
    pending: list[tuple[str, Path]] = [("", source_dir)]
    while pending:
        rel, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as e:
            found.findings.append(Finding("unreadable", rel or ".", f"folder: {e.strerror}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relpath = f"{rel}/{entry.name}" if rel else entry.name
            try:
                if entry.is_symlink():
                    _linked(source_dir, entry, relpath, found)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((relpath, Path(entry.path)))
                elif entry.name.endswith(TEXT_SUFFIX):
                    if entry.is_file(follow_symlinks=False):
                        found.files.append(SourceFile(relpath, Path(entry.path)))
                    else:
                        found.findings.append(
                            Finding("not-a-file", relpath, "a device, pipe or socket")
                        )
            except OSError as e:
                found.findings.append(Finding("unreadable", relpath, str(e.strerror)))
    found.files.sort(key=lambda f: f.relpath)
    found.findings.sort(key=lambda f: f.relpath)
    return found


def _linked(source_dir: Path, entry: os.DirEntry[str], relpath: str, found: FoundFiles) -> None:
    """A symbolic link met by the walk: used only when it stays inside the folder."""
    target = os.readlink(entry.path)
    is_text = entry.name.endswith(TEXT_SUFFIX)
    if escapes(source_dir, Path(entry.path)) is not None:
        # Only a link that would have given sources (a .txt file or a folder) matters;
        # the folder test looks at the target's type, never at its content.
        if is_text or Path(entry.path).is_dir():
            found.findings.append(Finding("path-escape", relpath, f"a link to {target}"))
    elif entry.is_dir(follow_symlinks=True):
        found.findings.append(Finding("link-not-followed", relpath, f"a link to {target}"))
    elif not is_text:
        return
    elif entry.is_file(follow_symlinks=True):
        real = Path(entry.path).resolve()
        found.files.append(
            SourceFile(relpath, real, real.relative_to(source_dir.resolve()).as_posix())
        )
    else:
        found.findings.append(Finding("unreadable", relpath, f"a link to {target}, not a file"))


def find_catalogue(source_dir: Path) -> Path | None:
    """The catalogue's path, if there is one: whatever has its name, even a folder or a link,
    so that what cannot be read as a catalogue is reported, not taken for its absence."""
    found = [source_dir / name for name in CATALOG_NAMES if os.path.lexists(source_dir / name)]
    if len(found) > 1:
        raise SourceError(
            f"{source_dir}: has both {found[0].name} and {found[1].name}; keep one catalogue"
        )
    return found[0] if found else None


def read_bytes(root: Path, relpath: str, limit: int) -> bytes:
    """The bytes of the regular file `relpath` below `root`, refused (`TooLarge`) before
    reading when it holds more than `limit`. Opened without following any link on the way
    (`paths.open_inside`): `UnsafePathError` for a link or what is not a regular file,
    `OSError` when it cannot be read."""
    fd = open_inside(root, relpath)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise TooLarge(size, limit)
        chunks = []
        left = limit + 1  # a file that grows while it is read is still refused
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def read_top_file(source_dir: Path, path: Path, limit: int) -> bytes:
    """`read_bytes` of a file at the top of the source folder that may be a link, only when
    the link leads inside the folder (`UnsafePathError` naming its target otherwise)."""
    if not path.is_symlink():
        return read_bytes(source_dir, path.name, limit)
    if escapes(source_dir, path) is not None:
        raise UnsafePathError(f"a link to {os.readlink(path)}, outside the source folder")
    real = path.resolve().relative_to(source_dir.resolve()).as_posix()
    return read_bytes(source_dir, real, limit)


def read_catalogue(
    path: Path, *, limit: int = 1 << 30, max_depth: int = 64, source_dir: Path | None = None
) -> RawCatalogue:
    """Parse the catalogue YAML, in time and memory linear in its size.

    Before anything is built from it, one pass over its parse events checks that it
    nests at most `max_depth` collections deep and that its aliases (`*name`) do not
    expand it past a few times its own size (`CatalogueShapeError`). Syntax errors
    propagate as `yaml.YAMLError` with a position; `TooLarge`, `OSError` and
    `UnsafePathError` as `read_bytes` raises them.
    """
    data = read_top_file(source_dir or path.parent, path, limit)  # refuses a folder, a pipe ...
    text = data.decode("utf-8")
    _check_shape(text, max_depth)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        try:
            value = loader.construct_document(node) if node is not None else None
        except (ValueError, TypeError, OverflowError) as e:  # "2026-02-30": no such date
            raise CatalogueShapeError("catalog-syntax", f"a value cannot be read: {e}") from None
    finally:
        loader.dispose()
    return RawCatalogue(
        path=path, data=value, node=node, findings=tuple(_duplicate_keys(node, path.name))
    )


def _position(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a YAML mark."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _check_shape(text: str, max_depth: int) -> None:
    """Depth of nesting and expansion by aliases, from the event stream (no recursion)."""
    open_sizes: list[list[Any]] = []  # per open collection: [nodes so far, anchor]
    anchored: dict[str, int] = {}
    nodes = expanded = 0
    for event in yaml.parse(text, Loader=_Loader):
        size = 0
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_sizes) >= max_depth:
                raise CatalogueShapeError(
                    "catalog-depth",
                    f"more than {max_depth} levels",
                    *_position(event.start_mark),
                )
            open_sizes.append([1, event.anchor])
            nodes += 1
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size, anchor = open_sizes.pop()
            if anchor:
                anchored[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            nodes += 1
            if event.anchor:
                anchored[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = anchored.get(event.anchor or "", 1)
            expanded += size
            if expanded > 4 * nodes + 10_000:
                raise CatalogueShapeError(
                    "catalog-aliases",
                    f"its aliases expand it to over {expanded:,} values",
                    *_position(event.start_mark),
                )
        else:
            continue
        if open_sizes:
            open_sizes[-1][0] += size


def _duplicate_keys(root: yaml.Node | None, name: str) -> list[Finding]:
    """Keys set twice in one mapping, with the lines of both (YAML would keep the last)."""
    findings: list[Finding] = []
    pending = [root] if root is not None else []
    seen_nodes: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen_nodes:  # an alias: the same node again
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in node.value:
                pending.append(value)
                if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                    continue
                if key.value in first:
                    line = first[key.value].start_mark.line + 1
                    findings.append(
                        Finding(
                            "catalog-duplicate-key",
                            name,
                            f"{key.value!r} is set on line {line} and again on line "
                            f"{key.start_mark.line + 1}",
                            key.start_mark.line + 1,
                            key.start_mark.column + 1,
                        )
                    )
                else:
                    first[key.value] = key
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return sorted(findings, key=lambda f: (f.line or 0, f.column or 0))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> str:
    """Bytes -> the document text every offset indexes.

    Strict UTF-8; a leading BOM is dropped; CRLF and lone CR become LF. Nothing
    else changes, so the text stays byte-for-byte recognisable in the source.
    Raises `UnicodeDecodeError` on invalid UTF-8 (`checks` reports it first).
    """
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    return _LINE_BREAKS.sub("\n", data.decode("utf-8"))
