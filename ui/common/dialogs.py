"""Small helpers every dialog uses: asking before a deletion, and keeping what was typed when
saving it fails (the form dialogs' layout and size are ui/common/form_dialog.py's)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def exec_until_saved(dialog: QDialog, save: Callable[[], bool]) -> bool:
    """Show the dialog until `save()` succeeds or the user cancels; True once saved.

    A save that fails (a full disk, a busy file) has shown why by the time it returns False;
    the dialog then opens again just as it was left, so nothing typed is lost.
    """
    while dialog.exec():
        if save():
            return True
    return False


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / Cancel, with Cancel the default: a stray Enter must not delete anything."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
