"""Load hand-annotated gold files and resolve them to character offsets.

A gold file (`tests/gold/*.gold.yaml`) names its text and lists, in text
order, the paragraphs by their opening words and the quotations by their
content, so annotators never count characters. See GUIDELINES.md for what to
annotate; this module only turns the annotation into offsets and refuses
anything ambiguous or inconsistent, with the gold file and entry in the error.

    text: texts/own-01-example.txt      # relative to the gold file
    paragraphs:
      - [heading, "Council votes to close"]
      - [paragraph, "The council voted on Tuesday"]
    quotations:
      - text: "This is a sad day for the town."
        kind: direct                    # direct | scare | title
        mark: double                    # double | single | none
        speaker: Mary Jones             # or null
        cue: said                       # or null
      - text: "first words of a long one"
        to: "its last words"            # content runs from `text` through `to`
        kind: direct
        mark: none
        speaker: the Financial Times
        continues: true                 # a later piece of a multi-paragraph quotation

A paragraph runs from its opening words to the last non-space character
before the next paragraph. A quotation's content is searched for from the
start of the previous quotation on (nested ones start inside their parent),
so listing quotations in order of their start makes each one unambiguous; add
`nth: 2` to skip an earlier identical occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

GOLD_DIR = Path(__file__).resolve().parent
PARAGRAPH_KINDS = {
    "heading",
    "paragraph",
    "blockquote",
    "epigraph",
    "boilerplate",
    "separator",
    "signature",
}
QUOTATION_KINDS = {"direct", "scare", "title"}
MARKS = {"double", "single", "none"}


class GoldError(ValueError):
    """A gold file that cannot be resolved to offsets."""


@dataclass(frozen=True)
class GoldParagraph:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldQuotation:
    kind: str
    mark: str
    start: int
    end: int
    speaker: str | None
    cue: str | None
    continues: bool
    paragraph: int  # index of the gold paragraph holding it
    parent: int | None  # index of the innermost enclosing gold quotation


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    paragraphs: tuple[GoldParagraph, ...]
    quotations: tuple[GoldQuotation, ...]
    cases: frozenset[str]  # conventions the text exercises, for the breakdown


def _fail(path: Path, where: str, message: str) -> GoldError:
    return GoldError(f"{path.name}: {where}: {message}")


def _paragraphs(path: Path, text: str, entries: list[Any]) -> list[GoldParagraph]:
    starts: list[tuple[str, int]] = []
    cursor = 0
    for i, entry in enumerate(entries):
        if not (isinstance(entry, list) and len(entry) == 2):
            raise _fail(path, f"paragraphs[{i}]", "write it as [kind, opening words]")
        kind, opening = entry
        if kind not in PARAGRAPH_KINDS:
            raise _fail(path, f"paragraphs[{i}]", f"unknown kind {kind!r}")
        at = text.find(opening, cursor)
        if at < 0:
            raise _fail(path, f"paragraphs[{i}]", f"{opening!r} not found after offset {cursor}")
        if not starts and text[:at].strip():
            raise _fail(path, f"paragraphs[{i}]", "text before the first paragraph is unannotated")
        starts.append((kind, at))
        cursor = at + len(opening)
    paragraphs = []
    for i, (kind, start) in enumerate(starts):
        stop = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        end = len(text[:stop].rstrip())
        paragraphs.append(GoldParagraph(kind, start, end))
    return paragraphs


def _quotations(
    path: Path, text: str, entries: list[Any], paragraphs: list[GoldParagraph]
) -> list[GoldQuotation]:
    quotations: list[GoldQuotation] = []
    cursor = 0
    for i, entry in enumerate(entries):
        where = f"quotations[{i}] ({str(entry.get('text', ''))[:30]!r})"
        unknown = set(entry) - {"text", "to", "kind", "mark", "speaker", "cue", "continues", "nth"}
        if unknown:
            raise _fail(path, where, f"unknown keys {sorted(unknown)}")
        if entry.get("kind") not in QUOTATION_KINDS or entry.get("mark") not in MARKS:
            raise _fail(
                path, where, "needs kind (direct|scare|title) and mark (double|single|none)"
            )
        start = -1
        search_from = cursor
        for _ in range(int(entry.get("nth", 1))):
            start = text.find(entry["text"], search_from)
            search_from = start + 1
        if start < 0:
            raise _fail(path, where, f"content not found after offset {cursor}")
        end = start + len(entry["text"])
        if "to" in entry:
            tail = text.find(entry["to"], start)
            if tail < 0:
                raise _fail(path, where, f"`to` {entry['to']!r} not found after the start")
            end = tail + len(entry["to"])
        holders = [j for j, p in enumerate(paragraphs) if p.start <= start and end <= p.end]
        if not holders:
            raise _fail(
                path, where, "the content is not inside one paragraph; split it into pieces"
            )
        parents = [
            j
            for j, q in enumerate(quotations)
            if q.start <= start and end <= q.end and (q.start, q.end) != (start, end)
        ]
        quotations.append(
            GoldQuotation(
                kind=entry["kind"],
                mark=entry["mark"],
                start=start,
                end=end,
                speaker=entry.get("speaker"),
                cue=entry.get("cue"),
                continues=bool(entry.get("continues", False)),
                paragraph=holders[0],
                parent=parents[-1] if parents else None,
            )
        )
        cursor = start
    return quotations


def load(path: Path) -> GoldDocument:
    """Resolve one gold file to offsets; raise GoldError on anything it cannot place."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text_path = (path.parent / data["text"]).resolve()
    raw = text_path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = _paragraphs(path, text, data.get("paragraphs") or [])
    quotations = _quotations(path, text, data.get("quotations") or [], paragraphs)
    name = path.name.removesuffix(".gold.yaml")
    return GoldDocument(
        name, text, tuple(paragraphs), tuple(quotations), frozenset(data.get("cases") or [])
    )


def load_all(directory: Path = GOLD_DIR) -> list[GoldDocument]:
    return [load(p) for p in sorted(directory.glob("*.gold.yaml"))]
