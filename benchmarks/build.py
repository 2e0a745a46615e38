"""Build and validate throughput and peak memory on a generated corpus, beside frictionless.

    python benchmarks/build.py [--mb 200] [--small-mb 5] [--jobs 2]

Generates a corpus from the seed texts, repeated and varied (paragraphs
rotated, a numbered heading added, numbers changed) until it reaches --mb
megabytes, then runs `datapkg build` (one process, --jobs processes, and, when
Ray is installed, `--engine ray` on a Ray of --jobs CPUs started on this
machine) and `datapkg validate` on it, each in a child process. Memory is given
twice: "peak MB", the peak resident memory of the largest process (the writer, a
worker or validation's), as the kernel reports it; "all MB", the peak of all the
command's processes together, sampled every 0.1 s (shared library pages counted
once per process). On a smaller corpus (--small-mb) it
also runs frictionless's own validation of the same package, side by side,
because frictionless is too slow to run on the large one within minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from corpus import varied_seeds

from datapkg.pipeline import differing_files

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / ".work"


def generate(target: Path, megabytes: float) -> tuple[int, int]:
    """Write varied copies of the seeds into `target` until it holds `megabytes` MB."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    written = count = 0
    for count, text in enumerate(varied_seeds(megabytes)):
        data = text.encode()
        (target / f"doc{count:07d}.txt").write_bytes(data)
        written += len(data)
    return count + 1, written


def timed(args: list[str]) -> tuple[float, int, str, int | None]:
    """Run a command in a small wrapper process; return seconds, the command's peak RSS in MB
    (the largest of it and its children, as the kernel reports), its stdout, and the peak of
    the RSS of all its processes together, sampled every 0.1 s (None without /proc)."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "s = time.perf_counter() - t;"
        "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024;"
        "sys.stderr.write(r.stderr); print(f'{s} {m} {r.returncode}'); print(r.stdout, end='')"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    together: int | None = 0 if Path("/proc/self/status").exists() else None
    while together is not None and proc.poll() is None:
        together = max(together, _tree_rss(proc.pid))
        time.sleep(0.1)
    stdout, stderr = proc.communicate()
    head, _, out = stdout.partition("\n")
    seconds, rss, code_ = head.split()
    if int(code_) != 0:
        sys.exit(f"{' '.join(args)} failed ({code_}):\n{stderr[-2000:]}")
    return float(seconds), int(rss), out, together


def _tree_rss(pid: int) -> int:
    """The resident memory, in MB, of the commands `pid` runs (not `pid`, a small wrapper)
    and of all their descendants."""
    total, stack = 0, _children(pid)
    while stack:
        child = stack.pop()
        stack += _children(child)
        with contextlib.suppress(OSError, ValueError, IndexError):
            status = Path(f"/proc/{child}/status").read_text()
            total += int(status.split("VmRSS:")[1].split()[0]) // 1024
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(c) for c in (task / "children").read_text().split()]
    return found


def datapkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "datapkg", *args]


def rows_in(package: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in (package / "data").glob("*.parquet"))


_BARE = re.compile("[\"“”‘’']|\n")


def _package(out: Path) -> Path:
    """The package folder a build wrote into `out` (not its hidden cache or lock)."""
    return next(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))


def bare_pass(source: Path) -> float:
    """Seconds for the floor any build must pay, in one process: read every file and find
    every quotation mark and line break with one regular expression."""
    start = time.perf_counter()
    for path in sorted(source.iterdir()):
        sum(1 for _ in _BARE.finditer(path.read_text(encoding="utf-8")))
    return time.perf_counter() - start


def _row(
    label: str,
    seconds: float,
    mb: float,
    docs: int,
    rows: str,
    rss: int | str,
    together: int | str | None = "",
) -> None:
    rss_text = f"{rss:9,}" if isinstance(rss, int) else f"{rss:>9}"
    all_text = f"{together:8,}" if isinstance(together, int) else f"{together or '-':>8}"
    print(
        f"{label:<38}{seconds:9.2f}{mb / seconds:9.2f}{docs / seconds:10,.0f}{rows:>11}"
        f"{rss_text}{all_text}"
    )


def bench_corpus(name: str, megabytes: float, jobs: int, with_frictionless: bool) -> None:
    source = WORK / f"{name}-src"
    docs, size = generate(source, megabytes)
    mb = size / 1e6
    print(f"\n## {name}: {docs:,} documents, {mb:,.1f} MB")
    print(
        f"{'step':<38}{'seconds':>9}{'MB/s':>9}{'docs/s':>10}{'rows/s':>11}{'peak MB':>9}"
        f"{'all MB':>8}"
    )
    bare = min(bare_pass(source) for _ in range(2))
    _row("bare regular-expression pass, 1 process", bare, mb, docs, "", "")
    cold: dict[int, float] = {}
    for j in sorted({1, jobs}):
        out = WORK / f"{name}-dist-j{j}"
        shutil.rmtree(out, ignore_errors=True)
        args = ["build", str(source), "--out", str(out), "--jobs", str(j), "--no-view"]
        seconds, rss, _, together = timed(datapkg(*args))
        cold[j] = seconds
        _row(f"datapkg build --jobs {j}", seconds, mb, docs, "", rss, together)
    packages = [_package(WORK / f"{name}-dist-j{j}") for j in sorted(cold)]
    on_ray = None
    if importlib.util.find_spec("ray") is not None:
        out = WORK / f"{name}-dist-ray"
        shutil.rmtree(out, ignore_errors=True)
        args = ["build", str(source), "--out", str(out), "--engine", "ray", "--jobs", str(jobs)]
        on_ray, rss, _, together = timed(datapkg(*args, "--no-view"))
        # Peak memory: the largest process reaped, the build's or Ray's own (its workers are
        # children of Ray's node manager, and counted only as far as it waits for them).
        _row(f"datapkg build --engine ray --jobs {jobs}", on_ray, mb, docs, "", rss, together)
        packages.append(_package(out))
    same = all(not differing_files(packages[0], p) for p in packages[1:])
    # A rebuild after one changed file: the cache the last build left in its --out is warm.
    out = WORK / f"{name}-dist-j{jobs}"
    files = sorted(source.iterdir())
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nOne more line.\n", "utf-8")
    args = ["build", str(source), "--out", str(out), "--jobs", str(jobs), "--no-view", "--force"]
    warm, rss, _, together = timed(datapkg(*args))
    _row(f"rebuild, 1 of {len(files):,} files changed", warm, mb, docs, "", rss, together)
    package = packages[0]
    rows = rows_in(package)
    seconds, rss, _, together = timed(datapkg("validate", str(package)))
    _row(
        "datapkg validate (CSV + Parquet)",
        seconds,
        mb,
        docs,
        f"{rows / seconds:,.0f}",
        rss,
        together,
    )
    if with_frictionless:
        seconds, rss, _, together = timed(
            [sys.executable, "-m", "frictionless", "validate", str(package / "datapackage.json")]
        )
        label = "frictionless validate (CSV + Parquet)"
        _row(label, seconds, mb, docs, f"{rows / seconds:,.0f}", rss, together)
    print(f"(rows: {rows:,} over the six resource files)")
    print(f"build --jobs 1 over the bare pass: {bare / cold[1]:.3f}")
    if jobs in cold and jobs != 1:
        print(f"build --jobs {jobs} over the bare pass: {bare / cold[jobs]:.3f}")
        print(f"speed-up from 1 to {jobs} jobs: {cold[1] / cold[jobs]:.2f}x")
    if on_ray is not None:
        print(f"build --engine ray over the bare pass: {bare / on_ray:.3f}")
        print(f"engine ray over 1 job: {cold[1] / on_ray:.2f}x")
    if len(packages) > 1:
        engines = " and Ray" if on_ray is not None else ""
        print(f"packages of 1 and {jobs} jobs{engines} byte-identical: {same}")
    print(f"rebuild after one change over a cold build: {warm / cold[jobs]:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=200, help="size of the large corpus in MB")
    parser.add_argument(
        "--small-mb", type=float, default=5, help="size of the corpus compared with frictionless"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/.work afterwards")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if importlib.util.find_spec("ray") is None:
        print('no Ray engine row: Ray is not installed (pip install "datapkg[ray]")')
    # The Ray row is a Ray started on this machine, not a cluster named in the environment.
    os.environ.pop("RAY_ADDRESS", None)
    try:
        bench_corpus("small", args.small_mb, args.jobs, with_frictionless=True)
        bench_corpus("large", args.mb, args.jobs, with_frictionless=False)
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
