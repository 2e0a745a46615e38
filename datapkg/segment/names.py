"""Names and noun phrases: who a stretch of text names, with no knowledge of the rest of the
document ("Council President Marisol Yee" -> "Marisol Yee", the subject before "said",
the noun phrase after "says").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from datapkg.segment.lexicon import (
    _ABBREVIATION_END_RE,
    _ADVERB_ENDING,
    _ADVERBIAL_STARTS,
    _APPOSED_NAME_RE,
    _APPOSITION_POSSESSIVES,
    _ARTICLES,
    _AS_WORDS,
    _ASIDE_BEFORE_VERB_RE,
    _AUXILIARIES,
    _BARE_SUBJECTS,
    _CALL_WORDS,
    _CAP_RUN_RE,
    _CLAUSE_LEADS,
    _CLAUSE_STARTS,
    _CLOSE_AFTER_WORDS_RE,
    _CLOSER,
    _COMPASS_WORDS,
    _COMPLEMENT_ADJECTIVES,
    _COMPLEMENT_PP_RE,
    _COORDINATORS,
    _COPULAS,
    _CUE_WORDS,
    _DATELINE_RE,
    _DEFINITE_DETERMINERS,
    _DESCRIBING_CLAUSE_RE,
    _DESCRIPTION_PP_RE,
    _DETERMINERS,
    _EMPHASIS_MARKS,
    _FULL_NAME_RUN_RE,
    _FUNCTION_WORDS,
    _GENDER_HONORIFICS,
    _GENDER_MENTIONS,
    _GENDER_REACH,
    _GENDER_STOP_RE,
    _GENDERED_RE,
    _GENDERED_TITLE_BEFORE_RE,
    _GENDERED_TITLE_RE,
    _HONORIFICS,
    _INDEFINITES,
    _INFINITIVE_MARKER,
    _INTERJECTIONS,
    _LOWER_NAME_WORDS,
    _MAX_NAME_RUN_CHARS,
    _NAME_COORDINATORS,
    _NAME_COPY_RE,
    _NAME_JOINER_RE,
    _NAME_WORD_JOINERS,
    _NAME_WORD_RE,
    _NAMED_DESCRIPTION_RE,
    _NEGATION_ENDINGS,
    _NEXT_WORD_RE,
    _NOMINATIVE_PRONOUNS,
    _NOT_NAMES,
    _NP_AFTER_RE,
    _NP_AFTER_STOPS,
    _NP_PREPOSITIONS,
    _NP_STARTERS,
    _NP_STOPS,
    _NUMBER_WORDS,
    _OBJECT_GENDERED,
    _OBJECT_PRONOUNS,
    _OBJECT_STARTS,
    _OPENERS,
    _ORG_WORDS,
    _OWN_POSSESSIVES,
    _PARTICIPLE_ENDINGS,
    _PARTICLE_NAME_RE,
    _PAST_ENDING,
    _PERCEPTION_VERBS,
    _PERSON_NOUNS,
    _PERSON_RELATIVES,
    _PERSONAL_SUBJECTS,
    _PLACE_NAME_RE,
    _PLACE_PREPOSITIONS,
    _POSSESSIVE_OBJECTS,
    _POSSESSIVES,
    _PREPOSITIONS,
    _PRESENT_PARTICIPLE_ENDING,
    _PRONOUN_SUBJECTS,
    _PRONOUNS,
    _QUESTION_WORDS,
    _REFLEXIVES,
    _RELATION_NOUNS,
    _RELATIVE_PRONOUNS,
    _ROLE_BEFORE_NAME,
    _ROLE_WORDS,
    _SAYING_WORDS,
    _SENTENCE_OPENS_BEFORE_RE,
    _SOURCE_PREPOSITIONS,
    _SUBJECT_ADVERB_PHRASE_END_RE,
    _SUBJECT_ADVERBS,
    _SUBJECT_BEFORE_COMMA_RE,
    _SUBJECT_FILLERS,
    _SUBJECT_PRONOUNS,
    _SUBJECT_RE,
    _SUBORDINATORS,
    _SURNAME_PARTICLES,
    _TAG_PARTICLES,
    _THING_WORDS,
    _TIME_BEFORE_VERB_RE,
    _TIME_LEAD_RE,
    _TOKEN_RE,
    _TRAILING_ASIDE_RE,
    _VERBISH,
    _VOICE_OWNER_RE,
    _WIDE_NP_AFTER_RE,
    _WORD_AFTER_RE,
    FULL_NAMES_REMEMBERED,
    GENDER_VOTES,
    MAX_EPITHET_WORDS,
    MAX_LEADING_NP_WORDS,
    SAYING_MODIFIERS,
    TAG_WINDOW_CHARS,
    TAGGED_WORD_CHARS,
    TITLE_BEFORE_CHARS,
)
from datapkg.segment.text import (
    _bare,
)


def _is_honorific(word: str) -> bool:
    """A title before a name, abbreviated with a full stop or not ("Mr.", "Mr", "Captain")."""
    return word.rstrip(".") in _HONORIFICS


def _clean_name(run: str) -> str:
    """Drop role words before a name: "US Secretary of Defense Ana Ruiz" -> "Ana Ruiz".

    A person's affiliation after "of" goes too ("Major X of Y Consultancy" -> "Major X"),
    and a sentence-initial verb before an honorific ("Continues Mr X" -> "Mr X").
    """
    toks = run.split()
    for k in range(1, len(toks)):
        if _is_honorific(toks[k]) and not _is_honorific(toks[k - 1]):
            toks = toks[k:]
            break
    if "of" in toks:
        head = " ".join(toks[: toks.index("of")])
        if _is_person_run(head):
            return head
    cut = -1
    for k, t in enumerate(toks):
        initial = len(t) == 2 and t.endswith(".")  # "Oscar P. Quintero": part of the name
        acronym = t.isupper() and len(t) <= 4 and k < len(toks) - 1 and not initial
        if t in _ROLE_WORDS or acronym or (t == "of" and cut == k - 1):
            cut = k
    rest = toks[cut + 1 :]
    while rest and rest[0] in ("of",):
        rest = rest[1:]
    if rest and not (len(rest) == 1 and rest[0] in _ORG_WORDS):
        return " ".join(rest)
    return run


# The double quotation marks, which no mention holds (single ones may: "O’Hara", "the words
# of a ‘Pentagon advisor’").
_MARKS_IN_NO_NAME = frozenset('"“”')


def _tidied(speaker: str) -> str | None:
    """A speaker's mention without what no mention holds, picked up with it: a sentence that
    ends before the name ("... the two men politely. Ivo Marsh" is Ivo Marsh), a double
    quotation mark and what follows it, a dash or a bracket at either end, the words across a
    double hyphen, which is a dash (of "Mr. Amory--MR", "No--Mrs. Lund", "--observed Mrs.
    Lund", the name); None when nothing is left."""
    mark = min((k for k, c in enumerate(speaker) if c in _MARKS_IN_NO_NAME), default=-1)
    if mark >= 0:
        speaker = speaker[:mark]
    speaker = _ABBREVIATION_END_RE.split(speaker)[-1].strip(" ,;:([-–—")
    if "--" in speaker:
        pieces = [p.strip(" -") for p in speaker.split("--")]
        named = [
            p for p in pieces if p[:1].isupper() and p.split()[0].strip(",!?") not in _INTERJECTIONS
        ]
        speaker = named[0] if named else " ".join(p for p in pieces if p) or speaker
    return speaker if any(c.isalpha() for c in speaker) else None


def _without_epithets(speaker: str) -> str:
    """A speaker's name without the lower-case words a tag puts before it: an epithet ("said
    poor Hetty", "astonished Mirela"), a role ("actress Ana Ruiz", "former Sen. Ana Ruiz",
    and the role words after them: "former Marsh adviser Ana Ruiz"), a verb's particle
    ("broke in Mr. Delacroix", "sighed out the matron"). A voice is its owner's ("the Otter’s
    voice"). A determiner ("the Professor"), a surname's particle ("de
    Lusa") or more than `MAX_EPITHET_WORDS` such words leave it as it is."""
    owner = _VOICE_OWNER_RE.fullmatch(speaker)
    if owner is not None:
        speaker = owner.group(1)  # "the Otter’s voice called": the Otter
    words = speaker.split()
    if len(words) >= 2 and words[0] in _TAG_PARTICLES and words[1].lower() in _DETERMINERS:
        words = words[1:]  # "sighed out the matron": the matron
        speaker = " ".join(words)
    k = 0
    while k < len(words) and words[k][:1].islower():
        k += 1
    if k == 0 or k == len(words) or k > MAX_EPITHET_WORDS:
        return speaker
    for w in words[:k]:
        if w in _SURNAME_PARTICLES or w in _DETERMINERS or w in _INDEFINITES:
            return speaker
        if not w.replace("-", "").isalpha():
            return speaker
    rest = words[k:]
    # "Marsh adviser Ana Ruiz": the person after the last lower-case role word.
    last = max((m for m, w in enumerate(rest) if w[:1].islower()), default=-1)
    if last >= 0:
        tail = " ".join(rest[last + 1 :])
        if not (rest[last].isalpha() and tail and _is_person_run(tail)):
            return speaker
        return tail
    return _clean_name(" ".join(rest))


def _is_person_run(run: str) -> bool:
    toks = run.split()
    if not toks or toks[0] in _NOT_NAMES:
        return False
    if "I" in toks:
        return False  # "Shall I", "Somehow I": a clause, not a name
    if any(t.lower() in _REFLEXIVES or t.lower() in _PRONOUNS for t in toks[1:]):
        return False  # "God Himself", "Only She": a pronoun is no part of a name
    if toks[0].lower() in _NUMBER_WORDS:
        return False  # "Two Italians", "Three Weeks Later": a count, not a name
    if any(
        (t in _ORG_WORDS and (k == 0 or t not in _COMPASS_WORDS)) or t in _ROLE_WORDS
        for k, t in enumerate(toks)
    ):
        return False
    if _is_honorific(toks[0]) and len(toks) >= 2:
        # A word in lower case after a possessive makes it something of the person's ("Sir
        # Alec’s questioning"), unless a voice that speaks for them ("Mr. and Mrs. Hale" and
        # "Lady Inês de Souza" stay people).
        owned = any(
            a.endswith(("’s", "'s")) and b[:1].islower() for a, b in itertools.pairwise(toks)
        )
        return not owned or _VOICE_OWNER_RE.fullmatch(run) is not None
    caps = [t for t in toks if t[0].isupper() or _PARTICLE_NAME_RE.match(t)]
    initial = any(len(t) == 2 and t.endswith(".") for t in toks)  # "Ivo J. Marsh"
    if len(toks) >= 3 and toks[-1].endswith("s") and toks[-1][-2:-1].islower() and not initial:
        return False  # a body of people: "Special Police Commandos", "Iraqi Security Forces"
    return len(caps) >= 2 and not all(t.isupper() for t in caps)


def _strip_leading_function_words(run: str) -> str:
    toks = run.split()
    # A capitalised adverb before a name is the sentence's opening, no part of the name
    # ("Presently Ruiz"): a name that starts with such a word ("Soon Lee") is the rarer case.
    while toks and (
        toks[0] in _NOT_NAMES or (len(toks) > 1 and toks[0].lower() in _SUBJECT_ADVERBS)
    ):
        toks = toks[1:]
    return " ".join(toks)


def _document_names(
    text: str,
) -> tuple[frozenset[str], dict[str, list[tuple[int, str]]], dict[str, list[tuple[str, bool]]]]:
    """What the person-like full names in `text` teach: their last words ("Kelly Osei" ->
    "Osei"), for each first word, where a full name starts with it, in text order
    ("Kelly" -> [(120, "Kelly Osei"), ...]), and for each last word, the full names that end
    with it, as their first word and whether they open a sentence ("Osei" -> [("Kelly",
    False)]): "See Mike?" opens one, and may be a verb before a name rather than a name."""
    ending: dict[str, list[tuple[str, bool]]] = {}
    given: dict[str, list[tuple[int, str]]] = {}
    for m in _FULL_NAME_RUN_RE.finditer(text):
        if m.end() - m.start() > _MAX_NAME_RUN_CHARS:
            continue  # a run of capitals this long is a heading or a list, not a name
        raw = m.group(0)
        if " " not in raw:
            continue  # a lone word is never a full name (nor two joined by a tab)
        toks = _full_name_words(raw)
        if toks is None:
            continue
        at = m.start()
        # Whether a word before the name opens the sentence ("Mr. Marsh" has none).
        opens = len(toks) >= 2 and (
            at == 0 or _SENTENCE_OPENS_BEFORE_RE.search(text, max(0, at - 4), at) is not None
        )
        ending.setdefault(toks[-1], []).append((toks[0], opens))
        if len(toks) >= 2:
            given.setdefault(toks[0], []).append((at, " ".join(toks)))
        title = raw.split()[0]
        if len(toks) == 1 and _is_honorific(title):
            # A title the text also uses alone for the person: "Mademoiselle" for
            # "Mademoiselle Duroc", as a first name stands for its full name.
            given.setdefault(title, []).append((at, f"{title} {toks[0]}"))
    return frozenset(ending), given, ending


def _tagged_words(text: str, quotes: Iterable[tuple[int, int]]) -> frozenset[str]:
    """The words of the names the text puts next to a reporting verb around its quotations
    (`quotes`: where each opens and closes): "said Mrs. Hale", "Mirela answered", the people
    it lets speak. Only the text within `TAG_WINDOW_CHARS` of a mark is read, each character
    once, reading the word on either side of each capitalised run there."""
    tagged: set[str] = set()
    windows = sorted(
        w
        for opens, closes in quotes
        for w in ((max(0, opens - TAG_WINDOW_CHARS), opens), (closes, closes + TAG_WINDOW_CHARS))
    )
    read = 0  # where the windows read so far end: overlapping windows are read once
    for lo, hi in windows:
        lo = max(lo, read)
        if lo >= hi:
            continue
        read = hi
        for m in _CAP_RUN_RE.finditer(text, lo, hi):
            after = _WORD_AFTER_RE.match(text, m.end())
            if after is None or after.group(1) not in _CUE_WORDS:
                start = m.start()
                before = text[max(0, start - TAGGED_WORD_CHARS) : start]
                words = before.split()
                if not (words and before.endswith((" ", "\t")) and words[-1] in _CUE_WORDS):
                    continue
            run = m.group(0)
            if " " in run:
                # The person of "North Varna Gov. Ivo Marsh", not the state.
                tagged.update(_full_name_words(run) or ())
            elif not _is_honorific(run) and run not in _NOT_NAMES:
                tagged.add(run)
    return frozenset(tagged)


def _place_names(text: str) -> frozenset[str]:
    """The capitalised runs the text writes right after a preposition of place only ("lived in
    Halden", "into Upper Varna"), without function words: the places it names, where a stop,
    a line end, a preposition or a conjunction follows. A possessive ("in Ana’s room") or a
    name before a noun ("in Marsh buttons") is someone's, not a place."""
    places: set[str] = set()
    for m in _PLACE_NAME_RE.finditer(text):
        run = m.group(1)
        if run.endswith(("’s", "'s", "’S", "'S")):
            continue
        after = _NEXT_WORD_RE.match(text, m.end())
        if after is not None and not (
            after.group(1) in _PREPOSITIONS or after.group(1) in _SUBORDINATORS
        ):
            continue  # "in Marsh buttons": a name before a noun, not a place
        run = _strip_leading_function_words(run)
        if run and not _is_honorific(run.split()[0]):
            places.add(run)
    return frozenset(places)


def _family_names(text: str) -> dict[str, str | None]:
    """The name words the text writes after a man's title and after a woman's ("Mr. Lowther",
    "Mrs. Lowther"): a family's name, and the gender it has alone. That is the gender the text
    gives its copies without a title ("Lowther ... he", however often "Mrs. Lowther" is
    written), else the gender of its most frequent title ("McBryde" beside 23 "Mr. McBryde"
    and 7 "Mrs. McBryde"), else None. Two passes over the text, whatever the families."""
    counts: dict[str, dict[str, int]] = {}
    for m in _GENDERED_TITLE_RE.finditer(text):
        seen = counts.setdefault(m.group(2), {})
        gender = _GENDER_HONORIFICS[m.group(1)]
        seen[gender] = seen.get(gender, 0) + 1
    mixed = {word: seen for word, seen in counts.items() if len(seen) > 1}
    if not mixed:
        return {}  # no family: the text is not read again
    copies = _name_mentions(text, frozenset(mixed))
    families: dict[str, str | None] = {}
    for word, seen in mixed.items():
        lone = [
            (p, e)
            for p, e in copies.get(word, [])
            if _GENDERED_TITLE_BEFORE_RE.search(text, max(0, p - TITLE_BEFORE_CHARS), p) is None
        ]
        (most, n), (_, k) = sorted(seen.items(), key=lambda kv: -kv[1])[:2]
        families[word] = _told_gender(text, lone) or (most if n > k else None)
    return families


def _plural_names(text: str) -> frozenset[str]:
    """The capitalised words the text writes as plurals of others it writes more than once
    (not a misprint): "Hindus" beside "Hindu", "the Harcourts" beside "Harcourt". A group, whom
    "he" or "she" never means. One pass over the text's words."""
    times = Counter(_NAME_COPY_RE.findall(text))
    return frozenset(
        word
        for word in times
        if word.endswith("s")
        and not word.endswith("ss")
        and (times[word[:-1]] > 1 or (word.endswith("es") and times[word[:-2]] > 1))
    )


def _name_mentions(text: str, words: frozenset[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each of `words` (name words) stands in `text` as a whole word, first
    `_GENDER_MENTIONS` copies each, in text order: one pass over the text's capitalised words,
    whatever the number of names, so asking every name's gender costs linear time.

    A copy is a whole word when no letter or digit comes before it and no word character
    after it; a name word's copy may end at any of its parts ("Smith" of "Smith-Jones" and of
    "Smith’s") and start after a hyphen or an apostrophe ("Jones" of "Smith-Jones").
    """
    found: dict[str, list[tuple[int, int]]] = {}
    size = len(text)

    def note(word: str, p: int, e: int) -> None:
        copies = found.setdefault(word, [])
        if len(copies) < _GENDER_MENTIONS:
            copies.append((p, e))

    for run in _NAME_COPY_RE.finditer(text):
        word = run.group()
        joined = _NAME_JOINER_RE.search(word) is not None
        if not joined and word not in words:
            continue  # most capitalised words: neither a name asked for nor a joined one
        p, end = run.span()
        whole = end == size or not (text[end].isalnum() or text[end] == "_")
        if whole and word in words:
            note(word, p, end)
        if not joined:
            continue
        # A joined word: its parts' copies too, each start after a joiner and each end
        # before one ("Smith" and "Jones" of "Smith-Jones").
        joins = [k for k in range(p + 1, end) if text[k] in _NAME_WORD_JOINERS]
        for s in [p] + [k + 1 for k in joins]:
            for e in [k for k in joins if k > s] + ([end] if whole else []):
                if (s, e) != (p, end) and text[s:e] in words:
                    note(text[s:e], s, e)
    return found


def _gender_word(
    word: str, surnames: frozenset[str], given: dict[str, list[tuple[int, str]]]
) -> bool:
    """Whether the text may tell the gender of `word`: the first or last word of one of its
    full names, a name word, and not an honorific or a word that is never a name."""
    return (
        (word in surnames or word in given)
        and _NAME_WORD_RE.fullmatch(word) is not None
        and word not in _NOT_NAMES
        and word not in _HONORIFICS
    )


def _copies_of(text: str, word: str) -> tuple[list[tuple[int, int]], int]:
    """The first `_GENDER_MENTIONS` copies of one name word as `_name_mentions` finds them, and
    how far the text was read for them."""
    found = re.finditer(re.escape(word) + r"(?!\w)", text)
    whole = (m.span() for m in found if m.start() == 0 or not text[m.start() - 1].isalnum())
    copies = list(itertools.islice(whole, _GENDER_MENTIONS))
    read = copies[-1][1] if len(copies) == _GENDER_MENTIONS else len(text)
    return copies, read


def _gendered_after(text: str, end: int, stop: int) -> re.Match[str] | None:
    """The first he/him/his or she/her in text[end:stop], after a name ending at `end`; not
    the possessive that opens an apposition naming a relation ("Ivo Marsh, her opponent,
    ...": hers is someone else's; but "Mirela, her face grim" is Mirela's)."""
    m = _GENDERED_RE.search(text, end, stop)
    if m is not None and m.start() == end + 2 and text[end] == ",":
        following = text[m.end() : m.end() + 40].split()[:2]
        relation = any(w.strip(",").lower() in _RELATION_NOUNS for w in following)
        if m.group(0).lower() in _APPOSITION_POSSESSIVES and relation:
            return _GENDERED_RE.search(text, m.end(), stop)
    return m


def _may_be_own(text: str, end: int, m: re.Match[str]) -> bool:
    """Whether the he/him/his or she/her `m`, after a name ending at `end`, may stand for
    that name: not as an object ("Ruiz thanked her", "sat with him"; but "sold her house"
    is hers), nor after a preposition in a relative clause ("X, who spoke of them as proof of
    her skill": someone else's)."""
    word = m.group(0)
    if word in _OBJECT_GENDERED:
        if word not in _POSSESSIVE_OBJECTS:
            return False  # "him": an object only
        nxt = _NEXT_WORD_RE.match(text, m.end())
        follower = nxt.group(1) if nxt is not None and nxt.start(1) == m.end() + 1 else ""
        noun = (
            follower.islower()
            and follower not in _FUNCTION_WORDS
            and not follower.endswith(_ADVERB_ENDING)
        )
        if not noun:
            return False  # "thanked her warmly", "met her and": an object
    between = text[end : m.start()].split()
    relative = any(w.strip(",") in _RELATIVE_PRONOUNS for w in between)
    return not (relative and between and between[-1] in _PREPOSITIONS)


def _told_gender(text: str, copies: list[tuple[int, int]]) -> str | None:
    """A name word's gender ("he"/"she") as the whole text tells it, from its copies (see
    `_name_mentions`): each copy followed in its sentence by he/him/his or she/her, with no
    other name between ("Clara ... her sister"), is a vote; the word takes the gender with
    `GENDER_VOTES` votes and three times as many as the other. A word that names two people
    ("Mr. and Mrs. Delacroix") stays undecided, and so does a lone word that is not the first
    or last word of a full name the text gives ("Iraq ... he": a place), as it has no copies.
    Only the first `_GENDER_MENTIONS` copies are read: a person's gender shows early."""
    he = she = 0
    for _, end in copies:
        stop = _GENDER_STOP_RE.search(text, end, end + _GENDER_REACH)
        m = _gendered_after(text, end, stop.start() if stop else end + _GENDER_REACH)
        if m is not None:
            if m.group(1):
                he += 1
            else:
                she += 1
    if he >= GENDER_VOTES and he >= 3 * she:
        return "he"
    if she >= GENDER_VOTES and she >= 3 * he:
        return "she"
    return None


def _opens_subject(word: str) -> bool:
    """Whether `word` may open a subject: a pronoun or a capitalised word."""
    return _bare(word) in _PRONOUNS or word[:1].isupper()


def _leading_adverb(word: str, following: str) -> bool:
    """Whether `word` is an adverb set before the subject that `following` opens ("suddenly
    she", "then Ada"); not a word of a noun phrase ("family members")."""
    adverb = word in _SUBJECT_ADVERBS or (word.islower() and word.endswith(_ADVERB_ENDING))
    return adverb and _opens_subject(following)


def _plausible_speaker(speaker: str) -> str | None:
    """The speaker a cue gave, or None when it cannot be anyone: a clause picked up instead
    of a subject ("calling the Islamic State", "while", "was what she"). "said Ruiz" is
    Ruiz, and "he also" is "he". An aside in brackets ends the mention: "Rep. Al Ruiz
    (D-Nev.) at the time" is Rep. Al Ruiz."""
    bracket = speaker.find(" (")
    if bracket > 0:
        speaker = speaker[:bracket]
    close = speaker.rfind(")")
    if close >= 0 and "(" not in speaker[:close]:
        speaker = speaker[close + 1 :]  # "R-Wis.)": the end of an aside, no one's name
    # "” Ana Lee": the closing mark of the words before; "… what I": an ellipsis of them.
    speaker = speaker.lstrip("”’\"' ….")
    # A double hyphen breaks off the sentence ("Sir Giles Venn--who"): the name ends there.
    speaker = speaker.split("--")[0] or speaker
    # Italics marked with underscores ("_Paris Times_") are no part of a name.
    words = [w.strip(_EMPHASIS_MARKS) for w in speaker.split()]
    words = [w for w in words if w]
    if not words or words[0] in _QUESTION_WORDS:
        return None  # "what I learned": a clause, no one
    while (
        len(words) > 1
        and words[0].lower() in _SUBJECT_ADVERBS
        and (_opens_subject(words[1]) or words[1] in _ARTICLES)
    ):
        words = words[1:]  # "Presently Martha", "Then the old man": the subject after it
    if len(words) == 1 and words[0].lower() in _SUBJECT_ADVERBS:
        return None  # "Then": no one
    while len(words) > 1 and (
        words[-1] in _PREPOSITIONS or words[-1] in _ARTICLES or words[-1] in _COORDINATORS
    ):
        words.pop()  # "William at", "the mother and": the words before the clause goes on
    for k in range(len(words) - 1):
        if words[k].endswith(("’s", "'s")) and words[k][:1].isupper():
            said = all(w[:1].islower() for w in words[k + 1 :]) and words[-1] in _SAYING_WORDS
            if said:
                # "Ruiz’s stock answer": what someone says is theirs (but "Ruiz’s campaign"
                # and "Ruiz’s letter" are sources of their own).
                words = words[: k + 1]
            break
    if words[-1].endswith(("’s", "'s")):
        # "Marsh’s claim that “...”": the owner of the words.
        words[-1] = words[-1][:-2]
    while len(words) > 1 and words[-1].islower() and words[-1] in _CUE_WORDS:
        words.pop()  # "Marsh said": the verb came with its subject
    for k in range(1, len(words) - 1):
        if words[k] in _PERCEPTION_VERBS:
            words = words[k + 1 :]  # "Ana heard Tom Lee (say)": the one heard says it
            break
    words = words[: _clause_verb_at(words)]
    for k in range(1, len(words)):
        if not words[k - 1][:1].isupper():
            break
        low = words[k].lower()
        titled_verb = words[k][:1].isupper() and (
            low in _CUE_WORDS or low in _AS_WORDS or low in _CALL_WORDS or low in _COPULAS
        )
        if titled_verb or words[k] in _COPULAS:
            # "Ivo Marsh Blasts Critics": a headline's verb ends its subject; so does a copula
            # ("Pardoe is quoted as").
            words = words[:k]
            break
    speaker = " ".join(words)
    first = words[0]
    if len(words) == 1 and first.lower() in _ARTICLES:
        return None  # "a", "the": a noun phrase cut short names no one
    if first[:1].isupper() or first.lower() in _NP_STARTERS or first in _POSSESSIVES:
        return speaker
    low = first.lower()
    if low in _PRONOUNS or low in _SUBJECT_PRONOUNS:
        # "he also", "he managed to": the pronoun; "he and his wife": both.
        rest = [w.lower() for w in words[1:]]
        return speaker if rest and rest[0] in _COORDINATORS else first
    if low in _CUE_WORDS and len(words) > 1 and words[1][:1].isupper():
        return " ".join(words[1:])  # "said Ruiz"
    clause = low in _CUE_WORDS or low in _VERBISH or low in _AUXILIARIES
    function = low in _PREPOSITIONS or low in _SUBORDINATORS or low in _COORDINATORS
    if clause or function or low.endswith("ing"):
        return None
    return speaker


def _clause_verb_at(words: list[str]) -> int:
    """Where a clause's verb ends the subject it came with: "Marsh said Ruiz's letter",
    "Ruiz would do better", "Voss later Thursday", "Pardoe continued his" are their
    first words. Not after a relative pronoun ("a man who had"), whose verb is its own."""
    for k in range(1, len(words)):
        w = words[k]
        if w in _RELATIVE_PRONOUNS:
            break
        if w.islower() and (w in _CUE_WORDS or w in _VERBISH or w in _AUXILIARIES):
            return k
    return len(words)


def _publisher_of(words: list[str]) -> str | None:
    """The publication a text is described by, its source: "This Guardian piece", "a New
    York Times editorial" -> "Guardian", "New York Times". A determiner, the publication's
    capitalised name, maybe a plain word, then a word for a text."""
    if len(words) < 3 or words[0].lower() not in _NP_STARTERS or not words[0][:1].isalpha():
        return None
    if words[-1].lower().removesuffix("s") not in _THING_WORDS:
        return None
    name = [w for w in words[1:-1] if w[:1].isupper()]
    plain = len(words) - 2 - len(name)
    if not name or plain > 1 or not all(w[:1].isupper() for w in words[1 : 1 + len(name)]):
        return None
    run = " ".join(name)
    return run if any(w in _ORG_WORDS for w in name) else None


def _publisher_named(words: list[str]) -> str | None:
    """The publication an introduction names as the source of the text it introduces, after a
    word for a text: "The following pieces from the Guardian:", "two passages of a Harbor
    Times editorial:" -> "Guardian", "Harbor Times"."""
    for k in range(len(words) - 2):
        thing = words[k].strip(",;:()").lower().removesuffix("s")
        if thing not in _THING_WORDS or words[k + 1].lower() not in _SOURCE_PREPOSITIONS:
            continue
        rest = [w.strip(",;:().") for w in words[k + 2 :]]
        determiner = rest[0].lower() in _NP_STARTERS
        name = list(itertools.takewhile(lambda w: w[:1].isupper(), rest[determiner:]))
        if any(w in _ORG_WORDS for w in name):
            return " ".join(name)
        # "from a Harbor Times editorial": the publication before the text's word.
        found = _publisher_of(rest[: determiner + len(name) + 1]) if determiner else None
        if found is not None:
            return found
    return None


@lru_cache(maxsize=FULL_NAMES_REMEMBERED)
def _full_name_words(raw: str) -> tuple[str, ...] | None:
    """The words of the person's name a capitalised run of two words or more is, without
    honorific or role words ("Council President Marisol Yee" -> Marisol, Yee), or None.
    Remembered across documents: a corpus names the same people again and again."""
    run = _strip_leading_function_words(raw.removesuffix("’s").removesuffix("'s"))
    if not run:
        return None
    name = _clean_name(run)
    if not _is_person_run(name):
        return None
    toks = name.split()
    if _is_honorific(toks[0]):
        toks = toks[1:]
    # "Tobias — Oh" with its dash lost is no name.
    if 1 <= len(toks) <= 3 and all(
        _NAME_WORD_RE.fullmatch(t) and t not in _INTERJECTIONS for t in toks
    ):
        return tuple(toks)
    return None


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
    if not toks or toks[0].lower() in _PRONOUN_SUBJECTS:
        return False
    if len(toks) == 1 and toks[0].lower() in _INDEFINITES:
        return False
    if toks[0].lower() in _PREPOSITIONS:
        return False  # "With the letter": a phrase picked up, no one
    owned = len(toks) >= 2 and toks[-2].endswith(("’s", "'s")) and toks[-1].islower()
    if owned:
        return False  # "Ruiz’s book": a thing of someone's
    return not any(t in _ORG_WORDS or t.lower().removesuffix("s") in _THING_WORDS for t in toks)


def _is_thing(np: str) -> bool:
    """Whether a noun phrase names a thing that carries words, not someone ("a statement",
    "the report")."""
    words = np.split()
    return bool(words) and words[-1].lower().strip(",").removesuffix("s") in _THING_WORDS


def _sentence_subject(text: str, s0: int, pos: int) -> str | None:
    """A name opening the sentence and followed by an apposition: "The FT, one of ...,"."""
    m = _SUBJECT_BEFORE_COMMA_RE.match(text, s0, pos)
    if m is None:
        return None
    run = m.group(0)
    first = run.split()[0]
    return run if first not in _NOT_NAMES or first in ("The", "the") else None


def _np_back(toks: list[str]) -> str | None:
    """The noun phrase that ends `toks`, back to its determiner ("... put up a poster"), with
    a name coordinated before it ("Voss and other Democrats")."""
    out: list[str] = []
    k = len(toks)
    while k > 0:
        t = toks[k - 1]
        low = t.lower()
        if low in _NP_STARTERS or low.endswith(("’s", "'s", "s’")) or low in _OWN_POSSESSIVES:
            out.append(t)
            k -= 1
            break
        if low in _NP_STOPS or t in _NOT_NAMES or not t[0].isalnum():
            break
        out.append(t)
        k -= 1
        if len(out) > 6:
            return None
    if out and k > 1 and toks[k - 1] in _NAME_COORDINATORS:
        named = k - 1
        while named > 0 and _is_name_token(toks[named - 1]):
            named -= 1
        run = toks[named : k - 1]
        if run and (len(run) == 1 or _is_person_run(" ".join(run))) and named > 0:
            # Not at the sentence's start, where a capitalised word opens it ("Like Ruiz and").
            out += [toks[k - 1], *reversed(run)]
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
    if low in _SUBJECT_ADVERBS and word[0].islower() and prev.lower() not in _DETERMINERS:
        return True  # "A campaign official later walked", but "the then mayor"
    if low.endswith("ed") and len(low) > 3 and prev.lower() not in _DETERMINERS:
        # A verb; but a capitalised word inside a phrase is part of a name ("the House Armed
        # Services Committee", "the United Nations").
        return word[0].islower() or not prev[:1].isupper()
    name_before = prev[:1].isupper() and prev.lower() not in _DETERMINERS  # not "An early"
    if word[0].islower() and low.endswith(_ADVERB_ENDING) and name_before:
        return True  # "board Chairman Ivo Marsh sharply objected": an adverb after a name
    if named and word[0].islower() and _is_name_token(prev):
        # A name ends at the first lower-case word ("Peress picks up"), unless a particle
        # joins two of its words ("Karim al Qarrad").
        return not (low in _LOWER_NAME_WORDS and _is_name_token(nxt))
    return (
        low.endswith("s")
        and word[0].islower()
        and prev[:1].islower()
        and prev.lower() not in _DETERMINERS
        and not prev.endswith(("’s", "'s"))
        and not word.endswith(("’s", "'s"))  # "the old man’s voice": a possessive, no verb
        # "three regional unions gave": a plural noun, the verb after it
        and not (
            nxt.islower() and (nxt.endswith(_PAST_ENDING) or nxt in _CUE_WORDS or nxt in _VERBISH)
        )
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


# How many capitalised words an affiliation before role nouns and a name may take.
_MAX_AFFILIATION_WORDS = 3

# How many capitalised words a place, an office and a person's name take together ("New York
# City Mayor Ana María Ruiz").
_MAX_ROLE_RUN_WORDS = 7

# How long an opening adverbial may run before its comma.
_MAX_ADVERBIAL_CHARS = 80

# How many opening adverbials, each ended by a comma, a sentence's subject may follow.
_OPENING_ADVERBIALS = 2


def _region_after_place(toks: list[str]) -> bool:
    """Whether `toks` open with a region set off by a comma, as after a place ("New
    Varna,", "Colo.,"), and go on: a capitalised run of two or three words, or an
    abbreviation. One plain word may be a person set off ("in Ohio, Vance, the senator")."""
    for k, tok in enumerate(toks[:3]):
        if not tok[:1].isupper() or tok in _NOT_NAMES:
            return False
        if tok.endswith(","):
            return k + 1 < len(toks) and _a_region(toks[: k + 1])
    return False


def _a_region(run: list[str]) -> bool:
    """Whether capitalised words set off after a place name its region: two or more words,
    or an abbreviation ("Colo.")."""
    return len(run) >= 2 or "." in run[0]


def _leading_np(text: str, s: int, e: int) -> str | None:
    """The subject at the start of a sentence: a pronoun, a name or a noun phrase."""
    seg = text[s:e].lstrip()
    if seg[:1] in _CLOSER:
        # A sentence that opens with quoted words: its subject comes after them
        # ("“We found no such thing,” the sheriff said, adding ...").
        close = seg.find(_CLOSER[seg[0]], 1)
        if close < 0:
            return None
        seg = seg[close + 1 :].lstrip(" ,")
    else:
        # A sentence that starts inside quoted words ("“No. No,” Ruiz said, adding ..."):
        # its subject comes after their closing mark.
        inside = _CLOSE_AFTER_WORDS_RE.search(seg)
        opens = min((k for k in map(seg.find, _CLOSER) if k >= 0), default=len(seg))
        if inside is not None and inside.start() < opens:
            seg = seg[inside.end() :].lstrip(" ,")
    dateline = _DATELINE_RE.match(seg)
    if dateline is not None:
        seg = seg[dateline.end() :]  # "RENO, Nev. (AP) — Ivo Marsh says": not the town
    time_lead = _TIME_LEAD_RE.match(seg)
    if time_lead is not None:
        seg = seg[time_lead.end() :]  # "The next day, her account posted": not the day
    toks = seg.split()
    if len(toks) > 1 and (toks[0].lower() in _SUBJECT_ADVERBS or toks[0].lower() in _COORDINATORS):
        # An adverb or a conjunction with no comma before a pronoun or a name: "Then he cut
        # into Ortiz, calling ...", "But Ortiz said".
        nxt = toks[1]
        if _bare(nxt) in _SUBJECT_PRONOUNS or (nxt[:1].isupper() and nxt not in _NOT_NAMES):
            seg = seg[seg.index(toks[0]) + len(toks[0]) :]
            toks = toks[1:]
    # An opening adverbial ("At nine o’clock, Varga ...", "When he got home, he ...").
    # Two in a row too: "On Friday, after staying silent for weeks, Odile ...".
    for k in range(_OPENING_ADVERBIALS):
        if not toks or toks[0] in _OPENERS or _bare(toks[0]) in _SUBJECT_PRONOUNS:
            break
        word = toks[0].rstrip(",;:")  # "However," is "However"
        low = word.lower()
        adverbial = low in _PREPOSITIONS or low in _SUBORDINATORS or low in _ADVERBIAL_STARTS
        if k == 0 and low.endswith(_ADVERB_ENDING) and word == toks[0] and len(toks) > 1:
            # An adverb before one of them, the phrase set off by a comma: "Shortly after the
            # call ended, Ruiz ..." (but "Kelly in her office said", "Kelly, in her office,").
            nxt = toks[1].lower()
            before = nxt in _PREPOSITIONS or nxt in _SUBORDINATORS or nxt in _ADVERBIAL_STARTS
            adverbial = before and 0 <= seg.find(",") <= _MAX_ADVERBIAL_CHARS
        # A participle opening its phrase: "Reached by phone, Bennett denied ...",
        # "Continuing to explain, Pardoe rejected ...".
        participial = (
            k == 0
            and word[:1].isupper()
            and (low.endswith(_PARTICIPLE_ENDINGS) or low.endswith(_PRESENT_PARTICIPLE_ENDING))
            and len(toks) > 1
            and toks[1][:1].islower()
        )
        if not (adverbial or participial or (k == 0 and word in _NOT_NAMES)):
            break
        comma = seg.find(",")
        if k == 0 and adverbial:
            unset = _subject_in_unset_clause(seg, comma)
            if unset is not None:
                return unset
        if comma < 0 or comma > _MAX_ADVERBIAL_CHARS:
            return None
        placed = _after_a_place(seg[:comma])
        seg = seg[comma + 1 :]
        toks = seg.split()
        if placed and _region_after_place(toks):
            # "in Lisk, New Varna, Marsh ...": the region a place is in is no subject.
            seg = seg[seg.find(",") + 1 :]
            toks = seg.split()
    if not toks:
        return None
    first = _bare(toks[0])
    if first in _SUBJECT_PRONOUNS:
        return first if first != "i" else "I"
    if toks[0] in _NOT_NAMES and toks[0] not in _OPENERS:
        return None
    named = _role_then_name(toks)
    if named is not None:
        return named
    out: list[str] = []
    comma_after = False
    name_first = _is_name_token(toks[0])
    head = -1  # a word the phrase keeps whatever its form
    for k, t in enumerate(toks[:MAX_LEADING_NP_WORDS]):
        word = t.strip(",;:")
        if not word:
            break
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if k == 1:
            # The sentence's first word is capitalised whatever it is: before a plural noun
            # that "of" or a verb follows, it is no name ("Small groups of protesters").
            low_next = nxt.lower()
            verb_next = (
                low_next.endswith("ed") or low_next in _CUE_WORDS or low_next in _AUXILIARIES
            )
            plural = _plain_noun(word) and word.endswith("s") and not word.endswith("ss")
            name_first = name_first and not (plural and (low_next == "of" or verb_next))
            compound = _plain_noun(word) and len(word) > 2 and _plain_noun(nxt)
            if name_first and compound and k + 2 < len(toks):
                # Or before a noun and a plural noun: "Nuclear proliferation experts have".
                after = toks[k + 2].lower()
                verb_after = after.endswith("ed") or after in _CUE_WORDS or after in _AUXILIARIES
                plural = nxt.endswith("s") and not nxt.endswith("ss")
                name_first = not (plural and (after == "of" or verb_after))
                head = -1 if name_first else k + 1  # the plural noun heads the phrase
        if k > 0 and k != head and _ends_np(word, out[-1], nxt, name_first):
            break
        out.append(word)
        if t.endswith((",", ";", ":")):
            comma_after = t.endswith(",")
            break
    else:
        # Cut off by the limit inside a name: the name goes on ("... of the pro-Ruiz
        # Harbor Ledger Weekly").
        for t in toks[len(out) :] if out and out[-1][:1].isupper() else ():
            word = t.strip(",;:")
            if not word[:1].isupper():
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
    if all(w[0].isupper() or w in _LOWER_NAME_WORDS for w in out) and out[0] not in _OPENERS:
        return _clean_name(np)
    return np


def _subject_in_unset_clause(seg: str, comma: int) -> str | None:
    """The subject pronoun of a sentence whose opening clause no comma sets off ("When supper
    was ready she came down, saying", "After Ana left the room he said"): the last pronoun
    that is only ever a subject, past the opening word and the word after it (the clause's
    own subject: "When she ..."), before the first comma. None when a comma does set the
    clause off, that is, when a subject or another opening phrase follows it."""
    # A comma right before the cue sets off what follows ("..., saying"), not the clause.
    nxt = seg[comma + 1 :].split()[:1] if comma >= 0 else []
    if nxt:
        low = _bare(nxt[0])
        if not nxt[0][:1].islower() or any(
            low in words
            for words in (_SUBJECT_PRONOUNS, _PREPOSITIONS, _SUBORDINATORS, _ADVERBIAL_STARTS)
        ):
            return None  # "When he got home, Ana ...", "..., she ...": the comma ends it
    toks = (seg[:comma] if comma >= 0 else seg).split()
    found = [_bare(t) for t in toks[2:] if _bare(t) in _NOMINATIVE_PRONOUNS]
    if not found:
        return None
    return found[-1] if found[-1] != "i" else "I"


def _role_then_name(toks: list[str]) -> str | None:
    """The person a subject names after a capitalised role or affiliation and a few plain
    nouns: "Democratic presidential candidate Ann Ruiz", "Band member Zed" -> the name."""
    if not toks[0][:1].isupper() or toks[0] in _OPENERS:
        return None
    # The affiliation may take a few capitalised words: "Fox News host Ann Ruiz".
    k = 1
    while k < min(len(toks), _MAX_AFFILIATION_WORDS) and _is_name_token(toks[k - 1]):
        if not _is_name_token(toks[k]) or toks[k - 1].endswith((",", ";", ":")):
            break
        k += 1
    nouns = k
    # Not a particle inside a name: "Karim al Hadi".
    while (
        k < min(len(toks), nouns + 3) and _plain_noun(toks[k]) and toks[k] not in _LOWER_NAME_WORDS
    ):
        k += 1
    if k > nouns and k + 1 < len(toks) and toks[k] in _NAME_COORDINATORS:
        # Two roles of one person: "Former judge and Bay County Sheriff Ana Ruiz".
        return _name_run(toks[k + 1 :])
    if k == nouns or k >= len(toks) or not toks[k][:1].isupper():
        return None
    run = _leading_run(toks[k : k + 4], lambda word: word[:1].isupper() and word not in _NOT_NAMES)
    name = _clean_name(" ".join(run)) if run else ""
    if name and _is_person_run(name):
        return name
    # One word is a name too after a word for a person, when the subject's verb follows it:
    # "Band member Zed said" (but "Olaf leaned over to Greta and said" is Olaf's).
    after = toks[k + 1] if k + 1 < len(toks) else ""
    lone = _person_word(toks[k - 1]) and len(run) == 1 and run[0] == toks[k] and _lone_ok(run[0])
    return run[0] if lone and after[:1].islower() and not _plain_noun(after) else None


def _name_run(toks: list[str]) -> str | None:
    """The person named by the capitalised words that open `toks`, up to a comma, after the
    role words among them ("New York City Mayor Ana Ruiz," is Mayor Ana Ruiz)."""
    run = _leading_run(toks[:_MAX_ROLE_RUN_WORDS], _is_name_token)
    name = _clean_name(" ".join(run)) if run else ""
    return name if name and _is_person_run(name) else None


def _leading_run(toks: list[str], belongs: Callable[[str], bool]) -> list[str]:
    """The words that open `toks` while they `belong` to a name, without their punctuation;
    a comma (or ";", ":") ends the name after its word."""
    run: list[str] = []
    for t in toks:
        word = t.strip(",;:")
        if not belongs(word):
            break
        run.append(word)
        if word != t:
            break
    return run


def _plain_noun(word: str) -> bool:
    """A lower-case word that may sit inside a noun phrase: no verb, adverb or clause word."""
    low = word.lower()
    return (
        word.replace("-", "").isalpha()  # "front-runner"
        and word.islower()
        and not low.endswith(("ed", "ing", "ly"))
        and low not in _NP_STOPS
        and low not in _VERBISH
        and low not in _CUE_WORDS
        and low not in _PREPOSITIONS
        and low not in _SUBORDINATORS
        and low not in _AUXILIARIES
    )


def _appositive_subject(seg: str) -> str | None:
    """The subject of "X, apposition, said": the name among the comma-set chunks, else
    the noun phrase ("The press release, in full, read:" / "One, a man who ..., said:")."""
    chunks = [c.strip() for c in re.split(r"[,–—]", seg)]
    if chunks and not chunks[-1]:
        chunks.pop()
    fallback: str | None = None
    for k, chunk in enumerate(chunks):
        chunk = _TRAILING_ASIDE_RE.sub("", chunk)  # "Rep. Jim Ruiz (R-Ohio)"
        toks = chunk.split()
        if k == 0 and len(toks) > 2:
            # "It was three years ago that Ann Ruiz, who ..., said": the subject of the clause
            # the subordinator opens.
            opens = [j for j, t in enumerate(toks[:-1]) if j and t in _SUBORDINATORS]
            if opens and toks[opens[-1] + 1][:1].isupper():
                toks = toks[opens[-1] + 1 :]
                chunk = " ".join(toks)
        if not toks or len(toks) > 12:
            continue
        low = toks[0].lower()
        if low in _PREPOSITIONS or low in _SUBORDINATORS or low in _CLAUSE_STARTS:
            continue
        if low in _ADVERBIAL_STARTS:
            continue  # "Like Voss, Pardoe ...": a phrase before the subject
        if _opens_participle(toks[0]):
            continue  # "Odile, speaking to Varnans, said": the participle's object is no subject
        runs = list(_CAP_RUN_RE.finditer(chunk))
        m = runs[-1] if runs else None
        if m is not None and m.end() == len(chunk) and len(toks) <= 6:
            # A name, maybe after role words ("retired architect Colin Fairweather"), but
            # not the end of a clause ("al-Qarrad was in Varna").
            lead = chunk[: m.start()].split()
            clause = any(
                t.lower() in _VERBISH or t.lower() in _CUE_WORDS or t.lower() in _PREPOSITIONS
                for t in lead
                if t != "to"
            )
            run = _strip_leading_function_words(m.group(0))
            # A lone word opening the subject is a name only when set off by an
            # apposition ("Ruiz, the only candidate to ..., told"), not a bare opener.
            lone = (
                " " not in run
                and _lone_ok(run)
                and (k > 0 or m.start() > 0 or _set_off(run, chunks[1:2]))
            )
            region = k > 0 and not lead and _after_a_place(chunks[k - 1]) and _a_region(toks)
            if run and not clause and not region and (_is_person_run(run) or lone):
                return _clean_name(run)
        if fallback is None and _plain_np(toks):
            fallback = chunk
    return fallback


def _after_a_place(chunk: str) -> bool:
    """Whether `chunk` ends with a place after its preposition ("... an event in Lisk"), so
    that a capitalised run set off after it is the place's region ("New Varna")."""
    toks = chunk.split()
    k = len(toks)
    while k > 0 and toks[k - 1][:1].isupper():
        k -= 1
    return 0 < k < len(toks) and toks[k - 1].lower() in _PLACE_PREPOSITIONS


def _set_off(word: str, following: list[str]) -> bool:
    """Whether a lone capitalised `word` heads the subject, followed by a comma-set
    apposition: a noun phrase ("the only candidate to campaign in Idaho") or an age."""
    if word.lower() in _NP_STARTERS or word in _OPENERS or not following:
        return False
    after = _TRAILING_ASIDE_RE.sub("", following[0]).split()
    # A participle's phrase sets a subject off too: "Odile, speaking to Varnans, said".
    participle = bool(after) and _opens_participle(after[0])
    return (len(after) == 1 and after[0].isdigit()) or _plain_np(after) or participle


def _opens_participle(word: str) -> bool:
    """Whether a phrase opening with `word` is a participle's ("speaking to Varnans")."""
    return word.islower() and word.endswith(_PRESENT_PARTICIPLE_ENDING)


def _plain_np(toks: list[str]) -> bool:
    """A noun phrase of two words or more, maybe with a relative clause ("a man who says he
    was held"), but no verb of its own and no quotation."""
    if len(toks) < 2 or not (
        toks[0].lower() in _NP_STARTERS or toks[0].lower() in _OWN_POSSESSIVES
    ):
        return False
    for k, t in enumerate(toks):
        low = t.lower()
        if low in _RELATIVE_PRONOUNS:
            return True
        verb = t[0].islower() and (low in _VERBISH or low in _CUE_WORDS)  # not "12 May"
        # A past tense or an adverb after the head: "A party spokesman later took back
        # the claim" is a clause (but "a retired architect" a noun phrase).
        prev = toks[k - 1].lower() if k else ""
        past = low.endswith("ed") and len(low) > 4 and k > 1 and prev not in _DETERMINERS
        verb = verb or (t[0].islower() and (past or (k > 1 and low in _SUBJECT_ADVERBS)))
        if verb or any(c in t for c in '“”"‘'):
            return False
    return True


def _lone_ok(run: str) -> bool:
    return not (run in _NOT_NAMES or run in _ORG_WORDS or run.isupper())


def _between_subject_and_verb(toks: list[str]) -> bool:
    """Whether the last of `toks` stands between a subject and its verb: an auxiliary, an
    adverb ("quickly", not "Kelly"), a filler, or a sentence adverb after a name ("Carter
    however said", but not "and now says", where a clause goes on before it)."""
    last = toks[-1]
    return (
        last in _AUXILIARIES
        or (last.endswith("ly") and last[:1].islower())
        or last in _SUBJECT_FILLERS
        or (last in _SUBJECT_ADVERBS and len(toks) > 1 and toks[-2][:1].isupper())
    )


def _person_word(word: str) -> bool:
    """A lower-case word for a person or a role before a name ("member", "host", "senator")."""
    return word in _PERSON_NOUNS or word in _ROLE_BEFORE_NAME


def _participle_phrase_at(toks: list[str]) -> int | None:
    """Where a participle opens a phrase after a noun phrase ("A source | speaking to the
    Courier"), or None. The words before it must be a noun phrase, not a clause: a
    capitalised word after a plain lower-case one is an object ("The film shows Ivo trying
    to ...")."""
    for k in range(1, len(toks) - 1):
        word, nxt = toks[k], toks[k + 1]
        if not (
            word.endswith(_PRESENT_PARTICIPLE_ENDING)
            and word.isalpha()
            and word not in _ADVERBIAL_STARTS
            and (nxt in _PREPOSITIONS or nxt in _ADVERBIAL_STARTS)
        ):
            continue
        head = toks[:k]
        if all(t[0].isupper() or t.lower() in _DETERMINERS or _plain_noun(t) for t in head) and (
            not any(
                a[0].islower()
                and a.lower() not in _DETERMINERS
                and b[0].isupper()
                and not _person_word(a)
                for a, b in itertools.pairwise(head)
            )
        ):
            return k
    return None


def _name_then_no_noun(toks: list[str]) -> str | None:
    """The name that opens `toks` when the lower-case words after it are no part of its noun
    phrase: a phrase or an adverb ("Rustam after a long silence", "Ada very"), a verb with
    its reflexive or alone ("Ada forced herself", "Ada hastened"), a verb in the past and
    its object ("Ada issued a statement"), a negation ("Ulf didn't"). The subject is the
    name; None when the words may go on a noun ("Senate leaders")."""
    k = 0
    while k < len(toks) and toks[k][:1].isupper():
        k += 1
    tail = toks[k:]
    if tail and tail[-1] == _INFINITIVE_MARKER and len(tail) > 1:
        tail = tail[:-1]  # "Ada hastened to (say)"
    if not k or not tail or toks[0] in _NOT_NAMES or any(t[:1].isupper() for t in tail):
        return None
    if k == 1 and toks[0].endswith("s") and toks[0][-2:-1].islower():
        return None  # "Officials at the embassy", "Residents in the area": people, no name
    first = _bare(tail[0])
    if not (
        first in _NP_AFTER_STOPS
        or first.endswith(_NEGATION_ENDINGS)
        or any(_bare(t) in _REFLEXIVES for t in tail)
        or (len(tail) == 1 and first.endswith(_PAST_ENDING))
        or (len(tail) > 1 and first.endswith(_PAST_ENDING) and _bare(tail[1]) in _DETERMINERS)
    ):
        return None
    return _clean_name(" ".join(toks[:k])) or None


def _last_named_subject(seg: str) -> tuple[int, str] | None:
    """The last person's name in `seg` that a verb follows ("when Miss Pargeter halted"), and
    where it starts, or None."""
    last = None
    for m in _CAP_RUN_RE.finditer(seg):
        name = _clean_name(_strip_leading_function_words(m.group(0)))
        verb_next = seg[m.end() : m.end() + 1] == " " and _before_verb(seg, m.end())
        if verb_next and name and _is_person_run(name):  # not "she turned to Ann, and said"
            last = (m.start(), name)
    return last


def _earlier_subject(seg: str, joined: bool) -> str | None:
    """The subject a verb shares with the clause before it in `seg`: the last personal pronoun
    or, when the verbs are joined ("... and said", "..., then said"), the nearest name before
    its own verb, whichever comes later ("they had nearly reached the gate when Miss Pargeter
    halted, gasped, and cried" is Miss Pargeter's); None when there is neither."""
    nearest_name = _last_named_subject(seg) if joined else None
    for word in reversed(list(re.finditer(r"\S+", seg))):
        if nearest_name is not None and word.start() < nearest_name[0]:
            return nearest_name[1]  # the name comes after the last pronoun
        t = word.group(0)
        if _bare(t) in _PERSONAL_SUBJECTS:
            return _bare(t) if _bare(t) != "i" else "I"
    return nearest_name[1] if nearest_name is not None else None


def _name_at_end(seg: str) -> str | None:
    """The person's name that ends `seg` (the antecedent of a relative "who" after it), or
    None."""
    run = None
    for found in _CAP_RUN_RE.finditer(seg, max(0, len(seg) - _MAX_NAME_RUN_CHARS)):
        run = found
    if run is None or run.end() != len(seg.rstrip()):
        return None
    name = _clean_name(_strip_leading_function_words(run.group(0)))
    # A lone capitalised word mid-sentence is a name too ("he met Dex, who said").
    lone = " " not in name and name not in _NOT_NAMES and name not in _ORG_WORDS
    return name if name and (_is_person_run(name) or (lone and not name.isupper())) else None


def _np_before(text: str, lo: int, cue_start: int) -> str | None:
    """The subject right before a reporting verb, within the clause."""
    # A party and state or an aside before the verb is not the subject: "Sen. Ann Ruiz
    # (D-Mo.) said", "... (D-Mo.) has said" are hers.
    seg = _ASIDE_BEFORE_VERB_RE.sub("", text[lo:cue_start])
    timed = _TIME_BEFORE_VERB_RE.search(seg)
    if timed is not None and seg[: timed.start()].strip():
        seg = _ASIDE_BEFORE_VERB_RE.sub("", seg[: timed.start()])  # "Ruiz (D) last week said"
    cut = max(seg.rfind(c) for c in ',;:(”"–—')
    clause = seg[cut + 1 :] if cut >= 0 else seg
    time_lead = _TIME_LEAD_RE.match(clause, len(clause) - len(clause.lstrip()))
    if time_lead is not None:
        clause = clause[time_lead.end() :]  # "The next morning the mayor said"
    # "the Duchess at last exclaimed": a phrase that stands for an adverb is no subject's.
    clause = _SUBJECT_ADVERB_PHRASE_END_RE.sub("", clause)
    toks = clause.split()
    while toks and _between_subject_and_verb(toks):
        toks.pop()
    if len(toks) == 1 and toks[0] in _CLAUSE_LEADS:
        return None  # "After saying ...": the subject comes after the clause, not before
    if not toks:
        if cut >= 0 and seg[cut] in ",–—" and seg[:cut].strip():
            subject = _appositive_subject(seg[:cut])  # "X, one of ..., said"
            if subject is None and clause.split() and clause.split()[-1].lower() == "then":
                # "She paused, then said": a second verb of the clause before the comma.
                subject = _earlier_subject(seg[:cut], True)
            return subject
        return None
    before_comma = seg[:cut].strip() if cut >= 0 and seg[cut] == "," else ""
    named = all(w[0].isupper() or w in _LOWER_NAME_WORDS for w in before_comma.split())
    if (
        (toks[0].lower() in _ARTICLES or (toks[0].islower() and _person_word(toks[0])))
        and named
        and "," not in before_comma
        and _is_person_run(before_comma)
    ):
        # An apposition the writer did not close: "Sam Lau, the director of X said", "Ana
        # Lund, president and CEO of X stated".
        return _clean_name(before_comma)
    k = _participle_phrase_at(toks)
    if k is not None:
        # A participle's phrase between subject and verb: "A source speaking to the Courier
        # said" is the source's.
        subject = " ".join(toks[:k])
        return _np_before(subject, 0, len(subject))
    last = _bare(toks[-1])
    if last in _PRONOUNS | _BARE_SUBJECTS | _SUBJECT_PRONOUNS:
        if last in _RELATIVE_PRONOUNS:
            # A relative clause: the noun phrase it hangs on ("a poster that says").
            head = toks[:-1]
            if not head and cut >= 0 and seg[cut] == ",":
                # "a drummer, Kev Mallory, who insists"; else the person the clause hangs on,
                # whatever role they have in their own ("handed the note to Dex, who said").
                antecedent = _name_at_end(seg[:cut]) if last in _PERSON_RELATIVES else None
                return _appositive_subject(seg[:cut]) or antecedent
            return _np_back(head) if head else None
        return last if last != toks[-1].lower() else toks[-1]
    # An object's relative clause has its own subject after the pronoun: "Greene, who Ortiz
    # called" is Ortiz's word for Greene (found below, after the subordinator).
    own_subject = toks[0] in _RELATIVE_PRONOUNS and len(toks) > 1  # not "That is why ..."
    if toks[0].lower() in _PRONOUN_SUBJECTS and len(toks) <= 4 and not own_subject:
        return toks[0]  # "It goes on to say", "he went on to add"
    if toks[-1].lower() == "and" or toks[-1].lower() in _PREPOSITIONS:
        # "He pointed to the kids ... and said": the subject of the first verb;
        # "... the revolt by describing": the subject of the sentence.
        joined = toks[-1].lower() == "and"
        subject = _earlier_subject(seg, joined)
        return subject if subject is not None or not joined else _leading_np(text, lo, cue_start)
    # A clause that opens with a name is its subject: "the Financial Times of 20 March".
    m = _SUBJECT_RE.match(clause)
    rest = clause[m.end() :].strip() if m is not None else ""
    if m is not None and len(toks) <= 8 and (not rest or rest.startswith(("of ", "("))):
        if rest.startswith("of ") and rest[3:4].islower() and len(toks) <= 6:
            return " ".join(toks)  # "One of the torture survivors"
        subject = m.group(0).strip()
        if subject.lower().startswith("the "):
            return subject
        person = _person_ending(toks) if rest.startswith("of ") else None
        if person is not None and not _is_person_run(subject):
            return person  # "Chair of the Rules Panel Rep. Ana Ruiz": the person, not the office
        if subject.split()[0] not in _NOT_NAMES:  # not "Most of it goes on ..."
            return _clean_name(subject)
    # The subject of a subordinate clause: "... months ago as this press report".
    subs = [k for k, t in enumerate(toks) if t.lower() in _SUBORDINATORS or t.lower() == "what"]
    if subs:
        tail = toks[subs[-1] + 1 :]
        # "who Marsh on Friday called": Marsh ("the CEO of ..." keeps its "of").
        stop = next((k for k, t in enumerate(tail) if k and t in _PREPOSITIONS and t != "of"), 0)
        if stop and len(tail) <= 5 and tail[0][0].isupper():
            tail = tail[:stop]
            while len(tail) > 1 and (tail[-1] in _AUXILIARIES or tail[-1] in _SUBJECT_FILLERS):
                tail = tail[:-1]  # "Mr. Ortiz had at last called": Mr. Ortiz
        if 0 < len(tail) <= 5 and (tail[0].lower() in _NP_STARTERS or tail[0][0].isupper()):
            return " ".join(tail)
        if 0 < len(tail) <= 2 and tail[-1].endswith("s") and tail[-1].isalpha():
            return " ".join(tail)  # "money that prosecutors said"
    # The trailing capitalised run: "... the Financial Times", "Voss".
    k = len(toks)
    while k > 0 and (toks[k - 1][0].isupper() or toks[k - 1] in _LOWER_NAME_WORDS):
        k -= 1
    if k < len(toks):
        run = " ".join(toks[k:])
        run = _strip_leading_function_words(run) if toks[k] in _NOT_NAMES else run
        if k > 0 and toks[k - 1].lower() == "the":
            run = toks[k - 1] + " " + run  # "the Evening Courier": an organisation
        if run and run.split()[0].lower() in _PERSONAL_SUBJECTS:
            return run
        if run:
            return _clean_name(run) if not run.lower().startswith("the ") else run
    lead_name = _name_then_no_noun(toks) if len(toks) <= 6 else None
    if lead_name is not None:
        return lead_name
    if toks[0].lower() in _PREPOSITIONS and len(toks) > 3:
        # A phrase of time or place before the subject, without its comma: "By the close of the
        # second week the old man said" is the old man's.
        np = _np_back(toks)
        words = np.split() if np is not None else []
        before = toks[-len(words) - 1].lower() if len(words) < len(toks) else ""
        # Not the object of the phrase's own preposition ("..., by the close of the week said").
        if (
            2 <= len(words) <= 4
            and words[0].lower() in _ARTICLES
            and before.isalpha()
            and before not in _PREPOSITIONS | _SUBORDINATORS
            and all(w.islower() and w.isalpha() for w in words[1:])
        ):
            return np
    if len(toks) <= 4 and (toks[0].lower() in _NP_STARTERS or toks[0][0].isupper()):
        return " ".join(toks)
    if len(toks) <= 7 and _plain_np(toks):
        return " ".join(toks)  # "A spokesman for the trust"
    return None


def _person_ending(toks: list[str]) -> str | None:
    """The person's name that ends the words, when their last capitalised words are one."""
    k = len(toks)
    while k > 0 and toks[k - 1][:1].isupper():
        k -= 1
    name = _clean_name(" ".join(toks[k:])) if k < len(toks) else ""
    return name if name and _is_person_run(name) else None


def _np_after(text: str, start: int, hi: int, wide: bool = False) -> str | None:
    """The subject right after a clause-initial reporting verb ("says Mr Weisberg,")."""
    seg = text[start : min(hi, start + 100)]
    named = _NAMED_DESCRIPTION_RE.match(seg)
    if named is not None:
        name = _clean_name(named.group(1))
        if _is_person_run(name) or (" " not in name and _is_name_token(name)):
            return name  # "said the night clerk known as Ferro": Ferro
    m = (_WIDE_NP_AFTER_RE if wide else _NP_AFTER_RE).match(seg)
    if m is None:
        # Too many words before a stop: a person's name still ends at its affiliation ("said
        # Ilan Brodsky of the University of Leeds School of Law.").
        lead = len(seg) - len(seg.lstrip())
        run = _CAP_RUN_RE.match(seg, lead)
        if run is not None and seg.startswith(" of ", run.end()) and _is_person_run(run.group()):
            return run.group()
        return None
    # Trailing stops and dashes end the words, not a name: "said she.--“I ...”".
    np = _ABBREVIATION_END_RE.split(m.group(1), maxsplit=1)[0]
    # A double hyphen is a dash: "said Mrs. Tarrant--such was her name--".
    np = np.split("--", 1)[0].strip().rstrip(".-–—")
    np = " ".join(np.split())  # a name wrapped over two lines is one name
    toks = np.split()
    if toks and toks[0][:1].isupper() and toks[0] not in _OPENERS:
        # A name ends at a verb or adverb after it when no name follows: "replied Josie seeing
        # that ...", "Vera forced herself to" (but "said Ruiz campaign manager Ivo Marsh"
        # is Marsh, and "Time magazine" a magazine).
        for k, t in enumerate(toks[1:], 1):
            if t[:1].islower() and t not in _LOWER_NAME_WORDS:
                verb = t.endswith(("ing", "ed", "ly")) or t in _VERBISH  # or an adverb
                # "said Ada with a smile" (but "said Voss and Pardoe" is both)
                clause = t in _PREPOSITIONS or (t in _SUBORDINATORS and t not in _COORDINATORS)
                # "said Nell a little sharply", "said Mr. Pruett afterwards": no name goes on
                # in lower case, unless it names a publication ("Time magazine").
                named_after = any(w[:1].isupper() for w in toks[k:])
                owner = toks[k - 1].endswith(("'s", "’s"))  # "Nadia's solicitor"
                if clause or (not named_after and (verb or not (owner or t.title() in _ORG_WORDS))):
                    np = " ".join(toks[:k])
                break
    comma = seg.find(",", m.end(), m.end() + 30)
    # What lies between the subject and that comma: a stop or an opening mark there ends the
    # tag ("cried the aunt. “Isn’t it, Mr. Prior?”" is no apposition).
    said = m.group(1).strip()
    between = (said[len(np) :] if said.startswith(np) else "") + seg[m.end() : max(comma, 0)]
    if np[:1].islower() and comma >= 0 and not any(c in between for c in '.;:!?“‘"'):
        # "said the club secretary, Pauline Rourke." / "by one of our members in Cumbria, a
        # worker called Tom Rigby,": the name in apposition.
        named = _APPOSED_NAME_RE.match(seg, comma)
        if named is not None and _is_person_run(named.group(1)):
            return named.group(1)
    if np.lower() in _ARTICLES and seg[m.end() : m.end() + 1] in _CLOSER:
        close = seg.find(_CLOSER[seg[m.end()]], m.end() + 1)
        if 0 < close - m.end() < 40:
            return seg[: close + 1].strip()  # "the words of a ‘Pentagon advisor’"
    words = np.split()
    if not words:
        return None
    first = words[0].lower()
    if first in _OBJECT_STARTS and not (first in _POSSESSIVES and len(words) > 1):
        return None  # "told him", "said to"; but "said her husband" names someone
    for k in range(2, len(words) - 1):
        word, nxt = words[k], words[k + 1]
        if (
            word.islower()
            and word.endswith(_PRESENT_PARTICIPLE_ENDING)
            and words[k - 1].lower() not in _DETERMINERS
            and _bare(nxt) in _OBJECT_PRONOUNS
        ):
            # "said the porter helping her": what the speaker does as they speak, no part
            # of who they are (but "an aide representing Mayor Ruiz" is the aide's phrase).
            np = " ".join(words[:k])
            words = words[:k]
            break
    titled = len(words) >= 2 and words[-1][:1].isupper()
    if words[0] in _NP_STARTERS and np == m.group(1).strip() and not titled:
        # A description goes on with whom it is described by, up to the clause's end: "said a
        # longtime adviser to the mayor, who ...", "said a spokesman for Harbor Rights." A
        # name made of a title does not: "said the Grey Badger to the Heron".
        pp = _DESCRIPTION_PP_RE.match(seg, m.end())
        # "said the housekeeper to Lionel": whom a definite description speaks to, not whose
        # it is ("said an adviser to Ana Ruiz", "said the top aide to Ana Ruiz" are hers).
        to_someone = (
            pp is not None
            and words[0].lower() in _DEFINITE_DETERMINERS
            and words[-1].lower() not in _RELATION_NOUNS
            and pp.group(0).split()[0] == _INFINITIVE_MARKER
        )
        if pp is not None and not to_someone:
            np = np + " " + " ".join(pp.group(0).split()).removesuffix(".")
        elif pp is None and not wide and words[0].lower() not in _DEFINITE_DETERMINERS:
            # "said a clerk familiar with those plans", "said a member who supports Ruiz": an
            # indefinite description goes on with what says who it is.
            last = words[-1]
            complement = last.islower() and (
                last in _COMPLEMENT_ADJECTIVES or last.endswith(_PAST_ENDING)
            )
            tail = (_COMPLEMENT_PP_RE if complement else _DESCRIBING_CLAUSE_RE).match(seg, m.end())
            if tail is not None:
                np = np + " " + " ".join(tail.group(0).split()).removesuffix(".")
    return np


def _participle_subject(text: str, s0: int, cue_start: int) -> str | None:
    """Who does the "-ing" of a participle cue: the noun it follows when that names a person or
    a document ("a statement from an official saying", "a clause in the memo
    conceding") or the "him" or "her" it follows ("heard him saying"), else the subject
    of the sentence ("The Authority has spent weeks insisting")."""
    toks = text[s0:cue_start].split()
    if toks and toks[-1].lower() in _SUBJECT_ADVERBS:
        toks = toks[:-1]  # "heard him thus saying"
    if toks and toks[-1].lower() in _PRONOUNS:
        # "... and heard him saying": the one heard says it, whoever the sentence is about
        # (but after a comma, "twirled round the room, singing", it is the dancer's).
        return toks[-1].lower()
    if toks:
        head = toks[-1].lower()
        if (
            head in _PERSON_NOUNS
            or head in _ROLE_BEFORE_NAME
            or head.removesuffix("s") in _THING_WORDS
        ):
            return _np_back(toks)
    return _leading_np(text, s0, cue_start)


def _saying_owner(text: str, s0: int, e: int) -> str | None:
    """The person whose saying opens the sentence: "Ada Brennan’s rule, ..., was", "Ada
    Brennan’s campaign slogan is"."""
    m = _CAP_RUN_RE.match(text, s0, e)
    if m is None or not m.group(0).endswith(("’s", "'s")):
        return None
    name = m.group(0)[:-2]
    at = m.end()
    # The saying's noun, after at most `SAYING_MODIFIERS` words in lower case that qualify it.
    for _ in range(SAYING_MODIFIERS + 1):
        word = _TOKEN_RE.match(text, at + 1, e) if text[at : at + 1] == " " else None
        if word is None or not word.group(0).islower():
            return None
        if word.group(0) in _SAYING_WORDS:
            return _clean_name(name) if _is_person_run(name) else None
        at = word.end()
    return None
