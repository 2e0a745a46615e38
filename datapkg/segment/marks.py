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
from enum import Enum

from datapkg.models import Mark
from datapkg.segment.lexicon import _DASHES, _ELISIONS, _LETTERS_RE, _OPEN_BRACKETS, _UP
from datapkg.segment.spans import _Para, _Quote
from datapkg.segment.text import _is_word, _trimmed


@dataclass(slots=True)
class _Open:
    mark: Mark
    pos: int  # index of the opening mark


class Role(Enum):
    """What a quote-like character does, as far as its neighbours tell (`_mark_role`);
    the doubtful roles are settled by the scan, which knows what is open."""

    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"  # a straight double mark between two words: closes an open one, or opens
    DOUBTFUL_CLOSE = "doubtful close"  # after "s" before a word: "workers’ movement", or a closer
    DOUBTFUL_OPEN = "doubtful open"  # word-initial "’": opens only if a clear closer follows
    NONE = "none"  # an apostrophe ("don’t", "’90s", "’em"), or a mark in no position to act


def _mark_role(text: str, i: int, lo: int, hi: int) -> Role:
    """What the quote-like character at `i` does, judged by its neighbours. This is where
    apostrophes are told from closing marks."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if c == "“":
        # Right after the words' last comma or stop and before a space, a mistyped closer
        # ("“It’s unusual,“ said Noble"): it closes an open double mark, or opens.
        return Role.EITHER if prev in _END_OF_WORDS and nxt.isspace() else Role.OPEN
    if c == "”":
        return Role.CLOSE
    if c == '"':
        if (prev.isspace() or prev in _OPEN_BRACKETS or prev in _DASHES) and not nxt.isspace():
            return Role.OPEN
        if not prev.isspace() and (nxt.isspace() or not _is_word(nxt)):
            return Role.CLOSE
        return Role.EITHER
    # Single marks: apostrophes first.
    if _is_word(prev) and _is_word(nxt):
        return Role.NONE
    if _letter_in_a_name(text, i, lo, hi):
        return Role.NONE
    if c == "‘":
        return Role.NONE if nxt.isdigit() else Role.OPEN
    if not _is_word(prev) and _is_word(nxt):
        # Word-initial: an elision (’em, '90s) or an opening mark.
        if nxt.isdigit():
            return Role.NONE
        m = _LETTERS_RE.match(text[i + 1 : i + 7])
        if m and m.group(0).lower() in _ELISIONS:
            return Role.NONE
        if c == "'":
            return Role.OPEN if (prev.isspace() or prev in '([{-–—"“') else Role.NONE
        return Role.DOUBTFUL_OPEN if prev in "-([" or prev.isspace() else Role.NONE
    if not prev.isspace() and not _is_word(nxt):
        # After "s" and before a word it may be a plural possessive ("workers’ movement").
        if prev in "sSzZ" and nxt == " " and i + 2 < hi and _is_word(text[i + 2]):
            return Role.DOUBTFUL_CLOSE
        return Role.CLOSE
    return Role.NONE


def _letter_in_a_name(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether the single mark at `i` sets off a letter or two inside a capitalised name
    ("Toys 'R' Us", "Guns N' Roses" aside): one of a pair around it, between capitalised
    words."""
    for start in (i, i - 2, i - 3):  # the opening mark, or the closing one after 1-2 letters
        if start - 2 < lo or text[start] not in "'’‘":
            continue
        m = _LETTER_IN_NAME_RE.match(text, start, min(hi, start + 6))
        if m is not None and (start == i or m.end() - 2 == i) and text[start - 1] == " ":
            before = text[max(lo, start - 30) : start - 1].split()
            if before and before[-1][:1].isupper():
                return True
    return False


class _ParagraphMarks:
    """Where the marks of one paragraph lie, each kind found once, on first need.

    "Is a clear closer ahead?" is asked for every doubtful mark, and "do closers follow for
    both?" for every double opener inside an open double: answering them from this index
    keeps a paragraph full of such marks linear instead of rescanning its rest.
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self._text, self._lo, self._hi = text, lo, hi
        self._closers: dict[str, list[int]] = {}  # single-mark family -> its clear closers
        self._marks: dict[str, list[int]] = {}  # mark -> every copy of it

    def ahead(self, i: int, family: str) -> bool:
        """Whether a clear closer of the single-mark `family` follows `i`."""
        positions = self._closers.get(family)
        if positions is None:
            positions = [
                j
                for j in self._positions(family)
                if _mark_role(self._text, j, 0, self._hi) is Role.CLOSE
            ]
            self._closers[family] = positions
        return bisect_right(positions, i) < len(positions)

    def nests(self, i: int) -> bool:
        """Whether an opening “ at `i`, inside an open one, nests: more ” than “ follow it,
        by two at least ("“... “hell” ...”"), so that both find their closer; "“... “A” and
        “B”" does not."""
        opens, closes = self._positions("“"), self._positions("”")
        return (len(closes) - bisect_right(closes, i)) - (len(opens) - bisect_right(opens, i)) >= 2

    def _positions(self, mark: str) -> list[int]:
        positions = self._marks.get(mark)
        if positions is None:
            text, hi = self._text, self._hi
            positions = []
            j = text.find(mark, self._lo, hi)
            while j >= 0:
                positions.append(j)
                j = text.find(mark, j + 1, hi)
            self._marks[mark] = positions
        return positions


_MARK_RE = re.compile("[\"“”‘’']")
# The punctuation that ends quoted words, right before their closing mark.
_END_OF_WORDS = ",.!?;…"
# A letter or two in single marks before a capitalised word: "'R' Us".
_LETTER_IN_NAME_RE = re.compile(r"['’‘][^\W\d_]{1,2}['’] (?=[" + _UP + "])")
# How far a word-initial "’" looks for the clear closer that makes it an opener.
_DOUBTFUL_OPEN_REACH = 60


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
    marks = _ParagraphMarks(text, lo, hi)

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
        if role is Role.EITHER:
            role = Role.CLOSE if stack and stack[-1].mark is Mark.DOUBLE else Role.OPEN
        elif role is Role.DOUBTFUL_CLOSE:
            family = "’" if c == "’" else "'"
            single_open = bool(stack) and stack[-1].mark is Mark.SINGLE
            # A plural possessive unless it can close an open single and no clear closer
            # of its family comes later in the paragraph.
            closes = single_open and not marks.ahead(i, family)
            role = Role.CLOSE if closes else Role.NONE
        elif role is Role.DOUBTFUL_OPEN:
            ahead = text.find("’", i + 1, min(hi, i + _DOUBTFUL_OPEN_REACH))
            clear = ahead > 0 and _mark_role(text, ahead, lo, hi) is Role.CLOSE
            role = Role.OPEN if clear else Role.NONE
        inside_double = bool(stack) and stack[-1].mark is Mark.DOUBLE
        if role is Role.OPEN and double and inside_double and not (c == "“" and marks.nests(i)):
            # A double opener inside an open double: the earlier one lost its closer, unless
            # curly marks close both ("“I’d rather stay in what she calls “the swamp” than ...”").
            cut(len(stack) - 1)
        if role is Role.OPEN:
            open_at[mark].append(len(stack))
            stack.append(_Open(mark, i))
        elif role is Role.CLOSE and open_at[mark]:
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
