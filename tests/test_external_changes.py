"""Another program changing the open database (the import verb in a terminal) is noticed: the
window shows the new data, says so, and drops undo steps that would overwrite it. The window's
own changes are not taken for someone else's."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from models import repository as repo
from models.store.db import open_database, read_session, write_session
from tests.conftest import run_main
from tests.dialogs import when_modal
from tests.test_roster_import import write_roster
from ui.missions.commands import EditMission

CODE = "HKD-ALB-2026"


def attendee_count(window) -> int:
    return window.attendee_model.total_count()


def test_an_import_from_the_command_line_shows_up_and_ends_the_undo_history(
        qtbot, window, tmp_path):
    window.tabs.setCurrentWidget(window.attendees)
    before = attendee_count(window)
    # The window's own change first: it must not be taken for someone else's.
    with read_session(window.db.engine) as session:
        mission = repo.get_mission_by_code(session, code=CODE)
    window.run_command(EditMission(window.db.engine, window.events, mission,
                                   {"code": CODE, "title_en": "Renamed"}, []))
    window.external.poll()
    assert window.undo_stack.count() == 1 and window.statusBar().currentMessage() == ""

    roster = write_roster(tmp_path / "late.xlsx", ["Family name", "Given name", "E-mail"],
                          [["Tanaka", "Late", "late@example.jp"]])
    result = run_main("import-attendees", CODE, str(roster), "--db", str(window.db.path),
                      tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert attendee_count(window) == before            # not noticed yet
    window.external.poll()
    assert attendee_count(window) == before + 1
    assert "changed outside this window" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


def test_the_window_notices_by_itself_within_its_poll(qtbot, window, tmp_path):
    window.tabs.setCurrentWidget(window.attendees)
    window.external.timer.setInterval(50)
    roster = write_roster(tmp_path / "late.xlsx", ["Family name", "Given name", "E-mail"],
                          [["Suzuki", "Later", "later@example.jp"]])
    before = attendee_count(window)
    assert run_main("import-attendees", CODE, str(roster), "--db", str(window.db.path),
                    tmp_path=tmp_path).returncode == 0
    qtbot.waitUntil(lambda: attendee_count(window) == before + 1, timeout=5000)


def test_an_undo_that_clashes_with_another_programs_write_is_refused_with_a_message(
        qtbot, window):
    """Before the next poll: another program takes the id of the person whose removal the
    user then undoes. The undo is refused cleanly, and stays on the stack."""
    window.tabs.setCurrentWidget(window.attendees)
    rows = window.attendee_model.rows()
    victim = rows[0]
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.attendee_actions.delete(victim.participant_id)
    other = open_database(window.db.path)           # the other program's own engine
    with write_session(other.engine) as session:
        repo.create_person(session, id=victim.person_id, family_name="Other",
                           given_name="Program")
    other.dispose()
    seen = {}
    when_modal(lambda box: (seen.setdefault("text", box.text()), box.accept()))
    window.act_undo.trigger()
    assert "clashes with data changed meanwhile" in seen["text"]
    assert window.undo_stack.index() == 1            # still there to try again, not undone
