"""Reporting cues: the verb or phrase before a quotation ("Ortiz said that “..."), the
clause after it (", Ortiz said" / ", said Ortiz"), and the speaker each points at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datapkg.segment.lexicon import (
    _ADJACENT_RE,
    _ADVERB_ENDING,
    _AFTER_RE,
    _ANY_AFTER_WORD,
    _ANY_CUE_WORD,
    _ARTICLES,
    _AS_END_RE,
    _AS_WORDS,
    _ASIDE_RE,
    _ASIDE_TAG_VERBS,
    _ATTRIBUTION_CLAUSE_OPENERS,
    _BARE_DETERMINER_RE,
    _BARE_SUBJECTS,
    _BARE_TAG_END_RE,
    _BARE_TAG_VERBS,
    _CALL_OBJECT_STOPS,
    _CALL_WORDS,
    _CLAUSE_OPENERS,
    _CLAUSE_STOP_RE,
    _CLOSING_MARKS,
    _COMPLEMENT_RE,
    _CONTRACTED_SUBJECTS,
    _CUE_GUARDED,
    _CUE_PAIR_RES,
    _CUE_PAIRS,
    _CUE_WORDS,
    _DASHES,
    _EMPHASIS_MARKS,
    _FIRST_PERSON,
    _IMPERSONAL,
    _INTRODUCES_RE,
    _IRREGULAR_PARTICIPLES,
    _LISTED_AFTER_VERBS,
    _NEXT_WORD_RE,
    _NOT_CALLERS,
    _NOT_NAMES,
    _NOUN_DETERMINERS,
    _NP_STARTERS,
    _OBJECT_PRONOUNS,
    _OBJECT_THEN_COMMA_RE,
    _OPENERS,
    _PARENTHETICAL_RE,
    _PARTICIPLE_ENDINGS,
    _PASSIVE_BEFORE_PARTICIPLE,
    _PASSIVE_MARKERS,
    _PASSIVE_REPORT_VERBS,
    _PREPOSITIONS,
    _PRESENT_PARTICIPLE_ENDING,
    _PRONOUN_SUBJECTS,
    _PRONOUNS,
    _SOURCING_PHRASES,
    _SUBJECT_ADVERB_PHRASE_END_RE,
    _SUBJECT_ADVERBS,
    _SUBJECT_ASIDE_RE,
    _SUBJECT_PRONOUNS,
    _TAG_TAIL_PREPOSITIONS,
    _THAT_RE,
    _TOKEN_RE,
    MAX_BARE_TAG_WORDS,
    MAX_CALL_OBJECT_CHARS,
    MAX_CALL_OBJECT_WORDS,
    MAX_REPORTED_CLAUSE_WORDS,
    MAX_SUBJECT_WORDS_AFTER,
    MAX_SUBJECT_WORDS_BEFORE_APPOSITION,
    MAX_TAG_SUBJECT_WORDS,
    MAX_TAG_TAIL_WORDS,
    MAX_THAT_CLAUSE_WORDS,
    MAX_WORDS_AFTER_TRAILING_CUE,
)
from datapkg.segment.mentions import (
    _add_speaker,
    _Ctx,
    _in_other_quote,
    _innermost_open,
    _nearest_person,
)
from datapkg.segment.names import (
    _clean_name,
    _is_person_run,
    _is_thing,
    _leading_adverb,
    _leading_np,
    _name_then_no_noun,
    _np_after,
    _np_before,
    _participle_subject,
    _personish,
    _sentence_subject,
)
from datapkg.segment.text import (
    _bare,
    _is_letter,
    _sentence_end,
    _sentence_start,
)

# Words whose "’s" is "is" or "has", not a possessive: "he’s said", "that’s said".
_CONTRACTED = _PRONOUNS | _BARE_SUBJECTS | _CONTRACTED_SUBJECTS


def _a_noun(text: str, start: int, end: int, lo: int, word: str) -> bool:
    """Whether the cue word at `start` is a noun after a possessive or a determiner: "Mr.
    Moss’s remarks", "their claims", "the comments" ("her" only before a plural: "her
    comments", but "made her say"). The words are then the owner's only when no verb of
    saying comes before ("Ruiz called Moss’s remarks “a disgrace”"). A gerund ("Moss’s
    saying, “...”") and a noun before "that" or a colon ("Moss’s claim that “...”") stay the
    cue."""
    before = text[max(lo, start - 24) : start].split()
    if not before or word.endswith(_PRESENT_PARTICIPLE_ENDING) or _INTRODUCES_RE.match(text, end):
        return False
    prev = before[-1]
    if prev.endswith(("’s", "'s", "s’", "s'")) and len(prev) > 2:
        return prev[:-2].lower() not in _CONTRACTED
    low = prev.lower()
    return low in _NOUN_DETERMINERS and (low != "her" or word.endswith("s"))


def _last_cue(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the last reporting verb (or "according to"-like phrase) in text[lo:hi].

    The words are read from the end, and the first that qualifies is the answer: most
    quotations have their cue right before them. A stretch with no cue word at all is
    answered from one set look-up.
    """
    owned: tuple[int, int] | None = None  # "Moss’s remarks": the cue when no verb is found
    for start, end in _cue_words_backwards(text, lo, hi):
        word = text[start:end].lower()
        if word in _CUE_WORDS:
            if word.endswith("ed") and _adjectival(text, start, lo):
                continue
            if _a_noun(text, start, end, lo, word):
                owned = owned or (start, end)
                continue
            return start, end
        elif word in _CALL_WORDS:
            rest = text[end:hi]
            prev = text[max(lo, start - 12) : start].split()
            if (
                len(rest) < MAX_CALL_OBJECT_CHARS
                and len(rest.split()) <= MAX_CALL_OBJECT_WORDS
                # "called me to comment that ...", "called on residents to stay ...": another verb
                and not _CALL_OBJECT_STOPS.intersection(rest.lower().split())
                and not any(c in rest for c in ",.;:!?")
                and not (prev and (prev[-1].lower() in _NOT_CALLERS or prev[-1].endswith("-")))
                and text[max(lo, start - 1) : start] != "-"
            ):
                return start, end
        elif word in _AS_WORDS:
            rest = text[end:hi]
            prev = text[max(lo, start - 12) : start].split()
            # Not passive ("was accused of “...”": by whom is elsewhere) nor a noun ("her
            # praise for “...”").
            before = prev[-1].lower() if prev else ""
            if (
                len(rest) < 120
                and _AS_END_RE.search(rest)
                and not any(c in rest for c in ".;:!?")
                and before not in _PASSIVE_BEFORE_PARTICIPLE
                and before not in _NOUN_DETERMINERS
            ):
                return start, end
        elif word in _CUE_PAIRS:
            nxt = _CUE_PAIR_RES[word].match(text, end, hi)
            if nxt is not None:
                return start, nxt.end()
        elif (
            word in _CUE_GUARDED
            and _CUE_GUARDED[word].match(text, end, hi)
            and text.rfind("(", lo, start) <= text.rfind(")", lo, start)
        ):
            return start, end  # but not in an aside: "(read: the US)"
    return owned


def _cue_words_backwards(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where the words of text[lo:hi] that may make a cue stand, last first.

    Most stretches hold one cue word or none, so the words are not walked one by one: the
    stretch's words are collected by one regular-expression call and compared with the cue
    words as a set, and each cue word found is looked for in the lower-cased stretch, where a
    copy counts only when it is a whole word ("said", not the "said" of "unsaid").
    """
    low = text[lo:hi].lower()
    if len(low) == hi - lo:
        # Lower-casing keeps every letter a letter, so the words of the lower-cased stretch
        # are the stretch's words lower-cased: one call, no loop here.
        words = _ANY_CUE_WORD.intersection(_TOKEN_RE.findall(low))
        if not words:
            return []
    else:  # lower-casing changed a length ("İ"): walk the words instead
        return [
            m.span()
            for m in reversed(list(_TOKEN_RE.finditer(text, lo, hi)))
            if m.group(0).lower() in _ANY_CUE_WORD
            and not _goes_on_a_name(text, lo, m.start())
            and not _after_determiner(text, lo, m.start())
        ]
    found: list[tuple[int, int]] = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            start, end = lo + at, lo + at + len(word)
            whole = _TOKEN_RE.match(text, start, hi)
            if (
                whole is not None
                and whole.end() == end
                and not _inside_word(text, lo, start)
                and not _goes_on_a_name(text, lo, start)
                and not _after_determiner(text, lo, start)
            ):
                found.append((start, end))
            at = low.find(word, at + 1)
    found.sort(reverse=True)
    return found


def _goes_on_a_name(text: str, lo: int, at: int) -> bool:
    """Whether a capitalised word at `at` goes on a capitalised name before it ("the United
    States", "Truth Says"): a name's word, not a reporting verb."""
    if not text[at].isupper():
        return False
    k = at - 1
    while k >= lo and text[k] in " \t":
        k -= 1
    if k < lo or k == at - 1 or not _is_letter(text[k]):
        return False
    while k > lo and (_is_letter(text[k - 1]) or text[k - 1] in "’'-"):
        k -= 1
    return text[k].isupper()


_LONGEST_DETERMINER = max(map(len, _NOUN_DETERMINERS))


def _after_determiner(text: str, lo: int, at: int) -> bool:
    """Whether the word at `at` follows a determiner, which makes it a noun ("many states",
    "the call"), never a reporting verb."""
    end = at
    while end > lo and text[end - 1] in " \t\n":
        end -= 1
    if end == at:
        return False
    start = end
    while start > lo and end - start < _LONGEST_DETERMINER and text[start - 1].isalpha():
        start -= 1
    return text[start:end].lower() in _NOUN_DETERMINERS


def _inside_word(text: str, lo: int, at: int) -> bool:
    """Whether a word starting at `at` would continue one that starts before it, within
    text[lo:...] ("un|said", "well-|said")."""
    if at <= lo:
        return False
    before = text[at - 1]
    if _is_letter(before):
        return True
    return before in "’'-" and at - 2 >= lo and _is_letter(text[at - 2])


def _as_clause(text: str, s0: int, cue_start: int, cue_end: int) -> bool:
    """Whether the cue ends an "As X said," clause opening its sentence, which gives the rest
    of the sentence to X."""
    head = text[s0:cue_start].split()
    return (
        len(head) >= 2
        and head[0].lower() in _ATTRIBUTION_CLAUSE_OPENERS
        and "," not in text[s0:cue_start]
        and text[cue_end : cue_end + 1] == ","
    )


def _adjectival(text: str, at: int, lo: int) -> bool:
    """A participle used as an adjective: "the newly declared “Caliphate”"."""
    prev = text[max(lo, at - 30) : at].split()
    while prev and prev[-1].endswith("ly"):
        prev.pop()
    return bool(prev) and prev[-1].lower() in _NP_STARTERS


@dataclass(slots=True, frozen=True)
class _Span:
    """A found cue: the bits of `re.Match` that `_cue_before` uses."""

    lo: int
    hi: int
    text: str

    def start(self) -> int:
        return self.lo

    def end(self) -> int:
        return self.hi

    def group(self, _: int = 0) -> str:
        return self.text[self.lo : self.hi]


_Found = tuple[str | None, str | None, int]  # speaker, cue, where the cue is


@dataclass(frozen=True, slots=True)
class _Mention:
    """Someone a cue reports speaking who is not the quotation's source: "One picker ... said
    the phrase ‘...’ had become a joke". A later "he said" may mean them."""

    at: int
    name: str


def _cue_before(
    text: str,
    lo: int,
    pos: int,
    allow_far: bool,
    ctx: _Ctx,
    short: bool = False,
    s0: int | None = None,
) -> _Found | _Mention | None:
    """Speaker, cue and cue position from the sentence before `pos`, if a cue is there.

    A short quotation (a word or two) only counts as reported when the cue is right
    before it ("said that “...”"); a verb further back usually reports something else,
    and its subject comes back as a `_Mention`. Looks only: the caller decides what to
    keep of the answer.
    """
    if s0 is None:
        s0 = _sentence_start(text, pos, lo)
    found = _last_cue(text, s0, pos)
    if found is None or (ctx.opens and _in_other_quote(ctx, found[0], pos)):
        return None  # no cue, or a word of other quoted words ("“Let us admit ...,” she ...")
    last = _Span(*found, text)
    between = text[last.end() : pos]
    cue = last.group(0)
    low = cue.lower()
    reported: bool | None = None  # whether the quotation sits in the cue's "that"-clause
    if _as_clause(text, s0, last.start(), last.end()):
        # "As Ruiz explained, the ferry fares were frozen, “which ...”": the sentence is hers.
        reported = True
    if not reported and not allow_far and len(between) > 80 and not between.rstrip().endswith(":"):
        reported = len(between) <= 160 and _reported_between(text[s0 : last.start()], between, cue)
        if not reported:
            return None
    aside = _aside_tag(text, s0, last.start(), last.end(), pos) if low in _ASIDE_TAG_VERBS else None
    if aside is not None:
        return aside, cue, last.start()  # "The paradox, says Carl Anthony, is that “...”"
    relaxed = False
    if short and not _ADJACENT_RE.fullmatch(between):
        # Their guards keep the quotation right after the object or "as".
        called = low in _CALL_WORDS or low in _AS_WORDS
        if reported is None:
            reported = _reported_between(text[s0 : last.start()], between, cue)
        if not (called or reported):
            # Not this quotation's source, but someone reported speaking, whom a later
            # "he said" may mean: "One picker ... said the phrase ‘...’ had become a joke."
            np = _np_before(text, s0, last.start())
            return _Mention(last.start(), np) if np is not None and _personish(np) else None
        relaxed = True
    head = text[s0 : last.start()].rstrip().rstrip(",").rstrip()
    passive = re.match(r"\s+(?:by|in)\s", text[last.end() : pos])
    before_cue = head.split()[-1].lower() if head.split() else ""
    if (
        passive is not None
        and (low.endswith(_PARTICIPLE_ENDINGS) or low in _IRREGULAR_PARTICIPLES)
        and before_cue in _PASSIVE_BEFORE_PARTICIPLE
    ):
        np = _np_after(text, last.end() + passive.end() - 1, pos)
        if np is not None:
            return np, cue, last.start()
    if _passive_report(low, before_cue):
        return "", cue, last.start()  # "she was told that ...": by someone the text leaves out
    if low in _AS_WORDS and not head:
        return None, cue, last.start()  # "Condemning this as “...”": no subject here
    participle = low.endswith("ing") and low not in _SOURCING_PHRASES
    if (
        participle
        and head
        and head[-1] in "”\"’'"
        and _innermost_open(ctx, s0) < 0  # the sentence starts in prose, not inside words quoted
        and _leading_np(text, s0, last.start())
    ):
        # "... hailed the vote as “fantastic,” telling reporters": the participle's subject is
        # the sentence's, and what follows it is whom it was told to.
        np = _participle_subject(text, s0, last.start())
    elif low in ("according to", "in the words of") or not head or head[-1] in "”\"’'":
        np = _np_after(text, last.end(), pos, low in ("according to", "in the words of"))
        if np is None and low not in ("according to", "in the words of"):
            np = _np_before(text, s0, last.start()) or _nearest_person(text, last.start(), s0, ctx)
    else:
        np = _np_before(text, s0, last.start())
        after_comma = text[s0 : last.start()].rstrip().endswith(",")
        tagged = _tag_subject_before(text, s0, last.start()) if participle and after_comma else None
        if tagged is not None:
            # "..., Marsh said, adding that “...”": who said it adds it.
            np = tagged
        elif participle and after_comma and np and _set_off_late(text, s0, last.start(), np):
            # "... her rival, Bo Lind, saying “...”": a name set off after an object is that
            # object's; the participle goes with the sentence's subject.
            np = _participle_subject(text, s0, last.start())
        elif participle and after_comma and (np is None or not _is_person_run(np)):
            # ", arguing that ...": the participle goes with the sentence's subject, not with
            # the place before its comma ("... in Tulsa, Oklahoma, arguing"); a person set
            # off there is the subject ("Marsh's Secretary of State, Ana Ruiz, ...").
            np = _participle_subject(text, s0, last.start()) or np
        np = np or _sentence_subject(text, s0, last.start())
        if np is None and participle:
            np = _participle_subject(text, s0, last.start())
        if participle and np is not None and _is_thing(np) and _object_of_a_verb(text, s0, np):
            # "Clean Rivers Now issued a statement saying": whoever issued it (but "a footnote
            # in the survey conceding" is the survey's).
            lead = _leading_np(text, s0, last.start())
            if lead is not None and lead != np and not _is_thing(lead):
                np = lead
        if np is not None and np.lower() == "it":
            # "This piece ..., it still ... by describing": the sentence's own subject.
            lead = _leading_np(text, s0, last.start())
            if lead is not None and _bare(lead) not in _SUBJECT_PRONOUNS:
                np = lead
        if relaxed and np is None and not participle and not low.endswith("en"):
            # A subject set off by asides ("A month later, however, Ortiz said she was ‘ready’"):
            # the sentence's leading noun phrase or the person it names before the verb.
            np = _leading_np(text, s0, last.start()) or _nearest_person(text, last.start(), s0, ctx)
            if np is None:
                return "", cue, last.start()  # a source the sentence does not name
        if relaxed and (np is None or _bare(np) in _FIRST_PERSON):
            # "we insist that “failure” ...": the author's own word, set apart; and a
            # participle ("written before the “declaration”") reports nothing said.
            return None
        if short and np is not None and _bare(np.split()[-1]) in _IMPERSONAL:
            return None  # "When people say ‘character’": a word mentioned, not reported
        if np is None:
            np = _nearest_person(text, last.start(), s0, ctx)
    return _subject_aside(text, s0, last.start()) or np, cue, last.start()


def _passive_report(verb: str, before: str) -> bool:
    """Whether a verb of telling or asking, after the word `before`, is passive ("she was
    told", "when asked"): what it reports is the words of someone else."""
    return verb in _PASSIVE_REPORT_VERBS and before in _PASSIVE_MARKERS


def _object_of_a_verb(text: str, s0: int, np: str) -> bool:
    """Whether the noun phrase `np`, found after `s0`, follows a verb rather than a preposition
    or the start of the sentence ("issued a statement", not "in the report")."""
    at = text.rfind(np, s0)
    before = text[s0:at].split() if at > s0 else []
    return bool(before) and before[-1].lower() not in _PREPOSITIONS and before[-1][:1].islower()


def _reported_between(head: str, between: str, cue: str) -> bool:
    """Whether a short quotation away from its reporting verb is still what it reports:
    in its "that"-clause ("told us that the work had been ‘prioritised’") or a clause
    without "that" ("said the bill was ‘a disgrace’"), after a bare article ("promised a
    ‘hub’"), or after a parenthetical cue ("Sales, he said, had ‘collapsed’").

    Partial quotations in indirect speech are the source's words (`direct`), as the
    quotations schema says; what follows "according to" is the source's name, not a clause."""
    flat = re.sub(r"\([^()]*\)", " ", between)
    if any(c in flat for c in '“”"‘'):
        return False
    if _BARE_DETERMINER_RE.fullmatch(flat) or _ASIDE_RE.fullmatch(flat):
        return True
    last = head.rstrip()[-1:]
    inverted = last != "" and (last in _CLOSING_MARKS or last in _DASHES)  # "“Now,”--said Nora, “"
    if _OBJECT_THEN_COMMA_RE.fullmatch(flat) and not inverted:
        return True  # "told the agency simply, “We lost.”": the words the verb reports
    stop = "," in flat or _CLAUSE_STOP_RE.search(flat) is not None
    if _AS_END_RE.search(flat) and len(flat.split()) <= 8 and not stop:
        return True  # "described the scheme as ‘...’"
    if _COMPLEMENT_RE.match(flat) and len(flat.split()) <= 8 and not stop:
        return True  # "insists he is ‘nearly retired’": a clause without "that"
    if _PARENTHETICAL_RE.search(head) and re.fullmatch(r",\s*(?:[\w’'-]+\s+){1,3}", flat):
        return True
    if (
        _PARENTHETICAL_RE.search(head)
        and re.fullmatch(r",[^,;:.!?]+", flat)
        and len(flat.split()) <= MAX_REPORTED_CLAUSE_WORDS
    ):
        return True  # "But, Ruiz added, he would not close schools ‘willy-nilly.’": her clause
    if _CLAUSE_STOP_RE.search(flat):
        return False
    after_that = max((m.end() for m in _THAT_RE.finditer(flat)), default=-1)
    if after_that >= 0:
        return len(flat[after_that:].split()) <= MAX_THAT_CLAUSE_WORDS
    # Indirect speech without "that": "said the bill was ‘a disgrace’". A clause of its own,
    # unbroken by a comma, is still what the verb reports; a capitalised verb is a title's.
    clause = cue.islower() and cue.lower() not in _SOURCING_PHRASES
    return clause and "," not in flat and len(flat.split()) <= MAX_REPORTED_CLAUSE_WORDS


def _cue_after(
    text: str, content_end: int, end: int, hi: int, open_at: int = -1, lo: int = 0
) -> tuple[str | None, str] | None:
    """Speaker and cue right after a closing mark: ", Voss declared" / ", said Mr X".

    The quotation must end its clause (a comma, "!" or "?" at the mark, or "as he
    says"); a new sentence after a full stop is never its attribution. A tag that goes on
    with a colon to more words reports those, unless the quotation before it opens its
    sentence (its opening mark at `open_at`, in a paragraph from `lo`) and ends with a comma:
    "“Yes,” the Tinker grumbled: “...”" tags both.
    """
    if end < hi and text[end] in ".!?":
        return None  # the sentence ended with the quotation
    k = content_end - 1
    while k > 0 and text[k] in _EMPHASIS_MARKS:
        k -= 1  # "“... _now!_” she sobbed": the mark the emphasis holds
    while k > 0 and text[k] in "’”\"'" and text[k - 1] in ",.!?…":
        k -= 1  # "... said, ‘No,’” Briggs said": the inner quotation's last mark
    last = text[k] if content_end > 0 else ""
    m = _AFTER_RE.match(text, end, min(hi, end + 140))
    if m is None:
        return None
    following = text[end : m.end()].lstrip(",;–—- ")
    colon = text[m.end() : m.end() + 3].strip()[:1] == ":"
    # One short tag between two pieces, not a clause of its own ("..., said Mary, and Ann,
    # after a moment, said:" introduces Ann's words).
    split_tag = (
        colon
        and last == ","
        and "," not in following
        and open_at >= 0
        and _sentence_start(text, open_at, lo) == open_at
    )
    if _INTRODUCES_RE.match(text, m.end(), hi) and (m.group("cue1") or colon) and not split_tag:
        return None  # ", replied: “...”" / ", 72 percent said that ...": it reports what follows
    # "“… niches” Pardoe said." / "“… missing.” Marsh said.": a tag without the usual comma.
    tagged = _bare_tag(text, m, hi)
    if last in ".…" and following[:1].isupper() and not tagged:
        return None
    word = following.split(" ", 1)[0]
    if last in "!?" and word in _OPENERS:
        return None  # "“A ghost!” The children agreed": a new sentence about others
    if last in "!?" and word[:1].isupper() and _bare(word) in _PRONOUN_SUBJECTS:
        # "“Stop!” He ran.": a new sentence; "“Stop!” he cried." goes on. "I" is written
        # with a capital anywhere: "“Stop!” I cried." goes on when a listed verb follows.
        first_person_tag = word == "I" and (m.group("cue1") or "").lower() in _LISTED_AFTER_VERBS
        if not first_person_tag:
            return None
    clause_end = last in ",!?" or text[end : end + 1] in (",", ";")
    # A verb in lower case right after the mark, then its subject, starts no sentence,
    # whatever mark the words end with: "“... to take--” began Odile." (but "the advertisement
    # “...” suggests that ..." has no subject after its verb).
    if not clause_end and m.group("cue2") is not None and following[:1].islower():
        inverted = _read_attribution(text, m, hi)
        subject = inverted[0] if inverted is not None else None
        # A lone word in lower case is a subject only as a pronoun ("began she", not
        # "proceeded hilariously").
        lone_word = subject is not None and " " not in subject and subject.islower()
        if inverted is not None and subject and not (lone_word and subject not in _PRONOUNS):
            return subject, inverted[1]
    # Words cut off with no mark at all ("… niches” Pardoe said.") may still be tagged; a
    # semicolon or a dash says the sentence goes on ("… now;” Mirela sighed.").
    j = content_end - 1
    while j > 0 and text[j].isspace():
        j -= 1
    untagged = (j >= 0 and text[j] in ";:—–-") or not tagged
    if not clause_end and not following.lower().startswith("as ") and untagged:
        return None
    found = _read_attribution(text, m, hi)
    return None if found is None else (found[0], found[1])


def _aside_tag(text: str, s0: int, cue_start: int, cue_end: int, pos: int) -> str | None:
    """The person named by a speech tag set off inside its sentence, verb first ("The
    puzzle of Ada, says Ivo Marsh, archivist, is that “...”"), or None."""
    if not text[s0:cue_start].rstrip().endswith(","):
        return None
    named = _np_after(text, cue_end, pos)
    if named is None or not named[:1].isupper() or not _is_person_run(named):
        return None
    at = text.find(named, cue_end, pos)
    return named if at >= 0 and text[at + len(named) : at + len(named) + 1] == "," else None


def _subject_aside(text: str, s0: int, pos: int) -> str | None:
    """The person a speech tag set off in the sentence before `pos` names, subject first
    ("Vice President Ann Ruiz, Moss said, had “...”", "KVRN, Marsh said, called it “...”"): the
    source of all the sentence reports, whatever its own verb; else None."""
    found = None
    for m in _SUBJECT_ASIDE_RE.finditer(text, s0, pos):
        found = m
    if found is None:
        return None
    name = _clean_name(found.group(1))
    lone = " " not in name and name not in _NOT_NAMES  # "Marsh said"
    return name if name and (_is_person_run(name) or lone) else None


def _tag_subject_before(text: str, s0: int, comma_at: int) -> str | None:
    """The subject of a speech tag that ends right before a participle's comma ("Ivo Marsh
    said, adding", "Ortiz said Monday in Leeds, noting"), or None."""
    found = _last_cue(text, s0, comma_at)
    if found is None:
        return None
    tail = text[found[1] : comma_at].rstrip().rstrip(",")
    words = tail.split()
    if words and not (words[0].lower() in _TAG_TAIL_PREPOSITIONS or words[0][:1].isupper()):
        return None  # "she repeated her offer, adding": the verb's object, not when or where
    if (
        len(words) > MAX_TAG_TAIL_WORDS
        or any(c in tail for c in '“”"‘,;:')
        or _THAT_RE.search(tail) is not None
    ):
        return None  # "... said the plan was dead, adding": a clause of its own before it
    before = text[s0 : found[0]].split()
    owner = before[-1] if before else ""
    if owner.endswith(("’s", "'s", "’", "'")) or owner.lower() in _NOUN_DETERMINERS:
        return None  # "... with Voss’ remarks Monday, telling": a noun, not a tag
    return _np_before(text, s0, found[0])


def _set_off_late(text: str, s0: int, cue_start: int, name: str) -> bool:
    """Whether `name`, right before a participle's comma, is set off by commas after more of
    the sentence than a subject's noun phrase ("... remarks about her rival, Bo Lind,", not
    "On 2 April, Marsh’s Secretary of State, Ana Ruiz,")."""
    at = text.rfind(name, s0, cue_start)
    if at < 2 or text[at - 2 : at] != ", ":
        return False
    # What the name stands in apposition to: back to the comma before (fronted phrases such
    # as "Two days later, on 2 April," are set off too).
    start = max(s0, text.rfind(",", s0, at - 2) + 1)
    return len(text[start : at - 2].split()) > MAX_SUBJECT_WORDS_BEFORE_APPOSITION


def _bare_tag(text: str, m: re.Match[str], hi: int) -> bool:
    """Whether an `_AFTER_RE` match is a whole sentence that only says who spoke: a short
    name, a reporting verb and a full stop ("Pardoe said.", "Marsh said on Friday."), which
    attributes the quotation before it even with no comma at the closing mark."""
    cue, np = m.group("cue1"), m.group("np")
    if not cue or cue.lower() not in _BARE_TAG_VERBS or not np:
        return False
    toks = np.split()
    if len(toks) > MAX_BARE_TAG_WORDS or not all(t[:1].isupper() for t in toks):
        return False
    if any(_bare(t) in _PRONOUNS or _bare(t) in _SUBJECT_PRONOUNS for t in toks):
        return False  # "“Stop.” He said nothing more.": a pronoun may start any sentence
    tail = _BARE_TAG_END_RE.match(text, m.end(), hi)
    if tail is None or _THAT_RE.search(text, m.end(), tail.end()):
        return False
    # "“...” Mrs. Pardoe agreed to it.": an act towards someone or something, not a tag
    return not any(_bare(t) in _OBJECT_PRONOUNS for t in text[m.end() : tail.end()].split())


def _tag_subject(toks: list[str]) -> bool:
    """Whether the words before a verb no list holds make the subject of a speech tag: a name,
    a pronoun or a short noun phrase ("Pim", "she", "the old man")."""
    first = toks[0]
    short = len(toks) <= MAX_TAG_SUBJECT_WORDS
    pronoun = _bare(first) in _PRONOUNS or _bare(first) in _SUBJECT_PRONOUNS
    return short and (first[:1].isupper() or pronoun or first in _ARTICLES)


def _read_attribution(text: str, m: re.Match[str], hi: int) -> tuple[str | None, str, bool] | None:
    """Speaker and cue of an `_AFTER_RE` match, and whether the subject came before the
    verb (", Voss declared") rather than after it (", said Mr X"); None when what stands
    before the verb cannot be a subject."""
    if m.group("cue1"):
        toks = m.group("np").split()
        if toks and toks[0].lower() in _CUE_WORDS:
            # ", said Dan Reyes when asked": the verb comes first, and what follows it is
            # its subject; no subject starts with a reporting verb.
            verb_end = m.start("np") + len(toks[0])
            return _np_after(text, verb_end, hi), text[m.start("np") : verb_end], False
        if toks and toks[0].lower() in _CLAUSE_OPENERS:
            toks = toks[1:]  # ", which he says" / ", as he put it"
        while len(toks) > 1 and _leading_adverb(toks[0], toks[1]):
            toks = toks[1:]  # ", suddenly she exclaimed" / ", then Ada said"
        if len(toks) > 1 and _bare(toks[0]) in _SUBJECT_PRONOUNS and toks[1][:1].islower():
            toks = toks[:1]  # ", I could not help smiling": the pronoun is the subject
        if any(_bare(t) in _SUBJECT_PRONOUNS for t in toks[1:]):
            return None  # "“Oh!” Then he nodded and said": a sentence with its own subject
        while len(toks) > 1 and toks[-1] in _SUBJECT_ADVERBS:
            toks = toks[:-1]  # ", my father often said"
        # " the Duchess at last exclaimed": a phrase that stands for an adverb.
        toks = _SUBJECT_ADVERB_PHRASE_END_RE.sub("", " ".join(toks)).split() or toks
        if len(toks) == 1 and toks[0].islower() and toks[0].endswith(_ADVERB_ENDING):
            # ", angrily demanded the matron": an adverb, then the verb and its subject
            return _np_after(text, m.end("cue1"), hi), m.group("cue1"), False
        named = _name_then_no_noun(toks) if len(toks) > 1 else None
        if named is not None:
            toks = named.split()  # ", Ada forced herself to say": Ada
        np = " ".join(toks)
        if not np or any(c in np for c in '“”"') or len(toks) > MAX_SUBJECT_WORDS_AFTER:
            return None
        if m.group("cue1").lower() not in _LISTED_AFTER_VERBS and not _tag_subject(toks):
            return None  # "“...,” but stopped short of calling it motivated.": no tag
        return np, m.group("cue1"), True
    if m.group("cue2").lower().endswith("ing"):
        return None  # "“...,” telling reporters": the participle's subject is before the words
    return _np_after(text, m.end(), hi), m.group("cue2"), False


def _cue_at_sentence_end(text: str, close_at: int, hi: int) -> tuple[str, str] | None:
    """Speaker and cue of a sentence that ends with its attribution, after a quotation inside
    it: "The vote signals “the end” for the union, said Ada Vos, its founder." / "..., Ada
    Vos said." The attribution follows a comma; the words before it hold no other quotation.
    Words that end their sentence inside the marks, followed by a capital, end it there:
    "“... let you in.” He was looking up, and Odile thought" is no attribution."""
    if text[close_at - 2 : close_at - 1] in (".", "!", "?"):
        after = _NEXT_WORD_RE.match(text, close_at)
        if after is not None and after.group(1)[:1].isupper():
            return None
    end = _sentence_end(text, close_at + 1, hi)
    first = text.find(",", close_at + 1, end)
    if first < 0 or any(c in text[close_at + 1 : first] for c in '“”"‘'):
        return None
    # The attribution lies before any other quotation mark (nothing after its verb has one).
    tail = text[first:end]
    stop = first + min((k for k in map(tail.find, '“”"‘') if k >= 0), default=len(tail))
    words = text[first:stop].lower()
    # Most sentences go on without a reporting verb: one look at their words says so.
    if len(words) == stop - first and not _ANY_AFTER_WORD.intersection(_TOKEN_RE.findall(words)):
        return None
    comma, before = first, close_at
    while comma >= 0:
        found = _attribution_at(text, comma, end)
        if found is not None:
            named = " ".join(text[before + 1 : comma].split())
            if found[0].split()[0] in _NP_STARTERS and _is_name(named):
                # An apposition the writer did not close: ", Nate Lund, the pollster who
                # founded the site tweeted." is Nate Lund's.
                return named, found[1]
            return found
        before, comma = comma, text.find(",", comma + 1, stop)
    return None


def _is_name(words: str) -> bool:
    """Whether `words` are a person's name and nothing else ("Nate Lund", not "for Mr. Vos")."""
    return all(w[:1].isupper() for w in words.split()) and _is_person_run(words)


def _attribution_at(text: str, comma: int, end: int) -> tuple[str, str] | None:
    """ ", said Ada Vos, its founder." or ", Ada Vos said." from `comma` to the sentence's
    `end`, and nothing after it but a few words ("on Monday")."""
    m = _AFTER_RE.match(text, comma, end)
    if m is None:
        return None
    rest = text[m.end() : end]
    found = _read_attribution(text, m, end)
    if found is None or any(c in rest for c in '“”"‘'):
        return None
    np, cue, subject_first = found
    if np is None:
        return None
    if subject_first:
        return (np, cue) if _ends_the_sentence(rest) else None
    # ", said Ada Vos, its founder." / ", according to a person at the depot."
    return (np, cue) if np[:1].isupper() or cue.lower() in _SOURCING_PHRASES else None


def _ends_the_sentence(rest: str) -> bool:
    """Whether what follows ", Ada Vos said" leaves the verb ending its sentence: nothing but
    a few words of when, where or how ("Tuesday in Paris"), then at most a participle's
    phrase (", noting ..."); never a clause of its own ("said he was ...")."""
    head, comma, tail = rest.partition(",")
    words = [_bare(w) for w in head.split()]
    if any(c in head for c in ";:") or len(words) > MAX_WORDS_AFTER_TRAILING_CUE:
        return False
    if any(w in _SUBJECT_PRONOUNS or w == "that" for w in words):
        return False
    if not comma:
        return True
    following = tail.split()
    return bool(following) and following[0].lower().endswith("ing") and ";" not in tail


def _cue(
    text: str, lo: int, pos: int, allow_far: bool, ctx: _Ctx, s0: int | None = None
) -> _Found | None:
    """`_cue_before` for a quotation of any length, which is never a mere mention."""
    found = _cue_before(text, lo, pos, allow_far, ctx, False, s0)
    return None if isinstance(found, _Mention) else found


def _noted(found: _Found | _Mention | None, ctx: _Ctx) -> _Found | None:
    """The cue found; a mention is kept among the document's speakers instead."""
    if isinstance(found, _Mention):
        _add_speaker(ctx, found.at, found.name)
        return None
    return found
