"""The command line: thin over the library, same answers in --json, exact errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from datapkg import __version__, pipeline
from datapkg.cli import app
from datapkg.validate import validate_package
from tests.conftest import SEEDS, MakeCorpus, tree

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout.strip()) == (0, f"datapkg {__version__}")


def test_check_json_is_the_library_report() -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    report = pipeline.check(SEEDS)
    assert payload["valid"] is report.valid is True
    assert payload["issues"] == [i.model_dump(mode="json") for i in report.issues]
    assert payload["stats"] == report.stats


def test_check_reports_bad_input_with_location_and_exit_1(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"a.txt": "fine", "b.txt": "line one\nbad \x07 bell"})
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    assert result.stderr == (
        "b.txt:2:5: error[control-character] contains a control character: U+0007\n"
        "    hint: remove it; only tab and line breaks are allowed\n"
    )
    assert result.stdout == "2 documents checked: 1 error\n"


def test_build_then_validate_json_matches_the_library(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    built = json.loads(result.stdout)
    assert built["status"] == "created"
    package = Path(built["package"])
    result = runner.invoke(app, ["validate", str(package), "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    report = validate_package(package)
    assert payload["valid"] and payload["stats"] == report.stats
    assert built["stats"]["paragraphs"] == report.stats["paragraphs_rows"]


def test_build_prints_a_summary_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert "(created)" in result.stdout and "quotations" in result.stdout
    assert "built from 119,488 source bytes" in result.stdout


def test_build_bad_input_exits_1_without_traceback_or_output(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": b"\xef\xbb\xbfok", "b.txt": b"caf\xe9"})
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(root), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: 1 problem in the sources; run `datapkg check` to list them, "
        "fix them, and build again"
    )
    assert "b.txt:1:4: error[utf8] is not valid UTF-8: byte 0xe9 at offset 3" in result.stderr
    assert tree(out) == []


def test_existing_version_is_a_known_error(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus({"a.txt": "one"})
    assert runner.invoke(app, ["build", str(root), "--out", str(tmp_path)]).exit_code == 0
    (root / "a.txt").write_text("two")
    result = runner.invoke(app, ["build", str(root), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {tmp_path / 'corpus-0.1.0'} already exists with different content"
    )


def test_validate_missing_package_is_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'datapackage.json'}: no such file")


def test_validate_reports_damage_with_exit_1(seed_package: Path) -> None:
    (seed_package / "data/paragraphs.csv").write_text("broken")
    result = runner.invoke(app, ["validate", str(seed_package), "--json"])
    assert result.exit_code == 1
    codes = {i["code"] for i in json.loads(result.stdout)["issues"]}
    assert {"bytes", "hash"} <= codes


def test_bad_usage_is_exit_2() -> None:
    assert runner.invoke(app, ["build", "--jobs", "0"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2
    assert runner.invoke(app, ["release", str(SEEDS), "--bump", "huge"]).exit_code == 2


def test_help_lists_flags_without_a_value_and_offers_completion() -> None:
    for command in ("build", "release", "validate", "catalog", "check", "diff"):
        shown = runner.invoke(app, [command, "--help"]).stdout
        assert "--json" in shown and "<bool>" not in shown, command
    assert "--bump <patch|minor|major>" in runner.invoke(app, ["release", "--help"]).stdout
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_catalog_prints_yaml_for_a_folder(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"a.txt": "A."})
    result = runner.invoke(app, ["catalog", str(root)])
    assert result.exit_code == 0
    assert "path: a.txt" in result.stdout


def test_catalog_json_and_update_in_place(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"a.txt": "Text a."})
    result = runner.invoke(app, ["catalog", str(root), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["path"] == "a.txt"
    result = runner.invoke(app, ["catalog", str(root), "--update"])
    assert (result.exit_code, result.stdout) == (
        0,
        f"added: a.txt\n{root}: catalogue updated (0 rehashed, 1 added, 0 removed)\n",
    )
    (root / "a.txt").write_text("Text a, edited.")
    hint = runner.invoke(app, ["check", str(root)]).stderr
    assert "--update" in hint
    result = runner.invoke(app, ["catalog", str(root), "--update", "--json"])
    payload = json.loads(result.stdout)
    assert (payload["changed"], payload["rehashed"], payload["added"]) == (True, ["a.txt"], [])
    assert runner.invoke(app, ["check", str(root)]).exit_code == 0


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path), "--debug"])
    assert result.exit_code == 1
    assert result.exception is not None and type(result.exception).__name__ == "InvalidPackageError"


def test_validate_all_checks_every_version(seed_build) -> None:  # type: ignore[no-untyped-def]
    dist = seed_build.package_dir.parent
    result = runner.invoke(app, ["validate-all", str(dist), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["valid"] and [p["package"] for p in payload["packages"]] == [
        str(seed_build.package_dir)
    ]


def test_validate_all_on_an_empty_folder_is_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate-all", str(tmp_path)])
    assert result.exit_code == 1
    assert "no package folders" in result.stderr


def test_diff_json_is_the_library_result() -> None:
    from datapkg.diff import diff_packages

    dist = SEEDS.parent / "dist"
    old, new = dist / "iraq-war-articles-0.1.0", dist / "iraq-war-articles-0.1.1"
    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == diff_packages(old, new).model_dump(mode="json")
    human = runner.invoke(app, ["diff", str(old), str(new)])
    assert human.stdout.strip().endswith("required bump: patch")


def test_build_and_release_take_no_archive(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus({"a.txt": "A text."})
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(root), "--out", str(out), "--no-archive"])
    assert result.exit_code == 0, result.output
    assert not list(out.glob("*.zip")) and (out / "corpus-0.1.0").is_dir()
    assert "--no-archive" in runner.invoke(app, ["release", "--help"]).output
