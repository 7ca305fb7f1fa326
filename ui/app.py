"""Starting the window: the QApplication, settings, language, database and the smoke test."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import i18n
from i18n import _
from i18n.qt import QtLanguage, saved_language, system_language

SMOKE_TIMEOUT_MS = 60_000


def make_settings() -> QSettings:
    # INI in the user's config folder on every OS: readable, and tests can point it elsewhere.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Kakehashi",
                     "Kakehashi")


class _FirstPaint(QObject):
    """Calls `done` once after the watched widget has painted."""

    def __init__(self, done):
        super().__init__()
        self.done, self.fired = done, False

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.fired:
            self.fired = True
            QTimer.singleShot(0, self.done)
        return False


def run_gui(*, db_path: Path | None, language: str | None, smoke_test: bool,
            started: float) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kakehashi")
    app.setOrganizationName("Kakehashi")
    settings = make_settings()
    qt_language = QtLanguage(app, settings)
    i18n.set_language(language or saved_language(settings) or system_language())

    from main import default_db_path, open_db
    from models.errors import StorageError

    try:
        db = open_db(db_path or default_db_path())
    except StorageError as exc:
        if smoke_test:
            print(exc.user_message(), file=sys.stderr)
        else:
            QMessageBox.critical(None, _("Kakehashi"), exc.user_message())
        return 1

    from ui.main_window import MainWindow

    window = MainWindow(db, settings)
    result = {"code": 0}
    if smoke_test:
        def finish() -> None:
            ok = window.current_mission() is not None and window.attendee_model.rowCount() > 0
            if not ok:
                print(_("The window opened without a mission to show."), file=sys.stderr)
                result["code"] = 1
            print(round((time.perf_counter() - started) * 1000))
            window.close()
            app.quit()

        def timeout() -> None:
            print(_("The window was not painted in time."), file=sys.stderr)
            result["code"] = 1
            app.quit()

        watcher = _FirstPaint(finish)
        window.installEventFilter(watcher)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, timeout)
    window.show()
    code = app.exec()
    qt_language.close()
    db.dispose()
    return result["code"] or code
