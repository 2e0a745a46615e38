"""Errors that stop work. Findings that do not stop work are `models.Issue`s in a `Report`.

DatapkgError                 any known failure; the CLI prints it and exits 1
├── SourceError              the source folder or catalogue cannot be read at all
├── InvalidSourcesError      `check` found errors; carries the Report
├── OutputExistsError        the version's folder exists with different content
└── InvalidPackageError      a package folder is missing or its descriptor is unreadable
"""

from __future__ import annotations

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


class InvalidPackageError(DatapkgError):
    """The package folder is missing or its descriptor cannot be read."""
