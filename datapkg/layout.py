"""What a datapkg package holds and where: the one home of its file and resource names.

Every module that writes, reads, describes or compares a package takes these names
from here, so that they cannot drift apart:

    <name>-<version>/
        datapackage.json     DESCRIPTOR
        README.md            CARD (the dataset card)
        croissant.json       CROISSANT
        CHANGELOG.md         CHANGELOG (the package's own history, when it has one)
        data/<table>.csv     resource <table>
        data/<table>.parquet resource <table>-parquet
        data/<table>-00001.csv, data/<table>-00002.csv, ...
                             a table past the shard size, in shards (a list of paths)
    <name>-<version>.zip     its archive
    SHA256SUMS               CHECKSUMS, over every archive in the output folder
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"
CARD = "README.md"
CROISSANT = "croissant.json"
VIEW = "view.html"  # the page that shows the package in a browser
CHANGELOG = "CHANGELOG.md"
CHECKSUMS = "SHA256SUMS"

#: Each table is published in both formats, CSV first.
FORMATS = ("csv", "parquet")
# frictionless (5.x) reads Parquet through pyarrow, not its byte stream, so it counts no
# bytes and reports a false `byte-count` error for any Parquet resource with `bytes` (it
# skips `hash` for the same reason). Parquet sizes go under a namespaced property instead;
# `datapkg validate` checks both.
BYTES_PROPERTY = {"csv": "bytes", "parquet": "datapkg:bytes"}
_PARQUET_SUFFIX = "-parquet"

_LINE_BREAK_RUN = re.compile(r"\s*\n\s*")


def data_path(table: str, fmt: str) -> str:
    """The path of a table's file inside the package folder: `data/<table>.<fmt>`."""
    return f"data/{table}.{fmt}"


def shard_path(table: str, fmt: str, number: int) -> str:
    """The path of a table's shard `number` (from 1): `data/<table>-00001.<fmt>`. A table
    written in one file keeps `data_path`; past the shard size, every part is a shard."""
    return f"data/{table}-{number:05d}.{fmt}"


def shard_glob(table: str, fmt: str) -> str:
    """A glob that matches a table's shards in a format, and no other file."""
    return f"data/{table}-*.{fmt}"


def table_files(package_dir: Path, table: str, fmt: str) -> list[str]:
    """The files a table was written to in `package_dir`, in order: `data_path` alone, or
    its shards. Empty when neither is there."""
    if (package_dir / data_path(table, fmt)).exists():
        return [data_path(table, fmt)]
    files: list[str] = []
    while (package_dir / shard_path(table, fmt, len(files) + 1)).exists():
        files.append(shard_path(table, fmt, len(files) + 1))
    return files


def resource_paths(resource: dict[str, Any]) -> list[Any]:
    """The files of a resource, in order: its `path`, or each path of a list of them (Data
    Package v2: a table split into files, read as one). What is not a string is kept as it
    is, for the caller's path check to refuse."""
    path = resource.get("path")
    return list(path) if isinstance(path, list) else [path]


def resource_name(table: str, fmt: str) -> str:
    """The resource that holds a table in a format: `documents`, `documents-parquet`."""
    return table if fmt == "csv" else f"{table}-{fmt}"


def table_name(resource: dict[str, Any]) -> str:
    """The table a resource holds: `quotations-parquet` -> `quotations`."""
    name = resource.get("name")
    if not isinstance(name, str):
        return ""
    fmt = resource.get("format")
    return name.removesuffix(f"-{fmt}") if isinstance(fmt, str) and fmt != "csv" else name


def parquet_twin(table: str) -> str:
    """The name of a table's Parquet resource."""
    return table + _PARQUET_SUFFIX


def names(value: Any) -> list[Any]:
    """Table Schema allows a single field name wherever it allows a list of them (anything
    else names no field)."""
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def normalise_span_text(span: str) -> str:
    """The published `text` of a span: each white-space run holding a line break -> one space."""
    return _LINE_BREAK_RUN.sub(" ", span) if "\n" in span else span
