"""The docs are generated from the code and checked against it."""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys

import typer.main

from datapkg.cli import app
from tests.conftest import ROOT


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "docs/cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date() -> None:
    generator = _load_generator()
    assert generator.TARGET.read_text(encoding="utf-8") == generator.render(), (
        "docs/cli.md is stale: run `python docs/cli_reference.py`"
    )


def test_every_command_and_parameter_has_help() -> None:
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"`datapkg {name}` has no help text"
        for param in command.params:
            assert getattr(param, "help", None), f"`datapkg {name}` {param.name} has no help"


def test_readme_shows_the_two_commands_on_its_first_screen() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:30])
    assert "make build" in first_screen and "make test" in first_screen


def test_readme_session_output_is_real() -> None:
    """The `datapkg check` line quoted in the README is what the command prints today."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"\$ datapkg check seeds\n(.+)\n", readme)
    assert quoted, "README.md should show a `$ datapkg check seeds` session"
    actual = subprocess.run(
        [sys.executable, "-m", "datapkg", "check", "seeds"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert quoted.group(1) == actual.stdout.strip()


def test_module_list_in_the_package_docstring_is_complete() -> None:
    import datapkg

    listed = set(re.findall(r"^    (\w+)\s{2,}", datapkg.__doc__ or "", flags=re.M))
    modules = {p.stem for p in (ROOT / "datapkg").glob("*.py") if not p.stem.startswith("_")}
    packages = {p.parent.name for p in (ROOT / "datapkg").glob("*/__init__.py")}
    bottom = {"models", "errors", "schemas", "paths", "layout", "citation", "figures"}
    assert (modules | packages) - bottom == listed


def test_the_segmenter_package_lists_its_modules_in_the_order_of_the_algorithm() -> None:
    package = importlib.import_module("datapkg.segment")  # `datapkg.segment` is the function
    listed = re.findall(r"^    (\w+)\s{2,}", package.__doc__ or "", flags=re.M)
    modules = {p.stem for p in (ROOT / "datapkg" / "segment").glob("*.py")} - {"__init__"}
    assert sorted(listed) == sorted(modules)


def test_readme_loading_examples_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert len(blocks) >= 3
    for block in blocks:
        namespace: dict[str, object] = {}
        exec(block, namespace)
        assert (
            len(namespace["quotations"] if "quotations" in namespace else namespace["speakers"]) > 0
        )  # type: ignore[arg-type]
