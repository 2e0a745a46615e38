"""Where the build's per-document work runs: in this machine's processes, or on Ray.

The build checks, segments and turns each document into record batches with one pure
function, and one process writes what comes back, in the order of the files. The
"local" engine (in `pipeline`) maps that function in this process or in a pool of worker
processes; "ray" maps the same function with Ray Data, on a Ray started here or on the
cluster `RAY_ADDRESS` names, so that a corpus too large for one machine's cores is built
by many. The results come back in the order of the tasks, so the package is byte-identical
whichever engine built it.

Ray is an optional dependency (`pip install "datapkg[ray]"`), imported only here and
only when the Ray engine is asked for. This module takes the work as an argument and
imports no stage, so it knows nothing of what a document is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from types import ModuleType
from typing import Any, TypeVar

import pyarrow as pa

from datapkg.errors import DatapkgError, SourceError

ENGINES = ("local", "ray")

T = TypeVar("T")
R = TypeVar("R")

# Tasks per Ray task: enough to pay for scheduling it (on two CPUs, 20 MB of documents
# built in 70% of the time that 8 per task took), few enough that every CPU of a cluster
# gets some. Each result leaves the worker as soon as it is made, so memory does not grow
# with this.
_PER_TASK = 64
# Tasks handed to Ray Data at a time: the driver holds one chunk of pickled tasks, never
# the whole corpus, so its memory stays flat for millions of files. A chunk has at least
# a few Ray tasks for every CPU of the cluster, so that all of them are kept busy.
_CHUNK = 2048
_RAY_TASKS_PER_CPU = 4


def check_engine(engine: str) -> None:
    """Refuse an unknown engine, or Ray when it is not installed, before any work starts."""
    if engine not in ENGINES:
        raise SourceError(f"--engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "ray":
        _import_ray()


def _import_ray() -> ModuleType:
    try:
        import ray
        import ray.data
    except ImportError:
        raise DatapkgError(
            'the Ray engine needs Ray, which is not installed: pip install "datapkg[ray]"'
        ) from None
    return ray


def run_on_ray(tasks: Iterable[T], work: Callable[[T], R], cpus: int) -> Iterator[R]:
    """`work` applied to every task on Ray, the results yielded in the order of the tasks.

    `work` must be a module-level function (Ray's workers import it by name), and the
    tasks and results picklable. Ray is joined if this process already uses it, else the
    cluster `RAY_ADDRESS` names, else a Ray of `cpus` CPUs is started on this machine;
    it is shut down at the end only if this call started or joined it."""
    ray = _import_ray()
    from ray.data import DataContext

    context = DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.enable_progress_bars)
    with _quiet_ray_logs():
        started = _connect(ray, cpus)
        try:
            # Ray Data may otherwise hand back blocks as they finish; the package's rows
            # follow the order of the files.
            context.execution_options.preserve_order = True
            # The build draws its own progress bar; Ray's would write over it.
            context.enable_progress_bars = False
            position = 0
            iterator = iter(tasks)
            while chunk := list(islice(iterator, _chunk_size(ray))):
                for row, built in _run_chunk(ray, chunk, position, work):
                    if row != position:  # preserve_order failed: never write out of order
                        raise DatapkgError(
                            f"Ray returned document {row} where {position} was due; this is "
                            "a bug in datapkg: please report it, and build with --engine local"
                        )
                    position += 1
                    yield built
        finally:
            context.execution_options.preserve_order, context.enable_progress_bars = saved
            if started:
                ray.shutdown()


def _chunk_size(ray: ModuleType) -> int:
    """How many tasks to hand to Ray at once, asked again for each chunk: a cluster may
    grow while it builds."""
    cpus = int(ray.cluster_resources().get("CPU", 1))
    return max(_CHUNK, _PER_TASK * _RAY_TASKS_PER_CPU * cpus)


def _run_chunk(
    ray: ModuleType, chunk: list[T], first: int, work: Callable[[T], R]
) -> Iterator[tuple[int, R]]:
    """(position, result) for each task of `chunk`, the first being at `first`."""
    # One small table per Ray task: a single table would be a single block, built by one
    # task on one CPU.
    blocks = [
        pa.table(
            {
                "position": list(range(first + start, first + start + len(part))),
                "task": [pickle.dumps(task) for task in part],
            }
        )
        for start in range(0, len(chunk), _PER_TASK)
        if (part := chunk[start : start + _PER_TASK])
    ]
    dataset = ray.data.from_arrow(blocks).map_batches(
        _work_on_batch, batch_format="pyarrow", batch_size=_PER_TASK, fn_kwargs={"work": work}
    )
    for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
        positions = batch.column("position").to_pylist()
        for row, cell in zip(positions, batch.column("built").to_pylist(), strict=True):
            result = pickle.loads(cell)
            if isinstance(result, _Failed):
                raise result.error
            yield row, result


class _Failed:
    """What a task raised, carried back so that this process raises it as the local engine
    would, rather than as Ray's wrapper of it."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _work_on_batch(batch: pa.Table, work: Callable[[Any], Any]) -> Iterator[pa.Table]:
    """On a Ray worker: each pickled task of the batch, done, its result pickled and handed
    on at once (Ray Data gathers them into blocks of a bounded size)."""
    positions = batch.column("position").to_pylist()
    for position, cell in zip(positions, batch.column("task").to_pylist(), strict=True):
        try:
            result = work(pickle.loads(cell))
        except Exception as e:
            result = _Failed(e)
        built = pa.array([pickle.dumps(result)], pa.binary())
        yield pa.table({"position": pa.array([position], pa.int64()), "built": built})


def _connect(ray: ModuleType, cpus: int) -> bool:
    """Use the Ray this process already runs, or join the cluster `RAY_ADDRESS` names, or
    start a Ray of `cpus` CPUs here; True when this call started or joined it."""
    if ray.is_initialized():
        return False
    address = os.environ.get("RAY_ADDRESS")
    if address:
        try:
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
        except Exception as e:  # Ray's errors for an address differ by its kind and state
            raise DatapkgError(
                f"RAY_ADDRESS={address}: cannot join a Ray cluster there: {e} (unset "
                "RAY_ADDRESS to build on a Ray started on this machine)"
            ) from None
    else:
        ray.init(
            num_cpus=cpus,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
    return True


@contextlib.contextmanager
def _quiet_ray_logs() -> Iterator[None]:
    """Ray's and Ray Data's messages kept to errors while the build runs: the build reports
    its own progress and findings, and Ray's processes still keep their logs in its session
    folder."""
    loggers = [logging.getLogger(name) for name in ("ray", "ray.data")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
