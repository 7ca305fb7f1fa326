"""Never lose an edit: when saving a dialog fails (a full disk), the user is told why and the
dialog opens again with everything typed in it; once there is room, the same OK saves it."""

from __future__ import annotations

from sqlalchemy import event

from models import repository as repo
from models.store.db import read_session
from tests.dialogs import when_modal

LONG_NOTES = "Allergic to shellfish; needs a ground-floor room. " * 1000   # ~50 KB: new pages


def fill_disk(db):
    """SQLite's page limit raises the same SQLITE_FULL a full disk does; returns `free()`."""
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    event.listen(db.engine, "connect", limit)
    db.engine.dispose()  # new connections pick the limit up

    def free() -> None:
        event.remove(db.engine, "connect", limit)
        db.engine.dispose()
    return free


def test_a_failed_save_reopens_the_attendee_dialog_with_what_was_typed(qtbot, window):
    free = fill_disk(window.db)
    seen: dict = {}

    def again(dialog) -> None:
        seen["reopened"] = (dialog.fields["family_name"].text(), dialog.notes.toPlainText())
        dialog.accept()

    def error(box) -> None:
        seen["error"] = box.text()
        free()                           # room again: the next OK can save
        when_modal(again)
        box.accept()

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.fields["family_name"], "Okafor")
        qtbot.keyClicks(dialog.fields["given_name"], "Chidi")
        dialog.notes.setPlainText(LONG_NOTES)
        when_modal(error)
        dialog.accept()

    when_modal(fill)
    window.attendee_actions.add()
    assert "disk is full" in seen["error"]
    assert seen["reopened"] == ("Okafor", LONG_NOTES)
    with read_session(window.db.engine) as session:
        rows = repo.list_attendees(session, mission_id=window.mission_id)
    assert [r.given_name for r in rows if r.family_name == "Okafor"] == ["Chidi"]
    assert window.undo_stack.count() == 1       # one step: the save that worked


def test_cancelling_after_a_failed_save_changes_nothing(qtbot, window):
    fill_disk(window.db)
    before = window.current_mission().title_en
    seen: dict = {}

    def again(dialog) -> None:
        seen["reopened"] = dialog.title_en.text()
        dialog.reject()

    def error(box) -> None:
        when_modal(again)
        box.accept()

    def edit(dialog) -> None:
        dialog.title_en.setText("Big " * 5000)
        when_modal(error)
        dialog.accept()

    when_modal(edit)
    window.mission_actions.edit_mission()
    assert seen["reopened"] == "Big " * 5000
    window.reload_missions()
    assert window.current_mission().title_en == before
    assert window.undo_stack.count() == 0


def test_a_failed_import_opens_the_preview_again(qtbot, window, tmp_path):
    from tests.test_roster_import import write_roster
    from ui.attendees.import_dialog import run_import

    path = write_roster(tmp_path / "big.xlsx", ["Family name", "Given name", "Notes"],
                        [["Okafor", f"Guest{i}", LONG_NOTES] for i in range(3)])
    free = fill_disk(window.db)
    seen: dict = {}

    def again(dialog) -> None:
        seen["rows"] = len(dialog.import_rows())
        dialog.accept()

    def error(box) -> None:
        seen["error"] = box.text()
        free()
        when_modal(again)
        box.accept()

    def confirm(dialog) -> None:
        when_modal(error)
        dialog.accept()

    when_modal(confirm)
    assert run_import(window.ctx, path)
    assert "disk is full" in seen["error"] and seen["rows"] == 3
    with read_session(window.db.engine) as session:
        rows = repo.list_attendees(session, mission_id=window.mission_id)
    assert sum(r.family_name == "Okafor" for r in rows) == 3
