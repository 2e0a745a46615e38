"""Which marks open and close quotations; apostrophes told apart."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from segmenting import Q, quotes

from datapkg.models import (
    Mark,
)


def test_curly_and_straight_double_quotes() -> None:
    for text in (
        'She called it "a scandal that cannot stand any longer," Ms Hale said.',
        "She called it “a scandal that cannot stand any longer,” Ms Hale said.",
    ):
        [(content, q)] = quotes(text)
        assert content == "a scandal that cannot stand any longer,"
        assert q.mark is Mark.DOUBLE and q.kind is Q.DIRECT
        assert q.speaker == "Ms Hale" and q.cue == "said"


def test_an_opening_curly_mark_typed_for_a_closing_one_closes() -> None:
    text = "“It is unusual,“ said Lars Nøbel, a lawyer. “It is hard to pull off.”"
    got = quotes(text)
    assert [c for c, _ in got] == ["It is unusual,", "It is hard to pull off."]
    assert [q.speaker for _, q in got] == ["Lars Nøbel", "Lars Nøbel"]
    # With no double mark open it still opens.
    [(content, _)] = quotes("He said,“ the vote is over,” and left.")
    assert content == "the vote is over,"


def test_curly_double_marks_nest_when_closers_follow_for_both() -> None:
    text = (
        "Zoë said: “I’d sooner sleep in what he calls “exile” than dine at his table.” "
        "Then she left."
    )
    got = quotes(text)
    assert [c for c, _ in got] == [
        "I’d sooner sleep in what he calls “exile” than dine at his table.",
        "exile",
    ]
    assert got[0][1].speaker == "Zoë"
    # Guard: an opener that never closed, then two quotations of their own.
    got = quotes("“The plan is dead and “Ruiz” and “Vos” agree.")
    assert [c for c, _ in got] == ["Ruiz", "Vos"]


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
        "I went there 'cuz I had to, and 'cos the bus was late.",
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


def test_a_letter_in_single_marks_inside_a_name_is_no_quotation() -> None:
    assert quotes("We went to Toys 'R' Us on Friday, and then home.") == []
    assert [t for t, _ in quotes("He called it 'R' and nothing else.")] == ["R"]
