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


def test_the_tables_delegate_draws_each_cell_as_qts_own_would_from_the_models_roles(qtbot):
    """RowDelegate reads a cell in one call; Qt's delegate reads seven roles of data(). Both
    must give every cell the same text, font, alignment and colour (a fallback, a note, a
    number on the right, an empty cell; Latin and Japanese texts)."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from ui.common.tables import make_table

    columns = [Column("name", "Name", lambda r: r[0]),
               Column("title", "Title", lambda r: (r[1], r[2])),        # (text, fell back)
               Column("count", "Count", lambda r: r[3], align_right=True),
               Column("note", "Note", lambda r: r[4], warning=lambda r: "check" if r[5] else ""),
               Column("blank", "Blank", lambda r: "")]
    rows = [(f"田中 {n}", f"Title {n}" if n % 2 else f"役職 {n}", bool(n % 2), str(n * 1000),
             f"Note {n}", n % 3 == 0) for n in range(12)]
    model = RowTableModel(columns)
    model.set_rows(rows)
    view = make_table(model, "t")
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    plain = QStyledItemDelegate()
    seen = set()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            ours, qts = QStyleOptionViewItem(), QStyleOptionViewItem()
            for option in (ours, qts):
                view.initViewItemOption(option)
            view.itemDelegate().initStyleOption(ours, index)
            plain.initStyleOption(qts, index)
            assert ours.text == qts.text
            assert ours.features == qts.features
            assert ours.font == qts.font and ours.font.italic() == qts.font.italic()
            assert ours.displayAlignment == qts.displayAlignment
            text = QPalette.ColorRole.Text
            assert ours.palette.brush(text).color().rgba() == qts.palette.brush(text).color().rgba()
            assert ours.backgroundBrush == qts.backgroundBrush and ours.index == index
            seen.add((ours.font.italic(), int(ours.displayAlignment),
                      ours.palette.brush(text).color().rgba()))
    assert {italic for italic, _a, _c in seen} == {True, False}   # notes are in italics
    assert len({align for _i, align, _c in seen}) == 2            # numbers on the right
    assert len({colour for _i, _a, colour in seen}) == 2          # fallbacks are lighter
