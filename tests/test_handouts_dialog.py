"""File > Export handouts… and an attendee's "Export travel pack…": the choices, the preview of
the first page, the PDF and the calendar written, a file that cannot be written sent back."""

from __future__ import annotations

import os
import stat

from icalendar import Calendar
from PySide6.QtWidgets import QMessageBox

import i18n
from tests.dialogs import when_modal
from tests.test_handouts import pdf_text
from ui.files.handouts_dialog import EVERYONE, HandoutsDialog

SHOTS = os.environ.get("KAKEHASHI_SHOTS")     # a folder: save the dialog's picture there


def _fill(path, *, kind="pdf", language="en", who=None, seen=None, then=None):
    def act(dialog: HandoutsDialog) -> None:
        if seen is not None:
            seen["who"] = dialog.who.currentText()
            seen["name"] = dialog.path.text()
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        if who is not None:
            dialog.who.setCurrentIndex(dialog.who.findData(who))
        dialog.update_preview()
        if seen is not None:
            seen["preview"] = dialog.preview.pixmap().toImage()
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, f"handouts-{language}-{kind}.png"))
        dialog.path.setText(str(path))
        when_modal(then or (lambda box: box.accept()), QMessageBox)
        dialog.accept()
    return act


def test_the_file_menu_writes_the_delegations_pack_with_a_preview(qtbot, window, tmp_path):
    assert window.file_actions.act_handouts in window.file_menu.actions()
    out, seen = tmp_path / "pack.pdf", {}
    when_modal(_fill(out, seen=seen), HandoutsDialog)
    window.file_actions.act_handouts.trigger()
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert seen["who"] == "The whole delegation"
    assert seen["name"].endswith("HKD-ALB-2026-en.pdf")
    preview = seen["preview"]
    assert preview.width() >= 300 and preview.height() > preview.width()
    # The preview is a page, not a blank: some of its pixels are dark (the title's text).
    dark = sum(1 for x in range(0, preview.width(), 3) for y in range(0, preview.height() // 3, 3)
               if preview.pixelColor(x, y).lightness() < 100)
    assert dark > 50
    assert "Itinerary of the whole delegation" in pdf_text(out)


def test_an_attendees_context_menu_writes_their_calendar_in_japanese(qtbot, window, tmp_path):
    window.tabs.setCurrentWidget(window.attendees)
    table, model = window.attendees.table, window.attendee_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).family_name == "Takahashi")
    menu = window.attendees.row_menu(table.visualRect(model.index(row, 0)).center())
    assert window.attendees.act_handout in menu.actions()
    out, seen = tmp_path / "mine.ics", {}
    when_modal(_fill(out, kind="ics", language="ja", seen=seen), HandoutsDialog)
    window.attendees.act_handout.trigger()
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert seen["who"] == "Masayuki Takahashi"
    assert seen["name"].endswith("HKD-ALB-2026-Takahashi-Masayuki-en.pdf")
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert "羽田発 ニューヨーク（JFK）行き（NH110便）" in titles


def test_a_read_only_file_sends_the_user_back(qtbot, window, tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"old")
    locked.chmod(stat.S_IRUSR)
    other, seen = tmp_path / "other.pdf", {}

    def warned(box: QMessageBox) -> None:
        seen["warning"] = box.text()
        when_modal(_fill(other, who=EVERYONE), HandoutsDialog)
        box.accept()

    when_modal(_fill(locked, then=warned), HandoutsDialog)
    try:
        window.file_actions.act_handouts.trigger()
        qtbot.waitUntil(other.exists, timeout=30_000)
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert "read-only" in seen["warning"] and locked.read_bytes() == b"old"
    assert pdf_text(other).count("Travel pack for") >= 15


def test_the_dialog_speaks_japanese(qtbot, window, tmp_path):
    i18n.set_language("ja")
    seen = {}
    when_modal(_fill(tmp_path / "ja.pdf", language="ja", seen=seen), HandoutsDialog)
    window.file_actions.act_handouts.trigger()
    qtbot.waitUntil((tmp_path / "ja.pdf").exists, timeout=20_000)
    assert seen["who"] == "訪問団全体"
    assert "訪問団全体の行程表" in pdf_text(tmp_path / "ja.pdf")


def test_name_badges_from_the_dialog_with_their_sheet_as_preview(qtbot, window, tmp_path):
    out, seen = tmp_path / "badges.pdf", {}
    when_modal(_fill(out, kind="badge", seen=seen), HandoutsDialog)
    window.file_actions.act_handouts.trigger()
    qtbot.waitUntil(out.exists, timeout=20_000)
    preview = seen["preview"]
    dark = sum(1 for x in range(0, preview.width(), 2) for y in range(0, preview.height(), 2)
               if preview.pixelColor(x, y).lightness() < 100)
    assert dark > 200                   # ten names in large type
    text = pdf_text(out)
    assert "Masayuki Takahashi" in text and "Itinerary" not in text


def test_the_finished_pack_opens_from_the_message_as_a_workbook_does(qtbot, window, tmp_path,
                                                                   monkeypatch):
    from PySide6.QtCore import QUrl

    from ui.files import export_dialog

    launched, seen = [], {}
    monkeypatch.setattr(export_dialog, "launch", launched.append)
    out = tmp_path / "pack.pdf"

    def open_it(box: QMessageBox) -> None:
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "Open the file").click()

    when_modal(_fill(out, then=open_it), HandoutsDialog)
    window.file_actions.act_handouts.trigger()
    qtbot.waitUntil(lambda: bool(launched), timeout=20_000)
    assert launched == [QUrl.fromLocalFile(str(out))]
    assert seen["text"] == f"Saved as {out}."
