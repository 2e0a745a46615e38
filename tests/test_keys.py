"""The key columns store: the queries validation's checks across rows are made of."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from datapkg import keys
from datapkg.keys import KeyStore, KeyTable


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyStore]:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with KeyStore() as opened:
        yield opened


def _table(store: KeyStore, **columns: list[object]) -> KeyTable:
    arrays = [pa.array(values) for values in columns.values()]
    table = store.table(
        pa.schema([(name, a.type) for name, a in zip(columns, arrays, strict=True)])
    )
    table.add(arrays)
    return table


def test_distinct_values_leave_nulls_out(store: KeyStore) -> None:
    table = _table(store, id=["a", "b", None, "a"])
    assert table.distinct("id") == 2
    assert table.non_null("id") == 3


def test_repeated_values_come_in_the_order_they_first_occur(store: KeyStore) -> None:
    table = _table(store, id=["z", "a", "z", "b", "a", "b", None, None])
    assert table.repeated("id") == ["z", "a", "b"]
    assert table.repeated("id", limit=1) == ["z"]


def test_groups_count_combinations_nulls_included(store: KeyStore) -> None:
    table = _table(store, a=["x", "x", "y", None, None], b=[1, 2, 1, 1, 1])
    assert table.groups(["a", "b"]) == 4


def test_dangling_rows_are_counted_and_the_first_given_in_file_order(store: KeyStore) -> None:
    parent = _table(store, id=["p1", "p2"])
    child = _table(store, ref=["p1", "q9", None, "p2", "q7", "q9"])
    assert child.dangling("ref", parent, "id", limit=2) == (3, [(1, "q9"), (4, "q7")])


def test_a_table_can_reference_itself(store: KeyStore) -> None:
    table = _table(store, id=["a", "b", "c"], parent=["b", None, "x"])
    assert table.dangling("parent", table, "id", limit=5) == (1, [(2, "x")])


def test_first_positions(store: KeyStore) -> None:
    table = _table(store, doc=["d2", "d2", "d1", "d2", "d3"])
    assert table.first_positions("doc") == {"d2": 0, "d1": 2, "d3": 4}


def test_rows_gathered_in_many_batches_keep_their_positions(
    store: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "INSERT_ROWS", 3)  # several inserts, and rows still gathered
    table = store.table(pa.schema([("id", pa.string())]))
    for start in range(0, 10, 2):
        table.add([pa.array([f"r{start}", f"r{start + 1}"])])
    table.add([pa.array(["r3"])])
    assert table.rows == 11
    assert table.repeated("id") == ["r3"]
    assert table.first_positions("id")["r9"] == 9


def test_a_copy_holds_the_same_rows_and_then_goes_its_own_way(store: KeyStore) -> None:
    table = _table(store, id=["a", "b"])
    copy = store.copy(table)
    copy.add([pa.array(["a"])])
    assert (copy.rows, copy.repeated("id")) == (3, ["a"])
    assert (table.rows, table.repeated("id")) == (2, [])


def test_any_column_name_is_quoted(store: KeyStore) -> None:
    table = _table(store, **{'say "hi"; DROP': ["a", "a"], "text:length": [1, 2]})
    assert table.repeated('say "hi"; DROP') == ["a"]
    assert table.distinct("text:length") == 2


def test_closing_removes_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with KeyStore() as store:
        _table(store, id=["a"]).distinct("id")
        assert list(tmp_path.iterdir())
    assert list(tmp_path.iterdir()) == []
