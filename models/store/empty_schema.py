"""The empty schema a new database file starts from, kept in memory once this process has built it.

Building it means running every migration from nothing: an Alembic run that rebuilds tables in
batches and takes most of a second. The first new file of a process is migrated; a copy of it,
taken the moment its migrations end (no row of anybody's yet), is what each later new file of
the process gets instead: the same pages, written in a few milliseconds. A join makes a new
file, and so do the screenshots and the test suite, hundreds of times.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import Engine

_image: bytes | None = None


def keep(path: Path) -> None:
    """Remember the schema of the file at `path`, just migrated from nothing."""
    global _image
    with closing(sqlite3.connect(path)) as conn:
        image = bytearray(conn.serialize())
    # Header bytes 18-19 say "write-ahead log" (2); a database in memory cannot have one and
    # refuses to open such an image. As 1 (rollback journal) it opens, and the copy into a new
    # file in WAL mode sets them back to 2 (SQLite's backup does that for a WAL destination).
    image[18:20] = b"\x01\x01"
    _image = bytes(image)


def fill(engine: Engine) -> bool:
    """Write the kept schema into the empty database `engine` opens, through its own connection
    (so its settings hold: a page limit fails here as a full disk would); False when this
    process has built none yet."""
    if _image is None:
        return False
    with closing(sqlite3.connect(":memory:")) as source:
        source.deserialize(_image)
        with engine.connect() as conn:
            source.backup(conn.connection.driver_connection)
    return True
