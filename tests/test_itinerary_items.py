"""models.items on a real demo database: an item read, changed and deleted, and a deleted item
put back with its id, its people, the host's clearances and its rooms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models import items
from models import repository as repo
from models.entities import ItemParticipant, Room, RoomGuest, VisitClearance
from models.store.db import read_session, write_session

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _item(db, kind: str, words: str = ""):
    with read_session(db.engine) as session:
        mission = repo.list_missions(session)[0]
        row = next(r for r in repo.list_items(session, mission_id=mission.id)
                   if r.kind == kind and words in r.title_en)
        return mission, row


def _counts(db, item_id: int) -> tuple[int, int, int, int]:
    with read_session(db.engine) as session:
        rooms = session.exec(select(Room.id).where(Room.item_id == item_id)).all()
        return (len(session.exec(select(ItemParticipant).where(
                    ItemParticipant.item_id == item_id)).all()),
                len(session.exec(select(VisitClearance).where(
                    VisitClearance.item_id == item_id)).all()),
                len(rooms),
                len(session.exec(select(RoomGuest).where(
                    RoomGuest.room_id.in_(rooms))).all()) if rooms else 0)


def test_a_deleted_hotel_stay_comes_back_with_its_id_rooms_and_guests(demo_db):
    _mission, hotel = _item(demo_db, "hotel", "Sapporo")
    before = _counts(demo_db, hotel.id)
    assert before[2] > 0 and before[3] > 0
    with write_session(demo_db.engine) as session:
        removed = items.delete_item(session, item_id=hotel.id)
    assert _counts(demo_db, hotel.id) == (0, 0, 0, 0)
    with write_session(demo_db.engine) as session:
        assert items.restore_item(session, removed) == hotel.id
    assert _counts(demo_db, hotel.id) == before


def test_a_deleted_site_visit_keeps_its_visitors_clearance_status(demo_db):
    _mission, visit = _item(demo_db, "site_visit", "Rapidus")
    before = _counts(demo_db, visit.id)
    assert before[1] > 0
    with write_session(demo_db.engine) as session:
        removed = items.delete_item(session, item_id=visit.id)
    with write_session(demo_db.engine) as session:
        items.restore_item(session, removed)
    assert _counts(demo_db, visit.id) == before


def test_an_update_replaces_who_takes_part_and_refuses_an_end_before_the_start(demo_db):
    mission, meeting = _item(demo_db, "meeting", "Hokkaido Government")
    with read_session(demo_db.engine) as session:
        data = items.get_item(session, item_id=meeting.id)
    assert not data.values["everyone"] and len(data.participant_ids) == 13
    data.values["everyone"] = True
    with write_session(demo_db.engine) as session:
        items.update_item(session, item_id=meeting.id,
                          data=items.ItemData(data.values, data.participant_ids))
    assert _counts(demo_db, meeting.id)[0] == 0
    bad = dict(data.values, end_utc=data.values["start_utc"] - timedelta(minutes=5))
    with pytest.raises(ValueError), write_session(demo_db.engine) as session:
        items.update_item(session, item_id=meeting.id, data=items.ItemData(bad))
    with read_session(demo_db.engine) as session:
        assert items.item_people(session, mission_id=mission.id).get(meeting.id) is None


def test_an_unknown_zone_is_refused(demo_db):
    mission, meeting = _item(demo_db, "meeting", "Hokkaido Government")
    with read_session(demo_db.engine) as session:
        data = items.get_item(session, item_id=meeting.id)
    data.values["end_tz"] = "Asia/Tokio"
    with pytest.raises(ValueError), write_session(demo_db.engine) as session:
        items.create_item(session, mission_id=mission.id, data=data)
