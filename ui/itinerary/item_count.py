"""The Itinerary's count of items shown ("12 of 300 items"), in a box of a fixed size: a label
that grows or shrinks with its text asks the window to lay out again, and the whole window
repainted on every day switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from i18n import ngettext


def count_text(shown: int, total: int) -> str:
    if shown == total:
        return ngettext("{n} item", "{n} items", total).format(n=total)
    return ngettext("{shown} of {total} item", "{shown} of {total} items",
                    total).format(shown=shown, total=total)


class ItemCount(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemCount")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._sized: tuple | None = None

    def show_count(self, shown: int, total: int) -> None:
        self._fit(total)
        self.setText(count_text(shown, total))

    def _fit(self, total: int) -> None:
        """As wide as the widest text of five digits (more when the total has more), so that
        another mission's count fits the same box; measured again only when that widest text
        or the font change."""
        most = int("8" * max(5, len(str(total))))                 # 8: the widest digit, mostly
        widest = (count_text(most - 1, most), count_text(most, most))
        key = (widest, self.font().key())
        if key == self._sized:
            return
        self._sized = key
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance(text) for text in widest)
        self.setFixedSize(width + 4, max(self.sizeHint().height(), metrics.height()))
