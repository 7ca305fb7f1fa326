"""Starting the window: the QApplication, settings, language, database and the smoke test."""

from __future__ import annotations

import gc
import logging
import os
import platform
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

import i18n
from i18n import _
from i18n.qt import QtLanguage, saved_language, system_language

if TYPE_CHECKING:
    from ui.window.collector import IdleCollector

SMOKE_TIMEOUT_MS = 60_000
FREEZE_AFTER_MS = 1_000
log = logging.getLogger("kakehashi.app")


def serial_raster_fills() -> None:
    """Qt's own fills and image scaling on the GUI thread, without its GUI thread pool.

    Qt's raster engine hands any fill of 96 or more spans (a scroll bar's groove, a tab frame)
    to a pool of helper threads and waits for them on a latch. For a window's widgets the
    hand-off costs more than the fill: at 2,000 attendees the Itinerary's first show spent
    about a sixth of its work waiting there, and with the variable set it took 72-77 ms
    instead of 87-96 (interleaved runs). Qt reads the variable once, when the pool is first
    wanted: before the QApplication. A value the user set is kept (any value turns the pool
    off; unset it to have the pool back)."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


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


def freeze_startup_objects() -> None:
    """Leave what start-up made (modules, Qt wrappers, the window) out of Python's cycle
    collections from now on: they live as long as the process, and a full collection that
    walked them all cost a mission switch at 2,000 attendees up to 150 ms."""
    gc.collect()
    gc.freeze()


def collect_when_idle(parent: QObject) -> IdleCollector:
    """Start-up's objects frozen, collections on again, and every later one run between
    interactions (ui/window/collector.py)."""
    from ui.window.collector import IdleCollector

    freeze_startup_objects()
    gc.enable()        # main.run paused collections for the start-up
    return IdleCollector(parent)


def run_gui(*, db_path: Path | None, language: str | None, smoke_test: bool,
            started: float) -> int:
    from ui.window.crash import install_excepthook

    serial_raster_fills()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kakehashi")
    app.setOrganizationName("Kakehashi")
    shown: dict = {}  # the window, once there is one, to parent the crash report
    # No dialog in the smoke test: it must end on its own, never wait for a click.
    install_excepthook(lambda: shown.get("window"), dialog=not smoke_test)
    settings = make_settings()
    qt_language = QtLanguage(app, settings)
    i18n.set_language(language or saved_language(settings) or system_language())
    log.info("Starting (Python %s, Qt %s, %s, language %s%s)", platform.python_version(),
             qVersion(), platform.platform(terse=True), i18n.current_language(),
             ", smoke test" if smoke_test else "")

    from models.first_open import open_with_demo as open_db
    from models.store.errors import StorageError
    from models.store.paths import default_db_path
    from models.store.server import is_server_url
    from ui.window.single_instance import ACTIVATED, NO_ANSWER, SingleInstance, bring_to_front

    path = db_path or default_db_path()
    guard = SingleInstance(path)
    claim = guard.claim()
    if claim == ACTIVATED:
        log.info("Already open on %s; that window was asked to come forward", path)
        print(_("Kakehashi is already open on this database; switched to that window."))
        return 0
    if claim == NO_ANSWER:
        log.warning("Already open on %s, but that instance did not answer", path)
        message = _("Kakehashi is already open on this database but does not respond. "
                    "Close it, then try again.")
        print(message, file=sys.stderr)
        if not smoke_test:
            QMessageBox.warning(None, _("Kakehashi"), message)
        return 1
    db, error = None, None
    try:
        db = open_db(path)
    except StorageError as exc:
        log.warning("Could not open %s: %s", path, type(exc).__name__)
        error = exc
    if db is not None and db.damage:
        log.warning("%s failed the integrity check (%d problems)", path, len(db.damage))
    if error is not None and smoke_test:
        print(error.user_message(), file=sys.stderr)
        db = None
    elif error is not None and is_server_url(path):   # no backups of a server to offer
        QMessageBox.warning(None, _("Kakehashi"), error.user_message())
        db = None
    elif error is not None or (db is not None and db.damage and not smoke_test):
        from ui.files.recovery_dialog import offer_backup

        db = offer_backup(path, error=error, db=db, opener=open_db)
    if db is None:
        guard.close()
        return 1
    log.info("Opened %s%s", db.location, "" if not db.created else
             " (new database, demo mission added)" if db.is_server else
             " (new file, demo mission added)")
    if db.notice and not smoke_test:  # a read-only file shown from a copy with its -wal
        QMessageBox.information(None, _("Kakehashi"), db.notice)

    from ui.window.main_window import MainWindow

    window = MainWindow(db, settings)
    shown["window"] = window
    guard.activate_requested.connect(lambda: bring_to_front(window))
    result = {"code": 0}
    if smoke_test:
        def finish() -> None:
            # The first tab shown has read the mission's data (the others fill when shown).
            page = window.tabs.currentWidget()
            ok = window.current_mission() is not None and page.refresher.reloads > 0
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
    # Once the first paint is done, not before it: a full collection costs start-up ~60 ms.
    QTimer.singleShot(FREEZE_AFTER_MS, lambda: collect_when_idle(app))
    code = app.exec()
    guard.close()
    qt_language.close()
    db.dispose()
    log.info("Closed %s (exit code %s)", db.location, result["code"] or code)
    return result["code"] or code
