"""Rooms of hotel stays and the rooming list per hotel and night."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import repository as repo
from models.lodging import (
    RoomData,
    create_room,
    delete_room,
    get_room,
    rooming_list,
    stay_nights,
    update_room,
)
from models.store.db import read_session, write_session
from models.times import from_local
from tests.mission_builder import NEW_YORK, Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _demo_stays(db):
    with read_session(db.engine) as session:
        mission = repo.list_missions(session)[0]
        attendees = {a.participant_id: a.family_name
                     for a in repo.list_attendees(session, mission_id=mission.id)}
        return rooming_list(session, mission_id=mission.id), attendees


def test_the_demo_rooming_list_has_each_hotel_by_night_with_its_rooms(demo_db):
    stays, names = _demo_stays(demo_db)
    assert [(s.check_in, s.check_out, len(s.nights)) for s in stays] == [
        (date(2026, 12, 7), date(2026, 12, 8), 1),     # Sapporo
        (date(2026, 12, 8), date(2026, 12, 9), 1),     # Akasaka
        (date(2026, 12, 9), date(2026, 12, 12), 3),    # Albany, in New York's dates
    ]
    albany = stays[2]
    assert [n.night for n in albany.nights] == [date(2026, 12, d) for d in (9, 10, 11)]
    rooms = albany.nights[0].rooms
    assert {r.room_type for r in rooms} == {"suite", "single", "twin"}
    sharing = [tuple(g.family_name for g in r.guests) for r in rooms if r.room_type == "twin"]
    assert ("Inoue", "Kato") in sharing and all(len(pair) == 2 for pair in sharing)
    assert albany.nights[1].rooms == rooms          # a room is booked for the whole stay
    assert [g.family_name for g in stays[1].unroomed] == ["Miller"]
    assert stays[0].unroomed == () and albany.unroomed == ()


def test_nights_are_counted_in_local_dates_of_each_end():
    # Check in on Dec 9 at 21:30 in New York (Dec 10 in Tokyo by then), out on Dec 12.
    start = from_local(datetime(2026, 12, 9, 21, 30), NEW_YORK)
    end = from_local(datetime(2026, 12, 12, 6, 0), NEW_YORK)
    assert stay_nights(start, NEW_YORK, end, NEW_YORK) == [
        date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11)]
    assert stay_nights(start, NEW_YORK, start, NEW_YORK) == []


def _stay(db):
    with write_session(db.engine) as s:
        b = Builder(s)
        sato, ito, abe = b.person("Sato"), b.person("Ito"), b.person("Abe")
        hotel = b.item("hotel", "2026-12-09T20:00", "2026-12-11T08:00", tz=NEW_YORK)
        meeting = b.item("meeting", "2026-12-10T09:00", "2026-12-10T10:00", tz=NEW_YORK)
        other = Builder(s, code="T-2")
        stranger = other.person("Stranger")
    return hotel, meeting, (sato, ito, abe), stranger


def test_a_room_is_checked_before_it_is_stored(empty_db):
    hotel, meeting, (sato, ito, abe), stranger = _stay(empty_db)
    bad = [
        RoomData(None, meeting, "single", guest_ids=(sato,)),          # not a hotel stay
        RoomData(None, hotel, "dormitory", guest_ids=(sato,)),         # unknown type
        RoomData(None, hotel, "single", guest_ids=(stranger,)),        # another mission
    ]
    for data in bad:
        with pytest.raises(ValueError), write_session(empty_db.engine) as s:
            create_room(s, data)
    with write_session(empty_db.engine) as s:
        create_room(s, RoomData(None, hotel, "twin", "1203", guest_ids=(sato, ito)))
    with pytest.raises(ValueError, match="another room"), write_session(empty_db.engine) as s:
        create_room(s, RoomData(None, hotel, "single", guest_ids=(ito,)))
    with write_session(empty_db.engine) as s:
        create_room(s, RoomData(None, hotel, "single", "1204", guest_ids=(abe,)))


def test_rooms_are_edited_and_deleted_with_what_undo_needs(empty_db):
    hotel, _, (sato, ito, abe), _ = _stay(empty_db)
    with write_session(empty_db.engine) as s:
        room = create_room(s, RoomData(None, hotel, "twin", "1203", "quiet", (sato, ito)))
    with write_session(empty_db.engine) as s:
        before = update_room(s, RoomData(room, hotel, "single", "1205", "", (abe,)))
    assert before == RoomData(room, hotel, "twin", "1203", "quiet", tuple(sorted((sato, ito))))
    with write_session(empty_db.engine) as s:
        gone = delete_room(s, room_id=room)
    with write_session(empty_db.engine) as s:
        assert create_room(s, gone) == room           # redo/undo brings back the same id
        assert get_room(s, room_id=room) == gone
        assert gone.guest_ids == (abe,)
