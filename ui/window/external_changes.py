"""Noticing that another program changed the open database (the `import-attendees` verb run in
a terminal, a script), so the window shows what is in the file, not what was.

SQLite's `PRAGMA data_version`, read on a connection of our own, changes whenever any other
connection commits, the window's own included; a "commit" listener on the window's engine marks
its own commits, so that only the others count. Polled every two seconds: the pragma reads no
data, and two seconds is soon enough for someone switching back from a terminal. When the window
and another program both commit within one poll, the other's change shows with the next one.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import event

from models.store.health import connect_ro

POLL_MS = 2000


class ExternalChanges(QObject):
    detected = Signal()

    def __init__(self, window, interval_ms: int = POLL_MS):
        super().__init__(window)
        self.window = window
        self._engine = None
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._own = False
        self._attach()
        self.timer = QTimer(self, interval=interval_ms, timeout=self.poll)
        self.timer.start()

    def mark_own(self, *_args) -> None:
        """The window itself changed the file (also called for work outside the engine)."""
        self._own = True

    def poll(self) -> None:
        self._attach()
        version = self._read()
        own, self._own = self._own, False
        if version is None or version == self._version:
            return
        self._version = version
        if not own:
            self.detected.emit()

    def close(self) -> None:
        self.timer.stop()
        self._detach()

    def _detach(self) -> None:
        if self._engine is not None:
            event.remove(self._engine, "commit", self.mark_own)
            self._engine = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _attach(self) -> None:
        """Follow the window's database: after a restore it is another engine on the file."""
        engine = self.window.db.engine
        if engine is self._engine:
            return
        self._detach()
        self._engine = engine
        event.listen(engine, "commit", self.mark_own)
        try:
            self._conn = connect_ro(self.window.db.path)
        except sqlite3.Error:
            self._conn = None  # nothing to watch; the window's own errors say why
        self._version = self._read()

    def _read(self) -> int | None:
        if self._conn is None:
            return None
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None
