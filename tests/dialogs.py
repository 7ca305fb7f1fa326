"""Answering a modal dialog from a test: exec() blocks the test, so the answer runs from a timer
that waits for the dialog up to a deadline; a failing check in it closes the dialog and fails the
test with its own message (tests/conftest.py raises it), instead of leaving exec() hanging. A
modal dialog no answer waits for is closed after a while too, and fails the test with its text."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

DEADLINE_S = 15.0
UNANSWERED_S = 10.0  # longer than any progress dialog the tests show
POLL_MS = 20

_failures: list[BaseException] = []
_generation = 0  # bumped between tests, so a wait left over from one never answers the next
_waiting: list[type | None] = []  # the kinds the current test's answers wait for
_watchdog: QTimer | None = None
_seen: dict = {}  # the modal widget the watchdog last saw, and since when


def when_modal(act: Callable[[QWidget], object], kind: type | None = None, *,
               deadline: float = DEADLINE_S, must_close: bool = False) -> None:
    """Run `act(dialog)` on the next visible modal widget (of `kind`, when given: a progress
    dialog may come first). `must_close`: `act` meant to close it, so one left open fails."""
    generation, started = _generation, time.monotonic()
    wanted = kind.__name__ if kind is not None else "dialog"
    _waiting.append(kind)

    def poll() -> None:
        if generation != _generation:
            return
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or (kind and not isinstance(widget, kind)):
            if time.monotonic() - started > deadline:
                _waiting.remove(kind)
                _failures.append(AssertionError(
                    f"no modal {wanted} was shown within {deadline:g} s"))
                return
            QTimer.singleShot(POLL_MS, poll)
            return
        _waiting.remove(kind)
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


def _watch() -> None:
    """Close a modal widget that has waited UNANSWERED_S with no answer coming for it."""
    widget = QApplication.activeModalWidget()
    if widget is None or not widget.isVisible():
        _seen.clear()
        return
    if _seen.get("widget") is not widget:
        _seen.update(widget=widget, since=time.monotonic())
        return
    expected = any(k is None or isinstance(widget, k) for k in _waiting)
    if not expected and time.monotonic() - _seen["since"] > UNANSWERED_S:
        text = getattr(widget, "text", widget.windowTitle)()
        _failures.append(AssertionError(
            f"a {type(widget).__name__} nobody answered was left open: {text!r}"))
        _seen.clear()
        close(widget)


def start_test() -> None:
    global _generation, _watchdog
    _generation += 1
    _failures.clear()
    _waiting.clear()
    _seen.clear()
    if _watchdog is None and QApplication.instance() is not None:
        _watchdog = QTimer()
        _watchdog.setInterval(500)
        _watchdog.timeout.connect(_watch)
    if _watchdog is not None:
        _watchdog.start()


def first_failure() -> BaseException | None:
    """The first check that failed inside a dialog answer during this test; waits end here."""
    global _generation
    _generation += 1
    if _watchdog is not None:
        _watchdog.stop()
    failure = _failures[0] if _failures else None
    _failures.clear()
    return failure
