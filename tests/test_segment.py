"""Tests of the text segmenter: invariants under random text, one test per rule, seeds."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datapkg.models import (
    Mark,
    ParagraphKind,
    ParagraphSpan,
    QuotationKind,
    QuotationSpan,
    Segmentation,
)
from datapkg.segment import segment

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

K = ParagraphKind
Q = QuotationKind


def check_invariants(text: str, seg: Segmentation) -> None:
    """Everything the contract promises about offsets, whatever the text."""
    covered = [False] * len(text)
    last_end = 0
    for p in seg.paragraphs:
        ParagraphSpan.model_validate(p.model_dump())  # model_construct values are valid
        assert last_end <= p.char_start < p.char_end <= len(text)
        assert not text[p.char_start].isspace() and not text[p.char_end - 1].isspace()
        for k in range(p.char_start, p.char_end):
            covered[k] = True
        last_end = p.char_end
    for k, c in enumerate(text):
        assert covered[k] or c.isspace(), f"non-space char {c!r} at {k} outside paragraphs"
    prev_key: tuple[int, int] | None = None
    for i, q in enumerate(seg.quotations):
        QuotationSpan.model_validate(q.model_dump())
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
    Segmentation.model_validate(seg.model_dump())


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
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_text)
def test_invariants_hold_on_random_text(text: str) -> None:
    seg = segment(text)
    check_invariants(text, seg)
    assert segment(text) == seg  # deterministic


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_invariants_hold_on_any_unicode(text: str) -> None:
    check_invariants(text, segment(text))


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
