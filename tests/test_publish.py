"""The output folder: the archive and its checksums, the lock, staging, commit and recovery."""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from pathlib import Path

import frictionless

from datapkg import publish
from datapkg.pipeline import BuildResult


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
    assert archive.name in (out / publish.CHECKSUMS).read_text()
