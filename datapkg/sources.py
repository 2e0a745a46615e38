"""Read the sources: find the text files, read the catalogue, read bytes, decode, hash.

No judgement is passed here: `checks` decides what is acceptable. This module
only finds and reads, one file at a time, so a corpus of millions of files
streams through without being held in memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from datapkg.errors import SourceError

CATALOG_NAMES = ("catalog.yaml", "catalog.yml")
TEXT_SUFFIX = ".txt"
UTF8_BOM = b"\xef\xbb\xbf"
_LINE_BREAKS = re.compile(r"\r\n?")


@dataclass(frozen=True)
class SourceFile:
    """A text file found in the source folder."""

    relpath: str  # POSIX path relative to the source folder: portable across machines
    path: Path

    @property
    def stem(self) -> str:
        return PurePosixPath(self.relpath).stem


@dataclass(frozen=True)
class RawCatalogue:
    """The catalogue as parsed YAML, with the YAML node tree kept to locate findings."""

    path: Path
    data: Any
    node: yaml.Node | None


def find_text_files(source_dir: Path) -> list[SourceFile]:
    """Every `.txt` file below `source_dir`, in a fixed (sorted) order."""
    if not source_dir.is_dir():
        raise SourceError(
            f"{source_dir}: no such folder; pass the folder that holds your .txt files"
        )
    files = [
        SourceFile(relpath=p.relative_to(source_dir).as_posix(), path=p)
        for p in source_dir.rglob(f"*{TEXT_SUFFIX}")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source_dir).parts)
    ]
    return sorted(files, key=lambda f: f.relpath)


def find_catalogue(source_dir: Path) -> Path | None:
    for name in CATALOG_NAMES:
        candidate = source_dir / name
        if candidate.is_file():
            return candidate
    return None


def read_catalogue(path: Path) -> RawCatalogue:
    """Parse the catalogue YAML. Syntax errors propagate as `yaml.YAMLError` with a position."""
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    data = yaml.safe_load(text)
    return RawCatalogue(path=path, data=data, node=node)


def locate(node: yaml.Node | None, loc: tuple[int | str, ...]) -> tuple[int, int] | None:
    """1-based (line, column) of the YAML node at a pydantic error location, as near as it goes."""
    if node is None:
        return None
    mark = node.start_mark
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node, mark = child, child.start_mark
    return mark.line + 1, mark.column + 1


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    return path.read_bytes()


def decode(data: bytes) -> str:
    """Bytes -> the document text every offset indexes.

    Strict UTF-8; a leading BOM is dropped; CRLF and lone CR become LF. Nothing
    else changes, so the text stays byte-for-byte recognisable in the source.
    Raises `UnicodeDecodeError` on invalid UTF-8 (`checks` reports it first).
    """
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    return _LINE_BREAKS.sub("\n", data.decode("utf-8"))


def iter_files(files: list[SourceFile]) -> Iterator[tuple[SourceFile, bytes]]:
    """Read the files one at a time, in order."""
    for f in files:
        yield f, read_bytes(f.path)
