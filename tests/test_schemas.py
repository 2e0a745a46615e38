"""schemas/ is the single source of column truth; the generated catalogue schema never drifts."""

from __future__ import annotations

import json

import frictionless
import pyarrow as pa
import pytest
import yaml

from datapkg import schemas
from tests.conftest import ROOT, SEEDS


@pytest.mark.parametrize("resource", schemas.RESOURCES)
def test_table_schemas_are_valid_frictionless_v2(resource: str) -> None:
    descriptor = schemas.table_schema(resource)
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/tableschema.json"
    report = frictionless.Schema.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("resource", schemas.RESOURCES)
def test_every_field_is_described_and_typed(resource: str) -> None:
    for field in schemas.table_schema(resource)["fields"]:
        assert field.get("description"), field["name"]
        assert field["type"] in {"string", "integer", "date"}


def test_arrow_schema_is_derived_field_by_field() -> None:
    arrow = schemas.arrow_schema("paragraphs")
    assert arrow.names == schemas.field_names("paragraphs")
    assert arrow.field("position").type == pa.int64()
    assert not arrow.field("position").nullable
    assert schemas.arrow_schema("documents").field("published").type == pa.date32()
    assert schemas.arrow_schema("quotations").field("speaker").nullable


def test_unknown_type_fails_loudly() -> None:
    with pytest.raises(ValueError, match="'geopoint', which has no Arrow mapping"):
        schemas.arrow_schema_of({"fields": [{"name": "x", "type": "geopoint"}]})


def test_committed_catalogue_schema_matches_the_models() -> None:
    committed = (ROOT / "schemas" / schemas.CATALOG_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schemas.render_catalogue_json_schema(), (
        "schemas/catalog.schema.json is out of date: run `make schemas`"
    )


def test_seed_catalogue_meets_the_json_schema() -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / schemas.CATALOG_SCHEMA_FILE).read_text())
    catalogue = json.loads(
        json.dumps(yaml.safe_load((SEEDS / "catalog.yaml").read_text()), default=str)
    )
    jsonschema.Draft202012Validator(schema).validate(catalogue)


def test_enum_constraints_match_the_models() -> None:
    from datapkg.models import Mark, ParagraphKind, QuotationKind

    def enum(resource: str, name: str) -> list[str]:
        [field] = [f for f in schemas.table_schema(resource)["fields"] if f["name"] == name]
        return list(field["constraints"]["enum"])

    assert enum("paragraphs", "kind") == [k.value for k in ParagraphKind]
    assert enum("quotations", "kind") == [k.value for k in QuotationKind]
    assert enum("quotations", "mark") == [m.value for m in Mark]
