"""A damaged database at start-up: the newest good backup is offered and put in its place, the
damaged file is kept, and declining changes nothing. Real files damaged the way disks damage
them; the start-up question answered with pytest-qt."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

import i18n
from models import repository as repo
from models.store.backup import BackupFailed, auto_backup, backups_dir, list_backups, rotate
from models.store.db import open_database, read_session, write_session
from models.store.errors import NotADatabase
from models.store.recovery import RecoveryFailed, latest_good_backup, replace_damaged
from tests.conftest import run_cli
from tests.dialogs import when_modal
from tests.test_backup import NOW, damage, make_demo_file, scalar
from ui.files.recovery_dialog import offer_backup


def overwrite_start(path) -> None:
    """The first page overwritten (a crashed copy, a stray write): no longer a database."""
    with open(path, "r+b") as f:
        f.write(b"\x00garbage\xff" * 100)


def missions(path) -> list[str]:
    db = open_database(path, now=NOW + timedelta(days=30))
    try:
        with read_session(db.engine) as session:
            return [m.code for m in repo.list_missions(session)]
    finally:
        db.dispose()


def add_mission(path, code: str) -> None:
    db = open_database(path, now=NOW)
    try:
        with write_session(db.engine) as session:
            repo.create_mission(session, code=code, title_en=code, title_ja=code,
                                start_date=NOW.date(), end_date=NOW.date(), home_tz="UTC")
    finally:
        db.dispose()


@pytest.fixture
def damaged(db_templates, tmp_path):
    """A demo database with a good backup from yesterday and one more mission since, then its
    start overwritten."""
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    auto_backup(path, now=NOW - timedelta(days=1), reason="daily")
    add_mission(path, "AFTER-BACKUP")
    overwrite_start(path)
    return path


# the model side ----------------------------------------------------------------------------

def test_the_newest_sound_backup_is_chosen_over_a_newer_damaged_one(db_templates, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    good = auto_backup(path, now=NOW - timedelta(days=3), reason="daily")
    bad = auto_backup(path, now=NOW - timedelta(days=1), reason="daily")
    damage(bad)
    assert latest_good_backup(path).path == good
    damage(good)
    assert latest_good_backup(path) is None


def test_the_backup_replaces_the_damaged_file_which_is_kept_apart(damaged):
    before = damaged.read_bytes()
    with pytest.raises(NotADatabase):
        open_database(damaged)
    kept = replace_damaged(damaged, latest_good_backup(damaged).path, now=NOW)
    assert kept.parent == backups_dir(damaged) and kept.read_bytes() == before
    assert missions(damaged) == ["HKD-ALB-2026"]      # the backup's data: the later one is gone
    if os.name == "posix":
        assert stat.S_IMODE(damaged.stat().st_mode) == 0o600
    # Not a backup: never offered for restoring, never rotated away.
    assert kept not in {b.path for b in list_backups(damaged)}
    for day in range(20):
        auto_backup(damaged, now=NOW + timedelta(days=day + 1), reason="daily")
    rotate(damaged)
    assert kept.exists()


def test_a_failed_copy_puts_the_damaged_file_back_as_it_was(damaged, monkeypatch):
    before = damaged.read_bytes()
    backup = latest_good_backup(damaged).path

    # Simulated: a disk that fills up while the backup is copied in (cannot be made here).
    def full_disk(_src, _dest):
        raise BackupFailed(str(damaged), "No space left on device")

    monkeypatch.setattr("models.store.recovery.make_backup", full_disk)
    with pytest.raises(RecoveryFailed) as raised:
        replace_damaged(damaged, backup, now=NOW)
    assert "No space left" in raised.value.user_message()
    assert damaged.read_bytes() == before
    assert not list(backups_dir(damaged).glob("*.damaged"))


def test_the_first_open_of_a_day_reports_damage_found_by_its_backup(db_templates, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    db = open_database(path, now=NOW + timedelta(days=1))
    assert db.damage == []
    db.dispose()
    damage(path)
    db = open_database(path, now=NOW + timedelta(days=2))
    try:
        assert db.damage and scalar(path, "SELECT count(*) FROM mission") == 1
    finally:
        db.dispose()


# the question at start-up ------------------------------------------------------------------

def click(text: str):
    def act(box) -> None:
        button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
        button.click()
    return act


def test_restoring_at_start_up_opens_the_backup_and_says_where_the_damaged_file_is(
        qtbot, damaged):
    seen = {}

    def answer(box) -> None:
        seen["question"] = box.text()

        def done(info) -> None:
            seen["done"] = info.text()
            info.accept()
        when_modal(done)
        click("Restore the backup")(box)

    when_modal(answer)
    db = offer_backup(damaged, error=NotADatabase(str(damaged)), db=None, opener=open_database)
    try:
        assert "is not a Kakehashi database" in seen["question"]
        assert "holds 1 mission" in seen["question"]
        assert ".damaged" in seen["done"]
        with read_session(db.engine) as session:
            assert [m.code for m in repo.list_missions(session)] == ["HKD-ALB-2026"]
    finally:
        db.dispose()


def test_quitting_at_the_question_changes_nothing(qtbot, damaged):
    before = damaged.read_bytes()
    when_modal(click("Quit"))
    assert offer_backup(damaged, error=NotADatabase(str(damaged)), db=None,
                        opener=open_database) is None
    assert damaged.read_bytes() == before
    assert not list(backups_dir(damaged).glob("*.damaged"))


def test_without_a_good_backup_the_error_is_shown_and_the_app_quits(db_templates, qtbot, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    overwrite_start(path)
    seen = {}

    def read(box) -> None:
        seen["icon"], seen["text"] = box.icon(), box.text()
        box.accept()

    when_modal(read)
    assert offer_backup(path, error=NotADatabase(str(path)), db=None,
                        opener=open_database) is None
    assert seen["icon"] == QMessageBox.Icon.Critical
    assert "is not a Kakehashi database" in seen["text"]


def test_a_damaged_file_that_opens_can_be_kept_working_on(db_templates, qtbot, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    auto_backup(path, now=NOW - timedelta(days=1), reason="daily")
    damage(path)
    db = open_database(path, now=NOW + timedelta(days=1))
    seen = {}

    def keep(box) -> None:
        seen["text"] = box.text()
        click("Keep working on the damaged file")(box)

    when_modal(keep)
    try:
        assert offer_backup(path, error=None, db=db, opener=open_database) is db
        assert "integrity check found" in seen["text"]
    finally:
        db.dispose()


def test_the_question_speaks_japanese(qtbot, damaged):
    i18n.set_language("ja")
    seen = {}

    def read(box) -> None:
        seen["text"] = box.text()
        seen["buttons"] = {b.text() for b in box.buttons()}
        click("終了(Q)")(box)

    when_modal(read)
    assert offer_backup(damaged, error=NotADatabase(str(damaged)), db=None,
                        opener=open_database) is None
    assert "最新の正常なバックアップ" in seen["text"] and "ミッション1件" in seen["text"]
    assert seen["buttons"] == {"バックアップを復元(&R)", "終了(&Q)"}


# the command line --------------------------------------------------------------------------

def test_check_names_the_newest_good_backup_and_verbs_warn_of_damage(db_templates, tmp_path):
    path = make_demo_file(db_templates, tmp_path / "kakehashi.db")
    good = auto_backup(path, now=NOW - timedelta(days=1), reason="daily")
    damage(path)
    result = run_cli("check", "--db", str(path))
    assert result.returncode == 1
    assert f"The newest good backup is {good}" in result.stderr
    # A verb on the damaged file still does what it can, and says the file is damaged.
    result = run_cli("missions", "--db", str(path))
    assert result.returncode == 0 and result.stdout.startswith("HKD-ALB-2026")
    assert "is damaged: the integrity check found" in result.stderr
