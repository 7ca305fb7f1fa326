"""Aware instants: stored as UTC with each end's zone, shown in the place's own clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from models import repository as repo
from models.entities import ItineraryItem
from models.store.db import read_session, write_session
from models.times import day_shift, from_local, to_local

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _mission(db) -> int:
    with write_session(db.engine) as session:
        return repo.create_mission(session, code="T-1", title_en="T", title_ja="",
                                   start_date=datetime(2026, 12, 7).date(),
                                   end_date=datetime(2026, 12, 13).date(), home_tz="Asia/Tokyo")


def test_flight_hnd_to_jfk_lands_before_it_left_by_local_clock(empty_db):
    mission_id = _mission(empty_db)
    departs = from_local(datetime(2026, 12, 9, 17, 55), "Asia/Tokyo")
    lands = from_local(datetime(2026, 12, 9, 16, 45), "America/New_York")
    with write_session(empty_db.engine) as session:
        repo.create_item(session, mission_id=mission_id, kind="flight", title_en="NH 110",
                         start_utc=departs, start_tz="Asia/Tokyo", end_utc=lands,
                         end_tz="America/New_York")
    with read_session(empty_db.engine) as session:
        item = session.exec(select(ItineraryItem)).one()
    assert item.start_utc == datetime(2026, 12, 9, 8, 55, tzinfo=UTC)
    assert item.end_utc.utcoffset().total_seconds() == 0
    assert (item.start_tz, item.end_tz) == ("Asia/Tokyo", "America/New_York")
    local_start = to_local(item.start_utc, item.start_tz)
    local_end = to_local(item.end_utc, item.end_tz)
    assert (local_start.hour, local_start.minute) == (17, 55)
    assert (local_end.hour, local_end.minute) == (16, 45)
    assert local_end.replace(tzinfo=None) < local_start.replace(tzinfo=None)
    assert (item.end_utc - item.start_utc).total_seconds() == 12 * 3600 + 50 * 60
    assert day_shift(item.start_utc, item.start_tz, item.end_utc, item.end_tz) == 0


def test_the_return_flight_lands_the_next_day_across_the_date_line():
    departs = from_local(datetime(2026, 12, 12, 13, 0), "America/New_York")
    lands = from_local(datetime(2026, 12, 13, 17, 15), "Asia/Tokyo")
    assert day_shift(departs, "America/New_York", lands, "Asia/Tokyo") == 1


def test_a_naive_datetime_is_never_stored(empty_db):
    mission_id = _mission(empty_db)
    with pytest.raises(Exception, match="naive"):
        with write_session(empty_db.engine) as session:
            repo.create_item(session, mission_id=mission_id, kind="meeting",
                             start_utc=datetime(2026, 12, 9, 9), start_tz="Asia/Tokyo",
                             end_utc=datetime(2026, 12, 9, 10), end_tz="Asia/Tokyo")


def test_an_item_that_ends_before_it_starts_is_refused(empty_db):
    mission_id = _mission(empty_db)
    start = from_local(datetime(2026, 12, 9, 10), "Asia/Tokyo")
    with pytest.raises(ValueError):
        with write_session(empty_db.engine) as session:
            repo.create_item(session, mission_id=mission_id, kind="meeting", start_utc=start,
                             start_tz="Asia/Tokyo", end_utc=start, end_tz="Asia/Tokyo")


def test_the_repeated_fall_back_hour_in_new_york_has_two_instants():
    first = from_local(datetime(2026, 11, 1, 1, 30), "America/New_York", fold=0)
    second = from_local(datetime(2026, 11, 1, 1, 30), "America/New_York", fold=1)
    assert (second - first).total_seconds() == 3600
    assert to_local(first, "America/New_York").tzname() == "EDT"
    assert to_local(second, "America/New_York").tzname() == "EST"


def test_an_unknown_zone_is_a_value_error():
    with pytest.raises(ValueError, match="unknown time zone"):
        from_local(datetime(2026, 12, 9, 10), "Asia/Atlantis")
