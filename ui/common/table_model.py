"""A read-only table model over plain rows, with column definitions, sorting and filtering done
in Python.

A row's cell texts are computed the first time the row is drawn (and again after a language
switch), the folded string per row for the filter the first time someone filters: setting
2,000 rows then costs one sort key each, painting is a lookup, a filter keystroke one `in` test
per row, a sort one key per row (kept until the rows change). A
QSortFilterProxyModel would call back into Python for every comparison and every row, which is
slow past a few thousand rows (2.1 s to filter 50,000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from i18n import _
from i18n.formatting import fold_kana

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FALLBACK_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_FONT, _FOREGROUND = Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
# The delegate asks for a dozen roles per cell; answer the others without touching the rows.
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _FONT, _FOREGROUND, _ALIGN, SORT_ROLE, ROW_ROLE,
                       FALLBACK_ROLE})
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter   # a column of numbers
_RIGHT = int(RIGHT)


def fallback_brush() -> QBrush:
    """How a text in the other language (a fallback) is drawn: lighter."""
    return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))


@dataclass(frozen=True)
class Column:
    """A column: its title (marked with N_, translated when drawn), text and sort key of a row.

    `text` may return (text, fell_back) for bilingual fields; a fallback is drawn lighter.
    `warning` returns a translated note when a cell needs a person to check it (empty when
    not): the cell is drawn in italics and the note is added to its tooltip.
    """

    key: str
    title: str
    text: Callable[[Any], str | tuple[str, bool]]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False
    warning: Callable[[Any], str] | None = None


def _cell(column: Column, row: Any) -> tuple[str, bool, str]:
    """(text, fell back to the other language, note) of one cell."""
    value = column.text(row)
    text, fell_back = value if isinstance(value, tuple) else (value, False)
    note = column.warning(row) if column.warning is not None else ""
    return text, fell_back, note


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._given: list[Any] = []       # the order the rows came in, for "no sort column"
        self._cells: list[tuple | None] = []  # per given row: _cell() of every column, once drawn
        self._haystacks: list[str] | None = None  # per given row: its texts folded, once filtered
        self._keys: dict[Any, list] = {}  # per sort key: the key of each given row
        self._order: list[int] = []       # indexes into _given, sorted
        self._shown: list[int] = []       # indexes into _given, sorted and filtered
        self._rows: list[Any] = []        # the rows of _shown, what the view shows
        self._words: list[str] = []       # the filter, folded; a row must contain them all
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._italic: QFont | None = None
        # A line added to every tooltip of a row, asked for only when a tooltip shows (who last
        # changed a shared row: ui/common/row_history.py).
        self.row_note: Callable[[Any], str] | None = None

    # Qt calls these
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        text, fell_back, note = self._cells_of(self._shown[row])[column]
        if role == _DISPLAY:
            return text
        if role == _TOOLTIP:
            tip = f"{text}\n{note}" if note else text
            extra = self.row_note(self._rows[row]) if self.row_note is not None else ""
            return f"{tip}\n{extra}" if extra else tip
        if role == _FONT:
            return self.italic_font() if note else None
        if role == _FOREGROUND:
            if fell_back:
                return fallback_brush()
            return None
        if role == _ALIGN:
            return _RIGHT if self.columns[column].align_right else None
        if role == FALLBACK_ROLE:
            return fell_back
        if role == ROW_ROLE:
            return self._rows[row]
        return self._sort_value(self.columns[column], self._rows[row])  # SORT_ROLE

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (_DISPLAY, _TOOLTIP):
            return _(self.columns[section].title)  # the tooltip: in full, when it is cut short
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.beginResetModel()
        self._apply_sort()
        self._apply_filter()
        self.endResetModel()

    # ours
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._cells = [None] * len(self._given)
        self._haystacks = None
        self._keys = {}
        self._apply_sort()
        self._apply_filter()
        self.endResetModel()

    def update_rows(self, rows: Sequence[Any], *, ids: Iterable[Any],
                    key: Callable[[Any], Any]) -> None:
        """Put `rows` in place of the rows whose key(row) is in `ids`; a key in `ids` with no
        row in `rows` is dropped, a row whose key is new is added. Only those rows' texts are
        made again, and the current row and selection stay where they were."""
        fresh = {key(r): r for r in rows}
        gone = set(ids) - set(fresh)
        at = {key(r): i for i, r in enumerate(self._given)}
        if gone & set(at) or set(fresh) - set(at):
            kept = [r for r in self._given if key(r) not in gone and key(r) not in fresh]
            self.set_rows(kept + list(fresh.values()))      # rows come or go: all again
            return
        for k, row in fresh.items():
            i = at[k]
            self._given[i] = row
            self._cells[i] = None
            if self._haystacks is not None:
                self._haystacks[i] = self._haystack(i)
            for cache, keys in self._keys.items():
                # Cached by sort-key function, or by column number for a column without one.
                keys[i] = cache(row) if callable(cache) else self._sort_value(
                    self.columns[cache], row)
        shown_before = self._shown
        self._apply_sort()
        shown = self._filtered()
        if shown == shown_before:
            self._apply_filter(shown)
            changed = {at[k] for k in fresh}
            for position, index in enumerate(self._shown):
                if index in changed:
                    self.dataChanged.emit(self.index(position, 0),
                                          self.index(position, len(self.columns) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        given_at = [shown_before[p.row()] if 0 <= p.row() < len(shown_before) else None
                    for p in persistent]
        self._apply_filter(shown)
        position = {g: i for i, g in enumerate(self._shown)}
        self.changePersistentIndexList(persistent, [
            self.index(position[g], p.column()) if g in position else QModelIndex()
            for p, g in zip(persistent, given_at, strict=True)])
        self.layoutChanged.emit()

    def cell(self, row: int, column: int) -> tuple[str, bool, str]:
        """(text, fell back to the other language, note) of a shown cell, as data() answers
        for it (the table's delegate reads it in one call instead of seven roles)."""
        return self._cells_of(self._shown[row])[column]

    def _cells_of(self, i: int) -> tuple:
        cells = self._cells[i]
        if cells is None:
            cells = self._cells[i] = tuple(_cell(c, self._given[i]) for c in self.columns)
        return cells

    def _haystack(self, i: int) -> str:
        # Every column, hidden ones too (a person may not know a column is hidden), joined by
        # a separator no one types, so that a word never matches across two cells.
        return fold_kana("\x1f".join(cell[0] for cell in self._cells_of(i)))

    def _hay(self) -> list[str]:
        if self._haystacks is None:
            self._haystacks = [self._haystack(i) for i in range(len(self._given))]
        return self._haystacks

    def set_filter(self, text: str) -> None:
        """Show only the rows whose texts contain every word of `text`, whatever the width,
        kana script or case."""
        words = fold_kana(text).split()
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._apply_filter()
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def total_count(self) -> int:
        """How many rows there are, shown or filtered out."""
        return len(self._given)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def retranslate(self) -> None:
        """Headers and texts change with the language; sorting by name may change too."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.set_rows(self._given)

    def italic_font(self) -> QFont:
        """How a cell with a note is drawn (only italic is set: the rest is the view's)."""
        if self._italic is None:  # not at construction: a model may exist before the app
            self._italic = QFont()
            self._italic.setItalic(True)
        return self._italic

    def _sort_value(self, column: Column, row: Any) -> Any:
        if column.sort_key is not None:
            return column.sort_key(row)
        value = column.text(row)
        return (value[0] if isinstance(value, tuple) else value).casefold()

    def _apply_sort(self) -> None:
        """Order the given rows; filtering then keeps this order without sorting again."""
        order = list(range(len(self._given)))
        if self._sort is not None and 0 <= self._sort[0] < len(self.columns):
            column, direction = self._sort
            # Once per key until the rows or the language change; columns sharing a key
            # function (name, Japanese name, reading) share the keys.
            cache = self.columns[column].sort_key or column
            keys = self._keys.get(cache)
            if keys is None:
                keys = [self._sort_value(self.columns[column], r) for r in self._given]
                self._keys[cache] = keys
            order.sort(key=keys.__getitem__, reverse=direction == Qt.SortOrder.DescendingOrder)
        self._order = order

    def _filtered(self) -> list[int]:
        """The sorted rows that contain every word of the filter."""
        shown, hay = self._order, (self._hay() if self._words else [])
        for word in self._words:  # one `in` test per row and word
            shown = [i for i in shown if word in hay[i]]
        return shown

    def _apply_filter(self, shown: list[int] | None = None) -> None:
        shown = self._filtered() if shown is None else shown
        given = self._given
        self._shown = shown
        self._rows = [given[i] for i in shown]
