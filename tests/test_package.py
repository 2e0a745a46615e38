"""The descriptor, the dataset card, the archive and its checksums."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from datapkg import package, pipeline, validate
from datapkg.layout import BYTES_PROPERTY
from datapkg.pipeline import BuildResult
from datapkg.schemas import RESOURCES, table_schema
from tests.conftest import MakeCorpus
from tests.test_consumers import hf_offline  # noqa: F401  (a fixture)


def test_descriptor_lists_both_formats_with_sizes_and_hashes(seed_build: BuildResult) -> None:
    descriptor = json.loads((seed_build.package_dir / "datapackage.json").read_text())
    assert descriptor["$schema"] == package.PACKAGE_PROFILE
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [*RESOURCES, *(f"{r}-parquet" for r in RESOURCES)]
    for resource in descriptor["resources"]:
        size, digest = package.file_digest(seed_build.package_dir / resource["path"])
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
    assert "Dana Ortiz" in card and V2_FIELDS["id"] in card


def test_card_has_counts_and_field_tables(seed_build: BuildResult) -> None:
    card = (seed_build.package_dir / "README.md").read_text()
    assert f"| quotations | {seed_build.counts['quotations']:,} |" in card
    for resource in RESOURCES:
        for field in table_schema(resource)["fields"]:
            assert f"| `{field['name']}` |" in card


def test_card_has_provenance_figures_and_citation(seed_build: BuildResult) -> None:
    card = (seed_build.package_dir / "README.md").read_text()
    for heading in ("## Provenance", "## Figures", "## Loading", "## How to cite"):
        assert heading in card
    for doc in sorted(p.stem for p in (Path(__file__).parent.parent / "seeds").glob("*.txt")):
        assert f"| {doc} |" in card


def test_the_cards_python_examples_run(
    seed_build: BuildResult,
    hf_offline: Path,  # noqa: F811  (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    import datasets.config

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", hf_offline)
    monkeypatch.chdir(seed_build.package_dir)
    card = (seed_build.package_dir / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", card, flags=re.S)
    assert len(blocks) == 5
    for block in blocks:
        namespace: dict[str, object] = {}
        exec(block, namespace)
        loaded = namespace.get("quotations", namespace.get("direct"))
        assert loaded is not None and len(loaded) > 0  # type: ignore[arg-type]
