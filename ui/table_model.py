"""A read-only table model over plain rows, with column definitions and sorting done in Python.

Sorting calls one key function per row and resets the model: a QSortFilterProxyModel would call
back into Python for every comparison, which is slow past a few thousand rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from i18n import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FALLBACK_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    """A column: its title (marked with N_, translated when drawn), text and sort key of a row.

    `text` may return (text, fell_back) for bilingual fields; a fallback is drawn lighter.
    """

    key: str
    title: str
    text: Callable[[Any], str | tuple[str, bool]]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._given: list[Any] = []       # the order the rows came in, for "no sort column"
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # Qt calls these
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, FALLBACK_ROLE):
            value = column.text(row)
            text, fell_back = value if isinstance(value, tuple) else (value, False)
            if role == FALLBACK_ROLE:
                return fell_back
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            value = column.text(row)
            if isinstance(value, tuple) and value[1]:
                return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
            return None
        if role == SORT_ROLE:
            return self._sort_value(column, row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.beginResetModel()
        self._apply_sort()
        self.endResetModel()

    # ours
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def retranslate(self) -> None:
        """Headers and texts change with the language; sorting by name may change too."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.set_rows(self._given)

    def _sort_value(self, column: Column, row: Any) -> Any:
        if column.sort_key is not None:
            return column.sort_key(row)
        value = column.text(row)
        text = value[0] if isinstance(value, tuple) else value
        return text.casefold()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        if not 0 <= column < len(self.columns):
            self._rows = list(self._given)
            return
        key = self.columns[column]
        self._rows.sort(key=lambda r: self._sort_value(key, r),
                        reverse=order == Qt.SortOrder.DescendingOrder)

