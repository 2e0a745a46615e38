"""The files in `schemas/`, loaded: the single source of column truth.

The Table Schemas describe the three resources; the pyarrow schemas are
derived from them here and nowhere else, so a column changes in one place.
`source-text.json` holds the rules and limits a source text must meet. `profiles/` holds
the standard Data Package profiles (JSON Schemas, as published at datapackage.org) so that
descriptors are checked against them offline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

RESOURCES = ("documents", "paragraphs", "quotations")
CATALOG_SCHEMA_FILE = "catalog.schema.json"
SOURCE_RULES_FILE = "source-text.json"
#: The profile a Data Package v2 descriptor names in `$schema`, and the ones datapkg has offline.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_PROFILE_URL = re.compile(r"^https://datapackage\.org/profiles/(1\.0|2\.0)/datapackage\.json$")
# A v1 descriptor names its profile by a short name; one without a profile is v1 (v2 spec).
_V1_PROFILES = ("data-package", "tabular-data-package")

# Table Schema type -> Arrow type. Only the types the schemas use are mapped,
# so a schema that starts using another type fails loudly here.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def schemas_dir() -> Path:
    """Where the schema files are: inside an installed wheel, or the repository's `schemas/`."""
    installed = Path(__file__).parent / "_schemas"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "schemas"


def _load_json(name: str) -> dict[str, Any]:
    with (schemas_dir() / name).open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@cache
def table_schema(resource: str) -> dict[str, Any]:
    """The Table Schema descriptor of a resource (shared, not copied: do not mutate it)."""
    if resource not in RESOURCES:
        raise KeyError(f"unknown resource {resource!r}; expected one of {', '.join(RESOURCES)}")
    return _load_json(f"{resource}.tableschema.json")


def field_names(resource: str) -> list[str]:
    return [f["name"] for f in table_schema(resource)["fields"]]


def arrow_schema_of(schema: dict[str, Any]) -> pa.Schema:
    """The Arrow schema of a Table Schema descriptor, field by field; nothing inferred."""
    fields = []
    for field in schema["fields"]:
        try:
            arrow_type = _ARROW_TYPES[field["type"]]
        except KeyError:
            raise ValueError(
                f"field {field['name']!r} has type {field['type']!r}, which has no Arrow mapping"
            ) from None
        required = field.get("constraints", {}).get("required", False)
        fields.append(pa.field(field["name"], arrow_type, nullable=not required))
    return pa.schema(fields, metadata=_pandas_nullable_integers(fields))


def _pandas_nullable_integers(fields: list[pa.Field]) -> dict[bytes, bytes] | None:
    """Parquet metadata that makes pandas read an integer column with nulls as integers.

    Without it pandas turns such a column into floats (1911.0, NaN), and frictionless, which
    reads Parquet through pandas, then rejects every null as "nan". The metadata is pandas'
    own (`numpy_type: Int64`, its nullable integer type); other readers ignore it.
    """
    columns = [
        {
            "name": f.name,
            "field_name": f.name,
            "pandas_type": "int64",
            "numpy_type": "Int64",
            "metadata": None,
        }
        for f in fields
        if f.nullable and pa.types.is_integer(f.type)
    ]
    if not columns:
        return None
    pandas = {"index_columns": [], "column_indexes": [], "columns": columns}
    return {b"pandas": json.dumps(pandas, sort_keys=True).encode()}


@cache
def arrow_schema(resource: str) -> pa.Schema:
    """The Arrow schema of one of the package's resources, derived from `schemas/`."""
    return arrow_schema_of(table_schema(resource))


@cache
def source_rules() -> dict[str, Any]:
    """The rules and limits of `schemas/source-text.json`."""
    return _load_json(SOURCE_RULES_FILE)


def catalogue_json_schema() -> dict[str, Any]:
    """The catalogue's JSON Schema, generated from the pydantic models (committed in schemas/)."""
    from datapkg.models import Catalogue

    schema = Catalogue.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CATALOG_SCHEMA_FILE,
        **schema,
    }


def render_catalogue_json_schema() -> str:
    return json.dumps(catalogue_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_catalogue_json_schema() -> Path:
    """Rewrite schemas/catalog.schema.json from the models (`make schemas`)."""
    path = schemas_dir() / CATALOG_SCHEMA_FILE
    path.write_text(render_catalogue_json_schema(), encoding="utf-8")
    return path


def package_profile(descriptor: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The profile a package descriptor names (`$schema`, or v1's `profile`) and its JSON
    Schema when it is a standard one datapkg ships; None for any other, which is never
    fetched. A descriptor that names none is a v1 descriptor, as the v2 spec says."""
    named = descriptor.get("$schema")
    if named is None:
        profile = descriptor.get("profile")
        if profile is None:
            return "Data Package v1 (the descriptor names no `$schema`)", _standard_profile("1.0")
        named = profile
    if not isinstance(named, str):
        return repr(named), None
    if named in _V1_PROFILES:
        return named, _standard_profile("1.0")
    m = _PROFILE_URL.match(named)
    return named, (_standard_profile(m.group(1)) if m else None)


@cache
def _standard_profile(version: str) -> dict[str, Any]:
    """A standard Data Package profile (shared, not copied: do not mutate it)."""
    return _load_json(f"profiles/{version}/datapackage.json")
