"""The one way the window's tabs build a table view, so they all look and sort alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.table_model import RowTableModel


def make_table(model: RowTableModel, name: str, view: QTableView | None = None) -> QTableView:
    """Configure `view` (a plain QTableView unless a subclass is given) for `model`."""
    view = view if view is not None else QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    # Rows are one line high: a long cell ends in "…" rather than wrapping onto a second
    # line that the row cuts in half (italic cells did).
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view
