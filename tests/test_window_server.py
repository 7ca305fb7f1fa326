"""The window on a PostgreSQL database (a real server the tests start, tests/postgres.py):
the missions, tabs, edits and undo work as on a file; backups, compaction and the watch for
other programs' changes are a file's, so they are off, each saying why."""

from __future__ import annotations

import pytest

from models import repository as repo
from models.store.db import open_database, read_session
from tests.conftest import run_main
from tests.dialogs import when_modal
from ui.window.main_window import MainWindow

CODE = "HKD-ALB-2026"


@pytest.fixture
def server_db(pg_server):
    db = open_database(pg_server.new_database("template_demo"))
    yield db
    db.dispose()


@pytest.fixture
def server_window(qtbot, server_db, settings, qt_language):
    win = MainWindow(server_db, settings)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    win.readiness.flush()
    yield win
    win.close()


def test_the_window_shows_and_edits_a_server_database_with_undo(qtbot, server_window):
    win = server_window
    assert win.current_mission().code == CODE
    win.tabs.setCurrentWidget(win.attendees)
    assert win.attendee_model.rowCount() == 21
    win.tabs.setCurrentWidget(win.itinerary)
    assert win.item_model.rowCount() >= 20
    win.tabs.setCurrentWidget(win.meetings_tab)

    def edit(dialog):
        dialog.title_en.setText("Renamed on the server")
        dialog.accept()

    when_modal(edit)
    win.mission_actions.edit_mission()
    with read_session(win.db.engine) as session:
        assert repo.get_mission_by_code(session, code=CODE).title_en == "Renamed on the server"
    win.undo_stack.undo()
    with read_session(win.db.engine) as session:
        assert repo.get_mission_by_code(session, code=CODE).title_en != "Renamed on the server"
    assert win.overview.values["title"].text() == "Hokkaido-Albany Semiconductor Mission 2026"
    assert win.readiness.runs >= 1 and win.readiness_panel.count() > 0   # checks ran


def test_file_only_actions_are_off_with_the_reason_and_nothing_watches_or_backs_up(
        qtbot, server_window):
    win = server_window
    for action in (win.act_restore, win.act_compact):
        assert not action.isEnabled()
        assert "Not for a server database" in action.toolTip()
        assert "pg_dump" in action.statusTip()
    assert win.file_menu.toolTipsVisible()
    assert win.file_actions.act_save_mission.isEnabled()      # not the file store's
    assert win.file_actions.act_open_mission.isEnabled()
    assert not win.external.timer.isActive()
    win.hide()
    win.show()                  # shown again: the watch still does not start
    assert not win.external.timer.isActive()

    def edit(dialog):
        dialog.title_en.setText("Edited")
        dialog.accept()

    when_modal(edit)
    win.mission_actions.edit_mission()
    assert not win.file_actions.session_backups.timer.isActive()
    win.close()
    assert win.file_actions.session_backups.made == []


def test_the_about_box_names_the_server_without_its_password(qtbot, server_window, pg_server):
    seen = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()))
    server_window.show_about()
    assert f"127.0.0.1:{pg_server.port}" in seen[0] and "postgresql://" in seen[0]


def test_main_opens_the_window_on_a_server(pg_server, tmp_path):
    url = pg_server.new_database("template_demo")
    result = run_main("--db", url, "--smoke-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "log" / "kakehashi.log").read_text(encoding="utf-8")
    assert f"Opened {url}" in log


def test_an_unreachable_server_is_a_clear_message_in_the_window(tmp_path):
    result = run_main("--db", "postgresql://postgres@127.0.0.1:1/none", "--smoke-test",
                      tmp_path=tmp_path)
    assert result.returncode == 1
    assert "Cannot open the database postgresql://postgres@127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.stderr


def test_opening_a_server_teaches_the_redactor_its_values(pg_server):
    from sqlalchemy import select

    from models import redaction
    from models.entities import Person

    url = pg_server.new_database("template_demo")
    redaction.forget_all()
    db = open_database(url)
    try:
        with read_session(db.engine) as session:
            numbers = [n for n in session.execute(select(Person.passport_number)).scalars() if n]
        assert numbers
        assert all(n not in redaction.redact(f"row: {n};") for n in numbers)
    finally:
        db.dispose()


def test_a_server_database_is_not_shared_or_synced_from_itself(server_window, server_db):
    from models.sync import (
        NotALaptop,
        NotShared,
        last_changed,
        share_mission,
        shared_codes,
        sync_status,
    )

    engine = server_db.engine
    assert shared_codes(engine) == []
    with pytest.raises(NotShared):
        sync_status(engine, "HKD-ALB-2026")
    assert last_changed(engine, "people", "00000000-0000-0000-0000-000000000000") is None
    with pytest.raises(NotALaptop) as refused:
        share_mission(engine, "HKD-ALB-2026", "postgresql://elsewhere/db", organizer="alice")
    assert "server" in refused.value.user_message()
