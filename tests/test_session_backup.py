"""Backups a session makes itself: a minute after its first edit and on close, at most one an
hour, so a new file's first day of work has a copy to restore."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import i18n
from models.store.backup import list_backups, session_backup, verify_backup
from tests.test_change_flow import edit_title


def test_a_session_backup_waits_an_hour_after_the_newest_backup(empty_db):
    path, noon = empty_db.path, datetime(2026, 12, 1, 12)
    made = session_backup(path, now=noon, reason="edits")
    assert made is not None and made.name.endswith("-edits.db")
    assert session_backup(path, now=noon + timedelta(minutes=59), reason="close") is None
    later = session_backup(path, now=noon + timedelta(minutes=61), reason="close")
    assert later is not None and later.name.endswith("-close.db")
    assert [b.reason for b in list_backups(path)] == ["close"]   # the day keeps its newest
    verify_backup(later)


def test_the_first_edits_of_a_new_file_are_backed_up_and_again_on_close(qtbot, window):
    backups = window.file_actions.session_backups
    assert list_backups(window.db.path) == [] and not backups.timer.isActive()
    window.tabs.setCurrentWidget(window.attendees)
    pid = window.attendee_model.rows()[0].participant_id
    edit_title(window, pid, "Chief negotiator")
    assert backups.timer.isActive() and backups.timer.interval() == 60_000
    edit_title(window, pid, "Chief negotiator, again")      # one copy for the first edits
    backups.timer.timeout.emit()                             # the minute has passed
    qtbot.waitUntil(lambda: bool(backups.made), timeout=10_000)    # made on a worker thread
    [made] = list_backups(window.db.path)
    assert made.reason == "edits" and made.path == backups.made[0]
    with sqlite3.connect(made.path) as conn:                 # the edit is in the copy
        titles = {t for (t,) in conn.execute("SELECT title_en FROM person")}
    assert "Chief negotiator, again" in titles
    assert "Backup made" in window.statusBar().currentMessage()
    window.close()                                           # within the hour: no second copy
    assert len(list_backups(window.db.path)) == 1


def test_a_session_with_no_edit_makes_no_backup_on_close(qtbot, window):
    window.close()
    assert list_backups(window.db.path) == []


def test_a_backup_that_fails_is_said_in_the_windows_language(qtbot, window):
    # Worded on the GUI thread: the worker's `_()` would speak whatever language the GUI
    # thread has in force meanwhile (a document's, while one in Japanese is written).
    (Path(window.db.path).parent / "backups").write_text("a file where the folder goes")
    backups = window.file_actions.session_backups
    with i18n.temporary_language("ja"):
        backups.timer.timeout.emit()                         # the minute has passed
        backups.worker.join()                                # failed while Japanese was on
    qtbot.waitUntil(lambda: "No backup could be made" in window.statusBar().currentMessage())
    assert backups.made == [] and i18n.current_language() == "en"
