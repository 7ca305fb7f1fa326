"""Dietary codes edited in the attendee dialog: picked with a severity each by keyboard alone,
kept when the free text changes afterwards, handed back to the text on request, stored as
chosen, and undone with the rest of the dialog's edit. Real widgets offscreen, a real demo
database behind the window."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import i18n
from models import repository as repo
from models.attendees import get_attendee
from models.dietary import decode
from models.store.db import read_session
from ui.attendees.attendee_dialog import AttendeeDialog
from ui.attendees.commands import EditAttendee


def _dialog(qtbot, data=None):
    dialog = AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"JP", "US"},
                            data=data, editing=data is not None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _pick(combo, text: str) -> None:
    """Choose an entry by typing its first letters, as a keyboard user does (after a pause:
    letters typed in quick succession continue the previous search)."""
    QTest.qWait(QApplication.keyboardInputInterval() + 50)
    combo.setFocus()
    QTest.keyClicks(combo, text)


def _shown(dialog) -> list[str]:
    codes = dialog.dietary_codes.list
    return [codes.item(n).text() for n in range(codes.count())]


def test_codes_follow_the_text_until_picked_by_hand(qtbot):
    i18n.set_language("en")
    dialog = _dialog(qtbot)
    dialog.fields["dietary"].setText("Peanut allergy, severe")
    assert _shown(dialog) == ["Peanut — Severe allergy (carries an auto-injector)"]
    editor = dialog.dietary_codes
    _pick(editor.code, "Egg")
    _pick(editor.severity, "Intolerance")
    editor.add.setFocus()
    QTest.keyClick(editor.add, Qt.Key.Key_Space)
    assert [(n.code, n.severity) for n in editor.needs()] == [("peanut", "severe"),
                                                              ("egg", "intolerance")]
    # Chosen by hand: more free text no longer rewrites them.
    dialog.fields["dietary"].setText("Peanut allergy, severe; halal")
    assert [n.code for n in editor.needs()] == ["peanut", "egg"]
    # The same need again changes its severity rather than listing it twice.
    editor.list.setCurrentRow(1)
    _pick(editor.severity, "Allergy")
    QTest.keyClick(editor.add, Qt.Key.Key_Space)
    assert [(n.code, n.severity) for n in editor.needs()][1] == ("egg", "allergy")
    # Delete on the list removes the chosen need.
    editor.list.setFocus()
    editor.list.setCurrentRow(0)
    QTest.keyClick(editor.list, Qt.Key.Key_Delete)
    assert [n.code for n in editor.needs()] == ["egg"]
    person = dialog.attendee().person
    assert person["dietary_codes"] == "egg:allergy"
    assert person["dietary_note"] == ""                   # both parts of the text were read
    # "Read from the text" hands the codes back to the text.
    QTest.keyClick(editor.read, Qt.Key.Key_Space)
    assert [n.code for n in editor.needs()] == ["peanut", "halal"]
    dialog.fields["dietary"].setText("vegan")
    assert [n.code for n in editor.needs()] == ["vegan"]


def test_the_editor_speaks_japanese(qtbot):
    i18n.set_language("ja")
    try:
        dialog = _dialog(qtbot)
        dialog.fields["dietary"].setText("えびアレルギー（重度）")
        assert _shown(dialog) == ["えび（重度のアレルギー（エピペン携帯））"]
        assert dialog.dietary_codes.add.text() == "追加・変更"
        assert dialog.dietary_codes.read.text() == "記述から読み取る"
        assert dialog.labels["dietary_codes"].text() == "区分と程度"
    finally:
        i18n.set_language("en")


def test_a_dialog_edit_of_codes_is_stored_as_chosen_and_undone(qtbot, window):
    with read_session(window.db.engine) as session:
        row = next(r for r in repo.list_attendees(session, mission_id=window.mission_id)
                   if r.family_name == "Miller")
        before = get_attendee(session, participant_id=row.participant_id)
    assert [n.code for n in decode(before.person["dietary_codes"])] == ["no_pork"]
    dialog = _dialog(qtbot, before)
    editor = dialog.dietary_codes
    _pick(editor.code, "Sesame")
    _pick(editor.severity, "Severe")
    QTest.keyClick(editor.add, Qt.Key.Key_Space)
    after = dialog.attendee()
    assert window.run_command(EditAttendee(window.db.engine, window.events, window.mission_id,
                                           row.participant_id, before, after, ""))
    with read_session(window.db.engine) as session:
        stored = get_attendee(session, participant_id=row.participant_id).person
    assert stored["dietary_codes"] == "no_pork:preference,sesame:severe"
    assert stored["dietary"] == "no pork"                 # the free text as it was
    window.undo()
    with read_session(window.db.engine) as session:
        undone = get_attendee(session, participant_id=row.participant_id).person
    assert undone["dietary_codes"] == before.person["dietary_codes"]
    window.redo()
    with read_session(window.db.engine) as session:
        redone = get_attendee(session, participant_id=row.participant_id).person
    assert redone["dietary_codes"] == "no_pork:preference,sesame:severe"
