"""The File menu's sharing: Share mission…, Join shared mission…, Sync now and Conflicts…; the
automatic sync and the status bar's sync line. Every wait on the server runs on the server
thread (ui/sharing/server_worker.py) while the window keeps painting."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QProgressDialog

from i18n import _, pick
from models.store.errors import StorageError
from models.store.paths import default_db_path
from ui.common import retranslate
from ui.common.context import Context
from ui.common.dialogs import discard
from ui.common.layout_memory import remember
from ui.sharing.status_widget import SyncStatusButton
from ui.sharing.sync_controller import SyncController

if TYPE_CHECKING:
    from ui.sharing.conflicts_window import ConflictsWindow

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def open_in_new_window(path: Path, password: str = "") -> None:
    """Kakehashi on `path`, in a window of its own (each file has its own window); the
    password travels in its environment, never on its command line or in a file."""
    env = dict(os.environ, **({"PGPASSWORD": password} if password else {}))
    subprocess.Popen([sys.executable, str(MAIN), "--db", str(path)], env=env,
                     start_new_session=True)


class SharingActions(QObject):
    def __init__(self, ctx: Context, *,
                 open_file: Callable[[Path, str], None] = open_in_new_window):
        super().__init__(ctx.parent)
        self.ctx, self.open_file = ctx, open_file
        parent = ctx.parent
        self.controller = SyncController(ctx)
        self.status_button = SyncStatusButton(ctx, self.controller, self.open_conflicts)
        self.conflicts: ConflictsWindow | None = None
        self.act_share = QAction(parent, triggered=self.share)
        self.act_join = QAction(parent, triggered=self.join)
        self.act_sync = QAction(parent, shortcut=QKeySequence("F5"),
                                triggered=self.controller.sync_now)
        self.act_conflicts = QAction(parent, shortcut=QKeySequence("Ctrl+Shift+K"),
                                     triggered=self.open_conflicts)
        self.act_password = QAction(parent, triggered=self.ask_password)
        # One read of the shown mission's status for the line and the actions (a switch
        # announces a new status; reading it for each of them read it three times).
        self.controller.status_changed.connect(self._status_changed)
        self.controller.synced.connect(lambda _results: self._reload_conflicts())
        self.controller.password_needed.connect(self.ask_password)
        ctx.events.changed.connect(lambda change: change.switched and self._reload_conflicts())
        retranslate.register(self)
        self.retranslate_ui()

    def menu_actions(self) -> list[QAction]:
        return [self.act_share, self.act_join, self.act_sync, self.act_conflicts,
                self.act_password]

    def retranslate_ui(self) -> None:
        self.act_share.setText(_("Sh&are mission…"))
        self.act_join.setText(_("&Join shared mission…"))
        self.act_sync.setText(_("S&ync now"))
        self.act_conflicts.setText(_("Conflic&ts…"))
        self.act_password.setText(_("Server pass&word…"))

    def start(self) -> None:
        self.controller.start()

    def close(self) -> None:
        self.controller.close()

    def _status_changed(self) -> None:
        self.status_button.refresh()
        self._update_actions()

    def _update_actions(self) -> None:
        status = self.status_button.status          # the shown mission's, as last read
        writable = not self.ctx.read_only
        self.act_share.setEnabled(writable and self.ctx.current_mission() is not None
                                  and status is None)
        self.act_sync.setEnabled(writable and status is not None)
        self.act_conflicts.setEnabled(status is not None)
        self.act_password.setEnabled(status is not None)

    # waiting on the server -------------------------------------------------------------------
    def _wait(self, text: str, work, *, url: str = "", password: str = "") -> tuple[bool, object]:
        """Run `work` on the server thread while a busy dialog shows `text`; the window keeps
        painting. (False, None) after showing why it failed."""
        progress = QProgressDialog(text, "", 0, 0, self.ctx.parent)
        progress.setObjectName("serverProgress")
        progress.setCancelButton(None)      # a half-made share or join is the engine's to undo
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        loop, answer = QEventLoop(), {}

        def done(result) -> None:
            answer["result"] = result
            loop.quit()

        def failed(error: BaseException) -> None:
            answer["error"] = error
            loop.quit()

        self.controller.run_on_server(work, done, failed, url=url, password=password)
        progress.show()
        loop.exec()
        progress.close()
        progress.deleteLater()
        error = answer.get("error")
        if error is None:
            return True, answer.get("result")
        if not isinstance(error, StorageError):
            raise error
        QMessageBox.warning(self.ctx.parent, _("Not done"), error.user_message())
        return False, None

    # the menu's work -------------------------------------------------------------------------
    def share(self) -> bool:
        from models.sync import share_mission
        from ui.sharing.share_dialog import ShareDialog  # a dialog: not needed to start

        mission = self.ctx.writable_mission()
        if mission is None:
            return False
        title = pick(mission.title_en, mission.title_ja)[0]
        dialog = ShareDialog(mission.code, title, self.ctx.settings, self.ctx.parent)
        engine = self.ctx.engine
        try:
            while dialog.exec():
                url, organizer = dialog.server_url(), dialog.organizer()
                ok, _result = self._wait(
                    _("Sharing {code} on {server}…").format(code=mission.code, server=url),
                    partial(share_mission, engine, mission.code, url, organizer=organizer),
                    url=url, password=dialog.password())
                if ok:
                    self.controller.status_changed.emit()
                    QMessageBox.information(self.ctx.parent, _("Share mission"), _(
                        "{code} is shared. Your colleagues choose File > Join shared mission… "
                        "with the server {server} and the code {code}.").format(
                        code=mission.code, server=dialog.server_url()))
                    return True
            return False
        finally:
            discard(dialog)

    def join(self) -> bool:
        from models.sync import join_mission
        from ui.sharing.share_dialog import JoinDialog

        dialog = JoinDialog(self.ctx.settings, default_db_path().parent, self.ctx.parent)
        try:
            while dialog.exec():
                url, code, organizer = dialog.server_url(), dialog.code(), dialog.organizer()
                location = dialog.location()
                ok, _result = self._wait(
                    _("Joining {code} from {server}…").format(code=code, server=url),
                    partial(join_mission, url, code, location, organizer=organizer),
                    url=url, password=dialog.password())
                if ok:
                    answer = QMessageBox.question(
                        self.ctx.parent, _("Join shared mission"),
                        _("{code} is now in {path}. Open it in a new window?").format(
                            code=code, path=location),
                        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                        QMessageBox.StandardButton.Open)
                    if answer == QMessageBox.StandardButton.Open:
                        self.open_file(location, dialog.password())
                    return True
            return False
        finally:
            discard(dialog)

    def ask_password(self, server: str = "") -> None:
        """The password for `server` (the shown mission's by default: File > Server
        password…, or a sign-in the server refused), kept until the app closes."""
        if not server:
            status = self._shown_status()
            if status is None:
                return
            server = status.server_url
        password, ok = QInputDialog.getText(
            self.ctx.parent, _("Server password"),
            _("Your password on {server} (kept only while the app runs):").format(
                server=server), QLineEdit.EchoMode.Password)
        if ok and password:
            self.controller.give_password(server, password)

    # conflicts ---------------------------------------------------------------------------------
    def open_conflicts(self) -> None:
        if self.ctx.current_mission() is None:
            return
        if self.conflicts is None:
            from ui.sharing.conflicts_window import ConflictsWindow

            self.conflicts = remember(self.ctx.settings,
                                      ConflictsWindow(self._read_conflicts, self.ctx.parent))
            self.conflicts.chosen.connect(self.resolve)
        self.conflicts.load()
        self.conflicts.show()
        self.conflicts.raise_()
        self.conflicts.activateWindow()

    def _reload_conflicts(self) -> None:
        if self.conflicts is not None and self.conflicts.isVisible():
            self.conflicts.load()

    def _read_conflicts(self) -> tuple[str, list]:
        from models.sync import NotShared, list_conflicts

        mission = self.ctx.current_mission()
        if mission is None:
            return "", []
        try:
            return mission.code, list_conflicts(self.ctx.engine, mission.code)
        except NotShared:
            return mission.code, []

    def resolve(self, number: int, take: str, typed: bool = False) -> None:
        """Settle it on the server thread (the engine settles it on the server, then syncs)."""
        mission, window = self.ctx.current_mission(), self.conflicts
        if mission is None or window is None:
            return

        def failed(error: BaseException) -> None:
            if not isinstance(error, StorageError):
                raise error
            window.refused(error.user_message())

        self.controller.resolve(mission, number, take, window.settled, failed, typed=typed)
