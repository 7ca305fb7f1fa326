"""Read-only files and folders, a full disk, a busy file: a clear message, and nothing changes."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import date

import pytest
from sqlalchemy import event

from models import repository as repo
from models.store.db import open_database, read_session, write_session
from models.store.errors import DiskFull, ReadOnlyDatabase

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _add_org(db, name: str) -> None:
    with write_session(db.engine) as session:
        repo.create_organization(session, name_en=name)


def _names(db) -> list[str]:
    with read_session(db.engine) as session:
        return [o.name_en for o in repo.list_organizations(session)]


def test_a_file_marked_read_only_opens_read_only_and_refuses_writes(demo_db):
    path = demo_db.path
    demo_db.dispose()
    os.chmod(path, stat.S_IRUSR)
    try:
        db = open_database(path)
        assert db.read_only
        before = _names(db)
        assert before  # still readable
        with pytest.raises(ReadOnlyDatabase) as err:
            _add_org(db, "Should not be saved")
        assert str(path) in err.value.user_message()
        assert _names(db) == before
        db.dispose()
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_a_database_in_a_read_only_folder_can_still_be_read(demo_db, tmp_path):
    folder = tmp_path / "cdrom"
    folder.mkdir()
    demo_db.dispose()
    target = folder / "mission.db"
    shutil.copy(demo_db.path, target)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        db = open_database(target)
        assert db.read_only
        with read_session(db.engine) as session:
            assert repo.list_missions(session)[0].code == "HKD-ALB-2026"
        with pytest.raises(ReadOnlyDatabase):
            _add_org(db, "x")
        db.dispose()
        assert sorted(p.name for p in folder.iterdir()) == ["mission.db"]
    finally:
        os.chmod(folder, stat.S_IRWXU)


def test_no_new_database_is_made_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ReadOnlyDatabase):
            open_database(folder / "new.db")
    finally:
        os.chmod(folder, stat.S_IRWXU)


def test_a_full_disk_rolls_the_change_back_and_says_so(demo_db):
    # SQLite's page limit produces the same SQLITE_FULL error a full disk does.
    with demo_db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(demo_db.engine, "connect")
    def _full(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    demo_db.engine.dispose()  # new connections pick the limit up
    before = _names(demo_db)
    with pytest.raises(DiskFull) as err:
        with write_session(demo_db.engine) as session:
            mission = repo.create_mission(session, code="BIG-1", title_en="Big" * 10_000,
                                          title_ja="", start_date=date(2027, 1, 1),
                                          end_date=date(2027, 1, 2), home_tz="Asia/Tokyo")
            for i in range(400):
                repo.create_organization(session, name_en=f"Org {i} " + "x" * 2000)
            assert mission
    assert "disk is full" in err.value.user_message()
    assert _names(demo_db) == before
    with read_session(demo_db.engine) as session:
        assert repo.get_mission_by_code(session, code="BIG-1") is None


def test_a_read_only_folder_with_a_wal_shows_the_newest_data_from_a_copy(demo_db, tmp_path):
    """A crash left changes in the -wal and the folder is read-only (a CD, a locked share):
    opened as it is, SQLite would ignore the WAL and show an older state without a word."""
    import sqlite3

    demo_db.dispose()
    folder = tmp_path / "share"
    folder.mkdir()
    writer = sqlite3.connect(demo_db.path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE mission SET title_en = 'Only in the WAL'")
    writer.commit()
    for suffix in ("", "-wal"):     # as a crash leaves them: the change only in the -wal
        shutil.copy(f"{demo_db.path}{suffix}", folder / f"mission.db{suffix}")
    writer.close()
    target = folder / "mission.db"
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        before = sorted(p.name for p in folder.iterdir())
        db = open_database(target)
        assert db.read_only and "-wal" in db.notice and str(target) in db.notice
        with read_session(db.engine) as session:
            assert repo.list_missions(session)[0].title_en == "Only in the WAL"
        with pytest.raises(ReadOnlyDatabase):
            _add_org(db, "x")
        copy = db.copy_folder
        assert copy is not None and stat.S_IMODE(copy.stat().st_mode) == 0o700
        db.dispose()
        assert not copy.exists()
        assert sorted(p.name for p in folder.iterdir()) == before == ["mission.db",
                                                                      "mission.db-wal"]
    finally:
        os.chmod(folder, stat.S_IRWXU)
