"""The descriptor, the dataset card, the archive and its checksums."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import zipfile
from pathlib import Path

import frictionless
import pytest

from datapkg import package
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
        assert resource[package.BYTES_PROPERTY[resource["format"]]] == size


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


def test_zip_is_reproducible_and_frictionless_opens_it(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    created = dt.datetime(2026, 1, 2, 3, 4, 6, tzinfo=dt.UTC)  # zip keeps even seconds
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    package.write_zip(seed_build.package_dir, a, created)
    package.write_zip(seed_build.package_dir, b, created)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        assert "datapackage.json" in archive.namelist()
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 2, 3, 4, 6)}
    report = frictionless.validate(str(a))
    assert report.valid, report.flatten(["type", "note"])


def test_checksums_file_is_sha256sum_compatible(tmp_path: Path) -> None:
    (tmp_path / "x-1.0.0.zip").write_bytes(b"one")
    (tmp_path / "x-1.1.0.zip").write_bytes(b"two")
    path = package.write_checksums(tmp_path)
    assert [line.split("  ")[1] for line in path.read_text().splitlines()] == [
        "x-1.0.0.zip",
        "x-1.1.0.zip",
    ]
    subprocess.run(["sha256sum", "--check", "--quiet", path.name], cwd=tmp_path, check=True)


def test_build_writes_the_archive_and_checksums(seed_build: BuildResult) -> None:
    out = seed_build.package_dir.parent
    archive = out / f"{seed_build.package_dir.name}.zip"
    assert archive.is_file()
    assert archive.name in (out / package.CHECKSUMS).read_text()


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
