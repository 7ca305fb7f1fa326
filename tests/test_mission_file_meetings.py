"""The meetings and protocol rows (counterparts, a 商談会 with its requests and meetings,
interpreters, ranks, seats) and a mission's site list travel in the mission file by UUID: saved
from SQLite, opened on a real PostgreSQL, saved again, the same document; a newer copy's seat
change is listed and written; undo of a deleted request brings back the same UUID."""

from __future__ import annotations

import json

import jsonschema
from sqlalchemy import select

from documents.mission_file import open_mission_file, read_document, save_mission_file
from documents.mission_file.container import write_document
from documents.mission_file.schema import SCHEMA_FILE
from models import meetings as mt
from models import repository as repo
from models.entities import MeetingRequest, Organization, Seat, Site
from models.global_ids import link_uuid
from models.meetings_demo import seed_meetings_demo
from models.mission_document import mission_document
from models.mission_open import undo_open
from models.mission_removal import remove_mission, restore_mission
from models.site_library import add_to_mission
from models.store.db import open_database, read_session, write_session

CODE = "HKD-ALB-2026"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
# Made once: jsonschema.validate checks the schema itself again on every call (a quarter
# of a second each).
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
PARTS = ("mission_sites", "counterparts", "matchmaking_sessions", "meeting_requests",
         "meetings", "interpreter_assignments", "item_protocols", "protocol_ranks", "seats")


def _with_meetings(db) -> None:
    """The demo's 商談会 and dinner seating, a request by a whole organization, and a library
    site on the mission's list that no item names."""
    with read_session(db.engine) as session:
        mission_id = repo.find_mission_by_code(session, code=CODE).id
    item_id = seed_meetings_demo(db.engine, mission_id)
    with write_session(db.engine) as session:
        org = Organization(name_en="Only requests", name_ja="依頼だけの団体")
        site = Site(name_en="Library only", name_ja="ライブラリのみ", tz="America/New_York")
        session.add_all([org, site])
        session.flush()
        counterpart = session.execute(select(MeetingRequest.counterpart_id)).scalars().first()
        mt.create_request(session, data=mt.RequestData(None, item_id, counterpart,
                                                        organization_id=org.id))
        assert add_to_mission(session, mission_id=mission_id, site_id=site.id)


def _document(engine) -> dict:
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        document = mission_document(session, mission_id=mission.id, sensitive=True)
    document.pop("saved_at")
    return document


def test_meetings_and_the_site_list_go_from_sqlite_to_the_server_and_back(
        demo_db, pg_server, tmp_path):
    _with_meetings(demo_db)
    first = tmp_path / "from-sqlite.kakehashi"
    save_mission_file(demo_db.engine, code=CODE, path=first, sensitive=True)
    saved = read_document(first)
    VALIDATOR.validate(saved)
    assert all(saved[part] for part in PARTS), [p for p in PARTS if not saved[p]]
    assert "Only requests" in {o["name_en"] for o in saved["organizations"]}
    assert "Library only" in {s["name_en"] for s in saved["sites"]}
    server = open_database(pg_server.new_database("template_empty"))
    try:
        result = open_mission_file(server.engine, path=first)
        assert any(line.startswith("Seat: ") for line in result.lines)
        again = tmp_path / "from-server.kakehashi"
        save_mission_file(server.engine, code=CODE, path=again, sensitive=True)
        back = read_document(again)
        VALIDATOR.validate(back)
        back.pop("saved_at"), saved.pop("saved_at")
        assert back == saved                 # every row, every UUID, every reference
        assert _document(server.engine) == _document(demo_db.engine)
        with write_session(server.engine) as session:
            undo_open(session, result.applied)
        with read_session(server.engine) as session:
            assert session.execute(select(MeetingRequest.id)).first() is None
            assert session.execute(select(Seat.item_id)).first() is None
    finally:
        server.dispose()


def test_a_newer_copys_seat_change_is_listed_and_written(any_demo_db, tmp_path):
    _with_meetings(any_demo_db)
    path = tmp_path / "m.kakehashi"
    save_mission_file(any_demo_db.engine, code=CODE, path=path, sensitive=True)
    newer = read_document(path)
    seat = newer["seats"][0]
    seat["seat_no"] += 40
    newer["meetings"] = newer["meetings"][1:]
    write_document(newer, tmp_path / "newer.kakehashi", private=True)
    result = open_mission_file(any_demo_db.engine, path=tmp_path / "newer.kakehashi")
    assert any(line.startswith("Seat ") and f"→ {seat['seat_no']}" in line
               for line in result.lines), result.lines
    gone = read_document(path)["meetings"][0]
    request = next(r for r in newer["meeting_requests"] if r["uuid"] == gone["request"])
    counterpart = next(c["name_en"] for c in newer["counterparts"]
                       if c["uuid"] == request["counterpart"])
    # A removed link is named by its ends as stored here: the request's counterpart and asker.
    assert any(line.startswith(f"Removed: Scheduled meeting {counterpart} · ")
               for line in result.lines), result.lines
    after = _document(any_demo_db.engine)
    assert {s["uuid"]: s["seat_no"] for s in after["seats"]}[seat["uuid"]] == seat["seat_no"]
    assert len(after["meetings"]) == len(newer["meetings"])


def test_undo_of_a_deleted_request_brings_back_its_uuid(any_demo_db):
    _with_meetings(any_demo_db)
    with read_session(any_demo_db.engine) as session:
        request_id, request_uuid = session.execute(
            select(MeetingRequest.id, MeetingRequest.uuid)).first()
    with write_session(any_demo_db.engine) as session:
        data, meeting = mt.delete_request(session, request_id=request_id)
    with write_session(any_demo_db.engine) as session:
        mt.restore_request(session, data, meeting)
    with read_session(any_demo_db.engine) as session:
        assert session.get(MeetingRequest, request_id).uuid == request_uuid


def test_a_removed_mission_comes_back_with_its_meetings_and_site_list_by_uuid(any_demo_db):
    _with_meetings(any_demo_db)
    before = _document(any_demo_db.engine)
    with read_session(any_demo_db.engine) as session:
        mission_id = repo.find_mission_by_code(session, code=CODE).id
    with write_session(any_demo_db.engine) as session:
        removed = remove_mission(session, mission_id=mission_id)
    with write_session(any_demo_db.engine) as session:
        restore_mission(session, removed)
    assert _document(any_demo_db.engine) == before


def test_migration_0014_gives_existing_meeting_rows_their_ids_on_the_server(pg_server):
    from models.store.db import downgrade, upgrade

    url = pg_server.new_database("template_demo")
    db = open_database(url)
    _with_meetings(db)
    before = _document(db.engine)
    db.dispose()
    downgrade(url, "0011")                    # the meetings rows lose their UUIDs
    upgrade(url)
    db = open_database(url)
    try:
        after = _document(db.engine)
    finally:
        db.dispose()
    for part in PARTS:
        assert len(after[part]) == len(before[part]), part
    # A link's id comes back the same (made from its ends); a thing gets a new one, and so
    # does a placed meeting, whose end is its request.
    for meeting in after["meetings"]:
        assert meeting["uuid"] == link_uuid("meeting", meeting["request"])
    for part in ("mission_sites", "matchmaking_sessions", "seats",
                 "interpreter_assignments", "item_protocols", "protocol_ranks"):
        assert {r["uuid"] for r in after[part]} == {r["uuid"] for r in before[part]}, part
    assert not {r["uuid"] for r in after["counterparts"]} & {
        r["uuid"] for r in before["counterparts"]}
