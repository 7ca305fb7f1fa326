"""A backup a minute after a session's first edit and another on close (models.store.backup:
at most one an hour), so a day's work, even a new file's first, always has a copy."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from i18n import _
from models.store.backup import session_backup
from models.store.errors import StorageError
from ui.common.context import Context
from ui.common.events import Change


class SessionBackups(QObject):
    DELAY_MS = 60_000      # the first few edits go into one copy, not the very first alone

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.ctx = ctx
        self.edited = False        # this session changed something (not another window)
        self.made: list = []       # the backups made, for the tests and the status bar
        self.timer = QTimer(self, singleShot=True, interval=self.DELAY_MS)
        self.timer.timeout.connect(lambda: self._back_up("edits"))
        ctx.events.changed.connect(self._on_changed)

    def _on_changed(self, change: Change) -> None:
        if change.switched or not change.kinds or self.ctx.read_only:
            return
        if not self.edited:
            self.edited = True
            self.timer.start()

    def at_close(self) -> None:
        """On closing the window: a copy of this session's edits, if it made any."""
        self.timer.stop()
        if self.edited and not self.ctx.read_only:
            self._back_up("close")

    def _back_up(self, reason: str) -> None:
        try:
            made = session_backup(self.ctx.db.path, now=datetime.now(), reason=reason)
        except (StorageError, OSError) as exc:   # sqlite's errors come as BackupFailed
            # A missed copy must never stop the work; say so where the user looks.
            detail = exc.user_message() if isinstance(exc, StorageError) else str(exc)
            self._status(_("No backup could be made: {reason}").format(reason=detail))
            return
        if made is not None:
            self.made.append(made)
            if reason == "edits":
                self._status(_("Backup made: {name}").format(name=made.name))

    def _status(self, text: str) -> None:
        bar = getattr(self.ctx.parent, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 8000)
