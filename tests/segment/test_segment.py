"""The whole segmenter: invariants under random text, the seeds."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from segmenting import SEEDS, K, check_invariants

from datapkg.models import (
    Mark,
    QuotationKind,
)
from datapkg.segment import segment

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


def test_empty_and_blank_texts() -> None:
    assert segment("").paragraphs == ()
    assert segment(" \n\n\t\n").paragraphs == ()


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
