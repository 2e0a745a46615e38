"""The gold resolves to offsets, is internally consistent, and the scorer counts correctly."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "gold"))
import gold

GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.gold.yaml"))


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("seg_bench", ROOT / "benchmarks/segmentation.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["seg_bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_there_is_enough_gold() -> None:
    names = [p.name for p in GOLD_FILES]
    assert sum(n.startswith("own-") for n in names) >= 15
    seeds = {p.stem for p in (ROOT / "seeds").glob("*.txt")}
    assert seeds <= {n.removesuffix(".gold.yaml") for n in names}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_consistent(path: Path) -> None:
    doc = gold.load(path)
    covered = [False] * len(doc.text)
    previous_end = 0
    for p in doc.paragraphs:
        assert previous_end <= p.start < p.end
        assert not doc.text[p.start].isspace() and not doc.text[p.end - 1].isspace()
        for i in range(p.start, p.end):
            covered[i] = True
        previous_end = p.end
    uncovered = [i for i, c in enumerate(doc.text) if not covered[i] and not c.isspace()]
    assert not uncovered, f"characters outside every paragraph at {uncovered[:5]}"
    for i, q in enumerate(doc.quotations):
        para = doc.paragraphs[q.paragraph]
        assert para.start <= q.start < q.end <= para.end
        if q.kind != "direct":
            assert q.speaker is None, f"quotation {i}: only direct quotations have speakers"
        if q.continues:  # it continues an earlier quotation of the same mark
            assert any(
                e.paragraph < q.paragraph and e.mark == q.mark for e in doc.quotations[:i]
            ), f"quotation {i} continues nothing"


def test_loader_refuses_what_it_cannot_place(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("Title\n\nHe said “yes”.\n")
    bad = tmp_path / "bad.gold.yaml"
    bad.write_text(
        "text: t.txt\nparagraphs:\n  - [heading, Title]\n  - [paragraph, He said]\n"
        "quotations:\n  - {text: 'no', kind: direct, mark: double}\n"
    )
    with pytest.raises(gold.GoldError, match=r"quotations\[0\].*not found"):
        gold.load(bad)


def test_scorer_matching_and_speakers() -> None:
    scorer = _scorer()
    assert scorer.iou((0, 10), (5, 10)) == 0.5
    assert scorer.match([(0, 10), (20, 30)], [(1, 10), (40, 50)], 0.5) == {0: 0}
    assert scorer.same_speaker("Robert Gates", "Gates")
    assert scorer.same_speaker("the Financial Times", "Financial Times")
    assert not scorer.same_speaker("Kerry", "Bush")
    # A first name annotated alone is named by its full name, not the other way round.
    assert scorer.same_speaker("Marta", "Marta Quillon")
    assert not scorer.same_speaker("Marta Quillon", "Marta")
    assert not scorer.same_speaker("the", "the mayor")
    assert not scorer.same_speaker("Helen", "Helen a little")
    # A possessive mention ("Trump’s claim that ...") names its owner.
    assert scorer.same_speaker("Donald Trump’s", "Trump")
    assert not scorer.same_speaker("Trump’s", "Clinton")
    assert scorer.same_speaker(None, None) and not scorer.same_speaker("Kerry", None)
    assert scorer.prf(1, 2, 4) == {"precision": 0.5, "recall": 0.25, "f1": pytest.approx(1 / 3)}


def test_devset_quotation_over_several_fragments_is_one_quotation(tmp_path: Path) -> None:
    """A news attribution cut sentence by sentence still holds one stretch of quoted words
    from its opening mark to its closing one."""
    _scorer()  # puts benchmarks/ on the path
    import devsets

    text = "“We will win. Then we rest,” Ana Ruiz said. Later she “left early.”"
    second = text.index("Then")
    line = {
        "doc": "a",
        "text": text,
        "quotes": [
            {
                "kind": "direct",
                "fragments": [[0, second - 1], [second, text.index(" Ana")]],
                "start": 0,
                "end": text.index(" Ana"),
                "speaker": "Ana Ruiz",
            },
            {
                "kind": "indirect",
                "fragments": [[text.index("she"), len(text)]],
                "start": text.index("she"),
                "end": len(text),
                "speaker": "she",
            },
        ],
    }
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [doc] = devsets.load(path).documents
    assert [(text[q.start : q.end], q.speakers) for q in doc.quotes] == [
        ("We will win. Then we rest,", ("Ana Ruiz",))
    ]


def _one_quotation(tmp_path: Path, text: str, kind: str, start: int, speaker: str) -> list[str]:
    """The stretches the development-set reader takes as quoted from one annotated attribution
    running from `start` to the end of `text`."""
    _scorer()
    import devsets

    quote = {"kind": kind, "fragments": [[start, len(text)]], "start": start, "end": len(text)}
    line = {"doc": "a", "text": text, "quotes": [{**quote, "speaker": speaker}]}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [doc] = devsets.load(path).documents
    return [text[q.start : q.end] for q in doc.quotes]


def test_devset_quotation_in_single_marks_counts_outside_double_ones(tmp_path: Path) -> None:
    text = "Ruiz: Talks ‘went nowhere’ as Ruiz’s aides said “it was ‘dead’ by noon.”"
    # Not the apostrophe of "Ruiz’s", nor the single marks nested in the double ones.
    assert _one_quotation(tmp_path, text, "mixed", 0, "Ruiz") == [
        "went nowhere",
        "it was ‘dead’ by noon.",
    ]


def test_devset_quotation_holding_curly_marks_of_its_kind_is_one(tmp_path: Path) -> None:
    text = "Ana Ruiz said: “I’d sooner sleep in what he calls “exile” than there.”"
    assert _one_quotation(tmp_path, text, "direct", text.index("“"), "Ana Ruiz") == [
        "I’d sooner sleep in what he calls “exile” than there."
    ]


def test_devset_scoring_compares_outermost_quotations(tmp_path: Path) -> None:
    """The gold holds the outermost stretch only, so a predicted quotation nested in another
    is neither a hit nor a false one: the enclosing one is what is compared."""
    scorer = _scorer()
    import devsets

    text = "“She told me, ‘Wait here,’ and left,” Ana Ruiz said."
    line = {
        "doc": "a",
        "text": text,
        "quotes": [
            {
                "kind": "direct",
                "fragments": [[0, text.index("”") + 1]],
                "start": 0,
                "end": text.index("”") + 1,
                "speaker": "Ana Ruiz",
            }
        ],
    }
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    devset = devsets.load(path)
    pred = scorer.predict_segment_direct(devset)
    assert [q.nested for q in pred.quotations["a"]] == [False, True]
    figures = scorer.score_devset(devset, pred)
    assert figures["quotation_span_iou50"]["precision"] == 1.0
    assert figures["speaker all"] == 1.0


def test_a_title_and_surname_or_a_first_name_name_the_one_character_so_called() -> None:
    _scorer()
    import devsets

    aliases = {
        "Ada Lund": ("Ada Lund", "Ada"),
        "Piet Lund": ("Piet Lund",),
        "Mrs. Vik": ("Mrs. Vik", "Mona Vik"),
        "Ilse Vik": ("Ilse Vik",),
    }
    genders = {"Ada Lund": "F", "Piet Lund": "M", "Mrs. Vik": "F", "Ilse Vik": "F"}
    titled = devsets._titled(aliases, genders)
    # "Miss Lund" is Ada and "Mr. Lund" Piet; two women are called Vik, so "Miss Vik" is no one.
    assert "Miss Lund" in titled["Ada Lund"] and "Mr. Lund" not in titled["Ada Lund"]
    assert "Mr. Lund" in titled["Piet Lund"]
    assert not any("Vik" in name for names in titled.values() for name in names)
    # A first name one character alone is called by names that character; a title does not.
    assert "Ilse" in titled["Ilse Vik"] and "Mrs." not in titled["Mrs. Vik"]


FLOORS = json.loads((ROOT / "tests" / "gold" / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scored() -> dict[str, dict[str, float]]:
    scorer = _scorer()
    docs = gold.load_all()
    pred = scorer.predict_segment(docs)
    return {doc.name: scorer.document_figures(doc, pred) for doc in docs}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_scores_do_not_fall_below_their_floors(
    scored: dict[str, dict[str, float]], name: str
) -> None:
    """A regression test: a change that loses paragraphs, quotations, kinds or speakers on
    a gold text fails here. After an improvement, raise the floors with
    `python benchmarks/segmentation.py --write-floors`."""
    fallen = {
        figure: (round(scored[name][figure], 3), floor)
        for figure, floor in FLOORS[name].items()
        if scored[name][figure] < floor - 1e-9
    }
    assert not fallen, f"{name}: (now, floor) {fallen}"


def test_every_gold_document_has_floors() -> None:
    assert sorted(FLOORS) == sorted(p.name.removesuffix(".gold.yaml") for p in GOLD_FILES)
