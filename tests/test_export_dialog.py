"""File > Export workbook… and an attendee's Export itinerary…: the dialog, the progress that
can cancel, the message for a file that cannot be written, and the offer to open the result
(never launching a program under the tests)."""

from __future__ import annotations

import stat

from openpyxl import load_workbook
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

import i18n
from tests.dialogs import when_modal
from ui.files import export_dialog
from ui.files.export_dialog import FOLDER_KEY, ExportDialog, launch, run_export


def when_shown(kind, act) -> None:
    """Run `act(widget)` on the next modal widget of `kind` (the progress dialog may come
    first while the export runs)."""
    when_modal(act, kind)


def _fill(path, language="en", then=None, sensitive_out=False, seen=None):
    def act(dialog: ExportDialog) -> None:
        if seen is not None:
            seen["title"] = dialog.windowTitle()
            seen["name"] = dialog.path.text()
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        dialog.sensitive.setChecked(sensitive_out)
        dialog.path.setText(str(path))
        if then is not None:
            when_shown(QMessageBox, then)
        dialog.accept()
    return act


def _press(text: str, seen: dict | None = None):
    def act(box: QMessageBox) -> None:
        if seen is not None:
            seen["message"] = box.text()
        button = next((b for b in box.buttons() if b.text() == text), None)
        (button or box.buttons()[0]).click()
    return act


def test_the_file_menu_exports_and_offers_to_open_the_file(qtbot, window, tmp_path,
                                                          monkeypatch):
    launched, seen = [], {}
    monkeypatch.setattr(export_dialog, "launch", launched.append)
    out = tmp_path / "workbook.xlsx"
    when_shown(ExportDialog, _fill(out, then=_press("Open the file", seen), seen=seen))
    window.act_export.trigger()
    qtbot.waitUntil(lambda: bool(launched))
    assert seen["title"] == "Export workbook" and seen["name"].endswith("HKD-ALB-2026-en.xlsx")
    assert str(out) in seen["message"]
    assert launched == [QUrl.fromLocalFile(str(out))]
    assert load_workbook(out).sheetnames[0] == "Overview"
    assert window.settings.value(FOLDER_KEY) == str(tmp_path)
    assert window.act_export.text() == "E&xport workbook…"


def test_a_japanese_export_from_an_english_window_leaves_the_window_english(qtbot, window,
                                                                           tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(export_dialog, "launch", lambda url: None)
    out = tmp_path / "ja.xlsx"
    when_shown(ExportDialog, _fill(out, "ja", then=_press("Open the folder")))
    assert run_export(window.ctx) == out
    assert load_workbook(out).sheetnames[2] == "行程"
    assert i18n.current_language() == "en" and window.file_menu.title() == "&File"
    assert window.updatesEnabled()


def test_the_dialog_proposes_a_name_per_language_and_remembers_the_folder(qtbot, settings,
                                                                         tmp_path):
    settings.setValue(FOLDER_KEY, str(tmp_path))
    dialog = ExportDialog(settings, "HKD-ALB-2026")
    qtbot.addWidget(dialog)
    assert dialog.path.text() == str(tmp_path / "HKD-ALB-2026-en.xlsx")
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    assert dialog.path.text() == str(tmp_path / "HKD-ALB-2026-ja.xlsx")
    dialog.path.setText(str(tmp_path / "mine.xlsx"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.path.text() == str(tmp_path / "mine.xlsx")       # typed: left alone
    assert dialog.options().sensitive and not dialog.sensitive.isHidden()
    person = ExportDialog(settings, "HKD-ALB-2026", ("Takahashi", "Masayuki"))
    qtbot.addWidget(person)
    assert person.path.text().endswith("HKD-ALB-2026-Takahashi-Masayuki-en.xlsx")
    assert person.sensitive.isHidden()


def test_a_cancelled_export_leaves_no_file(qtbot, window, tmp_path, monkeypatch):
    # Shown at the first step, not after 400 ms: the export may be over sooner than that here.
    shown_after = QProgressDialog.setMinimumDuration
    monkeypatch.setattr(QProgressDialog, "setMinimumDuration",
                        lambda self, _ms: shown_after(self, 0))
    out, seen = tmp_path / "cancelled.xlsx", {}

    def cancel(progress: QProgressDialog) -> None:
        seen["label"] = progress.labelText()
        button = next(b for b in progress.findChildren(QPushButton) if b.isVisible())
        seen["button"] = button.text()
        button.click()

    def fill_then_cancel(dialog: ExportDialog) -> None:
        when_shown(QProgressDialog, cancel)
        _fill(out)(dialog)

    when_shown(ExportDialog, fill_then_cancel)
    assert run_export(window.ctx) is None
    assert seen == {"label": "Exporting cancelled.xlsx…", "button": "Cancel"}
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []
    assert [p.name for p in tmp_path.iterdir() if "cancelled" in p.name] == []
    assert window.updatesEnabled()


def test_a_file_that_cannot_be_written_is_named_and_another_can_be_picked(qtbot, window,
                                                                          tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(export_dialog, "launch", lambda url: None)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"old")
    locked.chmod(stat.S_IRUSR)
    other = tmp_path / "other.xlsx"
    seen = {}

    def warned(box: QMessageBox) -> None:       # then the dialog comes back for another name
        seen["warning"] = box.text()
        when_shown(ExportDialog, _fill(other, then=_press("Close")))
        box.accept()

    when_shown(ExportDialog, _fill(locked, then=warned))
    try:
        assert run_export(window.ctx) == other
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert str(locked) in seen["warning"] and "read-only" in seen["warning"]
    assert locked.read_bytes() == b"old" and other.exists()


def test_an_attendees_context_menu_exports_their_own_itinerary(qtbot, window, tmp_path,
                                                               monkeypatch):
    monkeypatch.setattr(export_dialog, "launch", lambda url: None)
    window.tabs.setCurrentWidget(window.attendees)
    table = window.attendees.table
    row = next(r for r in range(window.attendee_model.rowCount())
               if window.attendee_model.row_at(r).family_name == "Takahashi")
    menu = window.attendees.row_menu(table.visualRect(
        window.attendee_model.index(row, 0)).center())
    assert window.attendees.act_export in menu.actions()
    assert window.attendees.act_export.text() == "E&xport itinerary…"
    out, seen = tmp_path / "mine.xlsx", {}
    when_shown(ExportDialog, _fill(out, then=_press("Close"), seen=seen))
    window.attendees.act_export.trigger()
    qtbot.waitUntil(out.exists)
    assert seen["title"] == "Export itinerary"
    assert seen["name"].endswith("HKD-ALB-2026-Takahashi-Masayuki-en.xlsx")
    assert load_workbook(out)["Itinerary"]["A1"].value.startswith(
        "Itinerary for Masayuki Takahashi")


def test_opening_the_result_never_launches_a_program_in_the_tests(qapp, tmp_path):
    assert launch(QUrl.fromLocalFile(str(tmp_path))) is False
