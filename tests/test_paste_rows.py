"""Rows copied in Excel or LibreOffice and pasted on the Attendees tab (Ctrl+V) open the import
preview with those rows, their columns mapped by the header row copied with them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from documents.roster.pasted import looks_like_rows, read_pasted
from documents.roster.reader import RosterError
from tests.dialogs import when_modal
from ui.attendees.import_dialog import ImportDialog

COPIED = ("Family name\tGiven name\tOrganization\tE-mail\r\n"
          "Yamada\tTaro\tRapidus\ttaro.yamada@example.jp\r\n"
          "Brown\tEmily\tNY CREATES\t\"emily@example.com\"\r\n")


def test_pasted_rows_are_read_by_their_header_row():
    preview = read_pasted(COPIED, title="pasted rows")
    fields = [c.field for c in preview.columns]
    assert fields[:2] == ["family_name", "given_name"] and "email" in fields
    assert [r.values.get("family_name") for r in preview.rows] == ["Yamada", "Brown"]
    assert preview.header_row == 1 and len(preview.rows) == 2


def test_rows_without_a_header_are_refused_with_a_reason():
    with pytest.raises(RosterError) as caught:
        read_pasted("Yamada\tTaro\nBrown\tEmily\n", title="pasted rows")
    assert caught.value.user_message()
    assert not looks_like_rows("just a word")


def test_ctrl_v_on_the_attendees_tab_opens_the_preview_and_imports(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    before = window.attendee_model.rowCount()
    QApplication.clipboard().setText(COPIED)
    seen = {}

    def look(dialog):
        seen["rows"] = dialog.preview.rows
        dialog.accept()

    when_modal(look, ImportDialog)
    window.activateWindow()
    window.attendee_table.setFocus()
    QTest.keyClick(window.attendee_table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(seen["rows"]) == 2
    assert window.attendee_model.rowCount() == before + 2
    window.act_undo.trigger()
    assert window.attendee_model.rowCount() == before


def test_ctrl_v_in_the_filter_pastes_into_the_filter(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    QApplication.clipboard().setText("Sato")
    window.activateWindow()
    window.attendees.filter.setFocus()
    QTest.keyClick(window.attendees.filter, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.attendees.filter.text() == "Sato"


def test_a_paste_without_a_header_says_why(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    QApplication.clipboard().setText("Yamada\tTaro\nBrown\tEmily\n")
    said = []
    when_modal(lambda box: (said.append(box.text()), box.accept()), QMessageBox)
    assert window.attendees.paste_rows()          # taken as rows, then refused
    assert said and "header" in said[0].casefold()
