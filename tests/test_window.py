"""The main window, driven as a user would: real widgets offscreen on a real database file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

import i18n
from i18n.qt import japanese_families
from models import repository as repo
from models.store.db import read_session
from tests.dialogs import when_modal
from ui.common.table_model import ROW_ROLE
from ui.window.main_window import MainWindow


def type_japanese(widget, text: str) -> None:
    # qtbot.keyClicks aborts on non-ASCII text; an input method commit is what a real IME sends.
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def switch_language(qtbot, window: MainWindow, code: str) -> None:
    window.language_actions[code].trigger()
    expected = "ファイル(&F)" if code == "ja" else "&File"
    qtbot.waitUntil(lambda: window.file_menu.title() == expected)


def header_texts(view) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_window_shows_the_demo_mission_in_every_tab(window):
    assert window.mission_list.count() == 1
    assert window.current_mission().code == "HKD-ALB-2026"
    assert window.overview.values["code"].text() == "HKD-ALB-2026"
    # A hotel is a site (its address and phone) but not a visit: counted as a stay.
    assert window.overview.values["sites"].text() == "4 sites visited · 3 hotel stays"
    assert "HKD-ALB-2026" in window.windowTitle()
    # The other tabs fill when first shown, not before.
    assert window.attendee_model.rowCount() == 0 and window.attendees.refresher.reloads == 0
    window.tabs.setCurrentWidget(window.attendees)
    assert window.attendee_model.rowCount() == 21
    window.tabs.setCurrentWidget(window.itinerary)
    assert window.item_model.rowCount() >= 20
    window.tabs.setCurrentWidget(window.sites_tab)
    assert window.site_model.rowCount() == 7        # four hosts and three hotels


def test_the_itinerary_is_in_time_order_and_marks_the_date_line(window):
    window.tabs.setCurrentWidget(window.itinerary)
    rows = window.item_model.rows()
    assert [r.start_utc for r in rows] == sorted(r.start_utc for r in rows)
    texts = [window.item_model.index(i, 1).data() for i in range(len(rows))]
    assert any("(+1 day)" in t for t in texts)


def test_switching_to_japanese_changes_menus_tabs_headers_and_dates(qtbot, window, settings):
    switch_language(qtbot, window, "ja")
    n = window.readiness_panel.count()     # the Overview's title counts open findings
    assert [window.tabs.tabText(i) for i in range(4)] == [f"概要 ({n})", "参加者", "行程",
                                                          "訪問先"]
    assert header_texts(window.attendee_table)[:2] == ["氏名", "氏名（ローマ字）"]
    window.tabs.setCurrentWidget(window.attendees)
    assert window.overview.values["dates"].text().startswith("2026年12月7日(月)")
    assert window.overview.values["sites"].text() == "4か所を訪問 · 宿泊3件"
    names = [window.attendee_model.index(i, 0).data()
             for i in range(window.attendee_model.rowCount())]
    assert any(" " in n and not n.isascii() for n in names)   # 姓 名, family name first
    assert settings.value("language") == "ja"
    switch_language(qtbot, window, "en")
    assert window.tabs.tabText(0) == f"Overview ({n})"
    assert window.overview.values["dates"].text().startswith("Mon, Dec 7, 2026")


def test_japanese_uses_a_japanese_font_family(qtbot, window):
    assert japanese_families(), "install fonts-noto-cjk (or another Japanese font)"
    switch_language(qtbot, window, "ja")
    assert QApplication.font().families()[0] == japanese_families()[0]
    switch_language(qtbot, window, "en")
    assert QApplication.font().families()[0] not in japanese_families()


def test_qt_standard_buttons_follow_the_language(qtbot, window):
    switch_language(qtbot, window, "ja")
    seen = {}

    def look(dialog):
        seen["cancel"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
        dialog.reject()

    when_modal(look)
    window.mission_actions.new_mission()
    assert seen["cancel"].replace("(&C)", "") == "キャンセル"


def test_attendees_sort_by_kana_in_japanese_and_by_family_name_in_english(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    window.attendee_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    family = [r.family_name.casefold() for r in window.attendee_model.rows()]
    assert family == sorted(family)
    switch_language(qtbot, window, "ja")
    rows = window.attendee_model.rows()
    readings = [r.family_kana for r in rows if r.family_kana]
    assert readings and [i18n.formatting.fold_kana(k) for k in readings] == sorted(
        i18n.formatting.fold_kana(k) for k in readings)
    assert rows[0].family_kana, "kana readings come first in a Japanese list"
    latin_only = [r for r in rows if not r.family_kana]
    # The demo's three Americans with no kana reading (Bennett, Hughes, Walsh) come last.
    assert sorted(r.family_name for r in latin_only) == ["Bennett", "Hughes", "Walsh"]
    assert rows[-len(latin_only):] == latin_only


def test_a_new_mission_is_validated_created_undone_and_redone(qtbot, window):
    def fill(dialog):
        dialog.accept()                       # nothing filled in: errors beside the fields
        assert dialog.isVisible()
        assert dialog.errors["code"].isVisible()
        assert dialog.errors["title_en"].text()
        qtbot.keyClicks(dialog.code, "HKD-ALB-2026")
        dialog.accept()                       # taken code
        assert "already" in dialog.errors["code"].text()
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, "CTS-ALB-2027")
        type_japanese(dialog.title_ja, "千歳・オールバニ視察団2027")
        dialog.zone.setCurrentText("Asia/Tokyo")
        dialog.accept()

    when_modal(fill)
    window.mission_actions.new_mission()
    assert window.mission_list.count() == 2
    assert window.current_mission().code == "CTS-ALB-2027"
    assert window.current_mission().title_ja == "千歳・オールバニ視察団2027"
    assert window.act_undo.text() == "&Undo: New mission CTS-ALB-2027"
    window.act_undo.trigger()
    assert window.mission_list.count() == 1
    with read_session(window.db.engine) as session:
        assert repo.get_mission_by_code(session, code="CTS-ALB-2027") is None
    window.act_redo.trigger()
    assert window.mission_list.count() == 2


def test_editing_mission_details_is_undoable(qtbot, window):
    def edit(dialog):
        dialog.title_en.setText("Renamed mission")
        dialog.accept()

    when_modal(edit)
    window.mission_actions.edit_mission()
    assert window.overview.values["title"].text() == "Renamed mission"
    window.undo_stack.undo()
    assert window.overview.values["title"].text() == "Hokkaido-Albany Semiconductor Mission 2026"


def test_deleting_a_mission_asks_first(qtbot, window):
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    window.mission_actions.delete_mission()
    assert window.mission_list.count() == 1
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.mission_actions.delete_mission()
    assert window.mission_list.count() == 0
    assert window.overview.values["title"].text() == "No mission selected"
    assert not window.act_edit.isEnabled()


def test_window_size_and_tab_are_remembered(qtbot, demo_db, settings, qt_language):
    first = MainWindow(demo_db, settings)
    qtbot.addWidget(first)
    first.resize(780, 560)  # inside the 800x600 offscreen screen
    first.tabs.setCurrentIndex(2)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    second = MainWindow(demo_db, settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (780, 560)
    assert second.tabs.currentIndex() == 2


def test_table_rows_are_plain_values_not_live_database_objects(window):
    window.tabs.setCurrentWidget(window.attendees)
    row = window.attendee_model.index(0, 0).data(ROW_ROLE)
    assert type(row).__name__ == "AttendeeRow"
    # No ORM state: nothing a session could lazily load, expire or refresh behind the table.
    assert not hasattr(row, "_sa_instance_state") and isinstance(row, tuple)
    values = row._asdict()                                 # a named tuple of plain values
    assert all(v is None or type(v) in (int, str, bool) for v in values.values()), values
    with pytest.raises(AttributeError):
        row.family_name = "Changed"
    # Readable with no database at all, and still the same values.
    window.db.engine.dispose()
    assert row._asdict() == values and row.family_name


def test_a_change_that_cannot_be_saved_is_reported_and_not_recorded(qtbot, window):
    from sqlalchemy import event

    with window.db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(window.db.engine, "connect")
    def _full(dbapi_conn, _record):  # SQLite's page limit fails like a full disk
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    window.db.engine.dispose()
    seen = {}

    def reopened(dialog):
        seen["code"] = dialog.code.text()   # what was typed is still there (then: Cancel)
        dialog.reject()

    def error(box):
        seen["text"] = box.text()
        when_modal(reopened)
        box.accept()

    def fill(dialog):
        qtbot.keyClicks(dialog.code, "FULL-1")
        dialog.title_en.setText("Long " * 40_000)
        when_modal(error)
        dialog.accept()

    when_modal(fill)
    window.mission_actions.new_mission()
    assert "disk is full" in seen["text"] and seen["code"] == "FULL-1"
    assert window.undo_stack.count() == 0
    assert window.mission_list.count() == 1


def test_a_read_only_database_is_shown_read_only(qtbot, demo_db, settings, qt_language):
    import os
    import stat

    from models.store.db import open_database

    demo_db.dispose()
    os.chmod(demo_db.path, stat.S_IRUSR)
    try:
        db = open_database(demo_db.path)
        win = MainWindow(db, settings)
        qtbot.addWidget(win)
        assert "[read-only]" in win.windowTitle()
        assert not win.act_new.isEnabled() and not win.act_edit.isEnabled()
        win.tabs.setCurrentWidget(win.attendees)
        win.show()
        assert win.attendee_model.rowCount() > 0
        db.dispose()
    finally:
        os.chmod(demo_db.path, stat.S_IRUSR | stat.S_IWUSR)
