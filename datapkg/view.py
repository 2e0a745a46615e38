"""The package's page, `view.html`: every document with its paragraphs, quotations and
speakers, in one self-contained HTML file that opens from the disk (no server, no network).

Everything on the page is read from the package's own resources through `reader` (paths
checked, no link, no URL, sizes and hashes as the descriptor states them): the Parquet
twins, or the CSV files where a package has none. So what a reader sees is what a
consumer loads.

The text and its marks are HTML elements written here, so the page reads without
JavaScript: each paragraph (its kind labelled), each quotation a `<mark>` by kind (nested
quotations nested marks; the pieces of a quotation that runs over several paragraphs
share `data-group` and link to each other), each speaker and cue where the text names
them, with what they are in a `title`. A small inline script adds search and filters.
Offsets are code points: the text is sliced as a Python `str`, so astral characters and
combining marks line up. Every value from the package is escaped (a document's text, its
title, a speaker are data, never markup), and the page's Content-Security-Policy allows
only its own inline style and script, by hash: nothing is fetched, nothing injected runs.

Deterministic, like every file of the package: the same package gives the same bytes.
Memory stays bounded: documents are read a batch at a time and rendered one at a time,
and a page holds documents, in the package's order, only while they fit in
`MAX_DOCUMENTS` documents and `MAX_CHARACTERS` characters of text. A larger package gets
a page of the first documents that fit, which says how many are left out; its figures
are always over the whole package.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import pyarrow as pa
from markupsafe import Markup, escape

from datapkg import paths, reader
from datapkg.errors import InvalidPackageError
from datapkg.figures import FigureCounts
from datapkg.layout import DESCRIPTOR, VIEW, resource_name, resource_paths
from datapkg.schemas import RESOURCES, table_schema

#: The page's name in a package folder.
TEMPLATE = Path(__file__).with_name("templates") / "view.html"

#: A page holds at most this many documents ...
MAX_DOCUMENTS = 1_000
#: ... and this many characters (code points) of their text: a page a browser opens in
#: seconds. Documents past either limit are left out, and the page says how many.
MAX_CHARACTERS = 3_000_000

_SPEAKERS_LISTED_DOCUMENTS = 12  # documents linked per speaker; the rest are counted
# Elements nest in this order when two spans start at the same place; a span of a lower
# rank is never cut by one of a higher rank (a quotation is never cut by a speaker).
_PARAGRAPH, _QUOTATION, _NAME = 0, 1, 2
_BLOCK_TAG = {"blockquote": "blockquote"}


@dataclass(frozen=True)
class ViewResult:
    """What `write_view` wrote: the page, and how many of the documents it shows."""

    path: Path
    documents: int
    shown: int
    bytes: int


@dataclass
class _Speaker:
    quotations: int = 0
    first: str = ""  # the id of the first quotation, which the speaker table links to
    documents: Counter[str] = field(default_factory=Counter)


@dataclass
class _Survey:
    """What the page says before its texts: read from the whole package, text left aside."""

    documents: int = 0
    paragraphs: int = 0
    quotations: int = 0
    shown: dict[str, dict[str, Any]] = field(default_factory=dict)  # document id -> summary
    characters: int = 0  # of the documents shown
    speakers: dict[str | None, _Speaker] = field(default_factory=dict)
    # The dataset card's figures, counted the same way, drawn as charts.
    figures: FigureCounts = field(default_factory=FigureCounts)


def write_view(
    package_dir: Path, out: Path | None = None, *, sample: int | None = None
) -> ViewResult:
    """Write the package's page to `out` (`view.html` in the package folder by default).

    `sample` shows at most that many documents (within `MAX_DOCUMENTS` and
    `MAX_CHARACTERS` whatever it says). Raises `InvalidPackageError` when the package
    cannot be read as its descriptor describes it. The file is written beside `out` and
    renamed into place: a reader never sees half a page.
    """
    if sample is not None and sample < 1:
        raise ValueError(f"sample must be at least 1, not {sample}")
    descriptor = reader.load_descriptor(package_dir)
    resources = _resources(package_dir, descriptor)
    limit = min(MAX_DOCUMENTS, sample) if sample is not None else MAX_DOCUMENTS
    survey = _survey(package_dir, resources, limit)
    target = out if out is not None else package_dir / VIEW
    context = _context(descriptor, survey, limit, sample)
    with paths.replaced(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        for chunk in _template().generate(
            **context, texts=_documents(package_dir, resources, survey)
        ):
            f.write(chunk)
    return ViewResult(target, survey.documents, len(survey.shown), target.stat().st_size)


# --- reading the package -------------------------------------------------------------


def _resources(package_dir: Path, descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each table's resource to read, Parquet first, checked against its descriptor."""
    usable, refused = reader.readable_resources(package_dir, descriptor)
    if refused:  # never shown from the other format: the package is not what it says
        raise InvalidPackageError(
            f"{package_dir}/{refused[0].file}: {refused[0].message}; "
            f"run `datapkg validate {package_dir}`"
        )
    chosen: dict[str, dict[str, Any]] = {}
    for table in RESOURCES:
        candidates = [
            usable[resource_name(table, fmt)]
            for fmt in ("parquet", "csv")
            if usable.get(resource_name(table, fmt), {}).get("format") == fmt
        ]
        if not candidates:
            raise InvalidPackageError(
                f"{package_dir / DESCRIPTOR}: lists no {table!r} table in Parquet or CSV; "
                f"run `datapkg validate {package_dir}`"
            )
        resource = candidates[0]
        problems = reader.fingerprint_problems(package_dir, resource)
        if problems:
            _, file, message = problems[0]
            raise InvalidPackageError(
                f"{package_dir / file}: {message}; what the page would show "
                f"is not what the descriptor describes: run `datapkg validate {package_dir}`"
            )
        chosen[table] = resource
    return chosen


def _rows(
    package_dir: Path, resource: dict[str, Any], columns: list[str]
) -> Iterator[dict[str, Any]]:
    """A resource's rows, a batch at a time, with only `columns`."""
    where = package_dir / resource_paths(resource)[0]
    try:
        _, batches = reader.open_batches(package_dir, resource, columns)
        for batch in batches:
            yield from batch.to_pylist()
    except (pa.ArrowException, OSError, KeyError, ValueError) as e:
        raise InvalidPackageError(
            f"{where}: cannot be read ({e}); run `datapkg validate {package_dir}`"
        ) from None


def _survey(package_dir: Path, resources: dict[str, dict[str, Any]], limit: int) -> _Survey:
    """Counts, the documents the page shows, its speakers and the figures; no text read."""
    survey = _Survey()
    columns = ["document_id", "title", "char_count", "paragraph_count", "quotation_count"]
    for row in _rows(package_dir, resources["documents"], columns):
        survey.documents += 1
        if (
            len(survey.shown) < limit
            and survey.characters + row["char_count"] <= MAX_CHARACTERS
            and row["document_id"] not in survey.shown
        ):
            survey.shown[row["document_id"]] = {
                "id": row["document_id"],
                "title": row["title"] or row["document_id"],
                "paragraphs": row["paragraph_count"],
                "quotations": 0,
                "speakers": set(),
                "characters": row["char_count"],
            }
            survey.characters += row["char_count"]
        survey.figures.add_document(row["document_id"], row["quotation_count"])
    for row in _rows(package_dir, resources["paragraphs"], ["char_start", "char_end"]):
        survey.paragraphs += 1
        survey.figures.add_paragraph(row["char_start"], row["char_end"])
    columns = ["document_id", "quotation_id", "group_id", "kind", "speaker"]
    for row in _rows(package_dir, resources["quotations"], columns):
        survey.quotations += 1
        survey.figures.add_quotation(row["kind"])
        shown = survey.shown.get(row["document_id"])
        if shown is None or row["quotation_id"] != row["group_id"]:
            continue  # a later piece of a quotation counts with its first
        shown["quotations"] += 1
        speaker = survey.speakers.setdefault(row["speaker"], _Speaker(first=row["quotation_id"]))
        speaker.quotations += 1
        speaker.documents[row["document_id"]] += 1
        if row["speaker"] is not None:
            shown["speakers"].add(row["speaker"])
    return survey


_DOCUMENT_COLUMNS = ["document_id", "author", "publisher", "published", "language", "text"]
_PARAGRAPH_COLUMNS = ["paragraph_id", "document_id", "kind", "char_start", "char_end"]
_QUOTATION_COLUMNS = [
    "quotation_id",
    "document_id",
    "kind",
    "char_start",
    "char_end",
    "speaker",
    "cue",
    "parent_quotation_id",
    "group_id",
    "piece",
    "speaker_char_start",
    "speaker_char_end",
    "cue_char_start",
    "cue_char_end",
]


class _Grouped:
    """A resource's rows, one document's at a time, in the order of the documents."""

    def __init__(self, rows: Iterator[dict[str, Any]], where: Path) -> None:
        self._groups = itertools.groupby(rows, key=lambda row: row["document_id"])
        self._where = where
        self._next: tuple[str, list[dict[str, Any]]] | None = None

    def take(self, document_id: str, expected: int) -> list[dict[str, Any]]:
        if self._next is None:
            found = next(self._groups, None)
            self._next = (found[0], list(found[1])) if found is not None else None
        if self._next is not None and self._next[0] == document_id:
            rows, self._next = self._next[1], None
        else:
            rows = []
        if len(rows) != expected:
            raise InvalidPackageError(
                f"{self._where}: {len(rows)} rows of document {document_id!r} where the "
                f"documents resource counts {expected}; rows must come grouped by document, "
                "in the order of the documents, as `datapkg build` writes them: rebuild the package"
            )
        return rows


def _documents(
    package_dir: Path, resources: dict[str, dict[str, Any]], survey: _Survey
) -> Iterator[dict[str, Any]]:
    """The documents the page shows, each rendered as it is read; reading stops after the
    last one shown."""
    left = len(survey.shown)
    if not left:
        return
    paragraphs = _Grouped(
        _rows(package_dir, resources["paragraphs"], _PARAGRAPH_COLUMNS),
        package_dir / resource_paths(resources["paragraphs"])[0],
    )
    quotations = _Grouped(
        _rows(package_dir, resources["quotations"], _QUOTATION_COLUMNS),
        package_dir / resource_paths(resources["quotations"])[0],
    )
    columns = [*_DOCUMENT_COLUMNS, "paragraph_count", "quotation_count"]
    for document in _rows(package_dir, resources["documents"], columns):
        document_id = document["document_id"]
        its_paragraphs = paragraphs.take(document_id, document["paragraph_count"])
        its_quotations = quotations.take(document_id, document["quotation_count"])
        summary = survey.shown.get(document_id)
        if summary is None:
            continue
        yield {
            **summary,
            "speakers": len(summary["speakers"]),
            "anchor": _anchor("d", document_id),
            "author": document["author"],
            "publisher": document["publisher"],
            "language": document["language"],
            "published": document["published"].isoformat() if document["published"] else None,
            "body": _render_text(document_id, document["text"], its_paragraphs, its_quotations),
        }
        left -= 1
        if not left:
            return


# --- the text, with its paragraphs, quotations, speakers and cues as elements ---------


@dataclass(frozen=True)
class _Span:
    """An element over `text[start:end]`: its tag and attributes, markup that opens and
    closes inside it around the text, and markup that follows its last fragment."""

    start: int
    end: int
    rank: int
    tag: str
    attributes: tuple[tuple[str, str], ...]
    head: str = ""  # inside, before the text (a paragraph's label and its text's element)
    tail: str = ""  # inside, after the text (that element's end)
    after: str = ""  # after the last fragment (the link to a quotation's next piece)


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs)


def _text(text: str) -> str:
    # A carriage return would become a line feed when the page is parsed; as a character
    # reference it stays what it is (datapkg's own packages have none).
    return str(escape(text)).replace("\r", "&#13;")


def _nest(text: str, spans: list[_Span]) -> str:
    """`text` with each span as an element around its part of the text.

    Spans that overlap without nesting are cut into fragments so that the elements nest:
    of two, the one of the higher rank is cut (a speaker's name, never a quotation), or
    the later one for equal ranks. Each fragment carries its span's attributes, only the
    first its id; the text stays exactly `text`, so each span's text is its slice."""
    order = itertools.count()
    # (start, rank, -end, tie, end, span): outer before inner where two start together
    queue = [(s.start, s.rank, -s.end, next(order), s.end, s) for s in spans if s.end > s.start]
    heapq.heapify(queue)
    parts: list[str] = []
    stack: list[tuple[int, _Span]] = []  # open fragments: (where it ends, its span)
    position = 0

    def text_to(offset: int) -> None:
        nonlocal position
        if offset > position:
            parts.append(_text(text[position:offset]))
            position = offset

    def close(end: int, span: _Span) -> None:
        parts.append(f"{span.tail}</{span.tag}>" + (span.after if end == span.end else ""))

    while queue or stack:
        if stack and (not queue or stack[-1][0] <= queue[0][0]):
            end, span = stack.pop()
            text_to(end)
            close(end, span)
            continue
        start, _, _, _, end, span = heapq.heappop(queue)
        text_to(start)
        while stack and end > stack[-1][0] and stack[-1][1].rank > span.rank:
            # A lesser element open here ends inside this one: close it, and open the rest
            # of it again inside this one.
            outer_end, outer = stack.pop()
            close(-1, outer)
            heapq.heappush(queue, (start, outer.rank, -outer_end, next(order), outer_end, outer))
        if stack and end > stack[-1][0]:  # this one ends past its parent: the rest later
            cut = stack[-1][0]
            heapq.heappush(queue, (cut, span.rank, -end, next(order), end, span))
            end = cut
        first = start == span.start
        pairs = span.attributes if first else tuple(p for p in span.attributes if p[0] != "id")
        parts.append(f"<{span.tag}{_attributes(pairs)}>{span.head}")
        stack.append((end, span))
    text_to(len(text))
    return "".join(parts)


def _anchor(prefix: str, identifier: str) -> str:
    return f"{prefix}-{identifier}"


def _href(prefix: str, identifier: str) -> str:
    return "#" + quote(_anchor(prefix, identifier), safe="")


def _inside(text: str, start: Any, end: Any) -> bool:
    # An offset outside the text is the package's error, which `datapkg validate`
    # reports; the page leaves that span unmarked rather than mark the wrong words.
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _quotation_title(quotation: dict[str, Any], pieces: int) -> str:
    parts = [f"{quotation['kind']} quotation"]
    parts.append(
        f"speaker: {quotation['speaker']}"
        if quotation["speaker"] is not None
        else "no speaker named"
    )
    if quotation["cue"] is not None:
        parts.append(f"cue: {quotation['cue']}")
    if pieces > 1:
        parts.append(f"part {quotation['piece'] + 1} of {pieces}, over {pieces} paragraphs")
    if quotation["parent_quotation_id"] is not None:
        parts.append("inside another quotation")
    return "; ".join(parts)


def _render_text(
    document_id: str,
    text: str,
    paragraphs: list[dict[str, Any]],
    quotations: list[dict[str, Any]],
) -> Markup:
    """The document's text as HTML: paragraphs, quotations, speakers and cues as elements."""
    spans: list[_Span] = []
    for paragraph in paragraphs:
        start, end, kind = paragraph["char_start"], paragraph["char_end"], paragraph["kind"]
        if not _inside(text, start, end):
            continue
        label = "" if kind == "paragraph" else f'<span class="pk">{escape(kind)}</span>'
        tag = _BLOCK_TAG.get(kind, "div")
        heading = (("role", "heading"), ("aria-level", "4")) if kind == "heading" else ()
        inner = (("class", "pt"), *heading, ("data-s", str(start)), ("data-e", str(end)))
        spans.append(
            _Span(
                start,
                end,
                _PARAGRAPH,
                "div",
                (
                    ("class", f"para k-{kind}"),
                    ("id", _anchor("p", paragraph["paragraph_id"])),
                    ("data-kind", kind),
                ),
                head=f"{label}<{tag}{_attributes(inner)}>",
                tail=f"</{tag}>",
            )
        )
    groups: dict[str, list[str]] = {}
    for quotation in sorted(quotations, key=lambda q: (q["group_id"], q["piece"])):
        groups.setdefault(quotation["group_id"], []).append(quotation["quotation_id"])
    names: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for quotation in quotations:
        start, end = quotation["char_start"], quotation["char_end"]
        for role in ("speaker", "cue"):
            where = (quotation[f"{role}_char_start"], quotation[f"{role}_char_end"])
            if _inside(text, *where):
                names.setdefault((role, *where), []).append(quotation)
        if not _inside(text, start, end):
            continue
        pieces = groups[quotation["group_id"]]
        attributes = [
            ("class", f"q q-{quotation['kind']}"),
            ("id", _anchor("q", quotation["quotation_id"])),
            ("data-q", quotation["quotation_id"]),
            ("data-kind", quotation["kind"]),
            ("data-group", quotation["group_id"]),
            ("data-doc", document_id),
        ]
        if quotation["speaker"] is not None:
            attributes.append(("data-speaker", quotation["speaker"]))
        attributes += [
            ("data-s", str(start)),
            ("data-e", str(end)),
            ("title", _quotation_title(quotation, len(pieces))),
        ]
        after = ""
        at = pieces.index(quotation["quotation_id"])
        if at + 1 < len(pieces):  # no text of its own: the arrow is drawn by the style sheet
            link = (
                ("class", "cont"),
                ("href", _href("q", pieces[at + 1])),
                ("aria-label", "continued in the next paragraph"),
                ("title", "continued in the next paragraph"),
            )
            after = f"<a{_attributes(link)}></a>"
        spans.append(_Span(start, end, _QUOTATION, "mark", tuple(attributes), after=after))
    for (role, start, end), quoted in sorted(names.items(), key=lambda kv: kv[0][1:]):
        said = sorted({str(q[role]) for q in quoted if q[role] is not None})
        count = len({q["group_id"] for q in quoted})
        title = f"{role}: {' / '.join(said)} (of {count} quotation{'s' if count != 1 else ''})"
        name_attributes = (
            ("class", "spk" if role == "speaker" else "cue"),
            ("data-for", " ".join(q["quotation_id"] for q in quoted)),
            ("data-s", str(start)),
            ("data-e", str(end)),
            ("title", title),
        )
        spans.append(_Span(start, end, _NAME, "span", name_attributes))
    return Markup(_nest(text, spans))


# --- the page around the texts ---------------------------------------------------------


def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        autoescape=True,  # every value from the package is text, never markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["csp_hash"] = _csp_hash
    return environment.from_string(TEMPLATE.read_text(encoding="utf-8"))


def _csp_hash(source: str) -> Markup:
    """The Content-Security-Policy source that allows exactly this inline style or script."""
    digest = hashlib.sha256(str(source).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")


def _bars(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    top = max((n for _, n in rows), default=0) or 1
    return [{"label": label, "n": n, "width": f"{100 * n / top:.1f}"} for label, n in rows]


def _figures(survey: _Survey) -> list[dict[str, Any]]:
    """The dataset card's three figures, over the whole package, as bar charts."""
    ids = ("fig-documents", "fig-lengths", "fig-kinds")
    return [
        {"id": id_, "title": title, "bars": _bars(bars)}
        for id_, (title, bars) in zip(ids, survey.figures.figures(), strict=True)
    ]


def _speakers(survey: _Survey) -> list[dict[str, Any]]:
    """The speaker table: quotations per speaker in the documents shown, most first."""
    rows = []
    ranked = sorted(survey.speakers.items(), key=lambda kv: (-kv[1].quotations, kv[0] or ""))
    for name, speaker in ranked:
        documents = [
            {
                "title": survey.shown[d]["title"],
                "href": _href("d", d),
                "quotations": n,
            }
            for d, n in sorted(speaker.documents.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        rows.append(
            {
                "name": name,
                "quotations": speaker.quotations,
                "href": _href("q", speaker.first),
                "documents": documents[:_SPEAKERS_LISTED_DOCUMENTS],
                "more": max(0, len(documents) - _SPEAKERS_LISTED_DOCUMENTS),
            }
        )
    return rows


def _notice(survey: _Survey, limit: int, sample: int | None) -> str | None:
    shown = len(survey.shown)
    if shown == survey.documents:
        return None
    if sample is not None and sample <= MAX_DOCUMENTS:
        which = f"the first {limit:,} that fit in a page of {MAX_CHARACTERS:,} characters, as asked"
    else:
        which = (
            f"the first that fit in a page of {MAX_DOCUMENTS:,} documents and "
            f"{MAX_CHARACTERS:,} characters of text"
        )
    return (
        f"This page shows {shown:,} of the package's {survey.documents:,} documents: {which}. "
        "The figures count every document; the package's data files hold them all."
    )


def _kinds(resource: str) -> list[str]:
    """The kinds a resource's Table Schema allows, in its order."""
    kind = next(f for f in table_schema(resource)["fields"] if f["name"] == "kind")
    return list(kind["constraints"]["enum"])


def _context(
    descriptor: dict[str, Any], survey: _Survey, limit: int, sample: int | None
) -> dict[str, Any]:
    shown = [
        {**summary, "href": _href("d", summary["id"]), "speakers": len(summary["speakers"])}
        for summary in survey.shown.values()
    ]
    return {
        "title": descriptor.get("title") or descriptor.get("name") or "Data package",
        "name": descriptor.get("name") or "",
        "version": descriptor.get("version") or "",
        "description": str(descriptor.get("description") or "").strip(),
        "documents": survey.documents,
        "paragraphs": survey.paragraphs,
        "quotations": survey.quotations,
        "notice": _notice(survey, limit, sample),
        "shown": shown,
        "speakers": _speakers(survey),
        "speaker_names": sorted(name for name in survey.speakers if name is not None),
        "kinds": _kinds("quotations"),
        "paragraph_kinds": [k for k in _kinds("paragraphs") if k != "paragraph"],
        "figures": _figures(survey),
    }
