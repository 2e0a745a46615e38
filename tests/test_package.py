"""The descriptor, the dataset card, the archive and its checksums."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datapkg import package
from datapkg.layout import BYTES_PROPERTY
from datapkg.pipeline import BuildResult
from datapkg.schemas import RESOURCES, table_schema
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
