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
        """As wide as the widest text the total allows; measured again only when the total,
        the language or the font change."""
        widest = count_text(int("8" * len(str(total))), total)   # 8: the widest digit, mostly
        key = (total, widest, self.font().key())
        if key == self._sized:
            return
        self._sized = key
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance(widest),
                    metrics.horizontalAdvance(count_text(total, total)))
        self.setFixedSize(width + 4, max(self.sizeHint().height(), metrics.height()))
