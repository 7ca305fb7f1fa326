"""The Attendees tab, driven as a user would: filtering as you type in any script or width,
hiding columns, the unconfirmed-name mark, and the signals a row's actions send."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

import i18n
from tests.tabs import on_tab
from tests.test_window import switch_language, type_japanese
from ui.window.main_window import MainWindow

window = on_tab("attendees")


def family_names(window) -> list[str]:
    return [r.family_name for r in window.attendee_model.rows()]


def row_of(window, family: str) -> int:
    return family_names(window).index(family)


def column_of(window, key: str) -> int:
    return [c.key for c in window.attendee_model.columns].index(key)


@pytest.fixture
def tab(window):
    """The window's Attendees tab on its own: the window answers its signals with dialogs,
    which would wait for a click here; these tests check what the tab sends."""
    tab = window.attendees
    for signal in (tab.add_requested, tab.edit_requested, tab.duplicate_requested,
                   tab.delete_requested, tab.files_dropped, tab.export_requested,
                   tab.handout_requested):
        with warnings.catch_warnings():  # PySide warns when nothing was connected
            warnings.simplefilter("ignore", RuntimeWarning)
            signal.disconnect()
    window.tabs.setCurrentWidget(tab)
    return tab


@pytest.fixture
def to_japanese(qtbot, window):
    """Switch with `to_japanese()`; back to English afterwards, while the window's QtLanguage
    is still there to restore the application font (the next test's would keep the Japanese
    one as its default)."""
    yield lambda: switch_language(qtbot, window, "ja")
    switch_language(qtbot, window, "en")


@pytest.mark.parametrize("typed", ["ｓａｔｏ", "さとう", "サトウ", "ｻﾄｳ", "佐藤"])
def test_full_width_kana_and_kanji_find_the_same_person(qtbot, window, tab, typed):
    type_japanese(tab.filter, typed)
    assert tab.filter.text() == typed
    assert family_names(window) == ["Sato"]


def test_typing_in_any_case_finds_the_same_person(qtbot, window, tab):
    qtbot.keyClicks(tab.filter, "SATO")
    assert family_names(window) == ["Sato"]
    tab.filter.clear()
    qtbot.keyClicks(tab.filter, "sato")
    assert family_names(window) == ["Sato"]


def test_every_word_must_match_in_some_column(qtbot, window, tab):
    qtbot.keyClicks(tab.filter, "jetro")
    jetro = family_names(window)
    assert len(jetro) > 1 and "Sato" in jetro
    qtbot.keyClicks(tab.filter, " kenji")
    assert family_names(window) == ["Sato"]
    tab.filter.setText("kenji NY　CREATES")   # an ideographic space separates words too
    assert family_names(window) == []


def test_the_count_says_how_many_are_shown_of_how_many(qtbot, window, tab):
    total = window.attendee_model.total_count()
    assert tab.count.text() == f"{total} attendees"
    qtbot.keyClicks(tab.filter, "sato")
    assert tab.count.text() == f"1 of {total} attendees"
    tab.filter.setText("no such person")
    assert tab.count.text() == f"0 of {total} attendees"


def test_clearing_the_filter_shows_everyone_again(qtbot, window, tab):
    everyone = window.attendee_model.rows()
    qtbot.keyClicks(tab.filter, "jetro")
    assert len(window.attendee_model.rows()) < len(everyone)
    tab.filter.clear()
    assert window.attendee_model.rows() == everyone


def test_sorting_and_filtering_work_together(qtbot, window, tab):
    window.attendee_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    everyone = window.attendee_model.rows()
    assert [r.family_name.casefold() for r in everyone] == sorted(
        (r.family_name.casefold() for r in everyone), reverse=True)
    qtbot.keyClicks(tab.filter, "jetro")
    jetro = window.attendee_model.rows()
    assert 1 < len(jetro) < len(everyone)
    assert jetro == [r for r in everyone if r in jetro]   # still in the sorted order
    window.attendee_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert window.attendee_model.rows() == jetro[::-1]
    tab.filter.clear()
    assert window.attendee_model.rows() == everyone[::-1]


def test_the_filter_survives_a_language_switch_and_matches_the_new_texts(qtbot, window, tab,
                                                                         to_japanese):
    qtbot.keyClicks(tab.filter, "staff")        # the English role label
    assert "Sato" in family_names(window)
    to_japanese()
    assert family_names(window) == []           # the role now reads 事務局
    tab.filter.clear()
    type_japanese(tab.filter, "事務局")
    assert "Sato" in family_names(window)


def test_ctrl_shift_f_opens_the_attendees_tab_and_focuses_the_filter(qtbot, window):
    window.tabs.setCurrentIndex(0)
    window.activateWindow()
    window.act_filter.trigger()
    assert window.tabs.currentWidget() is window.attendees
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.attendees.filter)
    assert window.act_filter.shortcut().matches(
        Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_F)


def test_an_unconfirmed_latin_name_is_marked_for_checking(window, tab):
    with window.db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET latin_unconfirmed = 1 WHERE family_name = 'Sato'"))
    window.show_mission(window.mission_id)
    model, latin = window.attendee_model, column_of(window, "name_latin")
    sato = model.index(row_of(window, "Sato"), latin)
    assert sato.data() == "SATO Kenji (unconfirmed)"
    assert sato.data(Qt.ItemDataRole.FontRole).italic()
    assert "passport" in sato.data(Qt.ItemDataRole.ToolTipRole)
    other = model.index(row_of(window, "Miller"), latin)
    assert other.data() == "MILLER Sarah"
    assert other.data(Qt.ItemDataRole.FontRole) is None
    tab.filter.setText("unconfirmed")
    assert family_names(window) == ["Sato"]


def test_hidden_columns_are_remembered_by_key(qtbot, window, demo_db, settings, qt_language):
    email = column_of(window, "email")
    menu = window.attendees.column_menu()
    assert [a.text() for a in menu.actions()][email] == "E-mail"
    menu.actions()[email].setChecked(False)
    assert window.attendee_table.isColumnHidden(email)
    assert settings.value("attendees/hidden") == "email"
    window.attendee_table.setColumnWidth(0, 333)
    window.close()
    second = MainWindow(demo_db, settings)
    qtbot.addWidget(second)
    assert second.attendees.hidden_columns() == ["email"]
    assert second.attendee_table.isColumnHidden(email)
    assert second.attendee_table.columnWidth(0) == 333


def test_the_last_visible_column_cannot_be_hidden(window, tab):
    count = window.attendee_model.columnCount()
    for column in range(1, count):
        tab.set_column_hidden(column, True)
    menu = tab.column_menu()
    assert [a.isEnabled() for a in menu.actions()] == [False] + [True] * (count - 1)
    tab.set_column_hidden(0, True)
    assert not window.attendee_table.isColumnHidden(0)


def cell_center(window, family: str):
    index = window.attendee_model.index(row_of(window, family), 0)
    return window.attendee_table.visualRect(index).center()


def test_the_row_menu_sends_the_row_participant_id(qtbot, window, tab):
    sato = window.attendee_model.rows()[row_of(window, "Sato")].participant_id
    menu = tab.row_menu(cell_center(window, "Sato"))
    actions = {a.text(): a for a in menu.actions() if a.text()}
    # The same actions as the Attendees menu's, so their texts name what they act on.
    assert list(actions) == ["&Add attendee…", "&Edit attendee…", "D&uplicate attendee…",
                             "&Remove attendee…", "E&xport itinerary…",
                             "Export &travel pack…"]
    assert {a for a in menu.actions() if not a.isSeparator()} <= (
        set(window.attendee_menu.actions()) | {tab.act_export, tab.act_handout})
    for label, signal in (("&Edit attendee…", tab.edit_requested),
                          ("D&uplicate attendee…", tab.duplicate_requested),
                          ("&Remove attendee…", tab.delete_requested),
                          ("E&xport itinerary…", tab.export_requested),
                          ("Export &travel pack…", tab.handout_requested)):
        with qtbot.waitSignal(signal, timeout=1000) as blocker:
            actions[label].trigger()
        assert blocker.args == [sato]
    with qtbot.waitSignal(tab.add_requested, timeout=1000):
        actions["&Add attendee…"].trigger()


def test_the_row_menu_below_the_rows_only_offers_to_add(window, tab):
    tab.filter.setText("sato")
    menu = tab.row_menu(window.attendee_table.viewport().rect().bottomLeft())
    enabled = [a.text() for a in menu.actions() if a.text() and a.isEnabled()]
    assert enabled == ["&Add attendee…"]


def test_the_row_menu_follows_the_language(qtbot, window, tab, to_japanese):
    to_japanese()
    menu = tab.row_menu(cell_center(window, "Sato"))
    assert [a.text() for a in menu.actions() if a.text()] == [
        "参加者を追加(&A)…", "参加者を編集(&E)…", "参加者を複製(&U)…", "参加者を削除(&R)…",
        "行程表を書き出す(&X)…", "旅行資料を書き出す(&T)…"]
    assert tab.filter.placeholderText() == "参加者を絞り込み…"


def test_delete_key_enter_and_double_click_act_on_the_row(qtbot, window, tab):
    sato = window.attendee_model.rows()[row_of(window, "Sato")].participant_id
    window.attendee_table.setFocus()
    window.attendee_table.selectRow(row_of(window, "Sato"))
    with qtbot.waitSignal(tab.delete_requested, timeout=1000) as blocker:
        qtbot.keyClick(window.attendee_table, Qt.Key.Key_Delete)
    assert blocker.args == [sato]
    with qtbot.waitSignal(tab.edit_requested, timeout=1000) as blocker:
        qtbot.keyClick(window.attendee_table, Qt.Key.Key_Return)
    assert blocker.args == [sato]
    miller = window.attendee_model.rows()[row_of(window, "Miller")].participant_id
    viewport, where = window.attendee_table.viewport(), cell_center(window, "Miller")
    # A real double click starts with a press; QTest's mouseDClick sends only the second one.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(tab.edit_requested, timeout=1000) as blocker:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    assert blocker.args == [miller]


def test_a_read_only_tab_sends_no_changes(qtbot, window, tab):
    tab.set_editable(False)
    window.attendee_table.selectRow(0)
    with qtbot.assertNotEmitted(tab.delete_requested):
        qtbot.keyClick(window.attendee_table, Qt.Key.Key_Delete)
    assert not tab.act_add.isEnabled()


def drag(view, paths: list[str], mime: QMimeData) -> tuple[bool, QDropEvent]:
    """Drag files over the table and drop them, as a file manager would (enter, then drop).
    The caller keeps `mime` alive: the events do not own it."""
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), enter)
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    if enter.isAccepted():
        QApplication.sendEvent(view.viewport(), event)
    return enter.isAccepted(), event


def test_dropping_a_roster_workbook_on_the_table_sends_its_path(qtbot, window, tab, tmp_path):
    roster = tmp_path / "名簿.xlsx"
    roster.write_bytes(b"PK")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a roster")
    mime = QMimeData()
    with qtbot.waitSignal(tab.files_dropped, timeout=1000) as blocker:
        accepted, event = drag(window.attendee_table, [str(roster), str(notes)], mime)
    assert accepted and event.isAccepted()
    assert blocker.args == [[str(roster)]]
    other = QMimeData()
    with qtbot.assertNotEmitted(tab.files_dropped):
        accepted, event = drag(window.attendee_table, [str(notes)], other)
        window.attendee_table.dropEvent(event)       # even if it got there
    assert not accepted and not event.isAccepted()


def test_japanese_names_sort_by_reading_with_a_filter_on(qtbot, window, tab, to_japanese):
    to_japanese()
    window.attendee_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    type_japanese(tab.filter, "ジェトロ")
    rows = window.attendee_model.rows()
    assert len(rows) > 1
    readings = [i18n.formatting.fold_kana(r.family_kana) for r in rows]
    assert readings == sorted(readings)


def test_column_titles_fit_or_end_in_an_ellipsis_with_the_full_title_as_tooltip(window):
    from PySide6.QtCore import Qt

    header = window.attendee_table.horizontalHeader()
    model = window.attendee_model
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    metrics = header.fontMetrics()
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert model.headerData(column, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.ToolTipRole) == title
        if metrics.horizontalAdvance(title) + 32 <= 180:   # short enough to be shown whole
            assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
