"""Personal data: a deleted person's passport number and birth date leave the file."""

from __future__ import annotations

from sqlmodel import select

from models import repository as repo
from models.entities import Participant, Person
from models.store.db import read_session, write_session


def test_deleting_a_person_removes_their_data_from_the_file(demo_db):
    # Debian's SQLite is built with secure_delete on; models/store/db.py sets it for builds that are
    # not (python.org's macOS build), so this holds everywhere.
    with demo_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    with read_session(demo_db.engine) as session:
        person = session.exec(select(Person).where(Person.passport_number != "")).first()
    secret = person.passport_number.encode()
    with demo_db.engine.connect() as conn:   # all of the WAL into the main file first
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert secret in demo_db.path.read_bytes()
    with write_session(demo_db.engine) as session:
        repo.delete_person(session, person_id=person.id)
    with demo_db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with read_session(demo_db.engine) as session:
        assert session.get(Person, person.id) is None
        assert session.exec(select(Participant).where(
            Participant.person_id == person.id)).first() is None
    wal = demo_db.path.with_name(demo_db.path.name + "-wal")
    assert secret not in demo_db.path.read_bytes()
    assert not wal.exists() or secret not in wal.read_bytes()
