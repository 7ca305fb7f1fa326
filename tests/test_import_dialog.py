"""The import window: preview, change the column mapping, confirm or cancel, undo as one step."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtWidgets import QDialogButtonBox

from tests.dialogs import when_modal
from tests.tabs import on_tab
from ui.attendees.import_dialog import ImportDialog, run_import

window = on_tab("attendees")


def _roster(path, rows, headers=("氏名", "フリガナ", "所属", "メール", "備考欄")):
    wb = Workbook()
    ws = wb.active
    ws.append(["北海道ミッション参加者名簿"])
    ws.append([])
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


ROWS = [("本間 太郎", "ホンマ タロウ", "北海道庁", "homma@example.jp", "窓側希望"),
        ("佐藤 一郎", "サトウ イチロウ", "北海道庁", "ichiro@example.jp", "")]


def test_a_kana_roster_is_previewed_imported_and_undone_as_one_step(qtbot, window, tmp_path):
    path = _roster(tmp_path / "roster.xlsx", ROWS)
    before = window.attendee_model.rowCount()
    seen = {}

    def confirm(dialog: ImportDialog):
        seen["rows"] = [dialog.rows.item(i, 1).text() for i in range(dialog.rows.rowCount())]
        seen["names"] = [dialog.rows.item(i, 2).text() for i in range(dialog.rows.rowCount())]
        dialog.accept()

    when_modal(confirm)
    assert run_import(window.ctx, path)
    assert seen["rows"] == ["New", "New"]
    assert seen["names"] == ["Taro Homma", "Ichiro Sato"]
    assert window.attendee_model.rowCount() == before + 2
    assert window.act_undo.text() == "&Undo: Import 2 attendees"
    window.act_undo.trigger()
    assert window.attendee_model.rowCount() == before
    window.act_redo.trigger()
    assert window.attendee_model.rowCount() == before + 2


def test_the_same_file_again_is_an_update_not_a_duplicate(qtbot, window, tmp_path):
    path = _roster(tmp_path / "roster.xlsx", ROWS)
    when_modal(lambda d: d.accept())
    run_import(window.ctx, path)
    count = window.attendee_model.rowCount()
    seen = {}

    def look(dialog):
        seen["rows"] = [dialog.rows.item(i, 1).text() for i in range(dialog.rows.rowCount())]
        dialog.accept()

    when_modal(look)
    run_import(window.ctx, path)
    assert seen["rows"] == ["Update", "Update"]
    assert window.attendee_model.rowCount() == count


def test_a_column_can_be_mapped_by_hand_and_cancel_writes_nothing(qtbot, window, tmp_path):
    path = _roster(tmp_path / "roster.xlsx", ROWS)
    before = window.attendee_model.rowCount()
    seen = {}

    def remap(dialog: ImportDialog):
        notes = next(i for i, c in enumerate(dialog.preview.columns) if c.header == "備考欄")
        combo = dialog.combos[notes]
        seen["before"] = combo.currentData()
        combo.setCurrentIndex(combo.findData("dietary"))
        seen["dietary"] = dialog.preview.rows[0].values.get("dietary")
        dialog.reject()

    when_modal(remap)
    assert not run_import(window.ctx, path)
    assert seen["before"] is None and seen["dietary"] == "窓側希望"
    assert window.attendee_model.rowCount() == before


def test_a_row_with_an_error_disables_import(qtbot, window, tmp_path):
    path = _roster(tmp_path / "roster.xlsx", [ROWS[0], ("鈴木 花子", "スズキ ハナコ", "北海道庁",
                                                        "not-an-address", "")])
    seen = {}

    def look(dialog):
        seen["ok"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        seen["problem"] = dialog.rows.item(1, 4).text()
        dialog.reject()

    when_modal(look)
    run_import(window.ctx, path)
    assert seen["ok"] is False
    assert seen["problem"].startswith("row 5, column メール:")


def test_a_file_that_is_not_a_workbook_gets_a_message(qtbot, window, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_text("name,email\n")
    seen = {}
    when_modal(lambda box: (seen.setdefault("text", box.text()), box.accept()))
    assert not run_import(window.ctx, path)
    assert "not an Excel workbook" in seen["text"]


def test_a_roster_dropped_on_the_table_opens_the_import_window(qtbot, window, tmp_path):
    path = _roster(tmp_path / "dropped.xlsx", ROWS)
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    when_modal(look)
    window.attendees.files_dropped.emit([str(path)])
    qtbot.waitUntil(lambda: "title" in seen)
    assert seen["title"] == "Import attendees"
    assert window.act_import.isEnabled() and window.act_import.text() == "&Import attendees…"


def test_rows_with_errors_can_be_left_out_and_the_user_is_told_which(qtbot, window, tmp_path):
    """Issue 12 item 7: a bad row no longer blocks the rest; a note row below is left out."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    path = _roster(tmp_path / "roster.xlsx", [ROWS[0], ("鈴木 花子", "スズキ ハナコ", "北海道庁",
                                                        "not-an-address", ""), ROWS[1],
                                              ("※ 変更がある場合は事務局までご連絡ください",)])
    before = window.attendee_model.rowCount()
    seen = {}

    def choose(dialog: ImportDialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["before"] = ok.isEnabled()
        seen["box"] = dialog.skip_errors.isVisible() and dialog.skip_errors.text()
        seen["notes"] = dialog.summary.text()
        dialog.skip_errors.setFocus()
        qtbot.keyClick(dialog.skip_errors, Qt.Key.Key_Space)     # the keyboard alone
        seen["checked"] = dialog.skip_errors.isChecked()
        seen["left"] = dialog.left_out()
        seen["after"] = ok.isEnabled()
        dialog.accept()

    def told(box):
        seen["told"] = box.text()
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(choose, ImportDialog)
    when_modal(told, QMessageBox)
    assert run_import(window.ctx, path)
    assert seen["checked"] and seen["left"] == [5], seen
    assert seen["before"] is False and seen["after"] is True
    assert seen["box"] == "&Leave out the 1 row with errors and import the rest"
    assert "row 7: a note, left out: ※" in seen["notes"]
    assert seen["told"] == "Imported; row 5 had errors and was left out."
    assert window.attendee_model.rowCount() == before + 2


def test_several_visible_rosters_ask_which_sheet(qtbot, window, tmp_path):
    from tests.hostile_files import two_rosters

    path = two_rosters(tmp_path / "two.xlsx")
    seen = {}

    def switch(dialog: ImportDialog):
        seen["shown"] = dialog.sheet_choice.isVisibleTo(dialog)
        seen["first"] = [dialog.rows.item(i, 2).text() for i in range(dialog.rows.rowCount())]
        dialog.sheet_choice.setCurrentText("Delegation")
        seen["second"] = [dialog.rows.item(i, 2).text() for i in range(dialog.rows.rowCount())]
        seen["intro"] = dialog.intro.text()
        dialog.reject()

    when_modal(switch, ImportDialog)
    run_import(window.ctx, path)
    assert seen["shown"] and seen["first"] == ["Anna Smith", "Bob Jones"]
    assert seen["second"] == ["Hanako Sato"] and "Delegation" in seen["intro"]
