"""An export in Japanese from an English window (ui/files/export_progress.py): the document is
written with `_()` speaking Japanese and each step of its progress runs the event loop; what
the window words meanwhile is in English, and stays so after."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QProgressDialog

import i18n
from documents.handouts import export as handout_export
from documents.workbook.book import Book
from tests.dialogs import when_modal
from tests.test_export_dialog import _fill as fill_workbook
from tests.test_export_dialog import _press
from tests.test_handouts import pdf_text
from tests.test_handouts_dialog import _fill as fill_handouts
from ui.files import export_dialog
from ui.files.handouts_dialog import HandoutsDialog


def _japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


def _panel_reworded_meanwhile(qtbot, window, monkeypatch, owner, name: str):
    """The readiness panel shown, and its rows to be worded again (as a language switch has
    them) just as `owner.name`, a step of the export inside its language, begins: the list
    words its last row to measure itself, then each row it draws, when the loop next runs."""
    window.tabs.setCurrentWidget(window.overview)
    panel = window.readiness_panel
    qtbot.waitUntil(lambda: panel.list.isVisible() and panel.count() > 0)
    real = getattr(owner, name)

    def step(*args, **kwargs):
        assert i18n.current_language() == "ja"        # the document's language, meanwhile
        panel.model.reword()
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, step)
    return panel


def _still_english(qtbot, window, panel) -> None:
    # The progress dialog is a child of the window: once the loop has run, none is left.
    qtbot.waitUntil(lambda: not window.findChildren(QProgressDialog))
    panel.list.viewport().repaint()
    texts = panel.texts()
    assert texts and not any(_japanese(t) for t in texts), texts
    assert i18n.current_language() == "en" and window.file_menu.title() == "&File"


def test_a_japanese_pack_leaves_what_the_window_words_meanwhile_english(qtbot, window, tmp_path,
                                                                      monkeypatch):
    panel = _panel_reworded_meanwhile(qtbot, window, monkeypatch, handout_export, "write_pdf")
    out = tmp_path / "ja.pdf"
    when_modal(fill_handouts(out, language="ja"), HandoutsDialog)
    window.file_actions.act_handouts.trigger()
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert "訪問団全体の行程表" in pdf_text(out)
    _still_english(qtbot, window, panel)


def test_a_japanese_workbook_leaves_what_the_window_words_meanwhile_english(qtbot, window,
                                                                          tmp_path, monkeypatch):
    panel = _panel_reworded_meanwhile(qtbot, window, monkeypatch, Book, "write")
    monkeypatch.setattr(export_dialog, "launch", lambda url: None)
    out = tmp_path / "ja.xlsx"
    when_modal(fill_workbook(out, "ja", then=_press("Open the folder")),
               export_dialog.ExportDialog)
    assert export_dialog.run_export(window.ctx) == out
    assert load_workbook(out).sheetnames[2] == "行程"
    _still_english(qtbot, window, panel)
