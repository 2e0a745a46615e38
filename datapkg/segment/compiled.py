"""The segmenter's two paths: its modules as written (pure Python) or compiled with mypyc.

`python -m datapkg.segment.compiled` (run by `make build` and `make test`) compiles the step
modules into C extensions beside their sources and records, in `compiled.json`, the hash of
each source it compiled. The package then imports the compiled modules only while every
source still has the hash it was compiled from; otherwise, when nothing was compiled (no C
compiler, or a `pip install` that builds none), or when `DATAPKG_PURE_PYTHON=1` is set, it
imports the sources. Both paths give the same output; the tests run both.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "compiled.json"
PACKAGE = f"{HERE.parent.name}.{HERE.name}"  # also right when run with -m
#: Set to 1 to run the pure-Python modules even where compiled ones are built.
PURE_PYTHON_VARIABLE = "DATAPKG_PURE_PYTHON"
# The package entry point and this module stay Python: they choose the path.
_KEPT_AS_SOURCE = {"__init__", "compiled"}


def step_modules() -> list[Path]:
    """The modules that are compiled, in name order."""
    return sorted(p for p in HERE.glob("*.py") if p.stem not in _KEPT_AS_SOURCE)


def _digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in step_modules()}


def _current() -> bool:
    """Whether compiled modules exist and were built from the sources as they are now."""
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not manifest.get("compiled") or manifest.get("sources") != _digests():
        return False
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    built = all(any((HERE / f"{p.stem}{s}").is_file() for s in suffixes) for p in step_modules())
    return built and any(HERE.parent.parent.glob("*__mypyc.*"))


class _SourcesOnly(importlib.abc.MetaPathFinder):
    """Finds the segmenter's step modules as Python sources, never as extensions."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, leaf = fullname.rpartition(".")
        source = HERE / f"{leaf}.py"
        if package != PACKAGE or not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def select() -> bool:
    """Choose the path before any step module is imported; True when it is the compiled one."""
    if os.environ.get(PURE_PYTHON_VARIABLE) != "1" and _current():
        return True
    if not any(isinstance(f, _SourcesOnly) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourcesOnly())
    return False


def build() -> bool:
    """Compile the step modules with mypyc; record what was compiled, or that nothing was
    (then the sources run). Returns whether it compiled."""
    root = HERE.parent.parent
    for stale in [*HERE.glob("*.so"), *HERE.glob("*.pyd"), *root.glob("*__mypyc.*")]:
        stale.unlink()
    sources = _digests()
    mypyc = shutil.which("mypyc", path=str(Path(sys.executable).parent)) or "mypyc"
    detail: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        # mypyc builds in its working folder: the extensions land under datapkg/segment/ there
        # and the library they share at its top, which must sit where `datapkg` is imported from.
        (Path(work) / Path(*PACKAGE.split("."))).mkdir(parents=True)
        try:
            run = subprocess.run(
                [mypyc, *(str(p) for p in step_modules())],
                cwd=work,
                capture_output=True,
                text=True,
                env={**os.environ, "MYPYC_OPT_LEVEL": "3"},
            )
            ok = run.returncode == 0
            detail = [] if ok else run.stderr.strip().splitlines()[-1:]
        except OSError as e:  # no mypyc at all
            ok, detail = False, [str(e)]
        if ok:
            built = Path(work)
            for ext in (built / Path(*PACKAGE.split("."))).glob("*.so"):
                shutil.copy2(ext, HERE / ext.name)
            for shared in built.glob("*__mypyc.*"):
                shutil.copy2(shared, root / shared.name)
    manifest = {"compiled": ok, "sources": sources}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if ok and _current():
        print(f"compiled {len(sources)} segmenter modules with mypyc")
        return True
    print(
        "the segmenter was not compiled; its pure-Python modules run instead"
        + (f" ({detail[0]})" if detail else ""),
        file=sys.stderr,
    )
    return False


if __name__ == "__main__":
    build()
