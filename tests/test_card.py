"""The dataset card: a Hugging Face dataset card that `load_dataset` reads offline, whose
figures and snippets are the package's own and whose examples run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from datapkg import card
from datapkg.pipeline import BuildResult
from datapkg.schemas import RESOURCES, table_schema
from tests.test_consumers import hf_offline  # noqa: F401  (a fixture)


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


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_package_folder_loads_as_a_dataset_repository(
    seed_build: BuildResult,
    hf_offline: Path,  # noqa: F811  (the fixture imported above)
    resource: str,
) -> None:
    import datasets
    import pyarrow.parquet as pq

    loaded = datasets.load_dataset(
        str(seed_build.package_dir), resource, split="train", cache_dir=str(hf_offline)
    )
    expected = pq.read_table(seed_build.package_dir / f"data/{resource}.parquet")
    assert loaded.column_names == expected.column_names
    assert loaded.num_rows == expected.num_rows == seed_build.counts[resource]


def test_the_card_header_is_what_hugging_face_reads(seed_build: BuildResult) -> None:
    from huggingface_hub import DatasetCard

    data = DatasetCard.load(seed_build.package_dir / "README.md").data.to_dict()
    assert [c["config_name"] for c in data["configs"]] == list(RESOURCES)
    assert next(c for c in data["configs"] if c.get("default"))["config_name"] == "quotations"
    assert (data["license"], data["language"], data["size_categories"]) == (
        "unknown",  # the seeds grant no licence; the card's Rights section says why
        ["en"],
        ["n<1K"],
    )
    assert data["pretty_name"] == "Iraq war articles (seed corpus)"


@pytest.mark.parametrize(
    ("licenses", "expected"),
    [
        ([{"name": "CC-BY-4.0"}], {"license": "cc-by-4.0"}),
        (
            [{"path": "https://example.org/terms", "title": "Our terms"}],
            {
                "license": "other",
                "license_name": "Our terms",
                "license_link": "https://example.org/terms",
            },
        ),
    ],
)
def test_a_licence_becomes_hugging_faces_license_fields(
    licenses: list[dict[str, str]], expected: dict[str, str]
) -> None:
    descriptor = {"title": "T", "name": "t", "licenses": licenses}
    data = card.card_data(descriptor, {"quotations": 5_000}, ["en"]).to_dict()
    assert {k: data[k] for k in expected} == expected
    assert data["size_categories"] == ["1K<n<10K"]


def test_the_cards_r_snippet_reads_the_csv_with_readr(seed_build: BuildResult) -> None:
    """Run where R and readr are installed (`.ci/run` installs them from Debian's packages)."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("R is not installed here; .ci/run installs r-base-core and r-cran-readr")
    if subprocess.run([rscript, "-e", "library(readr)"], capture_output=True).returncode != 0:
        pytest.skip("R's readr package is not installed; .ci/run installs r-cran-readr")
    text = (seed_build.package_dir / "README.md").read_text()
    [snippet] = [b for b in re.findall(r"```r\n(.*?)```", text, flags=re.S) if "readr" in b]
    check = snippet + "cat(nrow(quotations), ncol(quotations))\n"
    done = subprocess.run(
        [rscript, "-e", check],
        cwd=seed_build.package_dir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows, columns = map(int, done.stdout.split())
    descriptor = json.loads((seed_build.package_dir / "datapackage.json").read_text())
    quotations = next(r for r in descriptor["resources"] if r["name"] == "quotations")
    assert (rows, columns) == (seed_build.counts["quotations"], len(quotations["schema"]["fields"]))


def test_the_newest_committed_seed_version_loads_as_a_dataset_repository(
    hf_offline: Path,  # noqa: F811  (the fixture imported above)
) -> None:
    import datasets

    from datapkg.pipeline import published_versions

    dist = Path(__file__).resolve().parent.parent / "dist"
    newest = dist / f"iraq-war-articles-{published_versions(dist, 'iraq-war-articles')[-1]}"
    for resource in RESOURCES:
        loaded = datasets.load_dataset(
            str(newest), resource, split="train", cache_dir=str(hf_offline)
        )
        assert loaded.num_rows > 0
