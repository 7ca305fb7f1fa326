"""File > Export for…: the receivers listed with what leaves the laptop and what is missing,
a question before a document with missing things goes out, and the receiver's own file."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

import i18n
from tests.dialogs import when_modal
from ui.files import export_dialog
from ui.files.receivers_dialog import ReceiversDialog


def _choose(name: str, path, seen: dict, answer=QMessageBox.StandardButton.Yes):
    def act(dialog: ReceiversDialog) -> None:
        row = next(n for n, p in enumerate(dialog.previews) if p.receiver.name == name)
        dialog.receivers.setCurrentRow(row)
        seen["about"] = dialog.about.text()
        seen["language"] = dialog.language.currentData()
        seen["path"] = dialog.path.text()
        dialog.path.setText(str(path))

        def press(box: QMessageBox) -> None:
            seen["question"] = box.text()
            box.button(answer).click()
        if dialog.details().missing:
            when_modal(press, QMessageBox)
            if answer != QMessageBox.StandardButton.Yes:
                when_modal(lambda d: d.reject(), ReceiversDialog)
        if answer == QMessageBox.StandardButton.Yes:
            when_modal(lambda box: box.reject(), QMessageBox)  # "Export finished"
        dialog.buttons.accepted.emit()
    return act


def test_export_for_a_hotel_shows_what_leaves_and_writes_only_its_list(qtbot, window,
                                                                       tmp_path, monkeypatch):
    monkeypatch.setattr(export_dialog, "launch", lambda url: None)
    seen: dict = {}
    out = tmp_path / "akasaka.xlsx"
    when_modal(_choose("Akasaka Hills Hotel Tokyo", out, seen), ReceiversDialog)
    window.file_actions.act_export_for.trigger()
    qtbot.waitUntil(out.exists, timeout=10000)
    assert "Nationality and passport number of foreign guests" in seen["about"]
    assert "Sarah Miller" in seen["about"]                 # no room yet: told, not sent
    assert seen["language"] == "ja" and seen["path"].endswith("-hotel-Akasaka-Hills-Hotel-"
                                                              "Tokyo-ja.xlsx")
    assert "missing" in seen["question"]
    wb = load_workbook(out)
    assert wb.sheetnames == ["ルーミングリスト"]


def test_saying_no_to_the_question_writes_nothing(qtbot, window, tmp_path):
    seen: dict = {}
    out = tmp_path / "none.xlsx"
    when_modal(_choose("Akasaka Hills Hotel Tokyo", out, seen, QMessageBox.StandardButton.No),
               ReceiversDialog)
    window.file_actions.act_export_for.trigger()
    qtbot.waitUntil(lambda: "question" in seen, timeout=10000)
    qtbot.wait(200)
    assert not out.exists()


def test_the_mission_is_read_under_a_wait_cursor_and_the_dialog_shows_without_it(
        qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from documents.workbook import for_receiver

    during: list = []
    made = for_receiver.Receivers.__init__

    def watched(self, *args, **kwargs):        # the real reading, with the cursor looked at
        cursor = QApplication.overrideCursor()
        during.append(cursor.shape() if cursor is not None else None)
        made(self, *args, **kwargs)

    monkeypatch.setattr(for_receiver.Receivers, "__init__", watched)
    seen: dict = {}

    def look(dialog: ReceiversDialog) -> None:
        seen["cursor"] = QApplication.overrideCursor()
        seen["rows"] = dialog.receivers.count()
        dialog.reject()

    when_modal(look, ReceiversDialog, must_close=True)
    window.file_actions.act_export_for.trigger()
    assert during == [Qt.CursorShape.WaitCursor]
    assert seen["cursor"] is None and seen["rows"] > 3
    assert QApplication.overrideCursor() is None


def test_the_dialog_opens_on_the_receiver_last_exported_for(qtbot, window, tmp_path,
                                                            monkeypatch):
    monkeypatch.setattr(export_dialog, "launch", lambda url: None)
    out, seen = tmp_path / "akasaka.xlsx", {}
    when_modal(_choose("Akasaka Hills Hotel Tokyo", out, seen), ReceiversDialog)
    window.file_actions.act_export_for.trigger()
    qtbot.waitUntil(out.exists, timeout=10000)
    opened: dict = {}

    def look(dialog: ReceiversDialog) -> None:
        opened["first"] = dialog.previews[0].receiver.name
        opened["current"] = dialog.current().receiver.name
        opened["path"] = dialog.path.text()
        dialog.reject()

    when_modal(look, ReceiversDialog)
    window.file_actions.act_export_for.trigger()
    assert opened["current"] == "Akasaka Hills Hotel Tokyo" != opened["first"]
    assert opened["path"].endswith("-hotel-Akasaka-Hills-Hotel-Tokyo-ja.xlsx")
    i18n.set_language("ja")                   # remembered by what it is, not by its name
    qtbot.wait(10)
    when_modal(look, ReceiversDialog)
    window.file_actions.act_export_for.trigger()
    assert opened["current"] == "赤坂ヒルズホテル東京"


def test_the_organizers_workbook_is_in_the_language_export_workbook_uses(qtbot, window):
    """The whole workbook is the organizers' own: in the language last chosen for it (Export
    workbook's), else the window's, never in that of the receiver looked at just before."""
    seen: list = []

    def look(dialog: ReceiversDialog) -> None:
        rows = {p.receiver.kind: n for n, p in reversed(list(enumerate(dialog.previews)))}
        english = next(n for n, p in enumerate(dialog.previews)
                       if p.receiver.kind != "organizers" and p.receiver.language == "en")
        for row in (rows["organizers"], english, rows["organizers"]):
            dialog.receivers.setCurrentRow(row)
            seen.append(dialog.language.currentData())
        dialog.reject()

    i18n.set_language("ja")
    qtbot.wait(10)
    when_modal(look, ReceiversDialog, must_close=True)
    window.file_actions.act_export_for.trigger()
    assert seen == ["ja", "en", "ja"]
    window.ctx.settings.setValue(export_dialog.LANGUAGE_KEY, "en")
    seen.clear()
    when_modal(look, ReceiversDialog, must_close=True)
    window.file_actions.act_export_for.trigger()
    assert seen == ["en", "en", "en"]
