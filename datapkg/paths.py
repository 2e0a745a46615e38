"""Paths that stay inside their folder: the one place that decides what may be opened.

datapkg reads two kinds of folder that other people wrote: a source folder and a
package folder. Nothing outside either is ever read or published, whatever a path,
a symbolic link or a descriptor says:

* a descriptor's resource `path` must be a relative POSIX path that stays in the
  package (Data Package v2: no leading `/`, no `..` segment, no URL for a local
  package); every component of it must be a real folder or file, never a link;
* a source file (or the catalogue, or the changelog) may be a link only when what it
  points to lies inside the source folder.

The checks run on the path before anything is opened; `open_inside` then opens the
file one folder at a time, each relative to the one before and none followed if it
is a link, so a folder swapped for a link between the check and the open is refused
too, and checks that it opened a regular file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from datapkg.errors import NotRegularFileError, UnsafePathError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # "https:", "file:", "s3:"
_DRIVE = re.compile(r"^[A-Za-z]:(?:[\\/]|$)")  # "C:\data", "C:/data"


def package_file(package_dir: Path, path: object, what: str = "path") -> Path:
    """The file a descriptor's `path` names inside `package_dir`, or `UnsafePathError`.

    Refused before anything is opened: a value that is not a string, a URL, an absolute
    path, a `..`, `.` or empty segment, a backslash or NUL, a path through a symbolic
    link, and what is not a regular file. A file that does not
    exist is not refused here: the caller reports it as missing.
    """
    if isinstance(path, list):  # a resource's list of files is checked file by file
        raise UnsafePathError(f"{what} is a list; give its paths one by one")
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
        raise NotRegularFileError(f"{what} {path!r} is not a regular file")
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
        raise NotRegularFileError(f"{path} is not a regular file (a device, a pipe or a socket)")
    return fd


_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def open_inside(root: Path, relpath: str) -> int:
    """A read-only descriptor of the regular file `relpath` below `root`, opened one folder
    at a time relative to the one before, none of them followed if it is a link.

    Checking a path and then opening it by name leaves a moment in which a folder on the
    way can be swapped for a link; opening each step relative to the descriptor of the
    step before, with `O_NOFOLLOW`, leaves none. `root` itself is opened as given.
    Raises `UnsafePathError` for a link or what is not a regular file, `OSError` otherwise.
    """
    folder, name = _open_parent(root, relpath)
    try:
        fd = _open_step(name, _FILE_FLAGS, folder, relpath)
    finally:
        os.close(folder)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFileError(f"{relpath!r} is not a regular file")
    return fd


def _open_parent(root: Path, relpath: str) -> tuple[int, str]:
    """A descriptor of the folder that holds `relpath` below `root`, reached one folder at a
    time without following a link, and the file's name in it. The caller closes it."""
    parts = [p for p in relpath.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts):
        raise UnsafePathError(f"{relpath!r} does not name a file inside {root}")
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        for part in parts[:-1]:
            inner = _open_step(part, _DIR_FLAGS, folder, relpath)
            os.close(folder)
            folder = inner
    except BaseException:
        os.close(folder)
        raise
    return folder, parts[-1]


def _open_step(name: str, flags: int, folder: int, relpath: str) -> int:
    try:
        return os.open(name, flags, dir_fd=folder)
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENOTDIR) and stat.S_ISLNK(
            os.lstat(name, dir_fd=folder).st_mode
        ):
            raise UnsafePathError(
                f"{relpath!r} goes through a symbolic link ({name}); it is not followed"
            ) from None
        raise


def read_inside(root: Path, relpath: str, limit: int | None = None) -> bytes:
    """The bytes of `relpath` below `root` (see `open_inside`), at most `limit` + 1 of them."""
    with os.fdopen(open_inside(root, relpath), "rb") as f:
        return f.read() if limit is None else f.read(limit + 1)


def digest_inside(root: Path, relpath: str) -> tuple[int, str]:
    """(bytes, sha256 hex) of the regular file `relpath` below `root`, read in chunks through
    `open_inside`."""
    return digest_parts_inside(root, [relpath], headed=False)


def digest_parts_inside(root: Path, relpaths: list[str], headed: bool) -> tuple[int, str]:
    """(bytes, sha256 hex) of a resource held in several files below `root`, read as one
    stream as Data Package readers (frictionless) read them: the files in order, and when
    they are `headed` (CSV with a header row), each after the first without its first line.
    One file is hashed whole."""
    h = hashlib.sha256()
    size = 0
    for k, relpath in enumerate(relpaths):
        with os.fdopen(open_inside(root, relpath), "rb") as f:
            if headed and k > 0:
                f.readline()
            while chunk := f.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    return size, h.hexdigest()


def regular_files(root: Path) -> tuple[set[str], set[str]]:
    """The regular files below `root` (POSIX paths relative to it), and everything else that
    is not a folder (links, pipes, ...), found without following any link."""
    files: set[str] = set()
    others: set[str] = set()
    for folder, dirs, names in os.walk(root, followlinks=False):
        rel = Path(folder).relative_to(root)
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = (rel / name).as_posix()
            mode = os.lstat(os.path.join(folder, name)).st_mode
            (files if stat.S_ISREG(mode) else others).add(path)
    return files, others


_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{16}\.datapkg\.tmp$")


def replace_inside(root: Path, relpath: str, data: bytes) -> None:
    """Write `data` as the file `relpath` below `root` in one step: a new file with a name
    no one else can hold (created with `O_EXCL`, never through a link), renamed over the
    old one (a link in its place is replaced, never followed). Folders on the way are
    opened as `open_inside` opens them."""
    folder, name = _open_parent(root, relpath)
    try:
        tmp = f".{name}.{secrets.token_hex(8)}.datapkg.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(tmp, flags, 0o644, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder)
            raise
    finally:
        os.close(folder)


def remove_temporaries(root: Path) -> list[str]:
    """Remove what `replace_inside` left when its process was killed; the paths removed."""
    removed = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if _TEMPORARY.match(name):
                os.unlink(os.path.join(folder, name))  # a link is removed, never followed
                removed.append((Path(folder).relative_to(root) / name).as_posix())
    return removed


@contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write, renamed over `path` when the block ends
    without error and removed otherwise: a reader sees the old file or the new one, never
    half of one. For datapkg's own output folder; the source folder has `replace_inside`."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
