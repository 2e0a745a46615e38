"""Read a built package's tables into pyarrow, for Python users.

    from datapkg.load import load, load_all
    quotations = load("dist/iraq-war-articles-0.1.1")           # a pyarrow.Table
    documents = load("dist/iraq-war-articles-0.1.1/datapackage.json", "documents")
    tables = load_all("dist/iraq-war-articles-0.1.1")            # {"documents": ..., ...}

Tables are named as in the dataset card (`documents`, `paragraphs`,
`quotations`); `format` picks the Parquet (default) or the CSV copy. Both give
the same table: CSV is read with the Arrow types and nullability its Table
Schema declares, an unquoted empty field as null and a quoted one as "".
Nothing is checked beyond what reading needs: `datapkg validate` does that.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from datapkg.errors import InvalidPackageError
from datapkg.layout import DESCRIPTOR, resource_paths, table_name
from datapkg.reader import load_descriptor, read_table, readable_resources

_PREFERRED = ("parquet", "csv")  # the format asked for first, when listing what there is


def _package_dir(package: str | Path) -> Path:
    """The package folder of `package`: the folder itself, or the folder of its descriptor."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+://", str(package)):
        raise InvalidPackageError(
            f"{package}: a URL; datapkg reads a package from a local folder: download it "
            "(its folder or zip) and pass the folder"
        )
    path = Path(package)
    if path.is_dir():
        return path
    if path.name == DESCRIPTOR:
        return path.parent
    if path.exists():
        raise InvalidPackageError(
            f"{path}: not a package; pass a package folder or its {DESCRIPTOR}"
        )
    raise InvalidPackageError(
        f"{path}: no such folder; pass a folder built by `datapkg build` (dist/<name>-<version>)"
    )


def _tables(descriptor: dict[str, Any], fmt: str) -> list[dict[str, Any]]:
    return [
        r
        for r in descriptor["resources"]
        if isinstance(r, dict) and r.get("format") == fmt and isinstance(r.get("name"), str)
    ]


def _describe_available(descriptor: dict[str, Any]) -> str:
    parts = []
    for fmt in _PREFERRED:
        names = [table_name(r) for r in _tables(descriptor, fmt)]
        if names:
            parts.append(f"{fmt}: {', '.join(names)}")
    return "; ".join(parts) if parts else "none"


def _find(descriptor: dict[str, Any], resource: str, fmt: str, where: Path) -> dict[str, Any]:
    for r in _tables(descriptor, fmt):
        if resource in (table_name(r), r["name"]):
            return r
    available = _describe_available(descriptor)
    raise InvalidPackageError(
        f"{where}: has no {fmt} table {resource!r}; its tables are {available}"
    )


def _read(package_dir: Path, resource: dict[str, Any]) -> pa.Table:
    name = resource["name"]
    usable, refused = readable_resources(package_dir, {"resources": [resource]})
    if refused:
        raise InvalidPackageError(
            f"{package_dir / DESCRIPTOR}: resource {name!r}: {refused[0].message}"
        )
    for path in resource_paths(resource):
        if not (package_dir / path).is_file():
            raise InvalidPackageError(
                f"{package_dir / path}: no such file (resource {name!r}); rebuild the package "
                "or copy it whole"
            )
    file = package_dir / resource_paths(resource)[0]
    try:
        return read_table(package_dir, usable[name])
    except (pa.ArrowException, OSError, KeyError, ValueError) as e:
        raise InvalidPackageError(
            f"{file}: cannot be read as resource {name!r} ({e}); run `datapkg validate`"
        ) from e


def load(package: str | Path, resource: str = "quotations", *, format: str = "parquet") -> pa.Table:
    """One table of a package as a pyarrow Table.

    `package` is a package folder or its `datapackage.json`; `resource` a table
    name (`documents`, `paragraphs`, `quotations`); `format` `"parquet"` or `"csv"`.
    Raises `InvalidPackageError` if the package or the table cannot be found or read.
    """
    package_dir = _package_dir(package)
    descriptor = load_descriptor(package_dir)
    return _read(package_dir, _find(descriptor, resource, format, package_dir / DESCRIPTOR))


def load_all(package: str | Path, *, format: str = "parquet") -> dict[str, pa.Table]:
    """Every table of a package in one format, by table name, in the descriptor's order."""
    package_dir = _package_dir(package)
    descriptor = load_descriptor(package_dir)
    resources = _tables(descriptor, format)
    if not resources:
        raise InvalidPackageError(
            f"{package_dir / DESCRIPTOR}: has no {format} tables; "
            f"its tables are {_describe_available(descriptor)}"
        )
    return {table_name(r): _read(package_dir, r) for r in resources}
