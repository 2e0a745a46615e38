"""The package's figures: documents listed, then counted by quotations; lengths and kinds."""

from __future__ import annotations

from datapkg.figures import PER_DOCUMENT_LISTED, FigureCounts


def test_few_documents_are_listed_and_many_are_counted_by_quotations() -> None:
    few, many = FigureCounts(), FigureCounts()
    for k in range(3):
        few.add_document(f"d{k}", k * 7)
    for k in range(PER_DOCUMENT_LISTED + 5):
        many.add_document(f"d{k}", k * 7)
    assert few.figures()[0] == ("Quotations per document", [("d0", 0), ("d1", 7), ("d2", 14)])
    title, bars = many.figures()[0]
    assert title == "Documents by number of quotations"
    assert sum(n for _, n in bars) == PER_DOCUMENT_LISTED + 5
    assert bars[0] == ("0-9", 2) and bars[-1] == ("100+", 20)


def test_lengths_fall_in_their_bins_and_kinds_are_ordered_by_count() -> None:
    counts = FigureCounts()
    for start, end in ((0, 50), (0, 51), (10, 2000)):
        counts.add_paragraph(start, end)
    for kind in ("scare", "direct", "direct", "title"):
        counts.add_quotation(kind)
    _, lengths, kinds = counts.figures()
    assert dict(lengths[1])["< 50"] == 1 and dict(lengths[1])["50-99"] == 1
    assert dict(lengths[1])[">= 1600"] == 1
    assert kinds[1] == [("direct", 2), ("scare", 1), ("title", 1)]
