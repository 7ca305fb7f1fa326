"""The status bar's sync line for the mission shown: "Synced 2 min. ago", "Offline since 9:12
AM, 14 changes waiting", "3 conflicts". A click opens the conflicts when there are any, else
syncs now; hidden for a mission that is not shared."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QToolButton

from ui.common import retranslate
from ui.common.context import Context
from ui.common.styles import ERROR_STYLE, WARNING_STYLE
from ui.sharing.status_text import status_line, status_tip
from ui.sharing.sync_controller import SyncController

REDRAW_MS = 30_000     # "2 min. ago" moves on by itself


class SyncStatusButton(QToolButton):
    def __init__(self, ctx: Context, controller: SyncController,
                 open_conflicts: Callable[[], None]):
        super().__init__(objectName="syncStatus")
        self.ctx, self.controller, self.open_conflicts = ctx, controller, open_conflicts
        self.setAutoRaise(True)
        self.status = None          # read again on the controller's status_changed (actions.py)
        self.clicked.connect(self._clicked)
        self.redraw = QTimer(self, interval=REDRAW_MS, timeout=self._redraw)
        self.redraw.start()
        retranslate.register(self)
        self.refresh()

    def code(self) -> str | None:
        mission = self.ctx.current_mission()
        return mission.code if mission is not None else None

    def refresh(self) -> None:
        """Read the shown mission's status again (a local read: counts in the file)."""
        code = self.code()
        self.status = self.controller.status(code) if code is not None else None
        self._redraw()

    def retranslate_ui(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        status = self.status
        self.setVisible(status is not None)
        if status is None:
            return
        now = self.controller.now()
        error = self.controller.errors.get(self.code() or "", "")
        self.setText(status_line(status, now=now, syncing=self.controller.running,
                                 error=error))
        self.setToolTip(status_tip(status, now=now, error=error))
        self.setStyleSheet(ERROR_STYLE if status.open_conflicts or error
                           else WARNING_STYLE if status.offline_since is not None else "")

    def _clicked(self) -> None:
        if self.status is not None and self.status.open_conflicts:
            self.open_conflicts()
        else:
            self.controller.sync_now()
