"""The descriptor: both formats, sizes and hashes, keys, and the v2 package fields."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from datapkg import descriptor as describing
from datapkg import pipeline, validate
from datapkg.layout import BYTES_PROPERTY
from datapkg.pipeline import BuildResult
from datapkg.schemas import RESOURCES, table_schema
from tests.conftest import MakeCorpus


def test_descriptor_lists_both_formats_with_sizes_and_hashes(seed_build: BuildResult) -> None:
    descriptor = json.loads((seed_build.package_dir / "datapackage.json").read_text())
    assert descriptor["$schema"] == describing.PACKAGE_PROFILE
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [*RESOURCES, *(f"{r}-parquet" for r in RESOURCES)]
    for resource in descriptor["resources"]:
        size, digest = describing.file_digest(seed_build.package_dir / resource["path"])
        assert resource["hash"] == f"sha256:{digest}"
        assert resource[BYTES_PROPERTY[resource["format"]]] == size


def test_parquet_foreign_keys_point_at_parquet_siblings(seed_build: BuildResult) -> None:
    descriptor = json.loads((seed_build.package_dir / "datapackage.json").read_text())
    by_name = {r["name"]: r for r in descriptor["resources"]}
    targets = [
        fk["reference"].get("resource")
        for fk in by_name["quotations-parquet"]["schema"]["foreignKeys"]
    ]
    assert targets == ["documents-parquet", "paragraphs-parquet", None, None]
    assert by_name["quotations"]["schema"] == table_schema("quotations")


V2_FIELDS = {
    "id": "https://doi.org/10.5281/zenodo.0000000",
    "homepage": "https://example.org/corpus",
    "contributors": [
        {"givenName": "Dana", "familyName": "Ortiz", "roles": ["author"]},
        {"organization": "Harbor Institute", "roles": ["publisher"], "path": "https://example.org"},
    ],
    "sources": [{"title": "The newsletter archive", "path": "https://example.org/archive"}],
    "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
}


def test_v2_package_fields_are_carried_into_a_package_frictionless_opens(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    import frictionless

    root = make_corpus({"a.txt": "“Yes,” Dana Ortiz said."}, catalog=True)
    catalog = yaml.safe_load((root / "catalog.yaml").read_text())
    (root / "catalog.yaml").write_text(yaml.safe_dump({**catalog, **V2_FIELDS}))
    result = pipeline.build(root, tmp_path / "out")
    descriptor = json.loads((result.package_dir / "datapackage.json").read_text())
    for key, value in V2_FIELDS.items():
        assert descriptor[key] == value
    assert validate.profile_issues(descriptor) == []
    assert frictionless.Package(str(result.package_dir / "datapackage.json")).licenses
    card = (result.package_dir / "README.md").read_text()
    assert "Ortiz, D. (n.d.). Test corpus (Version 1.0.0) [Data set]. https://doi.org/" in card
    for line in (
        f"- Identifier: {V2_FIELDS['id']}",
        "- Homepage: https://example.org/corpus",
        "- Author: Dana Ortiz",
        "- Publisher: Harbor Institute (https://example.org)",
        "- Source: The newsletter archive (https://example.org/archive)",
    ):
        assert line + "\n" in card
