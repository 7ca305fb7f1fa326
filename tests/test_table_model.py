"""RowTableModel without a window: rows replaced in place keep the current row and selection,
move when their sort key changes, and rows that come or go are taken in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from ui.common.table_model import Column, RowTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    city: str


COLUMNS = [Column("name", "Name", lambda r: r.name), Column("city", "City", lambda r: r.city)]
ROWS = [Row(1, "Abe", "Sapporo"), Row(2, "Baker", "Albany"), Row(3, "Chen", "Tokyo")]


@pytest.fixture
def model(qapp):
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    return model


def names(model) -> list[str]:
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def test_a_row_changed_in_place_is_redrawn_alone_and_keeps_the_selection(model):
    selection = QItemSelectionModel(model)
    selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel.SelectionFlag.Select)
    changed, resets = [], []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model.modelReset.connect(lambda: resets.append(True))
    model.update_rows([Row(2, "Baker", "Chitose")], ids=[2], key=lambda r: r.id)
    assert changed == [(1, 1)] and resets == []
    assert model.index(1, 1).data() == "Chitose"
    assert selection.currentIndex().row() == 1
    model.set_filter("chitose")                      # the filter reads the new text
    assert names(model) == ["Baker"]


def test_a_row_whose_sort_key_changes_moves_and_the_selection_follows_it(model):
    selection = QItemSelectionModel(model)
    selection.setCurrentIndex(model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    model.update_rows([Row(1, "Zeller", "Sapporo")], ids=[1], key=lambda r: r.id)
    assert names(model) == ["Baker", "Chen", "Zeller"]
    assert selection.currentIndex().row() == 2
    assert selection.currentIndex().data() == "Zeller"


def test_rows_that_come_or_go_are_taken_in(model):
    model.update_rows([Row(4, "Doi", "Osaka")], ids=[4, 3], key=lambda r: r.id)
    assert names(model) == ["Abe", "Baker", "Doi"]
    assert model.total_count() == 3
