"""A list whose entries wrap to as many lines as they need at the list's width, each row as
tall as its text, redrawn when the list narrows or its scroll bar comes and goes.

Qt's own wrapping in a list measures a row at one width and draws it at another (the width
before a scroll bar appeared, or with other margins), so a long entry lost its last line. And a
list that flows top to bottom lays its rows out again only when its height changes: narrowed,
a row that wrapped to one more line was drawn over the next."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

PAD = 4                         # pixels around the text inside its row
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class WrappedDelegate(QStyledItemDelegate):
    """Measures and draws an entry's text in the same rectangle: the list's width."""

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view

    def text_width(self) -> int:
        return max(20, self.view.viewport().width() - 2 * self.view.spacing() - 2 * PAD)

    def text_rect(self, option: QStyleOptionViewItem) -> QRect:
        """Where the text is drawn in a row at `option.rect` (never past the list's edge)."""
        rect = option.rect
        return QRect(rect.x() + PAD, rect.y() + PAD, self.text_width(), rect.height() - 2 * PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        height = option.fontMetrics.boundingRect(QRect(0, 0, self.text_width(), 1 << 20),
                                                 _WRAP, text).height()
        return QSize(self.text_width() + 2 * PAD, height + 2 * PAD)

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(opt.palette.ColorRole.HighlightedText if selected
                                         else opt.palette.ColorRole.Text))
        painter.drawText(self.text_rect(opt), _WRAP, text)
        painter.restore()


class WrappedList(QListWidget):
    """Lays its rows out again whenever its width changes, not only its height."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The viewport's sizes (a scroll bar coming or going changes them too).
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


def wrapped_list(object_name: str, spacing: int = 3) -> QListWidget:
    """A QListWidget whose entries (lines joined by "\\n") are always shown whole."""
    listing = WrappedList(objectName=object_name, spacing=spacing)
    listing.setResizeMode(QListView.ResizeMode.Adjust)          # measure again on resize
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    listing.setItemDelegate(WrappedDelegate(listing))
    return listing
