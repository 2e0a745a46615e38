"""Paths that stay inside their folder: the one place that decides what may be opened.

datapkg reads two kinds of folder that other people wrote: a source folder and a
package folder. Nothing outside either is ever read or published, whatever a path,
a symbolic link or a descriptor says:

* a descriptor's resource `path` must be a relative POSIX path that stays in the
  package (Data Package v2: no leading `/`, no `..` segment, no URL for a local
  package); every component of it must be a real folder or file, never a link;
* a source file (or the catalogue, or the changelog) may be a link only when what it
  points to lies inside the source folder.

The checks run on the path before anything is opened; `open_regular` then opens
with `O_NOFOLLOW` and checks that it opened a regular file, so a link swapped in
between the check and the open is refused too.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from datapkg.errors import UnsafePathError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # "https:", "file:", "s3:"
_DRIVE = re.compile(r"^[A-Za-z]:(?:[\\/]|$)")  # "C:\data", "C:/data"


def package_file(package_dir: Path, path: object, what: str = "path") -> Path:
    """The file a descriptor's `path` names inside `package_dir`, or `UnsafePathError`.

    Refused before anything is opened: a value that is not a string (a list of files,
    for one), a URL, an absolute path, a `..`, `.` or empty segment, a backslash or NUL, a
    path through a symbolic link, and what is not a regular file. A file that does not
    exist is not refused here: the caller reports it as missing.
    """
    if isinstance(path, list):
        raise UnsafePathError(
            f"{what} is a list of files; this version of datapkg reads one file per "
            "resource: rebuild the package with `datapkg build`"
        )
    if not isinstance(path, str) or not path:
        raise UnsafePathError(f"{what} is {path!r}, not a relative file path")
    if _DRIVE.match(path):
        raise UnsafePathError(
            f"{what} {path!r} is absolute; Data Package paths are relative to the package "
            "folder: give the file's path inside the package"
        )
    if _URL.match(path):
        raise UnsafePathError(
            f"{what} {path!r} is a URL; a datapkg package is a local folder: download the "
            "files into it and give paths relative to datapackage.json"
        )
    posix = PurePosixPath(path)
    if posix.is_absolute() or path.startswith("~"):
        raise UnsafePathError(
            f"{what} {path!r} is absolute; Data Package paths are relative to the package "
            "folder: give the file's path inside the package"
        )
    if "\\" in path or "\x00" in path:
        raise UnsafePathError(f"{what} {path!r} holds a backslash or NUL; use '/' between folders")
    if any(segment in ("", ".", "..") for segment in path.split("/")):
        raise UnsafePathError(
            f"{what} {path!r} has a '..', '.' or empty segment; Data Package paths name a "
            "file inside the package folder without leaving it"
        )
    return _no_links(package_dir, posix.parts, what, path)


def _no_links(root: Path, parts: tuple[str, ...], what: str, path: str) -> Path:
    """`root / parts`, refusing any component that is a symbolic link."""
    current = root
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return root.joinpath(*parts)  # missing: the caller reports it as missing
        except OSError as e:
            raise UnsafePathError(f"{what} {path!r} cannot be looked at: {e.strerror}") from None
        if stat.S_ISLNK(mode):
            target = os.readlink(current)
            raise UnsafePathError(
                f"{what} {path!r} goes through a symbolic link ({current.name} -> {target}); "
                "a package holds its files itself: replace the link with the file"
            )
    if not stat.S_ISREG(mode):
        raise UnsafePathError(f"{what} {path!r} is not a regular file")
    return current


def escapes(root: Path, path: Path) -> Path | None:
    """Where `path` really leads, if that is outside `root` (links followed); else None."""
    real_root = root.resolve()
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop of links
        return path
    return None if real.is_relative_to(real_root) else real


def descriptor_file(package_dir: Path, name: str) -> Path:
    """A file at the top of a package folder (`datapackage.json`), refused if it is a link."""
    return _no_links(package_dir, (name,), "descriptor", name)


def open_regular(path: Path) -> int:
    """A read-only descriptor of `path`, which must be a regular file reached without a link
    at its last step; `OSError` (ELOOP for a link) or `UnsafePathError` otherwise."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafePathError(f"{path} is not a regular file (a device, a pipe or a socket)")
    return fd
