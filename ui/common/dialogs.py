"""Small helpers every dialog uses: asking before a deletion, and keeping what was typed when
saving it fails (the form dialogs' layout and size are ui/common/form_dialog.py's)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def exec_until_saved(dialog: QDialog, save: Callable[[], bool]) -> bool:
    """Show the dialog until `save()` succeeds or the user cancels; True once saved.

    A save that fails (a full disk, a busy file) has shown why by the time it returns False;
    the dialog then opens again just as it was left, so nothing typed is lost. Once it ends,
    the dialog is deleted (see discard).
    """
    try:
        while dialog.exec():
            if save():
                return True
        return False
    finally:
        discard(dialog)


def discard(dialog: QWidget) -> None:
    """Delete a dialog the window no longer needs, once the event loop has it back (what the
    caller reads of it before that is still there). A dialog made with the window as its
    parent lives as long as the window otherwise: after 25 attendee and 25 item dialogs, each
    language switch retranslated all 50 and took 0.3 s instead of 50 ms."""
    dialog.deleteLater()


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / Cancel, with Cancel the default: a stray Enter must not delete anything."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
