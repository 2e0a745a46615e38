"""The benchmarks' corpus: the seed texts repeated and varied, so that no two documents
are the same (paragraphs rotated, a numbered heading added, numbers changed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_DIGITS = re.compile(r"\d+")


def varied_seeds(megabytes: float) -> Iterator[str]:
    """Varied copies of the seeds, until they add up to `megabytes` MB of UTF-8."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    limit = int(megabytes * 1_000_000)
    written = count = 0
    while written < limit:
        text = seeds[count % len(seeds)]
        joiner = "\n\n" if "\n\n" in text else "\n"
        blocks = text.split(joiner)
        shift = (count // len(seeds)) % max(len(blocks), 1)
        rotated = blocks[shift:] + blocks[:shift]
        offset = count % 7
        body = _DIGITS.sub(lambda m, k=offset: str(int(m.group()) + k), joiner.join(rotated))
        out = f"Document {count}\n\n{body}\n"
        written += len(out.encode())
        count += 1
        yield out
