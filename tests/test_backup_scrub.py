"""Removal means removal (issue 13 item 3): a removed person's passport number and birth date
leave every backup too, not only the database file."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from models import attendees as att
from models.store.backup import auto_backup, list_backups, verify_backup
from models.store.backup_scrub import finish_pending, scrub_backups
from models.store.db import read_session, write_session
from ui.attendees.commands import RemoveAttendee
from ui.missions.commands import DeleteMission

NOW = datetime(2026, 11, 27, 9, 0)


def _backups(db, days: int = 3) -> list:
    for n in range(days):
        auto_backup(db.path, now=NOW - timedelta(days=n), reason="daily")
    auto_backup(db.path, now=NOW + timedelta(hours=1), reason="migration")
    return [info.path for info in list_backups(db.path)]


def _person(db, participant_id: int) -> dict:
    with read_session(db.engine) as session:
        return att.get_attendee(session, participant_id=participant_id).person


def _people(path) -> dict[str, tuple]:
    with sqlite3.connect(path) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT family_name, passport_number, date_of_birth FROM person")}


def test_removing_a_person_blanks_their_data_in_every_backup_and_keeps_the_others(qapp, demo_db):
    paths = _backups(demo_db)
    gone, kept = _person(demo_db, 1), _person(demo_db, 2)
    assert all(gone["passport_number"].encode() in p.read_bytes() for p in paths)
    stamps = {p: p.stat().st_mtime_ns for p in paths}
    command = RemoveAttendee(demo_db.engine, _Events(), 1, 1, "x")
    command.apply_redo()             # answers at once; the backups are rewritten in a thread
    finish_pending()
    assert command.removed.person_deleted
    for path in paths:
        data = path.read_bytes()
        assert gone["passport_number"].encode() not in data, path.name
        assert gone["date_of_birth"].isoformat().encode() not in data, path.name
        assert _people(path)[kept["family_name"]][0] == kept["passport_number"]
        assert _people(path)[gone["family_name"]] == ("", None)
        verify_backup(path)                      # still a sound backup
        assert path.stat().st_mtime_ns == stamps[path]   # its age, and so the rotation, kept
    assert sorted(p.name for p in paths) == sorted(i.path.name for i in list_backups(
        demo_db.path))
    assert not list(paths[0].parent.glob("*.part"))


def test_deleting_a_mission_blanks_its_people_in_every_backup(qapp, demo_db):
    paths = _backups(demo_db, days=2)
    with sqlite3.connect(demo_db.path) as conn:
        numbers = [r[0] for r in conn.execute(
            "SELECT passport_number FROM person WHERE passport_number != ''")]
    assert len(numbers) > 10
    DeleteMission(demo_db.engine, _Events(), 1, "HKD-ALB-2026").apply_redo()
    finish_pending()
    for path in paths:
        data = path.read_bytes()
        assert not [n for n in numbers if n.encode() in data], path.name


def test_a_person_without_sensitive_data_rewrites_nothing(demo_db):
    paths = _backups(demo_db, days=1)
    with write_session(demo_db.engine) as session:
        pid = att.add_attendee(session, mission_id=1, data=att.AttendeeData(
            person={"family_name": "Plain", "given_name": "Pat"}))
    assert scrub_backups(demo_db.path, person_ids=[10_000 + pid]) == (0, 0)
    assert all(p.exists() for p in paths)


def _Events():
    from ui.common.events import MissionEvents

    return MissionEvents()


def test_a_part_file_a_killed_scrub_left_goes_with_the_next_rotation(demo_db):
    import os
    import time

    from models.store.backup import backups_dir, rotate

    paths = _backups(demo_db, days=1)
    stale = backups_dir(demo_db.path) / f".{paths[0].name}.abc.part"
    fresh = backups_dir(demo_db.path) / f".{paths[0].name}.def.part"   # another one's, now
    for part in (stale, fresh):
        part.write_bytes(b"TK1234567")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    rotate(demo_db.path)
    assert not stale.exists() and fresh.exists()


def test_the_issue_date_is_blanked_and_a_backup_from_before_it_existed_still_scrubs(qapp, demo_db):
    with write_session(demo_db.engine) as session:
        data = att.get_attendee(session, participant_id=1)
        data.person["passport_issued"] = datetime(2021, 6, 1).date()
        att.update_attendee(session, participant_id=1, data=data)
    paths = _backups(demo_db)
    with sqlite3.connect(paths[0]) as conn:        # as a backup made before migration 0011
        for op in ("insert", "update", "delete"):  # (and so before 0017's sync triggers)
            conn.execute(f"DROP TRIGGER sync_person_{op}")
        conn.execute("ALTER TABLE person DROP COLUMN passport_issued")
    RemoveAttendee(demo_db.engine, _Events(), 1, 1, "x").apply_redo()
    finish_pending()
    gone = data.person["family_name"]
    for path in paths:
        assert _people(path)[gone] == ("", None), path.name
    for path in paths[1:]:
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT passport_issued FROM person WHERE family_name = ?",
                                (gone,)).fetchone() == (None,)
