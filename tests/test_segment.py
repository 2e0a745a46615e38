"""Tests of the text segmenter: invariants under random text, one test per rule, seeds."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from datapkg.models import (
    Mark,
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
)
from datapkg.segment import MAX_QUOTATION_DEPTH, segment

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

K = ParagraphKind
Q = QuotationKind


def _valid(kind: type, value: object) -> None:
    """Fails unless `value` keeps the bounds its dataclass declares as pydantic constraints."""
    TypeAdapter(kind).validate_python(dataclasses.asdict(value), strict=False)  # type: ignore[call-overload]


def check_invariants(text: str, seg: Segmentation) -> None:
    """Everything the contract promises about offsets, whatever the text."""
    covered = [False] * len(text)
    last_end = 0
    for p in seg.paragraphs:
        _valid(ParagraphSpan, p)  # within the bounds its type declares
        assert last_end <= p.char_start < p.char_end <= len(text)
        assert not text[p.char_start].isspace() and not text[p.char_end - 1].isspace()
        for k in range(p.char_start, p.char_end):
            covered[k] = True
        last_end = p.char_end
    for k, c in enumerate(text):
        assert covered[k] or c.isspace(), f"non-space char {c!r} at {k} outside paragraphs"
    prev_key: tuple[int, int] | None = None
    for i, q in enumerate(seg.quotations):
        _valid(QuotationSpan, q)
        para = seg.paragraphs[q.paragraph]
        assert para.char_start <= q.char_start < q.char_end <= para.char_end
        assert text[q.char_start : q.char_end].strip()
        key = (q.char_start, -q.char_end)
        assert prev_key is None or prev_key <= key
        prev_key = key
        if q.parent is not None:
            assert q.parent < i
            outer = seg.quotations[q.parent]
            assert outer.char_start <= q.char_start and q.char_end <= outer.char_end
        if q.first_piece is not None:
            assert q.first_piece < i
            assert seg.quotations[q.first_piece].paragraph < q.paragraph
    _valid(Segmentation, seg)
    # Output proportional to the input: no quotation nests deeper than the limit, so the
    # records' texts add up to at most that many copies of the text.
    depth: dict[int, int] = {}
    for i, q in enumerate(seg.quotations):
        depth[i] = 0 if q.parent is None else depth[q.parent] + 1
        assert depth[i] < MAX_QUOTATION_DEPTH
    quoted = sum(q.char_end - q.char_start for q in seg.quotations)
    assert quoted <= MAX_QUOTATION_DEPTH * len(text)
    assert all(0 <= note.char_start < len(text) for note in seg.notes)


def kinds(text: str) -> list[ParagraphKind]:
    return [p.kind for p in segment(text).paragraphs]


def spans(text: str) -> list[str]:
    return [text[p.char_start : p.char_end] for p in segment(text).paragraphs]


def quotes(text: str) -> list[tuple[str, QuotationSpan]]:
    return [(text[q.char_start : q.char_end], q) for q in segment(text).quotations]


# --------------------------------------------------------------------------- properties

TRICKY = "“”‘’\"'\n\n\n\t :*>-.,!?AbcSs19 "
tricky_text = st.text(alphabet=TRICKY, max_size=300) | st.lists(
    st.sampled_from(
        [
            "He said: ",
            "“Yes,” she said. ",
            "‘no’ ",
            "workers’ ",
            "the 1970’s ",
            "don’t ",
            '"quoted" ',
            "'single' ",
            "\n\n",
            "\n",
            "Heading\n\n",
            "*****\n",
            "> link\n",
            "wrote:\n\n",
            "according to the Times, ",
            "\t",
            "“open ",
            "close” ",
            "fake-’lefts’ ",
            "Mr Smith ",
            "… ",
            "[sic] ",
            "“‘“‘“",
            "’”’”’",
            "‘a ",
            " b”",
        ]
    ),
    max_size=40,
).map("".join)


# A time budget: an example slower than this (the texts are at most a few hundred characters)
# would be a sign of work that grows faster than the text.
BUDGET = dt.timedelta(seconds=2)


@settings(max_examples=5000, deadline=BUDGET, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_text)
def test_invariants_hold_on_random_text(text: str) -> None:
    seg = segment(text)
    check_invariants(text, seg)
    assert segment(text) == seg  # deterministic


@settings(max_examples=500, deadline=BUDGET)
@given(st.text(max_size=200))
def test_invariants_hold_on_any_unicode(text: str) -> None:
    check_invariants(text, segment(text))


def test_nesting_deeper_than_the_limit_makes_no_records_and_a_note() -> None:
    text = "He said “a ‘b “c ‘d “e ‘f’ e” d’ c” b’ a” and left."
    seg = segment(text, max_depth=3)
    assert [text[q.char_start : q.char_end][:3] for q in seg.quotations] == ["a ‘", "b “", "c ‘"]
    assert [(n.code, n.char_start) for n in seg.notes] == [("quotation-depth", text.index("‘d"))]
    assert len(segment(text).quotations) == 4 and len(segment(text, max_depth=9).notes) == 0


def test_thousands_of_nested_marks_cost_little_and_write_little() -> None:
    text = "He said " + "“‘" * 8000 + "x" + "’”" * 8000 + "."
    started = time.perf_counter()
    seg = segment(text)
    assert time.perf_counter() - started < 10  # the quadratic version took minutes
    assert len(seg.quotations) == MAX_QUOTATION_DEPTH
    assert sum(q.char_end - q.char_start for q in seg.quotations) < 4 * len(text)


def test_empty_and_blank_texts() -> None:
    assert segment("").paragraphs == ()
    assert segment(" \n\n\t\n").paragraphs == ()


# --------------------------------------------------------------------------- paragraphs


def test_blank_line_convention() -> None:
    text = "First paragraph of prose here.\n\nSecond one, also prose.\n"
    assert spans(text) == ["First paragraph of prose here.", "Second one, also prose."]


def test_line_per_paragraph_convention() -> None:
    text = (
        "The committee met on Monday and heard evidence from residents.\n"
        "Several speakers demanded that the plan be withdrawn at once.\n"
        "The chair promised a decision by the end of the month."
    )
    assert len(spans(text)) == 3


def test_mixed_conventions() -> None:
    text = (
        "A first block of prose ends here.\n\n"
        "Line one of a dense block is a paragraph.\n"
        "Line two of that block is another one.\n\n"
        "And a last block."
    )
    assert len(spans(text)) == 4


def test_hard_wrapped_block_is_one_paragraph() -> None:
    text = (
        "This paragraph was wrapped by an old mail client at a\n"
        "fixed width, so each of its lines stops in the middle of\n"
        "a sentence and only the last one ends with a full stop.\n\n"
        "Next paragraph."
    )
    assert len(spans(text)) == 2


def test_stray_blank_line_is_joined() -> None:
    text = "The minister has always said that the\n\nproject would be finished on time."
    seg = segment(text)
    assert len(seg.paragraphs) == 1
    assert seg.paragraphs[0].char_end == len(text)


def test_stray_line_break_in_dense_block_is_joined() -> None:
    text = "Officials announced the\nclosure of three depots.\nUnions reacted angrily."
    assert spans(text) == [
        "Officials announced the\nclosure of three depots.",
        "Unions reacted angrily.",
    ]


def test_headings() -> None:
    text = (
        "Rail strike spreads north\n\n"
        "Drivers walked out on Tuesday morning across the region.\n\n"
        "What happens next\n\n"
        "Talks resume on Friday, officials said."
    )
    assert kinds(text) == [K.HEADING, K.PARAGRAPH, K.HEADING, K.PARAGRAPH]


def test_exclamation_is_heading_only_at_the_head() -> None:
    text = (
        "Hands off the library!\n\n"
        "The council wants to sell the old library building to developers.\n\n"
        "Save the library!"
    )
    assert kinds(text) == [K.HEADING, K.PARAGRAPH, K.PARAGRAPH]


def test_separator() -> None:
    text = "Some prose paragraph here.\n\n*****\n\nMore prose.\n\n- - - -\n\nEnd."
    assert kinds(text)[1] == K.SEPARATOR and kinds(text)[3] == K.SEPARATOR


def test_boilerplate_links_urls_and_full_story() -> None:
    text = (
        "A short article with a single paragraph of text.\n\n"
        "> Related story one\n\n"
        "> Related story two\n\n"
        "https://example.org/page\n\n"
        "read the full story:"
    )
    ks = kinds(text)
    assert ks[0] == K.PARAGRAPH and ks[1:4] == [K.BOILERPLATE] * 3
    assert kinds("Body text of the article goes here.\nfull story:")[1] == K.BOILERPLATE


def test_boilerplate_web_form() -> None:
    text = (
        "Our campaign needs you, so please fill in the form below:\t\n"
        "Name\t\t\nTown\t\t\nPhone\tEmail\t"
    )
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs] == [K.BOILERPLATE, K.BOILERPLATE]


def test_boilerplate_event_notice() -> None:
    text = (
        "Film showing:\n\nThe hidden history of the docks\n\n"
        "6.30pm, Thursday 3 May\n\nUnity Hall, 12 Canal Road\n\n"
        "Contact: 01234 567890\n\n"
        "The docks closed in 1981, and with them went four thousand jobs in the town."
    )
    ks = kinds(text)
    assert ks[:5] == [K.BOILERPLATE] * 5 and ks[5] == K.PARAGRAPH


def test_heading_like_colon_line_is_not_an_introduction() -> None:
    text = "Upcoming events:\n\nA talk on local history will be held at the museum next week."
    seg = segment(text)
    assert seg.paragraphs[1].kind is K.PARAGRAPH and seg.quotations == ()


def test_signature_at_the_foot() -> None:
    text = "Rail fares rose again this January, the third rise in as many years.\n\nJane Marlow"
    assert kinds(text) == [K.PARAGRAPH, K.SIGNATURE]
    assert (
        kinds("The strike is over and the depot reopens on Monday.\n\n-- ends --")[-1]
        == K.SIGNATURE
    )


def test_epigraph_with_bare_attribution() -> None:
    text = (
        "Those who cannot remember the past are condemned to repeat it, "
        "as all of history shows. G.Santayana\n\n"
        "The town council voted last night to demolish the old mill."
    )
    assert kinds(text) == [K.EPIGRAPH, K.PARAGRAPH]


# --------------------------------------------------------------------------- quotations


def test_curly_and_straight_double_quotes() -> None:
    for text in (
        'She called it "a scandal that cannot stand any longer," Ms Hale said.',
        "She called it “a scandal that cannot stand any longer,” Ms Hale said.",
    ):
        [(content, q)] = quotes(text)
        assert content == "a scandal that cannot stand any longer,"
        assert q.mark is Mark.DOUBLE and q.kind is Q.DIRECT
        assert q.speaker == "Ms Hale" and q.cue == "said"


def test_curly_and_straight_single_quotes() -> None:
    for text in ("The so-called 'reform' was shelved.", "The so-called ‘reform’ was shelved."):
        [(content, q)] = quotes(text)
        assert content == "reform" and q.mark is Mark.SINGLE and q.kind is Q.SCARE


@pytest.mark.parametrize(
    "text",
    [
        "Britain’s unions and the workers’ movement met in the 1970’s, didn’t they?",
        "The Ba’athists lost power; the United States’ deployment went on. Give ’em hell.",
        "It's the members' choice, isn't it, in the '90s.",
    ],
)
def test_apostrophes_are_not_marks(text: str) -> None:
    assert quotes(text) == []


def test_plural_possessive_inside_single_quote() -> None:
    text = "They called it the ‘workers’ own plan’ in public."
    [(content, _)] = quotes(text)
    assert content == "workers’ own plan"


def test_plural_possessive_can_close_a_quote() -> None:
    text = "He praised the ‘heroes’ of the strike."
    [(content, _)] = quotes(text)
    assert content == "heroes"


def test_nested_single_inside_double() -> None:
    text = "“They told us, ‘Leave now,’ and we left,” said the farmer."
    got = quotes(text)
    assert [c for c, _ in got] == ["They told us, ‘Leave now,’ and we left,", "Leave now,"]
    assert got[1][1].parent == 0 and got[0][1].parent is None
    assert got[0][1].speaker == "the farmer"


def test_nested_double_inside_single() -> None:
    text = "Mr Oduya said: ‘The sign read “Keep out” in red letters.’"
    got = quotes(text)
    assert [c for c, _ in got] == ["The sign read “Keep out” in red letters.", "Keep out"]
    assert got[1][1].parent == 0 and got[1][1].mark is Mark.DOUBLE


def test_multi_paragraph_quotation() -> None:
    text = (
        "The mayor went on: “We will not close the baths.\n\n"
        "“Nor will we sell the park. Both stay open.”\n\n"
        "The meeting ended."
    )
    seg = segment(text)
    first, second = seg.quotations
    assert text[first.char_start : first.char_end] == "We will not close the baths."
    assert second.first_piece == 0 and second.paragraph == 1
    assert second.speaker == first.speaker


def test_missing_closing_mark_stops_at_paragraph_end() -> None:
    text = (
        "She warned: “this will end badly for everyone\n\nThe next paragraph is not quoted at all."
    )
    seg = segment(text)
    assert len(seg.quotations) == 1
    q = seg.quotations[0]
    assert (
        q.paragraph == 0 and text[q.char_start : q.char_end] == "this will end badly for everyone"
    )


def test_ellipsis_and_insertions_stay_inside() -> None:
    text = "The report said “costs rose … and [the council] did nothing about it.”"
    [(content, _)] = quotes(text)
    assert content == "costs rose … and [the council] did nothing about it."


def test_unmarked_block_quotation_after_colon() -> None:
    text = (
        "Last week the Evening Courier wrote:\n\n"
        "The closure of the yard is a blow from which the town may never recover, "
        "and the council has offered nothing in its place.\n\n"
        "Readers will judge for themselves."
    )
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs] == [K.PARAGRAPH, K.BLOCKQUOTE, K.PARAGRAPH]
    [q] = seg.quotations
    assert q.mark is Mark.NONE and q.paragraph == 1 and q.kind is Q.DIRECT
    assert (q.char_start, q.char_end) == (seg.paragraphs[1].char_start, seg.paragraphs[1].char_end)
    assert q.speaker == "the Evening Courier"


def test_unmarked_block_in_dense_text_spans_its_block() -> None:
    text = (
        "Our own view is simple.\nAs the local paper reported in March:\n\n"
        "The yard employed four hundred people at its peak.\n"
        "Its closure was announced without warning.\n\n"
        "We disagree with the paper on one point only."
    )
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs].count(K.BLOCKQUOTE) == 2
    first, second = seg.quotations
    assert second.first_piece == 0 and first.speaker == "the local paper"


def test_quotes_inside_block_quotation_have_parent() -> None:
    text = (
        "The Daily Ledger observed:\n\n"
        "The minister's promise of “jobs for all” rang hollow in the valleys this winter."
    )
    seg = segment(text)
    block, inner = seg.quotations
    assert block.mark is Mark.NONE and inner.parent == 0


def test_whole_paragraph_marked_quotation_after_colon_is_blockquote() -> None:
    text = "The inspector concluded:\n\n“The building is unsafe and must be closed at once.”"
    seg = segment(text)
    assert seg.paragraphs[1].kind is K.BLOCKQUOTE
    assert seg.quotations[0].speaker == "The inspector"


def test_speaker_before_with_colon() -> None:
    text = "Union leader Amara Reyes said: “We will strike if we have to.”"
    [(_, q)] = quotes(text)
    assert q.speaker == "Amara Reyes" and q.cue == "said"


def test_speaker_after() -> None:
    [(_, q)] = quotes("“The line will reopen next spring,” Okafor declared.")
    assert (q.speaker, q.cue) == ("Okafor", "declared")


def test_speaker_inverted_after() -> None:
    [(_, q)] = quotes("“Nobody asked us,” says Mrs Patel.")
    assert (q.speaker, q.cue) == ("Mrs Patel", "says")


def test_speaker_around_two_part_quotation() -> None:
    got = quotes("“First we lose the bus,” says Mr Dunn, “then we lose the school.”")
    assert [q.speaker for _, q in got] == ["Mr Dunn", "Mr Dunn"]


def test_according_to() -> None:
    [(_, q)] = quotes("According to the Western Gazette, “the deal is dead in the water.”")
    assert (q.speaker, q.cue) == ("the Western Gazette", "according to".capitalize())


def test_pronoun_resolved_to_nearest_name() -> None:
    text = (
        "Tomas Berg, a retired engineer, has lived by the river for forty years. "
        "He told a local radio station: “The floods are worse every year.”"
    )
    [(_, q)] = quotes(text)
    assert (q.speaker, q.cue) == ("Tomas Berg", "told")


def test_scare_quotes_have_no_speaker() -> None:
    text = (
        'The "reforms" hit the poorest hardest, and the so-called "efficiency savings" were a cut.'
    )
    got = quotes(text)
    assert [q.kind for _, q in got] == [Q.SCARE, Q.SCARE]
    assert all(q.speaker is None for _, q in got)


def test_titles() -> None:
    text = (
        "(See ‘How the valley was lost’, Northern Review, 4 May) "
        "and Marx's 'Wage Labour and Capital' explain it."
    )
    got = quotes(text)
    assert [q.kind for _, q in got] == [Q.TITLE, Q.TITLE]


def test_long_unattributed_quotation_is_direct() -> None:
    [(_, q)] = quotes("The banner read “no cuts to our hospital, no cuts to our schools” all day.")
    assert q.kind is Q.DIRECT and q.speaker is None


def test_short_quote_far_from_verb_is_scare() -> None:
    [(_, q)] = quotes("The council announced, after months of delay, a 'review' of the plan.")
    assert q.kind is Q.SCARE


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_segments_plausibly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    seg = segment(text)
    check_invariants(text, seg)
    n_words = len(text.split())
    assert 1 <= len(seg.paragraphs) <= n_words // 8
    prose = [p for p in seg.paragraphs if p.kind in (K.PARAGRAPH, K.BLOCKQUOTE)]
    assert len(prose) >= len(seg.paragraphs) // 2
    # No quotation swallows a whole long paragraph by accident: marked ones are shorter.
    for q in seg.quotations:
        if q.mark is not Mark.NONE:
            assert q.char_end - q.char_start <= 3000
    assert segment(text) == seg


def test_seeds_together_have_quotations_of_every_kind() -> None:
    found = {q.kind for path in SEEDS for q in segment(path.read_text(encoding="utf-8")).quotations}
    if SEEDS:
        assert found == set(QuotationKind)


# --------------------------------------------------------------------------- attribution rules


def speakers(text: str) -> list[str | None]:
    return [q.speaker for _, q in quotes(text)]


def test_lone_surname_of_a_full_name_far_back_is_a_person() -> None:
    text = (
        "Site convener Nadia Okafor said the pay offer was an insult.\n\n"
        "The company declined to comment.\n\n"
        "Talks collapsed on Friday.\n\n"
        "Managers blamed the weather.\n\n"
        "Okafor said the vote would go ahead. “We are ready,” she said."
    )
    assert speakers(text) == ["Okafor"]


def test_pronoun_skips_a_name_of_the_other_gender() -> None:
    text = (
        "Marta Silva said her bakery would close in June. Later that day, Mr Piotr Nowak "
        "arrived with the keys. “We tried everything,” she said."
    )
    assert speakers(text) == ["Marta Silva"]
    text = (
        "Lidia Marsh said her shop would stay open. Kit Dorn, next door, said his would "
        "close. “We are staying,” she said."
    )
    assert speakers(text) == ["Lidia Marsh"]


def test_names_inside_other_quotations_are_not_antecedents() -> None:
    text = (
        "The drummer, Sam Quinn, had played there for decades. The band closed with "
        "‘Goodbye, Harbour Lane’. Afterwards Quinn was asked about the future. "
        "‘No idea,’ he said."
    )
    assert speakers(text)[-1] == "Quinn"


def test_lone_name_after_a_kinship_word_or_in_apposition() -> None:
    text = "Our neighbour, Edith, keeps bees on the roof. “They calm me down,” she said."
    assert speakers(text) == ["Edith"]
    text = "The reply came from a pupil named Tobiah. He wrote: “Please keep the pool open.”"
    assert speakers(text) == ["Tobiah"]


def test_pronoun_resolved_to_a_kinship_phrase() -> None:
    text = (
        "When my mother left school, she worked in a cotton mill. "
        "She used to say, “Never owe anyone a penny.”"
    )
    assert speakers(text) == ["my mother"]


def test_pronoun_inside_a_quotation_prefers_people_it_names() -> None:
    text = (
        "Lena Moss remembers her childhood. ‘Grandad fished off this pier. Every Sunday "
        "he told me, “Patience is the bait.”’"
    )
    got = quotes(text)
    assert got[-1][1].speaker == "Grandad"


def test_pronoun_with_a_contraction_is_still_a_pronoun() -> None:
    text = "The guards came at night. They’d say: ‘Sign here or stay.’"
    assert speakers(text) == [None]


def test_first_person_inside_a_quotation_is_the_quoting_speaker() -> None:
    text = "‘I looked him in the eye and I said, “Not today.” He left,’ said Rosa Vint."
    assert speakers(text) == ["Rosa Vint", "Rosa Vint"]


def test_first_person_outside_quotations_is_the_writer() -> None:
    text = "I said to the minister: “Your figures are wrong.”"
    assert speakers(text) == ["I"]


def test_go_on_is_a_cue_only_before_to_or_a_colon() -> None:
    text = (
        "It was a festival that the council has promised will go on "
        "‘until the last band has played’."
    )
    [(_, q)] = quotes(text)
    assert (q.speaker, q.cue) == ("the council", "promised")


def test_habit_before_the_reporting_verb() -> None:
    [(_, q)] = quotes("My aunt used to say, “Mend it, don’t bin it.”")
    assert (q.speaker, q.cue) == ("My aunt", "say")


def test_coordinated_verbs_share_their_subject() -> None:
    text = "Somebody’s uncle stood up at the back and shouted, “Louder, please!”"
    assert speakers(text) == ["Somebody’s uncle"]
    text = (
        "Ivo Brandt runs the ferry. He put down his coffee, looked at the sky and said, "
        "“Not today.”"
    )
    assert speakers(text) == ["Ivo Brandt"]


def test_relative_clause_speaker_is_the_noun_it_follows() -> None:
    text = "Outside hangs a sticker that says ‘Drive slowly, children playing’ in red."
    assert speakers(text) == ["a sticker"]
    text = "The goalkeeper, Lee Park, who insists he is ‘nearly retired’, saved two."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Lee Park")


def test_what_someone_calls_is_their_phrase() -> None:
    text = "Most of it goes on what Dana Cole calls ‘the paperwork mountain’ every week."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Dana Cole")


def test_subject_set_off_by_commas() -> None:
    text = "Our caretaker, Milo, says the roof is “held up by hope and string,” mostly."
    assert speakers(text) == ["Milo"]
    text = "Councilwoman Jo Park, one of two dissenters, called the plan “a blank cheque.”"
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Councilwoman Jo Park")
    text = "The notice, in full, read: “The pool is closed until further notice.”"
    assert speakers(text) == ["The notice"]


def test_name_in_apposition_after_the_verb() -> None:
    text = "“We are full every night,” said the shelter’s manager, Ines Roca."
    assert speakers(text) == ["Ines Roca"]
    text = (
        "The poem was written by one of our cleaners, a young man called Dev Patel, "
        "and he posted it to me:\n\nThe lights go off at six. We stay."
    )
    assert speakers(text) == ["Dev Patel"]


def test_called_with_a_subject_reports_words() -> None:
    [(_, q)] = quotes("The mayor called the budget “a fantasy.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "The mayor", "called")
    got = quotes("They call it ‘the pit’. The east room is still called the ‘old wing’.")
    assert [q.kind for _, q in got] == [Q.SCARE, Q.SCARE]


def test_short_quotation_in_a_that_clause_is_reported() -> None:
    [(_, q)] = quotes("The firm told staff last week that the move was ‘temporary’.")
    assert (q.kind, q.speaker) == (Q.DIRECT, "The firm")
    text = 'Others claim that "nothing can be done", but we insist that "failure" is likely.'
    assert [q.kind for _, q in quotes(text)] == [Q.DIRECT, Q.SCARE]


def test_short_quotation_after_an_article_or_aside_is_reported() -> None:
    [(_, q)] = quotes("The minister promised a ‘rethink’ on Monday.")
    assert (q.kind, q.speaker) == (Q.DIRECT, "The minister")
    [(_, q)] = quotes("The banner reads, in huge letters, “NOT FOR SALE.”")
    assert q.kind is Q.DIRECT
    text = "Aya Mori spoke briefly. Sales, she said, had “fallen off a cliff” since May."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Aya Mori")


def test_participle_after_an_article_is_an_adjective() -> None:
    [(_, q)] = quotes("Shops shut during the newly declared ‘emergency’ last night.")
    assert q.kind is Q.SCARE


def test_passive_report_has_no_speaker_unless_by_someone() -> None:
    text = (
        "When he phoned the council, he was told that the form was ‘in the system’ "
        "and that he should ‘wait for a letter’."
    )
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, None)] * 2
    text = (
        "Afterwards I was told by a senior nurse - a kind woman - that this was “not our problem.”"
    )
    assert speakers(text) == ["a senior nurse"]


def test_cue_followed_by_a_colon_introduces_the_next_quotation() -> None:
    text = 'Rob Dean, when asked if the deal was "dead in the water", replied: "Not yet."'
    assert speakers(text) == [None, "Rob Dean"]


def test_next_sentence_continues_the_speaker() -> None:
    text = "“We lost,” Vera Lind said. “We will be back next year.”"
    assert speakers(text) == ["Vera Lind", "Vera Lind"]
    text = "“He said, ‘Fine,’” Alba Ruiz said. “Then he left.”"
    assert [q.speaker for _, q in quotes(text) if q.parent is None] == ["Alba Ruiz"] * 2


def test_quotation_after_a_sentence_that_reports_speech() -> None:
    text = "Ed Moor says the night shift was the hardest. “Nobody went home early.”"
    assert speakers(text) == ["Ed Moor"]


def test_quotation_after_a_sentence_about_a_named_person() -> None:
    text = "Maya Brandt stared at the line on the wall. “The water came up to here.”"
    assert speakers(text) == ["Maya Brandt"]


def test_colon_introduction_without_a_verb_names_the_source() -> None:
    text = "Her landlord was less forgiving: “Pay by Friday or leave.”"
    assert speakers(text) == ["Her landlord"]
    text = (
        "I wrote to the council in May. The council’s answer is one line long:\n\n"
        "We have noted your concerns and will respond in due course."
    )
    assert speakers(text) == ["The council’s answer"]


def test_owner_of_a_saying() -> None:
    text = "Nan Pryce’s motto, painted over the door, was “Mind the step and mind yourself.”"
    assert speakers(text) == ["Nan Pryce"]


def test_dash_line_under_a_quotation_names_its_source() -> None:
    text = "“Measure twice, cut once.”\n\n— Abel Ford, carpenter\n\nThe workshop opened in 1952."
    assert speakers(text) == ["Abel Ford"]


def test_citation_after_a_quotation() -> None:
    text = "Soldiers are tired of fighting “an enemy they never see” (See Evening Star, 2 June)."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Evening Star")


def test_these_are_the_words_of() -> None:
    text = "If the bridge fails, “the whole town is cut in two”. These are the words of a ferryman."
    assert speakers(text) == ["a ferryman"]


def test_paragraph_opening_quotation_after_reported_speech() -> None:
    text = (
        "Ruth Adeyemi worked at the depot for years. She says the roof leaked every winter.\n\n"
        "“We put buckets under the desks and got on with it.”"
    )
    assert speakers(text) == ["Ruth Adeyemi"]


def test_writer_comment_between_quotations_keeps_the_source() -> None:
    text = "“Costs rose by half,” says Ms Orr. Thus the scheme is “simply unaffordable for us”."
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, "Ms Orr")] * 2


def test_participle_cue_subject() -> None:
    text = "It sent a letter from an official saying “no further action will be taken.”"
    assert speakers(text) == ["an official"]
    text = "The agency has spent months insisting that its figures are “accurate.”"
    assert speakers(text) == ["The agency"]


def test_it_is_the_subject_of_its_own_sentence() -> None:
    text = "This editorial is muddled, but it ends by describing the cuts as “overdue and fair”."
    assert speakers(text) == ["This editorial"]


def test_impersonal_subject_mentions_a_word() -> None:
    [(_, q)] = quotes("When people say ‘heritage,’ they usually mean parking.")
    assert (q.kind, q.speaker) == (Q.SCARE, None)


def test_reporting_clause_without_a_quotation_still_names_a_speaker() -> None:
    text = (
        "Angus Reid chairs the trust. One nurse, who asked not to be named, said the word "
        "‘crisis’ was overused. “We are just tired,” she said."
    )
    assert speakers(text)[-1] == "One nurse"


def test_arabic_particle_names() -> None:
    text = "Mustafa al-Rahim, a retired judge, says “the courts have been emptied of trust.”"
    assert speakers(text) == ["Mustafa al-Rahim"]


def test_according_to_a_longer_phrase() -> None:
    text = "According to one driver with the night shift who spoke to us: “The buses are empty.”"
    assert speakers(text) == ["one driver with the night shift"]


def test_plural_body_is_not_a_person() -> None:
    text = (
        "Tomas Reyes met the Coast Guard Volunteers on Friday.\n\n"
        "The rescue took six hours.\n\n“It was close,” he said."
    )
    assert speakers(text) == ["Tomas Reyes"]


def test_kinship_phrase_before_a_name_gives_the_name() -> None:
    text = "My cousin Ravi drove the van. Then he turned to me and said, “Hold on.”"
    assert speakers(text) == ["Ravi"]


def test_indefinite_speaker_is_no_antecedent() -> None:
    text = "Tom Birch led the march. “Go home,” one shouted. “We stayed,” he said."
    assert speakers(text)[-1] == "Tom Birch"


def test_cue_in_brackets_is_an_aside() -> None:
    text = (
        "Jo Park, the chair, replied on Monday, saying that the members (read: the board) "
        "are “losing patience”."
    )
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Jo Park")


# --------------------------------------------------------------------------- titles


def test_title_next_to_a_noun_for_a_work() -> None:
    got = quotes(
        "Her album “Quiet Rooms,” out in May, sold well. “Driftwood,” a poetry collection, "
        "did not. A 2001 survey by the Coastal Trust, ‘Living With the Tide’, agreed."
    )
    assert [q.kind for _, q in got] == [Q.TITLE] * 3


def test_title_before_publisher_details() -> None:
    [(_, q)] = quotes("Her first novel, “The Long Field” (Fenwick Press, 210 pages), is out.")
    assert q.kind is Q.TITLE


def test_capitalised_name_of_three_words_is_a_title_unless_a_term() -> None:
    got = quotes("We watched “Night at the Harbour” twice. The ‘Knit and Natter’ group came.")
    assert [q.kind for _, q in got] == [Q.TITLE, Q.SCARE]


def test_a_title_is_a_title_wherever_it_is_repeated() -> None:
    text = "Reading “Salt” (Harrow Books, 2019) again\n\nI first read “Salt” at school."
    assert [q.kind for _, q in quotes(text)] == [Q.TITLE, Q.TITLE]


# --------------------------------------------------------------------------- the lexicon


def test_a_reporting_phrase_is_a_cue_after_a_quotation_as_before_it() -> None:
    # One list of reporting verbs and phrases makes both cues: they cannot drift apart.
    [(_, after)] = quotes("“We will not resign,” the minister made clear.")
    [(_, before)] = quotes("The minister made clear: “We will not resign before the vote.”")
    assert (after.speaker, after.cue) == ("the minister", "made clear")
    assert (before.speaker, before.cue) == ("The minister", "made clear")


def test_in_the_words_of_names_the_source_after_it() -> None:
    [(_, q)] = quotes("In the words of Ann Lee: “We will go there tomorrow morning.”")
    assert (q.speaker, q.cue) == ("Ann Lee", "In the words of")


@pytest.mark.parametrize("name", ["Émile Durand", "Ólafur Þórsson", "Łucja Żak", "Şule Çelik"])
def test_names_with_capitals_beyond_ascii(name: str) -> None:
    [(_, q)] = quotes(f"{name} arrived late. “I was held up at the border,” he said.")
    assert q.speaker == name


def test_the_language_data_is_read_from_its_file() -> None:
    from datapkg.segment import lexicon

    data = lexicon.language()
    assert "said" in data["reporting_verbs"] and "Mr" in data["honorifics"]
    assert lexicon.LANGUAGE_FILE.name == "en.yaml"
