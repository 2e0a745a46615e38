"""Compose the stages: sources -> checks -> segment -> records -> resources -> package -> validate.

This is the only module that knows the order of the stages; the stages do
not import each other. Documents stream through one at a time (or a chunk at
a time when segmenting in parallel), and the package is written into a
staging folder inside the output folder, then committed into place with its
archive (`publish`), so a failed or killed build never leaves half a package.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import multiprocessing.pool
import os
import re
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa
import semver
import yaml

from datapkg import cache as segment_cache
from datapkg import (
    card,
    checks,
    descriptor,
    engines,
    paths,
    publish,
    records,
    resources,
    sources,
    view,
)
from datapkg import catalogue as catalogue_file
from datapkg.documents import (
    READ_FAILURES,
    Built,
    Checked,
    Task,
    build_one,
    build_read,
    cached_rows,
    check_one,
    has_errors,
    read_source,
    read_task,
    source_limits,
    start_worker,
    unread,
)
from datapkg.errors import (
    DatapkgError,
    InvalidPackageError,
    InvalidSourcesError,
    OutputExistsError,
    SourceError,
    UnsafePathError,
    os_error,
)
from datapkg.layout import CHANGELOG, CROISSANT, FORMATS, table_files
from datapkg.models import (
    SEMVER_PATTERN,
    Catalogue,
    DocumentEntry,
    Finding,
    Issue,
    RawCatalogue,
    Report,
    SourceFile,
)
from datapkg.reader import load_descriptor
from datapkg.schemas import RESOURCES, arrow_schema
from datapkg.segment import LANGUAGES
from datapkg.validate import validate_package

DEFAULT_VERSION = "0.1.0"
SEMVER = re.compile(SEMVER_PATTERN)
#: Called after each document with its path and size in bytes (progress bars).
Progress = Callable[[str, int], None]


@dataclass
class OpenedSources:
    """The source folder's files and catalogue, with what was found wrong so far."""

    source_dir: Path
    files: list[SourceFile]
    catalogue: Catalogue | None
    entries: dict[str, DocumentEntry] | None  # None: no catalogue, metadata derived
    issues: list[Issue] = field(default_factory=list)
    bad_names: set[str] = field(default_factory=set)  # files whose stem cannot be an id
    history: str | None = None  # the source folder's CHANGELOG.md, copied into each package


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


def _finding(found: Finding) -> Issue:
    where = {"line": found.line, "column": found.column} if found.line else {}
    return checks.issue(found.code, found.relpath, found.detail, **where)


def _read_catalogue(source_dir: Path, path: Path) -> tuple[Catalogue | None, list[Issue]]:
    """The catalogue, validated, or the findings that keep it from being used."""
    name, limits = path.name, source_limits()
    try:
        raw: RawCatalogue | yaml.YAMLError = sources.read_catalogue(
            path,
            limit=limits["max_catalog_bytes"],
            max_depth=limits["max_catalog_depth"],
            source_dir=source_dir,
        )
    except yaml.YAMLError as e:
        raw = e
    except sources.CatalogueShapeError as e:
        where = {"line": e.line, "column": e.column} if e.line else {}
        return None, [checks.issue(e.code, name, e.detail, **where)]
    except UnicodeDecodeError:
        return None, [checks.issue("utf8", name, "the catalogue must be UTF-8")]
    except READ_FAILURES as e:
        return None, [unread(name, e, "the catalogue must be a file", "catalog-too-large")]
    duplicates = [] if isinstance(raw, yaml.YAMLError) else [_finding(f) for f in raw.findings]
    catalogue, issues = checks.validate_catalogue(raw, name)
    return (None if duplicates else catalogue), duplicates + issues


def _read_history(source_dir: Path) -> tuple[str | None, list[Issue]]:
    path = source_dir / CHANGELOG
    if not (path.is_symlink() or path.exists()):
        return None, []
    try:
        data = sources.read_top_file(source_dir, path, source_limits()["max_catalog_bytes"])
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [checks.issue("utf8", CHANGELOG, "the changelog must be UTF-8")]
    except READ_FAILURES as e:
        return None, [unread(CHANGELOG, e, "the changelog must be a file")]


def open_sources(source_dir: Path) -> OpenedSources:
    """Find the files, read and check the catalogue and the changelog, check the file names."""
    found = sources.find_text_files(source_dir)
    files = found.files
    opened = OpenedSources(source_dir, files, None, None)
    opened.issues += [_finding(f) for f in found.findings]
    opened.history, history_issues = _read_history(source_dir)
    opened.issues += history_issues
    catalogue_path = sources.find_catalogue(source_dir)
    if catalogue_path is None:
        if not files and not found.findings:
            raise SourceError(
                f"{source_dir}: no .txt files found; put one UTF-8 text file per document there"
            )
        name_issues = checks.check_file_names(files)
        opened.issues += name_issues
        opened.bad_names = {i.file for i in name_issues if i.file}
        return opened
    catalogue, issues = _read_catalogue(source_dir, catalogue_path)
    opened.issues += issues
    opened.entries = {}
    if catalogue is not None:
        matched = checks.check_catalogue(catalogue, catalogue_path.name, source_dir, files)
        opened.issues += matched.issues
        opened.catalogue, opened.entries = matched.catalogue, matched.entries
        opened.issues += _unknown_languages(catalogue, catalogue_path.name)
    opened.issues += checks.check_file_names(files)
    return opened


def _unknown_languages(catalogue: Catalogue, name: str) -> list[Issue]:
    """A warning for each document whose language the segmenter has no word lists for
    ("de-AT" is looked up as "de"; "en-GB" is English)."""
    found = []
    for i, entry in enumerate(catalogue.documents):
        primary = (entry.language or "").split("-")[0].lower()
        if primary and primary not in LANGUAGES:
            where = f"{name} (documents[{i}])"
            detail = f"{entry.language!r} (known: {', '.join(LANGUAGES)})"
            found.append(checks.issue("no-lexicon", where, detail))
    return found


def _checked_files(opened: OpenedSources) -> Iterator[Checked]:
    for task in _tasks(opened, None):
        yield check_one(task.source_dir, task.file, task.entry, task.catalogued, task.bad_name)


def _tasks(opened: OpenedSources, cache: segment_cache.Cache | None) -> Iterator[Task]:
    catalogued = opened.entries is not None
    for file in opened.files:
        entry = opened.entries.get(file.relpath) if opened.entries is not None else None
        bad_name = file.relpath in opened.bad_names
        yield Task(opened.source_dir, file, entry, catalogued, bad_name, cache)


def source_bytes(source_dir: Path) -> int:
    """The size of the source folder's text files, from the file system (for progress bars)."""
    total = 0
    for file in sources.find_text_files(source_dir).files:
        with contextlib.suppress(OSError):
            total += file.path.stat().st_size
    return total


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
    # "created", "identical" (nothing changed), "replaced" (--force), or "completed" (a
    # release that a killed run had published but not yet recorded in the sources)
    status: str
    counts: dict[str, int]
    source_bytes: int
    issues: tuple[Issue, ...]
    sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> format -> bytes


# Below this much text, starting worker processes (about a second each) costs more than
# they save; the output is the same either way.
_PARALLEL_FROM_BYTES = 4 * 1024 * 1024


def default_jobs(source_bytes: int) -> int:
    """How many processes the command line builds with: every core this process may run on,
    or one for a corpus under 4 MB. The library's own default is one process, because
    worker processes start by importing the caller's main module, which a script calling
    `build` must then guard with `if __name__ == "__main__":`."""
    if source_bytes < _PARALLEL_FROM_BYTES:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _build_all(
    tasks: Iterable[Task], jobs: int, engine: str = "local"
) -> Generator[Built, None, None]:
    """Every document built, in order: in this process, or in `jobs` worker processes that
    each check, segment and make record batches while this one only writes. At most a few
    documents per worker are in flight, so memory stays flat however many files there are.
    A document whose result is cached is read here, not sent to a worker; and while there
    is a cache, workers start only once the documents it lacks come to `_PARALLEL_FROM_BYTES`
    (those before are built here), so a rebuild of a few changed files is spared their
    start. With the "ray" engine the same work runs on Ray (`jobs`: the CPUs of a
    Ray started here; see `datapkg.engines`)."""
    if engine == "ray":
        yield from engines.run_on_ray(map(_absolute, tasks), build_one, jobs)
        return
    if jobs <= 1:
        yield from map(build_one, tasks)
        return
    with contextlib.ExitStack() as stack:
        pool: multiprocessing.pool.Pool | None = None
        pending: deque[Built | multiprocessing.pool.AsyncResult[Built]] = deque()
        built_here = 0  # bytes of the documents the cache lacked, built here
        for task in tasks:
            built: Built | None = None
            if task.cache is not None and task.cache.rows_read is not None:
                # Read once here: the result is the cache's, or built here while few are.
                read = read_task(task)
                if isinstance(read, Built):
                    built = read
                else:
                    built = cached_rows(task, *read)
                    if built is None and pool is None and built_here < _PARALLEL_FROM_BYTES:
                        built = build_read(task, *read)
                        built_here += built.size
            if built is None:
                pool = pool or stack.enter_context(_worker_pool(jobs))
                pending.append(pool.apply_async(build_one, (task, False)))
            else:
                pending.append(built)
            while pending and (isinstance(pending[0], Built) or len(pending) >= 8 * jobs):
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item: Built | multiprocessing.pool.AsyncResult[Built]) -> Built:
    return item if isinstance(item, Built) else item.get()


def _worker_pool(processes: int) -> multiprocessing.pool.Pool:
    """Fresh worker processes (spawned: nothing of this one's state or memory is copied),
    using the Arrow memory pool this process uses."""
    backend = pa.default_memory_pool().backend_name
    return multiprocessing.get_context("spawn").Pool(
        processes, initializer=start_worker, initargs=(backend,)
    )


class _Validation:
    """A package's validation, started (`start`) when its data and descriptor are written.

    With more than one job it runs in a worker process of its own while this one writes the
    rest of the package; and the memory this process holds after writing is not added to
    what validation needs, so a build's peak is the larger of the two, not their sum. The
    worker is started with the build, so that its start-up is over by then. With one job
    validation runs here, at once. Leaving the `with` block stops a worker not waited for
    (the build failed meanwhile)."""

    def __init__(self, jobs: int) -> None:
        self._pool = _worker_pool(1) if jobs > 1 else None
        self._report: Report | None = None
        self._pending: multiprocessing.pool.AsyncResult[Report] | None = None

    def start(self, package_dir: Path) -> None:
        if self._pool is None:
            self._report = validate_package(package_dir)
        else:
            self._pending = self._pool.apply_async(validate_package, (package_dir,))

    def report(self) -> Report:
        if self._report is None:
            assert self._pending is not None, "start() comes first"
            self._report = self._pending.get()
        return self._report

    def __enter__(self) -> _Validation:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()


def _absolute(task: Task) -> Task:
    """The task with absolute paths: a Ray worker on another node does not run in this
    process's folder."""
    cache = task.cache
    if cache is not None:
        cache = segment_cache.Cache(
            _absolute_path(cache.read),
            cache.write.absolute(),
            _absolute_path(cache.rows_read),
            cache.rows_write.absolute(),
        )
    return replace(task, source_dir=task.source_dir.absolute(), cache=cache)


def _absolute_path(path: Path | None) -> Path | None:
    return None if path is None else path.absolute()


def _created_timestamp(catalogue: Catalogue) -> dt.datetime | None:
    """The catalogue's timestamp, else SOURCE_DATE_EPOCH, else none.

    Never the clock: two builds of the same input must be byte-identical.
    """
    if catalogue.created is not None:
        return catalogue.created
    return _source_date_epoch()


def _source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention for "the time of this build"."""
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
    """Relative paths of the files that are not byte-identical in two trees (or in only one).

    Links and what is not a regular file always differ, and are never followed or read."""
    files_a, others_a = paths.regular_files(a)
    files_b, others_b = paths.regular_files(b)
    differ = files_a ^ files_b | others_a | others_b
    differ |= {f for f in files_a & files_b if not _same_bytes(a, b, f)}
    return sorted(differ)


def _same_bytes(a: Path, b: Path, relpath: str) -> bool:
    with (
        os.fdopen(paths.open_inside(a, relpath), "rb") as fa,
        os.fdopen(paths.open_inside(b, relpath), "rb") as fb,
    ):
        if os.fstat(fa.fileno()).st_size != os.fstat(fb.fileno()).st_size:
            return False
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


def _write_data(
    opened: OpenedSources,
    package_dir: Path,
    jobs: int,
    progress: Progress | None,
    cache: segment_cache.Cache | None = None,
    engine: str = "local",
    shard_bytes: int = resources.SHARD_BYTES,
) -> tuple[dict[str, int], int, list[Issue]]:
    """Stream every document into the package's data files; return counts, bytes and issues.

    Documents arrive in file order, built (here or by workers) into record batches; this
    process only gathers them into full batches and writes. Once an error is found nothing
    more is written (the build fails), but every file is still checked, so one run lists
    every problem."""
    issues: list[Issue] = []
    builders = {r: records.BatchBuilder(r) for r in RESOURCES}
    writers = {
        r: resources.ResourceWriter(package_dir, r, arrow_schema(r), shard_bytes) for r in RESOURCES
    }
    source_bytes = 0
    documents = _build_all(_tasks(opened, cache), jobs, engine)
    try:
        for built in documents:
            issues += built.issues
            source_bytes += built.size
            if progress:
                progress(built.relpath, built.size)
            if built.batches is None or has_errors(issues):
                continue
            for resource in RESOURCES:
                for batch in builders[resource].add_batch(built.batches[resource]):
                    writers[resource].write(batch)
        for resource in RESOURCES:
            writers[resource].write(builders[resource].flush())
    finally:
        # On an error too, the workers (or the Ray this build started) stop now, not when
        # the generator is collected.
        documents.close()
        for writer in writers.values():
            writer.close()
    counts = {r: w.rows for r, w in writers.items()}
    return counts, source_bytes, issues


@dataclass(frozen=True)
class _Made:
    """A package written and validated in a staging folder."""

    path: Path
    catalogue: Catalogue
    created: dt.datetime | None
    counts: dict[str, int]
    source_bytes: int
    issues: list[Issue]
    after: object = None  # what `meanwhile` returned

    @property
    def sizes(self) -> dict[str, dict[str, int]]:
        """Bytes of each table's file in each format."""
        return {
            table: {
                fmt: sum(
                    (self.path / file).stat().st_size for file in table_files(self.path, table, fmt)
                )
                for fmt in FORMATS
            }
            for table in RESOURCES
        }


def _make_package(
    opened: OpenedSources,
    catalogue: Catalogue,
    package_dir: Path,
    history: str | None,
    jobs: int = 1,
    progress: Progress | None = None,
    cache: segment_cache.Cache | None = None,
    view_page: bool = True,
    engine: str = "local",
    meanwhile: Callable[[Path, dt.datetime | None], object] | None = None,
    shard_bytes: int = resources.SHARD_BYTES,
) -> _Made:
    """Write, describe and validate the whole package in `package_dir` (a new folder).

    `meanwhile(package_dir, created)` runs once the package is complete, while it is being
    validated; its result is the `_Made`'s `after`. Nothing of it counts unless the package
    is valid."""
    created = _created_timestamp(catalogue)
    package_dir.mkdir()
    with _Validation(jobs) as validation:
        counts, source_bytes, issues = _write_data(
            opened, package_dir, jobs, progress, cache, engine, shard_bytes
        )
        all_issues = opened.issues + issues
        if has_errors(all_issues):
            raise InvalidSourcesError(Report(issues=tuple(all_issues)))
        described = descriptor.describe(package_dir, catalogue, created)
        descriptor.write_descriptor(package_dir, described)
        # Validation reads the descriptor and the data files, all written now: it starts,
        # and the rest of the package is written alongside.
        validation.start(package_dir)
        if history is not None:  # the package's own history travels with every version
            (package_dir / CHANGELOG).write_text(history, encoding="utf-8")
        card.write_card(package_dir, described, counts, history)
        if view_page:
            view.write_view(package_dir)
        from datapkg import croissant  # mlcroissant takes a second to import: builds pay it

        rendered = croissant.render_croissant(described)
        (package_dir / CROISSANT).write_text(rendered, encoding="utf-8")
        after = meanwhile(package_dir, created) if meanwhile is not None else None
        report = validation.report()
    if not report.valid:
        first = report.errors[0]
        raise DatapkgError(
            f"the built package failed validation ({len(report.errors)} problems; first: "
            f"{first.file}: {first.message}); nothing was written. This is a bug in datapkg: "
            "please report it with the source file"
        )
    return _Made(package_dir, catalogue, created, counts, source_bytes, all_issues, after)


def _version_option(version: str | None) -> None:
    if version is not None and not SEMVER.fullmatch(version):
        raise SourceError(
            f"--version {version!r} is not a semantic version; use MAJOR.MINOR.PATCH, e.g. 1.0.0"
        )


def _opened_for_build(source_dir: Path) -> OpenedSources:
    opened = open_sources(source_dir)
    if has_errors(opened.issues):
        raise InvalidSourcesError(Report(issues=tuple(opened.issues)))
    return opened


def _catalogue_for(opened: OpenedSources, version: str | None) -> Catalogue:
    catalogue = opened.catalogue or derived_catalogue(opened.source_dir, version)
    if version is not None:
        catalogue = catalogue.model_copy(update={"version": version})
    return catalogue


def build(
    source_dir: Path,
    out_dir: Path,
    *,
    version: str | None = None,
    force: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
    wait: float = publish.DEFAULT_WAIT_SECONDS,
    on_wait: Callable[[Path], None] | None = None,
    cache: bool = True,
    view_page: bool = True,
    archive: bool = True,
    engine: str = "local",
    shard_bytes: int = resources.SHARD_BYTES,
) -> BuildResult:
    """Check, segment, write, describe and validate; move the package into place.

    One build at a time writes to `out_dir` (a second one waits up to `wait` seconds);
    whatever a killed build left there is finished or removed first. With `cache`, texts
    segmented by an earlier build with the same segmenter are not segmented again (see
    `datapkg.cache`); the package is the same either way. Without `view_page`, the
    package has no `view.html` (for a corpus nobody will browse); without `archive`, no
    `<name>-<version>.zip` is written (and one left by an earlier build of that version is
    removed, as it would not match). With `engine="ray"`,
    the documents are checked and segmented on Ray, a local one of `jobs` CPUs or the
    cluster `RAY_ADDRESS` names (see `datapkg.engines`); the package is the same.
    """
    engines.check_engine(engine)
    _version_option(version)
    opened = _opened_for_build(source_dir)
    catalogue = _catalogue_for(opened, version)
    with publish.locked(out_dir, wait, on_wait):
        _refuse_unreleased(catalogue, out_dir)
        return _publish(
            opened,
            out_dir,
            catalogue,
            opened.history,
            force=force,
            jobs=jobs,
            progress=progress,
            cache=cache,
            view_page=view_page,
            archive=archive,
            engine=engine,
            shard_bytes=shard_bytes,
        )


def _refuse_unreleased(catalogue: Catalogue, out_dir: Path) -> None:
    """`build` rebuilds a version; a new one comes through `release`, which checks the bump
    against the change and records the changelog and the release date. So a version newer
    than the newest one in `out_dir` is refused here (a first version is not: nothing is
    published yet to compare it with)."""
    published = published_versions(out_dir, catalogue.name)
    if published and semver.Version.parse(catalogue.version) > published[-1]:
        latest = published[-1]
        raise SourceError(
            f"{catalogue.name} {catalogue.version} is newer than {latest}, the newest version "
            f"in {out_dir}: a new version is published with `datapkg release --bump "
            "patch|minor|major`, which checks the bump against the change and records the "
            f"changelog and release date; `build` only rebuilds a version (set `version: "
            f"{latest}` back, or build into an empty folder to try the change)"
        )


def _publish(
    opened: OpenedSources,
    out_dir: Path,
    catalogue: Catalogue,
    history: str | None,
    *,
    force: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
    cache: bool = True,
    view_page: bool = True,
    archive: bool = True,
    engine: str = "local",
    shard_bytes: int = resources.SHARD_BYTES,
) -> BuildResult:
    """Make the package in a staging folder and commit it (under the output folder's lock)."""
    target = out_dir / f"{catalogue.name}-{catalogue.version}"
    try:
        with publish.staging(out_dir) as stage:

            def compare_and_archive(package_dir: Path, created: dt.datetime | None) -> str:
                """While the package is validated: how it stands to the published one, and
                its archive when it is to be published."""
                status = _compare_with_published(package_dir, target, force)
                if archive and (status != "identical" or not zip_path.exists()):
                    publish.write_zip(package_dir, stage / zip_path.name, created)
                return status

            # A version published with `--no-archive` and now built with one gets it.
            zip_path = out_dir / f"{target.name}.zip"

            kept = _cache(out_dir, stage) if cache else None
            made = _make_package(
                opened,
                catalogue,
                stage / target.name,
                history,
                jobs,
                progress,
                kept,
                view_page,
                engine,
                meanwhile=compare_and_archive,
                shard_bytes=shard_bytes,
            )
            sizes = made.sizes
            status = str(made.after)
            if kept is not None:  # a build that succeeded: what it segmented joins the cache
                segment_cache.commit(out_dir, kept, source_limits()["max_quotation_depth"])
            archive_wanted = archive and status == "identical" and not zip_path.exists()
            if status != "identical" or archive_wanted:
                replace = status == "replaced" or archive_wanted  # the same bytes, archived
                publish.commit(stage, out_dir, target.name, replace=replace, archive=archive)
    except OSError as e:
        raise os_error(e, f"writing {target.name}") from None
    return BuildResult(target, status, made.counts, made.source_bytes, tuple(made.issues), sizes)


def _cache(out_dir: Path, stage: Path) -> segment_cache.Cache:
    return segment_cache.for_build(out_dir, stage, source_limits()["max_quotation_depth"])


def _compare_with_published(new: Path, target: Path, force: bool) -> str:
    """ "created", "identical" or "replaced" (with `force`); refused when it differs."""
    if not target.exists():
        return "created"
    changed = differing_files(new, target)
    if not changed:
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
    return "replaced"


@dataclass(frozen=True)
class Repair:
    """A source file with mojibake, and what `repair` makes (or would make) of it."""

    relpath: str
    line: int  # the first line it changes
    before: str  # that line as it is
    after: str | None  # that line repaired; None when no safe repair exists
    lines: int  # how many lines the repair changes
    written: bool


def repair(source_dir: Path, *, write: bool = False) -> list[Repair]:
    """Find the source files whose text is mojibake and show (or, with `write`, make) the
    repair: ftfy's `fix_encoding`, nothing else. A file is rewritten in one step (a
    temporary file renamed over it), and only when the repaired text reads clean."""
    repairs = []
    if write:
        paths.remove_temporaries(source_dir)
    for file in sources.find_text_files(source_dir).files:
        data, _, _ = read_source(source_dir, file)
        if data is None:
            continue
        bom = data.startswith(sources.UTF8_BOM)
        try:
            text = data[3 if bom else 0 :].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if checks.find_mojibake(text) is None:
            continue
        fixed = checks.repaired(text)
        old_lines = text.splitlines()
        new_lines = (fixed if fixed is not None else text).splitlines()
        changed = [k for k, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
        first = changed[0] if changed else 0
        if write and fixed is not None:
            data = (sources.UTF8_BOM if bom else b"") + fixed.encode("utf-8")
            try:
                paths.replace_inside(source_dir, file.read_as, data)
            except OSError as e:
                raise os_error(e, f"repairing {file.relpath}") from None
        repairs.append(
            Repair(
                file.relpath,
                first + 1,
                old_lines[first] if old_lines else "",
                new_lines[first] if fixed is not None and new_lines else None,
                len(changed),
                write and fixed is not None,
            )
        )
    return repairs


def draft_catalogue(source_dir: Path) -> str:
    """A catalogue YAML for a folder of texts: package metadata to fill in, one entry per file."""
    catalogue = derived_catalogue(source_dir, None)
    found = sources.find_text_files(source_dir)
    entries = []
    for f in found.files:
        data, _, issues = read_source(source_dir, f)
        if data is None:
            raise InvalidSourcesError(Report(issues=tuple(issues)))
        entries.append(
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
        )
    head: dict[str, object] = {
        "name": catalogue.name,
        "title": catalogue.title,
        "description": None,
        "version": catalogue.version,
        "id": None,
        "homepage": None,
        "contributors": [],
        "sources": [],
        "licenses": [],
        "rights": None,
    }
    return yaml.safe_dump({**head, "documents": entries}, sort_keys=False, allow_unicode=True)


# Findings that make a catalogue unsafe or impossible to edit; schema errors are not among
# them: an update only touches the documents' hashes and entries, and `check` reports the rest.
_UNEDITABLE = frozenset(
    {
        "utf8",
        "catalog-syntax",
        "catalog-too-large",
        "catalog-depth",
        "catalog-aliases",
        "catalog-duplicate-key",
        "unreadable",
        "not-a-file",
        "path-escape",
    }
)


def update_catalogue(source_dir: Path) -> catalogue_file.CatalogueUpdate:
    """Rewrite `catalog.yaml` in place: fresh hashes, an entry for each new file, none for a
    removed one; comments and every field filled in kept. Without a catalogue, the draft is
    written."""
    texts = []
    for f in sources.find_text_files(source_dir).files:
        data, _, issues = read_source(source_dir, f)
        if data is None:
            raise InvalidSourcesError(Report(issues=tuple(issues)))
        texts.append(catalogue_file.FoundText(f.stem, f.relpath, sources.sha256_hex(data)))
    path = sources.find_catalogue(source_dir)
    if path is None:
        text = draft_catalogue(source_dir)
        _replace_text(source_dir, sources.CATALOG_NAMES[0], text)
        return catalogue_file.CatalogueUpdate(text, added=[t.path for t in texts])
    _, issues = _read_catalogue(source_dir, path)
    if any(i.code in _UNEDITABLE for i in issues):
        raise InvalidSourcesError(Report(issues=tuple(i for i in issues if i.code in _UNEDITABLE)))
    update = catalogue_file.updated(_catalogue_text(path), texts)
    if update.changed:
        _replace_text(source_dir, path.name, update.text)
    return update


# --- release ------------------------------------------------------------------

BUMPS = ("patch", "minor", "major")
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
        if path.parent.is_symlink() or path.is_symlink():
            continue  # a published version is a folder of its own, not a link to one
        if semver.Version.is_valid(version):
            found.append(semver.Version.parse(version))
    return sorted(found)


def _replace_text(source_dir: Path, name: str, text: str) -> None:
    """Rewrite a file at the top of the source folder in one step: a reader sees the old or
    the new, and a link in its place is replaced, never written through."""
    paths.replace_inside(source_dir, name, text.encode("utf-8"))


def _catalogue_text(catalogue_path: Path) -> str:
    limit = source_limits()["max_catalog_bytes"]
    return sources.read_top_file(catalogue_path.parent, catalogue_path, limit).decode("utf-8")


def _with_entry(history: str | None, entry: str) -> str:
    old = history if history is not None else _CHANGELOG_HEAD
    head, sep, rest = old.partition("\n## ")
    return f"{head.rstrip()}\n\n{entry.strip()}\n" + (f"\n## {rest}" if sep else "")


def _record_release(
    source_dir: Path,
    catalogue_path: Path,
    version: str,
    created: dt.datetime | None,
    history: str | None,
) -> None:
    """Write the release into the source folder, once its package is in place.

    The changelog first, then the catalogue's `version:` and `created:` (the release's
    time): the version is the mark that the release is recorded, so a run killed between
    the two is completed by the next one."""
    new_catalogue = catalogue_file.with_release(_catalogue_text(catalogue_path), version, created)
    try:
        if history is not None:
            _replace_text(source_dir, CHANGELOG, history)
        _replace_text(source_dir, catalogue_path.name, new_catalogue)
    except OSError as e:
        raise os_error(e, f"recording release {version} in the source folder") from None


def _release_time() -> dt.datetime:
    """When a release happens: now, to the second, in UTC, or SOURCE_DATE_EPOCH when set
    (for a release that must be reproduced). It is recorded in the catalogue's `created:`,
    so every later build of that version reads the same time and stays byte-identical."""
    return _source_date_epoch() or dt.datetime.now(dt.UTC).replace(microsecond=0)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _published_created(package_dir: Path) -> dt.datetime | None:
    """The `created` time of a published version, as its descriptor states it."""
    created = load_descriptor(package_dir).get("created")
    if not isinstance(created, str):
        return None
    try:
        return dt.datetime.fromisoformat(created)
    except ValueError:
        raise InvalidPackageError(
            f"{package_dir}: `created` is not a date and time ({created!r}); "
            "run `datapkg validate-all`"
        ) from None


def _published_history(package_dir: Path) -> str | None:
    if not os.path.lexists(package_dir / CHANGELOG):
        return None
    try:
        return paths.read_inside(package_dir, CHANGELOG).decode("utf-8")
    except (OSError, UnsafePathError, UnicodeDecodeError) as e:
        raise InvalidPackageError(
            f"{package_dir / CHANGELOG}: cannot be read ({e}); run `datapkg validate-all`"
        ) from None


def release(
    source_dir: Path,
    out_dir: Path,
    bump: str,
    *,
    progress: Progress | None = None,
    wait: float = publish.DEFAULT_WAIT_SECONDS,
    on_wait: Callable[[Path], None] | None = None,
    cache: bool = True,
    view_page: bool = True,
    archive: bool = True,
    jobs: int = 1,
    engine: str = "local",
    shard_bytes: int = resources.SHARD_BYTES,
) -> ReleaseResult:
    """Publish the next version: check the bump against the change, build it, record it.

    One transaction: the sources are compared with the newest published version (built
    again at that version, with that version's changelog, so that only data, schemas and
    metadata count); a bump smaller than the change needs is refused with the reasons;
    the new version is built and committed into `out_dir`; only then are the changelog
    and the catalogue's `version:` updated in the source folder. A run killed before
    that last step is completed by the next `release`, never published twice.
    """
    from datapkg.diff import SHOWN_ROWS, diff_packages  # a release compares two packages

    if bump not in BUMPS:
        raise SourceError(f"--bump {bump!r}: use one of {', '.join(BUMPS)}")
    engines.check_engine(engine)
    catalogue_path = sources.find_catalogue(source_dir)
    opened = open_sources(source_dir)
    if catalogue_path is None or opened.catalogue is None:
        if has_errors(opened.issues):
            raise InvalidSourcesError(Report(issues=tuple(opened.issues)))
        raise SourceError(
            f"{source_dir}: a release needs a catalog.yaml to record its version; "
            f"create one with `datapkg catalog {source_dir} --update`"
        )
    if has_errors(opened.issues):
        raise InvalidSourcesError(Report(issues=tuple(opened.issues)))
    catalogue = opened.catalogue
    name = catalogue.name
    with publish.locked(out_dir, wait, on_wait):
        paths.remove_temporaries(source_dir)  # what a killed release left, if anything
        published = published_versions(out_dir, name)
        now = _release_time()
        if not published:
            first = catalogue.model_copy(update={"created": now})
            result = _publish(
                opened,
                out_dir,
                first,
                opened.history,
                jobs=jobs,
                progress=progress,
                cache=cache,
                view_page=view_page,
                archive=archive,
                engine=engine,
                shard_bytes=shard_bytes,
            )
            _record_release(source_dir, catalogue_path, catalogue.version, now, None)
            return ReleaseResult(result, None, "none", "")
        latest = published[-1]
        latest_dir = out_dir / f"{name}-{latest}"
        history = _published_history(latest_dir)
        # The sources as they would be published at the latest version: its number and time.
        latest_created = _published_created(latest_dir)
        at_latest = catalogue.model_copy(update={"version": str(latest), "created": latest_created})
        with publish.staging(out_dir) as stage:
            kept = _cache(out_dir, stage) if cache else None
            candidate = _make_package(
                opened,
                at_latest,
                stage / latest_dir.name,
                history,
                jobs=jobs,
                cache=kept,
                view_page=view_page,
                engine=engine,
                shard_bytes=shard_bytes,
            )
            unchanged = not differing_files(candidate.path, latest_dir)
            if semver.Version.parse(catalogue.version) < latest:
                if not unchanged:
                    raise SourceError(
                        f"{catalogue_path}: says version {catalogue.version}, but {latest} is "
                        f"published in {out_dir} and these sources differ from it; set "
                        f"`version: {latest}` in the catalogue and release again"
                    )
                # A release whose package is out but whose record in the sources is not.
                _record_release(source_dir, catalogue_path, str(latest), latest_created, history)
                done = BuildResult(
                    latest_dir, "completed", candidate.counts, candidate.source_bytes, ()
                )
                return ReleaseResult(done, None, "none", "")
            if unchanged:
                raise DatapkgError(
                    f"nothing changed since {name} {latest}: no data, schema or metadata "
                    "differs, so there is nothing to release"
                )
            change = diff_packages(latest_dir, candidate.path, max_rows=SHOWN_ROWS)
        required = change.required_bump
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
        version = str(getattr(latest, f"bump_{bump}")())
        released = catalogue.model_copy(update={"version": version, "created": now})
        entry = change.model_copy(update={"new_version": version, "new_created": _stamp(now)})
        new_history = _with_entry(opened.history, entry.summary())
        result = _publish(
            opened,
            out_dir,
            released,
            new_history,
            jobs=jobs,
            progress=progress,
            cache=cache,
            view_page=view_page,
            archive=archive,
            engine=engine,
            shard_bytes=shard_bytes,
        )
        _record_release(source_dir, catalogue_path, version, now, new_history)
    return ReleaseResult(result, str(latest), required, entry.summary())
