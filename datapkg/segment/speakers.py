"""Where speakers are attributed: each marked quotation gets the speaker its cue names, else
the source its context names (a citation, a colon introduction, a dash line), and
quotations that continue one another share one speaker (see the package docstring for the
rules).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from datapkg.models import Mark, ParagraphKind
from datapkg.segment.cues import (
    _cue,
    _cue_after,
    _cue_at_sentence_end,
    _cue_before,
    _cue_words_backwards,
    _last_cue,
    _noted,
    _passive_report,
    _subject_aside,
)
from datapkg.segment.lexicon import (
    _ANY_SENTENCE_END_RE,
    _AS_WORDS,
    _CALL_WORDS,
    _CAP_RUN_RE,
    _CITATION_RE,
    _CLOSER,
    _CLOSING_MARKS,
    _COLLECTIVE_PRONOUNS,
    _CONTRACTED_SUBJECTS,
    _COORDINATED_RE,
    _COPULA_END_RE,
    _CUE_WORDS,
    _DASH_NAME_RE,
    _DASHES,
    _DEFINITE_DETERMINERS,
    _FIRST_PERSON,
    _GENDER_OF_PRONOUN,
    _HEADLINE_SOURCE_RE,
    _HONORIFICS,
    _INNER_SENTENCE_END_RE,
    _NOT_NAMES,
    _OWNED_SAYING_AFTER_RE,
    _PASSIVE_REPORT_VERBS,
    _PEOPLE_PRONOUNS,
    _POSSESSIVE_SUBJECTS,
    _PRONOUN_SUBJECTS,
    _PRONOUNS,
    _RUN_ON_ENDS,
    _SAME_SOURCE_RE,
    _SELF_BEFORE_RE,
    _SENTENCE_END,
    _TAG_ADDRESSEE_RE,
    _TAG_ADJUNCT_RE,
    _TAG_OBJECT_RE,
    _THAT_RE,
    _VOCATIVE_RE,
    _WORDS_OF_RE,
    BEAT_CHARS,
    DESCRIBED_TRIES,
    MAX_ATTRIBUTION_GAP_CHARS,
    MAX_HEADLINE_SUBJECT_WORDS,
    MIN_DIALOGUE_CHANGES,
    NARRATOR_TURNS_AROUND,
    NARRATOR_VOTES,
    PARTNER_CHARS,
    PARTNER_TURNS,
    PROSE_SENTENCES_BACK,
    RECALL_SPEAKERS,
    WRITTEN_AFTER_CHARS,
    WRITTEN_BEFORE_CHARS,
)
from datapkg.segment.mentions import (
    _add_speaker,
    _called,
    _Ctx,
    _described_gender,
    _gender_of,
    _in_other_quote,
    _innermost_open,
    _nearest_person,
    _note_gender,
    _resolve,
    _speakers_between,
    _spouse_of,
    _tagged,
    _whole_word_at,
    _written_in_lower_case,
)
from datapkg.segment.names import (
    _clean_name,
    _earlier_subject,
    _is_honorific,
    _is_name_token,
    _is_person_run,
    _leading_np,
    _np_after,
    _personish,
    _plausible_speaker,
    _saying_owner,
    _strip_leading_function_words,
)
from datapkg.segment.spans import _Para, _Quote
from datapkg.segment.text import (
    _bare,
    _blank,
    _is_letter,
    _sentence_start,
    _word_count,
)


def _attribute(text: str, q: _Quote, paras: list[_Para], lo: int, hi: int, ctx: _Ctx) -> None:
    after = _cue_after(text, q.end, q.close_at, hi, q.open_at, lo) if q.close_at < hi else None
    # A pronoun is resolved from where it stands, which may be in the introduction.
    anchor = q.open_at
    if after is not None:
        q.speaker, q.cue, q.cued = after[0], after[1], True
        q.cue_at = _written_from(text, after[1], q.close_at, hi)  # the tag after the mark
    else:
        at_start = _blank(text, lo, q.open_at)
        prev = paras[q.para - 1] if q.para > 0 else None
        found = None
        if at_start and prev is not None and text[prev.end - 1] == ":" and q.parent is None:
            found = _cue(text, prev.start, prev.end, True, ctx)
        elif not at_start:
            short = _word_count(text[q.start : q.end], 3) <= 3
            found = _noted(_cue_before(text, lo, q.open_at, False, ctx, short), ctx)
            s0 = _sentence_start(text, q.open_at, lo)
            if found is None and short and q.parent is None:
                found = _same_report(ctx, s0, q)
            if (
                found is None
                and s0 == q.open_at
                and (q.parent is None or q.parent.mark is Mark.NONE)
            ):
                # A quotation opening a sentence, right after one that reports speech:
                # "Smith remembers what the soldiers said. “It was ...”". After one that holds
                # quoted words of their own, the words go on with that speaker, whatever
                # verb of another clause follows them ("“...,” Ruiz said, after the board
                # declared its vote. “...”" is Ruiz's).
                s_prev = _sentence_start(text, s0 - 1, lo)
                found = _noted(_cue_before(text, lo, q.open_at, False, ctx, short, s_prev), ctx)
                before = _speaker_of_quotes_in(ctx, s_prev, s0)
                # Not after words a verb before them reports ("After Ruiz called the plan
                # “dead,” Ana Lee spoke up. “...”"): that sentence goes on to others.
                reported = ctx.last_report is not None and ctx.last_report[0] == s_prev
                if before is not None and (
                    (found is None and not reported)
                    or (found is not None and not _may_be(found[0], before[0]))
                ):
                    found = before
        if found is None and (q.parent is None or q.parent.mark is Mark.NONE):
            trailing = _cue_at_sentence_end(text, q.close_at, hi)
            if trailing is not None:
                found = (*trailing, q.open_at)
        if found is not None:
            q.speaker, q.cue, q.cued = found[0], found[1], True
            anchor = q.cue_at = found[2]  # where the cue is, when it is one (`_written` checks)
        elif q.parent is None or q.parent.mark is Mark.NONE:
            source = _uncued_source(text, q, paras, lo, ctx)
            if source is not None:
                q.speaker, anchor, q.cued = source
                # Named by the paragraph before: a guess that a turn of dialogue may revise.
                q.carried = not q.cued and anchor < paras[q.para].start
    if q.speaker:
        q.speaker = _plausible_speaker(q.speaker)
    if q.speaker == "":
        q.speaker, q.unnamed = None, True  # reported, by an unnamed source
    elif q.cued and q.speaker is None:
        q.speaker = _nearest_person(text, q.open_at, _sentence_start(text, q.open_at, lo), ctx)
    if q.speaker is not None and q.speaker.lower() in _COLLECTIVE_PRONOUNS:
        q.refer_back = True
    marked_parent = q.parent is not None and q.parent.mark is not Mark.NONE
    if q.speaker and marked_parent and _bare(q.speaker) in _FIRST_PERSON:
        q.refer_parent = True  # settled once the parent's speaker is known
    parent = q.parent if marked_parent else None
    if q.speaker is not None:
        q.pronoun = _GENDER_OF_PRONOUN.get(_bare(q.speaker))
    addressed: frozenset[str] = frozenset()
    if q.pronoun is not None:  # whom the words call by name is not who says them
        addressed = _called_in(text, q)
        if after is not None:
            addressed |= _named_in_tag(text, q.close_at, hi, ctx)
        elif q.cued and anchor < q.open_at:
            addressed |= _named_in_tag(text, anchor, q.open_at, ctx)
    q.speaker = _resolve(
        text, q.speaker, anchor, paras[max(0, q.para - 3)].start, ctx, parent, addressed
    )
    if q.cued and q.parent is None and after is None and q.cue:
        ctx.last_report = (_sentence_start(text, q.open_at, lo), q.close_at, q.speaker, q.cue)
    if q.speaker is not None:
        _add_speaker(ctx, anchor, q.speaker)
        if q.cued:
            ctx.cued_at.add(anchor)
        if after is not None and q.pronoun is None:
            # ", said Mirela, putting her hand on ...": what follows the name may tell its gender.
            named = text.find(q.speaker, q.close_at, hi)
            if named >= 0:
                _note_gender(text, q.speaker, named + len(q.speaker), hi, ctx)


def _may_be(found: str | None, before: str) -> bool:
    """Whether the subject of a cue after quoted words may be who speaks next: the speaker of
    those words, a pronoun (resolved later: "“Yes,” he replied. “...”"), or a person's name
    ("“Go,” said Ruiz, as Ana Lee replied. “No.”"), not a phrase of another clause ("two
    hours after the networks")."""
    return found is not None and (
        found == before
        or _bare(found) in _PRONOUNS
        or (_is_person_run(found) and all(_is_name_token(w) for w in found.split()))
    )


def _speaker_of_quotes_in(ctx: _Ctx, lo: int, hi: int) -> tuple[str, None, int] | None:
    """The speaker last found for quoted words from `lo` to `hi` and where it was found (the
    cue is theirs, not the words' after them); None when no quotation opens there or none
    has a speaker."""
    k = bisect_left(ctx.opens, lo)
    if k == len(ctx.opens) or ctx.opens[k] >= hi:
        return None
    # Not the speaker of words quoted inside them ("“He said, ‘I'm busy,’” she said.").
    found = [f for f in _speakers_between(ctx, lo, hi) if not _in_other_quote(ctx, f[0], hi)]
    return (found[-1][2], None, found[-1][0]) if found else None


def _same_report(ctx: _Ctx, s0: int, q: _Quote) -> tuple[str | None, str, int] | None:
    """The report a short quotation shares with quoted words before it in its sentence, whose
    verb stands before them: "said the board “supports” a part in reviewing “local
    costs”", "making “petty” and “cruel” remarks". Its speaker is as found there."""
    if ctx.last_report is None:
        return None
    start, close, speaker, cue = ctx.last_report
    if start != s0 or close > q.open_at or not ctx.text[q.open_at - 1 : q.open_at].isspace():
        return None  # another sentence, or a mark inside a word ("fake-“lefts”")
    if _last_cue(ctx.text, close, q.open_at) is not None:
        return None  # "who claim that “...”, we insist that “failure” ...": a report of its own
    return speaker, cue, q.open_at


def _uncued_source(
    text: str, q: _Quote, paras: list[_Para], lo: int, ctx: _Ctx
) -> tuple[str, int, bool] | None:
    """The source of a quotation no reporting verb attributes, where it is named, and whether
    that makes the words reported ones: a citation after it ("(See Financial Times, 29
    March)"), "Those were the words of X", the subject of a colon introduction ("His brother
    was less philosophical: “...”"), the owner of a saying ("Ada’s rule was “...”", "“...,”
    was his reply"), or a
    dash and a name after it, on its line ("“...” ― Ada Brennan") or the next."""
    p = paras[q.para]
    after = q.close_at
    signed = _DASH_NAME_RE.match(text, after + 1, p.end) if text[after : after + 1] == " " else None
    if signed is None:
        signed = _DASH_NAME_RE.match(text, after, p.end)
    if signed is not None and _is_person_run(_clean_name(signed.group(1))):
        return _clean_name(signed.group(1)), after, True
    owned = _OWNED_SAYING_AFTER_RE.match(text, after, p.end)
    if owned is not None and owned.group(2):
        # "“...,” was his next observation": he, whom the text before the words names.
        return _POSSESSIVE_SUBJECTS[owned.group(2)], q.open_at, True
    owner = _clean_name(owned.group(1)) if owned is not None else None
    if owner is not None and _personish(owner):
        return owner, after, True
    cited = _CITATION_RE.match(text, after, p.end)
    if cited is not None:
        return _clean_name(cited.group(1)), after, True
    if _cited_again_after(text, p, ctx) > after:
        # "“...”. (Ibid)": the source cited last, the last one found before this paragraph.
        k = bisect_left(ctx.speakers, (p.start,)) - 1
        if k >= 0:
            return ctx.speakers[k][2], ctx.speakers[k][0], True
    words_of = _WORDS_OF_RE.match(text, after, p.end)
    if words_of is not None:
        np = _np_after(text, words_of.end(), p.end, True)
        if np is not None:
            return np, after, True
    s0 = _sentence_start(text, q.open_at, lo)
    headline = _HEADLINE_SOURCE_RE.match(text, s0, q.open_at)
    titled = s0 == p.start and (q.para == 0 or p.kind is ParagraphKind.HEADING)
    if headline is not None and _word_count(text[headline.end() : q.open_at], 12) <= 12:
        # "Moss: Talks ‘went nowhere’": a headline gives the words to the name before its colon.
        name = _known_prefix(_clean_name(headline.group(1)), s0, ctx)
        if _is_person_run(name) or name in ctx.surnames or (titled and name not in _NOT_NAMES):
            return name, s0, True
    subject = _headline_subject(text, s0, q.open_at) if titled else None
    if subject is not None:
        return _known_prefix(subject, s0, ctx), s0, True
    found = _uncued_intro(text, q, paras, lo, ctx, s0)
    if found is None:
        return None
    # A beat and then the words, ending the paragraph: "She looked away. “Leave it, then.”" is
    # hers, however short.
    beat = (
        s0 == q.open_at
        and p.start <= found[1] < s0
        and q.close_at >= p.end - 1
        and text[found[1]] not in _CLOSER  # prose, not another quotation and its tag
    )
    # The paragraph before ends mid-sentence, on the words' introduction: "Odile quietly
    # said,⏎⏎“Here, just here.”" reports them, however short.
    prev = paras[q.para - 1] if q.para > 0 else None
    runs_on = (
        prev is not None
        and prev.start <= found[1]
        and text[prev.end - 1] in _RUN_ON_ENDS
        and _blank(text, p.start, q.open_at)
    )
    return found[0], found[1], beat or runs_on


def _cited_again_after(text: str, p: _Para, ctx: _Ctx) -> int:
    """Where paragraph `p` last cites the source cited before it ("(Ibid)"), or -1."""
    at = ctx.cited_again.get(p.start)
    if at is None:
        at = -1
        for m in _SAME_SOURCE_RE.finditer(text, p.start, p.end):
            at = m.start()
        ctx.cited_again[p.start] = at
    return at


def _headline_subject(text: str, s0: int, at: int) -> str | None:
    """The subject of a headline whose verb reports or names the words it quotes, in title
    case as headlines are: "Ivo Marsh Calls Ann Ruiz ‘A Disgrace’" is Ivo Marsh's,
    "Retired Captain Recalls ‘Bruising’ Voyage" the captain's."""
    words = text[s0:at].split()
    for k, word in enumerate(words[: MAX_HEADLINE_SUBJECT_WORDS + 1]):
        if not word[:1].isupper():
            return None  # a headline in sentence case, or prose
        verb = word.lower()
        if k and (verb in _CUE_WORDS or verb in _CALL_WORDS or verb in _AS_WORDS):
            name = _clean_name(" ".join(words[:k]))
            return name if name and words[0] not in _NOT_NAMES else None
    return None


def _uncued_intro(
    text: str, q: _Quote, paras: list[_Para], lo: int, ctx: _Ctx, s0: int
) -> tuple[str, int] | None:
    """The source named by what comes before an unattributed quotation (see above), or by
    the last sentence of the paragraph before, when it reports speech ("He says there were
    secret prisons." / "“They were secret ...”"). `s0` starts the quotation's sentence."""
    p = paras[q.para]
    if _blank(text, lo, q.open_at):
        prev = paras[q.para - 1] if q.para > 0 else None
        if (
            prev is not None
            and text[prev.end - 1] == ":"
            and prev.kind is not ParagraphKind.HEADING
        ):
            s_colon = _sentence_start(text, prev.end - 1, prev.start)
            np = _leading_np(text, s_colon, prev.end)
            return (np, s_colon) if np and _bare(np) not in _FIRST_PERSON else None
        nxt = paras[q.para + 1] if q.para + 1 < len(paras) else None
        if nxt is not None and q.close_at >= p.end - 1:
            m = _DASH_NAME_RE.match(text, nxt.start, nxt.end)
            if m is not None:
                return _clean_name(m.group(1)), nxt.start  # "“...” / — Ada Brennan, editor"
        # Prose before it, or the reproduced article that holds both.
        prose = prev is not None and (
            prev.kind is ParagraphKind.PARAGRAPH
            or (prev.kind is ParagraphKind.BLOCKQUOTE and q.parent is not None)
        )
        if prev is not None and prose and q.first is None:
            s_last = _sentence_start(text, prev.end - 1, prev.start)
            found = _cue(text, prev.start, prev.end, True, ctx, s0=s_last)
            subject = (found[0] or "") if found is not None else ""
            plain = subject[:1].islower() and _bare(subject) not in _PRONOUNS
            that = _last_that(text, s_last, found[2]) if found is not None and plain else None
            if that is not None:
                # "Schoen elaborated in an op-ed that delegates pledged to Ruiz may waver." /
                # "“...”": the name the sentence's verb reports, not the people of its clause.
                main = _cue(text, prev.start, that, True, ctx, s0=s_last)
                if main is not None and _is_name_token((main[0] or "").split(" ")[0]):
                    found = main
            # Not a verb inside the words of the turn before ("“..., but I must tell you ...”").
            if found is not None and found[0] and not _in_other_quote(ctx, found[2], q.open_at):
                return found[0], found[2]
            if s_last == prev.start and _word_count(text[prev.start : prev.end], 12) <= 12:
                # A short paragraph of its own before the words, one sentence: "Pardoe
                # ruminated." / "“Well now ...”": the one who did it speaks next.
                np = _leading_np(text, prev.start, prev.end)
                if np is not None and _someone(np, ctx):
                    return np, prev.start
            elif not _has_quote(ctx, prev.start, prev.end):
                # A paragraph of prose, then the words: the subject of its last sentence
                # ("Mirela went back to the stove ... and frowned at Tobias." / "“...”").
                # Or of a sentence just before it, when the last ones are about no one ("Miss
                # Pargeter nodded at the tower. It was the old mill. The outing was done.");
                # not past one about people ("They met in the lobby"), or by the narrator.
                s, end = s_last, prev.end
                for _ in range(PROSE_SENTENCES_BACK + 1):
                    np = _leading_np(text, s, end)
                    if np is not None and _someone(np, ctx):
                        return np, s
                    people = np is not None and _bare(np) in _PEOPLE_PRONOUNS
                    if people or s <= prev.start:
                        break
                    s, end = _sentence_start(text, s - 1, prev.start), s
        return None
    intro = text[s0 : q.open_at].rstrip()
    if intro.endswith(":") and p.kind is not ParagraphKind.HEADING:
        label = _dash_label(text, s0, s0 + len(intro) - 1)
        if label is not None:
            # "TURNOUT HIGHER THAN EXPECTED - Ann B. Ruiz: “...”": a digest's heading, a
            # dash and the author of the words.
            return label, s0
        np = _leading_np(text, s0, q.open_at)
        return (np, s0) if np and _bare(np) not in _FIRST_PERSON else None
    if _COPULA_END_RE.search(intro):
        owner = _saying_owner(text, s0, q.open_at)
        return (owner, s0) if owner else None
    if s0 < q.open_at:
        # Words no verb reports, inside a sentence whose subject is a person: the subject's
        # ("Moss called the ruling “a disgrace”", "Moss blamed the law on “greedy men”"). Not
        # when the subject was told or asked: the words are then someone else's ("she was
        # told that the matter was “closed”", "when asked whether it was “a disaster”").
        np = _subject_aside(text, s0, q.open_at) or _leading_np(text, s0, q.open_at)
        if np is not None and _someone(np, ctx) and not _told_or_asked(text, s0, q.open_at):
            return np, s0
    if s0 == q.open_at and s0 > lo:
        # A quotation that opens a sentence after one about a named person: "Marsh
        # spoke of her in warm terms. “We met this morning ...”".
        s_prev = _sentence_start(text, s0 - 1, lo)
        np = _leading_np(text, s_prev, s0)
        if np is not None and (
            _is_person_run(np) or np in ctx.surnames or np in ctx.given or _bare(np) in _PRONOUNS
        ):
            return np, s_prev
        # Or the person of its last clause: "Her tone had softened at last,
        # and he grinned. “What a fine day it is!”" is his.
        np = _earlier_subject(text[s_prev:s0], True)
        if np is not None and (_is_person_run(np) or _bare(np) in _PRONOUNS):
            return np, s_prev
    return None


def _last_that(text: str, lo: int, hi: int) -> int | None:
    """Where the last "that" of text[lo:hi] stands, or None."""
    at = None
    for m in _THAT_RE.finditer(text, lo, hi):
        at = m.start()
    return at


def _dash_label(text: str, s: int, colon: int) -> str | None:
    """The name between the last spaced dash before a colon and the colon ("... - Ann B.
    Ruiz:"), when it is a person's name; else None."""
    cut = max(text.rfind(f" {dash} ", s, colon) for dash in _DASHES)
    if cut < 0:
        return None
    name = _clean_name(text[cut + 3 : colon].strip())
    return name if name and _is_person_run(name) else None


def _known_prefix(name: str, at: int, ctx: _Ctx) -> str:
    """A title-case run written at `at`, cut to the longest start of it that the text gives
    as a name elsewhere, when it gives the whole run nowhere else: "Ivo Marsh Blasts Critics"
    is Ivo Marsh's where the text names Ivo Marsh, "Moss Praises Ruiz," Moss's where Moss
    is the surname of a full name."""
    toks = [t.rstrip(",;") for t in name.split()]
    if len(toks) < 2 or _named_elsewhere(toks, at, ctx):
        return name
    for j in range(len(toks) - 1, 0, -1):
        if _named_elsewhere(toks[:j], at, ctx):
            return " ".join(toks[:j])
    return name


def _named_elsewhere(toks: list[str], at: int, ctx: _Ctx) -> bool:
    """Whether the words are a full name the text writes somewhere other than at `at`, or a
    lone word that ends one."""
    if len(toks) == 1:
        return any(first != toks[0] for first, _ in ctx.ending.get(toks[0], ()))
    full = " ".join(toks)
    return any(where != at and written == full for where, written in ctx.given.get(toks[0], ()))


def _has_quote(ctx: _Ctx, lo: int, hi: int) -> bool:
    """Whether a quotation opens between `lo` and `hi`."""
    k = bisect_left(ctx.opens, lo)
    return k < len(ctx.opens) and ctx.opens[k] < hi


def _someone(np: str, ctx: _Ctx) -> bool:
    """Whether a sentence's subject names someone who may speak: a person's name, one the text
    has heard speak, a pronoun, or a description that tells a gender ("the old man"). (Any
    description, "the senator", was tried as well and changed nothing on annotated news.)"""
    if _is_person_run(np) or np in ctx.surnames or np in ctx.voices or _bare(np) in _PRONOUNS:
        return True
    return _described_gender(np) is not None  # "The young man considered."


def _told_or_asked(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] reports its subject told or asked something ("was told", "when
    asked"): what follows is the words of whoever told or asked."""
    for start, end in _cue_words_backwards(text, s, e):
        before = text[s:start].split()
        if before and _passive_report(text[start:end].lower(), before[-1].lower().strip(",")):
            return True
    return False


def _same_sentence(text: str, prev: _Quote, q: _Quote) -> bool:
    if q.open_at < prev.close_at:
        return False
    gap = text[prev.close_at : q.open_at]
    ended = prev.end > prev.start and text[prev.end - 1] in _SENTENCE_END and "," not in gap
    return not ended and _ANY_SENTENCE_END_RE.search(gap) is None  # "said Mrs. Hale, “…”"


def _attribution_between(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether only the attribution of `prev` stands between it and `q`: one clause ending
    a sentence (`,” Raman said, shuffling. “`), after which `q` opens a new sentence."""
    if q.open_at < prev.close_at:
        return False
    gap = text[prev.close_at : q.open_at].strip()
    too_long = len(gap) > MAX_ATTRIBUTION_GAP_CHARS
    if not gap or too_long or gap[-1] not in ".!?:" or any(c in gap for c in '“”"‘'):
        return False
    return _INNER_SENTENCE_END_RE.search(gap[:-1]) is None


def _same_source(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether the prose between two quotations of a paragraph is the writer's comment on
    the same source: short, with no reporting verb and no other person named."""
    if q.open_at < prev.close_at or q.open_at - prev.close_at > MAX_ATTRIBUTION_GAP_CHARS:
        return False
    start = prev.close_at
    end = _INNER_SENTENCE_END_RE.search(text, start, q.open_at)
    if end is not None and prev.cue and prev.cue in text[start : end.start()]:
        start = end.start() + 1  # past the first quotation's own ", says Ms Orr."
    if _last_cue(text, start, q.open_at) is not None:
        return False
    for m in _CAP_RUN_RE.finditer(text, start, q.open_at):
        run = _strip_leading_function_words(m.group(0))
        if " " in run and run != prev.speaker and _is_person_run(run):
            return False
    return True


def _take_attribution(q: _Quote, source: _Quote) -> None:
    """Give `q` the speaker and cue, and where the cue is written, of `source`'s report."""
    q.speaker, q.cue, q.cue_at, q.cued = source.speaker, source.cue, source.cue_at, True


def _inherit(quotes: list[_Quote], text: str, paras: list[_Para], ctx: _Ctx) -> None:
    """Share a speaker found once: over chained pieces, partial quotations in one sentence,
    participle cues (", adding “...”"), "it says" and a paragraph that opens with speech."""
    prev: _Quote | None = None
    for q in quotes:
        if q.mark is Mark.NONE:
            continue
        near = prev is not None and prev.parent is q.parent and prev.speaker is not None
        if (
            prev is not None
            and not near
            and prev.parent is q.parent
            and prev.para == q.para
            and prev.cued
            and not q.cued
            and q.first is None
            and (
                _word_count(text[q.start : q.end], 3) >= 3
                or _COORDINATED_RE.fullmatch(text, prev.close_at, q.open_at) is not None
            )
            and _same_sentence(text, prev, q)
        ):
            # "she was told that ‘...’ and that ‘...’", "called it “reckless” and “cruel”"
            q.cue, q.cue_at, q.cued = prev.cue, prev.cue_at, True
        if q.first is not None:
            q.speaker, q.cue, q.cue_at = q.first.speaker, q.first.cue, q.first.cue_at
            q.cued = q.cued or q.first.cued
        elif prev is not None and near and prev.para == q.para:
            long_enough = _word_count(text[q.start : q.end], 3) >= 3
            joined = _COORDINATED_RE.fullmatch(text, prev.close_at, q.open_at) is not None
            # "“...,” said Greta, “we did.”": the words go on after their tag, however short.
            gap = text[prev.close_at : q.open_at]
            tagged = prev.cue is not None and prev.cue in gap and gap.rstrip().endswith(",")
            if (
                not q.cued
                and prev.cued
                and (long_enough or joined or tagged)
                and _same_sentence(text, prev, q)
            ):
                _take_attribution(q, prev)
            elif (
                tagged
                and prev.cue_at is not None
                and prev.close_at <= prev.cue_at < q.open_at
                and _goes_on(text, prev, q)
            ):
                # "“...,” Marsh wrote in a letter explaining why, “but ...”": the words go
                # on with their sentence; a verb later in the tag ("explaining") is not a
                # second cue.
                _take_attribution(q, prev)
            elif not q.cued and prev.cued and _attribution_between(text, prev, q):
                # "“...,” Raman said. “...”": the next sentence goes on with her words.
                _take_attribution(q, prev)
            elif (
                not q.cued
                and prev.cued
                and long_enough
                and q.speaker is None
                and _same_source(text, prev, q)
            ):
                # "... says Mr X. Thus the force is “plainly unfair”": still his words.
                q.speaker, q.cued = prev.speaker, True
            elif (
                q.cued
                and q.speaker is None
                and not q.unnamed
                and (q.refer_back or q.open_at - prev.close_at < 400)
                and (q.pronoun is None or _gender_of(prev.speaker, ctx) in (None, q.pronoun))
            ):
                q.speaker = prev.speaker
            elif not q.cued and q.speaker is None and _goes_on(text, prev, q):
                # "“... even you, Josie,” pressing her arm, “would be glad of.”": the words
                # break off mid-sentence and go on after the narration, whoever says them.
                q.speaker, q.carried = prev.speaker, prev.carried
        elif (
            prev is not None
            and near
            and q.para == prev.para + 1
            and prev.cued
            and not q.cued
            and q.speaker is None
            and q.open_at == paras[q.para].start
        ):
            q.speaker, q.carried = prev.speaker, True
        if prev is not None and _shares_later_tag(text, prev, q):
            # "Guns are “a crisis” and “a scandal,” Ana Ruiz said": the tag after the second
            # words reports the first too.
            _take_attribution(prev, q)
        if q.parent is None or q.parent.mark is Mark.NONE:
            prev = q


def _goes_on(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether `q` goes on with the sentence `prev` broke off: `prev` ends with a comma, at
    its closing mark or inside it, and `q` opens in lower case."""
    broken = (
        text[prev.end - 1 : prev.end] == "," or text[prev.close_at + 1 : prev.close_at + 2] == ","
    )
    return broken and text[q.start : q.start + 1].islower()


def _shares_later_tag(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether `prev`, left without a source, is joined by a coordinator ("and", "or") to
    `q`, whose tag follows its words in the same sentence."""
    if prev.speaker is not None or prev.cued or prev.first is not None or not q.cued:
        return False
    if q.speaker is None or q.cue is None or prev.parent is not q.parent or prev.para != q.para:
        return False
    gap = text[prev.close_at : q.open_at]
    joined = _COORDINATED_RE.fullmatch(gap) is not None and gap.strip(" ,") != ""
    tag_after = text.find(q.cue, q.close_at, q.close_at + MAX_ATTRIBUTION_GAP_CHARS) >= 0
    return joined and tag_after and _same_sentence(text, prev, q)


def _take_turns(text: str, quotes: list[_Quote], paras: list[_Para], ctx: _Ctx) -> None:
    """Alternating dialogue. In a run of consecutive paragraphs that each hold a quotation (its
    turn; a paragraph that goes on with words left open, or untagged words on the next line of
    a tagged turn, is no turn of its own), the turns whose speaker a cue gives are anchors,
    and so is a turn right after one that calls someone by name ("“…, Mirela.”" / "“…”" is
    Mirela's). A paragraph that opens with a quotation no cue attributes, right after another
    such, is the turn of the nearest anchor an even number of turns away ("A: …" / "B: …" / "…"
    is A again), unless the nearest anchor an odd number away has that same speaker (one voice
    going on, not two taking turns). A short beat of narration between two turns that names
    no one else ("They laughed.") ends a run, but the voices go on taking turns across it.
    After a paragraph of prose that quotes someone, news goes on with that source instead."""
    turns: dict[int, _Quote] = {}
    for q in quotes:
        top = q.mark is not Mark.NONE and q.parent is None and q.first is None
        if top and q.para not in turns:
            turns[q.para] = q
    known = {name for _, _, name in ctx.speakers}
    change, keep = _voice_changes(turns)
    dialogue = change > keep
    # A text of much dialogue, as fiction is: a turn may end a paragraph of prose.
    fiction = dialogue and change >= MIN_DIALOGUE_CHANGES
    guessed = {k: t.speaker for k, t in turns.items()}
    # In a text whose paragraphs blank lines set apart, a turn on the next line of the same
    # block, with no tag of its own, goes on with the tagged turn before ("“...,” said Mr.
    # Grady, hanging up his coat.⏎“The train was slow.”"): no new voice, no turn of the run.
    apart = len({p.block for p in paras}) * 2 > len(paras)
    goes_on: set[int] = set()
    for k in sorted(turns) if apart else ():
        before = turns.get(k - 1)
        tagged = before is not None and (before.cued or k - 1 in goes_on)
        if tagged and not turns[k].cued and paras[k].block == paras[k - 1].block:
            goes_on.add(k)
    # A paragraph that goes on with words the one before left open ("“... no bread.⏎⏎“Then
    # the spring came ...”") is the same speech: it keeps the run of turns going.
    continued = {q.para for q in quotes if q.parent is None and q.first is not None}
    run: list[_Quote] = []
    last = -1
    prior: list[_Quote] = []  # the run before, when only a beat of narration ends it
    for k in sorted(turns):
        between = [j for j in range(last + 1, k) if j not in continued]
        if run and between:
            _alternate(text, run, paras, ctx, known, dialogue, fiction, prior)
            # "“...”⏎⏎They both laughed.⏎⏎“...”": after a short beat of narration
            # that names no one but the two voices, they may go on taking turns.
            beat = fiction and len(between) == 1
            if beat:
                voices = _call_words(q.speaker for q in run[-2:] if q.speaker)
                beat = _beat(text, paras[between[0]], ctx, voices)
            prior = run if beat else []
            run = []
        last = k
        if k not in goes_on:
            run.append(turns[k])
    _alternate(text, run, paras, ctx, known, dialogue, fiction, prior)
    for k in sorted(goes_on):
        if turns[k - 1].speaker is not None:
            turns[k].speaker = turns[k - 1].speaker
    for q in quotes:
        turn = turns.get(q.para)
        if turn is None or turn is q or turn.speaker == guessed[q.para]:
            continue
        # "“Tired!” she retorted. “That is ...”": words after the turn's own tag, or reported
        # by it, are the turn's speaker's, however the turns settled who that is.
        if q.first is turn or (q.cue_at is not None and q.cue_at == turn.cue_at):
            q.speaker = turn.speaker
    if fiction:
        _name_the_described(text, quotes, paras, ctx)
    if dialogue:
        _not_whom_it_calls(text, quotes, turns, ctx, known)


def _beat(text: str, p: _Para, ctx: _Ctx, voices: frozenset[str]) -> bool:
    """Whether a paragraph is a short beat of narration between two turns ("He laughed.",
    "Ana shrugged."): words, no longer than `BEAT_CHARS`, whose capitalised words are
    pronouns, the name words of `voices` (the last two speakers) or words the text also
    writes in lower case. A line of stars, or a name of someone else, who may speak next, is
    no beat."""
    if p.kind is not ParagraphKind.PARAGRAPH or p.end - p.start > BEAT_CHARS:
        return False
    if not any(c.isalpha() for c in text[p.start : p.end]):
        return False
    for m in _CAP_RUN_RE.finditer(text, p.start, p.end):
        for word in m.group(0).split():
            name = word.removesuffix("’s").removesuffix("'s")
            if word.lower() in _PRONOUN_SUBJECTS or name in voices:
                continue
            if not _written_in_lower_case(word.lower(), ctx):
                return False
    return True


def _not_whom_it_calls(
    text: str, quotes: list[_Quote], turns: dict[int, _Quote], ctx: _Ctx, known: set[str]
) -> None:
    """Where voices take turns, no one speaks the words that call them by name ("“Tea,
    Edith?”" is not Edith's). A turn its context, the turns or a pronoun gave to someone its
    words call, in any of its pieces, is the voice's its other pieces were given, or that of
    the turn before, or else after, that the words do not call; else no one's. A turn its
    tag names stays as the tag says."""
    pieces: dict[int, list[_Quote]] = {}
    inner: dict[int, list[_Quote]] = {}  # words quoted inside a turn's: someone else's call
    for q in quotes:
        if q.mark is not Mark.NONE and q.parent is None and q.para in turns:
            pieces.setdefault(q.para, []).append(q)
        elif q.parent is not None and q.parent.parent is None:
            inner.setdefault(id(q.parent), []).append(q)
    for k, turn in turns.items():
        if turn.speaker is None or (turn.cued and turn.pronoun is None):
            continue
        # The turn's own pieces: after its tag, or sharing it.
        same = [
            q
            for q in pieces[k]
            if q is turn or q.first is turn or (q.cue_at is not None and q.cue_at == turn.cue_at)
        ]
        called = _call_words(
            name
            for q in same
            for name, at in _addressees_at(text, q, ctx, known)
            if not any(n.start <= at < n.end for n in inner.get(id(q), ()))
        )
        wrong = turn.speaker
        if not _called(wrong, called):
            continue
        other = None
        for near in (*same, turns.get(k - 1), turns.get(k + 1)):
            voice = near.speaker if near is not None else None
            if voice and voice != wrong and not _called(voice, called):
                other = voice  # its other piece's, or a voice next to it
                break
        for q in same:
            if q.speaker == wrong:
                q.speaker = other


def _name_the_described(text: str, quotes: list[_Quote], paras: list[_Para], ctx: _Ctx) -> None:
    """In fiction a speaker described ("said the old lady", "her husband replied") is someone
    the story has named: the nearest person of the description's gender, who is neither whom
    the words call by name, nor the voice of the turn before (dialogue alternates), nor, for a
    kinship word, the person the possessive stands for ("her mother" is not "her"); "his
    wife", said of Mr. Hale where the text writes Mrs. Hale too, is Mrs. Hale. A
    description met on the way ("his friend", or this one found for an earlier turn) and a
    name of no known gender are passed over, up to `DESCRIBED_TRIES` of them. Where no such
    person is known, the description stays: it is what the text says."""
    turn_of: dict[int, _Quote] = {}  # each paragraph's last attributed quotation
    # Whom a paragraph's words of one speaker call by name, in any of their pieces ("“How
    # late it is!” cried the aunt. “Isn’t it, Mrs. Prior?”": not Mrs. Prior).
    called: dict[tuple[int, str], set[str]] = {}
    for q in quotes:
        if q.mark is not Mark.NONE and q.parent is None and q.speaker:
            turn_of[q.para] = q
            called.setdefault((q.para, q.speaker), set()).update(_called_in(text, q))
    for q in quotes:
        gender = _described_gender(q.speaker) if q.speaker else None
        if gender is None or q.speaker is None:
            continue
        others = set(_called_in(text, q)) | called.get((q.para, q.speaker), set())
        before = turn_of.get(q.para - 1)
        if before is not None and before.speaker and before.speaker != q.speaker:
            others.add(before.speaker)
        lo = paras[max(0, q.para - 3)].start
        owner_gender = _GENDER_OF_PRONOUN.get(q.speaker.split()[0]) if q.speaker else None
        if owner_gender is not None:
            owner = _nearest_person(text, q.open_at, lo, ctx, owner_gender, frozenset(others))
            if owner is not None:
                spouse = _spouse_of(owner, q.speaker, ctx)
                if spouse is not None and spouse not in others:
                    q.speaker = spouse
                    continue
                others.add(owner)
        for _ in range(DESCRIBED_TRIES):
            name = _nearest_person(text, q.open_at, lo, ctx, gender, frozenset(others))
            if name is None:
                break
            if name[:1].isupper() and _gender_of(name, ctx) == gender:
                q.speaker = name
                break
            # A description ("his friend", this one again) or a name of no known gender: the
            # person before it.
            others.add(name)


def _called_in(text: str, q: _Quote) -> frozenset[str]:
    """Whom a quotation's words call by name ("“Come, Rosalind,” she said"): the name and
    each of its words, honorifics left out."""
    return _call_words(m.group(1) for m in _VOCATIVE_RE.finditer(text, q.start, q.end))


def _call_words(names: Iterable[str]) -> frozenset[str]:
    """The names words call someone by, and each of their words, honorifics left out: what
    `_called` reads ("Rosalind" calls Rosalind Tey)."""
    return frozenset(
        word for name in names for word in (name, *name.split()) if not _is_honorific(word)
    )


def _named_in_tag(text: str, after: int, hi: int, ctx: _Ctx) -> frozenset[str]:
    """The name words a tag writes after `after` (the words' closing mark, or the cue of a
    tag before them) up to `hi`, the end of its sentence, the next quoted words or an adjunct
    clause ("“...,” she said, taking the cup from Mrs. Pardoe’s hands"; "She said Novák was
    “a faker”"): someone else, as a pronoun never means a name its own clause goes on to
    give ("he said after Lazar admitted" may be Lazar's)."""
    k = bisect_left(ctx.opens, after + 1)
    stop = min(hi, ctx.opens[k]) if k < len(ctx.opens) else hi
    end = _ANY_SENTENCE_END_RE.search(text, after + 1, stop)
    if end is not None:
        stop = end.start()
    adjunct = _TAG_ADJUNCT_RE.search(text, after + 1, stop)
    if adjunct is not None:
        stop = adjunct.start()
    return frozenset(
        word
        for m in _CAP_RUN_RE.finditer(text, after + 1, stop)
        for word in m.group(0).removesuffix("’s").removesuffix("'s").split()
        if not _is_honorific(word) and word not in _NOT_NAMES
    )


def _voice_changes(turns: dict[int, _Quote]) -> tuple[int, int]:
    """Of the pairs of consecutive turns that cues attribute, how many change voice and how
    many keep it. Dialogue alternates (more change than keep); news quotes one source over
    several paragraphs."""
    change = keep = 0
    for k, q in turns.items():
        before = turns.get(k - 1)
        if before is None or not (q.cued and before.cued and q.speaker and before.speaker):
            continue
        if q.speaker == before.speaker:
            keep += 1
        else:
            change += 1
    return change, keep


def _name_the_narrator(text: str, quotes: list[_Quote], paras: list[_Para], ctx: _Ctx) -> None:
    """A first-person narrator ("“…,” I said.") gets the name the others call them by: the name
    most often called anywhere in the others' words within `NARRATOR_TURNS_AROUND` paragraphs
    of the narrator's own, when it is called there at least `NARRATOR_VOTES` times and more
    often than any other. Each of the others' quotations votes once for each name it calls."""
    said = [q for q in quotes if q.mark is not Mark.NONE and q.parent is None]
    by_para: dict[int, list[_Quote]] = {}
    for q in said:
        by_para.setdefault(q.para, []).append(q)
    mine = sorted({q.para for q in said if q.speaker == "I"})
    near = sorted(
        {k for p in mine for k in range(p - NARRATOR_TURNS_AROUND, p + NARRATOR_TURNS_AROUND + 1)}
    )
    known = {name for _, _, name in ctx.speakers}
    votes: dict[str, int] = {}
    forms: dict[str, str] = {}  # "Hollis" and "Mr. Hollis" are one vote: the longer form
    for k in near:
        for other in by_para.get(k, ()):
            if other.speaker == "I" and other.cued:
                continue  # the narrator's own words (a turn only guessed theirs may not be)
            keys: dict[str, None] = {}  # one vote per name and turn, in the order called
            for called in _addressees(text, other, ctx, known):
                key = called.split()[-1]
                keys[key] = None
                if len(called) > len(forms.get(key, "")):
                    forms[key] = called
            for key in keys:
                votes[key] = votes.get(key, 0) + 1
    # Whom the text makes speak in the third person is not the one who says "I".
    heard: dict[str, int] = {}
    for _, _, name in ctx.speakers:
        words = name.split()
        if words:
            heard[words[-1]] = heard.get(words[-1], 0) + 1
    votes = {key: n for key, n in votes.items() if heard.get(key, 0) < NARRATOR_VOTES}
    # Nor one the narration names: there the narrator is "I", whatever the others call them.
    narrated = _narrated(text, set(votes), ctx)
    votes = {key: n for key, n in votes.items() if narrated.get(key, 0) < NARRATOR_VOTES}
    if not votes:
        return
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    key, count = ranked[0]
    name = forms[key]
    if count < NARRATOR_VOTES or (len(ranked) > 1 and ranked[1][1] * 2 > count):
        return
    for q in quotes:
        if q.speaker == "I" and (q.parent is None or q.parent.mark is Mark.NONE):
            q.speaker = name


def _narrated(text: str, words: set[str], ctx: _Ctx) -> dict[str, int]:
    """How often each of `words` stands, as a word of its own, outside every quotation: one
    pass over the text, whatever the number of words."""
    counts: dict[str, int] = {}
    if not words:
        return counts
    pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w’'-])(?:{pattern})(?![\w-])", text):
        if _innermost_open(ctx, m.start()) < 0:
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    return counts


def _addressee(text: str, turn: _Quote, ctx: _Ctx, known: set[str]) -> str | None:
    """The first person a turn calls by name ("“Come here, Mirela.”", "“Nina, listen.”")."""
    return next(_addressees(text, turn, ctx, known), None)


def _addressees(text: str, turn: _Quote, ctx: _Ctx, known: set[str]) -> Iterator[str]:
    """The people a turn calls by name, in order."""
    return (name for name, _ in _addressees_at(text, turn, ctx, known))


def _addressees_at(
    text: str, turn: _Quote, ctx: _Ctx, known: set[str]
) -> Iterator[tuple[str, int]]:
    """The people a turn calls by name, in order, with where each call stands."""
    for m in _VOCATIVE_RE.finditer(text, turn.start, turn.end):
        name = m.group(1)
        if name in _NOT_NAMES:
            continue  # "No, ...", "Oh, ..."
        if m.start() == turn.start and text[m.end() : turn.end].strip() == ".":
            continue  # "“John.”": a name given as an answer, not someone called
        if _SELF_BEFORE_RE.search(text, max(turn.start, m.start() - 4), m.start()):
            continue  # "I, Ada Lind, know": the speaker's own name
        first, _, rest = name.partition(" ")
        stem = first.removesuffix("’s").removesuffix("'s")
        if stem != first and stem.lower() in _CONTRACTED_SUBJECTS:
            continue  # "Where’s Bruno?": a question about him, "where is", calls no one
        if first not in known and _common_word(first, ctx):
            # "Darling, ...", "Darling Dex, ...": a word the text also writes in lower case,
            # and never beside a reporting verb, calls no one by name. What follows it calls
            # someone after a title, or before a comma: "Refuse Mr. Haldane!" speaks of him,
            # not to him.
            if not rest or not (_is_honorific(first) or text[m.end() : m.end() + 1] == ","):
                continue
            name = rest
        if name in ctx.surnames or name in ctx.given or _is_person_run(name):
            yield name, m.start()
            continue
        if m.start() == turn.start:
            continue  # a lone word opening the words may be an interjection ("Well, ...")
        lone = " " not in name and name not in _HONORIFICS
        if name in known or lone:
            yield name, m.start()


def _tag_addressee(text: str, turn: _Quote) -> str | None:
    """Whom a turn's own tag says it is spoken to ("said to Mrs. Sen", "asked
    Teddy"): a person's name, or None."""
    if not turn.cued or turn.cue is None or turn.cue_at is None:
        return None
    # "Ana asked Teddy", "told Ana"; not "“...?” asked Teddy", where the speaker follows.
    before = text[max(0, turn.cue_at - 3) : turn.cue_at].strip(" ,\n")[-1:]
    inverted = before != "" and before in _CLOSING_MARKS
    asks = turn.cue.lower() in _PASSIVE_REPORT_VERBS and not inverted
    m = (_TAG_OBJECT_RE if asks else _TAG_ADDRESSEE_RE).match(text, turn.cue_at + len(turn.cue))
    if m is None:
        return None
    name = _clean_name(m.group(1))
    return name if name and (_is_person_run(name) or _is_honorific(name.split()[0])) else None


def _common_word(word: str, ctx: _Ctx) -> bool:
    """Whether a capitalised word is a common one here: the text writes it in lower case too
    ("Darling" and "darling") and never tags it as a speaker."""
    return _written_in_lower_case(word.lower(), ctx) and word not in _tagged(ctx)


def _alternate(
    text: str,
    run: list[_Quote],
    paras: list[_Para],
    ctx: _Ctx,
    known: set[str],
    dialogue: bool,
    fiction: bool = False,
    prior: list[_Quote] | None = None,
) -> None:
    """Give the unattributed turns of one run of dialogue their speakers (see above). In a
    text whose turns alternate (`dialogue`), a turn only guessed from the paragraph before is
    the other voice's. `prior` is the run before, when only a beat of narration ends it."""

    def described(turn: _Quote) -> bool:
        """Cued by a definite description ("said the old man", "his mother asked")."""
        words = (turn.speaker or "").split()
        lower = len(words) >= 2 and words[-1].islower()  # not "the Duchess": a name
        return turn.cued and lower and words[0].lower() in _DEFINITE_DETERMINERS

    def pronominal(turn: _Quote) -> bool:
        """Cued by "he" or "she": the turns may tell which of the two speaking it is."""
        return turn.cued and turn.pronoun is not None

    def open_turn(i: int) -> bool:
        turn, before = run[i], run[i - 1] if i > 0 else None
        opens = turn.open_at == paras[turn.para].start
        # The turn before opens its paragraph or, in fiction, ends it: "She said: “Mirela,
        # ...”" is a turn that the next paragraph's words answer (news goes on with the
        # source of a paragraph that ends with words quoted).
        after_turn = before is not None and (
            before.open_at == paras[before.para].start
            or (fiction and text[paras[before.para].end - 1] in _CLOSING_MARKS)
        )
        if not (opens and after_turn):
            return False
        if turn.cued:
            if (
                pronominal(turn)
                and before is not None
                and _narrated_after_words(text, paras[before.para])
            ):
                # "“Am I?” said Bodo. And then he cheered up." / "“Anyhow,” he said": the
                # narration about the last voice goes on, and the pronoun means it.
                return False
            # "the old man", "she", or no one ("said the eminently practical"): the turns tell.
            return (
                described(turn) or pronominal(turn) or (turn.speaker is None and not turn.unnamed)
            )
        return turn.speaker is None or turn.carried  # else named by its context

    anchors = [
        (i, t.speaker)
        for i, t in enumerate(run)
        if t.cued and t.speaker and not described(t) and not pronominal(t)
    ]
    for i in range(1, len(run)):
        called = None
        if open_turn(i):
            called = _addressee(text, run[i - 1], ctx, known)
            if called is not None and i >= 2 and _echoes(text, run[i - 1], run[i - 2], called):
                called = None
            told = _tag_addressee(text, run[i - 1]) if called is None else None
            # "“...?” Ana asked Ruiz." / "“...,” he said": Ruiz answers where voices take
            # turns; where they do not (news: "Ana told CNN Monday."), only someone the text
            # says is of the pronoun's gender.
            if told is not None and (dialogue or _gender_of(told, ctx) == run[i].pronoun):
                called = told
        if called is not None and called != run[i - 1].speaker:
            anchors.append((i, called))
            run[i].speaker = called
    # And the turn before one that calls someone is theirs too: they spoke, and are answered.
    settled = {j for j, _ in anchors}
    for i in range(1, len(run) - 1):
        if i in settled or not open_turn(i) or run[i].cued:
            continue
        called = _addressee(text, run[i + 1], ctx, known)
        if called is not None and _echoes(text, run[i + 1], run[i], called):
            continue
        if called is not None and called != run[i + 1].speaker:
            anchors.append((i, called))
            run[i].speaker = called
    other = _other_voice(prior or []) if run else None
    if (
        other is not None
        and run[0].open_at == paras[run[0].para].start
        and not run[0].cued
        and run[0].speaker is None
    ):
        # After a beat ("He laughed."), the voice that spoke two turns back speaks again,
        # unless the run's own first anchor says otherwise.
        first = min(anchors, default=None)
        if first is None or (first[0] % 2 == 0) == (first[1] == other):
            run[0].speaker = other
            anchors.append((0, other))
    # First the turns cued by "he" or "she", from the named turns; then the uncued ones, from
    # every cued turn, those just settled included.
    cued = [i for i, t in enumerate(run) if open_turn(i) and t.cued]
    _by_parity(run, anchors, cued, ctx, told_only=not fiction)
    anchors += [(i, t.speaker) for i, t in enumerate(run) if pronominal(t) and t.speaker]
    uncued = [i for i, t in enumerate(run) if open_turn(i) and not t.cued]
    guessed = [run[i].speaker for i in uncued]
    _by_parity(run, anchors, uncued, ctx)
    # What parity leaves unsettled, or only guessed from the paragraph before and left as it
    # was: a guess that parity changed is settled.
    silent = [
        i
        for i, was in zip(uncued, guessed, strict=True)
        if run[i].speaker is None or (dialogue and run[i].carried and run[i].speaker == was)
    ]
    if silent and not anchors and dialogue:
        anchors = _first_voice(text, run, paras, ctx)
        _by_parity(run, anchors, silent, ctx)
    if silent and anchors:
        _partners(run, anchors, silent, ctx)
    if dialogue:
        # Turns a blank line sets apart: a line break alone may only wrap one paragraph.
        apart = [
            i
            for i in range(1, len(run))
            if open_turn(i)
            and not run[i].cued
            and "\n\n" in text[paras[run[i - 1].para].end : paras[run[i].para].start + 1]
        ]
        _answered(run, apart, ctx)


def _other_voice(turns: list[_Quote]) -> str | None:
    """The voice of the turn before the last, when the last two turns have two voices."""
    if len(turns) < 2:
        return None
    last, other = turns[-1].speaker, turns[-2].speaker
    return other if last is not None and other is not None and last != other else None


def _echoes(text: str, turn: _Quote, before: _Quote, name: str) -> bool:
    """Whether a turn's call of `name` echoes the turn before, which said that name (“... at
    the Villa Serena.” / “Villa Serena?”): a word repeated, no one called."""
    called_at = text.find(name, turn.start, turn.end)
    head = text[turn.start : called_at].strip()
    if called_at < 0 or (head and not _is_honorific(head)):
        return False  # "“..., Lise.”" calls her, whoever spoke of her before
    at = text.find(name, before.start, before.end)
    while at >= 0 and not _whole_word_at(text, at, len(name)):
        at = text.find(name, at + 1, before.end)
    return at >= 0


def _narrated_after_words(text: str, p: _Para) -> bool:
    """Whether a paragraph goes on after its last quoted words with a sentence of its own,
    beyond the tag's: "“Am I?” said Bodo hopefully. And then he cheered up."."""
    last = max(text.rfind(mark, p.start, p.end) for mark in _CLOSING_MARKS)
    return last >= 0 and _INNER_SENTENCE_END_RE.search(text, last + 1, p.end) is not None


def _first_voice(
    text: str, run: list[_Quote], paras: list[_Para], ctx: _Ctx
) -> list[tuple[int, str]]:
    """In dialogue, a run of turns that no cue and no name settles, after a paragraph of
    prose: its first turn is the person that paragraph is about (its last subject, else the
    last person it names), who is answered turn by turn. Nothing when no one is named."""
    first = run[0]
    if first.cued or first.para == 0 or first.open_at != paras[first.para].start:
        return []
    prev = paras[first.para - 1]
    if prev.kind is not ParagraphKind.PARAGRAPH:
        return []
    voice = first.speaker or _nearest_person(text, prev.end, prev.start, ctx)
    if voice is None or not _personish(voice):
        return []
    first.speaker = voice
    return [(0, voice)]


def _partners(
    run: list[_Quote], anchors: list[tuple[int, str]], turns: list[int], ctx: _Ctx
) -> None:
    """A turn no parity settles, next to a known voice: the one that voice talks with, the
    nearest other voice of the run, else the last other speaker before the run."""
    start = run[0].open_at
    earlier = _speakers_between(ctx, start - PARTNER_CHARS, start)
    before = [name for _, _, name in reversed(earlier) if _personish(name)]
    index = _Anchors(anchors)
    for i in turns:
        odd = index.nearest(i, 1)
        if odd is None:
            continue
        nearest = index.nearest_other(i, odd[1])
        partner = nearest[1] if nearest else next((n for n in before if n != odd[1]), None)
        if partner is not None:
            run[i].speaker = partner


class _Anchors:
    """The anchors of a run of turns (turn index, speaker), indexed by turn so that each turn
    finds the nearest ones by bisection instead of reading them all: a run of thousands of
    turns costs about as much per turn as a short one."""

    __slots__ = ("_by_parity", "_first", "_names", "_turns")

    def __init__(self, anchors: list[tuple[int, str]]) -> None:
        self._first: dict[int, tuple[int, str]] = {}  # turn -> order and speaker of its first
        self._names: dict[int, list[str]] = {}  # turn -> the speakers anchored there
        for order, (j, name) in enumerate(anchors):
            self._first.setdefault(j, (order, name))
            self._names.setdefault(j, []).append(name)
        self._turns = sorted(self._first)
        self._by_parity = [[j for j in self._turns if j % 2 == k] for k in (0, 1)]

    def _closest(self, i: int, parity: int) -> list[int]:
        """The anchored turns nearest to turn `i` at a distance of that parity, both sides."""
        turns = self._by_parity[(i - parity) % 2]
        k = bisect_left(turns, i)
        found = turns[max(0, k - 1) : k + 1]
        if not found:
            return []
        best = min(abs(i - j) for j in found)
        return [j for j in found if abs(i - j) == best]

    def first(self, i: int, parity: int) -> tuple[int, str] | None:
        """Distance and speaker of the nearest anchor at a distance of that parity; of two as
        near, the one anchored first."""
        near = self._closest(i, parity)
        if not near:
            return None
        j = min(near, key=lambda j: self._first[j][0])
        return abs(i - j), self._first[j][1]

    def nearest(self, i: int, parity: int) -> tuple[int, str] | None:
        """Distance and speaker of the nearest anchor at a distance of that parity; of two as
        near, the first name in alphabetical order."""
        near = self._closest(i, parity)
        if not near:
            return None
        return abs(i - near[0]), min(name for j in near for name in self._names[j])

    def nearest_other(self, i: int, voice: str) -> tuple[int, str] | None:
        """Distance and speaker of the nearest anchor of another voice than `voice`, read out
        from turn `i` no further than `PARTNER_TURNS` anchored turns each side; of two as near,
        the first name in alphabetical order."""
        k = bisect_left(self._turns, i)
        left, right = k - 1, k
        for _ in range(PARTNER_TURNS):
            dl = i - self._turns[left] if left >= 0 else None
            dr = self._turns[right] - i if right < len(self._turns) else None
            if dl is None and dr is None:
                return None
            d = min(x for x in (dl, dr) if x is not None)
            names = []
            if dl == d:
                names += [n for n in self._names[self._turns[left]] if n != voice]
                left -= 1
            if dr == d:
                names += [n for n in self._names[self._turns[right]] if n != voice]
                right += 1
            if names:
                return d, min(names)
        return None


def _answered(run: list[_Quote], turns: list[int], ctx: _Ctx) -> None:
    """Where voices take turns, an uncued turn right after one by the same voice, as guessed,
    is the other voice's: the last other speaker of the run, else before it."""
    for i in turns:
        voice = run[i - 1].speaker
        if voice is None or run[i].speaker != voice:
            continue
        # The last few turns only: a long run costs the same for each turn.
        back = range(i - 2, max(-1, i - 2 - RECALL_SPEAKERS), -1)
        earlier = [run[j].speaker for j in back]
        if not any(earlier):
            start = run[0].open_at
            found = _speakers_between(ctx, start - PARTNER_CHARS, start)
            earlier = [name for _, _, name in reversed(found) if _personish(name)]
        other = next((name for name in earlier if name and name != voice), None)
        if other is not None:
            run[i].speaker = other


def _by_parity(
    run: list[_Quote],
    anchors: list[tuple[int, str]],
    turns: list[int],
    ctx: _Ctx,
    told_only: bool = False,
) -> None:
    """Give each of `turns` the speaker of the nearest anchor an even number of turns away,
    unless the nearest one an odd number away has that same speaker, or the turn's pronoun
    or description ("said her husband") says another gender (with `told_only`, or a gender
    the text does not tell)."""
    if not anchors:
        return
    taken = {j for j, _ in anchors}
    index = _Anchors(anchors)
    for i in turns:
        if i in taken:
            continue
        even, odd = index.first(i, 0), index.first(i, 1)
        if even is None or (odd is not None and odd[1] == even[1]):
            continue
        turn = run[i]
        # What its own tag says of the speaker's gender: "she", or "her husband".
        said = turn.pronoun
        if said is None and turn.cued and turn.speaker:
            said = _described_gender(turn.speaker)
        if said is not None:
            gender = _gender_of(even[1], ctx)
            if gender != said and (gender is not None or told_only):
                # "she said" is not the man two turns back; and where few voices alternate
                # (news), not someone whose gender the text never told.
                continue
        turn.speaker = even[1]


def _written_from(text: str, words: str, lo: int, hi: int) -> int | None:
    """Where `words` are first written as whole words between `lo` and `hi`, or None."""
    at = text.find(words, lo, hi)
    while at >= 0 and not _whole_word(text, at, at + len(words)):
        at = text.find(words, at + 1, hi)
    return at if at >= 0 else None


def _whole_word(text: str, at: int, end: int) -> bool:
    """Whether text[at:end] stands as whole words: no letter touches it on either side."""
    return (at == 0 or not _is_letter(text[at - 1])) and (
        end == len(text) or not _is_letter(text[end])
    )


def _where_written(
    text: str, words: str, near: tuple[int, int], q: _Quote
) -> tuple[int, int] | None:
    """Where `words` (a speaker or a cue) are written as whole words nearest the span `near`,
    outside the quotation's own words; None when they are not written as such nearby.

    Attribution finds a speaker or a cue where it stands, but may reshape it ("Council
    President Ann Ruiz" -> "Ann Ruiz") or carry it over from another quotation; the nearest
    copy is the one a reader checks.
    """
    if not words:
        return None
    lo, hi = max(0, near[0] - WRITTEN_BEFORE_CHARS), min(len(text), near[1] + WRITTEN_AFTER_CHARS)
    best: tuple[int, int] | None = None
    best_distance = 0
    at = text.find(words, lo, hi)
    while at >= 0:
        end = at + len(words)
        if _whole_word(text, at, end) and not (q.start <= at < q.end):
            distance = near[0] - end if end <= near[0] else max(0, at - near[1])
            if best is None or distance < best_distance:
                best, best_distance = (at, end), distance
        at = text.find(words, at + 1, hi)
    return best
