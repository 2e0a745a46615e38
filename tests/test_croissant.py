"""The Croissant 1.0 description: its shape, and mlcroissant reading the seed package through it."""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import shutil
import warnings
from pathlib import Path
from typing import Any

import mlcroissant as mlc
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from datapkg.croissant import CONFORMS_TO, croissant_descriptor, render_croissant
from datapkg.descriptor import file_digest
from datapkg.layout import CROISSANT, table_files
from datapkg.pipeline import BuildResult
from datapkg.schemas import RESOURCES, table_schema
from tests.conftest import ROOT

SEED = ROOT / "dist" / "iraq-war-articles-0.2.1"

# mlcroissant's own dependencies warn on every Dataset and every Parquet read.
RDFLIB_DEPRECATION = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
PANDAS_INPLACE = "ignore:The inplace keyword in DataFrame.reset_index is deprecated"
# The seed package states no licence (only a rights statement), and none is invented.
SEED_WARNINGS = {"license"}
# The recommended properties a package's catalogue can state, and mlcroissant warns without.
RECOMMENDED = {"citeAs", "datePublished", "license", "version"}
DOI = "10.5281/zenodo.123"

# What a catalogue can say about who made a package, under which terms and where it lives.
ABOUT: dict[str, Any] = {
    "id": DOI,
    "homepage": "https://example.org/iraq-war-articles",
    "contributors": [
        {
            "givenName": "Daniela M.",
            "familyName": "Ortiz",
            "organization": "University of Example",
            "email": "d.ortiz@example.org",
            "path": "https://example.org/~ortiz",
            "roles": ["author"],
        },
        {"givenName": "Jean-Paul", "familyName": "Roux", "roles": ["creator", "contact"]},
        {"title": "Sam Lee", "roles": ["contributor"]},
        {
            "organization": "Example Press",
            "path": "https://press.example.org",
            "roles": ["publisher"],
        },
    ],
    "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
    "created": "2026-03-01T09:30:00Z",
}
ABOUT_CITATION = (
    "Ortiz, D. M., & Roux, J.-P. (2026). Iraq war articles (seed corpus) (Version 0.2.1)"
    " [Data set]. https://doi.org/10.5281/zenodo.123"
)


def _descriptor(package_dir: Path = SEED) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((package_dir / "datapackage.json").read_text("utf-8"))
    return data


def _described(descriptor: dict[str, Any]) -> dict[str, Any]:
    """`descriptor` with everything ABOUT says: contributors, a licence, an id, a homepage."""
    return {**descriptor, **copy.deepcopy(ABOUT)}


def _schema(descriptor: dict[str, Any], table: str) -> dict[str, Any]:
    """The table schema a published package carries (its columns are those of its version)."""
    [schema] = [r["schema"] for r in descriptor["resources"] if r["name"] == table]
    return schema  # type: ignore[no-any-return]


def _with_croissant(source: Path, target: Path) -> Path:
    """A copy of the package at `source` with its croissant.json written beside the descriptor."""
    shutil.copytree(source, target)
    (target / CROISSANT).write_text(render_croissant(_descriptor(target)), encoding="utf-8")
    return target / CROISSANT


@pytest.fixture(scope="module")
def seed_croissant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _with_croissant(SEED, tmp_path_factory.mktemp("croissant") / SEED.name)


@pytest.fixture(scope="module")
def described_croissant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed package whose descriptor says who made it, licence, id and homepage."""
    package = tmp_path_factory.mktemp("described") / SEED.name
    shutil.copytree(SEED, package)
    descriptor = _described(_descriptor(package))
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    (package / CROISSANT).write_text(render_croissant(descriptor), encoding="utf-8")
    return package / CROISSANT


def _load(croissant: Path) -> mlc.Dataset:
    with warnings.catch_warnings():
        # The same filter as RDFLIB_DEPRECATION: marks do not apply to fixtures.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return mlc.Dataset(jsonld=croissant)


@pytest.fixture(scope="module")
def seed_dataset(seed_croissant: Path) -> mlc.Dataset:
    return _load(seed_croissant)


@pytest.fixture(scope="module")
def described_dataset(described_croissant: Path) -> mlc.Dataset:
    return _load(described_croissant)


def _warned_properties(dataset: mlc.Dataset) -> set[str]:
    """The recommended properties mlcroissant's warnings name (fails on any other warning)."""
    names = set()
    for warning in dataset.metadata.ctx.issues.warnings:
        assert "is recommended, but does not exist" in warning, warning
        names.add(warning.split('Property "')[1].split('"')[0].rsplit("/", 1)[-1])
    return names


def _plain(value: Any) -> Any:
    """An mlcroissant record value as pyarrow's `to_pylist` gives it."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp for sc:Date
        return value.to_pydatetime().date()
    return value


def _assert_records_match(dataset: mlc.Dataset, package_dir: Path, table: str) -> None:
    expected = pq.read_table(package_dir / "data" / f"{table}.parquet").to_pylist()
    records = [
        {key.split("/", 1)[1]: _plain(value) for key, value in record.items()}
        for record in dataset.records(table)
    ]
    assert len(records) == len(expected)
    key = table_schema(table)["primaryKey"][0]
    by_key = {row[key]: row for row in records}
    assert len(by_key) == len(records)
    for row in expected:
        assert by_key[row[key]] == row


# --- mlcroissant on the seed package ------------------------------------------


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION)
def test_seed_croissant_passes_mlcroissant_validation(seed_dataset: mlc.Dataset) -> None:
    """No licence, a rights statement: the licence is the one thing mlcroissant misses."""
    issues = seed_dataset.metadata.ctx.issues
    assert not issues.errors
    assert _warned_properties(seed_dataset) == SEED_WARNINGS
    assert [rs.uuid for rs in seed_dataset.metadata.record_sets] == list(RESOURCES)


@pytest.mark.filterwarnings(PANDAS_INPLACE)
@pytest.mark.parametrize("table", RESOURCES)
def test_mlcroissant_records_agree_with_pyarrow(
    seed_dataset: mlc.Dataset, seed_croissant: Path, table: str
) -> None:
    _assert_records_match(seed_dataset, seed_croissant.parent, table)


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION, PANDAS_INPLACE)
def test_mlcroissant_checks_the_sha256(tmp_path: Path) -> None:
    croissant = _with_croissant(SEED, tmp_path / SEED.name)
    path = croissant.parent / "data" / "paragraphs.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(1), path)  # a valid Parquet file, but not the described one
    dataset = mlc.Dataset(jsonld=croissant)
    with pytest.raises(mlc.GenerationError, match="Download") as raised:
        list(dataset.records("paragraphs"))
    assert "Hash of downloaded file" in str(raised.value.__cause__)


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION, PANDAS_INPLACE)
def test_croissant_of_a_fresh_build_reads_back(seed_build: BuildResult, tmp_path: Path) -> None:
    """describe() as it is today feeds croissant_descriptor() without drift."""
    croissant = _with_croissant(seed_build.package_dir, tmp_path / "pkg")
    dataset = mlc.Dataset(jsonld=croissant)
    assert not dataset.metadata.ctx.issues.errors
    _assert_records_match(dataset, croissant.parent, "quotations")


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION)
def test_a_licence_is_carried_over_and_silences_the_warning() -> None:
    descriptor = _descriptor()
    descriptor["licenses"] = [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ]
    jsonld = croissant_descriptor(descriptor)
    # One value, not a list of one: mlcroissant writes a single licence so.
    assert jsonld["license"] == "https://creativecommons.org/licenses/by/4.0/"
    dataset = mlc.Dataset(jsonld=jsonld)
    assert not dataset.metadata.ctx.issues.errors
    assert _warned_properties(dataset) == set()


def test_a_described_package_loads_without_warnings(
    described_croissant: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Contributors, a licence, an id, a homepage and a date: nothing recommended is missing."""
    with caplog.at_level(logging.WARNING):
        dataset = _load(described_croissant)
    issues = dataset.metadata.ctx.issues
    assert not issues.errors
    assert RECOMMENDED.isdisjoint(_warned_properties(dataset))
    assert not issues.warnings
    # Nor does mlcroissant log anything (such as an @context that is not its own).
    assert not caplog.records, caplog.text


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION)
def test_mlcroissant_reads_the_described_properties(described_dataset: mlc.Dataset) -> None:
    metadata = described_dataset.metadata
    assert metadata.cite_as == ABOUT_CITATION
    assert metadata.license == ["https://spdx.org/licenses/CC-BY-4.0.html"]
    assert metadata.date_published == dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert metadata.url == ABOUT["homepage"]
    assert metadata.same_as == [f"https://doi.org/{DOI}"]
    assert [(type(c).__name__, c.name) for c in metadata.creators] == [
        ("Person", "Daniela M. Ortiz"),
        ("Person", "Jean-Paul Roux"),
    ]
    assert [(type(p).__name__, p.name) for p in metadata.publisher] == [
        ("Organization", "Example Press")
    ]


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION, PANDAS_INPLACE)
def test_a_described_package_still_reads_its_records(
    described_dataset: mlc.Dataset, described_croissant: Path
) -> None:
    _assert_records_match(described_dataset, described_croissant.parent, "paragraphs")


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION)
@pytest.mark.parametrize("package", ["seed_croissant", "described_croissant"])
def test_mlcroissant_writes_back_the_same_document(
    package: str, request: pytest.FixtureRequest
) -> None:
    """What mlcroissant reads, it would write again unchanged: the document is its own."""
    croissant: Path = request.getfixturevalue(package)
    written = json.loads(croissant.read_text("utf-8"))
    assert json.loads(json.dumps(_load(croissant).metadata.to_json())) == written


# --- the document itself --------------------------------------------------------


def test_dataset_properties() -> None:
    descriptor = _descriptor()
    jsonld = croissant_descriptor(descriptor)
    assert jsonld["@type"] == "sc:Dataset"
    assert jsonld["conformsTo"] == CONFORMS_TO == "http://mlcommons.org/croissant/1.0"
    assert jsonld["@context"]["cr"] == "http://mlcommons.org/croissant/"
    assert jsonld["name"] == descriptor["name"]
    assert jsonld["alternateName"] == descriptor["title"]
    assert jsonld["description"] == descriptor["description"]
    assert jsonld["version"] == descriptor["version"] == "0.2.1"
    assert jsonld["keywords"] == descriptor["keywords"]
    assert jsonld["datePublished"] == descriptor["created"]
    assert "license" not in jsonld  # the seed package has none, and none is invented
    assert jsonld["copyrightNotice"] == descriptor["rights"]
    # No creator, id or homepage: the citation names the title, version and year alone.
    assert jsonld["citeAs"] == "Iraq war articles (seed corpus) (Version 0.2.1) [Data set]. (2026)."
    assert {"creator", "publisher", "url", "sameAs", "identifier"}.isdisjoint(jsonld)


def test_one_file_object_per_parquet_file() -> None:
    descriptor = _descriptor()
    parquet = {r["path"]: r for r in descriptor["resources"] if r["format"] == "parquet"}
    distribution = croissant_descriptor(descriptor)["distribution"]
    assert [f["contentUrl"] for f in distribution] == list(parquet)
    for node in distribution:
        resource = parquet[node["contentUrl"]]
        assert node["@type"] == "cr:FileObject"
        assert node["@id"] == node["name"] == Path(resource["path"]).name
        assert node["encodingFormat"] == "application/x-parquet"
        assert node["sha256"] == resource["hash"].removeprefix("sha256:")
        assert node["contentSize"] == f"{resource['datapkg:bytes']} B"
        assert (SEED / node["contentUrl"]).is_file()


def test_one_record_set_per_table_with_a_field_per_column() -> None:
    descriptor = _descriptor()
    record_sets = croissant_descriptor(descriptor)["recordSet"]
    assert [rs["@id"] for rs in record_sets] == list(RESOURCES)
    for rs in record_sets:
        table = rs["@id"]
        schema = _schema(descriptor, table)
        assert rs["@type"] == "cr:RecordSet"
        assert rs["key"] == {"@id": f"{table}/{schema['primaryKey'][0]}"}
        assert [f["name"] for f in rs["field"]] == [f["name"] for f in schema["fields"]]
        for field, column in zip(rs["field"], schema["fields"], strict=True):
            assert field["@type"] == "cr:Field"
            assert field["@id"] == f"{table}/{column['name']}"
            assert field["description"] == column["description"]
            assert field["source"] == {
                "fileObject": {"@id": f"{table}.parquet"},
                "extract": {"column": column["name"]},
            }


def test_data_types_follow_the_table_schema() -> None:
    descriptor = _descriptor()
    fields = {
        f["@id"]: f["dataType"]
        for rs in croissant_descriptor(descriptor)["recordSet"]
        for f in rs["field"]
    }
    assert fields["documents/document_id"] == "sc:Text"
    assert fields["documents/published"] == "sc:Date"
    assert fields["documents/bytes"] == "sc:Integer"
    assert fields["quotations/char_start"] == "sc:Integer"
    expected = {"string": "sc:Text", "integer": "sc:Integer", "date": "sc:Date"}
    for table in RESOURCES:
        for column in _schema(descriptor, table)["fields"]:
            assert fields[f"{table}/{column['name']}"] == expected[column["type"]]


def test_foreign_keys_become_references_except_to_the_table_itself() -> None:
    references = {
        f["@id"]: f["references"]["field"]["@id"]
        for rs in croissant_descriptor(_descriptor())["recordSet"]
        for f in rs["field"]
        if "references" in f
    }
    assert references == {
        "paragraphs/document_id": "documents/document_id",
        "quotations/document_id": "documents/document_id",
        "quotations/paragraph_id": "paragraphs/paragraph_id",
    }


@pytest.mark.parametrize("describe", [dict, _described], ids=["seed", "described"])
def test_deterministic_and_pure(describe: Any) -> None:
    descriptor = describe(_descriptor())
    before = copy.deepcopy(descriptor)
    # Paths that do not exist: nothing is read from disk.
    for resource in descriptor["resources"]:
        resource["path"] = "nowhere/" + resource["path"]
    first = render_croissant(descriptor)
    assert render_croissant(copy.deepcopy(descriptor)) == first
    assert render_croissant(dict(reversed(descriptor.items()))) == first
    assert '"_:' not in first  # no node id mlcroissant made up (they are random)
    assert json.loads(first) == croissant_descriptor(descriptor)
    assert first.endswith("}\n")
    for resource in descriptor["resources"]:
        resource["path"] = resource["path"].removeprefix("nowhere/")
    assert descriptor == before


def test_optional_properties_are_left_out_when_absent() -> None:
    descriptor = _descriptor()
    for key in ("created", "rights", "keywords", "description"):
        descriptor.pop(key)
    jsonld = croissant_descriptor(descriptor)
    assert {"datePublished", "copyrightNotice", "keywords", "license"}.isdisjoint(jsonld)
    assert jsonld["description"] == descriptor["title"]


def test_a_licence_without_a_url_is_its_spdx_page() -> None:
    descriptor = _descriptor()
    descriptor["licenses"] = [
        {"name": "ODC-BY-1.0"},
        {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
    ]
    assert croissant_descriptor(descriptor)["license"] == [
        "https://spdx.org/licenses/ODC-BY-1.0.html",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ]


# --- who made it, and how to cite it ----------------------------------------------


def test_contributors_by_role() -> None:
    jsonld = croissant_descriptor(_described(_descriptor()))
    assert jsonld["creator"] == [
        {
            "@type": "sc:Person",
            "name": "Daniela M. Ortiz",
            "affiliation": {"@type": "sc:Organization", "name": "University of Example"},
            "email": "d.ortiz@example.org",
            "url": "https://example.org/~ortiz",
        },
        {"@type": "sc:Person", "name": "Jean-Paul Roux"},
    ]
    assert jsonld["publisher"] == {
        "@type": "sc:Organization",
        "name": "Example Press",
        "url": "https://press.example.org",
    }
    assert jsonld["contributor"] == {"@type": "sc:Person", "name": "Sam Lee"}
    assert jsonld["citeAs"] == ABOUT_CITATION
    assert jsonld["datePublished"] == ABOUT["created"]
    assert jsonld["url"] == ABOUT["homepage"]
    assert jsonld["sameAs"] == f"https://doi.org/{DOI}"
    assert jsonld["identifier"] == DOI


def test_without_authors_every_contributor_is_a_creator() -> None:
    descriptor = _descriptor()
    descriptor["contributors"] = [
        {"organization": "Example Press", "roles": ["publisher"]},
        {"givenName": "Ana", "roles": ["contributor"]},
    ]
    jsonld = croissant_descriptor(descriptor)
    assert jsonld["creator"] == [
        {"@type": "sc:Organization", "name": "Example Press"},
        {"@type": "sc:Person", "name": "Ana"},
    ]
    assert jsonld["publisher"] == {"@type": "sc:Organization", "name": "Example Press"}
    assert "contributor" not in jsonld
    assert jsonld["citeAs"].startswith("Example Press, & Ana (2026). Iraq war articles")


@pytest.mark.parametrize(
    ("about", "citation"),
    [
        (
            {"contributors": [{"givenName": "Daniela", "familyName": "Ortiz"}], "id": DOI},
            "Ortiz, D. (2026). Iraq war articles (seed corpus) (Version 0.2.1) [Data set]."
            " https://doi.org/10.5281/zenodo.123",
        ),
        (
            {
                "contributors": [
                    {"familyName": "Ortiz", "roles": ["author"]},
                    {"title": "The Example Collective", "roles": ["author"]},
                    {"organization": "Example Press", "roles": ["author"]},
                ],
                "homepage": "https://example.org",
            },
            "Ortiz, The Example Collective, & Example Press (2026). Iraq war articles (seed"
            " corpus) (Version 0.2.1) [Data set]. https://example.org",
        ),
        (
            {"created": None, "id": "urn:example:iraq", "title": None},
            "iraq-war-articles (Version 0.2.1) [Data set]. (n.d.). urn:example:iraq",
        ),
    ],
    ids=["one-author-doi", "three-authors-homepage", "no-date-no-title"],
)
def test_cite_as(about: dict[str, Any], citation: str) -> None:
    descriptor = {k: v for k, v in {**_descriptor(), **about}.items() if v is not None}
    assert croissant_descriptor(descriptor)["citeAs"] == citation


@pytest.mark.parametrize(
    ("identifier", "same_as"),
    [
        (DOI, f"https://doi.org/{DOI}"),
        (f"doi:{DOI}", f"https://doi.org/{DOI}"),
        (f"https://doi.org/{DOI}", f"https://doi.org/{DOI}"),
        ("urn:example:iraq", None),
    ],
)
def test_the_id_is_the_identifier_and_a_url_of_it_same_as(
    identifier: str, same_as: str | None
) -> None:
    jsonld = croissant_descriptor({**_descriptor(), "id": identifier})
    assert jsonld["identifier"] == identifier
    assert jsonld.get("sameAs") == same_as


def test_a_type_without_a_mapping_fails_loudly() -> None:
    descriptor = _descriptor()
    descriptor["resources"][3]["schema"]["fields"][0]["type"] = "geojson"
    with pytest.raises(ValueError, match="geojson"):
        croissant_descriptor(descriptor)


def test_a_value_mlcroissant_refuses_fails_loudly() -> None:
    descriptor = {**_descriptor(), "created": "yesterday"}
    with pytest.raises(ValueError, match=r"(?s)no valid Croissant description.*ISO 8601"):
        croissant_descriptor(descriptor)


def test_a_package_without_parquet_is_refused() -> None:
    descriptor = _descriptor()
    descriptor["resources"] = [r for r in descriptor["resources"] if r["format"] == "csv"]
    with pytest.raises(ValueError, match="no Parquet"):
        croissant_descriptor(descriptor)


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION, PANDAS_INPLACE)
def test_published_dates_reach_mlcroissant_as_dates(tmp_path: Path) -> None:
    """The seed has no dates; a package with one reads it back through `sc:Date`."""
    package = tmp_path / SEED.name
    shutil.copytree(SEED, package)
    path = package / "data" / "documents.parquet"
    table = pq.read_table(path)
    published = pa.array([dt.date(2004, 4, 1)] + [None] * (table.num_rows - 1), pa.date32())
    table = table.set_column(table.schema.get_field_index("published"), "published", published)
    pq.write_table(table, path)
    descriptor = _descriptor(package)
    resource = next(r for r in descriptor["resources"] if r["path"] == "data/documents.parquet")
    resource["hash"] = f"sha256:{file_digest(path)[1]}"
    (package / CROISSANT).write_text(render_croissant(descriptor), encoding="utf-8")
    dataset = mlc.Dataset(jsonld=package / CROISSANT)
    _assert_records_match(dataset, package, "documents")


@pytest.mark.filterwarnings(RDFLIB_DEPRECATION, PANDAS_INPLACE)
def test_a_table_in_shards_is_a_file_set_mlcroissant_reads_whole(
    sharded_build: BuildResult, seed_build: BuildResult
) -> None:
    """Each sharded Parquet table is one FileSet that includes exactly its files; its
    records are every row of every shard."""
    package = sharded_build.package_dir
    document = json.loads((package / CROISSANT).read_text(encoding="utf-8"))
    sets = [d for d in document["distribution"] if d["@type"] == "cr:FileSet"]
    assert [s["@id"] for s in sets] == [f"{t}-parquet" for t in RESOURCES]
    assert sets[2]["includes"] == table_files(package, "quotations", "parquet")
    dataset = _load(package / CROISSANT)
    assert not dataset.metadata.ctx.issues.errors
    expected = pq.read_table(seed_build.package_dir / "data/quotations.parquet").to_pylist()
    records = [
        {key.split("/", 1)[1]: _plain(value) for key, value in record.items()}
        for record in dataset.records("quotations")
    ]
    key = table_schema("quotations")["primaryKey"][0]
    assert sorted(records, key=lambda r: r[key]) == sorted(expected, key=lambda r: r[key])
