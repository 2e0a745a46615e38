"""Errors that stop work. Findings that do not stop work are `models.Issue`s in a `Report`.

DatapkgError                 any known failure; the CLI prints it and exits 1
├── SourceError              the source folder or catalogue cannot be read at all
├── InvalidSourcesError      `check` found errors; carries the Report
├── OutputExistsError        the version's folder exists with different content
├── OutputError              the output folder cannot be written (permissions, disk, a file
│                            in the way), or another build holds it
├── FileSystemError          the system refused an operation on a named file (`os_error`)
└── InvalidPackageError      a package folder is missing or its descriptor is unreadable
    └── UnsafePathError      a path leaves its folder, goes through a link, or is a URL
        └── NotRegularFileError  it names a device, a pipe, a socket or a folder
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datapkg.models import Report


class DatapkgError(Exception):
    """A known failure: the message says what, where, and what to do next."""


class SourceError(DatapkgError):
    """The source folder or its catalogue cannot be read at all."""


class InvalidSourcesError(DatapkgError):
    """The sources break one or more rules; `report` lists every finding."""

    def __init__(self, report: Report) -> None:
        self.report = report
        n = len(report.errors)
        super().__init__(
            f"{n} problem{'s' if n != 1 else ''} in the sources; "
            "run `datapkg check` to list them, fix them, and build again"
        )


class OutputExistsError(DatapkgError):
    """The version's output folder exists and the new build differs from it."""


class OutputError(DatapkgError):
    """The output folder cannot be written, or another datapkg process holds it."""


class FileSystemError(DatapkgError):
    """The operating system refused to read or write a named file."""


class InvalidPackageError(DatapkgError):
    """The package folder is missing or its descriptor cannot be read."""


class UnsafePathError(InvalidPackageError):
    """A path that would leave its folder, pass through a symbolic link, or fetch a URL."""


class NotRegularFileError(UnsafePathError):
    """A path that names a device, a pipe, a socket or a folder where a file was expected."""


# What to do about the errors the system gives for a named file, by errno.
_OS_HINTS = {
    errno.EACCES: "permission denied: give your user the right to it (chmod/chown), or choose "
    "another folder",
    errno.EPERM: "operation not permitted: give your user the right to it, or choose another "
    "folder",
    errno.ENAMETOOLONG: "the path is longer than the system allows: use a shorter folder or "
    "file name",
    errno.ENOTDIR: "a part of the path is a file, not a folder: choose a folder path",
    errno.EEXIST: "a file of that name is in the way: remove it or choose another path",
    errno.EISDIR: "it is a folder where a file was expected: choose a file path",
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.ELOOP: "it is a symbolic link (or a loop of them): replace it with the file itself",
    errno.ENOENT: "no such file or folder: check the path",
    errno.EIO: "the device reported an input/output error: check the disk",
}


def os_error(error: OSError, doing: str | None = None) -> FileSystemError:
    """A known error for an `OSError` met while `doing` something ("writing the package"),
    naming the file and saying what to do."""
    where = error.filename if error.filename is not None else "(a file)"
    hint = _OS_HINTS.get(error.errno or 0, f"{error.strerror or error}: check the path")
    return FileSystemError(f"{where}: {doing} failed: {hint}" if doing else f"{where}: {hint}")


def is_known_os_error(error: OSError) -> bool:
    """Whether an `OSError` is one the system gives for a file it cannot use, not a bug."""
    return error.errno in _OS_HINTS
