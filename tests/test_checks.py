"""Every rule of schemas/source-text.json fires on the input it is about, located and hinted."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datapkg import checks, pipeline
from datapkg.models import Severity
from datapkg.sources import sha256_hex
from tests.conftest import MakeCorpus


def codes(issues: list[checks.Issue] | tuple[checks.Issue, ...]) -> list[str]:
    return [i.code for i in issues]


def test_clean_text_has_no_issues() -> None:
    result = checks.check_text("a.txt", "Hello “world”.\n".encode())
    assert result.issues == []
    assert result.usable


def test_invalid_utf8_is_located_by_line_and_column() -> None:
    data = "first line\nsecond é".encode() + b"\xff rest"
    result = checks.check_text("a.txt", data)
    assert not result.usable
    [issue] = result.issues
    assert (issue.code, issue.file, issue.line, issue.column) == ("utf8", "a.txt", 2, 9)
    assert issue.message == "is not valid UTF-8: byte 0xff at offset 20"
    assert issue.hint and "UTF-8" in issue.hint
    assert issue.where == "a.txt:2:9"


def test_bom_is_dropped_and_reported_as_info() -> None:
    result = checks.check_text("a.txt", b"\xef\xbb\xbfHello")
    assert codes(result.issues) == ["bom"]
    assert result.issues[0].severity is Severity.INFO
    assert result.usable


def test_crlf_and_lone_cr_become_lf() -> None:
    result = checks.check_text("a.txt", b"one\r\ntwo\rthree\n")
    assert codes(result.issues) == ["line-breaks"]
    assert result.issues[0].severity is Severity.INFO
    assert result.usable


def test_nul_bytes_mean_a_binary_file() -> None:
    result = checks.check_text("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert codes(result.issues) == ["binary"]
    assert not result.usable


def test_control_characters_are_errors_with_position() -> None:
    result = checks.check_text("a.txt", b"ok\nab\x07c\x1b")
    assert [(i.code, i.line, i.column) for i in result.issues] == [
        ("control-character", 2, 3),
        ("control-character", 2, 5),
    ]
    assert result.issues[0].message == "contains a control character: U+0007"
    assert not result.usable


def test_many_control_characters_are_summarised() -> None:
    result = checks.check_text("a.txt", ("x\x01" * 25).encode())
    assert len(result.issues) == 11
    assert result.issues[-1].message == "contains a control character: and 15 more like it"


@pytest.mark.parametrize("data", [b"", b"  \n\t\n  "])
def test_empty_or_blank_file_is_an_error(data: bytes) -> None:
    result = checks.check_text("a.txt", data)
    assert codes(result.issues) == ["empty"]
    assert not result.usable


def test_sha256_mismatch() -> None:
    result = checks.check_text(
        "a.txt",
        b"changed",
        expected_sha256=sha256_hex(b"original"),
        actual_sha256=sha256_hex(b"changed"),
    )
    assert codes(result.issues) == ["sha256"]
    assert not result.usable


def test_tab_and_line_breaks_are_allowed() -> None:
    assert checks.check_text("a.txt", b"Name\t\tAddress\r\nx").usable


def test_file_names_must_be_ids(tmp_path: Path) -> None:
    from datapkg.models import SourceFile

    files = [
        SourceFile("bad name.txt", tmp_path / "bad name.txt"),
        SourceFile("a/x.txt", tmp_path / "a/x.txt"),
        SourceFile("b/x.txt", tmp_path / "b/x.txt"),
    ]
    assert codes(checks.check_file_names(files)) == ["invalid-id", "duplicate-id", "duplicate-id"]


# --- the catalogue, through pipeline.check (which reads it) -------------------


def test_catalogue_and_files_must_match_one_to_one(make_corpus: MakeCorpus) -> None:
    root = make_corpus(
        {"a.txt": "Text a.", "b.txt": "Text b."},
        catalog={
            "name": "c",
            "title": "C",
            "version": "1.0.0",
            "documents": [
                {"id": "a", "path": "a.txt", "sha256": sha256_hex(b"Text a.")},
                {"id": "gone", "path": "gone.txt", "sha256": "0" * 64},
            ],
        },
    )
    report = pipeline.check(root)
    found = {(i.code, i.file) for i in report.issues}
    assert found == {
        ("missing-file", "catalog.yaml (documents[1])"),
        ("missing-entry", "b.txt"),
    }
    assert not report.valid


def test_unknown_catalogue_field_is_located(make_corpus: MakeCorpus) -> None:
    catalog = (
        "name: c\n"
        "title: C\n"
        "version: 1.0.0\n"
        "documents:\n"
        "  - id: a\n"
        "    path: a.txt\n"
        f"    sha256: {sha256_hex(b'Text a.')}\n"
        "    auther: Somebody\n"
    )
    root = make_corpus({"a.txt": "Text a."}, catalog=catalog)
    [issue] = pipeline.check(root).issues
    assert (issue.code, issue.file, issue.line, issue.column) == ("catalog", "catalog.yaml", 8, 13)
    assert issue.message == (
        "breaks the catalogue schema: documents.0.auther: Extra inputs are not permitted"
    )


def test_a_licence_must_say_which_licence(make_corpus: MakeCorpus) -> None:
    catalog = (
        "name: c\n"
        "title: C\n"
        "version: 1.0.0\n"
        "licenses:\n"
        "  - title: CC0\n"
        "documents:\n"
        "  - id: a\n"
        "    path: a.txt\n"
        f"    sha256: {sha256_hex(b'Text a.')}\n"
    )
    root = make_corpus({"a.txt": "Text a."}, catalog=catalog)
    [issue] = pipeline.check(root).issues
    assert (issue.code, issue.line, issue.column) == ("catalog", 5, 5)
    assert "licenses.0: Value error, a licence needs `name`" in issue.message


@pytest.mark.parametrize(
    "entry",
    [
        "contributors: [{email: someone@example.org}]",  # an address names nobody
        "contributors: [{title: A, roles: []}]",
        "contributors: [{title: A, given_name: B}]",  # v2 spells it givenName
        "sources: [{version: '2'}]",
        "homepage: example.org",  # a web address, not a path inside the package
        "licenses: [{name: CC BY 4.0}]",  # an identifier has no spaces
    ],
)
def test_v2_fields_are_checked_as_v2_defines_them(make_corpus: MakeCorpus, entry: str) -> None:
    catalog = f"name: c\ntitle: C\nversion: 1.0.0\n{entry}\ndocuments: []\n"
    root = make_corpus({"a.txt": "Text a."}, catalog=catalog)
    assert "catalog" in codes(pipeline.check(root).issues)


def test_catalogue_syntax_error_is_located(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"a.txt": "Text a."}, catalog="name: [unclosed\ntitle: x\n")
    [issue] = pipeline.check(root).issues
    assert (issue.code, issue.file, issue.line) == ("catalog-syntax", "catalog.yaml", 2)


def test_duplicate_ids_and_mismatched_ids(make_corpus: MakeCorpus) -> None:
    sha = sha256_hex(b"Text a.")
    root = make_corpus(
        {"a.txt": "Text a."},
        catalog={
            "name": "c",
            "title": "C",
            "version": "1.0.0",
            "documents": [
                {"id": "a", "path": "a.txt", "sha256": sha},
                {"id": "a", "path": "a.txt", "sha256": sha},
                {"id": "b", "path": "a.txt", "sha256": sha},
            ],
        },
    )
    found = codes(pipeline.check(root).issues)
    assert found.count("duplicate-id") >= 2
    assert "id-mismatch" in found


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/passwd.txt", "sub/../../x.txt"])
def test_paths_escaping_the_source_folder(make_corpus: MakeCorpus, path: str) -> None:
    root = make_corpus(
        {"a.txt": "Text a."},
        catalog={
            "name": "c",
            "title": "C",
            "version": "1.0.0",
            "documents": [{"id": "x", "path": path, "sha256": "0" * 64}],
        },
    )
    assert "path-escape" in codes(pipeline.check(root).issues)


def test_bad_version_in_catalogue(make_corpus: MakeCorpus) -> None:
    root = make_corpus(
        {"a.txt": "Text a."},
        catalog={"name": "c", "title": "C", "version": "v1", "documents": []},
    )
    [*issues] = pipeline.check(root).issues
    assert [(i.code, i.line) for i in issues if i.code == "catalog"] == [("catalog", 3)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_count_every_kind_of_line_break(newline: str) -> None:
    text = newline.join(["line one", "line two", "line three \x07"])
    [issue] = checks.check_text("a.txt", text.encode()).issues[-1:]
    assert (issue.code, issue.line, issue.column) == ("control-character", 3, 12)
    assert checks.LineIndex("a\r\nb\rc\nd").where(7) == (4, 1)


def test_mojibake_without_a_safe_repair_is_still_named() -> None:
    lost = "the realÃ¢€world concerns"  # garbled twice, a byte lost on the way
    report = checks.check_text("a.txt", lost.encode())
    [issue] = [i for i in report.issues if i.code == "mojibake"]
    assert "garbled beyond a safe automatic repair" in issue.message
    assert (issue.line, issue.column) == (1, 9)


_MOJIBAKE_PIECES = [
    *"aZ .,\n\t-",
    *"’—–…·´ÂÃÎÐØÙàœŒ×²√±≈°‚Äâóвђ€ЂВГРСΒΓΞΟβāé¢£Ÿž®©»¬¦“”‘\xa0•«′″„",
    "ГўВЂВ",
    "Ã©",
    "â€™",
    "\x85",
    "a" * 9,
    " " * 9,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MOJIBAKE_PIECES), max_size=40).map("".join))
def test_mojibake_is_searched_for_only_near_non_ascii_and_found_the_same(text: str) -> None:
    import ftfy.badness

    near = [m.span() for m in checks._badness_matches(text)]
    assert near == [m.span() for m in ftfy.badness.BADNESS_RE.finditer(text)]


def test_typographic_marks_with_ascii_alone_are_never_mojibake() -> None:
    import itertools
    import string

    import ftfy.badness

    alphabet = string.printable + "".join(sorted(checks._PLAIN_MARKS))
    for size in (1, 2, 3):
        for chars in itertools.product(alphabet, repeat=size):
            assert ftfy.badness.BADNESS_RE.search("".join(chars)) is None, chars


@pytest.mark.parametrize(
    "text",
    [
        "xxxxxxxx a Ã yyyyyyyy",  # a letter, a space, then Ã: two characters before it
        "xxxxxxxx ГўВЂВ.b yyyyyyyy",  # seven characters, the last two ASCII
        "xxxxxxxx.Â“ yyyyyyyy",
        "Ã yyyyyyyyy",  # at the very start
        "xxxxxxxxx aÃ ",  # at the very end
    ],
)
def test_mojibake_at_the_reach_of_a_non_ascii_character(text: str) -> None:
    import ftfy.badness

    full = [m.span() for m in ftfy.badness.BADNESS_RE.finditer(text)]
    assert full, "each example is mojibake"
    assert [m.span() for m in checks._badness_matches(text)] == full
