"""Tab order as the eye reads a dialog: its layouts walked in order (a grid row by row, a form
label then field, nested boxes and scroll areas inside out), so a field added to a layout takes
its place in the chain without anyone listing it."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFormLayout,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
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


def reading_order(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Tab stops at, in reading order (hidden ones included:
    they take their place when they are shown)."""
    found: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            visit_widget(widget.widget())
            return
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and (
                widget.layout() is None or isinstance(widget, QAbstractScrollArea)):
            found.append(widget)
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
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    return chain
