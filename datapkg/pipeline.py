"""Compose the stages: sources -> checks -> segment -> records -> resources -> package -> validate.

This is the only module that knows the order of the stages; the stages do
not import each other. Documents stream through one at a time (or a chunk at
a time when segmenting in parallel), and the package is written into a
temporary folder beside its destination, then moved into place, so a failed
build never leaves half a package behind.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import semver
import yaml

from datapkg import checks, croissant, package, records, resources, sources
from datapkg.errors import DatapkgError, InvalidSourcesError, OutputExistsError, SourceError
from datapkg.models import Catalogue, DocumentEntry, Issue, Report, Segmentation, Severity
from datapkg.schemas import RESOURCES, arrow_schema
from datapkg.segment import segment
from datapkg.validate import validate_package

DEFAULT_VERSION = "0.1.0"
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
#: Called after each document with its path and size in bytes (progress bars).
Progress = Callable[[str, int], None]


@dataclass
class OpenedSources:
    """The source folder's files and catalogue, with what was found wrong so far."""

    source_dir: Path
    files: list[sources.SourceFile]
    catalogue: Catalogue | None
    entries: dict[str, DocumentEntry] | None  # None: no catalogue, metadata derived
    issues: list[Issue] = field(default_factory=list)
    bad_names: set[str] = field(default_factory=set)  # files whose stem cannot be an id


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._")
    return slug or "corpus"


def derived_catalogue(source_dir: Path, version: str | None) -> Catalogue:
    """Package metadata for a folder without a catalogue: named after the folder."""
    folder = source_dir.resolve().name
    return Catalogue(
        name=_slug(folder),
        title=folder,
        version=version or DEFAULT_VERSION,
        documents=(),
    )


def derived_entry(file: sources.SourceFile, data: bytes) -> DocumentEntry:
    """A document entry from the file alone: id and path; nothing is guessed."""
    return DocumentEntry(id=file.stem, path=file.relpath, sha256=sources.sha256_hex(data))


def open_sources(source_dir: Path) -> OpenedSources:
    """Find the files, read and check the catalogue, and check the file names."""
    files = sources.find_text_files(source_dir)
    catalogue_path = sources.find_catalogue(source_dir)
    opened = OpenedSources(source_dir, files, None, None)
    if catalogue_path is None:
        if not files:
            raise SourceError(
                f"{source_dir}: no .txt files found; put one UTF-8 text file per document there"
            )
        name_issues = checks.check_file_names(files)
        opened.issues += name_issues
        opened.bad_names = {i.file for i in name_issues if i.file}
        return opened
    name = catalogue_path.name
    try:
        raw: sources.RawCatalogue | yaml.YAMLError = sources.read_catalogue(catalogue_path)
    except yaml.YAMLError as e:
        raw = e
    except UnicodeDecodeError:
        raise SourceError(f"{catalogue_path}: not UTF-8; save the catalogue as UTF-8") from None
    catalogue, issues = checks.validate_catalogue(raw, name)
    opened.issues += issues
    opened.entries = {}
    if catalogue is not None:
        matched = checks.check_catalogue(catalogue, name, source_dir, files)
        opened.issues += matched.issues
        opened.catalogue, opened.entries = matched.catalogue, matched.entries
    opened.issues += checks.check_file_names(files)
    return opened


def _has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)


@dataclass(frozen=True)
class Checked:
    """One source file after its checks: the entry and text are set only when it is usable."""

    file: sources.SourceFile
    size: int
    entry: DocumentEntry | None
    text: str | None
    issues: list[Issue]


def _checked_files(opened: OpenedSources) -> Iterator[Checked]:
    for file, data in sources.iter_files(opened.files):
        entry = opened.entries.get(file.relpath) if opened.entries is not None else None
        if opened.entries is not None and entry is None:
            yield Checked(file, len(data), None, None, [])  # reported as missing-entry
            continue
        result = checks.check_text(file.relpath, data, entry.sha256 if entry else None)
        if entry is None and result.text is not None and file.relpath not in opened.bad_names:
            entry = derived_entry(file, data)
        yield Checked(file, len(data), entry, result.text, result.issues)


def check(source_dir: Path, progress: Progress | None = None) -> Report:
    """Check the sources against the schemas; write nothing."""
    opened = open_sources(source_dir)
    issues = list(opened.issues)
    total = 0
    for item in _checked_files(opened):
        issues += item.issues
        total += item.size
        if progress:
            progress(item.file.relpath, item.size)
    stats: dict[str, int | float | str] = {"documents": len(opened.files), "bytes": total}
    return Report(issues=tuple(issues), stats=stats)


# --- build ------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    """What a build made and where."""

    package_dir: Path
    status: str  # "created", "identical" (nothing changed) or "replaced" (--force)
    counts: dict[str, int]
    source_bytes: int
    issues: tuple[Issue, ...]


def _segment_all(texts: Iterable[str], jobs: int) -> Iterator[Segmentation]:
    """Segment texts in order, in `jobs` processes when more than one (pure, so safe)."""
    if jobs <= 1:
        yield from map(segment, texts)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs) as pool:
        chunk: list[str] = []
        for text in texts:
            chunk.append(text)
            if len(chunk) >= 64 * jobs:
                yield from pool.map(segment, chunk, chunksize=8)
                chunk = []
        yield from pool.map(segment, chunk, chunksize=8)


def _created_timestamp(catalogue: Catalogue) -> dt.datetime | None:
    """The catalogue's timestamp, else SOURCE_DATE_EPOCH, else none.

    Never the clock: two builds of the same input must be byte-identical.
    """
    if catalogue.created is not None:
        return catalogue.created
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise SourceError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds; unset or fix it"
            ) from None
    return None


def differing_files(a: Path, b: Path) -> list[str]:
    """Relative paths of the files that are not byte-identical in two trees (or in only one)."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = files_a ^ files_b
    differ |= {f for f in files_a & files_b if not filecmp.cmp(a / f, b / f, shallow=False)}
    return sorted(str(f) for f in differ)


def _same_tree(a: Path, b: Path) -> bool:
    return not differing_files(a, b)


def _write_package(
    opened: OpenedSources, catalogue: Catalogue, tmp: Path, jobs: int, progress: Progress | None
) -> tuple[dict[str, int], int, list[Issue]]:
    """Stream every document into the package files in `tmp`; return counts, bytes and issues."""
    issues: list[Issue] = []
    builders = {r: records.BatchBuilder(r) for r in RESOURCES}
    writers = {r: resources.ResourceWriter(tmp, r, arrow_schema(r)) for r in RESOURCES}
    source_bytes = 0
    usable: deque[Checked] = deque()  # checked files waiting for their segmentation

    def usable_texts() -> Iterator[str]:
        nonlocal source_bytes, issues
        for item in _checked_files(opened):
            issues += item.issues
            source_bytes += item.size
            if progress:
                progress(item.file.relpath, item.size)
            if item.text is not None and not _has_errors(item.issues) and not _has_errors(issues):
                usable.append(item)
                yield item.text

    try:
        for seg in _segment_all(usable_texts(), jobs):
            item = usable.popleft()
            assert item.entry is not None and item.text is not None
            rows = records.document_rows(item.entry, item.size, item.text, seg)
            for resource in RESOURCES:
                for batch in builders[resource].add(rows[resource]):
                    writers[resource].write(batch)
        for resource in RESOURCES:
            writers[resource].write(builders[resource].flush())
    finally:
        for writer in writers.values():
            writer.close()
    counts = {r: w.rows for r, w in writers.items()}
    return counts, source_bytes, issues


def build(
    source_dir: Path,
    out_dir: Path,
    *,
    version: str | None = None,
    force: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildResult:
    """Check, segment, write, describe and validate; move the package into place."""
    if version is not None and not SEMVER.fullmatch(version):
        raise SourceError(
            f"--version {version!r} is not a semantic version; use MAJOR.MINOR.PATCH, e.g. 1.0.0"
        )
    opened = open_sources(source_dir)
    if _has_errors(opened.issues):
        raise InvalidSourcesError(Report(issues=tuple(opened.issues)))
    catalogue = opened.catalogue or derived_catalogue(source_dir, version)
    if version is not None:
        catalogue = catalogue.model_copy(update={"version": version})
    created = _created_timestamp(catalogue)
    target = out_dir / f"{catalogue.name}-{catalogue.version}"
    made_out_dir = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=out_dir))
    try:
        counts, source_bytes, issues = _write_package(opened, catalogue, tmp, jobs, progress)
        all_issues = opened.issues + issues
        if _has_errors(all_issues):
            raise InvalidSourcesError(Report(issues=tuple(all_issues)))
        descriptor = package.describe(tmp, catalogue, created)
        package.write_descriptor(tmp, descriptor)
        changelog = source_dir / CHANGELOG
        history = changelog.read_text(encoding="utf-8") if changelog.is_file() else None
        if history is not None:  # the package's own history travels with every version
            (tmp / CHANGELOG).write_text(history, encoding="utf-8")
        package.write_card(tmp, descriptor, counts, history)
        (tmp / croissant.CROISSANT).write_text(
            croissant.render_croissant(descriptor), encoding="utf-8"
        )
        report = validate_package(tmp)
        if not report.valid:
            first = report.errors[0]
            raise DatapkgError(
                f"the built package failed validation ({len(report.errors)} problems; first: "
                f"{first.file}: {first.message}); nothing was written. This is a bug in datapkg: "
                "please report it with the source file"
            )
        status = _move_into_place(tmp, target, force)
        package.write_zip(target, target.with_name(f"{target.name}.zip"), created)
        package.write_checksums(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if made_out_dir and not any(out_dir.iterdir()):
            out_dir.rmdir()
        raise
    return BuildResult(target, status, counts, source_bytes, tuple(all_issues))


def _move_into_place(tmp: Path, target: Path, force: bool) -> str:
    if not target.exists():
        tmp.rename(target)
        return "created"
    changed = differing_files(tmp, target)
    if not changed:
        shutil.rmtree(tmp)
        return "identical"
    if not force:
        shown = ", ".join(changed[:5]) + (
            f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        )
        raise OutputExistsError(
            f"{target} already exists with different content ({shown}); a published version "
            "never changes: bump the version (--version X.Y.Z, or `version:` in the catalogue), "
            "or pass --force to replace it"
        )
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old)
    return "replaced"


def draft_catalogue(source_dir: Path) -> str:
    """A catalogue YAML for a folder of texts: package metadata to fill in, one entry per file."""
    catalogue = derived_catalogue(source_dir, None)
    entries = [
        {
            "id": f.stem,
            "path": f.relpath,
            "sha256": sources.sha256_hex(data),
            "title": None,
            "author": None,
            "publisher": None,
            "language": None,
            "published": None,
            "source": None,
        }
        for f, data in sources.iter_files(sources.find_text_files(source_dir))
    ]
    head: dict[str, object] = {
        "name": catalogue.name,
        "title": catalogue.title,
        "description": None,
        "version": catalogue.version,
        "contributors": [],
        "licenses": [],
        "rights": None,
    }
    return yaml.safe_dump({**head, "documents": entries}, sort_keys=False, allow_unicode=True)


# --- release ------------------------------------------------------------------

BUMPS = ("patch", "minor", "major")
CHANGELOG = "CHANGELOG.md"
_CHANGELOG_HEAD = (
    "# Changelog\n\nChanges to this data package, newest first. Versions follow the Data "
    "Package version rules: MAJOR for renamed, removed or retyped fields and tighter "
    "constraints; MINOR for added resources, fields or data and looser constraints; PATCH for "
    "corrected data and metadata.\n"
)


@dataclass(frozen=True)
class ReleaseResult:
    """A release: the build, the version it follows, and its changelog entry."""

    build: BuildResult
    previous: str | None
    required_bump: str
    entry: str


def published_versions(out_dir: Path, name: str) -> list[semver.Version]:
    """The versions of package `name` already in `out_dir`, oldest first."""
    found = []
    for path in out_dir.glob(f"{name}-*/datapackage.json"):
        version = path.parent.name.removeprefix(f"{name}-")
        if semver.Version.is_valid(version):
            found.append(semver.Version.parse(version))
    return sorted(found)


def _set_catalogue_version(catalogue_path: Path, version: str) -> None:
    """Rewrite the catalogue's top-level `version:` line, keeping every comment and layout."""
    text = catalogue_path.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^version:.*$", f"version: {version}", text, count=1)
    if count != 1:
        raise SourceError(f"{catalogue_path}: no top-level `version:` line to update")
    tmp = catalogue_path.with_name(f".{catalogue_path.name}.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(catalogue_path)


def _prepend_changelog(source_dir: Path, entry: str) -> None:
    path = source_dir / CHANGELOG
    old = path.read_text(encoding="utf-8") if path.exists() else _CHANGELOG_HEAD
    head, sep, rest = old.partition("\n## ")
    new = f"{head.rstrip()}\n\n{entry.strip()}\n" + (f"\n## {rest}" if sep else "")
    tmp = path.with_name(f".{CHANGELOG}.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)


def release(
    source_dir: Path, out_dir: Path, bump: str, *, progress: Progress | None = None
) -> ReleaseResult:
    """Publish the next version: check the bump against the change, record it, build it.

    The candidate is built in a temporary folder and compared with the latest
    published version; a bump smaller than the change needs is refused with the
    reasons. Only then are the catalogue's version and the changelog updated
    and the release built into `out_dir`.
    """
    from datapkg.diff import diff_packages  # the release step reads two finished packages

    if bump not in BUMPS:
        raise SourceError(f"--bump {bump!r}: use one of {', '.join(BUMPS)}")
    catalogue_path = sources.find_catalogue(source_dir)
    opened = open_sources(source_dir)
    if catalogue_path is None or opened.catalogue is None:
        if _has_errors(opened.issues):
            raise InvalidSourcesError(Report(issues=tuple(opened.issues)))
        raise SourceError(
            f"{source_dir}: a release needs a catalog.yaml to record its version; "
            f"create one with `datapkg catalog {source_dir} > {source_dir}/catalog.yaml`"
        )
    name = opened.catalogue.name
    published = published_versions(out_dir, name)
    if not published:
        version, previous, required, entry = opened.catalogue.version, None, "none", ""
    else:
        latest = published[-1]
        version = str(getattr(latest, f"bump_{bump}")())
        with tempfile.TemporaryDirectory() as tmp:
            candidate = build(source_dir, Path(tmp), version=version)
            change = diff_packages(out_dir / f"{name}-{latest}", candidate.package_dir)
        required, previous, entry = change.required_bump, str(latest), change.summary()
        if required == "none":
            raise DatapkgError(
                f"nothing changed since {name} {latest}: no data, schema or metadata "
                "differs, so there is nothing to release"
            )
        if BUMPS.index(bump) < BUMPS.index(required):
            raise DatapkgError(
                f"a {bump} release is not enough: the change since {latest} needs a "
                f"{required} version ({'; '.join(change.reasons[:3])}); "
                f"run `datapkg release --bump {required}`"
            )
    if entry:
        _prepend_changelog(source_dir, entry)
    _set_catalogue_version(catalogue_path, version)
    result = build(source_dir, out_dir, progress=progress)
    return ReleaseResult(result, previous, required, entry)
