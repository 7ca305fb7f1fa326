"""File > Save mission as file… and File > Open mission file… in the window: the tick box for
sensitive fields, the list of changes shown before anything is written, a new code asked for
when the file's is taken, one undo step."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtWidgets import QInputDialog, QMessageBox

from documents.mission_file import read_document
from tests.dialogs import when_modal
from tests.test_mission_file import another_mission
from tests.test_window import switch_language
from ui.files.mission_file_dialog import ChangesDialog, SaveMissionDialog, open_mission

CODE = "HKD-ALB-2026"


def _save(window, path, *, sensitive: bool, shots=None) -> None:
    def fill(dialog: SaveMissionDialog) -> None:
        dialog.path.setText(str(path))
        dialog.sensitive.setChecked(sensitive)
        if shots is not None:
            dialog.grab().save(str(shots))
        dialog.accept()

    when_modal(fill, SaveMissionDialog)
    window.file_actions.act_save_mission.trigger()


def _rewrite(path, out, change) -> None:
    document = read_document(path)
    change(document)
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("kakehashi-mission", "1\n")
        book.writestr("mission.json", json.dumps(document))


def test_save_then_open_a_changed_copy_lists_the_changes_and_undoes_in_one_step(
        qtbot, window, tmp_path):
    path = tmp_path / "m.kakehashi"
    _save(window, path, sensitive=False, shots="/tmp/wt15-save-en.png")
    assert "passport_number" not in read_document(path)["people"][0]
    _save(window, path, sensitive=True)
    assert "passport_number" in read_document(path)["people"][0]

    changed = tmp_path / "changed.kakehashi"
    _rewrite(path, changed, lambda d: d["mission"].update(title_en="Renamed by Albany"))
    seen = {}

    def look(dialog: ChangesDialog) -> None:
        seen["lines"] = dialog.list.toPlainText().splitlines()
        dialog.grab().save("/tmp/wt15-changes-en.png")
        dialog.accept()

    when_modal(look, ChangesDialog)
    assert open_mission(window.ctx, changed)
    assert any(line.endswith("→ Renamed by Albany") for line in seen["lines"])
    assert len(seen["lines"]) == 1
    assert window.current_mission().title_en == "Renamed by Albany"
    assert window.act_undo.text() == "&Undo: Open mission file changed.kakehashi"
    window.act_undo.trigger()
    assert window.current_mission().title_en != "Renamed by Albany"
    window.act_redo.trigger()
    assert window.current_mission().title_en == "Renamed by Albany"


def test_a_taken_code_is_asked_for_and_the_new_mission_shown(qtbot, window, tmp_path):
    path = tmp_path / "m.kakehashi"
    _save(window, path, sensitive=False)
    other = tmp_path / "other.kakehashi"
    moved = another_mission(read_document(path))
    _rewrite(path, other, lambda d: d.update(moved))

    def code(dialog: QInputDialog) -> None:
        dialog.setTextValue("ALB-COPY")
        when_modal(lambda d: d.accept(), ChangesDialog)
        dialog.accept()

    when_modal(code, QInputDialog)
    assert open_mission(window.ctx, other)
    assert window.mission_list.count() == 2
    window.act_undo.trigger()
    assert window.mission_list.count() == 1


def test_a_damaged_file_says_so_and_changes_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "bad.kakehashi"
    bad.write_bytes(b"PK\x03\x04 not really")
    seen = {}

    def look(box: QMessageBox) -> None:
        seen["text"] = box.text()
        box.accept()

    when_modal(look, QMessageBox)
    assert not open_mission(window.ctx, bad)
    assert "damaged or incomplete" in seen["text"]
    assert window.undo_stack.count() == 0


def test_the_dialogs_speak_japanese(qtbot, window, tmp_path):
    switch_language(qtbot, window, "ja")
    assert window.file_actions.act_save_mission.text() == "ミッションをファイルに保存(&S)…"
    seen = {}

    def look(dialog: SaveMissionDialog) -> None:
        seen["title"], seen["tick"] = dialog.windowTitle(), dialog.sensitive.text()
        dialog.grab().save("/tmp/wt15-save-ja.png")
        dialog.path.setText(str(tmp_path / "m.kakehashi"))
        dialog.accept()

    when_modal(look, SaveMissionDialog)
    window.file_actions.act_save_mission.trigger()
    assert seen == {"title": "ミッションをファイルに保存", "tick": "機微情報を含める(&I)"}
    changed = tmp_path / "changed.kakehashi"
    _rewrite(tmp_path / "m.kakehashi", changed,
             lambda d: d["mission"].update(title_ja="新しい題名"))

    def changes(dialog: ChangesDialog) -> None:
        seen["lines"] = dialog.list.toPlainText()
        dialog.grab().save("/tmp/wt15-changes-ja.png")
        dialog.reject()

    when_modal(changes, ChangesDialog)
    assert not open_mission(window.ctx, changed)
    assert seen["lines"].startswith("ミッション HKD-ALB-2026: title_ja:")
