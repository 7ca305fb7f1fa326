"""Answering a modal dialog from a test: exec() blocks the test, so the answer runs from a timer
that waits for the dialog up to a deadline; a failing check in it closes the dialog and fails the
test with its own message (tests/conftest.py raises it), instead of leaving exec() hanging."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

DEADLINE_S = 15.0
POLL_MS = 20

_failures: list[BaseException] = []
_generation = 0  # bumped between tests, so a wait left over from one never answers the next


def when_modal(act: Callable[[QWidget], object], kind: type | None = None, *,
               deadline: float = DEADLINE_S, must_close: bool = False) -> None:
    """Run `act(dialog)` on the next visible modal widget (of `kind`, when given: a progress
    dialog may come first). `must_close`: `act` meant to close it, so one left open fails."""
    generation, started = _generation, time.monotonic()
    wanted = kind.__name__ if kind is not None else "dialog"

    def poll() -> None:
        if generation != _generation:
            return
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or (kind and not isinstance(widget, kind)):
            if time.monotonic() - started > deadline:
                _failures.append(AssertionError(
                    f"no modal {wanted} was shown within {deadline:g} s"))
                return
            QTimer.singleShot(POLL_MS, poll)
            return
        try:
            act(widget)
        except BaseException as exc:  # noqa: BLE001 - raised again in the test by conftest
            _failures.append(exc)
            close(widget)
            return
        if must_close and widget.isVisible():
            _failures.append(AssertionError(
                f"{type(widget).__name__} {widget.objectName()!r} was left open"))
            close(widget)

    QTimer.singleShot(0, poll)


def close(widget: QWidget) -> None:
    """Answer "no" to a dialog, so the exec() the test waits on returns."""
    if isinstance(widget, QDialog):
        widget.reject()
    if widget.isVisible():
        widget.close()


def start_test() -> None:
    global _generation
    _generation += 1
    _failures.clear()


def first_failure() -> BaseException | None:
    """The first check that failed inside a dialog answer during this test; waits end here."""
    global _generation
    _generation += 1
    failure = _failures[0] if _failures else None
    _failures.clear()
    return failure
