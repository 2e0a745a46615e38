"""Single-process segmentation speed, as a ratio to a bare one-pass regular-expression scan.

    python benchmarks/throughput.py [--mb 5] [--repeat 3] [--baseline REF] [--no-baseline]

The corpus is the seeds varied (see corpus.py) up to --mb megabytes, in memory. For each
segmenter measured, a child process times `datapkg.segment` over every document and, in
the same process, a bare scan that finds every quotation mark and line break with one
regular expression: the floor any segmentation must pay. Machines differ and so do runs;
the ratio of the two speeds is what compares across them.

Measured side by side in the same run: this checkout's segmenter (compiled when its
compiled modules are built, and its pure-Python modules alone) and a baseline, the
segmenter of git revision --baseline (by default the last single-module segmenter,
extracted with `git archive` into a temporary folder). The best of --repeat timings
counts for each. The last column is each ratio over the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import varied_seeds

ROOT = Path(__file__).resolve().parent.parent
# The last commit whose segmenter is the single module datapkg/segment.py.
SINGLE_MODULE = "e531aed"
_BARE = re.compile("[\"“”‘’']|\n")


def measure(mb: float, repeat: int) -> dict[str, float | bool]:
    """Run in a child: time the segmenter importable here and the bare scan, best of `repeat`."""
    from datapkg.segment import segment

    texts = list(varied_seeds(mb))
    size = sum(len(t.encode()) for t in texts) / 1e6
    seg_best = bare_best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for t in texts:
            sum(1 for _ in _BARE.finditer(t))
        bare_best = min(bare_best, time.perf_counter() - start)
        start = time.perf_counter()
        for t in texts:
            segment(t)
        seg_best = min(seg_best, time.perf_counter() - start)
    loaded = [m for n, m in sys.modules.items() if n.startswith("datapkg.segment")]
    return {
        "mb": size,
        "segment_mb_s": size / seg_best,
        "bare_mb_s": size / bare_best,
        "ratio": bare_best / seg_best,
        "compiled": any(not str(getattr(m, "__file__", "")).endswith(".py") for m in loaded),
    }


def child(tree: Path, mb: float, repeat: int, pure: bool = False) -> dict[str, float | bool]:
    """`measure` in a fresh interpreter that imports datapkg from `tree`. `pure` hides the
    compiled modules, so the pure-Python path is what runs."""
    code = (
        "import json, sys; sys.path[:0] = sys.argv[1:3];"
        + "from throughput import measure;"
        + "print(json.dumps(measure(float(sys.argv[3]), int(sys.argv[4]))))"
    )
    here = str(Path(__file__).resolve().parent)
    out = subprocess.run(
        [sys.executable, "-c", code, str(tree), here, str(mb), str(repeat)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATAPKG_PURE_PYTHON": "1" if pure else "0"},
    )
    if out.returncode != 0:
        sys.exit(f"measuring the segmenter in {tree} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", default=SINGLE_MODULE, help="git revision to compare with")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()

    rows: list[tuple[str, dict[str, float | bool]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_baseline:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.baseline, "datapkg"],
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            rows.append((f"baseline {args.baseline}", child(Path(tmp), args.mb, args.repeat)))
        now = child(ROOT, args.mb, args.repeat)
        rows.append(("this checkout" + (" (compiled)" if now["compiled"] else ""), now))
        if now["compiled"]:
            rows.append(("this checkout, pure Python", child(ROOT, args.mb, args.repeat, True)))
    base = rows[0][1]["ratio"] if not args.no_baseline else None
    print(f"corpus: seeds varied, {rows[0][1]['mb']:.1f} MB, best of {args.repeat}\n")
    print(f"{'segmenter':34} {'MB/s':>7} {'bare MB/s':>10} {'ratio':>8} {'x baseline':>11}")
    for name, r in rows:
        gain = f"{r['ratio'] / base:.2f}" if base else "-"
        speeds = f"{r['segment_mb_s']:7.2f} {r['bare_mb_s']:10.0f}"
        print(f"{name:34} {speeds} {r['ratio']:8.4f} {gain:>11}")


if __name__ == "__main__":
    main()
