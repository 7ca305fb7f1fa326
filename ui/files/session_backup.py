"""A backup a minute after a session's first edit and another on close (models.store.backup:
at most one an hour), so a day's work, even a new file's first, always has a copy.

The first is made on a worker thread (copy and integrity check: ~0.2 s at 2,000 people, a
hitch in the middle of typing otherwise); the one on close waits for it, then runs at once."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from i18n import _
from models.store.backup import session_backup
from models.store.errors import StorageError
from ui.common.context import Context
from ui.common.events import Change


class SessionBackups(QObject):
    DELAY_MS = 60_000      # the first few edits go into one copy, not the very first alone
    finished = Signal(object, object)    # the backup made (or None), why none could be (or None)

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.ctx = ctx
        self.edited = False        # this session changed something (not another window)
        self.made: list = []       # the backups made, for the tests and the status bar
        self.worker: threading.Thread | None = None
        self.timer = QTimer(self, singleShot=True, interval=self.DELAY_MS)
        self.timer.timeout.connect(self._in_background)
        self.finished.connect(self._report)          # queued: the worker emits it
        ctx.events.changed.connect(self._on_changed)

    def _on_changed(self, change: Change) -> None:
        # A server database keeps its own copies (pg_dump); these are a file's.
        if change.switched or not change.kinds or self.ctx.read_only or self.ctx.db.is_server:
            return
        if not self.edited:
            self.edited = True
            self.timer.start()

    def _in_background(self) -> None:
        path = self.ctx.db.path
        self.worker = threading.Thread(target=lambda: self.finished.emit(*_back_up(
            path, "edits")), name="session-backup", daemon=True)
        self.worker.start()

    def at_close(self) -> None:
        """On closing the window: a copy of this session's edits, if it made any."""
        self.timer.stop()
        if self.worker is not None:
            self.worker.join()
        if self.edited and not self.ctx.read_only:
            made, failure = _back_up(self.ctx.db.path, "close")
            if made is not None:
                self.made.append(made)
            elif failure is not None:
                self._status(_failure_text(failure))

    def _report(self, made, failure: Exception | None) -> None:
        if made is not None:
            self.made.append(made)
            self._status(_("Backup made: {name}").format(name=made.name))
        elif failure is not None:
            self._status(_failure_text(failure))

    def _status(self, text: str) -> None:
        bar = getattr(self.ctx.parent, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 8000)


def _back_up(path, reason: str):
    """(the backup made or None, None or why none could be made). Not worded here: on the
    worker thread, `_()` speaks whatever language the GUI thread has in force at that moment
    (a document's, while one in another language is written)."""
    try:
        return session_backup(path, now=datetime.now(), reason=reason), None
    except (StorageError, OSError) as exc:    # sqlite's errors come as BackupFailed
        # A missed copy must never stop the work; say so where the user looks.
        return None, exc


def _failure_text(exc: Exception) -> str:
    detail = exc.user_message() if isinstance(exc, StorageError) else str(exc)
    return _("No backup could be made: {reason}").format(reason=detail)
