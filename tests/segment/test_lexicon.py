"""The language data file."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

from pathlib import Path

import pytest


def test_the_language_data_is_read_from_its_file() -> None:
    from datapkg.segment import lexicon

    data = lexicon.language()
    assert "said" in data["reporting_verbs"] and "Mr" in data["honorifics"]
    assert lexicon.LANGUAGE_FILE.name == "en.yaml"


def test_only_the_loaded_language_counts_as_known(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A data file for another language beside it is not applied to any document (the lexicon
    # is not chosen per document yet), so its documents must still be warned about.
    from datapkg.segment import lexicon

    for name in ("en.yaml", "de.yaml"):
        (tmp_path / name).write_text(lexicon.LANGUAGE_FILE.read_text(encoding="utf-8"))
    monkeypatch.setattr(lexicon, "LANGUAGE_FILE", tmp_path / "en.yaml")
    assert lexicon.languages() == ("en",)


def test_runs_are_the_same_with_atomic_groups_where_possessive_repeats_are_broken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python 3.11.0-3.11.4 match `(...)*+` wrongly (gh-106052); there the run patterns use
    atomic groups, which must find exactly the runs the possessive patterns find."""
    import re

    from datapkg.segment import lexicon

    text = (
        "Council President Marisol Yee met Oscar P. Quintero and Mustafa al-Khadimi of the "
        "Times of India, V.I.Lenin, J Smith, O'Neil's men and McDonald-Hughes in Los Angeles."
    )
    possessive = [lexicon._repeats(lexicon._CAP_RUN, once) for once in (False, True)]
    monkeypatch.setattr(lexicon, "_POSSESSIVE_REPEATS_WORK", False)
    atomic = [lexicon._repeats(lexicon._CAP_RUN, once) for once in (False, True)]
    assert all("*+" not in a and "++" not in a and a.count("(?>") == 3 for a in atomic)
    for p, a in zip(possessive, atomic, strict=True):
        found = [m.span() for m in re.finditer(p, text)]
        assert found and found == [m.span() for m in re.finditer(a, text)]
    # The case that the broken versions get wrong, written both ways.
    assert re.fullmatch(lexicon._repeats("(?:ab?c)*", False), "a") is None


def test_language_data_reads_as_yaml_safe_load_reads_it() -> None:
    # The faster parser is used where there is one; what it reads must not differ.
    import yaml

    from datapkg.segment.lexicon import LANGUAGE_FILE, language

    assert language() == yaml.safe_load(LANGUAGE_FILE.read_text(encoding="utf-8"))


def test_the_language_data_names_each_key_once() -> None:
    # YAML keeps the last of two entries with one key: the first would be dead data.
    import yaml

    from datapkg.segment.lexicon import LANGUAGE_FILE

    root = yaml.compose(LANGUAGE_FILE.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    keys = [key.value for key, _ in root.value]
    assert sorted({key for key in keys if keys.count(key) > 1}) == []


def test_a_word_of_address_opens_a_paragraph_not_any_wrapped_line() -> None:
    from datapkg.segment.lexicon import _VOCATIVE_RE

    def called(text: str) -> list[str]:
        return [m.group(1) for m in _VOCATIVE_RE.finditer(text)]

    assert called("I long to go to\nPort Vell. It is far.") == []
    assert called("Marta, sit down.\n\nOskar, wait.") == ["Marta", "Oskar"]
    assert called("“Sit down, Marta.”") == ["Marta"]


def test_each_spouse_title_is_a_title_of_the_spouses_gender() -> None:
    from datapkg.segment.lexicon import _FEMALE_KIN, _GENDER_HONORIFICS, _MALE_KIN, _SPOUSE_TITLES

    for noun, title in _SPOUSE_TITLES.items():
        assert _GENDER_HONORIFICS[title] == ("he" if noun in _MALE_KIN else "she")
        assert noun in _MALE_KIN | _FEMALE_KIN
