"""One document's work, as worker processes run it: what they import, and Arrow without pandas."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from datapkg import documents
from datapkg.models import SourceFile

# What only the process that writes the package needs: a worker must not pay for it.
WRITER_ONLY = (
    "datapkg.pipeline",
    "datapkg.cli",
    "datapkg.validate",
    "datapkg.card",
    "datapkg.view",
    "datapkg.diff",
    "datapkg.croissant",
    "duckdb",
    "jinja2",
    "huggingface_hub",
    "mlcroissant",
    "typer",
)


def _modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(out.stdout.splitlines()[-1])
    return loaded


def test_a_worker_imports_none_of_the_writer() -> None:
    loaded = _modules_after("import datapkg.documents")
    assert not [m for m in loaded if m.split(".")[0] in WRITER_ONLY or m in WRITER_ONLY]


def test_the_command_script_imports_nothing_before_it_runs() -> None:
    """Workers start by importing the script that started the build (`datapkg`'s entry
    point is `datapkg.__main__:main`): importing it must not import the command line."""
    loaded = _modules_after("import datapkg.__main__")
    assert not {"datapkg.cli", "datapkg.pipeline", "typer"} & set(loaded)


def test_the_package_names_are_what_they_name_whatever_was_imported_before() -> None:
    """`datapkg.load` and `datapkg.segment` are functions, though modules of the same names
    exist and may have been imported first."""
    code = """
import importlib, pkgutil, types, datapkg
for module in pkgutil.walk_packages(datapkg.__path__, "datapkg."):
    if module.name != "datapkg.__main__":
        importlib.import_module(module.name)
print(sorted(n for n in datapkg.__all__ if isinstance(getattr(datapkg, n), types.ModuleType)))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_package_names_load_on_first_use() -> None:
    import datapkg

    assert datapkg.segment("“Yes,” she said.").quotations
    assert datapkg.build.__module__ == "datapkg.pipeline"
    with pytest.raises(AttributeError):
        _ = datapkg.no_such_name  # type: ignore[attr-defined]


def test_a_worker_builds_a_document_without_pandas(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“Yes,” she said.\n", encoding="utf-8")
    code = f"""
import pyarrow as pa, sys
from pathlib import Path
from datapkg import documents
from datapkg.models import SourceFile
documents.start_worker(pa.default_memory_pool().backend_name)
file = SourceFile("a.txt", Path({str(tmp_path / "a.txt")!r}))
built = documents.build_one(documents.Task(Path({str(tmp_path)!r}), file, None, False, False, None))
assert built.batches["quotations"].num_rows == 1, built
assert "pandas" not in sys.modules
print(type(pa.table({{"a": [1]}}).to_pandas()).__name__)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    # pandas is still there for whoever asks for it.
    assert out.stdout.strip() == "DataFrame"


def test_arrow_without_pandas_leaves_an_imported_pandas_alone() -> None:
    pytest.importorskip("pandas")
    code = "import pandas\nfrom datapkg import documents\ndocuments.arrow_without_pandas()"
    assert "pandas" in _modules_after(code)


def test_build_one_in_this_process(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“Yes,” she said. “No.”\n", encoding="utf-8")
    file = SourceFile("a.txt", tmp_path / "a.txt")
    built = documents.build_one(documents.Task(tmp_path, file, None, False, False, None))
    assert built.relpath == "a.txt" and built.size == len("“Yes,” she said. “No.”\n".encode())
    assert built.batches is not None
    assert built.batches["documents"].column("document_id").to_pylist() == ["a"]
