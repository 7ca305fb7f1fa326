"""Attendees in the data layer: add, edit, remove and restore, duplicates, import and its undo."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models import attendees as att
from models import repository as repo
from models.entities import ItemParticipant, Person, RoomGuest, VisitClearance
from models.store.db import read_session, write_session

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _mission_id(db) -> int:
    with read_session(db.engine) as session:
        return repo.list_missions(session)[0].id


def _data(**person) -> att.AttendeeData:
    base = {"family_name": "Yamada", "given_name": "Taro", "family_name_ja": "山田",
            "given_name_ja": "太郎", "email": "taro@example.jp"}
    return att.AttendeeData(person=base | person, role="delegate", status="invited")


def test_an_attendee_round_trips_every_field(demo_db):
    mission_id = _mission_id(demo_db)
    data = _data(notes="=HYPERLINK(\"x\")", passport_number="TZ0000001", latin_unconfirmed=True)
    with write_session(demo_db.engine) as session:
        part_id = att.add_attendee(session, mission_id=mission_id, data=data)
    with read_session(demo_db.engine) as session:
        back = att.get_attendee(session, participant_id=part_id)
    assert {k: back.person[k] for k in data.person} == data.person
    assert (back.role, back.status) == ("delegate", "invited")


def test_removing_and_restoring_puts_back_the_same_rows_and_item_links(demo_db):
    mission_id = _mission_id(demo_db)
    with read_session(demo_db.engine) as session:
        link = session.exec(select(ItemParticipant)).first()
        part_id = link.participant_id
        before = att.get_attendee(session, participant_id=part_id)
        items_before = set(session.exec(select(ItemParticipant.item_id).where(
            ItemParticipant.participant_id == part_id)).all())
    with write_session(demo_db.engine) as session:
        removed = att.remove_attendee(session, participant_id=part_id)
    assert removed.person_deleted
    with read_session(demo_db.engine) as session:
        assert session.get(Person, removed.person["id"]) is None
    with write_session(demo_db.engine) as session:
        att.restore_attendee(session, removed)
    with read_session(demo_db.engine) as session:
        assert att.get_attendee(session, participant_id=part_id) == before
        assert set(session.exec(select(ItemParticipant.item_id).where(
            ItemParticipant.participant_id == part_id)).all()) == items_before
    assert mission_id


def test_the_same_person_is_found_by_name_ignoring_width_and_case_or_by_email(demo_db):
    mission_id = _mission_id(demo_db)
    with write_session(demo_db.engine) as session:
        part_id = att.add_attendee(session, mission_id=mission_id, data=_data())
    with read_session(demo_db.engine) as session:
        assert att.find_duplicates(session, mission_id=mission_id, family="ＹＡＭＡＤＡ",
                                   given="taro", email="") == [part_id]
        assert att.find_duplicates(session, mission_id=mission_id, family="Other",
                                   given="Name", email="TARO@example.jp") == [part_id]
        assert att.find_duplicates(session, mission_id=mission_id, family="Yamada",
                                   given="Taro", email="", except_participant_id=part_id) == []
        assert att.find_duplicates(session, mission_id=mission_id, family="Yamada",
                                   given="Taro", email="someone.else@example.jp") == []


def test_an_import_creates_updates_and_undoes_as_one_step(demo_db):
    mission_id = _mission_id(demo_db)
    with read_session(demo_db.engine) as session:
        existing = repo.list_attendees(session, mission_id=mission_id)[0]
        count = len(repo.list_attendees(session, mission_id=mission_id))
    rows = [
        {"person": {"family_name": "Honma", "given_name": "Kei"}, "organization": "New Org KK",
         "role": "delegate", "person_id": None},
        {"person": {"family_name": existing.family_name, "given_name": existing.given_name,
                    "dietary": "vegan", "email": ""},
         "organization": "", "role": "", "person_id": existing.person_id},
    ]
    with write_session(demo_db.engine) as session:
        result = att.import_attendees(session, mission_id=mission_id, rows=rows)
    assert len(result.created) == 1 and len(result.updated) == 1 and result.organizations
    with read_session(demo_db.engine) as session:
        after = {a.person_id: a for a in repo.list_attendees(session, mission_id=mission_id)}
    assert len(after) == count + 1
    assert after[existing.person_id].dietary == "vegan"
    assert after[existing.person_id].email == existing.email   # empty cells keep the old value
    with write_session(demo_db.engine) as session:
        att.undo_import(session, result)
    with read_session(demo_db.engine) as session:
        back = {a.person_id: a for a in repo.list_attendees(session, mission_id=mission_id)}
        orgs = [o.name_en for o in repo.list_organizations(session)]
    assert len(back) == count and back[existing.person_id] == existing
    assert "New Org KK" not in orgs


def test_restoring_an_attendee_puts_back_their_room_and_clearances(demo_db):
    with read_session(demo_db.engine) as session:
        clearance = session.exec(select(VisitClearance)).first()
        part_id = clearance.participant_id
        rooms = set(session.exec(select(RoomGuest.room_id).where(
            RoomGuest.participant_id == part_id)).all())
    assert rooms, "the demo gives this visitor a room"
    with write_session(demo_db.engine) as session:
        removed = att.remove_attendee(session, participant_id=part_id)
    with write_session(demo_db.engine) as session:
        att.restore_attendee(session, removed)
    with read_session(demo_db.engine) as session:
        assert set(session.exec(select(RoomGuest.room_id).where(
            RoomGuest.participant_id == part_id)).all()) == rooms
        back = session.get(VisitClearance, (clearance.item_id, part_id))
        assert back is not None and back.status == clearance.status
