"""The Ray engine: the package the local engine builds, byte for byte, and clear errors.

Starting Ray takes seconds, so the tests that need it are few and share one Ray; how the
engine starts, joins and stops Ray is checked against a stand-in.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from datapkg import documents, engines, pipeline
from datapkg.cli import app
from datapkg.errors import DatapkgError, InvalidSourcesError, SourceError
from datapkg.pipeline import BuildResult
from tests.conftest import SEEDS, SMALL_SHARDS, MakeCorpus, tree

# Ray Data's default settings set options that Ray Data itself deprecates: Ray's warnings.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")
runner = CliRunner()
INSTALL = 'the Ray engine needs Ray, which is not installed: pip install "datapkg[ray]"'


@pytest.fixture(autouse=True)
def no_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ray on this machine, never a cluster named in the environment."""
    monkeypatch.delenv("RAY_ADDRESS", raising=False)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One Ray of two CPUs for the module's tests: the builds join it (and so leave it
    running), and it is shut down after the last of them."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    yield
    ray.shutdown()


def _same_output(a: Path, b: Path) -> None:
    """Two output folders hold the same files, byte for byte: the package folder, its zip
    and SHA256SUMS (the segmentation cache and the lock left out: they are no output)."""
    files = [f for f in tree(a) if not f.startswith(".cache")]
    assert files == [f for f in tree(b) if not f.startswith(".cache")]
    assert any(f.endswith(".zip") for f in files)
    for name in files:
        if (a / name).is_file():
            assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_the_seed_package_built_on_ray_is_byte_identical(
    seed_build: BuildResult, local_ray: None, tmp_path: Path
) -> None:
    on_ray = pipeline.build(SEEDS, tmp_path, jobs=2, engine="ray")
    assert on_ray.status == "created"
    assert (on_ray.counts, on_ray.issues) == (seed_build.counts, seed_build.issues)
    _same_output(seed_build.package_dir.parent, tmp_path)
    # A rebuild reads what the Ray workers segmented from the cache they wrote.
    assert pipeline.build(SEEDS, tmp_path, engine="ray").status == "identical"


def test_tables_in_shards_built_on_ray_are_the_same_shards(
    sharded_build: BuildResult, local_ray: None, tmp_path: Path
) -> None:
    on_ray = pipeline.build(SEEDS, tmp_path, jobs=2, engine="ray", shard_bytes=SMALL_SHARDS)
    assert on_ray.counts == sharded_build.counts
    _same_output(sharded_build.package_dir.parent, tmp_path)


def test_the_command_line_builds_on_ray(
    seed_build: BuildResult, local_ray: None, tmp_path: Path
) -> None:
    import ray

    args = ["build", str(SEEDS), "--out", str(tmp_path), "--engine", "ray", "--jobs", "2"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "created"
    assert result.stderr == ""  # Ray's own messages stay out of the command's output
    _same_output(seed_build.package_dir.parent, tmp_path)
    assert ray.is_initialized()  # a Ray the build joined, the build left running


class _StandInRay:
    """What the engine asks of Ray to start, join and stop it, recorded."""

    def __init__(self, running: bool) -> None:
        self.running = running
        self.calls: list[tuple[str, dict[str, object]]] = []

    def is_initialized(self) -> bool:
        return self.running

    def init(self, **options: object) -> None:
        self.calls.append(("init", options))

    def shutdown(self) -> None:
        self.calls.append(("shutdown", {}))

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": 3.0}


_QUIET = {"log_to_driver": False, "logging_level": logging.ERROR}


@pytest.mark.parametrize(
    ("running", "address", "calls"),
    [
        (
            False,
            None,
            [("init", {"num_cpus": 3, "include_dashboard": False, **_QUIET}), ("shutdown", {})],
        ),
        (
            False,
            "ray://head:10001",
            [("init", {"address": "ray://head:10001", **_QUIET}), ("shutdown", {})],
        ),
        (True, "ray://head:10001", []),
    ],
    ids=["starts-a-ray-of-jobs-cpus", "joins-the-cluster-of-RAY_ADDRESS", "uses-the-ray-running"],
)
def test_ray_is_stopped_only_by_the_build_that_started_or_joined_it(
    running: bool,
    address: str | None,
    calls: list[tuple[str, dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("ray")
    from ray.data import DataContext

    stand_in = _StandInRay(running)
    monkeypatch.setattr(engines, "_import_ray", lambda: stand_in)
    if address:
        monkeypatch.setenv("RAY_ADDRESS", address)
    options = DataContext.get_current().execution_options
    order = options.preserve_order
    assert list(engines.run_on_ray([], str, cpus=3)) == []
    assert stand_in.calls == calls
    assert options.preserve_order == order  # the caller's settings are given back


def test_the_workers_are_given_absolute_paths(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker on another node runs in a folder of its own: a path relative to this
    process's folder would name another file there, or none."""
    pytest.importorskip("ray")
    make_corpus({"a.txt": "A text.", "b.txt": "Another."}, catalog=True)
    given: list[documents.Task] = []

    def in_this_process(tasks, work, cpus):  # type: ignore[no-untyped-def]
        for task in tasks:
            given.append(task)
            yield work(task)

    monkeypatch.setattr(engines, "run_on_ray", in_this_process)
    monkeypatch.chdir(tmp_path)
    pipeline.build(Path("corpus"), Path("out"), engine="ray")
    assert len(given) == 2
    for task in given:
        assert task.source_dir == tmp_path / "corpus"
        assert task.cache is not None and task.cache.write.is_absolute()


def test_every_problem_is_reported_when_built_on_ray(
    local_ray: None, make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    texts = {f"d{k:02d}.txt": f"Text {k}." for k in range(12)}
    texts["d03.txt"] = "bad \x07 bell"
    texts["d09.txt"] = "another \x01"
    root = make_corpus(texts)
    with pytest.raises(InvalidSourcesError) as failed:
        pipeline.build(root, tmp_path / "out", engine="ray")
    found = [(i.code, i.file) for i in failed.value.report.issues if i.severity == "error"]
    assert found == [("control-character", "d03.txt"), ("control-character", "d09.txt")]
    assert tree(tmp_path / "out") == []


def test_results_come_back_in_order_across_tasks_and_chunks(
    local_ray: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "_PER_TASK", 3)  # 3 per Ray task, 24 per chunk on 2 CPUs
    monkeypatch.setattr(engines, "_CHUNK", 1)
    numbers = [str(n) for n in range(50)]  # chunks of 24, 24 and 2
    assert list(engines.run_on_ray(numbers, int, cpus=2)) == list(range(50))


def test_what_the_work_raises_on_a_worker_is_raised_here_as_itself(local_ray: None) -> None:
    """As the local engine raises it (a known error stays known), not as Ray's wrapper;
    the results before it arrive first, in order."""
    done = engines.run_on_ray(["1", "2", "x", "4"], int, cpus=2)
    assert [next(done), next(done)] == [1, 2]
    with pytest.raises(ValueError, match="invalid literal for int"):
        next(done)


def test_an_unknown_engine_is_refused_before_anything_is_written(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": "A text."}, catalog=True)
    out = tmp_path / "out"
    message = "--engine 'spark': use one of local, ray"
    with pytest.raises(SourceError, match=message):
        pipeline.build(root, out, engine="spark")
    with pytest.raises(SourceError, match=message):
        pipeline.release(root, out, "patch", engine="spark")
    assert tree(out) == []
    result = runner.invoke(app, ["build", str(root), "--out", str(out), "--engine", "spark"])
    assert result.exit_code == 2  # bad usage: the command offers only the two
    assert tree(out) == []


def test_without_ray_the_engine_says_how_to_install_it(
    make_corpus: MakeCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails, as uninstalled
    root = make_corpus({"a.txt": "A text."}, catalog=True)
    out = tmp_path / "out"
    with pytest.raises(DatapkgError) as failed:
        pipeline.build(root, out, engine="ray")
    assert str(failed.value) == INSTALL
    result = runner.invoke(
        app, ["release", "--bump", "patch", str(root), "--out", str(out), "--engine", "ray"]
    )
    assert (result.exit_code, result.stderr) == (1, f"Error: {INSTALL}\n")
    assert "Traceback" not in result.output
    assert tree(out) == []
