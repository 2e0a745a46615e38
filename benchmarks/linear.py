"""Cost against input size for hostile layouts: linear, or it shows here.

    python benchmarks/linear.py [--mb 0.5] [--factor 4] [--catalogue-entries 25000]

For each layout, the same generator makes a text of --mb megabytes and one --factor
times larger, and the segmenter runs on both in this process: the time ratio is
about --factor when the cost is linear and its square when it is quadratic. Beside
each, in the same run, a bare one-pass regular-expression scan of the same text (every
quotation mark and every line) gives the floor any segmentation must pay; the output
(characters of the records' texts) and the peak of Python memory (tracemalloc) are
shown as multiples of the input. Then `datapkg check` reads catalogues of N and
factor x N entries, in child processes, with the same ratio.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from datapkg.segment import segment

# Each layout repeats a unit until the text reaches n characters; all are one paragraph
# (or no paragraph at all) unless the layout is about lines and blocks.
LAYOUTS: dict[str, Callable[[int], str]] = {
    "quotations in one paragraph": lambda n: "word word word “q” " * (n // 19),
    "pronoun speakers": lambda n: "He said “we go now.” " * (n // 21),
    "named speakers": lambda n: "“We go,” said Ann Lee. Then she left. " * (n // 38),
    "doubtful closing marks": lambda n: "‘a workers’ x " * (n // 14),
    "openers never closed": lambda n: " ‘a" * (n // 6) + " b”" * (n // 6),
    "nested marks": lambda n: "He said " + "“‘" * (n // 4) + "x" + "’”" * (n // 4),
    "curly doubles inside doubles": lambda n: "“a “b” c” " * (n // 10),
    "titles after possessives": lambda n: "Ann’s ‘Big Red Plan’ " * (n // 21),
    "turns of dialogue": lambda n: "“Yes,” said Ann.\n\n“No.”\n\n" * (n // 24),
    "apostrophes": lambda n: "don't 'x' it's " * (n // 15),
    "one word, no space": lambda n: "x" * n,
    "a line per paragraph": lambda n: "A short line here.\n" * (n // 19),
    "blocks after an introduction": lambda n: (
        "He wrote:\n\n" + "One line here.\nAnother Line.\n\n\n" * (n // 31)
    ),
    "capitalised run": lambda n: "Ann Bob " * (n // 8) + "“q” he said.",
    "blank lines only": lambda n: "\n" * n,
    # Every sentence a new full name, and a pronoun whose gender is asked of each.
    "many names, pronoun speakers": lambda n: "".join(
        f"Ann {_surname(i)} came. “We go,” she said. " for i in range(n // 40)
    ),
    # In a hard-wrapped text, one block of short lines that all go on inside quoted words
    # left open, or full lines that each end a sentence before quoted words.
    "lines inside open quoted words": lambda n: (
        _WRAPPED + "“Ah. Yes.\n" + "No. Yes. Maybe so.\n" * (n // 19) + "”\n"
    ),
    "full lines before quoted words": lambda n: (
        _WRAPPED + "“Yes.” He said it twice and then again, slowly and sadly.\n" * (n // 58)
    ),
}


# Three blocks of prose wrapped at 58 characters: the text is hard-wrapped, at that width.
_WRAPPED = (
    "The long road ran along the river for a mile and then\n"
    "climbed through the orchards towards the house, where the\n"
    "lamps were already lit and the dogs were barking loudly.\n\n"
) * 3


def _surname(i: int) -> str:
    """A distinct name word for each number: "Kba", "Kbb", ... (letters, no digits)."""
    letters = ""
    while True:
        i, k = divmod(i, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[k]
        if i == 0:
            return "K" + letters


_FLOOR = re.compile("[\"“”‘’']|\n")


def _floor(text: str) -> float:
    started = time.perf_counter()
    sum(1 for _ in _FLOOR.finditer(text))
    return time.perf_counter() - started


def _timed(text: str) -> float:
    started = time.perf_counter()
    segment(text)
    return time.perf_counter() - started


def _output_and_peak(text: str) -> tuple[int, int]:
    """Characters of output (the records' texts) and peak Python memory in bytes, measured
    in a run of its own: tracing memory slows Python down several times."""
    tracemalloc.start()
    seg = segment(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    output = sum(p.char_end - p.char_start for p in seg.paragraphs) + sum(
        q.char_end - q.char_start for q in seg.quotations
    )
    return output, peak


def layouts(megabytes: float, factor: int) -> None:
    n = int(megabytes * 1_000_000)
    print(
        f"## segmentation, {megabytes} MB and {megabytes * factor:g} MB (ratio {factor} = linear)"
    )
    print(
        f"{'layout':30} {'small s':>8} {'large s':>8} {'ratio':>6} "
        f"{'vs floor':>9} {'out/in':>7} {'mem/in':>7}"
    )
    for name, make in LAYOUTS.items():
        small, large = make(n), make(n * factor)
        t_small, t_large = _timed(small), _timed(large)
        output, peak = _output_and_peak(large)
        floor = _floor(large)
        print(
            f"{name:30} {t_small:8.2f} {t_large:8.2f} {t_large / max(t_small, 1e-9):6.2f} "
            f"{t_large / max(floor, 1e-9):8.0f}x {output / len(large):7.2f} "
            f"{peak / len(large.encode()):7.1f}",
            flush=True,
        )


def _catalogue(folder: Path, entries: int) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Text.\n")
    lines = ["name: big", "title: Big", "version: 1.0.0", "documents:"]
    digest = "0" * 64
    for i in range(entries):
        lines.append(
            f"- id: doc{i:07d}\n  path: doc{i:07d}.txt\n  sha256: {digest}\n"
            f"  title: The title of document number {i}, long enough to be typical\n"
            f"  author: Someone Somewhere\n  publisher: A Publisher\n"
            f"  source: https://example.org/archive/{i}"
        )
    (folder / "catalog.yaml").write_text("\n".join(lines) + "\n")
    return folder


def catalogues(entries: int, factor: int) -> None:
    print(f"\n## catalogue reading, {entries:,} and {entries * factor:,} entries (ratio {factor})")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, count in enumerate((entries, entries * factor)):
            folder = _catalogue(Path(tmp) / str(k), count)
            size = (folder / "catalog.yaml").stat().st_size
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "datapkg", "check", str(folder), "--json"],
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - started)
            print(f"{count:>10,} entries {size / 1e6:7.1f} MB {times[-1]:8.2f} s", flush=True)
    print(f"ratio {times[1] / times[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=0.5)
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--catalogue-entries", type=int, default=25_000)
    args = parser.parse_args()
    layouts(args.mb, args.factor)
    catalogues(args.catalogue_entries, args.factor)


if __name__ == "__main__":
    main()
