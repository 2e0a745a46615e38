"""Why the words are quoted: direct, scare or title."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from segmenting import Q, quotes


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


def test_words_of_two_sentences_after_a_work_are_quoted_from_it_not_its_title() -> None:
    text = (
        "From the report: “Most crews followed the rules. The few that did not "
        "worked at night.” Another report, “Night Work in Port Ålesund,” disagreed."
    )
    assert [q.kind for _, q in quotes(text)] == [Q.DIRECT, Q.TITLE]


def test_long_unattributed_quotation_is_direct() -> None:
    [(_, q)] = quotes("The banner read “no cuts to our hospital, no cuts to our schools” all day.")
    assert q.kind is Q.DIRECT and q.speaker is None


def test_short_quote_far_from_verb_is_scare() -> None:
    [(_, q)] = quotes("The council announced, after months of delay, a 'review' of the plan.")
    assert q.kind is Q.SCARE


def test_impersonal_subject_mentions_a_word() -> None:
    [(_, q)] = quotes("When people say ‘heritage,’ they usually mean parking.")
    assert (q.kind, q.speaker) == (Q.SCARE, None)


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


def test_words_in_title_case_after_a_preposition_name_a_show_not_speech() -> None:
    text = "On this week’s broadcast of “Día a Día,” Gov. Inés Ruiz said the plan was good."
    [(_, q)] = quotes(text)
    assert q.kind is Q.TITLE
    # Speech in title case with no preposition before it is still speech.
    [(_, q)] = quotes("“Good Morning, Everyone,” Inés Ruiz said.")
    assert q.kind is Q.DIRECT


def test_a_title_is_a_title_wherever_it_is_repeated() -> None:
    text = "Reading “Salt” (Harrow Books, 2019) again\n\nI first read “Salt” at school."
    assert [q.kind for _, q in quotes(text)] == [Q.TITLE, Q.TITLE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Partial quotations in indirect speech are the source's words.
        (
            "The senator said the bill was “a disgrace” and would fail.",
            [("a disgrace", Q.DIRECT, "The senator")],
        ),
        (
            "Ortiz called the plan “reckless” and “cruel” on Monday.",
            [("reckless", Q.DIRECT, "Ortiz"), ("cruel", Q.DIRECT, "Ortiz")],
        ),
        # What follows "according to" names the source: its marks are the writer's.
        (
            "Output fell, according to Ana Lima from the ‘interim’ ministry.",
            [("interim", Q.SCARE, None)],
        ),
        # A capitalised verb in a title-case line reports nothing.
        ("A Town Tells Its Own Story in “The Salt Year”", [("The Salt Year", Q.TITLE, None)]),
    ],
)
def test_partial_quotations_in_indirect_speech_are_direct(
    text: str, expected: list[tuple[str, object, str | None]]
) -> None:
    assert [(t, q.kind, q.speaker) for t, q in quotes(text)] == expected


def test_a_naming_verb_with_a_person_for_subject_reports_their_words() -> None:
    """ "called" right before the words names something ("a group called ...") unless a
    person calls something that: then the words are theirs, however short."""
    [(_, q)] = quotes("Ana Greene, who Ortiz called “a reckless opportunist,” did not respond.")
    assert (q.kind, q.speaker) == (Q.DIRECT, "Ortiz")
    [(_, q)] = quotes("She joined a group called “open doors” in May.")
    assert q.kind is Q.SCARE
    [(_, q)] = quotes("A local charity called “open doors” took them in.")
    assert q.kind is Q.SCARE
    # Words capitalised like a title are a name whoever gives it.
    [(_, q)] = quotes("Ortiz called the exhibition “Rivers of Salt” in his speech.")
    assert q.kind is not Q.DIRECT


@pytest.mark.parametrize(
    "text", ["“Oh dear!” She stood up.", "“A doctor?” was the reply, with a frown."]
)
def test_an_exclamation_or_question_opening_its_paragraph_is_said(text: str) -> None:
    [(_, q)] = quotes(f"Mr. Pardoe bowed.\n\n{text}")
    assert q.kind is Q.DIRECT
    # Not so within a paragraph: "the ‘Aha!’ moment" stays a term.
    [(_, q)] = quotes("It was the “Aha!” moment of the whole long trial.")
    assert q.kind is not Q.DIRECT


def test_in_a_headline_title_case_names_no_work() -> None:
    text = (
        "Ólafsdóttir: Mayor’s ‘Incredibly Reckless Plan’ Threatens the Harbour.\n\n"
        "The councillor spoke on Monday."
    )
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Ólafsdóttir")
    # Guard: in a sentence, a possessive before title case still names a work.
    [(_, q)] = quotes("She reread the mayor’s ‘Incredibly Reckless Plan’ twice last night.")
    assert q.kind is Q.TITLE
