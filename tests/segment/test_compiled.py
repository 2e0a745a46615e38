"""The segmenter's two paths, compiled and pure Python, give the same output."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from datapkg.segment import COMPILED, compiled

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted(
    [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "gold" / "texts").glob("*.txt")]
)

# Run in a child process: which path runs is chosen once, when the package is first imported.
_DIGEST = """
import hashlib, json, sys
import datapkg.segment as s
from datapkg.segment import segment
out = hashlib.sha256()
for path in sys.argv[1:]:
    seg = segment(open(path, encoding="utf-8").read())
    out.update(repr((seg.paragraphs, seg.quotations, seg.notes)).encode())
modules = [m.__file__ for n, m in sys.modules.items() if n.startswith("datapkg.segment.")]
print(json.dumps({"compiled": sys.modules["datapkg.segment"].COMPILED,
                  "digest": out.hexdigest(),
                  "sources": all(str(f).endswith(".py") for f in modules)}))
"""


def _run(pure: bool) -> dict[str, object]:
    env = {**os.environ, compiled.PURE_PYTHON_VARIABLE: "1" if pure else "0"}
    out = subprocess.run(
        [sys.executable, "-c", _DIGEST, *map(str, TEXTS)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_the_pure_python_path_runs_the_sources_when_asked() -> None:
    pure = _run(pure=True)
    assert pure["compiled"] is False and pure["sources"] is True


def test_both_paths_give_identical_output() -> None:
    if not COMPILED:
        pytest.skip("the segmenter is not compiled here (no C compiler, or sources changed)")
    fast, pure = _run(pure=False), _run(pure=True)
    assert fast["compiled"] is True and fast["sources"] is False
    assert fast["digest"] == pure["digest"]


def test_a_changed_source_is_never_shadowed_by_an_old_compiled_module(tmp_path: Path) -> None:
    """The manifest records each compiled source's hash: one edit and the sources run."""
    manifest = {"compiled": True, "sources": {p.name: "0" * 64 for p in compiled.step_modules()}}
    stale = tmp_path / "compiled.json"
    stale.write_text(json.dumps(manifest), encoding="utf-8")
    original = compiled.MANIFEST
    try:
        compiled.MANIFEST = stale
        assert compiled._current() is False
    finally:
        compiled.MANIFEST = original
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in compiled.step_modules()}
    assert set(digests) == {p.name for p in compiled.step_modules()}
