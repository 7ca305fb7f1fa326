"""New York's daylight-saving edges: the repeated hour, the skipped hour, and a mission that
spans a change. The rules are in models/wallclock.py's docstring."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import i18n
from i18n.formatting import format_datetime
from models import repository as repo
from models.lodging import RoomData, create_room, rooming_list
from models.readiness import run_checks
from models.store.db import read_session, write_session
from models.times import from_local, to_local
from models.wallclock import is_ambiguous, is_nonexistent, shift_keeping_local_time
from tests.mission_builder import NEW_YORK, TOKYO, Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

FALL_BACK = datetime(2026, 11, 1, 1, 30)       # happens twice: EDT, then EST
SPRING_FORWARD = datetime(2026, 3, 8, 2, 30)   # never happens: 02:00 EST jumps to 03:00 EDT


def test_both_one_thirties_of_the_fall_back_night_are_stored_and_shown_with_their_offset(
        empty_db):
    assert is_ambiguous(FALL_BACK, NEW_YORK) and not is_nonexistent(FALL_BACK, NEW_YORK)
    assert not is_ambiguous(FALL_BACK.replace(hour=3), NEW_YORK)
    with write_session(empty_db.engine) as s:
        b = Builder(s, start=date(2026, 10, 31), end=date(2026, 11, 2), home_tz=NEW_YORK)
        for fold in (0, 1):
            b.item("transfer", FALL_BACK.isoformat(), "2026-11-01T04:00", tz=NEW_YORK,
                   fold=fold, title_en=f"fold {fold}")
    with read_session(empty_db.engine) as s:
        first, second = repo.list_items(s, mission_id=b.mission_id)
    assert (second.start_utc - first.start_utc).total_seconds() == 3600
    assert (first.title_en, second.title_en) == ("fold 0", "fold 1")
    assert format_datetime(first.start_utc, NEW_YORK) == "Sun, Nov 1, 1:30 AM EDT"
    assert format_datetime(second.start_utc, NEW_YORK) == "Sun, Nov 1, 1:30 AM EST"
    i18n.set_language("ja")
    assert format_datetime(second.start_utc, NEW_YORK) == "11月1日(日) 1:30 EST"


def test_a_time_in_the_skipped_hour_moves_forward_by_the_gap():
    assert is_nonexistent(SPRING_FORWARD, NEW_YORK) and not is_ambiguous(SPRING_FORWARD, NEW_YORK)
    instant = from_local(SPRING_FORWARD, NEW_YORK)
    local = to_local(instant, NEW_YORK)
    assert (local.hour, local.minute, local.tzname()) == (3, 30, "EDT")
    assert from_local(SPRING_FORWARD.replace(hour=1), NEW_YORK) < instant
    assert not is_nonexistent(SPRING_FORWARD, TOKYO)          # Japan has no DST


def test_moving_by_days_keeps_the_wall_clock_across_both_changes():
    nine_edt = from_local(datetime(2026, 10, 30, 9), NEW_YORK)
    moved = shift_keeping_local_time(nine_edt, NEW_YORK, 3)
    assert to_local(moved, NEW_YORK).strftime("%d %H:%M %Z") == "02 09:00 EST"
    assert (moved - nine_edt).total_seconds() == 3 * 86400 + 3600
    two_thirty = from_local(datetime(2026, 3, 7, 2, 30), NEW_YORK)
    moved = shift_keeping_local_time(two_thirty, NEW_YORK, 1)     # into the skipped hour
    assert to_local(moved, NEW_YORK).strftime("%H:%M %Z") == "03:30 EDT"


def test_a_mission_across_the_fall_back_weekend_counts_its_nights_and_hours_right(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s, start=date(2026, 10, 30), end=date(2026, 11, 3), home_tz=NEW_YORK)
        sato = b.person("Sato")
        b.item("flight", "2026-10-30T10:00", "2026-10-30T12:00", tz=NEW_YORK,
               from_code="ORD", to_code="ALB", people=[sato])
        hotel = b.item("hotel", "2026-10-30T15:00", "2026-11-02T11:00", tz=NEW_YORK)
        create_room(s, RoomData(None, hotel, "single", "12", guest_ids=(sato,)))
        b.item("meeting", "2026-11-01T00:30", "2026-11-01T01:45", tz=NEW_YORK, fold=0,
               people=[sato])
        b.item("meeting", "2026-11-01T01:30", "2026-11-01T02:30", tz=NEW_YORK, fold=1,
               people=[sato])
        b.item("flight", "2026-11-02T14:00", "2026-11-02T16:00", tz=NEW_YORK,
               from_code="ALB", to_code="ORD", people=[sato])
    with read_session(empty_db.engine) as s:
        stay = rooming_list(s, mission_id=b.mission_id)[0]
        found = run_checks(s, mission_id=b.mission_id, today=date(2026, 10, 1))
    assert [n.night for n in stay.nights] == [date(2026, 10, 30), date(2026, 10, 31),
                                              date(2026, 11, 1)]
    # 00:30-01:45 EDT ends before the second 01:30 (EST) begins: an hour apart in real time.
    # (The clocks fall back on a Sunday: the meetings are reported as on a weekend, only.)
    assert [f.kind for f in found] == ["day_off", "day_off"]
