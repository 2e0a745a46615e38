"""Bad input, as a new user or an attacker would give it: every case is a known error.

Each case runs the command line as a user would and checks the exit code, the message
(what, where as file:line:col, the rule, the hint), that no traceback and no "unexpected"
error was printed, and that nothing was written. Files outside the folder given are
watched with inotify (`OpenWatch`): the tests prove they were never opened, not merely
that their content did not show up in the output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from datapkg.cli import app
from tests.conftest import SEEDS, MakeCorpus, OpenWatch, tree

runner = CliRunner()


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def assert_known_error(result: Result, *expected: str) -> None:
    """Exit 1, each expected text in the output, and neither a traceback nor "unexpected"."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "unexpected" not in result.output
    for text in expected:
        assert text in result.output, result.output


@pytest.fixture
def outside(tmp_path: Path, open_watch: OpenWatch) -> Path:
    """A file outside every folder given to datapkg, holding text a build could publish."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("A secret that must never be published.\n")
    return open_watch.watch(secret)


# --- source folders -------------------------------------------------------------------------


@pytest.mark.parametrize("catalogue", [False, True])
def test_a_link_to_a_file_outside_is_refused_and_never_opened(
    make_corpus: MakeCorpus, tmp_path: Path, outside: Path, open_watch: OpenWatch, catalogue: bool
) -> None:
    root = make_corpus({"a.txt": "Fine."}, catalog=catalogue or None)
    (root / "b.txt").symlink_to(outside)
    out = tmp_path / "out"
    for command in (["check", root], ["build", root, "--out", out]):
        result = run(*command)
        assert_known_error(result, "b.txt: error[path-escape] leads outside the source folder")
        assert str(outside) in result.output  # the link's target is named
    assert tree(out) == [] and not out.exists()
    assert open_watch.opened() == set()


def test_a_link_to_a_folder_outside_is_refused_and_never_walked(
    make_corpus: MakeCorpus, tmp_path: Path, outside: Path, open_watch: OpenWatch
) -> None:
    root = make_corpus({"a.txt": "Fine."})
    (root / "more").symlink_to(outside.parent)
    result = run("build", root, "--out", tmp_path / "out")
    assert_known_error(result, "more: error[path-escape]", str(outside.parent))
    assert open_watch.opened() == set()


def test_links_inside_the_folder_are_read_at_their_target(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"texts/a.txt": "She said “yes”."})
    (root / "b.txt").symlink_to(root / "texts" / "a.txt")
    (root / "again").symlink_to(root / "texts")
    result = run("check", root, "--json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [(i["code"], i["file"]) for i in payload["issues"]] == [("link-not-followed", "again")]
    assert payload["stats"]["documents"] == 2  # texts/a.txt, and b.txt through its link


def test_a_pipe_named_like_a_text_is_refused_without_waiting(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": "Fine."})
    os.mkfifo(root / "b.txt")  # opening it to read would wait for a writer forever
    result = run("build", root, "--out", tmp_path / "out")
    assert_known_error(result, "b.txt: error[not-a-file] is not a regular file")


def test_an_oversized_file_is_refused_from_its_size_without_being_read(
    make_corpus: MakeCorpus, tmp_path: Path, open_watch: OpenWatch
) -> None:
    root = make_corpus({"a.txt": "Fine."})
    big = root / "big.txt"
    with big.open("wb") as f:  # sparse: 1 GB on the file system, nothing on the disk
        f.truncate(1 << 30)
    open_watch.watch(big)
    result = run("check", root)
    assert_known_error(
        result,
        "big.txt: error[too-large] is larger than the limit: 1,073,741,824 bytes > 104,857,600",
        "hint: split it into several documents",
    )
    assert ("read" in {kind for _, kind in open_watch.events()}) is False


def test_positions_after_lone_cr_line_breaks(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"a.txt": b"line one\rline two\rline three \xff\r"})
    result = run("check", root)
    assert_known_error(result, "a.txt:3:12: error[utf8] is not valid UTF-8: byte 0xff")


def test_mojibake_is_named_with_its_position_and_repair(make_corpus: MakeCorpus) -> None:
    garbled = "Iraq’s “left”".encode().decode("cp1252", errors="replace")
    garbled = garbled.replace("\ufffd", "\x9d")  # cp1252 has no 0x9d: it stays a C1 control
    root = make_corpus({"a.txt": f"A first line.\nSo {garbled} said.\n"})
    result = run("check", root)
    assert_known_error(
        result,
        "a.txt:2:8: error[mojibake] looks like mojibake",
        "would read 'So Iraq’s “left” said.'",
        "hint: repair it with `datapkg repair`",
    )
    assert "control-character" not in result.output  # the U+009D is part of the mojibake
    assert run("repair", root, "--write").exit_code == 0
    assert run("check", root).exit_code == 0
    assert (root / "a.txt").read_text() == "A first line.\nSo Iraq’s “left” said.\n"


@pytest.mark.parametrize(
    ("catalogue", "expected"),
    [
        ("a: " + "[" * 50_000 + "]" * 50_000, "catalog.yaml:1:"),
        ("a: " + "[" * 50_000 + "]" * 50_000, "error[catalog-depth] nests deeper"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
                for p, c in zip("abcdefg", "bcdefgh", strict=True)
            ),
            "error[catalog-aliases] uses YAML aliases that expand it far beyond its size",
        ),
        ("published: 2026-02-30\n", "error[catalog-syntax] is not valid YAML: a value cannot"),
        (
            "name: x\ntitle: X\nversion: 1.0.0\ncreated: 9999-12-31T23:59:59-12:00\n"
            "documents: []\n",
            "created: Value error, has no UTC form",
        ),
        (
            "name: x\ntitle: X\nversion: 1.0.0\ndocuments:\n"
            '- {id: a, path: "a.txt\\0", sha256: "' + "0" * 64 + '"}\n',
            "error[path-escape]",
        ),
        (
            "name: x\ntitle: X\nversion: 1.0.0\nname: y\ndocuments: []\n",
            "catalog.yaml:4:1: error[catalog-duplicate-key] sets the same key twice in one "
            "mapping: 'name' is set on line 1 and again on line 4",
        ),
    ],
)
def test_hostile_catalogues(make_corpus: MakeCorpus, catalogue: str, expected: str) -> None:
    root = make_corpus({"a.txt": "Fine."}, catalog=catalogue)
    result = run("check", root)
    assert_known_error(result, expected)


def test_a_catalogue_link_outside_is_refused(
    make_corpus: MakeCorpus, outside: Path, open_watch: OpenWatch
) -> None:
    root = make_corpus({"a.txt": "Fine."})
    (root / "catalog.yaml").symlink_to(outside)
    assert_known_error(run("check", root), "catalog.yaml: error[path-escape]")
    assert open_watch.opened() == set()


def test_unreadable_files_and_folders_are_named(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus({"a.txt": "Fine.", "b.txt": "Secret.", "sub/c.txt": "More."})
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: str | Path) -> object:
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def refuse_b(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).name == "b.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", refuse_b)
    result = run("check", root)
    assert_known_error(
        result,
        "sub: error[unreadable] cannot be read: folder: Permission denied",
        "b.txt: error[unreadable] cannot be read: Permission denied",
        "hint: give your user read permission",
    )


needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="real permission checks need root to run datapkg as another user (setpriv)",
)


@needs_root
def test_permissions_for_real_as_another_user() -> None:
    # pytest's own temporary folders are private to root: this test needs one that the
    # other user can reach.
    base = Path(tempfile.mkdtemp(prefix="datapkg-permissions-"))
    try:
        base.chmod(0o755)
        root = base / "corpus"
        root.mkdir()
        (root / "a.txt").write_text("Fine.")
        (root / "b.txt").write_text("Secret.")
        (root / "b.txt").chmod(0)
        out = base / "out"
        out.mkdir(mode=0o555)
        out.chmod(0o555)
        as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        command = [*as_nobody, sys.executable, "-m", "datapkg"]
        if subprocess.run([*command, "--version"], capture_output=True).returncode != 0:
            pytest.skip("the other user cannot reach this checkout (a private folder above it)")
        check = subprocess.run([*command, "check", str(root)], capture_output=True, text=True)
        assert check.returncode == 1, check.stderr
        assert "b.txt: error[unreadable] cannot be read: Permission denied" in check.stderr
        (root / "b.txt").chmod(0o644)
        build = subprocess.run(
            [*command, "build", str(root), "--out", str(out)], capture_output=True, text=True
        )
        assert build.returncode == 1
        assert "permission denied: give your user the right to it" in build.stderr, build.stderr
        for stderr in (check.stderr, build.stderr):
            assert "Traceback" not in stderr and "unexpected" not in stderr
    finally:
        shutil.rmtree(base)


def test_out_under_a_plain_file(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus({"a.txt": "Fine."})
    (tmp_path / "plain").write_text("in the way")
    result = run("build", root, "--out", tmp_path / "plain" / "out")
    assert_known_error(result, "a part of the path is a file, not a folder")


def test_paths_longer_than_the_system_allows(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus({"a.txt": "Fine."})
    long = tmp_path / ("x" * 300)
    assert_known_error(run("build", root, "--out", long), "longer than the system allows")
    assert_known_error(run("check", long), "File name too long")
    assert_known_error(run("validate", long), "File name too long")


# --- package folders ------------------------------------------------------------------------


@pytest.fixture
def package(seed_package: Path) -> Path:
    return seed_package


def set_path(package: Path, path: object, resource: int = 0) -> None:
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][resource]["path"] = path
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")


def hostile_paths(outside: Path, package: Path) -> dict[str, tuple[object, str]]:
    up = "../" * 20 + str(outside).lstrip("/")
    relative_up = os.path.relpath(outside, package)
    return {
        "absolute": (str(outside), "is absolute"),
        "twenty ..": (up, "has a '..', '.' or empty segment"),
        "relative ..": (relative_up, "has a '..', '.' or empty segment"),
        "proc": ("/proc/self/environ", "is absolute"),
        "url": ("https://example.org/documents.csv", "is a URL; a datapkg package is a local"),
        # A table in several files: each is checked, and one outside refuses the resource.
        "list": (["data/documents.csv", relative_up], "its path [1] '.."),
    }


@pytest.mark.parametrize("case", ["absolute", "twenty ..", "relative ..", "proc", "url", "list"])
def test_descriptor_paths_outside_the_package_are_refused_before_opening(
    package: Path, tmp_path: Path, outside: Path, open_watch: OpenWatch, case: str
) -> None:
    shutil.copy(package / "data" / "documents.csv", outside)  # an identical copy: it would pass
    open_watch.events()
    path, message = hostile_paths(outside, package)[case]
    set_path(package, path)
    result = run("validate", package, "--frictionless")
    assert_known_error(result, "resource 'documents': error[path]", message)
    from datapkg import load, load_all
    from datapkg.errors import InvalidPackageError

    with pytest.raises(InvalidPackageError, match=r"resource 'documents': its path"):
        load(package, "documents", format="csv")
    with pytest.raises(InvalidPackageError, match=r"resource 'documents': its path"):
        load_all(package, format="csv")
    assert open_watch.opened() == set()


def test_a_data_file_that_links_to_an_identical_copy_outside_is_refused(
    package: Path, outside: Path, open_watch: OpenWatch
) -> None:
    data = package / "data" / "documents.parquet"
    shutil.copy(data, outside)
    open_watch.events()
    data.unlink()
    data.symlink_to(outside)
    result = run("validate", package)
    assert_known_error(result, "goes through a symbolic link (documents.parquet -> ")
    from datapkg.errors import InvalidPackageError
    from datapkg.load import load

    with pytest.raises(InvalidPackageError, match="symbolic link"):
        load(package, "documents")
    assert open_watch.opened() == set()


def test_diff_refuses_unsafe_paths_and_corrupt_packages(package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    set_path(copy, "/etc/passwd", resource=3)
    assert_known_error(run("diff", package, copy), "its path '/etc/passwd' is absolute")
    shutil.rmtree(copy)
    shutil.copytree(package, copy)
    with (copy / "data" / "quotations.parquet").open("r+b") as f:
        f.seek(100)
        f.write(b"corrupted")
    result = run("diff", package, copy)
    assert_known_error(result, "is not what its descriptor says", "data/quotations.parquet")
    assert "No changes" not in result.output


def test_a_resource_without_schema_and_a_bad_descriptor(package: Path) -> None:
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    del descriptor["resources"][1]["schema"]
    descriptor["resources"][2]["schema"] = {"fields": [{"type": "string"}]}
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = run("validate", package)
    assert_known_error(
        result,
        "resource 'paragraphs': error[schema] has no inline Table Schema",
        "resource 'quotations': error[schema] has a field (0) without a `name`",
    )
    descriptor_path.write_text("[" * 100_000 + "]" * 100_000)
    assert_known_error(run("validate", package), "nests too deep")
    descriptor_path.write_text('{"resources": 3}')
    assert_known_error(run("validate", package), "has no `resources` list")


def test_a_descriptor_that_is_a_link_is_refused(package: Path, outside: Path) -> None:
    descriptor = package / "datapackage.json"
    shutil.copy(descriptor, outside)
    descriptor.unlink()
    descriptor.symlink_to(outside)
    assert_known_error(run("validate", package), "goes through a symbolic link")


def test_validate_all_reports_every_folder(seed_build: object, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = SEEDS.parent / "dist"
    for name in ("iraq-war-articles-0.1.0", "iraq-war-articles-0.1.1", "iraq-war-articles-0.1.2"):
        shutil.copytree(built / name, dist / name)
    (dist / "iraq-war-articles-0.1.0" / "datapackage.json").write_text("{ not json")
    (dist / "notes").mkdir()
    result = run("validate-all", dist)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{dist / 'iraq-war-articles-0.1.0'}: invalid",
        f"{dist / 'iraq-war-articles-0.1.1'}: valid",
        f"{dist / 'iraq-war-articles-0.1.2'}: valid",
        f"{dist / 'notes'}: not a package (no datapackage.json), skipped",
    ]
    assert "not valid JSON" in result.stderr and "Traceback" not in result.output
    payload = json.loads(run("validate-all", dist, "--json").stdout)
    assert [p["status"] for p in payload["packages"]] == [
        "invalid",
        "valid",
        "valid",
        "not a package",
    ]


# --- writing: never through a link, never half done -----------------------------------------


def test_release_and_repair_never_write_through_a_planted_link(
    make_corpus: MakeCorpus, tmp_path: Path, outside: Path, open_watch: OpenWatch
) -> None:
    garbled = "Iraq’s".encode().decode("cp1252")
    root = make_corpus({"a.txt": f"So {garbled} turn."}, catalog=True)
    before = outside.read_bytes()
    open_watch.events()  # that read was the test's own
    # Every name the writes could use for their temporary files, pointing outside.
    for name in (".catalog.yaml.datapkg.tmp", ".CHANGELOG.md.datapkg.tmp", ".a.txt.datapkg.tmp"):
        (root / name).symlink_to(outside)
    assert run("repair", root, "--write").exit_code == 0
    (root / "catalog.yaml").write_text(
        run("catalog", root).stdout.replace("version: 0.1.0", "version: 1.0.0")
    )
    assert run("release", "--bump", "patch", root, "--out", tmp_path / "dist").exit_code == 0
    assert open_watch.opened() == set()
    assert outside.read_bytes() == before
    assert not (root / "catalog.yaml").is_symlink() and not (root / "a.txt").is_symlink()
    assert (root / "a.txt").read_text() == "So Iraq’s turn."


def test_a_folder_swapped_for_a_link_after_the_walk_is_not_followed(
    make_corpus: MakeCorpus, outside: Path, open_watch: OpenWatch
) -> None:
    from datapkg import pipeline

    root = make_corpus({"sub/a.txt": "Fine."})
    (outside.parent / "a.txt").write_text("A secret in the place of a.txt.")
    open_watch.watch(outside.parent / "a.txt")
    opened = pipeline.open_sources(root)
    shutil.rmtree(root / "sub")
    (root / "sub").symlink_to(outside.parent)  # between the walk and the read
    [checked] = list(pipeline._checked_files(opened))
    assert checked.text is None
    assert [(i.code, i.file) for i in checked.issues] == [("path-escape", "sub/a.txt")]
    assert open_watch.opened() == set()


def test_frictionless_is_not_handed_what_was_refused(package: Path) -> None:
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"] = "https://example.org/schema.json"
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = run("validate", package, "--frictionless")
    assert_known_error(
        result, "error[schema] has no inline Table Schema", "frictionless was not run"
    )
    descriptor["resources"][0]["schema"] = json.loads(
        (SEEDS.parent / "schemas" / "documents.tableschema.json").read_text()
    )
    descriptor["$schema"] = "https://example.org/my-profile.json"
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert_known_error(run("validate", package, "--frictionless"), "frictionless was not run")


def test_diff_reads_no_companion_file_through_a_link(
    package: Path, tmp_path: Path, outside: Path, open_watch: OpenWatch
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    (copy / "README.md").unlink()
    (copy / "README.md").symlink_to(outside)
    assert_known_error(run("diff", package, copy), "README.md: cannot be read", "symbolic link")
    assert open_watch.opened() == set()


def test_an_output_path_that_is_not_utf8(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    root = make_corpus({"a.txt": "Fine."})
    out = Path(os.fsdecode(bytes(tmp_path) + b"/out\xff"))
    result = run("build", root, "--out", out)
    assert result.exit_code == 0, result.output
    assert run("validate-all", out).exit_code == 0
