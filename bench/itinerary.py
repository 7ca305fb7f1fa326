"""Readiness benchmark: all checks (models.readiness.run_checks, loading included) on a mission of
200 attendees and 1,500 items, timed in a fresh read session each round as the Overview panel
runs them after an edit. Goal: median under 100 ms. Then the redraw of the busiest day's
timeline after an edit (an item moved, the rows read again): layout and paint, goal under 16 ms.

The mission: 14 days (6 in Tokyo, a travel day, 6 in New York, the flight home), ten breakout
tracks of 20 chosen people with 12 sessions a day (some of them site visits), meals for
everyone, four flights each way with their airport transfers, and two hotel stays with 105
rooms each. Run: `python bench/itinerary.py --runs 30`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from models import repository as repo  # noqa: E402
from models.entities import (  # noqa: E402
    ItemParticipant,
    ItineraryItem,
    Room,
    RoomGuest,
    VisitClearance,
)
from models.readiness import run_checks  # noqa: E402
from models.store.db import open_database, read_session, write_session  # noqa: E402
from models.times import from_local  # noqa: E402

GOAL_MS = 100
REDRAW_GOAL_MS = 16
START = date(2026, 12, 1)
TOKYO, NEW_YORK = "Asia/Tokyo", "America/New_York"
PEOPLE, TRACKS, SLOTS = 200, 10, 12


def _at(day: int, hh_mm: str, zone: str) -> datetime:
    hour, minute = map(int, hh_mm.split(":"))
    return from_local(datetime.combine(START + timedelta(days=day), datetime.min.time())
                      .replace(hour=hour, minute=minute), zone)


def build(engine) -> tuple[int, dict[str, int]]:
    """Write the mission; returns its id and its sizes."""
    with write_session(engine) as s:
        mission_id = repo.create_mission(s, code="BENCH", title_en="Bench mission", title_ja="",
                                         start_date=START, end_date=START + timedelta(days=14),
                                         home_tz=TOKYO)
        org = repo.create_organization(s, name_en="Bench Co.")
        sites = [repo.create_site(s, name_en=f"Site {n}", tz=zone, notice_days=14,
                                  required_fields="full_legal_name,citizenship,date_of_birth,"
                                                  "passport_number,visa_type")
                 for n, zone in enumerate((TOKYO, TOKYO, NEW_YORK, NEW_YORK, NEW_YORK))]
        people = []
        for n in range(PEOPLE):
            role, status = (("host", "confirmed") if n >= 190 else
                            ("delegate", "invited" if n >= 185 else "confirmed"))
            person = repo.create_person(
                s, family_name=f"Family{n:03d}", given_name="Given", citizenship="JP",
                title_en="Engineer", organization_id=org, date_of_birth=date(1980, 1, 1),
                passport_number=f"TK{n:07d}", passport_expiry=date(2030, 1, 1),
                visa_type="" if n % 40 == 0 else "ESTA")
            people.append(repo.add_participant(s, mission_id=mission_id, person_id=person,
                                               role=role, status=status))
        items: list[tuple[ItineraryItem, list[int]]] = []

        def add(kind, start, end, zone, who, end_zone=None, **fields):
            item = ItineraryItem(mission_id=mission_id, kind=kind, title_en=f"{kind} {len(items)}",
                                 start_utc=start, end_utc=end, start_tz=zone,
                                 end_tz=end_zone or zone, everyone=who is None, **fields)
            items.append((item, who or []))

        for day in [d for d in range(13) if d != 6]:
            zone = TOKYO if day < 6 else NEW_YORK
            for meal, (a, b) in (("breakfast", ("07:30", "08:30")), ("lunch", ("12:00", "13:00")),
                                 ("dinner", ("18:30", "20:00"))):
                add("meal", _at(day, a, zone), _at(day, b, zone), zone, None, title_ja=meal)
            slots = [("08:45", "09:30"), ("09:30", "10:15"), ("10:15", "11:00"),
                     ("11:00", "11:45"), ("13:15", "14:00"), ("14:00", "14:45"),
                     ("14:45", "15:30"), ("15:30", "16:15"), ("16:15", "17:00"),
                     ("17:00", "17:45"), ("17:45", "18:15"), ("11:45", "12:00")][:SLOTS]
            for track in range(TRACKS):
                who = people[track * 20:(track + 1) * 20]
                for n, (a, b) in enumerate(slots):
                    visit = (n + track) % 6 == 0
                    add("site_visit" if visit else ("seminar" if n % 2 else "meeting"),
                        _at(day, a, zone), _at(day, b, zone), zone, who,
                        site_id=sites[(2 if zone == NEW_YORK else 0) + track % 2] if visit
                        else None)
        add("free_time", _at(3, "20:00", TOKYO), _at(3, "22:00", TOKYO), TOKYO, None)
        for group in range(4):                     # four flights each way, 50 people each
            who = people[group * 50:(group + 1) * 50]
            add("transfer", _at(6, "13:00", TOKYO), _at(6, "14:30", TOKYO), TOKYO, who,
                to_code="HND")
            add("flight", _at(6, "17:55", TOKYO), _at(6, "16:45", NEW_YORK), TOKYO, who,
                end_zone=NEW_YORK, from_code="HND", to_code="JFK")
            add("transfer", _at(6, "18:15", NEW_YORK), _at(6, "21:15", NEW_YORK), NEW_YORK, who,
                from_code="JFK")
            add("flight", _at(13, "13:00", NEW_YORK), _at(14, "17:15", TOKYO), NEW_YORK, who,
                end_zone=TOKYO, from_code="JFK", to_code="HND")
        hotels = []
        for a, b, zone in (((0, "15:00"), (6, "10:00"), TOKYO),
                           ((6, "21:30"), (13, "06:00"), NEW_YORK)):
            add("hotel", _at(*a, zone), _at(*b, zone), zone, None)
            hotels.append(items[-1][0])
        while len(items) < 1500:                   # evening receptions for everyone
            day = len(items) % 6
            add("meal", _at(day, "20:15", TOKYO), _at(day, "21:30", TOKYO), TOKYO, None)
        s.add_all([item for item, _ in items])
        s.flush()
        # Objects, not a bulk insert: a link's UUID comes from its ends when it is made.
        links = [ItemParticipant(item_id=item.id, participant_id=p)
                 for item, who in items for p in who]
        s.add_all(links)
        s.add_all([VisitClearance(item_id=v.id, participant_id=p,
                                  status="cleared" if p % 7 else "submitted")
                   for v, who in items if v.kind == "site_visit" for p in who])
        guests = people[:185]
        rooms = [Room(item_id=h.id, room_type="twin" if n < 85 else "single", label=str(n))
                 for h in hotels for n in range(105)]
        s.add_all(rooms)
        s.flush()
        rows = []
        for h in range(2):
            rest = guests[:-2] if h else guests    # two people without a room in New York
            for n, room in enumerate(rooms[h * 105:(h + 1) * 105]):
                for pid in (rest[2 * n:2 * n + 2] if n < 85 else rest[85 + n:86 + n]):
                    rows.append(RoomGuest(room_id=room.id, participant_id=pid))
        s.add_all(rows)
    return mission_id, {"attendees": len(people), "items": len(items), "links": len(links),
                        "rooms": len(rooms), "room guests": len(rows)}


def time_redraw(engine, mission_id: int, runs: int) -> dict[str, list[float]]:
    """Per round, ms: reading the rows again; laying out and painting the busiest day's
    timeline (what the goal is about); refreshing the whole Itinerary tab (list and timeline)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication, QScrollArea

    from models.items import item_people
    from ui.itinerary.day_layout import item_day, layout_day
    from ui.itinerary.itinerary_tab import ItineraryTab
    from ui.itinerary.timeline import DayTimeline

    app = QApplication.instance() or QApplication([])
    with read_session(engine) as session:
        mission = repo.get_mission(session, mission_id=mission_id)
        attendees = repo.list_attendees(session, mission_id=mission_id)
    timeline = DayTimeline()
    view = QScrollArea()
    view.setWidget(timeline)
    view.setWidgetResizable(True)
    view.resize(560, 760)
    view.show()
    tab = ItineraryTab()
    tab.resize(1100, 760)
    tab.show()
    app.processEvents()
    out: dict[str, list[float]] = {"read": [], "redraw": [], "tab": []}
    for rnd in range(runs + 1):
        started = time.perf_counter()
        with read_session(engine) as session:
            rows = repo.list_items(session, mission_id=mission_id)
            links = item_people(session, mission_id=mission_id)
        read = time.perf_counter()
        counts: dict = {}
        for r in rows:
            counts[item_day(r)] = counts.get(item_day(r), 0) + 1
        day = max(counts, key=counts.get)
        # The edit: one of the day's items 15 minutes later (each round a new instant).
        index = next(i for i, r in enumerate(rows) if item_day(r) == day and r.kind != "hotel")
        step = timedelta(minutes=15 * (rnd + 1))
        rows[index] = rows[index]._replace(start_utc=rows[index].start_utc + step,
                                           end_utc=rows[index].end_utc + step)
        begun = time.perf_counter()
        timeline.set_layout(layout_day(day, rows, mission.home_tz))
        timeline.repaint()
        drawn = time.perf_counter()
        tab.show_mission(mission, rows, attendees, links)
        tab.set_day(day)
        tab.repaint()
        done = time.perf_counter()
        if rnd:
            out["read"].append((read - started) * 1000)
            out["redraw"].append((drawn - begun) * 1000)
            out["tab"].append((done - drawn) * 1000)
    out["blocks"] = [len(timeline.blocks_drawn())]
    view.close()
    tab.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="counted rounds (default 30)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-bench-"))
    try:
        db = open_database(tmp / "bench.db")
        mission_id, sizes = build(db.engine)
        today = START - timedelta(days=20)
        times, found = [], []
        for rnd in range(args.runs + 1):           # round 0 warms caches and is not counted
            with read_session(db.engine) as session:
                started = time.perf_counter()
                found = run_checks(session, mission_id=mission_id, today=today)
                elapsed = (time.perf_counter() - started) * 1000
            if rnd:
                times.append(elapsed)
        redraw = time_redraw(db.engine, mission_id, args.runs)
        db.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    import sqlalchemy

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}")
    print("mission: " + ", ".join(f"{n} {what}" for what, n in sizes.items()))
    print(f"findings: {len(found)}")
    median = statistics.median(times)
    print(f"{args.runs} rounds, run_checks ms: median {median:.1f}, min {min(times):.1f}, "
          f"max {max(times):.1f}")
    print(f"goal: checks < {GOAL_MS} ms: {'MET' if median < GOAL_MS else 'NOT MET'}")
    print(f"busiest day: {redraw['blocks'][0]} blocks drawn")
    for key, what in (("read", "read the rows again (list_items, links)"),
                      ("redraw", "redraw the day's timeline (layout + paint)"),
                      ("tab", "refresh the whole Itinerary tab (list + timeline)")):
        values = redraw[key]
        print(f"{args.runs} rounds, {what} ms: median {statistics.median(values):.1f}, "
              f"min {min(values):.1f}, max {max(values):.1f}")
    redraw_median = statistics.median(redraw["redraw"])
    print(f"goal: redraw < {REDRAW_GOAL_MS} ms: "
          f"{'MET' if redraw_median < REDRAW_GOAL_MS else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
