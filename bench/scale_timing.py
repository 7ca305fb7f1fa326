"""Timing for bench/scale.py: an interaction until painted and idle, and the baseline it is
compared with (a bare QTableView reset and painted with the same rows)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QAbstractTableModel, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

WINDOW_SIZE = (1280, 760)   # the window's first size, so the baseline paints as much
QUIET_S = 0.1      # longer than any coalescing delay: a gap this long ends the interaction
BOUND_S = 1.0      # after the call returns, wait at most this long for deferred work
# A pass of the event loop that costs the main thread more CPU than this did some work; CPU
# time, not wall time, so a busy machine preempting an idle pass is not taken for work. An
# event filter would see every event but costs each one a Python call (94,000 in a switch).
BUSY_CPU_S = 0.0003
DEBUG = bool(os.environ.get("KAKEHASHI_TIMER_DEBUG"))


def _pending(app: QApplication) -> bool:
    if QThreadPool.globalInstance().activeThreadCount():
        return True
    timers = app.findChildren(QTimer)
    for widget in app.topLevelWidgets():
        timers += widget.findChildren(QTimer)
    # A timer due after the bound (the session backup an edit arms a minute later, the sync
    # line's half-minute redraw a language switch restarts) is not work of this interaction.
    return any(t.isActive() and t.remainingTime() <= BOUND_S * 1000 for t in timers)


def _active(app: QApplication) -> list[str]:
    """What keeps the loop from reading as idle: active timers (by parent) and pool threads."""
    timers = app.findChildren(QTimer)
    for widget in app.topLevelWidgets():
        timers += widget.findChildren(QTimer)
    found = [f"{type(t.parent()).__name__}.{t.objectName() or '?'} {t.interval()} ms"
             for t in dict.fromkeys(timers) if t.isActive()]
    threads = QThreadPool.globalInstance().activeThreadCount()
    return found + ([f"{threads} pool threads"] if threads else [])


class Timer:
    """Times the call, then the event loop (paints included) until nothing is left. Nothing
    is painted on its behalf: a paint the app does not do (it once forced a full-window
    repaint whenever the window itself got no paint event, as after a one-row edit or a run
    of the checks with the panel hidden) is not the user's wait."""

    def __init__(self, app: QApplication, background=lambda window: [],
                 deferred=lambda window: [], idle=lambda window: None):
        # background(window): repeating timers that tick whatever the user does; paused.
        # deferred(window): (timer, run) of work the app puts off the paint path on purpose
        # (the readiness checks, once per burst): run after the timing, and timed on its own.
        # idle(window): what the app does in the pause after an interaction (its cycle
        # collections): run after each timing, as a paused timer would have, its ms kept in
        # `idle_ms` for the report.
        self.app, self.background, self.deferred, self.unsettled = app, background, deferred, 0
        self.idle, self.idle_ms = idle, []

    def __call__(self, window, action) -> float:
        """ms from the call to the end of the last work it caused, paints included."""
        paused = [t for t in self.background(window) if t.isActive()]
        for t in paused:
            t.stop()
        deferred, put_off = self.deferred(window), []
        try:
            started = time.perf_counter()
            action()
            self.app.processEvents()
            returned = last = time.perf_counter()
            while True:
                for t, run in deferred:
                    if t.isActive():
                        t.stop()
                        put_off.append(run)
                cpu = time.thread_time()
                self.app.processEvents()
                now = time.perf_counter()
                if time.thread_time() - cpu > BUSY_CPU_S:
                    last = now
                    if DEBUG:
                        print(f"busy pass at {(now - started) * 1000:.1f} ms, "
                              f"{(time.thread_time() - cpu) * 1000:.1f} ms CPU")
                elif now - last >= QUIET_S and not _pending(self.app):
                    break
                if now - returned > BOUND_S:
                    self.unsettled += 1
                    if DEBUG:
                        print("unsettled:", _active(self.app))
                    break
                time.sleep(0.0005)
        finally:
            for t in paused:
                t.start()
        for run in dict.fromkeys(put_off):
            run()
        # What the deferred work drew (the Overview tab's count of findings, whose new width
        # lays the tab bar out and repaints the tabs) is drawn now, untimed: it belongs to the
        # checks, timed on their own, and was counted in the next interaction timed.
        self.app.processEvents()
        elapsed = (last - started) * 1000
        idle = self.idle(window)
        if idle is not None:
            began = time.perf_counter()
            if idle() is not None:               # a collection was due
                self.idle_ms.append((time.perf_counter() - began) * 1000)
        return elapsed


class BareModel(QAbstractTableModel):
    """The least a table model can do: strings from a list of rows."""

    def __init__(self, columns: int):
        super().__init__()
        self.rows, self.columns = [], columns

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else self.columns

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return f"Column {section + 1}"
        return None


def baseline(timer: Timer, rows: int, columns: int, runs: int) -> list[float]:
    """A bare QTableView in a window of the same size: reset with `rows` rows, painted."""
    window, model = QMainWindow(), BareModel(columns)
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(*WINDOW_SIZE)
    window.show()
    timer.app.processEvents()
    out = []
    for n in range(runs + 1):
        data = [[f"Family{r} Given{n} {c}" for c in range(columns)] for r in range(rows)]
        ms = timer(window, lambda d=data: model.set_rows(d))
        if n:
            out.append(ms)
    window.close()
    return out
