"""Polls models.store.watch every two seconds and says when another program changed the open
database: the pragma it reads costs nothing, and two seconds is soon enough for someone
switching back from a terminal. A file's only: a server database is not watched (its own
change notices are the sync issue's), so the window shows what it last read."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from models.store.watch import CommitWatch
from ui.common.context import Context

POLL_MS = 2000


class ExternalChanges(QObject):
    detected = Signal()

    def __init__(self, ctx: Context, interval_ms: int = POLL_MS):
        super().__init__(ctx)
        self.ctx = ctx
        self.watch = CommitWatch()
        self.enabled = not ctx.db.is_server
        ctx.wrote_beside_engine.connect(self.mark_own)
        self.timer = QTimer(self, interval=interval_ms, timeout=self.poll)
        if self.enabled:
            self.watch.follow(ctx.engine, ctx.db.path)
            self.timer.start()

    def start(self) -> None:
        if self.enabled and not self.timer.isActive():
            self.timer.start()

    def mark_own(self) -> None:
        self.watch.mark_own()

    def poll(self) -> None:
        self.watch.follow(self.ctx.engine, self.ctx.db.path)
        if self.watch.changed():
            self.detected.emit()

    def close(self) -> None:
        self.timer.stop()
        self.watch.close()
