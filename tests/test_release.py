"""Releases: the next version, the bump check, the changelog, and nothing written on refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from datapkg import pipeline
from datapkg.errors import DatapkgError, SourceError
from tests.conftest import MakeCorpus, tree


def _corpus(make_corpus: MakeCorpus) -> Path:
    root = make_corpus({"a.txt": "She said “yes”.\n\nA second paragraph."}, catalog=True)
    text = (root / "catalog.yaml").read_text()
    (root / "catalog.yaml").write_text("# my corpus\n" + text)
    return root


def test_first_release_builds_the_catalogue_version(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = _corpus(make_corpus)
    result = pipeline.release(root, tmp_path / "dist", "minor")
    assert result.build.package_dir.name == "test-corpus-1.0.0"
    assert result.previous is None


def test_a_bump_below_what_the_change_needs_is_refused(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = _corpus(make_corpus)
    dist = tmp_path / "dist"
    pipeline.release(root, dist, "patch")
    (root / "b.txt").write_text("A new document.")
    catalog = (root / "catalog.yaml").read_text()
    from datapkg.sources import sha256_hex

    catalog += f"- id: b\n  path: b.txt\n  sha256: {sha256_hex(b'A new document.')}\n"
    (root / "catalog.yaml").write_text(catalog)
    before = tree(dist), (root / "catalog.yaml").read_text()
    with pytest.raises(DatapkgError, match=r"a patch release is not enough: .* needs a minor"):
        pipeline.release(root, dist, "patch")
    assert (tree(dist), (root / "catalog.yaml").read_text()) == before
    result = pipeline.release(root, dist, "minor")
    assert (result.build.package_dir.name, result.previous) == ("test-corpus-1.1.0", "1.0.0")
    assert result.required_bump == "minor"
    assert "version: 1.1.0" in (root / "catalog.yaml").read_text()
    assert (root / "catalog.yaml").read_text().startswith("# my corpus\n")  # comments kept
    changelog = (result.build.package_dir / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog") and "## [1.1.0]" in changelog
    assert "## Changelog" in (result.build.package_dir / "README.md").read_text()
    assert (dist / "test-corpus-1.0.0").is_dir()  # the published version is untouched


def test_nothing_to_release(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = _corpus(make_corpus)
    pipeline.release(root, tmp_path / "dist", "patch")
    with pytest.raises(DatapkgError, match=r"nothing changed since test-corpus 1\.0\.0"):
        pipeline.release(root, tmp_path / "dist", "patch")


def test_release_needs_a_catalogue_and_a_known_bump(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": "Text."})
    with pytest.raises(SourceError, match=r"needs a catalog\.yaml"):
        pipeline.release(root, tmp_path / "dist", "patch")
    with pytest.raises(SourceError, match="use one of patch, minor, major"):
        pipeline.release(root, tmp_path / "dist", "huge")


def _change(root: Path) -> None:
    """Add a document, as a corpus grows between releases."""
    from datapkg.sources import sha256_hex

    (root / "b.txt").write_text("A new document.")
    catalog = (root / "catalog.yaml").read_text()
    catalog += f"- id: b\n  path: b.txt\n  sha256: {sha256_hex(b'A new document.')}\n"
    (root / "catalog.yaml").write_text(catalog)


def _released_then_changed(make_corpus: MakeCorpus, tmp_path: Path) -> tuple[Path, Path]:
    """A corpus released once (1.0.0), then grown by a document."""
    root, dist = _corpus(make_corpus), tmp_path / "dist"
    pipeline.release(root, dist, "patch")
    _change(root)
    return root, dist


def test_nothing_to_release_after_a_release_with_a_changelog(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root, dist = _released_then_changed(make_corpus, tmp_path)
    assert pipeline.release(root, dist, "minor").build.package_dir.name == "test-corpus-1.1.0"
    before = tree(dist), (root / "catalog.yaml").read_text(), (root / "CHANGELOG.md").read_text()
    for _ in range(2):  # the version and the changelog in the card are no change
        with pytest.raises(DatapkgError, match=r"nothing changed since test-corpus 1\.1\.0"):
            pipeline.release(root, dist, "patch")
    after = tree(dist), (root / "catalog.yaml").read_text(), (root / "CHANGELOG.md").read_text()
    assert after == before


def test_a_release_killed_before_recording_it_is_completed_by_the_next(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, dist = _released_then_changed(make_corpus, tmp_path)
    replace_text = pipeline._replace_text

    def killed_at_the_catalogue(source_dir: Path, name: str, text: str) -> None:
        if name == "catalog.yaml":
            raise KeyboardInterrupt  # the process dies after the changelog, before the version
        replace_text(source_dir, name, text)

    monkeypatch.setattr(pipeline, "_replace_text", killed_at_the_catalogue)
    with pytest.raises(KeyboardInterrupt):
        pipeline.release(root, dist, "minor")
    assert (dist / "test-corpus-1.1.0").is_dir()  # the package is out
    assert "version: 1.0.0" in (root / "catalog.yaml").read_text()  # its record is not
    monkeypatch.undo()
    result = pipeline.release(root, dist, "minor")
    assert (result.build.status, result.build.package_dir.name) == (
        "completed",
        "test-corpus-1.1.0",
    )
    assert "version: 1.1.0" in (root / "catalog.yaml").read_text()
    changelog = (root / "CHANGELOG.md").read_text()
    assert changelog.count("## [1.1.0]") == 1
    assert changelog == (dist / "test-corpus-1.1.0" / "CHANGELOG.md").read_text()
    assert sorted(p.name for p in dist.iterdir() if p.is_dir() and p.name[0] != ".") == [
        "test-corpus-1.0.0",
        "test-corpus-1.1.0",
    ]
    with pytest.raises(DatapkgError, match=r"nothing changed since test-corpus 1\.1\.0"):
        pipeline.release(root, dist, "patch")


def test_a_release_killed_before_its_package_is_in_place_changes_no_source(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, dist = _released_then_changed(make_corpus, tmp_path)
    before = (root / "catalog.yaml").read_text(), (root / "CHANGELOG.md").exists()

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.publish, "commit", killed)
    with pytest.raises(KeyboardInterrupt):
        pipeline.release(root, dist, "minor")
    assert ((root / "catalog.yaml").read_text(), (root / "CHANGELOG.md").exists()) == before
    monkeypatch.undo()
    assert pipeline.release(root, dist, "minor").build.status == "created"


def test_each_release_is_dated_when_it_is_made_and_rebuilds_keep_the_date(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    root, dist = _corpus(make_corpus), tmp_path / "dist"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01T00:00:00Z
    first = pipeline.release(root, dist, "patch")
    assert "created: 2026-12-01T00:00:00Z" in (root / "catalog.yaml").read_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796342400")  # three days later
    _change(root)
    second = pipeline.release(root, dist, "minor")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")

    def created(package_dir: Path) -> str:
        return str(json.loads((package_dir / "datapackage.json").read_text())["created"])

    assert created(first.build.package_dir) == "2026-12-01T00:00:00Z"
    assert created(second.build.package_dir) == "2026-12-04T00:00:00Z"
    assert "## [1.1.0] - 2026-12-04" in (second.build.package_dir / "CHANGELOG.md").read_text()
    catalog = (root / "catalog.yaml").read_text()
    assert "version: 1.1.0\ncreated: 2026-12-04T00:00:00Z\n" in catalog
    assert catalog.startswith("# my corpus\n")
    # A rebuild, at any later time, reads the release's time: byte-identical.
    assert pipeline.build(root, dist).status == "identical"


def test_build_refuses_a_version_newer_than_the_published_ones(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root, dist = _corpus(make_corpus), tmp_path / "dist"
    pipeline.release(root, dist, "patch")
    _change(root)
    catalog = (root / "catalog.yaml").read_text().replace("version: 1.0.0", "version: 1.1.0")
    (root / "catalog.yaml").write_text(catalog)
    before = tree(dist)
    with pytest.raises(SourceError, match=r"1\.1\.0 is newer than 1\.0\.0.*datapkg release"):
        pipeline.build(root, dist)
    with pytest.raises(SourceError, match="is newer than"):
        pipeline.build(root, dist, version="2.0.0")
    assert tree(dist) == before
    assert pipeline.build(root, tmp_path / "trial").status == "created"  # an empty folder


def test_catalog_update_makes_a_changed_folder_check_again(
    make_corpus: MakeCorpus,
) -> None:
    from datapkg.sources import sha256_hex

    root = _corpus(make_corpus)
    (root / "a.txt").write_text("She said “no”.")
    (root / "b.txt").write_text("A new document.")
    codes = {i.code for i in pipeline.check(root).issues}
    assert codes == {"sha256", "missing-entry"}
    update = pipeline.update_catalogue(root)
    assert (update.rehashed, update.added, update.removed) == (["a.txt"], ["b.txt"], [])
    assert pipeline.check(root).valid
    catalog = (root / "catalog.yaml").read_text()
    assert catalog.startswith("# my corpus\n") and sha256_hex("She said “no”.".encode()) in catalog
    assert not pipeline.update_catalogue(root).changed  # a second run has nothing to do


def test_catalog_update_writes_a_draft_where_there_is_no_catalogue(
    make_corpus: MakeCorpus,
) -> None:
    root = make_corpus({"a.txt": "Text."})
    assert pipeline.update_catalogue(root).added == ["a.txt"]
    assert pipeline.check(root).valid and (root / "catalog.yaml").is_file()


def test_catalog_update_refuses_a_catalogue_it_cannot_read_safely(
    make_corpus: MakeCorpus,
) -> None:
    from datapkg.errors import InvalidSourcesError

    for text in ("name: a\nname: b\n", "name: [unclosed\n"):
        root = make_corpus({"a.txt": "Text."}, catalog=text, name=f"c{hash(text)}")
        with pytest.raises(InvalidSourcesError) as refused:
            pipeline.update_catalogue(root)
        assert {i.code for i in refused.value.report.issues} <= {
            "catalog-duplicate-key",
            "catalog-syntax",
        }
        assert (root / "catalog.yaml").read_text() == text
