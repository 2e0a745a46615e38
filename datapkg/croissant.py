"""An MLCommons Croissant 1.0 description of a package, derived from its `datapackage.json`.

`croissant_descriptor` is a pure function of the Data Package descriptor: no
clock, no file reads. It describes the Parquet files only (one `cr:FileObject`
each, with the sha256 the descriptor records) and one `cr:RecordSet` per
table, whose `cr:Field`s extract the table's columns from its Parquet file.

Mapping choices:

- The Parquet resources' media type `application/vnd.apache.parquet` becomes
  `application/x-parquet`, the value Croissant 1.0 and `mlcroissant` read.
- A RecordSet is named after the table (`documents`), not the Parquet
  resource (`documents-parquet`); its Fields are `<table>/<column>`.
- Primary keys become `key`; a foreign key to another table becomes
  `references` on each of its fields. A foreign key to the table itself
  (`parent_quotation_id` -> `quotation_id`) is left out: a RecordSet that
  references itself makes a cycle in Croissant's graph of record sets.
- `license` appears only when the package has licences; a package with a
  rights statement instead gets it as `copyrightNotice`.
- `datePublished` is the package's `created` timestamp, when it has one.
"""

from __future__ import annotations

import copy
import json
import posixpath
from typing import Any

from datapkg.layout import table_name

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"

# The standard Croissant 1.0 @context, with the two terms (`equivalentProperty`,
# `samplingRate`) that mlcroissant's 1.0 context adds and warns about when missing.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

# Table Schema type -> Croissant dataType. A type not listed fails loudly.
DATA_TYPES: dict[str, str] = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
    "time": "sc:Time",
}
# Table Schema string formats with a more precise Croissant dataType.
_STRING_FORMATS = {"uri": "sc:URL"}

# Data Package media types -> the encodingFormat Croissant readers recognise.
_ENCODING_FORMATS = {
    "application/vnd.apache.parquet": "application/x-parquet",
    "application/parquet": "application/x-parquet",
}
PARQUET_ENCODING = "application/x-parquet"
_BYTES_KEYS = ("bytes", "datapkg:bytes")


def _ref(node_id: str) -> dict[str, str]:
    return {"@id": node_id}


def _checksum(resource: dict[str, Any]) -> tuple[str, str]:
    """(`sha256` or `md5`, hex digest) from a resource's Data Package `hash`."""
    value = resource.get("hash")
    if not isinstance(value, str) or not value:
        raise ValueError(f"resource {resource['name']!r} has no hash; Croissant needs sha256")
    algorithm, _, digest = value.rpartition(":")
    algorithm = algorithm or "md5"  # a Data Package hash without a prefix is MD5
    if algorithm not in ("sha256", "md5"):
        raise ValueError(
            f"resource {resource['name']!r} has a {algorithm} hash; Croissant takes sha256 or md5"
        )
    return algorithm, digest.lower()


def _file_object(resource: dict[str, Any], file_id: str) -> dict[str, Any]:
    path = resource["path"]
    if not isinstance(path, str):
        raise ValueError(f"resource {resource['name']!r} must have a single path")
    mediatype = resource.get("mediatype", PARQUET_ENCODING)
    node: dict[str, Any] = {
        "@type": "cr:FileObject",
        "@id": file_id,
        "name": file_id,
        "description": f"The {table_name(resource)} table as Parquet.",
        "contentUrl": path,
        "encodingFormat": _ENCODING_FORMATS.get(mediatype, mediatype),
    }
    size = next((resource[k] for k in _BYTES_KEYS if k in resource), None)
    if size is not None:
        node["contentSize"] = f"{size} B"
    algorithm, digest = _checksum(resource)
    node[algorithm] = digest
    return node


def _data_type(field: dict[str, Any]) -> str:
    field_type = field.get("type", "string")
    if field_type == "string" and field.get("format") in _STRING_FORMATS:
        return _STRING_FORMATS[field["format"]]
    try:
        return DATA_TYPES[field_type]
    except KeyError:
        raise ValueError(
            f"field {field['name']!r} has type {field_type!r}, which has no Croissant mapping"
        ) from None


def _foreign_keys(schema: dict[str, Any], table: str, tables: dict[str, str]) -> dict[str, str]:
    """column -> referenced Field @id, for foreign keys to other tables of the package."""
    references: dict[str, str] = {}
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        resource = ref.get("resource")
        # By the Parquet resource's name; or by the table's (a reference to a CSV twin).
        target = tables.get(resource, resource if resource in tables.values() else None)
        if not resource:
            target = table
        if target is None or target == table:
            continue  # a reference outside the Parquet set, or to the table itself
        fields, ref_fields = fk["fields"], ref["fields"]
        if isinstance(fields, str):
            fields, ref_fields = [fields], [ref_fields]
        for column, ref_column in zip(fields, ref_fields, strict=True):
            references[column] = f"{target}/{ref_column}"
    return references


def _record_set(resource: dict[str, Any], file_id: str, tables: dict[str, str]) -> dict[str, Any]:
    table = table_name(resource)
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        raise ValueError(f"resource {resource['name']!r} must have an inline Table Schema")
    references = _foreign_keys(schema, table, tables)
    fields = []
    for field in schema["fields"]:
        column = field["name"]
        node: dict[str, Any] = {"@type": "cr:Field", "@id": f"{table}/{column}", "name": column}
        if description := field.get("description") or field.get("title"):
            node["description"] = description
        node["dataType"] = _data_type(field)
        node["source"] = {"fileObject": _ref(file_id), "extract": {"column": column}}
        if column in references:
            node["references"] = {"field": _ref(references[column])}
        fields.append(node)
    record_set: dict[str, Any] = {"@type": "cr:RecordSet", "@id": table, "name": table}
    if description := resource.get("description") or resource.get("title"):
        record_set["description"] = description
    primary_key = schema.get("primaryKey")
    if primary_key:
        columns = [primary_key] if isinstance(primary_key, str) else primary_key
        keys = [_ref(f"{table}/{column}") for column in columns]
        record_set["key"] = keys[0] if len(keys) == 1 else keys
    record_set["field"] = fields
    return record_set


def _license(lic: dict[str, Any]) -> str | dict[str, Any]:
    """A Data Package licence as schema.org `license`: its URL, else a named CreativeWork."""
    if lic.get("path"):
        path: str = lic["path"]
        return path
    node: dict[str, Any] = {"@type": "sc:CreativeWork", "name": lic.get("title") or lic["name"]}
    if lic.get("name") and lic.get("title"):
        node["alternateName"] = lic["name"]
    return node


def croissant_descriptor(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The Croissant 1.0 JSON-LD of a package, from its `datapackage.json` descriptor."""
    parquet = [r for r in descriptor.get("resources", []) if r.get("format") == "parquet"]
    if not parquet:
        raise ValueError("the package has no Parquet resources for Croissant to describe")
    file_ids = {r["name"]: posixpath.basename(r["path"]) for r in parquet}
    if len(set(file_ids.values())) != len(file_ids):
        raise ValueError("Parquet resources must have distinct file names")
    tables = {r["name"]: table_name(r) for r in parquet}
    if len(set(tables.values())) != len(tables):
        raise ValueError("Parquet resources must hold distinct tables")

    doc: dict[str, Any] = {
        "@context": copy.deepcopy(CONTEXT),  # consumers (mlcroissant) mutate it in place
        "@type": "sc:Dataset",
        "name": descriptor["name"],
    }
    if descriptor.get("title") and descriptor["title"] != descriptor["name"]:
        doc["alternateName"] = descriptor["title"]
    if description := descriptor.get("description") or descriptor.get("title"):
        doc["description"] = description
    doc["conformsTo"] = CONFORMS_TO
    if descriptor.get("version"):
        doc["version"] = descriptor["version"]
    if descriptor.get("homepage"):
        doc["url"] = descriptor["homepage"]
    if descriptor.get("keywords"):
        doc["keywords"] = list(descriptor["keywords"])
    if descriptor.get("created"):
        doc["datePublished"] = descriptor["created"]
    if descriptor.get("licenses"):
        doc["license"] = [_license(lic) for lic in descriptor["licenses"]]
    if descriptor.get("rights"):
        doc["copyrightNotice"] = descriptor["rights"]
    doc["distribution"] = [_file_object(r, file_ids[r["name"]]) for r in parquet]
    doc["recordSet"] = [_record_set(r, file_ids[r["name"]], tables) for r in parquet]
    return doc


def render_croissant(descriptor: dict[str, Any]) -> str:
    """`croissant.json`'s text: the Croissant document, indented, UTF-8, final newline."""
    return json.dumps(croissant_descriptor(descriptor), indent=2, ensure_ascii=False) + "\n"
