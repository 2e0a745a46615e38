"""The output folder: the archive and its checksums, the lock, staging, commit and recovery."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import filelock
import frictionless
import pytest

from datapkg import pipeline, publish
from datapkg.cache import CACHE_DIR
from datapkg.errors import OutputError
from datapkg.layout import CHECKSUMS
from datapkg.pipeline import BuildResult
from tests.conftest import SEEDS, MakeCorpus


def test_zip_is_reproducible_and_frictionless_opens_it(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    created = dt.datetime(2026, 1, 2, 3, 4, 6, tzinfo=dt.UTC)  # zip keeps even seconds
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    publish.write_zip(seed_build.package_dir, a, created)
    publish.write_zip(seed_build.package_dir, b, created)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        assert "datapackage.json" in archive.namelist()
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 2, 3, 4, 6)}
        # Parquet is already compressed: stored as it is; the rest deflated.
        methods = {i.filename: i.compress_type for i in archive.infolist()}
        assert methods["data/quotations.parquet"] == zipfile.ZIP_STORED
        assert methods["data/quotations.csv"] == methods["README.md"] == zipfile.ZIP_DEFLATED
        for info in archive.infolist():
            assert archive.read(info) == (seed_build.package_dir / info.filename).read_bytes()
    report = frictionless.validate(str(a))
    assert report.valid, report.flatten(["type", "note"])


def test_checksums_file_is_sha256sum_compatible(tmp_path: Path) -> None:
    (tmp_path / "x-1.0.0.zip").write_bytes(b"one")
    (tmp_path / "x-1.1.0.zip").write_bytes(b"two")
    path = publish.write_checksums(tmp_path)
    assert [line.split("  ")[1] for line in path.read_text().splitlines()] == [
        "x-1.0.0.zip",
        "x-1.1.0.zip",
    ]
    subprocess.run(["sha256sum", "--check", "--quiet", path.name], cwd=tmp_path, check=True)


def test_build_writes_the_archive_and_checksums(seed_build: BuildResult) -> None:
    out = seed_build.package_dir.parent
    archive = out / f"{seed_build.package_dir.name}.zip"
    assert archive.is_file()
    assert archive.name in (out / CHECKSUMS).read_text()


# --- one process at a time, all or nothing ---------------------------------------------------


def _corpus(root: Path, copies: int) -> Path:
    """`copies` texts made from the seeds, enough for a build to take a moment."""
    root.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for k in range(copies):
        text = seeds[k % len(seeds)].read_text(encoding="utf-8")
        (root / f"doc{k:04d}.txt").write_text(f"Document {k}\n\n{text}", encoding="utf-8")
    return root


def _datapkg(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "datapkg", *map(str, args)]


def _consistent(out: Path) -> None:
    """Every version has its archive, SHA256SUMS lists exactly the archives, nothing else."""
    names = sorted(p.name for p in out.iterdir())
    # Hidden: the lock, and the segmentation cache once a build has succeeded.
    assert {n for n in names if n.startswith(".")} <= {publish.LOCK, CACHE_DIR}, names
    assert publish.LOCK in names, names
    folders = {n for n in names if (out / n).is_dir() and not n.startswith(".")}
    archives = {n.removesuffix(".zip") for n in names if n.endswith(".zip")}
    assert folders == archives, names
    listed = [line.split("  ")[1] for line in (out / CHECKSUMS).read_text().splitlines()]
    assert listed == sorted(f"{n}.zip" for n in archives)
    subprocess.run(["sha256sum", "--check", "--quiet", CHECKSUMS], cwd=out, check=True)


def test_two_builds_at_once_into_one_folder(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "src", 20)
    out = tmp_path / "out"
    for _ in range(3):
        runs = [
            subprocess.Popen(
                _datapkg("build", source, "--out", out, "--json"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [(p.wait(), *p.communicate()) for p in runs]
        assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
        statuses = sorted(json.loads(stdout)["status"] for _, stdout, _ in results)
        assert statuses in (["created", "identical"], ["identical", "identical"])
        _consistent(out)


def test_a_second_build_waits_then_says_who_holds_the_folder(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": "Fine."})
    out = tmp_path / "out"
    out.mkdir()
    told: list[Path] = []
    other = filelock.FileLock(out / publish.LOCK)  # another process's build, as it appears
    with other, pytest.raises(OutputError, match=r"another datapkg process is writing to this"):
        pipeline.build(root, out, wait=0.2, on_wait=told.append)
    assert told == [out]
    assert pipeline.build(root, out).status == "created"


def _built_once(make_corpus: MakeCorpus, tmp_path: Path) -> tuple[Path, Path, BuildResult]:
    """A one-text corpus built once into `tmp_path / "out"`."""
    root = make_corpus({"a.txt": "She said “yes”."})
    out = tmp_path / "out"
    return root, out, pipeline.build(root, out)


def test_what_a_killed_build_left_is_removed_or_finished(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root, out, built = _built_once(make_corpus, tmp_path)
    name = built.package_dir.name
    # Killed before its commit: a staging folder without a marker, and older leftovers.
    (out / f"{publish.STAGING_PREFIX}123-abc").mkdir()
    (out / f"{publish.STAGING_PREFIX}123-abc" / "half.parquet").write_bytes(b"PAR1")
    (out / f".{name}.k3j2x9ab.tmp").mkdir()
    (out / f".{name}.zip.tmp").write_bytes(b"half")
    # Killed in its commit: the archive is in place, the folder still staged.
    stage = out / f"{publish.STAGING_PREFIX}456-def"
    stage.mkdir()
    built.package_dir.rename(stage / name)
    (stage / "COMMIT").write_text(json.dumps({"name": name, "replace": False}))
    with publish.locked(out) as done:
        assert sorted(done) == [
            f"finished the interrupted commit of {name}",
            f"removed .{name}.k3j2x9ab.tmp, left by an interrupted build",
            f"removed .{name}.zip.tmp, left by an interrupted build",
            f"removed {publish.STAGING_PREFIX}123-abc, left by an interrupted build",
        ]
    _consistent(out)
    assert pipeline.build(root, out).status == "identical"
    # A version folder whose archive a killed run of an earlier datapkg never wrote.
    (out / f"{name}.zip").unlink()
    with publish.locked(out) as done:
        assert done == [f"wrote the missing archive {name}.zip"]
    _consistent(out)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_build_killed_at_a_random_moment_leaves_nothing_the_next_one_keeps(
    tmp_path: Path, seed: int
) -> None:
    """kill -9 somewhere in a build (startup, segmentation, writing, committing); the next
    build must find the folder consistent once it has recovered, and make the same bytes."""
    source = _corpus(tmp_path / "src", 30)
    started = time.perf_counter()
    subprocess.run(_datapkg("build", source, "--out", tmp_path / "reference"), check=True)
    duration = time.perf_counter() - started
    reference = next((tmp_path / "reference").glob("*/datapackage.json")).parent
    out = tmp_path / "out"
    moment = random.Random(seed).uniform(0.05, 0.8) * duration
    for _ in range(4):  # until the kill lands before the build ends: else it proves nothing
        shutil.rmtree(out, ignore_errors=True)
        run = subprocess.Popen(_datapkg("build", source, "--out", out), stderr=subprocess.DEVNULL)
        time.sleep(moment)
        run.send_signal(signal.SIGKILL)
        if run.wait() == -signal.SIGKILL:
            break
        moment /= 2
    else:
        pytest.fail("every build ended before it could be killed")
    again = pipeline.build(source, out)
    assert again.status in ("created", "identical")
    _consistent(out)
    assert not pipeline.differing_files(again.package_dir, reference)


def test_something_in_the_way_of_a_commit_loses_no_published_version(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root, out, built = _built_once(make_corpus, tmp_path)
    name = built.package_dir.name
    (root / "a.txt").write_text("She said “no”.")
    (out / f"{name}.zip").unlink()
    (out / f"{name}.zip").mkdir()  # a folder where the archive goes
    with pytest.raises(OutputError, match=r"\.zip: is in the way of the package's file"):
        pipeline.build(root, out, force=True)
    assert "yes" in (built.package_dir / "data" / "documents.csv").read_text()
    (out / f"{name}.zip").rmdir()
    assert pipeline.build(root, out, force=True).status == "replaced"
    _consistent(out)


def test_a_commit_interrupted_after_its_marker_is_finished_by_the_next_run(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out, built = _built_once(make_corpus, tmp_path)
    name = built.package_dir.name
    (root / "a.txt").write_text("She said “no”.")
    real_replace = os.replace

    def interrupted(src: object, dst: object, **kwargs: object) -> None:
        if Path(str(dst)) == out / f"{name}.zip":
            raise KeyboardInterrupt  # Ctrl-C after the marker, before the archive moved
        real_replace(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publish.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(root, out, force=True)
    monkeypatch.undo()
    assert [p.name for p in out.glob(f"{publish.STAGING_PREFIX}*/COMMIT")] == ["COMMIT"]
    with publish.locked(out) as done:
        assert done == [f"finished the interrupted commit of {name}"]
    _consistent(out)
    assert "no" in (out / name / "data" / "documents.csv").read_text()


def test_recovery_archives_no_link_and_lists_no_linked_archive(
    make_corpus: MakeCorpus, tmp_path: Path, open_watch: object
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not to be archived")
    out = tmp_path / "out"
    (out / "evil-1.0.0").mkdir(parents=True)
    (out / "evil-1.0.0" / "datapackage.json").write_text('{"resources": []}')
    (out / "evil-1.0.0" / "notes.txt").symlink_to(secret)
    (out / "other-1.0.0").symlink_to(tmp_path)
    (out / "linked-1.0.0.zip").symlink_to(secret)
    pipeline.build(make_corpus({"a.txt": "Fine."}), out)
    assert not (out / "evil-1.0.0.zip").exists() and not (out / "other-1.0.0.zip").exists()
    assert "linked" not in (out / CHECKSUMS).read_text()


def test_a_killed_commit_without_archive_is_finished_without_one(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    _, out, built = _built_once(make_corpus, tmp_path)
    name = built.package_dir.name
    stage = out / f"{publish.STAGING_PREFIX}456-def"
    stage.mkdir()
    built.package_dir.rename(stage / name)
    (stage / "COMMIT").write_text(json.dumps({"name": name, "replace": False, "archive": False}))
    with publish.locked(out) as done:
        assert done == [f"finished the interrupted commit of {name}"]
    assert (out / name).is_dir() and not (out / f"{name}.zip").exists()
    with publish.locked(out) as done:
        assert done == []  # published without an archive on purpose: none is written
    assert (out / "SHA256SUMS").read_text() == ""
