"""The itinerary's days and one day's timeline layout, without a window: days follow the local
date of the place, a trans-Pacific day spans both clocks, overlapping items sit side by side."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import repository as repo
from models.store.db import read_session
from models.times import from_local, to_local
from ui.itinerary.day_layout import day_zone, item_day, layout_day, mission_days, other_zone
from ui.itinerary.move_dialog import moved
from ui.itinerary.time_checks import End, end_state, find_problems, fold_choices, next_valid

NY, TOKYO = "America/New_York", "Asia/Tokyo"


@pytest.fixture
def demo(demo_db):
    with read_session(demo_db.engine) as session:
        mission = repo.list_missions(session)[0]
        return mission, repo.list_items(session, mission_id=mission.id)


def _by_title(rows, words: str):
    return next(r for r in rows if words in r.title_en)


def test_an_item_belongs_to_the_local_date_of_its_start_in_its_start_zone(demo):
    _mission, rows = demo
    outbound = _by_title(rows, "New York JFK (NH 110)")
    assert item_day(outbound) == date(2026, 12, 9)             # 17:55 JST, Dec 9
    transfer = _by_title(rows, "Transfer JFK Airport to Albany")
    assert item_day(transfer) == date(2026, 12, 9)             # 18:15 EST, Dec 9 in New York
    assert transfer.start_utc.date() == date(2026, 12, 9) and \
        to_local(transfer.start_utc, TOKYO).date() == date(2026, 12, 10)


def test_the_mission_days_run_from_its_start_to_its_end(demo):
    mission, rows = demo
    days = mission_days(mission.start_date, mission.end_date, rows)
    assert days[0] == date(2026, 12, 7) and days[-1] == date(2026, 12, 13) and len(days) == 7
    late = rows[0]._replace(id=999, start_utc=from_local(datetime(2027, 1, 5, 9), TOKYO),
                            end_utc=from_local(datetime(2027, 1, 5, 10), TOKYO))
    assert mission_days(mission.start_date, mission.end_date, rows + [late])[-1] == \
        date(2027, 1, 5)


def test_the_other_side_clock_is_new_york_beside_tokyo_and_tokyo_beside_new_york():
    assert other_zone(TOKYO) == NY
    assert other_zone(NY) == TOKYO
    assert other_zone("America/Los_Angeles") == TOKYO


def test_the_day_of_the_outbound_flight_runs_from_tokyo_morning_to_new_york_night(demo):
    mission, rows = demo
    day = layout_day(date(2026, 12, 9), rows, mission.home_tz)
    assert (day.zone, day.other) == (TOKYO, NY)
    assert to_local(day.start, TOKYO).hour == 9                 # the signing is at 10:00 JST
    end = to_local(day.at(day.hours), NY)
    assert (end.date(), end.hour) == (date(2026, 12, 9), 22)   # the JFK transfer ends 21:30 EST
    flight = next(b for b in day.blocks if "NH 110" in b.row.title_en)
    assert flight.shift == 0                                    # lands the same date, by the clock
    assert day.at(flight.top) == flight.row.start_utc
    assert [b.row.kind for b in day.bands] == ["hotel"]         # hotels are bands, not blocks


def test_the_return_flight_is_marked_plus_one_day_and_its_landing_shows_the_next_day(demo):
    mission, rows = demo
    back = next(b for b in layout_day(date(2026, 12, 12), rows, mission.home_tz).blocks
                if "NH 109" in b.row.title_en)
    assert back.shift == 1
    landing = layout_day(date(2026, 12, 13), rows, mission.home_tz)
    arriving = next(b for b in landing.blocks if "NH 109" in b.row.title_en)
    assert arriving.cut_top and not arriving.cut_bottom        # began the day before
    assert landing.zone == TOKYO


def test_overlapping_items_sit_side_by_side_and_others_take_the_full_width(demo):
    mission, rows = demo
    lunch = _by_title(rows, "Luncheon hosted by JETRO")
    clash = lunch._replace(id=900, title_en="Press interview", kind="meeting")
    later = lunch._replace(id=901, start_utc=lunch.end_utc,
                           end_utc=lunch.end_utc + (lunch.end_utc - lunch.start_utc))
    day = layout_day(date(2026, 12, 9), rows + [clash, later], mission.home_tz)
    placed = {b.row.id: (b.column, b.columns) for b in day.blocks}
    assert {placed[lunch.id], placed[900]} == {(0, 2), (1, 2)}
    assert placed[901] == (0, 1)                               # starts as the lunch ends


def test_a_day_without_items_is_in_the_place_where_the_last_item_ended(demo):
    mission, rows = demo
    rows = [r for r in rows if item_day(r) != date(2026, 12, 11)]
    assert day_zone(date(2026, 12, 11), rows, mission.home_tz) == NY
    day = layout_day(date(2026, 12, 11), rows, mission.home_tz)
    assert day.hours >= 8 and not day.blocks


def test_the_spring_forward_gap_is_named_with_the_next_valid_time():
    gap = End(datetime(2026, 3, 8, 2, 30), NY)
    assert end_state(gap) == "gap"
    assert next_valid(gap.local, NY) == from_local(datetime(2026, 3, 8, 3, 0), NY)
    message = find_problems(title_en="Call", title_ja="", start=gap,
                            end=End(datetime(2026, 3, 8, 4), NY))["start"]
    assert "2:30 AM does not exist" in message and "3:00 AM EDT" in message


def test_the_fall_back_hour_offers_both_offsets_first_one_first():
    assert fold_choices(datetime(2026, 11, 1, 1, 30), NY) == [
        "1:30 AM EDT (UTC\u22124)", "1:30 AM EST (UTC\u22125)"]
    first, second = (End(datetime(2026, 11, 1, 1, 30), NY, fold) for fold in (0, 1))
    assert end_state(first) == "twice"
    assert (second.instant() - first.instant()).total_seconds() == 3600


def test_an_end_before_the_start_says_both_times_in_their_zones():
    errors = find_problems(title_en="NH 109", title_ja="",
                           start=End(datetime(2026, 12, 12, 13, 0), NY),
                           end=End(datetime(2026, 12, 12, 17, 15), TOKYO))
    assert errors["end"] == ("The end (Sat, Dec 12, 5:15 PM JST) must come after the start "
                             "(Sat, Dec 12, 1:00 PM EST); at the start's place the end is "
                             "Sat, Dec 12, 3:15 AM EST.")


def test_moving_by_days_keeps_the_local_clock_across_dst_and_the_duration():
    start = from_local(datetime(2026, 10, 31, 9, 0), NY)       # EDT
    end = from_local(datetime(2026, 10, 31, 10, 30), NY)
    new_start, new_end = moved(start, end, NY, days=2)         # Nov 2 is EST
    assert to_local(new_start, NY).replace(tzinfo=None) == datetime(2026, 11, 2, 9, 0)
    assert new_end - new_start == end - start
    assert moved(start, end, NY, hours=-3)[0] == from_local(datetime(2026, 10, 31, 6), NY)
