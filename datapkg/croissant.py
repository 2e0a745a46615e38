"""An MLCommons Croissant 1.0 description of a package, derived from its `datapackage.json`.

`croissant_descriptor` is a pure function of the Data Package descriptor: no
clock, no file reads. It builds the description with `mlcroissant`'s node
classes (`Metadata`, `FileObject`, `RecordSet`, `Field`, `Source`, `Extract`,
`Person`, `Organization`) and serialises it with `Metadata.to_json()`, so the
`@context`, key order and property names are the library's. It describes the
Parquet files only (one `cr:FileObject` each, with the sha256 the descriptor
records; a table in shards is one `cr:FileSet` that includes each of its files)
and one `cr:RecordSet` per table, whose `cr:Field`s extract the table's columns
from its Parquet file.

Mapping choices:

- The Parquet resources' media type `application/vnd.apache.parquet` becomes
  `application/x-parquet`, the value Croissant 1.0 and `mlcroissant` read.
- A RecordSet is named after the table (`documents`), not the Parquet
  resource (`documents-parquet`); its Fields are `<table>/<column>`.
- Primary keys become `key`; a foreign key to another table becomes
  `references` on each of its fields. A foreign key to the table itself
  (`parent_quotation_id` -> `quotation_id`) is left out: a RecordSet that
  references itself makes a cycle in Croissant's graph of record sets.
- `contributors` with the role author or creator become `creator` (all of
  them when none has either role), those with the role publisher `publisher`,
  the rest `contributor`. An entry named only by `organization` is an
  Organization; any other a Person, whose organisation is its `affiliation`.
- A licence becomes its `path` (a URL); a licence given only by `name` becomes
  that identifier's SPDX page, since Croissant asks for the URL of a known
  licence and the catalogue's licence names are SPDX identifiers.
- `homepage` becomes `url`; `id` becomes `identifier`, and `sameAs` when it is
  a URL or a DOI (a bare DOI is written as its https://doi.org/ address).
- `citeAs` is an APA-style citation of the creators, the year of `created`,
  the title, the version and the id or homepage; `datePublished` is `created`.
- `license` appears only when the package has licences; a package with a
  rights statement instead gets it as `copyrightNotice`.
- Properties `mlcroissant` does not model (`alternateName`, `identifier`,
  `copyrightNotice`, `contributor`, `affiliation`) go through the nodes'
  `extra_properties`, which the library writes out as given.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

import mlcroissant as mlc  # type: ignore[import-untyped]

from datapkg.citation import cite, creators, id_url, roles
from datapkg.layout import table_name

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"

# Table Schema type -> Croissant dataType. A type not listed fails loudly.
DATA_TYPES: dict[str, str] = {
    "string": mlc.DataType.TEXT,
    "integer": mlc.DataType.INTEGER,
    "number": mlc.DataType.FLOAT,
    "boolean": mlc.DataType.BOOL,
    "date": mlc.DataType.DATE,
    "datetime": mlc.DataType.DATETIME,
    "time": mlc.DataType.TIME,
}
# Table Schema string formats with a more precise Croissant dataType.
_STRING_FORMATS: dict[str, str] = {"uri": mlc.DataType.URL}

PARQUET_ENCODING: str = mlc.EncodingFormat.PARQUET
# Data Package media types -> the encodingFormat Croissant readers recognise.
_ENCODING_FORMATS = {
    "application/vnd.apache.parquet": PARQUET_ENCODING,
    "application/parquet": PARQUET_ENCODING,
}
_BYTES_KEYS = ("bytes", "datapkg:bytes")

# Data Package v2 contributor roles, compared in lower case.
_PUBLISHER_ROLE = "publisher"
SPDX_LICENSE_URL = "https://spdx.org/licenses/{name}.html"


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


def _sharded(resource: dict[str, Any]) -> bool:
    """Whether a resource's `path` lists its files (a table in shards)."""
    return isinstance(resource.get("path"), list)


def _file_object(
    ctx: mlc.Context, resource: dict[str, Any], file_id: str
) -> mlc.FileObject | mlc.FileSet:
    path = resource["path"]
    mediatype = resource.get("mediatype", PARQUET_ENCODING)
    if _sharded(resource):
        # A table in shards: a FileSet of exactly its files (the descriptor's size and hash
        # are of them read as one, which no single Croissant file has).
        if not path or not all(isinstance(p, str) for p in path):
            raise ValueError(f"resource {resource['name']!r} has a path list of non-paths")
        return mlc.FileSet(
            ctx=ctx,
            id=file_id,
            name=file_id,
            description=f"The {table_name(resource)} table as Parquet, in {len(path)} files.",
            encoding_formats=[_ENCODING_FORMATS.get(mediatype, mediatype)],
            includes=list(path),
        )
    if not isinstance(path, str):
        raise ValueError(f"resource {resource['name']!r} must have a path")
    size = next((resource[k] for k in _BYTES_KEYS if k in resource), None)
    algorithm, digest = _checksum(resource)
    return mlc.FileObject(
        ctx=ctx,
        id=file_id,
        name=file_id,
        description=f"The {table_name(resource)} table as Parquet.",
        content_url=path,
        encoding_formats=[_ENCODING_FORMATS.get(mediatype, mediatype)],
        content_size=None if size is None else f"{size} B",
        **{algorithm: digest},
    )


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


def _record_set(
    ctx: mlc.Context, resource: dict[str, Any], file_id: str, tables: dict[str, str]
) -> mlc.RecordSet:
    table = table_name(resource)
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        raise ValueError(f"resource {resource['name']!r} must have an inline Table Schema")
    references = _foreign_keys(schema, table, tables)
    fields = []
    for field in schema["fields"]:
        column = field["name"]
        extract = mlc.Extract(ctx=ctx, column=column)
        node = mlc.Field(
            ctx=ctx,
            id=f"{table}/{column}",
            name=column,
            description=field.get("description") or field.get("title"),
            data_types=[_data_type(field)],
            source=(
                mlc.Source(ctx=ctx, file_set=file_id, extract=extract)
                if _sharded(resource)
                else mlc.Source(ctx=ctx, file_object=file_id, extract=extract)
            ),
        )
        if column in references:
            node.references = mlc.Source(ctx=ctx, field=references[column])
        fields.append(node)
    primary_key = schema.get("primaryKey") or []
    columns = [primary_key] if isinstance(primary_key, str) else primary_key
    return mlc.RecordSet(
        ctx=ctx,
        id=table,
        name=table,
        description=resource.get("description") or resource.get("title"),
        key=[f"{table}/{column}" for column in columns] or None,
        fields=fields,
    )


# --- who made it, under which terms, and how to cite it ---------------------------


def _agent(ctx: mlc.Context, contributor: dict[str, Any]) -> mlc.Person | mlc.Organization:
    """A v2 contributor as a schema.org Person, or an Organization when named only by one."""
    person = " ".join(contributor[k] for k in ("givenName", "familyName") if contributor.get(k))
    name = contributor.get("title") or person
    organization = contributor.get("organization")
    if not name:
        return mlc.Organization(
            ctx=ctx, name=organization, email=contributor.get("email"), url=contributor.get("path")
        )
    affiliation = {"@type": "sc:Organization", "name": organization} if organization else None
    return mlc.Person(
        ctx=ctx,
        name=name,
        email=contributor.get("email"),
        url=contributor.get("path"),
        extra_properties={"affiliation": affiliation} if affiliation else {},
    )


def _license(lic: dict[str, Any]) -> str:
    """A Data Package licence as a URL: its `path`, else its identifier's SPDX page."""
    if lic.get("path"):
        path: str = lic["path"]
        return path
    return SPDX_LICENSE_URL.format(name=lic["name"])


def _extra_properties(ctx: mlc.Context, descriptor: dict[str, Any]) -> dict[str, Any]:
    """The Dataset's schema.org properties that `mlc.Metadata` has no field for."""
    extra: dict[str, Any] = {}
    if descriptor.get("title") and descriptor["title"] != descriptor["name"]:
        extra["alternateName"] = descriptor["title"]
    if descriptor.get("id"):
        extra["identifier"] = descriptor["id"]
    if descriptor.get("rights"):
        extra["copyrightNotice"] = descriptor["rights"]
    contributors = descriptor.get("contributors", [])
    authors = creators(contributors)
    others = [c for c in contributors if c not in authors and _PUBLISHER_ROLE not in roles(c)]
    if others:  # one value, not a list of one, as mlcroissant writes its own properties
        people = [_agent(ctx, c).to_json() for c in others]
        extra["contributor"] = people[0] if len(people) == 1 else people
    return extra


def croissant_descriptor(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The Croissant 1.0 JSON-LD of a package, from its `datapackage.json` descriptor."""
    parquet = [r for r in descriptor.get("resources", []) if r.get("format") == "parquet"]
    if not parquet:
        raise ValueError("the package has no Parquet resources for Croissant to describe")
    file_ids = {
        r["name"]: r["name"] if _sharded(r) else posixpath.basename(r["path"]) for r in parquet
    }
    if len(set(file_ids.values())) != len(file_ids):
        raise ValueError("Parquet resources must have distinct file names")
    tables = {r["name"]: table_name(r) for r in parquet}
    if len(set(tables.values())) != len(tables):
        raise ValueError("Parquet resources must hold distinct tables")

    ctx = mlc.Context(conforms_to=CONFORMS_TO)
    contributors = descriptor.get("contributors", [])
    licenses = [_license(lic) for lic in descriptor.get("licenses", [])]
    same_as = id_url(descriptor.get("id"))
    try:
        metadata = mlc.Metadata(
            ctx=ctx,
            name=descriptor["name"],
            description=descriptor.get("description") or descriptor.get("title"),
            version=descriptor.get("version"),
            url=descriptor.get("homepage"),
            same_as=[same_as] if same_as else None,
            keywords=list(descriptor.get("keywords", [])) or None,
            date_published=descriptor.get("created"),
            license=licenses or None,
            creators=[_agent(ctx, c) for c in creators(contributors)],
            publisher=[_agent(ctx, c) for c in contributors if _PUBLISHER_ROLE in roles(c)],
            cite_as=cite(descriptor),
            distribution=[_file_object(ctx, r, file_ids[r["name"]]) for r in parquet],
            record_sets=[_record_set(ctx, r, file_ids[r["name"]], tables) for r in parquet],
            extra_properties=_extra_properties(ctx, descriptor),
        )
    except mlc.ValidationError as error:
        raise ValueError(f"the package has no valid Croissant description: {error}") from None
    # Through JSON: plain strings rather than rdflib terms, and nothing shared with the
    # library's objects (its readers add `@base` to a document's `@context` in place).
    document: dict[str, Any] = json.loads(json.dumps(metadata.to_json()))
    return document


def render_croissant(descriptor: dict[str, Any]) -> str:
    """`croissant.json`'s text: the Croissant document, indented, UTF-8, final newline."""
    return json.dumps(croissant_descriptor(descriptor), indent=2, ensure_ascii=False) + "\n"
