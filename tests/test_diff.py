"""`diff_packages`: rows, schemas and metadata of two package versions, and the bump they need."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from datapkg import diff as diff_module
from datapkg import pipeline
from datapkg.cli import app
from datapkg.descriptor import file_digest
from datapkg.diff import (
    ChangedRow,
    PackageDiff,
    RowValues,
    ValueChange,
    _constraint_direction,
    diff_packages,
)
from datapkg.errors import InvalidPackageError
from datapkg.layout import BYTES_PROPERTY
from datapkg.pipeline import BuildResult
from datapkg.sources import sha256_hex
from tests.conftest import ROOT, MakeCorpus

V010 = ROOT / "dist/iraq-war-articles-0.1.0"
V011 = ROOT / "dist/iraq-war-articles-0.1.1"

Edit = Callable[[Path], None]


@pytest.fixture
def new(tmp_path: Path) -> Path:
    """A private copy of the published 0.1.1, to edit into a newer version."""
    copy = tmp_path / "iraq-war-articles-next"
    shutil.copytree(V011, copy)
    return copy


# --- editing a copied package --------------------------------------------------------------


def edit_descriptor(package: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    edit(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def edit_schema(package: Path, table: str, edit: Callable[[dict[str, Any]], None]) -> None:
    """Apply `edit` to the Table Schema of `table` and of its Parquet twin, as a build would."""

    def apply(descriptor: dict[str, Any]) -> None:
        for resource in descriptor["resources"]:
            if resource["name"] in (table, f"{table}-parquet"):
                edit(resource["schema"])

    edit_descriptor(package, apply)


def edit_field(
    package: Path, table: str, name: str, edit: Callable[[dict[str, Any]], None]
) -> None:
    def apply(schema: dict[str, Any]) -> None:
        edit(next(f for f in schema["fields"] if f["name"] == name))

    edit_schema(package, table, apply)


def edit_rows(package: Path, table: str, edit: Callable[[pa.Table], pa.Table]) -> None:
    path = package / f"data/{table}.parquet"
    pq.write_table(edit(pq.read_table(path)), path)
    refingerprint(package)


def refingerprint(package: Path) -> None:
    """Size and sha256 of every file in the descriptor, as a build would write them."""

    def apply(descriptor: dict[str, Any]) -> None:
        for resource in descriptor["resources"]:
            size, digest = file_digest(package / resource["path"])
            resource[BYTES_PROPERTY[resource["format"]]] = size
            resource["hash"] = f"sha256:{digest}"

    edit_descriptor(package, apply)


def set_value(table: pa.Table, column: str, row: int, value: object) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    i = table.schema.get_field_index(column)
    return table.set_column(i, table.schema.field(i), pa.array(values, table.schema.field(i).type))


def set_constraint(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda field: field.setdefault("constraints", {}).__setitem__(key, value)


def drop_constraint(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda field: field["constraints"].pop(key)


# --- the published versions ----------------------------------------------------------------


def test_the_published_versions_differ_in_quotations_only_a_patch() -> None:
    diff = diff_packages(V010, V011)
    assert diff.required_bump == "patch"
    assert diff.reasons == ("quotations: 59 rows changed",)
    documents, paragraphs, quotations = diff.rows
    assert (documents.resource, documents.unchanged, documents.bump) == ("documents", 5, "none")
    assert (paragraphs.unchanged, paragraphs.bump) == (339, "none")
    assert quotations.key == ("quotation_id",)
    assert (quotations.added, quotations.removed) == ((), ())
    assert (len(quotations.changed), quotations.unchanged) == (59, 309)
    # Same texts, same spans: only the attribution of quotations was corrected.
    assert quotations.field_counts == {"speaker": 56, "cue": 18, "kind": 8}
    assert all(
        fields and set(fields) <= {"speaker", "cue", "kind"}
        for fields in quotations.changed.values()
    )
    assert diff.schema_changes == ()
    # A new number and date are what every release has: reported, needing no bump.
    assert [(c.property, c.old, c.new, c.bump) for c in diff.metadata_changes] == [
        ("version", "0.1.0", "0.1.1", "none"),
        ("created", "2026-11-21T00:00:00Z", "2026-11-21T12:00:00Z", "none"),
    ]


def test_the_summary_is_a_changelog_entry() -> None:
    summary = diff_packages(V010, V011).summary()
    assert summary.startswith("## [0.1.1] - 2026-11-21\n")
    assert "they need a **patch** version bump" in summary
    assert "| quotations | 368 | 0 | 0 | 59 | 309 |" in summary
    assert "| documents | 5 | 0 | 0 | 0 | 5 |" in summary
    assert "`speaker` (56), `cue` (18), `kind` (8)" in summary
    assert '- `version` "0.1.0" → "0.1.1"' in summary
    assert "### Schema" not in summary


def test_the_diff_is_frozen_and_round_trips_through_json() -> None:
    diff = diff_packages(V010, V011)
    text = json.dumps(diff.model_dump(mode="json"))
    assert PackageDiff.model_validate_json(text) == diff
    with pytest.raises(ValidationError):
        diff.required_bump = "major"


def test_a_package_compared_with_itself_needs_no_bump() -> None:
    diff = diff_packages(V011, V011)
    assert diff.required_bump == "none"
    assert diff.reasons == ()
    assert diff.schema_changes == ()
    assert diff.metadata_changes == ()
    assert [(t.resource, t.unchanged) for t in diff.rows] == [
        ("documents", 5),
        ("paragraphs", 339),
        ("quotations", 368),
    ]
    assert "No changes to data, schemas or metadata since 0.1.1." in diff.summary()


def test_rows_are_compared_by_content_not_by_bytes_or_order(new: Path) -> None:
    path = new / "data/quotations.parquet"
    table = pq.read_table(path)
    pq.write_table(
        table.take(pa.array(range(table.num_rows - 1, -1, -1))), path, compression="zstd"
    )
    refingerprint(new)
    diff = diff_packages(V011, new)
    assert diff.required_bump == "none"
    assert diff.rows[2].unchanged == 368


# --- rows ----------------------------------------------------------------------------------


def test_added_rows_need_a_minor_bump(new: Path) -> None:
    def add(table: pa.Table) -> pa.Table:
        extra = table.slice(0, 2)
        ids = pa.array(["extra-q0000", "extra-q0001"], pa.string())
        extra = extra.set_column(0, table.schema.field(0), ids)
        return pa.concat_tables([table, extra])

    edit_rows(new, "quotations", add)
    diff = diff_packages(V011, new)
    assert diff.required_bump == "minor"
    quotations = diff.rows[2]
    assert quotations.added == ("extra-q0000", "extra-q0001")
    assert (quotations.removed, quotations.changed, quotations.unchanged) == ((), {}, 368)
    assert diff.reasons == ("quotations: 2 rows added",)
    assert "| quotations | 368 → 370 | 2 | 0 | 0 | 368 |" in diff.summary()


def test_removed_rows_need_a_minor_bump(new: Path) -> None:
    old_ids = pq.read_table(V011 / "data/paragraphs.parquet").column("paragraph_id").to_pylist()
    edit_rows(new, "paragraphs", lambda t: t.slice(0, t.num_rows - 3))
    diff = diff_packages(V011, new)
    assert diff.required_bump == "minor"
    assert diff.rows[1].removed == tuple(old_ids[-3:])  # in the old file's order
    assert diff.reasons == ("paragraphs: 3 rows removed",)


def test_changed_rows_name_their_changed_fields(new: Path) -> None:
    table = pq.read_table(V011 / "data/quotations.parquet")
    first = table.column("quotation_id")[0].as_py()
    edit_rows(
        new, "quotations", lambda t: set_value(set_value(t, "cue", 0, "quipped"), "piece", 0, 7)
    )
    diff = diff_packages(V011, new)
    assert diff.required_bump == "patch"
    assert diff.rows[2].changed == {first: ("cue", "piece")}
    assert diff.rows[2].field_counts == {"cue": 1, "piece": 1}


def test_changed_rows_of_the_published_versions_carry_old_and_new_values() -> None:
    quotations = diff_packages(V010, V011).rows[2]
    assert len(quotations.changed_rows) == 59  # all of them, as `--json` gives them
    assert [row.key for row in quotations.changed_rows] == list(quotations.changed)
    assert quotations.changed_rows[:2] == (
        ChangedRow(
            key="000_268219bfca060496-q0000",
            changes={
                "speaker": ValueChange(old="Tony Blair", new=None),
                "cue": ValueChange(old="replied", new=None),
            },
        ),
        ChangedRow(
            key="001_39ae44cc0e79be58-q0007",
            changes={
                "kind": ValueChange(old="scare", new="direct"),
                "speaker": ValueChange(old=None, new="Condoleezza Rice"),
                "cue": ValueChange(old=None, new="saying"),
            },
        ),
    )
    summary = diff_packages(V010, V011).summary()
    assert (
        "#### quotations, rows by `quotation_id`\n\n"
        "Changed (59):\n\n"
        '- `000_268219bfca060496-q0000`: `speaker` "Tony Blair" → null; `cue` "replied" → null\n'
        '- `001_39ae44cc0e79be58-q0007`: `kind` "scare" → "direct"; '
        '`speaker` null → "Condoleezza Rice"; `cue` null → "saying"\n'
    ) in summary
    assert "\n- and 54 more\n" in summary


# --- row values, on packages built from small corpora ------------------------------------

runner = CliRunner()

BRIDGE = 'The army moved north on Monday.\n\n"We will hold the bridge," said Colonel Smith.\n\n'
QUIET = "The city was quiet.\n"


def build_package(
    make_corpus: MakeCorpus, tmp_path: Path, name: str, files: dict[str, str]
) -> Path:
    source = make_corpus(files, catalog=True, name=name)
    return pipeline.build(source, tmp_path / f"{name}-dist").package_dir


def test_a_changed_text_reports_each_changed_row_with_old_and_new_values(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    river = BRIDGE.replace("bridge", "river")
    old = build_package(make_corpus, tmp_path, "old", {"a.txt": BRIDGE + QUIET})
    new = build_package(make_corpus, tmp_path, "new", {"a.txt": river + QUIET})
    diff = diff_packages(old, new)
    documents, paragraphs, quotations = diff.rows
    # One character fewer ("river" for "bridge") at offset 50: every offset after it moves back.
    assert documents.changed_rows == (
        ChangedRow(
            key="a",
            changes={
                "sha256": ValueChange(
                    old=sha256_hex((BRIDGE + QUIET).encode()),
                    new=sha256_hex((river + QUIET).encode()),
                ),
                "bytes": ValueChange(old=101, new=100),
                "char_count": ValueChange(old=101, new=100),
                "text": ValueChange(old=BRIDGE + QUIET, new=river + QUIET),
            },
        ),
    )
    assert paragraphs.changed_rows == (
        ChangedRow(
            key="a-p0001",
            changes={
                "text": ValueChange(
                    old='"We will hold the bridge," said Colonel Smith.',
                    new='"We will hold the river," said Colonel Smith.',
                ),
                "char_end": ValueChange(old=79, new=78),
            },
        ),
        ChangedRow(
            key="a-p0002",
            changes={
                "char_start": ValueChange(old=81, new=80),
                "char_end": ValueChange(old=100, new=99),
            },
        ),
    )
    assert paragraphs.unchanged == 1  # a-p0000, before the change
    assert quotations.changed_rows == (
        ChangedRow(
            key="a-q0000",
            changes={
                "text": ValueChange(old="We will hold the bridge,", new="We will hold the river,"),
                "char_end": ValueChange(old=58, new=57),
                "speaker_char_start": ValueChange(old=65, new=64),
                "speaker_char_end": ValueChange(old=78, new=77),
                "cue_char_start": ValueChange(old=60, new=59),
                "cue_char_end": ValueChange(old=64, new=63),
            },
        ),
    )
    assert (documents.added_rows, documents.removed_rows) == ((), ())

    human = runner.invoke(app, ["diff", str(old), str(new)])
    assert human.exit_code == 0, human.output
    assert (
        "#### paragraphs, rows by `paragraph_id`\n"
        "\n"
        "Changed (2):\n"
        "\n"
        '- `a-p0001`: `text` "\\"We will hold the bridge,\\" said Colonel Smith." → '
        '"\\"We will hold the river,\\" said Colonel Smith."; `char_end` 79 → 78\n'
        "- `a-p0002`: `char_start` 81 → 80; `char_end` 100 → 99\n"
        "\n"
        "#### quotations, rows by `quotation_id`\n"
        "\n"
        "Changed (1):\n"
        "\n"
        '- `a-q0000`: `text` "We will hold the bridge," → "We will hold the river,"; '
        "`char_end` 58 → 57; `speaker_char_start` 65 → 64; `speaker_char_end` 78 → 77; "
        "`cue_char_start` 60 → 59; `cue_char_end` 64 → 63\n"
    ) in human.stdout
    # The document's text is long: both sides start a little before the first difference.
    assert (
        '`text` "…\\n\\n\\"We will hold the bridge,\\" said Colonel Smith.\\n\\nThe city was '
        'quiet.\\n" → "…\\n\\n\\"We will hold the river,\\" said Colonel Smith.\\n\\nThe city '
        'was quiet.\\n"\n'
    ) in human.stdout

    as_json = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert as_json.exit_code == 0, as_json.output
    rows = {t["resource"]: t for t in json.loads(as_json.stdout)["rows"]}
    assert rows["quotations"]["changed_rows"] == [
        {
            "key": "a-q0000",
            "changes": {
                "text": {"old": "We will hold the bridge,", "new": "We will hold the river,"},
                "char_end": {"old": 58, "new": 57},
                "speaker_char_start": {"old": 65, "new": 64},
                "speaker_char_end": {"old": 78, "new": 77},
                "cue_char_start": {"old": 60, "new": 59},
                "cue_char_end": {"old": 64, "new": 63},
            },
        }
    ]
    assert rows["paragraphs"]["changed_rows"][1] == {
        "key": "a-p0002",
        "changes": {"char_start": {"old": 81, "new": 80}, "char_end": {"old": 100, "new": 99}},
    }
    assert json.loads(as_json.stdout) == diff.model_dump(mode="json")


def test_added_and_removed_rows_carry_their_values(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    old = build_package(make_corpus, tmp_path, "old", {"a.txt": QUIET, "b.txt": "It rained.\n"})
    new = build_package(make_corpus, tmp_path, "new", {"a.txt": QUIET, "c.txt": "It snowed.\n"})
    documents, paragraphs, _ = diff_packages(old, new).rows
    assert (documents.added, documents.removed, documents.unchanged) == (("c",), ("b",), 1)
    assert paragraphs.removed_rows == (
        RowValues(
            key="b-p0000",
            values={
                "paragraph_id": "b-p0000",
                "document_id": "b",
                "position": 0,
                "kind": "paragraph",
                "text": "It rained.",
                "char_start": 0,
                "char_end": 10,
            },
        ),
    )
    assert paragraphs.added_rows == (
        RowValues(
            key="c-p0000",
            values={
                "paragraph_id": "c-p0000",
                "document_id": "c",
                "position": 0,
                "kind": "paragraph",
                "text": "It snowed.",
                "char_start": 0,
                "char_end": 10,
            },
        ),
    )
    (added,) = documents.added_rows
    assert (added.key, added.values["path"], added.values["text"]) == ("c", "c.txt", "It snowed.\n")
    assert added.values["sha256"] == sha256_hex(b"It snowed.\n")
    assert documents.changed_rows == () and documents.changed == {}

    human = runner.invoke(app, ["diff", str(old), str(new)])
    assert human.exit_code == 0, human.output
    assert (
        "#### paragraphs, rows by `paragraph_id`\n"
        "\n"
        "Added (1):\n"
        "\n"
        '- `c-p0000`: `document_id` "c", `position` 0, `kind` "paragraph", `text` "It snowed.", '
        "`char_start` 0, `char_end` 10\n"
        "\n"
        "Removed (1):\n"
        "\n"
        '- `b-p0000`: `document_id` "b", `position` 0, `kind` "paragraph", `text` "It rained.", '
        "`char_start` 0, `char_end` 10\n"
    ) in human.stdout
    # A long value is cut inside its quotes, so the line stays one row of values.
    snowed = sha256_hex(b"It snowed.\n")
    assert (
        '- `c`: `path` "c.txt", `title` null, `author` null, `publisher` null, `language` null, '
        f'`published` null, `source` null, `sha256` "{snowed[:37]}…", `bytes` 11, '
        '`char_count` 11, `paragraph_count` 1, `quotation_count` 0, `text` "It snowed.\\n"\n'
    ) in human.stdout
    as_json = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--json"]).stdout)
    assert as_json["rows"][1]["removed_rows"] == [
        {"key": "b-p0000", "values": paragraphs.removed_rows[0].values}
    ]
    assert as_json["rows"][1]["added_rows"][0]["values"]["text"] == "It snowed."


def test_the_human_output_shows_five_rows_of_a_kind_and_json_all(
    make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    paragraphs = "".join(f"Paragraph {n}.\n\n" for n in range(7))
    old = build_package(make_corpus, tmp_path, "old", {"a.txt": paragraphs})
    # One character more at the start: every paragraph's offsets move.
    new = build_package(make_corpus, tmp_path, "new", {"a.txt": "A" + paragraphs})
    human = runner.invoke(app, ["diff", str(old), str(new)]).stdout
    block = human[human.index("#### paragraphs") :]
    block = block.split("\n\n###")[0]
    assert block.splitlines()[2:] == [
        "Changed (7):",
        "",
        '- `a-p0000`: `text` "Paragraph 0." → "AParagraph 0."; `char_end` 12 → 13',
        "- `a-p0001`: `char_start` 14 → 15; `char_end` 26 → 27",
        "- `a-p0002`: `char_start` 28 → 29; `char_end` 40 → 41",
        "- `a-p0003`: `char_start` 42 → 43; `char_end` 54 → 55",
        "- `a-p0004`: `char_start` 56 → 57; `char_end` 68 → 69",
        "- and 2 more",
    ]
    as_json = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--json"]).stdout)
    changed = as_json["rows"][1]["changed_rows"]
    assert [row["key"] for row in changed] == [f"a-p000{n}" for n in range(7)]
    assert changed[6]["changes"] == {
        "char_start": {"old": 84, "new": 85},
        "char_end": {"old": 96, "new": 97},
    }


def test_max_rows_bounds_the_values_not_the_keys(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    paragraphs = "".join(f"Paragraph {n}.\n\n" for n in range(7))
    old = build_package(make_corpus, tmp_path, "old", {"a.txt": paragraphs})
    new = build_package(make_corpus, tmp_path, "new", {"a.txt": "A" + paragraphs})
    bounded = diff_packages(old, new, max_rows=2).rows[1]
    full = diff_packages(old, new).rows[1]
    assert bounded.changed_rows == full.changed_rows[:2]
    assert (bounded.changed, bounded.field_counts) == (full.changed, full.field_counts)
    assert bounded.changed["a-p0006"] == ("char_start", "char_end")
    # Rows without values are still named, with the fields that changed.
    assert (
        "- `a-p0002`: `char_start`, `char_end`\n" in diff_packages(old, new, max_rows=2).summary()
    )
    with pytest.raises(ValueError, match="max_rows is -1"):
        diff_packages(old, new, max_rows=-1)


def test_rows_matched_in_several_partitions_give_the_same_diff(
    monkeypatch: pytest.MonkeyPatch, make_corpus: MakeCorpus, tmp_path: Path
) -> None:
    texts = {f"{name}.txt": f"{name} one.\n\n{name} two.\n" for name in "abcdefgh"}
    edited = {name: text for name, text in texts.items() if name not in ("c.txt", "f.txt")}
    edited |= {"b.txt": "b one.\n\nb 2.\n", "y.txt": "y.\n\ny.\n", "z.txt": "z.\n\nz.\n"}
    old = build_package(make_corpus, tmp_path, "old", texts)
    new = build_package(make_corpus, tmp_path, "new", edited)
    whole = diff_packages(old, new)
    monkeypatch.setattr(diff_module, "PARTITION_ROWS", 2)  # 16 paragraphs: 8 passes
    assert diff_packages(old, new) == whole
    paragraphs = whole.rows[1]
    # Found partition by partition, reported in file order.
    assert paragraphs.added == ("y-p0000", "y-p0001", "z-p0000", "z-p0001")
    assert paragraphs.removed == ("c-p0000", "c-p0001", "f-p0000", "f-p0001")
    assert [row.key for row in paragraphs.removed_rows] == list(paragraphs.removed)
    assert [row.key for row in paragraphs.changed_rows] == ["b-p0001"]
    assert paragraphs.changed_rows[0].changes["text"] == ValueChange(old="b two.", new="b 2.")


def test_a_repeated_primary_key_is_found_in_any_partition(
    monkeypatch: pytest.MonkeyPatch, new: Path
) -> None:
    monkeypatch.setattr(diff_module, "PARTITION_ROWS", 50)
    edit_rows(new, "paragraphs", lambda t: pa.concat_tables([t, t.slice(200, 1)]))
    with pytest.raises(InvalidPackageError, match=r"primary key \['paragraph_id'\] repeats"):
        diff_packages(V011, new)


# --- schemas -------------------------------------------------------------------------------


def remove_cue(package: Path) -> None:
    edit_schema(package, "quotations", lambda s: s["fields"].remove(s["fields"][10]))
    edit_rows(package, "quotations", lambda t: t.drop_columns(["cue"]))


def retype_piece(package: Path) -> None:
    edit_field(package, "quotations", "piece", lambda f: f.update(type="string"))
    edit_rows(
        package,
        "quotations",
        lambda t: t.set_column(
            13, pa.field("piece", pa.string(), False), pc.cast(t["piece"], pa.string())
        ),
    )


def rename_cue(package: Path) -> None:
    edit_field(package, "quotations", "cue", lambda f: f.update(name="cue_phrase"))
    edit_rows(
        package,
        "quotations",
        lambda t: t.rename_columns([*t.column_names[:10], "cue_phrase", *t.column_names[11:]]),
    )


def swap_fields(schema: dict[str, Any]) -> None:
    fields = schema["fields"]
    fields[1], fields[2] = fields[2], fields[1]


def add_field(at: int) -> Edit:
    note = {"name": "note", "type": "string", "description": "An editor's note."}
    return lambda p: edit_schema(p, "quotations", lambda s: s["fields"].insert(at, note))


def unset_required(package: Path) -> None:
    # `required: false` and no `required` at all both loosen a required field.
    edit_field(package, "quotations", "document_id", set_constraint("required", False))
    edit_field(package, "quotations", "mark", drop_constraint("required"))


SCHEMA_EDITS: dict[str, tuple[Edit, str, str]] = {
    # name: (edit, required bump, the kind of change that calls for it)
    "field removed": (remove_cue, "major", "field-removed"),
    "field retyped": (retype_piece, "major", "type-changed"),
    "field renamed": (rename_cue, "major", "field-removed"),
    "fields reordered": (
        lambda p: edit_schema(p, "paragraphs", swap_fields),
        "major",
        "fields-reordered",
    ),
    "field added at the end": (add_field(14), "minor", "field-added"),
    "field added before others": (add_field(0), "major", "field-added"),
    "format set": (
        lambda p: edit_field(p, "documents", "source", lambda f: f.update(format="uri")),
        "major",
        "format-changed",
    ),
    "required set": (
        lambda p: edit_field(p, "quotations", "speaker", set_constraint("required", True)),
        "major",
        "constraint-tightened",
    ),
    "minimum raised": (
        lambda p: edit_field(p, "quotations", "piece", set_constraint("minimum", 1)),
        "major",
        "constraint-tightened",
    ),
    "maxLength lowered": (
        lambda p: edit_field(p, "documents", "document_id", set_constraint("maxLength", 100)),
        "major",
        "constraint-tightened",
    ),
    "pattern added": (
        lambda p: edit_field(p, "documents", "language", set_constraint("pattern", "[a-z]{2}")),
        "major",
        "constraint-tightened",
    ),
    "pattern changed": (
        lambda p: edit_field(p, "documents", "sha256", set_constraint("pattern", "[0-9a-f]+")),
        "major",
        "constraint-tightened",
    ),
    "enum shrunk": (
        lambda p: edit_field(p, "quotations", "kind", set_constraint("enum", ["direct", "scare"])),
        "major",
        "constraint-tightened",
    ),
    "enum widened": (
        lambda p: edit_field(
            p,
            "quotations",
            "kind",
            set_constraint("enum", ["direct", "scare", "title", "indirect"]),
        ),
        "minor",
        "constraint-loosened",
    ),
    "required unset": (unset_required, "minor", "constraint-loosened"),
    "minimum lowered": (
        lambda p: edit_field(p, "paragraphs", "char_end", set_constraint("minimum", 0)),
        "minor",
        "constraint-loosened",
    ),
    "maxLength removed": (
        lambda p: edit_field(p, "documents", "document_id", drop_constraint("maxLength")),
        "minor",
        "constraint-loosened",
    ),
    "primary key changed": (
        lambda p: edit_schema(
            p, "paragraphs", lambda s: s.update(primaryKey=["document_id", "position"])
        ),
        "major",
        "primary-key-changed",
    ),
    "foreign key removed": (
        lambda p: edit_schema(p, "quotations", lambda s: s["foreignKeys"].pop()),
        "major",
        "foreign-key-removed",
    ),
    "field description changed": (
        lambda p: edit_field(p, "documents", "title", lambda f: f.update(description="Its title.")),
        "patch",
        "field-described",
    ),
}


@pytest.mark.parametrize("name", list(SCHEMA_EDITS))
def test_schema_changes_and_the_bump_they_need(new: Path, name: str) -> None:
    edit, bump, kind = SCHEMA_EDITS[name]
    edit(new)
    diff = diff_packages(V011, new)
    assert diff.required_bump == bump
    kinds = {(c.resource, c.kind, c.bump) for c in diff.schema_changes}
    table = next(c.resource for c in diff.schema_changes)
    # Both twins, the CSV resource and its Parquet, carry the change.
    assert {(table, kind, bump), (f"{table}-parquet", kind, bump)} <= kinds


def test_a_renamed_field_is_removed_and_added(new: Path) -> None:
    rename_cue(new)
    diff = diff_packages(V011, new)
    changes = [(c.kind, c.field, c.bump) for c in diff.schema_changes if c.resource == "quotations"]
    # The new name sits where the old one did, before other fields: major on its own too.
    assert changes == [("field-removed", "cue", "major"), ("field-added", "cue_phrase", "major")]
    # The rows are compared on the columns both versions have: none of them changed.
    assert diff.rows[2].changed == {} and diff.rows[2].unchanged == 368


def test_a_retyped_field_reports_its_types(new: Path) -> None:
    retype_piece(new)
    (change,) = [c for c in diff_packages(V011, new).schema_changes if c.resource == "quotations"]
    assert (change.field, change.old, change.new) == ("piece", "integer", "string")
    assert change.message == 'field `piece`: type "integer" → "string"'


def test_schema_changes_of_twins_share_a_line_in_the_summary(new: Path) -> None:
    remove_cue(new)
    edit_field(
        new, "quotations", "kind", set_constraint("enum", ["direct", "scare", "title", "indirect"])
    )
    summary = diff_packages(V011, new).summary()
    assert "they need a **major** version bump" in summary
    assert (
        "- `quotations`, `quotations-parquet`:\n"
        "  - field `cue` removed (major)\n"
        '  - field `kind`: enum added "indirect", loosened (minor)\n'
    ) in summary


def test_resources_removed_and_added(new: Path) -> None:
    def edit(descriptor: dict[str, Any]) -> None:
        resources = descriptor["resources"]
        documents = next(r for r in resources if r["name"] == "documents")
        resources.remove(documents)
        resources.append({**documents, "name": "texts"})

    edit_descriptor(new, edit)
    diff = diff_packages(V011, new)
    assert diff.required_bump == "major"
    assert [(c.resource, c.kind, c.bump) for c in diff.schema_changes] == [
        ("documents", "resource-removed", "major"),
        ("texts", "resource-added", "minor"),
    ]
    # The rows are read from the Parquet resources, which are all still there.
    assert [t.resource for t in diff.rows] == ["documents", "paragraphs", "quotations"]


@pytest.mark.parametrize(
    ("prop", "before", "after", "expected"),
    [
        ("required", None, False, None),  # false is what no `required` means
        ("required", None, True, "tightened"),
        ("unique", True, None, "loosened"),
        ("enum", ["a", "b"], ["b", "a"], None),  # order is not a constraint
        ("enum", ["a", "b"], ["a", "c"], "tightened"),  # "b" no longer passes
        ("minimum", 0, 0.5, "tightened"),
        ("maximum", "2020-01-01", "2021-01-01", "loosened"),
        ("exclusiveMaximum", 10, 9, "tightened"),
        ("minLength", 2, 1, "loosened"),
        ("minimum", 1, "one", "tightened"),  # cannot be compared: assume the worst
        ("pattern", None, ".*", "tightened"),
        ("pattern", "[a-z]+", None, "loosened"),
    ],
)
def test_constraint_direction(prop: str, before: Any, after: Any, expected: str | None) -> None:
    from datapkg.diff import _ABSENT

    before = _ABSENT if before is None else before
    after = _ABSENT if after is None else after
    assert _constraint_direction(prop, before, after) == expected


# --- metadata ------------------------------------------------------------------------------


def test_a_new_title_needs_a_patch(new: Path) -> None:
    edit_descriptor(new, lambda d: d.update(title="Iraq war articles"))
    diff = diff_packages(V011, new)
    assert diff.required_bump == "patch"
    (change,) = diff.metadata_changes
    assert (change.property, change.kind, change.new, change.bump) == (
        "title",
        "changed",
        "Iraq war articles",
        "patch",
    )
    assert diff.reasons == ('`title` "Iraq war articles (seed corpus)" → "Iraq war articles"',)
    assert "### Metadata" in diff.summary()


def test_metadata_of_resources_and_identity(new: Path) -> None:
    def edit(descriptor: dict[str, Any]) -> None:
        descriptor["resources"][0]["description"] = "One row per source text."
        descriptor["licenses"] = [{"name": "CC-BY-4.0"}]
        descriptor["name"] = "iraq-articles"

    edit_descriptor(new, edit)
    diff = diff_packages(V011, new)
    changes = {c.property: (c.kind, c.bump) for c in diff.metadata_changes}
    assert changes == {
        "name": ("changed", "major"),  # whoever refers to the package by name loses it
        "licenses": ("added", "patch"),
        "resources[documents].description": ("added", "patch"),
    }
    assert diff.required_bump == "major"


# --- errors --------------------------------------------------------------------------------


def test_a_folder_without_a_descriptor(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidPackageError, match=r"datapackage\.json: no such file; pass a folder"
    ):
        diff_packages(tmp_path, V011)


def test_a_missing_parquet_file(new: Path) -> None:
    (new / "data/paragraphs.parquet").unlink()
    with pytest.raises(
        InvalidPackageError,
        match=r"is not what its descriptor says .*paragraphs\.parquet: the descriptor lists "
        r"this file but it does not exist.*rebuild",
    ):
        diff_packages(V011, new)


def test_a_repeated_primary_key(new: Path) -> None:
    edit_rows(new, "documents", lambda t: pa.concat_tables([t, t.slice(0, 1)]))
    with pytest.raises(InvalidPackageError, match=r"primary key \['document_id'\] repeats"):
        diff_packages(V011, new)


def test_companion_files_count_as_metadata_beyond_the_version(tmp_path: Path) -> None:

    source = Path(__file__).resolve().parent.parent / "dist" / "iraq-war-articles-0.1.2"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(source, old)
    shutil.copytree(source, new)
    assert diff_packages(old, new).required_bump == "none"
    card = new / "README.md"
    card.write_text(card.read_text(encoding="utf-8") + "\nHow to cite: ...\n", encoding="utf-8")
    result = diff_packages(old, new)
    assert result.required_bump == "patch"
    assert "`README.md` changed" in result.summary()
    (new / "croissant.json").unlink()
    kinds = {(c.property, c.kind) for c in diff_packages(old, new).metadata_changes}
    assert ("file croissant.json", "removed") in kinds


def test_a_table_split_into_shards_holds_the_same_rows(
    seed_build: BuildResult, sharded_build: BuildResult
) -> None:
    """Rows are matched across every shard; the new file layout is a change of paths."""
    diff = diff_packages(seed_build.package_dir, sharded_build.package_dir)
    assert [(t.resource, t.unchanged, t.added, t.removed, t.changed) for t in diff.rows] == [
        ("documents", 5, (), (), {}),
        ("paragraphs", 339, (), (), {}),
        ("quotations", 368, (), (), {}),
    ]
    paths = [c for c in diff.metadata_changes if c.property.endswith(".path")]
    assert len(paths) == 6
    assert all(isinstance(c.new, list) and len(c.new) > 1 for c in paths)
    assert diff_packages(sharded_build.package_dir, sharded_build.package_dir).required_bump == (
        "none"
    )
