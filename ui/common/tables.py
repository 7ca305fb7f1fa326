"""The one way the window's tabs build a table view, so they all look and sort alike."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ui.common.table_model import RIGHT, RowTableModel, fallback_brush


class RowTable(QTableView):
    """A table view that reports Enter and Delete on the current row."""

    edit_pressed = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event) -> None:
        # Keys rather than window shortcuts: they mean "this row" only while the table has
        # focus (Delete in the filter box deletes text).
        if self.currentIndex().isValid():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_pressed.emit()
                return
            if event.key() == Qt.Key.Key_Delete or event.matches(QKeySequence.StandardKey.Delete):
                self.delete_pressed.emit()
                return
        super().keyPressEvent(event)


_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class RowDelegate(QStyledItemDelegate):
    """Draws a RowTableModel's cells as Qt's own delegate does from the model's roles, but
    from one call for the cell's text, fallback and note rather than seven calls into Python
    per cell (font, alignment, colour, check box, icon, text, background): about a tenth of a
    table's repaint. The look comes from the model's own pieces (italic_font, fallback_brush,
    RIGHT), as data() answers with them; no check box, icon or background."""

    def __init__(self, model: RowTableModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        row, column = index.row(), index.column()
        text, fell_back, note = self.model.cell(row, column)
        option.index = index
        if note:
            option.font = self.model.italic_font().resolve(option.font)
            option.fontMetrics = QFontMetrics(option.font)
        if self.model.columns[column].align_right:
            option.displayAlignment = RIGHT
        if fell_back:
            palette = option.palette
            palette.setBrush(QPalette.ColorRole.Text, fallback_brush())
            option.palette = palette
        option.features |= _HAS_DISPLAY
        option.text = text
        option.styleObject = None


def make_table(model: RowTableModel, name: str, view: QTableView | None = None) -> QTableView:
    """Configure `view` (a plain QTableView unless a subclass is given) for `model`."""
    view = view if view is not None else QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setItemDelegate(RowDelegate(model, view))
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    # Rows are one line high: a long cell ends in "…" rather than wrapping onto a second
    # line that the row cuts in half (italic cells did).
    view.setWordWrap(False)
    # Cells are drawn without the kerning and ligatures of text shaping where the script does
    # not need them (Latin, kana and kanji; a script that does is still shaped): laying out
    # every visible cell's text again was a fifth of each repaint. Only this attribute is set,
    # so the family and size still follow the application's (Japanese, in Japanese).
    font = QFont()
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    view.setFont(font)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # A title wider than its column ends in "…" (Qt's header would cut it at both ends).
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    fit_titles(view)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view


def fit_titles(view: QTableView, widest: int = 180) -> None:
    """Widen the columns whose title does not fit, up to `widest` pixels: a saved layout or the
    user's dragging decides after that."""
    header, model = view.horizontalHeader(), view.model()
    metrics = header.fontMetrics()
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        wanted = min(widest, metrics.horizontalAdvance(title) + 32)  # margins and sort arrow
        if wanted > header.sectionSize(column):
            header.resizeSection(column, wanted)


def fit_column_to(view: QTableView, column: int, samples: list[str]) -> None:
    """Widen `column` so the widest of `samples` shows in full (the longest text its cells can
    hold, such as a time with its zone and day mark); never narrows what the user widened."""
    metrics = view.fontMetrics()
    wanted = max(metrics.horizontalAdvance(t) for t in samples) + 16
    header = view.horizontalHeader()
    if wanted > header.sectionSize(column):
        header.resizeSection(column, wanted)
