"""Describe a written package: `datapackage.json`.

Every resource gets its `bytes` and sha256 `hash` (of its files read as one, when a
table is split into shards). Each table is
published twice, as CSV (`documents`) and Parquet (`documents-parquet`); the
Parquet resources' foreign keys point at their Parquet siblings, so either
set of three is a complete package on its own.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from datapkg import paths
from datapkg.layout import BYTES_PROPERTY, DESCRIPTOR, FORMATS, resource_name, table_files
from datapkg.models import Catalogue
from datapkg.schemas import PACKAGE_PROFILE, RESOURCES, table_schema

_MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def file_digest(path: Path) -> tuple[int, str]:
    """(bytes, sha256 hex) of a file, read in chunks."""
    return paths.digest_inside(path.parent, path.name)


def _schema_for(resource: str, fmt: str) -> dict[str, Any]:
    schema = copy.deepcopy(table_schema(resource))
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        if "resource" in ref:  # a reference without `resource` points at its own resource
            ref["resource"] = resource_name(ref["resource"], fmt)
    return schema


def _resource_descriptor(package_dir: Path, resource: str, fmt: str) -> dict[str, Any]:
    files = table_files(package_dir, resource, fmt)
    # A table in shards is one resource whose `path` lists them; its size and hash are
    # those of the files read as one, as frictionless reads them (`paths.digest_parts_inside`).
    size, digest = paths.digest_parts_inside(package_dir, files, headed=fmt == "csv")
    descriptor: dict[str, Any] = {
        "name": resource_name(resource, fmt),
        "type": "table",
        "path": files[0] if len(files) == 1 else files,
        "format": fmt,
        "mediatype": _MEDIATYPES[fmt],
        BYTES_PROPERTY[fmt]: size,
        "hash": f"sha256:{digest}",
    }
    if fmt == "csv":
        descriptor["encoding"] = "utf-8"
    descriptor["schema"] = _schema_for(resource, fmt)
    return descriptor


def describe(
    package_dir: Path, catalogue: Catalogue, created: dt.datetime | None
) -> dict[str, Any]:
    """The `datapackage.json` descriptor of the files written in `package_dir`."""
    descriptor: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": catalogue.name,
        "title": catalogue.title,
        "version": catalogue.version,
    }
    if catalogue.id:
        descriptor["id"] = catalogue.id
    if catalogue.description:
        descriptor["description"] = catalogue.description
    if catalogue.homepage:
        descriptor["homepage"] = catalogue.homepage
    if catalogue.image:
        descriptor["image"] = catalogue.image
    if catalogue.keywords:
        descriptor["keywords"] = list(catalogue.keywords)
    if created is not None:
        descriptor["created"] = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Contributors, licences and sources as Data Package v2 spells them (`givenName`, ...).
    for key in ("contributors", "licenses", "sources"):
        if entries := getattr(catalogue, key):
            descriptor[key] = [
                e.model_dump(exclude_none=True, by_alias=True, mode="json") for e in entries
            ]
    # Not a Data Package v2 property: a statement of rights where no licence was granted,
    # kept as a custom property (v2 allows them) because `licenses` must name a licence.
    if catalogue.rights:
        descriptor["rights"] = catalogue.rights
    descriptor["resources"] = [
        _resource_descriptor(package_dir, resource, fmt)
        for fmt in FORMATS
        for resource in RESOURCES
    ]
    return descriptor


def write_descriptor(package_dir: Path, descriptor: dict[str, Any]) -> None:
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (package_dir / DESCRIPTOR).write_text(text, encoding="utf-8")
