"""Where speakers are attributed: reporting cues before and after a quotation, the noun
phrases and names they point at, pronouns resolved to people, and speakers shared by
the quotations that continue one another (see the package docstring for the rules).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from datapkg.models import Mark, ParagraphKind
from datapkg.segment.lexicon import (
    _ABBREVIATION_END_RE,
    _ADJACENT_RE,
    _AFTER_RE,
    _APPOSED_NAME_RE,
    _AS_END_RE,
    _AS_WORDS,
    _ASIDE_RE,
    _AUXILIARIES,
    _BARE_DETERMINER_RE,
    _BARE_SUBJECTS,
    _CALL_WORDS,
    _CAP_RUN_RE,
    _CITATION_RE,
    _CLOSER,
    _COMPLEMENT_RE,
    _CONTRACTION_RE,
    _COPULA_END_RE,
    _CUE_GUARDED,
    _CUE_PAIR_RES,
    _CUE_PAIRS,
    _CUE_WORDS,
    _DASH_NAME_RE,
    _DETERMINERS,
    _FIRST_PERSON,
    _FULL_NAME_RUN_RE,
    _GENDER_HONORIFICS,
    _GENDERED_RE,
    _HONORIFICS,
    _IMPERSONAL,
    _INDEFINITES,
    _INNER_SENTENCE_END_RE,
    _INTRODUCES_RE,
    _KIN_NAMES,
    _KIN_NP_RE,
    _KIN_WORDS,
    _MALE_KIN,
    _MAX_NAME_RUN_CHARS,
    _NAME_WORD_RE,
    _NOT_CALLERS,
    _NOT_NAMES,
    _NP_AFTER_RE,
    _NP_PREPOSITIONS,
    _NP_STARTERS,
    _NP_STOPS,
    _OPENERS,
    _ORG_WORDS,
    _PARENTHETICAL_RE,
    _PARTICLE_NAME_RE,
    _PASSIVE_MARKERS,
    _PERSON_NOUNS,
    _PREPOSITIONS,
    _PRONOUNS,
    _ROLE_BEFORE_NAME,
    _ROLE_WORDS,
    _SAYING_WORDS,
    _SENTENCE_END,
    _SPACE_CAPITAL_RE,
    _SUBJECT_BEFORE_COMMA_RE,
    _SUBJECT_FILLERS,
    _SUBJECT_LEAD_RE,
    _SUBJECT_PRONOUNS,
    _SUBJECT_RE,
    _SUBORDINATORS,
    _THAT_RE,
    _THING_WORDS,
    _TOKEN_RE,
    _VERBISH,
    _WIDE_NP_AFTER_RE,
    _WORDS_OF_RE,
)
from datapkg.segment.spans import _Para, _Quote
from datapkg.segment.text import (
    _bare,
    _blank,
    _particle_start,
    _sentence_start,
    _word_count,
)


def _last_cue(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the last reporting verb (or "according to"-like phrase) in text[lo:hi]."""
    best: tuple[int, int] | None = None
    for m in _TOKEN_RE.finditer(text, lo, hi):
        word = m.group(0).lower()
        if word in _CUE_WORDS:
            if not (word.endswith("ed") and _adjectival(text, m.start(), lo)):
                best = (m.start(), m.end())
        elif word in _CALL_WORDS:
            rest = text[m.end() : hi]
            prev = text[max(lo, m.start() - 12) : m.start()].split()
            if (
                len(rest) < 40
                and len(rest.split()) <= 3
                and not any(c in rest for c in ",.;:!?")
                and not (prev and (prev[-1].lower() in _NOT_CALLERS or prev[-1].endswith("-")))
                and text[max(lo, m.start() - 1) : m.start()] != "-"
            ):
                best = (m.start(), m.end())
        elif word in _AS_WORDS:
            rest = text[m.end() : hi]
            if len(rest) < 120 and _AS_END_RE.search(rest) and not any(c in rest for c in ".;:!?"):
                best = (m.start(), m.end())
        elif word in _CUE_PAIRS:
            nxt = _CUE_PAIR_RES[word].match(text, m.end(), hi)
            if nxt is not None:
                best = (m.start(), nxt.end())
        elif (
            word in _CUE_GUARDED
            and _CUE_GUARDED[word].match(text, m.end(), hi)
            and text.rfind("(", lo, m.start()) <= text.rfind(")", lo, m.start())
        ):
            best = (m.start(), m.end())  # but not in an aside: "(read: the US)"
    return best


def _adjectival(text: str, at: int, lo: int) -> bool:
    """A participle used as an adjective: "the newly declared “Caliphate”"."""
    prev = text[max(lo, at - 30) : at].split()
    while prev and prev[-1].endswith("ly"):
        prev.pop()
    return bool(prev) and prev[-1].lower() in _NP_STARTERS


def _clean_name(run: str) -> str:
    """Drop role words before a name: "US Secretary of Defense Robert Gates" -> "Robert Gates".

    A person's affiliation after "of" goes too ("Major X of Y Consultancy" -> "Major X"),
    and a sentence-initial verb before an honorific ("Continues Mr X" -> "Mr X").
    """
    toks = run.split()
    for k in range(1, len(toks)):
        if toks[k] in _HONORIFICS and toks[k - 1] not in _HONORIFICS:
            toks = toks[k:]
            break
    if "of" in toks:
        head = " ".join(toks[: toks.index("of")])
        if _is_person_run(head):
            return head
    cut = -1
    for k, t in enumerate(toks):
        acronym = t.isupper() and len(t) <= 4 and k < len(toks) - 1
        if t in _ROLE_WORDS or acronym or (t == "of" and cut == k - 1):
            cut = k
    rest = toks[cut + 1 :]
    while rest and rest[0] in ("of",):
        rest = rest[1:]
    if rest and not (len(rest) == 1 and rest[0] in _ORG_WORDS):
        return " ".join(rest)
    return run


def _is_person_run(run: str) -> bool:
    toks = run.split()
    if not toks or toks[0] in _NOT_NAMES:
        return False
    if any(t in _ORG_WORDS or t in _ROLE_WORDS for t in toks):
        return False
    if toks[0] in _HONORIFICS and len(toks) >= 2:
        return True
    caps = [t for t in toks if t[0].isupper() or _PARTICLE_NAME_RE.match(t)]
    if len(toks) >= 3 and toks[-1].endswith("s") and toks[-1][-2:-1].islower():
        return False  # a body of people: "Special Police Commandos", "Iraqi Security Forces"
    return len(caps) >= 2 and not all(t.isupper() for t in caps)


def _strip_leading_function_words(run: str) -> str:
    toks = run.split()
    while toks and toks[0] in _NOT_NAMES:
        toks = toks[1:]
    return " ".join(toks)


@dataclass(slots=True)
class _Ctx:
    """What attribution knows about the whole document, beyond the sentence at hand."""

    surnames: frozenset[str]  # last words of the full names the text mentions
    opens: list[int]  # opening marks of the marked quotations, in text order
    closes: list[int]  # their closing positions
    # Speakers found so far, as (position, order found, name), kept sorted so that a look-up
    # reads only the window it needs: the cost per quotation stays bounded.
    speakers: list[tuple[int, int, str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # a name's last word -> "he"/"she"


def _document_surnames(text: str) -> frozenset[str]:
    """Last words of the person-like full names in `text` ("Kelly Osei" -> "Osei")."""
    out: set[str] = set()
    seen: set[str] = set()
    for m in _FULL_NAME_RUN_RE.finditer(text):
        if m.end() - m.start() > _MAX_NAME_RUN_CHARS:
            continue  # a run of capitals this long is a heading or a list, not a name
        raw = m.group(0)
        if " " not in raw or raw in seen:
            continue  # a lone word is never a full name (nor two joined by a tab)
        seen.add(raw)
        run = _strip_leading_function_words(raw.removesuffix("’s").removesuffix("'s"))
        if not run:
            continue
        # "Council President Marisol Yee": the name after the role words.
        name = _clean_name(run)
        if not _is_person_run(name):
            continue
        toks = name.split()
        if toks[0] in _HONORIFICS:
            toks = toks[1:]
        if 1 <= len(toks) <= 3 and all(_NAME_WORD_RE.fullmatch(t) for t in toks):
            out.add(toks[-1])
    return frozenset(out)


def _add_speaker(ctx: _Ctx, at: int, name: str) -> None:
    insort(ctx.speakers, (at, len(ctx.speakers), name))


def _speakers_between(ctx: _Ctx, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The speakers found at positions lo <= at < hi, in position order (ties: found first)."""
    return ctx.speakers[bisect_left(ctx.speakers, (lo,)) : bisect_left(ctx.speakers, (hi,))]


def _in_other_quote(ctx: _Ctx, at: int, pos: int) -> bool:
    """Whether `at` lies inside a quotation that does not also hold `pos`."""
    k = bisect_right(ctx.opens, at) - 1
    stop = max(-1, k - 4)
    while k > stop:
        if ctx.opens[k] < at < ctx.closes[k] and not ctx.opens[k] < pos <= ctx.closes[k]:
            return True
        k -= 1
    return False


def _before_verb(text: str, end: int) -> bool:
    """Whether the word after `end` looks like the verb of a clause."""
    m = _TOKEN_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    if m is None:
        return text[end : end + 1] == ","
    word = m.group(0).lower()
    return word in _VERBISH or word in _CUE_WORDS or (word.endswith("ed") and len(word) > 3)


def _personish(name: str) -> bool:
    """A speaker that he/she may refer back to: not an organisation, a thing or a pronoun."""
    toks = name.split()
    if not toks or toks[0].lower() in _PRONOUNS | _BARE_SUBJECTS:
        return False
    if len(toks) == 1 and toks[0].lower() in _INDEFINITES:
        return False
    return not any(t in _ORG_WORDS or t.lower().removesuffix("s") in _THING_WORDS for t in toks)


def _lone_name(text: str, run: str, at: int, end: int, lo: int, ctx: _Ctx) -> bool:
    """Whether a lone capitalised word is a person's name where it stands."""
    if run in _ORG_WORDS or run in _NOT_NAMES or run.isupper():
        return False
    if run in _KIN_NAMES:
        return True
    before = text[max(lo, at - 20) : at]
    words = before.split()
    prev = words[-1].lower().strip(",") if words else ""
    if prev in _ROLE_BEFORE_NAME or prev in _KIN_WORDS:
        return True
    if run in ctx.surnames and (prev in _CUE_WORDS or _before_verb(text, end)):
        return True
    # An apposition: "my projectionist, Dwayne," / "My butty, Alun —".
    after = text[end : end + 2]
    return (
        before.endswith(", ")
        and len(words) >= 1
        and words[-1][:1].islower()
        and (after[:1] == "," or after in (" —", " –", " -"))
    )


def _note_gender(text: str, name: str, end: int, hi: int, ctx: _Ctx) -> None:
    """Learn a name's gender from its honorific or the first he/she/his/her after it in its
    sentence ("Gaskell had sold her house")."""
    key = name.split()[-1]
    if key in ctx.genders:
        return
    first = name.split()[0]
    if first in _GENDER_HONORIFICS:
        ctx.genders[key] = _GENDER_HONORIFICS[first]
        return
    stop = min(hi, end + 120)
    for k in range(end, stop):
        if text[k] in ".!?\n" or text[k].isupper():  # the sentence ends, or another name
            stop = k
            break
    m = _GENDERED_RE.search(text, end, stop)
    if m is not None:
        ctx.genders[key] = "he" if m.group(1) else "she"


def _is_subject_at(text: str, at: int, start: int) -> bool:
    """Whether a mention at `at` opens its sentence, maybe after a short fronted phrase or an
    apposition ("His wife, Maureen, ...", "Back at the centre, Dorsey ...")."""
    if at == start or "\n" in text[max(start, at - 3) : at]:
        return True
    return _SUBJECT_LEAD_RE.search(text, max(start, at - 60), at) is not None


def _nearest_person(
    text: str, pos: int, lo: int, ctx: _Ctx, pronoun: str | None = None
) -> str | None:
    """The person-like name before `pos` that he/she most likely refers to.

    Sentence subjects of its own paragraph, and speakers found there, win over names met
    mid-sentence; possessives ("Carter’s adviser") and names inside other quotations are
    skipped, and inside a quotation the people it mentions come first. A lone word counts
    when it is the surname of a full name in the text, or a role, kinship or apposition
    marks it as a name ("president Bush", "his wife, Ann,"); "my father" counts too.
    """
    start = max(lo, pos - 1500)
    # Only a subject in the pronoun's own paragraph outranks a later, nearer name. Looked for
    # in the window only: every candidate lies in it, and the search stays bounded.
    para_start = text.rfind("\n", start, pos) + 1
    found: list[tuple[int, str, bool]] = []
    for m in _CAP_RUN_RE.finditer(text, start, pos):
        hyphen = m.start() > 0 and text[m.start() - 1] == "-"
        at = _particle_start(text, m.start()) if hyphen else m.start()
        raw = text[at : m.end()]
        possessive = raw.endswith(("’s", "'s"))
        if ctx.opens and _in_other_quote(ctx, at, pos):
            continue
        run = _strip_leading_function_words(raw.removesuffix("’s").removesuffix("'s"))
        if not run:
            continue
        name: str | None = None
        if _is_person_run(run):
            name = _clean_name(run)
        elif " " not in run and _lone_name(text, run, at, m.end(), start, ctx):
            name = run
        if name is None:
            continue
        if pronoun in ("he", "she"):
            _note_gender(text, name, m.end(), pos, ctx)
            if ctx.genders.get(name.split()[-1], pronoun) != pronoun:
                continue
        # "Carter’s adviser": never the subject
        subject = (
            not possessive and m.start() >= para_start and _is_subject_at(text, m.start(), start)
        )
        found.append((m.start(), name, subject))
    for m in _KIN_NP_RE.finditer(text, start, pos):
        kin = m.group(1)
        if _SPACE_CAPITAL_RE.match(text, m.end(), m.end() + 2):
            continue  # "my uncle Teo": the name is the mention
        gender = "he" if kin in _MALE_KIN else "she"
        if (pronoun is not None and gender != pronoun) or _in_other_quote(ctx, m.start(), pos):
            continue
        subject = m.start() >= para_start and _is_subject_at(text, m.start(), start)
        found.append((m.start(), m.group(0), subject))
    for at, _, name in _speakers_between(ctx, start, pos):
        if not _personish(name) or _in_other_quote(ctx, at, pos):
            continue
        if pronoun is not None and ctx.genders.get(name.split()[-1], pronoun) != pronoun:
            continue
        found.append((at, name, at >= para_start))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    inside = _innermost_open(ctx, pos)
    if inside >= 0:
        within = [f for f in found if f[0] > inside]
        if within:
            found = within  # "‘Dad ... every time he asks me ...’": Dad, not the speaker
    subjects = [name for _, name, subj in found if subj]
    return subjects[-1] if subjects else found[-1][1]


def _innermost_open(ctx: _Ctx, pos: int) -> int:
    """Opening mark of the innermost quotation holding `pos`, or -1."""
    k = bisect_right(ctx.opens, pos - 1) - 1
    stop = max(-1, k - 4)
    while k > stop:
        if ctx.opens[k] < pos <= ctx.closes[k]:
            return ctx.opens[k]
        k -= 1
    return -1


def _sentence_subject(text: str, s0: int, pos: int) -> str | None:
    """A name opening the sentence and followed by an apposition: "The FT, one of ...,"."""
    m = _SUBJECT_BEFORE_COMMA_RE.match(text, s0, pos)
    if m is None:
        return None
    run = m.group(0)
    first = run.split()[0]
    return run if first not in _NOT_NAMES or first in ("The", "the") else None


def _np_back(toks: list[str]) -> str | None:
    """The noun phrase that ends `toks`, back to its determiner ("... put up a poster")."""
    out: list[str] = []
    for t in reversed(toks):
        low = t.lower()
        if low in _NP_STARTERS or low.endswith(("’s", "'s", "s’")) or low in ("my", "your"):
            out.append(t)
            break
        if low in _NP_STOPS or t in _NOT_NAMES or not t[0].isalnum():
            break
        out.append(t)
        if len(out) > 6:
            return None
    return " ".join(reversed(out)) or None


def _ends_np(word: str, prev: str, nxt: str, named: bool) -> bool:
    """Whether `word` no longer belongs to the noun phrase that `prev` ends: it is a verb,
    an adverb or a clause word ("His brother was", "Peress picks up", "the FT of 20 March
    correctly observed")."""
    low = word.lower()
    if low in _NP_STOPS and low not in _NP_PREPOSITIONS:
        return True
    if low in _NP_PREPOSITIONS:
        return nxt[:1].isdigit()  # "the Financial Times of 20 March"
    if low.endswith("ed") and len(low) > 4 and prev.lower() not in _DETERMINERS:
        return True
    if named and word[0].islower() and _is_name_token(prev):
        return True  # a name ends at the first lower-case word: "Peress picks up"
    return (
        low.endswith("s")
        and word[0].islower()
        and prev[:1].islower()
        and prev.lower() not in _DETERMINERS
        and not prev.endswith(("’s", "'s"))
    )


def _is_name_token(tok: str) -> bool:
    """A capitalised word that can be part of a name (not "The", "This" or "His")."""
    return (
        bool(tok)
        and (tok[0].isupper() or _PARTICLE_NAME_RE.match(tok) is not None)
        and tok not in _OPENERS
        and tok not in _NOT_NAMES
        and not tok.endswith(("’s", "'s"))
    )


def _leading_np(text: str, s: int, e: int) -> str | None:
    """The subject at the start of a sentence: a pronoun, a name or a noun phrase."""
    seg = text[s:e]
    toks = seg.split()
    # An opening adverbial ("At nine o’clock, Varga ...", "When he got home, he ...").
    if toks and toks[0] not in _OPENERS and _bare(toks[0]) not in _SUBJECT_PRONOUNS:
        low = toks[0].lower()
        if low in _PREPOSITIONS or low in _SUBORDINATORS or toks[0] in _NOT_NAMES:
            comma = seg.find(",")
            if comma < 0 or comma > 80:
                return None
            seg = seg[comma + 1 :]
            toks = seg.split()
    if not toks:
        return None
    first = _bare(toks[0])
    if first in _SUBJECT_PRONOUNS:
        return first if first != "i" else "I"
    if toks[0] in _NOT_NAMES and toks[0] not in _OPENERS:
        return None
    out: list[str] = []
    comma_after = False
    for k, t in enumerate(toks[:8]):
        word = t.strip(",;:")
        if not word:
            break
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if k > 0 and _ends_np(word, out[-1], nxt, _is_name_token(out[0])):
            break
        out.append(word)
        if t.endswith((",", ";", ":")):
            comma_after = t.endswith(",")
            break
    if not out:
        return None
    if comma_after:
        # "Their spokesman, retired architect Colin Fairweather, ...": the name.
        rest = seg[seg.find(",") + 1 :]
        named = _appositive_subject(rest[: rest.find(",")]) if "," in rest else None
        if named is not None and named[:1].isupper():
            return named
    # "Ada Brennan’s rule": the person whose saying it is.
    if len(out) >= 2 and out[-1].lower() in _SAYING_WORDS:
        owner = " ".join(out[:-1])
        if owner.endswith(("’s", "'s")) and _is_person_run(owner[:-2]):
            return _clean_name(owner[:-2])
    np = " ".join(out)
    if all(w[0].isupper() or w in ("of", "al", "de") for w in out) and out[0] not in _OPENERS:
        return _clean_name(np)
    return np


def _appositive_subject(seg: str) -> str | None:
    """The subject of "X, apposition, said": the name among the comma-set chunks, else
    the noun phrase ("The press release, in full, read:" / "One, a man who ..., said:")."""
    chunks = [c.strip() for c in re.split(r"[,–—]", seg)]
    if chunks and not chunks[-1]:
        chunks.pop()
    fallback: str | None = None
    for k, chunk in enumerate(chunks):
        toks = chunk.split()
        if not toks or len(toks) > 12:
            continue
        low = toks[0].lower()
        if low in _PREPOSITIONS or low in _SUBORDINATORS or low in ("when", "if", "after"):
            continue
        runs = list(_CAP_RUN_RE.finditer(chunk))
        m = runs[-1] if runs else None
        if m is not None and m.end() == len(chunk) and len(toks) <= 6:
            # A name, maybe after role words ("retired architect Colin Fairweather"), but
            # not the end of a clause ("al-Sadr was in Lebanon").
            lead = chunk[: m.start()].split()
            clause = any(
                t.lower() in _VERBISH or t.lower() in _CUE_WORDS or t.lower() in _PREPOSITIONS
                for t in lead
                if t != "to"
            )
            run = _strip_leading_function_words(m.group(0))
            lone = " " not in run and (k > 0 or m.start() > 0) and _lone_ok(run)
            if run and not clause and (_is_person_run(run) or lone):
                return _clean_name(run)
        if fallback is None and _plain_np(toks):
            fallback = chunk
    return fallback


def _plain_np(toks: list[str]) -> bool:
    """A noun phrase of two words or more, maybe with a relative clause ("a man who says he
    was held"), but no verb of its own and no quotation."""
    if len(toks) < 2 or not (toks[0].lower() in _NP_STARTERS or toks[0].lower() in ("my", "your")):
        return False
    for t in toks:
        low = t.lower()
        if low in ("who", "that", "which"):
            return True
        verb = t[0].islower() and (low in _VERBISH or low in _CUE_WORDS)  # not "12 May"
        if verb or any(c in t for c in '“”"‘'):
            return False
    return True


def _lone_ok(run: str) -> bool:
    return not (run in _NOT_NAMES or run in _ORG_WORDS or run.isupper())


def _np_before(text: str, lo: int, cue_start: int) -> str | None:
    """The subject right before a reporting verb, within the clause."""
    seg = text[lo:cue_start]
    cut = max(seg.rfind(c) for c in ',;:(”"–—')
    clause = seg[cut + 1 :] if cut >= 0 else seg
    toks = clause.split()
    while toks and (
        toks[-1] in _AUXILIARIES or toks[-1].endswith("ly") or toks[-1] in _SUBJECT_FILLERS
    ):
        toks.pop()
    if not toks:
        if cut >= 0 and seg[cut] in ",–—" and seg[:cut].strip():
            return _appositive_subject(seg[:cut])  # "X, one of ..., said"
        return None
    last = _bare(toks[-1])
    if last in _PRONOUNS | _BARE_SUBJECTS | _SUBJECT_PRONOUNS:
        if last in ("who", "which", "that"):
            # A relative clause: the noun phrase it hangs on ("a poster that says").
            head = toks[:-1]
            if not head and cut >= 0 and seg[cut] == ",":
                return _appositive_subject(seg[:cut])  # "a drummer, Kev Mallory, who insists"
            return _np_back(head) if head else None
        return last if last != toks[-1].lower() else toks[-1]
    if toks[0].lower() in _PRONOUNS | _BARE_SUBJECTS and len(toks) <= 4:
        return toks[0]  # "It goes on to say", "he went on to add"
    if toks[-1].lower() == "and" or toks[-1].lower() in _PREPOSITIONS:
        # "He pointed to the kids ... and said": the subject of the first verb;
        # "... the revolt by describing": the subject of the sentence.
        for t in reversed(seg.split()):
            if _bare(t) in ("he", "she", "they", "it", "we", "i"):
                return _bare(t) if _bare(t) != "i" else "I"
        if toks[-1].lower() == "and":
            return _leading_np(text, lo, cue_start)
        return None
    # A clause that opens with a name is its subject: "the Financial Times of 20 March".
    m = _SUBJECT_RE.match(clause)
    rest = clause[m.end() :].strip() if m is not None else ""
    if m is not None and len(toks) <= 8 and (not rest or rest.startswith(("of ", "("))):
        if rest.startswith("of ") and rest[3:4].islower() and len(toks) <= 6:
            return " ".join(toks)  # "One of the torture survivors"
        subject = m.group(0).strip()
        if subject.lower().startswith("the "):
            return subject
        if subject.split()[0] not in _NOT_NAMES:  # not "Most of it goes on ..."
            return _clean_name(subject)
    # The subject of a subordinate clause: "... months ago as this press report".
    subs = [k for k, t in enumerate(toks) if t.lower() in _SUBORDINATORS or t.lower() == "what"]
    if subs:
        tail = toks[subs[-1] + 1 :]
        if 0 < len(tail) <= 5 and (tail[0].lower() in _NP_STARTERS or tail[0][0].isupper()):
            return " ".join(tail)
        if 0 < len(tail) <= 2 and tail[-1].endswith("s") and tail[-1].isalpha():
            return " ".join(tail)  # "money that prosecutors said"
    # The trailing capitalised run: "... the Financial Times", "Kerry".
    k = len(toks)
    while k > 0 and (toks[k - 1][0].isupper() or toks[k - 1] in ("of", "al", "de")):
        k -= 1
    if k < len(toks):
        run = " ".join(toks[k:])
        run = _strip_leading_function_words(run) if toks[k] in _NOT_NAMES else run
        if k > 0 and toks[k - 1].lower() == "the":
            run = toks[k - 1] + " " + run  # "the Evening Courier": an organisation
        if run and run.split()[0].lower() in ("he", "she", "they", "it", "i", "we"):
            return run
        if run:
            return _clean_name(run) if not run.lower().startswith("the ") else run
    if len(toks) <= 4 and (toks[0].lower() in _NP_STARTERS or toks[0][0].isupper()):
        return " ".join(toks)
    if len(toks) <= 7 and _plain_np(toks):
        return " ".join(toks)  # "A spokesman for the trust"
    return None


def _np_after(text: str, start: int, hi: int, wide: bool = False) -> str | None:
    """The subject right after a clause-initial reporting verb ("says Mr Weisberg,")."""
    seg = text[start : min(hi, start + 100)]
    m = (_WIDE_NP_AFTER_RE if wide else _NP_AFTER_RE).match(seg)
    if m is None:
        return None
    np = _ABBREVIATION_END_RE.split(m.group(1), maxsplit=1)[0].strip().rstrip(".")
    comma = seg.find(",", m.end(), m.end() + 30)
    if np[:1].islower() and comma >= 0 and not any(c in seg[m.end() : comma] for c in ".;:!?"):
        # "said the club secretary, Pauline Rourke." / "by one of our members in Cumbria, a
        # worker called Tom Rigby,": the name in apposition.
        named = _APPOSED_NAME_RE.match(seg, comma)
        if named is not None and _is_person_run(named.group(1)):
            return named.group(1)
    if np.lower() in ("a", "an", "the") and seg[m.end() : m.end() + 1] in _CLOSER:
        close = seg.find(_CLOSER[seg[m.end()]], m.end() + 1)
        if 0 < close - m.end() < 40:
            return seg[: close + 1].strip()  # "the words of a ‘Pentagon advisor’"
    if not np or np.split()[0].lower() in (
        "that",
        "to",
        "me",
        "us",
        "him",
        "her",
        "them",
        "of",
        "on",
        "about",
        "by",
        "as",
        "in",
    ):
        return None
    return np


def _resolve(
    text: str, speaker: str | None, pos: int, lo: int, ctx: _Ctx, parent: _Quote | None = None
) -> str | None:
    """A pronoun speaker made a name: he/she from the text before, "I" inside a quotation
    from the quotation's own speaker ("... and I said, ‘No.’" is the outer speaker's)."""
    if not speaker:
        return None
    low = _CONTRACTION_RE.sub("", speaker.lower())
    if low in _PRONOUNS:
        return _nearest_person(text, pos, lo, ctx, "he" if low in ("he", "him") else "she")
    if low in _FIRST_PERSON:
        if parent is not None:
            return parent.speaker
        return "I" if low == "i" else None
    if low in _BARE_SUBJECTS:
        return None
    return speaker


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
    if found is None:
        return None
    last = _Span(*found, text)
    between = text[last.end() : pos]
    cue = last.group(0)
    low = cue.lower()
    reported: bool | None = None  # whether the quotation sits in the cue's "that"-clause
    if not allow_far and len(between) > 80 and not between.rstrip().endswith(":"):
        reported = len(between) <= 160 and _reported_between(text[s0 : last.start()], between)
        if not reported:
            return None
    relaxed = False
    if short and not _ADJACENT_RE.fullmatch(between):
        # Their guards keep the quotation right after the object or "as".
        called = low in _CALL_WORDS or low in _AS_WORDS
        if reported is None:
            reported = _reported_between(text[s0 : last.start()], between)
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
        and (low.endswith(("ed", "en")) or low == "told")
        and before_cue in ("as", "was", "were", "is", "are", "been", "being", "already", "again")
    ):
        np = _np_after(text, last.end() + passive.end() - 1, pos)
        if np is not None:
            return np, cue, last.start()
    if low in ("told", "asked") and before_cue in _PASSIVE_MARKERS:
        return "", cue, last.start()  # "she was told that ...": by someone the text leaves out
    if low in _AS_WORDS and not head:
        return None, cue, last.start()  # "Condemning this as “...”": no subject here
    if low in ("according to", "in the words of") or not head or head[-1] in "”\"’'":
        np = _np_after(text, last.end(), pos, low in ("according to", "in the words of"))
        if np is None and low not in ("according to", "in the words of"):
            np = _np_before(text, s0, last.start()) or _nearest_person(text, last.start(), s0, ctx)
    else:
        np = _np_before(text, s0, last.start()) or _sentence_subject(text, s0, last.start())
        if np is None and low.endswith("ing"):
            np = _participle_subject(text, s0, last.start())
        if np is not None and np.lower() == "it":
            # "This piece ..., it still ... by describing": the sentence's own subject.
            lead = _leading_np(text, s0, last.start())
            if lead is not None and _bare(lead) not in _SUBJECT_PRONOUNS:
                np = lead
        if relaxed and (np is None or _bare(np) in _FIRST_PERSON):
            return None  # "we insist that “failure” ...": the author's own word, set apart
        if short and np is not None and _bare(np.split()[-1]) in _IMPERSONAL:
            return None  # "When people say ‘character’": a word mentioned, not reported
        if np is None:
            np = _nearest_person(text, last.start(), s0, ctx)
    return np, cue, last.start()


def _participle_subject(text: str, s0: int, cue_start: int) -> str | None:
    """Who does the "-ing" of a participle cue: the noun it follows when that names a person or
    a document ("a statement from an official saying", "a footnote in the report
    acknowledging"), else the subject of the sentence ("The Authority has spent weeks
    insisting")."""
    toks = text[s0:cue_start].split()
    if toks:
        head = toks[-1].lower()
        if (
            head in _PERSON_NOUNS
            or head in _ROLE_BEFORE_NAME
            or head.removesuffix("s") in _THING_WORDS
        ):
            return _np_back(toks)
    return _leading_np(text, s0, cue_start)


def _reported_between(head: str, between: str) -> bool:
    """Whether a short quotation away from its reporting verb is still what it reports:
    in its "that"-clause ("told us that the work had been ‘prioritised’"), after a bare
    article ("promised a ‘hub’"), or after a parenthetical cue ("Sales, he said, had
    ‘collapsed’")."""
    flat = re.sub(r"\([^()]*\)", " ", between)
    if any(c in flat for c in '“”"‘'):
        return False
    if _BARE_DETERMINER_RE.fullmatch(flat) or _ASIDE_RE.fullmatch(flat):
        return True
    if _AS_END_RE.search(flat) and len(flat.split()) <= 8 and not any(c in flat for c in ",.;:!?"):
        return True  # "described the scheme as ‘...’"
    if (
        _COMPLEMENT_RE.match(flat)
        and len(flat.split()) <= 8
        and not any(c in flat for c in ",.;:!?")
    ):
        return True  # "insists he is ‘nearly retired’": a clause without "that"
    if _PARENTHETICAL_RE.search(head) and re.fullmatch(r",\s*(?:[\w’'-]+\s+){1,3}", flat):
        return True
    after_that = max((m.end() for m in _THAT_RE.finditer(flat)), default=-1)
    if after_that < 0 or any(c in flat for c in ".;:!?"):
        return False
    return len(flat[after_that:].split()) <= 14


def _cue_after(text: str, content_end: int, end: int, hi: int) -> tuple[str | None, str] | None:
    """Speaker and cue right after a closing mark: ", Kerry declared" / ", said Mr X".

    The quotation must end its clause (a comma, "!" or "?" at the mark, or "as he
    says"); a new sentence after a full stop is never its attribution.
    """
    if end < hi and text[end] in ".!?":
        return None  # the sentence ended with the quotation
    k = content_end - 1
    while k > 0 and text[k] in "’”\"'" and text[k - 1] in ",.!?…":
        k -= 1  # "... said, ‘No,’” Briggs said": the inner quotation's last mark
    last = text[k] if content_end > 0 else ""
    m = _AFTER_RE.match(text, end, min(hi, end + 140))
    if m is None:
        return None
    if _INTRODUCES_RE.match(text, m.end(), hi) and (
        m.group("cue1") or text[m.end() : m.end() + 3].strip()[:1] == ":"
    ):
        return None  # ", replied: “...”" / ", 72 percent said that ...": it reports what follows
    following = text[end : m.end()].lstrip(",;– ")
    if last in ".…" and following[:1].isupper():
        return None
    if last in "!?" and following.split(" ", 1)[0].lower() in _PRONOUNS | _BARE_SUBJECTS:
        return None
    clause_end = last in ",!?" or text[end : end + 1] in (",", ";")
    if not clause_end and not following.lower().startswith("as "):
        return None
    if m.group("cue1"):
        toks = m.group("np").split()
        if toks and toks[0].lower() in ("which", "who", "that", "as", "and", "but"):
            toks = toks[1:]  # ", which he says" / ", as he put it"
        np = " ".join(toks)
        if not np or any(c in np for c in '“”"') or len(toks) > 5:
            return None
        return np, m.group("cue1")
    return _np_after(text, m.end(), hi), m.group("cue2")


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


def _attribute(text: str, q: _Quote, paras: list[_Para], lo: int, hi: int, ctx: _Ctx) -> None:
    after = _cue_after(text, q.end, q.close_at, hi) if q.close_at < hi else None
    # A pronoun is resolved from where it stands, which may be in the introduction.
    anchor = q.open_at
    if after is not None:
        q.speaker, q.cue, q.cued = after[0], after[1], True
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
            if (
                found is None
                and s0 == q.open_at
                and (q.parent is None or q.parent.mark is Mark.NONE)
            ):
                # A quotation opening a sentence, right after one that reports speech:
                # "Smith remembers what the soldiers said. “It was ...”".
                s_prev = _sentence_start(text, s0 - 1, lo)
                found = _noted(_cue_before(text, lo, q.open_at, False, ctx, short, s_prev), ctx)
        if found is not None:
            q.speaker, q.cue, q.cued = found[0], found[1], True
            anchor = found[2]
        elif q.parent is None or q.parent.mark is Mark.NONE:
            source = _uncued_source(text, q, paras, lo, ctx)
            if source is not None:
                q.speaker, anchor, q.cued = source
    if q.speaker == "":
        q.speaker, q.unnamed = None, True  # reported, by an unnamed source
    elif q.cued and q.speaker is None:
        q.speaker = _nearest_person(text, q.open_at, _sentence_start(text, q.open_at, lo), ctx)
    if q.speaker is not None and q.speaker.lower() in ("it", "they"):
        q.refer_back = True
    marked_parent = q.parent is not None and q.parent.mark is not Mark.NONE
    if q.speaker and marked_parent and _bare(q.speaker) in _FIRST_PERSON:
        q.refer_parent = True  # settled once the parent's speaker is known
    parent = q.parent if marked_parent else None
    q.speaker = _resolve(text, q.speaker, anchor, paras[max(0, q.para - 3)].start, ctx, parent)
    if q.speaker is not None:
        _add_speaker(ctx, anchor, q.speaker)


def _uncued_source(
    text: str, q: _Quote, paras: list[_Para], lo: int, ctx: _Ctx
) -> tuple[str, int, bool] | None:
    """The source of a quotation no reporting verb attributes, where it is named, and whether
    that makes the words reported ones: a citation after it ("(See Financial Times, 29
    March)"), "These are the words of X", the subject of a colon introduction ("His brother
    was less philosophical: “...”"), the owner of a saying ("Ada’s rule was “...”"), or a
    dash line under a stand-alone quotation."""
    p = paras[q.para]
    after = q.close_at
    cited = _CITATION_RE.match(text, after, p.end)
    if cited is not None:
        return _clean_name(cited.group(1)), after, True
    words_of = _WORDS_OF_RE.match(text, after, p.end)
    if words_of is not None:
        np = _np_after(text, words_of.end(), p.end, True)
        if np is not None:
            return np, after, True
    found = _uncued_intro(text, q, paras, lo, ctx)
    return (found[0], found[1], False) if found is not None else None


def _uncued_intro(
    text: str, q: _Quote, paras: list[_Para], lo: int, ctx: _Ctx
) -> tuple[str, int] | None:
    """The source named by what comes before an unattributed quotation (see above), or by
    the last sentence of the paragraph before, when it reports speech ("He says there were
    secret prisons." / "“They were secret ...”")."""
    p = paras[q.para]
    if _blank(text, lo, q.open_at):
        prev = paras[q.para - 1] if q.para > 0 else None
        if (
            prev is not None
            and text[prev.end - 1] == ":"
            and prev.kind is not ParagraphKind.HEADING
        ):
            s0 = _sentence_start(text, prev.end - 1, prev.start)
            np = _leading_np(text, s0, prev.end)
            return (np, s0) if np and _bare(np) not in _FIRST_PERSON else None
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
            if found is not None and found[0]:
                return found[0], found[2]
        return None
    s0 = _sentence_start(text, q.open_at, lo)
    intro = text[s0 : q.open_at].rstrip()
    if intro.endswith(":") and p.kind is not ParagraphKind.HEADING:
        np = _leading_np(text, s0, q.open_at)
        return (np, s0) if np and _bare(np) not in _FIRST_PERSON else None
    if _COPULA_END_RE.search(intro):
        owner = _saying_owner(text, s0, q.open_at)
        return (owner, s0) if owner else None
    if s0 == q.open_at and s0 > lo:
        # A quotation that opens a sentence after one about a named person: "Rumsfeld
        # spoke of him in glowing terms. “We had a briefing today ...”".
        s_prev = _sentence_start(text, s0 - 1, lo)
        np = _leading_np(text, s_prev, s0)
        if np is not None and (_is_person_run(np) or np in ctx.surnames or np in ("he", "she")):
            return np, s_prev
    return None


def _saying_owner(text: str, s0: int, e: int) -> str | None:
    """The person whose saying opens the sentence: "Ada Brennan’s rule, ..., was"."""
    m = _CAP_RUN_RE.match(text, s0, e)
    if m is None or not m.group(0).endswith(("’s", "'s")):
        return None
    noun = _TOKEN_RE.match(text, m.end() + 1, e) if text[m.end() : m.end() + 1] == " " else None
    name = m.group(0)[:-2]
    if noun is None or noun.group(0).lower() not in _SAYING_WORDS or not _is_person_run(name):
        return None
    return _clean_name(name)


def _same_sentence(text: str, prev: _Quote, q: _Quote) -> bool:
    if q.open_at < prev.close_at:
        return False
    gap = text[prev.close_at : q.open_at]
    ended = prev.end > prev.start and text[prev.end - 1] in _SENTENCE_END and "," not in gap
    return not ended and not any(c in ".!?" for c in gap)


def _attribution_between(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether only the attribution of `prev` stands between it and `q`: one clause ending
    a sentence (`,” Raman said, shuffling. “`), after which `q` opens a new sentence."""
    if q.open_at < prev.close_at:
        return False
    gap = text[prev.close_at : q.open_at].strip()
    if not gap or len(gap) > 160 or gap[-1] not in ".!?:" or any(c in gap for c in '“”"‘'):
        return False
    return _INNER_SENTENCE_END_RE.search(gap[:-1]) is None


def _same_source(text: str, prev: _Quote, q: _Quote) -> bool:
    """Whether the prose between two quotations of a paragraph is the writer's comment on
    the same source: short, with no reporting verb and no other person named."""
    if q.open_at < prev.close_at or q.open_at - prev.close_at > 250:
        return False
    start = prev.close_at
    end = _INNER_SENTENCE_END_RE.search(text, start, q.open_at)
    if end is not None and prev.cue and prev.cue in text[start : end.start()]:
        start = end.start() + 1  # past the first quotation's own ", says Ms Orr."
    if _last_cue(text, start, q.open_at) is not None:
        return False
    for m in _CAP_RUN_RE.finditer(text, start, q.open_at):
        if " " in m.group(0) and _is_person_run(_strip_leading_function_words(m.group(0))):
            return False
    return True


def _inherit(quotes: list[_Quote], text: str, paras: list[_Para]) -> None:
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
            and _word_count(text[q.start : q.end], 3) >= 3
            and _same_sentence(text, prev, q)
        ):
            q.cue, q.cued = prev.cue, True  # "she was told that ‘...’ and that ‘...’"
        if q.first is not None:
            q.speaker, q.cue = q.first.speaker, q.first.cue
            q.cued = q.cued or q.first.cued
        elif prev is not None and near and prev.para == q.para:
            long_enough = _word_count(text[q.start : q.end], 3) >= 3
            if not q.cued and prev.cued and long_enough and _same_sentence(text, prev, q):
                q.speaker, q.cue, q.cued = prev.speaker, prev.cue, True
            elif not q.cued and prev.cued and _attribution_between(text, prev, q):
                # "“...,” Raman said. “...”": the next sentence goes on with her words.
                q.speaker, q.cue, q.cued = prev.speaker, prev.cue, True
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
            ):
                q.speaker = prev.speaker
        elif (
            prev is not None
            and near
            and q.para == prev.para + 1
            and prev.cued
            and not q.cued
            and q.speaker is None
            and q.open_at == paras[q.para].start
        ):
            q.speaker = prev.speaker
        if q.parent is None or q.parent.mark is Mark.NONE:
            prev = q
