"""One thread beside the window for the work that waits on the server (share, join, sync), so
the window never freezes on a slow or lost network, and jobs run one after another, never two
at once. A job's answer comes back on the window's thread."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

log = logging.getLogger("kakehashi.sharing")
CLOSE_WAIT_MS = 15_000   # longer than a connection attempt's timeout (10 s)


@dataclass(eq=False)
class Job:
    work: Callable[[], Any]                  # runs on the worker thread
    done: Callable[[Any], None]              # then one of these on the window's thread
    failed: Callable[[BaseException], None]
    ended: float = 0.0                       # time.perf_counter() when the work was done


class _Runner(QObject):
    finished = Signal(object, object, object)     # job, result, error

    @Slot(object)
    def run(self, job: Job) -> None:
        try:
            result, error = job.work(), None
        except Exception as exc:  # noqa: BLE001 - handed to the window's thread to word
            result, error = None, exc
            # The type only: an exception's text may quote a row's values (a passport number).
            log.warning("Server job failed: %s", type(exc).__name__)
        job.ended = time.perf_counter()
        self.finished.emit(job, result, error)


class ServerWorker(QObject):
    _submit = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.thread.setObjectName("kakehashi-server")
        self._runner = _Runner()
        self._runner.moveToThread(self.thread)
        self._submit.connect(self._runner.run)              # queued: runs on the thread
        self._runner.finished.connect(self._finished)       # queued: back on ours
        self.thread.finished.connect(self._runner.deleteLater)
        self.pending = 0
        self.last: Job | None = None         # the job answered last (the tests time it)
        app = QCoreApplication.instance()
        if app is not None:        # a window never closed must not leave its thread running
            app.aboutToQuit.connect(self.close)
        self.thread.start()

    def submit(self, work: Callable[[], Any], done: Callable[[Any], None],
               failed: Callable[[BaseException], None]) -> None:
        """Run `work()` after the jobs already waiting; then `done(result)` or
        `failed(error)` here."""
        self.pending += 1
        self._submit.emit(Job(work, done, failed))

    def busy(self) -> bool:
        return self.pending > 0

    def _finished(self, job: Job, result, error) -> None:
        self.pending -= 1
        self.last = job
        if error is None:
            job.done(result)
        else:
            job.failed(error)

    def close(self) -> bool:
        """Let the job under way finish (a sync half done is safe to stop only between
        transactions, which the engine's own steps are), then end the thread."""
        if not shiboken6.isValid(self.thread):
            return True
        self.thread.quit()
        return self.thread.wait(CLOSE_WAIT_MS)
