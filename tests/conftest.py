"""Shared fixtures: the seed package built once per session, and small corpora made on the fly."""

from __future__ import annotations

import ctypes
import os
import shutil
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from datapkg import pipeline
from datapkg.pipeline import BuildResult
from datapkg.publish import LOCK
from datapkg.sources import sha256_hex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

MakeCorpus = Callable[..., Path]


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed corpus built once into a temporary dist/."""
    out = tmp_path_factory.mktemp("dist")
    return pipeline.build(SEEDS, out)


#: A shard size that splits every seed table into a few files.
SMALL_SHARDS = 40_000


@pytest.fixture(scope="session")
def sharded_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed corpus built once with small shards: every table in several files."""
    out = tmp_path_factory.mktemp("sharded")
    return pipeline.build(SEEDS, out, shard_bytes=SMALL_SHARDS)


@pytest.fixture
def seed_package(seed_build: BuildResult, tmp_path: Path) -> Path:
    """A private copy of the built seed package, free to corrupt."""
    copy = tmp_path / seed_build.package_dir.name
    shutil.copytree(seed_build.package_dir, copy)
    return copy


@pytest.fixture
def make_corpus(tmp_path: Path) -> MakeCorpus:
    """Write a source folder: `files` maps relative paths to bytes or str; `catalog` is
    True for a generated catalogue, a dict to write as given, or None for none."""

    def make(
        files: dict[str, bytes | str],
        catalog: bool | dict[str, object] | str | None = None,
        name: str = "corpus",
    ) -> Path:
        root = tmp_path / name
        root.mkdir()
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        if catalog is True:
            catalog = {
                "name": "test-corpus",
                "title": "Test corpus",
                "version": "1.0.0",
                "documents": [
                    {
                        "id": Path(rel).stem,
                        "path": rel,
                        "sha256": sha256_hex((root / rel).read_bytes()),
                    }
                    for rel in sorted(files)
                ],
            }
        if isinstance(catalog, dict):
            (root / "catalog.yaml").write_text(yaml.safe_dump(catalog, sort_keys=False))
        elif isinstance(catalog, str):
            (root / "catalog.yaml").write_text(catalog)
        return root

    return make


def tree(path: Path) -> list[str]:
    """Every file below `path`, relative, sorted: to prove that nothing was written.

    The output folder's lock file is left out: it holds no data, and an output folder
    keeps it (`datapkg.publish.LOCK`)."""
    if not path.exists():
        return []
    return sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.name != LOCK)


# --- proving that a file outside the folder is never opened ---------------------------------

_IN_ACCESS, _IN_OPEN, _IN_NONBLOCK = 0x1, 0x20, 0o4000


class OpenWatch:
    """Every open or read of the watched files, by any process, as the kernel reports them.

    inotify is used rather than a Python audit hook or a patched `open`: it also sees the
    files that pyarrow (C++) and child processes open, and it cannot be bypassed by a
    code path the test did not think of. A `stat` is not an open and is not reported.
    """

    def __init__(self) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(_IN_NONBLOCK)
        if self._fd < 0:
            pytest.skip("inotify is not available here")
        self._watched: dict[int, Path] = {}

    def watch(self, path: Path) -> Path:
        wd = self._libc.inotify_add_watch(self._fd, str(path).encode(), _IN_OPEN | _IN_ACCESS)
        assert wd >= 0, f"cannot watch {path}"
        self._watched[wd] = path
        return path

    def events(self) -> list[tuple[Path, str]]:
        """(file, "open" or "read") for each event on a watched file since the last call."""
        seen: list[tuple[Path, str]] = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return seen
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                seen.append((self._watched[wd], "read" if mask & _IN_ACCESS else "open"))
                offset += 16 + length

    def opened(self) -> set[Path]:
        """The watched files opened or read since the last call."""
        return {path for path, _ in self.events()}

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def open_watch() -> Iterator[OpenWatch]:
    watch = OpenWatch()
    yield watch
    watch.close()
