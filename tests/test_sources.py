"""Reading sources: which files, in what order, and how bytes become text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from datapkg import checks, sources
from datapkg.errors import SourceError, UnsafePathError


def test_finds_txt_files_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.txt", "sub/c.txt", ".hidden/d.txt", ".e.txt", "notes.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = sources.find_text_files(tmp_path)
    assert [f.relpath for f in found.files] == ["a.txt", "b.txt", "sub/c.txt"]
    assert found.findings == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such folder"):
        sources.find_text_files(tmp_path / "nope")


def test_decode_drops_bom_and_normalises_line_breaks_only() -> None:
    assert sources.decode(b"\xef\xbb\xbfa\r\nb\rc\n\td  ") == "a\nb\nc\n\td  "


def test_decode_is_strict() -> None:
    with pytest.raises(UnicodeDecodeError):
        sources.decode(b"\xff")


def test_locate_finds_yaml_positions(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("name: x\ndocuments:\n  - id: a\n    path: a.txt\n")
    raw = sources.read_catalogue(path)
    assert checks.locate(raw.node, ("documents", 0, "path")) == (4, 11)
    assert checks.locate(raw.node, ("documents", 5)) == (3, 3)  # nearest existing node


def test_read_catalogue_raises_yaml_errors(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("a: [")
    with pytest.raises(yaml.YAMLError):
        sources.read_catalogue(path)


def test_read_bytes_refuses_from_the_size_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(sources.TooLarge) as refused:
        sources.read_bytes(tmp_path, "a.txt", 100)
    assert (refused.value.size, refused.value.limit) == (101, 100)
    assert sources.read_bytes(tmp_path, "a.txt", 101) == b"x" * 101


def test_read_top_file_refuses_a_link_that_leaves_the_folder(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "secret").write_text("no")
    (tmp_path / "src" / "a.txt").symlink_to(tmp_path / "secret")
    with pytest.raises(UnsafePathError, match="outside the source folder"):
        sources.read_top_file(tmp_path / "src", tmp_path / "src" / "a.txt", 100)


def test_the_walk_reports_links_and_does_not_follow_folders(tmp_path: Path) -> None:
    (tmp_path / "src" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "sub" / "a.txt").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("x")
    (tmp_path / "src" / "out").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "src" / "in").symlink_to(tmp_path / "src" / "sub")
    (tmp_path / "src" / "dangling.txt").symlink_to(tmp_path / "src" / "nothing.txt")
    (tmp_path / "src" / "notes.md").symlink_to(tmp_path / "elsewhere" / "b.txt")  # not a source
    found = sources.find_text_files(tmp_path / "src")
    assert [f.relpath for f in found.files] == ["sub/a.txt"]
    assert [(f.code, f.relpath) for f in found.findings] == [
        ("unreadable", "dangling.txt"),
        ("link-not-followed", "in"),
        ("path-escape", "out"),
    ]


def _catalogue(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(text)
    return path


def test_catalogue_depth_and_aliases_are_bounded(tmp_path: Path) -> None:
    with pytest.raises(sources.CatalogueShapeError) as deep:
        sources.read_catalogue(_catalogue(tmp_path, "a:\n  - " + "[" * 40 + "]" * 40), max_depth=32)
    assert (deep.value.code, deep.value.line) == ("catalog-depth", 2)
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcde", "bcdef", strict=True)
    )
    with pytest.raises(sources.CatalogueShapeError, match="expand it to over"):
        sources.read_catalogue(_catalogue(tmp_path, laughs))
    shared = "base: &b {publisher: X}\ndocuments:\n" + "  - *b\n" * 20
    assert len(sources.read_catalogue(_catalogue(tmp_path, shared)).data["documents"]) == 20


def test_duplicate_keys_are_found_at_every_level(tmp_path: Path) -> None:
    text = "name: a\ndocuments:\n  - id: x\n    id: y\nname: b\n"
    raw = sources.read_catalogue(_catalogue(tmp_path, text))
    assert [(f.line, f.detail) for f in raw.findings] == [
        (4, "'id' is set on line 3 and again on line 4"),
        (5, "'name' is set on line 1 and again on line 5"),
    ]
