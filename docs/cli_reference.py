"""Generate docs/cli.md from the `datapkg` command itself, so the reference cannot drift.

Run `python docs/cli_reference.py` to rewrite it; tests/test_docs.py fails when it is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from datapkg.cli import app

TARGET = Path(__file__).with_name("cli.md")


def _param_row(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{param.name.upper()}`"
        kind = "argument"
    else:
        name = ", ".join(f"`{o}`" for o in param.opts)
        kind = "flag" if getattr(param, "is_flag", False) else "option"
    help_text = (getattr(param, "help", None) or "").replace("|", "\\|")
    default = param.default
    shown = "" if default in (None, False) or callable(default) else f"`{default}`"
    return f"| {name} | {kind} | {shown} | {help_text} |"


def render() -> str:
    group: Any = typer.main.get_command(app)
    lines = [
        "# `datapkg` command reference",
        "",
        "Generated from the code by `python docs/cli_reference.py`; do not edit by hand.",
        "",
        (group.help or "").strip(),
        "",
        "Exit codes: 0 success; 1 invalid data or a known error (`Error: ...` on stderr, "
        "a traceback only with `--debug`); 2 bad usage.",
        "",
    ]
    for name in sorted(group.commands):
        command = group.commands[name]
        lines += [f"## `datapkg {name}`", "", (command.help or "").strip(), ""]
        lines += ["| parameter | kind | default | help |", "| --- | --- | --- | --- |"]
        lines += [_param_row(p) for p in command.params if p.name != "help"]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
