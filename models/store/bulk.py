"""Writing many new rows of one table at once (a mission file opened: 60,000 rows at 100x).

SQLAlchemy's executemany builds and checks a parameter dict per row, which costs more than the
database's own work; here each column's bind processor (the table's types: UTCDateTime, Date,
Boolean) is looked up once and applied in one tight loop, then the rows go to the driver:
- PostgreSQL: COPY ... FROM STDIN (psycopg), one stream instead of a statement per row;
- SQLite: the cursor's executemany with the INSERT that SQLAlchemy compiles for the dialect.
Both run on the caller's connection, inside its transaction (all or nothing).
"""

from __future__ import annotations

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError


def _processors(conn: Connection, table: Table, columns: list[str]) -> list:
    dialect = conn.dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in columns]


def _values(rows: list[dict], columns: list[str], processors: list) -> list[tuple]:
    plain = all(p is None for p in processors)
    if plain:
        return [tuple(row[c] for c in columns) for row in rows]
    pairs = list(zip(columns, processors, strict=True))
    return [tuple(row[c] if p is None or row[c] is None else p(row[c]) for c, p in pairs)
            for row in rows]


def insert_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """_insert_rows, with the driver's errors as SQLAlchemy's (IntegrityError, ...), as
    every other statement raises them for models.store.db.write_session to translate."""
    try:
        _insert_rows(conn, table, rows)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(f"bulk insert into {table.name}", None, exc,
                                  conn.dialect.loaded_dbapi.Error) from exc


def _insert_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys, columns of `table`; a key left out gets the
    column's plain default, and the integer id of a new row) in one go."""
    if not rows:
        return
    given = [c.name for c in table.columns if c.name in rows[0]]
    if len(given) != len(rows[0]) or any(row.keys() != rows[0].keys() for row in rows):
        raise ValueError(f"{table.name}: rows with different or unknown columns")
    # The model's plain defaults ("" for text) are Python's, not the table's: written here.
    defaults = {c.name: c.default.arg for c in table.columns if c.name not in rows[0]
                and c.default is not None and c.default.is_scalar}
    if defaults:
        rows = [row | defaults for row in rows]
    columns = [c.name for c in table.columns if c.name in rows[0]]
    values = _values(rows, columns, _processors(conn, table, columns))
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        names = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
        quoted = conn.dialect.identifier_preparer.format_table(table)
        with driver.cursor() as cursor, cursor.copy(
                f"COPY {quoted} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=columns)
    order = [columns.index(name) for name in compiled.positiontup]
    if order != list(range(len(columns))):
        values = [tuple(row[i] for i in order) for row in values]
    cursor = driver.cursor()
    try:
        cursor.executemany(str(compiled), values)
    finally:
        cursor.close()
