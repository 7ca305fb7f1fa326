"""Noticing that another program committed to the open database file (the `import-attendees`
verb in a terminal, a script), so the window can show what is in the file, not what was.

SQLite's `PRAGMA data_version`, read on a connection of our own, changes whenever any other
connection commits, the window's own included; a "commit" listener on the window's engine marks
its own commits, so that only the others count. No Qt here: the window polls `changed()`.
"""

from __future__ import annotations

import os
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

from models.store.files import connect_ro


class CommitWatch:
    """Follows one engine and its file; `changed()` is True once per batch of others' commits."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._own = False

    def mark_own(self, *_args) -> None:
        """We changed the file ourselves (also called for work beside the engine: VACUUM)."""
        self._own = True

    def follow(self, engine: Engine, path: str | os.PathLike) -> None:
        """Watch this engine's file (after a restore it is another engine on the file)."""
        if engine is self._engine:
            return
        self.close()
        self._engine = engine
        event.listen(engine, "commit", self.mark_own)
        try:
            self._conn = connect_ro(path)
        except sqlite3.Error:
            self._conn = None  # nothing to watch; the window's own errors say why
        self._version = self._read()

    def changed(self) -> bool:
        """Whether another program committed since the last call. When we and another program
        both commit between two calls, the other's change shows with the next one."""
        version = self._read()
        own, self._own = self._own, False
        if version is None or version == self._version:
            return False
        self._version = version
        return not own

    def close(self) -> None:
        if self._engine is not None:
            event.remove(self._engine, "commit", self.mark_own)
            self._engine = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _read(self) -> int | None:
        if self._conn is None:
            return None
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None
