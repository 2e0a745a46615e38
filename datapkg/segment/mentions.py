"""What attribution knows about the document beyond the sentence at hand: the full names
it mentions, the speakers found so far, the genders learnt, and the person a pronoun most
likely refers back to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field

from datapkg.segment.lexicon import (
    _ARTICLES,
    _BARE_SUBJECTS,
    _CAP_RUN_RE,
    _CLOSING_MARKS,
    _CONTRACTION_RE,
    _CUE_WORDS,
    _DEFINITE_DETERMINERS,
    _FEMALE_KIN,
    _FIRST_PERSON,
    _GENDER_HONORIFICS,
    _GENDER_OF_NOUN,
    _GENDER_OF_PRONOUN,
    _GENDER_STOP_RE,
    _IDENTIFIED_BEFORE_RE,
    _KIN_NAMES,
    _KIN_NP_RE,
    _KIN_WORDS,
    _LOWER_WORD_RE,
    _MALE_KIN,
    _NEXT_WORD_RE,
    _NOMINATIVE_PRONOUNS,
    _NOT_NAMES,
    _ORG_WORDS,
    _OTHER_SPEAKERS,
    _PLACE_BEFORE_RE,
    _PRONOUN_VOICE_RE,
    _PRONOUNS,
    _RANK_TITLES,
    _ROLE_AFTER_RUN_RE,
    _ROLE_BEFORE_NAME,
    _SPACE_CAPITAL_RE,
    _SPOUSE_TITLES,
    _SUBJECT_LEAD_RE,
    _THE_BEFORE_RE,
    _THIRD_PERSON_POSSESSIVES,
    _VOCATIVE_RE,
    _VOICE_NOUNS,
    COPIES_READ_BUDGET,
    FAR_REACH_CHARS,
    FIRST_NAME_SHARE,
    IDENTIFIED_BEFORE_CHARS,
    MAX_DESCRIPTION_WORDS,
    NEAREST_REACH_CHARS,
    PLACE_BEFORE_CHARS,
    RECALL_SPEAKERS,
    REPORT_VERB_CHARS,
    SUBJECT_LEAD_CHARS,
    WRITTEN_BEFORE_CHARS,
)
from datapkg.segment.names import (
    _before_verb,
    _clean_name,
    _copies_of,
    _family_names,
    _gender_word,
    _gendered_after,
    _is_honorific,
    _is_person_run,
    _may_be_own,
    _name_mentions,
    _personish,
    _place_names,
    _plural_names,
    _strip_leading_function_words,
    _tagged_words,
    _told_gender,
)
from datapkg.segment.spans import _Quote
from datapkg.segment.text import (
    _bare,
    _blank,
    _particle_start,
    _sentence_start,
)


@dataclass(slots=True)
class _Ctx:
    """What attribution knows about the whole document, beyond the sentence at hand."""

    surnames: frozenset[str]  # last words of the full names the text mentions
    given: dict[str, list[tuple[int, str]]]  # a first word -> where full names start with it
    opens: list[int]  # opening marks of the marked quotations, in text order
    closes: list[int]  # their closing positions
    # Speakers found so far, as (position, order found, name), kept sorted so that a look-up
    # reads only the window it needs: the cost per quotation stays bounded.
    speakers: list[tuple[int, int, str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # a name's last word -> "he"/"she"
    text: str = ""  # the document
    # What the whole text tells of each name word's gender, as it is asked (`_told_gender`).
    told: dict[str, str | None] = field(default_factory=dict)
    # Where each of those name words stands, indexed in one pass when first needed.
    copies: dict[str, list[tuple[int, int]]] | None = None
    read_for_copies: int = 0  # characters read to find name words' copies one word at a time
    # Each capitalised run met, by its text: the run without function words, and the person
    # it names when it is a person's name. Windows overlap; each run is read once.
    runs: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    voices: set[str] = field(default_factory=set)  # the speakers found so far, by name
    cued_at: set[int] = field(default_factory=set)  # where the speakers a cue gave stand
    # Where each paragraph starts, in order: a line break inside one is only a wrapped line.
    paragraphs: list[int] = field(default_factory=list)
    # Whether each of those paragraphs is a heading: a chapter title ("Chapter IX: Waiting for
    # Odile") names no one a later "she" in the narration refers to.
    headings: list[bool] = field(default_factory=list)
    # The words of the names the text tags with a reporting verb beside its quotations
    # (`_tagged_words`), gathered on first need: who speaks in it. A pronoun after a
    # quotation means one of them before a name the text never lets speak ("...walking in
    # Temple Bar.⏎“...,” she said").
    tagged: frozenset[str] | None = None
    # The runs the text writes after "in", "into", ... (`_place_names`), gathered on first
    # need: a place is no one a pronoun refers to, unless the text lets it speak.
    places: frozenset[str] | None = None
    # The capitalised words it writes as plurals of others ("Hindus", "the Pardoes"), gathered
    # on first need: a group, not whom "he" or "she" means.
    plurals: frozenset[str] | None = None
    # The name words it titles both as a man's and as a woman's ("Mr. McBryde", "Mrs.
    # McBryde"), gathered on first need, with the gender of its most frequent title.
    families: dict[str, str | None] | None = None
    # The full names that end with each word, as their first word and whether they open a
    # sentence (`names._document_names`).
    ending: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    # The words the quoted words call someone by ("“Come in, Mirela.”"), gathered on first
    # need: whom the text's people speak to is a person.
    called: set[str] | None = None
    # Lower-case words the text writes, asked one at a time, then indexed in one pass.
    lower: dict[str, bool] = field(default_factory=dict)
    lower_words: set[str] | None = None
    read_for_lower: int = 0  # characters read to find lower-case words one at a time
    # The last quotation reported by a verb before it: where its sentence starts, where it
    # closes, its speaker as found and its cue (`speakers._same_report`).
    last_report: tuple[int, int, str | None, str] | None = None
    # Where each paragraph (by its start) last cites the source cited before ("(Ibid)"), or
    # -1: each paragraph is searched once, however many quotations it holds.
    cited_again: dict[int, int] = field(default_factory=dict)


def _fullest(name: str | None, ctx: _Ctx, at: int) -> str | None:
    """The full name a lone first name stands for where it stands ("Lucan" -> "Lucan
    Gray"): the last full name the text gave with that first word, no more than
    `WRITTEN_BEFORE_CHARS` before `at`, so that a reader finds it there, else the only full
    name the text gives with that first word. Any other name as it is. Only a person's word
    is a first name: one the text calls "he" or "she", or one its quoted words call someone
    by ("Corvane ... it" is a company's); a word that is also a surname here ("Thomas") is
    left alone, unless it starts full names more often than it ends them."""
    if name is None or " " in name:
        return name
    if not _is_honorific(name) and not _is_persons_word(name, ctx):
        return name
    mentions = ctx.given.get(name)
    if not mentions:
        return name
    k = bisect_left(mentions, (at,)) - 1
    if name not in ctx.surnames and k >= 0 and at - mentions[k][0] <= WRITTEN_BEFORE_CHARS:
        return mentions[k][1]
    # Far from any full name: the full name the whole text gives that first word, if it gives
    # no other ("Ned" -> "Ned Hollins") or one far more often than any other
    # (`FIRST_NAME_SHARE`), and starts names with the word more often than it ends them ("Old
    # Bill" once is no surname); no copy of it may stand nearby.
    counts = Counter(whole for _, whole in mentions)
    [(full, times)] = counts.most_common(1)
    first = len(mentions) > _ends_names(name, ctx)
    return full if times >= FIRST_NAME_SHARE * len(mentions) and first else name


def _is_persons_word(word: str, ctx: _Ctx) -> bool:
    """Whether the text gives `word` a gender or its quoted words call someone by it."""
    if _told(word, ctx) is not None:
        return True
    if ctx.called is None:
        # One pass over the quoted words, the first time a word with no gender asks.
        ctx.called = {
            called
            for o, c in zip(ctx.opens, ctx.closes, strict=True)
            for m in _VOCATIVE_RE.finditer(ctx.text, o + 1, c)
            for called in m.group(1).split()
        }
    return word in ctx.called


def _ends_names(word: str, ctx: _Ctx) -> int:
    """How many full names end with `word`, leaving out those that open a sentence with a
    word the text also writes in lower case ("See Mike?", "Old Mike, the gambler"): a verb or
    an adjective before a name, not its first word."""
    return sum(
        1
        for first, opens in ctx.ending.get(word, [])
        if not (opens and _written_in_lower_case(first.lower(), ctx))
    )


def _written_in_lower_case(word: str, ctx: _Ctx) -> bool:
    """Whether the text writes `word` (lower case) as a word of its own. A few words are
    looked for one at a time; past `COPIES_READ_BUDGET` times the text's length read, every
    lower-case word is indexed in one pass, so the cost stays linear."""
    if _LOWER_WORD_RE.fullmatch(word) is None:
        return False  # "smith-jones": no word the index would hold either
    if ctx.lower_words is not None:
        return word in ctx.lower_words
    if word not in ctx.lower:
        if ctx.read_for_lower > COPIES_READ_BUDGET * len(ctx.text):
            ctx.lower_words = set(_LOWER_WORD_RE.findall(ctx.text))
            return word in ctx.lower_words
        at = ctx.text.find(word)
        while at >= 0 and not _whole_word_at(ctx.text, at, len(word)):
            at = ctx.text.find(word, at + 1)
        ctx.read_for_lower += (at if at >= 0 else len(ctx.text)) + 1
        ctx.lower[word] = at >= 0
    return ctx.lower[word]


def _whole_word_at(text: str, at: int, size: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + size] if at + size < len(text) else " "
    return not (before.isalnum() or before in "_’'-") and not (after.isalnum() or after in "_’'-")


def _add_speaker(ctx: _Ctx, at: int, name: str) -> None:
    insort(ctx.speakers, (at, len(ctx.speakers), name))
    ctx.voices.add(name)


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
    if run in ctx.voices:
        return True  # someone the text has heard speak
    if _is_honorific(run) and (prev == "the" or text.startswith(("The ", "the "), at)):
        return True  # "The Professor spoke": a title the text uses as someone's name
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
    sentence ("Gaskell had sold her house"), when that may be the name's own (`_may_be_own`)."""
    key = name.split()[-1]
    if key in ctx.genders:
        return
    first = name.split()[0].rstrip(".")  # "Mrs." is "Mrs"
    if first in _GENDER_HONORIFICS:
        ctx.genders[key] = _GENDER_HONORIFICS[first]
        return
    stop = min(hi, end + 120)
    # The sentence ends, another name begins, the paragraph ends (a single line break is
    # only a wrapped line), or quoted words, someone else's, open.
    ended = _GENDER_STOP_RE.search(text, end, stop)
    if ended is not None:
        stop = ended.start()
    m = _gendered_after(text, end, stop)
    if m is not None and _may_be_own(text, end, m):
        ctx.genders[key] = "he" if m.group(1) else "she"


def _paragraph_start(ctx: _Ctx, pos: int) -> int:
    """Where the paragraph holding `pos` starts (0 when the paragraphs are not known)."""
    k = bisect_right(ctx.paragraphs, pos) - 1
    return ctx.paragraphs[k] if k >= 0 else 0


def _tagged(ctx: _Ctx) -> frozenset[str]:
    """The words of the names the document tags as speakers, read on first need."""
    if ctx.tagged is None:
        ctx.tagged = _tagged_words(ctx.text, zip(ctx.opens, ctx.closes, strict=True))
    return ctx.tagged


def _places(ctx: _Ctx) -> frozenset[str]:
    """The places the document names, read on first need."""
    if ctx.places is None:
        ctx.places = _place_names(ctx.text)
    return ctx.places


def _families(ctx: _Ctx) -> dict[str, str | None]:
    """The family names the document writes, read on first need."""
    if ctx.families is None:
        ctx.families = _family_names(ctx.text)
    return ctx.families


def _plurals(ctx: _Ctx) -> frozenset[str]:
    """The capitalised plurals the document writes beside their singular, read on first need."""
    if ctx.plurals is None:
        ctx.plurals = _plural_names(ctx.text)
    return ctx.plurals


def _in_heading(ctx: _Ctx, pos: int) -> bool:
    """Whether `pos` lies in a heading."""
    k = bisect_right(ctx.paragraphs, pos) - 1
    return 0 <= k < len(ctx.headings) and ctx.headings[k]


def _is_subject_at(text: str, at: int, start: int, ctx: _Ctx) -> bool:
    """Whether a mention at `at` opens its sentence, maybe after a short fronted phrase, an
    apposition or a clause ("His wife, Maureen, ...", "Back at the centre, Dorsey ...", "When
    Lord Alfred had taken his seat again, Mr. Pardoe ..."), or its
    paragraph (a hard-wrapped line does not start one: "... between Tobias and⏎Mirela")."""
    if at == start or _blank(text, max(start, _paragraph_start(ctx, at)), at):
        return True
    return _SUBJECT_LEAD_RE.search(text, max(start, at - SUBJECT_LEAD_CHARS), at) is not None


def _reports(text: str, at: int, end: int, start: int) -> bool:
    """Whether the name at text[at:end] is who the sentence reports speaking, though it does
    not open it: a reporting verb right after it ("The budget is a mess, Lopez said") or
    right before it, the name closing the clause ("..., said Ana Ruiz, an aide"), with no
    pronoun before it, outside quoted words, that could be the subject instead."""
    nxt = _NEXT_WORD_RE.match(text, end, end + REPORT_VERB_CHARS)
    after = nxt is not None and nxt.start(1) == end + 1 and nxt.group(1) in _CUE_WORDS
    before = text[max(start, at - REPORT_VERB_CHARS) : at].split()
    closes = text[end : end + 1] in (",", ".")
    if not (after or (closes and before and before[-1] in _CUE_WORDS)):
        return False
    lead = text[_sentence_start(text, at, start) : at]
    # "“He is a fool,” said Ana Ruiz": the pronoun is the quoted words', not the sentence's.
    lead = lead[max(lead.rfind(mark) for mark in _CLOSING_MARKS) + 1 :]
    return not any(_bare(w) in _NOMINATIVE_PRONOUNS for w in lead.split())


def _nearest_person(
    text: str,
    pos: int,
    lo: int,
    ctx: _Ctx,
    pronoun: str | None = None,
    addressed: frozenset[str] = frozenset(),
    reach: int = NEAREST_REACH_CHARS,
) -> str | None:
    """The person-like name before `pos` that he/she most likely refers to.

    Sentence subjects of its own paragraph, and speakers found there, win over names met
    mid-sentence; possessives ("Carter’s adviser") and names inside other quotations are
    skipped, and inside a quotation the people it mentions come first. A lone word counts
    when it is the surname of a full name in the text, or a role, kinship or apposition
    marks it as a name ("president Marsh", "his wife, Ann,"); "my father" counts too.
    Whom the quotation itself calls by name (`addressed`: "“Come, Rosalind,” she said") is
    not who says it.
    """
    start = max(lo, pos - reach)
    # Only a subject in the pronoun's own paragraph outranks a later, nearer name. Looked for
    # in the window only: every candidate lies in it, and the search stays bounded.
    para_start = max(start, _paragraph_start(ctx, pos))
    # (where, name, subject of its sentence in the pronoun's paragraph, subject anywhere,
    # whether a name is someone the text lets speak; None for a kinship phrase or a speaker
    # found before, which are kept but say nothing of the names around them)
    found: list[tuple[int, str, bool, bool, bool | None]] = []
    titled: dict[int, int] = {}  # where a name after a role starts -> where its phrase does
    for m in _CAP_RUN_RE.finditer(text, start, pos):
        role = _ROLE_AFTER_RUN_RE.match(text, m.end(), pos)
        if role is not None:
            titled[role.end()] = titled.get(m.start(), m.start())
            continue  # "Harbor Rights spokesman Ivo Marsh": the name is the person
        opens = titled.get(m.start(), m.start())  # where the mention's noun phrase starts
        hyphen = m.start() > 0 and text[m.start() - 1] == "-"
        at = _particle_start(text, m.start()) if hyphen else m.start()
        raw = text[at : m.end()]
        # What the run's words say of it first (read once per document and run): most runs
        # ("He", "The", "But") are no name, and are passed over without reading around them.
        known = ctx.runs.get(raw)
        if known is None:
            run = _strip_leading_function_words(raw.removesuffix("’s").removesuffix("'s"))
            # "Minister Tomás Ferro": the person after the role words.
            person = _clean_name(run) if run else ""
            known = (run, person if person and _is_person_run(person) else None)
            ctx.runs[raw] = known
        run, name = known
        if name is None and run and ctx.voices:
            # "asked the Warden" ... "The Warden was wheeled out": a description in capitals
            # that the text tags as a speaker is that speaker, met again.
            head = raw.split()[0]
            lead = head if head != run.split()[0] else text[max(0, at - 4) : at].strip()
            if lead.lower() == "the":
                name = next((f for f in (f"the {run}", f"The {run}") if f in ctx.voices), None)
        if not run or (name is None and " " in run):
            continue  # neither a person's name nor a lone word that may be one
        possessive = raw.endswith(("’s", "'s"))
        place = _PLACE_BEFORE_RE.search(text, max(start, at - PLACE_BEFORE_CHARS), at)
        if place is not None:
            continue  # "in West Virginia", "to South Asia": a place, not someone who speaks
        if _in_heading(ctx, at):
            continue
        if ctx.opens and _in_other_quote(ctx, at, pos):
            continue
        if name is None:
            if not _personish(run) or not _lone_name(text, run, at, m.end(), start, ctx):
                continue  # "One cloud hung ...": no one, even where "One said" tagged words
            name = run
        if _called(name, addressed):
            continue
        words = name.split()
        if pronoun in ("he", "she"):
            if words[-1] in _plurals(ctx) and not _is_honorific(words[0]):
                continue  # "they were Hindus": a group
            _note_gender(text, name, m.end(), pos, ctx)
            if _gender_of(name, ctx) not in (None, pronoun):
                continue
        # "Carter’s adviser": never the subject
        subject = not possessive and (
            _is_subject_at(text, opens, start, ctx) or _reports(text, opens, m.end(), start)
        )
        tagged = _tagged(ctx)
        # Someone the text lets speak, titled as a person ("General Ana Ruiz") or said to be
        # one ("He is Carne Ross"): not a place or a thing met in passing.
        voiced = (
            _is_honorific(words[0])
            or name in ctx.voices
            or words[0] in tagged
            or words[-1] in tagged
            or _IDENTIFIED_BEFORE_RE.search(text, max(start, at - IDENTIFIED_BEFORE_CHARS), at)
            is not None
        )
        if not voiced and name in _places(ctx):
            continue  # "India" of "lived in India" elsewhere: a place, met here as a subject
        if (
            not voiced
            and pronoun in ("he", "she")
            and _THE_BEFORE_RE.search(text, max(start, at - PLACE_BEFORE_CHARS), at)
        ):
            continue  # "the British Empire", "the Kawa Dol": a thing the text never lets speak
        found.append((m.start(), name, subject and opens >= para_start, subject, voiced))
    for m in _KIN_NP_RE.finditer(text, start, pos):
        kin = m.group(1)
        if _SPACE_CAPITAL_RE.match(text, m.end(), m.end() + 2):
            continue  # "my uncle Teo": the name is the mention
        gender = "he" if kin in _MALE_KIN else "she"
        if (pronoun is not None and gender != pronoun) or _in_other_quote(ctx, m.start(), pos):
            continue
        narrated = m.group(0).split()[0].lower() in _THIRD_PERSON_POSSESSIVES
        if narrated and _innermost_open(ctx, m.start() + 1) < 0:
            # "her father" in the narration names someone the text names better elsewhere:
            # the nearest name of that gender is the more useful answer. Inside quoted words
            # ("my father", "his wife") the phrase is what the text gives, and stays.
            continue
        subject = _is_subject_at(text, m.start(), start, ctx)
        kin_np = " ".join(m.group(0).split())  # "his⏎mother", wrapped, is "his mother"
        found.append((m.start(), kin_np, subject and m.start() >= para_start, subject, None))
    spoke: set[int] = set()  # where the speakers a cue gave stand
    for at, _, name in _speakers_between(ctx, start, pos):
        if not _personish(name) or _called(name, addressed) or _in_other_quote(ctx, at, pos):
            continue
        if _unseen_voice(name):
            continue  # "said a voice": someone unseen, whom no later "she" means
        if pronoun is not None:
            told = _gender_of(name, ctx) or _described_gender(name)  # "the old woman": she
            if told not in (None, pronoun):
                continue
        # A speaker found before counts as a subject in the pronoun's own paragraph only: one
        # attributed across paragraphs may be a guess, and a guess should not outrank a name.
        found.append((at, name, at >= para_start, False, None))
        if at in ctx.cued_at:
            spoke.add(at)
    if not found:
        if pronoun is None:
            return None
        recent = _recent_speaker(ctx, start, pronoun, addressed)
        if recent is None and reach < FAR_REACH_CHARS:
            # Nobody near and no speaker of that gender: the person further back, as a
            # reader remembers someone met a few paragraphs before.
            far = max(0, pos - FAR_REACH_CHARS)
            return _nearest_person(text, pos, far, ctx, pronoun, addressed, FAR_REACH_CHARS)
        return recent
    found.sort(key=lambda f: f[0])
    inside = _innermost_open(ctx, pos)
    if inside >= 0:
        within = [f for f in found if f[0] > inside]
        if within:
            found = within  # "‘Dad ... every time he asks me ...’": Dad, not the speaker
    elif _tagged(ctx) and any(f[4] for f in found):
        # In the narration, a pronoun that speaks means someone the text lets speak, a
        # name of its own paragraph, or the subject of a sentence before ("Ann Lee, a
        # delegate, criticized ...⏎“...,” she said"), not a name met in passing in an
        # earlier paragraph ("... beneath a lamp of Temple Bar.⏎“...,” she said").
        found = [f for f in found if f[4] is not False or f[3] or f[0] >= para_start]
    subjects = [name for _, name, here, _, _ in found if here]
    if subjects:
        return subjects[-1]
    if found[-1][0] >= para_start:
        return found[-1][1]  # the last name met in the pronoun's own paragraph
    # Nobody in the pronoun's paragraph: in the last paragraph that names someone, its last
    # subject or speaker, over a name met mid-sentence ("Ruiz said ... against Ivo
    # Marsh." / "“...,” he said").
    last_para = _paragraph_start(ctx, found[-1][0])
    earlier = [name for at, name, _, subject, _ in found if subject and at >= last_para]
    if not earlier:  # no subject there: the speaker a cue gave ("“...,” Ruiz told CNN.")
        earlier = [name for at, name, _, _, _ in found if at in spoke and at >= last_para]
    return earlier[-1] if earlier else found[-1][1]


def _called(name: str, addressed: frozenset[str]) -> bool:
    """Whether `name` is one the words call someone by ("Brigida" calls Brigida Moss)."""
    if not addressed:
        return False
    if name in addressed:
        return True
    words = [w for w in name.split() if not _is_honorific(w)]
    if not (words and (words[0] in addressed or words[-1] in addressed)):
        return False
    # A title of the other gender is another person of the name: "Mrs. Halvorsen" calls no
    # "Mr. Halvorsen".
    gender = _GENDER_HONORIFICS.get(name.split()[0].rstrip("."))
    titled = [a.split() for a in addressed if " " in a and a.split()[-1] == words[-1]]
    return not (
        gender is not None
        and titled
        and all(_GENDER_HONORIFICS.get(a[0].rstrip("."), gender) != gender for a in titled)
    )


def _recent_speaker(
    ctx: _Ctx, before: int, pronoun: str, addressed: frozenset[str] = frozenset()
) -> str | None:
    """The last speaker before `before` known to be `pronoun` ("he"/"she"): whom a pronoun
    means when no name is near, as in a long stretch of dialogue. Looks back no further than
    `RECALL_SPEAKERS` speakers."""
    k = bisect_left(ctx.speakers, (before,))
    recent = [name for _, _, name in ctx.speakers[max(0, k - RECALL_SPEAKERS) : k]]
    people = [
        name for name in reversed(recent) if _personish(name) and not _called(name, addressed)
    ]
    for name in people:
        if _gender_of(name, ctx) == pronoun:
            return name
    # No speaker known to be of that gender: the last one whose gender the text has not told.
    return next((name for name in people if _gender_of(name, ctx) is None), None)


def _gender_of(name: str | None, ctx: _Ctx) -> str | None:
    """The name's gender as a pronoun ("he", "she"), or None: what the document taught of the
    name, else its honorific."""
    words = name.split() if name else []
    if not words:
        return None
    # The honorific first: "Mr. Delacroix" is a man whatever "Mrs. Delacroix" taught; then
    # a first name, which a family does not share ("Ilse Brandt", whatever "Brandt" taught).
    return (
        _GENDER_HONORIFICS.get(words[0].rstrip("."))
        or (_told(words[0], ctx) if len(words) > 1 else None)
        or _told(words[-1], ctx)
        or _family_gender(words, ctx)
    )


def _unseen_voice(speaker: str) -> bool:
    """Whether a speaker is a voice no name goes with ("a voice", "a frigid voice behind
    me", not "the voice of Mr. Ruiz"): someone the text does not show, whom no later "he" or
    "she" means."""
    words = speaker.split()
    return (
        speaker[:1].islower()
        and not any(w[:1].isupper() for w in words)
        and any(w in _VOICE_NOUNS for w in words[:4])
    )


def _described_gender(speaker: str) -> str | None:
    """The gender of a speaker described, not named ("the old lady", "her husband"): "he",
    "she", or None. Kinship words count after a possessive only ("the mother" is often a
    role the text gives someone it never names)."""
    words = speaker.split()
    if words:
        words[0] = words[0].lower()  # "The old man" opening a sentence
    if not 2 <= len(words) <= MAX_DESCRIPTION_WORDS or words[0] not in _DEFINITE_DETERMINERS:
        return None
    if not all(w.isalpha() and w.islower() for w in words):
        return None  # "the Coroner", a title, or a phrase with a number in it
    noun = words[-1]
    if words[0] in _THIRD_PERSON_POSSESSIVES and noun in _MALE_KIN | _FEMALE_KIN:
        return "he" if noun in _MALE_KIN else "she"
    return _GENDER_OF_NOUN.get(noun)


def _spouse_of(owner: str, described: str, ctx: _Ctx) -> str | None:
    """Whom "his wife" or "her husband" names when the possessive means a titled person of a
    family the text titles both ways: Mr. Hale's wife is Mrs. Hale, written with his title's
    stop or without it. None when the text writes no such pair."""
    words = described.split()
    title = _SPOUSE_TITLES.get(words[-1]) if len(words) == 2 else None
    owned = owner.split()
    if title is None or len(owned) != 2 or words[0].lower() not in _THIRD_PERSON_POSSESSIVES:
        return None
    own_title = owned[0].rstrip(".")
    spouse_gender = _GENDER_HONORIFICS.get(title)
    if _GENDER_HONORIFICS.get(own_title) in (None, spouse_gender):
        return None
    if owned[1] not in _families(ctx):
        return None
    return title + owned[0][len(own_title) :] + " " + owned[1]


def _family_gender(words: list[str], ctx: _Ctx) -> str | None:
    """A family's name alone ("Lowther" beside "Mr. Lowther" and "Mrs. Lowther") has the gender
    `_family_names` finds for it, not the gender of whichever title was met first; any other
    name, what the document taught of its last word."""
    families = _families(ctx)
    if len(words) == 1 and words[0] in families:
        return families[words[0]]
    return ctx.genders.get(words[-1])


def _told(word: str, ctx: _Ctx) -> str | None:
    """The gender the whole text gives a name word, counted once per word."""
    if word not in ctx.told:
        if not _gender_word(word, ctx.surnames, ctx.given):
            ctx.told[word] = None
            return None
        if ctx.copies is None and ctx.read_for_copies > COPIES_READ_BUDGET * len(ctx.text):
            # Many names asked of a long text: index every name's copies in one pass, so the
            # cost stays linear however many names the text holds.
            ctx.copies = _name_mentions(ctx.text, ctx.surnames | frozenset(ctx.given))
        if ctx.copies is not None:
            copies = ctx.copies.get(word, [])
        else:  # a few names: reading the text for each is faster than indexing it
            copies, read = _copies_of(ctx.text, word)
            ctx.read_for_copies += read
        ctx.told[word] = _told_gender(ctx.text, copies)
    return ctx.told[word]


def _innermost_open(ctx: _Ctx, pos: int) -> int:
    """Opening mark of the innermost quotation holding `pos`, or -1."""
    k = bisect_right(ctx.opens, pos - 1) - 1
    stop = max(-1, k - 4)
    while k > stop:
        if ctx.opens[k] < pos <= ctx.closes[k]:
            return ctx.opens[k]
        k -= 1
    return -1


def _resolve(
    text: str,
    speaker: str | None,
    pos: int,
    lo: int,
    ctx: _Ctx,
    parent: _Quote | None = None,
    addressed: frozenset[str] = frozenset(),
) -> str | None:
    """A pronoun speaker made a name: he/she from the text before (never whom the words are
    said to, `addressed`), "I" inside a quotation from the quotation's own speaker ("... and
    I said, ‘No.’" is the outer speaker's)."""
    if not speaker:
        return None
    low = _CONTRACTION_RE.sub("", speaker.lower())
    if low in _PRONOUNS:
        return _nearest_person(text, pos, lo, ctx, _GENDER_OF_PRONOUN[low], addressed)
    voice = _PRONOUN_VOICE_RE.fullmatch(low)
    if voice is not None and voice.group(1) in _THIRD_PERSON_POSSESSIVES:
        gender = _GENDER_OF_PRONOUN.get(voice.group(1))  # "his lips repeated": he
        if gender is not None:
            return _nearest_person(text, pos, lo, ctx, gender, addressed)
    if low in _FIRST_PERSON:
        if parent is not None:
            return parent.speaker
        return "I" if low == "i" else None
    if low in _BARE_SUBJECTS:
        return None
    if low in _OTHER_SPEAKERS:
        return _other_voice(ctx, pos) or speaker
    words = speaker.split()
    if len(words) == 2 and words[0].lower() in _ARTICLES:
        # "said the count", "said the Major": the one person the text titles so ("Count
        # Zaharopoulos", "Major Ormsby").
        for title in _RANK_TITLES.get(words[1].lower(), ()):
            full = _fullest(title, ctx, pos)
            if full is not None and full != title:
                return full
    return speaker


def _other_voice(ctx: _Ctx, before: int) -> str | None:
    """Whom "the other" means: of the last two people heard before `before`, the one who did
    not speak last. Looks back no further than `RECALL_SPEAKERS` speakers."""
    k = bisect_left(ctx.speakers, (before,))
    recent = [name for _, _, name in reversed(ctx.speakers[max(0, k - RECALL_SPEAKERS) : k])]
    people = [name for name in recent if _personish(name) and name.lower() not in _OTHER_SPEAKERS]
    if not people:
        return None
    last = people[0]
    return next((name for name in people[1:] if not _same_person(name, last)), None)


def _same_person(a: str, b: str) -> bool:
    """Whether two names may be one person's: one's last word ends the other ("Rustam", "Dr.
    Rustam")."""
    return a.split()[-1] == b.split()[-1]
