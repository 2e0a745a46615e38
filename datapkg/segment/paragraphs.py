"""Where paragraphs are split, and what kind each is.

The text is cut into lines and blank-line blocks; a block is one hard-wrapped paragraph
or one paragraph per line (see the package docstring). Kinds are then marked in passes:
boilerplate, headings and separators, signatures, attributed passages and epigraphs,
and colon-introduced block quotations.
"""

from __future__ import annotations

from datapkg.models import ParagraphKind
from datapkg.segment.lexicon import (
    _ANSWER_WORDS,
    _ATTRIBUTION_RE,
    _BOILER_START_RE,
    _CAPTION_RE,
    _CLOCK_RE,
    _COUNTED_INTRO_RE,
    _CUE_RE,
    _DASHES,
    _FORM_INVITE,
    _INITIAL_RE,
    _LABEL_RE,
    _LIST_ITEM_RE,
    _MAX_HEADING_CHARS,
    _MAX_HEADING_WORDS,
    _NAME_LINE_RE,
    _NOT_NAMES,
    _ORG_WORDS,
    _READER_INSTRUCTION_RE,
    _SENTENCE_END,
    _SEPARATOR_RE,
    _STAGE_DIRECTION_RE,
    _TAG_AFTER_WORDS_RE,
    _TURN_LABEL_RE,
    _URL_RE,
    LABEL_CHARS,
    MAX_COLON_HEADING_WORDS,
    MIN_ITEM_RUN,
    MIN_WRAPPED_BLOCKS,
)
from datapkg.segment.spans import _Para
from datapkg.segment.text import (
    _continues,
    _ends_sentence,
    _heading_case,
    _lines,
    _word_count,
    _words,
)


def _is_form_line(text: str, start: int, end: int) -> bool:
    """A short line with tab-separated fields (tabs may trail the trimmed span)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    raw = text[lo : hi if hi >= 0 else len(text)]
    return "\t" in raw and end - start <= 80 and _word_count(text[start:end], 6) <= 6


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped prose: 3+ lines of prose width, most of them ending mid-sentence."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    widths = sorted(e - s for s, e in body)
    if widths[-1] > _MAX_HEADING_CHARS or widths[len(widths) // 2] < 40:
        return False
    open_ends = sum(1 for s, e in body if not _ends_sentence(text, e, s))
    return open_ends * 2 > len(body)


def _wrap_width(text: str, wrapped: list[list[tuple[int, int]]]) -> int | None:
    """The width a hard-wrapped text is wrapped at: its widest line inside a wrapped block,
    when at least `MIN_WRAPPED_BLOCKS` blocks are wrapped; None for a text that is not."""
    if len(wrapped) < MIN_WRAPPED_BLOCKS:
        return None
    return max(e - _line_start(text, s) for lines in wrapped for s, e in lines[:-1])


def _line_start(text: str, s: int) -> int:
    """Where the line holding `s` starts, its indentation included."""
    return text.rfind("\n", 0, s) + 1


# The double marks that open quoted words, curly and straight.
_DOUBLE_OPENERS = ("“", '"')


def _filled(
    text: str, start: int, end: int, nxt: int, width: int | None, opens_words: bool, left_open: bool
) -> bool:
    """Whether a line was broken only because the next line's first word would not fit in
    the text's wrap width: the same paragraph goes on ("“...,” said the⏎Collector", "“...now⏎
    Mr. Corbett, do ...”"), whatever case that word has. A line that ends a sentence goes on so
    only before quoted words (`opens_words`: "... said Tobias gently.⏎“Well--well--Josie, ...”"),
    and not when its paragraph leaves words open (`left_open`): their next paragraph opens
    with a mark."""
    if _ends_sentence(text, end, start) and (not opens_words or left_open):
        return False
    return _fills_width(text, start, end, nxt, width)


def _fills_width(text: str, start: int, end: int, nxt: int, width: int | None) -> bool:
    """Whether the next line's first word would not fit on the line that ends at `end`."""
    if width is None:
        return False
    word = len(text[nxt : nxt + width].split(maxsplit=1)[0])
    return end - _line_start(text, start) + 1 + word > width


def _split_block(
    text: str, lines: list[tuple[int, int]], wrapped: bool, width: int | None
) -> list[tuple[int, int]]:
    """Paragraph spans of one block: the whole block when it is `wrapped`, else one
    paragraph per line, where a full line of a text wrapped at `width` goes on to the next.
    The quotation marks of the paragraph being gathered are counted line by line, so that
    asking whether it leaves words open costs nothing however many lines it has."""
    if wrapped:
        return [(lines[0][0], lines[-1][1])]
    spans: list[tuple[int, int]] = []
    cur_start, cur_end = lines[0]
    marks = _mark_counts(text, cur_start, cur_end)
    line_start = cur_start
    cur_form = _is_form_line(text, cur_start, cur_end)
    for s, e in lines[1:]:
        form = _is_form_line(text, s, e)
        left_open = _open_by_counts(marks)
        opens_words = text[s : s + 1] in _DOUBLE_OPENERS
        full = _filled(text, line_start, cur_end, s, width, opens_words, left_open) or (
            # In a wrapped text, lines that leave quoted words open go on with a line that
            # opens none ("“... I miss her, Mr. Corder!⏎Can you not see it?”"): words quoted
            # over paragraphs open each one with a mark.
            width is not None and left_open and not opens_words
        )
        line_start = s
        line_marks = _mark_counts(text, s, e)
        if (form and cur_form) or full or _continues(text, cur_end, cur_start, s):
            cur_end = e
            marks = (marks[0] + line_marks[0], marks[1] + line_marks[1], marks[2] + line_marks[2])
        else:
            spans.append((cur_start, cur_end))
            cur_start, cur_end = s, e
            marks = line_marks
        cur_form = form
    spans.append((cur_start, cur_end))
    return spans


def _find_paragraphs(text: str) -> list[_Para]:
    # The blocks between blank lines, each with the number of blank lines before it.
    blocks: list[tuple[int, list[tuple[int, int]]]] = []
    gap = 0
    block: list[tuple[int, int]] = []
    for line in _lines(text):
        if line is None:
            if block:
                blocks.append((gap, block))
                block = []
                gap = 0
            gap += 1
        else:
            block.append(line)
    if block:
        blocks.append((gap, block))
    wrapped = [_is_wrapped(text, lines) for _, lines in blocks]
    width = _wrap_width(text, [lines for (_, lines), w in zip(blocks, wrapped, strict=True) if w])
    paras: list[_Para] = []
    in_list = False  # whether the last paragraph is an item of a list after a colon
    for n_blocks, (gap, block) in enumerate(blocks):
        for k, (s, e) in enumerate(_split_block(text, block, wrapped[n_blocks], width)):
            # A stray blank line inside a sentence: one paragraph over the gap.
            if (
                k == 0
                and paras
                and gap <= 2
                and paras[-1].end - paras[-1].start >= 20
                and _continues(text, paras[-1].end, paras[-1].start, s, across_blank=True)
                and not _URL_RE.match(text, s)
                and not _URL_RE.fullmatch(text, paras[-1].start, paras[-1].end)
                and text[paras[-1].start] != ">"
                and not in_list
            ):
                paras[-1].end = e
                continue
            # An item of a list that a line ending with a colon opened ("you will be able
            # to:" / "write a report" / "read a balance sheet") is a paragraph of its own, not
            # a sentence a stray blank line broke.
            in_list = text[s].islower() and (
                in_list or (bool(paras) and text[paras[-1].end - 1] == ":")
            )
            paras.append(_Para(s, e, gap if k == 0 else 0, n_blocks))
    return paras


def _is_separator(s: str) -> bool:
    return _SEPARATOR_RE.fullmatch(s) is not None and any(c in "*-_=~#•·+" for c in s)


def _mark_counts(text: str, start: int, end: int) -> tuple[int, int, int]:
    """How many opening, closing and straight double marks text[start:end] holds."""
    return (text.count("“", start, end), text.count("”", start, end), text.count('"', start, end))


def _open_by_counts(marks: tuple[int, int, int]) -> bool:
    """Whether the marks `_mark_counts` counted open quoted words they do not close."""
    opening, closing, straight = marks
    return opening > closing or (opening == 0 and straight % 2 == 1)


def _is_heading_text(s: str, in_head: bool) -> bool:
    if len(s) > _MAX_HEADING_CHARS:
        return False
    if _TURN_LABEL_RE.match(s.lstrip("\"“‘'")):
        return False  # "Q: And the worst?", "“PENCE: Well, ...": a turn of a transcript
    s = _STAGE_DIRECTION_RE.sub("", s) or s  # "Thank you. [Applause]" is what was said
    words = _words(s)
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "“\"‘'("):
        return False
    last = s.rstrip("\"”’')]")[-1:] or s[-1]
    # A line broken off with a dash ("A porter--") is speech cut short, not a heading.
    if last in ".,;…" or last in _DASHES or "\t" in s:
        return False
    end = s.rstrip()[-1:]
    opening, closing, straight = counts = _mark_counts(s, 0, len(s))
    if (end == "”" and opening == 0) or (end == '"' and straight % 2 == 1):
        return False  # the end of words quoted in a paragraph before ("Surely you know that?”")
    marks = opening + closing + straight
    quoted = s[0] in '“"' and end in '”"' and not s.isupper()
    broken_off = s.rstrip()[:-1].endswith((" ", "\t"))  # "“Teddy      ”": a dash lost
    if quoted and (last in "?!" or "," in s or marks > 2 or broken_off):
        # A turn of a conversation ("“Why?”", "“If you please, sir, if--”", "“Go!” he
        # cried. “The train--”"), not a title in quotation marks ("“The Storm”") nor a
        # subheading in capitals that quotes someone ("“DIVISIVE, STUPID AND WRONG”").
        return False
    if (
        s[0] in '“"'
        and not s.isupper()
        and (_TAG_AFTER_WORDS_RE.search(s) or _open_by_counts(counts))
    ):
        # Words tagged after their closing mark ("“Josie, you’ve won,” she cried, “won
        # the ...”") or left open to go on in the next paragraph: a turn, too.
        return False
    if last == "!":
        return in_head
    if last == ":":
        # "Public meeting:" is a heading; "The inspector concluded:" introduces a quotation,
        # and "We have three requests:" a list.
        return len(words) <= MAX_COLON_HEADING_WORDS and _CUE_RE.search(s) is None
    if last == "?":
        return len(words) <= 8
    # A heading is mostly capitalised or short; prose fragments have many small words.
    return True


def _is_notice_line(s: str) -> bool:
    """Short unpunctuated lines typical of an event notice or contact block."""
    return len(s) <= 120 and not s.endswith(".") and _word_count(s, 18) <= 18


def _mark_boilerplate(text: str, paras: list[_Para]) -> None:
    n = len(paras)
    for p in paras:
        if p.end - p.start > 300:
            continue  # boilerplate lines are short; spare the regexes on long prose
        s = text[p.start : p.end]
        short = len(s) <= 200
        if (
            (short and _BOILER_START_RE.match(s))
            or (_URL_RE.fullmatch(s))
            or _is_form_line(text, p.start, p.end)
            or (short and _FORM_INVITE.found_in(s))
        ):
            p.kind = ParagraphKind.BOILERPLATE
    # Event notices: a line with a clock time among short unpunctuated lines, back to
    # a "Public meeting:"-style header (or one title line) and on to the notice's end.
    i = 0
    while i < n:
        s = text[paras[i].start : paras[i].end]
        if not _is_notice_line(s) or _CLOCK_RE.search(s) is None:
            i += 1
            continue
        lo = i
        while lo > 0 and i - lo < 4 and _is_notice_line(_ptext(text, paras[lo - 1])):
            lo -= 1
            if _ptext(text, paras[lo]).endswith(":"):
                break
        else:
            lo = max(lo, i - 1)  # no header: at most one title line before the time
        hi = i + 1
        while hi < n and _is_notice_line(_ptext(text, paras[hi])):
            hi += 1
        if hi - lo >= 3:
            for p in paras[lo:hi]:
                p.kind = ParagraphKind.BOILERPLATE
        i = hi


def _ptext(text: str, p: _Para) -> str:
    return text[p.start : p.end]


def _is_prose(text: str, p: _Para) -> bool:
    return p.kind is ParagraphKind.PARAGRAPH and text.count(" ", p.start, p.end) >= 7


def _mark_headings(text: str, paras: list[_Para]) -> None:
    """Headings, but not what only looks like one: a figure's or table's caption, the items of
    a list that a colon line announces, a question asked in a conversation (the paragraph
    after it is short, an answer, not the prose a heading stands over), a labelled turn of
    a conversation, and the items of a list or the lines of a stanza (see `_items_in_runs`)."""
    labels = [_label(text[p.start : min(p.end, p.start + LABEL_CHARS)]) for p in paras]
    turns = _repeated(labels)
    labelled = [label is not None for label in labels]
    in_head = True
    listing = False  # in the items of a list announced by a colon line
    for i, p in enumerate(paras):
        if p.kind is not ParagraphKind.PARAGRAPH:
            listing = False
            continue
        s = _ptext(text, p)
        if _is_separator(s):
            p.kind = ParagraphKind.SEPARATOR
        elif _CLOCK_RE.fullmatch(s.strip()) is not None:
            # A time of day alone heads the entry under it, as in a live report ("9:34
            # p.m."), even right after a colon line: it is no quoted passage's first line.
            p.kind = ParagraphKind.HEADING
        elif (
            _is_heading_text(s, in_head)
            and not listing
            and _CAPTION_RE.match(s) is None
            and not (s.rstrip("\"”’')]").endswith("?") and _answered(text, paras, i))
            and not _wraps_into_lower_case(s)
            and not (turns and labels[i] in turns)
            and not (labelled[i] and _beside(labelled, i))
        ):
            p.kind = ParagraphKind.HEADING
        elif s.count(" ") >= 7:
            in_head = False
        if p.kind is ParagraphKind.PARAGRAPH and s.endswith(":"):
            listing = True
        elif s[-1:] in _SENTENCE_END or s.count(" ") >= _MAX_HEADING_WORDS:
            listing = False  # the list is over: prose again
    _items_in_runs(text, paras)


def _label(s: str) -> str | None:
    m = _LABEL_RE.match(s)
    return m.group(1) if m is not None else None


def _beside(flags: list[bool], i: int) -> bool:
    """Whether the paragraph before or after the i-th has the flag: a labelled line among
    others is a form's field ("Chief Complaint: chest pain"), not a headline."""
    return (i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1])


def _repeated(labels: list[str | None]) -> set[str]:
    """Labels ("Anna:") that open more than one paragraph: the speakers of a conversation,
    whose turns are no headings however short."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for label in labels:
        if label is not None:
            (repeated if label in seen else seen).add(label)
    return repeated


def _wraps_into_lower_case(s: str) -> bool:
    """A line that goes on into a lower-case one of its block: a sentence broken over lines,
    as a verse's is ("The gate was open, and the lane⏎ran down to the sea"), not a heading.
    Across a blank line a title may go on ("Rivers and Reasons⏎⏎by Ada Quill")."""
    at = s.find("\n")
    while at >= 0:
        if s[at + 1 : at + 2].islower() and s[s.rfind("\n", 0, at) + 1 : at].strip():
            return True
        at = s.find("\n", at + 1)
    return False


def _items_in_runs(text: str, paras: list[_Para]) -> None:
    """In a run of at least `MIN_ITEM_RUN` headings, only the first may head the others. The
    others are a list's items or a stanza's lines when the run's lines follow one another in
    one block (and so is the first, written in sentence case: a stanza's first line); across
    blank lines, those not capitalised like a heading are the turns of a conversation ("So
    how was it" / "It was fine I guess" / "Just fine")."""
    for listed in (True, False):
        i, n = 0, len(paras)
        while i < n:
            j = i + 1
            while (
                paras[i].kind is ParagraphKind.HEADING
                and j < n
                and paras[j].kind is ParagraphKind.HEADING
                and (not listed or (paras[j].gap == 0 and paras[j].block == paras[i].block))
            ):
                j += 1
            if j - i >= MIN_ITEM_RUN:
                # A stanza's first line is written as its others are, a list's head as a
                # heading is ("Things You Need" over "Spade", "Compost", ...).
                first = listed and not _heading_case(_ptext(text, paras[i]))
                for p in paras[i if first else i + 1 : j]:
                    if listed or not _heading_case(_ptext(text, p)):
                        p.kind = ParagraphKind.PARAGRAPH
            i = j


def _answered(text: str, paras: list[_Para], i: int) -> bool:
    """Whether a question is followed by a short reply, as in a conversation or interview,
    rather than by prose."""
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    if nxt is None or nxt.kind is not ParagraphKind.PARAGRAPH:
        return False
    return _word_count(_ptext(text, nxt), _ANSWER_WORDS) < _ANSWER_WORDS


def _mark_signatures(text: str, paras: list[_Para]) -> None:
    """A name line after the last prose of the main text (end, wide gap, rule or heading)."""
    n = len(paras)
    for i, p in enumerate(paras):
        if i == n - 1 and _ptext(text, p).strip("-–— ").lower() == "ends":
            p.kind = ParagraphKind.SIGNATURE  # a wire-style sign-off
        if p.kind is not ParagraphKind.HEADING or i == 0:
            continue
        s = _ptext(text, p)
        if not _NAME_LINE_RE.fullmatch(s) or any(w in _NOT_NAMES for w in s.split()):
            continue
        if not _is_prose(text, paras[i - 1]):
            continue
        nxt = paras[i + 1] if i + 1 < n else None
        if (
            nxt is None
            or nxt.gap >= 2
            or nxt.kind in (ParagraphKind.SEPARATOR, ParagraphKind.BOILERPLATE)
        ):
            p.kind = ParagraphKind.SIGNATURE
    if n > 1 and paras[-1].kind is ParagraphKind.HEADING:
        paras[-1].kind = ParagraphKind.PARAGRAPH  # a heading heads something; the last line nothing


def _trailing_attribution(s: str) -> int:
    """Offset in `s` of a bare attribution ending the paragraph ("... tested. K.P.Orlov")."""
    if len(s) < 60 or s[-1] in _SENTENCE_END:
        return -1
    m = _ATTRIBUTION_RE.search(s, max(0, len(s) - 60))
    if m is None:
        return -1
    name = m.group(1)
    toks = name.split()
    if any(t in _NOT_NAMES or t in _ORG_WORDS for t in toks):
        return -1
    # Only a dash, initials ("K.P.Orlov", "J. Smith") or a quoted passage make a bare
    # name an attribution; otherwise it may be a slogan such as "Build Socialism".
    dashed = any(c in _DASHES for c in s[m.start() : m.start(1)])
    initials = _INITIAL_RE.search(name) is not None
    quoted = s[0] in "“\"‘'"
    if not (dashed or initials or quoted):
        return -1
    return m.start(1)


def _mark_attributed(text: str, paras: list[_Para]) -> None:
    seen_prose = False
    for p in paras:
        if p.kind is not ParagraphKind.PARAGRAPH:
            continue
        s = _ptext(text, p)
        off = _trailing_attribution(s)
        if off >= 0:
            p.attribution = p.start + off
            p.kind = ParagraphKind.BLOCKQUOTE if seen_prose else ParagraphKind.EPIGRAPH
        if _is_prose(text, p) and off < 0:
            seen_prose = True


def _is_intro(text: str, p: _Para) -> bool:
    """Prose that introduces a quotation: a sentence ending in ':' (not a heading, nor an
    instruction to the reader)."""
    if p.kind is not ParagraphKind.PARAGRAPH:
        return False
    s = _ptext(text, p)
    if not s.endswith(":") or not any(c.islower() for c in s):
        return False
    return _READER_INSTRUCTION_RE.search(s) is None  # not "Watch the ad below:"


def _introduces_list(text: str, intro: _Para, first: _Para, second: _Para | None) -> bool:
    """Whether a colon line announces a list rather than a quotation: it counts what follows
    ("three requests:"), or what follows is an item (numbered, bulleted, "First, ...") or the
    completion of its sentence, in lower case ("you will be able to:" / "attend meetings"),
    or two short lines without a full stop ("Write a program" / "Read a file")."""
    if _COUNTED_INTRO_RE.search(_ptext(text, intro)):
        return True
    following = _ptext(text, first)
    if following[:1].islower() or _LIST_ITEM_RE.match(following) is not None:
        return True
    return second is not None and _item_line(following) and _item_line(_ptext(text, second))


def _item_line(s: str) -> bool:
    """A short line that does not end a sentence: a list's item, as a heading would be."""
    return s[-1:] not in _SENTENCE_END and _word_count(s, _MAX_HEADING_WORDS) < _MAX_HEADING_WORDS


def _mark_blockquotes(text: str, paras: list[_Para]) -> list[list[int]]:
    """Mark colon-introduced unmarked passages; return them as runs of paragraph indexes."""
    runs: list[list[int]] = []
    n = len(paras)
    i = 0
    while i < n - 1:
        if not _is_intro(text, paras[i]):
            i += 1
            continue
        j = i + 1
        first = paras[j]
        if first.kind is not ParagraphKind.PARAGRAPH or text[first.start] in "“\"‘'":
            i = j
            continue
        second = paras[j + 1] if j + 1 < n else None
        if _introduces_list(text, paras[i], first, second):
            i = j  # "We have three requests:" / "you will be able to:": items, not words quoted
            continue
        run = [j]
        # In the line-per-paragraph convention the quoted passage is the whole block.
        if first.gap >= 1:
            k = j + 1
            while k < n and paras[k].block == first.block:
                run.append(k)
                k += 1
            # A further block after a wide gap continues the excerpts, unless it is
            # the author's own prose introducing the next passage.
            while k < n and paras[k].gap >= 2 and len(run) > 1:
                end = k + 1
                while end < n and paras[end].block == paras[k].block:
                    end += 1  # a block's paragraphs are consecutive
                blk = list(range(k, end))
                kinds_ok = all(paras[m].kind is ParagraphKind.PARAGRAPH for m in blk)
                if not kinds_ok or len(blk) < 2 or _is_intro(text, paras[blk[-1]]):
                    break
                run.extend(blk)
                k = blk[-1] + 1
        run = [m for m in run if paras[m].kind is ParagraphKind.PARAGRAPH]
        for m in run:
            paras[m].kind = ParagraphKind.BLOCKQUOTE
        if run:
            runs.append(run)
        i = run[-1] + 1 if run else j
    return runs
