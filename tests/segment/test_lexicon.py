"""The language data file."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations


def test_the_language_data_is_read_from_its_file() -> None:
    from datapkg.segment import lexicon

    data = lexicon.language()
    assert "said" in data["reporting_verbs"] and "Mr" in data["honorifics"]
    assert lexicon.LANGUAGE_FILE.name == "en.yaml"
