"""Put finished packages into an output folder: one process at a time, all or nothing.

An output folder holds, for each version, a folder `<name>-<version>/`, its archive
`<name>-<version>.zip`, and one `SHA256SUMS` over all archives. Beside them, hidden:

    .datapkg.lock                       held (flock) by the one process writing here
    .datapkg-staging-<pid>-<random>/    one build's work, removed when it ends

A build writes everything into its staging folder, the package folder and its
archive both, then commits: it writes a `COMMIT` marker into the staging folder (one
atomic rename), renames the archive and then the folder into place, rewrites
`SHA256SUMS` and removes the staging folder. A process killed at any moment leaves
either no marker (the next run removes the staging folder: nothing happened) or a
marker (the next run finishes the renames: everything happened). Every run that
takes the lock first does that recovery, so what a killed run left is never kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from datapkg import paths
from datapkg.errors import InvalidPackageError, OutputError, UnsafePathError, os_error
from datapkg.layout import CHECKSUMS, DESCRIPTOR
from datapkg.reader import load_descriptor

LOCK = ".datapkg.lock"
STAGING_PREFIX = ".datapkg-staging-"
_COMMIT = "COMMIT"
# What earlier versions of datapkg left when killed, and nothing else: ".name-1.0.0.ab12cd.tmp",
# ".name-1.0.0.zip.tmp", ".SHA256SUMS.tmp", ".name-1.0.0.old".
_LEFTOVERS = re.compile(
    r"^\.(?:[a-z0-9][a-z0-9._-]*-\d+\.\d+\.\d+(?:\.[A-Za-z0-9_]{8}\.tmp|\.zip\.tmp|\.old)"
    r"|SHA256SUMS\.tmp)$"
)
#: How long a build waits for another one writing to the same folder, by default.
DEFAULT_WAIT_SECONDS = 600.0


def _make_dir(out_dir: Path) -> bool:
    """Create the output folder if it is missing; whether it was."""
    try:
        out_dir.mkdir(parents=True)
        return True
    except FileExistsError:
        if out_dir.is_dir():
            return False
        raise OutputError(
            f"{out_dir}: a file of that name is in the way of the output folder; "
            "remove it or pass another --out"
        ) from None
    except OSError as e:
        raise os_error(e, "creating the output folder") from None


@contextmanager
def locked(
    out_dir: Path,
    wait: float = DEFAULT_WAIT_SECONDS,
    on_wait: Callable[[Path], None] | None = None,
) -> Iterator[list[str]]:
    """Hold `out_dir` for this process, after finishing or removing what a killed run left.

    Yields the list of what the recovery did (for the report). Another process holding
    the folder is waited for up to `wait` seconds (`on_wait` is told once), then
    `OutputError` says who holds it. An output folder that this call created and that
    holds nothing at the end is removed again, lock file and all.
    """
    made = _make_dir(out_dir)
    lock = _acquire(out_dir, wait, on_wait)
    try:
        yield recover(out_dir)
    finally:
        if made and [p.name for p in out_dir.iterdir()] == [LOCK]:
            # Unlinked while held: a process waiting on it sees its lock file gone once it
            # gets it, and starts again (see `_acquire`).
            (out_dir / LOCK).unlink()
            out_dir.rmdir()
        lock.release()


def _note_inode(held: dict[str, int], fd: int) -> None:
    held["inode"] = os.fstat(fd).st_ino


def _acquire(
    out_dir: Path, wait: float, on_wait: Callable[[Path], None] | None
) -> filelock.FileLock:
    deadline = time.monotonic() + wait
    told = False
    while True:
        _make_dir(out_dir)
        held: dict[str, int] = {}
        lock = filelock.FileLock(out_dir / LOCK, on_acquired=functools.partial(_note_inode, held))
        try:
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                if on_wait is not None and not told:
                    on_wait(out_dir)
                    told = True
                lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
        except filelock.Timeout:
            raise OutputError(
                f"{out_dir}: another datapkg process is writing to this folder (it holds "
                f"{out_dir / LOCK}) and did not finish within {wait:.0f} s; wait for it to "
                "end, or run again with a longer --wait"
            ) from None
        except OSError as e:
            raise os_error(e, "locking the output folder") from None
        try:
            current = os.stat(out_dir / LOCK).st_ino
        except FileNotFoundError:
            current = -1
        if current == held.get("inode"):
            return lock
        lock.release()  # the holder removed the folder it had made: start again


def _without_archive(out_dir: Path, name: str) -> Path:
    """The mark of a version published without an archive (`build --no-archive`)."""
    return out_dir / f".{name}.no-archive"


def recover(out_dir: Path) -> list[str]:
    """Finish the commits that a killed run began, remove what it left otherwise, and make
    sure each version has its archive and `SHA256SUMS` lists them all. Call under the lock."""
    done: list[str] = []
    for entry in sorted(out_dir.iterdir()):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            plan = _plan(entry)
            if plan is not None:
                done.append(f"finished the interrupted commit of {_finish(entry, out_dir, plan)}")
            else:
                shutil.rmtree(entry, ignore_errors=True)
                done.append(f"removed {entry.name}, left by an interrupted build")
        elif _LEFTOVERS.match(entry.name):
            _remove(entry)
            done.append(f"removed {entry.name}, left by an interrupted build")
    for package_dir in sorted(p.parent for p in out_dir.glob(f"*/{DESCRIPTOR}")):
        archive = package_dir.with_name(f"{package_dir.name}.zip")
        if package_dir.name.startswith(".") or os.path.lexists(archive):
            continue
        if os.path.lexists(_without_archive(out_dir, package_dir.name)):
            continue  # published without one, on purpose
        if package_dir.is_symlink() or paths.regular_files(package_dir)[1]:
            continue  # not a folder datapkg wrote: nothing of it is read (validate-all says why)
        write_zip(package_dir, archive, _created(package_dir))
        done.append(f"wrote the missing archive {archive.name}")
    if done or (any(out_dir.glob("*.zip")) and not (out_dir / CHECKSUMS).exists()):
        write_checksums(out_dir)
    return done


def _created(package_dir: Path) -> dt.datetime | None:
    """The package's `created` time, which stamps its archive's entries."""
    try:
        created = load_descriptor(package_dir).get("created")
        stamp = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
        return stamp.astimezone(dt.UTC) if stamp is not None else None
    except (InvalidPackageError, ValueError, OverflowError):
        return None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A new staging folder in `out_dir` (a name no other process can take), removed at the
    end unless it was committed. Call under the lock."""
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    except OSError as e:
        raise os_error(e, "writing into the output folder") from None
    try:
        yield path
    finally:
        # Once its commit is marked, a staging folder is finished, never removed: if the
        # commit failed half way, the next run completes it (or says what is in the way).
        if path.exists() and not (path / _COMMIT).exists():
            shutil.rmtree(path, ignore_errors=True)


def commit(stage: Path, out_dir: Path, name: str, *, replace: bool, archive: bool = True) -> None:
    """Move the staged `name/` folder and `name.zip` into `out_dir` as one step (see the
    module docstring). `replace`: a version of that name already there is replaced.
    `archive` false: the version is published without an archive, and stays so (`recover`
    does not write one for it)."""
    for path, what in ((out_dir / name, "folder"), (out_dir / f"{name}.zip", "file")):
        in_the_way = os.path.lexists(path) and (
            path.is_symlink() or (path.is_dir() if what == "file" else not path.is_dir())
        )
        if in_the_way:
            raise OutputError(
                f"{path}: is in the way of the package's {what} (a link, or a "
                f"{'folder' if what == 'file' else 'file'}); remove it and build again"
            )
    plan = {"name": name, "replace": replace, "archive": archive}
    with paths.replaced(stage / _COMMIT) as marker:
        marker.write_text(json.dumps(plan), encoding="utf-8")
    # From here on, the commit happens, whatever occurs.
    _finish(stage, out_dir, plan)


def _plan(stage: Path) -> dict[str, object] | None:
    """The commit marked in a staging folder, or None: no marker, or not one datapkg wrote."""
    try:
        plan = json.loads(paths.read_inside(stage, _COMMIT, 4096))
    except (OSError, ValueError, UnsafePathError):
        return None
    if not isinstance(plan, dict) or not isinstance(plan.get("name"), str):
        return None
    name = plan["name"]
    if not name or "/" in name or "\x00" in name or name.startswith("."):
        return None
    return plan


def _finish(stage: Path, out_dir: Path, plan: dict[str, object]) -> str:
    """Do what is left of a commit; every step can be repeated after a crash."""
    name = str(plan["name"])
    staged, target = stage / name, out_dir / name
    try:
        if (
            staged.is_dir()
            and not staged.is_symlink()
            and (plan.get("replace") or not target.exists())
        ):
            if os.path.lexists(target):
                target.rename(stage / f"{name}.replaced")
            archive, without = f"{name}.zip", _without_archive(out_dir, name)
            if plan.get("archive", True):
                if os.path.lexists(stage / archive):
                    os.replace(stage / archive, out_dir / archive)
                if os.path.lexists(without):
                    os.replace(without, stage / without.name)
            else:
                # An archive an earlier build left for this version would not match.
                if os.path.lexists(out_dir / archive):
                    os.replace(out_dir / archive, stage / f"{archive}.replaced")
                without.touch()
            staged.rename(target)
        write_checksums(out_dir)
    except OSError as e:
        raise OutputError(
            f"{out_dir}: the commit of {name} could not be completed ({e}); it is kept in "
            f"{stage.name} and the next build finishes it once what is in the way is removed"
        ) from None
    shutil.rmtree(stage, ignore_errors=True)
    return name


# --- the archive and its checksums ------------------------------------------

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


# Already compressed: deflating Parquet again costs time and saves nothing.
_STORED_SUFFIXES = (".parquet",)
# The fastest deflate: on the generated 40 MB corpus its CSV files (125 MB) deflate in 1.2 s
# to 50 MB, against 5.4 s to 43 MB at zlib's default level; whoever wants the data small
# reads the Parquet files, which the archive stores as they are.
_DEFLATE_LEVEL = 1
_CHUNK = 1 << 20


def write_zip(package_dir: Path, zip_path: Path, created: dt.datetime | None) -> None:
    """Zip the package folder reproducibly: sorted entries, fixed times and permissions.

    Written beside `zip_path` first and renamed into place, so a reader never
    sees half an archive. The folder's name is the archive's top-level folder
    omitted: frictionless opens `<name>-<version>.zip` with datapackage.json at its root.
    Only regular files go in, read without following a link, a chunk at a time: memory
    stays flat whatever the size of a file. Parquet files are stored as they are (already
    compressed); the others are deflated.
    """
    stamp = _ZIP_EPOCH
    if created is not None and created.year >= 1980:
        c = created.astimezone(dt.UTC)
        stamp = (c.year, c.month, c.day, c.hour, c.minute, c.second)
    files, _ = paths.regular_files(package_dir)
    with (
        paths.replaced(zip_path) as tmp,
        zipfile.ZipFile(tmp, "w", compresslevel=_DEFLATE_LEVEL) as archive,
    ):
        for relpath in sorted(files):
            info = zipfile.ZipInfo(relpath, date_time=stamp)
            stored = relpath.endswith(_STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            # An entry opened for writing takes its level from the entry, not the archive
            # (`compress_level` from Python 3.13, the same slot as `_compresslevel`).
            info._compresslevel = _DEFLATE_LEVEL  # type: ignore[attr-defined]
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            with os.fdopen(paths.open_inside(package_dir, relpath), "rb") as src:
                info.file_size = os.fstat(src.fileno()).st_size
                large = info.file_size > zipfile.ZIP64_LIMIT
                with archive.open(info, "w", force_zip64=large) as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)


def write_checksums(out_dir: Path) -> Path:
    """`SHA256SUMS` over every archive in `out_dir`, in `sha256sum -c` format, sorted by name.

    Only regular files count: a link named like an archive is neither followed nor listed."""
    lines = []
    for z in sorted(out_dir.glob("*.zip")):
        if z.name.startswith(".") or z.is_symlink() or not z.is_file():
            continue
        lines.append(f"{paths.digest_inside(out_dir, z.name)[1]}  {z.name}\n")
    path = out_dir / CHECKSUMS
    with paths.replaced(path) as tmp:
        tmp.write_text("".join(lines), encoding="utf-8")
    return path
