"""Text helpers every step uses: lines, words, sentence starts, blank stretches and
trimming, all on code-point offsets into the document text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from datapkg.segment.lexicon import (
    _CONTRACTION_RE,
    _CUE_AT_LINE_END_RE,
    _HANGING_WORD_RE,
    _PARTICLE_BEFORE_RE,
    _SENTENCE_END,
    _SENTENCE_START_RE,
    _SMALL_WORDS,
    _TITLE_AT_END_RE,
    _TITLE_WORD_RE,
    _TRAILERS,
    MAX_SENTENCE_CHARS,
)


def _heading_case(s: str) -> bool:
    """Capitalised as headings and titles are: every word but small ones ("Getting Started",
    "PART II", "1"), not as a sentence is ("It was fine I guess")."""
    return all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS
        for w in _TITLE_WORD_RE.findall(s)
    )


def _particle_start(text: str, start: int) -> int:
    """Where a name found from its capital really starts: "al-Qarrad" from "Qarrad"."""
    m = _PARTICLE_BEFORE_RE.search(text, max(0, start - 4), start)
    return m.start() if m is not None else start


def _lines(text: str) -> list[tuple[int, int] | None]:
    """Trimmed (start, end) of each line, or None for a blank line."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for raw in text.split("\n"):
        n = len(raw)
        left = n - len(raw.lstrip())
        if left == n:
            out.append(None)
        else:
            out.append((pos + left, pos + len(raw.rstrip())))
        pos += n + 1
    return out


def _ends_sentence(text: str, end: int, start: int) -> bool:
    """Whether the stretch ending at `end` closes a sentence (or a clause with ':' / ';')."""
    i = end - 1
    while i > start and text[i] in _TRAILERS:
        i -= 1
    return text[i] in _SENTENCE_END or text[i] in ":;"


def _continues(
    text: str, prev_end: int, prev_start: int, nxt: int, across_blank: bool = False
) -> bool:
    """A break mid-sentence: the first part does not end a sentence, the next is lower case;
    or the first part ends with a name's abbreviated title ("said Mrs.⏎Hale") or with quoted
    words and the verb that reports them ("“...,” said⏎Mirela.")."""
    if _TITLE_AT_END_RE.search(text, max(prev_start, prev_end - 8), prev_end):
        return True
    # Only inside a block: a title may end with one ("A consultation nobody was asked about").
    hanging = not across_blank and text[nxt].isalnum()
    if hanging and _HANGING_WORD_RE.search(text, max(prev_start, prev_end - 6), prev_end):
        return True
    if text[nxt].isupper() and _CUE_AT_LINE_END_RE.search(
        text, max(prev_start, prev_end - 24), prev_end
    ):
        return True  # a name; a word in lower case ("said⏎the Heron") goes on as below
    last = text[prev_end - 1]
    if _ends_sentence(text, prev_end, prev_start) or last in _TRAILERS:
        return False
    return text[nxt].islower() and (last.isalnum() or last in ",-–—")


def _words(s: str) -> list[str]:
    """The white-space separated words of `s` (white space as `str.isspace` has it)."""
    return s.split()


def _word_count(s: str, cap: int) -> int:
    """How many words `s` has, counted no further than cap + 1: enough to compare with cap,
    without splitting a long quotation to its end."""
    return len(s.split(maxsplit=cap))


def _is_letter(c: str) -> bool:
    """A letter as regular expressions have it (`[^\\W\\d_]`): a word character that is no
    digit and no underscore."""
    return c.isalnum() and not c.isdecimal() and c != "_"


def _is_word(c: str) -> bool:
    return c.isalnum()


_VISIBLE_RE = re.compile(r"\S")


def _blank(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] is only white space, without copying it."""
    return _VISIBLE_RE.search(text, lo, hi) is None


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@lru_cache(maxsize=2)
def _sentence_breaks(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence break of the text starts and ends (the end is the next sentence's
    start), found once per document: every later look-up is a bisection.

    Cached for the document being segmented (a string caches its own hash, so a look-up
    costs an identity check); the cache holds two texts at most.
    """
    starts: list[int] = []
    ends: list[int] = []
    for m in _SENTENCE_START_RE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _sentence_start(text: str, pos: int, lo: int) -> int:
    """Start of the sentence holding `pos`, not before `lo` nor more than
    `MAX_SENTENCE_CHARS` before `pos`."""
    window_lo = max(lo, pos - MAX_SENTENCE_CHARS)
    starts, ends = _sentence_breaks(text)
    k = bisect_right(ends, pos) - 1  # the last break that ends at or before `pos`
    return ends[k] if k >= 0 and starts[k] >= window_lo else window_lo


def _sentence_end(text: str, pos: int, hi: int) -> int:
    """Where the sentence holding `pos` ends (the next sentence break), not after `hi` nor
    more than `MAX_SENTENCE_CHARS` after `pos`: a paragraph with no full stop costs each
    quotation in it a window, not the paragraph."""
    hi = min(hi, pos + MAX_SENTENCE_CHARS)
    starts, _ = _sentence_breaks(text)
    k = bisect_left(starts, pos)
    return min(starts[k], hi) if k < len(starts) else hi


def _bare(word: str) -> str:
    """A word lower-cased, without a contraction or trailing punctuation ("They’d" -> "they")."""
    return _CONTRACTION_RE.sub("", word.lower().strip(",;:.!?"))
