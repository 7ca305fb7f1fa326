"""The server's side of the sync: its schema (server_schema.sql, version SYNC_VERSION) set up
by the first share on a database the app's own migrations made, and the check that a server
is of this version. psycopg's connection, no SQLAlchemy: the sync speaks jsonb to PL/pgSQL."""

from __future__ import annotations

from pathlib import Path

from models.mission_document import PARTS, SENSITIVE
from models.sync import typed_tables

# 2: the shared missions written through to the app's own tables (typed_tables.py).
SYNC_VERSION = 2
SQL = Path(__file__).with_name("server_schema.sql")


def installed_version(conn) -> int | None:
    found = conn.execute("SELECT to_regclass('kakehashi_sync.meta')").fetchone()[0]
    if found is None:
        return None
    row = conn.execute("SELECT version FROM kakehashi_sync.meta").fetchone()
    return row[0] if row else None


def versions(conn) -> tuple[int | None, str | None]:
    """(the sync schema's version, the app schema's revision); (None, None) before the first
    share set them up."""
    if installed_version_visible(conn) is None:
        return None, None
    return conn.execute("SELECT * FROM kakehashi_sync.versions()").fetchone()


def installed_version_visible(conn):
    return conn.execute("SELECT to_regprocedure('kakehashi_sync.versions()')").fetchone()[0]


def install(conn, app_schema: str) -> None:
    """The sync schema, in the caller's transaction: tables, functions, and what each kind's
    sensitive and reference fields are (from the mission's parts)."""
    conn.execute(SQL.read_text(encoding="utf-8"))
    conn.execute(typed_tables.project_sql())
    conn.execute("SET search_path = public")
    conn.execute("INSERT INTO kakehashi_sync.meta VALUES (%s, %s)", (SYNC_VERSION, app_schema))
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO kakehashi_sync.secret_field VALUES (%s, %s)",
                        [("people", name) for name in SENSITIVE])
        cur.executemany("INSERT INTO kakehashi_sync.ref_field VALUES (%s, %s)",
                        [(part.key, name) for part in PARTS for _c, name, _t in part.ref_names()])
