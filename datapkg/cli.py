"""The `datapkg` command: parse arguments, call one library function, render, exit.

Exit codes: 0 success; 1 invalid data or a known error (`Error: ...` on
stderr, a traceback only with --debug); 2 bad usage. `--json` prints the same
report for machines on stdout.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import pyarrow as pa
import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from datapkg import __version__, pipeline, publish, resources
from datapkg.diff import SHOWN_ROWS, diff_packages
from datapkg.engines import ENGINES
from datapkg.errors import DatapkgError, InvalidSourcesError, is_known_os_error, os_error
from datapkg.models import Issue, Report
from datapkg.validate import validate_all as validate_all_packages
from datapkg.validate import validate_package
from datapkg.view import write_view

app = typer.Typer(
    name="datapkg",
    help=(
        "Turn a folder of plain-text documents into a versioned, validated "
        "Frictionless data package."
    ),
    no_args_is_help=True,
    # `datapkg --install-completion` sets up tab completion for the user's shell.
    add_completion=True,
    pretty_exceptions_enable=False,
    # Click's plain help: flags are listed without a value type (rich help labels every
    # flag, --help included, as taking a <bool>).
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
SourceArg = Annotated[
    Path,
    typer.Argument(
        help="Folder of UTF-8 .txt files, with an optional catalog.yaml.", file_okay=False
    ),
]
WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0,
        help="Seconds to wait for another datapkg process writing to the same --out.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes that check and segment documents (default: every core, one for "
        "a corpus under 4 MB). The package is the same for any number.",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Segment every text again instead of reusing what an earlier build in --out "
        "segmented (the package is the same either way).",
    ),
]
NoViewOption = Annotated[
    bool,
    typer.Option(
        "--no-view",
        help="Leave view.html out of the package (for a corpus nobody will browse; past "
        "1,000 documents the page shows a sample anyway).",
    ),
]
NoArchiveOption = Annotated[
    bool,
    typer.Option(
        "--no-archive",
        help="Write no <name>-<version>.zip beside the package folder (nor its line in "
        "SHA256SUMS): for a build nobody will download as one file.",
    ),
]
MB = 1024 * 1024
ShardOption = Annotated[
    int,
    typer.Option(
        "--shard-mb",
        min=1,
        help="Split a table whose files would pass this many megabytes into shards "
        "(data/<table>-00001.csv, ...), listed as one resource.",
    ),
]
T = TypeVar("T")

#: The release bumps, offered as choices: anything else is bad usage (exit 2).
Bump = StrEnum("Bump", {bump: bump for bump in pipeline.BUMPS})  # type: ignore[misc]
#: Where documents are checked and segmented, offered as choices like the bumps.
Engine = StrEnum("Engine", {engine: engine for engine in ENGINES})  # type: ignore[misc]
LOCAL_ENGINE = Engine("local")  # the default, as in the library
EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where documents are checked and segmented: local (this machine's processes) or "
        'ray (Ray, installed with pip install "datapkg[ray]": a local Ray of --jobs CPUs, '
        "or the cluster RAY_ADDRESS names). The package is the same either way.",
        case_sensitive=False,
    ),
]


def _tell_waiting(out_dir: Path) -> None:
    err.print(f"waiting for another datapkg process writing to {out_dir} ...", markup=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"datapkg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Check, build and validate Frictionless data packages of text corpora."""
    _use_a_returning_allocator()
    # A path may hold bytes that are not UTF-8 (a folder named on another system): it is
    # shown escaped rather than ending the command with an encoding error.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _use_a_returning_allocator() -> None:
    """Arrow's jemalloc pool where this pyarrow has one. Its default, mimalloc, keeps what
    each reader thread freed, so a large build or validation holds about a third more
    memory at its peak (`benchmarks/build.py` measures it). A process-wide choice, so the
    command makes it, not the library."""
    with contextlib.suppress(NotImplementedError):  # a pyarrow built without jemalloc
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def _issue_line(issue: Issue) -> str:
    where = f"{issue.where}: " if issue.where else ""
    line = f"{where}{issue.severity.value}[{issue.code}] {issue.message}"
    return line + (f"\n    hint: {issue.hint}" if issue.hint else "")


def _print_issues(issues: tuple[Issue, ...] | list[Issue]) -> None:
    for issue in issues:
        err.print(_issue_line(issue), markup=False)


def _report_json(report: Report, **extra: Any) -> str:
    payload = {
        "valid": report.valid,
        **extra,
        "stats": report.stats,
        "issues": [i.model_dump(mode="json") for i in report.issues],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _run(debug: bool, as_json: bool, action: Callable[[], T]) -> T:
    """Run a library call; turn known errors into `Error: ...` and exit code 1."""
    try:
        return action()
    except InvalidSourcesError as e:
        if as_json:
            print(_report_json(e.report))
        else:
            _print_issues(e.report.issues)
            err.print(f"Error: {e}", markup=False)
        if debug:
            raise
        raise typer.Exit(1) from None
    except DatapkgError as e:
        if debug:
            raise
        if as_json:
            print(json.dumps({"valid": False, "error": str(e)}))
        err.print(f"Error: {e}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("Error: interrupted; the next run finishes or removes what was left")
        raise typer.Exit(130) from None
    except OSError as e:
        if debug or not is_known_os_error(e):
            _unexpected(e, debug)
        known = os_error(e)
        if as_json:
            print(json.dumps({"valid": False, "error": str(known)}))
        err.print(f"Error: {known}", markup=False)
        raise typer.Exit(1) from None
    except Exception as e:
        _unexpected(e, debug)


def _unexpected(e: Exception, debug: bool) -> NoReturn:
    """A failure datapkg has no name for: a bug. The traceback is shown with --debug."""
    if debug:
        raise e
    err.print(
        f"Error: unexpected {type(e).__name__}: {e}. Run again with --debug for the "
        "traceback, and report it if it persists.",
        markup=False,
    )
    raise typer.Exit(1) from None


@contextmanager
def _progress(total_bytes: int, enabled: bool) -> Iterator[Callable[[str, int], None]]:
    """A progress bar over source bytes on stderr, shown only on a terminal."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not (enabled and err.is_terminal),
    )
    with bar:
        task = bar.add_task("reading", total=total_bytes)

        def advance(path: str, size: int) -> None:
            bar.update(task, advance=size, description=path[-40:])

        yield advance


def _total_bytes(source_dir: Path) -> int:
    try:
        return pipeline.source_bytes(source_dir)
    except (DatapkgError, OSError):
        return 0  # the command itself reports it


@app.command()
def check(
    source_dir: SourceArg = Path("seeds"),
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Check the sources against the schemas and list every problem; write nothing."""
    with _progress(_total_bytes(source_dir), not as_json) as progress:
        report = _run(debug, as_json, lambda: pipeline.check(source_dir, progress))
    if as_json:
        print(_report_json(report))
    else:
        _print_issues(report.issues)
        errors = len(report.errors)
        verdict = "valid" if report.valid else f"{errors} error{'s' if errors != 1 else ''}"
        out.print(f"{report.stats['documents']} documents checked: {verdict}")
    raise typer.Exit(0 if report.valid else 1)


@app.command()
def build(
    source_dir: SourceArg = Path("seeds"),
    out_dir: Annotated[
        Path, typer.Option("--out", help="Where to put <name>-<version>/.", file_okay=False)
    ] = Path("dist"),
    version: Annotated[
        str | None,
        typer.Option("--version", help="Package version X.Y.Z (default: the catalogue's)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing version whose content differs.")
    ] = False,
    jobs: JobsOption = None,
    engine: EngineOption = LOCAL_ENGINE,
    wait: WaitOption = publish.DEFAULT_WAIT_SECONDS,
    no_cache: NoCacheOption = False,
    no_view: NoViewOption = False,
    no_archive: NoArchiveOption = False,
    shard_mb: ShardOption = resources.SHARD_BYTES // MB,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Check, segment, write CSV and Parquet, describe and validate a package."""
    started = time.perf_counter()
    total = _total_bytes(source_dir)
    with _progress(total, not as_json) as progress:
        result = _run(
            debug,
            as_json,
            lambda: pipeline.build(
                source_dir,
                out_dir,
                version=version,
                force=force,
                jobs=jobs if jobs is not None else pipeline.default_jobs(total),
                progress=progress,
                wait=wait,
                on_wait=_tell_waiting,
                cache=not no_cache,
                view_page=not no_view,
                archive=not no_archive,
                engine=engine.value,
                shard_bytes=shard_mb * MB,
            ),
        )
    seconds = round(time.perf_counter() - started, 3)
    if as_json:
        report = Report(
            issues=result.issues, stats={**result.counts, "source_bytes": result.source_bytes}
        )
        print(
            _report_json(
                report, package=str(result.package_dir), status=result.status, seconds=seconds
            )
        )
        return
    _print_issues(result.issues)
    table = Table(title=f"{result.package_dir} ({result.status})", title_justify="left")
    table.add_column("resource")
    table.add_column("rows", justify="right")
    table.add_column("CSV", justify="right")
    table.add_column("Parquet", justify="right")
    for resource, rows in result.counts.items():
        sizes = result.sizes[resource]
        table.add_row(resource, f"{rows:,}", f"{sizes['csv']:,} B", f"{sizes['parquet']:,} B")
    out.print(table)
    out.print(f"built from {result.source_bytes:,} source bytes in {seconds:.2f} s")


@app.command()
def validate(
    package_dir: Annotated[
        Path, typer.Argument(help="A package folder, e.g. dist/<name>-<version>.", file_okay=False)
    ],
    frictionless: Annotated[
        bool, typer.Option("--frictionless", help="Also run frictionless's own (slow) validation.")
    ] = False,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Validate a built package: files, checksums, types, constraints, keys and offsets."""
    report = _run(
        debug, as_json, lambda: validate_package(package_dir, frictionless_check=frictionless)
    )
    if as_json:
        print(_report_json(report, package=str(package_dir)))
    else:
        _print_issues(report.issues)
        rows = ", ".join(
            f"{k.removesuffix('_rows')} {v:,}"
            for k, v in report.stats.items()
            if isinstance(v, int) and "parquet" not in k
        )
        verdict = "valid" if report.valid else f"invalid: {len(report.errors)} errors"
        out.print(f"{package_dir}: {verdict} ({rows} rows)")
    raise typer.Exit(0 if report.valid else 1)


@app.command("validate-all")
def validate_all(
    dist_dir: Annotated[
        Path, typer.Argument(help="A folder of package folders, e.g. dist.", file_okay=False)
    ] = Path("dist"),
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Validate every package version in a folder (each <name>-<version>/ in dist/).

    Every folder is reported: valid, invalid (with the reason when it cannot be read at
    all) or not a package. The exit code is 1 when any package is invalid.
    """
    found = _run(debug, as_json, lambda: validate_all_packages(dist_dir))
    packages = [f for f in found if f.status != "not a package"]
    if not packages:
        message = f"{dist_dir}: no package folders (*/datapackage.json); run `datapkg build`"
        if as_json:
            print(json.dumps({"valid": False, "error": message}))
        err.print(f"Error: {message}", markup=False)
        raise typer.Exit(1)
    valid = all(f.status != "invalid" for f in found)
    if as_json:
        payload = []
        for f in found:
            entry: dict[str, Any] = {"package": str(f.path), "status": f.status}
            if f.report is not None:
                entry.update(json.loads(_report_json(f.report)))
            if f.error is not None:
                entry.update(valid=False, error=f.error)
            payload.append(entry)
        print(json.dumps({"valid": valid, "packages": payload}, indent=2, ensure_ascii=False))
    else:
        for f in found:
            if f.report is not None:
                _print_issues(f.report.issues)
            if f.error is not None:
                err.print(f"Error: {f.error}", markup=False)
            verdict = f.status
            if f.report is not None and not f.report.valid:
                verdict = f"invalid: {len(f.report.errors)} errors"
            elif f.status == "not a package":
                verdict = "not a package (no datapackage.json), skipped"
            out.print(f"{f.path}: {verdict}", markup=False)
    raise typer.Exit(0 if valid else 1)


@app.command()
def release(
    bump: Annotated[
        Bump,
        typer.Option(
            "--bump",
            help="patch, minor or major: how much the version grows.",
            case_sensitive=False,
        ),
    ],
    source_dir: SourceArg = Path("seeds"),
    out_dir: Annotated[
        Path, typer.Option("--out", help="Where the published versions are.", file_okay=False)
    ] = Path("dist"),
    wait: WaitOption = publish.DEFAULT_WAIT_SECONDS,
    jobs: JobsOption = None,
    engine: EngineOption = LOCAL_ENGINE,
    no_cache: NoCacheOption = False,
    no_view: NoViewOption = False,
    no_archive: NoArchiveOption = False,
    shard_mb: ShardOption = resources.SHARD_BYTES // MB,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Release the next version: refuse a bump smaller than the change, build it, record it."""
    result = _run(
        debug,
        as_json,
        lambda: pipeline.release(
            source_dir,
            out_dir,
            bump.value,
            wait=wait,
            on_wait=_tell_waiting,
            cache=not no_cache,
            view_page=not no_view,
            archive=not no_archive,
            jobs=jobs if jobs is not None else pipeline.default_jobs(_total_bytes(source_dir)),
            engine=engine.value,
            shard_bytes=shard_mb * MB,
        ),
    )
    if as_json:
        print(
            json.dumps(
                {
                    "package": str(result.build.package_dir),
                    "previous": result.previous,
                    "required_bump": result.required_bump,
                    "entry": result.entry,
                },
                indent=2,
            )
        )
        return
    if result.entry:
        out.print(result.entry, markup=False)
    out.print(f"released {result.build.package_dir} ({result.build.status})", markup=False)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier package folder.", file_okay=False)],
    new: Annotated[Path, typer.Argument(help="The later package folder.", file_okay=False)],
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """List what changed between two packages and the version bump it needs."""
    # The summary shows a few rows of each kind: only --json needs every row's values.
    limit = None if as_json else SHOWN_ROWS
    result = _run(debug, as_json, lambda: diff_packages(old, new, max_rows=limit))
    if as_json:
        print(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        out.print(result.summary(), markup=False)
        out.print(f"required bump: {result.required_bump}", markup=False)


@app.command()
def repair(
    source_dir: SourceArg = Path("seeds"),
    write: Annotated[
        bool, typer.Option("--write", help="Rewrite the files (default: only show the repair).")
    ] = False,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Find source files garbled by mojibake and show, or with --write make, the repair."""
    repairs = _run(debug, as_json, lambda: pipeline.repair(source_dir, write=write))
    if as_json:
        print(json.dumps([dataclasses.asdict(r) for r in repairs], indent=2, ensure_ascii=False))
        return
    for r in repairs:
        where = f"{r.relpath}:{r.line}"
        if r.after is None:
            out.print(f"{where}: no safe repair; fix it by hand: {r.before!r}", markup=False)
            continue
        done = "repaired" if r.written else "would repair"
        out.print(f"{where}: {done} {r.lines:,} lines, e.g. {r.before!r}", markup=False)
        out.print(f"{' ' * len(where)}  -> {r.after!r}", markup=False)
    if not repairs:
        out.print(f"{source_dir}: no mojibake found", markup=False)
    elif not write:
        out.print("run again with --write to rewrite these files", markup=False)
    elif any(r.written for r in repairs):
        out.print(
            "files rewritten: update their sha256 in the catalogue with "
            f"`datapkg catalog {source_dir} --update`",
            markup=False,
        )


@app.command()
def catalog(
    source_dir: SourceArg = Path("seeds"),
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Rewrite catalog.yaml in place: fresh hashes, new files added, removed files "
            "dropped, comments and filled-in fields kept.",
        ),
    ] = False,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Print a catalogue (catalog.yaml) for a folder of texts, with fresh sha256 hashes; or
    update the folder's own catalogue in place with --update."""
    if not update:
        draft = _run(debug, as_json, lambda: pipeline.draft_catalogue(source_dir))
        if as_json:
            print(json.dumps(yaml.safe_load(draft), indent=2, ensure_ascii=False, default=str))
        else:
            sys.stdout.write(draft)
        return
    done = _run(debug, as_json, lambda: pipeline.update_catalogue(source_dir))
    if as_json:
        changes = {k: getattr(done, k) for k in ("rehashed", "added", "removed")}
        print(json.dumps({"valid": True, "changed": done.changed, **changes}, indent=2))
        return
    for label, files in (("new hash", done.rehashed), ("added", done.added)):
        for f in files:
            out.print(f"{label}: {f}", markup=False)
    for f in done.removed:
        out.print(f"removed: {f}", markup=False)
    summary = ", ".join(
        f"{len(files)} {label}"
        for label, files in (
            ("rehashed", done.rehashed),
            ("added", done.added),
            ("removed", done.removed),
        )
    )
    verdict = f"updated ({summary})" if done.changed else "already up to date"
    out.print(f"{source_dir}: catalogue {verdict}", markup=False)


@app.command()
def view(
    package_dir: Annotated[
        Path, typer.Argument(help="A package folder, e.g. dist/<name>-<version>.", file_okay=False)
    ],
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write the page (default: view.html in the package folder).",
            dir_okay=False,
        ),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample", min=1, help="Show at most this many documents (default: all that fit)."
        ),
    ] = None,
    as_json: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Write one self-contained HTML page of a package: its documents, paragraphs,
    quotations and speakers, to open in a browser."""
    page = _run(debug, as_json, lambda: write_view(package_dir, out_file, sample=sample))
    if as_json:
        payload = {**dataclasses.asdict(page), "path": str(page.path)}
        print(json.dumps(payload, indent=2))
        return
    shown = f"{page.shown:,} of {page.documents:,} documents"
    out.print(f"{page.path}: {shown}, {page.bytes:,} bytes; open it in a browser", markup=False)
