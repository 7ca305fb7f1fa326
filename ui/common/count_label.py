"""A count beside a table ("12 of 300 items", "1 of 200 attendees") in a box of a fixed size:
a label that grows or shrinks with its text asks the window to lay out again, and the whole
window repainted on every day switch, filter keystroke or mission switch."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class CountLabel(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._sized: tuple | None = None

    def set_count_text(self, text: str, widest: Sequence[str]) -> None:
        """Show `text` in a box as wide as the widest of `widest` (the longest texts a count
        of this size can take, so that another mission's count fits the same box), and a digit
        more; measured again only when those texts or the font change."""
        key = (tuple(widest), self.font().key())
        if key != self._sized:
            self._sized = key
            metrics = self.fontMetrics()
            width = metrics.horizontalAdvance("0") + max(map(metrics.horizontalAdvance, widest))
            self.setFixedSize(width, metrics.height() + 2 * self.margin())
        self.setText(text)
