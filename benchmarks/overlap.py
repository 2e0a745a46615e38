"""Runs of words the project's own files share with annotated development sets.

    python benchmarks/overlap.py --devset PATH [--devset PATH ...] [--words 7]

The development sets (see devsets.py) are read where they lie and must never be copied into
the project, not even a sentence of one as a test's example: tests, comments and the
changelog use sentences written for them. This lists every run of --words words (lower case,
letters and digits only) that a file git tracks (source, tests, language data, documents;
not the seeds and not the published packages, which are the corpus itself) shares with a
development set, with the file, the line and the document it also stands in. Expect none:
a run of seven words two texts share is almost never chance. Exits 1 when it finds any.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import devsets

ROOT = Path(__file__).resolve().parent.parent
# What git tracks that is the project's own writing, not its data.
OWN_SUFFIXES = (".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".cfg", ".json")
NOT_OWN = ("seeds/", "dist/")
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text.lower().replace("’", "'")))


def shared_runs(paths: list[Path], n: int) -> list[tuple[str, int, str, str]]:
    """(file, line, development document, the run's first words) for each run of `n` words
    a tracked file shares with the development sets at `paths`; overlapping runs of one file
    are reported once."""
    seen: dict[int, str] = {}  # hash of an n-word run -> the first document holding it
    for path in paths:
        for doc in devsets.load(path).documents:
            words = [m.group(0) for m in _words(doc.text)]
            for i in range(len(words) - n + 1):
                seen.setdefault(hash(tuple(words[i : i + n])), doc.name)
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in listed:
        path = ROOT / name
        if not name.endswith(OWN_SUFFIXES) or name.startswith(NOT_OWN) or path.is_symlink():
            continue  # a link may lead out of the checkout: only its own files are read
        if not path.resolve().is_relative_to(ROOT.resolve()) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        words = _words(text)
        last = -n
        for i in range(len(words) - n + 1):
            doc = seen.get(hash(tuple(m.group(0) for m in words[i : i + n])))
            if doc is not None and i >= last + n:
                at = words[i].start()
                line = text.count("\n", 0, at) + 1
                found.append((name, line, doc, " ".join(m.group(0) for m in words[i : i + n])))
                last = i
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, action="append", required=True)
    parser.add_argument("--words", type=int, default=7)
    args = parser.parse_args()
    found = shared_runs(args.devset, args.words)
    for name, line, doc, run in found:
        print(f"{name}:{line}: shares “{run}” with {doc}")
    print(f"{len(found)} shared runs of {args.words} words")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
