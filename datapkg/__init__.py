"""datapkg: a folder of plain-text documents -> a versioned, validated Frictionless data package.

The modules, in the order the data flows:

    sources     read the files and the catalogue: bytes, decoded text, sha256
    checks      check them against schemas/ -> Issues with file:line:col
    catalogue   edit catalog.yaml in place (new hashes and files, a release's version and
                date), keeping its comments and every field its author filled in
    segment     pure: one document's text -> paragraphs and quotations
    cache       segmentations kept between builds, so a rebuild segments only what changed
    records     ids, positions, foreign keys -> Arrow record batches per resource
    documents   one source file's whole work (read, check, segment or the cache's, record
                batches): what a worker process runs, importing nothing else
    engines     `--engine ray`: the per-document work (check, segment, record batches) run
                on Ray, here or on a cluster, its results in order
    resources   Arrow batches -> CSV and Parquet files
    descriptor  datapackage.json: the package's metadata and its resources' schemas
    card        README.md: a Hugging Face dataset card, from a template
    view        view.html: every document with its marked quotations and speakers, one
                self-contained page (through `reader`)
    croissant   pure: datapackage.json -> Croissant 1.0 JSON-LD (croissant.json)
    validate    the finished package -> Report (through `reader`)
    keys        the key columns validation checks across every row, kept on disk
                (DuckDB), so its memory stays flat whatever the package's size
    publish     commit a package and its archive into the output folder: one process at a
                time (a lock), all or nothing, and recovery from a killed run
    reader      a finished package read safely: descriptor, checked paths, files, batches
    diff        two package versions -> row, schema and metadata changes, and the bump they need
    load        a built package's tables as pyarrow Tables, for Python users
    pipeline    composes the stages (the only module that knows their order)
    cli         the `datapkg` command, a thin layer over `pipeline`

Beneath them all: models (pydantic types), errors, schemas (the files in schemas/),
layout (the names of a package's files and resources), citation (how to cite a package,
for the card and Croissant), figures (the package's three figures, for the card and the
page), and paths (what may be opened: nothing outside the folder it
was given).
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import version as _installed_version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datapkg.diff import PackageDiff, diff_packages
    from datapkg.errors import DatapkgError
    from datapkg.load import load_all
    from datapkg.models import Issue, Report, Segmentation
    from datapkg.pipeline import BuildResult, build, check
    from datapkg.validate import validate_package

# Imported now, not on first use: these functions share their names with the modules
# that hold them, and importing such a module would leave the name meaning the module.
from datapkg.load import load
from datapkg.segment import segment

# One source for the version: `version` in pyproject.toml, as installed.
__version__ = _installed_version("datapkg")

# The other public names, each imported from its module on first use: a worker process
# (`datapkg.documents`) then imports the stages it runs, not the writers, DuckDB, or the
# dataset card's and the page's libraries.
_HOMES = {
    "BuildResult": "pipeline",
    "DatapkgError": "errors",
    "Issue": "models",
    "PackageDiff": "diff",
    "Report": "models",
    "Segmentation": "models",
    "build": "pipeline",
    "check": "pipeline",
    "diff_packages": "diff",
    "load_all": "load",
    "validate_package": "validate",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'datapkg' has no attribute {name!r}")
    value = getattr(import_module(f"datapkg.{_HOMES[name]}"), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


__all__ = [
    "BuildResult",
    "DatapkgError",
    "Issue",
    "PackageDiff",
    "Report",
    "Segmentation",
    "__version__",
    "build",
    "check",
    "diff_packages",
    "load",
    "load_all",
    "segment",
    "validate_package",
]
