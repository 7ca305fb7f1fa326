"""The grid of a 商談会: a row per slot, a column per table, a meeting per cell. A meeting is
moved by dragging it to another cell (onto a meeting: the two swap), or with the keyboard:
Ctrl+arrow moves the chosen meeting one cell. The grid only asks; the tab's actions decide."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from i18n import _

REQUEST_ROLE = Qt.ItemDataRole.UserRole
_MIME = "application/x-kakehashi-meeting"
PINNED_FILL = QColor("#fde9b8")
MEETING_FILL = QColor("#e4effa")
NEEDS_FILL = QColor("#f9d6d2")          # needs an interpreter and has none


class SlotGrid(QTableWidget):
    move_requested = Signal(int, int, int)     # request id, slot, table (from 1)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slotGrid")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # A line a fact (who, with whom, the interpreter), each cut with "…" when the table is
        # narrow, the whole in the tooltip: wrapped, a long name took the next fact's line.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(180)
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._shown: tuple = ()                     # (titles, tables) of the grid as filled
        self._cells: dict[tuple[int, int], tuple] = {}
        self._lines = 2                             # the most lines a cell holds

    def fill(self, slot_titles: list[str], tables: int,
             cells: dict[tuple[int, int], tuple[int, str, bool, bool]]) -> None:
        """`cells`: (slot, table) -> (request id, text, pinned, lacks an interpreter). Only
        the cells that changed are touched (a move changes two of hundreds)."""
        keep = set(self.selected_requests())
        # Another session, grid or language: built afresh.
        shape = (tuple(slot_titles), tables, _("Table {n}").format(n=1))
        if shape != self._shown:
            self.clear()
            self.setRowCount(len(slot_titles))
            self.setColumnCount(tables)
            self.setVerticalHeaderLabels(slot_titles)
            self.setHorizontalHeaderLabels([_("Table {n}").format(n=n) for n in
                                            range(1, tables + 1)])
            # A few tables share the width; many keep a readable width and scroll.
            self.horizontalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.Stretch if tables <= 6
                else QHeaderView.ResizeMode.Interactive)
            self._cells = {}
            self._shown = shape
        self._lines = max((text.count("\n") + 1 for _r, text, _p, _n in cells.values()),
                          default=2)
        self._fit_rows()
        for spot in [s for s in self._cells if s not in cells]:
            self.takeItem(spot[0], spot[1] - 1)
            del self._cells[spot]
        # Only the cells that changed, and those chosen before, are asked about their
        # selection: a call into Qt per cell of hundreds costs more than the move.
        check = {(i.row(), i.column() + 1) for i in self.selectedItems()}
        for spot, cell in cells.items():
            if self._cells.get(spot) != cell:
                self.setItem(spot[0], spot[1] - 1, self._item(*cell))
                self._cells[spot] = cell
                check.add(spot)
            elif cell[0] in keep:
                check.add(spot)
        for spot in check & cells.keys():
            item = self.item(spot[0], spot[1] - 1)
            wanted = cells[spot][0] in keep
            if item.isSelected() != wanted:
                item.setSelected(wanted)

    def _fit_rows(self) -> None:
        """Rows as tall as the most lines a cell holds, in the font now in use."""
        height = self.fontMetrics().lineSpacing() * max(self._lines, 2) + 10
        if height != self.verticalHeader().defaultSectionSize():   # else Qt lays out again
            self.verticalHeader().setDefaultSectionSize(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Japanese comes with its own font, taller than the one the rows were measured in
        # (the language's font arrives after the grid is filled again in that language).
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def _item(self, rid: int, text: str, pinned: bool, lacking: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setData(REQUEST_ROLE, rid)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDragEnabled)
        item.setBackground(QBrush(NEEDS_FILL if lacking else PINNED_FILL if pinned
                                  else MEETING_FILL))
        note = ""
        if pinned:
            item.setFont(self._bold)
            note = _("Pinned: Schedule leaves it where it is.")
        elif lacking:
            note = _("Needs an interpreter and has none.")
        item.setToolTip("\n".join(t for t in (text, note) if t))
        return item

    def request_at(self, slot: int, table: int) -> int | None:
        item = self.item(slot, table - 1)
        return item.data(REQUEST_ROLE) if item is not None else None

    def selected_requests(self) -> list[int]:
        return [i.data(REQUEST_ROLE) for i in self.selectedItems()
                if i.data(REQUEST_ROLE) is not None]

    def select_request(self, request_id: int) -> bool:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is not None and item.data(REQUEST_ROLE) == request_id:
                    self.setCurrentItem(item)
                    return True
        return False

    def drop(self, request_id: int, slot: int, table: int) -> None:
        """A meeting let go over a cell (what a drag and a Ctrl+arrow end in)."""
        if 0 <= slot < self.rowCount() and 1 <= table <= self.columnCount():
            self.move_requested.emit(request_id, slot, table)

    # drag and drop: our own payload, so Qt never moves cells by itself ----------------------
    def startDrag(self, _actions) -> None:
        item = self.currentItem()
        if item is None or item.data(REQUEST_ROLE) is None:
            return
        mime = QMimeData()
        mime.setData(_MIME, str(item.data(REQUEST_ROLE)).encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        if not event.mimeData().hasFormat(_MIME):
            event.ignore()
            return
        index = self.indexAt(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)   # we move it, not Qt
        event.accept()
        if index.isValid():
            rid = int(bytes(event.mimeData().data(_MIME)).decode())
            self.drop(rid, index.row(), index.column() + 1)

    def keyPressEvent(self, event) -> None:
        steps = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1),
                 Qt.Key.Key_Right: (0, 1)}
        item = self.currentItem()
        if (event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in steps
                and item is not None and item.data(REQUEST_ROLE) is not None):
            dr, dc = steps[event.key()]
            self.drop(item.data(REQUEST_ROLE), item.row() + dr, item.column() + 1 + dc)
            return
        super().keyPressEvent(event)
