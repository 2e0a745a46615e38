"""Editing catalog.yaml in place: what its author wrote is kept, only what changed moves."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from datapkg.catalogue import FoundText, updated, with_release
from datapkg.errors import SourceError

WRITTEN = """\
# Our corpus. Every field states what the texts support.
name: letters
title: 'Letters, 1901-1910'   # the title on the box
version: 1.0.0
licenses: [{name: CC-BY-4.0}]
documents:
- id: a
  path: a.txt
  sha256: old-hash-of-a  # checked by hand
  title: "A letter: to the editor"
  author: null
- id: gone
  path: gone.txt
  sha256: hash-of-gone
- {id: b, path: b.txt, sha256: hash-of-b, language: en}
"""


def test_update_rehashes_adds_and_drops_and_keeps_everything_else() -> None:
    found = [
        FoundText("a", "a.txt", "new-hash-of-a"),
        FoundText("b", "b.txt", "hash-of-b"),
        FoundText("c", "sub/c.txt", "hash-of-c"),
    ]
    update = updated(WRITTEN, found)
    assert (update.rehashed, update.added, update.removed) == (
        ["a.txt"],
        ["sub/c.txt"],
        ["gone.txt"],
    )
    lines = update.text.splitlines()
    # Comments, quoting, flow style and nulls are the author's, untouched.
    for kept in (
        "# Our corpus. Every field states what the texts support.",
        "title: 'Letters, 1901-1910'   # the title on the box",
        "licenses: [{name: CC-BY-4.0}]",
        '  title: "A letter: to the editor"',
        "  author: null",
        "- {id: b, path: b.txt, sha256: hash-of-b, language: en}",
    ):
        assert kept in lines
    assert "  sha256: new-hash-of-a  # checked by hand" in lines
    assert "gone" not in update.text
    data = yaml.safe_load(update.text)
    assert [d["path"] for d in data["documents"]] == ["a.txt", "b.txt", "sub/c.txt"]
    assert data["documents"][2] == {
        "id": "c",
        "path": "sub/c.txt",
        "sha256": "hash-of-c",
        **dict.fromkeys(("title", "author", "publisher", "language", "published", "source")),
    }


def test_an_up_to_date_catalogue_is_left_byte_for_byte() -> None:
    found = [FoundText("a", "a.txt", "old-hash-of-a"), FoundText("b", "b.txt", "hash-of-b")]
    found.append(FoundText("gone", "gone.txt", "hash-of-gone"))
    update = updated(WRITTEN, found)
    assert not update.changed and update.text == WRITTEN


def test_a_second_entry_for_one_file_is_dropped_the_first_kept() -> None:
    text = "name: c\ndocuments:\n  - {path: a.txt, sha256: x, title: First}\n  - {path: a.txt}\n"
    update = updated(text, [FoundText("a", "a.txt", "x")])
    assert update.removed == ["a.txt"]
    assert yaml.safe_load(update.text)["documents"] == [
        {"path": "a.txt", "sha256": "x", "title": "First"}
    ]


@pytest.mark.parametrize("text", ["just text\n", "- a\n- b\n", "name: [unclosed\n"])
def test_what_is_not_a_catalogue_is_a_clear_error(text: str) -> None:
    with pytest.raises(SourceError, match=r"catalog\.yaml"):
        updated(text, [])


def test_a_release_sets_version_and_created_and_nothing_else() -> None:
    when = dt.datetime(2026, 11, 30, 18, 5, 7, tzinfo=dt.UTC)
    text = with_release(WRITTEN, "1.1.0", when)
    assert text == WRITTEN.replace(
        "version: 1.0.0\n", "version: 1.1.0\ncreated: 2026-11-30T18:05:07Z\n"
    )
    again = with_release(text, "1.2.0", when + dt.timedelta(days=1))
    assert "version: 1.2.0\ncreated: 2026-12-01T18:05:07Z\n" in again
    data = yaml.safe_load(again)
    assert data["created"] == dt.datetime(2026, 12, 1, 18, 5, 7, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "layout",
    [
        "documents:\n- id: a\n  path: a.txt\n  sha256: x\n",
        "documents:\n  - id: a\n    path: a.txt\n    sha256: x\n",
        "documents:\n    - id: a\n      path: a.txt\n      sha256: x\n",
    ],
)
def test_every_common_layout_is_kept_line_for_line(layout: str) -> None:
    head = "name: c\ndescription: >-\n  Two lines of\n  description.\nversion: 1.0.0\n"
    text = head + layout
    when = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    released = with_release(text, "1.0.1", when)
    assert released == text.replace(
        "version: 1.0.0\n", "version: 1.0.1\ncreated: 2026-11-30T00:00:00Z\n"
    )
    update = updated(text, [FoundText("a", "a.txt", "y")])
    assert update.text == text.replace("sha256: x", "sha256: y")
