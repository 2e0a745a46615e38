"""What a corpus repository runs: the pre-commit hooks of `.pre-commit-hooks.yaml`, and the
GitHub action `action.yml` with its script `ci/corpus-check.sh`, on a small corpus in a
throwaway git repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from datapkg.sources import sha256_hex
from tests.conftest import ROOT

SCRIPT = ROOT / "ci" / "corpus-check.sh"
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / ".github" / "workflows" / "datapkg.yml"
# The environment running the tests: its `datapkg` is the one the hooks and the script find.
BIN = Path(sys.executable).parent
# The folder each shipped hook is given in a corpus repository's config, as the README shows.
HOOK_ARGS = {"datapkg-check": ["corpus"], "datapkg-validate": ["dist"]}
PACKAGE = "dist/corpus-0.1.0"
TEXTS = {
    "a.txt": "A first text\n\nThe minister said: “We will go on.”\n",
    "b.txt": "A second text.\n\n“Nothing has changed,” she said.\n",
    "c.txt": "A third, short text.\n",
}


def _needs_git() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the hooks and the action work in a git repository")


def _env(home: Path) -> dict[str, str]:
    """The tests' environment, kept from the machine's git and pre-commit configuration;
    temporary files go to `home`/tmp."""
    (home / "tmp").mkdir(exist_ok=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT", "DATAPKG_")) and k != "GITHUB_ACTIONS"
    }
    return env | {
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Corpus Keeper",
        "GIT_AUTHOR_EMAIL": "keeper@example.org",
        "GIT_COMMITTER_NAME": "Corpus Keeper",
        "GIT_COMMITTER_EMAIL": "keeper@example.org",
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "TMPDIR": str(home / "tmp"),
    }


def _run(args: list[str], cwd: Path, env: Mapping[str, str]) -> tuple[int, str]:
    """Exit code and output (stdout and stderr, as a person reads them in one log)."""
    done = subprocess.run(
        args, cwd=cwd, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return done.returncode, done.stdout


def _hooks_as_local_config() -> str:
    """The shipped hooks as a `.pre-commit-config.yaml`, each with its folder in `args`.

    The hooks run as `repo: local` with `language: unsupported` (the datapkg on PATH): as
    `language: python`, pre-commit would pip-install this checkout into an environment of its
    own, which needs the network for the build backend. Every other key (entry, always_run,
    pass_filenames, files, ...) is the shipped definition, so a broken hook fails here."""
    shipped = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hooks = [{**hook, "language": "unsupported", "args": HOOK_ARGS[hook["id"]]} for hook in shipped]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus repository: three texts and their catalogue in corpus/, version 0.1.0
    published in dist/, all committed (without the hooks), then the hooks installed."""
    _needs_git()
    home = tmp_path_factory.mktemp("template")
    env = _env(home)
    repo = home / "repo"
    (repo / "corpus").mkdir(parents=True)
    for name, text in TEXTS.items():
        (repo / "corpus" / name).write_text(text, encoding="utf-8")
    steps = [
        ["git", "init", "--quiet", "--initial-branch", "main"],
        ["datapkg", "build", "corpus", "--out", "dist"],
        ["git", "add", "--all"],
        ["git", "commit", "--quiet", "--message", "corpus and its version 0.1.0"],
        [sys.executable, "-m", "pre_commit", "install"],
    ]
    code, catalogue = _run(["datapkg", "catalog", "corpus"], repo, env)
    assert code == 0, catalogue
    (repo / "corpus" / "catalog.yaml").write_text(catalogue, encoding="utf-8")
    (repo / ".gitignore").write_text("dist/.*\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(_hooks_as_local_config(), encoding="utf-8")
    for step in steps:
        code, output = _run(step, repo, env)
        assert code == 0, output
    return repo


@pytest.fixture
def repo(template: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus repository, free to tamper with."""
    copy = tmp_path / "repo"
    shutil.copytree(template, copy, symlinks=True)
    return copy


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return _env(tmp_path)


def _commit(repo: Path, env: Mapping[str, str], message: str) -> tuple[int, str]:
    code, output = _run(["git", "add", "--all"], repo, env)
    assert code == 0, output
    return _run(["git", "commit", "--quiet", "--message", message], repo, env)


def _commits(repo: Path, env: Mapping[str, str]) -> int:
    code, output = _run(["git", "rev-list", "--count", "--all"], repo, env)
    return int(output) if code == 0 else 0


def _hook(output: str, name: str) -> str:
    """The verdict pre-commit printed for a hook: Passed, Failed or a reason it skipped."""
    found = re.search(rf"^{re.escape(name)}\.+(.+)$", output, flags=re.M)
    assert found, output
    return found.group(1)


def _corpus_check(repo: Path, env: Mapping[str, str], *args: str) -> tuple[int, str]:
    return _run(["bash", str(SCRIPT), "--source", "corpus", "--out", "dist", *args], repo, env)


def _tamper(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` with `new` in a file (append `new` when `old` is empty)."""
    data = path.read_bytes()
    assert old in data, path
    path.write_bytes(data.replace(old, new) if old else data + new)


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


# --- the hooks ------------------------------------------------------------------------------


def test_shipped_hooks_are_a_valid_manifest_and_assume_no_folder() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(HOOKS))
    assert {hook["id"] for hook in hooks} == set(HOOK_ARGS)
    for hook in hooks:
        assert hook["args"] == [], f"{hook['id']} must take its folder from the user's args"
        assert hook["always_run"] and not hook["pass_filenames"], hook["id"]
        assert hook["language"] == "python" and hook["entry"].startswith("datapkg "), hook["id"]
    assert "seeds" not in HOOKS.read_text(encoding="utf-8")


def test_hooks_run_and_pass_on_a_commit_that_touches_neither_folder(
    repo: Path, env: dict[str, str]
) -> None:
    """They read whole folders, so they run on every commit (always_run), this one too."""
    (repo / "NOTES.md").write_text("Nothing in corpus/ or dist/.\n", encoding="utf-8")
    code, output = _commit(repo, env, "notes")
    assert code == 0, output
    assert _hook(output, "datapkg check") == "Passed"
    assert _hook(output, "datapkg validate-all") == "Passed"
    assert _commits(repo, env) == 2


def test_hooks_refuse_a_commit_that_only_deletes_a_text(repo: Path, env: dict[str, str]) -> None:
    (repo / "corpus" / "b.txt").unlink()  # the catalogue still lists it
    code, output = _commit(repo, env, "drop b")
    assert code != 0, output
    assert _hook(output, "datapkg check") == "Failed"
    assert "'b.txt'" in output
    assert _commits(repo, env) == 1


def test_hooks_refuse_a_commit_that_changes_a_published_file(
    repo: Path, env: dict[str, str]
) -> None:
    _tamper(repo / PACKAGE / "data" / "paragraphs.csv", b"second", b"2nd")
    code, output = _commit(repo, env, "fix a typo in the package")
    assert code != 0, output
    assert _hook(output, "datapkg check") == "Passed"
    assert _hook(output, "datapkg validate-all") == "Failed"
    assert "paragraphs.csv" in output
    assert _commits(repo, env) == 1


# --- the action's script --------------------------------------------------------------------


def test_corpus_check_passes_a_clean_build_and_writes_nothing(
    repo: Path, env: dict[str, str], tmp_path: Path
) -> None:
    before = _files(repo)
    code, output = _corpus_check(repo, env)
    assert code == 0, output
    assert f"{PACKAGE} (identical)" in output
    assert f"{PACKAGE}: valid" in output
    assert _files(repo) == before
    assert not any((tmp_path / "tmp").iterdir()), "the temporary folder is left behind"


@pytest.mark.parametrize("catalogue_too", [False, True], ids=["text", "text-and-catalogue"])
def test_corpus_check_fails_when_a_released_text_is_tampered_with(
    repo: Path, env: dict[str, str], catalogue_too: bool
) -> None:
    text = repo / "corpus" / "b.txt"
    old = text.read_bytes()
    _tamper(text, b"Nothing has", b"Everything has")
    if catalogue_too:  # the hash updated too: valid sources that build another package
        catalogue = repo / "corpus" / "catalog.yaml"
        mended = catalogue.read_text(encoding="utf-8").replace(
            sha256_hex(old), sha256_hex(text.read_bytes())
        )
        catalogue.write_text(mended, encoding="utf-8")
    code, output = _corpus_check(repo, env)
    assert code == 1, output
    if catalogue_too:
        differ = re.search(rf"{PACKAGE} already exists with different content \((.+?)\);", output)
        assert differ, output
        assert "data/documents.csv" in differ.group(1)
        assert "corpus-check: failed: rebuild\n" in output
    else:
        assert "b.txt: error[sha256]" in output
        assert "corpus-check: failed: check\n" in output


@pytest.mark.parametrize(
    ("published", "old", "new"),
    [
        ("data/paragraphs.csv", b"second", b"2nd"),
        ("README.md", b"", b"\nA line added by hand.\n"),
    ],
)
def test_corpus_check_fails_when_the_committed_package_differs(
    repo: Path, env: dict[str, str], published: str, old: bytes, new: bytes
) -> None:
    _tamper(repo / PACKAGE / published, old, new)
    code, output = _corpus_check(repo, env)
    assert code == 1, output
    differ = re.search(rf"{PACKAGE} already exists with different content \((.+?)\);", output)
    assert differ, output
    assert differ.group(1) == published
    assert "corpus-check." not in output, "the temporary folder's name is shown"
    # The dataset card is in no checksum: only the rebuild sees it changed.
    failed = "rebuild" if published == "README.md" else "rebuild validate-all"
    assert f"corpus-check: failed: {failed}\n" in output


def test_corpus_check_fails_when_the_current_version_is_not_published(
    repo: Path, env: dict[str, str]
) -> None:
    """A catalogue naming a package dist/ has no version of: the rebuild makes one, in the
    temporary folder only, and the script says it is missing."""
    catalogue = repo / "corpus" / "catalog.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(re.sub(r"^name: .*$", "name: corpus-two", text, flags=re.M))
    before = _files(repo / "dist")
    code, output = _corpus_check(repo, env)
    assert code == 1, output
    assert "dist has no corpus-two-0.1.0/" in output
    assert "corpus-check: failed: rebuild\n" in output
    assert _files(repo / "dist") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--source is required"),
        (["--source", ""], "--source is required"),
        (["--source", "corpus", "--install", "0.2.0"], "set DATAPKG_REPOSITORY"),
        (["--source", "corpus", "--install", "no-such-folder"], "neither a version"),
        (["--source", "corpus", "--colour"], "unknown argument: --colour"),
    ],
)
def test_corpus_check_refuses_bad_usage(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = _run(["bash", str(SCRIPT), *args], tmp_path, _env(tmp_path))
    assert (code, message in output) == (2, True), output


def test_corpus_check_installs_a_version_from_the_actions_repository(tmp_path: Path) -> None:
    """A version is the tag vX.Y.Z of the repository the action came from (here, none)."""
    _needs_git()
    env = _env(tmp_path) | {
        "DATAPKG_ACTION_REPOSITORY": "owner/datapkg",
        "DATAPKG_SERVER_URL": (tmp_path / "server").as_uri(),
    }
    code, output = _run(
        ["bash", str(SCRIPT), "--source", "corpus", "--install", "0.2.0"], tmp_path, env
    )
    assert code == 1, output
    expected = f"could not fetch tag v0.2.0 from {(tmp_path / 'server').as_uri()}/owner/datapkg"
    assert expected in output


# --- the action -----------------------------------------------------------------------------


def _action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _expand(value: str, context: Mapping[str, str]) -> str:
    """`${{ name }}` as GitHub expands it; any other expression fails the test."""
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: context[m.group(1)], value)


def test_action_declares_its_inputs() -> None:
    action = _action()
    inputs = action["inputs"]
    assert isinstance(inputs, dict)
    assert set(inputs) == {"source", "out", "datapkg-version", "python-version"}
    assert inputs["source"]["required"] is True and "default" not in inputs["source"]
    assert inputs["out"]["default"] == "dist"
    assert inputs["datapkg-version"]["default"] == ""
    assert all(spec.get("description") for spec in inputs.values())
    assert action["runs"]["using"] == "composite"


@pytest.mark.parametrize("version", ["", "0.2.0"])
def test_action_calls_the_script_with_its_inputs(tmp_path: Path, version: str) -> None:
    """The action's command, run as GitHub runs it, against a stand-in script that prints
    its arguments."""
    action = _action()
    steps = action["runs"]["steps"]
    (setup,) = [s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    (step,) = [step for step in steps if "run" in step]
    assert "ci/corpus-check.sh" in step["run"] and SCRIPT.is_file()
    assert "${{" not in step["run"], "inputs reach the command through env, never pasted in"
    assert step["shell"] == "bash"

    action_path = tmp_path / "action"
    (action_path / "ci").mkdir(parents=True)
    (action_path / "ci" / "corpus-check.sh").write_text('printf "%s\\n" "$@"\n')
    defaults = {f"inputs.{k}": v.get("default", "") for k, v in action["inputs"].items()}
    context = defaults | {
        "inputs.source": "corpus",
        "inputs.datapkg-version": version,
        "github.action_path": str(action_path),
        "github.action_repository": "owner/datapkg",
        "github.server_url": "https://github.com",
    }
    step_env = {k: _expand(str(v), context) for k, v in step["env"].items()}
    done = subprocess.run(
        ["bash", "-c", step["run"]],
        env={**os.environ, **step_env},
        capture_output=True,
        text=True,
        check=True,
    )
    install = version or str(action_path)
    assert done.stdout.splitlines() == ["--install", install, "--source", "corpus", "--out", "dist"]


def test_this_repository_checks_its_seeds_with_the_action() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    (uses,) = [step for step in steps if step.get("uses") == "./"]
    assert uses["with"]["source"] == "seeds"
    assert set(uses["with"]) <= set(_action()["inputs"])
    assert not any("run" in step for step in steps), "the action holds the steps"


def test_readme_shows_the_action_and_the_hooks_with_their_inputs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In your corpus repository's CI\n", 1)[1].split("\n## ", 1)[0]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, flags=re.S)]
    workflow = next(b for b in blocks if "jobs" in b)
    (uses,) = [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("OWNER/datapkg@v")
    ]
    assert uses["with"]["source"] and set(uses["with"]) <= set(_action()["inputs"])
    config = next(b for b in blocks if "repos" in b)
    (remote,) = config["repos"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", remote["rev"])
    assert {hook["id"]: hook["args"] for hook in remote["hooks"]} == HOOK_ARGS


# --- the toolkit's version ------------------------------------------------------------------


def test_the_version_has_one_source_and_a_changelog_heading() -> None:
    import datapkg

    with (ROOT / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert datapkg.__version__ == version, (
        "the installed datapkg is not this checkout's version: reinstall it (make)"
    )
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "\n## [Unreleased]\n" in changelog
    assert re.search(rf"^## \[{re.escape(version)}\]", changelog, flags=re.M), (
        f"CHANGELOG.md has no heading for version {version}"
    )


# --- the whole round trip of a corpus repository --------------------------------------------


def test_a_corpus_repository_round_trip(tmp_path: Path) -> None:
    """catalog, edit, catalog --update; release; change a text; release; diff; the hooks and
    the action's steps pass at every commit, and a tampered text makes both fail."""
    _needs_git()
    env = _env(tmp_path)
    repo = tmp_path / "repo"
    (repo / "corpus").mkdir(parents=True)
    for name, text in TEXTS.items():
        (repo / "corpus" / name).write_text(text, encoding="utf-8")
    (repo / ".gitignore").write_text("dist/.*\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(_hooks_as_local_config(), encoding="utf-8")
    for step in (
        ["git", "init", "--quiet", "--initial-branch", "main"],
        [sys.executable, "-m", "pre_commit", "install"],
        ["datapkg", "catalog", "corpus", "--update"],
    ):
        code, output = _run(step, repo, env)
        assert code == 0, output

    # Fill in the catalogue by hand, add a text, and let --update find it.
    catalogue = repo / "corpus" / "catalog.yaml"
    filled = catalogue.read_text(encoding="utf-8").replace(
        "title: corpus\n", "title: Letters to the editor  # as printed on the box\n", 1
    )
    catalogue.write_text("# Kept by the corpus keeper.\n" + filled, encoding="utf-8")
    (repo / "corpus" / "d.txt").write_text("A fourth text.\n", encoding="utf-8")
    code, output = _run(["datapkg", "catalog", "corpus", "--update"], repo, env)
    assert (code, "added: d.txt" in output) == (0, True), output
    kept = catalogue.read_text(encoding="utf-8")
    assert kept.startswith("# Kept by the corpus keeper.\n")
    assert "title: Letters to the editor  # as printed on the box\n" in kept

    code, output = _run(["datapkg", "release", "corpus", "--bump", "minor"], repo, env)
    assert code == 0, output
    code, output = _commit(repo, env, "corpus 0.1.0")
    assert code == 0 and _hook(output, "datapkg check") == "Passed", output
    code, output = _corpus_check(repo, env)
    assert code == 0, output

    # Change a text: the catalogue follows, the next release records and dates the change.
    _tamper(repo / "corpus" / "b.txt", b"Nothing has", b"Everything has")
    code, output = _run(["datapkg", "catalog", "corpus", "--update"], repo, env)
    assert (code, "new hash: b.txt" in output) == (0, True), output
    code, output = _run(["datapkg", "release", "corpus", "--bump", "minor"], repo, env)
    assert code == 0, output
    assert (repo / "dist" / "corpus-0.2.0").is_dir()
    code, output = _run(["datapkg", "diff", "dist/corpus-0.1.0", "dist/corpus-0.2.0"], repo, env)
    assert code == 0, output
    assert "“Nothing has changed,” she said." in output
    assert "“Everything has changed,” she said." in output
    code, output = _commit(repo, env, "corpus 0.2.0")
    assert code == 0 and _hook(output, "datapkg validate-all") == "Passed", output
    code, output = _corpus_check(repo, env)
    assert code == 0 and "dist/corpus-0.2.0 (identical)" in output, output

    # A released text changed behind the catalogue's back: the action and the hooks refuse.
    _tamper(repo / "corpus" / "a.txt", b"We will go on.", b"We will stop.")
    code, output = _corpus_check(repo, env)
    assert code == 1 and "a.txt: error[sha256]" in output, output
    commits = _commits(repo, env)
    code, output = _commit(repo, env, "a quiet edit")
    assert code != 0 and _hook(output, "datapkg check") == "Failed", output
    assert _commits(repo, env) == commits
