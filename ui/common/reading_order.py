"""Tab order as the eye reads a dialog: its layouts walked in order (a grid row by row, a form
label then field, nested boxes, splitters and scroll areas inside out, a table then the fields in
its cells), so a field added to a layout takes its place in the chain without anyone listing it.
Tab leaves a table or a read-only text (the arrows move inside them), so nothing traps it."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextEdit,
    QWidget,
)


def _items(layout: QLayout) -> list[QLayoutItem]:
    if isinstance(layout, QGridLayout):
        placed = [(layout.getItemPosition(i)[:2], i) for i in range(layout.count())]
        return [layout.itemAt(i) for _pos, i in sorted(placed)]
    if isinstance(layout, QFormLayout):
        items = []
        for row in range(layout.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                         QFormLayout.ItemRole.SpanningRole):
                if (item := layout.itemAt(row, role)) is not None:
                    items.append(item)
        return items
    return [layout.itemAt(i) for i in range(layout.count())]


def _cell_fields(view: QTableView) -> list[QWidget]:
    """The fields a table holds in its cells (an import's column choices), row by row."""
    model = view.model()
    if model is None:
        return []
    fields, top = [], QModelIndex()
    for row in range(model.rowCount(top)):
        for col in range(model.columnCount(top)):
            cell = view.indexWidget(model.index(row, col))
            if cell is not None and cell.focusPolicy() & Qt.FocusPolicy.TabFocus:
                fields.append(cell)
    return fields


def reading_order(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Tab stops at, in reading order (hidden ones included:
    they take their place when they are shown)."""
    found: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            visit_widget(widget.widget())
            return
        if isinstance(widget, QSplitter):
            for i in range(widget.count()):
                visit_widget(widget.widget(i))
            return
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and (
                widget.layout() is None or isinstance(widget, QAbstractScrollArea)):
            found.append(widget)
            if isinstance(widget, QTableView):
                found.extend(_cell_fields(widget))
            return
        if widget.layout() is not None:
            visit_layout(widget.layout())

    def visit_layout(layout: QLayout) -> None:
        for item in _items(layout):
            if item.widget() is not None:
                visit_widget(item.widget())
            elif item.layout() is not None:
                visit_layout(item.layout())

    if root.layout() is not None:
        visit_layout(root.layout())
    return found


def set_reading_order(root: QWidget) -> list[QWidget]:
    """Chain Tab through `root`'s fields in reading order; returns the chain."""
    chain = reading_order(root)
    for widget in chain:
        if isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly():
            widget.setTabChangesFocus(True)
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    return chain
