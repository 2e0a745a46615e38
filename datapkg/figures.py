"""The package's three figures, counted once for the dataset card and the page: quotations
per document, paragraph lengths, quotations by kind. Counts are fed a row at a time, so a
corpus of millions of documents keeps a few counters, not a list of its documents.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass, field

#: Documents listed one by one; past this many, the figure counts documents by quotations.
PER_DOCUMENT_LISTED = 30
# Paragraph lengths, in characters: the upper bounds of the bins but the last.
_LENGTH_BINS = (50, 100, 200, 400, 800, 1600)
_LENGTH_LABELS = (
    [f"< {_LENGTH_BINS[0]}"]
    + [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(_LENGTH_BINS)]
    + [f">= {_LENGTH_BINS[-1]}"]
)

#: A figure: its caption and its bars, (label, count) in the order they are drawn.
Figure = tuple[str, list[tuple[str, int]]]


@dataclass
class FigureCounts:
    """The counts behind the three figures, gathered row by row."""

    documents: int = 0
    listed: list[tuple[str, int]] = field(default_factory=list)  # the first documents
    by_count: Counter[int] = field(default_factory=Counter)  # tens of quotations -> documents
    lengths: list[int] = field(default_factory=lambda: [0] * len(_LENGTH_LABELS))
    kinds: Counter[str] = field(default_factory=Counter)

    def add_document(self, document_id: str, quotations: int) -> None:
        self.documents += 1
        self.by_count[min(quotations // 10 * 10, 100)] += 1
        if len(self.listed) <= PER_DOCUMENT_LISTED:
            self.listed.append((document_id, quotations))

    def add_paragraph(self, char_start: int, char_end: int) -> None:
        self.lengths[bisect.bisect_right(_LENGTH_BINS, char_end - char_start - 1)] += 1

    def add_quotation(self, kind: str) -> None:
        self.kinds[kind] += 1

    def figures(self) -> list[Figure]:
        """The three figures, in the order the card and the page show them."""
        if self.documents > PER_DOCUMENT_LISTED:  # too many to list: documents by count
            bins = self.by_count
            per_document = [
                (f"{b}+" if b == 100 else f"{b}-{b + 9}", bins[b]) for b in sorted(bins)
            ]
            title = "Documents by number of quotations"
        else:
            per_document, title = self.listed, "Quotations per document"
        return [
            (title, per_document),
            (
                "Paragraph lengths, in characters",
                list(zip(_LENGTH_LABELS, self.lengths, strict=True)),
            ),
            ("Quotations by kind", sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        ]
