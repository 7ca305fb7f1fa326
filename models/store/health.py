"""The health of a database file: integrity and foreign-key checks that read the file as it is,
and compacting (VACUUM). Used by models.store.backup, the `check` verb and File > Compact database.
No Qt here.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import _, ngettext
from models.store.errors import NotADatabase, StorageError
from models.store.files import check_file, connect_ro

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class NoDatabase(StorageError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def user_message(self) -> str:
        return _("There is no database at {path}.").format(path=self.path)


class CompactFailed(StorageError):
    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def user_message(self) -> str:
        return _("The database {path} could not be compacted: {reason}").format(
            path=self.path, reason=self.reason)


def why(exc: BaseException) -> str:
    """The reason an OS or SQLite error gives, for a message."""
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def problems(path: Path, *, foreign_keys: bool = True) -> list[str]:
    """What integrity_check (and foreign_key_check) say is wrong with the file; [] if nothing."""
    try:
        with closing(connect_ro(path)) as conn:
            found = [line for (text,) in conn.execute("PRAGMA integrity_check")
                     for line in str(text).splitlines()
                     if line not in ("ok", "*** in database main ***")]
            if found or not foreign_keys:
                return found
            for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
                found.append(_("Row {rowid} of table {table} refers to a missing row of "
                               "table {parent}.").format(rowid=rowid, table=table,
                                                         parent=parent))
            return found
    # A damaged page can fail the PRAGMA itself, and damaged schema text can fail decoding.
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return [_("SQLite cannot read the file: {reason}").format(reason=exc)]


def revision(path: Path) -> str | None:
    """The schema revision of a Kakehashi file; None for any other (or unreadable) file."""
    try:
        with closing(connect_ro(path)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.Error:
        return None


def damage_summary(path: str | os.PathLike, found: list[str]) -> str:
    """One line for the user about the problems an integrity check found in the file."""
    return ngettext("{path} is damaged: the integrity check found {n} problem.",
                    "{path} is damaged: the integrity check found {n} problems.",
                    len(found)).format(path=path, n=len(found))


def check_database(db_path: str | os.PathLike) -> list[str]:
    """The problems `PRAGMA integrity_check` and `foreign_key_check` find; [] when healthy.

    Reads the file as it is, without opening it the app's way (no upgrade, no demo), so that
    damaged pages cannot stop the check. A missing file, or one that is not SQLite at all,
    raises a StorageError instead.
    """
    path = Path(db_path).expanduser().absolute()
    if check_file(path):
        raise NoDatabase(str(path))
    found = problems(path)
    if not found and revision(path) is None:
        raise NotADatabase(str(path))
    return found


def compact(engine: Engine) -> int:
    """VACUUM the database to give back the space of deleted rows; return the bytes reclaimed."""
    raw = engine.raw_connection()
    try:
        # The driver connection runs without implicit BEGIN (see models.store.db), and VACUUM must
        # run outside a transaction; a SQLAlchemy connection would begin one.
        conn = raw.driver_connection
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        before = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute("VACUUM")
        # VACUUM wrote the new pages into the WAL; the checkpoint makes the file itself shrink.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        after = conn.execute("PRAGMA page_count").fetchone()[0]
    except sqlite3.Error as exc:
        raise CompactFailed(str(engine.url.database), why(exc)) from exc
    finally:
        raw.close()
    return max(0, before - after) * page_size
