"""Backups, restore, the health check and compacting: real SQLite files, a fake clock, the
command line run as a user runs it, and the restore dialog driven with pytest-qt."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import threading
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models import repository as repo
from models.demo import seed_demo
from models.store.backup import (
    BackupFailed,
    DamagedBackup,
    UpgradeNeedsBackup,
    auto_backup,
    backups_dir,
    check_database,
    compact,
    list_backups,
    make_backup,
    restore_backup,
)
from models.store.db import SCHEMA_HEAD, open_database, read_session, upgrade, write_session
from models.store.errors import NotADatabase
from tests.conftest import run_cli
from tests.dialogs import when_modal
from ui.files.restore_dialog import format_made, format_size

NOW = datetime(2026, 11, 27, 20, 35, 1)


def names(db_path) -> list[str]:
    return sorted(p.name for p in backups_dir(db_path).iterdir())


def scalar(path, sql: str):
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchone()[0]


def make_demo_file(templates, path):
    """A file at `path` as a new file seeded with the demo leaves it (no backups yet): a copy of
    the session's template (tests/conftest.py), not seeded again (half a second each)."""
    shutil.copy(templates["demo"], path)
    return path


def damage(path) -> None:
    """Overwrite bytes in the middle of a data page, as a failing disk would."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # every page in the file itself, no WAL
        root = conn.execute("SELECT rootpage FROM sqlite_master "
                            "WHERE name='item_participant'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:
        # The page's end: where its cells are, whether the table has one page or more (its
        # root then an interior page holding a few cells).
        f.seek(root * page_size - 512)
        f.write(b"\xff" * 512)


# rotation ----------------------------------------------------------------------------------
def test_sixty_days_of_daily_opens_keep_seven_days_and_four_weeks(tmp_path):
    path = tmp_path / "kakehashi.db"
    db = open_database(path, now=datetime(2026, 9, 28, 9, 0))
    seed_demo(db.engine)
    db.dispose()
    assert not backups_dir(path).exists(), "a brand-new file is not backed up"
    for i in range(60):  # Tue Sep 29 .. Fri Nov 27, opened morning and evening
        day = date(2026, 9, 29) + timedelta(days=i)
        for hour in (9, 18):
            open_database(path, now=datetime(day.year, day.month, day.day, hour)).dispose()
    kept = [f"kakehashi-202611{d:02}-090000-daily.db" for d in (1, 8, 15, 20, *range(21, 28))]
    assert names(path) == kept  # Sundays of ISO weeks 44-46, Fri of week 47, then Nov 21-27


def test_rotation_counts_days_that_have_backups_and_keeps_the_newest_of_each(db_templates,
                                                                             tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    days = ["2025-12-01", "2025-12-08", "2025-12-15", "2025-12-16", "2025-12-22",
            "2025-12-29", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-19",
            "2026-02-02", "2026-02-03", "2026-02-04"]
    for day in days:
        assert auto_backup(path, now=datetime.fromisoformat(f"{day}T09:00"), reason="daily")
    assert auto_backup(path, now=datetime(2026, 2, 4, 12), reason="daily") is None
    auto_backup(path, now=datetime(2026, 2, 4, 13), reason="migration")
    auto_backup(path, now=datetime(2026, 2, 4, 15), reason="manual")
    assert names(path) == [
        "kakehashi-20251208-090000-daily.db",   # ISO week 2025-W50
        "kakehashi-20251216-090000-daily.db",   # W51: the 16th, not the 15th
        "kakehashi-20251222-090000-daily.db",   # W52
        "kakehashi-20251229-090000-daily.db",   # 2026-W01 (Dec 1 is a fifth week: gone)
        "kakehashi-20260105-090000-daily.db",   # the last 7 days that have a backup ...
        "kakehashi-20260106-090000-daily.db",
        "kakehashi-20260107-090000-daily.db",
        "kakehashi-20260119-090000-daily.db",
        "kakehashi-20260202-090000-daily.db",
        "kakehashi-20260203-090000-daily.db",
        "kakehashi-20260204-130000-migration.db",  # the way back from an upgrade stays
        "kakehashi-20260204-150000-manual.db",  # ... the newest of Feb 4
    ]


def test_a_damaged_file_is_backed_up_but_rotates_no_good_backup_away(db_templates, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    for i in range(10):
        auto_backup(path, now=NOW + timedelta(days=i), reason="daily")
    kept = names(path)
    damage(path)
    made = auto_backup(path, now=NOW + timedelta(days=10), reason="daily")
    assert names(path) == sorted([*kept, made.name])


# making backups ----------------------------------------------------------------------------
def test_backups_are_owner_only_and_list_newest_first(demo_db):
    first = auto_backup(demo_db.path, now=NOW - timedelta(days=1), reason="daily")
    second = auto_backup(demo_db.path, now=NOW, reason="migration")
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(backups_dir(demo_db.path)).st_mode) == 0o700
        for made in (first, second):
            assert stat.S_IMODE(os.stat(made).st_mode) == 0o600
    infos = list_backups(demo_db.path)
    assert [i.path for i in infos] == [second, first]
    assert infos[0].created == NOW and infos[0].reason == "migration"
    assert infos[0].missions == 1 and infos[0].size == second.stat().st_size > 0
    assert second.name == "kakehashi-20261127-203501-migration.db"
    assert not list(backups_dir(demo_db.path).glob("*-wal")), "backups stand alone"


def test_a_backup_taken_while_the_app_writes_has_every_committed_row(demo_db, tmp_path):
    committed, stop = [], threading.Event()

    def writer() -> None:
        while not stop.is_set():
            with write_session(demo_db.engine) as session:
                repo.create_organization(session, name_en=f"Org {len(committed)}")
            committed.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for i in range(5):
            before = len(committed)
            made = make_backup(demo_db.path, tmp_path / f"copy{i}.db")
            after = len(committed)
            assert scalar(made, "PRAGMA integrity_check") == "ok"
            rows = scalar(made, "SELECT count(*) FROM organization WHERE name_en LIKE 'Org %'")
            assert before <= rows <= after + 1  # +1: committed, not yet counted by the writer
    finally:
        stop.set()
        thread.join()
    assert len(committed) > 0


def test_an_uncommitted_transaction_is_not_in_the_backup(demo_db, tmp_path):
    other = sqlite3.connect(demo_db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO organization (name_en, name_ja, uuid) VALUES ('Half', '', "
                      "'00000000-0000-4000-8000-000000000001')")
        made = make_backup(demo_db.path, tmp_path / "copy.db")
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert scalar(made, "SELECT count(*) FROM organization WHERE name_en='Half'") == 0


def test_a_failed_backup_leaves_no_file_behind(tmp_path):
    not_db = tmp_path / "notes.db"
    not_db.write_text("not a database")
    with pytest.raises(BackupFailed):
        make_backup(not_db, tmp_path / "out.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    with pytest.raises(BackupFailed, match="does not exist"):
        make_backup(not_db, tmp_path / "missing" / "out.db")


# opening: a backup before an upgrade, and once a day ----------------------------------------
def old_revision_file(path):
    sqlite3.connect(path).close()
    upgrade(path, "0001")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO mission VALUES (1, 'OLD-1', 'Old', '旧', '2025-12-01', "
                     "'2025-12-05', 'Asia/Tokyo', 'done')")
    return path


def test_opening_an_older_file_backs_it_up_before_the_upgrade(tmp_path):
    path = old_revision_file(tmp_path / "kakehashi.db")
    open_database(path, now=NOW).dispose()
    # Today already has the migration backup: no daily one on top of it.
    assert names(path) == ["kakehashi-20261127-203501-migration.db"]
    made = backups_dir(path) / names(path)[0]
    assert scalar(made, "SELECT version_num FROM alembic_version") == "0001"
    assert scalar(made, "SELECT count(*) FROM mission") == 1
    assert scalar(path, "SELECT version_num FROM alembic_version") == SCHEMA_HEAD


def test_no_upgrade_without_a_backup_but_a_missed_daily_backup_still_opens(db_templates, tmp_path):
    path = old_revision_file(tmp_path / "kakehashi.db")
    backups_dir(path).write_text("a file where the backups folder should be")
    with pytest.raises(UpgradeNeedsBackup) as err:
        open_database(path, now=NOW)
    assert "no backup" in err.value.user_message()
    assert scalar(path, "SELECT version_num FROM alembic_version") == "0001"
    # Its backups folder is blocked too.
    current = make_demo_file(db_templates, tmp_path / "current.db")
    open_database(current, now=NOW + timedelta(days=1)).dispose()  # opens all the same


# restore -------------------------------------------------------------------------------------
def test_restore_brings_back_deleted_data_after_backing_up_the_current_file(demo_db):
    saved = auto_backup(demo_db.path, now=NOW - timedelta(hours=2), reason="daily")
    with read_session(demo_db.engine) as session:
        mission = repo.list_missions(session)[0]
    with write_session(demo_db.engine) as session:
        repo.delete_mission(session, mission_id=mission.id)
    demo_db.dispose()
    safety = restore_backup(demo_db.path, saved, now=NOW)
    assert safety.name == "kakehashi-20261127-203501-before-restore.db"
    assert scalar(safety, "SELECT count(*) FROM mission") == 0  # the state it replaced
    with read_session(demo_db.engine) as session:  # the engine reconnects to the restored file
        assert [m.code for m in repo.list_missions(session)] == ["HKD-ALB-2026"]
    assert saved.exists(), "restoring never deletes a backup"
    assert check_database(demo_db.path) == []


def test_a_damaged_backup_is_refused_and_nothing_changes(demo_db):
    saved = auto_backup(demo_db.path, now=NOW - timedelta(hours=2), reason="daily")
    damage(saved)
    demo_db.dispose()
    before = names(demo_db.path)
    with pytest.raises(DamagedBackup) as err:
        restore_backup(demo_db.path, saved, now=NOW)
    assert "damaged" in err.value.user_message()
    assert names(demo_db.path) == before
    assert scalar(demo_db.path, "SELECT count(*) FROM mission") == 1


# check and compact ---------------------------------------------------------------------------
def test_check_finds_nothing_in_a_healthy_file_and_problems_in_a_damaged_one(db_templates,
                                                                             tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    assert check_database(path) == []
    damage(path)
    assert check_database(path) != []
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(NotADatabase):
        check_database(other)


def test_compact_gives_back_the_space_of_deleted_rows(empty_db):
    # Enough rows that what comes back outweighs the empty schema (about 120 pages with the
    # sync triggers of every mission table).
    with write_session(empty_db.engine) as session:
        for i in range(2000):
            repo.create_organization(session, name_en=f"Organization {i} " + "x" * 400)
    with empty_db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM organization")
    reclaimed = compact(empty_db.engine)
    assert reclaimed > 100_000
    # Checkpointed: the file itself is smaller than what came back, and the WAL is empty.
    assert empty_db.path.stat().st_size < reclaimed
    assert empty_db.path.with_name("kakehashi.db-wal").stat().st_size == 0
    assert check_database(empty_db.path) == []


# the command line ----------------------------------------------------------------------------
def test_the_backup_verb_prints_the_new_file_and_fails_with_one_clear_line(db_templates, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "k.db")
    result = run_cli("backup", "--db", str(path))
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == backups_dir(path) and made.name.endswith("-manual.db")
    assert scalar(made, "SELECT count(*) FROM mission") == 1
    out = tmp_path / "copy.db"
    result = run_cli("--db", str(path), "backup", "--out", str(out))
    assert result.returncode == 0 and result.stdout.strip() == str(out)
    result = run_cli("backup", "--db", str(path), "--out", str(tmp_path / "no" / "x.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"Cannot make a backup of {path}: the folder "
                                      f"{tmp_path / 'no'} does not exist")
    result = run_cli("backup", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1 and "There is no database at" in result.stderr


def test_the_check_verb_says_healthy_or_lists_the_problems(db_templates, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "k.db")
    result = run_cli("check", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path} is healthy: no problems found."
    damage(path)
    result = run_cli("check", "--db", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = result.stdout.strip().splitlines()
    assert problems and f"{path} is damaged: {len(problems)} problem" in result.stderr
    result = run_cli("--lang", "ja", "check", "--db", str(path))
    assert result.returncode == 1 and "破損" in result.stderr
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    result = run_cli("check", "--db", str(text))
    assert result.returncode == 1 and "is not a Kakehashi database" in result.stderr


# the window ----------------------------------------------------------------------------------
def delete_the_mission(window) -> None:
    with write_session(window.db.engine) as session:
        repo.delete_mission(session, mission_id=window.current_mission().id)
    window.reload_missions()
    assert window.mission_list.count() == 0


def test_restore_from_backup_in_the_window_brings_the_mission_back(qtbot, window):
    auto_backup(window.db.path, now=datetime.now() - timedelta(days=1), reason="daily")
    delete_the_mission(window)
    seen = {}

    def confirm(box) -> None:
        seen["question"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    def pick(dialog) -> None:
        seen["rows"] = dialog.table.rowCount()
        seen["cells"] = [dialog.table.item(0, c).text() for c in range(4)]
        dialog.table.selectRow(0)
        when_modal(confirm)
        dialog.restore_button.click()

    when_modal(pick)
    old = window.db
    window.act_restore.trigger()
    try:
        assert seen["rows"] == 1 and seen["cells"][1:3] == ["Daily", "1"]
        assert seen["cells"][3].endswith(" KB") and "backed up first" in seen["question"]
        assert window.db is not old
        assert window.current_mission().code == "HKD-ALB-2026"
        assert window.undo_stack.count() == 0
        reasons = [b.reason for b in list_backups(window.db.path)]
        assert reasons == ["before-restore", "daily"]
    finally:
        window.db.dispose()


def test_a_failed_restore_in_the_window_says_why_and_keeps_the_data(qtbot, window):
    saved = auto_backup(window.db.path, now=datetime.now() - timedelta(days=1), reason="daily")
    damage(saved)
    seen = {}

    def error(box) -> None:
        seen["error"] = box.text()
        box.accept()

    def confirm(box) -> None:
        when_modal(error)
        box.button(QMessageBox.StandardButton.Yes).click()

    def pick(dialog) -> None:
        when_modal(confirm)
        dialog.restore_button.click()

    when_modal(pick)
    old = window.db
    window.act_restore.trigger()
    assert "damaged and cannot be restored" in seen["error"]
    assert window.db is old
    window.reload_missions()
    assert window.current_mission().code == "HKD-ALB-2026"


def test_compact_in_the_window_says_how_much_space_came_back(qtbot, window):
    with write_session(window.db.engine) as session:
        for i in range(300):
            repo.create_organization(session, name_en=f"Bulk {i} " + "x" * 400)
    with window.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM organization WHERE name_en LIKE 'Bulk %'")
    seen = {}

    def read(box) -> None:
        seen["text"] = box.text()
        box.accept()

    when_modal(read)
    window.act_compact.trigger()
    assert seen["text"].startswith("The database was compacted: ")
    assert seen["text"].endswith(" KB of space reclaimed.")
    assert window.current_mission().code == "HKD-ALB-2026"


def test_backup_dates_and_sizes_follow_the_language():
    import i18n

    assert format_made(NOW) == "Fri, Nov 27, 2026 8:35\u202fPM"
    assert format_size(150 * 1024) == "150 KB" and format_size(3 * 1024 ** 2) == "3 MB"
    i18n.set_language("ja")
    assert format_made(NOW) == "2026年11月27日(金) 20:35"
