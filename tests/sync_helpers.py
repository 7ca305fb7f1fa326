"""Laptops and a server for the sync tests: a laptop is a real SQLite file (a copy of the
demo, or a file joined from the server), the server a real PostgreSQL database."""

from __future__ import annotations

import json

from models.store.db import open_database
from models.sync import join_mission, share_mission
from models.sync import local as sync_local
from models.sync.mission_sync import _wire_rows

CODE = "HKD-ALB-2026"


def run(engine, sql: str, *params):
    with engine.begin() as conn:
        return conn.exec_driver_sql(sql, params).fetchall() if sql.lstrip().upper().startswith(
            "SELECT") else conn.exec_driver_sql(sql, params)


def one(engine, sql: str, *params):
    with engine.connect() as conn:
        return conn.exec_driver_sql(sql, params).scalar()


def mission_uuid(engine) -> str:
    return one(engine, "SELECT uuid FROM mission WHERE code = ?", CODE)


def laptops(demo_db, tmp_path, url: str, count: int, organizers=("alice", "bob", "carol")):
    """The demo laptop sharing its mission, and count-1 others joined to it (each file made
    from the server alone)."""
    share_mission(demo_db.engine, CODE, url, organizer=organizers[0])
    out = [demo_db]
    for n in range(1, count):
        path = tmp_path / f"laptop{n}.db"
        join_mission(url, CODE, path, organizer=organizers[n])
        out.append(open_database(path))
    return out


def local_state(engine) -> dict[str, dict]:
    """Every row of the shared mission here, by UUID: its fields as they travel."""
    with engine.connect() as conn:
        rows = _wire_rows(conn, sync_local.mission_rows(conn, mission_uuid(engine)))
    return {r["row"]: r["value"] for r in rows}


def server_state(url: str, mission: str) -> dict[str, dict]:
    """Every live row of the mission on the server, by UUID, as a laptop would hold it: a
    sensitive field the server no longer has (purged when the row was deleted, and the row
    brought back by a conflict's "mine") reads as the laptop's column default, as a laptop
    writes that row."""
    import psycopg

    from models.mission_document import SENSITIVE

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT kind, uuid, fields || secret FROM kakehashi_sync.shared_row "
                            "WHERE mission = %s AND NOT deleted", (mission,)).fetchall()
    defaults = sync_local.columns("people").defaults
    out = {}
    for kind, row_uuid, fields in rows:
        if kind == "people":
            fields = {**{name: defaults.get(name) for name in SENSITIVE}, **fields}
        out[row_uuid] = fields
    return out


def document(engine) -> dict:
    """The shared mission as a mission file would hold it, read by the app's own models (every
    row by UUID, so a laptop's and the server's typed tables compare equal)."""
    from sqlmodel import Session, select

    from models.entities import Mission
    from models.mission_document import mission_document

    with Session(engine) as session:
        mission = session.exec(select(Mission).where(Mission.code == CODE)).one()
        found = mission_document(session, mission_id=mission.id, sensitive=True)
    found.pop("saved_at")
    return found


def server_document(url: str) -> dict:
    """document() of the server database, opened as the app opens one (--db URL)."""
    db = open_database(url)
    try:
        return document(db.engine)
    finally:
        db.dispose()


def server_rows(url: str, sql: str, *params):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def new_person(engine, family: str) -> tuple[str, str]:
    """A person and their place on the mission, added as the app adds them."""
    from sqlmodel import select

    from models.entities import Mission, Participant, Person
    from models.store.db import write_session

    with write_session(engine) as session:
        mission = session.exec(select(Mission).where(Mission.code == CODE)).one()
        person = Person(family_name=family, given_name="New")
        session.add(person)
        session.flush()
        participant = Participant(mission_id=mission.id, person_id=person.id)
        session.add(participant)
        session.flush()
        return person.uuid, participant.uuid


def dumps(value) -> str:
    return json.dumps(value, sort_keys=True)
