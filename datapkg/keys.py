"""Key-sized columns of a package's tables, kept on disk for the checks that need every row.

Uniqueness, primary and foreign keys, and the joins that compare counts and spans across
tables need all the values of a few columns at once. Held in memory, those columns grow
with the corpus; here they go into a DuckDB database in a temporary folder, and every
check is a query that DuckDB runs within `KEY_MEMORY`, spilling to that folder past it.
DuckDB rather than sorted runs of our own: its hash aggregates and joins already spill,
and each check stays one readable query.

Each table is written once, batch by batch, with `_row`, the 0-based position of the row
in its file, so a query can say which rows break a rule, in file order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    import duckdb

#: What DuckDB may hold in memory while a query runs, before it spills to disk: enough for
#: its hash tables' partitions at any size, small beside the rest of a validating process.
KEY_MEMORY = "48MB"
#: ... and between queries, while rows are inserted and files read: the rows go to disk
#: instead, and the memory is the readers'.
IDLE_MEMORY = "16MB"
#: Threads for the key queries: one, as validation runs beside a build's other work and
#: the queries are a small share of its time.
KEY_THREADS = 1

#: Rows gathered before they go into DuckDB: one insert costs about as much as a thousand
#: rows, so batches of a few thousand are joined first.
INSERT_ROWS = 50_000

ROW = "_row"  # the position of a row in its file, from 0


def quoted(name: str) -> str:
    """A column name as SQL reads it, whatever characters the descriptor gave it."""
    return '"' + name.replace('"', '""') + '"'


class KeyStore:
    """A temporary DuckDB database for the key columns of one validation; closing deletes it."""

    def __init__(self) -> None:
        import duckdb  # only a validation needs it

        self._folder = tempfile.TemporaryDirectory(prefix="datapkg-keys-")
        folder = Path(self._folder.name)
        self._db: duckdb.DuckDBPyConnection = duckdb.connect(
            str(folder / "keys.duckdb"),
            config={
                "memory_limit": IDLE_MEMORY,
                "threads": KEY_THREADS,
                "temp_directory": str(folder / "spill"),
                "preserve_insertion_order": False,
            },
        )
        self._tables: list[KeyTable] = []

    def __enter__(self) -> KeyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()

    def table(self, schema: pa.Schema) -> KeyTable:
        """A new, empty table of these columns (and `_row`)."""
        table = KeyTable(self, f"k{len(self._tables) + 1}", schema)
        self._tables.append(table)
        self._insert(table.name, table.arrow_schema.empty_table(), create=True)
        return table

    def copy(self, table: KeyTable) -> KeyTable:
        """A new table holding the same rows as `table`."""
        self._ready()
        copy = KeyTable(self, f"k{len(self._tables) + 1}", table.schema)
        self._tables.append(copy)
        self._db.execute(f"CREATE TABLE {copy.name} AS SELECT * FROM {table.name}")
        copy.rows = table.rows
        return copy

    def _ready(self) -> None:
        """Every table's gathered rows inserted, before a query reads them."""
        for table in self._tables:
            table.flush()

    def _insert(self, name: str, rows: pa.Table, create: bool = False) -> None:
        self._db.register("incoming", rows)
        try:
            verb = f"CREATE TABLE {name} AS" if create else f"INSERT INTO {name}"
            self._db.execute(f"{verb} SELECT * FROM incoming")
        finally:
            self._db.unregister("incoming")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """What a query returns, run with `KEY_MEMORY`."""
        self._ready()
        self._db.execute(f"SET memory_limit = '{KEY_MEMORY}'")
        try:
            return self._db.execute(sql).fetchall()
        finally:
            self._db.execute(f"SET memory_limit = '{IDLE_MEMORY}'")

    def value(self, sql: str) -> Any:
        """The single value a query returns."""
        found = self.rows(sql)
        return found[0][0] if found else None

    def found(self, select: str, source: str, order: str, limit: int) -> tuple[int, list[Any]]:
        """How many rows `source` (a FROM ... WHERE ... clause) gives, and the first `limit`
        of them in `order`, as `select` picks them."""
        total = int(self.value(f"SELECT count(*) {source}"))
        first = (
            self.rows(f"SELECT {select} {source} ORDER BY {order} LIMIT {limit}") if total else []
        )
        return total, first


class KeyTable:
    """The kept columns of one resource file, in a `KeyStore`."""

    def __init__(self, store: KeyStore, name: str, schema: pa.Schema) -> None:
        self.store = store
        self.name = name
        self.schema = schema
        self.rows = 0
        self.arrow_schema = pa.schema([pa.field(ROW, pa.int64()), *schema])
        self._results: dict[tuple[Any, ...], Any] = {}
        self._gathered: list[pa.RecordBatch] = []
        self._gathered_rows = 0

    def add(self, columns: Sequence[pa.Array]) -> None:
        """Append rows: one array per column of the schema, in its order."""
        n = len(columns[0]) if columns else 0
        if n and self.schema.names:
            positions = pa.array(range(self.rows, self.rows + n), pa.int64())
            batch = pa.RecordBatch.from_arrays([positions, *columns], schema=self.arrow_schema)
            self._gathered.append(batch)
            self._gathered_rows += n
            if self._gathered_rows >= INSERT_ROWS:
                self.flush()
        self.rows += n

    def flush(self) -> None:
        if self._gathered:
            rows = pa.Table.from_batches(self._gathered, schema=self.arrow_schema)
            self._gathered, self._gathered_rows = [], 0
            self.store._insert(self.name, rows)

    def type_of(self, name: str) -> pa.DataType | None:
        """The type of a kept column; None when it is not kept."""
        return self.schema.field(name).type if name in self.schema.names else None

    def result(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """`compute()`, once per key: twins sharing this table share the checks' work."""
        if key not in self._results:
            self._results[key] = compute()
        return self._results[key]

    def distinct(self, name: str) -> int:
        """Distinct non-null values of a column."""
        # A GROUP BY, not count(DISTINCT ...): DuckDB spills the one to disk, not the other.
        column = quoted(name)
        return int(
            self.result(
                ("distinct", name),
                lambda: self.store.value(
                    f"SELECT count(*) FROM (SELECT {column} FROM {self.name} "
                    f"WHERE {column} IS NOT NULL GROUP BY {column})"
                ),
            )
        )

    def non_null(self, name: str) -> int:
        return int(
            self.store.value(f"SELECT count({quoted(name)}) FROM {self.name}")  # nulls not counted
        )

    def groups(self, names: list[str]) -> int:
        """Distinct combinations of these columns, nulls included."""
        columns = ", ".join(quoted(n) for n in names)
        return int(
            self.result(
                ("groups", *names),
                lambda: self.store.value(
                    f"SELECT count(*) FROM (SELECT 1 FROM {self.name} GROUP BY {columns})"
                ),
            )
        )

    def repeated(self, name: str, limit: int = 3) -> list[Any]:
        """A few values that occur more than once, in the order they first occur."""
        column = quoted(name)
        rows = self.store.rows(
            f"SELECT {column} FROM {self.name} WHERE {column} IS NOT NULL GROUP BY {column} "
            f"HAVING count(*) > 1 ORDER BY min({ROW}) LIMIT {limit}"
        )
        return [row[0] for row in rows]

    def dangling(
        self, field: str, parent: KeyTable, ref: str, limit: int
    ) -> tuple[int, list[tuple[int, Any]]]:
        """Rows whose non-null `field` is no `ref` of `parent`: how many, and the first
        `limit` as (position, value)."""
        child_column, parent_column = quoted(field), quoted(ref)

        def compute() -> tuple[int, list[Any]]:
            return self.store.found(
                f"c.{ROW}, c.{child_column}",
                f"FROM {self.name} c ANTI JOIN {parent.name} p "
                f"ON c.{child_column} = p.{parent_column} WHERE c.{child_column} IS NOT NULL",
                f"c.{ROW}",
                limit,
            )

        return self.result(("dangling", field, parent.name, ref), compute)  # type: ignore[no-any-return]

    def first_positions(self, name: str) -> dict[Any, int]:
        """Each value of a column and the position of its first row."""
        column = quoted(name)
        return dict(
            self.store.rows(f"SELECT {column}, min({ROW}) FROM {self.name} GROUP BY {column}")
        )
