"""Small helpers every dialog uses: asking before a deletion, and growing to show messages."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / Cancel, with Cancel the default: a stray Enter must not delete anything."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def grow_to_fit(widget: QWidget) -> None:
    """Grow to show every message in full (wrapped labels do not ask for it themselves)."""
    layout = widget.layout()
    if layout is None:
        return
    layout.activate()
    wanted = layout.totalHeightForWidth(widget.width()) if layout.hasHeightForWidth() \
        else layout.totalSizeHint().height()
    if wanted > widget.height():
        widget.resize(widget.width(), wanted)
