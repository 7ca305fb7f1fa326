"""Duplicating a mission for next year: local times kept in every zone, across DST changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import func, select

from models import repository as repo
from models.duplicate import duplicate_mission
from models.entities import ItemParticipant, Participant, VisitClearance
from models.lodging import RoomData, create_room, rooming_list
from models.store.db import read_session, write_session
from models.times import to_local
from tests.mission_builder import NEW_YORK, TOKYO, Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _local(item, end=False):
    instant, zone = (item.end_utc, item.end_tz) if end else (item.start_utc, item.start_tz)
    local = to_local(instant, zone)
    return local.replace(tzinfo=None), local.tzname()


def _count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_the_demo_copied_with_people_keeps_every_local_time(demo_db):
    with write_session(demo_db.engine) as s:
        old = repo.list_missions(s)[0]
        new_id = duplicate_mission(s, mission_id=old.id, new_code="HKD-ALB-2027",
                                   new_start=date(2027, 12, 6), copy_people=True)
    with read_session(demo_db.engine) as s:
        new = repo.get_mission(s, mission_id=new_id)
        old_items, new_items = (repo.list_items(s, mission_id=m) for m in (old.id, new_id))
        attendees = repo.list_attendees(s, mission_id=new_id)
        stays = rooming_list(s, mission_id=new_id)
        cleared = _count(s, VisitClearance, VisitClearance.item_id.in_([i.id for i in new_items]))
    assert (new.end_date, new.title_en, new.organizer_ids) == (
        date(2027, 12, 12), old.title_en, old.organizer_ids)
    assert len(new_items) == len(old_items)
    for a, b in zip(old_items, new_items, strict=True):
        assert (b.kind, b.title_ja, b.site_en, b.participant_count) == (
            a.kind, a.title_ja, a.site_en, a.participant_count)
        for end in (False, True):   # 364 days later: same weekday, same wall clock and zone
            (was, was_zone), (now, now_zone) = _local(a, end), _local(b, end)
            assert (now - was, now_zone) == (timedelta(days=364), was_zone)
    assert {a.status for a in attendees} == {"invited"} and len(attendees) == 21
    assert [g.family_name for g in stays[1].unroomed] == ["Miller"]
    assert sum(len(r.guests) for r in stays[2].nights[0].rooms) == 13
    assert cleared == 0              # a new visit needs a new clearance


def test_without_people_the_copy_has_items_and_rooms_but_nobody(demo_db):
    with write_session(demo_db.engine) as s:
        old = repo.list_missions(s)[0]
        new_id = duplicate_mission(s, mission_id=old.id, new_code="HKD-ALB-2027",
                                   new_start=date(2027, 12, 6), copy_people=False)
    with read_session(demo_db.engine) as s:
        assert _count(s, Participant, Participant.mission_id == new_id) == 0
        items = repo.list_items(s, mission_id=new_id)
        assert all(i.participant_count == 0 for i in items)
        assert _count(s, ItemParticipant, ItemParticipant.item_id.in_([i.id for i in items])) == 0
        stays = rooming_list(s, mission_id=new_id)
        assert [len(st.nights[0].rooms) for st in stays] == [10, 10, 10]
        assert all(not r.guests for st in stays for r in st.nights[0].rooms)
        assert {i.site_en for i in items} >= {"Albany NanoTech Complex"}   # sites shared


def test_a_visit_moved_across_the_end_of_daylight_time_stays_at_nine(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s, start=date(2026, 10, 19), end=date(2026, 10, 23), home_tz=NEW_YORK)
        sato = b.person("Sato")
        b.item("site_visit", "2026-10-20T09:00", "2026-10-20T12:00", tz=NEW_YORK, people=[sato])
        b.item("flight", "2026-10-22T13:00", "2026-10-23T17:15", tz=NEW_YORK, end_tz=TOKYO,
               people=[sato])
        hotel = b.item("hotel", "2026-10-19T20:00", "2026-10-22T08:00", tz=NEW_YORK)
        create_room(s, RoomData(None, hotel, "single", "7", guest_ids=(sato,)))
        # 22 days later: the visit falls after New York's clocks go back on Nov 1.
        new_id = duplicate_mission(s, mission_id=b.mission_id, new_code="T-NOV",
                                   new_start=date(2026, 11, 10), copy_people=True)
    with read_session(empty_db.engine) as s:
        items = {i.kind: i for i in repo.list_items(s, mission_id=new_id)}
        nights = rooming_list(s, mission_id=new_id)[0].nights
    visit, flight = items["site_visit"], items["flight"]
    assert _local(visit) == (datetime(2026, 11, 11, 9, 0), "EST")
    assert _local(visit, end=True) == (datetime(2026, 11, 11, 12, 0), "EST")
    assert visit.start_utc.hour == 14          # it was 13:00 UTC in October (EDT)
    assert _local(flight, end=True) == (datetime(2026, 11, 14, 17, 15), "JST")
    assert [n.night for n in nights] == [date(2026, 11, d) for d in (10, 11, 12)]
    assert [g.family_name for g in nights[0].rooms[0].guests] == ["Sato"]


def test_the_second_one_thirty_of_a_fall_back_night_stays_the_second(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s, start=date(2026, 11, 1), end=date(2026, 11, 2), home_tz=NEW_YORK)
        b.item("transfer", "2026-11-01T01:30", "2026-11-01T03:00", tz=NEW_YORK, fold=1)
        # 2027 falls back on Sunday, Nov 7: 371 days later, the same night
        new_id = duplicate_mission(s, mission_id=b.mission_id, new_code="T-2027",
                                   new_start=date(2027, 11, 7), copy_people=False)
        [item] = repo.list_items(s, mission_id=new_id)
    assert _local(item) == (datetime(2027, 11, 7, 1, 30), "EST")
    assert (item.end_utc - item.start_utc).total_seconds() == 1.5 * 3600   # 01:30 EST-03:00


def test_a_code_in_use_or_an_unknown_mission_is_refused(demo_db):
    with write_session(demo_db.engine) as s:
        old = repo.list_missions(s)[0]
        with pytest.raises(ValueError):
            duplicate_mission(s, mission_id=old.id, new_code="hkd-alb-2026",
                              new_start=date(2027, 12, 6), copy_people=False)
        with pytest.raises(LookupError):
            duplicate_mission(s, mission_id=9999, new_code="X", new_start=date(2027, 1, 1),
                              copy_people=False)
