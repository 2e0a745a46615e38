"""Quotation marks: which ones open and which close, and the quotation spans they make
in one paragraph.

Curly marks say their direction; straight marks and "’" are judged by their neighbours
(`_mark_role`): that is where apostrophes are told from closing marks. One scan per
paragraph keeps a stack of open marks, with the positions of each kind indexed so that
a closer finds its opener without searching, and the clear closers of each family
indexed once so that doubtful marks cost nothing more.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from datapkg.models import Mark
from datapkg.segment.lexicon import _DASHES, _ELISIONS, _LETTERS_RE, _OPEN_BRACKETS
from datapkg.segment.spans import _Para, _Quote
from datapkg.segment.text import _is_word, _trimmed


@dataclass(slots=True)
class _Open:
    mark: Mark
    pos: int  # index of the opening mark


def _mark_role(text: str, i: int, lo: int, hi: int) -> str:
    """Classify the quote-like character at i: 'open', 'close', 'either', 'weak' or ''."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if c == "“":
        return "open"
    if c == "”":
        return "close"
    if c == '"':
        if (prev.isspace() or prev in _OPEN_BRACKETS or prev in _DASHES) and not nxt.isspace():
            return "open"
        if not prev.isspace() and (nxt.isspace() or not _is_word(nxt)):
            return "close"
        return "either"
    # Single marks: apostrophes first.
    if _is_word(prev) and _is_word(nxt):
        return ""
    if c == "‘":
        return "" if nxt.isdigit() else "open"
    if not _is_word(prev) and _is_word(nxt):
        # Word-initial: an elision (’em, '90s) or an opening mark.
        if nxt.isdigit():
            return ""
        m = _LETTERS_RE.match(text[i + 1 : i + 7])
        if m and m.group(0).lower() in _ELISIONS:
            return ""
        if c == "'":
            return "open" if (prev.isspace() or prev in '([{-–—"“') else ""
        return "weakopen" if prev in "-([" or prev.isspace() else ""
    if not prev.isspace() and not _is_word(nxt):
        # After "s" and before a word it may be a plural possessive ("workers’ movement").
        if prev in "sSzZ" and nxt == " " and i + 2 < hi and _is_word(text[i + 2]):
            return "weak"
        return "close"
    return ""


class _StrongClosers:
    """Where the clear closers of each single-mark family lie in a paragraph, found once.

    "Is a clear closer ahead?" is asked for every doubtful mark; answering it from this
    index keeps a paragraph full of doubtful marks linear instead of rescanning its rest.
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self._text, self._lo, self._hi = text, lo, hi
        self._found: dict[str, list[int]] = {}

    def ahead(self, i: int, family: str) -> bool:
        positions = self._found.get(family)
        if positions is None:
            text, lo, hi = self._text, self._lo, self._hi
            positions = []
            j = text.find(family, lo, hi)
            while j >= 0:
                if _mark_role(text, j, 0, hi) == "close":
                    positions.append(j)
                j = text.find(family, j + 1, hi)
            self._found[family] = positions
        return bisect_right(positions, i) < len(positions)


_MARK_RE = re.compile("[\"“”‘’']")


def _scan_paragraph(
    text: str, pi: int, p: _Para
) -> tuple[list[_Quote], Mark | None, _Quote | None]:
    """Quotations of one paragraph; also the mark left open at its end, if any."""
    quotes: list[_Quote] = []
    stack: list[_Open] = []
    # Stack positions of the open marks of each kind, innermost last: a closer finds its
    # opener without searching the stack.
    open_at: dict[Mark, list[int]] = {Mark.DOUBLE: [], Mark.SINGLE: []}
    lo, hi = p.start, p.end
    closers = _StrongClosers(text, lo, hi)

    def close(op: _Open, end_mark: int, close_after: int) -> None:
        s, e = _trimmed(text, op.pos + 1, end_mark)
        if e > s:
            quotes.append(_Quote(s, e, pi, op.mark, op.pos, close_after))

    def cut(depth: int) -> None:
        for positions in open_at.values():
            while positions and positions[-1] >= depth:
                positions.pop()
        del stack[depth:]

    for found in _MARK_RE.finditer(text, lo, hi):
        i = found.start()
        c = text[i]
        role = _mark_role(text, i, lo, hi)
        double = c in '"“”'
        mark = Mark.DOUBLE if double else Mark.SINGLE
        if role == "either":
            role = "close" if stack and stack[-1].mark is Mark.DOUBLE else "open"
        if role == "weak":
            if stack and stack[-1].mark is Mark.SINGLE:
                family = "’" if c == "’" else "'"
                role = "" if closers.ahead(i, family) else "close"
            else:
                role = ""
        if role == "weakopen":
            ahead = text.find("’", i + 1, min(hi, i + 60))
            role = "open" if ahead > 0 and _mark_role(text, ahead, lo, hi) == "close" else ""
        if role == "open" and double and stack and stack[-1].mark is Mark.DOUBLE:
            # A double opener inside an open double: the earlier one lost its closer.
            cut(len(stack) - 1)
        if role == "open":
            open_at[mark].append(len(stack))
            stack.append(_Open(mark, i))
        elif role == "close" and open_at[mark]:
            depth = open_at[mark][-1]
            op = stack[depth]
            cut(depth)
            close(op, i, i + 1)
    carried: Mark | None = None
    tail: _Quote | None = None
    if stack:
        # Still open at the paragraph end: the outermost quotation runs to the end.
        op = stack[0]
        s, e = _trimmed(text, op.pos + 1, hi)
        if e > s:
            tail = _Quote(s, e, pi, op.mark, op.pos, hi)
            quotes.append(tail)
            carried = op.mark
    return quotes, carried, tail
