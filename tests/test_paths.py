"""What may be opened: descriptor paths inside the package, links only inside the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from datapkg.errors import UnsafePathError
from datapkg.paths import descriptor_file, escapes, open_regular, package_file


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "pkg" / "data").mkdir(parents=True)
    (tmp_path / "pkg" / "data" / "a.csv").write_text("x\n1\n")
    (tmp_path / "outside.csv").write_text("x\n1\n")
    return tmp_path / "pkg"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/passwd", "is absolute"),
        ("C:\\data\\a.csv", "is absolute"),
        ("~/a.csv", "is absolute"),
        ("../outside.csv", "'..', '.' or empty segment"),
        ("data/../../outside.csv", "'..', '.' or empty segment"),
        ("./data/a.csv", "'..', '.' or empty segment"),
        ("data//a.csv", "'..', '.' or empty segment"),
        ("data\\a.csv", "backslash or NUL"),
        ("data/a.csv\x00", "backslash or NUL"),
        ("https://example.org/a.csv", "is a URL"),
        ("file:///etc/passwd", "is a URL"),
        (["data/a.csv"], "is a list; give its paths one by one"),
        (None, "not a relative file path"),
        ("", "not a relative file path"),
        (3, "not a relative file path"),
    ],
)
def test_descriptor_paths_that_could_leave_the_package(
    package: Path, path: object, message: str
) -> None:
    with pytest.raises(UnsafePathError, match=message):
        package_file(package, path)


def test_a_path_inside_is_given_back_and_a_missing_one_too(package: Path) -> None:
    assert package_file(package, "data/a.csv") == package / "data" / "a.csv"
    assert package_file(package, "data/missing.csv") == package / "data" / "missing.csv"


@pytest.mark.parametrize("link", ["data/b.csv", "linked/a.csv"])
def test_any_link_on_the_way_is_refused(package: Path, link: str) -> None:
    (package / "data" / "b.csv").symlink_to(package / "data" / "a.csv")  # even inside
    (package / "linked").symlink_to(package / "data")
    with pytest.raises(UnsafePathError, match="goes through a symbolic link"):
        package_file(package, link)


def test_what_is_not_a_regular_file_is_refused(package: Path) -> None:
    os.mkfifo(package / "data" / "pipe.csv")
    with pytest.raises(UnsafePathError, match="not a regular file"):
        package_file(package, "data/pipe.csv")
    with pytest.raises(UnsafePathError, match="not a regular file"):
        package_file(package, "data")
    with pytest.raises(UnsafePathError, match="not a regular file"):
        open_regular(package / "data" / "pipe.csv")


def test_the_descriptor_itself_may_not_be_a_link(package: Path) -> None:
    (package / "datapackage.json").symlink_to(package.parent / "outside.csv")
    with pytest.raises(UnsafePathError, match="symbolic link"):
        descriptor_file(package, "datapackage.json")


def test_escapes_follows_links_to_where_they_lead(package: Path) -> None:
    (package / "in.csv").symlink_to(package / "data" / "a.csv")
    (package / "out.csv").symlink_to(package.parent / "outside.csv")
    (package / "loop").symlink_to(package / "loop")
    assert escapes(package, package / "in.csv") is None
    assert escapes(package, package / "out.csv") == (package.parent / "outside.csv").resolve()
    assert escapes(package, package / "loop") is not None


def test_open_regular_does_not_follow_a_link(package: Path) -> None:
    (package / "out.csv").symlink_to(package.parent / "outside.csv")
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        open_regular(package / "out.csv")
