"""kill -9 during `build` and `release`, and builds racing for one folder: what is left.

    python benchmarks/crash.py [--kills 20] [--races 10] [--mb 5] [--seed 1]

A corpus of --mb megabytes is generated from the seeds. Each of --kills builds into
a fresh output folder is killed (SIGKILL) at a random moment of its run; what it left
is classified, then a build runs to the end in the same folder and must find it
consistent (every version with its archive, SHA256SUMS listing exactly the archives,
no staging folder) and make a package byte-identical to an undisturbed build. The
same is done for `release` (source folder and output folder must agree afterwards,
the changelog entry written once). Then --races pairs of builds start together on
one folder. Every count is printed; a failed expectation ends the run with exit 1.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import WORK, generate  # the corpus generator of the build benchmark

LOCK = ".datapkg.lock"


def datapkg(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "datapkg", *map(str, args)]


def left_behind(out: Path) -> str:
    """What a killed run left in `out`, in a word."""
    if not out.exists():
        return "nothing"
    names = [p.name for p in out.iterdir() if p.name != LOCK]
    staging = [n for n in names if n.startswith(".datapkg-staging-")]
    committing = [n for n in staging if (out / n / "COMMIT").exists()]
    folders = {n for n in names if (out / n).is_dir() and not n.startswith(".")}
    archives = {n.removesuffix(".zip") for n in names if n.endswith(".zip")}
    if committing:
        return "a commit half done (finished by the next run)"
    if staging:
        return "a staging folder (removed by the next run)"
    if folders != archives:
        return "a version without its archive, or the reverse"
    if folders:
        return "the whole version"
    return "nothing"


def consistent(out: Path) -> list[str]:
    """What is wrong with `out` after a run that ended normally (nothing, if it is fine)."""
    problems = []
    names = sorted(p.name for p in out.iterdir())
    hidden = [n for n in names if n.startswith(".") and n != LOCK]
    if hidden:
        problems.append(f"left behind: {hidden}")
    folders = {n for n in names if (out / n).is_dir() and not n.startswith(".")}
    archives = {n.removesuffix(".zip") for n in names if n.endswith(".zip")}
    if folders != archives:
        problems.append(f"folders {sorted(folders)} but archives {sorted(archives)}")
    sums = out / "SHA256SUMS"
    if (
        archives
        and subprocess.run(
            ["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=out, capture_output=True
        ).returncode
    ):
        problems.append("SHA256SUMS does not match the archives")
    if archives and sorted(line.split("  ")[1] for line in sums.read_text().splitlines()) != sorted(
        f"{a}.zip" for a in archives
    ):
        problems.append("SHA256SUMS does not list exactly the archives")
    return problems


def same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def timed_run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def kill_at(args: list[str], moment: float) -> bool:
    """Start `args`, SIGKILL it after `moment` seconds; whether it was still running."""
    run = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(moment)
    run.send_signal(signal.SIGKILL)
    return run.wait() == -signal.SIGKILL


def builds(source: Path, work: Path, kills: int, rng: random.Random) -> tuple[list[str], float]:
    reference_out = work / "reference"
    duration = timed_run(datapkg("build", source, "--out", reference_out))
    [reference] = [p.parent for p in reference_out.glob("*/datapackage.json")]
    print(f"an undisturbed build takes {duration:.1f} s")
    left: Counter[str] = Counter()
    failures = []
    for k in range(kills):
        out = work / f"killed-{k}"
        moment = rng.uniform(0.02, 0.98) * duration
        killed = kill_at(datapkg("build", source, "--out", out), moment)
        left[left_behind(out) if killed else "(it had finished)"] += 1
        subprocess.run(datapkg("build", source, "--out", out), check=True, capture_output=True)
        problems = consistent(out)
        if not same_tree(out / reference.name, reference):
            problems.append("the next build's package differs from an undisturbed one")
        failures += [f"kill {k} at {moment:.2f} s: {p}" for p in problems]
    print(f"\n## {kills} builds killed at random moments: what each left")
    for what, n in left.most_common():
        print(f"{n:4}  {what}")
    print(f"after the next build: {kills - len({f.split(':')[0] for f in failures})} consistent")
    return failures, duration


def _version(source: Path) -> str:
    for line in (source / "catalog.yaml").read_text().splitlines():
        if line.startswith("version:"):
            return line.split(":", 1)[1].strip()
    return "?"


def releases(
    source: Path, work: Path, kills: int, rng: random.Random, build_seconds: float
) -> list[str]:
    """Release 1.1.0 after 1.0.0 while being killed; a re-run must complete it once."""
    failures = []
    left: Counter[str] = Counter()
    for k in range(kills):
        src, out = work / f"release-src-{k}", work / f"release-out-{k}"
        shutil.copytree(source, src)
        subprocess.run(datapkg("catalog", src), check=True, stdout=(src / "catalog.yaml").open("w"))
        subprocess.run(
            datapkg("release", "--bump", "patch", src, "--out", out),
            check=True,
            capture_output=True,
        )
        (src / "added.txt").write_text("A document added for the next release.\n")
        catalogue = subprocess.run(datapkg("catalog", src), check=True, capture_output=True)
        entries = catalogue.stdout.decode().split("documents:", 1)[1]
        text = (src / "catalog.yaml").read_text()
        (src / "catalog.yaml").write_text(text.split("documents:", 1)[0] + "documents:" + entries)
        args = datapkg("release", "--bump", "minor", src, "--out", out)
        # A release builds twice: the sources at the published version, then the new one.
        killed = kill_at(args, rng.uniform(0.02, 0.98) * 2 * build_seconds)
        versions = sorted(p.parent.name for p in out.glob("*/datapackage.json"))
        state = f"{len(versions)} versions out, catalogue at {_version(src)}"
        left[state if killed else "(it had finished)"] += 1
        again = subprocess.run([*args, "--json"], capture_output=True, text=True)
        if not killed and "nothing changed" not in again.stderr:
            failures.append(f"release kill {k}: a finished release was released again")
        elif killed and again.returncode != 0:
            failures.append(f"release kill {k}: re-run failed: {again.stderr[-300:]}")
            continue
        versions = sorted(p.parent.name for p in out.glob("*/datapackage.json"))
        changelog = (src / "CHANGELOG.md").read_text() if (src / "CHANGELOG.md").exists() else ""
        if len(versions) != 2 or not versions[-1].endswith(f"-{_version(src)}"):
            failures.append(f"release kill {k}: versions {versions}, catalogue {_version(src)}")
        if changelog.count("## [") != 1:
            failures.append(f"release kill {k}: {changelog.count('## [')} changelog entries")
        failures += [f"release kill {k}: {p}" for p in consistent(out)]
    print(f"\n## {kills} releases killed at random moments: state after the kill")
    for what, n in left.most_common():
        print(f"{n:4}  {what}")
    return failures


def races(source: Path, work: Path, count: int) -> list[str]:
    failures = []
    outcomes: Counter[str] = Counter()
    for k in range(count):
        out = work / f"race-{k}"
        runs = [
            subprocess.Popen(
                datapkg("build", source, "--out", out, "--json"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [(*p.communicate(), p.returncode) for p in runs]
        for _, stderr, code in results:
            if code != 0:
                failures.append(f"race {k}: exit {code}: {stderr[-300:]}")
        statuses = sorted(json.loads(s)["status"] for s, _, c in results if c == 0)
        outcomes[" + ".join(statuses)] += 1
        failures += [f"race {k}: {p}" for p in consistent(out)]
    print(f"\n## {count} pairs of builds started together on one folder")
    for what, n in outcomes.most_common():
        print(f"{n:4}  {what}")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--release-kills", type=int, default=10)
    parser.add_argument("--races", type=int, default=10)
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = WORK / "crash"
    shutil.rmtree(work, ignore_errors=True)
    source = work / "corpus"
    count, size = generate(source, args.mb)
    print(f"corpus: {count} documents, {size / 1e6:.1f} MB")
    rng = random.Random(args.seed)
    failures, seconds = builds(source, work, args.kills, rng)
    failures += releases(source, work, args.release_kills, rng, seconds)
    failures += races(source, work, args.races)
    shutil.rmtree(work, ignore_errors=True)
    print(f"\n{len(failures)} failed expectations")
    for failure in failures:
        print(f"  {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
