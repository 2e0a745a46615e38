"""Reading sources: which files, in what order, and how bytes become text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from datapkg import sources
from datapkg.errors import SourceError


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
    assert sources.locate(raw.node, ("documents", 0, "path")) == (4, 11)
    assert sources.locate(raw.node, ("documents", 5)) == (3, 3)  # nearest existing node


def test_read_catalogue_raises_yaml_errors(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("a: [")
    with pytest.raises(yaml.YAMLError):
        sources.read_catalogue(path)
