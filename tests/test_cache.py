"""The segmentation cache: a rebuild segments only what changed, gives the package a cold
build gives, trusts nothing it reads, and keeps nothing from a build that failed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datapkg import cache, checks, documents, pipeline
from datapkg.errors import InvalidSourcesError, OutputExistsError
from datapkg.segment import segment
from tests.conftest import MakeCorpus, tree

TEXTS = {
    f"d{k:02d}.txt": f"Letter {k}.\n\n“We will go on,” said Ann Lee. She said ‘no’ {k} times."
    for k in range(12)
}


def _calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    """The first argument of each call of `owner.name` in this process (builds run with
    jobs=1), the function still doing its work."""
    calls: list[object] = []
    real = getattr(owner, name)

    def counted(first: object, *args: object, **kwargs: object) -> object:
        calls.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The texts segmented."""
    return _calls(monkeypatch, documents, "segment")


def _checked(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The files checked, by path."""
    return _calls(monkeypatch, checks, "check_text")


def _assert_as_cold(root: Path, tmp_path: Path, warm: pipeline.BuildResult) -> None:
    """A build from the cache is the package a cold build of the same sources gives."""
    cold = pipeline.build(root, tmp_path / "cold", jobs=1, cache=False)
    assert not pipeline.differing_files(warm.package_dir, cold.package_dir)


def test_a_rebuild_segments_only_the_changed_text_and_equals_a_cold_build(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    calls = _counting(monkeypatch)
    pipeline.build(root, out, jobs=1)
    assert len(calls) == len(TEXTS)
    (root / "d05.txt").write_text("Letter 5, rewritten.\n\n“No,” said Ann Lee.", encoding="utf-8")
    calls.clear()
    warm = pipeline.build(root, out, jobs=1, force=True)
    assert len(calls) == 1
    cold = pipeline.build(root, tmp_path / "cold", jobs=1, cache=False)
    assert len(calls) == 1 + len(TEXTS)
    assert not pipeline.differing_files(warm.package_dir, cold.package_dir)
    assert not (tmp_path / "cold" / cache.CACHE_DIR).exists()  # --no-cache writes none


def test_parallel_workers_read_and_write_the_cache(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    first = pipeline.build(root, out, jobs=2)
    entries = [p for p in tree(out / cache.CACHE_DIR) if p.endswith(".json")]
    assert len(entries) == len(TEXTS)
    again = pipeline.build(root, tmp_path / "again", jobs=1, cache=False)
    assert not pipeline.differing_files(first.package_dir, again.package_dir)


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b'{"p": [["paragraph", 0, 999999]], "q": [], "n": []}',  # past the end of the text
        b'{"p": [["paragraph", 5, 2]], "q": [], "n": []}',  # ends before it starts
        b'{"p": [["no such kind", 0, 3]], "q": [], "n": []}',
        b'{"p": [], "q": [[7, "direct", "double", 0, 3]], "n": []}',
        b'{"p": [["paragraph", 0, 3]], "q": [[0, "direct", "double", 0, 2, 5]], "n": []}',
    ],
)
def test_a_damaged_entry_is_segmented_again(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    first = pipeline.build(root, out, jobs=1)
    expected = (first.package_dir / "data/quotations.csv").read_bytes()
    entries = sorted((out / cache.CACHE_DIR).rglob("*.json"))
    for entry in entries:
        entry.write_bytes(damage)
    for rows in (out / cache.CACHE_DIR).rglob("*.rows"):
        rows.unlink()  # so that the segmentations are what is read
    calls = _counting(monkeypatch)
    again = pipeline.build(root, out, jobs=1)
    assert again.status == "identical"
    assert len(calls) == len(TEXTS)
    assert (again.package_dir / "data/quotations.csv").read_bytes() == expected


def test_a_rebuild_neither_checks_nor_segments_an_unchanged_file(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    pipeline.build(root, out, jobs=1)
    assert len([p for p in tree(out / cache.CACHE_DIR) if p.endswith(".rows")]) == len(TEXTS)
    segmented, checked = _counting(monkeypatch), _checked(monkeypatch)
    (root / "d05.txt").write_text("Letter 5, rewritten.\n\n“No,” said Ann Lee.", encoding="utf-8")
    warm = pipeline.build(root, out, jobs=1, force=True)
    assert (len(segmented), checked) == (1, ["d05.txt"])
    _assert_as_cold(root, tmp_path, warm)


def test_a_renamed_file_is_checked_again_but_not_segmented(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rows hold its id and path, so they are made again; its text is the same."""
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    pipeline.build(root, out, jobs=1)
    segmented, checked = _counting(monkeypatch), _checked(monkeypatch)
    (root / "d05.txt").rename(root / "e05.txt")
    warm = pipeline.build(root, out, jobs=1, force=True)
    assert (len(segmented), checked) == (0, ["e05.txt"])
    _assert_as_cold(root, tmp_path, warm)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "another file's", "no header"],
)
def test_a_damaged_rows_entry_is_built_again(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    first = pipeline.build(root, out, jobs=1)
    entries = sorted((out / cache.CACHE_DIR).rglob("*.rows"))
    contents = [e.read_bytes() for e in entries]
    for k, entry in enumerate(entries):
        damaged = {
            "garbage": cache._ROWS_MAGIC + b"\x07" * 40,
            "truncated": contents[k][: len(contents[k]) // 2],
            "another file's": contents[(k + 1) % len(entries)],
            "no header": contents[k][15:],
        }[damage]
        entry.write_bytes(damaged)
    checked = _checked(monkeypatch)
    again = pipeline.build(root, out, jobs=1)
    assert again.status == "identical"
    assert len(checked) == len(TEXTS)
    assert not pipeline.differing_files(again.package_dir, first.package_dir)


def test_a_failed_or_refused_build_adds_nothing_to_the_cache(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({**TEXTS, "bad.txt": "a \x07 bell"})
    out = tmp_path / "out"
    with pytest.raises(InvalidSourcesError):
        pipeline.build(root, out, jobs=1)
    assert tree(out) == []
    (root / "bad.txt").unlink()
    pipeline.build(root, out, jobs=1)
    before = tree(out / cache.CACHE_DIR)
    (root / "d01.txt").write_text("Another text altogether.", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        pipeline.build(root, out, jobs=1)  # the same version with other content: refused
    assert tree(out / cache.CACHE_DIR) == before


def test_another_segmenter_starts_a_fresh_cache(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    pipeline.build(root, out, jobs=1)
    [rows, old] = sorted(p.name for p in (out / cache.CACHE_DIR).iterdir())
    assert rows.startswith("rows-") and old.startswith("segment-")
    monkeypatch.setattr(cache, "segmenter_version", lambda: "f" * 64)
    monkeypatch.setattr(cache, "build_version", lambda: "e" * 64)
    calls = _counting(monkeypatch)
    pipeline.build(root, out, jobs=1)
    assert len(calls) == len(TEXTS)  # nothing the other segmenter made is read
    assert sorted(p.name for p in (out / cache.CACHE_DIR).iterdir()) == [
        "rows-eeeeeeeeeeeeeeee-depth4",
        "segment-ffffffffffffffff-depth4",
    ]


def test_the_version_changes_with_the_language_data() -> None:
    version = cache.segmenter_version()
    assert len(version) == 64 and int(version, 16) >= 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab Z\n“”‘’\"'.,:—😀é", "said", " Ann Lee", "\n\n"]), max_size=60
    ).map("".join)
)
def test_an_entry_gives_back_the_segmentation_it_kept(text: str) -> None:
    seg = segment(text)
    encoded = json.loads(json.dumps(cache._encode(seg)))
    decoded = cache._decode(encoded)
    assert decoded == seg
    assert cache._fits(decoded, len(text))


@pytest.mark.parametrize("where", ["cache", "segment", "segment shard", "rows", "rows shard"])
def test_a_link_in_the_cache_is_never_followed(
    make_corpus: MakeCorpus, tmp_path: Path, where: str
) -> None:
    root = make_corpus(TEXTS)
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.json").write_text("not the cache's")
    before = tree(outside)
    if where == "cache":
        out.mkdir()
        (out / cache.CACHE_DIR).symlink_to(outside)
    else:
        pipeline.build(root, out, jobs=1)
        [folder] = (out / cache.CACHE_DIR).glob(f"{where.split()[0]}-*")
        victim = next(folder.iterdir()) if where.endswith("shard") else folder
        shutil.rmtree(victim)
        victim.symlink_to(outside)
        (root / "d03.txt").write_text("A changed text.", encoding="utf-8")  # something to store
    pipeline.build(root, out, jobs=1, force=True)
    assert tree(outside) == before  # nothing read, written or removed there
    assert not any(p.is_symlink() for p in (out / cache.CACHE_DIR).rglob("*"))
