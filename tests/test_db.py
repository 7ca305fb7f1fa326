"""The database file: connection settings, foreign keys, write locks, migrations, bad files."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from models import repository as repo
from models.entities import Participant
from models.store.db import (
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    open_database,
    read_session,
    upgrade,
    write_session,
)
from models.store.errors import Conflict, FolderMissing, NewerDatabase, NotADatabase


def test_every_connection_enforces_foreign_keys_wal_and_full_sync(empty_db):
    with empty_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_participant_of_a_missing_mission_is_refused(empty_db):
    with pytest.raises(Conflict) as refused:
        with write_session(empty_db.engine) as session:
            session.add(Participant(mission_id=999, person_id=999, role="delegate",
                                    status="invited"))
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert "FOREIGN KEY" in refused.value.user_message()


def test_deleting_a_mission_cascades_to_its_participants_and_items(demo_db):
    with read_session(demo_db.engine) as session:
        mission = repo.list_missions(session)[0]
    with write_session(demo_db.engine) as session:
        repo.delete_mission(session, mission_id=mission.id)
    with demo_db.engine.connect() as conn:
        for table in ("participant", "itinerary_item", "item_participant", "mission_organizer"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
        # Organizations are shared by every mission and stay. People in no other mission go
        # with it: nothing would show them any more, so their personal data must not stay.
        assert conn.exec_driver_sql("SELECT count(*) FROM organization").scalar() > 0
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0


def test_a_write_session_holds_the_write_lock_from_its_first_statement(empty_db):
    other = sqlite3.connect(empty_db.path, timeout=0, isolation_level=None)
    try:
        with write_session(empty_db.engine) as session:
            repo.create_organization(session, name_en="Test")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_failed_write_leaves_nothing_behind(empty_db):
    with pytest.raises(RuntimeError):
        with write_session(empty_db.engine) as session:
            repo.create_organization(session, name_en="Half-written")
            raise RuntimeError("interrupted")
    with read_session(empty_db.engine) as session:
        assert repo.list_organizations(session) == []


def test_schema_head_constant_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def test_a_new_file_is_created_at_head_with_owner_only_permissions(tmp_path):
    db = open_database(tmp_path / "new.db")
    try:
        assert db.created
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() \
                == SCHEMA_HEAD
        if os.name == "posix":
            assert stat.S_IMODE(os.stat(db.path).st_mode) == 0o600
    finally:
        db.dispose()


def test_a_file_at_the_previous_revision_upgrades_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    upgrade(path, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO organization (id, name_en, name_ja) "
                     "VALUES (1, 'JETRO', 'ジェトロ')")
        conn.execute("INSERT INTO mission VALUES (1, 'OLD-1', 'Old', '旧', '2025-12-01', "
                     "'2025-12-05', 'Asia/Tokyo', 'done')")
        conn.execute("INSERT INTO mission_organizer VALUES (1, 1)")
        conn.execute("INSERT INTO person (id, family_name, given_name, family_name_ja, "
                     "given_name_ja, family_kana, given_kana, title_en, title_ja, email, phone, "
                     "citizenship, dietary, notes, passport_number, organization_id) VALUES "
                     "(1, 'Yamada', 'Taro', '山田', '太郎', 'ヤマダ', 'タロウ', '', '', "
                     "'t@example.jp', '+81312345678', 'JP', '', '', '', 1)")
        conn.execute("INSERT INTO participant VALUES (1, 1, 1, 'head', 'confirmed')")
    db = open_database(path)
    try:
        assert not db.created
        with read_session(db.engine) as session:
            mission = repo.get_mission_by_code(session, code="OLD-1")
            assert mission.organizer_ids == (1,)
            attendees = repo.list_attendees(session, mission_id=mission.id)
        assert [(a.family_name_ja, a.phone, a.role) for a in attendees] == [
            ("山田", "+81312345678", "head")]
    finally:
        db.dispose()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path, empty_db):
    with empty_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='9999'")
    empty_db.dispose()
    before = empty_db.path.read_bytes()
    with pytest.raises(NewerDatabase) as err:
        open_database(empty_db.path)
    assert "9999" in err.value.user_message()
    assert empty_db.path.read_bytes() == before


@pytest.mark.parametrize("content", [
    b"name,email\nTaro,t@example.jp\n",          # a roster saved as CSV
    b"SQLite format 3\x00" + b"\x07" * 200,       # a header and then garbage: a damaged file
])
def test_a_file_that_is_not_our_database_is_refused_and_not_overwritten(tmp_path, content):
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(NotADatabase):
        open_database(path)
    assert path.read_bytes() == content


def test_a_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(NotADatabase):
        open_database(path)


def test_a_missing_folder_is_reported_not_created(tmp_path):
    with pytest.raises(FolderMissing):
        open_database(tmp_path / "no" / "such" / "x.db")
    assert not (tmp_path / "no").exists()


def test_mission_codes_are_unique_and_the_check_ignores_case(demo_db):
    with read_session(demo_db.engine) as session:
        assert repo.code_in_use(session, code="hkd-alb-2026")
    with pytest.raises(Conflict):
        with write_session(demo_db.engine) as session:
            repo.create_mission(session, code="HKD-ALB-2026", title_en="Dup", title_ja="",
                                start_date=date(2027, 1, 1), end_date=date(2027, 1, 2),
                                home_tz="Asia/Tokyo")
