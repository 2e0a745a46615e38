"""Check the sources against `schemas/`: the catalogue and every text file.

Checks never raise for bad input: they return `Issue`s located as
`file:line:col` with the rule's code and a hint, so one run lists every
problem. Rule texts and limits come from `schemas/source-text.json`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import ftfy
import ftfy.badness
import yaml
from pydantic import ValidationError

from datapkg.models import (
    DOCUMENT_ID_PATTERN,
    Catalogue,
    DocumentEntry,
    Issue,
    RawCatalogue,
    Severity,
    SourceFile,
)
from datapkg.paths import escapes
from datapkg.schemas import source_rules

# C0 controls other than tab/LF/CR, DEL, and C1 controls (often the trace of a
# mis-decoded Windows-1252 file).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C0_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ID = re.compile(DOCUMENT_ID_PATTERN)
_MAX_REPORTED_PER_RULE = 10


def issue(code: str, file: str | None, detail: str = "", **where: Any) -> Issue:
    """An Issue for rule `code`, with the message and hint of `schemas/source-text.json`."""
    rule = source_rules()["rules"][code]
    message = rule["message"] + (f": {detail}" if detail else "")
    return Issue(
        code=code,
        message=message,
        severity=Severity(rule["severity"]),
        file=file,
        hint=rule["hint"],
        **where,
    )


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """1-based line and column of code-point indexes, for text with LF, CRLF or lone-CR
    line breaks (each counts as one break, as editors count them). Built once per text."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def where(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a code-point index (see `LineIndex`)."""
    return LineIndex(text[:index]).where(index)


def too_large(relpath: str, size: int) -> Issue:
    limit = source_rules()["limits"]["max_bytes"]
    return issue("too-large", relpath, f"{size:,} bytes > {limit:,}")


@dataclass(frozen=True)
class Mojibake:
    """The first stretch of a text that reads as mojibake, and what it reads as repaired."""

    start: int
    before: str
    after: str | None  # None: ftfy cannot repair it safely


_EXCERPT = 30  # characters shown on each side of the first mojibake
# What mojibake leaves when a repair only undid part of it: "Ã" or "Â" before a character
# that Windows-1252 or Latin-1 gives for a UTF-8 continuation byte, or "â€".
_REMNANT = re.compile(
    "[ÃÂ][\u0080-\u00c3\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013-\u2122 ]|â€"
)


# Every sequence ftfy's badness pattern matches holds a character outside ASCII, and none is
# longer than 7 characters: so it is searched for only near such characters, not along every
# character of a text (most English text is ASCII, and the search was as slow as segmenting).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_BADNESS_REACH = 8
# Typographic marks that no sequence of the pattern is made of, with ASCII alone: each of
# its longer sequences needs a letter of its own (Ã, Ø, Г, β, ...), and no string of up to
# three of these and ASCII matches (tests/test_checks.py tries them all). A run of them alone,
# as English text is full of, needs no search.
_PLAIN_MARKS = frozenset("’‘“”—–…\xa0•«»′″‐‑‒―„‚")


def _badness_matches(text: str) -> Iterator[re.Match[str]]:
    """What `ftfy.badness.BADNESS_RE.finditer(text)` finds, searched only within reach of
    the text's non-ASCII characters."""
    if text.isascii():
        return
    lo = hi = 0
    for run in _NON_ASCII_RUN.finditer(text):
        if _PLAIN_MARKS.issuperset(run.group()):
            continue
        start, end = max(0, run.start() - _BADNESS_REACH), run.end() + _BADNESS_REACH
        if start > hi:  # out of reach of the window so far: search it, start another
            yield from ftfy.badness.BADNESS_RE.finditer(text, lo, hi)
            lo = start
        hi = min(len(text), end)
    yield from ftfy.badness.BADNESS_RE.finditer(text, lo, hi)


def find_mojibake(text: str) -> Mojibake | None:
    """The first sign that UTF-8 was decoded as Windows-1252 or Latin-1 and saved again
    ("Iraqâ€™s" for "Iraq’s"), when ftfy's repair really changes the text around it."""
    for m in _badness_matches(text):
        lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - _EXCERPT)
        hi = text.find("\n", m.end())
        hi = min(hi if hi >= 0 else len(text), m.end() + _EXCERPT)
        before = text[lo:hi]
        after = ftfy.fix_encoding(before)
        if after != before:
            # A repair that leaves signs of mojibake behind (text garbled twice, with bytes
            # lost) is not offered: only one that reads clean.
            composed = unicodedata.normalize("NFC", after)  # "Ã" may be written "A" + U+0303
            clean = not ftfy.badness.is_bad(composed) and _REMNANT.search(composed) is None
            # The pattern may take in the letter before: point at the first garbled one.
            start = m.start() + next((k for k, c in enumerate(m.group()) if ord(c) > 127), 0)
            return Mojibake(start, before, after if clean else None)
    return None


def repaired(text: str) -> str | None:
    """`text` with its mojibake undone by ftfy, or None when the result still shows signs of
    it (text garbled twice, with bytes lost: only a person can repair that)."""
    fixed: str = ftfy.fix_encoding(text)
    return fixed if find_mojibake(fixed) is None else None


@dataclass(frozen=True)
class TextCheck:
    """What checking one file found."""

    issues: list[Issue]

    @property
    def usable(self) -> bool:
        """Whether the text can be segmented: no finding is an error."""
        return not any(i.severity is Severity.ERROR for i in self.issues)


def check_text(
    relpath: str,
    data: bytes,
    expected_sha256: str | None = None,
    actual_sha256: str | None = None,
) -> TextCheck:
    """Check one source file's bytes (and their sha256, as `sources` computed it, against the
    catalogue's); return every finding."""
    limits = source_rules()["limits"]
    issues: list[Issue] = []
    if expected_sha256 is not None and actual_sha256 != expected_sha256:
        issues.append(issue("sha256", relpath, f"expected {expected_sha256[:12]}…"))
    if len(data) > limits["max_bytes"]:  # callers check the size on disk before reading
        return TextCheck([*issues, too_large(relpath, len(data))])
    if b"\x00" in data[: limits["binary_sniff_bytes"]]:
        return TextCheck([*issues, issue("binary", relpath, "it holds NUL bytes")])
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as e:
        prefix = data[: e.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix, len(prefix))
        detail = f"byte 0x{data[e.start]:02x} at offset {e.start}"
        return TextCheck([*issues, issue("utf8", relpath, detail, line=line, column=col)])

    if data.startswith(codecs.BOM_UTF8):
        issues.append(issue("bom", relpath, line=1, column=1))
        raw = raw[1:]
    lines = LineIndex(raw)
    if "\r" in raw:
        issues.append(issue("line-breaks", relpath, f"{raw.count(chr(13)):,} CR characters"))
    garbled = find_mojibake(raw)
    if garbled is not None:
        line, col = lines.where(garbled.start)
        if garbled.after is not None:
            detail = f"{garbled.before!r} would read {garbled.after!r}"
        else:
            detail = f"{garbled.before!r}, garbled beyond a safe automatic repair"
        issues.append(issue("mojibake", relpath, detail, line=line, column=col))
    # C1 controls are what mojibake leaves of some characters ("â€\x9d" for "”"): once
    # the file is reported as mojibake, they are not reported again one by one.
    pattern = _C0_CONTROL if garbled is not None else _CONTROL
    controls = list(pattern.finditer(raw))
    for m in controls[:_MAX_REPORTED_PER_RULE]:
        line, col = lines.where(m.start())
        detail = f"U+{ord(m.group()):04X}"
        issues.append(issue("control-character", relpath, detail, line=line, column=col))
    if len(controls) > _MAX_REPORTED_PER_RULE:
        more = len(controls) - _MAX_REPORTED_PER_RULE
        issues.append(issue("control-character", relpath, f"and {more:,} more like it"))
    if not raw.strip():
        issues.append(issue("empty", relpath))
    return TextCheck(issues)


@dataclass
class CatalogueCheck:
    """The validated catalogue (None when it has errors) and the entries by file path."""

    catalogue: Catalogue | None
    entries: dict[str, DocumentEntry] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def check_file_names(files: list[SourceFile]) -> list[Issue]:
    """Every file's stem must be a valid, unique document id."""
    issues = [
        issue("invalid-id", f.relpath, repr(f.stem)) for f in files if not _ID.fullmatch(f.stem)
    ]
    stems = Counter(f.stem for f in files)
    issues += [
        issue("duplicate-id", f.relpath, f"{f.stem!r} is also the stem of another file")
        for f in files
        if stems[f.stem] > 1
    ]
    return issues


def locate(node: yaml.Node | None, loc: tuple[int | str, ...]) -> tuple[int, int] | None:
    """1-based (line, column) of the YAML node at a pydantic error location, as near as it goes."""
    if node is None:
        return None
    mark = node.start_mark
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node, mark = child, child.start_mark
    return mark.line + 1, mark.column + 1


def _yaml_error(path: str, error: yaml.YAMLError) -> Issue:
    mark = getattr(error, "problem_mark", None)
    where = {"line": mark.line + 1, "column": mark.column + 1} if mark else {}
    return issue("catalog-syntax", path, str(getattr(error, "problem", error)), **where)


def validate_catalogue(
    raw: RawCatalogue | yaml.YAMLError, name: str
) -> tuple[Catalogue | None, list[Issue]]:
    """Validate parsed YAML against the catalogue model; locate each error in the file."""
    if isinstance(raw, yaml.YAMLError):
        return None, [_yaml_error(name, raw)]
    try:
        return Catalogue.model_validate(raw.data), []
    except ValidationError as e:
        issues = []
        for err in e.errors():
            loc = tuple(err["loc"])
            where = locate(raw.node, loc)
            dotted = ".".join(str(p) for p in loc) or "(top level)"
            issues.append(
                issue(
                    "catalog",
                    name,
                    f"{dotted}: {err['msg']}",
                    **({"line": where[0], "column": where[1]} if where else {}),
                )
            )
        return None, issues


def _escapes(source_dir: Path, relpath: str, on_disk: set[str]) -> bool:
    p = PurePosixPath(relpath)
    if p.is_absolute() or ".." in p.parts or "\\" in relpath or "\x00" in relpath:
        return True
    if relpath in on_disk:
        return False  # found by the walk, which never leaves the folder
    return escapes(source_dir, source_dir / relpath) is not None


def check_catalogue(
    catalogue: Catalogue, name: str, source_dir: Path, files: list[SourceFile]
) -> CatalogueCheck:
    """Match catalogue entries and files one to one."""
    result = CatalogueCheck(catalogue)
    on_disk = {f.relpath for f in files}
    ids = Counter(e.id for e in catalogue.documents)
    paths = Counter(e.path for e in catalogue.documents)
    reported_ids: set[str] = set()
    for i, entry in enumerate(catalogue.documents):
        where = f"{name} (documents[{i}])"
        if _escapes(source_dir, entry.path, on_disk):
            result.issues.append(issue("path-escape", where, repr(entry.path)))
            continue
        if ids[entry.id] > 1 and entry.id not in reported_ids:
            reported_ids.add(entry.id)
            result.issues.append(issue("duplicate-id", where, repr(entry.id)))
        if paths[entry.path] > 1:
            result.issues.append(issue("duplicate-id", where, f"path {entry.path!r} listed twice"))
        if PurePosixPath(entry.path).stem != entry.id:
            detail = f"id {entry.id!r}, file {entry.path!r}"
            result.issues.append(issue("id-mismatch", where, detail))
        if entry.path not in on_disk:
            result.issues.append(issue("missing-file", where, repr(entry.path)))
        result.entries[entry.path] = entry
    result.issues += [
        issue("missing-entry", f.relpath) for f in files if f.relpath not in result.entries
    ]
    if any(i.severity is Severity.ERROR for i in result.issues):
        result.catalogue = None
    return result
