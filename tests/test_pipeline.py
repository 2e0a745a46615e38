"""The whole path: sources in, a validated package out, or nothing written at all."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
import yaml

from datapkg import pipeline
from datapkg.errors import InvalidSourcesError, OutputExistsError, SourceError
from datapkg.layout import table_files
from datapkg.pipeline import BuildResult
from datapkg.validate import validate_package
from tests.conftest import SEEDS, MakeCorpus, tree

GOLDEN = Path(__file__).parent / "golden"


def test_seed_build_counts_and_layout(seed_build: BuildResult) -> None:
    package = seed_build.package_dir
    catalogue = yaml.safe_load((SEEDS / "catalog.yaml").read_text(encoding="utf-8"))
    assert package.name == f"iraq-war-articles-{catalogue['version']}"
    assert tree(package) == [
        "CHANGELOG.md",
        "README.md",
        "croissant.json",
        "data",
        "data/documents.csv",
        "data/documents.parquet",
        "data/paragraphs.csv",
        "data/paragraphs.parquet",
        "data/quotations.csv",
        "data/quotations.parquet",
        "datapackage.json",
        "view.html",
    ]
    assert seed_build.counts["documents"] == 5
    assert seed_build.status == "created"
    assert seed_build.source_bytes == sum(p.stat().st_size for p in SEEDS.glob("*.txt"))


def test_committed_dist_is_what_the_seeds_build_to(seed_build: BuildResult) -> None:
    committed = Path(__file__).parent.parent / "dist" / seed_build.package_dir.name
    assert committed.is_dir(), f"{committed} is missing: run `make build` and commit dist/"
    assert not pipeline.differing_files(seed_build.package_dir, committed), (
        f"{committed} differs from a fresh build of seeds/: release a new version "
        "(or, before publication, rebuild with `datapkg build --force`)"
    )


def _golden_view(package: Path) -> dict[str, object]:
    import pyarrow.parquet as pq

    view: dict[str, object] = {}
    for resource, columns in {
        "paragraphs": ["paragraph_id", "kind", "char_start", "char_end", "text"],
        "quotations": [
            "quotation_id",
            "paragraph_id",
            "kind",
            "mark",
            "char_start",
            "char_end",
            "speaker",
            "cue",
            "speaker_char_start",
            "speaker_char_end",
            "cue_char_start",
            "cue_char_end",
            "parent_quotation_id",
            "group_id",
            "text",
        ],
    }.items():
        rows = pq.read_table(package / f"data/{resource}.parquet", columns=columns).to_pylist()
        view[resource] = [{**r, "text": r["text"][:60]} for r in rows]
    return view


def test_seed_segmentation_matches_the_golden_file(seed_build: BuildResult) -> None:
    golden = GOLDEN / "seeds.json"
    view = _golden_view(seed_build.package_dir)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(view, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for resource in ("paragraphs", "quotations"):
        assert view[resource] == expected[resource], (
            f"{resource} differ from tests/golden/seeds.json; if the change is intended, "
            "rerun with UPDATE_GOLDEN=1 and review the diff"
        )


def test_rebuilding_unchanged_input_is_identical(seed_build: BuildResult) -> None:
    again = pipeline.build(SEEDS, seed_build.package_dir.parent)
    assert again.status == "identical"
    assert again.package_dir == seed_build.package_dir


def test_parallel_segmentation_gives_the_same_package(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    parallel = pipeline.build(SEEDS, tmp_path, jobs=2)
    assert not pipeline.differing_files(parallel.package_dir, seed_build.package_dir)


def test_any_number_of_jobs_gives_the_same_package(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers build each document's record batches; the writer gathers them into batches
    (here of a few rows, so that many close mid-corpus) that are the same for any count."""
    from datapkg import records

    monkeypatch.setattr(records, "BATCH_ROWS", 7)
    texts = {
        f"d{k:02d}.txt": f"Text {k}.\n\n“Quote {k},” said Ann Lee.\n\nA “word” and {'more ' * k}."
        for k in range(30)
    }
    root = make_corpus(texts, catalog=True)
    built = [pipeline.build(root, tmp_path / f"out{jobs}", jobs=jobs) for jobs in (1, 2, 3)]
    assert built[0].counts["quotations"] == 60
    for other in built[1:]:
        assert not pipeline.differing_files(built[0].package_dir, other.package_dir)
    import pyarrow.parquet as pq

    groups = pq.ParquetFile(built[0].package_dir / "data/paragraphs.parquet").num_row_groups
    assert groups > 5  # the batches did close mid-corpus
    # Tables in shards: the same shards, whatever the workers.
    sharded = [
        pipeline.build(root, tmp_path / f"sharded{jobs}", jobs=jobs, shard_bytes=600)
        for jobs in (1, 2)
    ]
    assert len(table_files(sharded[0].package_dir, "quotations", "csv")) > 3
    assert not pipeline.differing_files(sharded[0].package_dir, sharded[1].package_dir)


def test_the_command_line_uses_every_core_but_for_a_small_corpus() -> None:
    import os

    cores = len(os.sched_getaffinity(0))
    assert pipeline.default_jobs(1_000) == 1  # starting workers would cost more
    assert pipeline.default_jobs(50 * 1024 * 1024) == cores


def test_every_problem_is_reported_whatever_the_jobs(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    texts = {f"d{k:02d}.txt": f"Text {k}." for k in range(12)}
    texts["d03.txt"] = "bad \x07 bell"
    texts["d09.txt"] = "another \x01"
    root = make_corpus(texts)
    for jobs in (1, 2):
        with pytest.raises(InvalidSourcesError) as failed:
            pipeline.build(root, tmp_path / f"out{jobs}", jobs=jobs)
        found = [(i.code, i.file) for i in failed.value.report.issues if i.severity == "error"]
        assert found == [("control-character", "d03.txt"), ("control-character", "d09.txt")]
        assert not (tmp_path / f"out{jobs}").exists() or not any(
            p.name.endswith(".zip") for p in (tmp_path / f"out{jobs}").iterdir()
        )


def test_a_folder_without_catalogue_builds(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus(
        {
            "letters/one.txt": "Dear Sir,\n\nHe said: “No.”\n\nYours,\nA. Writer\n",
            "two.txt": "Plain text, one line.",
        },
        name="My Letters",
    )
    result = pipeline.build(root, tmp_path / "out")
    assert result.package_dir.name == "my-letters-0.1.0"
    assert result.counts["documents"] == 2
    assert validate_package(result.package_dir).valid
    descriptor = json.loads((result.package_dir / "datapackage.json").read_text())
    assert descriptor["title"] == "My Letters"
    assert "created" not in descriptor or os.environ.get("SOURCE_DATE_EPOCH")


def test_version_option_and_source_date_epoch(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_corpus({"a.txt": "Some text."})
    result = pipeline.build(root, tmp_path / "out", version="2.1.0")
    descriptor = json.loads((result.package_dir / "datapackage.json").read_text())
    assert (descriptor["version"], descriptor["created"]) == ("2.1.0", "2023-11-14T22:13:20Z")
    with pytest.raises(SourceError, match=r"'v2' is not a semantic version"):
        pipeline.build(root, tmp_path / "out", version="v2")


@pytest.mark.parametrize("jobs", [1, 2])
def test_existing_version_with_different_content_needs_force(
    make_corpus: MakeCorpus, tmp_path: Path, jobs: int
) -> None:
    root = make_corpus({"a.txt": "First text."})
    out = tmp_path / "out"
    first = pipeline.build(root, out, jobs=jobs)
    (root / "a.txt").write_text("Changed text.")
    with pytest.raises(OutputExistsError, match="already exists with different content"):
        pipeline.build(root, out, jobs=jobs)
    # Refused while it was being validated (in a worker, with two jobs): the worker is gone.
    assert multiprocessing.active_children() == []
    assert "First text." in (first.package_dir / "data/documents.csv").read_text()
    assert pipeline.build(root, out, force=True, jobs=jobs).status == "replaced"
    assert "Changed text." in (first.package_dir / "data/documents.csv").read_text()
    left = [name for name in tree(out) if "/" not in name]  # no temporary folders left behind
    assert left == [".cache", "SHA256SUMS", "corpus-0.1.0", "corpus-0.1.0.zip"]


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"a.txt": "ok", "b.txt": b"caf\xe9"}, "utf8"),
        ({"a.txt": "ok", "b.txt": b""}, "empty"),
        ({"a.txt": "ok", "b.txt": "  \n\n \t"}, "empty"),
        ({"a.txt": "ok", "b.txt": b"\x00\x01\x02binary"}, "binary"),
        ({"a.txt": "ok", "b.txt": "bell \x07 inside"}, "control-character"),
        ({"a.txt": "ok", "b.txt": "x" * 9000 + "\x00"}, "control-character"),
        ({"a.txt": "ok", "bad name.txt": "text"}, "invalid-id"),
    ],
)
def test_bad_input_writes_nothing(
    make_corpus: MakeCorpus, tmp_path: Path, files: dict[str, bytes | str], code: str
) -> None:
    root = make_corpus(files)
    out = tmp_path / "out"
    with pytest.raises(InvalidSourcesError) as caught:
        pipeline.build(root, out)
    assert code in {i.code for i in caught.value.report.errors}
    assert not out.exists()
    assert code in {i.code for i in pipeline.check(root).errors}


def test_bad_input_leaves_an_existing_out_dir_untouched(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    root = make_corpus({"a.txt": b"\xff"})
    with pytest.raises(InvalidSourcesError):
        pipeline.build(root, out)
    assert tree(out) == ["keep"]


def test_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no \.txt files found"):
        pipeline.build(tmp_path, tmp_path / "out")


def test_draft_catalogue_lists_every_file_with_its_hash(make_corpus: MakeCorpus) -> None:
    import yaml

    root = make_corpus({"a.txt": "A.", "sub/b.txt": "B."})
    draft = yaml.safe_load(pipeline.draft_catalogue(root))
    assert [d["path"] for d in draft["documents"]] == ["a.txt", "sub/b.txt"]
    (root / "catalog.yaml").write_text(pipeline.draft_catalogue(root))
    assert pipeline.check(root).valid


def test_a_language_without_word_lists_is_a_warning_that_names_the_document(
    make_corpus: MakeCorpus,
) -> None:
    root = make_corpus({"a.txt": "“Guten Tag,” sagte sie.", "b.txt": "“Hi,” she said."})
    draft = yaml.safe_load(pipeline.draft_catalogue(root))
    draft["documents"][0]["language"] = "de-AT"
    draft["documents"][1]["language"] = "en-GB"  # English under any region
    (root / "catalog.yaml").write_text(yaml.safe_dump(draft))
    report = pipeline.check(root)
    assert report.valid
    [warning] = [i for i in report.issues if i.code == "no-lexicon"]
    assert (warning.file, warning.severity) == ("catalog.yaml (documents[0])", "warning")
    assert "'de-AT'" in warning.message and "en" in warning.message


def test_a_one_megabyte_paragraph_builds_in_seconds(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    """One paragraph, no line break, full of the layouts that once cost quadratic time:
    many quotations, doubtful closing marks, openers never closed, deep nesting."""
    quarter = 250_000
    text = (
        "word word word “q” " * (quarter // 19)
        + "‘a workers’ x " * (quarter // 14)
        + " ‘a" * (quarter // 6)
        + " b”" * (quarter // 6)
        + "“‘" * (quarter // 8)
        + "’”" * (quarter // 8)
    )
    root = make_corpus({"one.txt": text})
    started = time.perf_counter()
    result = pipeline.build(root, tmp_path / "out")
    assert time.perf_counter() - started < 60  # seconds; the quadratic version took hours
    assert result.counts["paragraphs"] == 1
    [note] = [i for i in result.issues if i.code == "quotation-depth"]
    assert (note.file, note.line, note.severity) == ("one.txt", 1, "warning")


def test_a_build_without_archive_writes_none_and_leaves_none_that_would_not_match(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": "First text."})
    out = tmp_path / "out"
    first = pipeline.build(root, out, archive=False)
    assert [p for p in tree(out) if "/" not in p] == [
        ".cache",
        ".corpus-0.1.0.no-archive",
        "SHA256SUMS",
        "corpus-0.1.0",
    ]
    assert (out / "SHA256SUMS").read_text() == ""
    assert validate_package(first.package_dir).valid
    # The next build's recovery does not write the archive this version was published without.
    assert pipeline.build(root, out, archive=False).status == "identical"
    assert not (out / "corpus-0.1.0.zip").exists()
    # Built with an archive, the same version gets one.
    assert pipeline.build(root, out).status == "identical"
    assert (out / "corpus-0.1.0.zip").is_file()
    assert not (out / ".corpus-0.1.0.no-archive").exists()
    (root / "a.txt").write_text("Changed text.")
    pipeline.build(root, out, force=True, archive=False)
    assert not (out / "corpus-0.1.0.zip").exists()  # the old archive held the old text
    assert (out / "SHA256SUMS").read_text() == ""
